//! [`Shared`]: what the pages and the action endpoint of one router share, built once from
//! the app's options.
//!
//! Invariant: immutable once built (behind an `Arc`); nothing on the request path takes
//! a lock here (the rate-limit store shards its own).

use std::sync::Arc;

use super::options::AppOptions;
use crate::action::csrf::CsrfKey;
use crate::action::request::StateMap;
use crate::action::ActionTable;
use crate::error::ConfigError;
use crate::security::secret::Secret;
use crate::security::{HeaderSet, MemoryRateLimitStore, Rate, RateLimitStore};

/// The rate of server functions when neither they nor the app set one.
const DEFAULT_RATE: Rate = Rate::per_second(60);

/// The checked settings of one router.
pub(crate) struct Shared {
    pub(crate) csrf: CsrfKey,
    /// Whether the session cookie is `Secure`.
    pub(crate) secure_cookies: bool,
    pub(crate) headers: Arc<HeaderSet>,
    pub(crate) actions: ActionTable,
    pub(crate) rate_limits: Arc<dyn RateLimitStore>,
    pub(crate) body_limit_bytes: usize,
    pub(crate) trust_forwarded_for: bool,
    pub(crate) state: Arc<StateMap>,
}

impl Shared {
    pub(crate) fn build(options: AppOptions) -> Result<Shared, ConfigError> {
        let secret = Secret::resolve(options.secret.as_deref())?;
        let mut headers = options.headers;
        if let Some(max_age) = options.hsts {
            headers = headers.hsts(max_age);
        }
        let default_rate = match &options.rate_limit {
            Some(text) => text.parse().map_err(|error| ConfigError::BadRate {
                action: None,
                rate: text.clone(),
                error,
            })?,
            None => DEFAULT_RATE,
        };
        Ok(Shared {
            csrf: CsrfKey::new(&secret),
            secure_cookies: options.secure_cookies || headers.has_hsts(),
            headers: Arc::new(headers.compile()?),
            actions: ActionTable::collect(default_rate)?,
            rate_limits: options
                .rate_limit_store
                .unwrap_or_else(|| Arc::new(MemoryRateLimitStore::new())),
            body_limit_bytes: options.body_limit_bytes,
            trust_forwarded_for: options.trust_forwarded_for,
            state: Arc::new(options.state),
        })
    }

    /// Settings for unit tests: a fixed secret, everything else default.
    #[cfg(test)]
    pub(crate) fn for_tests() -> Shared {
        let options = AppOptions { secret: Some(vec![0; 32]), ..AppOptions::default() };
        Shared::build(options).expect("the default options are valid")
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("secure_cookies", &self.secure_cookies)
            .field("actions", &self.actions)
            .field("body_limit_bytes", &self.body_limit_bytes)
            .finish_non_exhaustive()
    }
}
