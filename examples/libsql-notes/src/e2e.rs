//! Notes written through the form are in the libSQL file, and a new process on the same
//! file finds them, its migration applied once.

use resuma::test::TestServer;

use crate::db::Db;

#[tokio::test]
async fn notes_are_kept_in_the_file_across_restarts() {
    let file = std::env::temp_dir().join(format!("resuma-libsql-{}.db", std::process::id()));
    let path = file.to_str().unwrap().to_owned();
    {
        let server = TestServer::start(crate::app(Db::open(&path).await.unwrap())).await;
        let visitor = server.client();
        let page = visitor.get("/").await;
        assert!(page.text().contains("<p class=\"count\">0 notes</p>"), "{}", page.text());
        // The garde rule is the field's HTML constraint, and the server's check.
        assert!(page.text().contains("<input name=\"text\" required maxlength=\"200\">"));
        assert_eq!(visitor.post_form("/?_submit=add", &[("text", "")]).await.status(), 422);
        let res = visitor.post_form("/?_submit=add", &[("text", "Kept <in> libSQL")]).await;
        assert_eq!(res.status(), 303, "{}", res.text());
    }
    // Opened again, as a restarted process would: migrated already, the note there.
    let server = TestServer::start(crate::app(Db::open(&path).await.unwrap())).await;
    let page = server.client().get("/").await;
    assert!(page.text().contains("<li>Kept &lt;in&gt; libSQL</li>"), "{}", page.text());
    assert!(page.text().contains("1 notes"), "{}", page.text());
    drop(server);
    let _ = std::fs::remove_file(&file);
}
