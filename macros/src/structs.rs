//! The structs of the file a `#[component]` is in, for rs2js: a proc macro sees only its
//! own item, so it reads the file (the one `check` and the language server read) to know
//! the fields of the structs its handlers and templates use.
//!
//! Parsed once per file version and kept for the rest of the compilation: a file with
//! forty components is read once, not forty times.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::SystemTime;

use resuma_analysis::rs2js::Structs;

/// A file's version: modification time and length.
type Stamp = (Option<SystemTime>, u64);

thread_local! {
    static CACHE: RefCell<HashMap<PathBuf, (Stamp, Structs)>> = RefCell::new(HashMap::new());
}

/// The translatable structs of the file the macro was called in; none when the file
/// cannot be read or parsed (the compiler then reports the file's own errors).
pub(crate) fn file_structs() -> Structs {
    let Some(path) = proc_macro::Span::call_site().local_file() else {
        return Structs::default();
    };
    let meta = std::fs::metadata(&path).ok();
    let stamp = (meta.as_ref().and_then(|it| it.modified().ok()), meta.map_or(0, |it| it.len()));
    if let Some(structs) = CACHE.with(|it| {
        it.borrow()
            .get(&path)
            .filter(|(seen, _)| *seen == stamp)
            .map(|(_, structs)| structs.clone())
    }) {
        return structs;
    }
    let structs = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| syn::parse_file(&text).ok())
        .map(|file| Structs::from_items(&file.items))
        .unwrap_or_default();
    CACHE.with(|it| it.borrow_mut().insert(path, (stamp, structs.clone())));
    structs
}
