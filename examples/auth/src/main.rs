//! Auth: sign-up, log-in and log-out that work as plain HTML forms, no JavaScript.
//!
//! `signup.rs` stores an argon2id hash (`password.rs`) and logs the new user in;
//! `login.rs` checks the hash and sets the signed session cookie (`session.rs`), then
//! goes to `next` when it is a path of this site (`next.rs`); the root `_layout.rs`
//! reads the session for every page and holds the log-out form;
//! `account/_middleware.rs` sends visitors without a session to `/login?next=…`.
//!
//! Run it with `cargo run -p auth`. Environment: `AUTH_SECRET` (32+ bytes) signs the
//! session cookies (random at start without it: sessions end with the process),
//! `AUTH_SECURE_COOKIES=1` marks the cookies `Secure` (behind HTTPS), `AUTH_DB` is the
//! SQLite file (default: a file of this process in the temp dir, removed when the server
//! stops on Ctrl-C or SIGTERM).

mod db;
mod next;
mod password;
mod session;

mod pages {
    resuma::pages!();
}

/// Submits per client and form: enough for people, slow for password guessing.
const RATE_LIMIT: &str = "30/min";

fn main() -> std::io::Result<()> {
    resuma::init_tracing();
    let sessions = session::Sessions::from_env()?;
    let secure = sessions.secure();

    let (path, temporary) = match std::env::var(db::PATH_VAR) {
        Ok(path) => (path, false),
        Err(_) => {
            let file = format!("resuma-auth-{}.sqlite3", std::process::id());
            (std::env::temp_dir().join(file).to_string_lossy().into_owned(), true)
        }
    };
    tracing::info!(path, "the accounts database");
    let db = db::Db::open(&path).map_err(std::io::Error::other)?;

    let served = resuma::flow::FlowApp::new(pages::all())
        .title("Auth · Resuma")
        .secure_cookies(secure)
        .rate_limit(RATE_LIMIT)
        .state(db)
        .state(sessions)
        .run();
    if temporary {
        let _ = std::fs::remove_file(&path);
    }
    served
}
