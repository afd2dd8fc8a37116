//! Both languages over HTTP, in-process (`resuma::test`): negotiation, `<html lang>`, the
//! page's text, a form's errors, the switch's cookie.

use resuma::test::{Client, TestServer};

async fn page(client: &Client, accept_language: &str) -> String {
    let res = client.send("GET", "/", &[("accept-language", accept_language)], Vec::new()).await;
    assert_eq!(res.status(), 200);
    let cache = res.header("cache-control").unwrap_or_default();
    assert!(cache.contains("private"), "no shared cache keeps a language: {cache}");
    res.text().to_owned()
}

#[tokio::test]
async fn the_page_speaks_the_browsers_language() {
    let server = TestServer::start(crate::app()).await;
    let client = server.client();
    let german = page(&client, "de-DE,de;q=0.9,en;q=0.8").await;
    assert!(german.starts_with("<!DOCTYPE html><html lang=\"de\">"), "{german}");
    assert!(german.contains("<title>Resuma in Ihrer Sprache</title>"), "{german}");
    assert!(german.contains("<h1>Hallo!</h1>"), "{german}");
    assert!(german.contains("Diese Seite spricht Deutsch."), "{german}");
    assert!(german.contains("<button>Lesen auf English</button>"), "{german}");

    let english = page(&client, "fr-FR, en;q=0.5").await;
    assert!(english.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{english}");
    assert!(english.contains("<h1>Hello!</h1>"), "{english}");
    assert!(page(&server.client(), "").await.contains("<h1>Hello!</h1>"), "the default");
}

#[tokio::test]
async fn form_errors_are_in_the_visitors_language() {
    let server = TestServer::start(crate::app()).await;
    for (accept, name, age, summary) in [
        ("de", "Bitte nennen Sie Ihren Namen.", "Ein Alter liegt zwischen 1 und 150.", "2 Felder"),
        ("en", "Tell us your name.", "An age is between 1 and 150.", "2 fields need"),
    ] {
        let client = server.client();
        page(&client, accept).await;
        let headers =
            [("accept-language", accept), ("content-type", "application/x-www-form-urlencoded")];
        let body = format!("_csrf={}&name=&age=200", client.csrf().unwrap());
        let res = client.send("POST", "/?_submit=send", &headers, body.into_bytes()).await;
        assert_eq!(res.status(), 422, "{accept}");
        let html = res.text();
        assert!(html.contains(&format!("id=\"r-error-send-name\">{name}</span>")), "{html}");
        assert!(html.contains(&format!("id=\"r-error-send-age\">{age}</span>")), "{html}");
        assert!(html.contains(summary), "{html}");
        assert!(html.contains(&format!("<html lang=\"{accept}\">")), "{html}");
    }
}

#[tokio::test]
async fn the_switch_sets_a_cookie_that_beats_accept_language() {
    let server = TestServer::start(crate::app()).await;
    let client = server.client();
    page(&client, "en").await;
    let res = client.post_form("/?_submit=switch", &[("lang", "de")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(client.cookie("lang").as_deref(), Some("de"));
    let german = page(&client, "en").await;
    assert!(german.contains("<html lang=\"de\">") && german.contains("<h1>Hallo!</h1>"));

    // The cookie's language words the form too: the submit thanks in German.
    let res = client.post_form("/?_submit=send", &[("name", "Ada"), ("age", "36")]).await;
    assert_eq!(res.status(), 200, "{}", res.text());
    assert!(res.text().contains("<p class=\"thanks\">Danke, Ada.</p>"), "{}", res.text());
}
