//! What the commands print on standard output, through [`out!`] and [`outln!`]: like
//! `print!`/`println!`, but a reader that went away (`resuma check | head`) ends the
//! process quietly, with status 0, instead of panicking. Rust ignores `SIGPIPE`, so the
//! closed pipe comes back as a `BrokenPipe` error from the write.

use std::io::Write as _;

/// Writes `args` to standard output; exits 0 if the reader is gone. Other write errors
/// (a full disk under a redirect) are reported on standard error, and the process
/// exits 1.
pub(crate) fn write(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    let written = stdout.write_fmt(args).and_then(|()| stdout.flush());
    match written {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(err) => {
            eprintln!("resuma: cannot write to standard output: {err}");
            std::process::exit(1)
        }
    }
}

/// `print!` that stops quietly when standard output's reader has gone.
macro_rules! out {
    ($($arg:tt)*) => { $crate::out::write(format_args!($($arg)*)) };
}

/// `println!` that stops quietly when standard output's reader has gone.
macro_rules! outln {
    () => { $crate::out::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::write(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {out, outln};
