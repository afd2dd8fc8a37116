//! `POST` to a Flow page: a form of the page (or of a layout around it) submitted, with
//! or without JavaScript. The same answers either way: the runtime applies them in place.
//! This module decides ([`Posted`]); `serve.rs` renders what it decided, so the two do not
//! import each other.
//!
//! The checks, in order (after the route's middlewares): the page has submits (else
//! 405), origin (403), the submit named by `?_submit=` (404; a page with one submit takes
//! it without a name), rate limit (429, before the body is read), content type (415),
//! body and fields within [`FormLimits`] (413) and well formed (400), the CSRF token of
//! the `_csrf` field or the `x-resuma-csrf` header (403), the fields decoded into the
//! submit's form type (field errors: 422), the submit itself.
//!
//! Invariant: a success answers `303 See Other` (to the form runtime, `200` with
//! `x-resuma-location`: the same redirect, taken once; or re-renders for `Submitted::data`);
//! field errors re-render the page with status 422, every typed value kept but
//! passwords and files; a refusal is an HTML error page with its status; a panicking
//! submit answers 500 and the server keeps serving. Nothing from the body reaches the
//! submit but its typed fields.
//!
//! [`FormLimits`]: crate::flow::FormLimits

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse as _, Response};
use futures_util::FutureExt as _;

use super::super::form::{parse_multipart, parse_urlencoded, BadForm, Fields, FormLimits};
use super::super::load::{LoadCx, LoadError, Stop};
use super::super::route::Route;
use super::func::Submission;
use super::outcome::{Failure, Success};
use crate::action::csrf::CSRF_HEADER;
use crate::action::dispatch::{check_origin, client_ip, read_body};
use crate::app::Shared;
use crate::render::form::Replay;
use crate::render::panic::panic_message;
use crate::security::RateKey;

/// The query parameter naming the submit a form posts to.
const SUBMIT_PARAM: &str = "_submit";
/// The field carrying the CSRF token.
const CSRF_FIELD: &str = "_csrf";

/// What a post comes to; `serve.rs` turns it into the response.
pub(in crate::flow) enum Posted {
    /// A response as it is: a 303, a 405.
    Response(Response),
    /// The page again with `status` (422 for field errors, 200 for data), its form
    /// showing `replay`, and `headers` the submit added.
    Page { status: StatusCode, replay: Replay, headers: HeaderMap },
    /// What a load's error would do (a redirect, the 404 page, an error page), with a
    /// `Retry-After` for a rate limit.
    Stop { stop: Stop, retry_after: Option<u64> },
}

/// Runs the checks of the module's doc and the submit for a form posted to `route`
/// (page file `file`) with request context `cx` and `body`.
pub(in crate::flow) async fn post(
    shared: &Shared,
    limits: &FormLimits,
    route: &Route,
    file: &str,
    cx: &LoadCx,
    body: Body,
) -> Posted {
    let Checked { submission, fields } = match checked(shared, limits, route, cx, body).await {
        Ok(checked) => checked,
        Err(Refusal::NotAllowed) => {
            let mut res = StatusCode::METHOD_NOT_ALLOWED.into_response();
            res.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return Posted::Response(res);
        }
        Err(Refusal::Page { status, message, retry_after }) => {
            let stop = LoadError::status(status.as_u16(), message).into_stop();
            return Posted::Stop { stop, retry_after };
        }
    };
    let values: Vec<(String, String)> =
        fields.texts().map(|(name, value)| (name.to_owned(), value.to_owned())).collect();
    let mut replay = Replay {
        submit: submission.name.to_owned(),
        id: Some(submission.id),
        values,
        ..Replay::default()
    };
    // The submit gets a context of its own, with no layouts to wait for: the page's,
    // with its layouts' loads, shows the page afterwards.
    let state = Arc::clone(&shared.actions.state);
    let submit_cx =
        LoadCx::new(cx.params().clone(), cx.parts().clone(), state, 0, cx.part_timeout());
    let answered = match (submission.run)(submit_cx, &fields) {
        Err(errors) => {
            replay.errors = errors;
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Posted::Page { status, replay, headers: HeaderMap::new() };
        }
        Ok(future) => AssertUnwindSafe(future).catch_unwind().await,
    };
    drop(fields);
    match answered {
        Ok(Ok(submitted)) => match submitted.kind {
            Success::Redirect(location) => {
                let mut res = match asks_for_location(cx.headers()) {
                    true => location_answer(&location, file),
                    false => see_other(&location, file),
                };
                res.headers_mut().extend(submitted.headers);
                Posted::Response(res)
            }
            Success::Data(data) => {
                replay.data = Some(data);
                Posted::Page { status: StatusCode::OK, replay, headers: submitted.headers }
            }
        },
        Ok(Err(error)) => match error.kind {
            Failure::Invalid(errors) => {
                replay.errors = errors.fields;
                replay.message = errors.message;
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                Posted::Page { status, replay, headers: HeaderMap::new() }
            }
            Failure::Stop(error) => Posted::Stop { stop: error.into_stop(), retry_after: None },
        },
        Err(payload) => {
            tracing::error!(
                page = file,
                submit = submission.name,
                panic = panic_message(payload.as_ref()),
                "a submit panicked"
            );
            let stop = LoadError::status(500, "The form could not be handled.").into_stop();
            Posted::Stop { stop, retry_after: None }
        }
    }
}

/// A submit that passed every check, and its fields (`_csrf` taken out).
struct Checked {
    submission: Submission,
    fields: Fields,
}

/// Why a post was refused before its submit ran.
enum Refusal {
    /// The page has no submit: 405.
    NotAllowed,
    /// An error page with `status` saying `message`.
    Page { status: StatusCode, message: &'static str, retry_after: Option<u64> },
}

impl Refusal {
    fn page(status: StatusCode, message: &'static str) -> Refusal {
        Refusal::Page { status, message, retry_after: None }
    }
}

/// The checks of the module's doc, in order.
async fn checked(
    shared: &Shared,
    limits: &FormLimits,
    route: &Route,
    cx: &LoadCx,
    body: Body,
) -> Result<Checked, Refusal> {
    let submits = &route.submits;
    if submits.is_empty() {
        return Err(Refusal::NotAllowed);
    }
    let parts = cx.parts();
    check_origin(parts).map_err(|_| {
        Refusal::page(StatusCode::FORBIDDEN, "This form was sent from another site.")
    })?;
    let named = cx.uri().query().and_then(|query| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == SUBMIT_PARAM)
            .map(|(_, value)| value.into_owned())
    });
    let submission = match (named, &submits[..]) {
        (Some(name), _) => submits.iter().rev().find(|it| it.name == name),
        (None, [only]) => Some(only),
        (None, _) => None,
    }
    .cloned()
    .ok_or(Refusal::page(StatusCode::NOT_FOUND, "This page has no such form."))?;

    let actions = &shared.actions;
    let client = client_ip(parts, actions.trust_forwarded_for);
    actions
        .rate_limits
        .take(&RateKey::new(client, submission.rate_key), actions.default_rate)
        .await
        .map_err(|retry| Refusal::Page {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: "Too many submissions: wait a moment and send the form again.",
            retry_after: Some(retry.as_secs().max(1)),
        })?;

    let content_type = cx
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|it| it.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let too_large = || Refusal::page(StatusCode::PAYLOAD_TOO_LARGE, "The form is too large.");
    let bad = |form: BadForm| match form {
        BadForm::TooLarge => too_large(),
        BadForm::Malformed(reason) => {
            tracing::debug!(reason, "a malformed form body");
            Refusal::page(StatusCode::BAD_REQUEST, "The form could not be read.")
        }
    };
    let mut fields = match essence.as_str() {
        "application/x-www-form-urlencoded" => {
            let bytes = read_body(body, cx.headers(), limits.max_body_bytes).await.map_err(
                |rejection| match rejection.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => too_large(),
                    _ => Refusal::page(StatusCode::BAD_REQUEST, "The form could not be read."),
                },
            )?;
            parse_urlencoded(&bytes, limits).map_err(bad)?
        }
        "multipart/form-data" => parse_multipart(body, &content_type, limits).await.map_err(bad)?,
        _ => {
            return Err(Refusal::page(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "A form is sent as application/x-www-form-urlencoded or multipart/form-data.",
            ))
        }
    };
    let field = fields.remove(CSRF_FIELD);
    let given = field
        .as_deref()
        .map(str::as_bytes)
        .or_else(|| cx.headers().get(CSRF_HEADER).map(HeaderValue::as_bytes));
    let forged = || {
        Refusal::page(
            StatusCode::FORBIDDEN,
            "This form has expired or was not sent from this site: reload the page and try again.",
        )
    };
    actions.csrf.verify_token(cx.headers(), given.ok_or_else(forged)?).map_err(|_| forged())?;
    fields.remove(SUBMIT_PARAM);
    Ok(Checked { submission, fields })
}

/// The header the form runtime sends with a submit: `2` when it takes the submit's
/// redirect as [`LOCATION_HEADER`] (its earlier version sent `1` and followed 303s).
const FORM_HEADER: &str = "x-resuma-form";
/// Where the submit redirects, for the form runtime: it navigates there itself (or, on
/// the same path, fetches it to morph it in), so the target is fetched once, where
/// `fetch` would follow a 303 and the navigation would fetch it again.
const LOCATION_HEADER: &str = "x-resuma-location";

/// Whether the request comes from the form runtime that takes [`LOCATION_HEADER`].
fn asks_for_location(headers: &HeaderMap) -> bool {
    headers.get(FORM_HEADER).is_some_and(|it| it.as_bytes() == b"2")
}

/// The submit's redirect for the form runtime: `200`, no body, [`LOCATION_HEADER`]
/// (or a logged 500 when `location` is no header value).
fn location_answer(location: &str, file: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut res = StatusCode::OK.into_response();
            res.headers_mut().insert(LOCATION_HEADER, value);
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(_) => see_other(location, file),
    }
}

/// The submit's redirect: `303 See Other` to `location`, or a logged 500 when it is no
/// header value.
fn see_other(location: &str, file: &str) -> Response {
    crate::http::redirect_response(StatusCode::SEE_OTHER, location).unwrap_or_else(|| {
        tracing::error!(
            page = file,
            location,
            "a submit redirected to a location that is no header value"
        );
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })
}
