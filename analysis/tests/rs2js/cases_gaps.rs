//! Differential cases of issue #13's remaining gaps: `move` closures passed straight
//! to a method (copied at creation, like `let f = move || …`), `{:?}`/`{:#?}` of
//! composite values and of parse errors, comparator sorts and `Ordering`, byte-range
//! slicing of strings and vectors, `Option::take`/`replace`.

#![allow(clippy::all)]

use std::cmp::Ordering;

use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    let mut out = moves();
    out.extend(debug());
    out.extend(orderings());
    out.extend(slices());
    out.extend(floats32());
    out.extend(corpus_fixes());
    out
}

fn moves() -> Vec<Case> {
    cases! {
        gap_move_map_own_copy: |v: Vec<i32>| { let mut n = 0; let w: Vec<i32> = v.iter().map(move |x| { n += 1; x + n }).collect(); (w, n) } => [(vec![1, 2, 3]), (vec![])];
        gap_move_filter_own_copy: |v: Vec<i32>| { let mut seen = 0; let c = v.iter().filter(move |x| { seen += 1; **x > seen }).count(); (c, seen) } => [(vec![5, 1, 7])];
        gap_move_any_reads_copy: |v: Vec<i32>, k: i32| { let mut k = k; let hit = v.iter().any(move |x| { k -= 1; *x == k }); k += 10; (hit, k) } => [(vec![1, 2, 3], 3), (vec![], 0)];
        gap_move_retain_copy: |v: Vec<u64>| { let mut v = v; let mut limit = 1u64 << 60; v.retain(move |x| { limit += 1; *x < limit }); (v, limit) } => [(vec![u64::MAX, 1, 1 << 60])];
        gap_move_fold_copy: |v: Vec<i32>| { let mut step = 1; let s = v.iter().fold(0, move |acc, x| { step *= 2; acc + x * step }); (s, step) } => [(vec![1, 1, 1])];
    }
}

fn debug() -> Vec<Case> {
    cases! {
        gap_dbg_parse_int: |s: String| (format!("{:?}", s.parse::<i32>()), format!("{:?}", s.parse::<u8>()), format!("{:#?}", s.parse::<i8>())) => [("x".to_string()), ("".to_string()), ("300".to_string()), ("-300".to_string()), ("12".to_string()), ("-0".to_string())];
        gap_dbg_parse_err_alone: |s: String| match s.parse::<u64>() { Ok(n) => format!("ok {n}"), Err(e) => format!("{e:?} / {e}") } => [("18446744073709551616".to_string()), ("+".to_string()), ("7".to_string())];
        gap_dbg_parse_others: |s: String| (format!("{:?}", s.parse::<f64>()), format!("{:?}", s.parse::<bool>()), format!("{:?}", s.parse::<char>())) => [("x".to_string()), ("".to_string()), ("true".to_string()), ("1.5".to_string()), ("é".to_string())];
        gap_dbg_vec: |v: Vec<i32>| (format!("{:?}", v), format!("{:#?}", v)) => [(vec![]), (vec![1, -2, 3])];
        gap_dbg_vec_str: |v: Vec<String>| (format!("{:?}", v), format!("{:#?}", v)) => [(vec!["a\"b".to_string(), "é\n".to_string(), "😀\u{301}".to_string()]), (vec![])];
        gap_dbg_option: |o: Option<i64>| (format!("{:?}", o), format!("{:#?}", o)) => [(None), (Some(i64::MIN)), (Some(5))];
        gap_dbg_option_vec: |o: Option<Vec<char>>| (format!("{:?}", o), format!("{:#?}", o)) => [(None), (Some(vec!['\'', '"', 'x'])), (Some(vec![]))];
        gap_dbg_result: |r: Result<u32, String>| (format!("{:?}", r), format!("{:#?}", r)) => [(Ok(3)), (Err("bad \\ input".to_string()))];
        gap_dbg_tuple: |a: i32, s: String| (format!("{:?}", (a, s.clone(), 'c')), format!("{:?}", (a,)), format!("{:#?}", (a, s)), format!("{:?}", ())) => [(1, "x".to_string())];
        gap_dbg_nested: |v: Vec<(u8, Option<String>)>| (format!("{:?}", v), format!("{:#?}", v)) => [(vec![(1, Some("a".to_string())), (2, None)]), (vec![])];
        gap_dbg_floats: |v: Vec<f64>| format!("{:?} {:#?}", v, Some(v.clone())) => [(vec![1.0, -0.0, 1e21, 0.1, 1e-7, 2.5e16])];
        gap_dbg_bool_vec: |v: Vec<bool>| format!("{v:?}") => [(vec![true, false])];
        gap_dbg_ordering: |a: i32, b: i32| format!("{:?} {:?}", a.cmp(&b), (a.cmp(&b), b.cmp(&a).reverse())) => [(1, 2), (2, 2), (3, 2)];
    }
}

fn orderings() -> Vec<Case> {
    cases! {
        gap_sort_by_field: |mut v: Vec<(i32, String)>| { v.sort_by(|a, b| a.1.cmp(&b.1)); v } => [(vec![(1, "b".to_string()), (2, "a".to_string()), (3, "b".to_string()), (4, "😀".to_string()), (5, "\u{ffff}".to_string())]), (vec![])];
        gap_sort_by_rev_field: |mut v: Vec<(u64, i32)>| { v.sort_by(|a, b| b.0.cmp(&a.0)); v } => [(vec![(1, 1), (u64::MAX, 2), (1, 3), (1 << 60, 4)])];
        gap_sort_by_then: |mut v: Vec<(i32, i32)>| { v.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1))); v } => [(vec![(2, 1), (1, 1), (2, 3), (1, 2)])];
        gap_sort_by_then_with_rev: |mut v: Vec<(i32, String)>| { v.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)).reverse()); v } => [(vec![(2, "a".to_string()), (1, "z".to_string()), (2, "b".to_string()), (1, "é".to_string())])];
        gap_sort_by_partial: |mut v: Vec<f64>| { v.sort_by(|a, b| a.partial_cmp(b).unwrap()); v } => [(vec![2.5, -1.0, 0.0, -0.0, 1e300]), (vec![]), (vec![1.0])];
        gap_sort_by_partial_rev: |mut v: Vec<(String, f64)>| { v.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap()); v } => [(vec![("a".to_string(), 1.0), ("b".to_string(), 3.5), ("c".to_string(), 1.0)])];
        gap_sort_by_nan_panics: |x: f64| { let mut v = vec![1.0, x / x, 2.0]; v.sort_by(|a, b| a.partial_cmp(b).unwrap()); v } => [(0.0), (0.5)];
        gap_sort_unstable_by: |mut v: Vec<i64>| { v.sort_unstable_by(|a, b| b.cmp(a)); v } => [(vec![3, i64::MIN, i64::MAX, 0, 3])];
        gap_sort_unstable_by_str: |mut v: Vec<String>| { v.sort_unstable_by(|x, y| x.cmp(y).reverse()); v } => [(vec!["b".to_string(), "😀".to_string(), "a".to_string()])];
        gap_sort_by_len_then: |mut v: Vec<String>| { v.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b))); v } => [(vec!["ccc".to_string(), "a".to_string(), "bb".to_string(), "é".to_string(), "b".to_string()])];
        gap_cmp_match: |a: i32, b: i32| match a.cmp(&b) { Ordering::Less => "lt", Ordering::Equal => "eq", Ordering::Greater => "gt" } => [(1, 2), (2, 2), (i32::MAX, i32::MIN)];
        gap_cmp_methods: |a: u64, b: u64| { let o = a.cmp(&b); (o.is_lt(), o.is_le(), o.is_eq(), o.is_ne(), o.is_gt(), o.is_ge(), o == Ordering::Less, o.reverse() == std::cmp::Ordering::Less) } => [(1, 2), (u64::MAX, u64::MAX), (u64::MAX, 1)];
        gap_cmp_strings: |a: String, b: String| (a.cmp(&b) == Ordering::Greater, a.partial_cmp(&b) == Some(Ordering::Less)) => [("😀".to_string(), "\u{ffff}".to_string()), ("a".to_string(), "ab".to_string()), ("".to_string(), "".to_string())];
        gap_partial_cmp_nan: |a: f64, b: f64| { let n = a / a; (n.partial_cmp(&b).is_none(), a.partial_cmp(&b) == Some(Ordering::Equal)) } => [(0.0, 1.0), (0.0, -0.0), (1.0, 2.0)];
        gap_sort_by_ne_le: |mut v: Vec<(i32, i32)>| { v.sort_by(|a, b| if a.0 != b.0 { a.0.cmp(&b.0) } else if a.1 <= b.1 { Ordering::Less } else { Ordering::Greater }); v } => [(vec![(2, 1), (1, 5), (1, 3), (2, 0)])];
        gap_max_by: |v: Vec<f64>| (v.iter().copied().max_by(|a, b| a.partial_cmp(b).unwrap()), v.iter().copied().min_by(|a, b| a.partial_cmp(b).unwrap())) => [(vec![1.0, 3.5, -2.0, 3.5]), (vec![])];
        gap_max_by_ties: |v: Vec<(i32, i32)>| (v.iter().max_by(|a, b| a.0.cmp(&b.0)).copied(), v.iter().min_by(|a, b| a.0.cmp(&b.0)).copied()) => [(vec![(1, 1), (2, 2), (2, 3), (1, 4)]), (vec![])];
    }
}

fn slices() -> Vec<Case> {
    cases! {
        gap_str_slice: |s: String, a: usize, b: usize| s[a..b].to_string() => [("hello".to_string(), 1, 3), ("héllo".to_string(), 1, 3), ("héllo".to_string(), 1, 2), ("😀x".to_string(), 0, 4), ("😀x".to_string(), 2, 4), ("abc".to_string(), 2, 1), ("abc".to_string(), 0, 4), ("abc".to_string(), 3, 3), ("".to_string(), 0, 0), ("abc".to_string(), usize::MAX, usize::MAX)];
        gap_str_slice_open: |s: String, i: usize| ((&s[i..]).to_string(), s[..i].to_string(), s[..].to_string()) => [("héllo".to_string(), 3), ("héllo".to_string(), 2), ("ab".to_string(), 2), ("ab".to_string(), 3), ("😀".to_string(), 4)];
        gap_str_slice_inclusive: |s: String, a: usize, b: usize| s[a..=b].to_string() => [("hello".to_string(), 1, 3), ("é".to_string(), 0, 1), ("é".to_string(), 0, 0), ("ab".to_string(), 0, usize::MAX)];
        gap_str_slice_find: |s: String| match s.find('=') { Some(i) => (s[..i].to_string(), s[i + 1..].to_string()), None => (s.clone(), String::new()) } => [("kéy=välue".to_string()), ("none".to_string()), ("=".to_string())];
        gap_str_slice_len: |s: String, n: usize| if s.len() > n { format!("{}…", &s[..n]) } else { s.clone() } => [("short".to_string(), 10), ("a longer text".to_string(), 6), ("naïve".to_string(), 3)];
        gap_vec_slice: |v: Vec<i32>, a: usize, b: usize| v[a..b].to_vec() => [(vec![1, 2, 3, 4], 1, 3), (vec![1, 2], 2, 2), (vec![1, 2], 1, 3), (vec![1, 2], 2, 1), (vec![], 0, 0)];
        gap_vec_slice_open: |v: Vec<String>, n: usize| (v[..n].len(), v[n..].concat(), v[..].join("-"), v[n..].iter().map(|s| s.len()).sum::<usize>()) => [(vec!["a".to_string(), "😀".to_string(), "c".to_string()], 1), (vec!["a".to_string()], 2)];
        gap_vec_slice_inclusive: |v: Vec<u8>, b: usize| (&v[0..=b]).to_vec() => [(vec![1, 2, 3], 1), (vec![1, 2, 3], 3), (vec![1], usize::MAX)];
        gap_vec_slice_contains: |v: Vec<i32>| (v[1..].contains(&1), v[..1].iter().max().copied()) => [(vec![1, 2, 1]), (vec![1])];
        gap_option_take: |o: Option<String>| { let mut o = o; let t = o.take(); (o, t) } => [(None), (Some("😀".to_string()))];
        gap_option_take_loop: |v: Vec<i32>| { let mut last: Option<i32> = None; let mut pairs = Vec::new(); for x in v { if let Some(p) = last.take() { pairs.push((p, x)); } else { last = Some(x); } } (pairs, last) } => [(vec![1, 2, 3, 4, 5]), (vec![])];
        gap_option_replace: |o: Option<i32>, x: i32| { let mut o = o; let old = o.replace(x); (o, old) } => [(None, 1), (Some(2), 3)];
    }
}

fn floats32() -> Vec<Case> {
    // f32 results are compared as the `{:?}` of their exact `f64` (the harness's JSON
    // reader rounds some long floats by an ulp).
    cases! {
        gap_f32_cast: |x: f64| { let d = |v: f32| format!("{:?}", v as f64); (d(x as f32), format!("{}", x as f32), format!("{:?}", x as f32), (x as f32).to_string()) } => [(0.1), (1.0 / 3.0), (16777217.0), (3.4028235e38), (3.5e38), (-1e-46), (1e-40), (1e20), (0.000099999997), (0.0001), (1e16), (123456789.0), (-0.0), (2.5), (7e-45), (1.1754944e-38)];
        gap_f32_arith: |a: f64, b: f64| { let d = |v: f32| format!("{:?}", v as f64); let (x, y) = (a as f32, b as f32); (d(x + y), d(x * y), d(x / y), d(x - y), d(x % y), format!("{}", x * y + 0.1)) } => [(0.1, 0.2), (1e30, 1e10), (1.0, 3.0), (16777216.0, 1.0), (-2.5, 0.7)];
        gap_f32_literals: |a: f64| { let d = |v: f32| format!("{:?}", v as f64); let y: f32 = 0.1; let mut z = a as f32; z += 0.2; z *= 1.1; (d(y), d(z), format!("{z} {:?} {}", 0.3f32, 0.1 + a as f32), d(-0.5f32)) } => [(0.0), (1e7)];
        gap_f32_from_ints: |a: u64, b: i64, c: i32| { let d = |v: f32| format!("{:?}", v as f64); (d(a as f32), d(b as f32), d(c as f32), format!("{}", a as f32)) } => [(u64::MAX, i64::MIN, i32::MAX), (16777217, -16777217, 16777217), ((1 << 60) + (1 << 36), (1 << 53) + 1, -3), (9007199254740993, 36028797287936001, 0), (0, 0, 0), (((1u64 << 24) + 1) << 30, -((((1i64 << 24) + 3) << 29) + 1), 1)];
        gap_f32_to_ints: |a: f64| { let x = a as f32; (x as i32, x as u8, x as i64, x as u64) } => [(2.9), (-1.5), (3e9), (1e20), (-1e20)];
        gap_f32_methods: |a: f64, b: f64| { let d = |v: f32| format!("{:?}", v as f64); let (x, y) = (a as f32, b as f32); (d(x.sqrt()), d(x.abs()), d(x.floor()), d(x.round()), d(x.min(y)), d(x.max(y)), x < y, x == y) } => [(2.0, 3.0), (-2.5, -2.5), (0.1, 0.2)];
        gap_f32_precision: |a: f64| format!("{:.2} {:.0} {:8.3}", a as f32, a as f32, a as f32) => [(0.125), (2.5), (0.1), (-1.005)];
        gap_f32_debug_vec: |v: Vec<f64>| format!("{:?}", v.iter().map(|x| *x as f32).collect::<Vec<f32>>()) => [(vec![0.1, 1e20, 1.5e-5])];
    }
}

fn corpus_fixes() -> Vec<Case> {
    cases! {
        gap_iter_mut_tuples: |mut v: Vec<(i32, String)>| { for x in v.iter_mut() { x.0 += 1; x.1.push('!'); } for (i, x) in v.iter_mut().enumerate() { if i == 0 { x.1 = String::from("first"); } } v } => [(vec![(1, "a".to_string()), (2, "é".to_string())]), (vec![])];
        gap_iter_mut_find: |mut v: Vec<(u64, bool)>, k: u64| { if let Some(x) = v.iter_mut().find(|x| x.0 == k) { x.1 = !x.1; } let n = v.iter_mut().filter(|x| x.1).count(); (v, n) } => [(vec![(1, false), (u64::MAX, true)], u64::MAX), (vec![], 1)];
        gap_for_mut_ref: |mut v: Vec<Vec<i32>>| { for row in &mut v { row.push(0); } v } => [(vec![vec![1], vec![]])];
        gap_parse_typed_by_let: |s: String| { let a: u64 = s.parse().unwrap_or(7); let b: i8 = s.trim().parse().unwrap_or_default(); let c: f64 = s.parse().unwrap_or(0.5); let d: u32 = s.parse().unwrap_or(1).max(2); let e: Option<i64> = s.parse().ok(); (a, b, c, d, e) } => [("12".to_string()), ("-3".to_string()), ("18446744073709551615".to_string()), ("x".to_string()), (" 4".to_string())];
        gap_from_str_radix: |s: String| (u8::from_str_radix(&s, 16).ok(), i64::from_str_radix(&s, 2).ok(), format!("{:?}", u32::from_str_radix(&s, 36)), i32::from_str_radix(&s, 10).map_err(|e| e.to_string())) => [("ff".to_string()), ("FF".to_string()), ("-101".to_string()), ("zz".to_string()), ("".to_string()), ("1g".to_string()), ("+7".to_string()), ("111111111111111111111111111111111111111111111111111111111111111".to_string())];
        gap_trim_matches: |s: String| (s.trim_start_matches('#').to_string(), s.trim_end_matches("ab").to_string(), s.trim_matches('x').to_string(), s.trim_start_matches("").to_string()) => [("##x#abab".to_string()), ("".to_string()), ("xéx".to_string())];
        gap_iter_eq: |s: String| { let c: Vec<char> = s.chars().collect(); (c.iter().eq(c.iter().rev()), s.chars().ne(s.chars().rev()), c.iter().eq(vec!['a'].iter())) } => [("abba".to_string()), ("ab".to_string()), ("".to_string()), ("a".to_string())];
        gap_char_ascii_classes: |s: String| s.chars().map(|c| (c.is_ascii_hexdigit(), c.is_ascii_whitespace(), c.is_ascii_punctuation())).collect::<Vec<_>>() => [("aG9 \u{c}\u{b}!~[é".to_string())];
    }
}
