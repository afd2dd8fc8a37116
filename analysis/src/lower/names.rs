//! Small facts about names and text the lowering asks often: whether an expression is a
//! bare signal, a list's item type.

use proc_macro2::{TokenStream, TokenTree};

use crate::rs2js::{Closure, Env, Ty};

/// The signal `tokens` consist of, when they are one signal's name in `env`.
pub fn signal_name(tokens: &TokenStream, env: &Env) -> Option<String> {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Ident(ident)), None) => {
            let name = ident.to_string();
            matches!(env.get(&name), Some(Ty::Signal(_))).then_some(name)
        }
        _ => None,
    }
}

/// The item type of a list over the signal `name` (`Signal<Vec<T>>` → `T`), `Unknown`
/// when `env` does not say.
pub fn list_item_type(env: &Env, name: &str) -> Ty {
    match env.get(name) {
        Some(Ty::Signal(inner)) => match inner.as_ref() {
            Ty::Vec(elem) => elem.as_ref().clone(),
            _ => Ty::Unknown,
        },
        _ => Ty::Unknown,
    }
}

/// A block's export: `[when, key, template]`, with the helpers of the closure in it.
pub fn block_closure(js: String, translated: Closure) -> Closure {
    Closure { js, captures: Vec::new(), ..translated }
}
