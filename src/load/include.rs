//! `include:` patterns: resolved against the including file's directory,
//! kept inside the project root, and expanded by a glob walk of our own that
//! starts at the root and never leaves it (the `glob` crate would follow
//! `/**/x.yaml` or a symlinked directory anywhere). Each distinct pattern is
//! expanded once, however many files or entries repeat it.

use super::files::Files;
use super::fs::Kind;
use super::pending::{Origin, Pending};
use super::root::Root;
use super::walk::Walk;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Loc;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

const OPTIONS: glob::MatchOptions =
    glob::MatchOptions { case_sensitive: true, require_literal_separator: true, require_literal_leading_dot: true };

/// What one load has expanded: the patterns, resolved against the root,
/// and the directories listed.
#[derive(Debug, Default)]
pub struct Expanded {
    done: HashSet<PathBuf>,
    listings: Listings,
}

/// One component of a resolved pattern.
#[derive(Debug)]
enum Part {
    Name(OsString),
    Glob(glob::Pattern),
    /// `**`: any number of directories.
    AnyDepth,
}

/// The files `pattern`, written in the file `from`, names. Reports a pattern
/// that is invalid, leaves the root, or names nothing.
pub fn include(
    from: &Pending,
    pattern: &str,
    loc: Loc,
    expanded: &mut Expanded,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Pending> {
    // A pattern may be long or hold anything: messages quote it cut short.
    let quoted = crate::clip::quote(pattern);
    if let Err(e) = glob::Pattern::new(pattern) {
        diags.push(
            Diagnostic::error(
                Code::InvalidInclude,
                format!("the include pattern {quoted} is not a valid glob: {}", e.msg),
            )
            .at(loc, "invalid pattern")
            .help("use `*` for any name, `**` for any depth, e.g. \"teams/*.yaml\""),
        );
        return Vec::new();
    }
    let Some(root) = &from.root else { return Vec::new() };
    let outside = |why: String| {
        Diagnostic::error(Code::IncludeOutsideRoot, format!("the include {quoted} {why} the project root {root}"))
            .at(loc, "outside the project root")
            .help(
                "includes are relative to the including file and stay inside the project root (the nearest \
                 directory above the top-level input that holds .git or servchain.toml); --root DIR sets the root",
            )
    };
    if Path::new(pattern).has_root() {
        diags.push(outside("is an absolute path; includes must stay inside".to_owned()));
        return Vec::new();
    }
    let dir = if from.dir.as_os_str().is_empty() { Path::new(".") } else { from.dir.as_path() };
    let base = match root.files.canonicalize(dir) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::error(
                Code::IoError,
                format!("cannot resolve the include {quoted} from {}: {e}", dir.display()),
            );
            diags.push(d.at(loc, "here"));
            return Vec::new();
        }
    };
    let Ok(base_rel) = base.strip_prefix(root.path()).map(Path::to_path_buf) else {
        diags.push(outside(format!("is relative to {}, outside", base.display())));
        return Vec::new();
    };
    let Some(parts) = resolve(&base_rel, pattern) else {
        diags.push(outside("climbs with `..` out of".to_owned()));
        return Vec::new();
    };
    let key = parts.iter().fold(root.path().to_path_buf(), |k, p| match p {
        Part::Name(n) => k.join(n),
        Part::Glob(g) => k.join(g.as_str()),
        Part::AnyDepth => k.join("**"),
    });
    if !expanded.done.insert(key) {
        return Vec::new();
    }

    let listings = &mut expanded.listings;
    let mut m = Matcher { root, listings, states: HashSet::new(), found: Vec::new(), outside: Vec::new() };
    m.step(root.path(), Path::new(""), &parts, 0);
    m.found.sort();
    // A file reached by two paths (through a link inside the root) is one.
    let mut unique = HashSet::new();
    m.found.retain(|(_, real)| unique.insert(real.clone()));
    m.outside.sort();
    let shown = |rel: &Path| shown(&from.dir, &base_rel, rel);
    if let Some((rel, real)) = m.outside.first() {
        let more = match m.outside.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more)"),
        };
        let through = format!("reaches {}{more}, a link to {}, outside", shown(rel).display(), real.display());
        diags.push(outside(through));
    }
    let mut out = Vec::new();
    for (rel, real) in &m.found {
        let name = shown(rel);
        match root.files.kind(real) {
            Ok(Kind::Dir) => {
                Walk { root, loc: Some(loc), seen: HashSet::new(), out: &mut out, diags }.dir(&name, real);
            }
            Ok(Kind::File) => out.push(Pending {
                name: name.display().to_string(),
                origin: Origin::File(real.clone()),
                dir: name.parent().map_or_else(PathBuf::new, Path::to_path_buf),
                root: Some(Rc::clone(root)),
            }),
            Ok(Kind::Other(what)) => diags.push(
                Diagnostic::error(
                    Code::NotARegularFile,
                    format!("the include {quoted} names {}, {what}, not a regular file", name.display()),
                )
                .at(loc, "not a regular file")
                .help("servchain reads only regular files"),
            ),
            Err(_) => {}
        }
    }
    if m.found.is_empty() && m.outside.is_empty() {
        let is_glob = pattern.contains(['*', '?', '[']);
        let d = if is_glob {
            Diagnostic::warning(Code::IncludeMatchesNothing, format!("the include pattern {quoted} matches no files"))
        } else {
            Diagnostic::error(Code::IncludeNotFound, format!("the included file {quoted} does not exist"))
        };
        diags.push(
            d.at(loc, format!("looked for {}", from.dir.join(pattern).display()))
                .help("include paths are relative to the file that includes them"),
        );
    }
    out
}

/// The pattern as components from the root, with `.` and `..` worked out;
/// `None` if `..` climbs above the root. Consecutive `**` are one.
fn resolve(base_rel: &Path, pattern: &str) -> Option<Vec<Part>> {
    let mut parts: Vec<Part> = base_rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(Part::Name(n.to_owned())),
            _ => None,
        })
        .collect();
    for piece in pattern.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            "**" if matches!(parts.last(), Some(Part::AnyDepth)) => {}
            "**" => parts.push(Part::AnyDepth),
            _ if piece.contains(['*', '?', '[']) => parts.push(Part::Glob(glob::Pattern::new(piece).ok()?)),
            _ => parts.push(Part::Name(piece.into())),
        }
    }
    Some(parts)
}

/// How a path from the root is shown: from the including file's directory
/// as the user wrote it.
fn shown(dir: &Path, base_rel: &Path, rel: &Path) -> PathBuf {
    let common = base_rel.components().zip(rel.components()).take_while(|(a, b)| a == b).count();
    let mut p = dir.to_path_buf();
    for _ in common..base_rel.components().count() {
        p.push("..");
    }
    p.extend(rel.components().skip(common));
    p
}

/// The walk of a resolved pattern from the root.
struct Matcher<'a> {
    root: &'a Root,
    listings: &'a mut Listings,
    /// (real directory, part index) already visited: with many `**` the
    /// same place is reached many ways, and each is explored once.
    states: HashSet<(PathBuf, usize)>,
    /// Matches as (path from the root, real path).
    found: Vec<(PathBuf, PathBuf)>,
    /// Links reached that lead out of the root.
    outside: Vec<(PathBuf, PathBuf)>,
}

impl Matcher<'_> {
    /// Matches `parts[i..]` at `real`, which lies inside the root.
    fn step(&mut self, real: &Path, rel: &Path, parts: &[Part], i: usize) {
        if !self.states.insert((real.to_path_buf(), i)) {
            return;
        }
        let Some(part) = parts.get(i) else {
            self.found.push((rel.to_path_buf(), real.to_path_buf()));
            return;
        };
        let entries = self.listings.of(&self.root.files, real);
        match part {
            Part::Name(name) => {
                if let Ok(at) = entries.binary_search_by(|e| e.name.cmp(name)) {
                    self.enter(&entries[at], rel, parts, i + 1);
                }
            }
            Part::Glob(glob) => {
                for e in entries.iter().filter(|e| glob.matches_with(&e.name.to_string_lossy(), OPTIONS)) {
                    self.enter(e, rel, parts, i + 1);
                }
            }
            Part::AnyDepth => {
                self.step(real, rel, parts, i + 1);
                for e in entries.iter().filter(|e| e.dir && !e.name.to_string_lossy().starts_with('.')) {
                    self.enter(e, rel, parts, i);
                }
            }
        }
    }

    /// Goes to an entry, unless it is a link out of the root, and matches
    /// `parts[i..]` there.
    fn enter(&mut self, e: &Entry, rel: &Path, parts: &[Part], i: usize) {
        let rel = rel.join(&e.name);
        if !self.root.contains(&e.real) {
            self.outside.push((rel, e.real.clone()));
        } else if i == parts.len() || e.dir {
            self.step(&e.real, &rel, parts, i);
        }
    }
}

/// One entry of a directory, links followed.
#[derive(Debug)]
struct Entry {
    name: OsString,
    real: PathBuf,
    dir: bool,
}

/// Directory listings, read once per load: a file with thousands of
/// patterns walks the tree in memory, not on disk each time.
#[derive(Debug, Default)]
struct Listings(HashMap<PathBuf, Rc<[Entry]>>);

impl Listings {
    /// The entries of a real directory, sorted by name; a dangling link
    /// names nothing, and an unreadable directory holds nothing.
    fn of(&mut self, files: &Files, dir: &Path) -> Rc<[Entry]> {
        if let Some(entries) = self.0.get(dir) {
            return Rc::clone(entries);
        }
        let entries: Vec<Entry> = files
            .list(dir)
            .map(|list| {
                list.into_iter()
                    .filter_map(|(name, target)| {
                        let (real, kind) = target.ok()?;
                        Some(Entry { name, real, dir: kind == Kind::Dir })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let entries: Rc<[Entry]> = entries.into();
        self.0.insert(dir.to_path_buf(), Rc::clone(&entries));
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_from_the_including_file() {
        let at = |dir: &str, base: &str, rel: &str| shown(Path::new(dir), Path::new(base), Path::new(rel));
        assert_eq!(at("", "", "teams/a.yaml"), Path::new("teams/a.yaml"));
        assert_eq!(at("org", "org", "org/teams/a.yaml"), Path::new("org/teams/a.yaml"));
        assert_eq!(at("org/teams", "org/teams", "org/common.yaml"), Path::new("org/teams/../common.yaml"));
    }

    #[test]
    fn dot_dot_may_not_climb_above_the_root() {
        assert!(resolve(Path::new("org"), "../x.yaml").is_some());
        assert!(resolve(Path::new("org"), "../../x.yaml").is_none());
        assert!(resolve(Path::new(""), "a/../../x.yaml").is_none());
        let parts = resolve(Path::new(""), "**/**/./*.yaml").unwrap();
        assert!(matches!(parts.as_slice(), [Part::AnyDepth, Part::Glob(_)]));
    }
}
