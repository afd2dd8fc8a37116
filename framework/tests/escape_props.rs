//! Property tests: escaped output of arbitrary strings never contains markup-significant
//! characters, and decoding it gives back the input exactly.

mod common;

use common::{check_attr, check_text, check_url_attr, is_dangerous, UNSAFE_URL};
use proptest::prelude::*;

/// Strings rich in the characters that matter (specials, quotes, controls, scheme
/// letters), mixed with arbitrary Unicode.
fn html_ish() -> impl Strategy<Value = String> {
    let interesting = prop_oneof![
        3 => prop::sample::select(vec![
            '<', '>', '&', '"', '\'', '`', '=', '/', ':', ' ', '\t', '\n', '\0', '#', ';',
        ]),
        2 => prop::sample::select("javscriptdbJAVSCRIPTDB".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ];
    prop::collection::vec(interesting, 0..48).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn text_never_contains_angle_brackets(input in html_ish()) {
        check_text(&input);
    }

    #[test]
    fn arbitrary_text_round_trips(input in any::<String>()) {
        check_text(&input);
    }

    #[test]
    fn attribute_values_never_contain_quotes_or_brackets(input in html_ish()) {
        check_attr(&input);
    }

    #[test]
    fn url_attributes_are_kept_or_replaced(input in html_ish()) {
        let value = check_url_attr(&input);
        if is_dangerous(&input) {
            prop_assert_eq!(value, UNSAFE_URL);
        }
    }

    #[test]
    fn script_urls_are_always_replaced(
        pad in "[ \t\n\r\x01]{0,3}",
        scheme in prop::sample::select(vec!["javascript", "vbscript", "data"]),
        upper in prop::collection::vec(any::<bool>(), 10),
        body in ".*",
    ) {
        let scheme: String = scheme
            .chars()
            .zip(upper)
            .map(|(ch, up)| if up { ch.to_ascii_uppercase() } else { ch })
            .collect();
        let url = format!("{pad}{scheme}:{body}");
        prop_assert_eq!(check_url_attr(&url), UNSAFE_URL);
    }
}
