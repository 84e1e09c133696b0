//! Finds and reads the files an org is made of: paths as given, every
//! `*.yaml`/`*.yml` under a directory, `-` for standard input, and the files
//! an org file pulls in with `include:`. Each file is read once, within the
//! size limit, and must be UTF-8.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Loc, SourceMap};
use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Where a file came from.
#[derive(Debug, Clone)]
pub enum Origin {
    Stdin,
    File(PathBuf),
}

/// A file to read, named as the user will see it.
#[derive(Debug, Clone)]
pub struct Pending {
    pub name: String,
    pub origin: Origin,
}

/// Expands the command-line paths into files, in order: a directory gives
/// its YAML files recursively, sorted, skipping hidden entries.
pub fn expand(paths: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Vec<Pending> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Pending { name: "<stdin>".to_owned(), origin: Origin::Stdin });
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk(p, &mut out, &mut HashSet::new(), diags);
                if out.len() == before {
                    diags.push(
                        Diagnostic::error("no-files", format!("no *.yaml or *.yml files under {}", p.display()))
                            .help("name the org files or a directory that holds them"),
                    );
                }
            }
            Ok(_) => out.push(Pending { name: p.display().to_string(), origin: Origin::File(p.clone()) }),
            Err(e) => diags.push(io_error(&p.display().to_string(), &e)),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Pending>, seen: &mut HashSet<PathBuf>, diags: &mut Vec<Diagnostic>) {
    // A symlink loop would otherwise walk forever.
    if let Ok(real) = fs::canonicalize(dir)
        && !seen.insert(real)
    {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return diags.push(io_error(&dir.display().to_string(), &e)),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, out, seen, diags),
            Ok(_) if is_yaml(&path) => {
                out.push(Pending { name: path.display().to_string(), origin: Origin::File(path) })
            }
            Ok(_) => {}
            Err(e) => diags.push(io_error(&path.display().to_string(), &e)),
        }
    }
}

pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The files an `include:` pattern names, relative to the including file.
/// Reports a pattern that is invalid or names nothing.
pub fn include(base: &Path, pattern: &str, loc: Loc, diags: &mut Vec<Diagnostic>) -> Vec<Pending> {
    // The including file's directory is a path, not a pattern: `t[1]/` must
    // not match `t1/`.
    let full = format!("{}/{pattern}", glob::Pattern::escape(&base.to_string_lossy()));
    let full = if Path::new(pattern).is_absolute() { pattern.to_owned() } else { full };
    let options = glob::MatchOptions { require_literal_leading_dot: true, ..glob::MatchOptions::new() };
    let paths = match glob::glob_with(&full, options) {
        Ok(paths) => paths,
        Err(e) => {
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
    };
    let mut matched: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
    matched.sort();
    let mut out = Vec::new();
    for path in matched {
        if path.is_dir() {
            walk(&path, &mut out, &mut HashSet::new(), diags);
        } else {
            out.push(Pending { name: path.display().to_string(), origin: Origin::File(path) });
        }
    }
    if out.is_empty() {
        let is_glob = pattern.contains(['*', '?', '[']);
        let d = if is_glob {
            Diagnostic::warning("include-matches-nothing", format!("the include pattern {pattern:?} matches no files"))
        } else {
            Diagnostic::error("include-not-found", format!("the included file {pattern:?} does not exist"))
        };
        diags.push(
            d.at(loc, format!("looked for {}", base.join(pattern).display()))
                .help("include paths are relative to the file that includes them"),
        );
    }
    out
}

/// Reads one file (or `stdin`) within `limit` bytes, as UTF-8.
pub fn read(
    p: &Pending,
    limit: u64,
    stdin: &mut dyn Read,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    match read_limited(p, limit, stdin) {
        Ok(Ok(bytes)) => decode(&p.name, bytes, sources, diags),
        Ok(Err(size)) => {
            let (size, suggested) = match size {
                Some(n) => (format!("is {}", human_bytes(n)), n.next_power_of_two().max(1 << 20)),
                None => ("is larger than that".to_owned(), limit.saturating_mul(2)),
            };
            diags.push(
                Diagnostic::error(
                    "file-too-large",
                    format!("{} {size}, over the {} limit", p.name, human_bytes(limit)),
                )
                .help(format!(
                    "if the file is really this large, raise the limit: --max-file-size {}",
                    human_bytes(suggested).replace(' ', "")
                )),
            );
            None
        }
        Err(e) => {
            diags.push(io_error(&p.name, &e));
            None
        }
    }
}

/// Takes a file's bytes as its text: UTF-8 (a byte-order mark is dropped),
/// not blank. The text is added to `sources` even when it is refused, so that
/// diagnostics can quote it.
pub fn decode(name: &str, mut bytes: Vec<u8>, sources: &mut SourceMap, diags: &mut Vec<Diagnostic>) -> Option<FileId> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let empty = is_blank(&text);
            let id = sources.add(name.to_owned(), text);
            if empty {
                diags.push(
                    Diagnostic::error("empty-file", format!("{name} is empty"))
                        .at(Loc::file_start(id), "nothing but blank lines or comments")
                        .help("an org file needs at least a `departments:` list; `servchain init` writes a starter"),
                );
                return None;
            }
            Some(id)
        }
        Err(e) => {
            let bad_at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let (line, col) = SourceMap::line_col(&text, bad_at);
            let id = sources.add(name.to_owned(), text);
            let loc = Loc { file: id, line, col, offset: bad_at, len: 1 };
            let (message, help) = if utf16 {
                (format!("{name} is UTF-16 text"), "servchain reads UTF-8; save the file as UTF-8")
            } else {
                (format!("{name} is not UTF-8 text"), "save the file as UTF-8 (a binary file is no org file)")
            };
            diags.push(Diagnostic::error("not-utf8", message).at(loc, "invalid byte").help(help));
            None
        }
    }
}

/// `Ok(Err(size))` when the input is over the limit (its size, if known).
fn read_limited(p: &Pending, limit: u64, stdin: &mut dyn Read) -> io::Result<Result<Vec<u8>, Option<u64>>> {
    let mut buf = Vec::new();
    match &p.origin {
        Origin::Stdin => {
            stdin.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
        }
        Origin::File(path) => {
            let f = fs::File::open(path)?;
            let len = f.metadata()?.len();
            if len > limit {
                return Ok(Err(Some(len)));
            }
            buf.reserve(usize::try_from(len).unwrap_or(0));
            f.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
        }
    }
    if buf.len() as u64 > limit { Ok(Err(None)) } else { Ok(Ok(buf)) }
}

fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

fn io_error(name: &str, e: &io::Error) -> Diagnostic {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    };
    Diagnostic::error("io", format!("cannot read {name}: {reason}"))
        .help("check the path; a directory loads every *.yaml file under it")
}

/// `256 MiB`, `1.5 GiB`, `700 B`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut x = n as f64 / 1024.0;
    let mut unit = 0;
    while x >= 1024.0 && unit < UNITS.len() - 1 {
        x /= 1024.0;
        unit += 1;
    }
    if x.fract() == 0.0 { format!("{x} {}", UNITS[unit]) } else { format!("{x:.1} {}", UNITS[unit]) }
}

/// Parses a size like `256MiB`, `1GB`, `500k` or a plain number of bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num: f64 = num.parse().map_err(|_| format!("{s:?} is not a size; write e.g. 256MiB or 1GiB"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        other => {
            return Err(format!("unknown size unit {other:?}; use B, KB, KiB, MB, MiB, GB or GiB"));
        }
    };
    Ok((num * mult as f64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(parse_size("256MiB"), Ok(256 << 20));
        assert_eq!(parse_size("1 GB"), Ok(1_000_000_000));
        assert_eq!(parse_size("1.5kib"), Ok(1536));
        assert_eq!(parse_size("42"), Ok(42));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert_eq!(human_bytes(256 << 20), "256 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }
}
