//! Differential cases: vectors, iterator pipelines (lazy, as in Rust), tuples, `Option`
//! and `Result`.

#![allow(clippy::all)]

use crate::rs2js::mock::sv;
use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    cases! {
        vec_push_len: |n: usize| { let mut v = Vec::new(); for i in 0..n { v.push(i * 2); } (v.len(), v) } => [(3), (0)];
        vec_pop: |mut v: Vec<i32>| (v.pop(), v.pop(), v) => [(vec![1]), (vec![]), (vec![1, 2, 3])];
        vec_first_last_get: |v: Vec<i32>, i: usize| (v.first().copied(), v.last().copied(), v.get(i).copied()) => [(vec![4, 5, 6], 1), (vec![], 0), (vec![4], 9)];
        vec_contains: |v: Vec<String>, s: &str| v.contains(&s.to_string()) => [(sv(&["a", "é"]), "é"), (sv(&[]), "x")];
        vec_contains_nan: |v: Vec<f64>| (v.contains(&(0.0 / 0.0)), v.contains(&1.5)) => [(vec![1.5, 2.0])];
        vec_contains_tuples: |v: Vec<(i32, String)>| v.contains(&(1, "a".to_string())) => [(vec![(1, "a".to_string())]), (vec![(1, "b".to_string())])];
        vec_retain: |mut v: Vec<i32>| { v.retain(|x| *x % 3 != 0); v } => [(vec![1, 3, 4, 6, 7, 9])];
        vec_insert_remove: |mut v: Vec<i32>, i: usize| { v.insert(i, 99); let r = v.remove(0); (r, v) } => [(vec![1, 2], 1), (vec![1, 2], 5), (vec![], 0)];
        vec_remove_out_of_bounds: |mut v: Vec<i32>| v.remove(3) => [(vec![1, 2])];
        vec_sort_numbers: |mut v: Vec<i32>| { v.sort(); v } => [(vec![10, 9, 1, -5, 100, 2])];
        vec_sort_strings: |mut v: Vec<String>| { v.sort(); v.reverse(); v } => [(sv(&["b", "a", "é", "B", "😀", "\u{ffff}", "ab"]))];
        vec_sort_unstable_u64: |mut v: Vec<u64>| { v.sort_unstable(); v } => [(vec![3, 1, 2])];
        vec_extend_mapped: |mut v: Vec<i32>, w: Vec<i32>| { v.extend(w.iter().map(|x| x * 10)); v } => [(vec![1], vec![2, 3])];
        vec_extend_from_vec: |mut v: Vec<Vec<i32>>, w: Vec<Vec<i32>>| { v.extend(w.clone()); v[1].push(7); (v, w) } => [(vec![vec![1]], vec![vec![2]])];
        vec_clear: |mut v: Vec<i32>| { v.clear(); (v.is_empty(), v.len()) } => [(vec![1, 2])];
        vec_equality: |a: Vec<i32>, b: Vec<i32>| (a == b, a != b, a < b) => [(vec![1, 2], vec![1, 2]), (vec![1], vec![1, 0]), (vec![2], vec![1, 9])];
        vec_index_out_of_bounds: |v: Vec<i32>, i: usize| v[i] => [(vec![1, 2], 1), (vec![1, 2], 2)];
        vec_index_assign: |mut v: Vec<i32>, i: usize| { v[i] += 5; v[0] = v[i] * 2; v } => [(vec![1, 2, 3], 2), (vec![1], 3)];
        vec_swap_truncate: |mut v: Vec<i32>| { v.swap(0, 2); v.truncate(2); v } => [(vec![1, 2, 3, 4]), (vec![1])];
        vec_dedup: |mut v: Vec<i32>| { v.dedup(); v } => [(vec![1, 1, 2, 2, 2, 1, 3, 3])];
        vec_repeat: |n: usize| (vec![0u8; n], vec![vec![1]; 2]) => [(3), (0)];
        vec_repeat_independent: |n: usize| { let mut v = vec![Vec::new(); n]; v[0].push(1); v } => [(2)];
        vec_nested_clone: |v: Vec<Vec<i32>>| { let mut w = v.clone(); w[0].push(9); (v, w) } => [(vec![vec![1], vec![2]])];
        tuple_copy_alias: |t: (i32, i32)| { let mut u = t; u.0 = 5; (t, u) } => [((1, 2))];
        tuple_fields: |t: (i32, (String, bool))| { let (a, (b, c)) = t.clone(); format!("{a}{b}{c}{}", (t.1).0) } => [((1, ("x".to_string(), true)))];
        map_collect: |v: Vec<i32>| v.iter().map(|x| x * x).collect::<Vec<i32>>() => [(vec![1, -2, 3])];
        filter_count: |v: Vec<i32>| v.iter().filter(|x| **x > 0).count() => [(vec![1, -2, 3, 0])];
        sum_overflow: |v: Vec<i32>| v.iter().sum::<i32>() => [(vec![1, 2, 3]), (vec![i32::MAX, 1]), (vec![])];
        any_all: |v: Vec<i32>| (v.iter().any(|x| *x < 0), v.iter().all(|x| *x % 2 == 0)) => [(vec![2, 4]), (vec![2, -3]), (vec![])];
        position_find: |v: Vec<i32>| (v.iter().position(|x| *x > 2), v.iter().find(|x| **x > 2).copied()) => [(vec![1, 5, 3]), (vec![1])];
        enumerate_format: |v: Vec<String>| v.iter().enumerate().map(|(i, s)| format!("{i}:{s}")).collect::<Vec<String>>() => [(sv(&["a", "é"]))];
        iterators_are_lazy: |v: Vec<i32>| v.iter().map(|x| 100 / x).any(|q| q > 10) => [(vec![5, 0]), (vec![50, 0])];
        find_stops_early: |v: Vec<i32>| v.iter().map(|x| 10 / x).find(|q| *q == 5) => [(vec![2, 0]), (vec![1, 0])];
        max_min: |v: Vec<i32>| (v.iter().max().copied(), v.iter().min().copied()) => [(vec![3, -1, 7]), (vec![])];
        max_strings: |v: Vec<String>| v.iter().max().cloned() => [(sv(&["b", "\u{ffff}", "😀"]))];
        rev_join: |v: Vec<i32>| v.iter().rev().map(|x| x.to_string()).collect::<Vec<String>>().join("-") => [(vec![1, 2, 3])];
        skip_take: |v: Vec<i32>| v.iter().skip(1).take(2).copied().collect::<Vec<i32>>() => [(vec![1, 2, 3, 4]), (vec![1])];
        fold_digits: |v: Vec<i32>| v.iter().fold(0i64, |acc, x| acc * 10 + *x as i64) => [(vec![1, 2, 3])];
        fold_overflow: |v: Vec<u8>| v.iter().fold(0u8, |acc, x| acc + x) => [(vec![100, 100]), (vec![200, 100])];
        filter_map_parse: |v: Vec<String>| v.iter().filter_map(|s| s.parse::<i32>().ok()).sum::<i32>() => [(sv(&["1", "x", "-4"]))];
        tuple_items: |v: Vec<(String, i32)>| v.iter().map(|(s, n)| format!("{s}={n}")).collect::<Vec<String>>() => [(vec![("a".to_string(), 1), ("b".to_string(), -2)])];
        range_sums: |a: i32, b: i32| (a..b).sum::<i32>() + (a..=b).map(|x| x * 2).sum::<i32>() => [(1, 4), (5, 1)];
        range_rev: |n: i32| (0..n).rev().collect::<Vec<i32>>() => [(4), (0)];
        range_inclusive_rev: |n: u8| (1..=n).rev().map(|x| x as u32).sum::<u32>() => [(255)];
        for_each_push: |v: Vec<i32>| { let mut out = Vec::new(); v.iter().for_each(|x| out.push(x + 1)); out } => [(vec![1, 2])];
        option_map_unwrap_or: |o: Option<i32>| o.map(|x| x * 2).unwrap_or(-1) => [(Some(4)), (None)];
        option_and_then: |o: Option<i32>| o.and_then(|x| x.checked_mul(1_000_000)).unwrap_or_default() => [(Some(4)), (Some(4000)), (None)];
        option_predicates: |o: Option<String>| (o.is_some(), o.is_none(), o.clone().unwrap_or_default().len()) => [(Some("é".to_string())), (None)];
        option_unwrap_panics: |o: Option<i32>| o.unwrap() + 1 => [(Some(1)), (None)];
        option_expect_panics: |o: Option<i32>| o.expect("needed a value") => [(None)];
        option_filter: |o: Option<i32>| o.filter(|x| *x > 0) => [(Some(3)), (Some(-3)), (None)];
        option_ok_or: |o: Option<i32>| o.ok_or("missing".to_string()) => [(Some(3)), (None)];
        option_unwrap_or_else: |o: Option<String>| o.unwrap_or_else(|| "default".to_string()) => [(Some("x".to_string())), (None)];
        option_or: |a: Option<i32>, b: Option<i32>| a.or(b) => [(None, Some(2)), (Some(1), None)];
        option_is_some_and: |o: Option<i32>| o.is_some_and(|x| x > 2) => [(Some(3)), (Some(1)), (None)];
        option_question_mark: |a: Option<i32>, b: Option<i32>| -> Option<i32> { let x = a?; let y = b?; Some(x + y) } => [(Some(1), Some(2)), (None, Some(2)), (Some(1), None)];
        option_question_nested: |v: Vec<String>| v.iter().map(|s| -> Option<i32> { let n = s.parse::<i32>().ok()?; Some(n * 2) }).collect::<Vec<Option<i32>>>() => [(sv(&["4", "x"]))];
        option_if_let: |o: Option<(i32, String)>| if let Some((n, s)) = o { format!("{s}{n}") } else { "none".to_string() } => [(Some((1, "a".to_string()))), (None)];
        option_match: |o: Option<i32>| match o { Some(0) => "zero", Some(n) if n < 0 => "neg", Some(1..=9) => "digit", Some(_) => "big", None => "none" } => [(Some(0)), (Some(-3)), (Some(5)), (Some(50)), (None)];
        option_compare: |a: Option<i32>, b: Option<i32>| (a == b, a < b, a > b) => [(None, Some(0)), (Some(2), Some(2)), (Some(3), Some(1))];
        let_else: |o: Option<i32>| { let Some(x) = o else { return -1; }; x * 3 } => [(Some(2)), (None)];
        while_let_pop: |mut v: Vec<i32>| { let mut out = 0; while let Some(x) = v.pop() { out = out * 10 + x; } out } => [(vec![1, 2, 3])];
        result_match: |r: Result<i32, String>| match r { Ok(n) if n > 100 => format!("big {n}"), Ok(n) => format!("ok {n}"), Err(e) => format!("err {e}") } => [(Ok(500)), (Ok(5)), (Err("bad".to_string()))];
        result_methods: |r: Result<i32, String>| (r.is_ok(), r.is_err(), r.clone().ok(), r.clone().err(), r.clone().unwrap_or(0)) => [(Ok(3)), (Err("e".to_string()))];
        result_map: |r: Result<i32, String>| r.map(|x| x + 1).map_err(|e| e.len()) => [(Ok(1)), (Err("héllo".to_string()))];
        result_unwrap_panics: |r: Result<i32, String>| r.unwrap() => [(Ok(1)), (Err("x".to_string()))];
        result_and_then: |s: &str| s.parse::<i32>().map_err(|e| e.to_string()).and_then(|n| if n > 0 { Ok(n) } else { Err("not positive".to_string()) }) => [("5"), ("-5"), ("x")];
        result_question_mark: |a: &str, b: &str| -> Result<i32, String> { let x = a.parse::<i32>().map_err(|e| e.to_string())?; let y = b.parse::<i32>().map_err(|e| e.to_string())?; Ok(x * y) } => [("6", "7"), ("x", "7"), ("6", "")];
        result_unwrap_or_else: |r: Result<i32, String>| r.unwrap_or_else(|e| e.len() as i32) => [(Ok(3)), (Err("four".to_string()))];
        matches_macro: |o: Option<i32>| (matches!(o, Some(1..=5)), matches!(o, None), matches!(o, Some(x) if x > 3)) => [(Some(4)), (Some(9)), (None)];
    }
}
