//! [`Route`]: what the page table holds for one page file — how its loads run and its
//! view is built ([`Render`], giving an [`Outcome`]), its middlewares and its error page.
//!
//! Invariant: a render runs the loads of the page and its layouts (concurrently, in one
//! task) and returns their data inside closures that build the view later, on the
//! thread that renders the page: no `View` is held across an await.

use std::fmt;
use std::sync::Arc;

use super::load::{ErrorInfo, LoadCx, LoadError};
use super::middleware::{BoxFuture, Middleware};
use super::params::Params;
use super::submit::Submission;
use crate::View;

/// What renders one route: its loads run with the request's [`LoadCx`], the result the
/// [`Outcome`] the page is built from.
pub type Render = fn(LoadCx) -> BoxFuture<Outcome>;

/// An `_error.rs` page: builds its view from what went wrong.
pub type ErrorPage = fn(ErrorInfo) -> View;

/// A `#[static_params]` fn: the parameters `resuma build --static` exports a dynamic
/// route for, from a context with the app state (and no request: its params are empty).
pub type StaticParams = fn(LoadCx) -> BoxFuture<Result<Vec<Params>, LoadError>>;

/// A layout, loaded: wraps the page (its `children`).
pub(crate) type Wrap = Box<dyn FnOnce(View) -> View + Send>;
/// A page, loaded: builds its view.
type Build = Box<dyn FnOnce() -> View + Send>;

/// One entry of the page table: its render, middlewares and error page.
///
/// ```
/// use resuma::flow::{Outcome, Route};
/// use resuma::View;
///
/// let route = Route::new(|_cx| {
///     Box::pin(async { Outcome::new().page(Ok(|| View::new(|h| h.push_static("<h1>Hi</h1>")))) })
/// });
/// ```
#[derive(Clone)]
pub struct Route {
    pub(crate) render: Render,
    pub(crate) middlewares: Arc<[Middleware]>,
    /// The route's submits, the layouts' first, the page's last (a page's submit shadows
    /// a layout's of the same name).
    pub(crate) submits: Arc<[Submission]>,
    pub(crate) layouts: usize,
    /// The nearest `_error.rs`, and how many of the route's layouts wrap it.
    pub(crate) error: Option<(usize, ErrorPage)>,
    /// The page's `#[static_params]` fn.
    pub(crate) static_params: Option<StaticParams>,
}

impl Route {
    /// A route whose page `render` builds, with no layout, middleware or error page.
    pub fn new(render: Render) -> Route {
        Route {
            render,
            middlewares: Arc::from([]),
            submits: Arc::from([]),
            layouts: 0,
            error: None,
            static_params: None,
        }
    }

    /// Says the render wraps the page in `layouts` layouts (what
    /// [`LoadCx::layout`] can wait for).
    pub fn layouts(mut self, layouts: usize) -> Route {
        self.layouts = layouts;
        self
    }

    /// Adds a middleware after the ones before it: `_middleware.rs` files run root first.
    pub fn middleware(mut self, middleware: Middleware) -> Route {
        let mut all = self.middlewares.to_vec();
        all.push(middleware);
        self.middlewares = Arc::from(all);
        self
    }

    /// Adds a submit its forms can post to (`#[submit]` fns of the page and its layouts).
    pub fn submit(mut self, submission: Submission) -> Route {
        let mut all = self.submits.to_vec();
        all.push(submission);
        self.submits = Arc::from(all);
        self
    }

    /// Sets the `#[static_params]` fn listing the parameters `resuma build --static`
    /// exports this route for.
    pub fn static_params(mut self, params: StaticParams) -> Route {
        self.static_params = Some(params);
        self
    }

    /// Sets the error page, wrapped in the first `layouts` of the route's layouts (those
    /// of its folder and above).
    pub fn error(mut self, layouts: usize, page: ErrorPage) -> Route {
        self.error = Some((layouts, page));
        self
    }
}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Route")
            .field("layouts", &self.layouts)
            .field("middlewares", &self.middlewares.len())
            .field("submits", &self.submits)
            .field("error_page", &self.error.map(|(layouts, _)| layouts))
            .finish_non_exhaustive()
    }
}

/// What a route's loads gave: each layout and the page, loaded or failed, from the
/// outermost layout in.
///
/// ```
/// use resuma::flow::{LoadError, Outcome};
/// use resuma::View;
///
/// let outcome = Outcome::new()
///     .layout(Ok(|children: View| children))
///     .page(Err::<fn() -> View, _>(LoadError::not_found()));
/// ```
#[must_use]
pub struct Outcome {
    pub(crate) layouts: Vec<Option<Wrap>>,
    pub(crate) page: Option<Build>,
    /// The outermost failure: its level (a layout's index, or the number of layouts for
    /// the page) and its error.
    pub(crate) failure: Option<(usize, LoadError)>,
}

impl Outcome {
    /// Nothing loaded yet.
    pub fn new() -> Outcome {
        Outcome { layouts: Vec::new(), page: None, failure: None }
    }

    /// The route fails before its loads run (a param that does not parse).
    pub fn failed(error: LoadError) -> Outcome {
        Outcome { layouts: Vec::new(), page: None, failure: Some((0, error)) }
    }

    /// The next layout inward: how it wraps the page, or why its load failed.
    pub fn layout<F: FnOnce(View) -> View + Send + 'static>(
        mut self,
        loaded: Result<F, LoadError>,
    ) -> Outcome {
        let level = self.layouts.len();
        match loaded {
            Ok(wrap) => self.layouts.push(Some(Box::new(wrap))),
            Err(error) => {
                self.fail(level, error);
                self.layouts.push(None);
            }
        }
        self
    }

    /// The page: how it builds its view, or why its load failed.
    pub fn page<F: FnOnce() -> View + Send + 'static>(
        mut self,
        loaded: Result<F, LoadError>,
    ) -> Outcome {
        match loaded {
            Ok(build) => self.page = Some(Box::new(build)),
            Err(error) => self.fail(self.layouts.len(), error),
        }
        self
    }

    fn fail(&mut self, level: usize, error: LoadError) {
        if self.failure.is_none() {
            self.failure = Some((level, error));
        }
    }
}

impl Default for Outcome {
    fn default() -> Outcome {
        Outcome::new()
    }
}

impl fmt::Debug for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outcome")
            .field("layouts", &self.layouts.len())
            .field("page", &self.page.is_some())
            .field("failure", &self.failure)
            .finish()
    }
}
