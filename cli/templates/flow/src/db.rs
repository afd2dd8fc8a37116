//! The blog's posts: in embedded SQLite (rusqlite) by default, or in Postgres (sqlx,
//! runtime queries) when `DATABASE_URL` is a `postgres://` URL. Migrations are applied at
//! start, each once (table `schema_migrations`; on Postgres under an advisory lock, so
//! replicas starting together do not race), then the posts are seeded. Loads and submits
//! reach it with `cx.state::<Db>()?` and `.await` its queries.

use std::fmt;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension as _};
use serde::Serialize;
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};
use sqlx::Row as _;

/// The database handle the app shares (`FlowApp::state(db)`).
#[derive(Clone)]
pub(crate) enum Db {
    /// One SQLite connection; its queries take microseconds, so a lock in a load is fine.
    Sqlite(Arc<Mutex<Connection>>),
    /// A Postgres pool.
    Postgres(PgPool),
}

/// One post.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Post {
    /// Its URL segment.
    pub(crate) slug: String,
    /// Its title.
    pub(crate) title: String,
    /// Its text.
    pub(crate) body: String,
    /// What is attached, as the page shows it (`cover.png, 1234 bytes`).
    pub(crate) attachment: Option<String>,
}

/// The schema's migrations, in order, as (SQLite, Postgres); a database records the ones
/// it has had. Add one at the end; never edit one that has shipped.
const MIGRATIONS: &[(&str, &str)] = &[(
    "CREATE TABLE posts (slug TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, attachment TEXT)",
    "CREATE TABLE posts (slug TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, attachment TEXT)",
)];

const COLUMNS: &str = "slug, title, body, attachment";

const SEED: [(&str, &str, &str); 3] = [
    ("hello", "Hello, Flow", "Every file under src/pages/ is a route."),
    ("loads", "Loads", "A #[load] fn runs on the server before its page renders."),
    ("café <b>", "Café <b>", "Slugs are percent-encoded in links and decoded in params."),
];

/// A query that failed, in either database.
#[derive(Debug)]
pub(crate) enum DbError {
    Sqlite(rusqlite::Error),
    Postgres(sqlx::Error),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(_) => f.write_str("a SQLite query failed"),
            Self::Postgres(_) => f.write_str("a Postgres query failed"),
        }
    }
}

impl std::error::Error for DbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Sqlite(err) => Some(err),
            Self::Postgres(err) => Some(err),
        }
    }
}

impl From<rusqlite::Error> for DbError {
    fn from(err: rusqlite::Error) -> Self {
        DbError::Sqlite(err)
    }
}

impl From<sqlx::Error> for DbError {
    fn from(err: sqlx::Error) -> Self {
        DbError::Postgres(err)
    }
}

fn post_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post { slug: row.get(0)?, title: row.get(1)?, body: row.get(2)?, attachment: row.get(3)? })
}

fn pg_post_of(row: &PgRow) -> Result<Post, sqlx::Error> {
    Ok(Post {
        slug: row.try_get(0)?,
        title: row.try_get(1)?,
        body: row.try_get(2)?,
        attachment: row.try_get(3)?,
    })
}

impl Db {
    /// Postgres if `database_url` is a `postgres://` (or `postgresql://`) URL, else the
    /// SQLite file `sqlite_path` (`:memory:` for a fresh database); migrated and seeded.
    pub(crate) async fn open(database_url: Option<&str>, sqlite_path: &str) -> Result<Db, DbError> {
        match database_url {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Db::open_postgres(url).await
            }
            _ => Db::open_sqlite(sqlite_path),
        }
    }

    fn open_sqlite(path: &str) -> Result<Db, DbError> {
        let mut conn = Connection::open(path)?;
        let tx = conn.transaction()?;
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)",
            [],
        )?;
        for (version, (sqlite, _)) in MIGRATIONS.iter().enumerate() {
            let done: Option<i64> = tx
                .query_row(
                    "SELECT version FROM schema_migrations WHERE version = ?1",
                    [version as i64],
                    |row| row.get(0),
                )
                .optional()?;
            if done.is_none() {
                tx.execute(sqlite, [])?;
                tx.execute(
                    "INSERT INTO schema_migrations (version) VALUES (?1)",
                    [version as i64],
                )?;
            }
        }
        for (slug, title, body) in SEED {
            tx.execute(
                "INSERT OR IGNORE INTO posts (slug, title, body) VALUES (?1, ?2, ?3)",
                params![slug, title, body],
            )?;
        }
        tx.commit()?;
        Ok(Db::Sqlite(Arc::new(Mutex::new(conn))))
    }

    async fn open_postgres(url: &str) -> Result<Db, DbError> {
        let pool = PgPoolOptions::new().max_connections(8).connect(url).await?;
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(4217)").execute(&mut *tx).await?;
        sqlx::query("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)")
            .execute(&mut *tx)
            .await?;
        for (version, (_, postgres)) in MIGRATIONS.iter().enumerate() {
            let done = sqlx::query("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(version as i64)
                .fetch_optional(&mut *tx)
                .await?;
            if done.is_none() {
                sqlx::query(postgres).execute(&mut *tx).await?;
                sqlx::query("INSERT INTO schema_migrations (version) VALUES ($1)")
                    .bind(version as i64)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for (slug, title, body) in SEED {
            sqlx::query(
                "INSERT INTO posts (slug, title, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(slug)
            .bind(title)
            .bind(body)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Db::Postgres(pool))
    }

    /// Runs `query` on the SQLite connection.
    fn with<T>(
        conn: &Mutex<Connection>,
        query: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, DbError> {
        let conn = conn.lock().unwrap_or_else(|it| it.into_inner());
        Ok(query(&conn)?)
    }

    /// The post `slug`, if there is one.
    pub(crate) async fn post(&self, slug: &str) -> Result<Option<Post>, DbError> {
        match self {
            Db::Sqlite(conn) => Db::with(conn, |conn| {
                let query = format!("SELECT {COLUMNS} FROM posts WHERE slug = ?1");
                conn.query_row(&query, [slug], post_of).optional()
            }),
            Db::Postgres(pool) => {
                let query = format!("SELECT {COLUMNS} FROM posts WHERE slug = $1");
                let row = sqlx::query(&query).bind(slug).fetch_optional(pool).await?;
                Ok(row.as_ref().map(pg_post_of).transpose()?)
            }
        }
    }

    /// Every post, by title.
    pub(crate) async fn posts(&self) -> Result<Vec<Post>, DbError> {
        match self {
            Db::Sqlite(conn) => Db::with(conn, |conn| {
                let mut statement =
                    conn.prepare(&format!("SELECT {COLUMNS} FROM posts ORDER BY title"))?;
                let rows = statement.query_map([], post_of)?;
                rows.collect()
            }),
            Db::Postgres(pool) => {
                // Byte order, as SQLite's default collation sorts.
                let query = format!("SELECT {COLUMNS} FROM posts ORDER BY title COLLATE \"C\"");
                let rows = sqlx::query(&query).fetch_all(pool).await?;
                Ok(rows.iter().map(pg_post_of).collect::<Result<_, _>>()?)
            }
        }
    }

    /// Adds `post`; `false` when a post has its slug already.
    pub(crate) async fn create(&self, post: &Post) -> Result<bool, DbError> {
        match self {
            Db::Sqlite(conn) => Db::with(conn, |conn| {
                let added = conn.execute(
                    "INSERT OR IGNORE INTO posts (slug, title, body, attachment) VALUES (?1, ?2, ?3, ?4)",
                    params![post.slug, post.title, post.body, post.attachment],
                )?;
                Ok(added == 1)
            }),
            Db::Postgres(pool) => {
                let done = sqlx::query(
                    "INSERT INTO posts (slug, title, body, attachment) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                )
                .bind(&post.slug)
                .bind(&post.title)
                .bind(&post.body)
                .bind(&post.attachment)
                .execute(pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }
        }
    }

    /// Sets the title and text of the post `slug`; `false` when there is none.
    pub(crate) async fn update(
        &self,
        slug: &str,
        title: &str,
        body: &str,
    ) -> Result<bool, DbError> {
        match self {
            Db::Sqlite(conn) => Db::with(conn, |conn| {
                let changed = conn.execute(
                    "UPDATE posts SET title = ?2, body = ?3 WHERE slug = ?1",
                    params![slug, title, body],
                )?;
                Ok(changed == 1)
            }),
            Db::Postgres(pool) => {
                let done = sqlx::query("UPDATE posts SET title = $2, body = $3 WHERE slug = $1")
                    .bind(slug)
                    .bind(title)
                    .bind(body)
                    .execute(pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }
        }
    }

    /// Deletes the post `slug`.
    pub(crate) async fn delete(&self, slug: &str) -> Result<(), DbError> {
        match self {
            Db::Sqlite(conn) => Db::with(conn, |conn| {
                conn.execute("DELETE FROM posts WHERE slug = ?1", [slug]).map(drop)
            }),
            Db::Postgres(pool) => {
                sqlx::query("DELETE FROM posts WHERE slug = $1").bind(slug).execute(pool).await?;
                Ok(())
            }
        }
    }

    /// How many posts there are.
    pub(crate) async fn count(&self) -> Result<usize, DbError> {
        self.count_rows("SELECT COUNT(*) FROM posts").await
    }

    /// The count a `SELECT COUNT(*) …` query answers.
    pub(crate) async fn count_rows(&self, query: &'static str) -> Result<usize, DbError> {
        match self {
            Db::Sqlite(conn) => Db::with(conn, |conn| conn.query_row(query, [], |row| row.get(0))),
            Db::Postgres(pool) => {
                let count: i64 = sqlx::query_scalar(query).fetch_one(pool).await?;
                Ok(usize::try_from(count).unwrap_or_default())
            }
        }
    }
}
