//! HTTP caching of pages: how the `Cache-Control` values of a page's loads compose, when
//! a shared cache may keep a page, and the page's `ETag` with its `304 Not Modified`.
//!
//! Invariant: composing is never looser than any load asked (`no-store` beats all,
//! `private` beats `public`, the shortest lifetime wins), and a page gets an `ETag` only
//! when its bytes are a function of what the server knows about the request, never of
//! the response's one-time nonce; so a `304` can never make a browser reuse a body whose
//! scripts the new response's CSP would refuse.
//!
//! The `Cache-Control` grammar is small and the `headers` crate's typed header would
//! drop the directives it does not know, so it is parsed here.

use std::fmt::Write as _;

use axum::http::{header, HeaderMap, HeaderValue};
use base64::Engine as _;

/// The `Cache-Control` of a page whose loads set `values` (outermost layout first, the
/// page last): the strictest of each directive, or `None` when no load set one.
///
/// `no-store` anywhere is `no-store`; `private` anywhere makes the page private (and
/// drops `s-maxage`); `no-cache`, `must-revalidate`, `proxy-revalidate` and
/// `no-transform` are kept if any value has them; `max-age`, `s-maxage`,
/// `stale-while-revalidate` and `stale-if-error` take the smallest value given;
/// `immutable` stays only if every value has it.
pub(crate) fn compose(values: &[HeaderValue]) -> Option<HeaderValue> {
    match values {
        [] => None,
        [one] => Some(one.clone()),
        _ => {
            let parsed: Vec<Vec<Directive<'_>>> =
                values.iter().map(|value| parse(value.to_str().unwrap_or("no-store"))).collect();
            HeaderValue::from_str(&strictest(&parsed)).ok()
        }
    }
}

/// One directive of a `Cache-Control` value: its lowercased name and its argument.
#[derive(Debug, Clone, PartialEq)]
struct Directive<'a> {
    name: String,
    arg: Option<&'a str>,
}

fn parse(value: &str) -> Vec<Directive<'_>> {
    value
        .split(',')
        .map(str::trim)
        .filter(|it| !it.is_empty())
        .map(|it| match it.split_once('=') {
            Some((name, arg)) => {
                Directive { name: name.trim().to_ascii_lowercase(), arg: Some(arg.trim()) }
            }
            None => Directive { name: it.to_ascii_lowercase(), arg: None },
        })
        .collect()
}

/// Directives with a lifetime in seconds: the smallest wins.
const LIFETIMES: [&str; 4] = ["max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"];
/// Directives that restrict: any value having one keeps it.
const FLAGS: [&str; 5] =
    ["no-cache", "must-revalidate", "proxy-revalidate", "no-transform", "public"];

fn strictest(values: &[Vec<Directive<'_>>]) -> String {
    let has = |name: &str| values.iter().any(|it| it.iter().any(|d| d.name == name));
    if has("no-store") {
        return "no-store".to_owned();
    }
    let private = has("private");
    let mut out = String::new();
    let mut push = |text: &str| {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(text);
    };
    if private {
        push("private");
    }
    for flag in FLAGS {
        if has(flag) && !(flag == "public" && private) {
            push(flag);
        }
    }
    for lifetime in LIFETIMES {
        if lifetime == "s-maxage" && private {
            continue;
        }
        let smallest = values
            .iter()
            .flatten()
            .filter(|d| d.name == lifetime)
            .filter_map(|d| d.arg?.trim_matches('"').parse::<u64>().ok())
            .min();
        if let Some(seconds) = smallest {
            push(&format!("{lifetime}={seconds}"));
        }
    }
    if values.iter().all(|it| it.iter().any(|d| d.name == "immutable")) {
        push("immutable");
    }
    // Directives this module does not know pass through, once each.
    let known = |name: &str| {
        ["no-store", "private", "immutable"].contains(&name)
            || FLAGS.contains(&name)
            || LIFETIMES.contains(&name)
    };
    let mut seen: Vec<&Directive<'_>> = Vec::new();
    for directive in values.iter().flatten().filter(|d| !known(&d.name)) {
        if !seen.contains(&directive) {
            seen.push(directive);
            match directive.arg {
                Some(arg) => push(&format!("{}={arg}", directive.name)),
                None => push(&directive.name),
            }
        }
    }
    out
}

/// Whether a `Cache-Control` value lets shared caches keep the page (`public`,
/// `s-maxage`, and no `private`/`no-store`): then the page goes without its visitor's
/// session, unless it resumes.
pub(crate) fn lets_shared_caches_keep(cache: &HeaderValue) -> bool {
    let Ok(value) = cache.to_str() else { return false };
    let directives = parse(value);
    let has = |name: &str| directives.iter().any(|d| d.name == name);
    !has("private") && !has("no-store") && (has("public") || has("s-maxage"))
}

/// `cache` for a page that asked to be shared but carries its visitor's CSRF token (its
/// handlers' server function calls and its forms need it), so it stays per visitor: `public` becomes
/// `private` and `s-maxage` goes (logged).
pub(crate) fn per_visitor(cache: &HeaderValue, page: &str) -> Option<HeaderValue> {
    let value = cache.to_str().ok()?;
    tracing::warn!(
        page,
        cache = value,
        "a page with handlers or a form carries its visitor's CSRF token: served `private`"
    );
    let mut private = String::from("private");
    for directive in parse(value) {
        if directive.name == "public" || directive.name == "s-maxage" {
            continue;
        }
        private.push_str(", ");
        private.push_str(&directive.name);
        if let Some(arg) = directive.arg {
            let _ = write!(private, "={arg}");
        }
    }
    HeaderValue::from_str(&private).ok()
}

/// The weak entity tag of a page's bytes: `W/"…"`, their 128-bit XXH3 in base64url.
/// Weak, because the compression layer sends other bytes for the same page.
///
/// Not a cryptographic hash, on purpose: a tag only tells a client whether the copy it
/// holds is still the page's, and no one gains by making two versions of a page collide
/// (a visitor would keep an older copy of a page everyone may see). SHA-256 took about
/// a sixth of the server time of a 4 KB Flow page (`benchmark/actions --profile flow`);
/// XXH3 hashes it in a fraction of a microsecond, and like SHA-256 it gives every
/// replica and every restart the same tag for the same bytes.
pub(crate) fn etag(body: &[u8]) -> HeaderValue {
    let digest = xxhash_rust::xxh3::xxh3_128(body).to_le_bytes();
    // `W/"` + 22 characters of base64url + `"`.
    let mut tag = [0u8; 26];
    tag[..3].copy_from_slice(b"W/\"");
    let written = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode_slice(digest, &mut tag[3..25])
        .unwrap_or(0);
    tag[3 + written] = b'"';
    // Base64url is visible ASCII: always a header value.
    HeaderValue::from_bytes(&tag[..4 + written]).unwrap_or(HeaderValue::from_static("W/\"\""))
}

/// Whether the request's `If-None-Match` names `etag` (weak comparison, `*` matches):
/// then the page answers `304 Not Modified`.
pub(crate) fn not_modified(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let own = opaque(etag.as_bytes());
    request.get_all(header::IF_NONE_MATCH).iter().any(|value| {
        value.as_bytes().split(|&byte| byte == b',').any(|tag| {
            let tag = tag.trim_ascii();
            tag == b"*" || opaque(tag) == own
        })
    })
}

/// An entity tag without its weakness prefix, for the weak comparison.
fn opaque(tag: &[u8]) -> &[u8] {
    tag.strip_prefix(b"W/").unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use axum::http::{header, HeaderMap, HeaderValue};

    use super::{compose, etag, lets_shared_caches_keep, not_modified, per_visitor};

    fn composed(values: &[&str]) -> Option<String> {
        let values: Vec<HeaderValue> =
            values.iter().map(|it| HeaderValue::from_str(it).unwrap()).collect();
        compose(&values).map(|it| it.to_str().unwrap().to_owned())
    }

    #[test]
    fn one_value_is_kept_as_it_is() {
        assert_eq!(composed(&[]), None);
        assert_eq!(composed(&["Public, Max-Age=60"]).as_deref(), Some("Public, Max-Age=60"));
    }

    #[test]
    fn composing_takes_the_strictest_of_each_directive() {
        let cases = [
            (&["public, max-age=600", "public, max-age=60"][..], "public, max-age=60"),
            (&["public, max-age=60, s-maxage=600", "private, max-age=30"], "private, max-age=30"),
            (&["public, max-age=60", "no-store"], "no-store"),
            (&["max-age=60, immutable", "max-age=60"], "max-age=60"),
            (&["max-age=60, immutable", "max-age=10, immutable"], "max-age=10, immutable"),
            (
                &["public, s-maxage=300", "public, max-age=5, no-cache"],
                "no-cache, public, max-age=5, s-maxage=300",
            ),
            (
                &["public, max-age=60, x-own=1", "max-age=90, x-own=1"],
                "public, max-age=60, x-own=1",
            ),
            (
                &["public, stale-while-revalidate=30", "stale-while-revalidate=\"10\""],
                "public, stale-while-revalidate=10",
            ),
        ];
        for (values, expected) in cases {
            assert_eq!(composed(values).as_deref(), Some(expected), "{values:?}");
        }
    }

    #[test]
    fn shared_means_public_or_s_maxage_without_private() {
        for (value, shared) in [
            ("public, max-age=60", true),
            ("s-maxage=60", true),
            ("PUBLIC", true),
            ("private, max-age=60", false),
            ("public, private", false),
            ("public, no-store", false),
            ("max-age=60", false),
            ("x-public", false),
        ] {
            let value = HeaderValue::from_static(value);
            assert_eq!(lets_shared_caches_keep(&value), shared, "{value:?}");
        }
    }

    #[test]
    fn a_resuming_page_stays_private() {
        let cache = HeaderValue::from_static("public, max-age=60, s-maxage=600");
        assert_eq!(per_visitor(&cache, "/").unwrap(), "private, max-age=60");
    }

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists_and_stars() {
        let tag = etag(b"<p>page</p>");
        // The same bytes get the same tag on every replica, after every restart and
        // upgrade of the hash crate: pinned.
        assert_eq!(tag, "W/\"tG6TeYXB7pX5giqdCUVJ_g\"");
        assert!(tag.to_str().unwrap().starts_with("W/\""));
        assert_eq!(tag, etag(b"<p>page</p>"));
        assert_ne!(tag, etag(b"<p>page!</p>"));
        let strong = tag.to_str().unwrap().strip_prefix("W/").unwrap().to_owned();
        let request = |values: &[&str]| {
            let mut headers = HeaderMap::new();
            for value in values {
                headers.append(header::IF_NONE_MATCH, HeaderValue::from_str(value).unwrap());
            }
            headers
        };
        assert!(!not_modified(&request(&[]), &tag));
        assert!(not_modified(&request(&[tag.to_str().unwrap()]), &tag));
        assert!(not_modified(&request(&[&strong]), &tag));
        assert!(not_modified(&request(&[&format!("\"other\", {strong}")]), &tag));
        assert!(not_modified(&request(&["\"other\"", tag.to_str().unwrap()]), &tag));
        assert!(not_modified(&request(&["*"]), &tag));
        assert!(!not_modified(&request(&["\"other\", W/\"x\""]), &tag));
    }
}
