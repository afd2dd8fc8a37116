//! Starts the real `hello` binary on a free port and fetches its page over HTTP.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_hello"))
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the hello binary starts");
        Server { child, url: format!("http://127.0.0.1:{port}/") }
    }

    async fn get(&self) -> reqwest::Response {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match reqwest::get(&self.url).await {
                Ok(response) => return response,
                Err(err) if Instant::now() < deadline => {
                    let _ = err;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(err) => panic!("hello never answered on {}: {err}", self.url),
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn static_page_ships_no_javascript() {
    let server = Server::start();
    let response = server.get().await;
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert_eq!(content_type, "text/html; charset=utf-8");
    let body = response.text().await.unwrap();

    assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
    assert!(body.contains("<title>Hello · Resuma</title>"), "{body}");
    assert!(body.contains("<h1>Hello from Resuma</h1>"), "{body}");
    // Nested components with props, defaults and optional props.
    assert!(
        body.contains(r#"<h2>Static by default <span class="badge badge-accent">new</span></h2>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"<p class="subtitle">This page ships 0 bytes of JavaScript.</p>"#),
        "{body}"
    );
    assert!(body.contains(r#"<span class="badge badge-info">safe</span>"#), "{body}");
    assert!(body.contains("<li>A page without handlers ships no JavaScript.</li>"), "{body}");
    // The script in the text is escaped, and there is no script at all.
    assert!(
        body.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;")
            || body.contains("&lt;script&gt;alert('xss')&lt;/script&gt;"),
        "{body}"
    );
    assert!(
        !body.to_ascii_lowercase().contains("<script"),
        "a static page must ship no JS: {body}"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start();
    assert_eq!(server.get().await.status(), 200);
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "hello did not stop on SIGINT");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(status.success(), "hello exited with {status}");
}
