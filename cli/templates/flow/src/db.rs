//! The blog's posts in SQLite (rusqlite): the table is created and seeded at start. Loads
//! and submits reach it with `cx.state::<Db>()?`.

use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension as _};
use serde::Serialize;

/// The database handle the app shares (`FlowApp::state(db)`).
#[derive(Clone)]
pub(crate) struct Db(Arc<Mutex<Connection>>);

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

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS posts (
    slug TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    attachment TEXT
)";

const COLUMNS: &str = "slug, title, body, attachment";

fn post_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post { slug: row.get(0)?, title: row.get(1)?, body: row.get(2)?, attachment: row.get(3)? })
}

const SEED: [(&str, &str, &str); 3] = [
    ("hello", "Hello, Flow", "Every file under src/pages/ is a route."),
    ("loads", "Loads", "A #[load] fn runs on the server before its page renders."),
    ("café <b>", "Café <b>", "Slugs are percent-encoded in links and decoded in params."),
];

impl Db {
    /// Opens `path` (`:memory:` for a fresh database), creates the table and seeds it.
    pub(crate) fn open(path: &str) -> rusqlite::Result<Db> {
        let conn = Connection::open(path)?;
        conn.execute(SCHEMA, [])?;
        for (slug, title, body) in SEED {
            conn.execute(
                "INSERT OR IGNORE INTO posts (slug, title, body) VALUES (?1, ?2, ?3)",
                params![slug, title, body],
            )?;
        }
        Ok(Db(Arc::new(Mutex::new(conn))))
    }

    /// Runs `query` on the connection. The queries are a few microseconds, so a lock
    /// in the load is fine; slow ones would go through `tokio::task::spawn_blocking`.
    fn with<T>(
        &self,
        query: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let conn = self.0.lock().unwrap_or_else(|it| it.into_inner());
        query(&conn)
    }

    /// The post `slug`, if there is one.
    pub(crate) fn post(&self, slug: &str) -> rusqlite::Result<Option<Post>> {
        self.with(|conn| {
            let query = format!("SELECT {COLUMNS} FROM posts WHERE slug = ?1");
            conn.query_row(&query, [slug], post_of).optional()
        })
    }

    /// Every post, by title.
    pub(crate) fn posts(&self) -> rusqlite::Result<Vec<Post>> {
        self.with(|conn| {
            let mut statement =
                conn.prepare(&format!("SELECT {COLUMNS} FROM posts ORDER BY title"))?;
            let rows = statement.query_map([], post_of)?;
            rows.collect()
        })
    }

    /// Adds `post`; `false` when a post has its slug already.
    pub(crate) fn create(&self, post: &Post) -> rusqlite::Result<bool> {
        self.with(|conn| {
            let added = conn.execute(
                "INSERT OR IGNORE INTO posts (slug, title, body, attachment) VALUES (?1, ?2, ?3, ?4)",
                params![post.slug, post.title, post.body, post.attachment],
            )?;
            Ok(added == 1)
        })
    }

    /// Sets the title and text of the post `slug`; `false` when there is none.
    pub(crate) fn update(&self, slug: &str, title: &str, body: &str) -> rusqlite::Result<bool> {
        self.with(|conn| {
            let changed = conn.execute(
                "UPDATE posts SET title = ?2, body = ?3 WHERE slug = ?1",
                params![slug, title, body],
            )?;
            Ok(changed == 1)
        })
    }

    /// Deletes the post `slug`.
    pub(crate) fn delete(&self, slug: &str) -> rusqlite::Result<()> {
        self.with(|conn| conn.execute("DELETE FROM posts WHERE slug = ?1", [slug]).map(drop))
    }

    /// How many posts there are.
    pub(crate) fn count(&self) -> rusqlite::Result<usize> {
        self.count_rows("SELECT COUNT(*) FROM posts")
    }

    /// The count a `SELECT COUNT(*) …` query answers.
    pub(crate) fn count_rows(&self, query: &'static str) -> rusqlite::Result<usize> {
        self.with(|conn| conn.query_row(query, [], |row| row.get(0)))
    }
}
