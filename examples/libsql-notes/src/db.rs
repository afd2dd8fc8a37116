//! The notes, in a libSQL database file (`LIBSQL_PATH`, default `:memory:`), through the
//! `libsql` crate's local mode: an async API, so loads `.await` queries without a lock
//! of their own. Migrations are applied at start, each once (`schema_migrations`).

use libsql::{params, Builder, Connection};

/// The database handle the app shares (`FlowApp::state(db)`): one connection, which
/// libsql lets every request use at once (a `:memory:` database lives as long as it).
#[derive(Clone)]
pub(crate) struct Db(Connection);

/// The schema's migrations, in order; add one at the end, never edit one that shipped.
const MIGRATIONS: &[&str] =
    &["CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)"];

impl Db {
    /// Opens (or creates) the database at `path` and migrates it.
    pub(crate) async fn open(path: &str) -> Result<Db, libsql::Error> {
        let conn = Builder::new_local(path).build().await?.connect()?;
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)",
            (),
        )
        .await?;
        for (version, migration) in MIGRATIONS.iter().enumerate() {
            let version = version as i64;
            let tx = conn.transaction().await?;
            let mut done =
                tx.query("SELECT 1 FROM schema_migrations WHERE version = ?1", [version]).await?;
            if done.next().await?.is_none() {
                tx.execute(migration, ()).await?;
                tx.execute("INSERT INTO schema_migrations (version) VALUES (?1)", [version])
                    .await?;
            }
            drop(done);
            tx.commit().await?;
        }
        Ok(Db(conn))
    }

    /// Every note, oldest first.
    pub(crate) async fn notes(&self) -> Result<Vec<String>, libsql::Error> {
        let mut rows = self.0.query("SELECT text FROM notes ORDER BY id", ()).await?;
        let mut notes = Vec::new();
        while let Some(row) = rows.next().await? {
            notes.push(row.get::<String>(0)?);
        }
        Ok(notes)
    }

    /// Adds a note.
    pub(crate) async fn add(&self, text: &str) -> Result<(), libsql::Error> {
        self.0.execute("INSERT INTO notes (text) VALUES (?1)", params![text]).await?;
        Ok(())
    }
}
