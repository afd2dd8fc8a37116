//! [`Shared`]: what the pages and the action endpoint of one router share, built once from
//! the app's options.
//!
//! Invariant: immutable once built (behind an `Arc`). The action endpoint gets only its
//! [`ActionService`], never this value.

use std::sync::Arc;

use super::options::AppOptions;
use crate::action::csrf::CsrfKey;
use crate::action::{ActionConfig, ActionService};
use crate::error::ConfigError;
use crate::security::secret::Secret;
use crate::security::HeaderSet;

/// The checked settings of one router.
pub(crate) struct Shared {
    /// Signs the CSRF token each page carries (the action endpoint holds the same key).
    pub(crate) csrf: CsrfKey,
    /// Whether the session cookie is `Secure`.
    pub(crate) secure_cookies: bool,
    pub(crate) headers: Arc<HeaderSet>,
    pub(crate) actions: Arc<ActionService>,
    /// Whether responses are compressed for clients that accept it.
    pub(crate) compression: bool,
    /// Whether `resuma build` started the app: pages and files are listed, and a page
    /// can be asked for as a static file.
    pub(crate) list_mode: bool,
}

impl Shared {
    pub(crate) fn build(options: AppOptions) -> Result<Shared, ConfigError> {
        let secret = Secret::resolve(options.secret.as_deref())?;
        let compression = options.compression;
        let csrf = CsrfKey::new(&secret);
        let mut headers = options.headers;
        if let Some(max_age) = options.hsts {
            headers = headers.hsts(max_age);
        }
        let actions = ActionService::new(ActionConfig {
            csrf: csrf.clone(),
            default_rate: options.rate_limit,
            rate_limit_store: options.rate_limit_store,
            body_limit_bytes: options.body_limit_bytes,
            trust_forwarded_for: options.trust_forwarded_for,
            state: options.state,
        })?;
        Ok(Shared {
            csrf,
            secure_cookies: options.secure_cookies || headers.has_hsts(),
            headers: Arc::new(headers.compile()?),
            actions: Arc::new(actions),
            compression,
            list_mode: super::list_mode(),
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
            .finish_non_exhaustive()
    }
}
