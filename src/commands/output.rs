//! Where a command's report goes: standard output (also `-o -`), or a file.
//! A regular file is written atomically (a temporary file in the same
//! directory, renamed into place by [`interrupt::rename`], keeping the old
//! file's permissions), so a failed run never leaves a half-written report
//! or clobbers the last one.
//! A symlink is followed, also one whose target does not exist yet (as `>`
//! does in a shell); a device or pipe is written in place. Either way the
//! report is streamed through a buffer, not built whole. The report may not
//! overwrite a file it was made from ([`guard`]), and an interrupted run
//! leaves no temporary file ([`super::interrupt`]).

use super::interrupt;
use crate::exit::ExitStatus;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Refuses, before anything is written, an output file that is one of the
/// inputs (the same file, by any path or link): the report would replace
/// the org it was made from. Prints the error and gives the exit status.
pub fn guard(output: Option<&Path>, inputs: &[PathBuf]) -> io::Result<Option<ExitStatus>> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else { return Ok(None) };
    let Some(input) = same_as_input(path, inputs) else { return Ok(None) };
    let message =
        format!("{} is one of the inputs ({}); the report would overwrite it", path.display(), input.display());
    super::usage(&message, Some("write the report to another file".to_owned())).map(Some)
}

fn same_as_input<'a>(path: &Path, inputs: &'a [PathBuf]) -> Option<&'a PathBuf> {
    let target = follow(path).ok()?;
    // A file that does not exist yet is no input.
    let meta = fs::metadata(&target).ok()?;
    let real = fs::canonicalize(&target).ok()?;
    inputs.iter().find(|input| **input == real || same_inode(input, &meta))
}

/// A hard link to an input is the input too.
#[cfg(unix)]
fn same_inode(input: &Path, meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(input).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &fs::Metadata) -> bool {
    false
}

/// Runs `write` on standard output or on the file at `path`.
pub fn emit(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    match path {
        Some(p) if p.as_os_str() != "-" => to_file(p, write),
        _ => super::stdout::write_with(write),
    }
}

fn to_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let target = follow(path).map_err(|e| describe(path, path, e))?;
    let result = match fs::metadata(&target) {
        Ok(m) if !m.is_file() => in_place(&target, write),
        existing => atomic(&target, existing.ok().map(|m| m.permissions()), write),
    };
    result.map_err(|e| describe(path, &target, e))
}

/// The file a path names once its symlinks are followed, so that the link
/// itself survives; a dangling link names its target, to be created.
fn follow(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    // As many links as Linux follows before it gives up.
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Devices and pipes: written as they are.
fn in_place(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut f = BufWriter::with_capacity(1 << 16, fs::OpenOptions::new().write(true).open(path)?);
    write(&mut f)?;
    f.flush()
}

/// Files this big or bigger replace an old one by swapping names where
/// the system can ([`interrupt::rename`]): fast, but without ext4's
/// protection of the old file against a power cut just after. Only
/// reports this big are worth it, and they can be made again; baselines,
/// org files and configs, far smaller, keep the protection.
const SWAP_FROM: u64 = 16 << 20;

fn atomic(
    path: &Path,
    permissions: Option<fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let (tmp, file) = temporary(dir, &name)?;
    let result = (|| {
        let mut f = BufWriter::with_capacity(1 << 16, file);
        write(&mut f)?;
        let f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        let big = f.metadata().is_ok_and(|m| m.len() >= SWAP_FROM);
        // No fsync: the rename already guarantees that readers see the old
        // report or the whole new one, and a report can be made again after
        // a power cut; forcing a gigabyte report to disk took seconds. (ext4
        // makes a rename over a file start writing the new one; see SWAP_FROM.)
        interrupt::rename(&tmp, path, big)
    })();
    if result.is_err() {
        interrupt::discard(&tmp);
    }
    result
}

/// A new temporary file `.NAME.PID.tmp` beside the report; another name if
/// that one exists (left by a crash, or a link planted to be written through).
fn temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut n = 0;
    loop {
        let tmp = match n {
            0 => dir.join(format!(".{name}.{pid}.tmp")),
            n => dir.join(format!(".{name}.{pid}.{n}.tmp")),
        };
        match interrupt::create(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// The error in plain words, naming the path (and the file a link names).
fn describe(path: &Path, target: &Path, e: io::Error) -> io::Error {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => {
                format!("the directory {} does not exist", dir.display())
            }
            _ => "no such file or directory".to_owned(),
        },
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => {
            format!("it is a directory; name a file in it: -o {}", path.join("NAME").display())
        }
        _ => e.to_string(),
    };
    let what = if target == path {
        path.display().to_string()
    } else {
        format!("{} (a link to {})", path.display(), target.display())
    };
    io::Error::new(e.kind(), format!("cannot write {what}: {reason}"))
}
