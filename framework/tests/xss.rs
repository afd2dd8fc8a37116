//! OWASP-style XSS vectors through every way dynamic data reaches a page: as text
//! (`Render`), as an attribute value (`render_attr`) and as a URL (`render_url_attr`).
//! A small checker (`common`) reads the output as a browser would and asserts it is
//! inert, rather than comparing strings.

mod common;

use common::{browser_scheme, check_attr, check_text, check_url_attr, is_dangerous, UNSAFE_URL};
use resuma::{AttributeValue, Html, Render, View};

/// Vectors from the OWASP XSS filter evasion cheat sheet and friends.
const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<img src=x onerror=&#97;lert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "\" onmouseover=\"alert(1)",
    "`onmouseover=alert(1)`",
    "--><script>alert(1)</script>",
    "<!--",
    "<!-- <script>alert(1)</script> -->",
    "]]><script>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<style>@import'javascript:alert(1)';</style>",
    "\0<script>alert(1)</script>",
    "<scr\0ipt>alert(1)</scr\0ipt>",
    "\u{2028}alert(1)\u{2029}",
    "＜script＞alert(1)＜/script＞",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    "  javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "\r\n\t javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "  JaVa\tscript:alert(1)",
    "javascript://%0Aalert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    " DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "\u{feff}javascript:alert(1)",
];

#[test]
fn vectors_as_text_are_inert() {
    for vector in VECTORS {
        check_text(vector);
    }
}

#[test]
fn vectors_as_attribute_values_are_inert() {
    for vector in VECTORS {
        check_attr(vector);
    }
}

#[test]
fn vectors_as_url_attributes_are_inert() {
    let (mut n_dangerous, mut n_replaced) = (0, 0);
    for vector in VECTORS {
        let value = check_url_attr(vector);
        if is_dangerous(vector) {
            assert_eq!(value, UNSAFE_URL, "{vector:?} got through");
            n_dangerous += 1;
        }
        n_replaced += usize::from(value == UNSAFE_URL);
    }
    // Not vacuous: this many vectors really are script URLs to a browser, and nothing
    // the browser would read as harmless was replaced.
    assert_eq!(n_dangerous, 17);
    assert_eq!(n_replaced, n_dangerous);
}

#[test]
fn checker_recognises_what_browsers_run() {
    assert_eq!(browser_scheme("  JaVa\tscript:x").as_deref(), Some("javascript"));
    assert_eq!(browser_scheme("\x01data:,x").as_deref(), Some("data"));
    assert_eq!(browser_scheme("&#106;avascript:x"), None);
    assert_eq!(browser_scheme("/path:with-colon"), None);
    assert!(!is_dangerous("https://example.com/javascript:"));
}

#[test]
fn entity_encoded_schemes_stay_text() {
    let mut html = Html::new();
    "&#106;avascript:alert(1)".render_url_attr("href", &mut html);
    assert_eq!(html.as_str(), r#" href="&amp;#106;avascript:alert(1)""#);
}

#[test]
fn safe_urls_are_kept() {
    for url in [
        "https://example.com/?q=<x>&y='z'",
        "/relative/javascript:not-a-scheme",
        "#top",
        "mailto:a@example.com",
        "?next=data:x",
    ] {
        assert_eq!(check_url_attr(url), url);
    }
}

#[test]
fn optional_and_owned_values_take_the_same_paths() {
    for vector in VECTORS {
        let mut html = Html::new();
        Some(String::from(*vector)).render_url_attr("src", &mut html);
        let mut expected = Html::new();
        vector.render_url_attr("src", &mut expected);
        assert_eq!(html.as_str(), expected.as_str());
    }
}

#[test]
fn vectors_inside_a_page_leave_only_the_static_tags() {
    let page = View::new(|html| {
        html.push_static("<ul>");
        for vector in VECTORS {
            html.push_static("<li");
            vector.render_attr("title", html);
            vector.render_url_attr("href", html);
            html.push_static(">");
            vector.render(html);
            html.push_static("</li>");
        }
        html.push_static("</ul>");
    })
    .to_html();
    assert_eq!(page.matches('<').count(), 2 + 2 * VECTORS.len());
    assert!(!page.contains("<script"));
}
