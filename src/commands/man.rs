//! `servchain man`: the manual page on stdout, or with `--dir` every page
//! (the top one and one per subcommand, nested ones included) as files, so
//! the `servchain-analyze(1)` the top page points at exists once installed.

use super::{deliver, to_stderr};
use crate::cli::{Cli, ManArgs};
use crate::exit::ExitStatus;
use clap::CommandFactory;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub fn run(args: &ManArgs) -> io::Result<ExitStatus> {
    let cmd = command();
    match &args.dir {
        None => {
            let mut out = Vec::new();
            page(cmd).render(&mut out)?;
            deliver(None, ExitStatus::Success, |w| w.write_all(&out))
        }
        Some(dir) => {
            let written = write_pages(cmd, dir)?;
            to_stderr(&format!("servchain man: wrote {} manual pages to {}\n", written.len(), dir.display()));
            Ok(ExitStatus::Success)
        }
    }
}

/// The command line as the pages describe it: built, so every subcommand's
/// display name is `servchain-NAME` (`servchain-survey-summary` nested),
/// and without clap's `help` subcommand, which gets no page of its own.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// One page; its footer names the program, not the subcommand
/// (clap_mangen's default would say "summary 0.1.0").
fn page(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd).source(format!("servchain {}", env!("CARGO_PKG_VERSION")))
}

/// Writes the page of `cmd` and of every visible subcommand below it into
/// `dir`; returns the files written, the top page first.
fn write_pages(cmd: clap::Command, dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).map_err(|e| located(dir, &e))?;
    let mut written = Vec::new();
    let mut pending = vec![cmd];
    while let Some(cmd) = pending.pop() {
        // Reversed so the pages come out in the order of the help.
        let subs: Vec<clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned().collect();
        pending.extend(subs.into_iter().rev());
        let man = page(cmd);
        let path = dir.join(man.get_filename());
        let mut out = Vec::new();
        man.render(&mut out)?;
        fs::write(&path, out).map_err(|e| located(&path, &e))?;
        written.push(path);
    }
    Ok(written)
}

/// An I/O error that names the file it happened to.
fn located(path: &Path, e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
