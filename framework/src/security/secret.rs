//! The app's secret: the key CSRF tokens are signed with.
//!
//! Invariant: a configured secret is at least 32 bytes, whether it comes from
//! [`ResumaApp::secret`](crate::ResumaApp::secret) or `RESUMA_SECRET`; without one a random
//! secret is generated at startup, with a warning, since its tokens die with the process
//! and are refused by every other replica.

use std::ffi::OsStr;
use std::fmt;

use super::random::random_bytes;
use crate::error::ConfigError;

/// The environment variable the secret is read from when the app sets none.
pub(crate) const SECRET_VAR: &str = "RESUMA_SECRET";
/// The shortest secret accepted (the HMAC-SHA256 key size).
pub(crate) const MIN_SECRET_BYTES: usize = 32;

/// Key material. `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(Vec<u8>);

impl Secret {
    /// The secret set with `ResumaApp::secret`, else `RESUMA_SECRET`, else a random one.
    pub(crate) fn resolve(explicit: Option<&[u8]>) -> Result<Secret, ConfigError> {
        if let Some(bytes) = explicit {
            return Secret::checked(bytes.to_vec(), "ResumaApp::secret");
        }
        if let Some(value) = std::env::var_os(SECRET_VAR) {
            return Secret::from_env_value(&value);
        }
        let bytes = random_bytes::<MIN_SECRET_BYTES>().map_err(ConfigError::NoRandomness)?;
        tracing::warn!(
            "no secret configured (ResumaApp::secret or {SECRET_VAR}): using a random one, so \
             CSRF tokens will not survive a restart nor work across replicas"
        );
        Ok(Secret(bytes.to_vec()))
    }

    /// The value of `RESUMA_SECRET`: hex when it is hex of at least 32 bytes, else the
    /// raw bytes of the string.
    pub(crate) fn from_env_value(value: &OsStr) -> Result<Secret, ConfigError> {
        let raw = value.as_encoded_bytes();
        let bytes = decode_hex(raw)
            .filter(|it| it.len() >= MIN_SECRET_BYTES)
            .unwrap_or_else(|| raw.to_vec());
        Secret::checked(bytes, SECRET_VAR)
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    fn checked(bytes: Vec<u8>, origin: &'static str) -> Result<Secret, ConfigError> {
        if bytes.len() < MIN_SECRET_BYTES {
            return Err(ConfigError::SecretTooShort { origin, len_bytes: bytes.len() });
        }
        Ok(Secret(bytes))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes)", self.0.len())
    }
}

/// `text` as hex digits (either case), or `None` if it is not an even run of them.
fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |it: u8| (it as char).to_digit(16).map(|d| d as u8);
    text.chunks_exact(2).map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?)).collect()
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::{decode_hex, Secret};
    use crate::error::ConfigError;

    #[test]
    fn hex_of_32_bytes_is_decoded() {
        let hex = "00ff".repeat(16);
        let secret = Secret::from_env_value(OsStr::new(&hex)).unwrap();
        assert_eq!(secret.as_bytes(), [0x00, 0xff].repeat(16));
        let upper = Secret::from_env_value(OsStr::new(&hex.to_uppercase())).unwrap();
        assert_eq!(upper, secret);
    }

    #[test]
    fn long_raw_strings_are_taken_as_bytes() {
        let raw = "correct horse battery staple, twice over";
        assert_eq!(Secret::from_env_value(OsStr::new(raw)).unwrap().as_bytes(), raw.as_bytes());
        // 40 hex digits decode to 20 bytes only: the 40-byte string is the secret.
        let short_hex = "ab".repeat(20);
        let secret = Secret::from_env_value(OsStr::new(&short_hex)).unwrap();
        assert_eq!(secret.as_bytes(), short_hex.as_bytes());
    }

    #[test]
    fn short_secrets_are_refused_naming_their_origin() {
        let err = Secret::from_env_value(OsStr::new("hunter2")).unwrap_err();
        assert!(matches!(
            err,
            ConfigError::SecretTooShort { origin: "RESUMA_SECRET", len_bytes: 7 }
        ));
        assert!(err.to_string().contains("at least 32 bytes"), "{err}");
        let err = Secret::resolve(Some(&[1; 31])).unwrap_err();
        assert!(matches!(err, ConfigError::SecretTooShort { origin: "ResumaApp::secret", .. }));
        assert!(Secret::resolve(Some(&[1; 32])).is_ok());
    }

    #[test]
    fn hex_decoding_rejects_odd_and_non_hex() {
        assert_eq!(decode_hex(b"0aF1"), Some(vec![0x0a, 0xf1]));
        assert_eq!(decode_hex(b"0a1"), None);
        assert_eq!(decode_hex(b"zz"), None);
        assert_eq!(decode_hex(b""), None);
    }

    #[test]
    fn debug_hides_the_key() {
        let secret = Secret::resolve(Some(b"0123456789abcdef0123456789abcdef")).unwrap();
        assert_eq!(format!("{secret:?}"), "Secret(32 bytes)");
    }
}
