//! `servchain diff --base REV [--head REV]` in a temporary git repository: a
//! multi-file org with includes, read from each revision's tree and never
//! from the working tree, named by repository paths.

use crate::servchain;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").current_dir(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const MAIN: &str = "organization: Acme\ninclude: [teams/*.yaml]\ncustomers: [{id: c, name: Clients}]\n";
const SALES: &str = "departments:\n  - id: sales\n    name: Sales\n    serves: [{to: c, what: orders, quality: 0.9}]\n";
const OPS: &str =
    "departments:\n  - id: ops\n    name: Operations\n    serves: [{to: sales, what: quotes, quality: 0.95}]\n";

/// A repository whose first commit holds the org in three files.
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    git(d, &["init", "-q", "-b", "main"]);
    git(d, &["config", "user.name", "servchain tests"]);
    git(d, &["config", "user.email", "tests@servchain.invalid"]);
    write(d, "org/org.yaml", MAIN);
    write(d, "org/teams/sales.yaml", SALES);
    write(d, "org/teams/ops.yaml", OPS);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    tmp
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = servchain().current_dir(dir).arg("diff").args(args).args(["--format", "json"]).output().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), v, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_working_tree_against_a_revision_with_includes() {
    let tmp = repo();
    let d = tmp.path();
    write(d, "org/teams/sales.yaml", &SALES.replace("0.9", "0.6"));
    let (code, v, err) = json(d, &["--base", "main", "org", "--fail-on-regression"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(v["title"], "main -> the working tree");
    let q = v["regressions"].as_array().unwrap().iter().find(|i| i["kind"] == "quality-down").unwrap();
    assert_eq!(q["ids"], serde_json::json!(["sales", "c", "orders"]));
    assert_eq!(q["file"], "org/teams/sales.yaml", "a repository path, no temporary one");
    assert_eq!(q["line"], 4);
    // PATH defaults to `.`: the whole repository.
    let (code, _, err) = json(d, &["--base", "main", "--fail-on-regression"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn without_paths_the_revisions_are_read_at_servchain_toml_paths() {
    let tmp = repo();
    let d = tmp.path();
    // A draft outside `paths` that would clash with the org if read.
    write(d, "servchain.toml", "paths = [\"org\"]\n");
    write(d, "drafts/sales-copy.yaml", SALES);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "config"]);
    write(d, "org/teams/sales.yaml", &SALES.replace("0.9", "0.6"));
    let (code, v, err) = json(d, &["--base", "main", "--fail-on-regression"]);
    assert_eq!(code, 1, "only org/ is read: {err}");
    let q = v["regressions"].as_array().unwrap().iter().find(|i| i["kind"] == "quality-down").unwrap();
    assert_eq!(q["file"], "org/teams/sales.yaml");
    // From a subdirectory too: the paths are servchain.toml's, not the
    // current directory's.
    let (code, v, err) = json(&d.join("drafts"), &["--base", "main", "--fail-on-regression"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(v["title"], "main -> the working tree");
}

#[test]
fn two_revisions_read_from_their_trees_not_the_working_tree() {
    let tmp = repo();
    let d = tmp.path();
    write(d, "org/teams/ops.yaml", &OPS.replace("0.95", "0.5"));
    git(d, &["commit", "-q", "-am", "worse"]);
    // The working tree is something else again: an include the revisions
    // do not have, and a team file gone.
    write(d, "org/teams/extra.yaml", "departments:\n  - id: extra\n");
    std::fs::remove_file(d.join("org/teams/sales.yaml")).unwrap();
    // From a subdirectory, `.` is that directory of each revision.
    let (code, v, err) = json(&d.join("org"), &["--base", "HEAD~1", "--head", "HEAD", "."]);
    assert_eq!(code, 0, "{err}");
    let kinds: Vec<&str> = v["regressions"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"quality-down"), "{v:#}");
    assert!(v["departments"]["added"].as_array().unwrap().is_empty(), "nothing from the working tree: {v:#}");
    let q = v["regressions"].as_array().unwrap().iter().find(|i| i["kind"] == "quality-down").unwrap();
    assert_eq!(q["file"], "org/teams/ops.yaml");
}

#[test]
fn a_base_revision_that_does_not_load_never_blocks_the_fix() {
    let tmp = repo();
    let d = tmp.path();
    write(d, "org/teams/sales.yaml", "departments:\n  - id: sales\n    serves: [{to: nowhere}]\n");
    git(d, &["commit", "-q", "-am", "broken"]);
    write(d, "org/teams/sales.yaml", SALES);
    let out =
        servchain().current_dir(d).args(["diff", "--base", "HEAD", "org", "--fail-on-regression"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("The old version (HEAD) does not load (1 error): compared with an empty org"), "{text}");
}

#[test]
fn bad_revisions_and_a_missing_git_are_clear_usage_errors() {
    let tmp = repo();
    let d = tmp.path();
    let out = servchain().current_dir(d).args(["diff", "--base", "no-such-branch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"no-such-branch\" is not a revision of this repository"), "{err}");
    let out = servchain().current_dir(d).args(["diff", "--base", "--upload-pack=x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = servchain().current_dir(d).env("PATH", "").args(["diff", "--base", "main"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot run git"));
    let outside = tempfile::tempdir().unwrap();
    let out = servchain().current_dir(outside.path()).args(["diff", "--base", "main"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in a git repository"));
}
