//! What a server function can reach besides its arguments: the request it answers and
//! the app's state.
//!
//! These read a context the dispatcher sets for the length of a call; outside one (in a
//! page render, or in a task the function spawns) they return `None`.
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[derive(Clone)]
//! struct Db; // a pool: clones share it
//!
//! async fn whoami() -> Option<String> {
//!     let _db = server::app_state::<Db>()?;
//!     server::cookie("user")
//! }
//!
//! let app = ResumaApp::new().state(Db);
//! ```

pub use crate::action::request::{app_state, cookie, request_parts, with_request_parts};
pub use crate::action::ActionRejection;
pub use crate::app::RequestId;
