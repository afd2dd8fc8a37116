//! One field's values read as the type asks, and the messages a person reads when they
//! cannot be.
//!
//! Invariant: a value that does not parse is recorded as its field's error and the
//! visitor still gets a value of the kind it asked for (the stand-in), so one pass sees
//! every field; only a nested struct or map, which a form cannot express, is an `Err`.

use std::fmt;
use std::num::{IntErrorKind, ParseIntError};
use std::str::FromStr;

use serde::de::value::StrDeserializer;
use serde::de::{DeserializeSeed, Deserializer, IntoDeserializer, SeqAccess, Visitor};

use super::{DecodeError, Pass};
use crate::flow::form::fields::FieldValue;
use crate::flow::form::upload::{self, Upload, UPLOAD_TOKEN};

pub(super) const REQUIRED: &str = "This field is required.";
pub(super) const EXPECTED_TEXT: &str = "This field takes text, not a file.";
/// Text where a file was expected: the form was sent without
/// `enctype="multipart/form-data"`, and the browser put the file's name in its place.
pub(super) const EXPECTED_FILE: &str = "This field expects a file.";
pub(super) const CHOOSE_FILE: &str = "Choose a file.";
pub(super) const CHOOSE_ONE: &str = "Choose one of the options.";
pub(super) const YES_OR_NO: &str = "Choose yes or no.";
pub(super) const WHOLE_NUMBER: &str = "Enter a whole number.";
pub(super) const NUMBER: &str = "Enter a number.";
pub(super) const ONE_CHARACTER: &str = "Enter a single character.";
pub(super) const NESTED: &str = "This field cannot be read from a form (a nested struct or map).";

/// One field's values (none when absent), read as the type asks.
#[derive(Clone, Copy)]
pub(super) struct ValueDeserializer<'a> {
    pub(super) name: &'a str,
    pub(super) values: &'a [&'a FieldValue],
    pub(super) pass: &'a Pass<'a>,
}

impl<'a> ValueDeserializer<'a> {
    fn fail(&self, message: &str) {
        self.pass.fail(self.name, message);
    }

    /// The text a scalar is read from: the first value.
    fn text(&self) -> Result<&'a str, &'static str> {
        match self.values.first().copied() {
            None => Err(REQUIRED),
            Some(FieldValue::Text(text)) => Ok(text),
            Some(FieldValue::File(_)) => Err(EXPECTED_TEXT),
        }
    }

    /// The text or, recorded as this field's error, the stand-in.
    fn text_or_fail(&self) -> &'a str {
        self.text().unwrap_or_else(|message| {
            self.fail(message);
            ""
        })
    }

    /// A non-empty text parsed, or, with the error recorded, the stand-in.
    fn parsed<X>(&self, parse: impl FnOnce(&'a str) -> Result<X, String>, stand_in: X) -> X {
        let res = match self.text() {
            Ok("") => Err(REQUIRED.to_owned()),
            Ok(text) => parse(text),
            Err(message) => Err(message.to_owned()),
        };
        res.unwrap_or_else(|message| {
            self.fail(&message);
            stand_in
        })
    }
}

/// `deserialize_*` methods of numbers: parsed by `$parse`, 0 as the stand-in.
macro_rules! numbers {
    ($($method:ident $visit:ident $parse:ident $ty:ty,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
                let n = self.parsed($parse::<$ty>, <$ty>::default());
                visitor.$visit(n)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for ValueDeserializer<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_borrowed_str(self.text_or_fail())
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.values.is_empty() {
            // An unchecked checkbox is not sent at all.
            return visitor.visit_bool(false);
        }
        let on = match self.text() {
            Ok(text) => parse_bool(text).unwrap_or_else(|| {
                self.fail(YES_OR_NO);
                false
            }),
            Err(message) => {
                self.fail(message);
                false
            }
        };
        visitor.visit_bool(on)
    }

    numbers! {
        deserialize_i8 visit_i8 parse_int i8,
        deserialize_i16 visit_i16 parse_int i16,
        deserialize_i32 visit_i32 parse_int i32,
        deserialize_i64 visit_i64 parse_int i64,
        deserialize_i128 visit_i128 parse_int i128,
        deserialize_u8 visit_u8 parse_int u8,
        deserialize_u16 visit_u16 parse_int u16,
        deserialize_u32 visit_u32 parse_int u32,
        deserialize_u64 visit_u64 parse_int u64,
        deserialize_u128 visit_u128 parse_int u128,
        deserialize_f32 visit_f32 parse_float f32,
        deserialize_f64 visit_f64 parse_float f64,
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_char(self.parsed(parse_char, ' '))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_borrowed_str(self.text_or_fail())
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.values.first().copied() {
            Some(FieldValue::Text(text)) => visitor.visit_borrowed_bytes(text.as_bytes()),
            Some(FieldValue::File(file)) => visitor.visit_borrowed_bytes(file.bytes()),
            None => {
                self.fail(REQUIRED);
                visitor.visit_borrowed_bytes(b"")
            }
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.values.first().copied() {
            None => visitor.visit_none(),
            Some(FieldValue::Text(text)) if text.is_empty() => visitor.visit_none(),
            Some(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        if name != UPLOAD_TOKEN {
            return visitor.visit_newtype_struct(self);
        }
        let file = match self.values.first().copied() {
            Some(FieldValue::File(file)) => file.clone(),
            Some(FieldValue::Text(_)) => {
                self.fail(EXPECTED_FILE);
                Upload::stand_in()
            }
            None => {
                self.fail(CHOOSE_FILE);
                Upload::stand_in()
            }
        };
        upload::with_slot(file, || visitor.visit_unit())
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_seq(ValuesAccess { field: self, next_idx: 0 })
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DecodeError> {
        Err(DecodeError::Other(NESTED.to_owned()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DecodeError> {
        Err(DecodeError::Other(NESTED.to_owned()))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let chosen = match self.text() {
            Ok(text) if variants.contains(&text) => Some(text),
            Ok(_) => {
                self.fail(CHOOSE_ONE);
                None
            }
            Err(message) => {
                self.fail(message);
                None
            }
        };
        let variant = chosen.or(variants.first().copied()).ok_or_else(|| {
            DecodeError::Other("An enum without variants cannot be chosen.".to_owned())
        })?;
        let variant: StrDeserializer<'_, DecodeError> = variant.into_deserializer();
        visitor.visit_enum(variant)
    }
}

/// A field's values as a sequence, each read as one value.
struct ValuesAccess<'a> {
    field: ValueDeserializer<'a>,
    next_idx: usize,
}

impl<'de> SeqAccess<'de> for ValuesAccess<'de> {
    type Error = DecodeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DecodeError> {
        let ValueDeserializer { name, values, pass } = self.field;
        let Some(one) = values.get(self.next_idx..=self.next_idx) else {
            return Ok(None);
        };
        self.next_idx += 1;
        seed.deserialize(ValueDeserializer { name, values: one, pass }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.field.values.len().saturating_sub(self.next_idx))
    }
}

/// "on"/"true"/"1"/"yes" and "off"/"false"/"0"/"", any case.
fn parse_bool(text: &str) -> Option<bool> {
    let text = text.trim();
    let is = |words: [&str; 4]| words.iter().any(|word| text.eq_ignore_ascii_case(word));
    if is(["on", "true", "1", "yes"]) {
        Some(true)
    } else if is(["off", "false", "0", ""]) {
        Some(false)
    } else {
        None
    }
}

/// The integer types, with the bounds a message names.
trait Int: FromStr<Err = ParseIntError> + fmt::Display + Default {
    const MIN: Self;
    const MAX: Self;
}

macro_rules! ints {
    ($($ty:ty)*) => {
        $(impl Int for $ty {
            const MIN: Self = <$ty>::MIN;
            const MAX: Self = <$ty>::MAX;
        })*
    };
}

ints!(i8 i16 i32 i64 i128 u8 u16 u32 u64 u128);

/// A whole number, trimmed; out of range says the range.
fn parse_int<X: Int>(text: &str) -> Result<X, String> {
    let text = text.trim();
    text.parse::<X>().or_else(|err| {
        let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
        let integral = !digits.is_empty() && digits.bytes().all(|it| it.is_ascii_digit());
        if integral && digits.bytes().all(|it| it == b'0') {
            return Ok(X::default()); // "-0" for an unsigned type
        }
        let out_of_range =
            matches!(err.kind(), IntErrorKind::PosOverflow | IntErrorKind::NegOverflow);
        if out_of_range || integral {
            Err(format!("Enter a whole number from {} to {}.", X::MIN, X::MAX))
        } else {
            Err(WHOLE_NUMBER.to_owned())
        }
    })
}

/// A finite number, trimmed.
fn parse_float<X: FromStr + Into<f64> + Copy>(text: &str) -> Result<X, String> {
    match text.trim().parse::<X>() {
        Ok(n) if n.into().is_finite() => Ok(n),
        _ => Err(NUMBER.to_owned()),
    }
}

fn parse_char(text: &str) -> Result<char, String> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(it), None) => Ok(it),
        _ => Err(ONE_CHARACTER.to_owned()),
    }
}
