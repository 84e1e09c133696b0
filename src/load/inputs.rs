//! Finds and reads the files an org is made of: paths as given, every
//! `*.yaml`/`*.yml` under a directory, `-` for standard input (and a pipe
//! the shell names `/dev/fd/N`). Every file lies under its project root
//! ([`Root`]) and is a regular file: a FIFO, socket or device is never
//! opened, so nothing can block the run. Each file is read once, within the
//! size limit, and must be UTF-8. `include:` is the `include` module's.

use super::exclude::Exclude;
use super::files::Files;
use super::fs::{Kind, NotRegular, io_error, is_fifo};
use super::pending::{Origin, Pending};
use super::root::Root;
use super::walk::Walk;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Loc, SourceMap};
use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Expands the command-line paths into files, in order: a directory gives
/// its YAML files recursively, sorted, skipping hidden entries. Each path
/// gets its own project root unless `explicit` (`--root`) is given.
pub fn expand(
    paths: &[PathBuf],
    explicit: Option<&Rc<Root>>,
    exclude: &Exclude,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Pending> {
    let mut out = Vec::new();
    for p in paths {
        let stream = if p.as_os_str() == "-" {
            Some(("<stdin>".to_owned(), Origin::Stdin))
        } else {
            is_shell_pipe(p).then(|| (p.display().to_string(), Origin::Pipe(p.clone())))
        };
        if let Some((name, origin)) = stream {
            // Its includes are relative to the current directory.
            let here = explicit.cloned().map_or_else(|| Root::discover(Path::new(".")).map(Rc::new), Ok);
            match here {
                Ok(root) => out.push(Pending { name, origin, dir: PathBuf::new(), root: Some(root) }),
                Err(e) => diags.push(io_error("the current directory", &e)),
            }
        } else if let Err(d) = expand_one(p, explicit, exclude, &mut out, diags) {
            diags.push(*d);
        }
    }
    out
}

/// One path named on the command line: a directory walked, or a file.
fn expand_one(
    p: &Path,
    explicit: Option<&Rc<Root>>,
    exclude: &Exclude,
    out: &mut Vec<Pending>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), Box<Diagnostic>> {
    let name = p.display().to_string();
    let files = explicit.map(|r| r.files.clone()).unwrap_or_default();
    let kind = files.kind(p).map_err(|e| io_error(&name, &e))?;
    let dir = if kind == Kind::Dir { p.to_path_buf() } else { parent(p) };
    let root = match explicit {
        Some(r) => r.clone(),
        None => Rc::new(Root::discover(&dir).map_err(|e| io_error(&name, &e))?),
    };
    let real = files.canonicalize(p).map_err(|e| io_error(&name, &e))?;
    if !root.contains(&real) {
        return Err(Box::new(
            Diagnostic::error(Code::IncludeOutsideRoot, format!("{name} lies outside the project root {root}"))
                .help(format!("{name} is {}; --root DIR sets a root that holds it", real.display())),
        ));
    }
    if kind == Kind::Dir {
        let before = out.len();
        // `.` lists `org/a.yaml`, not `./org/a.yaml`.
        let shown = if p == Path::new(".") { Path::new("") } else { p };
        Walk { root: &root, loc: None, seen: HashSet::new(), out, diags }.dir(shown, &real);
        // servchain.toml's `exclude` and `--exclude`, relative to the root:
        // the same for a git revision's tree, whose root is the repository's top.
        let walked = out.split_off(before);
        let found = walked.len();
        out.extend(walked.into_iter().filter(|f| match &f.origin {
            Origin::File(real) => !exclude.excludes(real, root.path()),
            _ => true,
        }));
        if out.len() == before {
            let excluded = if found > 0 { format!(" ({found} excluded)") } else { String::new() };
            return Err(Box::new(
                Diagnostic::error(Code::NoFiles, format!("no *.yaml or *.yml files under {name}{excluded}"))
                    .help("name the org files or a directory that holds them; check `exclude` in servchain.toml"),
            ));
        }
    } else if kind == Kind::File {
        out.push(Pending { name, origin: Origin::File(real), dir, root: Some(root) });
    } else if let Kind::Other(what) = kind {
        return Err(Box::new(
            Diagnostic::error(Code::NotARegularFile, format!("{name} is {what}, not a regular file"))
                .help("servchain reads only regular files; to read a stream, pipe it to `servchain … -`"),
        ));
    }
    Ok(())
}

/// `/dev/fd/N`, `/proc/self/fd/N` or `/dev/stdin` naming a pipe: what the
/// shell passes for `<(command)`. The user typed it, so it is no file from
/// the org's tree; it is read like standard input.
fn is_shell_pipe(p: &Path) -> bool {
    let text = p.to_string_lossy();
    let fd = ["/dev/fd/", "/proc/self/fd/"]
        .iter()
        .any(|dir| text.strip_prefix(dir).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())));
    (fd || text == "/dev/stdin") && fs::metadata(p).is_ok_and(|m| is_fifo(&m.file_type()))
}

/// The directory a path lies in (empty: the current directory).
fn parent(p: &Path) -> PathBuf {
    p.parent().map_or_else(PathBuf::new, Path::to_path_buf)
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
                    Code::FileTooLarge,
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
            let d = match e.get_ref().and_then(|e| e.downcast_ref::<NotRegular>()) {
                Some(NotRegular(kind)) => {
                    Diagnostic::error(Code::NotARegularFile, format!("{} is {kind}, not a regular file", p.name))
                        .help("servchain reads only regular files")
                }
                None => io_error(&p.name, &e),
            };
            diags.push(d);
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
            let id = sources.add_yaml(name.to_owned(), text);
            if empty {
                diags.push(
                    Diagnostic::error(Code::EmptyFile, format!("{name} is empty"))
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
            let id = sources.add(name.to_owned(), text);
            let loc = Loc::new(id, bad_at, 1);
            let (message, help) = if utf16 {
                (format!("{name} is UTF-16 text"), "servchain reads UTF-8; save the file as UTF-8")
            } else {
                (format!("{name} is not UTF-8 text"), "save the file as UTF-8 (a binary file is no org file)")
            };
            diags.push(Diagnostic::error(Code::NotUtf8, message).at(loc, "invalid byte").help(help));
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
        Origin::Pipe(path) => {
            fs::File::open(path)?.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
        }
        Origin::File(path) => {
            let disk = Files::Disk;
            return p.root.as_ref().map_or(&disk, |r| &r.files).read(path, limit);
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
