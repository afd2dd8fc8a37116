//! Password hashes: argon2id (argon2's defaults, the OWASP minimum: 19 MiB, 2 passes)
//! with a random 16-byte salt per password, stored as a PHC string
//! (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), so the parameters travel with the
//! hash and can be raised later.
//!
//! Invariant: a password is never stored, logged or compared but through argon2, and
//! checking an address with no account costs as long as checking a wrong password, so
//! the time of a failed log-in does not tell whether the address has an account.
//! Hashing takes tens of milliseconds of CPU: callers run it off the async threads
//! ([`hash`] and [`verify`] are `spawn_blocking`ed).

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::SaltString;
use argon2::password_hash::{self, PasswordHash, PasswordHasher as _, PasswordVerifier as _};
use argon2::Argon2;

/// The PHC string of `password`, salted with OS randomness.
pub(crate) async fn hash(password: String) -> Result<String, HashError> {
    let hashed = tokio::task::spawn_blocking(move || hash_now(&password)).await?;
    Ok(hashed?)
}

/// Whether `password` is the one `phc` hashes; `None` (no such account) checks against a
/// hash of a random password, as long, and answers `false`.
pub(crate) async fn verify(password: String, phc: Option<String>) -> Result<bool, HashError> {
    let verified = tokio::task::spawn_blocking(move || match phc {
        Some(phc) => verify_now(&password, &phc),
        None => {
            let _ = verify_now(&password, dummy());
            false
        }
    })
    .await?;
    Ok(verified)
}

/// Why a password could not be hashed.
#[derive(Debug)]
pub(crate) enum HashError {
    /// argon2 refused (it does not for a `String` password and its own salt).
    Argon2(password_hash::Error),
    /// The blocking task panicked or was cancelled.
    Task(tokio::task::JoinError),
}

impl std::fmt::Display for HashError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HashError::Argon2(err) => write!(f, "argon2: {err}"),
            HashError::Task(err) => write!(f, "the hashing task failed: {err}"),
        }
    }
}

impl std::error::Error for HashError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HashError::Argon2(err) => Some(err),
            HashError::Task(err) => Some(err),
        }
    }
}

impl From<password_hash::Error> for HashError {
    fn from(err: password_hash::Error) -> HashError {
        HashError::Argon2(err)
    }
}

impl From<tokio::task::JoinError> for HashError {
    fn from(err: tokio::task::JoinError) -> HashError {
        HashError::Task(err)
    }
}

fn hash_now(password: &str) -> Result<String, password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether `password` matches `phc`; a PHC string that does not parse matches nothing.
fn verify_now(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A hash of a random password, made once, for addresses with no account.
fn dummy() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut random = [0_u8; 32];
        // Without OS randomness the salt below fails too; any password does then.
        let _ = getrandom::fill(&mut random);
        let password: String = random.iter().map(|it| format!("{it:02x}")).collect();
        hash_now(&password).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_its_password_only() {
        let first = hash_now("correct horse").unwrap();
        let second = hash_now("correct horse").unwrap();
        assert!(first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify_now("correct horse", &first));
        assert!(!verify_now("correct horsE", &first));
        assert!(!verify_now("correct horse", "not a PHC string"));
    }
}
