//! Flow forms: a submitted body parsed into fields, and the fields decoded into a struct.

mod decode;
mod fields;
mod multipart;
mod upload;

#[cfg(test)]
mod tests;

pub(crate) use decode::decode;
#[cfg(test)]
pub(crate) use fields::FieldValue;
pub use fields::FormLimits;
pub(crate) use fields::{parse_urlencoded, BadForm, Fields};
pub(crate) use multipart::parse_multipart;
pub use upload::Upload;
