//! The payload `resuma check` measures is the chunk the server serves: the counter
//! example's components are linked here, and the chunks their `#[component]` expansions
//! register are compared with what analysis builds from the example's text.

#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/counter/src/main.rs"]
mod counter;

use resuma::__private::{inventory, Chunk};
use resuma_analysis::{analyze, Settings};

const COUNTER_SOURCE: &str = include_str!("../../examples/counter/src/main.rs");

#[test]
fn analysis_builds_the_chunks_the_macros_register() {
    let analysis = analyze(COUNTER_SOURCE, &Settings::default());
    let with_chunks: Vec<_> =
        analysis.components.iter().filter(|it| it.chunk_name.is_some()).collect();
    assert!(with_chunks.len() >= 2, "the example has components with handlers");
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
