//! A git revision's tree, read with the `git` program: `git ls-tree` lists
//! every path once, `git cat-file --batch` (one process for the whole load)
//! hands over the blobs the loader asks for. The `git` program rather than
//! the gix crate: it is on every CI runner, it understands every repository
//! layout git does (worktrees, alternates, partial clones), and the org's
//! files are read in milliseconds either way (see the README).

use super::fs::{Entry, Kind};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// Why a revision could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git: {0}")]
    NoGit(io::Error),
    #[error("the current directory is not in a git repository ({0})")]
    NotARepository(String),
    #[error("{rev:?} is not a revision of this repository{}", if *.shallow { " (this clone is shallow: the commit may not have been fetched)" } else { "" })]
    BadRevision { rev: String, shallow: bool },
    #[error("git {0} failed: {1}")]
    Failed(&'static str, String),
}

impl GitError {
    /// How to get past it.
    pub fn help(&self) -> &'static str {
        match self {
            GitError::NoGit(_) => "install git, or compare two checked-out copies: servchain diff OLD NEW",
            GitError::NotARepository(_) => "run servchain diff --base from inside the repository",
            GitError::BadRevision { shallow: true, .. } => {
                "fetch the history, e.g. actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`; \
                 GitLab: GIT_DEPTH: 0"
            }
            GitError::BadRevision { .. } => "name a commit, branch or tag, e.g. --base origin/main",
            GitError::Failed(..) => "check that the repository is readable with `git status`",
        }
    }
}

/// The repository that holds the current directory.
#[derive(Debug, Clone)]
pub struct Repository {
    /// Its top directory (real path).
    pub top: PathBuf,
    /// The current directory, from the top (empty at the top).
    pub prefix: PathBuf,
}

fn git(args: &[&str]) -> Result<std::process::Output, GitError> {
    Command::new("git").args(args).stdin(Stdio::null()).output().map_err(GitError::NoGit)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_owned()
}

impl Repository {
    pub fn discover() -> Result<Repository, GitError> {
        let out = git(&["rev-parse", "--show-toplevel", "--show-prefix"])?;
        if !out.status.success() {
            return Err(GitError::NotARepository(text(&out.stderr)));
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut lines = stdout.lines();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let top = std::fs::canonicalize(&top).unwrap_or(top);
        Ok(Repository { top, prefix: PathBuf::from(lines.next().unwrap_or_default()) })
    }

    /// The tree of `rev`.
    pub fn tree(&self, rev: &str) -> Result<Tree, GitError> {
        let bad = || {
            let shallow = git(&["rev-parse", "--is-shallow-repository"]).is_ok_and(|o| text(&o.stdout) == "true");
            GitError::BadRevision { rev: rev.to_owned(), shallow }
        };
        if rev.is_empty() || rev.starts_with('-') {
            return Err(bad());
        }
        let out = git(&["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{rev}^{{commit}}")])?;
        if !out.status.success() {
            return Err(bad());
        }
        let commit = text(&out.stdout);
        let out = git(&["ls-tree", "-r", "-l", "-z", "--full-tree", &commit])?;
        if !out.status.success() {
            // A commit whose trees are missing: a shallow or partial clone.
            return Err(bad());
        }
        let mut tree = Tree { top: self.top.clone(), nodes: HashMap::new(), reader: RefCell::new(None) };
        tree.nodes.insert(PathBuf::new(), Node::Dir(BTreeMap::new()));
        for record in out.stdout.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            let Some(tab) = record.iter().position(|&b| b == b'\t') else { continue };
            let (meta, path) = (String::from_utf8_lossy(&record[..tab]), &record[tab + 1..]);
            let fields: Vec<&str> = meta.split_whitespace().collect();
            let [mode, _, oid, size] = fields.as_slice() else { continue };
            let node = match *mode {
                "100644" | "100755" => Node::File { oid: (*oid).to_owned(), size: size.parse().unwrap_or(0) },
                "120000" => Node::Other("a symbolic link (not followed in a git revision)"),
                "160000" => Node::Other("a submodule"),
                _ => Node::Other("a special entry"),
            };
            tree.add(&path_of(path), node);
        }
        Ok(tree)
    }
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

#[derive(Debug)]
enum Node {
    File {
        oid: String,
        size: u64,
    },
    /// Entries by name, each a file (false) or a directory (true).
    Dir(BTreeMap<OsString, bool>),
    Other(&'static str),
}

/// One revision's files, by path from the repository's top; read as if
/// they lay under the top directory.
#[derive(Debug)]
pub struct Tree {
    top: PathBuf,
    nodes: HashMap<PathBuf, Node>,
    reader: RefCell<Option<CatFile>>,
}

#[derive(Debug)]
struct CatFile {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Drop for CatFile {
    fn drop(&mut self) {
        // Closing its input ends `git cat-file`; reap it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn not_found() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "not in this revision")
}

impl Tree {
    /// The top directory the revision's paths are shown under.
    pub fn top(&self) -> &Path {
        &self.top
    }

    fn add(&mut self, path: &Path, node: Node) {
        let mut dir = PathBuf::new();
        let parts: Vec<_> = path.components().collect();
        for (i, c) in parts.iter().enumerate() {
            let name = c.as_os_str().to_owned();
            let last = i + 1 == parts.len();
            if let Some(Node::Dir(entries)) = self.nodes.get_mut(&dir) {
                entries.insert(name.clone(), !last);
            }
            dir.push(&name);
            if !last {
                self.nodes.entry(dir.clone()).or_insert_with(|| Node::Dir(BTreeMap::new()));
            }
        }
        self.nodes.insert(path.to_path_buf(), node);
    }

    /// The path from the top, for a path under it.
    fn relative<'p>(&self, real: &'p Path) -> io::Result<&'p Path> {
        real.strip_prefix(&self.top).map_err(|_| not_found())
    }

    pub fn kind(&self, path: &Path) -> io::Result<Kind> {
        let real = self.canonicalize(path)?;
        match self.nodes.get(self.relative(&real)?) {
            Some(Node::File { .. }) => Ok(Kind::File),
            Some(Node::Dir(_)) => Ok(Kind::Dir),
            Some(Node::Other(what)) => Ok(Kind::Other(what)),
            None => Err(not_found()),
        }
    }

    /// A path (relative paths from the top) with `.` and `..` worked out;
    /// it must name something in the revision.
    pub fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let rel = if path.is_absolute() { self.relative(path)? } else { path };
        let mut out = PathBuf::new();
        for c in rel.components() {
            match c {
                Component::Normal(n) => out.push(n),
                Component::ParentDir if !out.pop() => return Err(not_found()),
                _ => {}
            }
        }
        if self.nodes.contains_key(&out) { Ok(self.top.join(out)) } else { Err(not_found()) }
    }

    pub fn list(&self, dir: &Path) -> io::Result<Vec<Entry>> {
        let Some(Node::Dir(entries)) = self.nodes.get(self.relative(dir)?) else {
            return Err(io::Error::new(io::ErrorKind::NotADirectory, "not a directory"));
        };
        Ok(entries
            .keys()
            .map(|name| {
                let real = dir.join(name);
                let kind = self.kind(&real).map(|k| (real, k));
                (name.clone(), kind)
            })
            .collect())
    }

    pub fn read(&self, real: &Path, limit: u64) -> io::Result<Result<Vec<u8>, Option<u64>>> {
        let Some(Node::File { oid, size }) = self.nodes.get(self.relative(real)?) else {
            return Err(not_found());
        };
        if *size > limit {
            return Ok(Err(Some(*size)));
        }
        let mut reader = self.reader.borrow_mut();
        if reader.is_none() {
            let mut child = Command::new("git")
                .args(["cat-file", "--batch"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()?;
            let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
                return Err(io::Error::other("git cat-file has no pipes"));
            };
            *reader = Some(CatFile { child, input, output: BufReader::new(output) });
        }
        let Some(cat) = reader.as_mut() else { return Err(io::Error::other("git cat-file is not running")) };
        writeln!(cat.input, "{oid}")?;
        cat.input.flush()?;
        let mut header = String::new();
        cat.output.read_line(&mut header)?;
        let len: u64 = match header.split_whitespace().collect::<Vec<_>>().as_slice() {
            [_, "blob", len] => len.parse().map_err(io::Error::other)?,
            _ => return Err(io::Error::other(format!("git cat-file: {}", header.trim()))),
        };
        let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        (&mut cat.output).take(len).read_to_end(&mut buf)?;
        let mut newline = [0u8; 1];
        cat.output.read_exact(&mut newline)?;
        Ok(Ok(buf))
    }
}
