//! [`ConfigError`]: an app that cannot start, found when its router is built, and
//! [`RateParseError`], one of its causes.
//!
//! Invariant: a leaf: it imports nothing of this crate, so the app, the action endpoint
//! and the security defaults may all return it.

use std::fmt;

use axum::http::HeaderName;

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
    /// A file given to [`ResumaApp::file`](crate::ResumaApp::file) cannot be served.
    BadFile {
        /// Its path as written.
        path: String,
        /// Why.
        reason: &'static str,
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
            Self::BadFile { path, reason } => write!(f, "file {path:?}: {reason}"),
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

/// Why a rate does not parse.
///
/// ```
/// let err = "ten/s".parse::<resuma::security::Rate>().unwrap_err();
/// assert!(err.to_string().contains("ten/s"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateParseError {
    text: String,
}

impl RateParseError {
    /// The error of `text`, which is not a rate.
    pub(crate) fn new(text: &str) -> RateParseError {
        RateParseError { text: text.to_owned() }
    }
}

impl fmt::Display for RateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a rate: expected COUNT/UNIT with a COUNT above 0 and a UNIT of s, min, h or d (e.g. \"10/s\", \"100/min\")",
            self.text
        )
    }
}

impl std::error::Error for RateParseError {}
