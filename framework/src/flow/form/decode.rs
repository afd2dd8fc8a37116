//! [`decode`]: a submitted form's [`Fields`] into a typed struct, with every field's error.
//!
//! Our own serde `Deserializer` because `serde_urlencoded` and `serde_html_form` stop at
//! the first bad value, and their error does not say which field it came from, where a
//! form must show a message next to each wrong input at once.
//!
//! How every error is found in one call, in passes over the same fields:
//! - A value that does not parse (`x` for a number, an unknown option) records
//!   `(field, message)` and the visitor gets a stand-in of the right kind (0, false, "",
//!   the enum's first variant…), so the rest of the struct deserializes in the same pass.
//! - serde's derive reports only the first missing field (`Error::missing_field`), after
//!   it has visited every present one. Such a field is marked absent and the pass runs
//!   again with it presented as absent: a `bool` is false (an unchecked checkbox), a
//!   sequence empty, anything else "This field is required." (`Option` is `None` by
//!   serde itself, and `#[serde(default)]` fields are never reported.)
//! - A value whose own `Deserialize` fails (a custom type, a date) cannot be given a
//!   stand-in: its error is kept, the field is left out of the next pass, and when serde
//!   then reports it missing the decode ends (so a required field missing *and declared
//!   after it* is reported once the first is fixed).
//!
//! Invariant: each pass adds a new name to the absent or left-out fields, so there are at
//! most (declared fields + submitted names + 1) passes; no input panics (property-tested);
//! an `Upload` is only handed over here (see `upload.rs`).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::fields::{FieldValue, Fields};
use value::{ValueDeserializer, REQUIRED};

mod value;

/// Decodes `fields` into `T` (a serde struct), collecting every field's error:
/// `Err(vec![(field, message)])`, one message per field, in the struct's field order,
/// each named as the form names it (`""` for a form-level error that names no field).
///
/// Values are read as the field's type asks: text as is (an empty input is `""`, not an
/// error); integers and floats trimmed, with the range in the message when out of range;
/// `bool` from "on"/"true"/"1"/"yes" or "off"/"false"/"0"/"", absent is false; `char`;
/// unit enums by variant name; `Option` (`None` when absent or empty); sequences from
/// repeated fields; newtype structs; `Upload` from a file part (a file input with no
/// file chosen counts as absent). A repeated field read as one value uses its first
/// value. Unknown fields are ignored.
pub(crate) fn decode<T: DeserializeOwned>(fields: &Fields) -> Result<T, Vec<(String, String)>> {
    let groups = group(fields);
    let mut absent: Vec<&'static str> = Vec::new();
    let mut left_out: Vec<(String, String)> = Vec::new();
    let mut n_passes = 0;
    let (mut errors, declared) = loop {
        n_passes += 1;
        let pass = Pass::new(&groups, &absent, &left_out);
        let res = T::deserialize(FormDeserializer { pass: &pass });
        let Pass { errors, hard, declared, .. } = pass;
        let (mut errors, declared) = (errors.into_inner(), declared.get());
        let again = n_passes <= declared.len() + groups.len() + 1;
        match res {
            Ok(value) if errors.is_empty() && left_out.is_empty() => return Ok(value),
            Ok(_) => break (errors, declared),
            Err(DecodeError::Missing(name))
                if again && !absent.contains(&name) && !is_left_out(&left_out, name) =>
            {
                absent.push(name);
            }
            Err(DecodeError::Missing(name)) => {
                if !is_left_out(&left_out, name) {
                    errors.push((name.to_owned(), REQUIRED.to_owned()));
                }
                break (errors, declared);
            }
            Err(DecodeError::Field) => match hard.into_inner() {
                Some((name, message)) if again && !is_left_out(&left_out, &name) => {
                    left_out.push((name, message))
                }
                Some(error) => break (push_new(errors, error), declared),
                None => break (errors, declared),
            },
            Err(DecodeError::Other(message)) => {
                break (push_new(errors, (String::new(), message)), declared)
            }
        }
    };
    for error in left_out {
        errors = push_new(errors, error);
    }
    if errors.is_empty() {
        errors.push((String::new(), "The form could not be read.".to_owned()));
    }
    errors.sort_by_key(|(name, _)| declared.iter().position(|it| it == name).unwrap_or(usize::MAX));
    Err(errors)
}

/// The submitted values by name, names in the order they first appear, without the empty
/// parts of file inputs with no file chosen.
fn group(fields: &Fields) -> Vec<(&str, Vec<&FieldValue>)> {
    let mut groups: Vec<(&str, Vec<&FieldValue>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (name, value) in fields.entries() {
        let at = *index.entry(name.as_str()).or_insert_with(|| {
            groups.push((name.as_str(), Vec::new()));
            groups.len() - 1
        });
        if !matches!(value, FieldValue::File(file) if file.is_no_file()) {
            groups[at].1.push(value);
        }
    }
    groups
}

fn is_left_out(left_out: &[(String, String)], name: &str) -> bool {
    left_out.iter().any(|(it, _)| it == name)
}

/// `errors` with `error` added unless its field has one already.
fn push_new(mut errors: Vec<(String, String)>, error: (String, String)) -> Vec<(String, String)> {
    if !errors.iter().any(|(name, _)| *name == error.0) {
        errors.push(error);
    }
    errors
}

/// One pass of the decode: the fields it presents and what it found.
struct Pass<'a> {
    /// Each name with its values; an absent field has none.
    presented: Vec<(&'a str, &'a [&'a FieldValue])>,
    /// The soft errors, one per field.
    errors: RefCell<Vec<(String, String)>>,
    /// The field whose own `Deserialize` failed, and its message.
    hard: RefCell<Option<(String, String)>>,
    /// The struct's field names, once serde has said them.
    declared: Cell<&'static [&'static str]>,
}

impl<'a> Pass<'a> {
    fn new(
        groups: &'a [(&'a str, Vec<&'a FieldValue>)],
        absent: &[&'static str],
        left_out: &[(String, String)],
    ) -> Pass<'a> {
        let mut presented: Vec<(&'a str, &'a [&'a FieldValue])> = groups
            .iter()
            .filter(|(name, _)| !is_left_out(left_out, name))
            .map(|(name, values)| (*name, values.as_slice()))
            .collect();
        for name in absent.iter().filter(|name| !is_left_out(left_out, name)) {
            if !presented.iter().any(|(it, _)| it == name) {
                presented.push((*name, &[]));
            }
        }
        Pass {
            presented,
            errors: RefCell::default(),
            hard: RefCell::default(),
            declared: Cell::new(&[]),
        }
    }

    fn fail(&self, name: &str, message: &str) {
        let mut errors = self.errors.borrow_mut();
        if !errors.iter().any(|(it, _)| it == name) {
            errors.push((name.to_owned(), message.to_owned()));
        }
    }
}

/// What the deserializers return. `Missing` is how serde's derive reports a missing field;
/// `Field` says "a value failed hard, see `Pass::hard`".
#[derive(Debug)]
enum DecodeError {
    Missing(&'static str),
    Field,
    Other(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Missing(name) => write!(f, "missing field `{name}`"),
            DecodeError::Field => f.write_str("a field could not be decoded"),
            DecodeError::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<M: fmt::Display>(message: M) -> DecodeError {
        DecodeError::Other(message.to_string())
    }

    fn missing_field(field: &'static str) -> DecodeError {
        DecodeError::Missing(field)
    }
}

/// The whole form: a map of field names.
struct FormDeserializer<'a> {
    pass: &'a Pass<'a>,
}

impl<'de> Deserializer<'de> for FormDeserializer<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_map(FieldsAccess { pass: self.pass, next_idx: 0 })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.pass.declared.set(fields);
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The presented fields, one key and value each.
struct FieldsAccess<'a> {
    pass: &'a Pass<'a>,
    next_idx: usize,
}

impl<'a> FieldsAccess<'a> {
    /// Keeps a hard error of the current field for the next pass.
    fn hard(&self, name: &str, message: String) -> DecodeError {
        *self.pass.hard.borrow_mut() = Some((name.to_owned(), message));
        DecodeError::Field
    }
}

impl<'de> MapAccess<'de> for FieldsAccess<'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some(&(name, _)) = self.pass.presented.get(self.next_idx) else {
            return Ok(None);
        };
        // An error here is `#[serde(deny_unknown_fields)]` refusing this name.
        match seed.deserialize(BorrowedStrDeserializer::<DecodeError>::new(name)) {
            Ok(key) => Ok(Some(key)),
            Err(err) => Err(self.hard(name, err.to_string())),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, DecodeError> {
        let (name, values) = self.pass.presented[self.next_idx];
        self.next_idx += 1;
        match seed.deserialize(ValueDeserializer { name, values, pass: self.pass }) {
            Ok(value) => Ok(value),
            Err(DecodeError::Field) => Err(DecodeError::Field),
            Err(_) if values.is_empty() => Err(self.hard(name, REQUIRED.to_owned())),
            Err(err) => Err(self.hard(name, err.to_string())),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.pass.presented.len() - self.next_idx)
    }
}

#[cfg(test)]
mod tests;
