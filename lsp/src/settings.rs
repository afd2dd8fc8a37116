//! An app's Resuma settings: `[package.metadata.resuma]` in its `Cargo.toml`.
//!
//! Analysis takes a [`Settings`] value and does no IO; the cli and the language server
//! find and read the manifest here. Unknown keys are left alone: the table is shared
//! with the other `resuma` commands.

use std::path::{Path, PathBuf};

use resuma_analysis::payload::Budget;
use resuma_analysis::Settings;

/// The keys this module reads, as written in `Cargo.toml`.
pub const CHUNK_BUDGET_KEY: &str = "chunk-budget-gz";
/// See [`CHUNK_BUDGET_KEY`].
pub const STATE_BUDGET_KEY: &str = "state-budget";

/// Why a manifest's settings could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// The file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The manifest.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not TOML.
    #[error("{path} is not valid TOML")]
    Parse {
        /// The manifest.
        path: PathBuf,
        /// Where and why.
        #[source]
        source: toml::de::Error,
    },
    /// A budget key has a value that is not a byte count.
    #[error("`{key}` in [package.metadata.resuma] of {path} must be a whole number of bytes, found `{found}`")]
    InvalidBudget {
        /// The manifest.
        path: PathBuf,
        /// The key.
        key: &'static str,
        /// What was written.
        found: String,
    },
}

/// Budget overrides, for the keys that are set (an editor setting fills in the rest).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct BudgetOverrides {
    /// `chunk-budget-gz`.
    pub chunk_gz_bytes: Option<u32>,
    /// `state-budget`.
    pub state_bytes: Option<u32>,
}

impl BudgetOverrides {
    /// `base` with these overrides applied.
    pub fn apply(self, base: Budget) -> Budget {
        Budget {
            chunk_gz_bytes: self.chunk_gz_bytes.unwrap_or(base.chunk_gz_bytes),
            state_bytes: self.state_bytes.unwrap_or(base.state_bytes),
        }
    }
}

/// The budget keys of a manifest's text (`path` only names it in errors).
///
/// ```
/// use resuma_lsp::settings::budget_overrides;
/// let text = "[package]\nname = \"app\"\n[package.metadata.resuma]\nchunk-budget-gz = 512\n";
/// let overrides = budget_overrides(text, "Cargo.toml".as_ref()).unwrap();
/// assert_eq!(overrides.chunk_gz_bytes, Some(512));
/// assert_eq!(overrides.state_bytes, None);
/// ```
pub fn budget_overrides(text: &str, path: &Path) -> Result<BudgetOverrides, ManifestError> {
    let manifest: toml::Table =
        text.parse().map_err(|source| ManifestError::Parse { path: path.to_owned(), source })?;
    let table = manifest
        .get("package")
        .and_then(|it| it.get("metadata"))
        .and_then(|it| it.get("resuma"))
        .and_then(toml::Value::as_table);
    let Some(table) = table else { return Ok(BudgetOverrides::default()) };
    let read = |key: &'static str| -> Result<Option<u32>, ManifestError> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::Integer(n)) if (0..=i64::from(u32::MAX)).contains(n) => {
                Ok(Some(*n as u32))
            }
            Some(other) => Err(ManifestError::InvalidBudget {
                path: path.to_owned(),
                key,
                found: other.to_string(),
            }),
        }
    };
    Ok(BudgetOverrides {
        chunk_gz_bytes: read(CHUNK_BUDGET_KEY)?,
        state_bytes: read(STATE_BUDGET_KEY)?,
    })
}

/// The nearest `Cargo.toml` at or above `path` (a file or a directory).
pub fn find_manifest(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { path } else { path.parent()? };
    start.ancestors().map(|dir| dir.join("Cargo.toml")).find(|it| it.is_file())
}

/// The settings for the code at `path`: its crate's manifest over `base`. No manifest
/// means `base` unchanged.
pub fn load_settings(path: &Path, base: Settings) -> Result<Settings, ManifestError> {
    let Some(manifest) = find_manifest(path) else { return Ok(base) };
    let text = std::fs::read_to_string(&manifest)
        .map_err(|source| ManifestError::Read { path: manifest.clone(), source })?;
    let overrides = budget_overrides(&text, &manifest)?;
    let mut settings = base;
    settings.budget = overrides.apply(settings.budget);
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_are_whole_byte_counts() {
        let path = Path::new("Cargo.toml");
        let err = budget_overrides("[package.metadata.resuma]\nstate-budget = \"4 KB\"\n", path)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "`state-budget` in [package.metadata.resuma] of Cargo.toml must be a whole number of bytes, found `\"4 KB\"`"
        );
        assert!(budget_overrides("[package.metadata.resuma]\nstate-budget = -1\n", path).is_err());
        assert!(matches!(budget_overrides("[package", path), Err(ManifestError::Parse { .. })));
        let none = budget_overrides("[package]\nname = \"x\"\n", path).unwrap();
        assert_eq!(none.apply(Budget::default()), Budget::default());
    }
}
