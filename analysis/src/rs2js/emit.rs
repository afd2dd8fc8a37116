//! JavaScript text: the value of a translated expression ([`Val`]), JavaScript literals
//! and names, and blocks of statements.
//!
//! Everything here is pure string building; whether a construct may be translated is
//! decided by the translator before it gets here.

use super::ty::Ty;

/// A translated expression: its JavaScript, its Rust type and what the JavaScript
/// denotes.
#[derive(Clone, Debug)]
pub(crate) struct Val {
    /// A JavaScript expression, to be evaluated after the statements emitted with it.
    pub(crate) js: String,
    /// The Rust type (for an iterator: its item type; for a closure: its return type).
    pub(crate) ty: Ty,
    /// What kind of JavaScript value `js` is.
    pub(crate) shape: Shape,
    /// Whether `js` can be an operand without parentheses.
    pub(crate) atomic: bool,
    /// Whether evaluating `js` has no effect and gives the same value later in the
    /// same statement list (a literal, a read of an immutable binding).
    pub(crate) pure: bool,
    /// The inference variable of an unsuffixed integer literal this value's integer
    /// type comes from, if any (see `Infer`).
    pub(crate) var: Option<usize>,
    /// Whether evaluating it never finishes (`return`, `break`, `panic!`).
    pub(crate) never: bool,
    /// Whether it reads a place (a binding, a field, an element), so that a copy of an
    /// object must be cloned before it can change separately.
    pub(crate) place: bool,
    /// Whether it is a `&mut` (the `update` parameter, or a binding made from it by
    /// Rust's default binding modes), so that bindings made from it alias it.
    pub(crate) mut_ref: bool,
}

/// What kind of JavaScript value a [`Val`] is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shape {
    /// A value of its type.
    Value,
    /// A JavaScript iterable of items of its type.
    Iter(Src),
    /// A range not yet iterated: `start` and `end` (JavaScript, both pure).
    Range { start: String, end: String, inclusive: bool },
    /// A closure; `ty` is what it returns.
    Closure,
}

/// Where an iterable comes from: what may be done to it without consuming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Src {
    /// An array (may be read, not changed).
    Array,
    /// A string, iterated by code points (`chars()`).
    Str,
    /// A one-shot JavaScript iterator.
    Lazy,
    /// The items of a vector by `&mut` (`iter_mut`): objects, changed in place.
    Mut,
}

impl Val {
    /// A compound expression: needs parentheses as an operand, may have effects.
    pub(crate) fn new(js: impl Into<String>, ty: Ty) -> Val {
        Val {
            js: js.into(),
            ty,
            shape: Shape::Value,
            atomic: false,
            pure: false,
            var: None,
            never: false,
            place: false,
            mut_ref: false,
        }
    }

    /// A call or member access: an operand as is.
    pub(crate) fn atom(js: impl Into<String>, ty: Ty) -> Val {
        Val { atomic: true, ..Val::new(js, ty) }
    }

    /// A literal or a read of an immutable binding.
    pub(crate) fn pure(js: impl Into<String>, ty: Ty) -> Val {
        let js = js.into();
        let atomic = !js.starts_with('-');
        Val { atomic, pure: true, ..Val::new(js, ty) }
    }

    /// `()`.
    pub(crate) fn unit() -> Val {
        Val::pure("undefined", Ty::Unit)
    }

    /// The value of an expression that never finishes.
    pub(crate) fn never() -> Val {
        Val { never: true, ..Val::unit() }
    }

    /// The same value with another shape.
    pub(crate) fn shaped(mut self, shape: Shape) -> Val {
        self.shape = shape;
        self
    }

    /// The same JavaScript with another type (and no literal variable).
    pub(crate) fn retyped(self, ty: Ty) -> Val {
        Val { ty, var: None, ..self }
    }

    /// The same value, not pure when `cond` (a read of a `mut` binding).
    pub(crate) fn impure_if(mut self, cond: bool) -> Val {
        if cond {
            self.pure = false;
        }
        self
    }

    /// The JavaScript as an operand: parenthesised unless atomic.
    pub(crate) fn operand(&self) -> String {
        if self.atomic {
            self.js.clone()
        } else {
            format!("({})", self.js)
        }
    }
}

/// A JavaScript string literal denoting `text`.
pub(crate) fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` escaped for the literal part of a JavaScript template literal.
pub(crate) fn js_template_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '`' => out.push_str("\\`"),
            '\\' => out.push_str("\\\\"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// `stmts` as a braced JavaScript block, each line indented by two spaces.
pub(crate) fn block(stmts: &[String]) -> String {
    if stmts.is_empty() {
        return "{}".to_owned();
    }
    let mut out = String::from("{\n");
    for stmt in stmts {
        for line in stmt.lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('}');
    out
}

/// The negation of the JavaScript test `test`: a lone strict (in)equality is flipped
/// (`a === b` → `a !== b`), anything else is wrapped (`!(…)`).
pub(crate) fn negate(test: &str) -> String {
    let lone = |op: &str| {
        let (a, b) = test.split_once(op)?;
        let plain = |side: &str| {
            !["===", "!==", "&&", "||", "?", "\"", "'", "`"].iter().any(|it| side.contains(it))
        };
        (plain(a) && plain(b)).then(|| (a.to_owned(), b.to_owned()))
    };
    if let Some((a, b)) = lone(" === ") {
        return format!("{a} !== {b}");
    }
    if let Some((a, b)) = lone(" !== ") {
        return format!("{a} === {b}");
    }
    format!("!({test})")
}

/// Whether `js` is a plain JavaScript identifier (a binding or a temporary).
pub(crate) fn is_identifier(js: &str) -> bool {
    !js.is_empty() && js.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// Words a Rust identifier may be that are reserved in JavaScript, or that generated
/// code uses as globals; a binding with such a name gets a `$` suffix.
const JS_RESERVED: &[&str] = &[
    "arguments",
    "Array",
    "await",
    "BigInt",
    "case",
    "catch",
    "class",
    "console",
    "const",
    "debugger",
    "default",
    "delete",
    "do",
    "Error",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "function",
    "globalThis",
    "import",
    "in",
    "Infinity",
    "instanceof",
    "interface",
    "isFinite",
    "JSON",
    "let",
    "Math",
    "NaN",
    "new",
    "null",
    "Number",
    "Object",
    "package",
    "parseInt",
    "private",
    "protected",
    "public",
    "static",
    "String",
    "structuredClone",
    "super",
    "switch",
    "Symbol",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "with",
    "yield",
];

/// Whether `name` cannot be used as is for a JavaScript binding.
pub(crate) fn is_reserved(name: &str) -> bool {
    JS_RESERVED.contains(&name)
}

/// An integer as JavaScript holds it: a number while it is a safe integer, a BigInt
/// literal beyond (the form every 64-bit value has, see `helpers.rs`).
pub(crate) fn int_js(value: i128) -> String {
    const SAFE: i128 = (1 << 53) - 1;
    if (-SAFE..=SAFE).contains(&value) {
        value.to_string()
    } else {
        format!("{value}n")
    }
}
