//! surfaces: check lsp — page file diagnostics come from a file's items and its role under src/pages/, which the build script reads (build/src/tests.rs checks each form); check and the server report them at the start of the file
//! pages: index.rs
//! file: index.rs
//! expect: R082 0..0
pub fn Home() {}
