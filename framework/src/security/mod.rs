//! Security defaults: the headers every response gets ([`SecurityHeaders`]) and the rate
//! limits of server functions ([`Rate`], [`RateLimitStore`]); with the feature `redis`,
//! stores shared by replicas (`RedisRateLimitStore`, `RedisSessions`).
//!
//! CSRF protection needs no setup beyond a secret: see
//! [`ResumaApp::secret`](crate::ResumaApp::secret) and the
//! [server functions guide](crate::guide::server_functions).

mod apply;
mod headers;
pub(crate) mod random;
mod rate_limit;
#[cfg(feature = "redis")]
mod redis;
pub(crate) mod secret;

pub use crate::error::RateParseError;
pub(crate) use apply::add_missing;
pub(crate) use headers::HeaderSet;
pub use headers::SecurityHeaders;
pub use rate_limit::{MemoryRateLimitStore, Rate, RateKey, RateLimitStore, Taking};
#[cfg(feature = "redis")]
pub use redis::{RedisRateLimitStore, RedisSessions, SessionError};
