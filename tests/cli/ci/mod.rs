//! What CI platforms take as they are: SARIF for GitHub code scanning,
//! JUnit for Jenkins and GitLab, GitLab Code Quality, `servchain.toml` and
//! excludes, baselines, and the job summary's size, each run in a temporary
//! repository the way a pipeline runs it.

mod baseline;
mod config;
mod gitlab;
mod junit;
mod sarif;
mod summary;

use crate::servchain;
use std::path::{Path, PathBuf};

/// A temporary repository (it has `.git`) holding `org/teams/ops.yaml`
/// with findings and `org/customers.yaml`.
pub struct Repo {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

pub const OPS: &str = "departments:\n  - id: ops\n    serves: [{to: shop, what: stock, quality: 0.5}]\n  - id: legal\n  - id: hr\n    serves: [{to: ops, quality: 0.9}]\n";

impl Repo {
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        let repo = Repo { _dir: dir, root };
        repo.write("org/customers.yaml", "customers: [{id: shop, name: Shop}]\n");
        repo.write("org/teams/ops.yaml", OPS);
        repo
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Runs servchain in `dir` (relative to the root): (exit code, stdout, stderr).
    pub fn run(&self, dir: &str, args: &[&str]) -> (i32, String, String) {
        let out = servchain().current_dir(self.root.join(dir)).args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
}

/// A program CI installs (in `target/ci-tools`, or named by `env`), if present.
pub fn tool(env: &str, under_ci_tools: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools").join(under_ci_tools);
    p.exists().then_some(p)
}
