//! One module per subcommand.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod dev;
pub(crate) mod lsp;
pub(crate) mod new;

/// The exit code of a command that reports its failure with miette: 0, or 1 after the
/// report on stderr.
pub(crate) fn finish(res: miette::Result<()>) -> std::process::ExitCode {
    match res {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("{report:?}");
            std::process::ExitCode::FAILURE
        }
    }
}
