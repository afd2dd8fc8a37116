//! Where a log-in goes next: the `next` the guard put in the log-in link, when it is a
//! path of this site.
//!
//! Invariant: [`same_site`] answers a path starting with exactly one `/` and holding no
//! `\`, whitespace or control character, or `/`. A browser reads `//evil.example` and
//! `/\evil.example` as another host, and drops tabs and newlines from a URL before
//! reading it (`/<TAB>/evil.example` is `//evil.example`), so a redirect to any of them
//! would be an open redirect: a link on this site's log-in page that lands elsewhere.

/// Where to go when `next` is missing or not a path of this site.
pub(crate) const HOME: &str = "/";

/// `next` when it is a path of this site, else `/`.
pub(crate) fn same_site(next: &str) -> &str {
    let mut chars = next.chars();
    let rooted = chars.next() == Some('/') && !matches!(chars.next(), Some('/' | '\\'));
    let clean = !next.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control());
    if rooted && clean {
        next
    } else {
        HOME
    }
}

/// The log-in page's address that comes back to `path` (percent-encoded, `/` too).
pub(crate) fn login_then(path: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("/login?next={encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(next: &str, expected: &str) {
        assert_eq!(same_site(next), expected, "{next:?}");
    }

    #[test]
    fn paths_of_this_site_are_kept() {
        for path in ["/", "/account", "/account?tab=keys#top", "/a/b/../c", "/%2F%2Fx"] {
            check(path, path);
        }
    }

    #[test]
    fn anything_else_is_home() {
        let elsewhere = [
            "",
            "account",
            "//evil.example",
            "//evil.example/account",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/a\\b",
            "https://evil.example",
            "javascript:alert(1)",
            "\\\\evil.example",
            " /account",
        ];
        for next in elsewhere {
            check(next, HOME);
        }
    }

    #[test]
    fn the_login_link_encodes_the_path() {
        assert_eq!(login_then("/account"), "/login?next=%2Faccount");
        assert_eq!(login_then("/account?a=1&b=2"), "/login?next=%2Faccount%3Fa%3D1%26b%3D2");
    }
}
