//! The cross-surface fixtures: for every `Code`, one small Rust file that triggers it,
//! with the expected diagnostics marked under their line (`//^^^^ R020`, the carets under
//! the span, the `//` two columns to their left).
//!
//! Three tests read this table: the macros' expansion (`macros/src/cross_surface.rs`),
//! `resuma check --format json` (`cli/tests/cross_surface.rs`) and the language server
//! (`lsp/tests/cross_surface.rs`); each asserts that it reports exactly the marked codes
//! at the marked spans, so the three agree with each other.
//!
//! A file's first lines may say:
//! - `//! surfaces: check lsp — why` when a code cannot arise on every surface (the
//!   reason is required);
//! - `//! manifest: key = value` for a line of `[package.metadata.resuma]` (budgets);
//! - `//! pages: a.rs blog/[slug].rs` for the files of the crate's `src/pages/` (a Flow
//!   crate: the route codes and the links are checked against its route table); each is
//!   written empty, but for the one `//! file:` names;
//! - `//! file: about.rs` when the fixture's text is that page file (relative to
//!   `src/pages/`) instead of `src/lib.rs`: what the surfaces report on it is compared;
//! - `//! expect: R070 0..0` for a diagnostic at a byte range no carets can mark (the
//!   route codes are reported at the start of the page file they are about).
//!
//! A code without a file fails every one of the three tests.

#![allow(dead_code)]

use std::path::PathBuf;

use resuma_analysis::Code;

/// Where a diagnostic is reported.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Surface {
    /// The compiler, through the macros' `compile_error!`s.
    Macro,
    /// `resuma check --format json`.
    Check,
    /// `resuma-lsp`'s `publishDiagnostics`.
    Lsp,
}

/// One expected (or reported) diagnostic: its code and its byte range in the file.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) struct Found {
    pub(crate) code: String,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// One fixture file.
pub(crate) struct Fixture {
    /// The code it is for.
    pub(crate) code: Code,
    /// Its file name (`R001.rs`).
    pub(crate) name: String,
    /// Its text.
    pub(crate) text: String,
    /// The marked diagnostics, sorted.
    pub(crate) expected: Vec<Found>,
    /// Where the code arises.
    pub(crate) surfaces: Vec<Surface>,
    /// Lines for `[package.metadata.resuma]`.
    pub(crate) manifest: Vec<String>,
    /// The files of `src/pages/`, relative to it.
    pub(crate) pages: Vec<String>,
    /// The page file whose text the fixture is, relative to `src/pages/`; `None` for
    /// `src/lib.rs`.
    pub(crate) file: Option<String>,
}

impl Fixture {
    /// Whether the fixture is checked on `surface`.
    pub(crate) fn on(&self, surface: Surface) -> bool {
        self.surfaces.contains(&surface)
    }

    /// The path of the fixture's text in its crate: `src/lib.rs` or `src/pages/…`.
    pub(crate) fn path(&self) -> String {
        match &self.file {
            Some(file) => format!("src/pages/{file}"),
            None => "src/lib.rs".to_owned(),
        }
    }
}

/// The directory of the fixtures.
pub(crate) fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/diagnostics"))
}

/// The fixture of every code, in `Code::ALL` order; panics naming every code that has
/// none, or whose file marks no diagnostic of its own code.
pub(crate) fn all() -> Vec<Fixture> {
    let mut fixtures = Vec::new();
    let mut missing = Vec::new();
    for &code in Code::ALL {
        let name = format!("{}.rs", code.as_str());
        match std::fs::read_to_string(dir().join(&name)) {
            Ok(text) => fixtures.push(parse(code, name, text)),
            Err(_) => missing.push(code.as_str()),
        }
    }
    assert!(missing.is_empty(), "no fixture in tests/diagnostics/ for {missing:?}");
    fixtures
}

fn parse(code: Code, name: String, text: String) -> Fixture {
    let mut surfaces = vec![Surface::Macro, Surface::Check, Surface::Lsp];
    let mut manifest = Vec::new();
    let mut pages = Vec::new();
    let mut file = None;
    let mut expected = Vec::new();
    // Byte offset and text of the last line that is not a mark.
    let mut marked: Option<(usize, &str)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if let Some(rest) = trimmed.strip_prefix("//! surfaces:") {
            let (list, reason) = rest.split_once('—').unwrap_or((rest, ""));
            assert!(!reason.trim().is_empty(), "{name}: `surfaces:` needs a reason after —");
            surfaces = list
                .split_whitespace()
                .map(|it| match it {
                    "macro" => Surface::Macro,
                    "check" => Surface::Check,
                    "lsp" => Surface::Lsp,
                    other => panic!("{name}: unknown surface {other:?}"),
                })
                .collect();
        } else if let Some(rest) = trimmed.strip_prefix("//! manifest:") {
            manifest.push(rest.trim().to_owned());
        } else if let Some(rest) = trimmed.strip_prefix("//! pages:") {
            pages.extend(rest.split_whitespace().map(str::to_owned));
        } else if let Some(rest) = trimmed.strip_prefix("//! file:") {
            file = Some(rest.trim().to_owned());
        } else if let Some(rest) = trimmed.strip_prefix("//! expect:") {
            let (found_code, range) = rest.trim().split_once(' ').unwrap_or((rest.trim(), ""));
            let (start, end) = range
                .trim()
                .split_once("..")
                .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                .unwrap_or_else(|| panic!("{name}: `expect:` is `CODE START..END`"));
            expected.push(Found { code: found_code.to_owned(), start, end });
        } else if let Some(marks) = trimmed.strip_prefix("//").filter(|it| it.starts_with('^')) {
            let (line_start, above) =
                marked.unwrap_or_else(|| panic!("{name}: a mark with no line above"));
            // The carets stand two columns right of the `//`, in chars of the line above.
            let caret_col = content.chars().count() - trimmed.chars().count() + 2;
            let n_carets = marks.chars().take_while(|&c| c == '^').count();
            let found_code = marks[n_carets..].split_whitespace().next().unwrap_or("").to_owned();
            let byte_at = |col: usize| {
                above.char_indices().nth(col).map_or(above.len(), |(at, _)| at) + line_start
            };
            expected.push(Found {
                code: found_code,
                start: byte_at(caret_col) as u32,
                end: byte_at(caret_col + n_carets) as u32,
            });
        } else {
            marked = Some((offset, content));
        }
        offset += line.len();
    }
    expected.sort();
    assert!(
        expected.iter().any(|it| it.code == code.as_str()),
        "{name} marks no {} diagnostic",
        code.as_str()
    );
    if let Some(file) = &file {
        assert!(pages.contains(file), "{name}: `file: {file}` is not on the `pages:` line");
    }
    Fixture { code, name, text, expected, surfaces, manifest, pages, file }
}

/// The fixture's `Cargo.toml`, for the crate the cli and the server read it in.
pub(crate) fn manifest(fixture: &Fixture) -> String {
    let mut out = String::from(
        "[package]\nname = \"fixture\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\nresuma = \"*\"\n",
    );
    if !fixture.manifest.is_empty() {
        out.push_str("\n[package.metadata.resuma]\n");
        for line in &fixture.manifest {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Writes the fixture as the `src/lib.rs` (or the page file) of a crate of its own under
/// `root` (its `Cargo.toml` carries the fixture's settings, its `src/pages/` the
/// fixture's pages), and returns the crate's directory.
pub(crate) fn write_crate(root: &std::path::Path, fixture: &Fixture) -> PathBuf {
    let dir = root.join(fixture.code.as_str());
    std::fs::create_dir_all(dir.join("src")).expect("a temporary crate");
    std::fs::write(dir.join("Cargo.toml"), manifest(fixture)).expect("its Cargo.toml");
    for page in &fixture.pages {
        let path = dir.join("src/pages").join(page);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("its pages folder");
        std::fs::write(&path, "").expect("a page file");
    }
    std::fs::write(dir.join(fixture.path()), &fixture.text).expect("its text");
    dir
}

/// What differs between the reported diagnostics and the marks, if anything.
pub(crate) fn mismatch(
    surface: Surface,
    fixture: &Fixture,
    mut found: Vec<Found>,
) -> Option<String> {
    found.sort();
    if found == fixture.expected {
        return None;
    }
    let show = |list: &[Found]| {
        list.iter()
            .map(|it| {
                let text = fixture.text.get(it.start as usize..it.end as usize).unwrap_or("?");
                format!("  {} {}..{} {text:?}", it.code, it.start, it.end)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(format!(
        "{surface:?} on {}:\nexpected\n{}\nfound\n{}",
        fixture.name,
        show(&fixture.expected),
        show(&found)
    ))
}

/// Panics with every mismatch at once.
#[track_caller]
pub(crate) fn assert_no_mismatch(mismatches: Vec<String>) {
    assert!(
        mismatches.is_empty(),
        "{} fixtures differ:\n\n{}",
        mismatches.len(),
        mismatches.join("\n\n")
    );
}
