//! Where a command's report goes: standard output (also `-o -`), or a file.
//! A regular file is written atomically (a temporary file in the same
//! directory, renamed into place, keeping the old file's permissions), so a
//! failed run never leaves a half-written report or clobbers the last one.
//! A symlink is followed; a device or pipe is written in place. Either way
//! the report is streamed through a buffer, not built whole.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Runs `write` on standard output or on the file at `path`.
pub fn emit(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    match path {
        Some(p) if p.as_os_str() != "-" => to_file(p, write),
        _ => super::stdout::write_with(write),
    }
}

fn to_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    // Follow a symlink to what it names, so the link itself survives.
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    let result = match fs::metadata(&target) {
        Ok(m) if !m.is_file() => in_place(&target, write),
        existing => atomic(&target, existing.ok().map(|m| m.permissions()), write),
    };
    result.map_err(|e| describe(path, e))
}

/// Devices and pipes: written as they are.
fn in_place(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut f = BufWriter::with_capacity(1 << 16, fs::OpenOptions::new().write(true).open(path)?);
    write(&mut f)?;
    f.flush()
}

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
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        write(&mut f)?;
        let f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        // No fsync: the rename already guarantees that readers see the old
        // report or the whole new one, and a report can be made again after
        // a power cut; forcing a gigabyte report to disk took seconds.
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The error in plain words, naming the path.
fn describe(path: &Path, e: io::Error) -> io::Error {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => {
                format!("the directory {} does not exist", dir.display())
            }
            _ => "no such file or directory".to_owned(),
        },
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    };
    io::Error::new(e.kind(), format!("cannot write {}: {reason}", path.display()))
}
