//! The todos in SQLite: one table, created when the database is first opened.
//!
//! One connection behind a mutex: SQLite writes one at a time anyway, and a todo list's
//! statements take microseconds.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rusqlite::{params, Connection};

// `Todo` is defined next to the component that shows it: rs2js reads the fields of the
// structs in a component's own file to translate the handlers that use them.
pub use crate::components::Todo;

/// Which todos a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every todo.
    All,
    /// The todos not done yet.
    Active,
    /// The todos done.
    Completed,
}

impl Filter {
    /// Every filter, in the order the page lists them.
    pub const ALL: [Filter; 3] = [Filter::All, Filter::Active, Filter::Completed];

    /// The page that shows this filter.
    pub fn path(self) -> &'static str {
        match self {
            Filter::All => "/",
            Filter::Active => "/active",
            Filter::Completed => "/completed",
        }
    }

    /// Its name on the page.
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Active => "Active",
            Filter::Completed => "Completed",
        }
    }
}

/// The database; clones share the connection.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        Store::with_connection(Connection::open(path)?)
    }

    /// A database that lives in memory, for tests.
    #[cfg(test)]
    pub fn in_memory() -> rusqlite::Result<Store> {
        Store::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(connection: Connection) -> rusqlite::Result<Store> {
        connection.execute_batch(
            "CREATE TABLE IF NOT EXISTS todos (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL,
                done INTEGER NOT NULL DEFAULT 0
            );",
        )?;
        Ok(Store { connection: Arc::new(Mutex::new(connection)) })
    }

    /// The todos `filter` shows, oldest first.
    pub fn list(&self, filter: Filter) -> rusqlite::Result<Vec<Todo>> {
        let sql = match filter {
            Filter::All => "SELECT id, title, done FROM todos ORDER BY id",
            Filter::Active => "SELECT id, title, done FROM todos WHERE done = 0 ORDER BY id",
            Filter::Completed => "SELECT id, title, done FROM todos WHERE done = 1 ORDER BY id",
        };
        let connection = self.lock();
        let mut statement = connection.prepare_cached(sql)?;
        let rows = statement.query_map([], |row| {
            Ok(Todo { id: row.get(0)?, title: row.get(1)?, done: row.get(2)? })
        })?;
        rows.collect()
    }

    /// Adds a todo, not done.
    pub fn add(&self, title: &str) -> rusqlite::Result<Todo> {
        let connection = self.lock();
        connection.execute("INSERT INTO todos (title) VALUES (?1)", params![title])?;
        Ok(Todo { id: connection.last_insert_rowid(), title: title.to_owned(), done: false })
    }

    /// Flips a todo between done and not done; `false` when there is no such todo.
    pub fn toggle(&self, id: i64) -> rusqlite::Result<bool> {
        let changed =
            self.lock().execute("UPDATE todos SET done = 1 - done WHERE id = ?1", params![id])?;
        Ok(changed == 1)
    }

    /// Removes a todo; `false` when there is no such todo.
    pub fn remove(&self, id: i64) -> rusqlite::Result<bool> {
        Ok(self.lock().execute("DELETE FROM todos WHERE id = ?1", params![id])? == 1)
    }

    /// Removes every todo that is done; returns how many.
    pub fn clear_completed(&self) -> rusqlite::Result<usize> {
        self.lock().execute("DELETE FROM todos WHERE done = 1", [])
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-done statement behind (SQLite
        // rolls it back), so the connection is still good to use.
        self.connection.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::{Filter, Store};

    #[test]
    fn add_toggle_filter_remove() {
        let store = Store::in_memory().unwrap();
        let milk = store.add("milk").unwrap();
        let eggs = store.add("eggs").unwrap();
        assert!(store.toggle(milk.id).unwrap());
        let titles = |filter| -> Vec<String> {
            store.list(filter).unwrap().into_iter().map(|todo| todo.title).collect()
        };
        assert_eq!(titles(Filter::All), ["milk", "eggs"]);
        assert_eq!(titles(Filter::Active), ["eggs"]);
        assert_eq!(titles(Filter::Completed), ["milk"]);
        assert_eq!(store.list(Filter::Active).unwrap().len(), 1);
        assert!(store.remove(eggs.id).unwrap());
        assert!(!store.remove(eggs.id).unwrap());
        assert!(!store.toggle(eggs.id).unwrap());
        assert_eq!(store.clear_completed().unwrap(), 1);
        assert!(store.list(Filter::All).unwrap().is_empty());
    }

    #[test]
    fn the_database_file_is_created_and_kept() {
        let path = std::env::temp_dir().join(format!("todo-store-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Store::open(&path).unwrap().add("persisted").unwrap();
        let titles: Vec<String> = Store::open(&path)
            .unwrap()
            .list(Filter::All)
            .unwrap()
            .into_iter()
            .map(|todo| todo.title)
            .collect();
        assert_eq!(titles, ["persisted"]);
        std::fs::remove_file(&path).unwrap();
    }
}
