//! Stores shared by every replica, on Redis (feature `redis`): [`RedisRateLimitStore`], a
//! rate limiter that is one atomic script per check, and [`RedisSessions`], JSON values
//! under random ids that expire.
//!
//! Invariant: Redis being away never stops a page: each operation is bounded by a timeout,
//! a rate-limit check then fails open or closed as configured, the failure is logged at
//! most once per [`LOG_EVERY`] (with how many were not logged), and the connection comes
//! back by itself (`redis::aio::ConnectionManager` reconnects on the next use).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands as _, Client, RedisError, Script};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::random::new_session_id;
use super::rate_limit::{Rate, RateKey, RateLimitStore, Taking};

/// The least time between two log lines about Redis failing, per store.
const LOG_EVERY: Duration = Duration::from_secs(10);
/// How long one Redis operation may take before it counts as failed.
const DEFAULT_TIMEOUT: Duration = Duration::from_millis(250);
/// What a client refused because Redis is away (`fail_open(false)`) is told to wait.
const CLOSED_RETRY_AFTER: Duration = Duration::from_secs(1);

/// The rate limit as one script, so a check is atomic and one round trip (`EVALSHA`, with
/// the script sent again only after Redis restarts). The same token bucket as the memory
/// store, kept as GCRA: the key holds the instant (µs, Redis' clock, so replicas agree)
/// at which the bucket will be full again, and expires then.
/// ARGV: µs per token, µs of burst (`per_token * (count - 1)`). Returns 0 when allowed,
/// else the µs to wait.
const GCRA_LUA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local per_token = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local full_at = now
local stored = redis.call('GET', KEYS[1])
if stored then
  full_at = math.max(tonumber(stored), now)
end
local after = full_at + per_token
local allowed_from = after - burst - per_token
if allowed_from > now then
  return string.format('%d', allowed_from - now)
end
redis.call('SET', KEYS[1], string.format('%d', after), 'PX', math.floor((after - now) / 1000) + 1)
return '0'
";

/// A [`RateLimitStore`] on Redis: every replica that points at the same Redis shares
/// each client's buckets, so a limit holds across the replicas behind a load balancer.
///
/// The algorithm is the memory store's token bucket (GCRA: up to `rate.count()` calls at
/// once, refilled evenly over the period), run as one Lua script: atomic, one round trip.
/// When Redis does not answer within the timeout (250 ms by default), the call is let
/// through ([`fail_open(true)`](Self::fail_open), the default: pages and calls keep
/// working without limits) or refused with `429` and a retry after 1 s
/// (`fail_open(false)`); either way a warning is logged at most every 10 s. The connection
/// is made on first use and remade after a failure, so Redis may start after the app.
///
/// ```no_run
/// use resuma::security::RedisRateLimitStore;
///
/// let store = RedisRateLimitStore::new("redis://127.0.0.1:6379/")
///     .expect("a redis:// URL")
///     .fail_open(false);
/// let app = resuma::ResumaApp::new().rate_limit_store(store);
/// ```
pub struct RedisRateLimitStore {
    redis: Shared,
    script: Script,
    fail_open: bool,
    prefix: String,
    failures: LogGate,
}

impl RedisRateLimitStore {
    /// A store on the Redis at `url`: `redis://host:port/db`, or `rediss://…` over TLS
    /// with the feature `redis-tls` (the server's certificate checked against the system's
    /// roots, or `SSL_CERT_FILE`). Only the URL is checked now; the connection is made on
    /// first use.
    pub fn new(url: &str) -> Result<Self, RedisError> {
        Ok(RedisRateLimitStore {
            redis: Shared::new(url)?,
            script: Script::new(GCRA_LUA),
            fail_open: true,
            prefix: "resuma:rl:".to_owned(),
            failures: LogGate::new(),
        })
    }

    /// What a check does when Redis cannot answer: `true` (the default) lets the call
    /// through, `false` refuses it with `429` (`Retry-After: 1`).
    pub fn fail_open(mut self, open: bool) -> Self {
        self.fail_open = open;
        self
    }

    /// How long a check may wait for Redis (default 250 ms) before it fails open or closed.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.redis.timeout = timeout;
        self
    }

    /// The prefix of the keys (default `resuma:rl:`), followed by `CLIENT/ACTION`.
    pub fn prefix(mut self, prefix: &str) -> Self {
        prefix.clone_into(&mut self.prefix);
        self
    }

    async fn take_in_redis(&self, key: &RateKey, rate: Rate) -> Result<Duration, Failure> {
        let per_token_us = (rate.period() / rate.count()).as_micros().max(1) as u64;
        let burst_us = per_token_us * u64::from(rate.count() - 1);
        let mut connection = self.redis.connection()?;
        let mut invocation = self.script.key(format!("{}{key}", self.prefix));
        invocation.arg(per_token_us).arg(burst_us);
        let wait_us: String = self.redis.bounded(invocation.invoke_async(&mut connection)).await?;
        let wait_us: u64 = wait_us.parse().map_err(|_| Failure::Reply(wait_us))?;
        Ok(Duration::from_micros(wait_us))
    }
}

impl RateLimitStore for RedisRateLimitStore {
    fn take<'a>(&'a self, key: &'a RateKey, rate: Rate) -> Taking<'a> {
        Taking::pending(async move {
            match self.take_in_redis(key, rate).await {
                Ok(wait) if wait.is_zero() => Ok(()),
                Ok(wait) => Err(wait),
                Err(failure) => {
                    let outcome = if self.fail_open { "let through" } else { "refused" };
                    self.failures.warn(|n_unlogged| {
                        tracing::warn!(
                            error = %failure,
                            n_unlogged,
                            "rate limit store unreachable: calls are {outcome}"
                        );
                    });
                    if self.fail_open {
                        Ok(())
                    } else {
                        Err(CLOSED_RETRY_AFTER)
                    }
                }
            }
        })
    }
}

impl fmt::Debug for RedisRateLimitStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisRateLimitStore")
            .field("fail_open", &self.fail_open)
            .field("prefix", &self.prefix)
            .field("timeout", &self.redis.timeout)
            .finish_non_exhaustive()
    }
}

/// Server-side sessions on Redis: a JSON value per random id, which expires after a TTL
/// (one day by default) counted from its last read or write. Keep the id in a cookie
/// (`HttpOnly; Secure; SameSite=Lax`); any replica reads the session.
///
/// Unlike rate limits, sessions do not fail open: an unreachable Redis is a
/// [`SessionError`] for the app to answer (e.g. with a 503 page), never a silent logout.
///
/// ```no_run
/// # async fn run() -> Result<(), resuma::security::SessionError> {
/// use std::time::Duration;
/// use resuma::security::RedisSessions;
///
/// let sessions = RedisSessions::new("redis://127.0.0.1:6379/")?.ttl(Duration::from_secs(3600));
/// let id = sessions.create(&("ada", 42)).await?;
/// assert_eq!(sessions.get::<(String, u32)>(&id).await?, Some(("ada".into(), 42)));
/// sessions.delete(&id).await?;
/// assert_eq!(sessions.get::<(String, u32)>(&id).await?, None);
/// # Ok(()) }
/// ```
pub struct RedisSessions {
    redis: Shared,
    prefix: String,
    ttl: Duration,
}

impl RedisSessions {
    /// Sessions on the Redis at `url` (`redis://…`, or `rediss://…` with the feature
    /// `redis-tls`, as for [`RedisRateLimitStore::new`]); the connection is made on first use.
    pub fn new(url: &str) -> Result<Self, SessionError> {
        Ok(RedisSessions {
            redis: Shared::new(url).map_err(SessionError::Redis)?,
            prefix: "resuma:session:".to_owned(),
            ttl: Duration::from_secs(86_400),
        })
    }

    /// How long a session lives after its last use (default one day, at least 1 s).
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl.max(Duration::from_secs(1));
        self
    }

    /// The prefix of the keys (default `resuma:session:`), followed by the id.
    pub fn prefix(mut self, prefix: &str) -> Self {
        prefix.clone_into(&mut self.prefix);
        self
    }

    /// How long one operation may wait for Redis (default 250 ms).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.redis.timeout = timeout;
        self
    }

    /// Stores `value` under a fresh id (32 random bytes, base64url) and returns the id.
    pub async fn create<T: Serialize + ?Sized>(&self, value: &T) -> Result<String, SessionError> {
        let id = new_session_id().map_err(SessionError::NoRandomness)?;
        self.set(&id, value).await?;
        Ok(id)
    }

    /// The value of session `id`, `None` if there is none (never made, deleted or
    /// expired); reading it restarts its TTL.
    pub async fn get<T: DeserializeOwned>(&self, id: &str) -> Result<Option<T>, SessionError> {
        let mut connection = self.redis.connection()?;
        let expiry = redis::Expiry::EX(self.ttl.as_secs());
        let key = self.key(id);
        let json: Option<String> = self.redis.bounded(connection.get_ex(key, expiry)).await?;
        json.map(|it| serde_json::from_str(&it)).transpose().map_err(SessionError::Json)
    }

    /// Stores `value` as session `id` (replacing what was there) for the TTL.
    pub async fn set<T: Serialize + ?Sized>(
        &self,
        id: &str,
        value: &T,
    ) -> Result<(), SessionError> {
        let json = serde_json::to_string(value).map_err(SessionError::Json)?;
        let mut connection = self.redis.connection()?;
        let key = self.key(id);
        self.redis.bounded(connection.set_ex::<_, _, ()>(key, json, self.ttl.as_secs())).await?;
        Ok(())
    }

    /// Deletes session `id` (nothing happens if there is none).
    pub async fn delete(&self, id: &str) -> Result<(), SessionError> {
        let mut connection = self.redis.connection()?;
        let key = self.key(id);
        self.redis.bounded(connection.del::<_, ()>(key)).await?;
        Ok(())
    }

    fn key(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }
}

impl fmt::Debug for RedisSessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisSessions")
            .field("prefix", &self.prefix)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

/// Why a [`RedisSessions`] operation failed.
///
/// ```
/// let err = resuma::security::RedisSessions::new("not a url").unwrap_err();
/// assert!(matches!(err, resuma::security::SessionError::Redis(_)));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum SessionError {
    /// Redis refused, failed or is unreachable (including a bad URL).
    Redis(RedisError),
    /// Redis did not answer within the timeout.
    Timeout,
    /// The value does not encode to JSON, or the stored one does not decode to the type.
    Json(serde_json::Error),
    /// The OS gave no random bytes for a new id.
    NoRandomness(getrandom::Error),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Redis(_) => f.write_str("the session store (Redis) failed"),
            Self::Timeout => f.write_str("the session store (Redis) did not answer in time"),
            Self::Json(_) => f.write_str("a session value does not (de)serialise as JSON"),
            Self::NoRandomness(_) => f.write_str("no random bytes for a session id"),
        }
    }
}

impl std::error::Error for SessionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Redis(err) => Some(err),
            Self::Json(err) => Some(err),
            Self::NoRandomness(err) => Some(err),
            Self::Timeout => None,
        }
    }
}

impl From<Failure> for SessionError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Redis(err) => SessionError::Redis(err),
            Failure::Timeout => SessionError::Timeout,
            Failure::Reply(reply) => SessionError::Redis(RedisError::from((
                redis::ErrorKind::UnexpectedReturnType,
                "unexpected reply",
                reply,
            ))),
        }
    }
}

/// A client and its connection manager, made on first use (it spawns a task, so it needs
/// the runtime, which an app's `main` may not have started yet when it builds its stores).
struct Shared {
    client: Client,
    manager: OnceLock<Result<ConnectionManager, Arc<RedisError>>>,
    timeout: Duration,
}

impl Shared {
    fn new(url: &str) -> Result<Shared, RedisError> {
        if cfg!(not(feature = "redis-tls"))
            && url.get(..9).is_some_and(|it| it.eq_ignore_ascii_case("rediss://"))
        {
            return Err(RedisError::from((
                redis::ErrorKind::InvalidClientConfig,
                "a rediss:// URL needs TLS",
                "enable resuma's feature `redis-tls`".to_owned(),
            )));
        }
        Ok(Shared {
            client: Client::open(url)?,
            manager: OnceLock::new(),
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// A handle on the shared connection (a clone is a cheap handle on one multiplexed
    /// connection).
    fn connection(&self) -> Result<ConnectionManager, Failure> {
        let manager = self.manager.get_or_init(|| {
            // One quick retry, then the call fails and the next one reconnects: a request
            // never waits out a long backoff.
            let config = ConnectionManagerConfig::new()
                .set_number_of_retries(1)
                .set_min_delay(Duration::from_millis(20))
                .set_max_delay(Duration::from_millis(200))
                .set_connection_timeout(Some(self.timeout))
                .set_response_timeout(Some(self.timeout));
            ConnectionManager::new_lazy_with_config(self.client.clone(), config).map_err(Arc::new)
        });
        match manager {
            Ok(manager) => Ok(manager.clone()),
            Err(err) => Err(Failure::Redis(RedisError::from((
                redis::ErrorKind::Client,
                "connection manager",
                err.to_string(),
            )))),
        }
    }

    /// `operation` within the timeout.
    async fn bounded<T>(
        &self,
        operation: impl std::future::Future<Output = Result<T, RedisError>>,
    ) -> Result<T, Failure> {
        match tokio::time::timeout(self.timeout, operation).await {
            Ok(res) => res.map_err(Failure::Redis),
            Err(_) => Err(Failure::Timeout),
        }
    }
}

/// Why an operation on Redis failed.
#[derive(Debug)]
enum Failure {
    Redis(RedisError),
    Timeout,
    Reply(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Redis(err) => write!(f, "{err}"),
            Self::Timeout => write!(f, "no answer within the timeout"),
            Self::Reply(reply) => write!(f, "unexpected reply {reply:?}"),
        }
    }
}

/// Lets a warning through at most once per [`LOG_EVERY`], counting the others.
struct LogGate {
    /// Milliseconds since the Unix epoch from which the next warning may be logged.
    next_ms: AtomicU64,
    n_unlogged: AtomicU64,
}

impl LogGate {
    fn new() -> LogGate {
        LogGate { next_ms: AtomicU64::new(0), n_unlogged: AtomicU64::new(0) }
    }

    /// Calls `log` with the number of warnings not logged since the last one, or counts
    /// this one if the last was less than [`LOG_EVERY`] ago.
    fn warn(&self, log: impl FnOnce(u64)) {
        let now_ms =
            SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |it| it.as_millis() as u64);
        let next_ms = self.next_ms.load(Ordering::Relaxed);
        let due = now_ms >= next_ms
            && self
                .next_ms
                .compare_exchange(
                    next_ms,
                    now_ms + LOG_EVERY.as_millis() as u64,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                )
                .is_ok();
        if due {
            log(self.n_unlogged.swap(0, Ordering::Relaxed));
        } else {
            self.n_unlogged.fetch_add(1, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LogGate;

    #[test]
    fn warnings_are_rate_limited_and_counted() {
        let gate = LogGate::new();
        let mut logged = Vec::new();
        for _ in 0..5 {
            gate.warn(|n_unlogged| logged.push(n_unlogged));
        }
        assert_eq!(logged, [0]);
        assert_eq!(gate.n_unlogged.load(std::sync::atomic::Ordering::Relaxed), 4);
    }
}
