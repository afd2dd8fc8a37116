//! The scope at the top of a component's body, read from its parameters and top-level
//! `let`s, for the translation of the handlers, thunks and reactive blocks in it.
//!
//! A layer above `rs2js`: typing `let total = computed!(…)` takes translating the
//! closure, so this calls the translator, which never calls back. Reading is syntactic
//! and conservative: a type that cannot be read from the source is [`Ty::Unknown`],
//! never a guess, except where Rust itself defaults (an unsuffixed integer literal is
//! `i32`, a float literal `f64`).

use std::sync::Arc;

use crate::reactive_macro::{parse_reactive, ReactiveKind};
use crate::rs2js::{int_suffix, translate_closure, Env, Structs, Ty};

/// The scope at the top of a component's body: its typed parameters (props) and the
/// `let` (and `const`) statements at the top level of its body.
///
/// ```
/// use std::sync::Arc;
/// use resuma_analysis::component_env::env_from_fn;
/// use resuma_analysis::rs2js::{Structs, Ty};
/// let item: syn::ItemFn = syn::parse_quote! {
///     fn Counter(step: u8) -> View {
///         let count = use_signal(0);
///         let names: Signal<Vec<String>> = use_signal(Vec::new());
///         let ids = use_signal(Vec::<u32>::new());
///         view! { <p/> }
///     }
/// };
/// let env = env_from_fn(&item, Arc::new(Structs::default()));
/// assert_eq!(env.get("step"), Some(&Ty::U8));
/// assert_eq!(env.get("count"), Some(&Ty::Signal(Box::new(Ty::I32))));
/// assert_eq!(env.get("names"), Some(&Ty::Signal(Box::new(Ty::Vec(Box::new(Ty::String))))));
/// assert_eq!(env.get("ids"), Some(&Ty::Signal(Box::new(Ty::Vec(Box::new(Ty::U32))))));
/// ```
pub fn env_from_fn(item: &syn::ItemFn, structs: Arc<Structs>) -> Env {
    let mut env = Env::with_structs(structs);
    for input in &item.sig.inputs {
        let syn::FnArg::Typed(typed) = input else { continue };
        let Some(name) = pat_name(&typed.pat) else { continue };
        let init = type_init(&typed.ty, &env);
        bind(&mut env, name, init);
    }
    for stmt in &item.block.stmts {
        match stmt {
            syn::Stmt::Local(local) => {
                let (name, annotation) = match &local.pat {
                    syn::Pat::Type(typed) => (pat_name(&typed.pat), Some(&*typed.ty)),
                    pat => (pat_name(pat), None),
                };
                let Some(name) = name else { continue };
                let init = match (annotation, &local.init) {
                    (Some(ty), _) => type_init(ty, &env),
                    (None, Some(init)) => infer_init(&init.expr, &env, 0),
                    (None, None) => Init::Ty(Ty::Unknown),
                };
                bind(&mut env, name, init);
            }
            syn::Stmt::Item(syn::Item::Const(item)) => {
                let init = type_init(&item.ty, &env);
                bind(&mut env, item.ident.to_string(), init);
            }
            syn::Stmt::Item(syn::Item::Static(item)) => {
                let init = type_init(&item.ty, &env);
                bind(&mut env, item.ident.to_string(), init);
            }
            _ => {}
        }
    }
    env
}

/// What a binding's initialiser or annotation says about it.
enum Init {
    Ty(Ty),
    Opaque(&'static str),
}

fn pat_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(ident) if ident.subpat.is_none() => Some(ident.ident.to_string()),
        _ => None,
    }
}

fn bind(env: &mut Env, name: String, init: Init) {
    match init {
        Init::Ty(ty) => env.insert(&name, ty),
        Init::Opaque(what) => env.insert_unserialisable(&name, what),
    }
}

fn type_init(ty: &syn::Type, env: &Env) -> Init {
    match opaque_type(ty, 0) {
        Some(what) => Init::Opaque(what),
        None => Init::Ty(env.ty(ty)),
    }
}

/// What a type that cannot be serialised is, if `ty` is one rs2js can recognise.
fn opaque_type(ty: &syn::Type, depth: u32) -> Option<&'static str> {
    if depth > 16 {
        return None;
    }
    match ty {
        syn::Type::ImplTrait(_) => Some("an `impl Trait` value"),
        syn::Type::TraitObject(_) => Some("a trait object"),
        syn::Type::BareFn(_) => Some("a function pointer"),
        syn::Type::Reference(r) => opaque_type(&r.elem, depth + 1),
        syn::Type::Paren(p) => opaque_type(&p.elem, depth + 1),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            let what = match last.ident.to_string().as_str() {
                "Rc" => "an `Rc`",
                "Arc" => "an `Arc`",
                "RefCell" => "a `RefCell`",
                "Cell" => "a `Cell`",
                "Mutex" => "a `Mutex`",
                "RwLock" => "an `RwLock`",
                "Weak" => "a `Weak`",
                "Box" => {
                    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                        return None;
                    };
                    return args.args.iter().find_map(|arg| match arg {
                        syn::GenericArgument::Type(t) => opaque_type(t, depth + 1),
                        _ => None,
                    });
                }
                _ => return None,
            };
            Some(what)
        }
        _ => None,
    }
}

fn infer_init(expr: &syn::Expr, env: &Env, depth: u32) -> Init {
    if depth > 16 {
        return Init::Ty(Ty::Unknown);
    }
    let ty = |it| Init::Ty(it);
    let infer = |e: &syn::Expr| match infer_init(e, env, depth + 1) {
        Init::Ty(it) => it,
        Init::Opaque(_) => Ty::Unknown,
    };
    match expr {
        syn::Expr::Lit(lit) => ty(lit_ty(&lit.lit)),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            infer_init(&u.expr, env, depth + 1)
        }
        syn::Expr::Paren(p) => infer_init(&p.expr, env, depth + 1),
        syn::Expr::Group(g) => infer_init(&g.expr, env, depth + 1),
        syn::Expr::Reference(r) => infer_init(&r.expr, env, depth + 1),
        syn::Expr::Closure(_) => Init::Opaque("a closure"),
        syn::Expr::Binary(b) => {
            use syn::BinOp as B;
            match b.op {
                B::Eq(_)
                | B::Ne(_)
                | B::Lt(_)
                | B::Le(_)
                | B::Gt(_)
                | B::Ge(_)
                | B::And(_)
                | B::Or(_) => ty(Ty::Bool),
                // Arithmetic keeps its operands' type (both sides have it in Rust).
                _ => ty(infer(&b.left)),
            }
        }
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => ty(infer(&u.expr)),
        syn::Expr::Struct(lit) if lit.path.segments.len() == 1 => ty(lit
            .path
            .get_ident()
            .map_or(Ty::Unknown, |it| Ty::named(&it.to_string(), env.structs()))),
        syn::Expr::Cast(c) => type_init(&c.ty, env),
        syn::Expr::Tuple(t) if t.elems.is_empty() => ty(Ty::Unit),
        syn::Expr::Tuple(t) => ty(Ty::Tuple(t.elems.iter().map(infer).collect())),
        syn::Expr::Array(a) => ty(Ty::Vec(Box::new(a.elems.first().map_or(Ty::Unknown, infer)))),
        syn::Expr::Path(p) => {
            let Some(ident) = p.path.get_ident() else { return ty(Ty::Unknown) };
            let name = ident.to_string();
            match (env.get(&name), env.unserialisable(&name)) {
                (Some(it), _) => ty(it.clone()),
                (None, Some(_)) => Init::Opaque("a value that cannot be serialised"),
                _ if name == "None" => ty(Ty::Option(Box::new(Ty::Unknown))),
                _ => ty(Ty::Unknown),
            }
        }
        syn::Expr::Macro(m) => {
            let name = m.mac.path.segments.last().map(|it| it.ident.to_string());
            match name.as_deref() {
                Some("format") => ty(Ty::String),
                // A computed signal has the type its closure returns.
                Some("computed") => {
                    let kind = ReactiveKind::Computed;
                    let span = proc_macro2::Span::call_site();
                    let Ok(call) = parse_reactive(kind, m.mac.tokens.clone(), span) else {
                        return ty(Ty::Signal(Box::new(Ty::Unknown)));
                    };
                    let ret = translate_closure(call.closure, env).0.map(|it| it.ret);
                    ty(Ty::Signal(Box::new(ret.unwrap_or(Ty::Unknown))))
                }
                Some("vec") => ty(Ty::Vec(Box::new(
                    vec_elem(&m.mac.tokens).as_ref().map_or(Ty::Unknown, infer),
                ))),
                _ => ty(Ty::Unknown),
            }
        }
        syn::Expr::Call(call) => {
            let syn::Expr::Path(callee) = &*call.func else { return ty(Ty::Unknown) };
            let segments: Vec<String> =
                callee.path.segments.iter().map(|it| it.ident.to_string()).collect();
            let first_arg = || call.args.first().map_or(Ty::Unknown, infer);
            match segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                [.., "use_signal"] => {
                    let turbofish =
                        callee.path.segments.last().and_then(|seg| match &seg.arguments {
                            syn::PathArguments::AngleBracketed(args) => {
                                args.args.iter().find_map(|a| match a {
                                    syn::GenericArgument::Type(t) => Some(env.ty(t)),
                                    _ => None,
                                })
                            }
                            _ => None,
                        });
                    ty(Ty::Signal(Box::new(turbofish.unwrap_or_else(first_arg))))
                }
                [.., "String", "new" | "from" | "with_capacity"] => ty(Ty::String),
                [.., "Vec", "new" | "with_capacity"] => {
                    // `Vec::<T>::new()`: the turbofish on `Vec` names the element type.
                    let segments = &callee.path.segments;
                    let elem = segments.iter().rev().nth(1).and_then(|seg| match &seg.arguments {
                        syn::PathArguments::AngleBracketed(args) => {
                            args.args.iter().find_map(|arg| match arg {
                                syn::GenericArgument::Type(t) => Some(env.ty(t)),
                                _ => None,
                            })
                        }
                        _ => None,
                    });
                    ty(Ty::Vec(Box::new(elem.unwrap_or(Ty::Unknown))))
                }
                ["Some"] => ty(Ty::Option(Box::new(first_arg()))),
                ["Ok"] => ty(Ty::Result(Box::new(first_arg()), Box::new(Ty::Unknown))),
                ["Err"] => ty(Ty::Result(Box::new(Ty::Unknown), Box::new(first_arg()))),
                [.., "Rc", _] => Init::Opaque("an `Rc`"),
                [.., "Arc", _] => Init::Opaque("an `Arc`"),
                [.., "RefCell", _] => Init::Opaque("a `RefCell`"),
                [.., "Cell", _] => Init::Opaque("a `Cell`"),
                [.., "Mutex", _] => Init::Opaque("a `Mutex`"),
                [.., "Box", "new"] => match call.args.first() {
                    Some(syn::Expr::Closure(_)) => Init::Opaque("a closure"),
                    _ => ty(Ty::Unknown),
                },
                _ => ty(Ty::Unknown),
            }
        }
        syn::Expr::MethodCall(call) => match call.method.to_string().as_str() {
            "to_string" => ty(Ty::String),
            "to_owned" | "to_uppercase" | "to_lowercase" | "repeat" | "replace" | "trim"
                if infer(&call.receiver) == Ty::String =>
            {
                ty(Ty::String)
            }
            "clone" => infer_init(&call.receiver, env, depth + 1),
            _ => ty(Ty::Unknown),
        },
        _ => ty(Ty::Unknown),
    }
}

/// The type of a literal: unsuffixed integers are `i32` and floats `f64`, as in Rust.
fn lit_ty(lit: &syn::Lit) -> Ty {
    match lit {
        syn::Lit::Int(int) => int_suffix(int.suffix()).unwrap_or(Ty::I32),
        syn::Lit::Float(float) => match float.suffix() {
            "f32" => Ty::F32,
            _ => Ty::F64,
        },
        syn::Lit::Str(_) => Ty::String,
        syn::Lit::Char(_) => Ty::Char,
        syn::Lit::Bool(_) => Ty::Bool,
        syn::Lit::Byte(_) => Ty::U8,
        _ => Ty::Unknown,
    }
}

/// The first element expression of `vec![a, b]` or `vec![x; n]`.
fn vec_elem(tokens: &proc_macro2::TokenStream) -> Option<syn::Expr> {
    use syn::parse::Parser;
    let parser = |input: syn::parse::ParseStream<'_>| {
        let first: Option<syn::Expr> = if input.is_empty() { None } else { Some(input.parse()?) };
        let _: proc_macro2::TokenStream = input.parse()?;
        Ok(first)
    };
    parser.parse2(tokens.clone()).ok().flatten()
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use std::sync::Arc;

    use super::env_from_fn;
    use crate::rs2js::Structs;

    /// Reads the env of the component `src` and lists each name with its type.
    #[track_caller]
    fn check(src: &str, expect: Expect) {
        let item: syn::ItemFn = syn::parse_str(src).expect("test input parses");
        let env = env_from_fn(&item, Arc::new(Structs::default()));
        let mut out = String::new();
        for (name, ty) in env.vars() {
            out.push_str(&format!("{name}: {ty}\n"));
        }
        for (name, what) in env.unserialisable_vars() {
            out.push_str(&format!("{name}: unserialisable ({what})\n"));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn reads_props_and_top_level_lets() {
        check(
            r#"fn C(title: String, step: u8, on_done: impl Fn(), shared: Rc<RefCell<i32>>) -> View {
                let count = use_signal(0);
                let big = use_signal(5u64);
                let ratio = use_signal(0.5);
                let name = use_signal(String::new());
                let label = use_signal("hi".to_string());
                let typed = use_signal::<Vec<u32>>(Vec::new());
                let annotated: Signal<Option<i64>> = use_signal(None);
                let n: u32 = 7;
                let m = 5u8;
                let items = vec![1, 2, 3];
                let empty = Vec::new();
                let pair = (1, "a");
                let cb = move || 1;
                let rc = Rc::new(5);
                let copy = count;
                let unknown = compute();
                const MAX: usize = 10;
                if true { let hidden = 1; }
                view! { <p/> }
            }"#,
            expect![[r#"
                MAX: usize
                annotated: Signal<Option<i64>>
                big: Signal<u64>
                copy: Signal<i32>
                count: Signal<i32>
                empty: Vec<_>
                items: Vec<i32>
                label: Signal<String>
                m: u8
                n: u32
                name: Signal<String>
                pair: (i32, String)
                ratio: Signal<f64>
                step: u8
                title: String
                typed: Signal<Vec<u32>>
                unknown: _
                cb: unserialisable (a closure)
                on_done: unserialisable (an `impl Trait` value)
                rc: unserialisable (an `Rc`)
                shared: unserialisable (an `Rc`)
            "#]],
        );
    }
}
