//! rs2js's Unicode helpers against Rust, on every scalar value: the character classes,
//! `{:?}`'s escapes and case mapping (with the final sigma) must give what the
//! toolchain's `char` and `str` methods give, whatever Unicode version Node has.

use std::collections::BTreeSet;
use std::process::Command;

/// FNV-1a over 32-bit words, the same in Rust and in the JS below.
fn fnv(words: impl Iterator<Item = u32>) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for word in words {
        hash ^= word;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

fn chars() -> impl Iterator<Item = char> {
    (0..=0x10_FFFF_u32).filter_map(char::from_u32)
}

#[test]
fn unicode_helpers_agree_with_rust_on_every_char() {
    let names: BTreeSet<&'static str> =
        ["$uin", "$uAl", "$uNu", "$uUp", "$uLo", "$uEs", "$upper", "$lower"].into_iter().collect();
    let helpers = resuma_analysis::rs2js::helpers_source(&names);
    // Nothing asks the browser's Unicode tables, which may be another version's.
    let debug = resuma_analysis::rs2js::helpers_source(&["$dbgs"].into_iter().collect());
    for source in [&helpers, &debug] {
        assert!(!source.contains("\\p{"), "a \\p{{…}} class: {source}");
        assert!(!source.contains("toUpperCase") && !source.contains("toLowerCase"), "{source}");
    }
    let sigma_cases =
        ["ΣΑΣ", "ὈΔΥΣΣΕΎΣ", "Σ", "AΣ", "AΣ.", "A'Σ'", "AΣ'B", "ΣA", "a Σ b", "ΑΣ\u{301}", "1Σ"];
    let program = format!(
        "{helpers}
const fnv = (ws) => {{ let h = 0x811c9dc5; for (const w of ws) {{ h ^= w; h = Math.imul(h, 0x01000193) >>> 0; }} return h; }};
const cps = []; for (let c = 0; c <= 0x10ffff; c++) if (c < 0xd800 || c > 0xdfff) cps.push(c);
const cls = (t) => fnv(cps.filter((c) => $uin(t, String.fromCodePoint(c))));
const map = (f) => fnv(cps.flatMap((c) => [...f(String.fromCodePoint(c))].map((x) => x.codePointAt(0)).concat([0xffffffff])));
console.log(JSON.stringify({{
  alpha: cls($uAl), num: cls($uNu), upper: cls($uUp), lower: cls($uLo), escaped: cls($uEs),
  to_upper: map($upper), to_lower: map($lower),
  sigma: {sigma}.map($lower),
}}));",
        sigma = serde_json::to_string(&sigma_cases).unwrap(),
    );
    let path = std::env::temp_dir().join(format!("rs2js-unicode-{}.mjs", std::process::id()));
    std::fs::write(&path, program).unwrap();
    let output =
        Command::new("node").arg(&path).output().expect("node runs (the test suite installs it)");
    let _ = std::fs::remove_file(&path);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let got: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();

    let class = |has: fn(char) -> bool| fnv(chars().filter(|&c| has(c)).map(u32::from));
    let map = |f: fn(char) -> String| {
        fnv(chars().flat_map(|c| f(c).chars().map(u32::from).chain([u32::MAX]).collect::<Vec<_>>()))
    };
    let expected = serde_json::json!({
        "alpha": class(char::is_alphabetic),
        "num": class(char::is_numeric),
        "upper": class(char::is_uppercase),
        "lower": class(char::is_lowercase),
        "escaped": class(|c| format!("{c:?}").contains("\\u{")),
        "to_upper": map(|c| c.to_string().to_uppercase()),
        "to_lower": map(|c| c.to_string().to_lowercase()),
        "sigma": sigma_cases.iter().map(|it| it.to_lowercase()).collect::<Vec<_>>(),
    });
    assert_eq!(got, expected);
}
