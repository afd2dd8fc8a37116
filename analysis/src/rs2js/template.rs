//! Format strings: `"a {} {name:>5} {0:.2} {{b}}"` split into text and placeholders
//! (which argument, and its spec), as Rust's `format_args!` reads them. Anything
//! rs2js cannot reproduce exactly is an `Err` naming it.

/// How a placeholder formats its argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Display,
    Debug,
    Hex { upper: bool },
    Binary,
    Octal,
}

/// A placeholder's spec: `{:fill align + # 0 width .precision kind}`.
#[derive(Clone, Debug)]
pub(crate) struct Spec {
    pub(crate) fill: char,
    pub(crate) align: Option<char>,
    pub(crate) plus: bool,
    pub(crate) alternate: bool,
    pub(crate) zero: bool,
    pub(crate) width: Option<usize>,
    pub(crate) precision: Option<usize>,
    pub(crate) kind: Kind,
}

/// Which argument a placeholder formats.
#[derive(Clone, Debug)]
pub(crate) enum ArgRef {
    /// `{}`: the next positional argument.
    Next,
    /// `{0}`.
    Index(usize),
    /// `{name}`: a named argument, or a variable in scope.
    Name(String),
}

/// A piece of a format string.
#[derive(Debug)]
pub(crate) enum Piece {
    /// Literal text (with `{{`/`}}` unescaped).
    Text(String),
    /// A placeholder.
    Arg(ArgRef, Spec),
}

/// The name a placeholder refers to, if it names one (`{name}`).
pub(crate) fn piece_name(arg: &ArgRef) -> Option<String> {
    match arg {
        ArgRef::Name(name) => Some(name.clone()),
        _ => None,
    }
}

/// How often each argument (positional, then named) is used.
pub(crate) fn count_uses(
    pieces: &[Piece],
    n_positional: usize,
    named: &[(String, &syn::Expr)],
) -> Vec<usize> {
    let mut uses = vec![0; n_positional + named.len()];
    let mut next = 0;
    for piece in pieces {
        let Piece::Arg(arg, _) = piece else { continue };
        let idx = match arg {
            ArgRef::Next => {
                next += 1;
                Some(next - 1)
            }
            ArgRef::Index(idx) => Some(*idx),
            ArgRef::Name(name) => {
                named.iter().position(|(n, _)| n == name).map(|i| n_positional + i)
            }
        };
        if let Some(slot) = idx.and_then(|idx| uses.get_mut(idx)) {
            *slot += 1;
        }
    }
    uses
}

/// Splits a format string into text and placeholders; `Err` names what is unsupported.
pub(crate) fn parse_template(template: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '}' => return Err("an unmatched `}`".to_owned()),
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return Err("an unclosed `{`".to_owned()),
                    }
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                let (arg, spec) = inner.split_once(':').unwrap_or((inner.as_str(), ""));
                let arg = arg.trim();
                let arg = if arg.is_empty() {
                    ArgRef::Next
                } else if let Ok(idx) = arg.parse::<usize>() {
                    ArgRef::Index(idx)
                } else if arg.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    ArgRef::Name(arg.strip_prefix("r#").unwrap_or(arg).to_owned())
                } else {
                    return Err(format!("the placeholder `{{{inner}}}`"));
                };
                pieces.push(Piece::Arg(arg, parse_spec(spec)?));
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn parse_spec(spec: &str) -> Result<Spec, String> {
    let mut out = Spec {
        fill: ' ',
        align: None,
        plus: false,
        alternate: false,
        zero: false,
        width: None,
        precision: None,
        kind: Kind::Display,
    };
    let chars: Vec<char> = spec.chars().collect();
    let mut idx = 0;
    let is_align = |c: Option<&char>| matches!(c, Some('<' | '^' | '>'));
    if is_align(chars.get(1)) {
        out.fill = chars.first().copied().unwrap_or(' ');
        out.align = chars.get(1).copied();
        idx = 2;
    } else if is_align(chars.first()) {
        out.align = chars.first().copied();
        idx = 1;
    }
    if chars.get(idx) == Some(&'+') {
        out.plus = true;
        idx += 1;
    } else if chars.get(idx) == Some(&'-') {
        return Err(format!("the format spec `{spec}`"));
    }
    if chars.get(idx) == Some(&'#') {
        out.alternate = true;
        idx += 1;
    }
    if chars.get(idx) == Some(&'0') {
        out.zero = true;
        idx += 1;
    }
    let digits = |idx: &mut usize| -> Option<usize> {
        let start = *idx;
        while chars.get(*idx).is_some_and(char::is_ascii_digit) {
            *idx += 1;
        }
        chars.get(start..*idx).and_then(|ds| ds.iter().collect::<String>().parse().ok())
    };
    out.width = digits(&mut idx);
    if chars.get(idx) == Some(&'.') {
        idx += 1;
        out.precision = digits(&mut idx);
        if out.precision.is_none_or(|p| p > 100) {
            return Err(format!("the precision in `{spec}`"));
        }
    }
    let rest: String = chars.get(idx..).unwrap_or_default().iter().collect();
    out.kind = match rest.as_str() {
        "" => Kind::Display,
        "?" | "#?" => Kind::Debug,
        "x" => Kind::Hex { upper: false },
        "X" => Kind::Hex { upper: true },
        "b" => Kind::Binary,
        "o" => Kind::Octal,
        _ => return Err(format!("the format spec `{spec}`")),
    };
    if out.width.is_some_and(|w| w > 1000) {
        return Err(format!("the width in `{spec}`"));
    }
    Ok(out)
}
