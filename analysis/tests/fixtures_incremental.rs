//! The cross-surface fixtures of `tests/diagnostics/` give the same analysis whole and
//! item by item: `resuma check` (whole) and the language server (incremental) agree on
//! every code, signature and placement diagnostics included.

#[path = "../../tests/diagnostics/fixtures.rs"]
mod fixtures;

use resuma_analysis::incremental::{analyze_cached, AnalysisCache};
use resuma_analysis::{analyze, Settings};

#[test]
fn every_fixture_analyses_the_same_whole_and_item_by_item() {
    for fixture in fixtures::all() {
        let settings = Settings::default();
        let whole = analyze(&fixture.text, &settings);
        let items = analyze_cached(&fixture.text, &settings, &mut AnalysisCache::new());
        assert_eq!(whole, items, "{}", fixture.name);
    }
}
