//! servchain's integration tests: one binary, one module per concern.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analyze;
mod chain_order;
mod check;
mod ci;
mod confinement;
mod control_chars;
mod diff;
mod diff_git;
mod dot_layout;
mod exit_status;
mod figures;
mod formats;
mod hostile;
mod hostile_sizes;
mod html_browser;
mod html_drawing;
mod import;
mod init;
mod inputs;
mod layers;
mod load_errors;
mod loops;
mod man;
mod never_panics;
mod output_file;
mod partial_drawing;
mod promise_figures;
mod promises;
mod readme;
mod report;
mod schema;
mod shuffled_org;
mod survey_commands;
mod surveys;
mod terminal;
mod unit_figures;
mod units;

use servchain::diagnostic::Diagnostic;
use servchain::load::{LoadError, Loaded, load_str};
use std::path::{Path, PathBuf};

/// The `servchain` binary, with colour off so output is plain text.
pub fn servchain() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("servchain").unwrap();
    // COLUMNS would reshape the table report: tests that want it set it.
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("COLUMNS").env("NO_COLOR", "1");
    cmd
}

/// The standard output of a successful run with `stdin` as input.
pub fn stdout_with_stdin(args: &[&str], stdin: &str) -> String {
    let out = servchain().args(args).write_stdin(stdin.to_owned()).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The `servchain` binary, run from the repository (for `examples/...` paths).
pub fn in_repo() -> assert_cmd::Command {
    let mut cmd = servchain();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The standard output of a successful run from the repository.
pub fn repo_stdout(args: &[&str]) -> String {
    String::from_utf8(in_repo().args(args).assert().success().get_output().stdout.clone()).unwrap()
}

/// The repository's `examples/` directory.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Loads YAML text that must be valid.
pub fn load_ok(yaml: &str) -> Loaded {
    match load_str("org.yaml", yaml) {
        Ok(l) => l,
        Err(e) => panic!("expected a valid org, got:\n{}", describe(&e)),
    }
}

/// Loads YAML text that must be refused, and returns its diagnostics; [`at`]
/// tells where they point.
pub fn load_err(yaml: &str) -> Vec<Diagnostic> {
    match load_str("org.yaml", yaml) {
        Ok(_) => panic!("expected the org to be refused:\n{yaml}"),
        Err(e) => {
            remember(&e.sources);
            e.diagnostics
        }
    }
}

thread_local! {
    /// The files of the org last refused on this thread (each test has its
    /// own thread): a place is a byte offset, its line and column are
    /// worked out from its file's text.
    static REFUSED: std::cell::RefCell<servchain::source::SourceMap> = std::cell::RefCell::default();
}

/// Keeps `sources` for [`at`].
pub fn remember(sources: &servchain::source::SourceMap) {
    REFUSED.with(|s| *s.borrow_mut() = sources.clone());
}

/// The line and column of a place in the org last refused on this thread.
pub fn at(loc: servchain::source::Loc) -> (u32, u32) {
    REFUSED.with(|s| {
        let sources = s.borrow();
        // A file the map does not hold would read as 1:1 and hide the miss.
        assert!(sources.get(loc.file).is_some(), "at(): no file for {loc:?}; call load_err or remember first");
        sources.line_col(loc)
    })
}

/// One line per diagnostic: `code line:col message`.
pub fn describe(e: &LoadError) -> String {
    e.diagnostics
        .iter()
        .map(|d| {
            let at = d.loc().map_or("-".to_owned(), |l| {
                let (line, col) = e.sources.line_col(l);
                format!("{line}:{col}")
            });
            format!("{} {at} {}", d.code, d.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
