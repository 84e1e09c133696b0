//! Where the loader reads files from: the file system, or a git revision's
//! tree held in memory ([`super::git`]). Paths, directory walks and includes
//! go through this one seam, so a revision is loaded by the same code as the
//! working tree and never mixed with it.

use super::fs::{Entry, Kind, kind, open_regular};
use super::git::Tree;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A file system the loader reads.
#[derive(Debug, Clone, Default)]
pub enum Files {
    /// The real one.
    #[default]
    Disk,
    /// A git revision: paths under the repository's top directory name the
    /// revision's files, whatever the working tree holds.
    Git(Rc<Tree>),
}

impl PartialEq for Files {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Files::Disk, Files::Disk) => true,
            (Files::Git(a), Files::Git(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Files {}

impl Files {
    pub fn kind(&self, path: &Path) -> io::Result<Kind> {
        match self {
            Files::Disk => fs::metadata(path).map(|m| disk_kind(&m)),
            Files::Git(t) => t.kind(path),
        }
    }

    /// The real path: absolute, symlinks resolved.
    pub fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        match self {
            Files::Disk => fs::canonicalize(path),
            Files::Git(t) => t.canonicalize(path),
        }
    }

    /// A real directory's entries, sorted by name.
    pub fn list(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        match self {
            Files::Disk => {
                let mut names: Vec<OsString> =
                    fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.file_name()).collect();
                names.sort();
                Ok(names
                    .into_iter()
                    .map(|name| {
                        let path = dir.join(&name);
                        let target = match fs::symlink_metadata(&path) {
                            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(&path),
                            Ok(_) => Ok(path),
                            Err(e) => Err(e),
                        };
                        let meta = target.and_then(|t| fs::metadata(&t).map(|m| (t, disk_kind(&m))));
                        (name, meta)
                    })
                    .collect())
            }
            Files::Git(t) => t.list(dir),
        }
    }

    /// A regular file's bytes, at most `limit`: `Ok(Err(size))` when it is
    /// larger (its size if known).
    pub fn read(&self, real: &Path, limit: u64) -> io::Result<Result<Vec<u8>, Option<u64>>> {
        match self {
            Files::Disk => {
                use io::Read;
                let f = open_regular(real)?;
                let len = f.metadata()?.len();
                if len > limit {
                    return Ok(Err(Some(len)));
                }
                let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
                f.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
                Ok(if buf.len() as u64 > limit { Err(None) } else { Ok(buf) })
            }
            Files::Git(t) => t.read(real, limit),
        }
    }
}

fn disk_kind(m: &fs::Metadata) -> Kind {
    if m.is_file() {
        Kind::File
    } else if m.is_dir() {
        Kind::Dir
    } else {
        Kind::Other(kind(m))
    }
}
