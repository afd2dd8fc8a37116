//! rs2js diagnostics: a test per code, each diagnostic at its exact span (marked under
//! the source by `check`), with its way out.

use expect_test::expect;

use super::tests::check;

#[test]
fn r020_handler_not_a_closure() {
    check(
        r#"handle_click"#,
        expect![[r#"
        handle_click
        ^^^^^^^^^^^^ R020 an event handler must be a closure, found the path `handle_click`
          help: write `move |event| …`; for hand-written JavaScript use `js!{}`
    "#]],
    );
}

#[test]
fn r021_call_to_a_rust_function() {
    check(
        r#"move |_| save(count.get())"#,
        expect![[r#"
        move |_| save(count.get())
                 ^^^^ R021 `save` is a Rust function; handlers run in the browser and cannot call it
          help: use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
    check(
        r#"move |_| { let w = web_sys::window(); }"#,
        expect![[r#"
        move |_| { let w = web_sys::window(); }
                           ^^^^^^^^^^^^^^^ R021 `web_sys::window` is a Rust function; handlers run in the browser and cannot call it
          help: use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
    // A Flow page's typed link: built on the server, whatever the browser renders.
    check(
        r#"move |_| { let link: String = pages::blog::slug::path("a"); }"#,
        expect![[r#"
            move |_| { let link: String = pages::blog::slug::path("a"); }
                                          ^^^^^^^^^^^^^^^^^^^^^^^ R021 `pages::blog::slug::path` is a Rust function; handlers run in the browser and cannot call it
              help: typed links are built on the server: compute the link there (a prop, or a field of each item filled with the page's `path(…)`) and use that value here
        "#]],
    );
}

#[test]
fn r022_unknown_method_names_the_type() {
    check(
        r#"move |_| name.set(name.get().frobnicate())"#,
        expect![[r#"
        move |_| name.set(name.get().frobnicate())
                                     ^^^^^^^^^^^^ R022 rs2js has no translation for the method `frobnicate` on `String`
          help: see docs/rs2js.md for the methods it knows; otherwise use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
    check(
        r#"|v: Vec<i32>| v.iter().unzip_all(v.iter()).count()"#,
        expect![[r#"
            |v: Vec<i32>| v.iter().unzip_all(v.iter()).count()
                                   ^^^^^^^^^^^^^^^^^^^ R022 rs2js has no translation for the method `unzip_all` on `Iterator`
              help: see docs/rs2js.md for the methods it knows; otherwise use `js!{}` or move this to a `#[server]` fn
        "#]],
    );
}

#[test]
fn r023_unsupported_macro() {
    check(
        r#"move |_| log::info!("clicked")"#,
        expect![[r#"
            move |_| log::info!("clicked")
                     ^^^^^^^^^^^^^^^^^^^^^ R023 the macro `log::info!` cannot be translated to JavaScript
              help: handlers may use format!, vec!, println!, print!, eprintln!, panic!, assert!, matches! and unreachable!; otherwise use `js!{}` or move this to a `#[server]` fn
        "#]],
    );
}

#[test]
fn r024_unsafe() {
    check(
        r#"move |_| unsafe { count.set(1) }"#,
        expect![[r#"
        move |_| unsafe { count.set(1) }
                 ^^^^^^ R024 `unsafe` code cannot run in the browser
          help: use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
}

#[test]
fn r025_unknown_path() {
    check(
        r#"move |_| count.set(MAX)"#,
        expect![[r#"
        move |_| count.set(MAX)
                           ^^^ R025 `MAX` is defined outside the component; the browser cannot see it
          help: bind it in the component (`let value = MAX;`) so the handler captures its value, or use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
    check(
        r#"|x: i32| Mode::Fast"#,
        expect![[r#"
        |x: i32| Mode::Fast
                 ^^^^^^^^^^ R025 `Mode::Fast` is defined outside the component; the browser cannot see it
          help: bind it in the component (`let value = Mode::Fast;`) so the handler captures its value, or use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
}

#[test]
fn r026_unserialisable_capture() {
    check(
        r#"move |_| on_done()"#,
        expect![[r#"
        move |_| on_done()
                 ^^^^^^^ R026 the handler captures `on_done`, a closure, which cannot be sent to the browser
          help: capture signals and serialisable values only; otherwise use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
    check(
        r#"move |_| { let f = on_done; }"#,
        expect![[r#"
        move |_| { let f = on_done; }
                           ^^^^^^^ R026 the handler captures `on_done`, a closure, which cannot be sent to the browser
          help: capture signals and serialisable values only; otherwise use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
}

#[test]
fn r027_type_needed() {
    check(
        r#"|a, b| a / b"#,
        expect![[r#"
        |a, b| a / b
               ^^^^^ R027 the operator `/` depends on a type rs2js cannot determine here
          help: annotate the type: `let x: i32 = …`, `|x: i32|`, `parse::<i32>()`, `collect::<Vec<_>>()`
    "#]],
    );
    check(
        r#"move |_| other.len()"#,
        expect![[r#"
        move |_| other.len()
                       ^^^^^ R027 the method `len` depends on a type rs2js cannot determine here
          help: annotate the type: `let x: i32 = …`, `|x: i32|`, `parse::<i32>()`, `collect::<Vec<_>>()`
    "#]],
    );
    check(
        r#"|s: &str| s.parse().unwrap_or(0)"#,
        expect![[r#"
        |s: &str| s.parse().unwrap_or(0)
                    ^^^^^^^ R027 `parse` depends on a type rs2js cannot determine here
          help: annotate the type: `let x: i32 = …`, `|x: i32|`, `parse::<i32>()`, `collect::<Vec<_>>()`
    "#]],
    );
}

#[test]
fn r028_ambiguous_option() {
    check(
        r#"move |_| ambiguous.set(None)"#,
        expect![[r#"
        move |_| ambiguous.set(None)
                 ^^^^^^^^^ R028 `Option<Option<i32>>` cannot be represented in JavaScript: `None` and `Some(…)` would both be `null`
          help: flatten the option (`.flatten()` on the server), or use a `Result` or a `bool` beside it
    "#]],
    );
    check(
        r#"|x: i32| Some(Some(x))"#,
        expect![[r#"
        |x: i32| Some(Some(x))
                      ^^^^^^^ R028 `Option<Option<i32>>` cannot be represented in JavaScript: `None` and `Some(…)` would both be `null`
          help: flatten the option (`.flatten()` on the server), or use a `Result` or a `bool` beside it
    "#]],
    );
}

#[test]
fn r029_unsupported_expression() {
    check(
        r#"|mut v: Vec<i32>| for x in &mut v { *x += 1; }"#,
        expect![[r#"
            |mut v: Vec<i32>| for x in &mut v { *x += 1; }
                                       ^^^^^^ R029 iterating by `&mut` over `i32` items cannot be translated to JavaScript
              help: index the vector instead: `for i in 0..v.len() { v[i] += 1; }`, or write through `update(|v| v[i] = …)`
        "#]],
    );
    check(
        r#"|x: i32| Point { x, y: 0 }"#,
        expect![[r#"
            |x: i32| Point { x, y: 0 }
                     ^^^^^^^^^^^^^^^^^ R029 a literal of `Point` (a struct rs2js cannot see) cannot be translated to JavaScript
              help: define the struct (named fields, no generics, no #[serde] attributes) in the same file as the component
        "#]],
    );
    check(
        r#"move |_| async move { count.set(1) }"#,
        expect![[r#"
            async ($0, count) => count.set(1)
            captures: count: Signal<i32>
        "#]],
    );
}

#[test]
fn r030_unsupported_pattern() {
    check(
        r#"|mut o: Option<i32>| if let Some(ref mut x) = o { *x += 1; }"#,
        expect![[r#"
        |mut o: Option<i32>| if let Some(ref mut x) = o { *x += 1; }
                                         ^^^^^^^^^ R030 a `ref mut` binding cannot be matched in JavaScript
          help: patterns may be literals, ranges, `_`, bindings, tuples, `Some`/`None`, `Ok`/`Err` and `|` alternatives without bindings; otherwise use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
    check(
        r#"|x: Vec<i32>| match x { [a, b] => a, _ => 0 }"#,
        expect![[r#"
        |x: Vec<i32>| match x { [a, b] => a, _ => 0 }
                                ^^^^^^ R030 this pattern cannot be matched in JavaScript
          help: patterns may be literals, ranges, `_`, bindings, tuples, `Some`/`None`, `Ok`/`Err` and `|` alternatives without bindings; otherwise use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
    check(
        r#"|o: Option<i32>| match o { Some(a) | Some(a) => a, None => 0 }"#,
        expect![[r#"
        |o: Option<i32>| match o { Some(a) | Some(a) => a, None => 0 }
                                   ^^^^^^^ R030 an alternative that binds a name cannot be matched in JavaScript
          help: patterns may be literals, ranges, `_`, bindings, tuples, `Some`/`None`, `Ok`/`Err` and `|` alternatives without bindings; otherwise use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
}

#[test]
fn r031_unsupported_format() {
    check(
        r#"|x: f64| format!("{:e}", x)"#,
        expect![[r#"
            |x: f64| format!("{:e}", x)
                             ^^^^^^ R031 the format spec `e` cannot be formatted in JavaScript
              help: use `{}`, `{:?}` or `{:#?}` (on numbers, strings, chars, bools, and on `Vec`s, `Option`s, `Result`s, tuples and structs of them, without a width or precision), `{:.N}`, a literal width, fill and alignment, or `x`/`b`/`o`; otherwise use `js!{}` or move this to a `#[server]` fn
        "#]],
    );
    check(
        r#"|v: Vec<i32>| format!("{:>9?}", v)"#,
        expect![[r#"
            |v: Vec<i32>| format!("{:>9?}", v)
                                  ^^^^^^^^ R031 a width, precision or sign with `{:?}` on a `Vec<i32>` cannot be formatted in JavaScript
              help: use `{}`, `{:?}` or `{:#?}` (on numbers, strings, chars, bools, and on `Vec`s, `Option`s, `Result`s, tuples and structs of them, without a width or precision), `{:.N}`, a literal width, fill and alignment, or `x`/`b`/`o`; otherwise use `js!{}` or move this to a `#[server]` fn
        "#]],
    );
}

#[test]
fn r032_unsupported_type() {
    check(
        r#"|s: String| s.parse::<f32>()"#,
        expect![[r#"
            |s: String| s.parse::<f32>()
                          ^^^^^^^^^^^^^^ R032 `f32` is not translated: `parse::<f32>` would round twice (to f64, then f32); write `parse::<f64>()` and `as f32` if that is what you mean
              help: use i32, u32, i64, u64 or f64 here; otherwise use `js!{}` or move this to a `#[server]` fn
        "#]],
    );
    check(
        r#"|| 1u128"#,
        expect![[r#"
            || 1u128
               ^^^^^ R032 `u128` is not translated: 128-bit integers are beyond what JavaScript numbers carry exactly
              help: use i32, u32, i64, u64 or f64 here; otherwise use `js!{}` or move this to a `#[server]` fn
        "#]],
    );
}

#[test]
fn r033_unsupported_try() {
    check(
        r#"move |e| count.set(e.value.parse::<i32>()?)"#,
        expect![[r#"
        move |e| count.set(e.value.parse::<i32>()?)
                           ^^^^^^^^^^^^^^^^^^^^^^^ R033 this `?` cannot be translated: the enclosing closure does not return an `Option` or a `Result`
          help: match on the value instead (`let Some(x) = … else { return };`)
    "#]],
    );
    check(
        r#"|s: &str| -> Result<i32, Oops> { let n = s.parse::<i32>()?; Ok(n) }"#,
        expect![[r#"
        |s: &str| -> Result<i32, Oops> { let n = s.parse::<i32>()?; Ok(n) }
                                                 ^^^^^^^^^^^^^^^^^ R033 this `?` cannot be translated: Rust would convert the error with `From`; annotate the closure's return type with the same error type
          help: match on the value instead (`let Some(x) = … else { return };`)
    "#]],
    );
}

#[test]
fn r034_unsupported_assignment() {
    check(
        r#"move |_| pair.update(|p| { let (n, label) = p; *n += 1; label.push('!'); })"#,
        expect![[r#"
            move |_| pair.update(|p| { let (n, label) = p; *n += 1; label.push('!'); })
                                                            ^ R034 `n`, a reference into the `update` value or an `iter_mut` item, cannot be assigned in the browser
              help: assign to a local, a tuple field, a vector element, or a signal through `set`/`update`
            move |_| pair.update(|p| { let (n, label) = p; *n += 1; label.push('!'); })
                                                                    ^^^^^ R034 `label`, a reference into the `update` value or an `iter_mut` item, cannot be assigned in the browser
              help: assign to a local, a tuple field, a vector element, or a signal through `set`/`update`
        "#]],
    );
    check(
        r#"move |_| count = 5"#,
        expect![[r#"
        move |_| count = 5
                 ^^^^^ R034 a signal handle cannot be assigned in the browser
          help: assign to a local, a tuple field, a vector element, or a signal through `set`/`update`
    "#]],
    );
}

#[test]
fn r035_invalid_handler() {
    check(
        r#"move |_| count.set(1 +)"#,
        expect![[r#"
        move |_| count.set(1 +)
                              ^ R035 this handler is not a valid Rust expression: unexpected end of input, expected an expression
          help: write a closure: `move |event| …`
    "#]],
    );
}

#[test]
fn r036_too_complex() {
    check(
        &format!("|x: i32| {}x{}", "{".repeat(40), "}".repeat(40)),
        expect![[r#"
        |x: i32| {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{x}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
                                                 ^^^^^^^^^^^^^^^^^ R036 this handler nests deeper than rs2js follows (32 levels)
          help: move parts of it into local variables, or into a `#[server]` fn
    "#]],
    );
}

#[test]
fn every_problem_is_reported() {
    check(
        r#"move |_| { save(1); count.set(MAX); name.frobnicate(); }"#,
        expect![[r#"
        move |_| { save(1); count.set(MAX); name.frobnicate(); }
                   ^^^^ R021 `save` is a Rust function; handlers run in the browser and cannot call it
          help: use `js!{}` or move this to a `#[server]` fn
        move |_| { save(1); count.set(MAX); name.frobnicate(); }
                                      ^^^ R025 `MAX` is defined outside the component; the browser cannot see it
          help: bind it in the component (`let value = MAX;`) so the handler captures its value, or use `js!{}` or move this to a `#[server]` fn
        move |_| { save(1); count.set(MAX); name.frobnicate(); }
                                                 ^^^^^^^^^^^^ R022 rs2js has no translation for the method `frobnicate` on `Signal<String>`
          help: see docs/rs2js.md for the methods it knows; otherwise use `js!{}` or move this to a `#[server]` fn
    "#]],
    );
}
