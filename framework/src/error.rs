//! [`ConfigError`]: an app that cannot start, found when its router is built.
//!
//! Invariant: a leaf below the app and the action endpoint (it imports only the rate
//! parser's error), so either may return it.

use std::fmt;

use axum::http::HeaderName;

use crate::security::rate_limit::RateParseError;

/// Why [`ResumaApp::try_router`](crate::ResumaApp::try_router) (and so `serve` and `run`)
/// refuses to start the app.
///
/// ```
/// let err = resuma::ResumaApp::new().secret("too short").try_router().unwrap_err();
/// assert!(err.to_string().contains("at least 32 bytes"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// The secret is shorter than 32 bytes.
    SecretTooShort {
        /// Where it came from: `ResumaApp::secret` or `RESUMA_SECRET`.
        origin: &'static str,
        /// Its length.
        len_bytes: usize,
    },
    /// No secret is configured and the OS gave no random bytes to make one.
    NoRandomness(getrandom::Error),
    /// A rate limit does not parse.
    BadRate {
        /// The server function it belongs to; `None` for the app's default.
        action: Option<&'static str>,
        /// The rate as written.
        rate: String,
        /// Why it does not parse.
        error: RateParseError,
    },
    /// Two server functions have the same name.
    DuplicateAction {
        /// The name.
        name: &'static str,
    },
    /// A security header's value is not a valid header value.
    BadHeader {
        /// The header.
        name: HeaderName,
        /// The value as written.
        value: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SecretTooShort { origin, len_bytes } => write!(
                f,
                "the secret from {origin} is {len_bytes} bytes; it must be at least 32 bytes \
                 (e.g. 64 hex digits from `openssl rand -hex 32`)"
            ),
            Self::NoRandomness(err) => write!(f, "no random bytes for a secret: {err}"),
            Self::BadRate { action: Some(action), error, .. } => {
                write!(f, "server function `{action}`: {error}")
            }
            Self::BadRate { action: None, error, .. } => {
                write!(f, "ResumaApp::rate_limit: {error}")
            }
            Self::DuplicateAction { name } => {
                write!(f, "two server functions are named `{name}`; names must be unique")
            }
            Self::BadHeader { name, value } => {
                write!(f, "{value:?} is not a valid value for the {name} header")
            }
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::NoRandomness(err) => Some(err),
            Self::BadRate { error, .. } => Some(error),
            _ => None,
        }
    }
}
