//! The macros parse a view from the compiler's tokens; `check` finds it in the file's
//! text. Both must report the same diagnostics at the same byte ranges.

use resuma_analysis::view::parse;
use resuma_analysis::{check, Diagnostic, TextRange};
use syn::visit::Visit;

const FILE: &str = r#"
use resuma::prelude::*;

/// ééé — non-ASCII before the views shifts nothing.
#[component]
fn Counter() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.update(|c| *c += 1)}>"Count: " {count}</button> }
}

#[component]
fn Broken(items: Vec<String>) -> View {
    view! {
        <section class="😀">
            <h1 onClik={move |_| ()}>Title</h1>
            <ul class=1>
                {items.iter().map(|it| view! { <li>{it}</span> }).collect::<Vec<_>>()}
            </ul>
        <p>"never closed"
        </section></div>
    }
}

fn plain() -> View {
    resuma::view!(<input value="x" value="y"/>)
}
"#;

struct Views<'a>(&'a mut Vec<Diagnostic<TextRange>>);

impl Visit<'_> for Views<'_> {
    fn visit_macro(&mut self, mac: &syn::Macro) {
        if mac.path.segments.last().is_some_and(|it| it.ident == "view") {
            let parsed = parse(mac.tokens.clone());
            self.0.extend(
                parsed.diagnostics.into_iter().map(|it| it.map_span(|span| span.text_range(0))),
            );
            // Nested views live in expression blocks, which syn keeps as tokens.
            for block in collect_blocks(mac.tokens.clone()) {
                if let Ok(expr) = syn::parse2::<syn::Expr>(block) {
                    self.visit_expr(&expr);
                }
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

fn collect_blocks(tokens: proc_macro2::TokenStream) -> Vec<proc_macro2::TokenStream> {
    tokens
        .into_iter()
        .filter_map(|tt| match tt {
            proc_macro2::TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                Some(g.stream())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn tokens_and_text_give_identical_diagnostics() {
    let file = syn::parse_file(FILE).expect("the fixture is valid Rust");
    let mut from_tokens = Vec::new();
    Views(&mut from_tokens).visit_file(&file);
    from_tokens.sort_by_key(|it| (it.span.start, it.span.end));

    let from_text = check(FILE);
    assert!(from_text.len() >= 6, "fixture should be broken in many ways: {from_text:#?}");
    assert_eq!(from_tokens, from_text);
    let codes: Vec<_> = from_text.iter().map(|it| it.code.as_str()).collect();
    assert_eq!(codes, ["R005", "R007", "R006", "R002", "R001", "R003", "R004"]);
    let flagged: Vec<_> =
        from_text.iter().map(|it| &FILE[it.span.start as usize..it.span.end as usize]).collect();
    assert_eq!(flagged, ["onClik", "Title", "class=1", "</span>", "<p>", "</div>", "value"]);
}

#[test]
fn a_half_typed_file_still_reports_its_views() {
    let text =
        "fn a( {\n let x = ;\nfn b() -> View { view! { <p>\"é\"</b> } }\nfn c() { view! { <div> ";
    let codes: Vec<_> = check(text)
        .iter()
        .map(|it| (it.code.as_str(), &text[it.span.start as usize..it.span.end as usize]))
        .collect();
    assert_eq!(codes, [("R002", "</b>"), ("R009", "{")]);
}

#[test]
fn check_reports_handler_translation_like_the_compiler() {
    let text = r#"
use resuma::prelude::*;

fn log_click() {}

#[component]
fn Counter() -> View {
    let count = use_signal(0);
    let items = vec![1, 2];
    view! {
        <button onClick={move |_| count.update(|c| *c += 1)}>"ok"</button>
        <button onClick={move |_| log_click()}>"rust fn"</button>
        {items.iter().map(|i| view! { <b onClick={js! { state.x.set('y') }}>{*i}</b> }).collect::<Vec<_>>()}
    }
}
"#;
    let found: Vec<_> = check(text)
        .iter()
        .map(|it| (it.code.as_str(), &text[it.span.start as usize..it.span.end as usize]))
        .collect();
    assert_eq!(found, [("R021", "log_click"), ("R037", "'y'")]);

    // Half-typed: the views' syntax is still checked, the handlers are not guessed at.
    let broken = text.replace("fn log_click() {}", "fn log_click( {}");
    let codes: Vec<_> = check(&broken).iter().map(|it| it.code.as_str()).collect();
    assert!(!codes.contains(&"R021"), "{codes:?}");
}

/// Issue #12: a single-quoted string in `js!` (`'hi'`, more than one char) is no Rust
/// token for proc-macro2 outside the compiler, but rustc lexes it as a char literal and
/// the macro reports R037 on it; `check` used to report R009 ("cannot be read as Rust
/// tokens") on the whole view instead.
#[test]
fn a_single_quoted_js_string_is_r037_as_the_compiler_says() {
    let text = r#"
use resuma::prelude::*;

#[component]
fn Hello() -> View {
    view! { <button onClick={js! { console.log('hi', "it's", 'é😀') }}>"Say hi"</button> <p onClik={move |_| ()}/> }
}
"#;
    let found: Vec<_> = check(text)
        .iter()
        .map(|it| (it.code.as_str(), &text[it.span.start as usize..it.span.end as usize]))
        .collect();
    assert_eq!(found, [("R037", "'hi'"), ("R037", "'é😀'"), ("R005", "onClik")]);
}
