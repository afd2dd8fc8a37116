//! rs2js tests of async handlers awaiting `#[server]` functions.

use expect_test::expect;

use super::tests::{check, check_with};
use super::{translate_effect, translate_fn, Closure, Env};
use crate::diagnostics::Diagnostic;
use crate::span::TokenSpan;

#[test]
fn awaited_value_is_an_action() {
    check(
        r#"move |_| async move { let text: String = reload().await; name.set(text); }"#,
        expect![[r#"
            async ($0, name) => {
              let text = (await __resuma.action("reload", []));
              name.set(text);
            }
            captures: name: Signal<String>
            server fns: reload
        "#]],
    );
    check(
        r#"async move |_| { todos.set(search(name.get(), 3).await); }"#,
        expect![[r#"
            async ($0, todos, name) => {
              todos.set((await __resuma.action("search", [name.get(), 3])));
            }
            captures: todos: Signal<Vec<String>>, name: Signal<String>
            server fns: search
        "#]],
    );
}

#[test]
fn awaited_result_is_a_result() {
    check(
        r#"move |_| async move {
            match reload().await {
                Ok(text) => name.set(text),
                Err(_) => name.set(String::from("failed")),
            }
            let r: Result<String, String> = reload().await;
            match r {
                Ok(text) => name.set(text),
                Err(message) => panic!("{message}"),
            }
        }"#,
        expect![[r#"
            async ($0, name) => {
              const $1 = (await __resuma.result("reload", []));
              if ("Ok" in $1) {
                let text = $1.Ok;
                name.set($clone(text));
              } else {
                name.set("failed");
              }
              let r = (await __resuma.result("reload", []));
              if ("Ok" in r) {
                let text$1 = r.Ok;
                name.set(text$1);
              } else {
                let message = r.Err;
                $panic(message);
              }
            }
            captures: name: Signal<String>
            helpers: $clone $panic
            server fns: reload
        "#]],
    );
    check(
        r#"move |_| async move {
            let r = save(count.get()).await;
            if r.is_ok() { count.set(0); }
        }"#,
        expect![[r#"
            async ($0, count) => {
              let r = (await __resuma.result("save", [count.get()]));
              if ("Ok" in r) {
                count.set(0);
              }
            }
            captures: count: Signal<i32>
            server fns: save
        "#]],
    );
    check(
        r#"move |_| async move {
            if let Ok(text) = reload().await { name.set(text); }
            let n: Result<i32, String> = count_all().await;
            count.set(n.unwrap_or(0));
            name.set(reload().await.unwrap_or(String::new()));
        }"#,
        expect![[r#"
            async ($0, name, count) => {
              const $1 = (await __resuma.result("reload", []));
              if ("Ok" in $1) {
                let text = $1.Ok;
                name.set($clone(text));
              }
              let n = (await __resuma.result("count_all", []));
              count.set($ror(n, 0));
              name.set($ror((await __resuma.result("reload", [])), ""));
            }
            captures: name: Signal<String>, count: Signal<i32>
            helpers: $clone $ror
            server fns: reload, count_all
        "#]],
    );
}

#[test]
fn await_diagnostics() {
    check(
        r#"move |_| { reload().await; }"#,
        expect![[r#"
            move |_| { reload().await; }
                       ^^^^^^^^^^^^^^ R029 `.await` outside an async handler cannot be translated to JavaScript
              help: make the handler async: `move |_| async move { … }`
        "#]],
    );
    check(
        r#"move |_| async move { name.get().len().await; }"#,
        expect![[r#"
            move |_| async move { name.get().len().await; }
                                  ^^^^^^^^^^^^^^^^^^^^^^ R029 `.await` on a method call cannot be translated to JavaScript
              help: await a `#[server]` function called by its name: `NAME(args…).await`
        "#]],
    );
    check(
        r#"move |_| async move { api::reload().await; }"#,
        expect![[r#"
            move |_| async move { api::reload().await; }
                                  ^^^^^^^^^^^^^^^^^^^ R029 `.await` on a call of something other than a function's name (import a `#[server]` function with `use` and call it by name) cannot be translated to JavaScript
              help: await a `#[server]` function called by its name: `NAME(args…).await`
        "#]],
    );
    check(
        r#"move |_| async move { todos.update(|t| async move { t.clear() }); }"#,
        expect![[r#"
            move |_| async move { todos.update(|t| async move { t.clear() }); }
                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ R029 an async closure inside a handler cannot be translated to JavaScript
              help: only the handler itself can be async: `move |_| async move { … }`
        "#]],
    );
    check(
        r#"move |_| async move { let f = |x: i32| x; f(1).await; }"#,
        expect![[r#"
            move |_| async move { let f = |x: i32| x; f(1).await; }
                                                      ^^^^^^^^^^ R029 `.await` on `f(…)`, not a server function cannot be translated to JavaScript
              help: await a `#[server]` function called by its name: `NAME(args…).await`
        "#]],
    );
}

// A `computed!`'s body, as lowering translates it.
fn computed(
    tokens: proc_macro2::TokenStream,
    env: &Env,
) -> (Option<Closure>, Vec<Diagnostic<TokenSpan>>) {
    translate_fn(tokens, env, Vec::new())
}

#[test]
fn an_effect_or_debounce_body_can_await_a_server_fn() {
    check_with(
        translate_effect,
        r#"move || async move { todos.set(search(name.get(), 3).await); }"#,
        expect![[r#"
            async (todos, name) => {
              todos.set((await __resuma.action("search", [name.get(), 3])));
            }
            captures: todos: Signal<Vec<String>>, name: Signal<String>
            server fns: search
        "#]],
    );
    // Not async: a plain arrow, as before.
    check_with(
        translate_effect,
        r#"move || count.set(name.get().len() as i32)"#,
        expect![[r#"
            (count, name) => count.set($as64($len(name.get()), 32, true))
            captures: count: Signal<i32>, name: Signal<String>
            helpers: $as64 $len $n
        "#]],
    );
    // A computed! returns its value at once.
    check_with(
        computed,
        r#"move || async move { search(name.get(), 3).await }"#,
        expect![[r#"
            move || async move { search(name.get(), 3).await }
            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ R029 an async closure here cannot be translated to JavaScript
              help: a computed! returns its value at once, so its body cannot be async: set a signal from an async effect! or debounce! (`move || async move { … }`)
        "#]],
    );
}
