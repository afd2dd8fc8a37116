//! `analyze_cached` gives what `analyze` gives, and reuses what did not change.

use crate::check::{analyze, Settings};
use crate::incremental::{analyze_cached, AnalysisCache};
use crate::payload::Budget;

const FILE: &str = r#"//! A file with structs, components, a plain fn and a module.
use resuma::prelude::*;

#[derive(Clone, serde::Serialize)]
struct Todo { title: String, done: bool }

/// Ünïcödé before the components.
#[component]
fn Counter() -> View {
    let count = use_signal(0);
    view! { <button onClick={move |_| count.update(|c| *c += 1)}>"+"</button> }
}

#[component]
fn Todos() -> View {
    let todo = use_signal(Todo { title: String::from("a"), done: false });
    view! { <p onClick={move |_| todo.update(|t| t.done = !t.done)}>"toggle"</p> }
}

static LIMIT: Limit = Limit { n: 1 };

fn plain() -> View {
    view! { <p onClik={move |_| ()}>"x"</p> }
}

mod nested {
    use super::*;
    #[component]
    pub fn Inner() -> View {
        let n = use_signal(1u8);
        view! { <i onClick={move |_| n.set(2)}>"i"</i> }
    }
}
"#;

#[track_caller]
fn agrees(text: &str, settings: &Settings, cache: &mut AnalysisCache) {
    let cached = analyze_cached(text, settings, cache);
    assert_eq!(cached, analyze(text, settings), "in:\n{text}");
}

#[test]
fn the_same_result_as_analyze() {
    let settings = Settings::default();
    for text in [
        FILE,
        include_str!("../../../examples/counter/src/main.rs"),
        include_str!("../../../examples/server-fns/src/main.rs"),
        include_str!("../../../examples/live-search/src/main.rs"),
        "",
        "fn half( {",
    ] {
        agrees(text, &settings, &mut AnalysisCache::new());
    }
    let tight = Settings { budget: Budget { chunk_gz_bytes: 10, state_bytes: 1 } };
    agrees(FILE, &tight, &mut AnalysisCache::new());
}

#[test]
fn edits_reanalyse_only_the_edited_item() {
    let settings = Settings::default();
    let mut cache = AnalysisCache::new();
    agrees(FILE, &settings, &mut cache);
    assert!(cache.n_analysed() >= 7, "{}", cache.n_analysed());
    // Typing in one handler: that component only, the others moved or not.
    let typed = FILE.replace("*c += 1", "*c += 12");
    agrees(&typed, &settings, &mut cache);
    assert_eq!(cache.n_analysed(), 1);
    // A broken tag, then fixed.
    let broken = typed.replace("\"+\"</button>", "\"+\"</butto>");
    agrees(&broken, &settings, &mut cache);
    assert_eq!(cache.n_analysed(), 1);
    agrees(&typed, &settings, &mut cache);
    // A changed struct changes how every component translates: all again.
    let with_field = typed.replace("done: bool }", "done: bool, n: u32 }");
    agrees(&with_field, &settings, &mut cache);
    assert!(cache.n_analysed() >= 7);
    // New settings: all again.
    let tight = Settings { budget: Budget { chunk_gz_bytes: 10, state_bytes: 1 } };
    agrees(&with_field, &tight, &mut cache);
    assert!(cache.n_analysed() >= 7);
    // A comment inserted at the top shifts every range and changes no item.
    let shifted = format!("// é\n{with_field}");
    agrees(&shifted, &tight, &mut cache);
    assert_eq!(cache.n_analysed(), 0);
}

#[test]
fn a_handler_cut_short_is_reported_at_the_same_place_either_way() {
    // Found by `random_edits_agree_with_analyze`: a handler ending in `<` is an error at
    // the end of its input, which syn places nowhere.
    let settings = Settings::default();
    let mut cache = AnalysisCache::new();
    let mut text = FILE.to_owned();
    text.insert(2, '1');
    agrees(&text, &settings, &mut cache);
    text.insert(335, '<');
    agrees(&text, &settings, &mut cache);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, failure_persistence: None, ..Default::default() })]

    /// Random edits, one after the other on one cache: always what `analyze` says.
    #[test]
    fn random_edits_agree_with_analyze(
        edits in proptest::collection::vec((0usize..2000, proptest::sample::select(vec![
            "", "1", "<", "</p>", "{", "}", ";", "\"", "view! { <b>\"x\"</b> }", "onClik",
            "struct S { a: u8 }", "é", "move |_| ()", "#[component]",
        ])), 1..8)
    ) {
        let mut cache = AnalysisCache::new();
        let mut text = FILE.to_owned();
        for (at, insert) in edits {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, insert);
            let cached = analyze_cached(&text, &Settings::default(), &mut cache);
            proptest::prop_assert_eq!(cached, analyze(&text, &Settings::default()));
        }
    }
}
