//! The text of `resuma_pages.rs`: one module per page file, then `pub fn all()`.
//!
//! ```text
//! pub mod slug {                                               // inside `pub mod blog { … }`
//!     #[path = "/app/src/pages/blog/[slug].rs"] mod __page;
//!     pub use self::__page::*;
//!     pub fn path(slug: impl Display) -> String { … }           // the typed link
//! }
//! pub fn all() -> ::resuma::flow::Pages {
//!     ::resuma::flow::Pages::new()
//!         .route("/blog/{slug}", "blog/[slug].rs", |params| { … })
//! }
//! ```
//!
//! Invariant: every page, layout and 404 file of the table is a module at its route's
//! module path (a page's as `__page`, re-exported beside its `path()`), so rust-analyzer
//! sees it as a normal module; the generated code names nothing from the page files but
//! their one component and its props struct.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use resuma_analysis::routes::page_file::{read_page_file, PageItems, Role};
use resuma_analysis::routes::{pattern_of, PageModule, ParamKind, Route, RouteTable, Segment};

/// A module of the tree: maybe a file, maybe child modules.
#[derive(Default)]
struct Node {
    file: Option<String>,
    /// A page's `pub fn path(…) -> String`, its typed link.
    path_fn: Option<String>,
    children: BTreeMap<String, Node>,
}

/// The 404 entry of a folder with a `_middleware.rs` but no `_404.rs`.
struct Guarded {
    /// The folder's pattern (`/admin`).
    pattern: String,
    /// The nearest `_404.rs` above, behind the folder's middlewares; `None` for the
    /// built-in 404 page.
    page: Option<Route>,
    /// The folder's middlewares, root first (for the built-in page).
    middlewares: Vec<PageModule>,
}

/// Folders guarded by a `_middleware.rs` with no `_404.rs` of their own: an unknown path
/// under one must pass its guard too (or the 404 would tell a stranger which of its pages
/// exist), so each gets a 404 entry, the nearest one above behind its middlewares.
fn guarded_not_found(table: &RouteTable) -> Vec<Guarded> {
    let folder = |file: &str| file.rsplit_once('/').map_or("", |it| it.0).to_owned();
    let within = |inner: &str, outer: &str| {
        outer.is_empty() || inner == outer || inner.starts_with(&format!("{outer}/"))
    };
    let with_404: BTreeSet<String> =
        table.not_found.iter().map(|it| folder(&it.page.file)).collect();
    let mut guarded: BTreeMap<String, Guarded> = BTreeMap::new();
    for route in table.routes.iter().chain(&table.not_found) {
        for (at, middleware) in route.middlewares.iter().enumerate() {
            let dir = folder(&middleware.file);
            if with_404.contains(&dir) || guarded.contains_key(&dir) {
                continue;
            }
            let depth = if dir.is_empty() { 0 } else { dir.split('/').count() };
            let Some(segments) = route.segments.get(..depth) else { continue };
            let pattern = pattern_of(segments);
            let middlewares = route.middlewares[..=at].to_vec();
            let nearest = table
                .not_found
                .iter()
                .filter(|it| within(&dir, &folder(&it.page.file)))
                .max_by_key(|it| folder(&it.page.file).len());
            let page = nearest.map(|it| {
                let mut page = it.clone();
                page.pattern.clone_from(&pattern);
                page.segments = segments.to_vec();
                page.params.clear();
                page.middlewares.clone_from(&middlewares);
                page
            });
            guarded.insert(dir, Guarded { pattern, page, middlewares });
        }
    }
    guarded.into_values().collect()
}

/// Every file a route uses, with its role and the params of the route (a page's).
fn files_of(table: &RouteTable) -> BTreeMap<&str, (&PageModule, Role, Vec<&str>)> {
    let mut files = BTreeMap::new();
    let routes = table.routes.iter().map(|it| (it, Role::Page));
    let not_found = table.not_found.iter().map(|it| (it, Role::NotFound));
    for (route, role) in routes.chain(not_found) {
        let params = route.params.iter().map(|it| it.name.as_str()).collect();
        files.insert(route.page.file.as_str(), (&route.page, role, params));
        for layout in &route.layouts {
            files.insert(&layout.file, (layout, Role::Layout, Vec::new()));
        }
        for middleware in &route.middlewares {
            files.insert(&middleware.file, (middleware, Role::Middleware, Vec::new()));
        }
        if let Some(error) = &route.error {
            files.insert(&error.file, (error, Role::Error, Vec::new()));
        }
    }
    files
}

pub(crate) fn emit(root: &Path, table: &RouteTable) -> Result<String, Vec<String>> {
    let mut tree = Node::default();
    let mut errors = Vec::new();
    let mut items: BTreeMap<&str, PageItems> = BTreeMap::new();
    for (file, (module, role, params)) in files_of(table) {
        let path = root.join(file);
        let source = match std::fs::read_to_string(&path) {
            Ok(source) => source,
            Err(err) => {
                errors.push(format!("{file}: cannot read {}: {err}", path.display()));
                continue;
            }
        };
        let Some(abs) = path.to_str() else {
            errors.push(format!("{file}: its absolute path is not UTF-8"));
            continue;
        };
        let mut node = &mut tree;
        for ident in module.module.split("::") {
            node = node.children.entry(ident.to_owned()).or_default();
        }
        node.file = Some(abs.to_owned());
        match read_page_file(file, &source, role, &params) {
            Ok(found) => {
                items.insert(file, found);
            }
            Err(diagnostics) => errors.extend(diagnostics.iter().map(crate::message)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for route in &table.routes {
        let mut node = &mut tree;
        for ident in route.page.module.split("::") {
            node = node.children.entry(ident.to_owned()).or_default();
        }
        node.path_fn = Some(path_fn(route, &items[route.page.file.as_str()]));
    }

    let mut out = String::from(
        "// @generated by resuma_build::pages() from src/pages/: do not edit.\n\
         // Included by `resuma::pages!()`: one module per page file, then `all()`.\n\n",
    );
    write_modules(&mut out, &tree, 0);
    let cx = Cx { items: &items };
    out.push_str(
        "\n/// Every route of `src/pages/`, for `resuma::flow::FlowApp::new`.\n\
         #[allow(unreachable_pub)]\n\
         pub fn all() -> ::resuma::flow::Pages {\n    ::resuma::flow::Pages::new()\n",
    );
    for route in &table.routes {
        let _ = write!(out, "        .route({:?}, {:?}, ", route.pattern, route.page.file);
        cx.write_route(&mut out, route);
        out.push_str(")\n");
    }
    for route in &table.not_found {
        let _ = write!(out, "        .not_found({:?}, {:?}, ", route.pattern, route.page.file);
        cx.write_route(&mut out, route);
        out.push_str(")\n");
    }
    for guarded in guarded_not_found(table) {
        match guarded.page {
            Some(route) => {
                let _ = write!(
                    out,
                    "        .not_found({:?}, {:?}, ",
                    guarded.pattern, route.page.file
                );
                cx.write_route(&mut out, &route);
            }
            None => {
                let _ = write!(
                    out,
                    "        .not_found({:?}, \"\", ::resuma::flow::Route::new(|_| ::std::boxed::Box::pin(async {{ \
                     ::resuma::flow::Outcome::new().page(::core::result::Result::Ok(::resuma::flow::default_not_found)) }}))",
                    guarded.pattern
                );
                for middleware in &guarded.middlewares {
                    cx.write_middleware(&mut out, middleware);
                }
            }
        }
        out.push_str(")\n");
    }
    out.push_str("}\n");
    Ok(out)
}

fn write_modules(out: &mut String, node: &Node, depth: usize) {
    let indent = "    ".repeat(depth);
    for (ident, child) in &node.children {
        if depth == 0 {
            // The pages module is often private: its items must be `pub` for the table.
            out.push_str(ALLOW_PUB);
        }
        match (&child.file, child.children.is_empty() && child.path_fn.is_none()) {
            (Some(file), true) => {
                let _ = writeln!(out, "{indent}#[path = {file:?}]\n{indent}pub mod {ident};");
            }
            (file, _) => {
                let _ = writeln!(out, "{indent}pub mod {ident} {{");
                if let Some(file) = file {
                    // `blog.rs` beside `blog/`: the file is `blog::__page`, re-exported.
                    let inner = "    ".repeat(depth + 1);
                    let _ = writeln!(
                        out,
                        "{inner}#[path = {file:?}]\n{inner}mod __page;\n{inner}pub use self::__page::*;"
                    );
                }
                if let Some(path_fn) = &child.path_fn {
                    let inner = "    ".repeat(depth + 1);
                    for line in path_fn.lines() {
                        let _ = writeln!(out, "{inner}{line}");
                    }
                }
                write_modules(out, child, depth + 1);
                let _ = writeln!(out, "{indent}}}");
            }
        }
    }
}

/// A page's typed link: `pub fn path(slug: impl Display) -> String`, one argument per
/// route parameter (named as its prop), encoded as `resuma::flow::push_segment` says;
/// `dead_code` allowed, since an app need not link to every page.
fn path_fn(route: &Route, page: &PageItems) -> String {
    let props = page.component.as_ref().map(|it| &it.props[..]).unwrap_or_default();
    let ident = |name: &str| {
        props.iter().find(|it| it.name == name).map_or(name.to_owned(), |it| it.ident.clone())
    };
    let args: Vec<String> = route
        .params
        .iter()
        .map(|it| format!("{}: impl ::core::fmt::Display", ident(&it.name)))
        .collect();
    let mut body = String::new();
    for segment in &route.segments {
        match segment {
            Segment::Static(name) => {
                let _ = writeln!(body, "    out.push_str({:?});", format!("/{name}"));
            }
            Segment::Param(param) => {
                let push = match param.kind {
                    ParamKind::Segment => "push_segment",
                    ParamKind::CatchAll => "push_catch_all",
                };
                let _ = writeln!(
                    body,
                    "    ::resuma::flow::{push}(&mut out, &::std::string::ToString::to_string(&{}));",
                    ident(&param.name)
                );
            }
        }
    }
    format!(
        "/// The URL of this page ({:?}), its parameters percent-encoded.\n\
         #[must_use]\n\
         #[allow(dead_code)]\n\
         pub fn path({}) -> ::std::string::String {{\n\
         \x20   let mut out = ::std::string::String::new();\n\
         {body}\
         \x20   if out.is_empty() {{ out.push('/'); }}\n\
         \x20   out\n\
         }}",
        route.pattern,
        args.join(", ")
    )
}

/// Before each top-level item.
const ALLOW_PUB: &str = "#[allow(unreachable_pub)]\n";

struct Cx<'a> {
    items: &'a BTreeMap<&'a str, PageItems>,
}

impl Cx<'_> {
    /// A call of `module`'s component: `path::Name(path::NameProps { fields })`.
    fn call(&self, module: &PageModule, fields: &[(String, String)]) -> String {
        let path = format!("self::{}", module.module);
        let name = self.items[module.file.as_str()].component.as_ref().map_or("", |it| &it.name);
        if fields.is_empty() {
            return format!("{path}::{name}()");
        }
        let mut call = format!("{path}::{name}({path}::{}Props {{ ", name.trim_start_matches("r#"));
        for (field, value) in fields {
            if field == value {
                let _ = write!(call, "{field}, ");
            } else {
                let _ = write!(call, "{field}: {value}, ");
            }
        }
        call.push_str("__resuma_marker: ::core::marker::PhantomData })");
        call
    }

    /// The path of `module`'s `#[load]` fn, if it has one.
    fn load(&self, module: &PageModule) -> Option<String> {
        let load = self.items[module.file.as_str()].load.as_ref()?;
        Some(format!("self::{}::{load}", module.module))
    }

    /// `.middleware(…)`: a call of `middleware`'s `#[middleware]` fn.
    fn write_middleware(&self, out: &mut String, middleware: &PageModule) {
        let name = self.items[middleware.file.as_str()].middleware.as_deref().unwrap_or("");
        let _ = write!(
            out,
            "\n        .middleware(|req, next| ::std::boxed::Box::pin(async move {{ \
             ::resuma::flow::IntoResponse::into_response(self::{}::{name}(req, next).await) }}))",
            middleware.module
        );
    }

    /// `Route::new(|cx| …)` and its layouts, middlewares and error page: the params
    /// parsed (a 404 when one does not parse), the loads of the layouts and the page
    /// joined (concurrent), then the closures that build the page inside its layouts.
    fn write_route(&self, out: &mut String, route: &Route) {
        const OK: &str = "::core::result::Result::Ok";
        let page = &route.page;
        let props = self.items[page.file.as_str()].component.as_ref().map(|it| &it.props[..]);
        let mut body = String::new();
        let mut fields = Vec::new();
        for param in &route.params {
            let ident = props
                .and_then(|props| props.iter().find(|it| it.name == param.name))
                .map_or(param.name.clone(), |it| it.ident.clone());
            let local = format!("__param_{}", param.name);
            let _ = writeln!(
                body,
                "            let {local} = match __cx.param({:?}) {{ {OK}(it) => it, \
                 ::core::result::Result::Err(err) => return ::resuma::flow::Outcome::failed(err) }};",
                param.name
            );
            fields.push((ident, local));
        }
        // The loads: each layout's publishes its data for `LoadCx::layout`.
        let mut loads = Vec::new();
        for (level, layout) in route.layouts.iter().enumerate() {
            if let Some(load) = self.load(layout) {
                loads.push((
                    format!("__layout{level}"),
                    format!("__cx.run_layout({level}, {load}(__cx.at({level})))"),
                ));
            }
        }
        let page_load = self.load(page);
        if let Some(load) = &page_load {
            loads.push(("__page".to_owned(), format!("{load}(__cx.at({}))", route.layouts.len())));
        }
        if !loads.is_empty() {
            let names: Vec<&str> = loads.iter().map(|it| it.0.as_str()).collect();
            let futures: Vec<&str> = loads.iter().map(|it| it.1.as_str()).collect();
            let _ = writeln!(
                body,
                "            let ({},) = ::resuma::__private::tokio::join!({});",
                names.join(", "),
                futures.join(", ")
            );
        }
        body.push_str("            ::resuma::flow::Outcome::new()\n");
        for (level, layout) in route.layouts.iter().enumerate() {
            let mut fields = vec![("children".to_owned(), "children".to_owned())];
            let loaded = if self.load(layout).is_some() {
                fields.push(("data".to_owned(), "data".to_owned()));
                format!("__layout{level}.map(|data| ")
            } else {
                format!("{OK}(")
            };
            let _ = writeln!(
                body,
                "                .layout({loaded}move |children: ::resuma::View| -> ::resuma::View {{ {} }}))",
                self.call(layout, &fields)
            );
        }
        let loaded = if page_load.is_some() {
            fields.push(("data".to_owned(), "data".to_owned()));
            "__page.map(|data| ".to_owned()
        } else {
            format!("{OK}(")
        };
        let _ = writeln!(
            body,
            "                .page({loaded}move || -> ::resuma::View {{ {} }}))",
            self.call(page, &fields)
        );
        let body: String = body.lines().map(|line| format!("    {line}\n")).collect();
        let _ = write!(
            out,
            "::resuma::flow::Route::new(|__cx| {{\n            let _ = &__cx;\n            \
             ::std::boxed::Box::pin(async move {{\n{body}            }})\n        }})\n        .layouts({})",
            route.layouts.len()
        );
        for middleware in &route.middlewares {
            self.write_middleware(out, middleware);
        }
        // The submits its forms post to: the layouts', outermost first, then the page's.
        for module in route.layouts.iter().chain([page]) {
            for submit in &self.items[module.file.as_str()].submits {
                let _ = write!(
                    out,
                    "\n        .submit(::resuma::flow::Submission::new({:?}, self::{}::{submit}))",
                    submit.trim_start_matches("r#"),
                    module.module
                );
            }
        }
        if let Some(list) = &self.items[page.file.as_str()].static_params {
            let _ = write!(
                out,
                "\n        .static_params(|cx| ::std::boxed::Box::pin(self::{}::{list}(cx)))",
                page.module
            );
        }
        if let Some(error) = &route.error {
            // The layouts of the error page's folder and above wrap it.
            let folder = |file: &str| file.rsplit_once('/').map_or("", |it| it.0).to_owned();
            let error_folder = folder(&error.file);
            let wraps = |layout: &&PageModule| {
                let layout = folder(&layout.file);
                layout.is_empty()
                    || error_folder == layout
                    || error_folder.starts_with(&format!("{layout}/"))
            };
            let wrapping = route.layouts.iter().filter(wraps).count();
            let fields = [("error".to_owned(), "error".to_owned())];
            let _ =
                write!(out, "\n        .error({wrapping}, |error| {})", self.call(error, &fields));
        }
    }
}
