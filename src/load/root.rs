//! The project root: the directory that the files of an org must stay in.
//! An org file from a pull request must not pull in `/etc/hostname` or
//! `/proc/self/environ`, nor walk the whole file system; everything the
//! loader reads resolves (symlinks and all) to a path under the root.

use super::files::Files;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// A directory, by its real path (symlinks resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    real: PathBuf,
    /// What the org's files are read from: the disk, or a git revision.
    pub files: Files,
}

impl Root {
    /// The root given with `--root DIR`: it must be a directory.
    pub fn explicit(dir: &Path) -> io::Result<Root> {
        let real = std::fs::canonicalize(dir)?;
        if !real.is_dir() {
            return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a directory"));
        }
        Ok(Root { real, files: Files::Disk })
    }

    /// A git revision's tree, its top as the root.
    pub fn tree(tree: std::rc::Rc<super::git::Tree>) -> Root {
        Root { real: tree.top().to_path_buf(), files: Files::Git(tree) }
    }

    /// The nearest directory at or above `dir` that holds `.git` or
    /// `servchain.toml`, else `dir` itself. `dir` is where the top-level
    /// input lies (its directory, or the directory it is, or the current
    /// directory for standard input).
    pub fn discover(dir: &Path) -> io::Result<Root> {
        let start = real_dir(dir)?;
        let marked = start.ancestors().find(|d| {
            // A worktree's `.git` is a file, and a marker need not be readable.
            [".git", "servchain.toml"].iter().any(|m| std::fs::symlink_metadata(d.join(m)).is_ok())
        });
        // Only `start` itself may still be a symlink; the root is real.
        Ok(Root { real: std::fs::canonicalize(marked.unwrap_or(&start))?, files: Files::Disk })
    }

    /// The root's real path.
    pub fn path(&self) -> &Path {
        &self.real
    }

    /// Whether a real path (symlinks resolved) lies at or under the root.
    pub fn contains(&self, real: &Path) -> bool {
        real.starts_with(&self.real)
    }
}

impl fmt::Display for Root {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.real.display().fmt(f)
    }
}

/// The real path of a directory named by `dir`, without resolving its last
/// component if that is a symlink: `org` linked to `/` must be found to lie
/// in the project that holds the link, not to be a project of its own.
fn real_dir(dir: &Path) -> io::Result<PathBuf> {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    match (dir.parent(), dir.components().next_back()) {
        (Some(parent), Some(Component::Normal(name))) => {
            let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
            Ok(std::fs::canonicalize(parent)?.join(name))
        }
        _ => std::fs::canonicalize(dir),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_nearest_marked_directory_else_the_input_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let deep = tmp.path().join("repo/org/teams");
        std::fs::create_dir_all(&deep).unwrap();
        let real = |p: &Path| std::fs::canonicalize(p).unwrap();
        assert_eq!(Root::discover(&deep).ok().map(|r| r.real), Some(real(&deep)));
        std::fs::write(tmp.path().join("repo/servchain.toml"), "").unwrap();
        let root = Root::discover(&deep).unwrap();
        assert_eq!(root.real, real(&tmp.path().join("repo")));
        assert!(root.contains(&real(&deep)));
        assert!(!root.contains(&real(tmp.path())));
    }
}
