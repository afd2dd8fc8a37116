//! The notes table in Postgres, through a `sqlx` pool (runtime queries: building needs no
//! database). Migrations run at start, under an advisory lock, so replicas starting
//! together do not race.

use sqlx::postgres::{PgPool, PgPoolOptions};

/// The pool; clones share it.
#[derive(Clone)]
pub(crate) struct Db {
    pool: PgPool,
}

/// The schema, applied in order; each statement is idempotent.
const MIGRATIONS: &[&str] = &["CREATE TABLE IF NOT EXISTS notes (
        token TEXT PRIMARY KEY,
        via TEXT NOT NULL,
        replica TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )"];

impl Db {
    /// Connects to `url` and applies the migrations.
    pub(crate) async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        let pool = PgPoolOptions::new().max_connections(8).connect(url).await?;
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(17)").execute(&mut *tx).await?;
        for migration in MIGRATIONS {
            sqlx::query(migration).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Db { pool })
    }

    /// Stores a note; a token already stored is left as it is (a retried write).
    pub(crate) async fn add_note(
        &self,
        token: &str,
        via: &str,
        replica: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO notes (token, via, replica) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(token)
        .bind(via)
        .bind(replica)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many notes there are.
    pub(crate) async fn count(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT count(*) FROM notes").fetch_one(&self.pool).await
    }
}
