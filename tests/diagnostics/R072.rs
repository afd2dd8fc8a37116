//! surfaces: check lsp — the route table comes from the file names under src/pages/, which no macro sees (resuma-build fails the build on it, naming the files); check and the server report it at the start of each page file it is about; on a folder, at the start of each file in it
//! pages: [...rest]/index.rs
//! file: [...rest]/index.rs
//! expect: R072 0..0
