//! `include:` patterns: resolved against the including file's directory,
//! kept inside the project root, and expanded by a glob walk of our own that
//! starts at the root and never leaves it (the `glob` crate would follow
//! `/**/x.yaml` or a symlinked directory anywhere). Each distinct pattern is
//! expanded once, however many files or entries repeat it.

use super::inputs::{Origin, Pending};
use super::root::Root;
use super::walk::{self, Walk};
use crate::diagnostic::Diagnostic;
use crate::source::Loc;
use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

const OPTIONS: glob::MatchOptions =
    glob::MatchOptions { case_sensitive: true, require_literal_separator: true, require_literal_leading_dot: true };

/// The patterns already expanded, resolved against the root.
#[derive(Debug, Default)]
pub struct Expanded(HashSet<PathBuf>);

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
    if let Err(e) = glob::Pattern::new(pattern) {
        diags.push(
            Diagnostic::error(
                "invalid-include",
                format!("the include pattern {pattern:?} is not a valid glob: {}", e.msg),
            )
            .at(loc, "invalid pattern")
            .help("use `*` for any name, `**` for any depth, e.g. \"teams/*.yaml\""),
        );
        return Vec::new();
    }
    let Some(root) = &from.root else { return Vec::new() };
    let outside = |why: String| {
        Diagnostic::error("include-outside-root", format!("the include {pattern:?} {why} the project root {root}"))
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
    let base = match fs::canonicalize(dir) {
        Ok(b) => b,
        Err(e) => {
            let d =
                Diagnostic::error("io", format!("cannot resolve the include {pattern:?} from {}: {e}", dir.display()));
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
    if !expanded.0.insert(key) {
        return Vec::new();
    }

    let mut m = Matcher { root, states: HashSet::new(), found: Vec::new(), outside: Vec::new() };
    m.step(root.path(), Path::new(""), &parts, 0);
    m.found.sort();
    m.found.dedup_by(|a, b| a.1 == b.1);
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
        match fs::metadata(real) {
            Ok(meta) if meta.is_dir() => {
                Walk { root, loc: Some(loc), seen: HashSet::new(), out: &mut out, diags }.dir(&name, real);
            }
            Ok(meta) if meta.is_file() => out.push(Pending {
                name: name.display().to_string(),
                origin: Origin::File(real.clone()),
                dir: name.parent().map_or_else(PathBuf::new, Path::to_path_buf),
                root: Some(Rc::clone(root)),
            }),
            Ok(meta) => diags.push(
                Diagnostic::error(
                    "not-a-regular-file",
                    format!(
                        "the include {pattern:?} names {}, {}, not a regular file",
                        name.display(),
                        walk::kind(&meta)
                    ),
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
            Diagnostic::warning("include-matches-nothing", format!("the include pattern {pattern:?} matches no files"))
        } else {
            Diagnostic::error("include-not-found", format!("the included file {pattern:?} does not exist"))
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
        match part {
            Part::Name(name) => self.enter(real, rel, name, parts, i + 1),
            Part::Glob(glob) => {
                for name in list(real) {
                    if glob.matches_with(&name.to_string_lossy(), OPTIONS) {
                        self.enter(real, rel, &name, parts, i + 1);
                    }
                }
            }
            Part::AnyDepth => {
                self.step(real, rel, parts, i + 1);
                for name in list(real) {
                    if !name.to_string_lossy().starts_with('.') {
                        self.enter(real, rel, &name, parts, i);
                    }
                }
            }
        }
    }

    /// Goes to the entry `name` of `real`, following a link only inside the
    /// root, then matches `parts[i..]` there.
    fn enter(&mut self, real: &Path, rel: &Path, name: &std::ffi::OsStr, parts: &[Part], i: usize) {
        let (path, rel) = (real.join(name), rel.join(name));
        let Ok(meta) = fs::symlink_metadata(&path) else { return };
        let target = if meta.file_type().is_symlink() {
            match fs::canonicalize(&path) {
                Ok(t) => t,
                Err(_) => return, // dangling: names nothing
            }
        } else {
            path
        };
        if !self.root.contains(&target) {
            self.outside.push((rel, target));
        } else if i == parts.len() || target.is_dir() {
            self.step(&target, &rel, parts, i);
        }
    }
}

/// The entries of a directory, sorted; none if it cannot be read.
fn list(dir: &Path) -> Vec<OsString> {
    let mut names: Vec<OsString> =
        fs::read_dir(dir).map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name()).collect()).unwrap_or_default();
    names.sort();
    names
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
