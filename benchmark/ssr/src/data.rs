//! The table every renderer draws: 1,000 rows of `(id, label)`.
//!
//! Invariant: some labels need escaping (`<`, `>`, `&`, `'`) and some are non-ASCII, but
//! none contains `"`: maud escapes `"` in text as well, so with one the outputs would
//! differ in a way that is harmless but not byte-for-byte.

/// Rows in one table.
pub const N_ROWS: u32 = 1_000;

/// One row: an id and a label.
pub type Row = (u32, String);

/// The rows, ids 1..=1000; every tenth row (ending in 7) needs escaping, every tenth
/// (ending in 3) is non-ASCII, the rest are plain.
pub fn rows() -> Vec<Row> {
    (1..=N_ROWS)
        .map(|id| {
            let label = match id % 10 {
                7 => format!("Row <{id}> & 'friends'"),
                3 => format!("Ligne n°{id} → été"),
                _ => format!("Row {id}"),
            };
            (id, label)
        })
        .collect()
}

/// Bytes to reserve for a table of `n_rows` rows before any has been rendered (a row is
/// ~100 bytes). Renderers that pre-size use it; what they would learn from a previous
/// render is what `ResumaApp` does, see `resuma_table::render`.
pub fn size_hint(n_rows: usize) -> usize {
    32 + n_rows * 112
}
