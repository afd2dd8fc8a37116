//! The `resuma` command, installed by `cargo install resuma` (feature `cli`, on by default).
//!
//! All of it lives in `resuma-cli`; this file only lets the crate apps depend on carry the
//! command too, so one name installs both.

fn main() -> std::process::ExitCode {
    resuma_cli::main()
}
