//! Route table tests: a list of paths in, the table and its diagnostics out as text.

use std::fmt::Write;

use expect_test::{expect, Expect};

use super::{link_path, route_table, PageFile, ParamKind, RouteTable};

fn table(paths: &str) -> RouteTable {
    let files: Vec<PageFile> = paths.split_whitespace().map(PageFile::new).collect();
    route_table(&files)
}

/// Builds the table of the whitespace-separated `paths` and compares it with `expect`:
/// one line per route (pattern, file, module, params), its chains indented below, then
/// the diagnostics with their labels.
#[track_caller]
fn check(paths: &str, expect: Expect) {
    let table = table(paths);
    let mut out = String::new();
    for (route, what) in table
        .routes
        .iter()
        .map(|it| (it, ""))
        .chain(table.not_found.iter().map(|it| (it, "404 for ")))
    {
        write!(out, "{what}{} {} {}", route.pattern, route.page.file, route.page.module).unwrap();
        for param in &route.params {
            let kind = match param.kind {
                ParamKind::Segment => "",
                ParamKind::CatchAll => "*",
            };
            write!(out, " {kind}{}", param.name).unwrap();
        }
        out.push('\n');
        let files = |list: &[&super::PageModule]| {
            list.iter().map(|it| it.file.as_str()).collect::<Vec<_>>().join(" > ")
        };
        let layouts: Vec<_> = route.layouts.iter().collect();
        let middlewares: Vec<_> = route.middlewares.iter().collect();
        if !layouts.is_empty() {
            writeln!(out, "  layouts {}", files(&layouts)).unwrap();
        }
        if !middlewares.is_empty() {
            writeln!(out, "  middlewares {}", files(&middlewares)).unwrap();
        }
        if let Some(error) = &route.error {
            writeln!(out, "  error {}", error.file).unwrap();
        }
        if let Some(not_found) = &route.not_found {
            writeln!(out, "  404 {}", not_found.file).unwrap();
        }
    }
    for diagnostic in &table.diagnostics {
        writeln!(out, "{} {}: {}", diagnostic.code, diagnostic.span, diagnostic.message).unwrap();
        for label in &diagnostic.labels {
            writeln!(out, "  label {}: {}", label.span, label.message).unwrap();
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn conventions() {
    check(
        "index.rs about.rs blog/index.rs blog/[slug].rs blog/[year]/[slug].rs [...rest].rs",
        expect![[r#"
            / index.rs index
            /about about.rs about
            /blog blog/index.rs blog::index
            /blog/{slug} blog/[slug].rs blog::slug slug
            /blog/{year}/{slug} blog/[year]/[slug].rs blog::year::slug year slug
            /{*rest} [...rest].rs rest *rest
        "#]],
    );
}

#[test]
fn nested_layouts_errors_404s_and_middlewares() {
    check(
        "_layout.rs _error.rs _404.rs _middleware.rs index.rs \
         admin/_layout.rs admin/_middleware.rs admin/index.rs \
         admin/users/_error.rs admin/users/[id].rs admin/users/_404.rs \
         blog.rs blog/_layout.rs",
        expect![[r#"
            / index.rs index
              layouts _layout.rs
              middlewares _middleware.rs
              error _error.rs
              404 _404.rs
            /admin admin/index.rs admin::index
              layouts _layout.rs > admin/_layout.rs
              middlewares _middleware.rs > admin/_middleware.rs
              error _error.rs
              404 _404.rs
            /admin/users/{id} admin/users/[id].rs admin::users::id id
              layouts _layout.rs > admin/_layout.rs
              middlewares _middleware.rs > admin/_middleware.rs
              error admin/users/_error.rs
              404 admin/users/_404.rs
            /blog blog.rs blog
              layouts _layout.rs
              middlewares _middleware.rs
              error _error.rs
              404 _404.rs
            404 for / _404.rs _404
              layouts _layout.rs
              middlewares _middleware.rs
              error _error.rs
              404 _404.rs
            404 for /admin/users admin/users/_404.rs admin::users::_404
              layouts _layout.rs > admin/_layout.rs
              middlewares _middleware.rs > admin/_middleware.rs
              error admin/users/_error.rs
              404 admin/users/_404.rs
        "#]],
    );
}

#[test]
fn conflicts_name_both_files() {
    check(
        "about.rs about/index.rs users/[id].rs users/[slug].rs \
         a/[x]/page.rs a/[y]/page.rs",
        expect![[r#"
            /a/{x}/page a/[x]/page.rs a::x::page x
            /about about.rs about
            /users/{id} users/[id].rs users::id id
            R070 a/[x]/page.rs: `a/[x]/page.rs` and `a/[y]/page.rs` both serve /a/{x}/page
              label a/[y]/page.rs: also serves /a/{x}/page
            R070 about.rs: `about.rs` and `about/index.rs` both serve /about
              label about/index.rs: also serves /about
            R070 users/[id].rs: `users/[id].rs` and `users/[slug].rs` both serve /users/{id}
              label users/[slug].rs: also serves /users/{id}
        "#]],
    );
}

/// FIXME(#14): axum 0.8's router (matchit 0.8.4) refuses a parameter and a catch-all at
/// one position (`/{id}` beside `/{*rest}`, `/docs/{page}` beside `/docs/{*path}`), so
/// `FlowApp` must route the catch-all itself (a fallback) or this becomes a diagnostic.
#[test]
fn static_before_param_before_catch_all() {
    check(
        "[...rest].rs [id].rs new.rs docs/[...path].rs docs/[page].rs docs/intro.rs \
         docs/index.rs zebra.rs [id]/edit.rs",
        expect![[r#"
            /docs docs/index.rs docs::index
            /docs/intro docs/intro.rs docs::intro
            /docs/{page} docs/[page].rs docs::page page
            /docs/{*path} docs/[...path].rs docs::path *path
            /new new.rs new
            /zebra zebra.rs zebra
            /{id} [id].rs id id
            /{id}/edit [id]/edit.rs id::edit id
            /{*rest} [...rest].rs rest *rest
        "#]],
    );
}

#[test]
fn order_does_not_depend_on_input_order() {
    let paths = ["[...rest].rs", "b/[x].rs", "a.rs", "index.rs", "b/c.rs", "b/index.rs"];
    let forward = route_table(&paths.map(PageFile::new));
    let mut reversed = paths.map(PageFile::new);
    reversed.reverse();
    assert_eq!(forward, route_table(&reversed));
}

#[test]
fn invalid_names() {
    check(
        "[].rs [...].rs [a-b].rs [[x]].rs x[y].rs _helpers.rs .hidden.rs caf\u{e9}.rs \
         bad\u{FFFD}.rs notes.txt [...rest]/index.rs [...rest]/more.rs [a.b]/x.rs [a.b]/y.rs \
         a//b.rs -.rs",
        expect![[r#"
            R071 -.rs: `-.rs` is not a valid page name: a URL segment needs at least one letter or digit
            R071 .hidden.rs: `.hidden.rs` is not a valid page name: a name cannot start with `.`
            R071 [...].rs: `[...].rs` is not a valid page name: the parameter has no name
            R072 [...rest]/: `[...rest]/` is a catch-all folder: a catch-all takes the rest of the path, so nothing can come after it
            R071 [[x]].rs: `[[x]].rs` is not a valid page name: optional parameters (`[[name]]`) are not supported
            R071 [].rs: `[].rs` is not a valid page name: the parameter has no name
            R071 [a-b].rs: `[a-b].rs` is not a valid page name: a parameter's name must be a Rust identifier (letters, digits and `_`)
            R071 [a.b]/: `[a.b]/` is not a valid page name: a parameter's name must be a Rust identifier (letters, digits and `_`)
            R071 _helpers.rs: `_helpers.rs` is not a valid page name: names starting with `_` are reserved for _layout.rs, _error.rs, _404.rs and _middleware.rs
            R071 a//: `a//` is not a valid page name: a path has no empty, `.` or `..` folders
            R071 bad�.rs: `bad�.rs` is not a valid page name: the name is not valid UTF-8
            R071 café.rs: `café.rs` is not a valid page name: a URL segment may hold ASCII letters, digits, `-`, `_` and `.` only
            R071 notes.txt: `notes.txt` is not a valid page name: a page file ends in `.rs`
            R071 x[y].rs: `x[y].rs` is not a valid page name: a parameter is the whole name, `[name]`: it cannot share a segment with text
        "#]],
    );
}

#[test]
fn repeated_param() {
    check(
        "[id]/[id].rs [id]/x/[...id].rs",
        expect![[r#"
            R074 [id]/[id].rs: `[id]/[id].rs` binds the route parameter `id` twice
            R074 [id]/x/[...id].rs: `[id]/x/[...id].rs` binds the route parameter `id` twice
        "#]],
    );
}

#[test]
fn module_mangling() {
    check(
        "my-page.rs type.rs self.rs 2024.rs sitemap.xml.rs x/[type]/[self].rs async/index.rs",
        expect![[r#"
            /2024 2024.rs _2024
            /async async/index.rs r#async::index
            /my-page my-page.rs my_page
            /self self.rs self_
            /sitemap.xml sitemap.xml.rs sitemap_xml
            /type type.rs r#type
            /x/{type}/{self} x/[type]/[self].rs x::r#type::self_ type self
        "#]],
    );
}

#[test]
fn module_collisions_name_both() {
    check(
        "a-b.rs a_b.rs slug.rs [slug].rs 404.rs _404.rs x-y/index.rs x_y.rs blog.rs blog/[id].rs",
        expect![[r#"
            /404 404.rs _404
              404 _404.rs
            /a-b a-b.rs a_b
              404 _404.rs
            /a_b a_b.rs a_b
              404 _404.rs
            /blog blog.rs blog
              404 _404.rs
            /blog/{id} blog/[id].rs blog::id id
              404 _404.rs
            /slug slug.rs slug
              404 _404.rs
            /x-y x-y/index.rs x_y::index
              404 _404.rs
            /x_y x_y.rs x_y
              404 _404.rs
            /{slug} [slug].rs slug slug
              404 _404.rs
            404 for / _404.rs _404
              404 _404.rs
            R073 404.rs: `404.rs` and `_404.rs` both become the module `_404`
              label _404.rs: also the module `_404`
            R073 [slug].rs: `[slug].rs` and `slug.rs` both become the module `slug`
              label slug.rs: also the module `slug`
            R073 a-b.rs: `a-b.rs` and `a_b.rs` both become the module `a_b`
              label a_b.rs: also the module `a_b`
            R073 x-y/: `x-y/` and `x_y.rs` both become the module `x_y`
              label x_y.rs: also the module `x_y`
        "#]],
    );
}

#[test]
fn link_path_encodes_params() {
    let table = table("blog/[slug].rs docs/[...path].rs index.rs about.rs");
    let link = |pattern: &str, args: &[&str]| {
        let route = table.routes.iter().find(|it| it.pattern == pattern).expect("the route");
        link_path(route, args)
    };
    assert_eq!(link("/", &[]).as_deref(), Some("/"));
    assert_eq!(link("/about", &[]).as_deref(), Some("/about"));
    assert_eq!(link("/about", &["x"]), None);
    assert_eq!(link("/blog/{slug}", &["hello world"]).as_deref(), Some("/blog/hello%20world"));
    assert_eq!(link("/blog/{slug}", &["a/b"]).as_deref(), Some("/blog/a%2Fb"));
    assert_eq!(link("/blog/{slug}", &["caf\u{e9} ü"]).as_deref(), Some("/blog/caf%C3%A9%20%C3%BC"));
    assert_eq!(
        link("/blog/{slug}", &["a-b_c.d~e?#%"]).as_deref(),
        Some("/blog/a-b_c.d~e%3F%23%25")
    );
    assert_eq!(link("/blog/{slug}", &[""]), None);
    assert_eq!(link("/blog/{slug}", &[".."]), None);
    assert_eq!(link("/blog/{slug}", &[]), None);
    assert_eq!(link("/docs/{*path}", &["a b/c"]).as_deref(), Some("/docs/a%20b/c"));
    assert_eq!(link("/docs/{*path}", &["a//c"]), None);
    assert_eq!(link("/docs/{*path}", &["a/../c"]), None);
}

#[test]
fn route_diagnostic_fixtures_reproduce() {
    // Each route table code's file in tests/diagnostics/ lists a tree on its `//! pages:`
    // line (R075 and R076 are about links in a file's text: links.rs tests them).
    for code in crate::Code::ALL.iter().filter(|it| ("R070"..="R074").contains(&it.as_str())) {
        let path =
            format!("{}/../tests/diagnostics/{}.rs", env!("CARGO_MANIFEST_DIR"), code.as_str());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} exists"));
        let pages = text
            .lines()
            .find_map(|it| it.strip_prefix("//! pages:"))
            .unwrap_or_else(|| panic!("{path} has a `//! pages:` line"));
        let table = table(pages);
        assert!(
            table.diagnostics.iter().any(|it| it.code == *code),
            "{path}: its pages report no {code}: {:?}",
            table.diagnostics
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

    #[test]
    fn never_panics(paths in proptest::collection::vec("[a-z_\\[\\]./\\-éa-c ]{0,16}(\\.rs)?", 0..12)) {
        let files: Vec<PageFile> = paths.into_iter().map(PageFile::new).collect();
        let table = route_table(&files);
        for route in &table.routes {
            let args: Vec<&str> = route.params.iter().map(|_| "x").collect();
            proptest::prop_assert!(link_path(route, &args).is_some());
        }
    }

    #[test]
    fn never_panics_on_any_text(paths in proptest::collection::vec("\\PC{0,24}", 0..8), arg in "\\PC{0,12}") {
        let files: Vec<PageFile> = paths.into_iter().map(PageFile::new).collect();
        for route in &route_table(&files).routes {
            let args: Vec<&str> = route.params.iter().map(|_| arg.as_str()).collect();
            let _ = link_path(route, &args);
        }
    }
}

#[cfg(unix)]
#[test]
fn page_files_in_walks_sorted_and_skips_what_is_not_a_page() {
    use std::os::unix::ffi::OsStrExt;
    let base = std::env::temp_dir().join(format!("resuma-routes-walk-{}", std::process::id()));
    let dir = base.join("pages");
    let outside = base.join("outside.rs");
    let _ = std::fs::remove_dir_all(&base);
    for folder in ["blog/[year]", ".git", "admin"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
    }
    for file in [
        "index.rs",
        "blog/[year]/[slug].rs",
        "blog/_layout.rs",
        "admin/index.rs",
        ".x.rs",
        ".git/a.rs",
        "notes.md",
    ] {
        std::fs::write(dir.join(file), "").unwrap();
    }
    std::fs::write(&outside, "").unwrap();
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"bad\xff.rs")), "").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("escape.rs")).unwrap();
    std::os::unix::fs::symlink(dir.join("index.rs"), dir.join("home.rs")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("admin/loop")).unwrap();

    let files = super::page_files_in(&dir).unwrap();
    let paths: Vec<&str> = files.iter().map(|it| it.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "admin/index.rs",
            "bad\u{FFFD}.rs",
            "blog/[year]/[slug].rs",
            "blog/_layout.rs",
            "home.rs",
            "index.rs"
        ]
    );
    let codes: Vec<_> = route_table(&files).diagnostics.iter().map(|it| it.code.as_str()).collect();
    assert_eq!(codes, ["R071"]);
    assert!(super::page_files_in(&base.join("missing")).is_err());
    std::fs::remove_dir_all(&base).unwrap();
}
