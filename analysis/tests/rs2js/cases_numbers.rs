//! Differential cases: integer and float arithmetic, overflow, division, casts,
//! number formatting and parsing.

#![allow(clippy::all)]

use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    cases! {
        add_i32: |a: i32, b: i32| a + b => [(1, 2), (i32::MAX, 1), (-5, -7), (i32::MIN, -1)];
        sub_u8: |a: u8, b: u8| a - b => [(5, 3), (3, 5), (255, 0)];
        mul_i16: |a: i16, b: i16| a * b => [(100, 300), (-200, 163), (181, 181)];
        div_truncates: |a: i32, b: i32| a / b => [(7, 2), (-7, 2), (7, -2), (-7, -2), (1, 0), (i32::MIN, -1), (0, 5)];
        rem_truncates: |a: i32, b: i32| a % b => [(7, 3), (-7, 3), (7, -3), (-7, -3), (5, 0), (i32::MIN, -1), (-4, 2)];
        div_u32: |a: u32, b: u32| (a / b, a % b) => [(4_000_000_000, 7), (9, 0)];
        mul_i64: |a: i64, b: i64| a * b => [(1_000_000, 1_000_000), (3_000_000_000, 3), (-4_000_000_000, 2)];
        sub_u64_underflow: |a: u64, b: u64| a - b => [(10, 3), (3, 10)];
        div_i64_big: |a: i64, b: i64| (a / b, a % b) => [(9_007_199_254_740_991, 7), (-9_007_199_254_740_991, 10), (-9_007_199_254_740_991, -1)];
        mul_u32_overflow: |a: u32, b: u32| a * b => [(65536, 65535), (65536, 65536)];
        neg_i8: |a: i8| -a => [(5), (-128), (127)];
        abs_i32: |a: i32| a.abs() => [(-5), (i32::MIN), (0)];
        pow_i32: |a: i32, e: u32| a.pow(e) => [(2, 10), (2, 31), (-2, 31), (3, 19), (10, 9), (10, 10), (0, 0), (-1, 4_000_000_001)];
        checked_ops: |a: i32, b: i32| (a.checked_add(b), a.checked_div(b), a.checked_mul(b), a.checked_sub(b), a.checked_rem(b)) => [(i32::MAX, 1), (10, 0), (-10, 3), (i32::MIN, -1)];
        checked_pow: |a: u8, e: u32| a.checked_pow(e) => [(2, 7), (2, 8), (3, 5)];
        saturating_u8: |a: u8, b: u8| (a.saturating_add(b), a.saturating_sub(b), a.saturating_mul(b)) => [(200, 100), (5, 10), (16, 16)];
        saturating_i32: |a: i32, b: i32| (a.saturating_add(b), a.saturating_sub(b), a.saturating_mul(b)) => [(i32::MAX, 5), (i32::MIN, 5), (65536, -65536)];
        wrapping_u8: |a: u8, b: u8| (a.wrapping_add(b), a.wrapping_sub(b), a.wrapping_mul(b)) => [(200, 100), (5, 10), (16, 17)];
        wrapping_i32: |a: i32, b: i32| (a.wrapping_add(b), a.wrapping_sub(b), a.wrapping_mul(b)) => [(i32::MAX, 1), (123_456_789, 987_654_321), (i32::MIN, 1)];
        wrapping_u32_mul: |a: u32, b: u32| a.wrapping_mul(b) => [(4_000_000_000, 3), (65537, 65537)];
        min_max_int: |a: i32, b: i32| (a.min(b), a.max(b), std::cmp::max(a, b), std::cmp::min(a, b)) => [(3, -4), (7, 7)];
        clamp_int: |x: i32| x.clamp(-5, 5) => [(-9), (3), (12)];
        rem_euclid: |a: i32, b: i32| a.rem_euclid(b) => [(-7, 3), (7, -3), (-7, -3), (6, 3), (1, 0)];
        signum: |a: i64| (a.signum(), a.is_positive(), a.is_negative()) => [(-5), (0), (9)];
        casts_wrap: |x: i32| (x as u8, x as i8, x as u16, x as i16, x as u32, x as i64) => [(300), (128), (-129), (70000), (7)];
        casts_to_usize: |x: i32| (x as usize, x as u64, x as isize) => [(300), (0)];
        casts_from_float: |x: f64| (x as i32, x as u8, x as i64, x as u32, x as i8) => [(3.9), (-3.9), (1e10), (-1e10), (255.5), (-0.5)];
        casts_nan_inf: |x: f64| ((x / 0.0) as i32, (-x / 0.0) as u8, (0.0 / x) as i16) => [(1.0)];
        int_to_float: |x: i64| x as f64 / 2.0 => [(7), (-3)];
        char_casts: |c: char| (c as u32, c as u8, c as i64) => [('a'), ('é'), ('😀')];
        u8_to_char: |b: u8| b as char => [(65), (233), (10)];
        bool_cast: |b: bool| b as i32 + 1 => [(true), (false)];
        shifts: |a: i32, s: u32| (a << s, a >> s) => [(1, 4), (-16, 2), (1, 31), (1, 32)];
        shift_amount_negative: |a: i32, s: i32| a << s => [(1, -1), (1, 3)];
        shift_amount_evaluated_once: |mut v: Vec<u32>| (1u32 << v.pop().unwrap_or(0), v) => [(vec![3, 4])];
        round_evaluated_once: |mut v: Vec<f64>| (v.pop().unwrap_or(0.0).round(), v.len()) => [(vec![1.5, -2.5])];
        rem_euclid_evaluated_once: |mut v: Vec<i32>| (-7i32).rem_euclid(v.pop().unwrap_or(1)) + v.len() as i32 => [(vec![5, 3])];
        shifts_u8: |a: u8, s: u32| (a << s, a >> s) => [(129, 1), (255, 7), (1, 8)];
        bitwise_u32: |a: u32, b: u32| (a & b, a | b, a ^ b, !a) => [(0xF0F0, 0xFF00), (u32::MAX, 1)];
        bitwise_i8: |a: i8, b: i8| (a & b, a | b, a ^ b, !a) => [(-128, 127), (-1, 5)];
        not_i64: |a: i64| !a => [(0), (-5)];
        literal_widened_by_use: |x: u64| { let mut total = 0; for i in 0..x { total += i * 1_000_000_000; } total } => [(5), (0)];
        literal_default_i32_overflows: || { let mut n = 1; for _ in 0..40 { n *= 2; } n } => [()];
        literal_from_annotation: |x: u8| { let limit: u8 = 250; let mut y = x; y += limit; y } => [(5), (6)];
        literal_typed_by_assignment: |x: i64| { let mut n = 0; if x > 0 { n = x * 3; } n + 4_000_000_000 } => [(1), (-1)];
        usize_from_len: |v: Vec<i32>| v.len() - 1 => [(vec![1, 2]), (vec![])];
        index_math: |v: Vec<i32>, i: usize| v[i] + v[v.len() - 1 - i] => [(vec![1, 2, 3], 0), (vec![1, 2, 3], 5)];
        consts: || (i32::MAX, i32::MIN, u8::MAX, i16::MIN, u32::MAX, i16::MAX, u64::MIN) => [()];
        f64_arith: |a: f64, b: f64| (a + b, a - b, a * b, a / b, a % b) => [(0.1, 0.2), (5.5, -2.0), (1.0, 0.0), (-7.5, 2.0)];
        f64_rounding: |x: f64| (x.floor(), x.ceil(), x.round(), x.trunc(), x.abs()) => [(2.5), (-2.5), (0.49999999999999994), (-0.4), (1e300), (-7.5)];
        f64_sqrt: |x: f64| (x.sqrt(), x.sqrt().is_nan()) => [(2.0), (-1.0), (0.0)];
        f64_min_max_nan: |a: f64| (a.min(0.0 / 0.0), (0.0f64 / 0.0).max(a), a.min(1.0), a.max(1.0)) => [(3.0), (-3.0)];
        f64_powi: |x: f64, n: i32| x.powi(n) => [(1.1, 10), (2.0, -3), (0.5, 7), (3.3, 5), (1.0000001, 1000), (-2.0, 3)];
        f64_clamp: |x: f64| x.clamp(-1.5, 1.5) => [(7.0), (-7.0), (0.25)];
        f64_predicates: |x: f64| ((x / 0.0).is_infinite(), x.is_finite(), (x - x).is_nan()) => [(1.0), (0.0)];
        f64_compare: |a: f64, b: f64| (a < b, a == b, a >= b, a != b) => [(0.1, 0.2), (2.0, 2.0), (-0.0, 0.0)];
        f64_display: |x: f64| format!("{} {} {}", x, x / 3.0, x * 1e-30) => [(1.0), (0.1), (1e21), (1e-7), (123456789012345680000.0), (-0.0), (2.5e-10), (1e100)];
        f64_debug: |x: f64| format!("{:?}", x) => [(1.0), (0.1), (1e16), (1e15), (1e-5), (0.0001), (-0.0), (1.5e300), (123456.0), (-2.5e-8)];
        f64_precision: |x: f64| format!("{:.2}|{:.0}|{:.1}|{:.3}", x, x, x, x) => [(0.125), (0.5), (1.5), (2.5), (-0.04), (1.005), (0.045), (1e21), (-0.0), (123.456), (0.0005), (2.675)];
        f64_nan_inf_display: |x: f64| format!("{} {} {} {:?} {:.2}", x / 0.0, -x / 0.0, 0.0 / x, -x / 0.0, 0.0 / x) => [(1.0)];
        f64_to_string: |x: f64| x.to_string() => [(3.0), (0.30000000000000004), (1e22)];
        f64_sum: |v: Vec<f64>| (v.iter().sum::<f64>(), format!("{}", v.iter().sum::<f64>())) => [(vec![0.1, 0.2, 0.3]), (vec![])];
        f64_parse: |s: &str| s.parse::<f64>().map_err(|e| e.to_string()) => [("1.5"), ("1e3"), (".5"), ("5."), ("inf"), ("-Infinity"), ("NaN"), ("abc"), (""), (" 1"), ("+2"), ("0x10"), ("1_000"), ("-0")];
        int_parse: |s: &str| s.parse::<i32>().map_err(|e| e.to_string()) => [("42"), ("-42"), ("+7"), (""), ("-"), ("2147483648"), ("-2147483649"), (" 1"), ("1.5"), ("٣"), ("00012"), ("-0")];
        u8_parse: |s: &str| s.parse::<u8>().map_err(|e| e.to_string()) => [("255"), ("256"), ("-0"), ("-1"), ("+0")];
        u64_parse: |s: &str| s.parse::<u64>().map_err(|e| e.to_string()) => [("9007199254740991"), ("99999999999999999999999"), ("-5")];
        bool_parse: |s: &str| s.parse::<bool>().map_err(|e| e.to_string()) => [("true"), ("false"), ("True"), ("")];
        int_to_string: |n: i64| n.to_string() + &(-n).to_string() => [(42), (-7), (0)];
        format_ints: |n: i32| format!("{n} {n:?} {:5} {:<5}| {:05} {:+} {:^7}|", n, n, n, n, n) => [(42), (-42), (0)];
        format_radix: |n: i32| format!("{:x} {:X} {:#x} {:b} {:o} {:#010b} {:#o}", n, n, n, n, n, n, n) => [(255), (-1), (0)];
        format_radix_u8: |n: u8| format!("{:08b} {:02x}", n, n) => [(5), (200)];
    }
}
