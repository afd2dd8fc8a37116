//! Differential cases: strings (UTF-8 lengths, code points, case mapping, trimming,
//! splitting, replacing), chars and `format!`.

#![allow(clippy::all)]

use crate::rs2js::mock::sv;
use crate::Case;

pub(crate) fn cases() -> Vec<Case> {
    cases! {
        len_in_bytes: |s: &str| (s.len(), s.chars().count(), s.is_empty()) => [("abc"), ("é"), ("😀"), ("日本語"), (""), ("a\u{301}"), ("\u{ffff}")];
        case_mapping: |s: &str| (s.to_uppercase(), s.to_lowercase()) => [("straße"), ("ÉCOLE"), ("ǅ"), ("ΣΑΣ ΟΔΟΣ"), ("i̇"), ("😀abc")];
        trim_unicode_whitespace: |s: &str| (s.trim().to_string(), s.trim_start().to_string(), s.trim_end().to_string()) => [("  a b  "), ("\u{feff}x\u{feff}"), ("\u{85}x\u{3000}"), ("\t\n x \r"), ("\u{200b}y")];
        contains_starts_ends: |s: &str, p: &str| (s.contains(p), s.starts_with(p), s.ends_with(p)) => [("héllo", "é"), ("héllo", "hé"), ("héllo", "lo"), ("abc", ""), ("", "a")];
        contains_char: |s: &str, c: char| (s.contains(c), s.starts_with(c), s.ends_with(c)) => [("héllo", 'é'), ("😀x", '😀'), ("abc", 'z')];
        replace_all: |s: &str, a: &str, b: &str| s.replace(a, b) => [("aaa", "aa", "b"), ("abc", "", "-"), ("", "", "x"), ("héllo", "l", "$&"), ("a.b.c", ".", "$1"), ("😀😀", "😀", "é")];
        replace_char: |s: &str| s.replace(' ', "_") => [("a b  c")];
        split_str: |s: &str, p: &str| s.split(p).map(|x| x.to_string()).collect::<Vec<String>>() => [("a,b,,c", ","), ("abc", ""), ("", ","), ("", ""), ("日本語", "本"), ("aXbXc", "X")];
        split_char_count: |s: &str| s.split(',').collect::<Vec<&str>>().len() => [("a,b,c"), (""), (",,")];
        split_whitespace: |s: &str| s.split_whitespace().map(|w| w.to_string()).collect::<Vec<String>>() => [("  a  b\tc\n"), ("\u{3000}x\u{feff}y"), ("")];
        chars_reversed: |s: &str| s.chars().rev().collect::<String>() => [("abc"), ("héllo"), ("😀👍"), ("")];
        chars_collected: |s: &str| s.chars().collect::<Vec<char>>() => [("é😀a")];
        chars_filtered: |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>() => [("a-b_c 1é😀٣")];
        chars_enumerated: |s: &str| s.chars().enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, c)| c).collect::<String>() => [("a😀bécd")];
        chars_counted: |s: &str| s.chars().filter(|c| *c == 'é').count() => [("éaé"), ("e\u{301}")];
        char_classes: |c: char| (c.is_alphabetic(), c.is_numeric(), c.is_whitespace(), c.is_uppercase(), c.is_lowercase(), c.is_ascii_digit(), c.is_alphanumeric()) => [('a'), ('É'), ('٣'), ('\u{3000}'), ('7'), ('ß'), ('_'), ('😀')];
        char_ascii_case: |c: char| (c.to_ascii_uppercase(), c.to_ascii_lowercase(), c.is_ascii_punctuation()) => [('a'), ('Z'), ('é'), ('!')];
        char_to_digit: |c: char| (c.to_digit(16), c.to_digit(10)) => [('a'), ('G'), ('9'), ('é'), ('F')];
        char_from_u32: |n: u32| char::from_u32(n) => [(97), (0xD800), (0x1F600), (0x110000)];
        char_len_utf8: |c: char| c.len_utf8() => [('a'), ('é'), ('€'), ('😀')];
        push_str_push: |s: &str| { let mut out = String::new(); out.push_str(s); out.push('!'); out += "?"; out.push('é'); out } => [("ab"), ("")];
        string_clear: |s: String| { let mut t = s.clone(); t.clear(); t.push_str("x"); (s, t) } => [("abc".to_string())];
        repeat: |s: &str, n: usize| s.repeat(n) => [("ab", 3), ("é", 0)];
        parse_then_default: |s: &str| s.trim().parse::<i64>().ok().unwrap_or(-1) => [(" 12 "), ("x"), ("-9007199254740991")];
        string_order: |a: &str, b: &str| (a == b, a < b, a > b, a <= b) => [("a", "b"), ("\u{ffff}", "😀"), ("abc", "ab"), ("é", "e"), ("", "")];
        string_concat: |a: String, b: &str| a + b + "!" => [("x".to_string(), "é")];
        strip_affixes: |s: &str| (s.strip_prefix("ab").map(|r| r.to_string()), s.strip_suffix('c').map(|r| r.to_string())) => [("abc"), ("xbc"), ("ab")];
        as_str_match: |s: String| match s.as_str() { "" => "empty", x if x.len() > 3 => "long", _ => "short" } => [("".to_string()), ("héé".to_string()), ("ab".to_string())];
        format_named_and_inline: |name: &str, n: i32| format!("Hello, {name}! You have {n} {}", if n == 1 { "message" } else { "messages" }) => [("Ada", 1), ("Zoë", 3)];
        format_padding: |s: &str, n: i32| format!("[{:>6}][{:<6}][{:^7}][{:*^9}][{:06}][{:+}][{:-<4}]", s, s, s, s, n, n, s) => [("é😀", 42), ("abcdefgh", -42)];
        format_debug_str: |s: &str| format!("{:?}", s) => [("a\"b\\c\n"), ("tab\there"), ("é😀"), ("\u{301}x"), ("\u{200b}"), ("\u{7f}"), ("'"), ("\u{0}"), ("\u{a0}")];
        format_debug_char: |c: char| format!("{:?}", c) => [('a'), ('\''), ('"'), ('\n'), ('\u{301}'), ('😀')];
        format_positional: |a: i32, b: &str| format!("{1}-{0}-{1} {{}} }}{{", a, b) => [(7, "x")];
        format_precision_str: |s: &str| format!("{:.3}|{:5.2}|{:>4.1}|", s, s, s) => [("héllo"), ("ab")];
        format_named_arg: |x: i32| format!("{val} {val:?} {other}", val = x * 2, other = "o") => [(21)];
        format_bool_char: |b: bool, c: char| format!("{b} {c} {:>3} {:?}", b, c) => [(true, 'é')];
        format_escapes: |s: &str| format!("`{}` ${{x}} \\ {}", s, "${y}") => [("a`b")];
        to_string_chars: |c: char| c.to_string() + &c.to_string() => [('é')];
        join_words: |v: Vec<String>| v.join(", ") => [(sv(&["a", "é", "😀"])), (sv(&[]))];
        sentence_pipeline: |text: &str| text.split(' ').filter(|w| !w.is_empty()).map(|w| w.chars().rev().collect::<String>()).collect::<Vec<String>>().join(" ") => [("hello  wörld 😀👍")];
        word_stats: |text: &str| { let words = text.split_whitespace().count(); let chars = text.chars().count(); format!("{words} words, {chars} chars, {} bytes", text.len()) } => [("héllo wörld"), ("")];
    }
}
