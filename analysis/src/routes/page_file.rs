//! What the page table needs from one file of `src/pages/`: its `#[component]`, its
//! `#[load]`, its `#[submit]`s, its `#[static_params]` and its `#[middleware]`, read with `syn` and checked against the file's role
//! (R082).
//!
//! Invariant: reads only the file's top-level items; every problem is a diagnostic whose
//! span is the file's path, never a panic. Types are the compiler's to check: a `data`
//! prop of the wrong type is a type error in the generated table, at the page's call.

use syn::ext::IdentExt as _;
use syn::{FnArg, Item, ItemFn, Pat, Type, Visibility};

use crate::diagnostics::{invalid_page_file, Diagnostic, InvalidPageFile};
use crate::signature::is_attribute;

/// What a file is to the page table: its name says.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    /// A route's page.
    Page,
    /// `_layout.rs`.
    Layout,
    /// `_404.rs`.
    NotFound,
    /// `_error.rs`.
    Error,
    /// `_middleware.rs`.
    Middleware,
}

/// The items of a page file the table calls.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct PageItems {
    /// The `#[component]` fn (all roles but `Middleware`).
    pub component: Option<PageComponent>,
    /// The name of the `#[load]` fn, if any.
    pub load: Option<String>,
    /// The name of the `#[middleware]` fn (`Middleware` only).
    pub middleware: Option<String>,
    /// The names of the `#[submit]` fns (pages and layouts), in source order.
    pub submits: Vec<String>,
    /// The name of the `#[static_params]` fn (a page with route parameters only): the
    /// parameters `resuma build --static` exports the route for.
    pub static_params: Option<String>,
}

/// A page file's component.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PageComponent {
    /// The fn's name as written (`Post`, or `r#type`).
    pub name: String,
    /// Its props, in order.
    pub props: Vec<Prop>,
}

/// One prop of a page component.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Prop {
    /// Without `r#`: the route parameter it must match.
    pub name: String,
    /// As written, to name the field.
    pub ident: String,
    /// The last segment of its type's path (`Children`, `String`), if it is a path.
    pub type_name: Option<String>,
}

/// Reads `source`, the text of `file` (its path under `src/pages/`), as a file of
/// `role` on a route with `params`.
///
/// ```
/// use resuma_analysis::routes::page_file::{read_page_file, Role};
/// let source = "#[load] pub async fn load(cx: LoadCx) -> Result<Post, LoadError> { todo!() }\n\
///               #[component] pub fn Show(slug: String, data: Post) -> View { todo!() }";
/// let items = read_page_file("blog/[slug].rs", source, Role::Page, &["slug"]).unwrap();
/// assert_eq!(items.load.as_deref(), Some("load"));
/// assert_eq!(items.component.unwrap().name, "Show");
///
/// let errors = read_page_file("about.rs", "pub fn About() {}", Role::Page, &[]).unwrap_err();
/// assert_eq!(errors[0].code.as_str(), "R082");
/// ```
pub fn read_page_file(
    file: &str,
    source: &str,
    role: Role,
    params: &[&str],
) -> Result<PageItems, Vec<Diagnostic<String>>> {
    let error = |form: InvalidPageFile<'_>| invalid_page_file(file.to_owned(), form);
    let parsed = syn::parse_file(source)
        .map_err(|err| vec![error(InvalidPageFile::Unparsable(&err.to_string()))])?;
    let marked = |name: &str| -> Vec<&ItemFn> {
        parsed
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Fn(function) if function.attrs.iter().any(|it| is_attribute(it, name)) => {
                    Some(function)
                }
                _ => None,
            })
            .collect()
    };
    let mut errors = Vec::new();
    let mut items = PageItems::default();
    let mut components = marked("component");
    if role == Role::Layout {
        // `#[layout]` is `#[component]` under the name a layout goes by.
        components.extend(marked("layout"));
    }
    let loads = marked("load");
    let middlewares = marked("middleware");
    for submit in marked("submit") {
        if !matches!(role, Role::Page | Role::Layout) {
            errors.push(error(InvalidPageFile::SubmitNotAllowed));
            break;
        }
        match public_name(submit) {
            Some(name) => items.submits.push(name),
            None => errors.push(error(InvalidPageFile::NotPublic(&submit.sig.ident.to_string()))),
        }
    }

    let statics = marked("static_params");
    if let [first, ..] = statics[..] {
        if statics.len() > 1 {
            errors.push(error(InvalidPageFile::Several("static_params")));
        }
        if role != Role::Page || params.is_empty() {
            errors.push(error(InvalidPageFile::StaticParamsNotAllowed));
        } else if let Some(name) = public_name(first) {
            items.static_params = Some(name);
        } else {
            errors.push(error(InvalidPageFile::NotPublic(&first.sig.ident.to_string())));
        }
    }

    if let [load, ..] = loads[..] {
        if loads.len() > 1 {
            errors.push(error(InvalidPageFile::Several("load")));
        }
        if matches!(role, Role::Error | Role::Middleware) {
            errors.push(error(InvalidPageFile::LoadNotAllowed));
        } else if let Some(name) = public_name(load) {
            items.load = Some(name);
        } else {
            errors.push(error(InvalidPageFile::NotPublic(&load.sig.ident.to_string())));
        }
    }
    if role == Role::Middleware {
        match middlewares[..] {
            [] => errors.push(error(InvalidPageFile::NoMiddleware)),
            [one, ..] => {
                if middlewares.len() > 1 {
                    errors.push(error(InvalidPageFile::Several("middleware")));
                }
                match public_name(one) {
                    Some(name) => items.middleware = Some(name),
                    None => {
                        errors.push(error(InvalidPageFile::NotPublic(&one.sig.ident.to_string())))
                    }
                }
            }
        }
        return if errors.is_empty() { Ok(items) } else { Err(errors) };
    }

    let function = match components[..] {
        [one] => one,
        [] => {
            errors.push(error(InvalidPageFile::NoComponent));
            return Err(errors);
        }
        ref several => {
            let names: Vec<String> = several.iter().map(|it| it.sig.ident.to_string()).collect();
            errors.push(error(InvalidPageFile::SeveralComponents(&names)));
            return Err(errors);
        }
    };
    let name = function.sig.ident.to_string();
    if public_name(function).is_none() {
        errors.push(error(InvalidPageFile::NotPublic(&name)));
    }
    if !function.sig.generics.params.is_empty() {
        errors.push(error(InvalidPageFile::Generic(&name)));
    }
    let mut props = Vec::new();
    for input in &function.sig.inputs {
        // A `self` is the component macro's to report (R053).
        let FnArg::Typed(typed) = input else { continue };
        let Pat::Ident(pat) = &*typed.pat else {
            errors.push(error(InvalidPageFile::PropPattern));
            continue;
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
    check_props(role, &props, params, items.load.is_some(), &mut |form| errors.push(error(form)));
    items.component = Some(PageComponent { name, props });
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// A page's props are its params (and `data` with a load); a layout's, `children` (and
/// `data`); a 404's, none (but `data`); an error page's, `error`.
fn check_props(
    role: Role,
    props: &[Prop],
    params: &[&str],
    has_load: bool,
    report: &mut dyn FnMut(InvalidPageFile<'_>),
) {
    let has = |name: &str| props.iter().any(|it| it.name == name);
    let is_data = |prop: &Prop| prop.name == "data";
    match role {
        Role::Error => {
            let only_error = props.len() == 1 && props[0].name == "error";
            if !only_error {
                report(InvalidPageFile::ErrorProps);
            }
            return;
        }
        Role::Layout => {
            let children = props
                .iter()
                .any(|it| it.name == "children" && it.type_name.as_deref() == Some("Children"));
            let others = props.iter().any(|it| it.name != "children" && !is_data(it));
            if !children || others {
                report(InvalidPageFile::LayoutProps);
            }
        }
        Role::Page | Role::NotFound => {
            let params: &[&str] = if role == Role::Page { params } else { &[] };
            if let Some(param) = params.iter().find(|it| !has(it)) {
                report(InvalidPageFile::MissingParam(param));
            }
            let known = if params.is_empty() {
                "none".to_owned()
            } else {
                params.iter().map(|it| format!("`{it}`")).collect::<Vec<_>>().join(", ")
            };
            for prop in props {
                if !is_data(prop) && !params.contains(&prop.name.as_str()) {
                    report(InvalidPageFile::UnknownProp(&prop.name, &known));
                }
            }
        }
        Role::Middleware => return,
    }
    match (has("data"), has_load) {
        (true, false) => report(InvalidPageFile::DataWithoutLoad),
        (false, true) => report(InvalidPageFile::LoadWithoutData),
        _ => {}
    }
}

/// The fn's name if it is `pub` or `pub(crate)`: the page table, in a parent module,
/// must reach it.
fn public_name(function: &ItemFn) -> Option<String> {
    let public = match &function.vis {
        Visibility::Public(_) => true,
        Visibility::Restricted(it) => it.in_token.is_none() && it.path.is_ident("crate"),
        Visibility::Inherited => false,
    };
    public.then(|| function.sig.ident.to_string())
}

#[cfg(test)]
mod tests {
    use super::{read_page_file, Role};

    const PAGE: &str = "#[component] pub fn Post(slug: String) -> View { todo!() }\n";

    #[test]
    fn static_params_belong_to_a_page_with_params() {
        let source = format!("{PAGE}#[static_params] pub async fn slugs(cx: LoadCx) -> Result<Vec<Params>, LoadError> {{ todo!() }}");
        let items = read_page_file("blog/[slug].rs", &source, Role::Page, &["slug"]).unwrap();
        assert_eq!(items.static_params.as_deref(), Some("slugs"));

        let plain = "#[component] pub fn About() -> View { todo!() }\n#[static_params] pub async fn p(cx: LoadCx) {}";
        let errors = read_page_file("about.rs", plain, Role::Page, &[]).unwrap_err();
        assert!(
            errors[0].message.contains("cannot have a `#[static_params]` fn"),
            "{:?}",
            errors[0]
        );
        let layout = "#[layout] pub fn L(children: Children) -> View { todo!() }\n#[static_params] pub async fn p(cx: LoadCx) {}";
        assert!(read_page_file("_layout.rs", layout, Role::Layout, &[]).is_err());

        let private = format!("{PAGE}#[static_params] async fn slugs(cx: LoadCx) {{}}");
        let errors = read_page_file("blog/[slug].rs", &private, Role::Page, &["slug"]).unwrap_err();
        assert!(errors[0].message.contains("is not public"), "{:?}", errors[0]);
    }
}
