//! The Redis stores over TLS (feature `redis-tls`, `rediss://` URLs) against a real
//! `redis-server` that speaks TLS only, its certificate signed by a CA made here: with
//! that CA trusted (`SSL_CERT_FILE`), limits and sessions work as over plain TCP; with
//! another CA trusted, the server's certificate is refused and no call gets through.

mod services;

use std::time::Duration;

use resuma::security::{Rate, RateKey, RateLimitStore, RedisRateLimitStore, RedisSessions};
use services::{make_ca, Redis};

// One test: the trusted roots come from the process environment, read as a connection
// is made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rediss_urls_verify_the_server_and_then_work_as_redis_urls_do() {
    let Some(redis) = Redis::start_tls() else { return };
    assert!(redis.url().starts_with("rediss://127.0.0.1:"), "{}", redis.url());
    let rate = Rate::new(3, Duration::from_secs(60));
    let key = RateKey::new(Some("192.0.2.7".parse().unwrap()), "search");

    // Another CA trusted: the handshake fails, so a store that fails closed refuses, and
    // sessions report the error.
    make_ca(redis.dir(), "other");
    std::env::set_var("SSL_CERT_FILE", redis.dir().join("other.pem"));
    let closed = RedisRateLimitStore::new(&redis.url())
        .unwrap()
        .fail_open(false)
        .timeout(Duration::from_secs(2));
    assert!(
        closed.take(&key, rate).await.is_err(),
        "an untrusted certificate lets nothing through"
    );
    let sessions = RedisSessions::new(&redis.url()).unwrap().timeout(Duration::from_secs(2));
    assert!(sessions.create(&"cart").await.is_err());

    // Its own CA trusted: two stores (two replicas) share the limit, sessions round-trip.
    std::env::set_var("SSL_CERT_FILE", redis.ca_file());
    let a = RedisRateLimitStore::new(&redis.url()).unwrap().fail_open(false);
    let b = RedisRateLimitStore::new(&redis.url()).unwrap().fail_open(false);
    let mut allowed = 0;
    for idx in 0..8 {
        let store = if idx % 2 == 0 { &a } else { &b };
        allowed += usize::from(store.take(&key, rate).await.is_ok());
    }
    assert_eq!(allowed, 3, "the limit holds across the two stores, over TLS");
    let sessions = RedisSessions::new(&redis.url()).unwrap();
    let id = sessions.create(&vec!["cart".to_owned()]).await.unwrap();
    assert_eq!(sessions.get::<Vec<String>>(&id).await.unwrap(), Some(vec!["cart".to_owned()]));
}
