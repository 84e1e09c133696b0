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
/// rename (and removes it) or after (and finds nothing to remove). With
/// `swap`, a file already at `to` is replaced by swapping the two names
/// where the system can (see [`swap_in`]).
pub fn rename(tmp: &Path, to: &Path, swap: bool) -> io::Result<()> {
    let mut list = temporary();
    let swapped = if swap { swap_in(tmp, to) } else { Ok(false) };
    let result = swapped.and_then(|done| if done { Ok(()) } else { fs::rename(tmp, to) });
    if result.is_ok() {
        list.retain(|p| p != tmp);
    }
    result
}

/// Puts `tmp` in the place of an existing `to` by swapping the two names
/// (`renameat2` with `RENAME_EXCHANGE`), then removes the old file, now at
/// `tmp`; `Ok(false)` when there is nothing to swap with or the file system
/// cannot swap, for a plain rename instead. Readers see the old file or
/// the new one, as with a rename, and an interruption cannot come between
/// the swap and the removal: it waits for the list's lock, which the caller
/// holds. What differs is ext4's: a rename that replaces a file makes the
/// renaming process allocate and start writing the new file's every block
/// (`auto_da_alloc`, so that a power cut soon after leaves the old file or
/// the new one, not an empty one), which took 0.2 to 0.7 s of a 190 MB
/// report; a swap leaves the writing to the kernel, as a first report under
/// a new name always did. The callers ask for it only for big reports,
/// which can be made again.
#[cfg(target_os = "linux")]
fn swap_in(tmp: &Path, to: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    let swap = || renameat_with(CWD, tmp, CWD, to, RenameFlags::EXCHANGE);
    if swap().is_err() {
        return Ok(false);
    }
    // A directory put at `to` since it was looked at goes back: a rename
    // onto it fails, and so must this.
    if fs::symlink_metadata(tmp).is_ok_and(|m| m.is_dir()) {
        return match swap() {
            Ok(()) => Ok(false),
            Err(e) => Err(io::Error::other(format!(
                "a directory put at its place was moved to {} and could not be moved back ({e})",
                tmp.display()
            ))),
        };
    }
    // The new file is in place. Should the old one outlive this (a removal
    // refused, SIGKILL just now), it is left under the temporary name.
    let _ = fs::remove_file(tmp);
    Ok(true)
}

#[cfg(not(target_os = "linux"))]
fn swap_in(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
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
    fn a_directory_at_the_place_stays_and_the_rename_fails() {
        for swap in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let (tmp, to) = (dir.path().join(".r.tmp"), dir.path().join("r.json"));
            fs::create_dir(&to).unwrap();
            fs::write(to.join("inside"), "kept").unwrap();
            fs::write(&tmp, "report").unwrap();
            assert!(rename(&tmp, &to, swap).is_err());
            assert_eq!(fs::read_to_string(to.join("inside")).unwrap(), "kept");
            assert_eq!(fs::read_to_string(&tmp).unwrap(), "report");
        }
    }

    #[test]
    fn a_temporary_file_replaces_an_old_file_or_takes_a_new_name_and_is_gone() {
        for swap in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let (tmp, to) = (dir.path().join(".r.tmp"), dir.path().join("r.json"));
            let old_link = dir.path().join("old.json");
            for (old, new) in [(None, "first"), (Some("first"), "second"), (Some("second"), "third")] {
                assert_eq!(fs::read_to_string(&to).ok().as_deref(), old);
                if old.is_some() {
                    // A hard link to the old file keeps it, as after a rename.
                    let _ = fs::remove_file(&old_link);
                    fs::hard_link(&to, &old_link).unwrap();
                }
                let mut f = create(&tmp).unwrap();
                io::Write::write_all(&mut f, new.as_bytes()).unwrap();
                drop(f);
                rename(&tmp, &to, swap).unwrap();
                assert_eq!(fs::read_to_string(&to).unwrap(), new);
                assert!(!tmp.exists(), "the old file is removed, not left at the temporary name");
                assert!(!temporary().contains(&tmp));
                if let Some(old) = old {
                    assert_eq!(fs::read_to_string(&old_link).unwrap(), old);
                }
            }
        }
    }

    /// The swap itself is taken where it can be (else the tests above would
    /// pass on plain renames alone): with a file to swap with, not without.
    #[test]
    #[cfg(target_os = "linux")]
    fn linux_swaps_with_an_existing_file_only() {
        let dir = tempfile::tempdir().unwrap();
        let (tmp, to) = (dir.path().join(".r.tmp"), dir.path().join("r.json"));
        fs::write(&tmp, "new").unwrap();
        assert!(!swap_in(&tmp, &to).unwrap(), "nothing to swap with");
        assert!(tmp.exists() && !to.exists());
        fs::write(&to, "old").unwrap();
        assert!(swap_in(&tmp, &to).unwrap(), "the file system of the temporary directory swaps names");
        assert_eq!(fs::read_to_string(&to).unwrap(), "new");
        assert!(!tmp.exists());
    }
}
