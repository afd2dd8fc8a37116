//! Differential cases: control flow as expressions (`if`, `match`, loops with values,
//! labels, early `return`), blocks, shadowing, nested closures, panics, and Rust's
//! left-to-right evaluation order.

#![allow(clippy::all, unreachable_code)]

use crate::rs2js::mock::sv;
use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    cases! {
        if_else_chain: |n: i32| if n < 0 { "neg" } else if n == 0 { "zero" } else { "pos" } => [(-3), (0), (3)];
        if_without_else: |n: i32| { let mut s = 0; if n > 2 { s = n; } s } => [(1), (5)];
        loop_break_value: |n: u32| { let mut i = 0; loop { i += 1; if i * i > n { break i; } } } => [(10), (0), (100)];
        labeled_loops: |n: i32| { let mut count = 0; 'outer: for i in 0..n { for j in 0..n { if i * j > 6 { break 'outer; } if j > i { continue 'outer; } count += 1; } } count } => [(5), (2)];
        labeled_block: |n: i32| { let r = 'found: { if n < 0 { break 'found "negative"; } if n == 0 { break 'found "zero"; } "positive" }; r } => [(-1), (0), (1)];
        collatz_while: |mut n: u64| { let mut steps = 0; while n != 1 { n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 }; steps += 1; } steps } => [(27), (1), (97)];
        while_with_prelude: |v: Vec<i32>| { let mut i = 0; while match v.get(i) { Some(x) => *x > 0, None => false } { i += 1; } i } => [(vec![3, 2, -1, 5]), (vec![])];
        for_inclusive_to_max: |n: u8| { let mut s = 0u32; for i in 0..=n { s += i as u32; } s } => [(255), (0)];
        for_over_vec: |v: Vec<String>| { let mut out = String::new(); for s in v.iter() { if s.is_empty() { continue; } out.push_str(s); out.push('/'); } out } => [(sv(&["a", "", "é"]))];
        for_mut_binding: |n: i32| { let mut acc = Vec::new(); for mut i in 0..n { i *= 10; acc.push(i); } acc } => [(3)];
        for_tuple_pattern: |v: Vec<(i32, i32)>| { let mut s = 0; for (a, b) in v.iter() { s += a * b; } s } => [(vec![(1, 2), (3, 4)])];
        for_enumerate: |v: Vec<char>| { let mut out = String::new(); for (i, c) in v.iter().enumerate() { if i > 0 { out.push(','); } out.push(*c); } out } => [(vec!['a', 'é', '😀'])];
        return_early: |v: Vec<i32>| { for x in v.iter() { if *x < 0 { return *x; } } 0 } => [(vec![1, -2, -3]), (vec![])];
        nested_closure_value: |x: i32| { let double = |y: i32| y * 2; double(x) + double(1) } => [(4), (i32::MAX)];
        closure_captures_local: |x: i32| { let k = x + 1; let add = |y: i32| y + k; add(10) } => [(1)];
        block_value: |x: i32| { let y = { let z = x * 2; z + 1 }; y * y } => [(3)];
        match_tuple: |a: bool, b: bool| match (a, b) { (true, true) => 3, (true, false) | (false, true) => 1, _ => 0 } => [(true, true), (false, true), (false, false)];
        match_char_ranges: |c: char| match c { 'a'..='z' => "lower", 'A'..='Z' => "upper", '0'..='9' => "digit", _ => "other" } => [('q'), ('Q'), ('5'), ('é'), ('😀')];
        match_str: |s: &str| match s { "one" => 1, "two" => 2, _ => 0 } => [("one"), ("two"), ("three")];
        match_neg_ranges: |n: i64| match n { i64::MIN..=-1 => "negative", 0 => "zero", 1..=9 => "small", _ => "large" } => [(-5), (0), (7), (70)];
        match_exclusive_range: |n: u8| match n { 0..10 => "one digit", 10..100 => "two digits", _ => "three digits" } => [(9), (10), (200)];
        match_binding_at: |n: i32| match n { small @ 0..=9 => small * 10, other => other } => [(5), (50)];
        match_in_operand: |n: i32| 10 + match n { 0 => 1, _ => 2 } * 3 => [(0), (1)];
        match_guard_fallthrough: |p: (i32, i32)| match p { (x, y) if x == y => "diagonal", (x, _) if x > 0 => "right", (_, y) if y > 0 => "up", _ => "other" } => [((1, 1)), ((2, -1)), ((-1, 2)), ((-1, -2))];
        match_nested_options: |a: Option<i32>, b: Result<i32, String>| match (a, b) { (Some(x), Ok(y)) => x + y, (None, Ok(y)) => y, (_, Err(e)) => e.len() as i32 } => [(Some(1), Ok(2)), (None, Ok(5)), (Some(1), Err("abc".to_string()))];
        short_circuit_and: |v: Vec<i32>| v.len() > 0 && v[0] > 5 => [(vec![]), (vec![6]), (vec![1])];
        short_circuit_or_prelude: |v: Vec<i32>, i: usize| i >= v.len() || match v[i] { 0 => false, _ => true } => [(vec![0], 0), (vec![3], 0), (vec![], 4)];
        shadowing: |x: i32| { let x = x + 1; let x = x * 2; let x = format!("{x}"); x } => [(4)];
        destructure_nested: |t: (i32, (String, bool))| { let (a, (b, c)) = t; format!("{a}{b}{c}") } => [((1, ("x".to_string(), false)))];
        swap_via_tuple: |a: i32, b: i32| { let (a, b) = (b, a); (a, b) } => [(1, 2)];
        panic_with_message: |x: i32| { if x > 5 { panic!("too big: {}", x); } x } => [(3), (9)];
        asserts: |x: i32| { assert!(x != 0, "zero!"); assert_eq!(x % 2, 1); assert_ne!(x, 3); 100 / x } => [(1), (0), (2), (3), (5)];
        unreachable_branch: |x: bool| if x { 1 } else { unreachable!() } => [(true), (false)];
        evaluation_order: |mut v: Vec<i32>| { let a = v.pop().unwrap_or(0) * 10 + v.pop().unwrap_or(0); (a, v) } => [(vec![1, 2, 3])];
        evaluation_order_prelude: |mut v: Vec<i32>| { let r = v.pop().unwrap_or(0) - match v.pop() { Some(x) => x, None => 100 }; (r, v) } => [(vec![4, 9]), (vec![4])];
        evaluation_order_format: |mut v: Vec<i32>| format!("{} {} {}", v.pop().unwrap_or(0), v.len(), v.pop().unwrap_or(0)) => [(vec![1, 2, 3])];
        evaluation_order_call_args: |mut v: Vec<i32>| { let mut out = Vec::new(); out.push(v.pop().unwrap_or(0) + if v.is_empty() { 100 } else { v.pop().unwrap_or(0) }); (out, v) } => [(vec![1, 2, 3]), (vec![1])];
        mutable_tuple_field: |mut t: (i32, String)| { t.0 += 1; t.1.push_str("!"); t } => [((1, "a".to_string()))];
        compound_assign_ops: |mut x: i32| { x += 3; x -= 1; x *= 4; x /= 3; x %= 5; x } => [(7), (-7)];
        compound_overflow: |mut x: u8| { x *= 2; x } => [(100), (200)];
        string_compound: |mut s: String| { s += "a"; s += &s.clone(); s } => [("x".to_string())];
        nested_if_let_else: |a: Option<i32>, b: Option<i32>| if let Some(x) = a { x } else if let Some(y) = b { y * 10 } else { 0 } => [(Some(1), Some(2)), (None, Some(2)), (None, None)];
        reserved_js_names: |x: i32| { let new = x + 1; let this = new * 2; let r#typeof = this - 1; let undefined = r#typeof; undefined } => [(3)];
        logs_and_returns: |x: i32| { println!("x = {x}"); eprintln!("{}", x * 2); print!(""); x } => [(4)];
        shadowed_in_nested_closures: |v: Vec<i32>| { let x = 10; v.iter().map(|x| x + 1).map(|y| y * x).collect::<Vec<i32>>() } => [(vec![1, 2])];
        update_param_read_before_write: |x: i32| { let mut c = x; c = c + { c += 1; c }; c } => [(5)];
        loop_collects: |n: usize| { let mut v = Vec::new(); let mut i = 0; loop { if i == n { break; } v.push(format!("#{i}")); i += 1; } v } => [(3), (0)];
    }
}
