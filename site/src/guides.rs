//! The table of contents: every guide the site shows, in reading order, with its
//! Markdown compiled into the binary (`include_str!`), so the server and
//! `resuma build --static` need no files beside it.

use std::sync::LazyLock;

use crate::markdown;

/// One guide: a Markdown file of the repository.
pub(crate) struct Guide {
    /// The title in the navigation.
    pub title: &'static str,
    /// Its URL segment: `/docs/{slug}`.
    pub slug: &'static str,
    /// Its file, from the repository root.
    pub source: &'static str,
    /// Its Markdown.
    pub markdown: &'static str,
}

macro_rules! guide {
    ($title:literal, $slug:literal, $source:literal) => {
        Guide {
            title: $title,
            slug: $slug,
            source: $source,
            markdown: include_str!(concat!("../../", $source)),
        }
    };
}

/// Every guide, in reading order: the navigation, the previous/next links and the
/// pages `resuma build --static` exports.
pub(crate) static GUIDES: &[Guide] = &[
    guide!("Tutorial 1: a counter", "tutorial-counter", "docs/tutorial/01-counter.md"),
    guide!("Tutorial 2: a list", "tutorial-list", "docs/tutorial/02-list.md"),
    guide!("Tutorial 3: a server function", "tutorial-server-fn", "docs/tutorial/03-server-fn.md"),
    guide!("Tutorial 4: pages and loads", "tutorial-pages", "docs/tutorial/04-pages.md"),
    guide!("Tutorial 5: a form", "tutorial-forms", "docs/tutorial/05-forms.md"),
    guide!("Tutorial 6: a layout", "tutorial-layout", "docs/tutorial/06-layout.md"),
    guide!("Tutorial 7: logging in", "tutorial-auth", "docs/tutorial/07-auth.md"),
    guide!("Tutorial 8: deploying", "tutorial-deploy", "docs/tutorial/08-deploy.md"),
    guide!("Components and views", "components", "framework/src/docs/components.md"),
    guide!("Islands", "islands", "framework/src/docs/islands.md"),
    guide!("Flow: pages from files", "flow", "framework/src/docs/flow.md"),
    guide!("Forms", "forms", "framework/src/docs/forms.md"),
    guide!(
        "Server functions and security",
        "server-functions",
        "framework/src/docs/server-functions.md"
    ),
    guide!("Security", "security", "docs/security.md"),
    guide!("Limits", "limits", "framework/src/docs/limits.md"),
    guide!("Deploying", "deploy", "docs/deploy.md"),
    guide!("Guide: testing end to end", "testing", "docs/guides/testing.md"),
    guide!("Guide: SQL with sqlx and SQLite", "sqlx", "docs/guides/sqlx.md"),
    guide!("Guide: authentication", "auth", "docs/guides/auth.md"),
    guide!("Guide: validation", "validation", "docs/guides/validation.md"),
    guide!("Guide: internationalisation", "i18n", "docs/guides/i18n.md"),
    guide!("Guide: libSQL (Turso)", "libsql", "docs/guides/libsql.md"),
    guide!("The editor and resuma check", "editor", "docs/editor.md"),
    guide!("Flow tooling", "flow-tooling", "docs/flow-tooling.md"),
    guide!("rs2js: Rust handlers in the browser", "rs2js", "docs/rs2js.md"),
    guide!("Resumability wire format", "resumability", "docs/resumability.md"),
    guide!("Diagnostics", "diagnostics", "docs/diagnostics.md"),
];

/// A guide rendered: what its page shows.
pub(crate) struct Page {
    /// The guide's position in [`GUIDES`].
    pub index: usize,
    /// Its body, HTML from trusted repository Markdown (see `markdown`).
    pub html: String,
    /// Its headings (`id`, text), for the search.
    pub headings: Vec<markdown::Heading>,
}

/// Every guide rendered once, on first use.
static PAGES: LazyLock<Vec<Page>> = LazyLock::new(|| {
    GUIDES
        .iter()
        .enumerate()
        .map(|(index, guide)| {
            let (html, headings) = markdown::render(guide.markdown, link);
            Page { index, html, headings }
        })
        .collect()
});

/// The guide whose slug is `slug`, rendered.
pub(crate) fn page(slug: &str) -> Option<&'static Page> {
    PAGES.iter().find(|page| GUIDES[page.index].slug == slug)
}

/// Every guide's headings as `(title, link)`: "Guide › Heading", `/docs/{slug}#id`.
pub(crate) fn headings() -> impl Iterator<Item = (String, String)> {
    PAGES.iter().flat_map(|page| {
        let guide = &GUIDES[page.index];
        page.headings.iter().map(move |(id, text)| {
            (format!("{} › {text}", guide.title), format!("{}#{id}", href(guide)))
        })
    })
}

/// `/docs/{slug}` of a guide.
pub(crate) fn href(guide: &Guide) -> String {
    crate::pages::docs::slug::path(guide.slug)
}

/// Where a link in a guide goes: another guide's `.md` file becomes its page, and so
/// does a rustdoc link to a guide module (`crate::guide::server_functions#csrf`, the
/// framework's guides linking each other); other rustdoc links (`crate::…`) are dropped
/// (their text stays), and only `http(s)`, `mailto`, `#anchors` and relative paths are
/// kept.
fn link(dest: &str) -> Option<String> {
    let (path, anchor) = dest.split_once('#').map_or((dest, None), |(p, a)| (p, Some(a)));
    let file = match path.strip_prefix("crate::guide::") {
        Some(module) => Some(format!("framework/src/docs/{}", module.replace('_', "-"))),
        None if dest.starts_with("crate::") => return None,
        None => path.strip_suffix(".md").map(str::to_owned),
    };
    if let Some(file) = file {
        let name = file.rsplit('/').next().unwrap_or(&file);
        let guide = GUIDES.iter().find(|g| g.source.ends_with(&format!("/{name}.md")))?;
        return Some(match anchor {
            Some(anchor) => format!("{}#{anchor}", href(guide)),
            None => href(guide),
        });
    }
    let scheme = dest.split_once(':').map(|(s, _)| s);
    match scheme {
        Some("http" | "https" | "mailto") => Some(dest.to_owned()),
        Some(s) if !s.contains('/') && !s.contains('#') => None,
        _ => Some(dest.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::GUIDES;

    /// A guide added to `docs/` or `framework/src/docs/` fails this until it has a row.
    #[test]
    fn every_guide_is_in_the_table() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        for dir in ["docs", "docs/tutorial", "docs/guides", "framework/src/docs"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                if let Some(_stem) = name.strip_suffix(".md") {
                    let source = format!("{dir}/{name}");
                    assert!(
                        GUIDES.iter().any(|g| g.source == source),
                        "{source} has no row in GUIDES"
                    );
                }
            }
        }
    }

    /// Every Rust block of every guide is compiled by the test suite, or says why not:
    /// - a block rustdoc runs (no `ignore`) is a doctest: its guide is one of the
    ///   framework's doc modules (`guide` or the `#[cfg(doctest)]` one in its `lib.rs`);
    /// - an `ignore` block whose first line is `// PATH` quotes a file that the workspace
    ///   builds (an example, a template, the framework): its other lines occur in it, in
    ///   order and together, so the guide cannot drift from the code it quotes. PATH is
    ///   from the repository root, or from the app named after it (`// src/x.rs
    ///   (examples/flow)`), or from any example or template holding those lines;
    /// - in a page of `docs/tutorial/`, an `ignore` block whose first line is `// PATH` is
    ///   a file of the tutorial's app, and `cli/tests/tutorial.rs` checks it instead: it
    ///   makes the app with `resuma new`, writes each step's files (step 1's are checked
    ///   as quotes of what `resuma new` wrote), builds and serves every step;
    /// - the examples of `docs/diagnostics.md` are checked by analysis (its
    ///   `diagnostics_doc` test: each reports its code, each fix none);
    /// - any other `ignore` block has a hidden `# // not compiled: REASON` line.
    #[test]
    fn every_rust_block_is_compiled_or_says_why() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let lib = std::fs::read_to_string(format!("{root}/framework/src/lib.rs")).unwrap();
        let (mut doctests, mut quoted, mut reasoned, mut tutorial) = (0, 0, 0, 0);
        let mut wrong = Vec::new();
        for guide in GUIDES {
            for (line, info, code) in rust_blocks(guide.markdown) {
                let at = format!("{}:{line}", guide.source);
                if !info.split([',', ' ']).any(|it| it == "ignore") {
                    let include = match guide.source.strip_prefix("framework/src/") {
                        Some(own) => format!("include_str!(\"{own}\")"),
                        None => format!("include_str!(\"../../{}\")", guide.source),
                    };
                    if !lib.contains(&include) {
                        wrong.push(format!("{at}: a doctest, but lib.rs lacks `{include}`"));
                    }
                    doctests += 1;
                } else if guide.source == "docs/diagnostics.md" {
                    continue;
                } else if guide.source.starts_with("docs/tutorial/") && names_a_file(&code) {
                    tutorial += 1;
                } else if let Some(quote) =
                    code.strip_prefix("// ").and_then(|it| it.split_once('\n'))
                {
                    let (path, rest) = quote;
                    let rest = rest.trim_end_matches('\n');
                    if !quoting(root, path, rest) {
                        wrong.push(format!("{at}: quotes {path}, which does not hold:\n{rest}"));
                    }
                    quoted += 1;
                } else {
                    if !code.lines().any(|it| it.trim().starts_with("# // not compiled: ")) {
                        wrong.push(format!(
                            "{at}: an `ignore` block that quotes no file and says no reason \
                             (`# // not compiled: …`)"
                        ));
                    }
                    reasoned += 1;
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
        assert!(
            doctests > 0 && quoted > 0 && tutorial > 0,
            "{doctests} doctests, {quoted} quotes, {reasoned} reasons, {tutorial} tutorial files"
        );
    }

    /// Whether the block's first line is `// PATH`, one word with a `/` or a `.`: the
    /// rule `cli/tests/tutorial.rs` reads the tutorial's files by.
    fn names_a_file(code: &str) -> bool {
        let first = code.lines().next().and_then(|it| it.strip_prefix("// "));
        first.is_some_and(|path| !path.contains(' ') && path.contains(['/', '.']))
    }

    /// The fenced Rust blocks of `markdown`: the line of the fence, its info string, the code.
    fn rust_blocks(markdown: &str) -> Vec<(usize, &str, String)> {
        let mut blocks = Vec::new();
        let mut lines = markdown.lines().enumerate();
        while let Some((n, line)) = lines.next() {
            let Some(info) = line.trim_start().strip_prefix("```") else { continue };
            let code: Vec<_> = lines
                .by_ref()
                .map(|(_, it)| it)
                .take_while(|it| !it.trim_start().starts_with("```"))
                .collect();
            if info.starts_with("rust") {
                let indent = line.len() - line.trim_start().len();
                let code: Vec<_> =
                    code.iter().map(|it| it.get(indent..).unwrap_or(it.trim_start())).collect();
                blocks.push((n + 1, info, code.join("\n") + "\n"));
            }
        }
        blocks
    }

    /// Whether `path` (as a guide names it) holds `lines`.
    fn quoting(root: &str, path: &str, lines: &str) -> bool {
        let holds = |file: &str| std::fs::read_to_string(file).is_ok_and(|it| it.contains(lines));
        let (path, app) = match path.split_once(" (") {
            Some((path, app)) => (path, Some(app.trim_end_matches(')'))),
            None => (path.split_whitespace().next().unwrap_or(path), None),
        };
        if let Some(app) = app {
            return holds(&format!("{root}/{app}/{path}"));
        }
        if holds(&format!("{root}/{path}")) {
            return true;
        }
        ["examples", "cli/templates"].iter().any(|dir| {
            std::fs::read_dir(format!("{root}/{dir}"))
                .unwrap()
                .any(|app| holds(&format!("{}/{path}", app.unwrap().path().display())))
        })
    }

    /// The framework's guides link each other as rustdoc does; on the site, those are
    /// their pages. Other rustdoc links keep only their text.
    #[test]
    fn rustdoc_links_to_guides_become_their_pages() {
        let link = |dest| super::link(dest);
        assert_eq!(link("crate::guide::islands").as_deref(), Some("/docs/islands"));
        assert_eq!(
            link("crate::guide::server_functions#csrf").as_deref(),
            Some("/docs/server-functions#csrf")
        );
        assert_eq!(link("crate::guide::nope"), None);
        assert_eq!(link("crate::ResumaApp::secret"), None);
        assert_eq!(
            link("../docs/deploy.md#environment").as_deref(),
            Some("/docs/deploy#environment")
        );
    }

    #[test]
    fn slugs_are_unique_and_every_guide_renders() {
        for (i, guide) in GUIDES.iter().enumerate() {
            assert!(GUIDES[..i].iter().all(|g| g.slug != guide.slug), "{}", guide.slug);
            assert!(super::page(guide.slug).is_some_and(|p| !p.html.is_empty()));
        }
    }
}
