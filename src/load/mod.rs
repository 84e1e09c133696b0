//! Reads org files into a valid [`Org`], or into every located problem they
//! have. Files are found and read ([`inputs`]), parsed into raw located values
//! (`raw`, `parse`), checked one by one (`fragment`), then merged and checked
//! as a whole (`merge`). Loading never stops at the first problem.

mod fragment;
pub mod inputs;
mod merge;
mod parse;
pub(crate) mod raw;
mod split;
mod suggest;
pub mod values;

pub use merge::IMPLICIT_CUSTOMER;
pub use suggest::{Budget as SuggestionBudget, did_you_mean, did_you_mean_id};

use crate::diagnostic::{self, Diagnostic};
use crate::model::Org;
use crate::source::SourceMap;
use inputs::{Origin, Pending};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default limit on one file's size: room for an org of about a million
/// departments, far below what would exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 512 << 20;

/// How to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this many bytes are refused.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

/// A valid org, the files it came from, and any warnings about them.
#[derive(Debug)]
pub struct Loaded {
    pub org: Org,
    pub sources: SourceMap,
    pub warnings: Vec<Diagnostic>,
}

/// The org could not be loaded: every problem found, located in `sources`.
#[derive(Debug, thiserror::Error)]
#[error("the org could not be loaded ({} problems)", diagnostics.len())]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
}

/// Loads the org made of `paths` (files, directories, `-` for stdin).
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_with_stdin(paths, options, &mut std::io::stdin().lock())
}

/// Like [`load`], with `-` reading from `stdin`.
pub fn load_with_stdin(paths: &[PathBuf], options: &LoadOptions, stdin: &mut dyn Read) -> Result<Loaded, LoadError> {
    let mut diags = Vec::new();
    let pending = inputs::expand(paths, &mut diags);
    let mut loader = Loader::new(options, stdin, diags);
    for p in pending {
        loader.file(p);
    }
    loader.finish()
}

/// Loads an org from one file's bytes in memory, named `name` in
/// diagnostics; `include:` paths are relative to the current directory.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let (options, mut stdin) = (LoadOptions::default(), std::io::empty());
    let mut loader = Loader::new(&options, &mut stdin, Vec::new());
    if let Some(id) = inputs::decode(name, bytes.to_vec(), &mut loader.sources, &mut loader.diags) {
        loader.parse(id, Path::new("."));
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
    fragments: Vec<fragment::Fragment>,
    /// Files already read, by canonical path, so each is read once.
    seen: HashSet<PathBuf>,
    diags: Vec<Diagnostic>,
}

impl<'o> Loader<'o> {
    fn new(options: &'o LoadOptions, stdin: &'o mut dyn Read, diags: Vec<Diagnostic>) -> Self {
        Loader { options, stdin, sources: SourceMap::default(), fragments: Vec::new(), seen: HashSet::new(), diags }
    }
}

impl Loader<'_> {
    fn file(&mut self, p: Pending) {
        let base = match &p.origin {
            Origin::Stdin => PathBuf::from("."),
            Origin::File(path) => {
                if let Ok(real) = std::fs::canonicalize(path)
                    && !self.seen.insert(real)
                {
                    return;
                }
                path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
            }
        };
        if let Some(id) = inputs::read(&p, self.options.max_file_size, self.stdin, &mut self.sources, &mut self.diags) {
            self.parse(id, &base);
        }
    }

    /// Parses and checks a file already in `sources`, then its includes.
    fn parse(&mut self, id: crate::source::FileId, base: &Path) {
        let Some(text) = self.sources.get(id).map(|f| f.text.as_str()) else {
            return;
        };
        let frag = fragment::fragment(text, id, &mut self.diags);
        let includes: Vec<_> =
            frag.include.iter().flat_map(|inc| inputs::include(base, &inc.value, inc.loc, &mut self.diags)).collect();
        self.fragments.push(frag);
        for p in includes {
            self.file(p);
        }
    }

    fn finish(mut self) -> Result<Loaded, LoadError> {
        let first = (!self.sources.is_empty()).then_some(crate::source::FileId(0));
        let org = merge::merge(self.fragments, first, &mut self.diags);
        let mut diags = self.diags;
        // "No departments" is news only when nothing else is wrong: a
        // misspelt `departments:` or an unreadable file says more.
        if diags.iter().any(|d| d.is_error() && d.code != "no-departments") {
            diags.retain(|d| d.code != "no-departments");
        }
        diagnostic::sort(&mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            Err(LoadError { diagnostics: diags, sources: self.sources })
        } else {
            Ok(Loaded { org, sources: self.sources, warnings: diags })
        }
    }
}

/// The loader's phases one at a time, for the benchmarks: parsing and
/// checking one file's text, then merging and checking the whole org.
#[doc(hidden)]
pub mod phases {
    use super::{Diagnostic, fragment, merge};
    use crate::model::Org;
    use crate::source::FileId;

    /// One file parsed and checked on its own.
    #[derive(Debug)]
    pub struct Parsed(fragment::Fragment);

    pub fn parse(text: &str) -> (Parsed, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let frag = fragment::fragment(text, FileId(0), &mut diags);
        (Parsed(frag), diags)
    }

    pub fn merge(parsed: Parsed) -> (Org, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let org = merge::merge(vec![parsed.0], Some(FileId(0)), &mut diags);
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
    let pending = Pending { name: path.display().to_string(), origin: Origin::File(path.to_path_buf()) };
    let id = inputs::read(&pending, options.max_file_size, &mut std::io::empty(), sources, diags)?;
    let text = sources.get(id).map(|f| f.text.as_str())?;
    let node = fragment::tree_file(text, id, diags)?;
    let policy = node.get("policy").cloned().unwrap_or(node);
    fragment::is_policy_map(&policy, "a policy must be a mapping with `rules:`", diags).then_some(policy)
}
