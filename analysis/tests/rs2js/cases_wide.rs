//! Differential cases of issue #13's "wrong today" list: shifts and bit operators at
//! every width, 64-bit integers across their whole range (exact where Rust has a
//! value, Rust's panic where it overflows), and `move` closures copying what they
//! capture when they are made. Inputs sit at the boundaries: 0, 2^31, 2^32 - 1,
//! 2^53 ± 1, 2^63, `u64::MAX`, `i64::MIN`.

#![allow(clippy::all)]

use crate::Case;

const P53: u64 = 1 << 53;

pub(crate) fn cases() -> Vec<Case> {
    let mut out = narrow();
    out.extend(wide());
    out.extend(wide_methods());
    out.extend(moves());
    out
}

fn narrow() -> Vec<Case> {
    cases! {
        shifts_u32: |a: u32, s: u32| (a << s, a >> s) => [(1, 31), (u32::MAX, 1), (3, 30), (1 << 31, 31), (0, 0), (1, 32)];
        shift_u32_typed_by_annotation: |s: u32| { let x: u32 = 1 << s; x } => [(31), (0), (30)];
        shift_u32_assign: |a: u32, s: u32| { let mut x = a; x <<= s; x >>= 1; x } => [(1, 31), (u32::MAX, 4)];
        shift_u32_literal_by_return: |s: u32| -> u32 { 3 << s } => [(30), (31)];
        shifts_i32_edges: |a: i32, s: u32| (a << s, a >> s) => [(1, 31), (-1, 31), (i32::MIN, 1), (i32::MAX, 1)];
        shifts_u16_i16: |a: u16, b: i16, s: u32| (a << s, a >> s, b << s, b >> s) => [(1, 1, 15), (u16::MAX, 1, 1), (0, i16::MIN, 1), (7, -1, 15)];
        shifts_i8: |a: i8, s: u32| (a << s, a >> s) => [(1, 7), (-128, 1), (127, 1), (-1, 7)];
        bits_u32: |a: u32, b: u32| (a & b, a | b, a ^ b, !a, !b & a) => [(1 << 31, u32::MAX), (0, 0), (u32::MAX, 1 << 31)];
        bits_u32_typed_literal: |a: u32| { let m: u32 = 0xFFFF_0000; (a & m, a | m, a ^ m) } => [(0x8000_0001), (0)];
        bits_u16: |a: u16, b: u16| (a & b, a | b, a ^ b, !a) => [(u16::MAX, 1 << 15), (0, 0)];
        bits_i32: |a: i32, b: i32| (a & b, a | b, a ^ b, !a) => [(i32::MIN, -1), (i32::MAX, i32::MIN), (0, 0)];
    }
}

fn wide() -> Vec<Case> {
    cases! {
        add_u64_exact: |a: u64, b: u64| a + b => [(P53, 1), (P53 - 1, 1), (u64::MAX - 1, 1), (u64::MAX, 1), (0, 0), (1 << 63, (1 << 63) - 1)];
        add_i64_exact: |a: i64, b: i64| a + b => [(i64::MAX, 1), (i64::MIN, -1), (i64::MIN, i64::MAX), (-(1 << 53), -1), (1 << 53, -1)];
        sub_u64_exact: |a: u64, b: u64| a - b => [(u64::MAX, 1), (P53 + 1, 2), (0, 1), (P53, P53)];
        sub_i64_exact: |a: i64, b: i64| a - b => [(i64::MIN, 1), (i64::MIN + 1, 1), (0, i64::MIN), (-1, i64::MAX), (0, i64::MAX)];
        mul_u64_exact: |a: u64, b: u64| a * b => [(1 << 32, 1 << 31), (1 << 32, 1 << 32), (4294967295, 4294967297), (3, 6148914691236517205), (3, 6148914691236517206), (P53 + 1, 1)];
        mul_i64_exact: |a: i64, b: i64| a * b => [(i64::MIN, -1), (i64::MIN, 1), (-(1 << 31), 1 << 32), (3_037_000_499, 3_037_000_499), (-3_037_000_500, 3_037_000_500)];
        div_i64_exact: |a: i64, b: i64| a / b => [(i64::MIN, -1), (i64::MIN, 7), (i64::MAX, -2), (1 << 62, 3), (5, 0), (-(1 << 60) - 1, 1 << 59)];
        rem_i64_exact: |a: i64, b: i64| a % b => [(i64::MIN, -1), (i64::MIN, 7), (i64::MAX, -2), (1 << 62, 3), (5, 0)];
        div_rem_u64: |a: u64, b: u64| (a / b, a % b) => [(u64::MAX, 10), (u64::MAX, u64::MAX), (P53 + 1, 2), (7, 1 << 60)];
        neg_i64: |a: i64| -a => [(i64::MIN), (i64::MIN + 1), (1 << 60), (0), (P53 as i64)];
        abs_i64: |a: i64| a.abs() => [(i64::MIN), (i64::MIN + 1), (-(1 << 60)), (5)];
        pow_u64: |a: u64, e: u32| a.pow(e) => [(2, 63), (2, 64), (3, 40), (10, 19), (10, 20), (0, 0), (u64::MAX, 1)];
        pow_i64: |a: i64, e: u32| a.pow(e) => [(-2, 63), (2, 63), (-3, 39)];
        shifts_u64: |a: u64, s: u32| (a << s, a >> s) => [(1, 63), (u64::MAX, 1), (1 << 60, 4), (P53 + 1, 0), (u64::MAX, 63), (1, 64)];
        shifts_i64: |a: i64, s: u32| (a << s, a >> s) => [(-1, 63), (i64::MIN, 1), (1, 62), (i64::MAX, 1), (1, 64)];
        shift_usize: |a: usize, s: u32| a << s => [(1, 60), (3, 62)];
        bits_u64: |a: u64, b: u64| (a & b, a | b, a ^ b, !a) => [(u64::MAX, 1 << 60), (0, 0), (P53 + 1, P53 - 1), (1 << 63, 1)];
        bits_i64: |a: i64, b: i64| (a & b, a | b, a ^ b, !a) => [(i64::MIN, -1), (i64::MAX, i64::MIN), (-(P53 as i64) - 1, 1 << 53)];
        consts_64: || (u64::MAX, i64::MIN, i64::MAX, usize::MAX, isize::MIN, u64::MAX - 1, i64::MIN + 1) => [()];
        literals_64: || (18446744073709551615u64 - 1, 9007199254740993u64, -9223372036854775808i64, 9_007_199_254_740_992i64 + 1) => [()];
        literal_typed_u64: |a: u64| { let big: u64 = 10_000_000_000_000_000_000; a + big } => [(0), (8_446_744_073_709_551_615), (8_446_744_073_709_551_616)];
        casts_from_u64: |x: u64| (x as u32, x as i64, x as u8, x as f64, x as i32, x as usize, x as i16) => [(u64::MAX), (1 << 63), (P53 + 1), (0), (1 << 32)];
        casts_from_i64: |x: i64| (x as u64, x as u32, x as i16, x as f64, x as i8) => [(-1), (i64::MIN), (i64::MAX), (-(P53 as i64) - 1)];
        casts_to_64: |x: i32| (x as u64, x as usize, x as i64) => [(-1), (i32::MIN), (i32::MAX)];
        casts_u32_to_64: |x: u32| (x as u64, x as i64) => [(u32::MAX)];
        casts_float_to_64: |x: f64| (x as u64, x as i64) => [(1e19), (1.9e19), (-1.0), (9.3e18), (-9.3e18), (1e300), (-1e300), (9007199254740993.0), (-0.5), (18446744073709549568.0), (18446744073709551616.0)];
        compare_64: |a: u64, b: u64| (a < b, a == b, a != b, a >= b) => [(1 << 60, (1 << 60) + 1), (u64::MAX, u64::MAX), (5, 1 << 62), (P53, P53 + 1)];
        equal_after_arith: |a: u64| a + 1 - 1 == a => [(P53), (u64::MAX - 1), (3)];
        format_u64: |x: u64| (format!("{}", x), x.to_string(), format!("{:x}", x), format!("{:>22}", x), format!("{x:?}")) => [(u64::MAX), (P53 + 1), (0)];
        format_i64_radix: |x: i64| format!("{:x} {:b} {:o} {:#X}", x, x, x, x) => [(-1), (i64::MIN), (i64::MAX), (-5)];
        format_i64_signed: |x: i64| format!("{:+} {:022}", x, x) => [(i64::MIN), (i64::MAX)];
        parse_u64: |s: &str| s.parse::<u64>().map_err(|e| e.to_string()) => [("18446744073709551615"), ("18446744073709551616"), ("9007199254740993"), ("+9007199254740993"), ("-1")];
        parse_i64: |s: &str| s.parse::<i64>().map_err(|e| e.to_string()) => [("-9223372036854775808"), ("-9223372036854775809"), ("9223372036854775807"), ("9007199254740992")];
        sum_u64: |v: Vec<u64>| v.iter().sum::<u64>() => [(vec![u64::MAX / 2, u64::MAX / 2]), (vec![u64::MAX, 1]), (vec![]), (vec![P53, P53])];
        sort_u64: |mut v: Vec<u64>| { v.sort(); v } => [(vec![1 << 60, 3, u64::MAX, 0, P53 + 1, P53])];
        max_min_u64: |v: Vec<u64>| (v.iter().max().copied(), v.iter().min().copied()) => [(vec![1 << 60, 3, u64::MAX]), (vec![])];
        range_across_2_53: |a: u64| { let mut n = Vec::new(); for i in a..a + 4 { n.push(i); } n } => [(P53 - 2), (u64::MAX - 4)];
        range_inclusive_to_max: |a: u64| { let mut n = 0; for i in a..=u64::MAX { n = i; } n } => [(u64::MAX - 2)];
        range_iter_across_2_53: |a: u64| (a..a + 3).map(|x| x * 2).collect::<Vec<_>>() => [(P53 - 1)];
        range_rev_across_2_53: |a: u64| (a - 2..=a).rev().collect::<Vec<_>>() => [(P53 + 1), (2)];
        index_with_u64: |v: Vec<i32>, i: usize| (v.get(i).copied(), v.len() as u64 + 1) => [(vec![1, 2], 1), (vec![1, 2], usize::MAX)];
    }
}

fn wide_methods() -> Vec<Case> {
    cases! {
        wrapping_u64: |a: u64, b: u64| (a.wrapping_add(b), a.wrapping_sub(b), a.wrapping_mul(b)) => [(u64::MAX, 2), (1 << 63, 1 << 63), (0, 1), (P53, P53)];
        wrapping_i64: |a: i64, b: i64| (a.wrapping_add(b), a.wrapping_sub(b), a.wrapping_mul(b)) => [(i64::MAX, 1), (i64::MIN, 1), (i64::MIN, -1)];
        checked_u64: |a: u64, b: u64| (a.checked_add(b), a.checked_sub(b), a.checked_mul(b), a.checked_div(b), a.checked_rem(b)) => [(u64::MAX, 1), (1 << 32, 1 << 32), (10, 0), (P53, 3)];
        checked_i64: |a: i64, b: i64| (a.checked_add(b), a.checked_mul(b), a.checked_div(b), a.checked_neg(), a.checked_abs()) => [(i64::MIN, -1), (i64::MAX, 2), (-(1 << 62), 2)];
        checked_pow_u64: |a: u64, e: u32| a.checked_pow(e) => [(2, 63), (2, 64), (10, 19)];
        saturating_u64: |a: u64, b: u64| (a.saturating_add(b), a.saturating_sub(b), a.saturating_mul(b)) => [(u64::MAX, 1), (1, 2), (1 << 32, 1 << 32), (P53, P53)];
        saturating_i64: |a: i64, b: i64| (a.saturating_add(b), a.saturating_sub(b), a.saturating_mul(b)) => [(i64::MAX, 1), (i64::MIN, 1), (i64::MIN, -1)];
        min_max_i64: |a: i64, b: i64| (a.min(b), a.max(b), std::cmp::max(a, b), std::cmp::min(a, b), a.clamp(-(1 << 60), 1 << 60)) => [(i64::MIN, i64::MAX), (5, -(P53 as i64) - 1)];
        signum_i64: |a: i64| (a.signum(), a.is_positive(), a.is_negative()) => [(i64::MIN), (0), (i64::MAX)];
        rem_euclid_i64: |a: i64, b: i64| a.rem_euclid(b) => [(i64::MIN, 3), (-7, i64::MIN), (i64::MIN, i64::MIN), (i64::MIN, -1), (-(1 << 60) - 1, 1 << 59)];
    }
}

fn moves() -> Vec<Case> {
    cases! {
        move_copies_at_creation: |x: i32| { let mut n = x; let f = move || n * 2; n += 1; f() + n } => [(1), (10)];
        move_keeps_own_copy: |x: u64| { let mut c = x; let mut inc = move || { c += 1; c }; let a = inc(); let b = inc(); (a, b, c) } => [(0), (P53 - 1)];
        move_copies_tuple: |x: i32| { let mut t = (x, 2); let f = move || t.0; t.0 = 5; (f(), t.0) } => [(1)];
        move_copies_string_reassigned: |s: String| { let mut t = s; let f = move || t.len(); t = String::from("longer text"); (f(), t) } => [("ab".to_string())];
        move_format_reads_copy: |x: i32| { let mut n = x; let f = move || format!("{n}"); n = 7; (f(), n) } => [(3)];
        non_move_reads_live: |x: i32| { let n = x; let f = || n + 1; f() } => [(4)];
    }
}
