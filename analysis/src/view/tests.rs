//! Parser tests: view source in, tree and diagnostics out as text.

use std::fmt::Write;
use std::str::FromStr;

use expect_test::{expect, Expect};
use proc_macro2::TokenStream;

use super::{parse, AttrValue, Node};
use crate::span::LineIndex;

/// Parses `src` as the inside of a `view!` and compares the tree and the diagnostics
/// (with 1-based `line:col` positions and byte ranges) with `expect`.
#[track_caller]
fn check(src: &str, expect: Expect) {
    let tokens = TokenStream::from_str(src).expect("test input lexes");
    let parsed = parse(tokens);
    let mut out = String::new();
    for node in &parsed.tree.nodes {
        write_node(&mut out, node, 0);
    }
    let index = LineIndex::new(src);
    for diagnostic in &parsed.diagnostics {
        let range = diagnostic.span.text_range(0);
        let (start, end) = (index.line_col(range.start), index.line_col(range.end));
        writeln!(
            out,
            "{} {}:{}-{}:{} {} {}",
            diagnostic.code,
            start.line + 1,
            start.col_bytes + 1,
            end.line + 1,
            end.col_bytes + 1,
            range,
            diagnostic.message
        )
        .unwrap();
        for label in &diagnostic.labels {
            writeln!(out, "  label {} {}", label.span.text_range(0), label.message).unwrap();
        }
        if let Some(help) = &diagnostic.help {
            writeln!(out, "  help: {help}").unwrap();
        }
    }
    expect.assert_eq(&out);
}

fn write_node(out: &mut String, node: &Node, depth: usize) {
    let indent = "  ".repeat(depth);
    match node {
        Node::Element(el) => {
            write!(out, "{indent}<{}", el.tag.text).unwrap();
            write_attrs(out, &el.attrs);
            writeln!(
                out,
                "> {}{}",
                el.open_span.text_range(0),
                if el.close_span.is_some() { "" } else { " (no close)" }
            )
            .unwrap();
            el.children.iter().for_each(|child| write_node(out, child, depth + 1));
        }
        Node::Component(c) => {
            write!(out, "{indent}component {}", c.name.text).unwrap();
            write_attrs(out, &c.props);
            writeln!(out, " {}", c.open_span.text_range(0)).unwrap();
            c.children.iter().for_each(|child| write_node(out, child, depth + 1));
        }
        Node::For(block) => {
            write!(out, "{indent}component For").unwrap();
            write_attrs(out, &block.props);
            writeln!(out, " {}", block.open_span.text_range(0)).unwrap();
            block.children.iter().for_each(|child| write_node(out, child, depth + 1));
        }
        Node::Show(block) => {
            write!(out, "{indent}component Show").unwrap();
            write_attrs(out, &block.props);
            writeln!(out, " {}", block.open_span.text_range(0)).unwrap();
            block.children.iter().for_each(|child| write_node(out, child, depth + 1));
        }
        Node::Fragment(f) => {
            writeln!(out, "{indent}fragment {}", f.open_span.text_range(0)).unwrap();
            f.children.iter().for_each(|child| write_node(out, child, depth + 1));
        }
        Node::Text(t) => writeln!(out, "{indent}{:?} {}", t.value, t.span.text_range(0)).unwrap(),
        Node::Expr(b) => {
            writeln!(out, "{indent}{{{}}} {}", b.tokens, b.span.text_range(0)).unwrap()
        }
    }
}

fn write_attrs(out: &mut String, attrs: &[super::Attribute]) {
    for attr in attrs {
        match &attr.value {
            AttrValue::Flag => write!(out, " {}", attr.name.text),
            AttrValue::Str(t) => write!(out, " {}={:?}", attr.name.text, t.value),
            AttrValue::Expr(b) => write!(out, " {}={{{}}}", attr.name.text, b.tokens),
        }
        .unwrap();
        if let Some(event) = attr.event() {
            write!(out, "[{event}]").unwrap();
        }
    }
}

#[test]
fn counter_from_the_design_page() {
    check(
        r#"<button onClick={move |_| count.update(|c| *c += 1)}>"Count: " {count}</button>"#,
        expect![[r#"
            <button onClick={move | _ | count . update (| c | * c += 1)}[click]> 0..53
              "Count: " 53..62
              {count} 63..70
        "#]],
    );
}

#[test]
fn elements_void_elements_and_attributes() {
    check(
        r#"<div class="a" id={id} data-role="x" aria-label="y"><input type="text" disabled/><br><img src="a.png"></div>"#,
        expect![[r#"
            <div class="a" id={id} data-role="x" aria-label="y"> 0..52
              <input type="text" disabled> 52..81
              <br> 81..85 (no close)
              <img src="a.png"> 85..102 (no close)
        "#]],
    );
}

#[test]
fn events_in_both_forms() {
    check(
        r#"<form onSubmit={s} on:keydown={k}><input onInput={i}/></form>"#,
        expect![[r#"
        <form onSubmit={s}[submit] on:keydown={k}[keydown]> 0..34
          <input onInput={i}[input]> 34..54
    "#]],
    );
}

#[test]
fn components_with_props_children_and_paths() {
    check(
        r#"<Card title="x" count={3}><p>"body"</p></Card><ui::Badge label="b"/><my-widget>"w"</my-widget>"#,
        expect![[r#"
            component Card title="x" count={3} 0..26
              <p> 26..29
                "body" 29..35
            component ui::Badge label="b" 46..68
            <my-widget> 68..79
              "w" 79..82
        "#]],
    );
}

#[test]
fn fragments_and_several_roots() {
    check(
        r#"<>"a" <b>"b"</b></> "tail" {x}"#,
        expect![[r#"
        fragment 0..2
          "a" 2..5
          <b> 6..9
            "b" 9..12
        "tail" 20..26
        {x} 27..30
    "#]],
    );
}

#[test]
fn raw_strings_and_escapes_are_text() {
    check(
        r####"<p>r#"say "hi""# "\u{e9}\n"</p>"####,
        expect![[r#"
        <p> 0..3
          "say \"hi\"" 3..16
          "é\n" 17..27
    "#]],
    );
}

#[test]
fn unclosed_child_recovers() {
    check(
        r#"<div><span>"hi"</div>"#,
        expect![[r#"
        <div> 0..5
          <span> 5..11 (no close)
            "hi" 11..15
        R001 1:6-1:12 5..11 <span> is never closed
          help: add </span> where the element ends, or write <span/> if it has no children
    "#]],
    );
}

#[test]
fn unclosed_at_end_of_input() {
    check(
        "<main>\n  <p>\"a\"",
        expect![[r#"
        <main> 0..6 (no close)
          <p> 9..12 (no close)
            "a" 12..15
        R001 1:1-1:7 0..6 <main> is never closed
          help: add </main> where the element ends, or write <main/> if it has no children
        R001 2:3-2:6 9..12 <p> is never closed
          help: add </p> where the element ends, or write <p/> if it has no children
    "#]],
    );
}

#[test]
fn mismatched_close() {
    check(
        r#"<div><p>"a"</span></p></div>"#,
        expect![[r#"
        <div> 0..5
          <p> 5..8
            "a" 8..11
        R002 1:12-1:19 11..18 expected </p>, found </span>
          label 5..8 <p> is opened here
          help: close the innermost open tag first: </p>
    "#]],
    );
}

#[test]
fn stray_close_and_void_close() {
    check(
        r#"<p>"a"</p></p><input></input>"#,
        expect![[r#"
        <p> 0..3
          "a" 3..6
        <input> 14..21 (no close)
        R003 1:11-1:15 10..14 </p> closes nothing
          help: remove it, or open <p> before it
        R003 1:22-1:30 21..29 <input> is a void element and has no closing tag
          help: remove </input>; write <input/> for the element
    "#]],
    );
}

#[test]
fn duplicate_attributes_and_events() {
    check(
        r#"<button class="a" CLASS="b" onClick={f} on:click={g}/><C x={1} x={2}/>"#,
        expect![[r#"
        <button class="a" CLASS="b" onClick={f}[click] on:click={g}[click]> 0..54
        component C x={1} x={2} 54..70
        R004 1:19-1:24 18..23 `CLASS` is set twice on this tag
          label 8..13 first set here
          help: remove one of the two
        R004 1:41-1:49 40..48 `on:click` is set twice on this tag
          label 28..35 first set here
          help: remove one of the two
        R004 1:64-1:65 63..64 `x` is set twice on this tag
          label 57..58 first set here
          help: remove one of the two
    "#]],
    );
}

#[test]
fn unknown_events_suggest_the_nearest() {
    check(
        r#"<button onClik={f} on:inptu={g} onFrobnicate={h} onclick="alert(1)"/>"#,
        expect![[r#"
        <button onClik={f}[clik] on:inptu={g}[inptu] onFrobnicate={h}[frobnicate] onclick="alert(1)"> 0..69
        R005 1:9-1:15 8..14 unknown event `onClik`
          help: did you mean `onClick`?
        R005 1:20-1:28 19..27 unknown event `on:inptu`
          help: did you mean `on:input`?
        R005 1:33-1:45 32..44 unknown event `onFrobnicate`
          help: event attributes are `on` and a DOM event: `onClick`, `onInput`, or `on:click`
        R005 1:50-1:57 49..56 unknown event `onclick`
          help: did you mean `onClick`?
    "#]],
    );
}

#[test]
fn invalid_attribute_values() {
    check(
        r#"<input value=42 checked=true max= /><button onClick="go()"/><a onClick/>"#,
        expect![[r#"
        <input value checked max> 0..36
        <button onClick="go()"[click]> 36..60
        <a onClick[click]> 60..72
        R006 1:8-1:16 7..15 the value of `value` must be a string literal or an expression in braces
          help: write value="…" or value={…}
        R006 1:17-1:29 16..28 the value of `checked` must be a string literal or an expression in braces
          help: write checked="…" or checked={…}
        R006 1:30-1:34 29..33 expected a value after `max=`
          help: write max="…" or max={…}, or drop the `=` for a flag
        R006 1:45-1:59 44..58 the event handler `onClick` must be a closure in braces
          help: write onClick={move |event| …}
        R006 1:64-1:71 63..70 the event handler `onClick` must be a closure in braces
          help: write onClick={move |event| …}
    "#]],
    );
}

#[test]
fn bare_text_is_one_diagnostic_per_run() {
    check(
        r#"<p>Hello world</p><p>{x} 42 "ok"</p>"#,
        expect![[r#"
        <p> 0..3
        <p> 18..21
          {x} 21..24
          "ok" 28..32
        R007 1:4-1:15 3..14 text in view! must be a string literal
          help: put it in quotes: "Hello world", or in braces for a value: {…}
        R007 1:26-1:28 25..27 text in view! must be a string literal
          help: put it in quotes: "42", or in braces for a value: {…}
    "#]],
    );
}

#[test]
fn unexpected_tokens() {
    check(
        r#"<p "x">"a"</p> < 3 <div {spread}></div><a</a>"#,
        expect![[r#"
        <p> 0..7
          "a" 7..10
        <div> 19..33
        <a> 39..41
        R008 1:4-1:7 3..6 unexpected `"x"` in the <p> tag
          help: attributes are written `name`, `name="value"` or `name={expr}`
        R008 1:16-1:17 15..16 expected a tag name after `<`
          help: write an element <div>, a component <Counter/> or a fragment <>; a literal `<` in text goes in a string: "<"
        R007 1:18-1:19 17..18 text in view! must be a string literal
          help: put it in quotes: "3", or in braces for a value: {…}
        R008 1:25-1:33 24..32 unexpected `{…}` in the <div> tag
          help: attributes are written `name`, `name="value"` or `name={expr}`
        R008 1:40-1:42 39..41 expected `>` to end the <a> tag
          help: add `>`, or `/>` for an element without children
    "#]],
    );
}

#[test]
fn all_errors_in_one_pass() {
    check(
        "<section>\n  <h1 onClik={f}>Title</h1>\n  <ul class=1>\n    <li>\"a\"</ul>\n</section></div>",
        expect![[r#"
            <section> 0..9
              <h1 onClik={f}[clik]> 12..27
              <ul class> 40..52
                <li> 57..61 (no close)
                  "a" 61..64
            R005 2:7-2:13 16..22 unknown event `onClik`
              help: did you mean `onClick`?
            R007 2:18-2:23 27..32 text in view! must be a string literal
              help: put it in quotes: "Title", or in braces for a value: {…}
            R006 3:7-3:14 44..51 the value of `class` must be a string literal or an expression in braces
              help: write class="…" or class={…}
            R001 4:5-4:9 57..61 <li> is never closed
              help: add </li> where the element ends, or write <li/> if it has no children
            R003 5:11-5:17 80..86 </div> closes nothing
              help: remove it, or open <div> before it
        "#]],
    );
}

#[test]
fn non_ascii_before_and_inside_spans() {
    check(
        "<p>\"é😀\"</p><é x=1/>",
        expect![[r#"
        <p> 0..3
          "é😀" 3..11
        <é x> 15..24
        R006 1:20-1:23 19..22 the value of `x` must be a string literal or an expression in braces
          help: write x="…" or x={…}
    "#]],
    );
}

#[test]
fn deep_nesting_stops_with_a_diagnostic() {
    let src = "<a>".repeat(super::MAX_DEPTH + 5);
    let parsed = parse(TokenStream::from_str(&src).unwrap());
    let codes: Vec<_> = parsed.diagnostics.iter().map(|it| it.code.as_str()).collect();
    assert_eq!(codes, ["R010"]);
}
