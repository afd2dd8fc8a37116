//! The types rs2js reasons about, read from `syn` types, and what each means in
//! JavaScript.
//!
//! A type decides the translation wherever Rust and JavaScript differ (integer
//! overflow and division, `len()` in bytes, `Option` as `null`). [`Ty::Unknown`] is not
//! an error by itself: only a construct whose meaning depends on it is.

use std::fmt;

use super::structs::Structs;

/// A Rust type as rs2js knows it.
///
/// ```
/// use resuma_analysis::rs2js::Ty;
/// use resuma_analysis::rs2js::Structs;
/// let ty: syn::Type = syn::parse_quote!(Option<Vec<&str>>);
/// let structs = Structs::default();
/// assert_eq!(Ty::from_syn(&ty, &structs), Ty::Option(Box::new(Ty::Vec(Box::new(Ty::String)))));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Ty {
    /// `i8`.
    I8,
    /// `i16`.
    I16,
    /// `i32`.
    I32,
    /// `i64`: a JavaScript number while a safe integer, a BigInt beyond.
    I64,
    /// `isize`, treated as `i64`.
    Isize,
    /// `u8`.
    U8,
    /// `u16`.
    U16,
    /// `u32`.
    U32,
    /// `u64`: a JavaScript number while a safe integer, a BigInt beyond.
    U64,
    /// `usize`, treated as `u64`.
    Usize,
    /// `f32`: recognised, and refused where its rounding matters.
    F32,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// `char`: a one-code-point JavaScript string.
    Char,
    /// `String` and `&str`.
    String,
    /// `Vec<T>` (also slices): a JavaScript array.
    Vec(Box<Ty>),
    /// `Option<T>`: `null` or the value.
    Option(Box<Ty>),
    /// `Result<T, E>`: `{Ok: v}` or `{Err: e}`, as serde_json writes it.
    Result(Box<Ty>, Box<Ty>),
    /// A tuple: a JavaScript array.
    Tuple(Vec<Ty>),
    /// `()`.
    Unit,
    /// `Signal<T>`: a cell with `get`, `set`, `update`, `with`.
    Signal(Box<Ty>),
    /// A struct with named fields defined in the component's file (one of the
    /// [`Structs`] the [`Env`](super::Env) knows): a JavaScript object with the same keys.
    Struct(String, Vec<(String, Ty)>),
    /// `std::cmp::Ordering`: `-1`, `0` or `1`.
    Ordering,
    /// The error of `str::parse` (`ParseIntError`, `ParseFloatError`, `ParseBoolError`,
    /// `ParseCharError`): its message, which is its `Display`; `{:?}` names its kind.
    ParseError(&'static str),
    /// The handler's event.
    Event,
    /// Anything else.
    Unknown,
}

/// How deep [`Ty::from_syn`] follows nested types; deeper parts are `Unknown`.
const MAX_TYPE_DEPTH: u32 = 32;

impl Ty {
    /// The type `ty` denotes, or [`Ty::Unknown`] for anything rs2js does not model.
    /// References are transparent (`&str` is `String`, `&[T]` is `Vec<T>`); a plain
    /// name is a struct when `structs` has it.
    pub fn from_syn(ty: &syn::Type, structs: &Structs) -> Ty {
        from_syn_at(ty, structs, 0)
    }

    /// Whether the type is an integer type.
    pub(crate) fn is_int(&self) -> bool {
        self.int().is_some()
    }

    /// Whether the type is `f32` or `f64`.
    pub(crate) fn is_float(&self) -> bool {
        matches!(self, Ty::F32 | Ty::F64)
    }

    /// Integer facts, for integer types.
    pub(crate) fn int(&self) -> Option<Int> {
        let (bits, signed) = match self {
            Ty::I8 => (8, true),
            Ty::I16 => (16, true),
            Ty::I32 => (32, true),
            Ty::I64 | Ty::Isize => (64, true),
            Ty::U8 => (8, false),
            Ty::U16 => (16, false),
            Ty::U32 => (32, false),
            Ty::U64 | Ty::Usize => (64, false),
            _ => return None,
        };
        Some(Int { bits, signed })
    }

    /// The element type of a `Vec`, `Option` or `Signal`.
    pub(crate) fn inner(&self) -> Ty {
        match self {
            Ty::Vec(it) | Ty::Option(it) | Ty::Signal(it) => (**it).clone(),
            _ => Ty::Unknown,
        }
    }

    /// Whether a JavaScript value of this type is an object that code could mutate in
    /// place, so that a copy must be cloned (Rust `Copy` tuples, `Signal::get`).
    pub(crate) fn is_mutable_object(&self) -> bool {
        match self {
            Ty::Vec(_) | Ty::Tuple(_) | Ty::Result(..) | Ty::Struct(..) | Ty::Unknown => true,
            Ty::Option(inner) => inner.is_mutable_object(),
            _ => false,
        }
    }

    /// Whether JavaScript `===` is Rust's `==` for this type.
    pub(crate) fn has_strict_eq(&self) -> bool {
        match self {
            Ty::Bool | Ty::Char | Ty::String | Ty::Unit | Ty::F64 => true,
            Ty::Ordering | Ty::ParseError(_) => true,
            Ty::Option(inner) => inner.has_strict_eq(),
            it => it.is_int(),
        }
    }

    /// Whether `Ty::Unknown` appears anywhere in the type.
    pub(crate) fn has_unknown(&self) -> bool {
        match self {
            Ty::Unknown => true,
            Ty::Option(it) | Ty::Vec(it) | Ty::Signal(it) => it.has_unknown(),
            Ty::Result(ok, err) => ok.has_unknown() || err.has_unknown(),
            Ty::Tuple(items) => items.iter().any(Ty::has_unknown),
            Ty::Struct(_, fields) => fields.iter().any(|(_, ty)| ty.has_unknown()),
            _ => false,
        }
    }

    /// Whether the type contains an `Option` that cannot be told from its `None`
    /// (`Option<Option<T>>`, `Option<()>`); returns the offending type.
    pub(crate) fn ambiguous_option(&self) -> Option<Ty> {
        match self {
            Ty::Option(inner) if matches!(**inner, Ty::Option(_) | Ty::Unit) => Some(self.clone()),
            Ty::Option(it) | Ty::Vec(it) | Ty::Signal(it) => it.ambiguous_option(),
            Ty::Result(ok, err) => ok.ambiguous_option().or_else(|| err.ambiguous_option()),
            Ty::Tuple(items) => items.iter().find_map(Ty::ambiguous_option),
            Ty::Struct(_, fields) => fields.iter().find_map(|(_, ty)| ty.ambiguous_option()),
            _ => None,
        }
    }
}

/// Facts about an integer type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Int {
    /// 8, 16, 32 or 64.
    pub(crate) bits: u32,
    /// Whether it is signed.
    pub(crate) signed: bool,
}

impl Int {
    /// The helper holding `[min, max]` (and the exact bounds for 64-bit types).
    pub(crate) fn bounds_helper(self) -> &'static str {
        match (self.bits, self.signed) {
            (8, true) => "$i8",
            (16, true) => "$i16",
            (32, true) => "$i32",
            (8, false) => "$u8",
            (16, false) => "$u16",
            (32, false) => "$u32",
            (_, true) => "$i64",
            (_, false) => "$u64",
        }
    }

    /// Whether the type is 64 bits wide: its values are JavaScript numbers while they
    /// are safe integers (|v| <= 2^53 - 1) and BigInts beyond, and its arithmetic calls
    /// the `…64` helpers.
    pub(crate) fn is_wide(self) -> bool {
        self.bits == 64
    }

    /// The smallest and largest values of the type.
    pub(crate) fn range(self) -> (i128, i128) {
        if self.signed {
            let half = 1i128 << (self.bits - 1);
            (-half, half - 1)
        } else {
            (0, (1i128 << self.bits) - 1)
        }
    }

    /// Whether every value of `self` is a value of `to`.
    pub(crate) fn fits_in(self, to: Int) -> bool {
        let (lo, hi) = self.range();
        let (to_lo, to_hi) = to.range();
        to_lo <= lo && hi <= to_hi
    }
}

fn from_syn_at(ty: &syn::Type, structs: &Structs, depth: u32) -> Ty {
    if depth > MAX_TYPE_DEPTH {
        return Ty::Unknown;
    }
    let arg = |args: &[Ty], idx: usize| args.get(idx).cloned().unwrap_or(Ty::Unknown);
    match ty {
        syn::Type::Reference(r) => from_syn_at(&r.elem, structs, depth + 1),
        syn::Type::Paren(p) => from_syn_at(&p.elem, structs, depth + 1),
        syn::Type::Group(g) => from_syn_at(&g.elem, structs, depth + 1),
        syn::Type::Slice(s) => Ty::Vec(Box::new(from_syn_at(&s.elem, structs, depth + 1))),
        syn::Type::Tuple(t) if t.elems.is_empty() => Ty::Unit,
        syn::Type::Tuple(t) => {
            Ty::Tuple(t.elems.iter().map(|it| from_syn_at(it, structs, depth + 1)).collect())
        }
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else { return Ty::Unknown };
            let args: Vec<Ty> = match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .filter_map(|it| match it {
                        syn::GenericArgument::Type(t) => Some(from_syn_at(t, structs, depth + 1)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let name = last.ident.to_string();
            if let Some(number) = int_suffix(&name) {
                return number;
            }
            match name.as_str() {
                "bool" => Ty::Bool,
                "char" => Ty::Char,
                "String" | "str" => Ty::String,
                "Vec" => Ty::Vec(Box::new(arg(&args, 0))),
                "Option" => Ty::Option(Box::new(arg(&args, 0))),
                "Result" => Ty::Result(Box::new(arg(&args, 0)), Box::new(arg(&args, 1))),
                "Signal" => Ty::Signal(Box::new(arg(&args, 0))),
                "Event" => Ty::Event,
                "Ordering" => Ty::Ordering,
                "ParseIntError" => Ty::ParseError("ParseIntError"),
                "ParseFloatError" => Ty::ParseError("ParseFloatError"),
                "ParseBoolError" => Ty::ParseError("ParseBoolError"),
                "ParseCharError" => Ty::ParseError("ParseCharError"),
                _ if p.path.segments.len() == 1 && args.is_empty() => {
                    named_at(&name, structs, depth)
                }
                _ => Ty::Unknown,
            }
        }
        _ => Ty::Unknown,
    }
}

impl Ty {
    /// The struct `name` of `structs`, else `Unknown`.
    pub(crate) fn named(name: &str, structs: &Structs) -> Ty {
        named_at(name, structs, 0)
    }
}

fn named_at(name: &str, structs: &Structs, depth: u32) -> Ty {
    match structs.fields(name) {
        Some(fields) => Ty::Struct(
            name.to_owned(),
            fields
                .iter()
                .map(|(field, ty)| (field.clone(), from_syn_at(ty, structs, depth + 1)))
                .collect(),
        ),
        None => Ty::Unknown,
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Ty::I8 => "i8",
            Ty::I16 => "i16",
            Ty::I32 => "i32",
            Ty::I64 => "i64",
            Ty::Isize => "isize",
            Ty::U8 => "u8",
            Ty::U16 => "u16",
            Ty::U32 => "u32",
            Ty::U64 => "u64",
            Ty::Usize => "usize",
            Ty::F32 => "f32",
            Ty::F64 => "f64",
            Ty::Bool => "bool",
            Ty::Char => "char",
            Ty::String => "String",
            Ty::Unit => "()",
            Ty::Event => "Event",
            Ty::Ordering => "Ordering",
            Ty::ParseError(name) => name,
            Ty::Unknown => "_",
            Ty::Vec(it) => return write!(f, "Vec<{it}>"),
            Ty::Option(it) => return write!(f, "Option<{it}>"),
            Ty::Signal(it) => return write!(f, "Signal<{it}>"),
            Ty::Struct(name, _) => return f.write_str(name),
            Ty::Result(ok, err) => return write!(f, "Result<{ok}, {err}>"),
            Ty::Tuple(items) => {
                f.write_str("(")?;
                for (idx, it) in items.iter().enumerate() {
                    if idx > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{it}")?;
                }
                return f.write_str(if items.len() == 1 { ",)" } else { ")" });
            }
        };
        f.write_str(name)
    }
}

/// The type of a literal integer suffix (`5u8` → `u8`), if it names one.
pub(crate) fn int_suffix(suffix: &str) -> Option<Ty> {
    Some(match suffix {
        "i8" => Ty::I8,
        "i16" => Ty::I16,
        "i32" => Ty::I32,
        "i64" => Ty::I64,
        "isize" => Ty::Isize,
        "u8" => Ty::U8,
        "u16" => Ty::U16,
        "u32" => Ty::U32,
        "u64" => Ty::U64,
        "usize" => Ty::Usize,
        "f32" => Ty::F32,
        "f64" => Ty::F64,
        _ => return None,
    })
}
