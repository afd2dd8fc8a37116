//! The routes of a Flow crate as `resuma check` lists them: each page file and its URL
//! pattern, with the JavaScript the page ships: the gzip'd chunks of the components it
//! renders (its own, its layouts', and every component they call, by name), as the
//! payload summary measures each component, and the `<Form>` chunk when one of them
//! renders a form. A page whose components have no handler and no form ships 0 B.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use resuma_analysis::payload::{form_chunk_gz_bytes, ComponentPayload};
use resuma_analysis::routes::Route;
use resuma_lsp::pages::CratePages;
use serde::Serialize;

use super::CheckedFile;

/// One route, as `--format json` lists it.
#[derive(Serialize)]
pub(crate) struct RouteJson {
    /// The page file, relative to `src/pages/`.
    pub(crate) file: String,
    /// The axum pattern: `/blog/{slug}`.
    pub(crate) pattern: String,
    /// The page's module under `pages`, for typed links: `blog::slug`.
    pub(crate) module: String,
    /// `page`, or `not_found` for a `_404.rs` (its pattern is its folder's).
    pub(crate) kind: &'static str,
    /// The components the page renders, page first (`Form` for the built-in `<Form>`).
    pub(crate) components: Vec<String>,
    /// The sum of their chunks, gzip bytes (the `<Form>` chunk's included).
    pub(crate) js_gz_bytes: u32,
}

/// The routes of `pages` in precedence order (then the 404 pages), measured from the
/// components of `files`.
pub(crate) fn list(pages: &CratePages, files: &[CheckedFile]) -> Vec<RouteJson> {
    let components: Vec<(&Path, &ComponentPayload)> = files
        .iter()
        .filter_map(|file| Some((file.path.as_path(), &file.analysed.as_ref()?.1)))
        .flat_map(|(path, analysis)| analysis.components.iter().map(move |it| (path, it)))
        .collect();
    let pages_of = |kind, routes: &[Route]| -> Vec<RouteJson> {
        routes.iter().map(|route| measure(pages, route, kind, &components)).collect()
    };
    let mut out = pages_of("page", &pages.table.routes);
    out.extend(pages_of("not_found", &pages.table.not_found));
    out
}

fn measure(
    pages: &CratePages,
    route: &Route,
    kind: &'static str,
    components: &[(&Path, &ComponentPayload)],
) -> RouteJson {
    let files: Vec<_> = std::iter::once(&route.page)
        .chain(&route.layouts)
        .map(|it| pages.dir.join(&it.file))
        .collect();
    // Indices into `components`, page and layouts first, then what they call.
    let mut used: Vec<usize> = files
        .iter()
        .flat_map(|file| (0..components.len()).filter(move |&idx| file == components[idx].0))
        .collect();
    let mut at = 0;
    while at < used.len() {
        for child in &components[used[at]].1.children {
            for (idx, (_, it)) in components.iter().enumerate() {
                if it.name == *child && !used.contains(&idx) {
                    used.push(idx);
                }
            }
        }
        at += 1;
    }
    // `<Form>` is the framework's unless the crate has a component of that name.
    let form = !components.iter().any(|(_, it)| it.name == "Form")
        && used.iter().any(|&idx| components[idx].1.children.iter().any(|it| it == "Form"));
    let mut names = BTreeSet::new();
    let mut listed: Vec<String> = used
        .iter()
        .map(|&idx| components[idx].1.name.clone())
        .filter(|it| names.insert(it.clone()))
        .collect();
    let chunks: u32 = used.iter().map(|&idx| components[idx].1.chunk_gz_bytes).sum();
    if form {
        listed.push("Form".to_owned());
    }
    RouteJson {
        file: route.page.file.clone(),
        pattern: route.pattern.clone(),
        module: route.page.module.clone(),
        kind,
        components: listed,
        js_gz_bytes: chunks + if form { form_chunk_gz_bytes() } else { 0 },
    }
}

/// The human listing, after the payload summary.
pub(crate) fn table(routes: &[RouteJson]) -> String {
    let shown = |it: &RouteJson| {
        if it.kind == "not_found" {
            format!("{} (404)", it.pattern)
        } else {
            it.pattern.clone()
        }
    };
    let pattern_width = routes.iter().map(|it| shown(it).len()).max().unwrap_or(0);
    let file_width = routes.iter().map(|it| it.file.len()).max().unwrap_or(0);
    let mut out =
        String::from("routes (src/pages/; JS: gzip chunks of the components each page renders, and of <Form>):\n");
    for route in routes {
        let _ = writeln!(
            out,
            "  {:pattern_width$}  {:file_width$}  {:>6} B  {}",
            shown(route),
            route.file,
            route.js_gz_bytes,
            route.components.join(", "),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{table, RouteJson};

    #[test]
    fn each_route_is_a_line_with_its_file_and_size() {
        let route = |pattern: &str, file: &str, kind, js_gz_bytes, components: &[&str]| RouteJson {
            file: file.to_owned(),
            pattern: pattern.to_owned(),
            module: String::new(),
            kind,
            components: components.iter().map(|it| (*it).to_owned()).collect(),
            js_gz_bytes,
        };
        let out = table(&[
            route("/", "index.rs", "page", 0, &["Home"]),
            route("/blog/{slug}", "blog/[slug].rs", "page", 312, &["Post", "Counter"]),
            route("/", "_404.rs", "not_found", 0, &["NotFound"]),
        ]);
        assert_eq!(
            out,
            "routes (src/pages/; JS: gzip chunks of the components each page renders, and of <Form>):\n  \
             /             index.rs             0 B  Home\n  \
             /blog/{slug}  blog/[slug].rs     312 B  Post, Counter\n  \
             / (404)       _404.rs              0 B  NotFound\n"
        );
    }
}
