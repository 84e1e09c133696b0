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
    let result = if replace_by_exchange(tmp, to) { Ok(()) } else { fs::rename(tmp, to) };
    if result.is_ok() {
        list.retain(|p| p != tmp);
    }
    result
}

/// Puts `tmp` in the place of an existing `to` by swapping the two names,
/// then removes the old file (now at `tmp`); false, with nothing changed,
/// where that cannot be done (no file at `to`, a file system without the
/// swap), for a plain rename instead. Readers see the old file or the new
/// one, as with a rename. The difference is ext4's: a rename that replaces
/// a file makes the renaming process allocate and start writing the new
/// file's every block first (its `auto_da_alloc`), which took 0.2 to 0.7 s
/// of a 190 MB report, where a swap leaves that to the kernel's writeback,
/// as the first report written to a name already had it.
#[cfg(target_os = "linux")]
fn replace_by_exchange(tmp: &Path, to: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if renameat_with(CWD, tmp, CWD, to, RenameFlags::EXCHANGE).is_err() {
        return false;
    }
    // A directory put at `to` since it was looked at goes back: a rename
    // onto it fails, and so must this.
    if fs::symlink_metadata(tmp).is_ok_and(|m| m.is_dir()) {
        let _ = renameat_with(CWD, tmp, CWD, to, RenameFlags::EXCHANGE);
        return false;
    }
    // The new report is in place whatever happens now. Left behind, the old
    // one would only be a stray hidden file beside it; an interruption
    // until here removes it as the temporary file it is listed as.
    let _ = fs::remove_file(tmp);
    true
}

#[cfg(not(target_os = "linux"))]
fn replace_by_exchange(_: &Path, _: &Path) -> bool {
    false
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_is_not_swapped_with_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let (tmp, to) = (dir.path().join(".r.tmp"), dir.path().join("r.json"));
        fs::create_dir(&to).unwrap();
        fs::write(to.join("inside"), "kept").unwrap();
        fs::write(&tmp, "report").unwrap();
        assert!(rename(&tmp, &to).is_err());
        assert_eq!(fs::read_to_string(to.join("inside")).unwrap(), "kept");
        assert_eq!(fs::read_to_string(&tmp).unwrap(), "report");
    }

    #[test]
    fn a_temporary_file_replaces_an_old_file_or_takes_a_new_name_and_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let (tmp, to) = (dir.path().join(".r.tmp"), dir.path().join("r.json"));
        let old_link = dir.path().join("old.json");
        for (old, new) in [(None, "first"), (Some("first"), "second"), (Some("second"), "third")] {
            assert_eq!(fs::read_to_string(&to).ok().as_deref(), old);
            if old.is_some() {
                // A hard link to the old report keeps it, as after a rename.
                let _ = fs::remove_file(&old_link);
                fs::hard_link(&to, &old_link).unwrap();
            }
            let mut f = create(&tmp).unwrap();
            io::Write::write_all(&mut f, new.as_bytes()).unwrap();
            drop(f);
            rename(&tmp, &to).unwrap();
            assert_eq!(fs::read_to_string(&to).unwrap(), new);
            assert!(!tmp.exists(), "the old file is removed, not left at the temporary name");
            assert!(!temporary().contains(&tmp));
            if let Some(old) = old {
                assert_eq!(fs::read_to_string(&old_link).unwrap(), old);
            }
        }
    }
}
