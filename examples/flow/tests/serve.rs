//! Starts the real `flow` binary on a free port and fetches its file-based routes.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    base: String,
    /// Its attachments folder.
    uploads: std::path::PathBuf,
}

impl Server {
    fn start() -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let uploads = std::env::temp_dir().join(format!("flow-test-uploads-{port}"));
        let child = Command::new(env!("CARGO_BIN_EXE_flow"))
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .env("FLOW_UPLOADS", &uploads)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the flow binary starts");
        Server { child, base: format!("http://127.0.0.1:{port}"), uploads }
    }

    /// The status and body of `GET path`, once the server answers.
    async fn get(&self, path: &str) -> (u16, String) {
        let res = self.send(path, &[]).await;
        let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
        assert_eq!(content_type, "text/html; charset=utf-8", "{path}");
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// The response to `GET path` with `headers`, redirects not followed, once the
    /// server answers.
    async fn send(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let url = format!("{}{path}", self.base);
        let client =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let mut req = client.get(&url);
            for (name, value) in headers {
                req = req.header(*name, *value);
            }
            match req.send().await {
                Ok(res) => return res,
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(err) => panic!("flow never answered on {url}: {err}"),
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.uploads);
    }
}

/// A visitor without JavaScript: the session cookie and CSRF token its first page gave.
struct Visitor {
    cookie: String,
    token: String,
}

impl Server {
    async fn visit(&self, path: &str) -> Visitor {
        let res = self.send(path, &[]).await;
        let cookie =
            res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        let body = res.text().await.unwrap();
        let marker = "name=\"_csrf\" value=\"";
        let at = body.find(marker).expect("the page has a form") + marker.len();
        Visitor { cookie, token: body[at..at + 43].to_owned() }
    }

    /// Posts `body` (`content_type`) to `path` as the browser would.
    async fn post(
        &self,
        visitor: &Visitor,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Response {
        let client =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        client
            .post(format!("{}{path}", self.base))
            .header("cookie", &visitor.cookie)
            .header("origin", &self.base)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    async fn post_form(&self, visitor: &Visitor, path: &str, fields: &str) -> reqwest::Response {
        let body = format!("_csrf={}&{fields}", visitor.token).into_bytes();
        self.post(visitor, path, "application/x-www-form-urlencoded", body).await
    }
}

#[tokio::test]
async fn every_route_answers_its_page() {
    let server = Server::start();
    let pages = [
        ("/", "<h1>Flow home</h1>"),
        ("/about", "<h1>About Flow</h1>"),
        ("/blog", "<h1>All posts</h1>"),
        // Typed links: the generated `path()` of each page, parameters percent-encoded.
        ("/blog", "<a href=\"/blog/hello\">Hello, Flow</a>"),
        ("/blog", "<a href=\"/blog/caf%C3%A9%20%3Cb%3E\">Café &lt;b&gt;</a>"),
        // Loads: the post from SQLite, the home page's list, the layout's count.
        ("/blog/hello", "<h1>Hello, Flow</h1><p>Every file under src/pages/ is a route.</p>"),
        ("/blog/caf%C3%A9%20%3Cb%3E", "<h1>Café &lt;b&gt;</h1>"),
        ("/", "<li><a href=\"/blog/loads\">Loads</a></li>"),
        ("/about", "<a href=\"/blog\">Blog (3)</a>"),
        ("/items/41", "<h1>Item #41</h1><a href=\"/items/42\">Next</a>"),
    ];
    for (path, expected) in pages {
        let (status, body) = server.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(body.starts_with("<!DOCTYPE html>"), "{path}: {body}");
        assert!(body.contains(expected), "{path}: {body}");
    }
}

#[tokio::test]
async fn pages_set_their_head_over_the_apps() {
    let server = Server::start();
    let (_, body) = server.get("/blog/hello").await;
    assert!(body.contains("<title>Hello, Flow · Blog</title>"), "{body}");
    assert!(body.contains(r#"<link rel="canonical" href="/blog/hello">"#), "{body}");
    let (_, body) = server.get("/").await;
    assert!(body.contains("<title>Flow · Resuma</title>"), "the app's default: {body}");
    assert!(body.contains(r#"<meta name="description" content="A blog made of files">"#), "{body}");
}

#[tokio::test]
async fn loads_redirect_answer_404_and_fail_into_the_error_page() {
    let server = Server::start();
    let res = server.send("/go/hello", &[]).await;
    assert_eq!(res.status().as_u16(), 307, "LoadError::redirect is a 307");
    assert_eq!(res.headers()["location"], "/blog/hello");

    let (status, body) = server.get("/blog/no-such-post").await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("<h1>Nothing here</h1>"), "{body}");

    let (status, body) = server.get("/broken").await;
    assert_eq!(status, 500, "{body}");
    assert!(
        body.contains("<main class=\"error\"><h1>Error 500</h1><p>Internal Server Error</p>"),
        "{body}"
    );
    assert!(body.contains("<header class=\"site-nav\">"), "inside the root layout: {body}");
    assert!(!body.contains("secret_drafts") && !body.contains("no such table"), "leaked: {body}");
}

#[tokio::test]
async fn the_admin_folder_is_behind_its_middleware() {
    let server = Server::start();
    // Unknown paths under admin/ pass the guard too: a 404 would tell a stranger which
    // admin pages exist.
    for path in ["/admin", "/admin/anything", "/admin/a/b"] {
        let res = server.send(path, &[]).await;
        assert_eq!(res.status().as_u16(), 303, "{path}");
        assert_eq!(res.headers()["location"], "/login", "{path}");
    }
    let res = server.send("/admin/anything", &[("cookie", "admin=letmein")]).await;
    assert_eq!(res.status().as_u16(), 404, "signed in, the 404 page");
    assert!(res.text().await.unwrap().contains("<h1>Nothing here</h1>"));
    let res = server.send("/admin", &[("cookie", "theme=dark; admin=letmein")]).await;
    assert_eq!(res.status().as_u16(), 200);
    let body = res.text().await.unwrap();
    assert!(body.contains("<h1>Welcome, admin</h1><p>3 posts</p>"), "{body}");
}

#[tokio::test]
async fn cache_headers_come_from_loads() {
    let server = Server::start();
    let res = server.send("/", &[]).await;
    assert_eq!(res.headers()["cache-control"], "public, max-age=60");
    assert!(res.headers().get("set-cookie").is_none(), "a public page starts no session");
    let res = server.send("/about", &[]).await;
    assert_eq!(res.headers()["cache-control"], "private, no-cache");
    assert!(res.headers().get("set-cookie").is_none(), "no script, no form: no session");
}

#[tokio::test]
async fn params_that_do_not_parse_and_unknown_paths_are_the_custom_404() {
    let server = Server::start();
    for path in
        ["/items/abc", "/items/-1", "/items/99999999999999999999", "/nope", "/blog/a/b", "/about/"]
    {
        let (status, body) = server.get(path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert!(body.contains("<main class=\"not-found\"><h1>Nothing here</h1>"), "{path}: {body}");
        assert!(body.contains("<title>Flow · Resuma</title>"), "{path}: {body}");
        assert!(body.contains("<header class=\"site-nav\">"), "inside the root layout: {body}");
    }
}

#[tokio::test]
async fn the_blog_layout_wraps_the_blog_pages_only() {
    let server = Server::start();
    for path in ["/blog", "/blog/hello"] {
        let (_, body) = server.get(path).await;
        let layout = body
            .find("<div class=\"blog-layout\"><nav class=\"blog-nav\">")
            .unwrap_or_else(|| panic!("{path}: {body}"));
        let page = body.find("<h1>").unwrap();
        let footer = body.find("<footer>").unwrap();
        assert!(layout < page && page < footer, "the page sits inside the layout: {body}");
        // The layout's counter has a handler: the page resumes it.
        assert!(body.contains("<button class=\"counter\""), "{body}");
        assert!(body.contains("<script"), "{path} has a handler: {body}");
    }
    for path in ["/", "/about", "/items/1"] {
        let (_, body) = server.get(path).await;
        assert!(!body.contains("blog-layout"), "{path}: {body}");
    }
}

#[tokio::test]
async fn pages_without_handlers_ship_no_script() {
    let server = Server::start();
    for path in ["/", "/about", "/items/7", "/nope", "/broken"] {
        let (_, body) = server.get(path).await;
        assert!(!body.to_ascii_lowercase().contains("<script"), "{path} ships JS: {body}");
    }
}

/// A multipart body: `_csrf`, then text fields, then one file part.
fn multipart(token: &str, fields: &[(&str, &str)], file: (&str, &str, &str, &[u8])) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in std::iter::once(&("_csrf", token)).chain(fields) {
        body.extend_from_slice(
            format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    let (name, file_name, content_type, bytes) = file;
    body.extend_from_slice(format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--B--\r\n");
    body
}

#[tokio::test]
async fn posts_are_created_edited_and_deleted_with_plain_forms() {
    let server = Server::start();
    let visitor = server.visit("/blog/new").await;
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR rest of the image";

    // Invalid: a bad slug, an empty title, a file that only says it is a PNG.
    let fields = [("slug", "Bad Slug"), ("title", ""), ("body", "typed <text>")];
    let body = multipart(&visitor.token, &fields, ("attachment", "x.png", "image/png", b"MZ\x90"));
    let res = server
        .post(&visitor, "/blog/new?_submit=create", "multipart/form-data; boundary=B", body)
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(
            "name=\"slug\" required maxlength=\"40\" value=\"Bad Slug\" aria-invalid=\"true\""
        ),
        "{page}"
    );
    assert!(
        page.contains("<textarea name=\"body\" maxlength=\"5000\">typed &lt;text&gt;</textarea>"),
        "{page}"
    );
    assert!(page.contains("id=\"r-error-create-title\""), "{page}");
    assert!(page.contains(">Use lowercase letters, digits and dashes only.</span>"), "{page}");
    assert!(page.contains("id=\"r-error-create-attachment\""), "every error at once: {page}");

    // Valid, with an attachment: 303 to the new post, the file on disk.
    let fields = [("slug", "forms"), ("title", "Forms work"), ("body", "Before JavaScript.")];
    let body = multipart(&visitor.token, &fields, ("attachment", "cover.png", "image/png", PNG));
    let res = server
        .post(&visitor, "/blog/new?_submit=create", "multipart/form-data; boundary=B", body)
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/blog/forms");
    let stored =
        std::fs::read(server.uploads.join("666f726d73.png")).expect("the attachment is on disk");
    assert_eq!(stored, PNG);
    let (_, page) = server.get("/blog/forms").await;
    assert!(page.contains("<h1>Forms work</h1><p>Before JavaScript.</p>"), "{page}");
    assert!(page.contains(&format!("Attachment: 666f726d73.png, {} bytes", PNG.len())), "{page}");
    // The edit form starts with the post's values.
    assert!(page.contains("name=\"title\" value=\"Forms work\""), "{page}");

    // A slug that is taken.
    let body =
        multipart(&visitor.token, &fields, ("attachment", "", "application/octet-stream", b""));
    let res = server
        .post(&visitor, "/blog/new?_submit=create", "multipart/form-data; boundary=B", body)
        .await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("A post has this slug already."));

    // Edit: an invalid title keeps what was typed, a valid one saves.
    let res = server.post_form(&visitor, "/blog/forms?_submit=save", "title=&body=new+text").await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("<textarea name=\"body\" maxlength=\"5000\">new text</textarea>"));
    let res = server
        .post_form(&visitor, "/blog/forms?_submit=save", "title=Forms+still+work&body=new+text")
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = server.get("/blog/forms").await;
    assert!(page.contains("<h1>Forms still work</h1><p>new text</p>"), "{page}");
    let (_, list) = server.get("/blog").await;
    assert!(list.contains("<a href=\"/blog/forms\">Forms still work</a>"), "{list}");

    // Without the token, nothing happens.
    let res = server
        .post(
            &visitor,
            "/blog/forms?_submit=delete",
            "application/x-www-form-urlencoded",
            Vec::new(),
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
    // Delete.
    let res = server.post_form(&visitor, "/blog/forms?_submit=delete", "").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/blog");
    assert_eq!(server.get("/blog/forms").await.0, 404);
}
