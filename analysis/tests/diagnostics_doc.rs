//! Every diagnostic code is documented, with an example and a fix, in
//! `docs/diagnostics.md`.

use resuma_analysis::Code;

#[test]
fn every_code_has_a_documented_example_and_fix() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/diagnostics.md");
    let doc = std::fs::read_to_string(path).expect("docs/diagnostics.md exists");
    for code in Code::ALL {
        let heading = format!("## {} — {}", code.as_str(), code.title());
        let start =
            doc.find(&heading).unwrap_or_else(|| panic!("docs/diagnostics.md lacks `{heading}`"));
        let section = &doc[start + heading.len()..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        assert!(section.contains("Fix"), "{code}: the entry has no fix");
        assert!(section.contains("```"), "{code}: the entry has no example");
    }
    let codes: Vec<_> = Code::ALL.iter().map(|it| it.as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "codes are unique and in order");
}
