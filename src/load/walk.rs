//! The walk of a directory for its YAML files: recursive, sorted, hidden
//! entries skipped, symlinks followed only inside the project root, and
//! anything but a regular file skipped with a warning, never opened.

use super::fs::{Kind, io_error};
use super::pending::{Origin, Pending};
use super::root::Root;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Loc;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A recursive walk of a directory for YAML files, in sorted order, that
/// skips hidden entries and follows symlinks only inside the root.
pub(super) struct Walk<'a> {
    pub root: &'a Rc<Root>,
    /// The `include:` entry that named the directory, if any.
    pub loc: Option<Loc>,
    /// Directories walked, by real path: a symlink loop ends.
    pub seen: HashSet<PathBuf>,
    pub out: &'a mut Vec<Pending>,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Walks `real`, shown to the user as `shown`.
    pub fn dir(&mut self, shown: &Path, real: &Path) {
        if !self.seen.insert(real.to_path_buf()) {
            return;
        }
        let entries = match self.root.files.list(real) {
            Ok(entries) => entries,
            Err(e) => return self.report(io_error(&shown.display().to_string(), &e)),
        };
        for (name, meta) in entries {
            if name.to_str().is_none_or(|n| n.starts_with('.')) {
                continue;
            }
            let shown = shown.join(&name);
            let display = shown.display().to_string();
            match meta {
                Ok((t, m)) if !self.root.contains(&t) => {
                    // Never leave the root: a link to `/proc/self/environ`
                    // in a pull request must not reach the CI log.
                    if m == Kind::Dir || is_yaml(&shown) {
                        self.report(Diagnostic::warning(
                            Code::IncludeOutsideRoot,
                            format!(
                                "skipped {display}: a link to {}, outside the project root {}",
                                t.display(),
                                self.root
                            ),
                        ));
                    }
                }
                Ok((t, Kind::Dir)) => self.dir(&shown, &t),
                Ok(_) if !is_yaml(&shown) => {}
                Ok((t, Kind::File)) => self.out.push(Pending {
                    name: display,
                    origin: Origin::File(t),
                    dir: shown.parent().map_or_else(PathBuf::new, Path::to_path_buf),
                    root: Some(self.root.clone()),
                }),
                Ok((_, Kind::Other(what))) => self.report(
                    Diagnostic::warning(
                        Code::NotARegularFile,
                        format!("skipped {display}: {what}, not a regular file"),
                    )
                    .help("servchain reads only regular files"),
                ),
                Err(e) if is_yaml(&shown) => self.report(io_error(&display, &e)),
                Err(_) => {}
            }
        }
    }

    fn report(&mut self, d: Diagnostic) {
        let d = match self.loc {
            Some(loc) => d.at(loc, "in the directory this includes"),
            None => d,
        };
        self.diags.push(d);
    }
}

pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}
