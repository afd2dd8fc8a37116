//! The check behind [`AttributeValue::render_url_attr`](crate::AttributeValue): URLs
//! whose scheme runs script or smuggles a document are replaced before they reach the page.
//!
//! Invariant: a value is judged the way a browser reads it, or more strictly. Browsers
//! strip leading spaces and control characters and drop tabs and newlines anywhere in a
//! URL, and compare schemes case-insensitively, so we skip every ASCII whitespace and
//! control byte (wherever it is) and lowercase before comparing. Skipping more than a
//! browser does can only flag more values, never fewer.

/// What a URL attribute gets instead of a dangerous value: a URL that goes nowhere and
/// says why when someone inspects the page.
pub(crate) const UNSAFE_URL: &str = "about:invalid#resuma-unsafe-url";

/// Schemes that run code or load attacker-chosen content in the page's context.
const DANGEROUS_SCHEMES: [&[u8]; 3] = [b"javascript", b"vbscript", b"data"];

/// The longest entry of `DANGEROUS_SCHEMES`: a scheme longer than this is safe, so the
/// scan stops after this many significant bytes without a `:`.
const LONGEST_SCHEME: usize = 10;

/// True when the browser would treat `url` as a `javascript:`, `vbscript:` or `data:` URL.
pub(crate) fn is_dangerous_url(url: &str) -> bool {
    let mut scheme = [0u8; LONGEST_SCHEME];
    let mut len = 0;
    for &byte in url.as_bytes() {
        if byte <= b' ' || byte == 0x7f {
            continue;
        }
        if byte == b':' {
            return DANGEROUS_SCHEMES.contains(&&scheme[..len]);
        }
        if len == LONGEST_SCHEME {
            return false;
        }
        scheme[len] = byte.to_ascii_lowercase();
        len += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_dangerous_url;

    #[track_caller]
    fn check(url: &str, dangerous: bool) {
        assert_eq!(is_dangerous_url(url), dangerous, "{url:?}");
    }

    #[test]
    fn script_and_data_schemes_are_dangerous() {
        check("javascript:alert(1)", true);
        check("vbscript:msgbox(1)", true);
        check("data:text/html;base64,PHNjcmlwdD4=", true);
    }

    #[test]
    fn obfuscation_does_not_hide_the_scheme() {
        check("JaVaScRiPt:alert(1)", true);
        check("  javascript:alert(1)", true);
        check("\t\n\r javascript:alert(1)", true);
        check("java\tscript:alert(1)", true);
        check("java\nscript:alert(1)", true);
        check("\x00javascript:alert(1)", true);
        check("java\x00script:alert(1)", true);
        check("\x7fjavascript :alert(1)", true);
        check("  JaVa\tscript:alert(1)", true);
        check("DATA:,x", true);
    }

    #[test]
    fn ordinary_urls_are_safe() {
        check("", false);
        check("https://example.com/?next=javascript:x", false);
        check("/relative/path", false);
        check("#fragment", false);
        check("mailto:someone@example.com", false);
        check("javascripts:alert(1)", false);
        check("xjavascript:alert(1)", false);
        check("data", false);
        check("&#106;avascript:alert(1)", false);
        check("ｊavascript:alert(1)", false);
        check("averyveryverylongscheme:data", false);
    }
}
