//! Differential tests of rs2js: each case is a Rust closure that runs here and, translated
//! by rs2js, in Node on the same inputs; the results must be equal, case by case.
//!
//! A case is written once: the `cases!`/`handlers!` macros both define the closure and
//! `stringify!` it for the translation. Results are compared as JSON (serde_json on the
//! Rust side, `JSON.stringify` on the JavaScript side); a panic is `{"$panic": …}` on
//! both sides (a thrown `Error` in JavaScript). Overflow checks are on (debug builds), as
//! rs2js assumes. Node is required; the test fails without it.

mod rs2js {
    pub(crate) mod mock;
}

use std::collections::BTreeSet;
use std::io::Write as _;
use std::process::Command;
use std::str::FromStr;

use resuma_analysis::rs2js::{
    helpers_source, translate_closure, translate_fn, translate_thunk, Env,
};
use serde_json::{json, Map, Value};

/// One differential case: the closure's source, its scope, and what Rust produced.
struct Case {
    name: &'static str,
    src: &'static str,
    env: Env,
    kind: Kind,
}

/// What a case runs on.
enum Kind {
    /// A closure called with arguments: each input's arguments and result.
    Plain { inputs: Vec<Value>, results: Vec<Value> },
    /// A handler called with events, its signals and captured values as cells.
    Handler {
        signals: Vec<&'static str>,
        init: Map<String, Value>,
        events: Vec<Value>,
        results: Vec<Value>,
    },
    /// A thunk (a `computed!`/`effect!` body, or an `{expr}` child when `expr`) re-run
    /// after its first signal takes each input in turn.
    Thunk {
        expr: bool,
        signals: Vec<&'static str>,
        init: Map<String, Value>,
        inputs: Vec<Value>,
        results: Vec<Value>,
    },
}

/// The value Rust records for a panic.
fn panicked() -> Value {
    json!({ "$panic": true })
}

/// Calls a closure with its arguments as a tuple (so the tuple's type, and with it the
/// JSON of the inputs, is inferred from the closure's parameters).
trait Apply<Args> {
    type Out;
    fn apply(&mut self, args: Args) -> Self::Out;
}

macro_rules! impl_apply {
    ($($arg:ident),*) => {
        impl<F: FnMut($($arg),*) -> R, R, $($arg),*> Apply<($($arg,)*)> for F {
            type Out = R;
            #[allow(non_snake_case)]
            fn apply(&mut self, ($($arg,)*): ($($arg,)*)) -> R {
                self($($arg),*)
            }
        }
    };
}

impl_apply!();
impl_apply!(A);
impl_apply!(A, B);
impl_apply!(A, B, C);

/// Plain cases: `name: |args| body => [(inputs…), …];`
macro_rules! cases {
    ($($name:ident : $f:expr => [$(($($arg:expr),* $(,)?)),* $(,)?];)*) => {{
        #[allow(unused_mut)]
        let mut out: Vec<$crate::Case> = Vec::new();
        $({
            #[allow(unused_mut)]
            let mut f = $f;
            let mut inputs = Vec::new();
            let mut results = Vec::new();
            $(
                let args = ($($arg,)*);
                inputs.push(match serde_json::to_value(&args).expect("input serialises") {
                    serde_json::Value::Null => serde_json::Value::Array(Vec::new()),
                    args => args,
                });
                let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| $crate::Apply::apply(&mut f, args)));
                results.push(match res {
                    Ok(value) => serde_json::to_value(&value).expect("result serialises"),
                    Err(_) => $crate::panicked(),
                });
            )*
            out.push($crate::Case {
                name: stringify!($name),
                src: stringify!($f),
                env: resuma_analysis::rs2js::Env::with_structs($crate::model_structs()),
                kind: $crate::Kind::Plain { inputs, results },
            });
        })*
        out
    }};
}

/// Handler cases: signals and captured values with their types and initial values,
/// events as `(value, key, checked)`, then the handler.
macro_rules! handlers {
    ($($name:ident {
        signals { $($sig:ident : $sty:ty = $sinit:expr),* $(,)? }
        values { $($val:ident : $vty:ty = $vinit:expr),* $(,)? }
        events [$(($value:expr, $key:expr, $checked:expr)),* $(,)?]
        $f:expr
    })*) => {{
        use resuma_analysis::rs2js::{Env, Ty};
        let ty = |src: &str| Ty::from_syn(&syn::parse_str::<syn::Type>(src).expect("test type parses"), &$crate::model_structs());
        let mut out: Vec<$crate::Case> = Vec::new();
        $({
            let mut env = Env::with_structs($crate::model_structs());
            let mut init = serde_json::Map::new();
            $(
                env.insert(stringify!($sig), Ty::Signal(Box::new(ty(stringify!($sty)))));
                let initial: $sty = $sinit;
                init.insert(stringify!($sig).to_owned(), serde_json::to_value(&initial).expect("initial value serialises"));
                let $sig: $crate::rs2js::mock::Signal<$sty> = $crate::rs2js::mock::Signal::new(initial);
            )*
            $(
                env.insert(stringify!($val), ty(stringify!($vty)));
                #[allow(unused_mut)]
                let mut $val: $vty = $vinit;
                init.insert(stringify!($val).to_owned(), serde_json::to_value(&$val).expect("value serialises"));
            )*
            #[allow(clippy::type_complexity)]
            let probes: Vec<(&str, Box<dyn Fn() -> serde_json::Value>)> = vec![$({
                let probe = $sig.clone();
                (stringify!($sig), Box::new(move || serde_json::to_value(&probe.get()).expect("signal serialises")) as Box<dyn Fn() -> serde_json::Value>)
            }),*];
            let mut f = $crate::rs2js::mock::handler($f);
            let mut events = Vec::new();
            let mut results = Vec::new();
            $(
                events.push(serde_json::json!({ "value": $value, "key": $key, "checked": $checked }));
                let event = $crate::rs2js::mock::Event::new($value, $key, $checked);
                let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(event.clone())));
                let ret = match res {
                    Ok(value) => serde_json::to_value(&value).expect("result serialises"),
                    Err(_) => $crate::panicked(),
                };
                let signals: serde_json::Map<String, serde_json::Value> =
                    probes.iter().map(|(name, probe)| ((*name).to_owned(), probe())).collect();
                results.push(serde_json::json!({ "ret": ret, "prevented": event.prevented(), "signals": signals }));
            )*
            out.push($crate::Case {
                name: stringify!($name),
                src: stringify!($f),
                env,
                kind: $crate::Kind::Handler { signals: vec![$(stringify!($sig)),*], init, events, results },
            });
        })*
        out
    }};
}

/// Thunk cases: signals with their types and initial values, the values the first
/// signal takes in turn, then `expr { … }` (an `{expr}` child) or `body …` (a closure).
macro_rules! thunks {
    (@one $name:ident, $expr:expr, $src:expr, { $($sig:ident : $sty:ty = $sinit:expr),* } [$($input:expr),*] $f:expr) => {{
        use resuma_analysis::rs2js::{Env, Ty};
        let ty = |src: &str| Ty::from_syn(&syn::parse_str::<syn::Type>(src).expect("test type parses"), &$crate::model_structs());
        let mut env = Env::with_structs($crate::model_structs());
        let mut init = serde_json::Map::new();
        let mut names: Vec<&'static str> = Vec::new();
        $(
            env.insert(stringify!($sig), Ty::Signal(Box::new(ty(stringify!($sty)))));
            let initial: $sty = $sinit;
            init.insert(stringify!($sig).to_owned(), serde_json::to_value(&initial).expect("initial value serialises"));
            let $sig: $crate::rs2js::mock::Signal<$sty> = $crate::rs2js::mock::Signal::new(initial);
            names.push(stringify!($sig));
        )*
        #[allow(clippy::type_complexity)]
        let probes: Vec<(&str, Box<dyn Fn() -> serde_json::Value>)> = vec![$({
            let probe = $sig.clone();
            (stringify!($sig), Box::new(move || serde_json::to_value(&probe.get()).expect("signal serialises")) as Box<dyn Fn() -> serde_json::Value>)
        }),*];
        #[allow(clippy::type_complexity)]
        let setters: Vec<Box<dyn Fn(serde_json::Value)>> = vec![$({
            let target = $sig.clone();
            Box::new(move |v: serde_json::Value| target.set(serde_json::from_value::<$sty>(v).expect("input has the signal's type"))) as Box<dyn Fn(serde_json::Value)>
        }),*];
        let f = $f;
        let mut inputs = Vec::new();
        let mut results = Vec::new();
        $(
            let input = serde_json::to_value(&$input).expect("input serialises");
            setters[0](input.clone());
            inputs.push(input);
            let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f()));
            let ret = match res {
                Ok(value) => serde_json::to_value(&value).expect("result serialises"),
                Err(_) => $crate::panicked(),
            };
            let signals: serde_json::Map<String, serde_json::Value> =
                probes.iter().map(|(name, probe)| ((*name).to_owned(), probe())).collect();
            results.push(serde_json::json!({ "ret": ret, "signals": signals }));
        )*
        $crate::Case {
            name: stringify!($name),
            src: $src,
            env,
            kind: $crate::Kind::Thunk { expr: $expr, signals: names, init, inputs, results },
        }
    }};
    ($($name:ident { signals { $($sig:ident : $sty:ty = $sinit:expr),* $(,)? } inputs [$($input:expr),* $(,)?] $kind:ident $body:tt })*) => {{
        let mut out: Vec<$crate::Case> = Vec::new();
        $(out.push(thunks!(@kind $kind $name { $($sig : $sty = $sinit),* } [$($input),*] $body));)*
        out
    }};
    (@kind expr $name:ident $sigs:tt $inputs:tt { $e:expr }) => {
        thunks!(@one $name, true, stringify!($e), $sigs $inputs move || $e)
    };
    (@kind body $name:ident $sigs:tt $inputs:tt { $f:expr }) => {
        thunks!(@one $name, false, stringify!($f), $sigs $inputs $f)
    };
}

#[path = "rs2js/cases_collections.rs"]
mod cases_collections;
#[path = "rs2js/cases_control.rs"]
mod cases_control;
#[path = "rs2js/cases_gaps.rs"]
mod cases_gaps;
#[path = "rs2js/cases_handlers.rs"]
mod cases_handlers;
#[path = "rs2js/cases_issue13.rs"]
mod cases_issue13;
#[path = "rs2js/cases_numbers.rs"]
mod cases_numbers;
#[path = "rs2js/cases_text.rs"]
mod cases_text;
#[path = "rs2js/cases_thunks.rs"]
mod cases_thunks;
#[path = "rs2js/cases_wide.rs"]
mod cases_wide;
#[path = "rs2js/corpus.rs"]
mod corpus;
#[path = "rs2js/generated.rs"]
mod generated;

/// Defines the structs the cases use and keeps their source for rs2js, which reads a
/// component file's structs the same way.
macro_rules! model {
    ($($item:item)*) => {
        $($item)*
        const MODEL: &str = stringify!($($item)*);
    };
}

model! {
    #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
    pub(crate) struct Todo { pub(crate) id: u32, pub(crate) title: String, pub(crate) done: bool }
    #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
    pub(crate) struct Item { pub(crate) name: String, pub(crate) price_cents: u64, pub(crate) qty: u32 }
    #[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
    pub(crate) struct Row { pub(crate) name: String, pub(crate) age: u32, pub(crate) score: f64 }
}

/// The minimum number of cases the suite must keep.
const MIN_CASES: usize = 150;

/// The model's structs, which the cases' signal types and their translation both see (as
/// a component's file's structs are seen).
fn model_structs() -> std::sync::Arc<resuma_analysis::rs2js::Structs> {
    static STRUCTS: std::sync::OnceLock<std::sync::Arc<resuma_analysis::rs2js::Structs>> =
        std::sync::OnceLock::new();
    STRUCTS
        .get_or_init(|| {
            let model: syn::File = syn::parse_str(MODEL).expect("the model parses");
            std::sync::Arc::new(resuma_analysis::rs2js::Structs::from_items(&model.items))
        })
        .clone()
}

#[test]
fn rust_and_javascript_agree() {
    let (overflow_checks, cases) = quietly(|| {
        let overflow_checks =
            std::panic::catch_unwind(|| std::hint::black_box(i32::MAX) + 1).is_err();
        let cases: Vec<Case> = [
            cases_numbers::cases(),
            cases_text::cases(),
            cases_collections::cases(),
            cases_control::cases(),
            cases_handlers::cases(),
            cases_thunks::cases(),
            cases_thunks::struct_cases(),
            cases_wide::cases(),
            cases_issue13::cases(),
            cases_gaps::cases(),
            generated::cases(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (overflow_checks, cases)
    });
    assert!(
        overflow_checks,
        "the differential test needs overflow checks (a debug build): rs2js models debug-build panics"
    );
    assert!(cases.len() >= MIN_CASES, "only {} differential cases", cases.len());
    let names: BTreeSet<&str> = cases.iter().map(|c| c.name).collect();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    let failures = run_cases(&cases, None);
    assert!(
        failures.is_empty(),
        "{} differential runs or cases fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Runs `f` (which runs cases in Rust, some of them panicking) without the panic
/// messages; the hook is global, so the tests of this file take turns.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = HOOK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    std::panic::set_hook(Box::new(|_| {}));
    let res = f();
    let _ = std::panic::take_hook();
    res
}

/// The most of the corpus that may be refused.
const MAX_REFUSED_PERCENT: usize = 10;

/// The corpus of realistic handler bodies: each refused one is listed with its
/// diagnostic; more than 10% refused fails, and so does any translated one whose result
/// differs from Rust's.
#[test]
fn corpus_refusals() {
    let cases = quietly(corpus::cases);
    let mut refused = Vec::new();
    let failures = run_cases(&cases, Some(&mut refused));
    println!("rs2js corpus: {} of {} handlers refused", refused.len(), cases.len());
    for it in &refused {
        println!("  refused {it}");
    }
    assert!(
        failures.is_empty(),
        "translated corpus handlers disagree:\n\n{}",
        failures.join("\n\n")
    );
    assert!(
        refused.len() * 100 <= cases.len() * MAX_REFUSED_PERCENT,
        "{} of {} corpus handlers refused (more than {MAX_REFUSED_PERCENT}%):\n{}",
        refused.len(),
        cases.len(),
        refused.join("\n")
    );
}

/// Runs `cases` in Rust and Node and returns what disagrees. A case rs2js refuses is a
/// failure, or, given `refused`, is listed there instead.
fn run_cases(cases: &[Case], mut refused: Option<&mut Vec<String>>) -> Vec<String> {
    let mut failures = Vec::new();
    let mut helpers = BTreeSet::new();
    let mut js_cases = Vec::new();
    let mut translated = Vec::new();
    for case in cases {
        let tokens = proc_macro2::TokenStream::from_str(case.src).expect("case source lexes");
        let (closure, diagnostics) = match &case.kind {
            Kind::Thunk { expr: true, .. } => translate_thunk(tokens, &case.env),
            Kind::Thunk { expr: false, .. } => translate_fn(tokens, &case.env, Vec::new()),
            _ => translate_closure(tokens, &case.env),
        };
        let Some(closure) = closure else {
            let messages: Vec<String> =
                diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
            if let Some(refused) = refused.as_deref_mut() {
                refused.push(format!("{}: {}", case.name, messages.join("; ")));
                continue;
            }
            failures.push(format!(
                "{}: not translated: {}\n  {}",
                case.name,
                messages.join("; "),
                case.src
            ));
            continue;
        };
        helpers.extend(closure.helpers.iter().copied());
        let entry = match &case.kind {
            Kind::Plain { inputs, .. } => format!(
                "{{name: {}, kind: \"plain\", f: {}, inputs: {}}}",
                json!(case.name),
                closure.js,
                js_value(&Value::from(inputs.clone()))
            ),
            Kind::Handler { signals, init, events, .. } => {
                let captures: Vec<&str> =
                    closure.captures.iter().map(|c| c.name.as_str()).collect();
                format!(
                    "{{name: {}, kind: \"handler\", f: {}, captures: {}, signals: {}, init: {}, events: {}}}",
                    json!(case.name),
                    closure.js,
                    json!(captures),
                    json!(signals),
                    js_value(&Value::Object(init.clone())),
                    js_value(&Value::from(events.clone()))
                )
            }
            Kind::Thunk { signals, init, inputs, .. } => {
                let captures: Vec<&str> =
                    closure.captures.iter().map(|c| c.name.as_str()).collect();
                format!(
                    "{{name: {}, kind: \"thunk\", f: {}, captures: {}, signals: {}, init: {}, inputs: {}}}",
                    json!(case.name),
                    closure.js,
                    json!(captures),
                    json!(signals),
                    js_value(&Value::Object(init.clone())),
                    js_value(&Value::from(inputs.clone()))
                )
            }
        };
        js_cases.push(entry);
        translated.push((case, closure.js));
    }

    let mut module = helpers_source(&helpers);
    module.push_str("const CASES = [\n");
    for entry in &js_cases {
        module.push_str(entry);
        module.push_str(",\n");
    }
    module.push_str("];\n");
    module.push_str(include_str!("rs2js/runner.mjs"));
    // One module per call: the tests of this file run in parallel.
    static N_MODULES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n_module = N_MODULES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("rs2js_diff_{}_{n_module}.mjs", std::process::id()));
    std::fs::File::create(&path)
        .and_then(|mut file| file.write_all(module.as_bytes()))
        .expect("writes the JavaScript module");

    let output = match Command::new("node").arg(&path).output() {
        Ok(output) => output,
        Err(err) => {
            panic!("the rs2js differential test needs Node.js (`node` on PATH; CI has it): {err}")
        }
    };
    assert!(
        output.status.success(),
        "node failed on {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let js: Value = serde_json::from_slice(&output.stdout).expect("node prints JSON");

    let mut n_runs = 0;
    for (case, js_src) in &translated {
        let (rust, inputs) = match &case.kind {
            Kind::Plain { inputs, results } => (results, inputs),
            Kind::Handler { events, results, .. } => (results, events),
            Kind::Thunk { inputs, results, .. } => (results, inputs),
        };
        let Some(js_results) = js.get(case.name).and_then(Value::as_array) else {
            failures.push(format!("{}: no JavaScript result", case.name));
            continue;
        };
        for (idx, (want, got)) in rust.iter().zip(js_results).enumerate() {
            n_runs += 1;
            if !same(want, got) {
                failures.push(format!(
                    "{}: input {} {}\n  rust: {}\n  js:   {}\n  src:  {}\n  js:   {}",
                    case.name,
                    idx,
                    inputs.get(idx).map_or(String::new(), Value::to_string),
                    want,
                    got,
                    case.src,
                    js_src
                ));
            }
        }
    }
    println!(
        "rs2js differential: {} cases, {n_runs} runs (generated inputs: seed {})",
        cases.len(),
        generated::seed()
    );
    failures
}

/// The largest integer a JavaScript number holds exactly, with all below it.
const MAX_SAFE: i128 = (1 << 53) - 1;

/// `value` as a JavaScript literal: JSON, except that an integer beyond 2^53 - 1 is a
/// BigInt (`18446744073709551615n`), the form rs2js gives such a 64-bit value.
fn js_value(value: &Value) -> String {
    match value {
        Value::Number(n) => match n.as_i128() {
            Some(int) if int.abs() > MAX_SAFE => format!("{int}n"),
            _ => n.to_string(),
        },
        Value::Array(items) => {
            format!("[{}]", items.iter().map(js_value).collect::<Vec<_>>().join(","))
        }
        Value::Object(fields) => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), js_value(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.to_string(),
    }
}

/// Equality of two recorded results: numbers by value (JSON has one number type), a
/// panic equals a panic whatever its message. An integer beyond 2^53 - 1 must be a
/// BigInt in JavaScript (`{"$big": "…"}`) with the same digits, and a BigInt must be
/// beyond it: a 64-bit value has one form, so `===` compares it exactly.
fn same(rust: &Value, js: &Value) -> bool {
    let big = |v: &Value| v.get("$big").and_then(Value::as_str).map(str::to_owned);
    match (rust, js) {
        (Value::Object(a), Value::Object(b)) if a.contains_key("$panic") => {
            b.contains_key("$panic")
        }
        (Value::Number(a), b) if a.as_i128().is_some_and(|it| it.abs() > MAX_SAFE) => {
            big(b) == a.as_i128().map(|it| it.to_string())
        }
        (Value::Number(_), b) if big(b).is_some() => false,
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        (a, b) => a == b,
    }
}
