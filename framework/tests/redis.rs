//! The Redis stores (feature `redis`) against a real `redis-server` started here: the
//! limit holds across two stores (two replicas), a stopped Redis fails open or closed as
//! configured and the stores recover when it comes back, and sessions live and expire.

mod services;

use std::time::{Duration, Instant};

use resuma::security::{Rate, RateKey, RateLimitStore, RedisRateLimitStore, RedisSessions};
use services::Redis;

/// Takes `n` calls from `stores` in turn and returns how many were allowed.
async fn n_allowed(stores: &[&RedisRateLimitStore], key: &RateKey, rate: Rate, n: usize) -> usize {
    let mut allowed = 0;
    for call_idx in 0..n {
        if stores[call_idx % stores.len()].take(key, rate).await.is_ok() {
            allowed += 1;
        }
    }
    allowed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limit_holds_across_replicas() {
    let Some(redis) = Redis::start() else { return };
    let a = RedisRateLimitStore::new(&redis.url()).unwrap();
    let b = RedisRateLimitStore::new(&redis.url()).unwrap();
    let key = RateKey::new(Some("192.0.2.1".parse().unwrap()), "search");
    let rate = Rate::new(5, Duration::from_secs(60));
    assert_eq!(n_allowed(&[&a, &b], &key, rate, 12).await, 5);
    // The refused call is told how long until a token is back: 12 s per token.
    let retry_after = b.take(&key, rate).await.unwrap_err();
    assert!(retry_after > Duration::from_secs(11) && retry_after <= Duration::from_secs(12));
    // Another client, and the same client on another action, have their own buckets.
    let other = RateKey::new(Some("192.0.2.2".parse().unwrap()), "search");
    assert!(a.take(&other, rate).await.is_ok());
    assert!(a.take(&RateKey::new(key.client(), "other"), rate).await.is_ok());

    // Refill: at 20 calls per second a token is back every 50 ms.
    let fast = Rate::new(2, Duration::from_secs(1) / 10);
    let key = RateKey::new(None, "fast");
    assert_eq!(n_allowed(&[&a, &b], &key, fast, 5).await, 2);
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert_eq!(n_allowed(&[&a, &b], &key, fast, 5).await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_do_not_overdraw_a_bucket() {
    let Some(redis) = Redis::start() else { return };
    let store = std::sync::Arc::new(RedisRateLimitStore::new(&redis.url()).unwrap());
    let rate = Rate::new(50, Duration::from_secs(3600));
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let store = std::sync::Arc::clone(&store);
            tokio::spawn(
                async move { store.take(&RateKey::new(None, "burst"), rate).await.is_ok() },
            )
        })
        .collect();
    let mut allowed = 0;
    for task in tasks {
        allowed += usize::from(task.await.unwrap());
    }
    assert_eq!(allowed, 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_redis_fails_open_or_closed_and_recovers() {
    let Some(mut redis) = Redis::start() else { return };
    let open = RedisRateLimitStore::new(&redis.url()).unwrap();
    let closed = RedisRateLimitStore::new(&redis.url()).unwrap().fail_open(false);
    let rate = Rate::new(1, Duration::from_secs(3600));
    let key = RateKey::new(None, "outage");
    assert!(open.take(&key, rate).await.is_ok());
    assert!(closed.take(&key, rate).await.is_err(), "one bucket, already empty");

    redis.stop();
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(open.take(&key, rate).await, Ok(()), "fails open");
        assert_eq!(closed.take(&key, rate).await, Err(Duration::from_secs(1)), "fails closed");
        // Bounded by the timeout (250 ms each), never a reconnection backoff.
        assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    }

    // Back, empty: both stores reconnect by themselves and limit again.
    redis.resume();
    let deadline = Instant::now() + Duration::from_secs(10);
    let key = RateKey::new(None, "after");
    while closed.take(&key, rate).await.is_err() {
        assert!(Instant::now() < deadline, "the store did not reconnect");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(closed.take(&key, rate).await.is_err(), "limited again");
    assert!(open.take(&key, rate).await.is_err(), "limited again, shared");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_stored_replaced_deleted_and_expire() {
    let Some(redis) = Redis::start() else { return };
    let sessions = RedisSessions::new(&redis.url()).unwrap();
    let other_replica = RedisSessions::new(&redis.url()).unwrap().ttl(Duration::from_secs(1));

    let id = sessions.create(&vec!["cart", "42"]).await.unwrap();
    assert_eq!(id.len(), 43);
    assert_eq!(
        other_replica.get::<Vec<String>>(&id).await.unwrap(),
        Some(vec!["cart".into(), "42".into()])
    );
    sessions.set(&id, &vec!["cart"]).await.unwrap();
    assert_eq!(sessions.get::<Vec<String>>(&id).await.unwrap(), Some(vec!["cart".into()]));
    // A value of another type is an error, not a panic.
    assert!(sessions.get::<u32>(&id).await.is_err());
    sessions.delete(&id).await.unwrap();
    assert_eq!(sessions.get::<Vec<String>>(&id).await.unwrap(), None);
    assert_eq!(sessions.get::<u32>("never-made").await.unwrap(), None);

    // The TTL (1 s here) runs from the last use.
    let id = other_replica.create(&1u32).await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(other_replica.get::<u32>(&id).await.unwrap(), Some(1));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(other_replica.get::<u32>(&id).await.unwrap(), Some(1), "reading restarted it");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(other_replica.get::<u32>(&id).await.unwrap(), None, "expired");
}

/// Without the feature `redis-tls`, a `rediss://` URL is refused at once, saying so.
#[cfg(not(feature = "redis-tls"))]
#[test]
fn a_rediss_url_without_the_tls_feature_is_a_clear_error() {
    let Err(err) = RedisRateLimitStore::new("rediss://127.0.0.1:6380/") else {
        panic!("a rediss:// URL without TLS support");
    };
    assert!(err.to_string().contains("redis-tls"), "{err}");
    let Err(err) = RedisSessions::new("REDISS://cache.example:6380/0") else {
        panic!("a rediss:// URL without TLS support");
    };
    // The session error, then its cause (the chain a reporter prints).
    let cause = std::error::Error::source(&err).map(ToString::to_string).unwrap_or_default();
    assert!(cause.contains("redis-tls"), "{err}: {cause}");
}
