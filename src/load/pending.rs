//! A file the loader is to read: where it came from, and the directory and
//! project root its includes are relative to.

use super::root::Root;
use std::path::PathBuf;
use std::rc::Rc;

/// Where a file came from.
#[derive(Debug, Clone)]
pub enum Origin {
    Stdin,
    /// A pipe handed over by the shell (`<(git show main:org.yaml)`), read
    /// like standard input.
    Pipe(PathBuf),
    /// A regular file, by its real path.
    File(PathBuf),
}

/// A file to read, named as the user will see it.
#[derive(Debug, Clone)]
pub struct Pending {
    pub name: String,
    pub origin: Origin,
    /// The directory its includes are relative to, as the user would write
    /// it (empty: the current directory).
    pub dir: PathBuf,
    /// The root its includes must stay in; `None` for files that include
    /// nothing (a policy file).
    pub root: Option<Rc<Root>>,
}
