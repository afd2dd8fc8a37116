//! [`Deferred`]: a value a load does not wait for. The page streams: its shell and
//! everything the other loads gave leave first, the deferred part shows a fallback, and
//! its real markup follows in the same response when the value is ready (see
//! `render::defer` for the wire format).
//!
//! Invariant: the value's future starts when the load defers it (on the runtime, beside
//! the other loads) and is aborted if the page never shows it, the client goes away or
//! it outlasts the app's request timeout (a `504` error in its place, so no response
//! stays open for ever); an error of the future renders in the part's place (the
//! nearest thing to an `_error.rs` a half-sent page can have), its details only in the
//! log.

use std::fmt;
use std::future::Future;

use tokio::task::JoinHandle;

use super::load::{ErrorInfo, LoadCx, LoadError};
use crate::render::defer::{Build, Pending};
use crate::View;

/// A value a load deferred with [`LoadCx::defer`]: show it in the page with
/// [`show`](Deferred::show).
///
/// ```
/// use resuma::flow::{Deferred, LoadCx, LoadError};
/// use resuma::prelude::*;
///
/// pub struct Post {
///     pub title: String,
///     pub comments: Deferred<Vec<String>>,
/// }
///
/// async fn load(cx: LoadCx) -> Result<Post, LoadError> {
///     // Not awaited: the page streams, and the comments arrive when they are ready.
///     let comments = cx.defer(async { Ok(vec!["First!".to_owned()]) });
///     Ok(Post { title: "Hello".to_owned(), comments })
/// }
///
/// #[component]
/// pub fn PostPage(data: Post) -> View {
///     let Post { title, comments } = data;
///     view! {
///         <h1>{title}</h1>
///         {comments.show(view! { <p>"Loading comments…"</p> }, |comments| view! {
///             <ul><For each={comments} key={|c| c.clone()} let:c><li>{c}</li></For></ul>
///         })}
///     }
/// }
/// ```
pub struct Deferred<T> {
    task: Option<JoinHandle<Result<T, LoadError>>>,
    on_error: Option<Box<dyn FnOnce(ErrorInfo) -> View + Send>>,
}

impl LoadCx {
    /// Starts `value` now, without waiting for it: the page streams (its shell and the
    /// data of the other loads first), and where it shows the [`Deferred`] a fallback
    /// stands until `value` is ready, in the same response. A page that defers a value
    /// has no `ETag` and, since its headers leave before its parts, is never `public`.
    pub fn defer<T: Send + 'static>(
        &self,
        value: impl Future<Output = Result<T, LoadError>> + Send + 'static,
    ) -> Deferred<T> {
        self.stream();
        let timeout = self.part_timeout();
        let value = async move {
            let Some(timeout) = timeout else { return value.await };
            tokio::time::timeout(timeout, value).await.unwrap_or_else(|_| {
                tracing::warn!(
                    timeout_ms = timeout.as_millis() as u64,
                    "a deferred value took longer than the request timeout; its part shows an error"
                );
                Err(LoadError::status(504, "This part took too long to load."))
            })
        };
        // In the request's span (its id), like the rest of the request.
        Deferred {
            task: Some(tokio::spawn(tracing::Instrument::in_current_span(value))),
            on_error: None,
        }
    }
}

impl<T: 'static> Deferred<T> {
    /// How the part shows an error of its value (default: a `<p role="alert">` with
    /// [`ErrorInfo::message`], which never holds an internal error's details).
    ///
    /// ```
    /// # use resuma::flow::Deferred;
    /// # use resuma::prelude::*;
    /// fn comments(deferred: Deferred<Vec<String>>) -> View {
    ///     deferred
    ///         .on_error(|error| view! { <p class="error">"Comments are away: "{error.message().to_owned()}</p> })
    ///         .show(View::empty(), |comments| view! { <p>{comments.len()}" comments"</p> })
    /// }
    /// ```
    pub fn on_error(mut self, render: impl FnOnce(ErrorInfo) -> View + Send + 'static) -> Self {
        self.on_error = Some(Box::new(render));
        self
    }

    /// The part: `fallback` in place while the value loads, then what `body` renders
    /// from it (or its error), moved into that place when it arrives. Its signals and
    /// handlers resume like the rest of the page.
    pub fn show(mut self, fallback: View, body: impl FnOnce(T) -> View + 'static) -> View {
        let task = self.task.take();
        let on_error = self.on_error.take();
        let pending: Pending = Box::pin(async move {
            // Dropped unfinished (the client went away): the task goes too.
            let task = task.map(AbortOnDrop);
            let result = match task {
                Some(mut task) => (&mut task.0).await,
                None => Ok(Err(LoadError::internal("a deferred value was shown twice"))),
            };
            let build: Build = match result {
                Ok(Ok(value)) => Box::new(move || body(value)),
                Ok(Err(error)) => part_error(error.into_part_error(), on_error),
                Err(join) => {
                    tracing::error!(error = %join, "a deferred value's task failed");
                    part_error(ErrorInfo::internal(), on_error)
                }
            };
            build
        });
        View::new(move |html| crate::render::defer::defer(html, fallback, pending))
    }
}

fn part_error(
    info: ErrorInfo,
    on_error: Option<Box<dyn FnOnce(ErrorInfo) -> View + Send>>,
) -> Build {
    match on_error {
        Some(render) => Box::new(move || render(info)),
        None => Box::new(move || {
            View::new(move |html| {
                html.push_static("<p role=\"alert\">");
                html.push_text(info.message());
                html.push_static("</p>");
            })
        }),
    }
}

/// A task aborted when its handle is dropped.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl<T> Drop for Deferred<T> {
    fn drop(&mut self) {
        // Never shown (or the page went away before): nobody waits for it.
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl<T> fmt::Debug for Deferred<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.task {
            Some(task) if task.is_finished() => "ready",
            Some(_) => "pending",
            None => "shown",
        };
        f.debug_tuple("Deferred").field(&state).finish()
    }
}
