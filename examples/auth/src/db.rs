//! The accounts in SQLite (rusqlite): `users(id, email, password_hash)`, created at
//! start. Loads and submits reach it with `cx.state::<Db>()?`; its errors go up with `?`
//! and become logged 500s.
//!
//! Invariant: an address has at most one account, whatever its letter case (`email` is
//! `UNIQUE COLLATE NOCASE`), and the table holds argon2 hashes only, never a password.

use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, ErrorCode, OptionalExtension as _};

use crate::session::UserId;

/// The file the database is in: `AUTH_DB`, else a file of its own in the temp dir.
pub(crate) const PATH_VAR: &str = "AUTH_DB";

/// The database handle the app shares (`FlowApp::state(db)`).
#[derive(Clone)]
pub(crate) struct Db(Arc<Mutex<Connection>>);

/// A user, as pages show them.
#[derive(Clone, Debug)]
pub(crate) struct User {
    /// Their id, which the session cookie names.
    pub(crate) id: UserId,
    /// Their address, as they typed it at sign-up.
    pub(crate) email: String,
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL
)";

impl Db {
    /// Opens (or creates) the database at `path` and its table.
    pub(crate) fn open(path: &str) -> rusqlite::Result<Db> {
        let conn = Connection::open(path)?;
        conn.execute(SCHEMA, [])?;
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

    /// The user `id`, if there is one.
    pub(crate) fn user(&self, id: UserId) -> rusqlite::Result<Option<User>> {
        self.with(|conn| {
            conn.query_row("SELECT id, email FROM users WHERE id = ?1", [id], |row| {
                Ok(User { id: row.get(0)?, email: row.get(1)? })
            })
            .optional()
        })
    }

    /// The id and password hash of the account of `email` (any letter case), if any.
    pub(crate) fn credentials(&self, email: &str) -> rusqlite::Result<Option<(UserId, String)>> {
        self.with(|conn| {
            conn.query_row("SELECT id, password_hash FROM users WHERE email = ?1", [email], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()
        })
    }

    /// Adds the account of `email` with `password_hash`: its id, or `None` when the
    /// address has an account already.
    pub(crate) fn create(
        &self,
        email: &str,
        password_hash: &str,
    ) -> rusqlite::Result<Option<UserId>> {
        self.with(|conn| {
            let inserted = conn.execute(
                "INSERT INTO users (email, password_hash) VALUES (?1, ?2)",
                params![email, password_hash],
            );
            match inserted {
                Ok(_) => Ok(Some(conn.last_insert_rowid())),
                Err(rusqlite::Error::SqliteFailure(err, _))
                    if err.code == ErrorCode::ConstraintViolation =>
                {
                    Ok(None)
                }
                Err(err) => Err(err),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_has_one_account_whatever_its_case() {
        let db = Db::open(":memory:").unwrap();
        let id = db.create("Ada@Example.com", "$argon2id$…").unwrap().unwrap();
        assert_eq!(db.create("ada@example.COM", "$argon2id$…").unwrap(), None);
        assert_eq!(db.credentials("ADA@example.com").unwrap(), Some((id, "$argon2id$…".into())));
        assert_eq!(db.user(id).unwrap().unwrap().email, "Ada@Example.com");
        assert!(db.user(id + 1).unwrap().is_none());
    }
}
