//! A view's nodes become writes: markup escaped now, values and attributes written at
//! request time, handler addresses, bound text and thunks. Inside a client block the same
//! walk also writes the block's template ([`Template`]), so the server's markup and the
//! browser's template come from one decision per node.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;

use super::names::signal_name;
use super::plan::{Check, ComponentOp, Op, PropPlan, PropValue, SlotRef, ViewPlan};
use super::template::Template;
use super::Lowering;
use crate::diagnostics::{
    invalid_form, island_root, unknown_state_name, unsupported_in_template, Diagnostic, InvalidForm,
};
use crate::form_rules::FieldRules;
use crate::js_macro::{js_macro_body, state_references, translate_js};
use crate::reactive::{find_ident, reads_signal};
use crate::rs2js::{translate_closure, translate_thunk, Closure, Ty};
use crate::span::TokenSpan;
use crate::view::edit_distance;
use crate::view::{
    escape_attr, escape_text, is_url_attribute, parse, AttrValue, Attribute, Block, ComponentCall,
    Element, Name, Node, Text,
};

impl Lowering {
    /// A `view!`'s tokens: parsed (diagnostics kept) and lowered.
    pub(super) fn view(&mut self, tokens: TokenStream) -> ViewPlan {
        let parsed = parse(tokens);
        self.diagnostics.extend(parsed.diagnostics);
        if self.island_root.is_some() {
            match parsed.tree.nodes.as_slice() {
                [Node::Element(_)] => {}
                _ => {
                    // Reported at the `view` of the component's tail view.
                    self.island_root = None;
                    let span = self.views.last().cloned();
                    let span = span.unwrap_or_else(|| TokenSpan::single(Span::call_site()));
                    self.diagnostics.push(island_root(span));
                }
            }
        }
        self.nodes_plan(&parsed.tree.nodes)
    }

    /// Nodes lowered into a plan of their own (a view, a child's children, a loop body).
    pub(super) fn nodes_plan(&mut self, nodes: &[Node]) -> ViewPlan {
        let mut writer = Writer { lowering: self, plan: ViewPlan::default(), tpl: None };
        writer.nodes(nodes);
        writer.plan
    }
}

/// Writes one plan; inside a client block, its template too.
pub(super) struct Writer<'a> {
    pub(super) lowering: &'a mut Lowering,
    pub(super) plan: ViewPlan,
    pub(super) tpl: Option<Template>,
}

/// What an attribute is bound to.
enum Binding {
    /// A signal, by name.
    Slot(String),
    /// A thunk: its export and captures.
    Thunk(String, Vec<String>),
}

impl Writer<'_> {
    /// Markup for the server and the template.
    pub(super) fn lit(&mut self, text: &str) {
        self.server_lit(text);
        if let Some(tpl) = &mut self.tpl {
            tpl.lit(text);
        }
    }

    /// Markup for the server only.
    pub(super) fn server_lit(&mut self, text: &str) {
        match self.plan.ops.last_mut() {
            Some(Op::Static(last)) => last.push_str(text),
            _ => self.plan.ops.push(Op::Static(text.to_owned())),
        }
    }

    /// Work for the server only.
    pub(super) fn op(&mut self, op: Op) {
        self.plan.ops.push(op);
    }

    /// The chunk's name.
    pub(super) fn chunk(&mut self) {
        self.op(Op::ChunkName);
        if let Some(tpl) = &mut self.tpl {
            tpl.code("c".to_owned());
        }
    }

    /// The slot of the value `name`.
    pub(super) fn slot(&mut self, name: &str, span: Span) {
        let slot = match &mut self.tpl {
            Some(tpl) => {
                let slot = tpl.slot_ref(name);
                tpl.slot_code(&slot);
                slot
            }
            None => SlotRef::Capture(name.to_owned(), span),
        };
        self.op(Op::Slot(slot));
    }

    /// `CHUNK#EXPORT|SLOT,…`.
    fn address(&mut self, export: &str, captures: &[String], span: Span) {
        self.chunk();
        self.lit(&format!("#{export}"));
        for (idx, name) in captures.iter().enumerate() {
            self.lit(if idx == 0 { "|" } else { "," });
            self.slot(name, span);
        }
    }

    pub(super) fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Text(text) => self.lit(&escape_text(&text.value)),
                Node::Expr(block) => self.expr_child(block),
                Node::Element(element) => self.element(element),
                Node::Component(call) => self.component(call),
                Node::For(list) => self.for_block(list),
                Node::Show(show) => self.show_block(show),
                Node::Fragment(fragment) => self.nodes(&fragment.children),
            }
        }
    }

    /// Whether the browser evaluates `tokens`: they read a signal, or stand in a template
    /// (which has no values of its own).
    fn is_reactive(&self, tokens: &TokenStream) -> bool {
        self.tpl.is_some() || reads_signal(tokens, &self.lowering.env)
    }

    fn signal(&self, tokens: &TokenStream) -> Option<String> {
        signal_name(tokens, &self.lowering.env)
    }

    /// The next thunk: its export's name and captures, when it translated.
    fn thunk(&mut self, block: &Block) -> Option<(String, Vec<String>)> {
        let translated = translate_thunk(block.tokens.clone(), &self.lowering.env);
        let (name, closure) = self.lowering.export('t', block.span, translated)?;
        Some((name, closure.captures.into_iter().map(|it| it.name).collect()))
    }

    /// `{expr}`: a signal is bound text (it writes its own markers); an expression reading
    /// signals is a thunk the browser re-evaluates (`<!--r:CHUNK#tN|SLOTS-->`); anything
    /// else is written once.
    fn expr_child(&mut self, block: &Block) {
        let value = self.lowering.code(block.tokens.clone());
        let render = Op::Render { value, span: block.span.start };
        if let Some(signal) = self.signal(&block.tokens) {
            self.op(render);
            if let Some(tpl) = &mut self.tpl {
                tpl.lit("<!--r:");
                let slot = tpl.slot_ref(&signal);
                tpl.slot_code(&slot);
                tpl.lit("--><!--/r-->");
            }
            return;
        }
        if !self.is_reactive(&block.tokens) {
            return self.op(render);
        }
        let Some((export, captures)) = self.thunk(block) else {
            return self.op(render);
        };
        self.op(Op::UseReactive);
        self.lit("<!--r:");
        self.address(&export, &captures, block.span.start);
        self.lit("-->");
        self.op(render);
        self.lit("<!--/r-->");
    }

    fn element(&mut self, element: &Element) {
        self.lit("<");
        self.lit(&element.tag.text);
        if let Some(load) = self.lowering.island_root.take() {
            // `data-r-island="TRIGGER N CHUNK"`: the inline island script observes this
            // element, imports the core and the chunk, and starts island N.
            self.server_lit(&format!(" data-r-island=\"{} ", load.as_str()));
            self.op(Op::IslandNumber);
            self.server_lit(" ");
            self.op(Op::ChunkName);
            self.server_lit("\"");
        }
        let mut bound: Vec<(&str, Binding, Span)> = Vec::new();
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
                    let binding = match self.signal(&block.tokens) {
                        Some(signal) => Some(Binding::Slot(signal)),
                        None if self.is_reactive(&block.tokens) => self
                            .thunk(block)
                            .map(|(export, captures)| Binding::Thunk(export, captures)),
                        None => None,
                    };
                    if binding.is_none() && self.template_attr(name, block) {
                        continue;
                    }
                    let value = self.lowering.code(block.tokens.clone());
                    let url = is_url_attribute(name);
                    self.op(Op::Attr { name: name.clone(), value, url, span: block.span.start });
                    bound.extend(binding.map(|it| (name.as_str(), it, block.span.start)));
                }
            }
        }
        if !bound.is_empty() {
            self.op(Op::UseReactive);
            self.lit(" data-r-a=\"");
            for (idx, (name, binding, span)) in bound.into_iter().enumerate() {
                self.lit(&format!("{}{name}=", if idx == 0 { "" } else { " " }));
                match binding {
                    Binding::Slot(signal) => self.slot(&signal, span),
                    Binding::Thunk(export, captures) => self.address(&export, &captures, span),
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
        self.server_lit(&format!(" {name}=\""));
        for elem in &tuple.elems {
            match literal(elem) {
                Some(text) => self.server_lit(&escape_attr(&text)),
                None => {
                    let value = self.lowering.code(elem.to_token_stream());
                    self.op(Op::AttrPart { value, span: block.span.start });
                }
            }
        }
        self.server_lit("\"");
        true
    }

    /// `data-r-on:EVENT="[!]CHUNK#INDEX[|SLOT,…]"` and the closure's type check.
    fn handler(&mut self, event: &str, block: &Block) {
        let js_body = js_macro_body(&block.tokens);
        // A js! handler is JavaScript: there is no Rust closure to type-check.
        if js_body.is_none() {
            // An async handler returns a future: its output is not `()`.
            let is_async = block
                .tokens
                .clone()
                .into_iter()
                .any(|t| matches!(&t, TokenTree::Ident(i) if i == "async"));
            self.plan.checks.push(Check::Handler {
                closure: block.tokens.clone(),
                is_async,
                span: block.span.start,
            });
        }
        let translated = match js_body {
            Some(body) => self.js_handler(body),
            None => translate_closure(block.tokens.clone(), &self.lowering.env),
        };
        let Some((name, closure)) = self.lowering.export('h', block.span, translated) else {
            return;
        };
        // Each awaited callee must be a `#[server]` fn.
        for callee in &closure.server_fns {
            let span = find_ident(&block.tokens, callee).unwrap_or(block.span.start);
            self.plan.checks.push(Check::ServerFn { name: callee.clone(), span });
        }
        let bang = if closure.calls_prevent_default { "!" } else { "" };
        self.lit(&format!(" data-r-on:{event}=\"{bang}"));
        let index = &name[1..];
        let captures: Vec<String> = closure.captures.into_iter().map(|it| it.name).collect();
        self.address(index, &captures, block.span.start);
        self.lit("\"");
        match &mut self.tpl {
            // In a block, the block registers the events: its list may be empty on the
            // server.
            Some(tpl) => tpl.events.push(event.to_owned()),
            None => self.op(Op::UseEvent(event.to_owned())),
        }
    }

    /// A `js!` handler; each `state.NAME` must name something of the component (when the
    /// environment knows the whole scope), else R047 at that `state.NAME`.
    fn js_handler(&mut self, body: TokenStream) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
        let (closure, mut diagnostics) = translate_js(body.clone());
        if !self.lowering.knows_scope || closure.is_none() {
            return (closure, diagnostics);
        }
        let env = &self.lowering.env;
        let mut known: Vec<&str> = env
            .vars()
            .map(|(name, _)| name)
            .chain(env.unserialisable_vars().map(|(name, _)| name))
            .collect();
        let unknown: Vec<(String, TokenSpan)> = state_references(&body)
            .into_iter()
            .filter(|(name, _)| env.get(name).is_none() && env.unserialisable(name).is_none())
            .collect();
        if unknown.is_empty() {
            return (closure, diagnostics);
        }
        for (name, span) in &unknown {
            known.sort_by_key(|it| (edit_distance(it, name), it.to_string()));
            let signals: Vec<&str> = known
                .iter()
                .copied()
                .filter(|it| matches!(env.get(it), Some(Ty::Signal(_))))
                .take(3)
                .collect();
            diagnostics.push(unknown_state_name(*span, name, &signals));
        }
        (None, diagnostics)
    }

    /// Whether a node cannot stand in a client template: reported, and nothing written.
    pub(super) fn refused_in_template(&mut self, span: crate::span::TokenSpan, what: &str) -> bool {
        if self.tpl.is_none() {
            return false;
        }
        self.lowering.diagnostics.push(unsupported_in_template(span, what));
        true
    }

    fn component(&mut self, call: &ComponentCall) {
        if self.refused_in_template(call.open_span, &format!("the component <{}>", call.name.text))
        {
            return;
        }
        // `<Form>` is Flow's: its `submit` names a `#[submit]` fn, whose name becomes the
        // form's address here, once (R084 when it cannot).
        let is_form = call.name.text == "Form";
        if is_form && !call.props.iter().any(|it| it.name.text == "submit") {
            self.lowering.diagnostics.push(invalid_form(call.name.span, InvalidForm::NoSubmit));
        }
        // The submit's name, once `submit` is read: its form type gives the constraints.
        let mut submit = None;
        let mut props = Vec::new();
        for prop in &call.props {
            // A name that is no identifier is R044, from the parser.
            if !crate::view::is_rust_ident(&prop.name.text) {
                continue;
            }
            let value = match &prop.value {
                AttrValue::Expr(block) if is_form && prop.name.text == "submit" => {
                    match submit_ref(&block.tokens) {
                        Some((name, tokens)) => {
                            submit = Some(name);
                            PropValue::Expr(self.lowering.code(tokens))
                        }
                        None => {
                            let diagnostic = invalid_form(block.span, InvalidForm::NotAPath);
                            self.lowering.diagnostics.push(diagnostic);
                            continue;
                        }
                    }
                }
                AttrValue::Flag | AttrValue::Str(_) if is_form && prop.name.text == "submit" => {
                    let diagnostic = invalid_form(prop.name.span, InvalidForm::NotAPath);
                    self.lowering.diagnostics.push(diagnostic);
                    continue;
                }
                AttrValue::Flag => PropValue::Flag,
                AttrValue::Str(text) => PropValue::Str(text.value.clone(), text.span.start),
                AttrValue::Expr(block) => PropValue::Expr(self.lowering.code(block.tokens.clone())),
            };
            props.push(PropPlan {
                name: prop.name.text.clone(),
                span: prop.name.span.start,
                value,
            });
        }
        // A form's fields carry the HTML constraints of its form type's garde rules.
        let rules =
            submit.and_then(|name| self.lowering.env.structs().forms().of_submit(&name).cloned());
        let constrained = rules.map(|rules| with_constraints(call.children.clone(), &rules));
        let nodes = constrained.as_deref().unwrap_or(&call.children);
        let children = (!nodes.is_empty()).then(|| self.lowering.nodes_plan(nodes));
        self.op(Op::Component(ComponentOp {
            path: call.path.clone(),
            name_span: call.name.span.start,
            props,
            children,
            before: String::new(),
            after: String::new(),
        }));
    }
}

/// `nodes` with each field (`<input>`, `<textarea>`, `<select>` with a literal `name`)
/// given the constraints `rules` has for its name, where the view does not set that
/// attribute itself: what the view says wins. One walk with an explicit stack.
fn with_constraints(mut nodes: Vec<Node>, rules: &FieldRules) -> Vec<Node> {
    let mut stack: Vec<&mut Node> = nodes.iter_mut().collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Element(element) => {
                constrain(element, rules);
                stack.extend(element.children.iter_mut());
            }
            Node::Component(call) => stack.extend(call.children.iter_mut()),
            Node::For(list) => stack.extend(list.children.iter_mut()),
            Node::Show(show) => stack.extend(show.children.iter_mut()),
            Node::Fragment(fragment) => stack.extend(fragment.children.iter_mut()),
            Node::Text(_) | Node::Expr(_) => {}
        }
    }
    nodes
}

fn constrain(element: &mut Element, rules: &FieldRules) {
    let tag = element.tag.text.to_ascii_lowercase();
    if !matches!(tag.as_str(), "input" | "textarea" | "select") {
        return;
    }
    let name = element.attrs.iter().find_map(|attr| match &attr.value {
        AttrValue::Str(text) if attr.name.text.eq_ignore_ascii_case("name") => Some(&text.value),
        _ => None,
    });
    let Some(constraints) = name.and_then(|name| rules.get(name)) else { return };
    let span = element.tag.span;
    for (attr, value) in constraints.clone() {
        let applies = match attr {
            "type" | "min" | "max" => tag == "input",
            "minlength" | "maxlength" => tag != "select",
            _ => true,
        };
        let written = element.attrs.iter().any(|it| it.name.text.eq_ignore_ascii_case(attr));
        if applies && !written {
            let value = match value {
                Some(value) => AttrValue::Str(Text { value, span }),
                None => AttrValue::Flag,
            };
            element.attrs.push(Attribute { name: Name { text: attr.to_owned(), span }, value });
        }
    }
}

/// `<Form submit={path::to::save}>`: `::resuma::flow::SubmitRef::new("save", path::to::save)`,
/// the fn's own name its address, with that name; `None` when the value is no path.
fn submit_ref(tokens: &TokenStream) -> Option<(String, TokenStream)> {
    let path = syn::parse2::<syn::ExprPath>(tokens.clone()).ok()?;
    let last = path.path.segments.last()?;
    if !last.arguments.is_none() || path.qself.is_some() {
        return None;
    }
    let name = syn::ext::IdentExt::unraw(&last.ident).to_string();
    let lit = syn::LitStr::new(&name, last.ident.span());
    Some((name, quote::quote! { ::resuma::flow::SubmitRef::new(#lit, #tokens) }))
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
