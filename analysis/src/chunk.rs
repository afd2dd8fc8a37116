//! Handler chunks: the ES module a component's translated closures become, and its name.
//!
//! The macros register this module for the server to serve; `check` and the language
//! server build the same text to measure it, so the size the editor shows is the size
//! the browser fetches.

use std::collections::BTreeSet;

use crate::rs2js::{helpers_source, Closure};

/// The module: the helpers the exports need, then `export const NAME=JS;` for each export
/// (`h0`, `h1`… for handlers).
pub fn module_source<'a>(exports: impl IntoIterator<Item = (String, &'a Closure)>) -> String {
    let exports: Vec<(String, &Closure)> = exports.into_iter().collect();
    let mut helpers = BTreeSet::new();
    for (_, closure) in &exports {
        helpers.extend(closure.helpers.iter().copied());
    }
    let mut source = helpers_source(&helpers);
    for (name, closure) in exports {
        source.push_str(&format!("export const {name}={};\n", closure.js));
    }
    source
}

/// The chunk's name: `Component.HASH`, 8 hex digits of the FNV-1a hash of its source, so a
/// changed chunk gets a new URL and an unchanged one stays cached.
pub fn chunk_name(component: &str, source: &str) -> String {
    format!("{component}.{:08x}", fnv1a(source.as_bytes()) as u32)
}

/// FNV-1a, 64 bits: a content hash, stable across builds and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_names_follow_the_source() {
        assert_eq!(chunk_name("Counter", ""), "Counter.84222325");
        assert_ne!(chunk_name("Counter", "a"), chunk_name("Counter", "b"));
    }
}
