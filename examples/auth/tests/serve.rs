//! Starts the real `auth` binary on a free port and signs up, logs in and out with plain
//! form posts, as a browser without JavaScript does: each post first GETs its page for
//! the session cookie and the form's CSRF token, then sends the form to its `action`
//! with the site's `Origin`. Redirects are not followed; cookies are sent by hand.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac as _};
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use sha2::Sha256;

/// The secret the servers sign sessions with, so a test can sign (expired) cookies too.
const SECRET: &str = "the auth example's test secret, 32+ bytes";
const PASSWORD: &str = "correct horse battery";

struct Server {
    child: Child,
    base: String,
    db: PathBuf,
    client: reqwest::Client,
}

impl Server {
    /// The server, with `env` set, once it answers.
    async fn start(env: &[(&str, &str)]) -> Server {
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let n = STARTED.fetch_add(1, Ordering::Relaxed);
        let db = std::env::temp_dir().join(format!("auth-test-{}-{n}.sqlite3", std::process::id()));
        let _ = std::fs::remove_file(&db);
        let child = Command::new(env!("CARGO_BIN_EXE_auth"))
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .env("AUTH_DB", &db)
            .env("AUTH_SECRET", SECRET)
            .env_remove("AUTH_SECURE_COOKIES")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the auth binary starts");
        let client =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let server = Server { child, base: format!("http://127.0.0.1:{port}"), db, client };
        let deadline = Instant::now() + Duration::from_secs(30);
        while server.client.get(&server.base).send().await.is_err() {
            assert!(Instant::now() < deadline, "auth never answered on {}", server.base);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server
    }

    /// A new visitor, with no cookies.
    fn visitor(&self) -> Visitor<'_> {
        Visitor { server: self, sid: None, auth: None }
    }

    /// Signs up `email` (as a visitor of its own) and answers the session cookie.
    async fn sign_up(&self, email: &str) -> String {
        let mut visitor = self.visitor();
        let res = visitor
            .post(
                "/signup",
                "signup",
                &[("email", email), ("password", PASSWORD), ("confirm", PASSWORD)],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        visitor.auth.expect("signing up logs in")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.db);
    }
}

/// A browser: its cookies, sent by hand.
struct Visitor<'s> {
    server: &'s Server,
    /// The framework's session (`resuma_sid`), which CSRF tokens are bound to.
    sid: Option<String>,
    /// The log-in (`auth`).
    auth: Option<String>,
}

/// What a request answered.
struct Answer {
    status: u16,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers.get(LOCATION).map_or("", |it| it.to_str().unwrap())
    }

    /// The `Set-Cookie` header setting `auth`, if any.
    fn auth_cookie(&self) -> Option<&str> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|it| it.to_str().unwrap())
            .find(|it| it.starts_with("auth="))
    }
}

impl Visitor<'_> {
    /// `GET path` with the visitor's cookies.
    async fn get(&mut self, path: &str) -> Answer {
        let req = self.server.client.get(format!("{}{path}", self.server.base));
        self.send(req).await
    }

    /// GETs `page` and posts its form of `submit` with `fields`, as the browser does.
    async fn post(&mut self, page: &str, submit: &str, fields: &[(&str, &str)]) -> Answer {
        let shown = self.get(page).await;
        assert_eq!(shown.status, 200, "{page}: {}", shown.body);
        // The form's address: its page's URL, the query kept, `_submit` last.
        let action = shown
            .body
            .split("action=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().replace("&amp;", "&"))
            .find(|it| it.ends_with(&format!("_submit={submit}")))
            .unwrap_or_else(|| panic!("{page} has no form of {submit}: {}", shown.body));
        let csrf = csrf_field(&shown.body);
        let path = page.split('?').next().unwrap();
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("_csrf", &csrf)
            .extend_pairs(fields)
            .finish();
        let req = self
            .server
            .client
            .post(format!("{}{path}{action}", self.server.base))
            .header("origin", &self.server.base)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(req).await
    }

    /// Sends `req` with the cookies, and keeps what the answer sets.
    async fn send(&mut self, mut req: reqwest::RequestBuilder) -> Answer {
        let cookies: Vec<String> = [("resuma_sid", &self.sid), ("auth", &self.auth)]
            .into_iter()
            .filter_map(|(name, value)| value.as_ref().map(|value| format!("{name}={value}")))
            .collect();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies.join("; "));
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        for cookie in headers.get_all(SET_COOKIE) {
            let cookie = cookie.to_str().unwrap();
            let pair = cookie.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let value = (!cookie.contains("Max-Age=0")).then(|| value.to_owned());
            match name {
                "resuma_sid" => self.sid = value,
                "auth" => self.auth = value,
                _ => {}
            }
        }
        Answer { status, headers, body: res.text().await.unwrap() }
    }
}

/// The value of the form's `_csrf` field in `body`.
fn csrf_field(body: &str) -> String {
    let start = "<input type=\"hidden\" name=\"_csrf\" value=\"";
    let at = body.find(start).unwrap_or_else(|| panic!("no CSRF field: {body}")) + start.len();
    let token = &body[at..at + body[at..].find('"').unwrap()];
    assert_eq!(token.len(), 43, "{token}");
    token.to_owned()
}

/// A session cookie's value signed with the servers' secret, as the app signs them.
fn signed(user: i64, expiry: u64) -> String {
    let payload = format!("{user}.{expiry}");
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(payload.as_bytes());
    format!("{payload}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// The markup of the error shown next to the sign-up form's `field`.
fn field_error(field: &str, message: &str) -> String {
    format!("<span class=\"r-field-error\" id=\"r-error-signup-{field}\">{message}</span>")
}

#[tokio::test]
async fn sign_up_errors_are_shown_next_to_their_fields_with_the_address_kept() {
    let server = Server::start(&[]).await;
    let mut visitor = server.visitor();
    let fields = [("email", "not-an-address"), ("password", "s3cr"), ("confirm", "s3cr")];
    let res = visitor.post("/signup", "signup", &fields).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains(r#"name="email" required maxlength="254" autocomplete="email" value="not-an-address" aria-invalid="true""#), "{}", res.body);
    assert!(res.body.contains(&field_error("email", "not a valid email: value is missing `@`")));
    assert!(res.body.contains(&field_error("password", "length is lower than 8")));
    assert!(!res.body.contains("r-error-signup-confirm\""), "the same short password twice");
    assert!(!res.body.contains("s3cr"), "a password is never written back: {}", res.body);
    assert!(res.auth_cookie().is_none());

    let fields = [
        ("email", "ada@example.com"),
        ("password", "long enough one"),
        ("confirm", "long enough two"),
    ];
    let res = visitor.post("/signup", "signup", &fields).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(
        res.body.contains(&field_error("confirm", "does not match password field")),
        "{}",
        res.body
    );
    assert!(
        !res.body.contains("r-error-signup-password\"")
            && !res.body.contains("r-error-signup-email\"")
    );
    assert!(res.body.contains(r#"value="ada@example.com""#), "{}", res.body);
    assert!(!res.body.contains("long enough"), "{}", res.body);
    assert!(res.auth_cookie().is_none());
}

#[tokio::test]
async fn signing_up_logs_in_and_a_taken_address_is_a_field_error() {
    let server = Server::start(&[]).await;
    let mut visitor = server.visitor();
    let fields = [("email", "Ada@Example.com"), ("password", PASSWORD), ("confirm", PASSWORD)];
    let res = visitor.post("/signup", "signup", &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), "/account");
    let cookie = res.auth_cookie().expect("signing up sets the session cookie");
    assert!(cookie.starts_with("auth=1."), "{cookie}");
    assert!(
        cookie.ends_with("; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax"),
        "no Secure: {cookie}"
    );

    let res = visitor.get("/account").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains("<p class=\"email\">Email: Ada@Example.com</p>"), "{}", res.body);
    let res = visitor.get("/").await;
    assert!(res.body.contains("You are logged in as Ada@Example.com."), "{}", res.body);

    // Another visitor, the same address in other letters.
    let mut other = server.visitor();
    let fields = [("email", "ada@example.COM"), ("password", PASSWORD), ("confirm", PASSWORD)];
    let res = other.post("/signup", "signup", &fields).await;
    assert_eq!(res.status, 422, "{}", res.body);
    let taken = field_error("email", "This address has an account already: log in instead.");
    assert!(res.body.contains(&taken), "{}", res.body);
    assert!(res.body.contains(r#"value="ada@example.COM""#), "{}", res.body);
    assert!(res.auth_cookie().is_none() && other.auth.is_none());
}

#[tokio::test]
async fn a_wrong_password_or_address_gets_one_message_and_no_cookie() {
    let server = Server::start(&[]).await;
    server.sign_up("ada@example.com").await;
    let message = r#"<p class="r-form-error" role="alert">Wrong email or password.</p>"#;
    for (email, password) in
        [("ada@example.com", "wrong horse battery"), ("bob@example.com", PASSWORD)]
    {
        let mut visitor = server.visitor();
        let res =
            visitor.post("/login", "login", &[("email", email), ("password", password)]).await;
        assert_eq!(res.status, 422, "{email}: {}", res.body);
        assert!(res.body.contains(message), "{email}: {}", res.body);
        assert!(
            res.body.contains(&format!(
                r#"name="email" required autocomplete="username" value="{email}""#
            )),
            "{}",
            res.body
        );
        assert!(!res.body.contains(password), "a password is never written back: {}", res.body);
        assert!(
            !res.body.contains("r-field-error"),
            "the message does not say which: {}",
            res.body
        );
        assert!(res.auth_cookie().is_none(), "{email}");
    }
}

#[tokio::test]
async fn the_account_page_sends_strangers_to_log_in_and_back_after() {
    let server = Server::start(&[]).await;
    let cookie = server.sign_up("ada@example.com").await;
    let mut visitor = server.visitor();

    let res = visitor.get("/account").await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), "/login?next=%2Faccount");

    // The log-in page carries `next` in its form, and keeps it when a log-in fails.
    let res = visitor.get(res.location()).await;
    assert!(
        res.body.contains(r#"<input type="hidden" name="next" value="/account">"#),
        "{}",
        res.body
    );
    let wrong = [("email", "ada@example.com"), ("password", "wrong"), ("next", "/account")];
    let res = visitor.post("/login?next=%2Faccount", "login", &wrong).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(
        res.body.contains(r#"<input type="hidden" name="next" value="/account">"#),
        "{}",
        res.body
    );

    let good = [("email", "ada@example.com"), ("password", PASSWORD), ("next", "/account")];
    let res = visitor.post("/login?next=%2Faccount", "login", &good).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), "/account");
    let set = res.auth_cookie().expect("a log-in sets the session cookie");
    assert!(set.ends_with("; Path=/; HttpOnly; SameSite=Lax"), "{set}");
    let res = visitor.get("/account").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains("Email: ada@example.com"), "{}", res.body);
    assert!(
        res.body.contains("Logged in as ada@example.com"),
        "the layout's session: {}",
        res.body
    );

    // Cookies the app did not sign, or signed but expired, are no session.
    let (payload, signature) = cookie.rsplit_once('.').unwrap();
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    let tampered = [
        cookie.replacen("1.", "2.", 1),
        format!("{payload}.{flipped}{}", &signature[1..]),
        format!("{payload}."),
        signed(1, now() - 1),
        "garbage".to_owned(),
    ];
    for auth in tampered {
        let mut stranger = server.visitor();
        stranger.auth = Some(auth.clone());
        let res = stranger.get("/account").await;
        assert_eq!(res.status, 303, "{auth}");
        assert_eq!(res.location(), "/login?next=%2Faccount", "{auth}");
        let res = stranger.get("/").await;
        assert!(res.body.contains("You are not logged in."), "{auth}: {}", res.body);
    }
    // What the app signs, the test signs too: the cookie format is as documented.
    let mut forged_by_the_key_holder = server.visitor();
    forged_by_the_key_holder.auth = Some(signed(1, now() + 60));
    assert_eq!(forged_by_the_key_holder.get("/account").await.status, 200);
    // Unknown paths under account/ pass the guard too: a 404 would tell which exist.
    let res = server.visitor().get("/account/settings").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), "/login?next=%2Faccount%2Fsettings");
    assert_eq!(forged_by_the_key_holder.get("/account/settings").await.status, 404);
    // The guard keeps the query of the page it was asked for.
    let res = server.visitor().get("/account?tab=keys").await;
    assert_eq!(res.location(), "/login?next=%2Faccount%3Ftab%3Dkeys");
}

#[tokio::test]
async fn next_must_be_a_path_of_this_site() {
    let server = Server::start(&[]).await;
    server.sign_up("ada@example.com").await;
    let elsewhere = [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "/\t/evil.example",
        "account",
    ];
    for next in elsewhere {
        let mut visitor = server.visitor();
        let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
        let page = format!("/login?next={encoded}");
        let res = visitor.get(&page).await;
        assert!(
            res.body.contains(r#"<input type="hidden" name="next" value="/">"#),
            "{next:?}: {}",
            res.body
        );
        // A form of another site's making can post any `next`: the submit checks it too.
        let fields = [("email", "ada@example.com"), ("password", PASSWORD), ("next", next)];
        let res = visitor.post(&page, "login", &fields).await;
        assert_eq!(res.status, 303, "{next:?}: {}", res.body);
        assert_eq!(res.location(), "/", "{next:?}");
        assert!(res.auth_cookie().is_some());
    }
}

#[tokio::test]
async fn logging_out_clears_the_cookie() {
    let server = Server::start(&[]).await;
    let mut visitor = server.visitor();
    visitor.auth = Some(server.sign_up("ada@example.com").await);
    let res = visitor.get("/account").await;
    assert!(res.body.contains(r#"<form method="post" action="?_submit=logout""#), "{}", res.body);

    let res = visitor.post("/account", "logout", &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.location(), "/");
    assert_eq!(res.auth_cookie(), Some("auth=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"));
    assert!(visitor.auth.is_none(), "the browser drops the cookie");

    let res = visitor.get("/account").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), "/login?next=%2Faccount");
    let res = visitor.get("/").await;
    assert!(res.body.contains("You are not logged in."), "{}", res.body);
    assert!(!res.body.contains("_submit=logout"), "no log-out form: {}", res.body);
}

#[tokio::test]
async fn cookies_are_secure_when_configured() {
    let server = Server::start(&[("AUTH_SECURE_COOKIES", "1")]).await;
    let mut visitor = server.visitor();
    let fields = [("email", "ada@example.com"), ("password", PASSWORD), ("confirm", PASSWORD)];
    let res = visitor.post("/signup", "signup", &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let cookie = res.auth_cookie().unwrap();
    assert!(cookie.ends_with("; Path=/; HttpOnly; SameSite=Lax; Secure"), "{cookie}");

    let good = [("email", "ada@example.com"), ("password", PASSWORD)];
    let res = server.visitor().post("/login", "login", &good).await;
    assert!(res.auth_cookie().unwrap().ends_with("; HttpOnly; SameSite=Lax; Secure"));
    let res = visitor.post("/account", "logout", &[]).await;
    assert_eq!(res.auth_cookie(), Some("auth=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure"));
}
