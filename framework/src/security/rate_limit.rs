//! Rate limits of server functions: a [`Rate`], the [`RateKey`] of a (client, action)
//! pair, the [`RateLimitStore`] trait (answering a [`Taking`]), and its in-process default, a token bucket per key
//! in [`MemoryRateLimitStore`].
//!
//! Invariant: no global lock: the default store is sharded over mutexes by key hash, and
//! a shard forgets buckets that have refilled (an idle client costs nothing); it never
//! holds more than its `max_keys`, however many addresses a flood rotates through.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use crate::error::RateParseError;

/// Calls allowed per period: `"10/s"`, `"100/min"`, `"5/h"` (also `sec`, `m`, `hour`,
/// `d`, `day`). As a token bucket: up to `count` calls at once, refilled evenly over the
/// period.
///
/// ```
/// use std::time::Duration;
/// use resuma::security::Rate;
///
/// let rate: Rate = "100/min".parse().unwrap();
/// assert_eq!(rate, Rate::new(100, Duration::from_secs(60)));
/// assert!("0/s".parse::<Rate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    count: u32,
    period: Duration,
}

impl Rate {
    /// `count` calls per `period`. A zero `count` or `period` is raised to the smallest
    /// non-zero value (1 call, 1 ms).
    ///
    /// ```
    /// let rate = resuma::security::Rate::new(60, std::time::Duration::from_secs(1));
    /// assert_eq!(rate.count(), 60);
    /// ```
    pub fn new(count: u32, period: Duration) -> Rate {
        Rate { count: count.max(1), period: period.max(Duration::from_millis(1)) }
    }

    /// `count` calls per second (at least 1).
    ///
    /// ```
    /// use resuma::security::Rate;
    /// assert_eq!(Rate::per_second(10), "10/s".parse().unwrap());
    /// ```
    pub const fn per_second(count: u32) -> Rate {
        Rate::const_new(count, 1)
    }

    /// `count` calls per minute (at least 1).
    ///
    /// ```
    /// use resuma::security::Rate;
    /// assert_eq!(Rate::per_minute(100), "100/min".parse().unwrap());
    /// ```
    pub const fn per_minute(count: u32) -> Rate {
        Rate::const_new(count, 60)
    }

    /// `count` calls per hour (at least 1).
    ///
    /// ```
    /// use resuma::security::Rate;
    /// assert_eq!(Rate::per_hour(5), "5/h".parse().unwrap());
    /// ```
    pub const fn per_hour(count: u32) -> Rate {
        Rate::const_new(count, 3600)
    }

    const fn const_new(count: u32, period_secs: u64) -> Rate {
        let count = if count == 0 { 1 } else { count };
        Rate { count, period: Duration::from_secs(period_secs) }
    }

    /// Calls allowed per period (and the most allowed at once).
    pub fn count(self) -> u32 {
        self.count
    }

    /// The period.
    pub fn period(self) -> Duration {
        self.period
    }

    /// The time one call's token takes to come back.
    fn refill_per_token(self) -> Duration {
        self.period / self.count
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:?}", self.count, self.period)
    }
}

impl FromStr for Rate {
    type Err = RateParseError;

    fn from_str(text: &str) -> Result<Rate, RateParseError> {
        let bad = || RateParseError::new(text);
        let (count, unit) = text.split_once('/').ok_or_else(bad)?;
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        let secs = match unit.trim() {
            "s" | "sec" | "second" => 1,
            "m" | "min" | "minute" => 60,
            "h" | "hour" => 3600,
            "d" | "day" => 86_400,
            _ => return Err(bad()),
        };
        if count == 0 {
            return Err(bad());
        }
        Ok(Rate::new(count, Duration::from_secs(secs)))
    }
}

/// Who is limited: one client (its IP address, `None` when unknown) calling one action.
///
/// ```
/// let key = resuma::security::RateKey::new(Some("10.0.0.1".parse().unwrap()), "search");
/// assert_eq!(key.to_string(), "10.0.0.1/search");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateKey {
    client: Option<IpAddr>,
    action: &'static str,
}

impl RateKey {
    /// The key of `client` calling `action`.
    pub fn new(client: Option<IpAddr>, action: &'static str) -> RateKey {
        RateKey { client, action }
    }

    /// The client's IP address; `None` when the server did not know it (all such clients
    /// share one bucket per action). The dispatcher keys IPv6 clients by their /64 prefix
    /// (the host bits zeroed), since one subscriber usually holds a whole /64.
    pub fn client(&self) -> Option<IpAddr> {
        self.client
    }

    /// The server function's name.
    pub fn action(&self) -> &'static str {
        self.action
    }
}

impl fmt::Display for RateKey {
    /// `CLIENT/ACTION`, with `unknown` for an unknown client: a ready-made key for a
    /// shared store.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.client {
            Some(ip) => write!(f, "{ip}/{}", self.action),
            None => write!(f, "unknown/{}", self.action),
        }
    }
}

/// Where rate-limit buckets live. The default, [`MemoryRateLimitStore`], is in-process;
/// an app on several replicas can swap in a shared one (e.g. Redis, feature `redis`) with
/// [`ResumaApp::rate_limit_store`](crate::ResumaApp::rate_limit_store).
///
/// `take` runs on the request path and returns a [`Taking`]: an in-process store answers
/// at once ([`Taking::ready`], no allocation), a networked one with a future
/// ([`Taking::pending`]) that should be bounded in time and decide what an unreachable
/// store means (let the call through, or refuse it).
///
/// ```
/// use std::time::Duration;
/// use resuma::security::{Rate, RateKey, RateLimitStore, Taking};
///
/// /// Lets everything through (e.g. in tests).
/// struct Unlimited;
///
/// impl RateLimitStore for Unlimited {
///     fn take<'a>(&'a self, _key: &'a RateKey, _rate: Rate) -> Taking<'a> {
///         Taking::ready(Ok(()))
///     }
/// }
///
/// let app = resuma::ResumaApp::new().rate_limit_store(Unlimited);
/// ```
pub trait RateLimitStore: Send + Sync + 'static {
    /// Takes one call from `key`'s bucket, which holds at most `rate.count()` calls and
    /// refills at `rate`. `Err` is the time until a call will be allowed.
    fn take<'a>(&'a self, key: &'a RateKey, rate: Rate) -> Taking<'a>;
}

/// The answer of [`RateLimitStore::take`]: ready now, or a future (a store over the
/// network). Await it for `Ok(())` (allowed) or `Err(retry_after)`.
///
/// ```
/// # tokio_test_block_on(async {
/// use resuma::security::Taking;
/// assert_eq!(Taking::ready(Ok(())).await, Ok(()));
/// assert_eq!(Taking::pending(async { Ok(()) }).await, Ok(()));
/// # });
/// # fn tokio_test_block_on(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[must_use = "a rate limit is taken only when awaited"]
pub struct Taking<'a>(TakingInner<'a>);

/// A boxed answer of a store that has to wait (e.g. for Redis).
type PendingTake<'a> = Pin<Box<dyn Future<Output = Result<(), Duration>> + Send + 'a>>;

enum TakingInner<'a> {
    Ready(Option<Result<(), Duration>>),
    Pending(PendingTake<'a>),
}

impl<'a> Taking<'a> {
    /// An answer known now.
    pub fn ready(res: Result<(), Duration>) -> Taking<'a> {
        Taking(TakingInner::Ready(Some(res)))
    }

    /// An answer that `future` gives (boxed).
    pub fn pending(future: impl Future<Output = Result<(), Duration>> + Send + 'a) -> Taking<'a> {
        Taking(TakingInner::Pending(Box::pin(future)))
    }
}

impl Future for Taking<'_> {
    type Output = Result<(), Duration>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.get_mut().0 {
            // Polled again after it answered: answer "allowed" rather than panic.
            TakingInner::Ready(res) => Poll::Ready(res.take().unwrap_or(Ok(()))),
            TakingInner::Pending(future) => future.as_mut().poll(cx),
        }
    }
}

impl fmt::Debug for Taking<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            TakingInner::Ready(res) => f.debug_tuple("Taking::Ready").field(res).finish(),
            TakingInner::Pending(_) => f.write_str("Taking::Pending"),
        }
    }
}

/// The default store: token buckets in this process's memory, sharded over mutexes, so
/// concurrent calls rarely wait on each other. A bucket that has refilled completely is
/// forgotten, so memory follows the clients active over the last period.
///
/// It holds at most [`max_keys`](Self::max_keys) buckets (default 100 000, about 6 MB):
/// when a flood of new clients (say, rotating addresses behind a trusted proxy) fills it,
/// the bucket nearest to full is forgotten first, so the clients most limited stay limited.
///
/// ```
/// use std::time::Duration;
/// use resuma::security::{MemoryRateLimitStore, Rate, RateKey, RateLimitStore};
///
/// let store = MemoryRateLimitStore::new();
/// let key = RateKey::new(None, "search");
/// let rate = Rate::new(2, Duration::from_secs(60));
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert!(store.take(&key, rate).await.is_ok());
/// assert!(store.take(&key, rate).await.is_ok());
/// let retry_after = store.take(&key, rate).await.unwrap_err();
/// assert!(retry_after <= Duration::from_secs(30));
/// # });
/// ```
pub struct MemoryRateLimitStore {
    shards: Box<[Mutex<Shard>]>,
    hasher: RandomState,
    /// The most buckets one shard holds.
    max_keys_per_shard: usize,
}

/// Shards of the default store: enough that two cores, or twenty, rarely meet on one.
const N_SHARDS: usize = 64;
/// How often a shard drops its full buckets (at most; only when it is used).
const SWEEP_EVERY: Duration = Duration::from_secs(10);
/// The default [`MemoryRateLimitStore::max_keys`].
const DEFAULT_MAX_KEYS: usize = 100_000;

struct Shard {
    buckets: HashMap<RateKey, Bucket>,
    next_sweep: Instant,
}

/// A token bucket kept as the instant it will be full again ("GCRA"): one number, and a
/// bucket in the past is the same as no bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    full_at: Instant,
}

impl MemoryRateLimitStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::with_shards(N_SHARDS)
    }

    fn with_shards(n_shards: usize) -> Self {
        let now = Instant::now();
        let shards = (0..n_shards.max(1))
            .map(|_| Mutex::new(Shard { buckets: HashMap::new(), next_sweep: now + SWEEP_EVERY }))
            .collect();
        let max_keys_per_shard = DEFAULT_MAX_KEYS.div_ceil(n_shards.max(1));
        MemoryRateLimitStore { shards, hasher: RandomState::new(), max_keys_per_shard }
    }

    /// Holds at most about `max_keys` buckets (rounded up to a multiple of the shard
    /// count, 64), default 100 000. Each costs about 60 bytes.
    ///
    /// ```
    /// let store = resuma::security::MemoryRateLimitStore::new().max_keys(10_000);
    /// ```
    pub fn max_keys(mut self, max_keys: usize) -> Self {
        self.max_keys_per_shard = max_keys.div_ceil(self.shards.len()).max(1);
        self
    }

    /// Like `take`, at a given instant (for tests).
    fn take_at(&self, key: &RateKey, rate: Rate, now: Instant) -> Result<(), Duration> {
        let shard_idx = (self.hasher.hash_one(key) as usize) % self.shards.len();
        // A poisoned shard holds plain numbers that are still consistent: keep using it.
        let mut shard = self.shards[shard_idx].lock().unwrap_or_else(|it| it.into_inner());
        if now >= shard.next_sweep {
            shard.buckets.retain(|_, bucket| bucket.full_at > now);
            shard.next_sweep = now + SWEEP_EVERY;
        }
        if shard.buckets.len() >= self.max_keys_per_shard && !shard.buckets.contains_key(key) {
            make_room(&mut shard.buckets, now, self.max_keys_per_shard);
        }
        let per_token = rate.refill_per_token();
        // How far the bucket may run ahead of `now`: all tokens but the one being taken.
        let burst = per_token * (rate.count - 1);
        let bucket = shard.buckets.entry(*key).or_insert(Bucket { full_at: now });
        let full_at = bucket.full_at.max(now);
        let after = full_at + per_token;
        let allowed_from = after.checked_sub(burst + per_token).unwrap_or(now);
        if allowed_from > now {
            return Err(allowed_from - now);
        }
        bucket.full_at = after;
        Ok(())
    }

    #[cfg(test)]
    fn n_buckets(&self) -> usize {
        self.shards.iter().map(|it| it.lock().unwrap().buckets.len()).sum()
    }
}

/// Makes room for one more bucket in a full shard: forgets the full ones, then, if none
/// was, the one nearest to full (its client gets its burst back a little early; the most
/// limited clients keep their limits). A scan of one shard, only when it is full.
fn make_room(buckets: &mut HashMap<RateKey, Bucket>, now: Instant, max: usize) {
    buckets.retain(|_, bucket| bucket.full_at > now);
    if buckets.len() < max {
        return;
    }
    let nearest_full = buckets.iter().min_by_key(|(_, bucket)| bucket.full_at).map(|(key, _)| *key);
    if let Some(key) = nearest_full {
        buckets.remove(&key);
    }
}

impl Default for MemoryRateLimitStore {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for MemoryRateLimitStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryRateLimitStore")
            .field("n_shards", &self.shards.len())
            .field("max_keys_per_shard", &self.max_keys_per_shard)
            .finish()
    }
}

impl RateLimitStore for MemoryRateLimitStore {
    fn take<'a>(&'a self, key: &'a RateKey, rate: Rate) -> Taking<'a> {
        Taking::ready(self.take_at(key, rate, Instant::now()))
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{MemoryRateLimitStore, Rate, RateKey, SWEEP_EVERY};

    const SEC: Duration = Duration::from_secs(1);

    #[test]
    fn rates_parse() {
        for (text, count, secs) in [
            ("10/s", 10, 1),
            ("100/min", 100, 60),
            ("5/h", 5, 3600),
            (" 7 / m ", 7, 60),
            ("1/d", 1, 86_400),
        ] {
            assert_eq!(
                text.parse::<Rate>(),
                Ok(Rate::new(count, Duration::from_secs(secs))),
                "{text}"
            );
        }
        for text in ["", "10", "/s", "10/", "10/week", "-1/s", "0/s", "1.5/s", "99999999999/s"] {
            assert!(text.parse::<Rate>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn a_bucket_allows_a_burst_then_refills_evenly() {
        let store = MemoryRateLimitStore::new();
        let key = RateKey::new(None, "a");
        let rate = Rate::new(3, 3 * SEC);
        let t0 = Instant::now();
        for _ in 0..3 {
            store.take_at(&key, rate, t0).unwrap();
        }
        assert_eq!(store.take_at(&key, rate, t0), Err(SEC));
        assert_eq!(store.take_at(&key, rate, t0 + SEC / 2), Err(SEC / 2));
        store.take_at(&key, rate, t0 + SEC).unwrap();
        assert!(store.take_at(&key, rate, t0 + SEC).is_err());
        // After a full period the whole burst is back.
        let later = t0 + 10 * SEC;
        for _ in 0..3 {
            store.take_at(&key, rate, later).unwrap();
        }
        assert!(store.take_at(&key, rate, later).is_err());
    }

    #[test]
    fn keys_are_independent() {
        let store = MemoryRateLimitStore::new();
        let rate = Rate::new(1, SEC);
        let t0 = Instant::now();
        let ip = Some("192.0.2.1".parse().unwrap());
        for key in [RateKey::new(None, "a"), RateKey::new(None, "b"), RateKey::new(ip, "a")] {
            store.take_at(&key, rate, t0).unwrap();
            assert!(store.take_at(&key, rate, t0).is_err());
        }
    }

    #[test]
    fn full_buckets_are_forgotten() {
        let store = MemoryRateLimitStore::with_shards(1);
        let rate = Rate::new(5, SEC);
        let t0 = Instant::now();
        for client in 0..200u8 {
            let key = RateKey::new(Some([10, 0, 0, client].into()), "a");
            store.take_at(&key, rate, t0).unwrap();
        }
        assert_eq!(store.n_buckets(), 200);
        // A shard sweeps on its first use after SWEEP_EVERY.
        let key = RateKey::new(None, "b");
        store.take_at(&key, rate, t0 + SWEEP_EVERY / 2).unwrap();
        assert_eq!(store.n_buckets(), 201);
        store.take_at(&key, rate, t0 + SWEEP_EVERY + SEC).unwrap();
        assert_eq!(store.n_buckets(), 1);
    }

    /// Issue #18: a flood of rotating addresses cannot grow the store past its cap, and the
    /// client it limits most is still limited afterwards.
    #[test]
    fn a_flood_of_new_clients_is_capped_and_evicts_the_least_limited() {
        let store = MemoryRateLimitStore::with_shards(1).max_keys(100);
        let rate = Rate::new(5, 60 * SEC);
        let t0 = Instant::now();
        let abuser = RateKey::new(Some([192, 0, 2, 1].into()), "a");
        for _ in 0..5 {
            store.take_at(&abuser, rate, t0).unwrap();
        }
        assert!(store.take_at(&abuser, rate, t0).is_err());
        for n in 0..100_000u32 {
            let key = RateKey::new(Some(std::net::Ipv4Addr::from(0x0a00_0000 + n).into()), "a");
            store.take_at(&key, rate, t0 + SEC).unwrap();
            assert!(store.n_buckets() <= 100);
        }
        assert_eq!(store.n_buckets(), 100);
        assert!(store.take_at(&abuser, rate, t0 + SEC).is_err(), "the abuser is still limited");
    }

    #[test]
    fn the_default_cap_is_spread_over_the_shards() {
        let store = MemoryRateLimitStore::new();
        assert_eq!(store.max_keys_per_shard * store.shards.len(), 100_032);
        assert_eq!(store.max_keys(64).max_keys_per_shard, 1);
    }
}
