//! rs2js tests: a closure's source in, its JavaScript (or its diagnostics, marked under
//! the source) out.

use std::fmt::Write;
use std::str::FromStr;

use expect_test::{expect, Expect};
use proc_macro2::TokenStream;

use super::{helpers_source, translate_closure, Env, Ty};
use crate::diagnostics::Diagnostic;
use crate::span::TokenSpan;

/// A translation entry point: `translate_closure`, `translate_effect`, ….
pub(super) type Translate =
    fn(TokenStream, &Env) -> (Option<super::Closure>, Vec<Diagnostic<TokenSpan>>);

/// The scope every test closure sees.
fn env() -> Env {
    let signal = |ty| Ty::Signal(Box::new(ty));
    let mut env = Env::new();
    env.insert("count", signal(Ty::I32));
    env.insert("name", signal(Ty::String));
    env.insert("todos", signal(Ty::Vec(Box::new(Ty::String))));
    env.insert("total", signal(Ty::U64));
    env.insert("price", signal(Ty::F64));
    env.insert("selected", signal(Ty::Option(Box::new(Ty::Usize))));
    env.insert("pair", signal(Ty::Tuple(vec![Ty::I32, Ty::String])));
    env.insert("step", Ty::U8);
    env.insert("label", Ty::String);
    env.insert("ambiguous", signal(Ty::Option(Box::new(Ty::Option(Box::new(Ty::I32))))));
    env.insert_unserialisable("on_done", "a closure");
    env
}

/// Translates `src` (with [`env`] in scope) and shows the JavaScript with its captures and helpers, or every
/// diagnostic with its span marked under the source.
#[track_caller]
pub(super) fn check(src: &str, expect: Expect) {
    check_with(translate_closure, src, expect);
}

/// [`check`], translating with `translate` (an `effect!`'s body, a `computed!`'s).
#[track_caller]
pub(super) fn check_with(translate: Translate, src: &str, expect: Expect) {
    let tokens = TokenStream::from_str(src).expect("test input lexes");
    let (closure, diagnostics) = translate(tokens, &env());
    let mut out = String::new();
    if let Some(closure) = &closure {
        writeln!(out, "{}", closure.js).unwrap();
        let captures: Vec<String> =
            closure.captures.iter().map(|it| format!("{}: {}", it.name, it.ty)).collect();
        if !captures.is_empty() {
            writeln!(out, "captures: {}", captures.join(", ")).unwrap();
        }
        let helpers: Vec<&str> = closure.helpers.iter().copied().collect();
        if !helpers.is_empty() {
            writeln!(out, "helpers: {}", helpers.join(" ")).unwrap();
        }
        if closure.calls_prevent_default {
            writeln!(out, "calls prevent_default").unwrap();
        }
        if !closure.server_fns.is_empty() {
            writeln!(out, "server fns: {}", closure.server_fns.join(", ")).unwrap();
        }
    }
    for diagnostic in &diagnostics {
        let range = diagnostic.span.text_range(0);
        let (start, end) = (range.start as usize, range.end as usize);
        let line_start = src[..start.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[line_start..].find('\n').map_or(src.len(), |i| line_start + i);
        let line = &src[line_start..line_end];
        let col = src[line_start..start.min(src.len())].chars().count();
        let width = src[start.min(line_end)..end.min(line_end).max(start.min(line_end))]
            .chars()
            .count()
            .max(1);
        writeln!(out, "{line}").unwrap();
        writeln!(
            out,
            "{}{} {} {}",
            " ".repeat(col),
            "^".repeat(width),
            diagnostic.code,
            diagnostic.message
        )
        .unwrap();
        if let Some(help) = &diagnostic.help {
            writeln!(out, "  help: {help}").unwrap();
        }
    }
    if closure.is_none() && diagnostics.is_empty() {
        writeln!(out, "neither a closure nor a diagnostic").unwrap();
    }
    expect.assert_eq(&out);
}

#[test]
fn counter_update() {
    check(
        "move |_| count.update(|c| *c += 1)",
        expect![[r#"
            ($0, count) => count.update((c) => {
              c = $add(c, 1, $i32);
              return c;
            })
            captures: count: Signal<i32>
            helpers: $add $ck $i32
        "#]],
    );
}

#[test]
fn set_get_and_event_fields() {
    check(
        r#"move |e: Event| { e.prevent_default(); name.set(e.value.trim().to_string()); }"#,
        expect![[r#"
            (e, name) => {
              e.preventDefault();
              name.set($trim(e.target.value ?? ""));
            }
            captures: name: Signal<String>
            helpers: $trim
            calls prevent_default
        "#]],
    );
    check(
        r#"move |ev| if ev.key == "Enter" { count.set(0) }"#,
        expect![[r#"
        (ev, count) => {
          if ((ev.key ?? "") === "Enter") {
            count.set(0);
          }
        }
        captures: count: Signal<i32>
    "#]],
    );
    check(
        r#"move |e| todos.update(|t| t.push(e.value))"#,
        expect![[r#"
        (e, todos) => todos.update((t) => {
          t.push(e.target.value ?? "");
          return t;
        })
        captures: todos: Signal<Vec<String>>
    "#]],
    );
}

#[test]
fn integer_semantics() {
    check(
        "|a: i32, b: i32| (a / b, a % b, a * b - 1)",
        expect![[r#"
        (a, b) => [$div(a, b, $i32), $rem(a, b, $i32), $sub($mul(a, b, $i32), 1, $i32)]
        helpers: $ck $div $i32 $mul $rem $sub
    "#]],
    );
    check(
        "|x: u8| (x as i8, x as u32, x as f64, -(x as i16))",
        expect![[r#"
        (x) => [x << 24 >> 24, x, x, $neg(x, $i16)]
        helpers: $ck $i16 $neg
    "#]],
    );
    check(
        "|x: f64| (x as i32, x as u64)",
        expect![[r#"
            (x) => [$fti(x, $i32), $fti64(x, $u64)]
            helpers: $ck $fti $fti64 $i32 $n $u64
        "#]],
    );
    check(
        "|| { let mut total = 0; for x in [1u64, 2, 3] { total += x; } total }",
        expect![[r#"
            () => {
              let total = 0;
              for (let x of [1, 2, 3]) {
                total = $add64(total, x, $u64);
              }
              return total;
            }
            helpers: $add64 $c64 $n $u64 $x64
        "#]],
    );
}

#[test]
fn strings_count_bytes() {
    check(
        r#"|s: String| (s.len(), s.chars().count(), s.chars().rev().collect::<String>())"#,
        expect![[r#"
        (s) => [$len(s), [...s].length, [...[...s].reverse()].join("")]
        helpers: $len
    "#]],
    );
    check(
        r#"|s: &str| s.split(",").map(|p| p.trim().to_uppercase()).collect::<Vec<_>>()"#,
        expect![[r#"
            (s) => [...$map($split(s, ","), (p) => $upper($trim(p)))]
            helpers: $map $split $trim $uUm $upper
        "#]],
    );
    check(
        r#"|s: String| s.parse::<i32>().unwrap_or(0)"#,
        expect![[r#"
            (s) => $ror($pint(s, $i32), 0)
            helpers: $i32 $pint $ror
        "#]],
    );
}

#[test]
fn control_flow_as_expressions() {
    check(
        r#"|n: i32| { let kind = match n { i32::MIN..=-1 => "neg", 0 => "zero", 1 | 2 | 3 => "small", x if x % 2 == 0 => "even", _ => "odd" }; kind }"#,
        expect![[r#"
            (n) => {
              let $0;
              $1: {
                if (n <= -1) {
                  $0 = "neg";
                  break $1;
                }
                if (n === 0) {
                  $0 = "zero";
                  break $1;
                }
                if ((n === 1 || n === 2 || n === 3)) {
                  $0 = "small";
                  break $1;
                }
                {
                  let x = n;
                  if ($rem(x, 2, $i32) === 0) {
                    $0 = "even";
                    break $1;
                  }
                }
                {
                  $0 = "odd";
                }
              }
              let kind = $0;
              return kind;
            }
            helpers: $ck $i32 $rem
        "#]],
    );
    check(
        r#"|v: Vec<i32>| { let mut i = 0; let found = loop { if i >= v.len() { break None; } if v[i] > 10 { break Some(i); } i += 1; }; found }"#,
        expect![[r#"
            (v) => {
              let i = 0;
              let $0;
              for (;;) {
                if (i >= v.length) {
                  $0 = null;
                  break;
                }
                if (v[$idx(v, i)] > 10) {
                  $0 = i;
                  break;
                }
                i = $add64(i, 1, $u64);
              }
              let found = $0;
              return found;
            }
            helpers: $add64 $c64 $idx $n $u64 $x64
        "#]],
    );
    check(
        r#"|o: Option<i32>| if let Some(x) = o { x * 2 } else { -1 }"#,
        expect![[r#"
            (o) => {
              let $0;
              if (o !== null) {
                let x = o;
                $0 = $mul(x, 2, $i32);
              } else {
                $0 = -1;
              }
              return $0;
            }
            helpers: $ck $i32 $mul
        "#]],
    );
}

#[test]
fn option_and_result_chains() {
    check(
        r#"move |_| selected.set(todos.get().iter().position(|t| t.is_empty()))"#,
        expect![[r#"
            ($0, selected, todos) => selected.set($position($clone(todos.get()), (t) => t === ""))
            captures: selected: Signal<Option<usize>>, todos: Signal<Vec<String>>
            helpers: $clone $position
        "#]],
    );
    check(
        r#"|s: &str| -> Option<i32> { let n = s.parse::<i32>().ok()?; n.checked_mul(2) }"#,
        expect![[r#"
            (s) => {
              const $0 = $rok($pint(s, $i32));
              if ($0 === null) return null;
              let n = $0;
              return $chk($mul, n, 2, $i32);
            }
            helpers: $chk $ck $i32 $mul $pint $rok
        "#]],
    );
    check(
        r#"|r: Result<i32, String>| match r { Ok(n) if n > 0 => format!("ok {n}"), Ok(_) => "zero".to_string(), Err(e) => format!("error: {e:?}") }"#,
        expect![[r#"
            (r) => {
              let $0;
              $1: {
                if ("Ok" in r) {
                  let n = r.Ok;
                  if (n > 0) {
                    $0 = `ok ${n}`;
                    break $1;
                  }
                }
                if ("Ok" in r) {
                  $0 = "zero";
                  break $1;
                }
                if ("Err" in r) {
                  let e = r.Err;
                  $0 = `error: ${$dbgs(e, '"')}`;
                }
              }
              return $0;
            }
            helpers: $dbgs $uEs $uin $ur
        "#]],
    );
}

#[test]
fn format_strings() {
    check(
        r#"|x: f64, n: i64, s: String| format!("{x:.2} {n:>5} {s:?} {{literal}} {:#x} {}", n, x)"#,
        expect![[r#"
            (x, n, s) => `${$fix(x, 2)} ${$pad(String(n), 5, ">", " ")} ${$dbgs(s, '"')} {literal} ${"0x" + $radix(n, 16, $i64)} ${$fmtf(x)}`
            helpers: $dbgs $fix $fmtf $i64 $pad $radix $sd $tie $uEs $uin $ur
        "#]],
    );
}

#[test]
fn captures_in_first_use_order() {
    check(
        r#"move |_| { let n = step as i32 + other; count.set(n); println!("{label}"); }"#,
        expect![[r#"
            ($0, step, other, count, label) => {
              let n = $add(step.get(), other.get(), $i32);
              count.set(n);
              console.log(label.get());
            }
            captures: step: u8, other: _, count: Signal<i32>, label: String
            helpers: $add $ck $i32
        "#]],
    );
}

#[test]
fn vec_pipelines() {
    check(
        r#"|v: Vec<i64>| v.iter().filter(|x| **x % 2 == 0).map(|x| x * 3).sum::<i64>()"#,
        expect![[r#"
            (v) => $sum64($map($filter(v, (x) => $rem64(x, 2, $i64) === 0), (x$1) => $mul64(x$1, 3, $i64)), $i64)
            helpers: $add64 $c64 $filter $i64 $map $mul64 $n $rem64 $sum64 $x64
        "#]],
    );
    check(
        r#"move |_| todos.update(|list| { list.retain(|t| !t.is_empty()); list.sort(); })"#,
        expect![[r#"
            ($0, todos) => todos.update((list) => {
              $retain(list, (t) => !(t === ""));
              list.sort($cmp);
              return list;
            })
            captures: todos: Signal<Vec<String>>
            helpers: $cmp $retain
        "#]],
    );
}

#[test]
fn helpers_are_valid_javascript_definitions() {
    let all = super::helpers::all_names().collect();
    let js = helpers_source(&all);
    assert_eq!(js.lines().count(), super::helpers::all_names().count());
    assert!(js.lines().all(|line| line.starts_with("const $") && line.ends_with(';')));
}

#[test]
fn loops_labels_and_jumps() {
    check(
        "|n: i32| { let mut hits = 0; 'rows: for i in 0..n { for j in (0..i).rev() { if j == 2 { continue 'rows; } if i * j > 6 { break 'rows; } hits += 1; } } hits }",
        expect![[r#"
            (n) => {
              let hits = 0;
              $0: for (let i = 0; i < n; i++) {
                for (let j of $rrange(0, i)) {
                  if (j === 2) {
                    continue $0;
                  }
                  if ($mul(i, j, $i32) > 6) {
                    break $0;
                  }
                  hits = $add(hits, 1, $i32);
                }
              }
              return hits;
            }
            helpers: $add $ck $i32 $mul $rrange
        "#]],
    );
    check(
        "|mut v: Vec<i32>| { let mut sum = 0; while let Some(x) = v.pop() { if x < 0 { break; } sum += x; } sum }",
        expect![[r#"
            (v) => {
              let sum = 0;
              for (;;) {
                const $0 = $pop(v);
                if ($0 === null) break;
                let x = $0;
                if (x < 0) {
                  break;
                }
                sum = $add(sum, x, $i32);
              }
              return sum;
            }
            helpers: $add $ck $i32 $pop
        "#]],
    );
}

#[test]
fn closures_as_values_and_reserved_names() {
    check(
        "|x: i32| { let new = |y: i32| y + x; let this = new(1); this }",
        expect![[r#"
            (x) => {
              const new$ = (y) => $add(y, x, $i32);
              let this$ = new$(1);
              return this$;
            }
            helpers: $add $ck $i32
        "#]],
    );
}

#[test]
fn strings_are_written_back() {
    check(
        r#"move |e| name.update(|n| { n.push_str(&e.value); n.push('!'); })"#,
        expect![[r#"
            (e, name) => name.update((n) => {
              n = n + (e.target.value ?? "");
              n = n + "!";
              return n;
            })
            captures: name: Signal<String>
        "#]],
    );
    check(
        r#"move |_| pair.update(|p| { p.0 += step as i32; p.1.clear(); })"#,
        expect![[r#"
            ($0, pair, step) => pair.update((p) => {
              p[0] = $add(p[0], step.get(), $i32);
              p[1] = "";
              return p;
            })
            captures: pair: Signal<(i32, String)>, step: u8
            helpers: $add $ck $i32
        "#]],
    );
}

#[test]
fn evaluation_order_with_preludes() {
    check(
        "|mut v: Vec<i32>| v.pop().unwrap_or(0) - match v.pop() { Some(x) => x, None => 100 }",
        expect![[r#"
            (v) => {
              const $2 = $pop(v) ?? 0;
              const $0 = $pop(v);
              let $1;
              if ($0 !== null) {
                let x = $0;
                $1 = x;
              } else {
                $1 = 100;
              }
              return $sub($2, $1, $i32);
            }
            helpers: $ck $i32 $pop $sub
        "#]],
    );
}
