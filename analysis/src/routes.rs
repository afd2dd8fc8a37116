//! Flow's route table: the files of `src/pages/` in, routes and diagnostics out.
//!
//! Pure functions of a list of paths ([`route_table`]); the caller (a build script, a
//! proc macro, `resuma check`) lists the files, with [`page_files_in`] (the one function
//! here that does IO) or on its own. Nothing panics: every problem is a diagnostic whose
//! span is the path of the file (or `folder/`) it is about.
//!
//! # Conventions
//!
//! Paths are relative to `src/pages/` and `/`-separated.
//!
//! | file                    | route              |
//! |-------------------------|--------------------|
//! | `index.rs`              | `/`                |
//! | `about.rs`              | `/about`           |
//! | `blog/index.rs`         | `/blog`            |
//! | `blog/[slug].rs`        | `/blog/{slug}`     |
//! | `blog/[year]/[slug].rs` | `/blog/{year}/{slug}` |
//! | `[...rest].rs`          | `/{*rest}` (one or more segments) |
//!
//! Patterns are axum 0.8's. A folder name is a static segment or a parameter `[name]`;
//! a catch-all is a file only (R072), since nothing can follow it. Static names hold
//! ASCII letters, digits, `-`, `_` and `.` (they are URL segments as written); a
//! parameter's name is a Rust identifier. Anything else is R071, and so is a name
//! starting with `_` other than the four special files:
//!
//! - `_layout.rs` wraps the pages of its folder and of its subfolders; a page gets the
//!   chain from the root down ([`Route::layouts`]).
//! - `_error.rs` renders the errors of its folder's pages: a page gets the nearest one.
//! - `_404.rs` is the not-found page of its folder: a page gets the nearest one.
//! - `_middleware.rs` runs before the pages of its folder and subfolders, root first.
//!
//! A folder's special files apply to the files inside it: `blog.rs` serves `/blog` from
//! the root folder, so `blog/_layout.rs` wraps `blog/index.rs` but not `blog.rs`.
//!
//! Two files on one route are R070, naming both: `about.rs` and `about/index.rs`, or
//! `[id].rs` and `[slug].rs` (a parameter's name does not tell routes apart). The table
//! keeps the first of them in path order so it stays usable; callers build nothing
//! while a diagnostic is an error. One parameter name used twice on a route is R074.
//!
//! # Order
//!
//! Routes are sorted segment by segment: static segments (by name) before parameters
//! before a catch-all, a route before the longer routes below it, then by file. The
//! order is the same for the same set of files whatever order they come in.
//!
//! The order is Flow's, not axum's: axum 0.8's router refuses a parameter and a
//! catch-all at one position (`/{id}` beside `/{*rest}`), so the caller cannot hand
//! both to `Router::route`: it has to route the catch-all as a fallback.
//!
//! # Module paths
//!
//! Each page file is a Rust module whose path follows its file path, folder by folder:
//! `blog/[slug].rs` is `blog::slug`, `blog/index.rs` is `blog::index`, `_layout.rs` is
//! `_layout`. A name becomes an identifier so:
//!
//! - `[slug]` and `[...rest]` lose their brackets and dots: `slug`, `rest`;
//! - every character but ASCII letters, digits and `_` becomes `_`: `my-page` →
//!   `my_page`, `sitemap.xml` → `sitemap_xml`;
//! - a leading digit gets a `_` before it: `2024` → `_2024`;
//! - a keyword is raw: `type` → `r#type`, except `crate`, `self`, `super` and `Self`
//!   (which cannot be raw), which get a `_` after them: `self_`.
//!
//! A file and a folder of the same name are one module, as in Rust: `blog.rs` is the
//! module `blog` and `blog/[slug].rs` its child `blog::slug`. Two different names of
//! one folder that become the same identifier (`a-b.rs` and `a_b.rs`; `slug.rs` and
//! `[slug].rs`; `404.rs` and `_404.rs`) are R073, naming both.

mod complete;
mod files;
mod lex;
mod link;
mod links;
mod matching;
mod name;
pub mod page_file;
mod walk;

use std::collections::BTreeMap;

use crate::diagnostics::{
    catch_all_folder, invalid_page_name, module_collision, repeated_route_param, route_conflict,
    Diagnostic,
};
use name::{Part, Special, Stem};

pub use complete::{module_completions, ModuleCompletions, ModuleItem};
pub use files::{file_diagnostics, page_diagnostics};
pub use link::{link_path, pattern_of};
pub use links::{check_links, closest_pages, page_links, PageLink};
pub use matching::route_of;
pub use walk::page_files_in;

/// A file under `src/pages/`: the input of [`route_table`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct PageFile {
    /// Relative to `src/pages/`, `/`-separated: `"blog/[slug].rs"`.
    pub path: String,
}

impl PageFile {
    /// A page file at `path`.
    ///
    /// ```
    /// assert_eq!(resuma_analysis::routes::PageFile::new("about.rs").path, "about.rs");
    /// ```
    pub fn new(path: impl Into<String>) -> PageFile {
        PageFile { path: path.into() }
    }
}

/// The routes of a `src/pages/` tree, in precedence order, and what is wrong with it.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct RouteTable {
    /// One per page file (not the special files), sorted as the module docs say.
    pub routes: Vec<Route>,
    /// The `_404.rs` files, each as a route whose pattern is its folder's (`/blog`): it
    /// answers every URL under that folder no route matches. Sorted as `routes`; a URL
    /// takes the deepest that is a prefix of it.
    pub not_found: Vec<Route>,
    /// Problems, each spanning the path of a file (or of a `folder/`).
    pub diagnostics: Vec<Diagnostic<String>>,
}

/// A page file and the Rust module it is.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PageModule {
    /// Its path under `src/pages/`: `"blog/_layout.rs"`.
    pub file: String,
    /// Its module path under the pages module: `"blog::_layout"`.
    pub module: String,
}

/// One route: a page, its URL pattern and what wraps it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Route {
    /// The axum 0.8 pattern: `"/blog/{slug}"`, `"/{*rest}"`, `"/"`.
    pub pattern: String,
    /// The page file.
    pub page: PageModule,
    /// The URL's segments, root first (empty for `/`).
    pub segments: Vec<Segment>,
    /// The parameters, in URL order.
    pub params: Vec<Param>,
    /// The `_layout.rs` files that wrap the page, outermost (root) first.
    pub layouts: Vec<PageModule>,
    /// The nearest `_error.rs`.
    pub error: Option<PageModule>,
    /// The nearest `_404.rs`.
    pub not_found: Option<PageModule>,
    /// The `_middleware.rs` files that run before the page, root first.
    pub middlewares: Vec<PageModule>,
}

/// One segment of a route's URL.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Segment {
    /// Matched as written.
    Static(String),
    /// A parameter.
    Param(Param),
}

/// A route parameter.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Param {
    /// Its name, a Rust identifier: `slug` for `[slug]`.
    pub name: String,
    /// One segment or the rest of the path.
    pub kind: ParamKind,
}

/// What a parameter matches.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParamKind {
    /// `[name]`: one segment.
    Segment,
    /// `[...name]`: one or more segments, with their `/`s.
    CatchAll,
}

/// The route table of `files`: see the module docs for the conventions.
///
/// ```
/// use resuma_analysis::routes::{route_table, PageFile};
/// let table = route_table(&[
///     PageFile::new("blog/[slug].rs"),
///     PageFile::new("index.rs"),
///     PageFile::new("_layout.rs"),
/// ]);
/// let patterns: Vec<&str> = table.routes.iter().map(|it| it.pattern.as_str()).collect();
/// assert_eq!(patterns, ["/", "/blog/{slug}"]);
/// assert_eq!(table.routes[1].page.module, "blog::slug");
/// assert_eq!(table.routes[1].layouts[0].file, "_layout.rs");
/// assert!(table.diagnostics.is_empty());
/// ```
pub fn route_table(files: &[PageFile]) -> RouteTable {
    let mut paths: Vec<&str> = files.iter().map(|it| it.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();

    let mut cx = Builder::default();
    for path in paths {
        cx.add(path);
    }
    cx.finish()
}

/// A file that parsed: its folders and its stem.
struct Entry<'a> {
    file: &'a str,
    /// The folder names and what they mean, root first.
    folders: Vec<(&'a str, Part)>,
    stem: Stem,
    /// The stem as written (`[slug]`).
    stem_name: &'a str,
}

#[derive(Default)]
struct Builder<'a> {
    entries: Vec<Entry<'a>>,
    diagnostics: Vec<Diagnostic<String>>,
    /// Folders already reported as invalid, so each is reported once.
    bad_folders: Vec<String>,
}

impl<'a> Builder<'a> {
    fn add(&mut self, file: &'a str) {
        let Some(stem_name) = file.rsplit('/').next().and_then(|it| it.strip_suffix(".rs")) else {
            self.diagnostics.push(invalid_page_name(
                file.to_owned(),
                file,
                "a page file ends in `.rs`",
            ));
            return;
        };
        let mut folders = Vec::new();
        let mut folder_path = String::new();
        let components: Vec<&str> = file.split('/').collect();
        for &folder in &components[..components.len() - 1] {
            folder_path.push_str(folder);
            folder_path.push('/');
            let part = match folder {
                "" | "." | ".." => Err("a path has no empty, `.` or `..` folders"),
                _ => name::parse_part(folder),
            };
            match part {
                Ok(Part::CatchAll(_)) => {
                    self.bad_folder(&folder_path, |path| catch_all_folder(path.clone(), &path));
                    return;
                }
                Ok(part) => folders.push((folder, part)),
                Err(problem) => {
                    self.bad_folder(&folder_path, |path| {
                        invalid_page_name(path.clone(), &path, problem)
                    });
                    return;
                }
            }
        }
        match name::parse_stem(stem_name) {
            Ok(stem) => self.entries.push(Entry { file, folders, stem, stem_name }),
            Err(problem) => {
                self.diagnostics.push(invalid_page_name(file.to_owned(), file, problem))
            }
        }
    }

    fn bad_folder(&mut self, path: &str, diagnostic: impl FnOnce(String) -> Diagnostic<String>) {
        if !self.bad_folders.iter().any(|it| it == path) {
            self.bad_folders.push(path.to_owned());
            self.diagnostics.push(diagnostic(path.to_owned()));
        }
    }

    fn finish(mut self) -> RouteTable {
        self.check_modules();
        let specials = self.specials();
        let mut routes: Vec<(Vec<Key>, Route)> = Vec::new();
        // The first file of each route shape, by shape.
        let mut shapes: BTreeMap<Vec<Key>, (String, String, Vec<String>)> = BTreeMap::new();
        let mut not_found = Vec::new();
        for entry in &self.entries {
            let last = match &entry.stem {
                Stem::Special(Special::NotFound) => {
                    let parts: Vec<&Part> = entry.folders.iter().map(|(_, part)| part).collect();
                    let key = parts.iter().map(|it| Key::of(it)).collect();
                    not_found.push((key, route(entry, &parts, &specials)));
                    continue;
                }
                Stem::Special(_) => continue,
                Stem::Index => None,
                Stem::Part(part) => Some(part),
            };
            let parts: Vec<&Part> =
                entry.folders.iter().map(|(_, part)| part).chain(last).collect();
            let route = route(entry, &parts, &specials);
            if let Some(name) = repeated_param(&route.params) {
                self.diagnostics.push(repeated_route_param(
                    entry.file.to_owned(),
                    entry.file,
                    name,
                ));
                continue;
            }
            let key: Vec<Key> = parts.iter().map(|it| Key::of(it)).collect();
            match shapes.get_mut(&key) {
                Some((_, _, others)) => others.push(entry.file.to_owned()),
                None => {
                    shapes.insert(
                        key.clone(),
                        (entry.file.to_owned(), route.pattern.clone(), Vec::new()),
                    );
                    routes.push((key, route));
                }
            }
        }
        for (first, pattern, others) in shapes.into_values() {
            if !others.is_empty() {
                self.diagnostics.push(route_conflict(first, &others, &pattern));
            }
        }
        let by_precedence = |(a, route_a): &(Vec<Key>, Route), (b, route_b): &(Vec<Key>, Route)| {
            a.cmp(b).then_with(|| route_a.page.file.cmp(&route_b.page.file))
        };
        routes.sort_by(by_precedence);
        not_found.sort_by(by_precedence);
        self.diagnostics
            .sort_by(|a, b| a.span.cmp(&b.span).then(a.code.as_str().cmp(b.code.as_str())));
        RouteTable {
            routes: routes.into_iter().map(|(_, it)| it).collect(),
            not_found: not_found.into_iter().map(|(_, it)| it).collect(),
            diagnostics: self.diagnostics,
        }
    }

    /// The special files, by folder path (`"blog/"`, `""` for the root) and kind.
    fn specials(&self) -> BTreeMap<(String, SpecialKey), PageModule> {
        let mut out = BTreeMap::new();
        for entry in &self.entries {
            if let Stem::Special(special) = entry.stem {
                out.insert((folder_key(entry), SpecialKey(special.stem())), module_of(entry));
            }
        }
        out
    }

    /// R073: two names of one folder that become one identifier.
    fn check_modules(&mut self) {
        // (parent folder, identifier) -> (name as written, the path to show).
        let mut seen: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
        let mut reported = Vec::new();
        for entry in &self.entries {
            let mut parent = String::new();
            let names = entry
                .folders
                .iter()
                .map(|(name, part)| (*name, name::part_ident(part), true))
                .chain(std::iter::once((entry.stem_name, stem_ident(&entry.stem), false)));
            for (name, ident, is_folder) in names {
                let shown =
                    if is_folder { format!("{parent}{name}/") } else { entry.file.to_owned() };
                let key = (parent.clone(), ident.clone());
                match seen.get(&key) {
                    Some((first_name, first_shown)) if first_name != name => {
                        let pair = (first_shown.clone(), shown.clone());
                        if !reported.contains(&pair) {
                            self.diagnostics.push(module_collision(
                                pair.0.clone(),
                                pair.1.clone(),
                                &ident,
                            ));
                            reported.push(pair);
                        }
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key, (name.to_owned(), shown));
                    }
                }
                parent.push_str(name);
                parent.push('/');
            }
        }
    }
}

/// A special file's kind, as an ordered map key.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SpecialKey(&'static str);

/// One segment's place in the order: static before parameter before catch-all. Two
/// routes with equal keys are the same route.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Key {
    Static(String),
    Param,
    CatchAll,
}

impl Key {
    fn of(part: &Part) -> Key {
        match part {
            Part::Static(name) => Key::Static(name.clone()),
            Part::Param(_) => Key::Param,
            Part::CatchAll(_) => Key::CatchAll,
        }
    }
}

fn route(
    entry: &Entry<'_>,
    parts: &[&Part],
    specials: &BTreeMap<(String, SpecialKey), PageModule>,
) -> Route {
    let mut segments = Vec::new();
    let mut params = Vec::new();
    for part in parts {
        match part {
            Part::Static(name) => segments.push(Segment::Static(name.clone())),
            Part::Param(name) | Part::CatchAll(name) => {
                let kind = if matches!(part, Part::Param(_)) {
                    ParamKind::Segment
                } else {
                    ParamKind::CatchAll
                };
                let param = Param { name: name.clone(), kind };
                params.push(param.clone());
                segments.push(Segment::Param(param));
            }
        }
    }
    // The folders from the root down to the page's own: "", "blog/", "blog/[slug]/".
    let mut chain = vec![String::new()];
    for (name, _) in &entry.folders {
        let mut next = chain.last().cloned().unwrap_or_default();
        next.push_str(name);
        next.push('/');
        chain.push(next);
    }
    let all = |special: Special| -> Vec<PageModule> {
        chain
            .iter()
            .filter_map(|folder| specials.get(&(folder.clone(), SpecialKey(special.stem()))))
            .cloned()
            .collect()
    };
    Route {
        pattern: pattern_of(&segments),
        page: module_of(entry),
        segments,
        params,
        layouts: all(Special::Layout),
        error: all(Special::Error).pop(),
        not_found: all(Special::NotFound).pop(),
        middlewares: all(Special::Middleware),
    }
}

/// The first parameter name used twice, if any.
fn repeated_param(params: &[Param]) -> Option<&str> {
    params.iter().enumerate().find_map(|(idx, param)| {
        params[..idx].iter().any(|it| it.name == param.name).then_some(param.name.as_str())
    })
}

/// The folder an entry is in, as `"blog/"` (`""` for the root).
fn folder_key(entry: &Entry<'_>) -> String {
    entry.folders.iter().map(|(name, _)| format!("{name}/")).collect()
}

fn stem_ident(stem: &Stem) -> String {
    match stem {
        Stem::Index => "index".to_owned(),
        Stem::Special(special) => special.stem().to_owned(),
        Stem::Part(part) => name::part_ident(part),
    }
}

fn module_of(entry: &Entry<'_>) -> PageModule {
    let mut idents: Vec<String> =
        entry.folders.iter().map(|(_, part)| name::part_ident(part)).collect();
    idents.push(stem_ident(&entry.stem));
    PageModule { file: entry.file.to_owned(), module: idents.join("::") }
}

#[cfg(test)]
mod tests;
