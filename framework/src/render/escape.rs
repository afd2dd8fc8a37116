//! HTML escaping for text content and double-quoted attribute values.
//!
//! Invariant: the output of [`escape_text`] contains no `<`, `>` or bare `&`, and the
//! output of [`escape_attr`] additionally contains no `"` or `'`; decoding the entities
//! once (as a browser does) gives back the input exactly. The fast scan ([`find_special`])
//! finds exactly the bytes the 256-entry tables ([`TEXT`], [`ATTR`]) mark, which the tests
//! check against a byte-at-a-time reference on every byte value at every offset.

use super::decimal::push_short;

/// Appends `text` to `out`, escaping `&`, `<` and `>` (enough for element text content).
#[inline]
pub(crate) fn escape_text(out: &mut String, text: &str) {
    escape_into::<TEXT_SET>(out, text);
}

/// Appends `value` to `out`, escaping `&`, `"`, `'`, `<` and `>` (safe inside a quoted
/// attribute value, whichever quote the attribute uses).
#[inline]
pub(crate) fn escape_attr(out: &mut String, value: &str) {
    escape_into::<ATTR_SET>(out, value);
}

/// Appends one character, escaped as text content.
#[inline]
pub(crate) fn escape_char(out: &mut String, ch: char) {
    match ch {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        _ => out.push(ch),
    }
}

/// Which bytes need an entity, as a 256-entry table.
type SpecialBytes = [bool; 256];

/// The text set, `&<>`, as the const parameter of the scan.
const TEXT_SET: bool = false;
/// The attribute set, `&<>"'`.
const ATTR_SET: bool = true;

const TEXT: SpecialBytes = special_bytes(b"&<>");
const ATTR: SpecialBytes = special_bytes(b"&<>\"'");

const fn special_bytes(bytes: &[u8]) -> SpecialBytes {
    let mut table = [false; 256];
    let mut idx = 0;
    while idx < bytes.len() {
        table[bytes[idx] as usize] = true;
        idx += 1;
    }
    table
}

/// The escaping loop: find the next special byte with a word-at-a-time scan, copy the
/// clean run before it in one `push_str` (one `memcpy`), write its entity, go on after it.
///
/// Most values are clean, so the common case is one scan and one copy, with no per-byte
/// branch and no per-`char` capacity check; a run of up to 16 bytes is copied without a
/// call to `memcpy` ([`push_short`]: a copy of variable length is one, costing more than
/// the scan for a short value). Every special byte is ASCII, and in UTF-8 an
/// ASCII byte is never part of a multi-byte sequence, so a special byte's offset is
/// always a char boundary and scanning bytes rather than chars is sound.
#[inline]
fn escape_into<const ATTR_SET: bool>(out: &mut String, input: &str) {
    let bytes = input.as_bytes();
    let Some(first) = find_special::<ATTR_SET>(bytes) else {
        push_short(out, input);
        return;
    };
    escape_from::<ATTR_SET>(out, input, first);
}

/// The rest of the loop once a special byte is known to be at `idx`: out of line, so the
/// clean case above stays small enough to inline at every call site.
#[inline(never)]
fn escape_from<const ATTR_SET: bool>(out: &mut String, input: &str, mut idx: usize) {
    let bytes = input.as_bytes();
    let mut run_start = 0;
    loop {
        push_short(out, &input[run_start..idx]);
        push_entity(out, bytes[idx]);
        run_start = idx + 1;
        match find_special::<ATTR_SET>(&bytes[run_start..]) {
            Some(offset) => idx = run_start + offset,
            None => break,
        }
    }
    push_short(out, &input[run_start..]);
}

/// Writes the entity of one special byte; each arm is a constant-length copy.
/// `&#39;` rather than `&apos;`: it is one byte shorter and HTML 4 parsers know it too.
#[inline(always)]
fn push_entity(out: &mut String, byte: u8) {
    match byte {
        b'&' => out.push_str("&amp;"),
        b'<' => out.push_str("&lt;"),
        b'>' => out.push_str("&gt;"),
        b'"' => out.push_str("&quot;"),
        // Only the five special bytes reach this function; `'` is the last one.
        _ => out.push_str("&#39;"),
    }
}

/// The offset of the first byte of `bytes` that the set's table marks, if any.
///
/// Eight bytes at a time (SWAR): a word is loaded little-endian, so byte `k` of the input
/// is bits `8k..8k+8`, and [`special_mask`] sets the top bit of each byte that may be
/// special; the lowest set bit is always a real one (see there), so `trailing_zeros / 8`
/// is the offset of the first special byte. An input of 4..8 bytes is read as two
/// overlapping halves of one word; one under 4 bytes goes byte by byte; the tail of a
/// longer input is one last word that overlaps bytes already found clean, which cannot
/// add a match before the tail.
#[inline(always)]
fn find_special<const ATTR_SET: bool>(bytes: &[u8]) -> Option<usize> {
    let len = bytes.len();
    if len >= 8 {
        let mut at = 0;
        while at + 8 <= len {
            let mask = special_mask::<ATTR_SET>(word(bytes, at));
            if mask != 0 {
                return Some(at + first_byte(mask));
            }
            at += 8;
        }
        if at == len {
            return None;
        }
        let mask = special_mask::<ATTR_SET>(word(bytes, len - 8));
        return (mask != 0).then(|| len - 8 + first_byte(mask));
    }
    if len >= 4 {
        // Bytes 0..4 in the low half, bytes len-4..len in the high half: one mask for both.
        let both = u64::from(half(bytes, 0)) | u64::from(half(bytes, len - 4)) << 32;
        let mask = special_mask::<ATTR_SET>(both);
        if mask == 0 {
            return None;
        }
        let at = first_byte(mask);
        // A match in the high half is at len-4 + (at-4); one in the low half comes first.
        return Some(if at < 4 { at } else { len - 4 + (at - 4) });
    }
    let table = if ATTR_SET { &ATTR } else { &TEXT };
    bytes.iter().position(|&byte| table[usize::from(byte)])
}

/// The eight bytes at `at`, little-endian. The caller keeps `at + 8 <= bytes.len()`.
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut chunk = [0; 8];
    chunk.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(chunk)
}

/// The four bytes at `at`, little-endian. The caller keeps `at + 4 <= bytes.len()`.
#[inline(always)]
fn half(bytes: &[u8], at: usize) -> u32 {
    let mut chunk = [0; 4];
    chunk.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(chunk)
}

/// Offset of the byte whose top bit is the lowest set bit of `mask` (not zero).
#[inline(always)]
fn first_byte(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// A byte of `word` that equals `byte` has its top bit set in the result.
///
/// The classic "has a zero byte" test on `word ^ byte…`: exact about whether there is one,
/// and its lowest set bit is always a real match; only bytes above a real match can be
/// flagged falsely (by the borrow out of it), and [`find_special`] reads only the lowest.
/// That holds in the two-halves word of a short input too: a borrow can only leave a
/// real match, so the high half has no false flag unless the low half has a real one.
#[inline(always)]
fn equal_bytes(word: u64, byte: u8) -> u64 {
    let diff = word ^ (LOW_BITS * u64::from(byte));
    diff.wrapping_sub(LOW_BITS) & !diff & HIGH_BITS
}

/// The bytes of `word` that may be special for the set (their top bits): the lowest set
/// bit is the first special byte.
///
/// Pairs of special bytes one bit apart are found by one compare: with bit 1 set in every
/// byte, `<` (0x3C) and `>` (0x3E) both read 0x3E and no other byte does; with bit 0 set,
/// `&` (0x26) and `'` (0x27) both read 0x27. So the text set takes two compares and the
/// attribute set three, not three and five. Each compare is still [`equal_bytes`] of a
/// word whose bytes were changed one by one, so its lowest set bit is a real match.
#[inline(always)]
fn special_mask<const ATTR_SET: bool>(word: u64) -> u64 {
    let angles = equal_bytes(word | (LOW_BITS * 0x02), b'>');
    if ATTR_SET {
        angles | equal_bytes(word | LOW_BITS, b'\'') | equal_bytes(word, b'"')
    } else {
        angles | equal_bytes(word, b'&')
    }
}

#[cfg(test)]
mod tests;
