//! Reads org files into a valid [`Org`], or into every located problem they
//! have. Files are found and read ([`inputs`], `walk`, `include`), never
//! outside the project root ([`root`]); each file's YAML events become a
//! small located tree per record (`yaml`, `file`), checked with one field
//! helper against the format registry (`fields`, `records`); then the files
//! are merged and checked as a whole (`merge`). Loading never stops at the
//! first problem.

pub mod exclude;
pub(crate) mod fields;
mod file;
pub mod files;
pub mod fs;
pub mod git;
mod include;
pub mod inputs;
mod merge;
mod parallel;
mod pending;
mod place;
mod records;
pub mod root;
mod scalar;
pub mod survey;
pub mod table;
mod units;
pub mod values;
mod walk;
mod yaml;

pub use crate::model::IMPLICIT_CUSTOMER;
pub use records::Located;
pub use scalar::describe as describe_value;
pub use yaml::{MAX_ALIASES, MAX_DEPTH, MAX_EXPANSION};

use crate::diagnostic::{self, Code, Diagnostic};
use crate::model::Org;
use crate::source::SourceMap;
use pending::{Origin, Pending};
use root::Root;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The default limit on one file's size: room for an org of about a million
/// departments, far below what would exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 512 << 20;

/// How to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this many bytes are refused.
    pub max_file_size: u64,
    /// The project root (`--root`); by default each top-level input's own:
    /// see [`Root::discover`].
    pub root: Option<PathBuf>,
    /// What a directory walk skips (servchain.toml's `exclude`, `--exclude`).
    pub exclude: exclude::Exclude,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_file_size: DEFAULT_MAX_FILE_SIZE, root: None, exclude: exclude::Exclude::default() }
    }
}

/// A valid org, the files it came from, and any warnings about them.
#[derive(Debug)]
pub struct Loaded {
    pub org: Org,
    pub sources: SourceMap,
    pub warnings: Vec<Diagnostic>,
    /// The real path of every file opened, in reading order: what a report
    /// must not overwrite.
    pub files: Vec<PathBuf>,
}

/// The org could not be loaded: every problem found, located in `sources`.
#[derive(Debug, thiserror::Error)]
#[error("the org could not be loaded ({} problems)", diagnostics.len())]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
    /// As [`Loaded::files`].
    pub files: Vec<PathBuf>,
}

/// Loads the org made of `paths` (files, directories, `-` for stdin).
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_with_stdin(paths, options, &mut std::io::stdin().lock())
}

/// Like [`load`], with `-` reading from `stdin`.
pub fn load_with_stdin(paths: &[PathBuf], options: &LoadOptions, stdin: &mut dyn Read) -> Result<Loaded, LoadError> {
    let mut diags = Vec::new();
    let explicit = match &options.root {
        Some(dir) => match Root::explicit(dir) {
            Ok(root) => Some(Rc::new(root)),
            Err(e) => {
                diags.push(
                    Diagnostic::error(Code::IoError, format!("cannot use --root {}: {e}", dir.display()))
                        .help("--root names the directory the org's files and includes must stay in"),
                );
                return Loader::new(options, stdin, diags).finish();
            }
        },
        None => None,
    };
    let pending = inputs::expand(paths, explicit.as_ref(), &options.exclude, &mut diags);
    let mut loader = Loader::new(options, stdin, diags);
    for p in pending {
        loader.file(p);
    }
    loader.finish()
}

/// Loads the org made of `paths` (paths from the repository's top: files
/// and directories) as they are in a git revision's tree: directories and
/// includes are resolved inside that tree, never in the working tree, and
/// files are named by their paths in the repository.
pub fn load_tree(paths: &[PathBuf], options: &LoadOptions, tree: Rc<git::Tree>) -> Result<Loaded, LoadError> {
    let root = Rc::new(Root::tree(tree));
    let mut diags = Vec::new();
    let pending = inputs::expand(paths, Some(&root), &options.exclude, &mut diags);
    let mut stdin = std::io::empty();
    let mut loader = Loader::new(options, &mut stdin, diags);
    for p in pending {
        loader.file(p);
    }
    loader.finish()
}

/// Loads an org from one file's bytes in memory, named `name` in
/// diagnostics; `include:` paths are relative to the current directory, as
/// for standard input.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let (options, mut stdin) = (LoadOptions::default(), std::io::empty());
    let mut loader = Loader::new(&options, &mut stdin, Vec::new());
    let root = Root::discover(Path::new(".")).ok().map(Rc::new);
    let p = Pending { name: name.to_owned(), origin: Origin::Stdin, dir: PathBuf::new(), root };
    if let Some(id) = inputs::decode(name, bytes.to_vec(), &mut loader.sources, &mut loader.diags) {
        loader.parse(id, &p);
    }
    loader.finish()
}

/// [`load_bytes`] for text.
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadError> {
    load_bytes(name, text.as_bytes())
}

struct Loader<'o> {
    options: &'o LoadOptions,
    stdin: &'o mut dyn Read,
    sources: SourceMap,
    fragments: Vec<file::Fragment>,
    /// Files already read, by real path, so each is read once; in reading
    /// order.
    files: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    expanded: include::Expanded,
    /// Every `surveys:` entry, in reading order, its file read.
    surveys: Vec<survey::Survey>,
    /// Problems with the survey files, kept apart: they do not make the
    /// org's answers uncheckable.
    survey_diags: Vec<Diagnostic>,
    diags: Vec<Diagnostic>,
}

impl<'o> Loader<'o> {
    fn new(options: &'o LoadOptions, stdin: &'o mut dyn Read, diags: Vec<Diagnostic>) -> Self {
        Loader {
            options,
            stdin,
            sources: SourceMap::default(),
            fragments: Vec::new(),
            files: Vec::new(),
            seen: HashSet::new(),
            expanded: include::Expanded::default(),
            surveys: Vec::new(),
            survey_diags: Vec::new(),
            diags,
        }
    }
}

impl Loader<'_> {
    fn file(&mut self, p: Pending) {
        if let Origin::File(real) = &p.origin {
            if !self.seen.insert(real.clone()) {
                return;
            }
            self.files.push(real.clone());
        }
        if let Some(id) = inputs::read(&p, self.options.max_file_size, self.stdin, &mut self.sources, &mut self.diags) {
            self.parse(id, &p);
        }
    }

    /// Parses and checks a file already in `sources`, then its includes.
    fn parse(&mut self, id: crate::source::FileId, from: &Pending) {
        let Some(text) = self.sources.get(id).map(|f| f.text.as_str()) else {
            return;
        };
        let mut frag = file::read(text, id, &mut self.diags);
        for spec in std::mem::take(&mut frag.surveys) {
            let limit = self.options.max_file_size;
            let opened = survey::open(spec, from, limit, &mut self.sources, &mut self.survey_diags);
            self.files.extend(opened.real.clone());
            self.surveys.push(opened);
        }
        let includes: Vec<_> = frag
            .include
            .iter()
            .flat_map(|inc| include::include(from, &inc.value, inc.loc, &mut self.expanded, &mut self.diags))
            .collect();
        self.fragments.push(frag);
        for p in includes {
            self.file(p);
        }
    }

    fn finish(mut self) -> Result<Loaded, LoadError> {
        let first = (!self.sources.is_empty()).then_some(crate::source::FileId(0));
        let texts: Vec<&str> = self.sources.texts().collect();
        let mut org = merge::merge(self.fragments, first, place::Texts(&texts), &mut self.diags);
        drop(texts);
        // Answers are checked against a whole, valid org: against a broken
        // one they would only repeat its errors as unknown departments.
        if !self.diags.iter().any(|d| d.is_error() && !survey::CODES.contains(&d.code)) {
            survey::apply(&mut org, self.surveys, &self.sources, &mut self.survey_diags);
        }
        self.diags.append(&mut self.survey_diags);
        let mut diags = self.diags;
        // "No departments" is news only when nothing else is wrong: a
        // misspelt `departments:` or an unreadable file says more.
        if diags.iter().any(|d| d.is_error() && d.code != Code::NoDepartments) {
            diags.retain(|d| d.code != Code::NoDepartments);
        }
        diagnostic::sort(&mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            Err(LoadError { diagnostics: diags, sources: self.sources, files: self.files })
        } else {
            Ok(Loaded { org, sources: self.sources, warnings: diags, files: self.files })
        }
    }
}

/// The loader's phases one at a time, for the benchmarks: parsing and
/// checking one file's text, then merging and checking the whole org.
#[doc(hidden)]
pub mod phases {
    use super::{Diagnostic, file, merge};
    use crate::model::Org;
    use crate::source::FileId;

    pub use super::parallel::{Pieces, pieces};

    /// One file parsed and checked on its own, with its text.
    #[derive(Debug)]
    pub struct Parsed<'t>(file::Fragment, &'t str);

    pub fn parse(text: &str) -> (Parsed<'_>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let frag = file::read(text, FileId(0), &mut diags);
        (Parsed(frag, text), diags)
    }

    pub fn merge(parsed: Parsed<'_>) -> (Org, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let org = merge::merge(vec![parsed.0], Some(FileId(0)), super::place::Texts(&[parsed.1]), &mut diags);
        (org, diags)
    }
}

/// Reads a policy file given with `--policy`: its `policy:` section, or the
/// whole file if it has none. The file is added to `sources`.
pub fn load_policy_file(
    path: &Path,
    options: &LoadOptions,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::model::Node> {
    let pending = Pending {
        name: path.display().to_string(),
        origin: Origin::File(path.to_path_buf()),
        dir: PathBuf::new(),
        root: None,
    };
    let id = inputs::read(&pending, options.max_file_size, &mut std::io::empty(), sources, diags)?;
    let text = sources.get(id).map(|f| f.text.as_str())?;
    let node = file::tree(text, id, diags)?;
    let policy = node.get("policy").cloned().unwrap_or(node);
    file::is_policy_map(&policy, "a policy must be a mapping with `rules:`", diags).then_some(policy)
}
