//! `check` reports what the component macro reports for reactive code: thunks, blocks,
//! `computed!`/`effect!`/`debounce!` dependency lists, and structs read from the file.

use resuma_analysis::check;

fn codes(text: &str) -> Vec<(String, String)> {
    check(text)
        .into_iter()
        .map(|it| {
            (
                it.code.as_str().to_owned(),
                text[it.span.start as usize..it.span.end as usize].to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_reactive_examples_are_clean() {
    for path in ["../examples/search-bar/src/main.rs", "../examples/todo-client/src/main.rs"] {
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(codes(&text), [] as [(String, String); 0], "{path}");
    }
}

const BASE: &str = r#"
use resuma::prelude::*;

#[derive(Serialize, Clone)]
struct Todo { id: u32, title: String, done: bool }

#[component]
fn List() -> View {
    let todos: Signal<Vec<Todo>> = use_signal(Vec::new());
    let q = use_signal(String::new());
    let n = use_signal(0);
    BODY
}
"#;

fn with_body(body: &str) -> String {
    BASE.replace("BODY", body)
}

#[test]
fn a_missing_dependency_is_r040_on_the_read() {
    let text = with_body(
        r#"let label = computed!([q], move || format!("{} {}", q.get(), n.get()));
    view! { <p>{label}</p> }"#,
    );
    assert_eq!(codes(&text), [("R040".to_owned(), "n".to_owned())]);
}

#[test]
fn a_malformed_reactive_macro_is_r041() {
    let text = with_body("debounce!([q], move || q.set(String::new()));\n    view! { <p>{q}</p> }");
    assert_eq!(codes(&text), [("R041".to_owned(), "debounce".to_owned())]);
}

#[test]
fn a_component_in_a_client_list_is_r042() {
    let text = with_body(
        r#"view! { <ul><For each={todos} key={|t| t.id} let:todo><Row title={todo.title.clone()}/></For></ul> }"#,
    );
    assert_eq!(codes(&text), [("R042".to_owned(), "<Row title={todo.title.clone()}/>".to_owned())]);
}

#[test]
fn struct_fields_translate_in_templates_and_an_unknown_field_is_reported() {
    let clean = with_body(
        r#"view! { <ul><For each={todos} key={|t| t.id} let:todo>
            <li class={if todo.done { "done" } else { "" }}>{todo.title.clone()}</li>
        </For></ul> }"#,
    );
    assert_eq!(codes(&clean), []);
    let typo = with_body(
        r#"view! { <ul><For each={todos} key={|t| t.id} let:todo><li>{todo.titel.clone()}</li></For></ul> }"#,
    );
    assert_eq!(codes(&typo), [("R025".to_owned(), "todo.titel".to_owned())]);
}

#[test]
fn an_expression_reading_a_signal_must_translate() {
    let text = with_body(
        r#"view! { <p>{if n.get() > 0 { view! { <b>"yes"</b> } } else { view! {} }}</p> }"#,
    );
    assert_eq!(codes(&text)[0].0, "R023");
    // A nested view whose handler uses a signal is not a read: no thunk, no error.
    let nested =
        with_body(r#"view! { <div>{view! { <p onClick={move |_| n.set(1)}>"x"</p> }}</div> }"#);
    assert_eq!(codes(&nested), []);
}
