//! End-to-end tests in-process with `resuma::test`: the real app (`crate::app`) on a free
//! port, a fresh in-memory database each, a visitor that keeps its cookies and token.
//! `docs/guides/testing.md` is written from this file.

use resuma::test::TestServer;

use crate::db::Db;
use crate::uploads::Uploads;

/// The app on a fresh in-memory SQLite database, attachments in a folder of its own.
async fn start(name: &str) -> TestServer {
    let db = Db::open(None, ":memory:").await.expect("a migrated, seeded database");
    let dir = std::env::temp_dir().join(format!("flow-e2e-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    TestServer::start(crate::app(db, Uploads(dir))).await
}

#[tokio::test]
async fn a_visitor_writes_a_post_with_the_form_of_the_page() {
    let server = start("write").await;
    let visitor = server.client();

    // Reading the page gives the visitor its session cookie and the form's token.
    let page = visitor.get("/blog/new").await;
    assert_eq!(page.status(), 200);
    assert!(visitor.csrf().is_some(), "the form carries a token");

    // An invalid post: 422, the page again with each error next to its field.
    let fields = [("slug", "Bad Slug"), ("title", ""), ("body", "")];
    let res = visitor.post_form("/blog/new?_submit=create", &fields).await;
    assert_eq!(res.status(), 422);
    let page = res.text();
    assert!(page.contains(">Use lowercase letters, digits and dashes only.</span>"), "{page}");
    assert!(page.contains("value=\"Bad Slug\" aria-invalid=\"true\""), "kept: {page}");

    // A valid one: 303 to the new post, which the next page shows.
    let fields = [("slug", "e2e"), ("title", "Tested"), ("body", "In-process.")];
    let res = visitor.post_form("/blog/new?_submit=create", &fields).await;
    assert_eq!(res.status(), 303, "{}", res.text());
    assert_eq!(res.location(), Some("/blog/e2e"));
    let post = visitor.get("/blog/e2e").await;
    assert!(post.text().contains("<h1>Tested</h1><p>In-process.</p>"), "{}", post.text());
}

#[tokio::test]
async fn a_post_without_the_session_of_its_token_is_refused() {
    let server = start("stranger").await;
    let visitor = server.client();
    visitor.get("/blog/hello").await;
    // Another client (another session) with this visitor's token: 403, nothing saved.
    let stranger = server.client();
    let token = visitor.csrf().unwrap();
    let res = stranger
        .post_form("/blog/hello?_submit=save", &[("_csrf", &token), ("title", "Stolen")])
        .await;
    assert_eq!(res.status(), 403);
    assert!(!visitor.get("/blog/hello").await.text().contains("Stolen"));
}

#[tokio::test]
async fn the_admin_pages_want_their_cookie() {
    let server = start("admin").await;
    let visitor = server.client();
    assert_ne!(visitor.get("/admin").await.status(), 200);
    visitor.set_cookie("admin", "letmein");
    assert_eq!(visitor.get("/admin").await.status(), 200);
}

#[tokio::test]
async fn garde_rules_are_field_errors_and_html_constraints() {
    let server = start("garde").await;
    let visitor = server.client();
    // `Edit`'s `#[garde(length(max = 5000))]` on `body` is the textarea's `maxlength`,
    // which the view does not write.
    let page = visitor.get("/blog/hello").await;
    assert!(page.text().contains("<textarea name=\"body\" maxlength=\"5000\">"), "{}", page.text());

    // The browser would refuse an empty title; the server refuses it too, with the page
    // again: the field marked, its message after it, what was typed kept.
    let long = "x".repeat(5001);
    let res =
        visitor.post_form("/blog/hello?_submit=save", &[("title", ""), ("body", &long)]).await;
    assert_eq!(res.status(), 422);
    let page = res.text();
    assert!(
        page.contains("aria-invalid=\"true\" aria-describedby=\"r-error-save-title\""),
        "{page}"
    );
    assert!(page.contains("id=\"r-error-save-title\">length is lower than 1</span>"), "{page}");
    // Every rule that fails is reported at once, not just the first.
    assert!(page.contains("id=\"r-error-save-body\">length is greater than 5000</span>"));
    assert!(!visitor.get("/blog/hello").await.text().contains(&long), "nothing was saved");
}
