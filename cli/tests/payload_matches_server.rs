//! The payload `resuma check` measures is the chunk the server serves: examples'
//! components are linked here, and the chunks their `#[component]` expansions register
//! are compared with what analysis builds from the examples' text.
//! Both sides read one plan (`resuma_analysis::lower`): the macro prints it, `check`
//! measures it. Every example is here: handlers, `js!{}`, `#[server]` calls, thunks,
//! client blocks (`<For key>`, `<Show>`) and structs, and a static one with no chunk.

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/counter/src/main.rs"]
mod counter;

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/search-bar/src/main.rs"]
mod search_bar;

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/todo-client/src/main.rs"]
mod todo_client;

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/live-search/src/main.rs"]
mod live_search;

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/server-fns/src/main.rs"]
mod server_fns;

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/hello/src/main.rs"]
mod hello;

use resuma::__private::{inventory, Chunk};
use resuma_analysis::{analyze, Settings};

#[track_caller]
fn registered_chunks_match(source: &str, at_least: usize) {
    let analysis = analyze(source, &Settings::default());
    let with_chunks: Vec<_> =
        analysis.components.iter().filter(|it| it.chunk_name.is_some()).collect();
    assert!(with_chunks.len() >= at_least, "the example has components with handlers");
    for component in with_chunks {
        let name = component.chunk_name.as_deref().unwrap_or_default();
        let registered =
            inventory::iter::<Chunk>.into_iter().find(|it| it.name == name).unwrap_or_else(|| {
                let names: Vec<_> =
                    inventory::iter::<Chunk>.into_iter().map(|it| it.name).collect();
                panic!("no chunk named {name} is registered; registered: {names:?}")
            });
        assert_eq!(registered.source, component.chunk_source, "{name}");
    }
}

#[test]
fn handlers_only() {
    registered_chunks_match(include_str!("../../examples/counter/src/main.rs"), 2);
}

#[test]
fn handlers_thunks_and_debounce() {
    registered_chunks_match(include_str!("../../examples/search-bar/src/main.rs"), 2);
}

#[test]
fn keyed_lists_show_blocks_and_structs() {
    registered_chunks_match(include_str!("../../examples/todo-client/src/main.rs"), 1);
}

#[test]
fn a_js_handler() {
    registered_chunks_match(include_str!("../../examples/live-search/src/main.rs"), 1);
}

#[test]
fn server_function_calls() {
    registered_chunks_match(include_str!("../../examples/server-fns/src/main.rs"), 1);
}

#[test]
fn a_static_page_has_no_chunk() {
    let analysis = analyze(include_str!("../../examples/hello/src/main.rs"), &Settings::default());
    assert!(!analysis.components.is_empty());
    assert!(analysis.components.iter().all(|it| it.chunk_name.is_none()));
}
