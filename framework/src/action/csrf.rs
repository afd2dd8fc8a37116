//! CSRF protection without server-side state: the session cookie, and tokens that are an
//! HMAC of the session id under the app's secret.
//!
//! Invariant: a token is checked by recomputing it, in constant time, so any replica that
//! shares the secret accepts any other's tokens, and nothing is stored per session.

use axum::http::header::{HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::rejection::ActionRejection;
use crate::http::cookie_value;
use crate::security::secret::Secret;

/// The session cookie: `resuma_sid`, HttpOnly, SameSite=Lax.
pub(crate) const SESSION_COOKIE: &str = "resuma_sid";
/// The header a server function call carries its token in.
pub(crate) const CSRF_HEADER: &str = "x-resuma-csrf";
/// What a token is an HMAC of, before the session id (so the key signs nothing else
/// that could be mistaken for a token).
const TOKEN_CONTEXT: &[u8] = b"resuma-csrf:";
/// Length of a session id and of a token: 32 bytes in base64url without padding.
const ENCODED_LEN: usize = 43;

/// Signs and checks CSRF tokens with the app's secret.
#[derive(Clone)]
pub(crate) struct CsrfKey {
    /// The HMAC with the key already absorbed; cloned per token.
    mac: Hmac<Sha256>,
}

impl CsrfKey {
    pub(crate) fn new(secret: &Secret) -> CsrfKey {
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
            .expect("HMAC accepts keys of any length");
        CsrfKey { mac }
    }

    /// The token of session `sid`: base64url(HMAC-SHA256(secret, "resuma-csrf:" + sid)).
    /// Pages put it in `<meta name="resuma-csrf">`; forms will put it in a hidden field.
    pub(crate) fn csrf_token_for(&self, sid: &str) -> String {
        let mut token = [0; ENCODED_LEN];
        let len = self.encode_token(sid, &mut token);
        // base64url is ASCII.
        token[..len].iter().map(|&b| char::from(b)).collect()
    }

    /// Accepts `headers` when their `x-resuma-csrf` is the token of their session cookie.
    pub(crate) fn verify(&self, headers: &HeaderMap) -> Result<(), ActionRejection> {
        let given = headers.get(CSRF_HEADER).ok_or(ActionRejection::BadCsrf)?.as_bytes();
        self.verify_token(headers, given)
    }

    /// Accepts `given` (a form's `_csrf` field, say) when it is the token of the session
    /// cookie of `headers`.
    pub(crate) fn verify_token(
        &self,
        headers: &HeaderMap,
        given: &[u8],
    ) -> Result<(), ActionRejection> {
        let sid = session_id(headers).ok_or(ActionRejection::BadCsrf)?;
        let mut expected = [0; ENCODED_LEN];
        let len = self.encode_token(sid, &mut expected);
        if bool::from(given.ct_eq(&expected[..len])) {
            Ok(())
        } else {
            Err(ActionRejection::BadCsrf)
        }
    }

    /// Writes the token of `sid` into `out`, returning its length (always 43).
    fn encode_token(&self, sid: &str, out: &mut [u8; ENCODED_LEN]) -> usize {
        let mut mac = self.mac.clone();
        mac.update(TOKEN_CONTEXT);
        mac.update(sid.as_bytes());
        let tag = mac.finalize().into_bytes();
        URL_SAFE_NO_PAD.encode_slice(tag, out).expect("43 bytes hold 32 bytes in base64url")
    }
}

/// The session id of the request's `resuma_sid` cookie, if it has one that is well formed
/// (43 base64url characters; anything else is treated as no session).
pub(crate) fn session_id(headers: &HeaderMap) -> Option<&str> {
    let sid = cookie_value(headers, SESSION_COOKIE)?;
    let well_formed = sid.len() == ENCODED_LEN
        && sid.bytes().all(|it| it.is_ascii_alphanumeric() || it == b'-' || it == b'_');
    well_formed.then_some(sid)
}

/// The `Set-Cookie` value that starts session `sid`.
pub(crate) fn session_cookie(sid: &str, secure: bool) -> HeaderValue {
    const ATTRIBUTES: &str = "; HttpOnly; SameSite=Lax; Path=/";
    let secure = if secure { "; Secure" } else { "" };
    let mut cookie = String::with_capacity(
        SESSION_COOKIE.len() + 1 + sid.len() + ATTRIBUTES.len() + secure.len(),
    );
    for part in [SESSION_COOKIE, "=", sid, ATTRIBUTES, secure] {
        cookie.push_str(part);
    }
    HeaderValue::try_from(cookie).expect("a session id is base64url, valid in a header")
}

#[cfg(test)]
mod tests {
    use axum::http::header::{HeaderMap, HeaderValue, COOKIE};

    use super::{session_cookie, session_id, CsrfKey, CSRF_HEADER};
    use crate::security::secret::Secret;

    const SID: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    fn key(byte: u8) -> CsrfKey {
        CsrfKey::new(&Secret::resolve(Some(&[byte; 32])).unwrap())
    }

    fn headers(cookie: &str, token: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(cookie).unwrap());
        if let Some(token) = token {
            headers.insert(CSRF_HEADER, HeaderValue::from_str(token).unwrap());
        }
        headers
    }

    #[test]
    fn token_is_the_hmac_of_the_session_id() {
        // HMAC-SHA256(key = 32 × 0x01, "resuma-csrf:" + SID), computed with Python's hmac.
        let token = key(1).csrf_token_for(SID);
        assert_eq!(token, "mOETavwRa0Zl6iQ-1fVMzrfs_JH1HWXV0LEVDOXig_0");
        assert_eq!(token, key(1).csrf_token_for(SID), "deterministic");
        assert_ne!(token, key(2).csrf_token_for(SID), "depends on the secret");
        assert_ne!(token, key(1).csrf_token_for(&SID.replace('A', "B")), "depends on the session");
    }

    #[test]
    fn verify_wants_the_token_of_this_session_under_this_secret() {
        let token = key(1).csrf_token_for(SID);
        let cookie = format!("theme=dark; resuma_sid={SID}");
        assert!(key(1).verify(&headers(&cookie, Some(&token))).is_ok());
        assert!(key(2).verify(&headers(&cookie, Some(&token))).is_err());
        assert!(key(1).verify(&headers(&cookie, None)).is_err());
        assert!(key(1).verify(&headers(&cookie, Some(&token[..42]))).is_err());
        assert!(key(1).verify(&headers("theme=dark", Some(&token))).is_err());
        let other = SID.replace('A', "B");
        assert!(key(1).verify(&headers(&format!("resuma_sid={other}"), Some(&token))).is_err());
    }

    #[test]
    fn a_malformed_session_id_is_no_session() {
        assert_eq!(session_id(&headers("a=1; resuma_sid=short", None)), None);
        assert_eq!(session_id(&headers(&format!("resuma_sid={SID}"), None)), Some(SID));
    }

    #[test]
    fn session_cookie_is_http_only_and_lax() {
        assert_eq!(
            session_cookie(SID, false),
            format!("resuma_sid={SID}; HttpOnly; SameSite=Lax; Path=/").as_str()
        );
        assert!(session_cookie(SID, true).to_str().unwrap().ends_with("; Path=/; Secure"));
    }
}
