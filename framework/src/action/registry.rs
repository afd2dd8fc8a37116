//! The registry of server functions: [`Action`]s registered at link time, the table the
//! router looks them up in, and the helpers `#[server]` expansions call to decode
//! arguments and encode results.
//!
//! Invariant: decoding never panics on any JSON; a wrong argument count or type is a
//! [`ActionRejection::BadArgs`] naming the argument's position.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use serde::de::{self, DeserializeOwned, DeserializeSeed, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;

use super::rejection::ActionRejection;
use crate::error::ConfigError;
use crate::security::Rate;

/// What a server function's call returns: the JSON body of a `200`, or a rejection.
pub type ActionFuture = Pin<Box<dyn Future<Output = Result<Value, ActionRejection>> + Send>>;

/// A server function, as `#[server]` registers it with `inventory::submit!`.
///
/// ```
/// use resuma::__private::{decode_args, inventory, ok_json, Action, ActionFuture};
///
/// async fn add(a: i64, b: i64) -> i64 {
///     a + b
/// }
///
/// fn call_add(args: serde_json::Value) -> ActionFuture {
///     Box::pin(async move {
///         let (a, b) = decode_args::<(i64, i64)>(args, 2)?;
///         ok_json(add(a, b).await)
///     })
/// }
///
/// inventory::submit! { Action { name: "add", rate: Some("10/s"), call: call_add } }
/// ```
#[derive(Debug)]
pub struct Action {
    /// The name it is called by: `POST /_resuma/action/{name}`. Unique in the binary.
    pub name: &'static str,
    /// Its own rate limit per client (`"10/s"`, `"100/min"`, `"5/h"`), else the app's.
    pub rate: Option<&'static str>,
    /// Decodes the JSON array of arguments, runs the function, encodes its result.
    pub call: fn(Value) -> ActionFuture,
}

inventory::collect!(Action);

/// The registered actions with their effective rate, built once per router.
#[derive(Debug)]
pub(crate) struct ActionTable {
    by_name: HashMap<&'static str, ActionEntry>,
}

/// One action and the rate it is limited to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActionEntry {
    pub(crate) action: &'static Action,
    pub(crate) rate: Rate,
}

impl ActionTable {
    /// Every action registered in the binary; fails on a duplicate name or a bad rate.
    pub(crate) fn collect(default_rate: Rate) -> Result<ActionTable, ConfigError> {
        let mut by_name = HashMap::new();
        for action in inventory::iter::<Action> {
            let rate = match action.rate {
                Some(text) => text.parse().map_err(|error| ConfigError::BadRate {
                    action: Some(action.name),
                    rate: text.to_owned(),
                    error,
                })?,
                None => default_rate,
            };
            if by_name.insert(action.name, ActionEntry { action, rate }).is_some() {
                return Err(ConfigError::DuplicateAction { name: action.name });
            }
        }
        Ok(ActionTable { by_name })
    }

    pub(crate) fn get(&self, name: &str) -> Option<ActionEntry> {
        self.by_name.get(name).copied()
    }
}

/// Decodes a call's arguments: `args` must be a JSON array of exactly `arity` values, and
/// `T` the tuple of their types (`()`, `(A,)`, `(A, B)`, …).
///
/// # Errors
///
/// [`ActionRejection::BadArgs`] when `args` is not an array, has another length, or an
/// element has the wrong type; the message names the argument (counting from 1).
///
/// ```
/// use resuma::__private::decode_args;
/// use serde_json::json;
///
/// let (q, n) = decode_args::<(String, u32)>(json!(["rust", 3]), 2).unwrap();
/// assert_eq!((q.as_str(), n), ("rust", 3));
/// decode_args::<()>(json!([]), 0).unwrap();
///
/// let err = decode_args::<(String, u32)>(json!(["rust", "3"]), 2).unwrap_err();
/// assert!(err.to_string().starts_with("argument 2 of 2: invalid type"), "{err}");
/// let err = decode_args::<(String,)>(json!([]), 1).unwrap_err();
/// assert_eq!(err.to_string(), "expected 1 argument, got 0");
/// ```
pub fn decode_args<T: DeserializeOwned>(args: Value, arity: usize) -> Result<T, ActionRejection> {
    let items = match args {
        Value::Array(items) => items,
        other => return Err(not_an_array(&other)),
    };
    if items.len() != arity {
        let plural = if arity == 1 { "" } else { "s" };
        return Err(ActionRejection::BadArgs(format!(
            "expected {arity} argument{plural}, got {}",
            items.len()
        )));
    }
    T::deserialize(Args { items }).map_err(|err| ActionRejection::BadArgs(err.to_string()))
}

/// The body of a successful call: `{"ok": value}`.
///
/// # Errors
///
/// [`ActionRejection::UnserializableResult`] if serde cannot write `value` as JSON.
///
/// ```
/// let body = resuma::__private::ok_json(vec![1, 2]).unwrap();
/// assert_eq!(body, serde_json::json!({"ok": [1, 2]}));
/// ```
pub fn ok_json<T: Serialize>(value: T) -> Result<Value, ActionRejection> {
    let value = serde_json::to_value(value).map_err(unserializable)?;
    Ok(Value::Object(serde_json::Map::from_iter([("ok".to_owned(), value)])))
}

/// The body of a call whose function returns a `Result`: `{"ok": value}`, or
/// `{"err": error, "message": error.to_string()}` (status 200 both: the call worked, the
/// function said no). An `Err` is logged with `tracing::warn!`.
///
/// # Errors
///
/// [`ActionRejection::UnserializableResult`] if serde cannot write the value or error.
///
/// ```
/// use serde_json::json;
/// let ok = resuma::__private::result_json(Ok::<u8, String>(1)).unwrap();
/// assert_eq!(ok, json!({"ok": 1}));
/// let err = resuma::__private::result_json(Err::<u8, String>("no".into())).unwrap();
/// assert_eq!(err, json!({"err": "no", "message": "no"}));
/// ```
pub fn result_json<T, E>(result: Result<T, E>) -> Result<Value, ActionRejection>
where
    T: Serialize,
    E: Serialize + fmt::Display,
{
    match result {
        Ok(value) => ok_json(value),
        Err(error) => {
            let message = error.to_string();
            let action = super::request::action_name().unwrap_or("(outside a call)");
            tracing::warn!(action, error = %message, "server function returned an error");
            let error = serde_json::to_value(error).map_err(unserializable)?;
            Ok(Value::Object(serde_json::Map::from_iter([
                ("err".to_owned(), error),
                ("message".to_owned(), Value::String(message)),
            ])))
        }
    }
}

fn unserializable(err: serde_json::Error) -> ActionRejection {
    tracing::error!(error = %err, "a server function's result could not be serialised");
    ActionRejection::UnserializableResult(err)
}

/// The rejection of a body that is JSON but not an array.
pub(crate) fn not_an_array(value: &Value) -> ActionRejection {
    ActionRejection::BadArgs(format!(
        "the body must be a JSON array of arguments, not {}",
        json_kind(value)
    ))
}

/// "an object", "a string", … for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A deserializer over the argument array that names the position of a failing element.
struct Args {
    items: Vec<Value>,
}

impl<'de> de::Deserializer<'de> for Args {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let n_args = self.items.len();
        let mut seq = ArgSeq { items: self.items.into_iter(), arg_idx: 0, n_args };
        let value = visitor.visit_seq(&mut seq)?;
        match seq.items.len() {
            0 => Ok(value),
            n_left => Err(de::Error::custom(format!("{n_left} argument(s) too many"))),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.items.len() {
            0 => visitor.visit_unit(),
            n_args => Err(de::Error::custom(format!("expected no arguments, got {n_args}"))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

struct ArgSeq {
    items: std::vec::IntoIter<Value>,
    arg_idx: usize,
    n_args: usize,
}

impl<'de> SeqAccess<'de> for ArgSeq {
    type Error = serde_json::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Self::Error> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        self.arg_idx += 1;
        let (arg, n_args) = (self.arg_idx, self.n_args);
        seed.deserialize(item)
            .map(Some)
            .map_err(|err| de::Error::custom(format_args!("argument {arg} of {n_args}: {err}")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::decode_args;

    fn bad_args<T: serde::de::DeserializeOwned + std::fmt::Debug>(
        args: serde_json::Value,
        arity: usize,
    ) -> String {
        match decode_args::<T>(args, arity).unwrap_err() {
            crate::ActionRejection::BadArgs(message) => message,
            other => panic!("not BadArgs: {other:?}"),
        }
    }

    #[test]
    fn arguments_decode_into_tuples() {
        let (a,) = decode_args::<(Vec<u8>,)>(json!([[1, 2]]), 1).unwrap();
        assert_eq!(a, [1, 2]);
        let (a, b, c) =
            decode_args::<(Option<String>, bool, f64)>(json!([null, true, 1.5]), 3).unwrap();
        assert_eq!((a, b, c), (None, true, 1.5));
    }

    #[test]
    fn errors_name_the_position() {
        assert_eq!(
            bad_args::<(u32, u32)>(json!([1, -1]), 2),
            "argument 2 of 2: invalid value: integer `-1`, expected u32"
        );
        assert_eq!(
            bad_args::<(String,)>(json!([{"a": 1}]), 1),
            "argument 1 of 1: invalid type: map, expected a string"
        );
        assert_eq!(bad_args::<(u8, u8)>(json!([1, 2, 3]), 2), "expected 2 arguments, got 3");
        assert_eq!(bad_args::<()>(json!([1]), 0), "expected 0 arguments, got 1");
        assert_eq!(
            bad_args::<(u8,)>(json!({"0": 1}), 1),
            "the body must be a JSON array of arguments, not an object"
        );
        assert_eq!(
            bad_args::<(u8,)>(json!("x"), 1),
            "the body must be a JSON array of arguments, not a string"
        );
    }

    #[test]
    fn a_tuple_shorter_than_the_arity_is_refused() {
        // A mismatch between the macro's arity and its tuple is a bug, but still no panic.
        let message = bad_args::<(u8,)>(json!([1, 2]), 2);
        assert!(message.contains("too many"), "{message}");
        let message = bad_args::<(u8, u8)>(json!([1]), 1);
        assert!(message.contains("invalid length"), "{message}");
    }
}
