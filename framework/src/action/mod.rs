//! Server functions, server side: the registry `#[server]` fills at link time, the
//! endpoint `POST /_resuma/action/{name}` and its checks (origin, CSRF, media type, rate,
//! size), the request context a server function can read, and the typed rejections.
//!
//! The order of the checks is part of the contract; see [`dispatch`] and the
//! [server functions guide](crate::guide::server_functions).

pub(crate) mod csrf;
pub(crate) mod dispatch;
mod registry;
mod rejection;
pub(crate) mod request;
mod service;

pub(crate) use dispatch::dispatch;
pub use registry::{decode_args, ok_json, result_json, Action, ActionFuture};
pub use rejection::ActionRejection;
pub(crate) use request::StateMap;
pub(crate) use service::{ActionConfig, ActionService};
