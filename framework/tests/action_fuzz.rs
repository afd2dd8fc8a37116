//! Property tests of the action decoder and endpoint: whatever bytes, JSON, names and
//! headers arrive, nothing panics and every answer is a JSON rejection with a 4xx status
//! from the documented set, or `200` for a well-formed call.

mod support;

use axum::body::Body;
use axum::http::{header, StatusCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use resuma::__private::{decode_args, inventory, ok_json, Action, ActionFuture};
use resuma::{ActionRejection, ResumaApp};
use serde_json::Value;

fn call_sum(args: Value) -> ActionFuture {
    Box::pin(async move {
        let (a, b) = decode_args::<(i64, Vec<u8>)>(args, 2)?;
        ok_json(a.wrapping_add(b.iter().map(|&it| i64::from(it)).sum()))
    })
}
inventory::submit! { Action { name: "sum", rate: None, call: call_sum } }

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,4}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Whether `decode_args` was right to accept or refuse: the value is an array of an i64
/// and an array of bytes.
fn is_valid_sum_call(value: &Value) -> bool {
    match value.as_array().map(Vec::as_slice) {
        Some([a, Value::Array(bytes)]) => {
            a.is_i64() && bytes.iter().all(|it| it.as_u64().is_some_and(|n| n <= 255))
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(Config { cases: 512, ..Config::default() })]

    #[test]
    fn decode_args_never_panics(value in json_value(), arity in 0usize..4) {
        let res = decode_args::<(i64, Vec<u8>)>(value.clone(), arity);
        match res {
            Ok(_) => prop_assert!(arity == 2 && is_valid_sum_call(&value)),
            Err(ActionRejection::BadArgs(message)) => prop_assert!(!message.is_empty()),
            Err(other) => prop_assert!(false, "not BadArgs: {other:?}"),
        }
        for res in [
            decode_args::<()>(value.clone(), arity).map(|_| ()),
            decode_args::<(String,)>(value.clone(), arity).map(|_| ()),
            decode_args::<(Option<u8>, (bool, f32), Vec<String>)>(value, arity).map(|_| ()),
        ] {
            prop_assert!(matches!(res, Ok(()) | Err(ActionRejection::BadArgs(_))));
        }
    }
}

/// One fuzzed request: the body and which of its parts are left intact.
#[derive(Debug, Clone)]
struct Fuzzed {
    body: Vec<u8>,
    name: &'static str,
    content_type: Option<&'static str>,
    origin: Option<&'static str>,
    token: bool,
}

fn fuzzed() -> impl Strategy<Value = Fuzzed> {
    let body = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        json_value().prop_map(|it| serde_json::to_vec(&it).unwrap()),
        (any::<i64>(), prop::collection::vec(any::<u8>(), 0..8))
            .prop_map(|(a, b)| serde_json::to_vec(&(a, b)).unwrap()),
    ];
    let name = prop_oneof![Just("sum"), Just("sum"), Just("nope"), Just("Sum")];
    let content_type = prop_oneof![
        Just(Some("application/json")),
        Just(Some("application/json; charset=utf-8")),
        Just(Some("text/plain")),
        Just(None),
    ];
    let origin = prop_oneof![
        Just(Some(support::ORIGIN)),
        Just(Some(support::ORIGIN)),
        Just(Some("https://evil.example")),
        Just(Some("null")),
        Just(None),
    ];
    (body, name, content_type, origin, any::<bool>()).prop_map(
        |(body, name, content_type, origin, token)| Fuzzed {
            body,
            name,
            content_type,
            origin,
            token,
        },
    )
}

#[test]
fn the_endpoint_answers_every_input_with_json_and_a_documented_status() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let router = ResumaApp::new()
        .secret([9u8; 32])
        .page("/", support::caller_page)
        .action_body_limit(512)
        .rate_limit("1000000/s")
        .router();
    let session = runtime.block_on(support::session(&router));
    let mut runner = TestRunner::new(Config { cases: 512, ..Config::default() });
    runner
        .run(&fuzzed(), |input| {
            let mut req =
                support::call(input.name, &session).body(Body::from(input.body.clone())).unwrap();
            let headers = req.headers_mut();
            headers.remove(header::CONTENT_TYPE);
            headers.remove(header::ORIGIN);
            if let Some(content_type) = input.content_type {
                headers.insert(header::CONTENT_TYPE, content_type.parse().unwrap());
            }
            if let Some(origin) = input.origin {
                headers.insert(header::ORIGIN, origin.parse().unwrap());
            }
            if !input.token {
                headers.remove("x-resuma-csrf");
            }
            let (status, _, body) = runtime.block_on(support::send(&router, req));
            let well_formed = input.name == "sum"
                && input.content_type.is_some_and(|it| it.starts_with("application/json"))
                && input.origin == Some(support::ORIGIN)
                && input.token
                && input.body.len() <= 512
                && serde_json::from_slice(&input.body).is_ok_and(|it| is_valid_sum_call(&it));
            if well_formed {
                prop_assert_eq!(status, StatusCode::OK, "{}", body);
                prop_assert!(body.get("ok").is_some_and(Value::is_i64), "{}", body);
            } else {
                prop_assert!(
                    [400, 403, 404, 413, 415, 429].contains(&status.as_u16()),
                    "{} {}",
                    status,
                    body
                );
                prop_assert!(body["error"]["kind"].is_string(), "{}", body);
                prop_assert!(body["error"]["message"].is_string(), "{}", body);
            }
            // Origin and CSRF come first: whatever else is wrong, a bad one is a 403.
            if input.origin != Some(support::ORIGIN) || !input.token {
                prop_assert_eq!(status, StatusCode::FORBIDDEN);
            }
            Ok(())
        })
        .unwrap();
}
