//! Starts the real `site` binary on a free port and reads it as a visitor would.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start() -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_site"))
            .env("RESUMA_ADDR", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the site binary starts");
        Server { child, base: format!("http://127.0.0.1:{port}") }
    }

    /// The status and body of `GET path`, once the server answers.
    async fn get(&self, path: &str) -> (u16, String) {
        let url = format!("{}{path}", self.base);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match reqwest::get(&url).await {
                Ok(res) => return (res.status().as_u16(), res.text().await.unwrap()),
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(err) => panic!("the site never answered on {url}: {err}"),
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

/// The values of every `name="…"` attribute in `html`, in order.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let marker = format!(" {name}=\"");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The `(href, text)` of every link in the table of contents.
fn table_of_contents(html: &str) -> Vec<(String, String)> {
    let start = html.find("<nav class=\"toc\"").expect("a table of contents");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|part| {
            let (href, rest) = part.split_once("\">").unwrap();
            (href.to_owned(), rest[..rest.find("</a>").unwrap()].to_owned())
        })
        .collect()
}

#[tokio::test]
async fn every_guide_in_the_table_of_contents_answers_with_its_title() {
    let server = Server::start();
    let (status, home) = server.get("/").await;
    assert_eq!(status, 200);
    let toc = table_of_contents(&home);
    // One row per Markdown guide of the repository.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let guides = ["docs", "docs/tutorial", "docs/guides", "framework/src/docs"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(format!("{root}/{dir}")).unwrap())
        .filter(|entry| entry.as_ref().unwrap().path().extension().is_some_and(|e| e == "md"))
        .count();
    assert_eq!(toc.len(), guides, "{toc:?}");
    for (href, title) in toc {
        assert!(href.starts_with("/docs/"), "{href}");
        let (status, body) = server.get(&href).await;
        assert_eq!(status, 200, "{href}");
        assert!(body.contains(&format!("<title>{title} · Resuma</title>")), "{href}: {title}");
    }
}

/// Follows every internal link from `/`: none is a 404, every `#anchor` names an `id` on
/// its page, and no page but the home page (its counter) and the search has a `<script>`, so no
/// `<script>` written in a guide's Markdown ever became a live tag.
#[tokio::test]
async fn crawling_from_home_finds_no_broken_link_and_scripts_only_on_home_search_and_demos() {
    let server = Server::start();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new(); // (from, page, id)
    let mut queue = VecDeque::from(["/".to_owned()]);
    let mut seen = BTreeSet::from(["/".to_owned()]);
    while let Some(page) = queue.pop_front() {
        let (status, body) = server.get(&page).await;
        assert_eq!(status, 200, "{page}");
        if page != "/" && page != "/search" && !page.starts_with("/demos/") {
            assert!(!body.contains("<script"), "{page} has a script");
        }
        ids.insert(page.clone(), attributes(&body, "id").into_iter().map(str::to_owned).collect());
        for href in attributes(&body, "href") {
            let (path, anchor) = match href.split_once('#') {
                Some(("", anchor)) => (page.as_str(), Some(anchor)),
                Some((path, anchor)) => (path, Some(anchor)),
                None => (href, None),
            };
            if !path.starts_with('/') || path.starts_with("//") {
                continue; // another site
            }
            if let Some(anchor) = anchor {
                anchors.push((page.clone(), path.to_owned(), anchor.to_owned()));
            }
            if seen.insert(path.to_owned()) {
                queue.push_back(path.to_owned());
            }
        }
    }
    assert!(seen.len() > 10, "{seen:?}");
    assert!(anchors.len() > 100, "the headings' anchors are links: {}", anchors.len());
    for (from, page, id) in anchors {
        assert!(ids[&page].contains(&id), "{from} links to {page}#{id}, which has no such id");
    }
}

#[tokio::test]
async fn home_ships_its_counter_and_text_pages_no_javascript() {
    let server = Server::start();
    let (_, home) = server.get("/").await;
    assert!(home.contains("<button class=\"counter\""), "{home}");
    assert!(home.contains("data-r-on:click"), "the counter has a click handler");
    assert!(home.contains("<script"), "the counter resumes");
    for page in ["/docs", "/docs/components", "/docs/islands", "/docs/editor", "/docs/diagnostics"]
    {
        let (status, body) = server.get(page).await;
        assert_eq!(status, 200, "{page}");
        assert!(!body.contains("<script"), "{page} ships JavaScript");
    }
}

#[tokio::test]
async fn rust_blocks_are_highlighted_and_markup_in_guides_is_text() {
    let server = Server::start();
    let (_, body) = server.get("/docs/components").await;
    assert!(body.contains("<pre><code class=\"language-rust\">"), "a Rust block");
    assert!(body.contains("<span class=\"hl-kw\">fn</span>"), "a highlighted keyword");
    assert!(body.contains("<span class=\"hl-mac\">view</span>!"), "a highlighted macro");
    // components.md shows `<img src=x onerror=alert(1)>` in a Rust string: escaped.
    assert!(!body.contains("<img src=x"), "markup from a guide stays text");
    assert!(body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // A heading has an id and a link to it.
    assert!(body.contains("<h2 id=\"escaping\">Escaping <a class=\"anchor\" href=\"#escaping\""));
}

#[tokio::test]
async fn unknown_paths_are_the_404_page() {
    let server = Server::start();
    for path in ["/nope", "/docs/nope", "/docs/flow/extra"] {
        let (status, body) = server.get(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("<h1>Page not found</h1>"), "{path}: {body}");
        assert!(body.contains("<title>Not found · Resuma</title>"), "{path}");
    }
}

#[tokio::test]
async fn guides_link_to_their_neighbours() {
    let server = Server::start();
    let (_, first) = server.get("/docs/tutorial-counter").await;
    assert!(!first.contains("rel=\"prev\""), "the first guide has no previous one");
    assert!(first.contains("<a rel=\"next\" href=\"/docs/tutorial-list\">Tutorial 2: a list →</a>"));
    let (_, last) = server.get("/docs/tutorial-deploy").await;
    assert!(
        last.contains("<a rel=\"prev\" href=\"/docs/tutorial-auth\">← Tutorial 7: logging in</a>")
    );
    assert!(last.contains("<a rel=\"next\" href=\"/docs/components\">Components and views →</a>"));
    let (_, islands) = server.get("/docs/islands").await;
    assert!(
        islands.contains("<a rel=\"prev\" href=\"/docs/components\">← Components and views</a>")
    );
    assert!(islands.contains("<a rel=\"next\" href=\"/docs/flow\">Flow: pages from files →</a>"));
}

#[tokio::test]
async fn search_lists_every_guides_headings() {
    let server = Server::start();
    let (status, body) = server.get("/search").await;
    assert_eq!(status, 200);
    assert!(body.contains("<title>Search · Resuma</title>"));
    assert!(body.contains("<input id=\"q\" type=\"search\""), "{body}");
    assert!(body.contains("href=\"/docs/forms#forms\""), "a guide's heading is in the index");
    assert!(body.contains("Diagnostics › R001"), "so are the diagnostics' codes");
    assert!(body.contains("<script"), "the filter runs in the browser");
}

#[tokio::test]
async fn every_page_links_the_stylesheet_and_it_is_css() {
    let server = Server::start();
    let mut sheets = BTreeSet::new();
    for page in ["/", "/docs", "/docs/components", "/search", "/no-such-page"] {
        let (_, body) = server.get(page).await;
        let links: Vec<_> = body
            .split("<link rel=\"stylesheet\" href=\"")
            .skip(1)
            .map(|it| it[..it.find('"').unwrap()].to_owned())
            .collect();
        assert_eq!(links.len(), 1, "{page} links one stylesheet: {links:?}");
        sheets.extend(links);
    }
    let sheet = sheets.pop_first().unwrap();
    assert!(sheets.is_empty(), "one stylesheet for all pages");
    let res = reqwest::get(format!("{}{sheet}", server.base)).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/css; charset=utf-8");
    assert!(res.text().await.unwrap().contains(".toc"), "the site's CSS");
}

/// The form demo with JavaScript off: plain posts, answered with pages.
#[tokio::test]
async fn the_form_demo_works_without_javascript() {
    let server = Server::start();
    server.get("/demos/form").await; // up
    let res = reqwest::get(format!("{}/demos/form", server.base)).await.unwrap();
    let cookie =
        res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let page = res.text().await.unwrap();
    let form = &page[page.find("<form").expect("a form")..];
    assert!(form.starts_with("<form method=\"post\" action=\"?_submit=send\""), "{form}");
    let token = attributes(form, "value")[0].to_owned();
    let post = |fields: &str| {
        // As a browser sends it: the page's token, the session cookie, the Origin.
        let body = format!("_csrf={token}&{fields}");
        let url = format!("{}/demos/form?_submit=send", server.base);
        let (cookie, origin) = (cookie.clone(), server.base.clone());
        async move {
            let res = reqwest::Client::new()
                .post(url)
                .header("cookie", cookie)
                .header("origin", origin)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    // Too short: 422, what was typed kept, the error beside its field.
    let (status, body) = post("name=Ada+%3Cb%3E&message=hi").await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("value=\"Ada &lt;b&gt;\""), "the name is kept, escaped: {body}");
    assert!(body.contains(">hi</textarea>"), "the message is kept: {body}");
    assert!(!body.contains("Thanks,"), "{body}");
    // The submit's own rule.
    let (status, body) = post("name=Ada&message=buy+spam+now").await;
    assert_eq!(status, 422);
    assert!(body.contains("No spam, please."), "{body}");
    // Good: answered on the same page.
    let (status, body) = post("name=Ada&message=hello+there").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Thanks, Ada: your note was received."), "{body}");
}
