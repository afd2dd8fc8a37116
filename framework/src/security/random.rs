//! Random values from the operating system: CSP nonces, session ids and a generated secret.
//!
//! Invariant: every value comes straight from `getrandom` (the OS CSPRNG); nothing here
//! is seeded, cached or reused between responses.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;

/// Bytes of a CSP nonce (128 bits, as CSP level 3 asks for at least).
const NONCE_BYTES: usize = 16;
/// Bytes of a session id.
pub(crate) const SESSION_ID_BYTES: usize = 32;

/// `N` random bytes.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// A fresh CSP nonce: 16 random bytes in standard base64 (24 characters, `+/=` allowed,
/// none of which needs escaping in an attribute or a header).
pub(crate) fn new_nonce() -> Result<String, getrandom::Error> {
    Ok(STANDARD.encode(random_bytes::<NONCE_BYTES>()?))
}

/// A fresh session id: 32 random bytes, base64url without padding (43 characters).
pub(crate) fn new_session_id() -> Result<String, getrandom::Error> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<SESSION_ID_BYTES>()?))
}

#[cfg(test)]
mod tests {
    use super::{new_nonce, new_session_id};

    #[test]
    fn nonces_and_session_ids_are_fresh_and_well_formed() {
        let (a, b) = (new_nonce().unwrap(), new_nonce().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 24);
        assert!(a.bytes().all(|it| it.is_ascii_alphanumeric() || b"+/=".contains(&it)), "{a}");
        let sid = new_session_id().unwrap();
        assert_eq!(sid.len(), 43);
        assert!(sid.bytes().all(|it| it.is_ascii_alphanumeric() || b"-_".contains(&it)), "{sid}");
        assert_ne!(sid, new_session_id().unwrap());
    }
}
