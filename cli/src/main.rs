//! `resuma-cli`: the `resuma` command under this crate's name, for this crate's tests
//! (`CARGO_BIN_EXE_resuma-cli`). Users get the same command as `resuma` from the framework
//! crate (`cargo install resuma`), so the two binaries never share a file in `target/`.

fn main() -> std::process::ExitCode {
    resuma_cli::main()
}
