//! `diagnostics.rs` promises that each [`Code`] has one constructor: the one place its
//! message and help are worded. This test reads the source of that module (the file and
//! its submodules in `diagnostics/`) and holds it to the promise, so a second constructor
//! for a code (or a code with none) cannot slip in.

use std::collections::BTreeMap;

use resuma_analysis::Code;
use syn::visit::Visit;

/// The module's files: the table, then the constructors by area.
const SOURCES: [(&str, &str); 5] = [
    ("diagnostics.rs", include_str!("../src/diagnostics.rs")),
    ("diagnostics/view.rs", include_str!("../src/diagnostics/view.rs")),
    ("diagnostics/rs2js.rs", include_str!("../src/diagnostics/rs2js.rs")),
    ("diagnostics/signature.rs", include_str!("../src/diagnostics/signature.rs")),
    ("diagnostics/flow.rs", include_str!("../src/diagnostics/flow.rs")),
];

/// For each function of the file (free or in an `impl`), the `Code::Variant` paths its
/// body names as expressions. Macro invocations (the `codes!` table) are not looked into,
/// and `#[cfg(test)]` items are skipped.
#[derive(Default)]
struct Constructions {
    current: Option<String>,
    /// Variant name -> the functions that construct it.
    by_variant: BTreeMap<String, Vec<String>>,
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr.parse_args::<syn::Meta>().is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

impl Constructions {
    fn in_function(&mut self, name: String, visit: impl FnOnce(&mut Self)) {
        let outer = self.current.replace(name);
        visit(self);
        self.current = outer;
    }
}

impl<'ast> Visit<'ast> for Constructions {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Fn(it) => &it.attrs,
            syn::Item::Impl(it) => &it.attrs,
            syn::Item::Mod(it) => &it.attrs,
            syn::Item::Const(it) => &it.attrs,
            syn::Item::Static(it) => &it.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_cfg_test(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        let name = item.sig.ident.to_string();
        self.in_function(name, |this| syn::visit::visit_item_fn(this, item));
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if is_cfg_test(&item.attrs) {
            return;
        }
        let name = item.sig.ident.to_string();
        self.in_function(name, |this| syn::visit::visit_impl_item_fn(this, item));
    }

    fn visit_expr_path(&mut self, expr: &'ast syn::ExprPath) {
        let segments: Vec<String> =
            expr.path.segments.iter().map(|segment| segment.ident.to_string()).collect();
        if let [ty, variant] = segments.as_slice() {
            if ty == "Code" {
                let function = self.current.clone().unwrap_or_else(|| "<outside a fn>".into());
                let functions = self.by_variant.entry(variant.clone()).or_default();
                if !functions.contains(&function) {
                    functions.push(function);
                }
            }
        }
        syn::visit::visit_expr_path(self, expr);
    }
}

fn constructions() -> BTreeMap<String, Vec<String>> {
    let mut visitor = Constructions::default();
    for (name, source) in SOURCES {
        let file = syn::parse_file(source).unwrap_or_else(|err| panic!("{name}: {err}"));
        visitor.visit_file(&file);
    }
    visitor.by_variant
}

/// Every file of the module is read: a submodule the list forgot would hide constructors.
#[test]
fn every_file_of_the_module_is_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diagnostics");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|it| format!("diagnostics/{}", it.unwrap().file_name().to_string_lossy()))
        .collect();
    files.push("diagnostics.rs".to_owned());
    files.sort();
    let mut read: Vec<String> = SOURCES.iter().map(|(name, _)| (*name).to_owned()).collect();
    read.sort();
    assert_eq!(files, read);
}

#[test]
fn every_code_is_constructed_in_exactly_one_function() {
    let found = constructions();
    let mut problems = Vec::new();
    for code in Code::ALL {
        let variant = format!("{code:?}");
        match found.get(&variant).map(Vec::as_slice) {
            None | Some([]) => problems.push(format!("{code} (Code::{variant}): no constructor")),
            Some([_]) => {}
            Some(functions) => problems.push(format!(
                "{code} (Code::{variant}): {} constructors: {}",
                functions.len(),
                functions.join(", ")
            )),
        }
    }
    let known: Vec<String> = Code::ALL.iter().map(|code| format!("{code:?}")).collect();
    for variant in found.keys() {
        if !known.contains(variant) {
            problems.push(format!("Code::{variant} is not a code"));
        }
    }
    assert!(
        problems.is_empty(),
        "each Code has one constructor in analysis/src/diagnostics{{.rs,/}}; fold the others \
         into it with a parameter naming the form:\n{}",
        problems.join("\n")
    );
}

/// The reader itself works: it sees the constructors it should, and not the table.
#[test]
fn the_reader_finds_constructors_and_skips_the_table() {
    let found = constructions();
    assert_eq!(found.get("UnclosedTag").map(Vec::as_slice), Some(&["unclosed_tag".to_owned()][..]));
    assert!(found.values().flatten().all(|function| function != "as_str" && function != "title"));
}
