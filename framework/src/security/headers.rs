//! [`SecurityHeaders`]: the headers every response gets, and the per-page CSP with its
//! nonce.
//!
//! Invariant: the defaults never allow `'unsafe-inline'` or `'unsafe-eval'`; a page's
//! scripts run because they carry the response's nonce. Everything but the nonce is
//! computed once, when the router is built.

use std::time::Duration;

use axum::http::header::{
    self, HeaderName, HeaderValue, CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY,
};

use crate::error::ConfigError;

/// `Permissions-Policy` (not among the `http` crate's constants).
const PERMISSIONS_POLICY: HeaderName = HeaderName::from_static("permissions-policy");
/// `Cross-Origin-Opener-Policy` (not among the `http` crate's constants).
const CROSS_ORIGIN_OPENER_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-opener-policy");

/// The page CSP's directives after `default-src`, `script-src` and `style-src`.
const DEFAULT_CSP_DIRECTIVES: &str =
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
/// The CSP of every response that is not a page (actions, assets, 404s): nothing loads.
const NON_PAGE_CSP: HeaderValue =
    HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'");

/// The security headers of an app, as a builder. [`ResumaApp::security`] installs them.
///
/// Defaults, on every response (pages, server functions, assets, 404s):
///
/// | header | value |
/// | --- | --- |
/// | `Content-Security-Policy` (pages) | `default-src 'self'; script-src 'self' 'nonce-N'; style-src 'self' 'nonce-N'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'` with a fresh nonce `N` per response |
/// | `Content-Security-Policy` (others) | `default-src 'none'; frame-ancestors 'none'` |
/// | `X-Content-Type-Options` | `nosniff` |
/// | `Referrer-Policy` | `strict-origin-when-cross-origin` |
/// | `X-Frame-Options` | `DENY` |
/// | `Permissions-Policy` | `camera=(), microphone=(), geolocation=()` |
/// | `Cross-Origin-Opener-Policy` | `same-origin` |
/// | `Strict-Transport-Security` | only with [`hsts`](SecurityHeaders::hsts) (or [`ResumaApp::hsts`]) |
///
/// A header that a handler of the app already set is kept as it is.
///
/// ```
/// use std::time::Duration;
/// use axum::http::header;
/// use resuma::security::SecurityHeaders;
///
/// let headers = SecurityHeaders::new()
///     // Replaces everything after default-src, script-src and style-src.
///     .csp_directives("img-src 'self' https://img.example.com; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
///     .remove(header::X_FRAME_OPTIONS)
///     .header(header::REFERRER_POLICY, "no-referrer")
///     .hsts(Duration::from_secs(31_536_000));
/// let app = resuma::ResumaApp::new().security(headers);
/// ```
///
/// [`ResumaApp::security`]: crate::ResumaApp::security
/// [`ResumaApp::hsts`]: crate::ResumaApp::hsts
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    csp: Csp,
    /// Every header but the CSP, in the order they are added.
    headers: Vec<(HeaderName, String)>,
    hsts: Option<Duration>,
}

/// What the app's `Content-Security-Policy` is.
#[derive(Debug, Clone)]
enum Csp {
    /// Resuma's, with these directives after `default-src`, `script-src` and `style-src`.
    Nonced { directives: String },
    /// The app's own value, on every response.
    Verbatim(String),
    /// None at all.
    Off,
}

impl Default for SecurityHeaders {
    fn default() -> Self {
        Self::new()
    }
}

impl SecurityHeaders {
    /// The default set (see the table above); no HSTS.
    ///
    /// ```
    /// let headers = resuma::security::SecurityHeaders::new();
    /// ```
    pub fn new() -> Self {
        let headers = [
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (PERMISSIONS_POLICY, "camera=(), microphone=(), geolocation=()"),
            (CROSS_ORIGIN_OPENER_POLICY, "same-origin"),
        ];
        SecurityHeaders {
            csp: Csp::Nonced { directives: DEFAULT_CSP_DIRECTIVES.to_owned() },
            headers: headers.into_iter().map(|(name, value)| (name, value.to_owned())).collect(),
            hsts: None,
        }
    }

    /// Replaces the page CSP's directives that follow `default-src 'self'; script-src
    /// 'self' 'nonce-N'; style-src 'self' 'nonce-N'` (by default `object-src 'none';
    /// base-uri 'none'; frame-ancestors 'none'; form-action 'self'`). Directives are
    /// separated by `;`. Responses other than pages keep `default-src 'none'`.
    ///
    /// ```
    /// let headers = resuma::security::SecurityHeaders::new()
    ///     .csp_directives("img-src 'self' data:; object-src 'none'; base-uri 'none'");
    /// ```
    pub fn csp_directives(mut self, directives: impl Into<String>) -> Self {
        self.csp = Csp::Nonced { directives: directives.into() };
        self
    }

    /// Sets `name` to `value` on every response, replacing the default value if there is
    /// one. Setting `Content-Security-Policy` this way sends that exact policy on every
    /// response, pages included (which then carry no nonce: allow their scripts yourself).
    /// An invalid value is reported when the router is built.
    ///
    /// ```
    /// use axum::http::header;
    /// let headers = resuma::security::SecurityHeaders::new()
    ///     .header(header::REFERRER_POLICY, "no-referrer");
    /// ```
    pub fn header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        let value = value.into();
        if name == CONTENT_SECURITY_POLICY {
            self.csp = Csp::Verbatim(value);
        } else if let Some(known) = self.headers.iter_mut().find(|(known, _)| *known == name) {
            known.1 = value;
        } else {
            self.headers.push((name, value));
        }
        self
    }

    /// Stops sending `name` (`Content-Security-Policy` and `Strict-Transport-Security`
    /// included).
    ///
    /// ```
    /// let headers = resuma::security::SecurityHeaders::new()
    ///     .remove(axum::http::header::X_FRAME_OPTIONS);
    /// ```
    pub fn remove(mut self, name: HeaderName) -> Self {
        if name == CONTENT_SECURITY_POLICY {
            self.csp = Csp::Off;
        } else if name == STRICT_TRANSPORT_SECURITY {
            self.hsts = None;
        }
        self.headers.retain(|(known, _)| *known != name);
        self
    }

    /// Sends `Strict-Transport-Security: max-age=SECONDS` on every response. Only for
    /// apps served over HTTPS; it also marks the session cookie `Secure`.
    ///
    /// ```
    /// let headers = resuma::security::SecurityHeaders::new()
    ///     .hsts(std::time::Duration::from_secs(86_400));
    /// ```
    pub fn hsts(mut self, max_age: Duration) -> Self {
        self.hsts = Some(max_age);
        self
    }

    pub(crate) fn has_hsts(&self) -> bool {
        self.hsts.is_some()
    }

    /// The headers as they go on responses; fails on a value that is not a valid header.
    pub(crate) fn compile(&self) -> Result<HeaderSet, ConfigError> {
        let value = |name: &HeaderName, value: &str| {
            HeaderValue::from_str(value)
                .map_err(|_| ConfigError::BadHeader { name: name.clone(), value: value.to_owned() })
        };
        let mut fixed = Vec::with_capacity(self.headers.len() + 2);
        let page_csp = match &self.csp {
            Csp::Nonced { directives } => {
                let directives = directives.trim().trim_end_matches(';').trim_end();
                warn_if_unsafe(directives);
                fixed.push((CONTENT_SECURITY_POLICY, NON_PAGE_CSP));
                let tail =
                    if directives.is_empty() { "'".to_owned() } else { format!("'; {directives}") };
                // Checked once here, so that the per-page value is always valid.
                value(&CONTENT_SECURITY_POLICY, &format!("{PAGE_CSP_HEAD}N{PAGE_CSP_MID}N{tail}"))?;
                // The same policy with no nonce to allow, for a page without inline scripts
                // or styles: `tail` after its closing quote.
                let plain = format!("{PAGE_CSP_PLAIN}{}", &tail[1..]);
                let plain = value(&CONTENT_SECURITY_POLICY, &plain)?;
                PageCsp::Nonced { tail, plain }
            }
            Csp::Verbatim(policy) => {
                warn_if_unsafe(policy);
                fixed.push((CONTENT_SECURITY_POLICY, value(&CONTENT_SECURITY_POLICY, policy)?));
                PageCsp::Fixed
            }
            Csp::Off => PageCsp::Fixed,
        };
        for (name, text) in &self.headers {
            fixed.push((name.clone(), value(name, text)?));
        }
        if let Some(max_age) = self.hsts {
            let hsts = format!("max-age={}", max_age.as_secs());
            fixed.push((STRICT_TRANSPORT_SECURITY, value(&STRICT_TRANSPORT_SECURITY, &hsts)?));
        }
        Ok(HeaderSet { fixed, page_csp })
    }
}

/// The start of a page CSP, up to the first nonce.
const PAGE_CSP_HEAD: &str = "default-src 'self'; script-src 'self' 'nonce-";
/// Between the two nonces.
const PAGE_CSP_MID: &str = "'; style-src 'self' 'nonce-";
/// The start of the page CSP of a page that wrote no nonce (no inline script or style).
const PAGE_CSP_PLAIN: &str = "default-src 'self'; script-src 'self'; style-src 'self'";

/// Security headers ready to go on responses.
#[derive(Debug)]
pub(crate) struct HeaderSet {
    /// Set on every response that lacks them (the CSP here is the non-page one).
    pub(crate) fixed: Vec<(HeaderName, HeaderValue)>,
    page_csp: PageCsp,
}

#[derive(Debug)]
enum PageCsp {
    /// Built per page from the nonce; `tail` follows the second nonce. `plain` is the
    /// policy of a page that wrote no nonce: the same, allowing no inline script or style.
    Nonced { tail: String, plain: HeaderValue },
    /// Pages get what every response gets (a verbatim policy, or none).
    Fixed,
}

impl HeaderSet {
    /// The `Content-Security-Policy` of a page whose scripts and styles carry `nonce`
    /// (`None`: the page wrote none, so its policy allows no inline script or style and is
    /// the same for every page), or `None` when pages take the fixed set's policy (if any).
    pub(crate) fn page_csp(&self, nonce: Option<&str>) -> Option<HeaderValue> {
        let PageCsp::Nonced { tail, plain } = &self.page_csp else {
            return None;
        };
        let Some(nonce) = nonce else {
            return Some(plain.clone());
        };
        let len = PAGE_CSP_HEAD.len() + PAGE_CSP_MID.len() + 2 * nonce.len() + tail.len();
        let mut policy = String::with_capacity(len);
        for part in [PAGE_CSP_HEAD, nonce, PAGE_CSP_MID, nonce, tail] {
            policy.push_str(part);
        }
        // Only an invalid nonce could fail this; then no script may run: fail closed.
        Some(HeaderValue::try_from(policy).unwrap_or(NON_PAGE_CSP))
    }
}

/// Logs a warning when the app's own CSP allows inline or eval'd scripts.
fn warn_if_unsafe(policy: &str) {
    if policy.contains("'unsafe-inline'") || policy.contains("'unsafe-eval'") {
        tracing::warn!(
            policy,
            "the app's Content-Security-Policy allows unsafe-inline or unsafe-eval"
        );
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::http::header::{self, HeaderName};

    use super::SecurityHeaders;

    fn names_and_values(headers: &SecurityHeaders) -> Vec<(String, String)> {
        let set = headers.compile().unwrap();
        set.fixed
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
            .collect()
    }

    #[test]
    fn defaults_are_the_documented_set() {
        let headers = SecurityHeaders::new();
        assert_eq!(
            names_and_values(&headers),
            [
                ("content-security-policy", "default-src 'none'; frame-ancestors 'none'"),
                ("x-content-type-options", "nosniff"),
                ("referrer-policy", "strict-origin-when-cross-origin"),
                ("x-frame-options", "DENY"),
                ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
                ("cross-origin-opener-policy", "same-origin"),
            ]
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
        );
        let page = headers.compile().unwrap().page_csp(Some("abc=")).unwrap();
        assert_eq!(
            page,
            "default-src 'self'; script-src 'self' 'nonce-abc='; style-src 'self' 'nonce-abc='; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        );
        assert!(!page.to_str().unwrap().contains("unsafe"));
        // A page that wrote no nonce: the same policy, allowing no inline script or style.
        assert_eq!(
            headers.compile().unwrap().page_csp(None).unwrap(),
            "default-src 'self'; script-src 'self'; style-src 'self'; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        );
    }

    #[test]
    fn directives_headers_and_hsts_can_be_changed() {
        let headers = SecurityHeaders::new()
            .csp_directives("img-src 'self' data:;")
            .remove(header::X_FRAME_OPTIONS)
            .header(header::REFERRER_POLICY, "no-referrer")
            .header(HeaderName::from_static("x-extra"), "1")
            .hsts(Duration::from_secs(60));
        let set = headers.compile().unwrap();
        assert_eq!(
            set.page_csp(Some("n")).unwrap(),
            "default-src 'self'; script-src 'self' 'nonce-n'; style-src 'self' 'nonce-n'; img-src 'self' data:"
        );
        let all = names_and_values(&headers);
        assert!(!all.iter().any(|(name, _)| name == "x-frame-options"));
        assert!(all.contains(&("referrer-policy".into(), "no-referrer".into())));
        assert!(all.contains(&("x-extra".into(), "1".into())));
        assert!(all.contains(&("strict-transport-security".into(), "max-age=60".into())));
        let empty = SecurityHeaders::new().csp_directives("").compile().unwrap();
        assert_eq!(
            empty.page_csp(Some("n")).unwrap(),
            "default-src 'self'; script-src 'self' 'nonce-n'; style-src 'self' 'nonce-n'"
        );
        assert_eq!(
            empty.page_csp(None).unwrap(),
            "default-src 'self'; script-src 'self'; style-src 'self'"
        );
    }

    #[test]
    fn csp_can_be_verbatim_or_off() {
        let verbatim =
            SecurityHeaders::new().header(header::CONTENT_SECURITY_POLICY, "default-src 'self'");
        let set = verbatim.compile().unwrap();
        assert_eq!(set.page_csp(Some("n")), None);
        assert_eq!(set.fixed[0].1, "default-src 'self'");
        let off = SecurityHeaders::new().remove(header::CONTENT_SECURITY_POLICY).compile().unwrap();
        assert_eq!(off.page_csp(Some("n")), None);
        assert!(!off.fixed.iter().any(|(name, _)| name == header::CONTENT_SECURITY_POLICY));
        let no_hsts = SecurityHeaders::new()
            .hsts(Duration::from_secs(1))
            .remove(header::STRICT_TRANSPORT_SECURITY);
        assert!(!no_hsts.has_hsts());
    }

    #[test]
    fn invalid_values_are_a_config_error() {
        let err =
            SecurityHeaders::new().header(header::REFERRER_POLICY, "a\nb").compile().unwrap_err();
        assert!(err.to_string().contains("referrer-policy"), "{err}");
        assert!(SecurityHeaders::new().csp_directives("img-src\r\n x").compile().is_err());
    }
}
