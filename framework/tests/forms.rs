//! Flow forms over HTTP, as a browser without JavaScript sends them: every path of a
//! `#[submit]` — success 303, field errors 422 with what was typed kept, CSRF and origin
//! refusals, limits, malformed bodies, wrong types, the rate limit — on a hand-written
//! page table, and a good request after each bad one.

#![allow(missing_docs)]

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use resuma::flow::{
    use_form, FieldErrors, FlowApp, FormError, FormLimits, LoadError, Outcome, Pages, Route,
    SubmitCx, Submitted, Upload,
};
use resuma::prelude::*;
use serde::Deserialize;
use tower::ServiceExt as _;

#[derive(Clone, Default)]
struct Notes(Arc<Mutex<Vec<String>>>);

#[derive(Deserialize, garde::Validate)]
pub struct NewNote {
    #[garde(length(min = 1, max = 20))]
    title: String,
    #[garde(range(max = 10))]
    count: u8,
    #[garde(skip)]
    #[serde(default)]
    done: bool,
    #[garde(skip)]
    secret: String,
}

#[submit]
pub async fn create_note(cx: SubmitCx, form: NewNote) -> Result<Submitted, FormError> {
    if form.secret != "letmein" {
        return Err(FieldErrors::new()
            .field("secret", "Wrong password.")
            .message("The note was not saved.")
            .into());
    }
    if form.title == "boom" {
        panic!("the submit blew up");
    }
    if form.title == "db" {
        return Err(std::io::Error::other("disk on fire: /var/lib/secret").into());
    }
    let notes: Notes = cx.state()?;
    let done = if form.done { " (done)" } else { "" };
    notes.0.lock().unwrap().push(format!("{} ×{}{done}", form.title, form.count));
    Ok(Submitted::redirect("/notes"))
}

#[derive(Deserialize)]
pub struct Guess {
    number: u32,
}

#[submit]
pub async fn guess(_cx: SubmitCx, form: Guess) -> Result<Submitted<bool>, FormError> {
    Ok(Submitted::data(form.number == 42))
}

#[derive(Deserialize)]
pub struct Avatar {
    name: String,
    picture: Option<Upload>,
}

#[submit]
pub async fn upload(cx: SubmitCx, form: Avatar) -> Result<Submitted, FormError> {
    let Some(picture) = form.picture else {
        return Err(FormError::field("picture", "Choose a picture."));
    };
    picture.check_type(&["image/png"]).map_err(|message| FormError::field("picture", message))?;
    let notes: Notes = cx.state()?;
    notes.0.lock().unwrap().push(format!("{}: {} bytes", form.name, picture.len()));
    Ok(Submitted::redirect("/notes"))
}

#[component]
pub fn NotesPage(data: Vec<String>) -> View {
    let last = use_form(guess);
    let verdict = match last.data() {
        Some(true) => "right",
        Some(false) => "wrong",
        None => "",
    };
    let list = data.join("|");
    view! {
        <p id="list">{list}</p>
        <p id="verdict">{verdict}</p>
        <Form submit={create_note} class="note">
            <input name="title"/>
            <input name="count" type="number"/>
            <input name="done" type="checkbox"/>
            <input name="secret" type="password"/>
            <button>"Add"</button>
        </Form>
        <Form submit={guess}><input name="number"/></Form>
        <Form submit={upload}><input name="name"/><input name="picture" type="file"/></Form>
    }
}

fn notes_route() -> Route {
    Route::new(|cx| {
        Box::pin(async move {
            let loaded: Result<Vec<String>, LoadError> =
                cx.state::<Notes>().map(|notes| notes.0.lock().unwrap().clone());
            Outcome::new().page(loaded.map(|data| {
                move || {
                    View::new(move |h| {
                        resuma::Component::render(NotesPage::builder().data(data).build(), h)
                    })
                }
            }))
        })
    })
    .submit(resuma::flow::Submission::new("create_note", create_note))
    .submit(resuma::flow::Submission::new("guess", guess))
    .submit(resuma::flow::Submission::new("upload", upload))
}

fn app(notes: &Notes) -> axum::Router {
    let plain = Route::new(|_| {
        Box::pin(async { Outcome::new().page(Ok(|| View::new(|h| h.push_static("<p>plain</p>")))) })
    });
    FlowApp::new(
        Pages::new().route("/notes", "notes.rs", notes_route()).route("/plain", "plain.rs", plain),
    )
    .state(notes.clone())
    .rate_limit("8/min")
    .form_limits(FormLimits::default().max_body_bytes(64 * 1024))
    .router()
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(router: &axum::Router, req: Request<Body>) -> Answer {
    let res = router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    Answer { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
}

/// A visitor: the session cookie and CSRF token of its first page view.
struct Visitor {
    cookie: String,
    token: String,
}

async fn visit(router: &axum::Router) -> Visitor {
    let page = send(router, Request::get("/notes").body(Body::empty()).unwrap()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let cookie = page.headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let marker = "name=\"_csrf\" value=\"";
    let at = page.body.find(marker).expect("the form carries the token") + marker.len();
    let token = page.body[at..at + 43].to_owned();
    Visitor { cookie, token }
}

fn post(visitor: &Visitor, path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &visitor.cookie)
        .header(header::ORIGIN, "http://localhost")
        .header(header::HOST, "localhost")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn form_body(visitor: &Visitor, fields: &str) -> String {
    format!("_csrf={}&{fields}", visitor.token)
}

#[tokio::test]
async fn the_form_is_plain_html_with_its_token_and_address() {
    let router = app(&Notes::default());
    let page = send(&router, Request::get("/notes").body(Body::empty()).unwrap()).await;
    assert!(page.body.contains(
        "<form method=\"post\" action=\"?_submit=create_note\" data-r-form=\"create_note\" data-r-on:submit=\"!Form."
    ), "{}", page.body);
    assert!(page.body.contains("class=\"note\""));
    // The form type's garde rules, as constraints the browser checks too.
    assert!(
        page.body.contains("<input name=\"title\" required maxlength=\"20\">"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<input name=\"count\" type=\"number\" max=\"10\">"),
        "{}",
        page.body
    );
    // The upload form, and only it, is multipart.
    assert_eq!(page.body.matches("enctype=\"multipart/form-data\"").count(), 1);
    assert_eq!(page.body.matches("name=\"_csrf\"").count(), 3);
    assert!(page.headers[header::CACHE_CONTROL].to_str().unwrap().contains("private"));

    // The page's query stays in the address (a `next` the page reads survives a 422).
    let page =
        send(&router, Request::get("/notes?next=%2Fa+b&_submit=x").body(Body::empty()).unwrap())
            .await;
    assert!(page.body.contains("action=\"?next=%2Fa+b&amp;_submit=create_note\""), "{}", page.body);
}

#[tokio::test]
async fn success_redirects_303_and_the_next_page_shows_the_note() {
    let notes = Notes::default();
    let router = app(&notes);
    let visitor = visit(&router).await;
    let body = form_body(&visitor, "title=Milk&count=2&done=on&secret=letmein");
    let res = send(&router, post(&visitor, "/notes?_submit=create_note", &body)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.headers[header::LOCATION], "/notes");
    assert_eq!(*notes.0.lock().unwrap(), ["Milk ×2 (done)"]);
    let page = send(&router, Request::get("/notes").body(Body::empty()).unwrap()).await;
    assert!(page.body.contains("<p id=\"list\">Milk ×2 (done)</p>"), "{}", page.body);
}

#[tokio::test]
async fn the_form_runtime_gets_the_redirect_as_a_header_to_follow_once() {
    let notes = Notes::default();
    let router = app(&notes);
    let visitor = visit(&router).await;
    let enhanced = |version: &str| {
        let body = form_body(&visitor, "title=Tea&count=1&secret=letmein");
        let mut req = post(&visitor, "/notes?_submit=create_note", &body);
        req.headers_mut().insert("x-resuma-form", version.parse().unwrap());
        req
    };
    // The runtime (`x-resuma-form: 2`) navigates itself: no 303 for `fetch` to follow.
    let res = send(&router, enhanced("2")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.headers["x-resuma-location"], "/notes");
    assert!(!res.headers.contains_key(header::LOCATION));
    assert_eq!(res.headers[header::CACHE_CONTROL], "no-store");
    assert!(res.body.is_empty(), "{}", res.body);
    // An earlier runtime (`1`) and a native submit still get the 303.
    let res = send(&router, enhanced("1")).await;
    assert_eq!(
        (res.status, &res.headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &"/notes".parse().unwrap())
    );
    assert_eq!(notes.0.lock().unwrap().len(), 2, "each submit ran once");
}

#[tokio::test]
async fn field_errors_answer_422_with_every_typed_value_but_the_password() {
    let notes = Notes::default();
    let router = app(&notes);
    let visitor = visit(&router).await;
    // Three problems at once: too long (garde), out of range (garde), not a number.
    let body = form_body(
        &visitor,
        "title=a+very+long+title+%3Cb%3E+indeed&count=300&done=on&secret=hunter2",
    );
    let res = send(&router, post(&visitor, "/notes?_submit=create_note", &body)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("value=\"a very long title &lt;b&gt; indeed\""), "{}", res.body);
    assert!(
        res.body.contains(
            "name=\"count\" type=\"number\" max=\"10\" value=\"300\" aria-invalid=\"true\""
        ),
        "{}",
        res.body
    );
    assert!(res.body.contains("name=\"done\" type=\"checkbox\" checked"), "{}", res.body);
    assert!(!res.body.contains("hunter2"), "a password is never written back");
    assert!(res.body.contains("class=\"r-field-error\" id=\"r-error-create_note-count\""));
    assert!(res.body.contains("Enter a whole number from 0 to 255."), "{}", res.body);

    // A form that decodes is checked by its garde rules, every rule at once.
    let body = form_body(&visitor, "title=a+very+long+title+indeed&count=11&secret=hunter2");
    let res = send(&router, post(&visitor, "/notes?_submit=create_note", &body)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("id=\"r-error-create_note-title\""), "{}", res.body);
    assert!(res.body.contains("id=\"r-error-create_note-count\""), "{}", res.body);
    assert!(res.body.contains("value=\"11\""));
    assert!(notes.0.lock().unwrap().is_empty());

    // Valid fields, wrong password: the submit's own errors, and its form-level message.
    let body = form_body(&visitor, "title=Milk&count=2&secret=nope");
    let res = send(&router, post(&visitor, "/notes?_submit=create_note", &body)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("<p class=\"r-form-error\" role=\"alert\">The note was not saved.</p>"),
        "{}",
        res.body
    );
    assert!(res.body.contains(">Wrong password.</span>"), "{}", res.body);
    assert!(res.body.contains("name=\"title\" required maxlength=\"20\" value=\"Milk\""));
    // The other forms of the page show nothing of it.
    assert!(res.body.contains("<form method=\"post\" action=\"?_submit=guess\""));
    assert!(!res.body.contains("name=\"number\" value="));
}

#[tokio::test]
async fn wrong_types_and_missing_fields_are_field_errors_never_a_500() {
    let router = app(&Notes::default());
    let visitor = visit(&router).await;
    for fields in ["count=abc&title=x&secret=s", "title=x", "", "count=-1&count=2&title=&secret="] {
        let res = send(
            &router,
            post(&visitor, "/notes?_submit=create_note", &form_body(&visitor, fields)),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields}: {}", res.body);
        assert!(res.body.contains("r-field-error"), "{fields}: {}", res.body);
    }
}

#[tokio::test]
async fn csrf_origin_and_content_are_checked_before_the_submit_runs() {
    let notes = Notes::default();
    let router = app(&notes);
    let visitor = visit(&router).await;
    let good = "title=Milk&count=1&secret=letmein";

    // No token, a forged token, a token of another session.
    let other = visit(&router).await;
    for body in
        [good.to_owned(), format!("_csrf={}&{good}", "A".repeat(43)), form_body(&other, good)]
    {
        let res = send(&router, post(&visitor, "/notes?_submit=create_note", &body)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{body}");
        assert!(res.body.contains("reload the page"), "{}", res.body);
    }
    // Cross-origin.
    let mut req = post(&visitor, "/notes?_submit=create_note", &form_body(&visitor, good));
    req.headers_mut().insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    assert_eq!(send(&router, req).await.status, StatusCode::FORBIDDEN);
    // Neither form content type.
    let mut req = post(&visitor, "/notes?_submit=create_note", "{}");
    req.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    assert_eq!(send(&router, req).await.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Too large.
    let big = form_body(&visitor, &format!("title={}", "x".repeat(70 * 1024)));
    assert_eq!(
        send(&router, post(&visitor, "/notes?_submit=create_note", &big)).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // Malformed multipart.
    let mut req = post(
        &visitor,
        "/notes?_submit=upload",
        "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
    );
    req.headers_mut()
        .insert(header::CONTENT_TYPE, "multipart/form-data; boundary=x".parse().unwrap());
    assert_eq!(send(&router, req).await.status, StatusCode::BAD_REQUEST);
    // No such submit; a page without submits.
    let res =
        send(&router, post(&visitor, "/notes?_submit=nope", &form_body(&visitor, good))).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = send(&router, post(&visitor, "/plain", &form_body(&visitor, good))).await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);

    assert!(notes.0.lock().unwrap().is_empty(), "no refused request ran the submit");
    let res =
        send(&router, post(&visitor, "/notes?_submit=create_note", &form_body(&visitor, good)))
            .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "and a good request still works: {}", res.body);
}

#[tokio::test]
async fn a_failing_or_panicking_submit_is_an_error_page_that_leaks_nothing() {
    let router = app(&Notes::default());
    let visitor = visit(&router).await;
    let res = send(
        &router,
        post(
            &visitor,
            "/notes?_submit=create_note",
            &form_body(&visitor, "title=db&count=1&secret=letmein"),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!res.body.contains("disk on fire"), "{}", res.body);
    let res = send(
        &router,
        post(
            &visitor,
            "/notes?_submit=create_note",
            &form_body(&visitor, "title=boom&count=1&secret=letmein"),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!res.body.contains("blew up"));
    let res = send(
        &router,
        post(
            &visitor,
            "/notes?_submit=create_note",
            &form_body(&visitor, "title=ok&count=1&secret=letmein"),
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "the server keeps serving");
}

#[tokio::test]
async fn a_submit_with_data_shows_the_page_again_and_use_form_reads_it() {
    let router = app(&Notes::default());
    let visitor = visit(&router).await;
    let res =
        send(&router, post(&visitor, "/notes?_submit=guess", &form_body(&visitor, "number=42")))
            .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<p id=\"verdict\">right</p>"), "{}", res.body);
    assert!(res.body.contains("name=\"number\" value=\"42\""), "the form shows what was sent");
    let res =
        send(&router, post(&visitor, "/notes?_submit=guess", &form_body(&visitor, "number=7")))
            .await;
    assert!(res.body.contains("<p id=\"verdict\">wrong</p>"));
}

/// A part: its name, its file's name and content type (for a file), its bytes.
type Part<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a [u8]);

fn multipart(visitor: &Visitor, parts: &[Part<'_>]) -> Request<Body> {
    let mut body = Vec::new();
    let mut part = |name: &str, file: Option<(&str, &str)>, bytes: &[u8]| {
        body.extend_from_slice(b"--BOUNDARY\r\n");
        match file {
            Some((file_name, content_type)) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    };
    part("_csrf", None, visitor.token.as_bytes());
    for (name, file, bytes) in parts {
        part(name, *file, bytes);
    }
    body.extend_from_slice(b"--BOUNDARY--\r\n");
    let mut req = post(visitor, "/notes?_submit=upload", "");
    *req.body_mut() = Body::from(body);
    req.headers_mut()
        .insert(header::CONTENT_TYPE, "multipart/form-data; boundary=BOUNDARY".parse().unwrap());
    req
}

#[tokio::test]
async fn uploads_are_typed_checked_and_size_limited() {
    let notes = Notes::default();
    let router = app(&notes);
    let visitor = visit(&router).await;
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let res = send(
        &router,
        multipart(
            &visitor,
            &[("name", None, b"Ada"), ("picture", Some(("a.png", "image/png")), PNG)],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(*notes.0.lock().unwrap(), [format!("Ada: {} bytes", PNG.len())]);
    // A file that says PNG but is not one.
    let res = send(
        &router,
        multipart(
            &visitor,
            &[("name", None, b"Eve"), ("picture", Some(("x.png", "image/png")), b"MZ\x90\0")],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("name=\"name\" value=\"Eve\""), "{}", res.body);
    // No file chosen.
    let res = send(
        &router,
        multipart(
            &visitor,
            &[("name", None, b"Bo"), ("picture", Some(("", "application/octet-stream")), b"")],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Choose a picture."));
    // Over the body limit.
    let big = vec![0_u8; 100 * 1024];
    let res = send(
        &router,
        multipart(
            &visitor,
            &[("name", None, b"Al"), ("picture", Some(("b.png", "image/png")), &big)],
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn submits_are_rate_limited_per_client() {
    let router = app(&Notes::default());
    let visitor = visit(&router).await;
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let res =
            send(&router, post(&visitor, "/notes?_submit=guess", &form_body(&visitor, "number=1")))
                .await;
        statuses.push(res.status);
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(res.headers.contains_key(header::RETRY_AFTER));
        }
    }
    assert_eq!(statuses.iter().filter(|it| **it == StatusCode::OK).count(), 8, "{statuses:?}");
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}
