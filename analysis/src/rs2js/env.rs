//! What a handler closure can see: the names in scope where it is written, with their
//! types, and the structs of its file that those types may name.
//!
//! Plain data, below the translator: whoever builds an `Env` says what is in it
//! (`crate::component_env` reads a component's parameters and top-level `let`s), and
//! nothing is ambient.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::structs::Structs;
use super::ty::Ty;

/// The names in scope at a closure: signals and locals with their types.
///
/// ```
/// use resuma_analysis::rs2js::{Env, Ty};
/// let mut env = Env::new();
/// env.insert("count", Ty::Signal(Box::new(Ty::I32)));
/// assert_eq!(env.get("count"), Some(&Ty::Signal(Box::new(Ty::I32))));
/// assert_eq!(env.get("other"), None);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Env {
    vars: BTreeMap<String, Ty>,
    /// Names bound to values that cannot be serialised, with what they are.
    unserialisable: BTreeMap<String, String>,
    /// The structs of the file, which a type written in the handler may name.
    structs: Arc<Structs>,
}

impl Env {
    /// An empty scope that knows no struct.
    pub fn new() -> Env {
        Env::default()
    }

    /// An empty scope in a file whose structs are `structs`.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use resuma_analysis::rs2js::{Env, Structs, Ty};
    /// let file: syn::File = syn::parse_quote! { struct Todo { id: u32 } };
    /// let env = Env::with_structs(Arc::new(Structs::from_items(&file.items)));
    /// let ty: syn::Type = syn::parse_quote!(Todo);
    /// assert_eq!(env.ty(&ty).to_string(), "Todo");
    /// ```
    pub fn with_structs(structs: Arc<Structs>) -> Env {
        Env { structs, ..Env::default() }
    }

    /// The structs of the file.
    pub fn structs(&self) -> &Structs {
        &self.structs
    }

    /// The type `ty` denotes in this scope's file (see [`Ty::from_syn`]).
    pub fn ty(&self, ty: &syn::Type) -> Ty {
        Ty::from_syn(ty, &self.structs)
    }

    /// Adds (or replaces) `name` with type `ty`.
    pub fn insert(&mut self, name: &str, ty: Ty) {
        self.unserialisable.remove(name);
        self.vars.insert(name.to_owned(), ty);
    }

    /// The type of `name`, if it is in scope and serialisable.
    pub fn get(&self, name: &str) -> Option<&Ty> {
        self.vars.get(name)
    }

    /// Adds (or replaces) `name` as a value that cannot be sent to the browser; `what`
    /// says what it is ("a closure", "an `Rc`"). A handler capturing it is refused.
    ///
    /// ```
    /// use resuma_analysis::rs2js::Env;
    /// let mut env = Env::new();
    /// env.insert_unserialisable("on_done", "a closure");
    /// assert_eq!(env.get("on_done"), None);
    /// ```
    pub fn insert_unserialisable(&mut self, name: &str, what: &str) {
        self.vars.remove(name);
        self.unserialisable.insert(name.to_owned(), what.to_owned());
    }

    /// What `name` is, if it is in scope and cannot be serialised.
    pub fn unserialisable(&self, name: &str) -> Option<&str> {
        self.unserialisable.get(name).map(String::as_str)
    }

    /// Every serialisable name in scope with its type, in name order.
    pub fn vars(&self) -> impl Iterator<Item = (&str, &Ty)> {
        self.vars.iter().map(|(name, ty)| (name.as_str(), ty))
    }

    /// Every unserialisable name in scope with what it is, in name order.
    pub fn unserialisable_vars(&self) -> impl Iterator<Item = (&str, &str)> {
        self.unserialisable.iter().map(|(name, what)| (name.as_str(), what.as_str()))
    }
}
