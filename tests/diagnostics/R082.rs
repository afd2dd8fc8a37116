//! surfaces: — page file diagnostics come from a file's items under src/pages/ and its role there, read by the build script; build/src/tests.rs checks each form
//! pages: index.rs
//^^^^^^^^ R082
