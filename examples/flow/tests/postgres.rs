//! `flow` on Postgres: with `DATABASE_URL=postgres://…` it migrates and seeds a database
//! started here (Debian's `postgresql`, on a free loopback port in a temporary directory;
//! skipped with a message where it is not installed), its forms write there, and a
//! restarted server finds what was written, its migrations applied once.

#[path = "../../../framework/tests/services/mod.rs"]
mod services;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use services::{free_port, terminate, wait_for_port, Postgres};

/// The `flow` binary on a free port, on `database_url`.
struct Flow {
    child: Child,
    base: String,
}

impl Flow {
    fn start(database_url: &str) -> Flow {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_flow"))
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .env("DATABASE_URL", database_url)
            .env("FLOW_UPLOADS", std::env::temp_dir().join(format!("flow-pg-uploads-{port}")))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("the flow binary starts");
        assert!(wait_for_port(port, Duration::from_secs(30)), "flow listens");
        Flow { child, base: format!("http://127.0.0.1:{port}") }
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let res = reqwest::get(format!("{}{path}", self.base)).await.unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// Opens `page`, then posts its form to `action` with `fields`: the status.
    async fn submit(&self, page: &str, action: &str, fields: &str) -> u16 {
        let http =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let res = http.get(format!("{}{page}", self.base)).send().await.unwrap();
        let cookie =
            res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        let html = res.text().await.unwrap();
        let start = html.find("name=\"_csrf\" value=\"").expect("a form") + 20;
        let token = &html[start..][..html[start..].find('"').unwrap()];
        let res = http
            .post(format!("{}{action}", self.base))
            .header("origin", &self.base)
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("_csrf={token}&{fields}"))
            .send()
            .await
            .unwrap();
        res.status().as_u16()
    }
}

impl Drop for Flow {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

#[tokio::test]
async fn flow_runs_on_postgres_when_database_url_says_so() {
    let Some(postgres) = Postgres::start() else { return };
    let flow = Flow::start(&postgres.url());
    let (status, body) = flow.get("/blog").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<a href=\"/blog/hello\">Hello, Flow</a>"), "seeded: {body}");
    assert!(body.contains("Blog (3)"), "{body}");

    assert_eq!(
        flow.submit("/blog/hello", "/blog/hello?_submit=save", "title=Kept+in+Postgres&body=text")
            .await,
        303
    );
    assert_eq!(
        flow.submit("/blog/new", "/blog/new?_submit=create", "slug=pg&title=On+Postgres&body=new")
            .await,
        303
    );
    drop(flow);

    // A new process on the same database: the migration is not run twice, the seed not
    // inserted twice, and what the forms wrote is there.
    let flow = Flow::start(&postgres.url());
    let (status, body) = flow.get("/blog/hello").await;
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Kept in Postgres</h1>"), "{body}");
    let (status, body) = flow.get("/blog/pg").await;
    assert_eq!(status, 200);
    assert!(body.contains("<h1>On Postgres</h1>") && body.contains("Blog (4)"), "{body}");
    // A load whose query fails (a missing table) is the error page, as on SQLite.
    let (status, _) = flow.get("/broken").await;
    assert_eq!(status, 500);

    let db = sqlx::PgPool::connect(&postgres.url()).await.unwrap();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM schema_migrations").fetch_all(&db).await.unwrap();
    assert_eq!(versions, [0]);
}
