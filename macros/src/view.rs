//! `view!` expansion: a parsed view becomes direct writes into an `Html` buffer.
//!
//! Static markup (tags, literal attributes, text) is escaped here and merged into one
//! string literal per run; only `{expr}` values, dynamic attributes and child components
//! become calls. A child component is a direct call writing into the parent's buffer.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use resuma_analysis::js_macro::js_macro_body;
use resuma_analysis::reactive::find_ident;
use resuma_analysis::rs2js::Env;
use resuma_analysis::view::{
    escape_attr, escape_text, is_url_attribute, parse, AttrValue, Block, ComponentCall, Element,
    Node,
};

use resuma_analysis::diagnostics::unsupported_in_template;
use resuma_analysis::rs2js::translate_thunk;

use crate::chunk::{Expander, Expansion};
use crate::emit::spanned_error;
use crate::template::{Binding, Template};

/// `view! { … }` → an expression of type `resuma::View`. Outside a component its
/// handlers form a chunk of their own, named `View.HASH`.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let env = Env::new();
    let Expansion { tokens, errors, chunk } =
        Expander::run("View", &env, |expander| expander.view_expr(input.clone()));
    let errors = errors.into_tokens();
    quote! {{
        #errors
        #chunk
        #tokens
    }}
}

/// Statements that parse `input` as a view and write it into `html`; diagnostics and
/// handlers go to `expander`.
pub(crate) fn render_view(
    input: TokenStream,
    html: &Ident,
    expander: &mut Expander<'_>,
) -> TokenStream {
    let parsed = parse(input);
    expander.diagnostics(&parsed.diagnostics);
    let mut writer = Writer::new(html, expander);
    writer.nodes(&parsed.tree.nodes);
    writer.finish()
}

/// The buffer's name in generated code; mixed-site hygiene keeps it out of user code.
pub(crate) fn html_ident() -> Ident {
    Ident::new("__resuma_html", Span::mixed_site())
}

pub(crate) struct Writer<'a, 'e> {
    pub(crate) html: &'a Ident,
    pub(crate) out: TokenStream,
    pub(crate) markup: String,
    /// Handler type checks, emitted after the rendering statements so that a closure
    /// moving a value does not move it before the markup used it.
    checks: TokenStream,
    pub(crate) expander: &'a mut Expander<'e>,
    /// Inside a client-rendered `<For>`/`<Show>`: the JavaScript template being written
    /// alongside the server's markup.
    pub(crate) tpl: Option<Template>,
}

impl<'a, 'e> Writer<'a, 'e> {
    pub(crate) fn new(html: &'a Ident, expander: &'a mut Expander<'e>) -> Writer<'a, 'e> {
        Writer {
            html,
            out: TokenStream::new(),
            markup: String::new(),
            checks: TokenStream::new(),
            expander,
            tpl: None,
        }
    }

    pub(crate) fn finish(mut self) -> TokenStream {
        self.flush();
        let checks = self.checks;
        let mut out = self.out;
        out.extend(checks);
        out
    }

    pub(crate) fn flush(&mut self) {
        if self.markup.is_empty() {
            return;
        }
        let html = self.html;
        let markup = syn::LitStr::new(&self.markup, Span::call_site());
        self.out.extend(quote! { #html.push_static(#markup); });
        self.markup.clear();
    }

    pub(crate) fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(text) => self.lit(&escape_text(&text.value)),
            Node::Expr(block) => self.expr_child(block),
            Node::Element(element) => self.element(element),
            Node::Component(call) => self.component(call),
            Node::Fragment(fragment) => self.nodes(&fragment.children),
        }
    }

    /// `{expr}`: a signal is bound text; an expression reading signals is a thunk the
    /// browser re-evaluates (`<!--r:CHUNK#tN|SLOTS-->`); anything else is written once.
    fn expr_child(&mut self, block: &Block) {
        let html = self.html;
        let value = braced(&self.expander.rewrite(block.tokens.clone()));
        let render = quote_spanned! {block.span.start=> ::resuma::Render::render(#value, #html); };
        if self.signal_ident(&block.tokens).is_some() {
            // A signal writes its own markers (`<!--r:SLOT-->`); the template has them too.
            return self.ssr(render);
        }
        if !self.is_reactive(&block.tokens) {
            return self.ssr(render);
        }
        let tokens = block.tokens.clone();
        let Some(thunk) = self.expander.export_ref('t', |env| translate_thunk(tokens, env)) else {
            return self.ssr(render);
        };
        self.ssr(quote! { ::resuma::__private::use_reactive(); });
        self.lit("<!--r:");
        self.thunk_address(&thunk, block.span.start);
        self.lit("-->");
        self.ssr(render);
        self.lit("<!--/r-->");
    }

    fn element(&mut self, element: &Element) {
        let html = self.html;
        self.lit("<");
        self.lit(&element.tag.text);
        let mut bound: Vec<(&str, Binding)> = Vec::new();
        for attr in &element.attrs {
            let name = &attr.name.text;
            if let Some(event) = attr.event() {
                if let AttrValue::Expr(block) = &attr.value {
                    self.handler(&event, block);
                }
                continue;
            }
            match &attr.value {
                AttrValue::Flag => self.lit(&format!(" {name}")),
                AttrValue::Str(text) => {
                    self.lit(&format!(" {name}=\"{}\"", escape_attr(&text.value)));
                }
                AttrValue::Expr(block) => {
                    let binding = match self.signal_ident(&block.tokens) {
                        Some(signal) => Some(Binding::Slot(signal, block.span.start)),
                        None if self.is_reactive(&block.tokens) => {
                            let tokens = block.tokens.clone();
                            self.expander
                                .export_ref('t', |env| translate_thunk(tokens, env))
                                .map(|thunk| Binding::Thunk(thunk, block.span.start))
                        }
                        None => None,
                    };
                    if binding.is_none() && self.template_attr(name, block) {
                        continue;
                    }
                    let value = braced(&self.expander.rewrite(block.tokens.clone()));
                    let method =
                        if is_url_attribute(name) { "render_url_attr" } else { "render_attr" };
                    let method = Ident::new(method, block.span.start);
                    self.ssr(quote_spanned! {block.span.start=>
                        ::resuma::AttributeValue::#method(#value, #name, #html);
                    });
                    bound.extend(binding.map(|it| (name.as_str(), it)));
                }
            }
        }
        if !bound.is_empty() {
            self.ssr(quote! { ::resuma::__private::use_reactive(); });
            self.lit(" data-r-a=\"");
            for (idx, (name, binding)) in bound.into_iter().enumerate() {
                self.lit(&format!("{}{name}=", if idx == 0 { "" } else { " " }));
                match binding {
                    Binding::Slot(signal, span) => self.slot(&signal, span),
                    Binding::Thunk(thunk, span) => self.thunk_address(&thunk, span),
                }
            }
            self.lit("\"");
        }
        self.lit(">");
        if element.is_void() {
            return;
        }
        self.nodes(&element.children);
        self.lit(&format!("</{}>", element.tag.text));
    }

    /// `data-r-on:EVENT="[!]CHUNK#INDEX[|SLOT,…]"` and the closure's type check.
    fn handler(&mut self, event: &str, block: &Block) {
        // A js! handler is JavaScript: there is no Rust closure to type-check.
        if js_macro_body(&block.tokens).is_none() {
            let closure = braced(&block.tokens);
            // An async handler returns a future: its output is not `()`.
            let is_async = block
                .tokens
                .clone()
                .into_iter()
                .any(|t| matches!(&t, TokenTree::Ident(i) if i == "async"));
            self.checks.extend(if is_async {
                quote_spanned! {block.span.start=>
                    {
                        fn __resuma_check_async_handler<R>(_handler: impl FnMut(::resuma::Event) -> R) {}
                        __resuma_check_async_handler(#closure);
                    }
                }
            } else {
                quote_spanned! {block.span.start=>
                    ::resuma::__private::check_handler(#closure);
                }
            });
        }
        let Some(handler) = self.expander.handler(block) else { return };
        // Each awaited callee must be a `#[server]` fn: `#[server]` puts a marker type
        // of the fn's name implementing `ServerFn` next to it.
        for name in &handler.server_fns {
            let span = find_ident(&block.tokens, name).unwrap_or(block.span.start);
            let ident = Ident::new(name, span);
            self.checks.extend(quote_spanned! {span=>
                {
                    fn __resuma_check_server_fn<T: ::resuma::__private::ServerFn + ?Sized>() {}
                    __resuma_check_server_fn::<#ident>();
                }
            });
        }
        let bang = if handler.prevent_default { "!" } else { "" };
        self.lit(&format!(" data-r-on:{event}=\"{bang}"));
        self.chunk(&handler.chunk_name);
        self.lit(&format!("#{}", handler.index));
        for (capture_idx, name) in handler.captures.iter().enumerate() {
            self.lit(if capture_idx == 0 { "|" } else { "," });
            self.slot(name, block.span.start);
        }
        self.lit("\"");
        // In a block, the block registers the events: its list may be empty on the server.
        if self.tpl.is_none() {
            let event = event.to_owned();
            self.out.extend(quote! { ::resuma::__private::use_event(#event); });
        }
    }

    fn component(&mut self, call: &ComponentCall) {
        if self.tpl.is_some() {
            let what = match call.name.text.as_str() {
                "For" | "Show" => format!("a nested <{}>", call.name.text),
                name => format!("the component <{name}>"),
            };
            let diagnostic = unsupported_in_template(call.open_span, &what);
            return self.expander.diagnostics(&[diagnostic]);
        }
        match call.name.text.as_str() {
            "For" => return self.for_block(call),
            "Show" => return self.show_block(call),
            _ => {}
        }
        self.flush();
        let html = self.html;
        let props_path = props_path(&call.path);
        let mut builder = quote_spanned! {call.name.span.start=> #props_path::builder() };
        for prop in &call.props {
            let Some(setter) = prop_ident(&prop.name.text, prop.name.span.start) else {
                self.expander.error(spanned_error(
                    prop.name.span,
                    &format!("`{}` is not a prop name: props are Rust identifiers", prop.name.text),
                ));
                continue;
            };
            let value = match &prop.value {
                AttrValue::Flag => quote_spanned!(prop.name.span.start=> true),
                AttrValue::Str(text) => {
                    let lit = syn::LitStr::new(&text.value, text.span.start);
                    quote!(#lit)
                }
                AttrValue::Expr(block) => braced(&self.expander.rewrite(block.tokens.clone())),
            };
            builder = quote_spanned! {prop.name.span.start=> #builder.#setter(#value) };
        }
        if !call.children.is_empty() {
            let mut child = Writer::new(html, self.expander);
            child.nodes(&call.children);
            let body = child.finish();
            builder = quote! {
                #builder.children(::resuma::View::new(move |#html: &mut ::resuma::Html| { #body }))
            };
        }
        // The span of `build` is the tag's: a missing required prop is reported there.
        let build = Ident::new("build", call.name.span.start);
        self.out.extend(quote! {
            ::resuma::Component::render(#builder.#build(), #html);
        });
    }
}

impl Writer<'_, '_> {
    /// `name={("/item/", id)}` with a string literal first: the literal parts go into the
    /// static markup (escaped now) and only the other parts are written at request time,
    /// with no URL check when the literal already shows the URL has no scheme. Returns
    /// false, writing nothing, when the value is not such a tuple.
    fn template_attr(&mut self, name: &str, block: &Block) -> bool {
        let Ok(syn::Expr::Tuple(tuple)) = syn::parse2::<syn::Expr>(block.tokens.clone()) else {
            return false;
        };
        let literal = |expr: &syn::Expr| match expr {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) => Some(lit.value()),
            _ => None,
        };
        let Some(first) = tuple.elems.first().and_then(literal) else { return false };
        if tuple.elems.len() < 2 || (is_url_attribute(name) && !clearly_schemeless(&first)) {
            return false;
        }
        let html = self.html;
        self.lit(&format!(" {name}=\""));
        for elem in &tuple.elems {
            match literal(elem) {
                Some(text) => self.lit(&escape_attr(&text)),
                None => {
                    self.flush();
                    let part = self.expander.rewrite(elem.to_token_stream());
                    self.out.extend(quote_spanned! {block.span.start=>
                        ::resuma::render::AttrPart::write_part(&(#part), #html);
                    });
                }
            }
        }
        self.lit("\"");
        true
    }

    /// `<For each={items} let:item>…</For>`: a plain `for` loop writing each item's
    /// markup straight into the buffer, with a streaming boundary after each item.
    pub(crate) fn for_loop(&mut self, call: &ComponentCall) {
        self.flush();
        let html = self.html;
        let mut each = None;
        let mut binding = None;
        for prop in &call.props {
            match (&prop.name.text, &prop.value) {
                (name, AttrValue::Expr(block)) if name == "each" => {
                    each = Some(braced(&self.expander.rewrite(block.tokens.clone())));
                }
                (name, AttrValue::Flag) if name.starts_with("let:") => {
                    binding = prop_ident(&name["let:".len()..], prop.name.span.start);
                }
                (name, _) if name == "key" => {}
                _ => self.expander.error(spanned_error(
                    prop.name.span,
                    "<For> takes each={…}, let:name and optionally key={…}",
                )),
            }
        }
        let (Some(each), Some(binding)) = (each, binding) else {
            self.expander.error(spanned_error(
                call.open_span,
                "<For> needs each={items} and let:item, e.g. <For each={rows} let:row>…</For>",
            ));
            return;
        };
        let mut body = Writer::new(html, self.expander);
        body.nodes(&call.children);
        let body = body.finish();
        self.out.extend(quote! {
            for #binding in ::core::iter::IntoIterator::into_iter(#each) {
                #body
                #html.boundary();
            }
        });
    }
}

/// Whether a URL starting with `prefix` certainly has no scheme (so no `javascript:`):
/// its first significant character is not a letter, or `/`, `?` or `#` comes before `:`.
fn clearly_schemeless(prefix: &str) -> bool {
    let prefix = prefix.trim_start_matches(|c: char| c <= ' ');
    match prefix.bytes().next() {
        Some(b) if !b.is_ascii_alphabetic() => true,
        Some(_) => {
            prefix.find([':', '/', '?', '#']).is_some_and(|at| prefix.as_bytes()[at] != b':')
        }
        None => false,
    }
}

/// `{ tokens }` with braces from the expansion, not the user's: the user wrote braces
/// because view! needs them, so rustc's `unused_braces` lint must not blame them.
pub(crate) fn braced(tokens: &TokenStream) -> TokenStream {
    let mut group = Group::new(Delimiter::Brace, tokens.clone());
    group.set_span(Span::mixed_site());
    TokenTree::Group(group).into()
}

/// The path of a component's props type: the component's own path, which names the
/// props type alias `#[component]` puts beside the function.
fn props_path(path: &TokenStream) -> TokenStream {
    path.clone()
}

/// A prop's setter, or `None` when the name cannot be a Rust identifier.
pub(crate) fn capture_ident(name: &str, span: Span) -> Option<Ident> {
    prop_ident(name, span)
}

fn prop_ident(name: &str, span: Span) -> Option<Ident> {
    let is_word = name.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && name.chars().all(|c| c == '_' || c.is_alphanumeric());
    if !is_word || matches!(name, "_" | "self" | "Self" | "super" | "crate") {
        return None;
    }
    match syn::parse_str::<Ident>(name) {
        Ok(_) => Some(Ident::new(name, span)),
        // A keyword such as `type` is a valid prop as a raw identifier.
        Err(_) if name.is_ascii() => Some(Ident::new_raw(name, span)),
        Err(_) => None,
    }
}
