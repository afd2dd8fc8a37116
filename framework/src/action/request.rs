//! The request a server function is answering, and the app's state, available to the
//! function while it runs (`resuma::server`).
//!
//! Invariant: a server function gets only its explicit arguments; everything else comes
//! through these functions, from a tokio task-local set by the dispatcher for the length
//! of the call. Outside a call (or in a task the function spawns) they return `None`.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use axum::http::request::Parts;

use crate::http::cookie_value;

tokio::task_local! {
    static CALL: CallContext;
}

/// What the dispatcher knows about the call in progress.
pub(crate) struct CallContext {
    pub(crate) parts: Parts,
    pub(crate) state: Arc<StateMap>,
    pub(crate) action: &'static str,
}

/// Values given to [`ResumaApp::state`](crate::ResumaApp::state), one per type.
#[derive(Default)]
pub(crate) struct StateMap {
    values: HashMap<TypeId, Box<dyn Any + Send + Sync>>,
}

impl StateMap {
    /// Stores `value`, replacing an earlier value of the same type.
    pub(crate) fn insert<T: Clone + Send + Sync + 'static>(&mut self, value: T) {
        self.values.insert(TypeId::of::<T>(), Box::new(value));
    }

    pub(crate) fn get<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        self.values.get(&TypeId::of::<T>())?.downcast_ref::<T>().cloned()
    }
}

impl fmt::Debug for StateMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StateMap").field("n_values", &self.values.len()).finish()
    }
}

/// Runs `call` with `context` as the call in progress.
pub(crate) async fn scope<F: Future>(context: CallContext, call: F) -> F::Output {
    CALL.scope(context, call).await
}

/// The name of the server function being called, if any.
pub(crate) fn action_name() -> Option<&'static str> {
    CALL.try_with(|call| call.action).ok()
}

/// The head of the request being answered (method, URI, headers, extensions), or `None`
/// outside a server function call.
///
/// This clones the head; [`with_request_parts`] borrows it.
///
/// ```
/// assert!(resuma::server::request_parts().is_none()); // not in a call
/// ```
pub fn request_parts() -> Option<Parts> {
    with_request_parts(Parts::clone)
}

/// Runs `f` with the head of the request being answered; `None` outside a server
/// function call.
///
/// ```
/// use resuma::server;
///
/// async fn user_agent() -> Option<String> {
///     server::with_request_parts(|parts| {
///         parts.headers.get("user-agent")?.to_str().ok().map(str::to_owned)
///     })
///     .flatten()
/// }
/// ```
pub fn with_request_parts<R>(f: impl FnOnce(&Parts) -> R) -> Option<R> {
    CALL.try_with(|call| f(&call.parts)).ok()
}

/// The value of cookie `name` on the request being answered; `None` if the request has
/// no such cookie, or outside a server function call.
///
/// ```
/// async fn theme() -> String {
///     resuma::server::cookie("theme").unwrap_or_else(|| "light".to_owned())
/// }
/// ```
pub fn cookie(name: &str) -> Option<String> {
    with_request_parts(|parts| cookie_value(&parts.headers, name).map(str::to_owned)).flatten()
}

/// A clone of the app's state of type `T`, given to
/// [`ResumaApp::state`](crate::ResumaApp::state); `None` if the app has no `T`, or
/// outside a server function call. Share expensive things (a pool) behind an `Arc`, or
/// use a type whose clones share (most pools do).
///
/// ```
/// use std::sync::Arc;
/// use resuma::server;
///
/// /// A connection pool; clones share it.
/// #[derive(Clone)]
/// struct Db(Arc<Vec<String>>);
///
/// impl Db {
///     async fn search(&self, q: &str) -> Vec<String> {
///         self.0.iter().filter(|it| it.contains(q)).cloned().collect()
///     }
/// }
///
/// // The body of `#[server] async fn search(q: String) -> Vec<String>`:
/// async fn search(q: String) -> Vec<String> {
///     let Some(db) = server::app_state::<Db>() else {
///         return Vec::new();
///     };
///     db.search(&q).await
/// }
///
/// let app = resuma::ResumaApp::new().state(Db(Arc::new(vec!["rust".into()])));
/// ```
pub fn app_state<T: Clone + Send + Sync + 'static>() -> Option<T> {
    CALL.try_with(|call| call.state.get::<T>()).ok().flatten()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use axum::http::Request;

    use super::{app_state, cookie, request_parts, scope, CallContext, StateMap};

    #[tokio::test]
    async fn context_is_visible_inside_the_call_only() {
        let mut state = StateMap::default();
        state.insert(7u32);
        state.insert(String::from("db"));
        let req = Request::post("/x").header("cookie", "a=1; b=2").body(()).unwrap();
        let (parts, ()) = req.into_parts();
        let context = CallContext { parts, state: Arc::new(state), action: "x" };
        scope(context, async {
            assert_eq!(cookie("b").as_deref(), Some("2"));
            assert_eq!(cookie("c"), None);
            assert_eq!(app_state::<u32>(), Some(7));
            assert_eq!(app_state::<String>().as_deref(), Some("db"));
            assert_eq!(app_state::<u64>(), None);
            assert_eq!(request_parts().unwrap().uri, "/x");
            assert_eq!(super::action_name(), Some("x"));
        })
        .await;
        assert!(request_parts().is_none());
        assert_eq!(cookie("a"), None);
        assert_eq!(app_state::<u32>(), None);
    }
}
