//! Procedural macros of Resuma: `view!` and `#[component]`.
//!
//! Each entry point is one call. Parsing and diagnostics live in `resuma-analysis`, so
//! the compiler, `resuma check` and the language server report the same things; handler
//! closures are translated to JavaScript by its `rs2js`. This crate only turns the parsed
//! tree into Rust, the handlers into a chunk, and diagnostics into compile errors. Use
//! the macros through the `resuma` crate, which re-exports them.

use proc_macro::TokenStream;

mod builder;
mod component;
#[cfg(test)]
mod cross_surface;
mod emit;
mod flow;
mod pages;
mod print;
mod props;
mod server;
mod structs;
mod view;

/// Markup with Rust values, rendered once on the server into a `resuma::View`.
///
/// Elements and components are written as in HTML/JSX; text is a string literal; values,
/// attribute expressions and handlers go in braces. Everything is escaped when written.
///
/// ```
/// use resuma::prelude::*;
///
/// let name = "Ada <3";
/// let page = view! {
///     <main class="page">
///         <h1>"Hello, " {name}</h1>
///         <input type="checkbox" checked/>
///         <>"fragments " "group " "nodes"</>
///     </main>
/// };
/// assert_eq!(
///     page.to_html(),
///     r#"<main class="page"><h1>Hello, Ada &lt;3</h1><input type="checkbox" checked>fragments group nodes</main>"#
/// );
/// ```
///
/// Mistakes are compile errors at the exact token, with a code and a way out:
///
/// ```compile_fail
/// use resuma::prelude::*;
/// // error: R007: text in view! must be a string literal
/// let page = view! { <p>Hello world</p> };
/// ```
///
/// The fix: `view! { <p>"Hello world"</p> }`.
///
/// ```compile_fail
/// use resuma::prelude::*;
/// // error: R001: <span> is never closed
/// let page = view! { <div><span>"hi"</div> };
/// ```
#[proc_macro]
pub fn view(input: TokenStream) -> TokenStream {
    view::expand(input.into()).into()
}

/// Makes a function a component: its parameters become props with a generated builder,
/// and using it in `view!` is a direct call that writes into the parent's buffer.
///
/// Props are required unless marked `#[prop(optional)]` (the type's default, and an
/// `Option<T>` prop takes a `T`), `#[prop(default = expr)]`, or named `children`.
/// `#[prop(into)]` makes the setter take `impl Into<T>`. A string literal may be passed
/// to any string-like prop.
///
/// ```
/// use resuma::prelude::*;
///
/// #[component]
/// fn Card(title: String, #[prop(optional)] note: Option<String>, children: Children) -> View {
///     view! { <section><h2>{title}</h2>{note}{children}</section> }
/// }
///
/// let page = view! { <Card title="Hi" note="n"><p>"body"</p></Card> };
/// assert_eq!(page.to_html(), "<section><h2>Hi</h2>n<p>body</p></section>");
///
/// // The same component from Rust:
/// let card = Card(CardProps::builder().title("Hi").build());
/// assert_eq!(card.to_html(), "<section><h2>Hi</h2></section>");
/// ```
///
/// A missing required prop is an error that names it:
///
/// ```compile_fail
/// use resuma::prelude::*;
///
/// #[component]
/// fn Card(title: String) -> View {
///     view! { <h2>{title}</h2> }
/// }
///
/// // error[E0277]: missing required prop `title` on <Card>
/// let page = view! { <Card/> };
/// ```
#[proc_macro_attribute]
pub fn component(args: TokenStream, item: TokenStream) -> TokenStream {
    component::expand(args.into(), item.into(), structs::file_structs()).into()
}

/// A component whose client code starts before anyone touches it: an island. When its
/// trigger fires, the browser imports the core and the island's chunk and runs its
/// `effect!`s; until then, nothing of it is fetched.
///
/// `load` is `"visible"` (its root element scrolls into view), `"idle"` (after the page
/// has loaded, when the browser is idle) or `"interaction"` (the first pointer over, focus
/// in, touch or press on it). Everything else is as `#[component]`; the view must be one
/// root element, which gets `data-r-island` (R048). Most UI is a plain `#[component]`,
/// which costs nothing until the first interaction; see the islands guide
/// (`resuma::guide::islands`).
///
/// ```
/// use resuma::prelude::*;
///
/// #[island(load = "visible")]
/// fn Greeting() -> View {
///     let runs = use_signal(0u32);
///     effect!([], move || runs.update(|n| *n += 1));
///     view! { <p>"effect runs: " {runs}</p> }
/// }
///
/// let html = Greeting().to_html();
/// assert!(html.starts_with("<p data-r-island=\"visible "), "{html}");
/// ```
///
/// A `load` that is not one of the three is an error listing them (R059):
///
/// ```compile_fail
/// use resuma::prelude::*;
///
/// // error: R059: #[island] cannot load on "soon"
/// #[island(load = "soon")]
/// fn Clock() -> View {
///     view! { <p>"12:00"</p> }
/// }
/// ```
#[proc_macro_attribute]
pub fn island(args: TokenStream, item: TokenStream) -> TokenStream {
    let kind = component::Kind::Island;
    component::expand_kind(kind, args.into(), item.into(), structs::file_structs()).into()
}

/// Makes an `async fn` a server function: it stays an ordinary function for Rust code,
/// and is also served at `POST /_resuma/action/{name}`, where the browser calls it with a
/// JSON array of its arguments (CSRF-checked and rate-limited by the framework).
///
/// The arguments must implement `serde::Deserialize`, the result `serde::Serialize`; a
/// `Result<T, E>` result sends `E` (which must also be `Display`) to the caller as a typed
/// error. `#[server(rate = "10/s")]` sets this function's rate limit per client.
///
/// ```
/// use resuma::prelude::*;
///
/// #[server(rate = "20/s")]
/// async fn add(a: i32, b: i32) -> Result<i32, String> {
///     a.checked_add(b).ok_or_else(|| "overflow".to_owned())
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// assert_eq!(add(2, 3).await, Ok(5)); // still a plain async fn
/// # }
/// ```
///
/// ```compile_fail
/// use resuma::prelude::*;
/// // error: R062: a #[server] function must be `async`: the action endpoint awaits it
/// #[server]
/// fn add(a: i32, b: i32) -> i32 { a + b }
/// ```
#[proc_macro_attribute]
pub fn server(args: TokenStream, item: TokenStream) -> TokenStream {
    server::expand(args.into(), item.into()).into()
}

/// `#[component]` under the name Flow's layouts go by: the component of a `_layout.rs`,
/// which takes the page it wraps as `children: Children` (and its load's `data`).
///
/// ```
/// use resuma::prelude::*;
///
/// #[layout]
/// pub fn Frame(children: Children) -> View {
///     view! { <nav><a href="/">"Home"</a></nav><main>{children}</main> }
/// }
/// ```
#[proc_macro_attribute]
pub fn layout(args: TokenStream, item: TokenStream) -> TokenStream {
    component::expand(args.into(), item.into(), structs::file_structs()).into()
}

/// Marks the `async fn` of a Flow page file (`src/pages/…`) that runs on the server
/// before its page renders: `pub async fn load(cx: LoadCx) -> Result<Data, LoadError>`.
/// The page's component gets `Ok(data)` as its `data` prop; an `Err` redirects, is the
/// 404 page, or the nearest `_error.rs` (see `resuma::flow::LoadError`).
/// `#[load(cache = "public, max-age=60")]` sets the page's `Cache-Control`.
///
/// ```
/// use resuma::prelude::*;
/// use resuma::flow::{LoadCx, LoadError};
///
/// #[load(cache = "public, max-age=60")]
/// pub async fn load(cx: LoadCx) -> Result<String, LoadError> {
///     let slug: String = cx.param("slug")?;
///     Ok(slug.to_uppercase())
/// }
/// ```
///
/// ```compile_fail
/// use resuma::prelude::*;
/// // error: R080: a #[load] fn must be `async`: the page awaits it
/// #[load]
/// pub fn load(cx: resuma::flow::LoadCx) -> Result<u8, resuma::flow::LoadError> { Ok(1) }
/// ```
#[proc_macro_attribute]
pub fn load(args: TokenStream, item: TokenStream) -> TokenStream {
    flow::expand_load(args.into(), item.into()).into()
}

/// Marks the `async fn` of a dynamic Flow page (`blog/[slug].rs`) that lists the params
/// `resuma build --static` exports it for: `pub async fn name(cx: LoadCx) ->
/// Result<Vec<Params>, LoadError>`, run once per export with the app state
/// (`cx.state()`) and no request. Only pages whose route has params may have one (R082);
/// the page table calls it, so its types are checked there.
///
/// ```ignore
/// #[static_params]
/// pub async fn slugs(cx: LoadCx) -> Result<Vec<Params>, LoadError> {
///     let db: Db = cx.state()?;
///     Ok(db.posts()?.into_iter().map(|post| Params::new().with("slug", post.slug)).collect())
/// }
/// ```
#[proc_macro_attribute]
pub fn static_params(args: TokenStream, item: TokenStream) -> TokenStream {
    flow::expand_static_params(args.into(), item.into()).into()
}

/// Marks an `async fn` of a Flow page file (or `_layout.rs`) that a `<Form>` posts to:
/// `pub async fn name(cx: SubmitCx, form: T) -> Result<Submitted, FormError>`, where `T`
/// derives `serde::Deserialize` (and `garde::Validate` for rules, checked before the body
/// runs). An `Err` with field errors shows the page again with status 422, every typed
/// value kept; `Ok(Submitted::redirect(…))` answers `303 See Other`.
///
/// ```
/// use resuma::prelude::*;
/// use resuma::flow::{FormError, SubmitCx, Submitted};
///
/// #[derive(serde::Deserialize, garde::Validate)]
/// pub struct NewNote {
///     #[garde(length(min = 1, max = 80))]
///     title: String,
/// }
///
/// #[submit]
/// pub async fn create_note(cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> {
///     if form.title == "taken" {
///         return Err(FormError::field("title", "A note has this title already."));
///     }
///     let _ = cx;
///     Ok(Submitted::redirect("/notes"))
/// }
/// ```
///
/// ```compile_fail
/// use resuma::prelude::*;
/// // error: R083: a #[submit] fn takes two arguments, the request's `SubmitCx` and the form, not 1
/// #[submit]
/// pub async fn save(form: String) -> Result<resuma::flow::Submitted, resuma::flow::FormError> { todo!() }
/// ```
#[proc_macro_attribute]
pub fn submit(args: TokenStream, item: TokenStream) -> TokenStream {
    flow::expand_submit(args.into(), item.into()).into()
}

/// Marks the `async fn` of a folder's `_middleware.rs` that runs before every page (and
/// 404 page) under that folder, root first: `async fn(req: Request, next: Next) ->
/// impl IntoResponse`. It answers early (a redirect to a login page), or passes the
/// request on with `next.run(req).await`, after inserting extensions loads read.
///
/// ```
/// use resuma::prelude::*;
/// use resuma::flow::{IntoResponse, Next, Request, Response};
///
/// #[middleware]
/// pub async fn guard(req: Request, next: Next) -> Response {
///     if req.headers().contains_key("x-admin") {
///         next.run(req).await
///     } else {
///         resuma::flow::StatusCode::FORBIDDEN.into_response()
///     }
/// }
/// ```
#[proc_macro_attribute]
pub fn middleware(args: TokenStream, item: TokenStream) -> TokenStream {
    flow::expand_middleware(args.into(), item.into()).into()
}

/// JavaScript for an event handler, when a closure cannot say it in Rust: written in
/// `view!` as `onInput={js! { … }}` (tokens) or `onInput={js!(r#"…"#)}` (one string, for
/// single quotes, template literals and regexes, which Rust cannot lex).
///
/// The code sees `event` (the DOM event), `state.NAME` (the cell of the signal or value
/// `NAME` in the component, e.g. `state.query.set(v)`), and `__resuma` (the runtime, e.g.
/// `await __resuma.action("search", [q])`). Outside a `view!` event attribute it has no
/// meaning, and is an error:
///
/// ```compile_fail
/// let handler = resuma::js! { console.log("hi") };
/// ```
#[proc_macro]
pub fn js(input: TokenStream) -> TokenStream {
    js_outside_handler(input.into()).into()
}

/// The pages of `src/pages/` as modules, plus `pub fn all() -> resuma::flow::Pages`.
///
/// Call it in a module of its own, so the page modules sit under one name
/// (`pages::blog::slug`): `mod pages { resuma::pages!(); }`, then
/// `FlowApp::new(pages::all())`. It includes the file the app's build script writes with
/// `resuma_build::pages()`; without that build script it is an error saying so:
///
/// ```compile_fail
/// mod pages {
///     resuma::pages!();
/// }
/// ```
///
/// See the Flow guide (`resuma::guide::flow`) for the file conventions.
#[proc_macro]
pub fn pages(input: TokenStream) -> TokenStream {
    pages::expand(input.into()).into()
}

/// A signal derived from others: `let len = computed!([q], move || q.get().len());`.
///
/// The body runs once on the server, for the first render; in the browser it runs again,
/// translated to JavaScript, whenever a signal in the dependency list changes, and the
/// text and attributes showing the result follow. The list must name every signal the
/// body reads (R040). Only meaningful in a `#[component]` body, which rewrites it:
///
/// ```compile_fail
/// let q = resuma::use_signal(String::new());
/// let len = resuma::computed!([q], move || q.get().len());
/// ```
#[proc_macro]
pub fn computed(input: TokenStream) -> TokenStream {
    outside_component("computed", input)
}

/// Runs a closure when a dependency changes: `effect!([q], move || log.update(…));`.
///
/// It also runs once on the server, during the render, so the first page shows its
/// effect. See [`computed!`](macro@computed) for the dependency list.
#[proc_macro]
pub fn effect(input: TokenStream) -> TokenStream {
    outside_component("effect", input)
}

/// Runs a closure once a burst of changes is over: `debounce!(300, [q], move || …);` runs
/// 300 ms after the last change of `q` in a burst (and once on the server, like
/// [`effect!`](macro@effect)).
#[proc_macro]
pub fn debounce(input: TokenStream) -> TokenStream {
    outside_component("debounce", input)
}

fn outside_component(name: &str, input: TokenStream) -> TokenStream {
    reactive_outside_component(name, input.into()).into()
}

/// `js!` run by the compiler: it stands outside an event attribute (R039).
fn js_outside_handler(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    emit::diagnostics_tokens(&[resuma_analysis::signature::placement::js_outside_handler(&input)])
}

/// `name!` run by the compiler: it stands outside a component (R044).
fn reactive_outside_component(
    name: &str,
    input: proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let diagnostic =
        resuma_analysis::signature::placement::reactive_outside_component(name, &input);
    emit::diagnostics_tokens(&[diagnostic])
}
