//! Prints a plan from `resuma_analysis::lower` as Rust, in one pass.
//!
//! Every decision was made by analysis: what is markup, which value is a thunk, which
//! block the browser renders, the chunk's name and exports. This module only writes the
//! calls that carry them out: markup runs become `push_static`, values `Render::render`,
//! child components direct calls into the same buffer.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use resuma_analysis::lower::{
    BlockKind, Check, Chunk, ClientBlock, Code, CodePiece, ComponentOp, Op, PropValue,
    ReactivePlan, SlotRef, ViewPlan,
};
use resuma_analysis::reactive::ReactiveKind;

/// The buffer's name in generated code; mixed-site hygiene keeps it out of user code.
pub(crate) fn html_ident() -> Ident {
    Ident::new("__resuma_html", Span::mixed_site())
}

fn env_ident() -> Ident {
    Ident::new("__resuma_env", Span::mixed_site())
}

fn item_slot_ident() -> Ident {
    Ident::new("__resuma_item_slot", Span::mixed_site())
}

/// The chunk's registration, when there is one.
pub(crate) fn chunk(chunk: Option<&Chunk>) -> TokenStream {
    let Some(Chunk { name, source }) = chunk else { return TokenStream::new() };
    quote! {
        ::resuma::__private::inventory::submit! {
            ::resuma::__private::Chunk { name: #name, source: #source }
        }
    }
}

/// Code with its views and reactive calls printed.
pub(crate) fn code(code: &Code) -> TokenStream {
    let mut out = TokenStream::new();
    for piece in &code.0 {
        match piece {
            CodePiece::Tokens(tokens) => out.extend(tokens.clone()),
            CodePiece::Group { delimiter, span, code: inner } => {
                let mut group = Group::new(*delimiter, self::code(inner));
                group.set_span(*span);
                out.extend([TokenTree::Group(group)]);
            }
            CodePiece::View(view) => out.extend(view_expr(view)),
            CodePiece::Reactive(reactive) => out.extend(reactive_call(reactive)),
        }
    }
    out
}

/// A view as an expression of type `View`.
pub(crate) fn view_expr(view: &ViewPlan) -> TokenStream {
    let html = html_ident();
    let body = statements(view);
    quote! { ::resuma::View::new(move |#html: &mut ::resuma::Html| { #body }) }
}

/// The statements that write `view` into the buffer, then its handlers' checks.
pub(crate) fn statements(view: &ViewPlan) -> TokenStream {
    let mut out: TokenStream = view.ops.iter().map(op).collect();
    out.extend(view.checks.iter().map(check));
    out
}

/// `{ tokens }` with braces from the expansion, not the user's: the user wrote braces
/// because view! needs them, so rustc's `unused_braces` lint must not blame them.
fn braced(tokens: TokenStream) -> TokenStream {
    let mut group = Group::new(Delimiter::Brace, tokens);
    group.set_span(Span::mixed_site());
    TokenTree::Group(group).into()
}

fn op(op: &Op) -> TokenStream {
    let html = html_ident();
    match op {
        Op::Static(markup) => {
            let markup = syn::LitStr::new(markup, Span::call_site());
            quote! { #html.push_static(#markup); }
        }
        // Lowering replaces it; a plan never holds one when printed.
        Op::ChunkName => TokenStream::new(),
        Op::Render { value, span } => {
            let value = braced(code(value));
            quote_spanned! {*span=> ::resuma::Render::render(#value, #html); }
        }
        Op::Attr { name, value, url, span } => {
            let value = braced(code(value));
            let method = if *url { "render_url_attr" } else { "render_attr" };
            let method = Ident::new(method, *span);
            quote_spanned! {*span=> ::resuma::AttributeValue::#method(#value, #name, #html); }
        }
        Op::AttrPart { value, span } => {
            let part = code(value);
            quote_spanned! {*span=> ::resuma::render::AttrPart::write_part(&(#part), #html); }
        }
        Op::Slot(slot) => {
            let slot = slot_value(slot);
            quote! { ::resuma::__private::write_slot(#html, #slot); }
        }
        Op::UseReactive => quote! { ::resuma::__private::use_reactive(); },
        Op::UseEvent(event) => quote! { ::resuma::__private::use_event(#event); },
        Op::Component(call) => component(call),
        Op::Loop { item, item_span, each, body } => {
            let item = ident(item, *item_span);
            let each = braced(code(each));
            let body = statements(body);
            quote! {
                for #item in ::core::iter::IntoIterator::into_iter(#each) {
                    #body
                }
            }
        }
        Op::If { condition, body } => {
            let condition = braced(code(condition));
            let body = statements(body);
            quote! { if #condition { #body } }
        }
        Op::Block(block) => client_block(block),
        Op::Boundary => quote! { #html.boundary(); },
        Op::IslandNumber => quote! { ::resuma::__private::write_island(#html); },
    }
}

fn slot_value(slot: &SlotRef) -> TokenStream {
    match slot {
        SlotRef::Capture(name, span) => {
            let name = ident(name, *span);
            quote_spanned! {*span=> ::resuma::__private::Capture::capture_slot(&#name) }
        }
        SlotRef::Item => {
            let item = item_slot_ident();
            quote!(#item)
        }
        SlotRef::Outer(idx) => {
            let env = env_ident();
            quote!(#env[#idx])
        }
    }
}

fn check(check: &Check) -> TokenStream {
    match check {
        Check::Handler { closure, is_async: true, span } => {
            let closure = braced(closure.clone());
            quote_spanned! {*span=>
                {
                    fn __resuma_check_async_handler<R>(_handler: impl FnMut(::resuma::Event) -> R) {}
                    __resuma_check_async_handler(#closure);
                }
            }
        }
        Check::Handler { closure, is_async: false, span } => {
            let closure = braced(closure.clone());
            quote_spanned! {*span=> ::resuma::__private::check_handler(#closure); }
        }
        Check::ServerFn { name, span } => server_fn_check(name, *span),
    }
}

// `#[server]` puts a marker type of the fn's name implementing `ServerFn` beside it.
fn server_fn_check(name: &str, span: Span) -> TokenStream {
    let name = ident(name, span);
    quote_spanned! {span=>
        {
            fn __resuma_check_server_fn<T: ::resuma::__private::ServerFn + ?Sized>() {}
            __resuma_check_server_fn::<#name>();
        }
    }
}

fn component(call: &ComponentOp) -> TokenStream {
    let html = html_ident();
    let path = &call.path;
    let mut builder = quote_spanned! {call.name_span=> #path::builder() };
    for prop in &call.props {
        let setter = ident(&prop.name, prop.span);
        let value = match &prop.value {
            PropValue::Flag => quote_spanned!(prop.span=> true),
            PropValue::Str(text, span) => {
                let lit = syn::LitStr::new(text, *span);
                quote!(#lit)
            }
            PropValue::Expr(value) => braced(code(value)),
        };
        builder = quote_spanned! {prop.span=> #builder.#setter(#value) };
    }
    if let Some(children) = &call.children {
        let body = statements(children);
        builder = quote! {
            #builder.children(::resuma::View::new(move |#html: &mut ::resuma::Html| { #body }))
        };
    }
    // The span of `build` is the tag's: a missing required prop is reported there.
    let build = Ident::new("build", call.name_span);
    if call.before.is_empty() && call.after.is_empty() {
        return quote! { ::resuma::Component::render(#builder.#build(), #html); };
    }
    // The markup around the call, as types whose text the compiler joins with the
    // child's own leading and trailing markup (`render_child`).
    let (before_def, before) = static_text("__ResumaBefore", &call.before);
    let (after_def, after) = static_text("__ResumaAfter", &call.after);
    quote! {{
        #before_def
        #after_def
        ::resuma::__private::render_child::<#before, #after, _>(#builder.#build(), #html);
    }}
}

/// A type whose `StaticText::TEXT` is `text` (its definition and its name), or `()` for
/// no text.
fn static_text(name: &str, text: &str) -> (TokenStream, TokenStream) {
    if text.is_empty() {
        return (TokenStream::new(), quote!(()));
    }
    let name = Ident::new(name, Span::mixed_site());
    let text = syn::LitStr::new(text, Span::call_site());
    let def = quote! {
        struct #name;
        impl ::resuma::__private::StaticText for #name {
            const TEXT: &'static str = #text;
        }
    };
    (def, quote!(#name))
}

fn client_block(block: &ClientBlock) -> TokenStream {
    let env = env_ident();
    let slots = block.outer.iter().map(|name| {
        let name = ident(name, Span::call_site());
        quote! { ::resuma::__private::Capture::capture_slot(&#name) }
    });
    let open = statements(&block.open);
    let close = statements(&block.close);
    let content = match &block.kind {
        BlockKind::List { each, item, item_span, key, body } => {
            let each = ident(each, *item_span);
            let item = ident(item, *item_span);
            let item_slot = item_slot_ident();
            let key = braced(key.clone());
            let body = statements(body);
            quote! {
                for #item in ::core::iter::IntoIterator::into_iter(#each.get()) {
                    let _ = ::resuma::__private::list_key(&#item, #key);
                    let #item_slot = ::resuma::__private::Capture::capture_slot(&#item);
                    #body
                }
            }
        }
        BlockKind::Show { condition, body } => {
            let condition = braced(code(condition));
            let body = statements(body);
            quote! { if #condition { #body } }
        }
    };
    quote! {
        {
            let #env: &[u32] = &[#(#slots),*];
            #open
            #content
            #close
        }
    }
}

/// `computed!`, `effect!` and `debounce!`: a call that runs the body on the server and
/// records the thunk the browser replays.
fn reactive_call(reactive: &ReactivePlan) -> TokenStream {
    let span = reactive.span;
    let Some(call) = &reactive.call else {
        // The error is reported; the rest of the body still type-checks.
        return match reactive.kind {
            ReactiveKind::Computed => quote_spanned!(span=> ::core::unreachable!()),
            _ => quote_spanned!(span=> ()),
        };
    };
    let captures = call.captures.iter().map(|name| {
        let name = ident(name, span);
        quote! { ::resuma::__private::Capture::capture_slot(&#name) }
    });
    let deps = call.deps.iter().map(|(name, dep_span)| {
        let name = ident(name, *dep_span);
        quote_spanned! {*dep_span=> ::resuma::__private::Dependency::dependency_slot(&#name) }
    });
    let address = &call.address;
    let closure = code(&call.closure);
    // An async body is the browser's: the server renders synchronously, so it takes the
    // closure (type-checked as written) without calling it.
    let closure = match call.is_async {
        true => quote_spanned! {span=> || { let _browser_only = #closure; } },
        false => closure,
    };
    let server_fns = call.server_fns.iter().map(|(name, span)| server_fn_check(name, *span));
    // The slots are taken before the body runs: a `move` closure may move a capture.
    let head = quote! {
        #(#server_fns)*
        let __resuma_captures: &[u32] = &[#(#captures),*];
        let __resuma_deps: &[u32] = &[#(#deps),*];
    };
    let call_fn = match reactive.kind {
        ReactiveKind::Computed => quote_spanned! {span=>
            ::resuma::__private::computed(#address, __resuma_captures, __resuma_deps, #closure)
        },
        ReactiveKind::Effect => quote_spanned! {span=>
            ::resuma::__private::effect(#address, __resuma_captures, __resuma_deps, #closure)
        },
        ReactiveKind::Debounce => {
            let delay = call.delay.clone().unwrap_or_default();
            quote_spanned! {span=>
                ::resuma::__private::debounce(#delay, #address, __resuma_captures, __resuma_deps, #closure)
            }
        }
    };
    quote! {{ #head #call_fn }}
}

/// An identifier for a name analysis accepted as one (a keyword is written raw). A name
/// that is none (analysis reported it) becomes one that resolves to nothing, so the
/// compiler reports the rest without a panic here.
fn ident(name: &str, span: Span) -> Ident {
    if let Some(raw) = name.strip_prefix("r#") {
        if resuma_analysis::view::is_rust_ident(raw) && syn::parse_str::<Ident>(raw).is_err() {
            return Ident::new_raw(raw, span);
        }
    }
    if !resuma_analysis::view::is_rust_ident(name) {
        return Ident::new("__resuma_not_an_identifier", span);
    }
    match syn::parse_str::<Ident>(name) {
        Ok(_) => Ident::new(name, span),
        Err(_) if name.is_ascii() => Ident::new_raw(name, span),
        Err(_) => Ident::new("__resuma_not_an_identifier", span),
    }
}
