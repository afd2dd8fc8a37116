//! Differential cases of issue #13's "refused today, and common enough" list, over
//! boundary inputs: empty, negative, non-ASCII and astral strings, 64-bit bounds.

#![allow(clippy::all)]

use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    let mut out = vecs();
    out.extend(strings());
    out.extend(parses());
    out.extend(ints());
    out.extend(options());
    out
}

fn vecs() -> Vec<Case> {
    cases! {
        i13_sort_i64: |mut v: Vec<i64>| { v.sort(); v } => [(vec![]), (vec![-1, i64::MIN, 10, 2, i64::MAX, -10])];
        i13_sort_unstable_i32: |mut v: Vec<i32>| { v.sort_unstable(); v } => [(vec![10, 9, -100, 1, 0])];
        i13_sort_strings: |mut v: Vec<String>| { v.sort(); v } => [(vec!["b".to_string(), "😀".to_string(), "\u{ffff}".to_string(), "".to_string(), "B".to_string(), "é".to_string()])];
        i13_sort_by_key_abs: |mut v: Vec<i32>| { v.sort_by_key(|x| x.abs()); v } => [(vec![-3, 2, -2, 1, 3]), (vec![])];
        i13_sort_by_key_str: |mut v: Vec<(String, i32)>| { v.sort_by_key(|p| p.0.clone()); v } => [(vec![("😀".to_string(), 1), ("\u{ffff}".to_string(), 2), ("a".to_string(), 3), ("a".to_string(), 0)])];
        i13_sort_by_key_u64: |mut v: Vec<u64>| { v.sort_by_key(|x| u64::MAX - *x); v } => [(vec![0, u64::MAX, 1 << 60, 3])];
        i13_sort_by_cmp: |mut v: Vec<i32>| { v.sort_by(|a, b| a.cmp(b)); v } => [(vec![3, -1, 20, 2]), (vec![])];
        i13_sort_by_rev: |mut v: Vec<i32>| { v.sort_by(|a, b| b.cmp(a)); v } => [(vec![3, -1, 20, 2])];
        i13_sort_by_rev_str: |mut v: Vec<String>| { v.sort_by(|x, y| y.cmp(x)); v } => [(vec!["😀".to_string(), "\u{ffff}".to_string(), "".to_string()])];
        i13_sort_by_rev_i64: |mut v: Vec<i64>| { v.sort_by(|a, b| b.cmp(a)); v } => [(vec![i64::MIN, i64::MAX, 0, -1])];
        i13_reverse_dedup: |mut v: Vec<i32>| { v.reverse(); v.dedup(); v } => [(vec![1, 1, 2, 2, 1]), (vec![])];
        i13_retain: |mut v: Vec<i32>| { v.retain(|x| *x > 0); v } => [(vec![-1, 2, 0, 3]), (vec![])];
        i13_contains: |v: Vec<String>, s: String| v.contains(&s) => [(vec!["😀".to_string()], "😀".to_string()), (vec![], "".to_string())];
        i13_first_last: |v: Vec<i32>| (v.first().copied(), v.last().copied()) => [(vec![]), (vec![1, 2, 3])];
        i13_position: |v: Vec<i32>| v.iter().position(|x| *x < 0) => [(vec![1, -2, -3]), (vec![])];
        i13_max_min: |v: Vec<i32>| (v.iter().max().copied(), v.iter().min().copied()) => [(vec![]), (vec![-5, 3, 3, -5])];
        i13_max_last_by_key: |v: Vec<(i32, i32)>| (v.iter().max_by_key(|p| p.0).copied(), v.iter().min_by_key(|p| p.0).copied()) => [(vec![(1, 1), (2, 2), (2, 3), (1, 4)]), (vec![])];
        i13_max_by_key_str: |v: Vec<String>| (v.iter().max_by_key(|s| s.len()).cloned(), v.iter().min_by_key(|s| s.chars().count()).cloned()) => [(vec!["😀".to_string(), "abcd".to_string(), "é".to_string(), "ab".to_string()]), (vec![])];
        i13_zip: |a: Vec<i32>, b: Vec<i32>| a.iter().zip(b.iter()).map(|(x, y)| x + y).collect::<Vec<_>>() => [(vec![1, 2, 3], vec![10, 20]), (vec![], vec![1]), (vec![1], vec![])];
        i13_zip_vec_range: |a: Vec<String>| a.iter().zip(10..a.len() + 10).map(|(s, i)| format!("{i}{s}")).collect::<Vec<_>>() => [(vec!["x".to_string(), "😀".to_string()])];
        i13_zip_enumerate: |a: Vec<i32>, b: Vec<u64>| a.into_iter().enumerate().zip(b).map(|((i, x), y)| (i, x, y)).collect::<Vec<_>>() => [(vec![1, 2], vec![u64::MAX, 3, 4])];
        i13_rev: |v: Vec<i32>| v.iter().rev().copied().collect::<Vec<_>>() => [(vec![1, 2, 3]), (vec![])];
        i13_enumerate: |v: Vec<i32>| v.iter().enumerate().map(|(i, x)| i as i32 * x).collect::<Vec<_>>() => [(vec![5, 6, 7])];
        i13_sum_product_empty: |v: Vec<i32>| (v.iter().sum::<i32>(), v.iter().product::<i32>()) => [(vec![]), (vec![2, -3]), (vec![i32::MIN, 1])];
        i13_product_overflow: |v: Vec<i32>| v.iter().product::<i32>() => [(vec![65536, 65536]), (vec![-65536, 32768]), (vec![-65536, 32769])];
        i13_product_u64: |v: Vec<u64>| v.iter().product::<u64>() => [(vec![]), (vec![1 << 32, 1 << 31]), (vec![1 << 32, 1 << 32]), (vec![3, 6148914691236517205])];
        i13_product_f64: |v: Vec<f64>| v.iter().product::<f64>() => [(vec![]), (vec![1.5, -2.0])];
        i13_any_all_count: |v: Vec<i32>| (v.iter().any(|x| *x > 1), v.iter().all(|x| *x > 1), v.iter().filter(|x| **x > 1).count()) => [(vec![]), (vec![1, 2, 3])];
        i13_skip_take: |v: Vec<i32>| v.iter().skip(1).take(2).copied().collect::<Vec<_>>() => [(vec![1, 2, 3, 4]), (vec![1])];
        i13_windows: |v: Vec<i32>| v.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>() => [(vec![1, 4, 9]), (vec![1]), (vec![])];
        i13_windows_big: |v: Vec<i32>, n: usize| (v.windows(n).count(), v.chunks(n).map(|c| c.len()).collect::<Vec<_>>()) => [(vec![1, 2, 3], 2), (vec![1, 2, 3], usize::MAX), (vec![1, 2, 3], 0), (vec![], 1)];
        i13_chunks: |v: Vec<String>| v.chunks(2).map(|c| c.concat()).collect::<Vec<_>>() => [(vec!["a".to_string(), "😀".to_string(), "c".to_string()]), (vec![])];
        i13_concat_join: |v: Vec<String>| (v.concat(), v.join("-")) => [(vec![]), (vec!["a".to_string(), "😀".to_string()])];
    }
}

fn strings() -> Vec<Case> {
    cases! {
        i13_find_rfind: |s: String| (s.find('b'), s.rfind('b'), s.find("é"), s.find(""), s.rfind(""), s.find("😀b")) => [("".to_string()), ("😀béb".to_string()), ("abc".to_string())];
        i13_split_once: |s: String| (s.split_once('=').map(|(a, b)| (a.to_string(), b.to_string())), s.rsplit_once("=").map(|(a, b)| (a.to_string(), b.to_string()))) => [("a=b=c".to_string()), ("".to_string()), ("😀=é".to_string())];
        i13_split_once_empty: |s: String| (s.split_once("").map(|(a, b)| (a.to_string(), b.to_string())), s.rsplit_once("").map(|(a, b)| (a.to_string(), b.to_string()))) => [("ab".to_string()), ("".to_string())];
        i13_split_whitespace: |s: String| s.split_whitespace().map(|w| w.to_string()).collect::<Vec<_>>() => [(" a\u{85}b\u{3000}c\u{feff}d ".to_string()), ("".to_string())];
        i13_chars_rev: |s: String| s.chars().rev().collect::<String>() => [("a😀é".to_string()), ("".to_string())];
        i13_strip: |s: String| (s.strip_prefix("😀").map(|x| x.to_string()), s.strip_suffix('b').map(|x| x.to_string())) => [("😀ab".to_string()), ("".to_string())];
        i13_ascii_case: |s: String| (s.to_ascii_uppercase(), s.to_ascii_lowercase()) => [("aßÉz😀Q".to_string()), ("".to_string())];
        i13_chars_nth: |s: String| (s.chars().nth(1), s.chars().nth(5), s.chars().nth(0)) => [("😀😁".to_string()), ("".to_string()), ("a😀b😁c€".to_string())];
        i13_iter_nth: |v: Vec<u64>| (v.iter().nth(2).copied(), v.iter().map(|x| x / 2).nth(0)) => [(vec![u64::MAX, 1, 2]), (vec![])];
        i13_lines: |s: String| s.lines().map(|l| l.to_string()).collect::<Vec<_>>() => [("a\r\nb\n\nc\n".to_string()), ("".to_string()), ("x\r".to_string()), ("\n".to_string()), ("a\r\n\r\n".to_string()), ("😀\n\r".to_string())];
        i13_char_indices: |s: String| s.char_indices().map(|(i, c)| (i, c)).collect::<Vec<_>>() => [("a😀é€b".to_string()), ("".to_string())];
        i13_char_indices_find: |s: String| s.char_indices().find(|(_, c)| *c == 'b').map(|(i, _)| i) => [("😀é€b".to_string()), ("x".to_string())];
        i13_repeat: |s: String| s.repeat(3) => [("😀".to_string()), ("".to_string())];
    }
}

fn parses() -> Vec<Case> {
    cases! {
        i13_parse_i8: |s: String| s.parse::<i8>().ok() => [("+1".to_string()), ("-128".to_string()), ("128".to_string()), (" 1".to_string()), ("-0".to_string()), ("".to_string()), ("+".to_string())];
        i13_parse_u32_or: |s: String| s.parse::<u32>().unwrap_or(7) => [("-0".to_string()), ("4294967296".to_string()), ("4294967295".to_string()), ("١".to_string())];
        i13_parse_f64: |s: String| s.parse::<f64>().ok() => [("1e3".to_string()), ("+.5".to_string()), ("inf".to_string()), ("-0".to_string()), (" 1".to_string()), ("1_0".to_string()), ("0x10".to_string()), ("5.".to_string())];
        i13_parse_char: |s: String| (s.parse::<char>().ok(), s.parse::<char>().map_err(|e| e.to_string())) => [("😀".to_string()), ("ab".to_string()), ("".to_string()), ("é".to_string()), ("e\u{301}".to_string())];
        i13_parse_bool: |s: String| s.parse::<bool>().ok() => [("true".to_string()), ("True".to_string()), ("".to_string())];
    }
}

fn ints() -> Vec<Case> {
    cases! {
        i13_checked_i32: |a: i32, b: i32| (a.checked_add(b), a.checked_sub(b), a.checked_mul(b), a.checked_div(b), a.checked_rem(b)) => [(i32::MIN, -1), (i32::MAX, 1), (5, 0)];
        i13_euclid: |a: i32, b: i32| (a.div_euclid(b), a.rem_euclid(b)) => [(-7, 2), (-7, -2), (7, -2), (7, 2), (i32::MIN, -1), (1, 0), (-8, 2), (i32::MIN, 3)];
        i13_euclid_u8: |a: u8, b: u8| a.div_euclid(b) => [(7, 2), (255, 1), (1, 0)];
        i13_euclid_i64: |a: i64, b: i64| a.div_euclid(b) => [(i64::MIN, -1), (-7, 2), (i64::MIN, 3), (-(1 << 60) - 1, 1 << 59), (-(1 << 60) - 1, -(1 << 59)), (i64::MIN + 1, i64::MIN)];
        i13_abs_pow: |a: i32, e: u32| (a.abs(), a.pow(e)) => [(-3, 3), (i32::MIN, 0), (2, 31)];
        i13_min_max_clamp: |a: i32| (a.min(0), a.max(0), a.clamp(-5, 5), a.signum()) => [(i32::MIN), (0), (7)];
    }
}

fn options() -> Vec<Case> {
    cases! {
        i13_opt_map_then_or: |o: Option<i32>| (o.map(|x| x * 2), o.and_then(|x| if x > 0 { Some(x) } else { None }), o.or(Some(1))) => [(None), (Some(-3)), (Some(3))];
        i13_opt_or_else: |o: Option<i32>| (o.or_else(|| Some(2)), o.or_else(|| None)) => [(None), (Some(-3))];
        i13_opt_zip: |a: Option<i32>, b: Option<String>| (a.zip(b.clone()), b.zip(a)) => [(None, Some("x".to_string())), (Some(1), Some("😀".to_string())), (Some(2), None), (None, None)];
        i13_opt_flatten: |v: Vec<Option<i32>>| v.into_iter().flatten().collect::<Vec<_>>() => [(vec![Some(1), None, Some(3)]), (vec![])];
        i13_vec_flatten: |v: Vec<Vec<String>>| v.into_iter().flatten().collect::<Vec<_>>() => [(vec![vec!["a".to_string()], vec![], vec!["😀".to_string(), "b".to_string()]]), (vec![])];
        i13_opt_ok_or: |o: Option<i32>| o.ok_or("none".to_string()) => [(None), (Some(1))];
        i13_opt_default_filter: |o: Option<i32>| (o.unwrap_or_default(), o.filter(|x| *x > 0), o.is_some_and(|x| x > 0)) => [(None), (Some(-1)), (Some(2))];
        i13_debug_str: |s: String| format!("{:?} {:?} {:?}", s, true, 'x') => [("\t\u{7f}'é".to_string())];
    }
}
