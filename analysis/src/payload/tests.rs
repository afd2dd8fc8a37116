//! Payload: sizes and budget warnings from a file's text.

use crate::check::{analyze, Settings};
use crate::payload::{gzip_size, Budget};

const COUNTER: &str = r#"use resuma::prelude::*;

#[component]
fn Counter() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.update(|c| *c += 1)}>"+"</button> }
}

#[component]
fn Greeter(name: String) -> View {
    let text = use_signal(String::from("héllo <b>"));
    let items = use_signal(vec![1, 22, 333]);
    view! {
        <main>
            <input onInput={move |e| text.set(e.value)}/>
            {view! { <p onClick={move |_| items.update(|v| v.push(4))}>"x"</p> }}
            <button onClick={move |_| text.set(name.clone())}>"reset"</button>
        </main>
    }
}

fn plain() -> View {
    view! { <p>"no component"</p> }
}
"#;

#[test]
fn each_component_has_its_chunk_and_state() {
    let analysis = analyze(COUNTER, &Settings::default());
    assert_eq!(analysis.diagnostics, vec![]);
    let names: Vec<_> = analysis.components.iter().map(|it| it.name.as_str()).collect();
    assert_eq!(names, ["Counter", "Greeter"]);

    let counter = &analysis.components[0];
    assert_eq!(
        &COUNTER[counter.name_range.start as usize..counter.name_range.end as usize],
        "Counter"
    );
    assert_eq!(counter.handlers.len(), 1);
    assert!(
        counter.chunk_source.contains("\nexport const h0=($0, count) =>"),
        "{}",
        counter.chunk_source
    );
    assert_eq!(counter.chunk_bytes as usize, counter.chunk_source.len());
    assert_eq!(counter.chunk_gz_bytes, gzip_size(&counter.chunk_source));
    assert!(counter.chunk_name.as_deref().is_some_and(|it| it.starts_with("Counter.")));
    // `[0]`: one slot, known exactly.
    assert_eq!((counter.state_bytes, counter.state_exact), (3, true));

    // Handlers in source order, the nested view's between its neighbours.
    let greeter = &analysis.components[1];
    let exports: Vec<_> = greeter.handlers.iter().map(|it| it.export.as_str()).collect();
    assert_eq!(exports, ["h0", "h1", "h2"]);
    let first_js = greeter.handlers[1].js.as_deref().unwrap_or_default();
    assert!(first_js.contains("push"), "{first_js}");
    assert!(greeter.chunk_source.contains("export const h2="));
    // "héllo <b>" (2 quotes + 6 + 1 + 6 escaped `<` `>` + 1 ... ) + [1,22,333] + a
    // captured String prop (typical 16), brackets and commas: not exact.
    assert!(!greeter.state_exact);
    let text_len = 2 + "héllo ".len() as u32 + 6 + 1 + 6;
    assert_eq!(greeter.state_bytes, text_len + 10 + 16 + 2 + 2);
}

#[test]
fn a_view_without_component_has_no_payload() {
    let analysis = analyze(
        "fn f() -> View { view! { <p onClick={move |_| ()}>\"x\"</p> } }",
        &Settings::default(),
    );
    assert_eq!(analysis.components, vec![]);
}

#[test]
fn over_budget_components_get_a_warning_on_their_name() {
    let settings = Settings { budget: Budget { chunk_gz_bytes: 40, state_bytes: 2 } };
    let analysis = analyze(COUNTER, &settings);
    let found: Vec<_> = analysis
        .diagnostics
        .iter()
        .map(|it| {
            let at = &COUNTER[it.span.start as usize..it.span.end as usize];
            (it.code.as_str(), it.severity, at, it.message.clone())
        })
        .collect();
    let counter_gz = analysis.components[0].chunk_gz_bytes;
    assert!(counter_gz > 40);
    assert_eq!(found[0].0, "R038");
    assert_eq!(found[0].1, crate::Severity::Warning);
    assert_eq!(found[0].2, "Counter");
    assert_eq!(
        found[0].3,
        format!("`Counter`'s handler chunk is {counter_gz} gzip bytes, over its budget of 40")
    );
    assert_eq!(found[1].3, "`Counter`'s estimated state is 3 bytes, over its budget of 2");
    assert_eq!(found.iter().filter(|it| it.2 == "Greeter").count(), 2);
    // The defaults leave them alone.
    assert!(crate::check(COUNTER).is_empty());
}

#[test]
fn an_untranslatable_handler_keeps_its_index() {
    let text = r#"
#[component]
fn C() -> View {
    let n = use_signal(0);
    view! { <p onClick={move |_| std::process::exit(1)}>"a"</p><p onClick={move |_| n.set(1)}>"b"</p> }
}"#;
    let analysis = analyze(text, &Settings::default());
    let component = &analysis.components[0];
    assert_eq!(component.handlers[0].js, None);
    assert!(component.chunk_source.contains("export const h1="));
    assert!(!component.chunk_source.contains("export const h0="));
}

#[test]
fn gzip_sizes_are_deterministic_and_framed() {
    assert_eq!(gzip_size(""), gzip_size(""));
    // An empty deflate stream at level 9 is 2 bytes, plus the 18-byte gzip frame.
    assert_eq!(gzip_size(""), 20);
}
