//! One app meant to run as several replicas behind a load balancer, each started with the
//! same `RESUMA_SECRET`, `DATABASE_URL` (Postgres) and `REDIS_URL`: a page rendered by
//! one replica posts its form and calls its server functions on another.
//!
//! `/` shows how many notes Postgres holds and a form that adds one (`#[submit]`);
//! `add_note` adds one from a server function, `ping` is rate-limited to 10 calls per
//! minute per client across all replicas (Redis). `REPLICA` names the replica in answers.
//! `/healthz` answers 200 for the balancer. `examples/replicas/tests/topology.rs` runs two
//! behind nginx.

mod db;

mod pages {
    resuma::pages!();
}

use resuma::prelude::*;
use resuma::security::RedisRateLimitStore;

use crate::db::Db;

/// Which replica answers (`REPLICA`, default `replica`).
#[derive(Clone)]
pub struct Replica(pub String);

/// Stores note `token` (a client's unique id for the write) after `delay_ms` (at most
/// 1 s: the replica test uses it to keep calls in flight while a replica stops), and
/// returns the replica's name.
#[server(rate = "5000/s")]
async fn add_note(token: String, delay_ms: u64) -> Result<String, String> {
    let (db, replica) = match (server::app_state::<Db>(), server::app_state::<Replica>()) {
        (Some(db), Some(replica)) => (db, replica),
        _ => return Err("the app has no database".to_owned()),
    };
    tokio::time::sleep(std::time::Duration::from_millis(delay_ms.min(1000))).await;
    db.add_note(&token, "action", &replica.0).await.map_err(|err| {
        tracing::error!(%err, "add_note failed");
        "the note was not stored".to_owned()
    })?;
    Ok(replica.0)
}

/// Answers the replica's name; 10 calls per minute per client, counted across replicas.
#[server(rate = "10/min")]
async fn ping() -> String {
    server::app_state::<Replica>().map(|it| it.0).unwrap_or_default()
}

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    let replica = Replica(std::env::var("REPLICA").unwrap_or_else(|_| "replica".to_owned()));
    let database_url = std::env::var("DATABASE_URL")
        .map_err(|_| std::io::Error::other("DATABASE_URL is not set (postgres://…)"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let db = Db::connect(&database_url).await.map_err(std::io::Error::other)?;
        let mut app = resuma::flow::FlowApp::new(pages::all())
            .title("Replicas · Resuma")
            .state(db)
            .state(replica)
            // Behind nginx: the client is the address it appends to X-Forwarded-For.
            .trust_forwarded_for(true)
            .rate_limit("5000/s")
            .health("/healthz");
        if let Ok(url) = std::env::var("REDIS_URL") {
            let store = RedisRateLimitStore::new(&url).map_err(std::io::Error::other)?;
            app = app.rate_limit_store(store.fail_open(true));
        }
        let addr = std::env::var("RESUMA_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
        app.serve(addr).await
    })
}
