//! The signed session cookie: `auth=<user id>.<expiry, unix seconds>.<signature>`, the
//! signature being the base64url (no padding) HMAC-SHA256 of `<user id>.<expiry>` under
//! the app's secret.
//!
//! Invariant: a cookie names a user only when its signature is the one this secret
//! makes (compared in constant time) and its expiry is still ahead; anything else — a
//! changed id, a changed or truncated signature, an expired or malformed value — is no
//! session, never a panic. The server keeps no session table: logging out clears the
//! browser's cookie, and a stolen cookie stays good until it expires (rotate the secret
//! to end every session at once).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac as _};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

/// The cookie's name.
pub(crate) const COOKIE: &str = "auth";
/// The secret signing the cookies (32 bytes or more); random at start without it.
pub(crate) const SECRET_VAR: &str = "AUTH_SECRET";
/// `1` marks the cookie `Secure` (sent over HTTPS only).
pub(crate) const SECURE_VAR: &str = "AUTH_SECURE_COOKIES";
/// How long a log-in lasts.
pub(crate) const LIFETIME: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// The shortest secret accepted: the HMAC-SHA256 key size.
const MIN_SECRET_BYTES: usize = 32;

/// A user's id in the database.
pub(crate) type UserId = i64;

/// Signs and checks session cookies with one secret.
#[derive(Clone)]
pub(crate) struct Sessions {
    key: Vec<u8>,
    /// Whether the cookie is `Secure`.
    secure: bool,
}

impl Sessions {
    /// Sessions signed with `secret`, their cookie `Secure` when `secure`.
    pub(crate) fn new(secret: &[u8], secure: bool) -> Sessions {
        Sessions { key: secret.to_vec(), secure }
    }

    /// Sessions from the environment: the secret of `AUTH_SECRET` (a random one, with
    /// a warning, when it is not set: every session then ends with the process), and
    /// `Secure` cookies when `AUTH_SECURE_COOKIES=1`. A secret shorter than 32 bytes is
    /// an error.
    pub(crate) fn from_env() -> std::io::Result<Sessions> {
        let secure = std::env::var(SECURE_VAR).is_ok_and(|it| it.trim() == "1");
        let secret = match std::env::var(SECRET_VAR) {
            Ok(secret) if secret.len() >= MIN_SECRET_BYTES => secret.into_bytes(),
            Ok(_) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("{SECRET_VAR} must be at least {MIN_SECRET_BYTES} bytes"),
                ))
            }
            Err(_) => {
                tracing::warn!(
                    "{SECRET_VAR} is not set: sessions are signed with a random secret and end \
                     when the process does"
                );
                let mut secret = vec![0; MIN_SECRET_BYTES];
                getrandom::fill(&mut secret).map_err(std::io::Error::other)?;
                secret
            }
        };
        Ok(Sessions::new(&secret, secure))
    }

    /// Whether the cookie is marked `Secure`.
    pub(crate) fn secure(&self) -> bool {
        self.secure
    }

    /// The cookie's value for `user`, good until `expiry` (unix seconds).
    pub(crate) fn value(&self, user: UserId, expiry: u64) -> String {
        let payload = format!("{user}.{expiry}");
        let signature = URL_SAFE_NO_PAD.encode(self.sign(&payload));
        format!("{payload}.{signature}")
    }

    /// The user a cookie's `value` names, when it is signed with this secret and has
    /// not expired at `now` (unix seconds).
    pub(crate) fn verify(&self, value: &str, now: u64) -> Option<UserId> {
        let (payload, signature) = value.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        // Checked before anything of the payload is read: unsigned text is not parsed.
        if !bool::from(self.sign(payload).as_slice().ct_eq(&signature)) {
            return None;
        }
        let (user, expiry) = payload.split_once('.')?;
        let expiry: u64 = expiry.parse().ok()?;
        (now < expiry).then_some(())?;
        user.parse().ok()
    }

    /// The `Set-Cookie` value logging `user` in from `now` (unix seconds) for
    /// [`LIFETIME`].
    pub(crate) fn log_in(&self, user: UserId, now: u64) -> String {
        let max_age = LIFETIME.as_secs();
        let value = self.value(user, now.saturating_add(max_age));
        format!("{COOKIE}={value}; Max-Age={max_age}{}", self.flags())
    }

    /// The `Set-Cookie` value that logs out: the cookie emptied, `Max-Age=0`.
    pub(crate) fn log_out(&self) -> String {
        format!("{COOKIE}=; Max-Age=0{}", self.flags())
    }

    /// The user of the first `auth` cookie of `cookie_header`s that verifies at `now`.
    pub(crate) fn user_in<'a>(
        &self,
        cookie_headers: impl IntoIterator<Item = &'a str>,
        now: u64,
    ) -> Option<UserId> {
        cookie_headers
            .into_iter()
            .flat_map(|header| header.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .filter(|(name, _)| *name == COOKIE)
            .find_map(|(_, value)| self.verify(value.trim(), now))
    }

    /// The HMAC-SHA256 of `payload`.
    fn sign(&self, payload: &str) -> Vec<u8> {
        // A key of any length is fine for HMAC: `new_from_slice` cannot fail here.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return Vec::new();
        };
        mac.update(payload.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The cookie's attributes after its value and `Max-Age`.
    fn flags(&self) -> &'static str {
        if self.secure {
            "; Path=/; HttpOnly; SameSite=Lax; Secure"
        } else {
            "; Path=/; HttpOnly; SameSite=Lax"
        }
    }
}

/// The time now in unix seconds (0 when the clock is before 1970).
pub(crate) fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|it| it.as_secs()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000;

    fn sessions() -> Sessions {
        Sessions::new(b"a test secret of thirty-two bytes!", false)
    }

    /// Which user `value` names at `NOW`.
    #[track_caller]
    fn check(value: &str, expected: Option<UserId>) {
        assert_eq!(sessions().verify(value, NOW), expected, "{value}");
    }

    #[test]
    fn a_good_cookie_names_its_user() {
        let value = sessions().value(42, NOW + 60);
        check(&value, Some(42));
        assert!(value.starts_with("42.1700000060."), "{value}");
    }

    #[test]
    fn a_tampered_id_is_no_session() {
        let value = sessions().value(42, NOW + 60);
        check(&value.replacen("42.", "1.", 1), None);
        check(&value.replacen("42.", "042.", 1), None);
        check(&value.replacen(".1700000060.", ".1800000000.", 1), None);
    }

    #[test]
    fn a_tampered_signature_is_no_session() {
        let value = sessions().value(42, NOW + 60);
        let (payload, signature) = value.rsplit_once('.').unwrap();
        let mut flipped = signature.as_bytes().to_vec();
        flipped[0] = if flipped[0] == b'A' { b'B' } else { b'A' };
        check(&format!("{payload}.{}", String::from_utf8(flipped).unwrap()), None);
        check(&format!("{payload}.{}", &signature[..signature.len() - 1]), None);
        check(&format!("{payload}."), None);
        check(payload, None);
        // Signed with another secret.
        let other = Sessions::new(b"another secret, also 32 bytes long", false);
        check(&other.value(42, NOW + 60), None);
    }

    #[test]
    fn an_expired_cookie_is_no_session() {
        check(&sessions().value(42, NOW), None);
        check(&sessions().value(42, NOW - 1), None);
        check(&sessions().value(42, NOW + 1), Some(42));
    }

    #[test]
    fn malformed_values_are_no_session() {
        for value in ["", ".", "..", "42", "42.x.y", "é.é.é", "42.1700000060.!!!"] {
            check(value, None);
        }
    }

    #[test]
    fn the_cookie_is_read_from_the_cookie_headers() {
        let good = sessions().value(7, NOW + 60);
        let header = format!("theme=dark; auth=forged; auth={good}");
        assert_eq!(sessions().user_in([header.as_str()], NOW), Some(7));
        assert_eq!(sessions().user_in(["authx=1", "theme=dark"], NOW), None);
    }

    #[test]
    fn set_cookie_values_carry_the_flags() {
        let log_in = sessions().log_in(7, NOW);
        assert!(log_in.starts_with("auth=7.1700604800."), "{log_in}");
        assert!(log_in.ends_with("; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"), "{log_in}");
        assert_eq!(sessions().log_out(), "auth=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
        let secure = Sessions::new(b"a test secret of thirty-two bytes!", true);
        assert!(secure.log_in(7, NOW).ends_with("; SameSite=Lax; Secure"));
    }
}
