//! surfaces: — route diagnostics come from the file names under src/pages/, not from one file's text; analysis/src/routes/tests.rs builds the table of the pages below
//! pages: [id]/[id].rs
//^^^^^^^^^^ R074
