//! One name of `src/pages/` (a folder, or a file's stem): what it means for the URL and
//! which Rust identifier its module gets. Pure string work; every problem is a message
//! for R071, never a panic.

/// What a folder name or a page file's stem stands for in the URL.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(super) enum Part {
    /// A literal segment: `about`.
    Static(String),
    /// `[slug]`: one segment, bound to `slug`.
    Param(String),
    /// `[...rest]`: the rest of the path, bound to `rest`.
    CatchAll(String),
}

/// What a page file's stem stands for.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(super) enum Stem {
    /// `index`: the folder's own route.
    Index,
    /// `_layout`, `_error`, `_404` or `_middleware`.
    Special(Special),
    /// A route of its own.
    Part(Part),
}

/// The special files of a folder.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Special {
    Layout,
    Error,
    NotFound,
    Middleware,
}

impl Special {
    /// The stem of its file (a valid Rust identifier).
    pub(super) fn stem(self) -> &'static str {
        match self {
            Special::Layout => "_layout",
            Special::Error => "_error",
            Special::NotFound => "_404",
            Special::Middleware => "_middleware",
        }
    }
}

/// Reads a file's stem (its name without `.rs`).
pub(super) fn parse_stem(stem: &str) -> Result<Stem, &'static str> {
    if stem == "index" {
        return Ok(Stem::Index);
    }
    for special in [Special::Layout, Special::Error, Special::NotFound, Special::Middleware] {
        if stem == special.stem() {
            return Ok(Stem::Special(special));
        }
    }
    parse_part(stem).map(Stem::Part)
}

/// Reads a folder name or a route file's stem.
pub(super) fn parse_part(name: &str) -> Result<Part, &'static str> {
    if name.contains('\u{FFFD}') {
        return Err("the name is not valid UTF-8");
    }
    if let Some(inner) = name.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return Err(
                "a parameter is written `[name]`, with nothing before or after the brackets",
            );
        };
        let (catch_all, param) = match inner.strip_prefix("...") {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        if param.is_empty() {
            return Err("the parameter has no name");
        }
        if param.starts_with('[') || param.ends_with(']') {
            return Err("optional parameters (`[[name]]`) are not supported");
        }
        if !is_identifier(param) {
            return Err("a parameter's name must be a Rust identifier (letters, digits and `_`)");
        }
        return Ok(if catch_all {
            Part::CatchAll(param.to_owned())
        } else {
            Part::Param(param.to_owned())
        });
    }
    if name.contains(['[', ']']) {
        return Err("a parameter is the whole name, `[name]`: it cannot share a segment with text");
    }
    if name.starts_with('_') {
        return Err("names starting with `_` are reserved for _layout.rs, _error.rs, _404.rs and _middleware.rs");
    }
    if name.starts_with('.') {
        return Err("a name cannot start with `.`");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err("a URL segment may hold ASCII letters, digits, `-`, `_` and `.` only");
    }
    if !name.chars().any(|c| c.is_ascii_alphanumeric()) {
        return Err("a URL segment needs at least one letter or digit");
    }
    Ok(Part::Static(name.to_owned()))
}

/// The module identifier of a name: see "Module paths" in the module docs.
pub(super) fn mangle(name: &str) -> String {
    let mut ident: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if matches!(ident.as_str(), "crate" | "self" | "super" | "Self") {
        // These four cannot be raw identifiers.
        ident.push('_');
    } else if KEYWORDS.contains(&ident.as_str()) {
        ident.insert_str(0, "r#");
    }
    ident
}

/// The identifier a part's module gets.
pub(super) fn part_ident(part: &Part) -> String {
    match part {
        Part::Static(name) | Part::Param(name) | Part::CatchAll(name) => mangle(name),
    }
}

/// An ASCII Rust identifier other than `_`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && name != "_"
}

/// Strict and reserved keywords of every edition up to 2024 (`r#` works in all of them).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];
