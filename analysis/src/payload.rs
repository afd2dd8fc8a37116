//! Payload: what each component costs the browser — the gzip size of its handler chunk
//! and an estimate of the state its render puts in the page — and the budget it is held to.
//!
//! The chunk is the one in the component's [`Plan`], which the `#[component]` macro
//! registers, so the size shown here is the size of the module the server serves (a
//! test in `cli/` compares them on the examples). The state is an estimate: exact for literal
//! initial values, a typical size per type otherwise.
//!
//! **Invariant:** no IO, no panic; sizes are deterministic (fixed compression level).

use syn::visit::Visit;

use crate::diagnostics::{self as diag, Diagnostic};
use crate::lower::{ComponentBody, Plan};
use crate::rs2js::{Closure, Ty};
use crate::span::TextRange;

/// The compression level sizes are measured at: what a server uses for static assets,
/// and what `runtime/build.mjs` measures the loader and core with.
const GZIP_LEVEL: u8 = 9;

/// A gzip member's fixed header (10 bytes) and trailer (CRC32 and length, 8 bytes)
/// around the deflate stream.
const GZIP_FRAME_BYTES: u32 = 18;

/// What an app allows each component, from `[package.metadata.resuma]` in its
/// `Cargo.toml` (read by the cli and the language server) or the defaults.
///
/// ```
/// use resuma_analysis::payload::Budget;
/// assert_eq!(Budget::default().chunk_gz_bytes, 2048);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Budget {
    /// Largest handler chunk, gzip bytes (`chunk-budget-gz`).
    pub chunk_gz_bytes: u32,
    /// Largest estimated state per render, bytes of JSON (`state-budget`).
    pub state_bytes: u32,
}

impl Default for Budget {
    /// 2 KB of gzip for a component's handlers is several times a typical chunk (the
    /// counter's is ~100 B) and still less than the core; 4 KB of state is a page of
    /// text.
    fn default() -> Budget {
        Budget { chunk_gz_bytes: 2048, state_bytes: 4096 }
    }
}

/// What one `#[component]` of a file costs.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ComponentPayload {
    /// The function's name.
    pub name: String,
    /// Where the name is written.
    pub name_range: TextRange,
    /// The whole function.
    pub range: TextRange,
    /// Every event handler of its views (nested views included), in chunk order.
    pub handlers: Vec<HandlerPayload>,
    /// The chunk's module text; empty when no handler translates (no chunk is served).
    pub chunk_source: String,
    /// `Component.HASH`, as the page names the chunk; `None` without a chunk.
    pub chunk_name: Option<String>,
    /// The chunk's size, bytes.
    pub chunk_bytes: u32,
    /// The chunk's size, gzip bytes (0 without a chunk).
    pub chunk_gz_bytes: u32,
    /// Estimated JSON bytes of the state one render of it writes into the page.
    pub state_bytes: u32,
    /// Whether every part of [`ComponentPayload::state_bytes`] was known exactly.
    pub state_exact: bool,
    /// The components its views call (`<Counter/>`, `<ui::Card>`), by the last segment
    /// of their path, once each in order: a page ships their chunks too.
    pub children: Vec<String>,
}

/// One event handler of a component.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct HandlerPayload {
    /// The handler's braces in the view.
    pub range: TextRange,
    /// Its export in the chunk (`h0`, `h1`…), the index the markup names.
    pub export: String,
    /// The JavaScript it becomes; `None` when it does not translate.
    pub js: Option<String>,
    /// Size of that JavaScript alone, bytes (its gzip size is [`gzip_size`] of it, left to
    /// whoever shows it: compressing every handler on every keystroke costs more than the
    /// rest of the payload measurement).
    pub js_bytes: u32,
    /// The names it captures, in slot order.
    pub captures: Vec<String>,
}

/// Measures one component from its function and its lowered plan: the chunk is the
/// plan's, so its size is the size of the module the server registers.
pub(crate) fn measure(
    function: &syn::ItemFn,
    range: TextRange,
    plan: &Plan<ComponentBody>,
) -> ComponentPayload {
    let name = function.sig.ident.to_string();
    let ident_range = function.sig.ident.span().byte_range();
    let handlers_out = plan
        .exports
        .iter()
        .filter(|it| it.prefix == 'h')
        .map(|it| {
            let js = it.closure.as_ref().map(|closure| closure.js.clone());
            let js_text = js.as_deref().unwrap_or("");
            HandlerPayload {
                range: it.span.text_range(0),
                export: it.name.clone(),
                js_bytes: js_text.len() as u32,
                js,
                captures: it
                    .closure
                    .iter()
                    .flat_map(|closure| closure.captures.iter().map(|c| c.name.clone()))
                    .collect(),
            }
        })
        .collect();
    let closures: Vec<&Closure> =
        plan.exports.iter().filter_map(|it| it.closure.as_ref()).collect();
    let (state_bytes, state_exact) = estimate_state(function, &closures);
    let chunk_source = plan.chunk.as_ref().map(|it| it.source.clone()).unwrap_or_default();
    ComponentPayload {
        name,
        name_range: TextRange::new(ident_range.start as u32, ident_range.end as u32),
        range,
        handlers: handlers_out,
        chunk_bytes: chunk_source.len() as u32,
        chunk_gz_bytes: if plan.chunk.is_some() { gzip_size(&chunk_source) } else { 0 },
        chunk_source,
        chunk_name: plan.chunk.as_ref().map(|it| it.name.clone()),
        state_bytes,
        state_exact,
        children: Vec::new(),
    }
}

/// The warnings of a component over `budget`, on its name.
pub(crate) fn budget_diagnostics(
    payload: &ComponentPayload,
    budget: &Budget,
) -> Vec<Diagnostic<TextRange>> {
    let mut out = Vec::new();
    if payload.chunk_gz_bytes > budget.chunk_gz_bytes {
        out.push(diag::payload_over_budget(
            payload.name_range,
            &payload.name,
            "handler chunk",
            payload.chunk_gz_bytes,
            budget.chunk_gz_bytes,
            "gzip bytes",
        ));
    }
    if payload.state_bytes > budget.state_bytes {
        out.push(diag::payload_over_budget(
            payload.name_range,
            &payload.name,
            "estimated state",
            payload.state_bytes,
            budget.state_bytes,
            "bytes",
        ));
    }
    out
}

/// Gzip size of `text` at [`GZIP_LEVEL`], in bytes: the deflate stream plus the gzip
/// frame (no file name, so the size does not depend on where the text came from).
///
/// ```
/// use resuma_analysis::payload::gzip_size;
/// assert!(gzip_size(&"a".repeat(1000)) < 40);
/// ```
pub fn gzip_size(text: &str) -> u32 {
    miniz_oxide::deflate::compress_to_vec(text.as_bytes(), GZIP_LEVEL).len() as u32
        + GZIP_FRAME_BYTES
}

/// The gzip size of the `<Form>` handler chunk (`runtime/dist/form.min.js`, which the
/// framework serves as `/_resuma/handler/Form.HASH.js`): what a page with a form fetches
/// on its first submit, besides its components' chunks.
pub fn form_chunk_gz_bytes() -> u32 {
    static SIZE: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *SIZE.get_or_init(|| gzip_size(include_str!("../../runtime/dist/form.min.js")))
}

/// Typical JSON sizes for values whose initialiser is not a literal.
const TYPICAL_NUMBER_BYTES: u32 = 4;
const TYPICAL_STRING_BYTES: u32 = 16;
const TYPICAL_LIST_BYTES: u32 = 32;
const TYPICAL_OTHER_BYTES: u32 = 8;

/// The state one render writes: a JSON array with a slot per `use_signal` call and a
/// slot per non-signal value a handler captures (the framework serialises captures per
/// handler). Returns the estimate and whether it is exact.
fn estimate_state(function: &syn::ItemFn, closures: &[&Closure]) -> (u32, bool) {
    let mut signals = SignalFinder { slots: Vec::new() };
    signals.visit_block(&function.block);
    let mut exact = true;
    let mut slots: Vec<u32> = signals
        .slots
        .iter()
        .map(|init| {
            json_len(init, 0).unwrap_or_else(|| {
                exact = false;
                TYPICAL_OTHER_BYTES
            })
        })
        .collect();
    for closure in closures {
        for capture in &closure.captures {
            if matches!(capture.ty, Ty::Signal(_)) {
                continue;
            }
            exact = false;
            slots.push(typical_len(&capture.ty));
        }
    }
    if slots.is_empty() {
        // No state script at all.
        return (0, true);
    }
    // Brackets and one comma between slots.
    let total = slots.iter().sum::<u32>() + 2 + (slots.len() as u32 - 1);
    (total, exact)
}

fn typical_len(ty: &Ty) -> u32 {
    match ty {
        Ty::Bool => 5,
        Ty::String | Ty::Char => TYPICAL_STRING_BYTES,
        Ty::Vec(_) | Ty::Tuple(_) => TYPICAL_LIST_BYTES,
        Ty::Unit | Ty::Option(_) => 4,
        ty if ty.is_int() || matches!(ty, Ty::F32 | Ty::F64) => TYPICAL_NUMBER_BYTES,
        _ => TYPICAL_OTHER_BYTES,
    }
}

/// Every `use_signal(INIT)` in a component body, in source order.
struct SignalFinder<'a> {
    slots: Vec<&'a syn::Expr>,
}

impl<'a> Visit<'a> for SignalFinder<'a> {
    fn visit_expr_call(&mut self, call: &'a syn::ExprCall) {
        if let syn::Expr::Path(path) = &*call.func {
            let is_signal = path.path.segments.last().is_some_and(|it| it.ident == "use_signal");
            if let (true, Some(init)) = (is_signal, call.args.first()) {
                self.slots.push(init);
            }
        }
        syn::visit::visit_expr_call(self, call);
    }
    // Closures and nested items run later or elsewhere, not in this render's state.
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// How deep [`json_len`] follows nested literals (the rest is "not exact").
const MAX_LITERAL_DEPTH: u32 = 16;

/// The JSON length of the value `expr` evaluates to, when it is a literal form.
fn json_len(expr: &syn::Expr, depth: u32) -> Option<u32> {
    if depth > MAX_LITERAL_DEPTH {
        return None;
    }
    let seq = |items: &mut dyn Iterator<Item = &syn::Expr>| -> Option<u32> {
        let mut n = 0u32;
        let mut total = 2u32;
        for item in items {
            total = total.saturating_add(json_len(item, depth + 1)?);
            n += 1;
        }
        Some(total + n.saturating_sub(1))
    };
    match expr {
        syn::Expr::Lit(lit) => lit_len(&lit.lit),
        syn::Expr::Paren(inner) => json_len(&inner.expr, depth + 1),
        syn::Expr::Group(inner) => json_len(&inner.expr, depth + 1),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => {
            Some(1 + json_len(expr, depth + 1)?)
        }
        syn::Expr::Array(array) => seq(&mut array.elems.iter()),
        syn::Expr::Tuple(tuple) if tuple.elems.is_empty() => Some(4),
        syn::Expr::Tuple(tuple) => seq(&mut tuple.elems.iter()),
        syn::Expr::Macro(mac) if mac.mac.path.is_ident("vec") => {
            let items = mac
                .mac
                .parse_body_with(
                    syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
                )
                .ok()?;
            seq(&mut items.iter())
        }
        syn::Expr::Path(path) if path.path.is_ident("None") => Some(4),
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = &*call.func else { return None };
            let last = path.path.segments.last()?.ident.to_string();
            let is_new = last == "new" || last == "default";
            match (last.as_str(), call.args.len()) {
                ("Some" | "from", 1) => json_len(call.args.first()?, depth + 1),
                (_, 0) if is_new => {
                    let ty = path.path.segments.iter().rev().nth(1)?.ident.to_string();
                    match ty.as_str() {
                        "String" => Some(2),
                        "Vec" => Some(2),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "to_string" | "to_owned" | "into" | "clone"
                ) =>
        {
            json_len(&call.receiver, depth + 1)
        }
        _ => None,
    }
}

fn lit_len(lit: &syn::Lit) -> Option<u32> {
    match lit {
        syn::Lit::Int(int) => Some(int.base10_digits().len() as u32),
        syn::Lit::Float(float) => Some(float.base10_digits().len() as u32),
        syn::Lit::Bool(value) => Some(if value.value { 4 } else { 5 }),
        syn::Lit::Str(text) => Some(json_string_len(&text.value())),
        syn::Lit::Char(c) => Some(json_string_len(&c.value().to_string())),
        _ => None,
    }
}

/// Bytes of a JSON string as the state script writes it: quotes, escapes, and `<`, `>`
/// and `&` as `\u003c`-style escapes so the text cannot close the script.
fn json_string_len(text: &str) -> u32 {
    let body: usize = text
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' => 2,
            '<' | '>' | '&' => 6,
            c if (c as u32) < 0x20 => 6,
            c => c.len_utf8(),
        })
        .sum();
    body as u32 + 2
}

#[cfg(test)]
mod tests;
