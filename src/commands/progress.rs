//! A spinner on stderr for long work: only when stderr is a terminal, not
//! in CI, and only for work big enough to take a while, so pipes and CI
//! logs never see it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

/// Org files at least this large (in all) get a spinner while loading.
const LARGE_INPUT_BYTES: u64 = 8 << 20;
/// Orgs with at least this many departments get a spinner while analyzing.
pub const LARGE_ORG: usize = 50_000;

/// A spinner saying `message`, or nothing when `worth_it` is false or
/// nobody is watching.
pub fn spinner(worth_it: bool, message: &str) -> Option<ProgressBar> {
    let watched = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !(worth_it && watched) {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(Duration::from_millis(120));
    Some(bar)
}

/// Whether the files named on the command line are large in all.
pub fn large_input(paths: &[std::path::PathBuf]) -> bool {
    let total: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(Path::new(p)).ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    total >= LARGE_INPUT_BYTES
}

pub fn done(bar: Option<ProgressBar>) {
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}
