//! Integers in decimal and short copies, written straight into the render buffer with no
//! call to `memcpy`.
//!
//! Invariant: [`Decimal::push_decimal`] writes exactly what `to_string` writes, and
//! [`push_short`] exactly what `push_str` writes.
//!
//! Why: `push_str` of a slice whose length the compiler does not know is a call to
//! `memcpy`, and for a few bytes that call costs more than the formatting. itoa formats
//! into a buffer of its own, so `push_str(itoa::Buffer::new().format(n))` pays it for
//! every number. Here a number below 10,000 (ids, counts, indices: nearly every number a
//! page shows) is written as digits and pairs of digits, each a copy of known length from
//! [`PAIRS`]; larger ones are formatted by itoa and copied by [`push_short`], whose every
//! arm is a copy of known length.

/// An integer that [`Html`](super::Html) writes in decimal.
pub(crate) trait Decimal: Copy {
    /// Appends `self` in decimal, as `to_string` writes it.
    fn push_decimal(self, out: &mut String);
}

macro_rules! unsigned_impls {
    ($($ty:ty),*) => {$(
        impl Decimal for $ty {
            #[inline(always)]
            fn push_decimal(self, out: &mut String) {
                // Lossless: no unsigned type here is wider than 64 bits.
                push_u64(out, self as u64);
            }
        }
    )*};
}
unsigned_impls!(u8, u16, u32, u64, usize);

macro_rules! signed_impls {
    ($($ty:ty),*) => {$(
        impl Decimal for $ty {
            #[inline(always)]
            fn push_decimal(self, out: &mut String) {
                if self < 0 {
                    out.push('-');
                }
                // Lossless: no signed type here is wider than 64 bits.
                push_u64(out, self.unsigned_abs() as u64);
            }
        }
    )*};
}
signed_impls!(i8, i16, i32, i64, isize);

macro_rules! wide_impls {
    ($($ty:ty),*) => {$(
        impl Decimal for $ty {
            #[inline]
            fn push_decimal(self, out: &mut String) {
                push_short(out, itoa::Buffer::new().format(self));
            }
        }
    )*};
}
wide_impls!(u128, i128);

/// `"00"` to `"99"`, one after the other: the two digits of `n` are `PAIRS[2n..2n + 2]`.
/// All ASCII, so every index is a char boundary, and the compiler proves it.
const PAIRS: &str = "\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

#[inline(always)]
fn push_u64(out: &mut String, n: u64) {
    if n < 10_000 {
        // Exact: the value is below 10,000.
        push_below_10k(out, n as u32);
    } else {
        push_large(out, n);
    }
}

/// `n` (below 10,000), as one digit and up to two pairs.
#[inline(always)]
fn push_below_10k(out: &mut String, n: u32) {
    if n < 10 {
        out.push(digit(n));
    } else if n < 100 {
        push_pair(out, n);
    } else if n < 1_000 {
        out.push(digit(n / 100));
        push_pair(out, n % 100);
    } else {
        push_pair(out, n / 100);
        push_pair(out, n % 100);
    }
}

/// 10,000 and up: rarer, so out of line.
#[inline(never)]
fn push_large(out: &mut String, n: u64) {
    push_short(out, itoa::Buffer::new().format(n));
}

/// The digit `d` (below 10); `% 10` tells the compiler the range, so `push` has no
/// branch for multi-byte characters.
#[inline(always)]
fn digit(d: u32) -> char {
    char::from(b'0' + (d % 10) as u8)
}

/// The two digits of `n` (below 100), leading zero included.
#[inline(always)]
fn push_pair(out: &mut String, n: u32) {
    let at = (n % 100) as usize * 2;
    out.push_str(&PAIRS[at..at + 2]);
}

/// Appends `text`, with a copy of known length (no call to `memcpy`) when it is at most
/// 16 bytes long: each arm slices `text` to its own length, which the compiler then knows.
#[inline(always)]
pub(crate) fn push_short(out: &mut String, text: &str) {
    match text.len() {
        0 => {}
        1 => out.push_str(&text[..1]),
        2 => out.push_str(&text[..2]),
        3 => out.push_str(&text[..3]),
        4 => out.push_str(&text[..4]),
        5 => out.push_str(&text[..5]),
        6 => out.push_str(&text[..6]),
        7 => out.push_str(&text[..7]),
        8 => out.push_str(&text[..8]),
        9 => out.push_str(&text[..9]),
        10 => out.push_str(&text[..10]),
        11 => out.push_str(&text[..11]),
        12 => out.push_str(&text[..12]),
        13 => out.push_str(&text[..13]),
        14 => out.push_str(&text[..14]),
        15 => out.push_str(&text[..15]),
        16 => out.push_str(&text[..16]),
        _ => out.push_str(text),
    }
}

#[cfg(test)]
mod tests {
    use super::{push_short, Decimal};

    #[track_caller]
    fn check<T: Decimal + ToString>(value: T) {
        let mut out = String::from("x");
        value.push_decimal(&mut out);
        assert_eq!(out, format!("x{}", value.to_string()));
    }

    #[test]
    fn every_number_to_past_100_000() {
        for n in 0..=100_100u32 {
            check(n);
            check(n as u16);
            check(n as u8);
            check(n as i8);
            check(n as i16);
            check(n as i32);
            check(-(n as i32));
            check(u64::from(n));
            check(-i64::from(n));
            check(n as usize);
            check(-(n as isize));
            check(u128::from(n));
            check(-i128::from(n));
        }
    }

    #[test]
    fn limits_and_powers_of_two() {
        check(i8::MIN);
        check(i8::MAX);
        check(u8::MAX);
        check(i16::MIN);
        check(u16::MAX);
        check(i32::MIN);
        check(u32::MAX);
        check(i64::MIN);
        check(u64::MAX);
        check(i128::MIN);
        check(i128::MAX);
        check(u128::MAX);
        check(isize::MIN);
        check(usize::MAX);
        for shift in 0..64 {
            check(1u64 << shift);
            check((1u64 << shift) - 1);
            check(-(1i64 << shift.min(62)));
            check(1u128 << (shift * 2));
            check(1i128 - (1i128 << (shift * 2)));
        }
    }

    #[test]
    fn short_copies_of_every_length() {
        let text = "0123456789abcdefghijé→😀";
        for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
            let mut out = String::from("x");
            push_short(&mut out, &text[..end]);
            assert_eq!(out, format!("x{}", &text[..end]));
        }
    }
}
