//! What a directory walk skips besides hidden files: the `exclude` globs of
//! `servchain.toml` and `--exclude`, matched against paths relative to the
//! project root (a pattern without `/` also matches a name at any depth,
//! as in `.gitignore`), and the config's own policy and baseline files.

use glob::{MatchOptions, Pattern};
use std::path::{Path, PathBuf};

/// The files a directory walk must not load.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    patterns: Vec<Pattern>,
    /// Real paths never loaded (the config's policy and baseline).
    files: Vec<PathBuf>,
}

impl Exclude {
    /// Excludes from globs; a glob that does not parse is returned as the error.
    pub fn new(globs: &[String], files: &[PathBuf]) -> Result<Exclude, (String, glob::PatternError)> {
        let patterns = globs
            .iter()
            .map(|g| Pattern::new(g.trim_end_matches('/')).map_err(|e| (g.clone(), e)))
            .collect::<Result<_, _>>()?;
        Ok(Exclude { patterns, files: files.iter().filter_map(|f| std::fs::canonicalize(f).ok()).collect() })
    }

    /// Whether the file at `real` (a real path) is excluded, with `root` the
    /// project root's real path.
    pub fn excludes(&self, real: &Path, root: &Path) -> bool {
        if self.files.iter().any(|f| f == real) {
            return true;
        }
        let Ok(rel) = real.strip_prefix(root) else { return false };
        let options = MatchOptions { require_literal_separator: true, ..MatchOptions::new() };
        self.patterns.iter().any(|p| {
            // `docs` excludes everything under it; `mkdocs.yml` a name anywhere.
            rel.ancestors().filter(|a| !a.as_os_str().is_empty()).any(|a| p.matches_path_with(a, options))
                || (!p.as_str().contains('/')
                    && rel.components().any(|c| p.matches_with(&c.as_os_str().to_string_lossy(), options)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_relative_to_the_root_and_bare_names_anywhere() {
        let x = Exclude::new(&["mkdocs.yml".into(), "docs/".into(), "org/*/draft-*.yaml".into()], &[]).unwrap();
        let root = Path::new("/r");
        assert!(x.excludes(Path::new("/r/mkdocs.yml"), root));
        assert!(x.excludes(Path::new("/r/site/mkdocs.yml"), root));
        assert!(x.excludes(Path::new("/r/docs/a/b.yaml"), root));
        assert!(x.excludes(Path::new("/r/org/teams/draft-x.yaml"), root));
        assert!(!x.excludes(Path::new("/r/org/teams/ops.yaml"), root));
        assert!(!x.excludes(Path::new("/r/org/draft-x.yaml"), root), "* stays in one directory");
    }
}
