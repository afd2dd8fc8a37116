//! surfaces: check lsp — the route table comes from the file names under src/pages/, which no macro sees (resuma-build fails the build on it, naming the files); check and the server report it at the start of each page file it is about
//! pages: [a-b].rs
//! file: [a-b].rs
//! expect: R071 0..0
