//! The props of a component: read by `resuma_analysis::signature::props`, which reports
//! the mistakes of `#[prop(optional | default = … | into)]`; the builder uses them.

pub(crate) use resuma_analysis::signature::props::{Prop, PropKind};
