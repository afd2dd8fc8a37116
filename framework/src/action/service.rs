//! [`ActionService`]: everything the action endpoint needs, built once per router from an
//! [`ActionConfig`] the app hands over.
//!
//! Invariant: the endpoint sees only this value, never the app's own settings, so
//! `action/` imports nothing from the app; immutable once built (behind an `Arc`), and
//! nothing on the request path takes a lock here (the rate-limit store shards its own).

use std::sync::Arc;

use super::csrf::CsrfKey;
use super::registry::ActionTable;
use super::request::StateMap;
use crate::error::ConfigError;
use crate::security::{MemoryRateLimitStore, Rate, RateLimitStore};

/// The rate of server functions when neither they nor the app set one.
const DEFAULT_RATE: Rate = Rate::per_second(60);

/// What the app decides about its server functions, unchecked.
pub(crate) struct ActionConfig {
    /// Signs and checks the CSRF tokens of the app's pages.
    pub(crate) csrf: CsrfKey,
    /// The app's default rate as written (`ResumaApp::rate_limit`); `None` for 60/s.
    pub(crate) default_rate: Option<String>,
    /// Where buckets live; `None` for this process.
    pub(crate) rate_limit_store: Option<Arc<dyn RateLimitStore>>,
    pub(crate) body_limit_bytes: usize,
    pub(crate) trust_forwarded_for: bool,
    pub(crate) state: StateMap,
}

/// The checked settings of the action endpoint of one router.
pub(crate) struct ActionService {
    pub(crate) csrf: CsrfKey,
    pub(crate) actions: ActionTable,
    pub(crate) rate_limits: Arc<dyn RateLimitStore>,
    pub(crate) body_limit_bytes: usize,
    pub(crate) trust_forwarded_for: bool,
    pub(crate) state: Arc<StateMap>,
    /// The app's default rate (`rate_limit`), which Flow's submits use too.
    pub(crate) default_rate: Rate,
}

impl ActionService {
    /// Checks `config` and collects the registered server functions: a rate that does not
    /// parse or two functions of one name are errors.
    pub(crate) fn new(config: ActionConfig) -> Result<ActionService, ConfigError> {
        let default_rate = match config.default_rate {
            Some(text) => text.parse().map_err(|error| ConfigError::BadRate {
                action: None,
                rate: text,
                error,
            })?,
            None => DEFAULT_RATE,
        };
        Ok(ActionService {
            csrf: config.csrf,
            actions: ActionTable::collect(default_rate)?,
            rate_limits: config
                .rate_limit_store
                .unwrap_or_else(|| Arc::new(MemoryRateLimitStore::new())),
            body_limit_bytes: config.body_limit_bytes,
            trust_forwarded_for: config.trust_forwarded_for,
            state: Arc::new(config.state),
            default_rate,
        })
    }
}

impl std::fmt::Debug for ActionService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActionService")
            .field("actions", &self.actions)
            .field("body_limit_bytes", &self.body_limit_bytes)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}
