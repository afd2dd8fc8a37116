//! Differential cases over generated inputs: each case runs on a few hundred inputs
//! from a seeded generator (integers across the whole range of their type, biased to
//! the boundaries; strings with multi-byte, astral, combining and whitespace
//! characters), in the same single Node run as the hand-written cases.
//!
//! The seed is fixed, so a failure reproduces; `RS2JS_SEED=<n>` runs another sample
//! (the test prints the seed it used).

#![allow(clippy::all)]

use crate::Case;

/// Inputs per case.
const N: usize = 250;

/// SplitMix64: small, fast, and good enough to spread inputs.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize].clone()
    }

    /// 64 random bits, often at a boundary or small, or shifted down to any magnitude.
    fn bits(&mut self) -> u64 {
        const EDGES: &[u64] = &[
            0,
            1,
            2,
            u64::MAX,
            u64::MAX - 1,
            (1 << 31) - 1,
            1 << 31,
            (1 << 32) - 1,
            1 << 32,
            (1 << 53) - 1,
            1 << 53,
            (1 << 53) + 1,
            (1 << 63) - 1,
            1 << 63,
            (1 << 63) + 1,
            i64::MIN as u64 + 1,
            -2i64 as u64,
            (-(1i64 << 53)) as u64,
            (-(1i64 << 53) - 1) as u64,
            (-(1i64 << 31)) as u64,
            (-(1i64 << 31) - 1) as u64,
            3_037_000_499,
            3_037_000_500,
            4_294_967_297,
            65_535,
            65_536,
            46_340,
            46_341,
        ];
        match self.below(10) {
            0..=2 => self.pick(EDGES),
            3..=4 => self.below(201).wrapping_sub(100),
            5 => {
                let edge = self.pick(EDGES);
                edge.wrapping_add(self.below(7)).wrapping_sub(3)
            }
            _ => {
                let v = self.next() >> self.below(64);
                if self.below(2) == 0 {
                    v
                } else {
                    v.wrapping_neg()
                }
            }
        }
    }

    fn u64(&mut self) -> u64 {
        self.bits()
    }
    fn i64(&mut self) -> i64 {
        self.bits() as i64
    }
    fn u32(&mut self) -> u32 {
        self.bits() as u32
    }
    fn i32(&mut self) -> i32 {
        self.bits() as i32
    }
    fn shift(&mut self) -> u32 {
        if self.below(8) == 0 {
            self.below(200) as u32
        } else {
            self.below(66) as u32
        }
    }

    /// A string of 0 to 12 characters, from ASCII, whitespace of every kind, two-,
    /// three- and four-byte characters, combining marks and case-changing letters.
    pub(crate) fn string(&mut self) -> String {
        const CHARS: &[char] = &[
            'a',
            'b',
            'z',
            'A',
            'Q',
            '0',
            '7',
            ' ',
            ' ',
            '-',
            '=',
            '+',
            '.',
            ',',
            '_',
            '\t',
            '\n',
            '\r',
            '\u{85}',
            '\u{a0}',
            '\u{3000}',
            '\u{2028}',
            '\u{feff}',
            'é',
            'ß',
            'ñ',
            '€',
            'İ',
            'ﬀ',
            '\u{301}',
            '😀',
            '𝄞',
            '\u{10ffff}',
            '\u{ffff}',
            'ǅ',
            'Σ',
            '\'',
            '"',
            '\\',
        ];
        let len = self.below(13);
        (0..len).map(|_| self.pick(CHARS)).collect()
    }

    /// Text that is often almost a number: signs, digits (ASCII and not), a point, an
    /// exponent, spaces, underscores, the names of infinities and NaN, values at a
    /// type's bounds.
    pub(crate) fn numeric(&mut self) -> String {
        const PIECES: &[&str] = &[
            "",
            "+",
            "-",
            "0",
            "1",
            "9",
            "12",
            "255",
            "256",
            "128",
            "-129",
            "65535",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "4294967295",
            "4294967296",
            "9007199254740993",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "18446744073709551615",
            "18446744073709551616",
            ".",
            "e",
            "E",
            "e-",
            "e+",
            "5",
            "00",
            " ",
            "_",
            "١",
            "inf",
            "Infinity",
            "nan",
            "NaN",
            "-0",
            "x",
            "é",
            "😀",
            "1e400",
            "0.1",
            ".5",
            "5.",
        ];
        let n = 1 + self.below(3);
        (0..n).map(|_| self.pick(PIECES)).collect()
    }
}

/// The seed of this run.
pub(crate) fn seed() -> u64 {
    std::env::var("RS2JS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_13)
}

/// Plain cases whose inputs come from an expression: `name: |args| body => inputs;`.
macro_rules! generated {
    ($($name:ident : $f:expr => $inputs:expr;)*) => {{
        let mut out: Vec<$crate::Case> = Vec::new();
        $({
            #[allow(unused_mut)]
            let mut f = $f;
            let mut inputs = Vec::new();
            let mut results = Vec::new();
            for args in $inputs {
                inputs.push(match serde_json::to_value(&args).expect("input serialises") {
                    serde_json::Value::Null => serde_json::Value::Array(Vec::new()),
                    args => args,
                });
                let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| $crate::Apply::apply(&mut f, args)));
                results.push(match res {
                    Ok(value) => serde_json::to_value(&value).expect("result serialises"),
                    Err(_) => $crate::panicked(),
                });
            }
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

pub(crate) fn cases() -> Vec<Case> {
    let mut rng = Rng::new(seed());
    let mut out = Vec::new();
    out.extend(ints_u64(&mut rng));
    out.extend(ints_i64(&mut rng));
    out.extend(ints_u32(&mut rng));
    out.extend(ints_i32(&mut rng));
    out.extend(strings(&mut rng));
    out.extend(floats(&mut rng));
    out
}

fn ints_u64(rng: &mut Rng) -> Vec<Case> {
    let pairs = |rng: &mut Rng| (0..N).map(|_| (rng.u64(), rng.u64())).collect::<Vec<(u64, u64)>>();
    let shifts =
        |rng: &mut Rng| (0..N).map(|_| (rng.u64(), rng.shift())).collect::<Vec<(u64, u32)>>();
    generated! {
        gen_add_u64: |x: u64, y: u64| x + y => pairs(rng);
        gen_sub_u64: |x: u64, y: u64| x - y => pairs(rng);
        gen_mul_u64: |x: u64, y: u64| x * y => pairs(rng);
        gen_div_u64: |x: u64, y: u64| x / y => pairs(rng);
        gen_rem_u64: |x: u64, y: u64| x % y => pairs(rng);
        gen_wrapping_u64: |x: u64, y: u64| (x.wrapping_add(y), x.wrapping_sub(y), x.wrapping_mul(y), x.wrapping_neg(), x & y, x | y, x ^ y, !x) => pairs(rng);
        gen_checked_u64: |x: u64, y: u64| (x.checked_add(y), x.checked_sub(y), x.checked_mul(y), x.checked_div(y), x.checked_rem(y), x.checked_neg()) => pairs(rng);
        gen_saturating_u64: |x: u64, y: u64| (x.saturating_add(y), x.saturating_sub(y), x.saturating_mul(y), x.min(y), x.max(y), x == y, x < y, x >= y) => pairs(rng);
        gen_div_euclid_u64: |x: u64, y: u64| x.div_euclid(y) => pairs(rng);
        gen_rem_euclid_u64: |x: u64, y: u64| x.rem_euclid(y) => pairs(rng);
        gen_checked_euclid_u64: |x: u64, y: u64| (x.checked_div_euclid(y), x.checked_rem_euclid(y)) => pairs(rng);
        gen_casts_u64: |x: u64, y: u64| (x as f64, x as u8, x as i16, x as u32, x as i32, x as i64, x as u64, x as usize, y.to_string(), format!("{x:x} {y:b}")) => pairs(rng);
        gen_shl_u64: |x: u64, s: u32| x << s => shifts(rng);
        gen_shr_u64: |x: u64, s: u32| x >> s => shifts(rng);
        gen_pow_u64: |x: u64, s: u32| x.pow(s % 70) => shifts(rng);
        gen_checked_pow_u64: |x: u64, s: u32| x.checked_pow(s) => shifts(rng);
    }
}

fn ints_i64(rng: &mut Rng) -> Vec<Case> {
    let pairs = |rng: &mut Rng| (0..N).map(|_| (rng.i64(), rng.i64())).collect::<Vec<(i64, i64)>>();
    let shifts =
        |rng: &mut Rng| (0..N).map(|_| (rng.i64(), rng.shift())).collect::<Vec<(i64, u32)>>();
    generated! {
        gen_add_i64: |x: i64, y: i64| x + y => pairs(rng);
        gen_sub_i64: |x: i64, y: i64| x - y => pairs(rng);
        gen_mul_i64: |x: i64, y: i64| x * y => pairs(rng);
        gen_div_i64: |x: i64, y: i64| x / y => pairs(rng);
        gen_rem_i64: |x: i64, y: i64| x % y => pairs(rng);
        gen_wrapping_i64: |x: i64, y: i64| (x.wrapping_add(y), x.wrapping_sub(y), x.wrapping_mul(y), x.wrapping_neg(), x & y, x | y, x ^ y, !x) => pairs(rng);
        gen_checked_i64: |x: i64, y: i64| (x.checked_add(y), x.checked_sub(y), x.checked_mul(y), x.checked_div(y), x.checked_rem(y), x.checked_neg()) => pairs(rng);
        gen_saturating_i64: |x: i64, y: i64| (x.saturating_add(y), x.saturating_sub(y), x.saturating_mul(y), x.min(y), x.max(y), x == y, x < y, x >= y) => pairs(rng);
        gen_div_euclid_i64: |x: i64, y: i64| x.div_euclid(y) => pairs(rng);
        gen_rem_euclid_i64: |x: i64, y: i64| x.rem_euclid(y) => pairs(rng);
        gen_checked_euclid_i64: |x: i64, y: i64| (x.checked_div_euclid(y), x.checked_rem_euclid(y)) => pairs(rng);
        gen_casts_i64: |x: i64, y: i64| (x as f64, x as u8, x as i16, x as u32, x as i32, x as i64, x as u64, x as usize, y.to_string(), format!("{x:x} {y:b}")) => pairs(rng);
        gen_shl_i64: |x: i64, s: u32| x << s => shifts(rng);
        gen_shr_i64: |x: i64, s: u32| x >> s => shifts(rng);
        gen_pow_i64: |x: i64, s: u32| x.pow(s % 70) => shifts(rng);
        gen_checked_pow_i64: |x: i64, s: u32| x.checked_pow(s) => shifts(rng);
        gen_neg_i64: |x: i64, _y: i64| -x => pairs(rng);
        gen_abs_i64: |x: i64, _y: i64| x.abs() => pairs(rng);
        gen_signum_i64: |x: i64, _y: i64| (x.signum(), x.checked_abs(), x.is_negative()) => pairs(rng);
    }
}

fn ints_u32(rng: &mut Rng) -> Vec<Case> {
    let pairs = |rng: &mut Rng| (0..N).map(|_| (rng.u32(), rng.u32())).collect::<Vec<(u32, u32)>>();
    let shifts =
        |rng: &mut Rng| (0..N).map(|_| (rng.u32(), rng.shift())).collect::<Vec<(u32, u32)>>();
    generated! {
        gen_add_u32: |x: u32, y: u32| x + y => pairs(rng);
        gen_sub_u32: |x: u32, y: u32| x - y => pairs(rng);
        gen_mul_u32: |x: u32, y: u32| x * y => pairs(rng);
        gen_div_u32: |x: u32, y: u32| x / y => pairs(rng);
        gen_rem_u32: |x: u32, y: u32| x % y => pairs(rng);
        gen_wrapping_u32: |x: u32, y: u32| (x.wrapping_add(y), x.wrapping_sub(y), x.wrapping_mul(y), x.wrapping_neg(), x & y, x | y, x ^ y, !x) => pairs(rng);
        gen_checked_u32: |x: u32, y: u32| (x.checked_add(y), x.checked_sub(y), x.checked_mul(y), x.checked_div(y), x.checked_rem(y), x.checked_neg()) => pairs(rng);
        gen_saturating_u32: |x: u32, y: u32| (x.saturating_add(y), x.saturating_sub(y), x.saturating_mul(y), x.min(y), x.max(y), x == y, x < y, x >= y) => pairs(rng);
        gen_div_euclid_u32: |x: u32, y: u32| x.div_euclid(y) => pairs(rng);
        gen_rem_euclid_u32: |x: u32, y: u32| x.rem_euclid(y) => pairs(rng);
        gen_checked_euclid_u32: |x: u32, y: u32| (x.checked_div_euclid(y), x.checked_rem_euclid(y)) => pairs(rng);
        gen_casts_u32: |x: u32, y: u32| (x as f64, x as u8, x as i16, x as u32, x as i32, x as i64, x as u64, x as usize, y.to_string(), format!("{x:x} {y:b}")) => pairs(rng);
        gen_shl_u32: |x: u32, s: u32| x << s => shifts(rng);
        gen_shr_u32: |x: u32, s: u32| x >> s => shifts(rng);
        gen_pow_u32: |x: u32, s: u32| x.pow(s % 70) => shifts(rng);
        gen_checked_pow_u32: |x: u32, s: u32| x.checked_pow(s) => shifts(rng);
    }
}

fn ints_i32(rng: &mut Rng) -> Vec<Case> {
    let pairs = |rng: &mut Rng| (0..N).map(|_| (rng.i32(), rng.i32())).collect::<Vec<(i32, i32)>>();
    let shifts =
        |rng: &mut Rng| (0..N).map(|_| (rng.i32(), rng.shift())).collect::<Vec<(i32, u32)>>();
    generated! {
        gen_add_i32: |x: i32, y: i32| x + y => pairs(rng);
        gen_sub_i32: |x: i32, y: i32| x - y => pairs(rng);
        gen_mul_i32: |x: i32, y: i32| x * y => pairs(rng);
        gen_div_i32: |x: i32, y: i32| x / y => pairs(rng);
        gen_rem_i32: |x: i32, y: i32| x % y => pairs(rng);
        gen_wrapping_i32: |x: i32, y: i32| (x.wrapping_add(y), x.wrapping_sub(y), x.wrapping_mul(y), x.wrapping_neg(), x & y, x | y, x ^ y, !x) => pairs(rng);
        gen_checked_i32: |x: i32, y: i32| (x.checked_add(y), x.checked_sub(y), x.checked_mul(y), x.checked_div(y), x.checked_rem(y), x.checked_neg()) => pairs(rng);
        gen_saturating_i32: |x: i32, y: i32| (x.saturating_add(y), x.saturating_sub(y), x.saturating_mul(y), x.min(y), x.max(y), x == y, x < y, x >= y) => pairs(rng);
        gen_div_euclid_i32: |x: i32, y: i32| x.div_euclid(y) => pairs(rng);
        gen_rem_euclid_i32: |x: i32, y: i32| x.rem_euclid(y) => pairs(rng);
        gen_checked_euclid_i32: |x: i32, y: i32| (x.checked_div_euclid(y), x.checked_rem_euclid(y)) => pairs(rng);
        gen_casts_i32: |x: i32, y: i32| (x as f64, x as u8, x as i16, x as u32, x as i32, x as i64, x as u64, x as usize, y.to_string(), format!("{x:x} {y:b}")) => pairs(rng);
        gen_shl_i32: |x: i32, s: u32| x << s => shifts(rng);
        gen_shr_i32: |x: i32, s: u32| x >> s => shifts(rng);
        gen_pow_i32: |x: i32, s: u32| x.pow(s % 70) => shifts(rng);
        gen_checked_pow_i32: |x: i32, s: u32| x.checked_pow(s) => shifts(rng);
        gen_neg_i32: |x: i32, _y: i32| -x => pairs(rng);
        gen_abs_i32: |x: i32, _y: i32| x.abs() => pairs(rng);
        gen_signum_i32: |x: i32, _y: i32| (x.signum(), x.checked_abs(), x.is_negative()) => pairs(rng);
    }
}

fn strings(rng: &mut Rng) -> Vec<Case> {
    let one = |rng: &mut Rng| (0..N).map(|_| (rng.string(),)).collect::<Vec<(String,)>>();
    let two = |rng: &mut Rng| {
        (0..N)
            .map(|_| {
                let s = rng.string();
                let pat: String = rng.string().chars().take(rng.below(3) as usize).collect();
                (s, pat)
            })
            .collect::<Vec<(String, String)>>()
    };
    let ranges = |rng: &mut Rng| {
        (0..N)
            .map(|_| {
                let s = rng.string();
                let n = s.len() as u64 + 3;
                (s, rng.below(n) as usize, rng.below(n) as usize)
            })
            .collect::<Vec<(String, usize, usize)>>()
    };
    let numeric = |rng: &mut Rng| (0..N).map(|_| (rng.numeric(),)).collect::<Vec<(String,)>>();
    generated! {
        gen_str_find: |s: String, p: String| (s.find(p.as_str()), s.rfind(p.as_str()), s.find('é'), s.rfind(' '), s.contains(p.as_str()), s.starts_with(p.as_str()), s.ends_with(p.as_str())) => two(rng);
        gen_str_split_once: |s: String, p: String| (s.split_once(p.as_str()).map(|(a, b)| (a.to_string(), b.to_string())), s.rsplit_once('=').map(|(a, b)| (a.to_string(), b.to_string()))) => two(rng);
        gen_str_split_whitespace: |s: String| s.split_whitespace().map(|w| w.to_string()).collect::<Vec<_>>() => one(rng);
        gen_str_char_indices: |s: String| s.char_indices().collect::<Vec<_>>() => one(rng);
        gen_str_chars_rev: |s: String| (s.chars().rev().collect::<String>(), s.chars().count(), s.len(), s.chars().nth(2), s.chars().last()) => one(rng);
        gen_str_slice: |s: String, a: usize, b: usize| s[a..b].to_string() => ranges(rng);
        gen_str_slice_open: |s: String, a: usize, _b: usize| (s[a..].to_string(), s[..a].len()) => ranges(rng);
        gen_str_ascii_case: |s: String| (s.to_ascii_uppercase(), s.to_ascii_lowercase(), s.to_uppercase(), s.to_lowercase()) => one(rng);
        gen_str_strip: |s: String, p: String| (s.strip_prefix(p.as_str()).map(|x| x.to_string()), s.strip_suffix(p.as_str()).map(|x| x.to_string()), s.trim().to_string(), s.trim_start().len(), s.trim_end().len()) => two(rng);
        gen_str_repeat: |s: String, p: String| (s.repeat(p.len()), p.repeat(3)) => two(rng);
        gen_str_lines: |s: String| s.lines().map(|l| l.to_string()).collect::<Vec<_>>() => one(rng);
        gen_str_split: |s: String, p: String| (s.split(p.as_str()).map(|x| x.to_string()).collect::<Vec<_>>(), s.replace(p.as_str(), "-")) => two(rng);
        gen_str_debug: |s: String| (format!("{s:?}"), format!("{:?}", s.chars().next())) => one(rng);
        gen_parse_ints: |s: String| (s.parse::<u8>().ok(), s.parse::<i8>().ok(), s.parse::<u32>().ok(), s.parse::<i32>().ok(), s.parse::<u64>().ok(), s.parse::<i64>().ok(), s.parse::<usize>().ok()) => numeric(rng);
        gen_parse_errors: |s: String| (format!("{:?}", s.parse::<i32>()), s.parse::<u64>().map_err(|e| e.to_string()), format!("{:?}", s.parse::<bool>()), format!("{:?}", s.parse::<char>())) => numeric(rng);
        gen_from_str_radix: |s: String| (u8::from_str_radix(&s, 16).ok(), format!("{:?}", i64::from_str_radix(&s, 36)), u64::from_str_radix(&s, 2).map_err(|e| e.to_string()), i32::from_str_radix(&s, 8).ok()) => numeric(rng);
        gen_parse_f64: |s: String| format!("{:?}", s.parse::<f64>()) => numeric(rng);
    }
}

fn floats(rng: &mut Rng) -> Vec<Case> {
    // Finite f64s of every magnitude (from random bits), and short decimals.
    let f64s = |rng: &mut Rng| {
        (0..N)
            .map(|_| {
                let x = match rng.below(3) {
                    0 => f64::from_bits(rng.next()),
                    1 => (rng.below(2_000_001) as f64 - 1e6) / 10f64.powi(rng.below(8) as i32),
                    _ => f64::from(f32::from_bits(rng.next() as u32)),
                };
                (if x.is_finite() { x } else { 0.5 },)
            })
            .collect::<Vec<(f64,)>>()
    };
    let ints = |rng: &mut Rng| (0..N).map(|_| (rng.u64(), rng.i64())).collect::<Vec<(u64, i64)>>();
    generated! {
        gen_f32_display: |x: f64| (format!("{}", x as f32), format!("{:?}", x as f32), format!("{:?}", (x as f32) as f64)) => f64s(rng);
        gen_f32_arith: |x: f64| { let y = x as f32; format!("{:?}", ((y * 1.5 + 0.1) as f64, (y / 3.0) as f64, y.sqrt() as f64)) } => f64s(rng);
        gen_f32_from_ints: |a: u64, b: i64| (format!("{:?}", (a as f32) as f64), format!("{}", b as f32)) => ints(rng);
        gen_f64_display: |x: f64| (format!("{}", x), format!("{:?}", x), format!("{:.3}", x)) => f64s(rng);
    }
}
