//! The one `#[component]` fn of a page file, read with `syn`: its name and props.
//!
//! Invariant: reads only the file's top-level items; every problem is a message naming
//! the file, never a panic.

use syn::ext::IdentExt as _;
use syn::{FnArg, Item, Pat, Type, Visibility};

/// A page file's component.
pub(crate) struct PageComponent {
    /// The fn's name as written (`Post`, or `r#type`).
    pub(crate) name: String,
    /// Its props: (name without `r#`, name as written, the type's last path segment).
    pub(crate) props: Vec<Prop>,
}

/// One prop of a page component.
pub(crate) struct Prop {
    /// Without `r#`: the route parameter it must match.
    pub(crate) name: String,
    /// As written, to name the field.
    pub(crate) ident: String,
    /// The last segment of its type's path (`Children`, `String`), if it is a path.
    pub(crate) type_name: Option<String>,
}

/// The one `#[component]` fn of `source` (the text of `file`).
pub(crate) fn read(file: &str, source: &str) -> Result<PageComponent, String> {
    let parsed =
        syn::parse_file(source).map_err(|err| format!("{file}: does not parse as Rust: {err}"))?;
    let components: Vec<&syn::ItemFn> = parsed
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Fn(function)
                if function.attrs.iter().any(|attr| {
                    attr.path().segments.last().is_some_and(|it| it.ident == "component")
                }) =>
            {
                Some(function)
            }
            _ => None,
        })
        .collect();
    let function = match components[..] {
        [one] => one,
        [] => {
            return Err(format!(
                "{file}: has no `#[component]` fn; a page file exports exactly one, the page \
                 (`#[component] pub fn Page() -> View {{ … }}`)"
            ))
        }
        ref several => {
            let names: Vec<String> =
                several.iter().map(|it| format!("`{}`", it.sig.ident)).collect();
            return Err(format!(
                "{file}: has {} `#[component]` fns ({}); a page file exports exactly one, \
                 the page: move the others to a module outside src/pages/",
                several.len(),
                names.join(", ")
            ));
        }
    };
    let name = function.sig.ident.to_string();
    let public = match &function.vis {
        Visibility::Public(_) => true,
        Visibility::Restricted(it) => it.in_token.is_none() && it.path.is_ident("crate"),
        Visibility::Inherited => false,
    };
    if !public {
        return Err(format!(
            "{file}: `fn {name}` must be `pub` (or `pub(crate)`) so the page table can render it"
        ));
    }
    if !function.sig.generics.params.is_empty() {
        return Err(format!("{file}: `fn {name}` is generic; a page component cannot be"));
    }
    let mut props = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(typed) = input else {
            return Err(format!("{file}: `fn {name}` takes `self`; a component cannot"));
        };
        let Pat::Ident(pat) = &*typed.pat else {
            return Err(format!("{file}: `fn {name}` has a prop that is not a plain name"));
        };
        let type_name = match &*typed.ty {
            Type::Path(path) => path.path.segments.last().map(|it| it.ident.to_string()),
            _ => None,
        };
        props.push(Prop {
            name: pat.ident.unraw().to_string(),
            ident: pat.ident.to_string(),
            type_name,
        });
    }
    Ok(PageComponent { name, props })
}
