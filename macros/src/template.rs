//! Client-rendered blocks: a keyed `<For>` over a signal and a `<Show>` whose condition
//! reads one. The server renders their content as usual; the browser renders new items
//! (and the content of a `<Show>` that turns true) from a template in the chunk, built by
//! `resuma_analysis::template::block_template` from the same nodes, so `check` measures
//! the very text the chunk holds (docs/resumability.md, "Blocks").

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use resuma_analysis::reactive::reads_signal;
use resuma_analysis::rs2js::{translate_fn, translate_thunk};
use resuma_analysis::template::{block_closure, block_template, list_item_type, signal_name};
use resuma_analysis::view::{AttrValue, ComponentCall};

use crate::chunk::ExportRef;
use crate::emit::spanned_error;
use crate::view::{braced, capture_ident, Writer};

/// Inside a client block's content: where the server finds the slots the content uses.
#[derive(Default)]
pub(crate) struct Template {
    /// The item's name, in a `<For>`.
    item: Option<String>,
    /// The names from outside the block the content uses, in the block's slot order (the
    /// template's, from analysis).
    outer: Vec<String>,
}

/// What an attribute is bound to.
pub(crate) enum Binding {
    /// A signal, by name.
    Slot(String, Span),
    /// A thunk.
    Thunk(ExportRef, Span),
}

fn env_ident() -> Ident {
    Ident::new("__resuma_env", Span::mixed_site())
}

fn item_slot_ident() -> Ident {
    Ident::new("__resuma_item_slot", Span::mixed_site())
}

impl Writer<'_, '_> {
    /// Static markup.
    pub(crate) fn lit(&mut self, text: &str) {
        self.markup.push_str(text);
    }

    /// Code for the server only (the template's nodes get it from their bindings).
    pub(crate) fn ssr(&mut self, code: TokenStream) {
        self.flush();
        self.out.extend(code);
    }

    /// The chunk's name.
    pub(crate) fn chunk(&mut self, chunk_name: &str) {
        self.markup.push_str(chunk_name);
    }

    /// The slot of the capture `name`.
    pub(crate) fn slot(&mut self, name: &str, span: Span) {
        let html = self.html;
        let slot = match &mut self.tpl {
            Some(tpl) if tpl.item.as_deref() == Some(name) => {
                let item = item_slot_ident();
                quote!(#item)
            }
            Some(tpl) => {
                let idx = match tpl.outer.iter().position(|it| it == name) {
                    Some(idx) => idx,
                    None => {
                        tpl.outer.push(name.to_owned());
                        tpl.outer.len() - 1
                    }
                };
                let env = env_ident();
                quote!(#env[#idx])
            }
            None => match capture_ident(name, span) {
                Some(ident) => quote_spanned! {span=>
                    ::resuma::__private::Capture::capture_slot(&#ident)
                },
                None => return,
            },
        };
        self.ssr(quote! { ::resuma::__private::write_slot(#html, #slot); });
    }

    /// `CHUNK#tN|SLOT,…`.
    pub(crate) fn thunk_address(&mut self, thunk: &ExportRef, span: Span) {
        self.chunk(&thunk.chunk_name);
        self.lit(&format!("#{}", thunk.name));
        for (idx, name) in thunk.captures.iter().enumerate() {
            self.lit(if idx == 0 { "|" } else { "," });
            self.slot(name, span);
        }
    }

    /// The signal `tokens` consist of, when they are one signal's name.
    pub(crate) fn signal_ident(&self, tokens: &TokenStream) -> Option<String> {
        signal_name(tokens, &self.expander.env)
    }

    /// Whether the browser must evaluate `tokens`: they read a signal, or stand in a
    /// template (which has no values of its own).
    pub(crate) fn is_reactive(&self, tokens: &TokenStream) -> bool {
        self.tpl.is_some() || reads_signal(tokens, &self.expander.env)
    }

    /// `<For each={signal} key={|item| …} let:item>`: rendered on the client when keyed
    /// over a signal holding a `Vec`; otherwise a plain loop on the server.
    pub(crate) fn for_block(&mut self, call: &ComponentCall) {
        let prop = |name: &str| call.props.iter().find(|it| it.name.text == name);
        let key = prop("key").and_then(|it| match &it.value {
            AttrValue::Expr(block) => Some(block.tokens.clone()),
            _ => None,
        });
        let each = prop("each").and_then(|it| match &it.value {
            AttrValue::Expr(block) => self.signal_ident(&block.tokens),
            _ => None,
        });
        let item = call.props.iter().find_map(|it| it.name.text.strip_prefix("let:"));
        let (Some(key), Some(each), Some(item)) = (key, each, item) else {
            return self.for_loop(call);
        };
        let Some(item_ident) = capture_ident(item, call.open_span.start) else {
            return self.for_loop(call);
        };
        let elem_ty = list_item_type(&self.expander.env, &each);
        let outer_env = self.expander.env.clone();
        self.expander.env.insert(item, elem_ty.clone());
        let mut numbers = self.expander.numbers();
        let template = block_template(
            &call.children,
            &self.expander.env,
            Some(item),
            vec![each.clone()],
            &mut numbers,
        );
        let tpl = Template { item: Some(item.to_owned()), outer: template.outer.clone() };
        let body = self.block_body(call, tpl);
        self.expander.env = outer_env;
        let key_tokens = key.clone();
        let template_js = template.js;
        let block = self.expander.export_ref('b', |env| {
            let (key, diagnostics) = translate_fn(key_tokens, env, vec![elem_ty]);
            let block = key.map(|key| block_closure(format!("[0,{},{template_js}]", key.js), key));
            (block, diagnostics)
        });
        let Some(block) = block else { return };
        let html = self.html;
        let each_ident = Ident::new(&each, call.open_span.start);
        let item_slot = item_slot_ident();
        let key = braced(&key);
        let opening = self.block_opening(&block, &template.outer, &template.events);
        self.ssr(quote! {
            {
                #opening
                for #item_ident in ::core::iter::IntoIterator::into_iter(#each_ident.get()) {
                    let _ = ::resuma::__private::list_key(&#item_ident, #key);
                    let #item_slot = ::resuma::__private::Capture::capture_slot(&#item_ident);
                    #html.push_static("<!--i:");
                    ::resuma::__private::write_slot(#html, #item_slot);
                    #html.push_static("-->");
                    #body
                    #html.boundary();
                }
                #html.push_static("<!--/f-->");
            }
        });
    }

    /// `<Show when={…}>…</Show>`: the content when the condition holds; re-evaluated in
    /// the browser when the condition reads a signal.
    pub(crate) fn show_block(&mut self, call: &ComponentCall) {
        let when = call.props.iter().find_map(|it| match (&it.value, it.name.text.as_str()) {
            (AttrValue::Expr(block), "when") => Some(block.tokens.clone()),
            _ => None,
        });
        let unknown = call.props.iter().find(|it| it.name.text != "when");
        let (Some(when), None) = (when, unknown) else {
            let span = unknown.map_or(call.open_span, |it| it.name.span);
            self.expander.error(spanned_error(span, "<Show> takes one prop, when={condition}"));
            return;
        };
        let condition = braced(&self.expander.rewrite(when.clone()));
        if !reads_signal(&when, &self.expander.env) {
            let mut body = Writer::new(self.html, self.expander);
            body.nodes(&call.children);
            let body = body.finish();
            return self.ssr(quote! { if #condition { #body } });
        }
        // The condition is evaluated in the browser with the block's cells: its captures
        // come first among them, in its own parameter order.
        let (when_thunk, diagnostics) = translate_thunk(when, &self.expander.env);
        self.expander.diagnostics(&diagnostics);
        let Some(when_thunk) = when_thunk else { return };
        let seed = when_thunk.captures.iter().map(|it| it.name.clone()).collect();
        let mut numbers = self.expander.numbers();
        let template = block_template(&call.children, &self.expander.env, None, seed, &mut numbers);
        let tpl = Template { item: None, outer: template.outer.clone() };
        let body = self.block_body(call, tpl);
        let template_js = template.js;
        let block = self.expander.export_ref('b', |_| {
            let js = format!("[{},0,{template_js}]", when_thunk.js);
            (Some(block_closure(js, when_thunk)), Vec::new())
        });
        let Some(block) = block else { return };
        let html = self.html;
        let opening = self.block_opening(&block, &template.outer, &template.events);
        self.ssr(quote! {
            {
                #opening
                if #condition { #body }
                #html.push_static("<!--/f-->");
            }
        });
    }

    /// The content of a block, written for the server with the template's slots.
    fn block_body(&mut self, call: &ComponentCall, tpl: Template) -> TokenStream {
        let mut body = Writer::new(self.html, self.expander);
        body.tpl = Some(tpl);
        body.nodes(&call.children);
        body.finish()
    }

    /// The block's slots (`__resuma_env`), its events, and `<!--f:CHUNK#bN|SLOTS-->`.
    fn block_opening(
        &mut self,
        block: &ExportRef,
        outer: &[String],
        events: &[String],
    ) -> TokenStream {
        let html = self.html;
        let env = env_ident();
        let slots = outer.iter().filter_map(|name| {
            let ident = capture_ident(name, Span::call_site())?;
            Some(quote! { ::resuma::__private::Capture::capture_slot(&#ident) })
        });
        let address = format!("<!--f:{}#{}|", block.chunk_name, block.name);
        quote! {
            ::resuma::__private::use_reactive();
            let #env: &[u32] = &[#(#slots),*];
            #(::resuma::__private::use_event(#events);)*
            #html.push_static(#address);
            for (__resuma_idx, __resuma_slot) in #env.iter().enumerate() {
                if __resuma_idx > 0 {
                    #html.push_static(",");
                }
                ::resuma::__private::write_slot(#html, *__resuma_slot);
            }
            #html.push_static("-->");
        }
    }
}
