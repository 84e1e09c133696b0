//! What a path is, and opening only regular files: the leaf the loader's
//! file modules share. A FIFO, socket or device is named in words and never
//! opened, so nothing can block the run.

use crate::diagnostic::{Code, Diagnostic};
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What a path names, links followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    /// Anything else, in words ("a FIFO (named pipe)").
    Other(&'static str),
}

/// One entry of a directory: its name, and its target (links followed) with
/// what that is, or why it cannot be followed.
pub type Entry = (OsString, io::Result<(PathBuf, Kind)>);

#[cfg(unix)]
pub(super) fn is_fifo(t: &fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(t)
}

#[cfg(not(unix))]
pub(super) fn is_fifo(_: &fs::FileType) -> bool {
    false
}

/// What a file that is not a regular file is, in words.
pub fn kind(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_dir() { "a directory" } else { "a special file" }
}

/// Opens a file for reading only if it is a regular file. A FIFO must not
/// block the run, also when a regular file is swapped for one after it was
/// looked at: the file is opened without blocking, then looked at again.
pub fn open_regular(path: &Path) -> io::Result<fs::File> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, NotRegular(kind(&meta))));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let f = options.open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, NotRegular(kind(&meta))));
    }
    // Reading a regular file never blocks, so O_NONBLOCK may stay set.
    Ok(f)
}

/// The error [`open_regular`] gives for a FIFO, socket, device or directory.
#[derive(Debug, thiserror::Error)]
#[error("{0}, not a regular file")]
pub struct NotRegular(pub &'static str);

pub(crate) fn io_error(name: &str, e: &io::Error) -> Diagnostic {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    };
    Diagnostic::error(Code::IoError, format!("cannot read {name}: {reason}"))
        .help("check the path; a directory loads every *.yaml file under it")
}
