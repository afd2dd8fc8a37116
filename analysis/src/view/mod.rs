//! `view!`: its grammar, its tree and its diagnostics.
//!
//! [`parse`] takes the tokens inside `view! { … }` (from a proc macro or from a file's
//! text) and always returns a tree plus every diagnostic, never an error or a panic.

mod ast;
mod events;
pub(crate) use events::edit_distance;
mod literal;
mod markup;
mod parser;
mod props;
#[cfg(test)]
mod tests;

pub use ast::{
    document_order, event_of, is_void_element, AttrValue, Attribute, Block, ComponentCall, Element,
    ForBlock, Fragment, Name, Node, ShowBlock, Text, ViewTree, VOID_ELEMENTS,
};
pub use events::{is_known_event, suggest_event, KNOWN_EVENTS};
pub use literal::unquote_str;
pub use markup::{escape_attr, escape_text, is_url_attribute, URL_ATTRIBUTES};
pub use parser::{parse, Parsed, MAX_DEPTH};
pub use props::is_rust_ident;
