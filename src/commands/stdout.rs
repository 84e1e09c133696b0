//! Standard output as servchain writes it. A closed or full stdout is an
//! error (exit 2, one line on stderr), because a CI job that pipes a report
//! somewhere must not pass with nothing written; a broken pipe is the
//! reader's choice (`| head`) and the caller ends quietly with the status it
//! had decided ([`super::deliver`]). Rust ignores SIGPIPE, so a broken pipe
//! reaches us as an `EPIPE` error, never as a signal.

use crate::exit::ExitStatus;
use std::io::{self, BufWriter, Write};

/// Runs `write` on standard output, buffered.
pub fn write_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    if is_closed() {
        return Err(closed());
    }
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    write(&mut out).and_then(|()| out.flush()).map_err(describe)
}

/// Prints what clap has to say (help, version, or a usage error) and
/// returns the status to exit with: clap's own `exit` ignores write errors,
/// so `--help > /dev/full` would pass.
pub fn clap_message(e: &clap::Error) -> ExitStatus {
    let status = if e.exit_code() == 0 { ExitStatus::Success } else { ExitStatus::Error };
    if !e.use_stderr() && is_closed() {
        report(&closed());
        return ExitStatus::Error;
    }
    match e.print().and_then(|()| if e.use_stderr() { Ok(()) } else { io::stdout().flush() }) {
        Ok(()) => status,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => status,
        // A usage error that cannot reach stderr still fails.
        Err(_) if e.use_stderr() => status,
        Err(err) => {
            report(&describe(err));
            ExitStatus::Error
        }
    }
}

/// One line on stderr. Its own write errors are ignored: when stderr is
/// gone too there is nowhere left to say anything, and the exit status
/// still tells.
pub fn report(e: &io::Error) {
    let _ = writeln!(anstream::stderr(), "error: {e}");
}

/// Not a broken pipe: nobody chose to stop reading a stdout that was never open.
fn closed() -> io::Error {
    io::Error::other("cannot write to standard output: it is closed")
}

/// Names standard output in the error, keeping its kind (a broken pipe
/// stays one, for [`super::deliver`]).
fn describe(e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
}

/// Whether standard output was closed when servchain started (`>&-`).
///
/// Rust's runtime opens `/dev/null` (read-write) on a closed descriptor 0,
/// 1 or 2 before `main`, so writes to a closed stdout would silently
/// succeed. A shell's `> /dev/null` opens it write-only; so stdout that is
/// `/dev/null` and readable is the runtime's stand-in for a closed one.
/// (`1<> /dev/null` looks the same and is taken as closed: nothing reads it.)
#[cfg(unix)]
pub fn is_closed() -> bool {
    use std::io::Read;
    use std::os::fd::AsFd;
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else { return true };
    let mut file = std::fs::File::from(fd);
    let (Ok(ours), Ok(null)) = (file.metadata(), std::fs::metadata("/dev/null")) else { return false };
    // Only /dev/null is read below: reading a terminal would take input.
    let is_null = ours.file_type().is_char_device() && ours.rdev() == null.rdev();
    is_null && file.read(&mut [0u8; 1]).is_ok()
}

#[cfg(not(unix))]
pub fn is_closed() -> bool {
    false
}
