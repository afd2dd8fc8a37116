//! `#[island(load = "…")]`: a component whose client code starts before anyone touches
//! it, when its trigger fires. The signature is a component's; the argument is its
//! trigger, one of [`IslandLoad`], and anything else is R059.

use proc_macro2::TokenStream;
use syn::ItemFn;

use super::component::{read_component, ComponentSignature};
use crate::diagnostics::{self as diag};
use crate::span::TokenSpan;

/// When an island's chunk and the core load, and its `effect!`s start.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IslandLoad {
    /// When the island's element scrolls into view (`IntersectionObserver`).
    Visible,
    /// Once the page has loaded and the browser is idle (`requestIdleCallback`).
    Idle,
    /// On the first `pointerover`, `focusin`, `touchstart` or `pointerdown` on it.
    Interaction,
}

impl IslandLoad {
    /// Every trigger, in the order the docs list them.
    pub const ALL: [IslandLoad; 3] =
        [IslandLoad::Visible, IslandLoad::Idle, IslandLoad::Interaction];

    /// The trigger as written in `load = "…"` and in `data-r-island`.
    pub fn as_str(self) -> &'static str {
        match self {
            IslandLoad::Visible => "visible",
            IslandLoad::Idle => "idle",
            IslandLoad::Interaction => "interaction",
        }
    }
}

/// What `#[island]` reads: the component's signature and its trigger.
pub struct IslandSignature {
    /// As `#[component]` reads it (its arguments aside, which are the island's).
    pub component: ComponentSignature,
    /// The trigger; `None` when `load` is missing or wrong (R059, in `component`'s
    /// diagnostics: the component still expands, as a plain component).
    pub load: Option<IslandLoad>,
}

/// Reads `#[island(args)]` on `function`.
///
/// ```
/// use resuma_analysis::signature::island::{read_island, IslandLoad};
/// let function = syn::parse_str("fn Clock() -> View { todo!() }").unwrap();
/// let read = read_island(&"load = \"visible\"".parse().unwrap(), &function);
/// assert_eq!(read.load, Some(IslandLoad::Visible));
/// let read = read_island(&"load = \"soon\"".parse().unwrap(), &function);
/// assert_eq!(read.component.diagnostics[0].code.as_str(), "R059");
/// ```
pub fn read_island(args: &TokenStream, function: &ItemFn) -> IslandSignature {
    let mut component = read_component(&TokenStream::new(), function);
    let fallback = function.sig.ident.span();
    let load = match syn::parse2::<syn::MetaNameValue>(args.clone()) {
        Ok(pair) if pair.path.is_ident("load") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) => {
                let value = lit.value();
                let load = IslandLoad::ALL.into_iter().find(|it| it.as_str() == value);
                if load.is_none() {
                    let span = TokenSpan::of(lit, fallback);
                    component.diagnostics.insert(0, diag::invalid_island_load(span, Some(&value)));
                }
                load
            }
            other => {
                let span = TokenSpan::of(other, fallback);
                let written = quote::ToTokens::to_token_stream(other).to_string();
                component.diagnostics.insert(0, diag::invalid_island_load(span, Some(&written)));
                None
            }
        },
        _ => {
            let span = if args.is_empty() {
                TokenSpan::single(fallback)
            } else {
                TokenSpan::of(args, fallback)
            };
            component.diagnostics.insert(0, diag::invalid_island_load(span, None));
            None
        }
    };
    IslandSignature { component, load }
}

#[cfg(test)]
mod tests {
    use super::read_island;

    #[track_caller]
    fn check(args: &str, expect: &str) {
        let function = syn::parse_str("fn Clock() -> View { todo!() }").unwrap();
        let read = read_island(&args.parse().unwrap(), &function);
        let found: Vec<String> = read
            .component
            .diagnostics
            .iter()
            .map(|it| {
                format!("{}: {} (help: {})", it.code, it.message, it.help.as_deref().unwrap_or(""))
            })
            .collect();
        let load = read.load.map_or("none", |it| it.as_str());
        assert_eq!(format!("{load} {}", found.join("; ")).trim_end(), expect);
    }

    #[test]
    fn the_three_triggers_read() {
        check(r#"load = "visible""#, "visible");
        check(r#"load = "idle""#, "idle");
        check(r#"load = "interaction""#, "interaction");
    }

    #[test]
    fn a_bad_or_missing_load_lists_the_three() {
        let help = r#"write #[island(load = "…")] with `load = "visible"` (when it scrolls into view), `load = "idle"` (once the page has loaded and the browser is idle) or `load = "interaction"` (when the pointer or focus first reaches it)"#;
        check(
            r#"load = "soon""#,
            &format!(r#"none R059: #[island] cannot load on "soon" (help: {help})"#),
        );
        check(
            "",
            &format!("none R059: #[island] needs a `load` trigger: when its code starts in the browser (help: {help})"),
        );
        check(r#"when = "idle""#, &format!("none R059: #[island] needs a `load` trigger: when its code starts in the browser (help: {help})"));
        check("load = 3", &format!(r#"none R059: #[island] cannot load on "3" (help: {help})"#));
    }
}
