//! Unicode as the Rust toolchain knows it, for the browser: the character classes
//! (`is_alphabetic`, …), case mapping (`to_uppercase`, `to_lowercase` with its final
//! sigma) and `{:?}`'s escapes, as tables the helpers carry.
//!
//! Why tables and not the browser's `\p{…}` and `toUpperCase`: a browser's Unicode
//! version is not the toolchain's, and a character assigned in between would get a
//! different answer from the one Rust computes on the server — a different value, which
//! rs2js never produces. So every table here is computed, when the helpers are first
//! asked for, from the very `char` methods the handler would call in Rust (this code
//! runs inside the compiler's proc macro, with the toolchain's tables), and the JS looks
//! code points up in it. The browser's own Unicode data is never consulted.
//!
//! Invariant: each helper is emitted only when a handler uses it (a chunk without case
//! mapping carries no case table); each table is a range list `gap,length,…` in base 36
//! (`$ur` decodes it once, into a flat array `$uin` searches).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use super::helper::Helper;

/// The Unicode helpers, in dependency order (`$ur` before the tables it builds). A table
/// helper's `src` is empty here: [`source`] computes it, once, when a chunk needs it.
pub(super) const HELPERS: &[Helper] = &[
    Helper { name: "$ur", deps: &[], src: UR },
    Helper { name: "$uin", deps: &[], src: UIN },
    Helper { name: "$uAl", deps: &["$ur"], src: "" },
    Helper { name: "$uNu", deps: &["$ur"], src: "" },
    Helper { name: "$uUp", deps: &["$ur"], src: "" },
    Helper { name: "$uLo", deps: &["$ur"], src: "" },
    Helper { name: "$uEs", deps: &["$ur"], src: "" },
    Helper { name: "$uCa", deps: &["$ur"], src: "" },
    Helper { name: "$uCi", deps: &["$ur"], src: "" },
    Helper { name: "$uUm", deps: &[], src: "" },
    Helper { name: "$uLm", deps: &[], src: "" },
    Helper { name: "$upper", deps: &["$uUm"], src: UPPER },
    // Rust's final sigma: `Σ` is `ς` when a cased char comes before it and none after,
    // case-ignorable chars skipped both ways.
    Helper { name: "$lower", deps: &["$uLm", "$uin", "$uCa", "$uCi"], src: LOWER },
];

const UR: &str = "s=>{const t=[];let e=0;const a=s.split(\",\");for(let i=0;i<a.length;i+=2){const b=e+parseInt(a[i],36);e=b+parseInt(a[i+1],36);t.push(b,e)}return t}";
const UIN: &str = "(t,c)=>{const x=c.codePointAt(0);let l=0,h=t.length/2-1;while(l<=h){const m=(l+h)>>1;if(x<t[2*m])h=m-1;else if(x>t[2*m+1])l=m+1;else return true}return false}";
const UPPER: &str = "s=>{let o=\"\";for(const c of s)o+=$uUm.get(c.codePointAt(0))??c;return o}";
const LOWER: &str = "s=>{const a=[...s],f=(i,d)=>{for(;i>=0&&i<a.length;i+=d){if(!$uin($uCi,a[i]))return $uin($uCa,a[i])}return false};let o=\"\";a.forEach((c,i)=>{o+=c===\"\\u03a3\"?f(i-1,-1)&&!f(i+1,1)?\"\\u03c2\":\"\\u03c3\":$uLm.get(c.codePointAt(0))??c});return o}";

/// The source of the table helper `name`, computed from the toolchain's `char` methods
/// the first time a chunk needs it; `None` for a name that is no table.
pub(super) fn source(name: &str) -> Option<&'static str> {
    static CACHE: Mutex<Option<HashMap<String, &'static str>>> = Mutex::new(None);
    let mut cache = CACHE.lock().unwrap_or_else(|it| it.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(src) = cache.get(name) {
        return Some(src);
    }
    let range = |has: fn(char) -> bool| format!("$ur(\"{}\")", table(has));
    let src = match name {
        "$uAl" => range(char::is_alphabetic),
        "$uNu" => range(char::is_numeric),
        "$uUp" => range(char::is_uppercase),
        "$uLo" => range(char::is_lowercase),
        // `{:?}` writes these as `\u{…}` (the same set in a char and anywhere in a str).
        "$uEs" => range(|c| format!("{c:?}").contains("\\u{")),
        "$uCa" => range(is_cased),
        "$uCi" => range(is_case_ignorable),
        "$uUm" => case_map(case_table(|c| c.to_uppercase().collect())),
        "$uLm" => case_map(case_table(|c| c.to_lowercase().collect())),
        _ => return None,
    };
    let src: &'static str = Box::leak(src.into_boxed_str());
    cache.insert(name.to_owned(), src);
    Some(src)
}

/// The JS building a `Map` from code point to mapped text out of `table`.
fn case_map(table: String) -> String {
    format!(
        "(()=>{{const m=new Map(),[r,x]=\"{table}\".split(\";\"),n=s=>parseInt(s,36),a=r?r.split(\",\"):[];\
         for(let i=0;i<a.length;i+=4){{const s=n(a[i]),k=n(a[i+1]),t=+a[i+2],d=n(a[i+3]);\
         for(let j=0;j<k;j++)m.set(s+j*t,String.fromCodePoint(s+j*t+d))}}\
         for(const e of x?x.split(\",\"):[]){{const[c,v]=e.split(\":\");m.set(n(c),String.fromCodePoint(...v.split(\".\").map(n)))}}\
         return m}})()"
    )
}

/// Every scalar value.
fn chars() -> impl Iterator<Item = char> {
    (0..=0x10_FFFF_u32).filter_map(char::from_u32)
}

/// The ranges of the chars `has` holds for, as `gap,length` pairs in base 36.
fn table(has: impl Fn(char) -> bool) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in chars().filter(|&c| has(c)) {
        let cp = u32::from(c);
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == cp => last.1 = cp,
            // Surrogates are no chars: a range across them stays one range.
            Some(last) if last.1 == 0xD7FF && cp == 0xE000 => last.1 = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    let mut out = String::new();
    let mut end = 0;
    for (start, last) in ranges {
        let _ = write!(out, "{},{},", base36(start - end), base36(last - start));
        end = last;
    }
    out.pop();
    out
}

fn base36(mut n: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// A case mapping as a table: runs `start,count,stride,delta` of chars that map to one
/// char `delta` away, then `;`, then `cp:mapping` for the chars that map to several
/// (code points in base 36, a mapping's joined by `.`).
fn case_table(map: impl Fn(char) -> Vec<char>) -> String {
    let mut singles: Vec<(u32, i64)> = Vec::new();
    let mut multis = Vec::new();
    for c in chars() {
        let mapped = map(c);
        match mapped[..] {
            [one] if one == c => {}
            [one] => {
                singles.push((u32::from(c), i64::from(u32::from(one)) - i64::from(u32::from(c))))
            }
            _ => multis.push((u32::from(c), mapped)),
        }
    }
    // Runs of equal deltas at a stride of 1 or 2 (`Āā` pairs alternate).
    let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
    let mut at = 0;
    while at < singles.len() {
        let (start, delta) = singles[at];
        let stride = match singles.get(at + 1) {
            Some(&(next, d)) if d == delta && (next - start == 1 || next - start == 2) => {
                next - start
            }
            _ => 1,
        };
        let mut count = 1;
        while let Some(&(next, d)) = singles.get(at + count) {
            if d == delta && next == start + stride * count as u32 {
                count += 1;
            } else {
                break;
            }
        }
        runs.push((start, count as u32, stride, delta));
        at += count;
    }
    let mut out = String::new();
    for (start, count, stride, delta) in runs {
        let sign = if delta < 0 { "-" } else { "" };
        let _ = write!(
            out,
            "{},{},{},{sign}{},",
            base36(start),
            base36(count),
            stride,
            base36(delta.unsigned_abs() as u32)
        );
    }
    out.pop();
    out.push(';');
    for (cp, mapped) in multis {
        let mapped: Vec<String> = mapped.iter().map(|&c| base36(u32::from(c))).collect();
        let _ = write!(out, "{}:{},", base36(cp), mapped.join("."));
    }
    out.pop();
    out
}

/// Whether `"AΣ{c}"` lowercases its sigma as `σ` (not word-final): `c` is cased.
fn is_cased(c: char) -> bool {
    format!("AΣ{c}").to_lowercase().contains('σ')
}

/// Whether Rust skips `c` looking for a cased char around a sigma (`Case_Ignorable`).
fn is_case_ignorable(c: char) -> bool {
    !is_cased(c) && format!("AΣ{c}A").to_lowercase().contains('σ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_compact_and_start_where_they_should() {
        let ascii_only = table(|c| c.is_ascii_digit());
        assert_eq!(ascii_only, "1c,9");
        assert!(
            case_table(|c| c.to_uppercase().collect()).contains("2p,q,1,-w"),
            "a–z map 32 down"
        );
        let size: usize = HELPERS.iter().filter_map(|it| source(it.name)).map(str::len).sum();
        assert!(size < 64 * 1024, "{size} bytes of tables");
    }
}
