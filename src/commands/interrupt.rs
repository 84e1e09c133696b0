//! The temporary files `-o` writes, removed when the run is interrupted:
//! SIGINT, SIGTERM or SIGHUP mid-report leave the old report as it was and
//! no half-written file beside it, then end the run with 128 + the signal's
//! number (130, 143, 129), as a shell reports a run killed by it.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// The temporary files that exist now.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();

fn temporary() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Creates `path` as a new file (never through an existing file or link),
/// to be removed if the run is interrupted before [`rename`] or [`discard`].
pub fn create(path: &Path) -> io::Result<File> {
    install();
    // Registered under the lock, so a signal handled now sees the file or
    // finds it not yet created, and nothing is created after the cleanup.
    let mut list = temporary();
    let f = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    list.push(path.to_path_buf());
    Ok(f)
}

/// Renames a temporary file into place: an interruption sees it before the
/// rename (and removes it) or after (and finds nothing to remove).
pub fn rename(tmp: &Path, to: &Path) -> io::Result<()> {
    let mut list = temporary();
    let result = fs::rename(tmp, to);
    if result.is_ok() {
        list.retain(|p| p != tmp);
    }
    result
}

/// Removes a temporary file that will not be used.
pub fn discard(tmp: &Path) {
    let mut list = temporary();
    let _ = fs::remove_file(tmp);
    list.retain(|p| p != tmp);
}

/// Handles the signals on a thread of their own, from the first temporary
/// file on: runs without `-o` keep the default behaviour.
#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    HANDLER.call_once(|| {
        // Without a handler (it cannot fail on Linux) the run only loses
        // the cleanup, as before.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
        let _ = std::thread::Builder::new().name("servchain-signals".to_owned()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The lock is never released: the main thread cannot create
                // or rename a file after this.
                let list = temporary();
                for p in list.iter() {
                    let _ = fs::remove_file(p);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(not(unix))]
fn install() {
    HANDLER.call_once(|| {});
}
