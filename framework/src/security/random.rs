//! Random values from the operating system: CSP nonces, session ids and a generated secret.
//!
//! Invariant: every byte comes from `getrandom` (the OS CSPRNG) and is handed out once;
//! nothing here is seeded or stretched. Small values are cut from a per-thread block of
//! [`POOL_BYTES`] that one `getrandom` call fills, each byte wiped as it leaves: a page
//! needs a nonce and often a session id, and a system call for each took about a twentieth
//! of a page's server time (`benchmark/actions --profile flow`). The block lives in the
//! thread's memory until it is used, as the state of a userspace CSPRNG would; a process
//! that forked would share it, and Resuma's servers do not fork.

use std::cell::RefCell;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;

/// Bytes one `getrandom` call fetches for a thread's small values.
const POOL_BYTES: usize = 4096;

/// Bytes of a CSP nonce (128 bits, as CSP level 3 asks for at least).
const NONCE_BYTES: usize = 16;
/// Bytes of a session id.
pub(crate) const SESSION_ID_BYTES: usize = 32;

/// A thread's random bytes not handed out yet: `bytes[next..]`.
struct Pool {
    bytes: [u8; POOL_BYTES],
    next: usize,
}

thread_local! {
    static POOL: RefCell<Pool> = const { RefCell::new(Pool { bytes: [0; POOL_BYTES], next: POOL_BYTES }) };
}

/// `N` random bytes, each never handed out before.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0; N];
    if N > POOL_BYTES / 8 {
        getrandom::fill(&mut bytes)?;
        return Ok(bytes);
    }
    let pooled = POOL.try_with(|pool| {
        let pool = &mut *pool.borrow_mut();
        if POOL_BYTES - pool.next < N {
            getrandom::fill(&mut pool.bytes)?;
            pool.next = 0;
        }
        let taken = &mut pool.bytes[pool.next..pool.next + N];
        bytes.copy_from_slice(taken);
        taken.fill(0);
        pool.next += N;
        Ok(())
    });
    match pooled {
        Ok(filled) => filled.map(|()| bytes),
        // The thread is ending and its pool is gone: straight from the system.
        Err(_) => getrandom::fill(&mut bytes).map(|()| bytes),
    }
}

/// A fresh CSP nonce: 16 random bytes in standard base64 (24 characters, `+/=` allowed,
/// none of which needs escaping in an attribute or a header).
pub(crate) fn new_nonce() -> Result<String, getrandom::Error> {
    Ok(STANDARD.encode(random_bytes::<NONCE_BYTES>()?))
}

/// A fresh session id: 32 random bytes, base64url without padding (43 characters).
pub(crate) fn new_session_id() -> Result<String, getrandom::Error> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<SESSION_ID_BYTES>()?))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::{new_nonce, new_session_id, random_bytes, POOL_BYTES};

    #[test]
    fn nonces_and_session_ids_are_fresh_and_well_formed() {
        let (a, b) = (new_nonce().unwrap(), new_nonce().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 24);
        assert!(a.bytes().all(|it| it.is_ascii_alphanumeric() || b"+/=".contains(&it)), "{a}");
        let sid = new_session_id().unwrap();
        assert_eq!(sid.len(), 43);
        assert!(sid.bytes().all(|it| it.is_ascii_alphanumeric() || b"-_".contains(&it)), "{sid}");
        assert_ne!(sid, new_session_id().unwrap());
    }

    #[test]
    fn pooled_values_never_repeat_across_refills() {
        // Several pools' worth, in sizes that do not divide the pool: each value is new,
        // including the ones cut just before and after a refill.
        let mut seen = HashSet::new();
        for _ in 0..(4 * POOL_BYTES / 24) {
            assert!(seen.insert(random_bytes::<24>().unwrap().to_vec()));
            assert!(seen.insert(random_bytes::<16>().unwrap().to_vec()));
        }
        // Not all zero: the wiped bytes are never what leaves.
        assert!(seen.iter().all(|value| value.iter().any(|&byte| byte != 0)));
    }

    #[test]
    fn threads_draw_different_bytes() {
        let other = std::thread::spawn(random_bytes::<32>).join().unwrap().unwrap();
        assert_ne!(other, random_bytes::<32>().unwrap());
    }
}
