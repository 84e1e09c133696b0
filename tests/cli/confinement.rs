//! What an org may read: includes relative to the including file, never out
//! of the project root (absolute paths, `..`, symlinks), only regular files
//! (a FIFO never blocks the run), each include pattern expanded once.

use crate::{examples, servchain};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// Long enough for a debug build on a busy machine; a FIFO opened for
/// reading would block for ever.
const NO_HANG: Duration = Duration::from_secs(60);

const ORG: &str =
    "customers: [{id: shoppers}]\ndepartments:\n  - id: support\n    serves: [{to: shoppers, quality: 0.9}]\n";
const TEAM: &str = "departments:\n  - id: it\n    serves: [{to: support, quality: 0.8}]\n";
/// A file outside the root whose text must never be printed.
const SECRET: &str = "departments:\n  - id: leaked-secret-4711\n";

fn write(path: &Path, text: &str) -> PathBuf {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
    path.to_path_buf()
}

/// A project (`proj/`, marked by `.git`) in `tmp`, with `SECRET` beside it.
fn project(tmp: &Path, org_head: &str) -> PathBuf {
    let proj = tmp.join("proj");
    fs::create_dir_all(proj.join(".git")).unwrap();
    write(&proj.join("org.yaml"), &format!("{org_head}{ORG}"));
    write(&tmp.join("secret.yaml"), SECRET);
    proj
}

fn run(dir: &Path, args: &[&str]) -> Output {
    servchain().current_dir(dir).args(args).timeout(NO_HANG).output().unwrap()
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The run was refused with `code`, located at `at`, and printed nothing of `SECRET`.
fn refused(out: &Output, code: &str, at: &str) -> String {
    let (stdout, stderr) = text(out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("error[{code}]")), "expected {code}: {stderr}");
    assert!(stderr.contains(at), "expected at {at}: {stderr}");
    assert!(!(stdout + &stderr).contains("leaked-secret"), "{stderr}");
    stderr
}

fn real(p: &Path) -> String {
    fs::canonicalize(p).unwrap().display().to_string()
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_bare_file_name_includes_relative_to_its_own_directory() {
    servchain()
        .current_dir(examples().join("acme-software"))
        .args(["analyze", "org.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("20 departments, 2 customers"));
}

#[test]
fn standard_input_includes_relative_to_the_current_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "");
    write(&proj.join("teams/it.yaml"), TEAM);
    servchain()
        .current_dir(&proj)
        .args(["analyze", "-"])
        .write_stdin(format!("include: [teams/it.yaml]\n{ORG}"))
        .assert()
        .success()
        .stdout(predicate::str::contains("2 departments"));
}

#[test]
fn an_absolute_include_is_refused_naming_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    let secret = real(&write(&tmp.path().join("secret.yaml"), SECRET));
    let proj = project(tmp.path(), &format!("include: [\"{secret}\"]\n"));
    let err = refused(&run(&proj, &["analyze", "org.yaml"]), "include-outside-root", "--> org.yaml:1:11");
    assert!(err.contains(&format!("project root {}", real(&proj))), "{err}");

    // Nor may a glob walk the file system from `/`.
    write(&proj.join("org.yaml"), &format!("include: [\"/**/secret.yaml\"]\n{ORG}"));
    refused(&run(&proj, &["analyze", "org.yaml"]), "include-outside-root", "--> org.yaml:1:11");
}

#[test]
fn dot_dot_may_not_climb_out_of_the_root_but_may_move_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "include: [\"teams/../../secret.yaml\"]\n");
    let err = refused(&run(&proj, &["analyze", "org.yaml"]), "include-outside-root", "--> org.yaml:1:11");
    assert!(err.contains(&real(&proj)), "{err}");

    write(&proj.join("org.yaml"), &format!("include: [teams/it.yaml]\n{ORG}"));
    write(&proj.join("teams/it.yaml"), &format!("include: [\"../common/*.yaml\"]\n{TEAM}"));
    write(&proj.join("common/legal.yaml"), "departments: [{id: legal, serves: [{to: it}]}]\n");
    let out = run(&proj, &["analyze", "org.yaml"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).0.contains("3 departments"));
}

#[test]
#[cfg(unix)]
fn a_symlink_out_of_the_root_is_refused_wherever_it_is_met() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "include: [\"teams/*.yaml\"]\n");
    write(&proj.join("teams/it.yaml"), TEAM);
    std::os::unix::fs::symlink(tmp.path().join("secret.yaml"), proj.join("teams/x.yaml")).unwrap();
    let err = refused(&run(&proj, &["analyze", "org.yaml"]), "include-outside-root", "--> org.yaml:1:11");
    assert!(err.contains("teams/x.yaml"), "{err}");

    // In a directory walk: skipped with a warning, the rest loads.
    let out = run(&proj, &["analyze", "teams", "org.yaml"]);
    let (stdout, stderr) = text(&out);
    assert!(stderr.contains("warning[include-outside-root]: skipped teams/x.yaml"), "{stderr}");
    assert!(!(stdout + &stderr).contains("leaked-secret"));

    // Named on the command line through a link: refused too.
    refused(&run(&proj, &["analyze", "teams/x.yaml"]), "include-outside-root", "teams/x.yaml lies outside");
}

#[test]
#[cfg(target_os = "linux")]
fn the_process_environment_never_reaches_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "");
    std::os::unix::fs::symlink("/proc/self/environ", proj.join("env.yaml")).unwrap();
    let heads = [
        "include: [/proc/self/environ]\n",
        "include: [\"../../../../../../../../../../proc/self/environ\"]\n",
        "include: [env.yaml]\n",
        "include: [\"*.yaml\"]\n",
    ];
    for head in heads {
        write(&proj.join("org.yaml"), &format!("{head}{ORG}"));
        for args in [&["analyze", "org.yaml"][..], &["check", "org.yaml", "--format", "github"], &["analyze", "."]] {
            let out = servchain()
                .current_dir(&proj)
                .args(args)
                .env("SERVCHAIN_TEST_SECRET", "hunter2-do-not-print")
                .timeout(NO_HANG)
                .output()
                .unwrap();
            let (stdout, stderr) = text(&out);
            let all = stdout + &stderr;
            assert!(!all.contains("hunter2"), "{head} {args:?}: {all}");
            assert!(all.contains("include-outside-root"), "{head} {args:?}: {all}");
        }
    }
}

#[test]
fn the_root_is_the_marked_directory_above_or_the_root_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "include: [../shared/it.yaml]\n");
    write(&tmp.path().join("shared/it.yaml"), TEAM);
    refused(&run(&proj, &["analyze", "org.yaml"]), "include-outside-root", "--> org.yaml:1:11");

    // --root widens it, on every command that reads an org.
    let root = tmp.path().display().to_string();
    for args in [
        &["analyze", "org.yaml", "--root", &root][..],
        &["check", "org.yaml", "--root", &root],
        &["trace", "org.yaml", "it", "--root", &root],
        &["graph", "org.yaml", "--root", &root],
        &["whatif", "org.yaml", "--remove", "it", "--root", &root],
        &["diff", "org.yaml", "org.yaml", "--root", &root],
    ] {
        let out = run(&proj, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out).1);
    }

    // A servchain.toml (or .git) above marks the root.
    fs::remove_dir(proj.join(".git")).unwrap();
    write(&tmp.path().join("servchain.toml"), "");
    let out = run(&proj, &["analyze", "org.yaml"]);
    assert!(out.status.success(), "{}", text(&out).1);
}

#[test]
fn a_fifo_on_the_command_line_is_refused_without_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    mkfifo(&tmp.path().join("zz.yaml"));
    refused(&run(tmp.path(), &["analyze", "zz.yaml"]), "not-a-regular-file", "zz.yaml is a FIFO");
    // A device too: /dev/null is no org file.
    refused(&run(tmp.path(), &["analyze", "/dev/null"]), "not-a-regular-file", "/dev/null is a character device");
}

#[test]
fn a_fifo_in_a_directory_is_skipped_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    write(&dir.join("org.yaml"), ORG);
    mkfifo(&dir.join("zz.yaml"));
    let out = run(tmp.path(), &["analyze", "org"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning[not-a-regular-file]: skipped org/zz.yaml: a FIFO"), "{stderr}");
    assert!(stdout.contains("1 department"), "{stdout}");
}

#[test]
fn a_fifo_matched_by_an_include_is_a_located_error() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "include: [zz.yaml]\n");
    mkfifo(&proj.join("zz.yaml"));
    refused(&run(&proj, &["analyze", "org.yaml"]), "not-a-regular-file", "--> org.yaml:1:11");
    write(&proj.join("org.yaml"), &format!("include: [\"*.yaml\"]\n{ORG}"));
    refused(&run(&proj, &["analyze", "org.yaml"]), "not-a-regular-file", "--> org.yaml:1:11");
}

#[test]
fn identical_include_patterns_are_expanded_once() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "include: [\"none/*.yaml\", \"none/*.yaml\", \"./none/*.yaml\", teams/it.yaml]\n");
    // The same pattern from another directory, resolved, is the same too.
    write(&proj.join("teams/it.yaml"), &format!("include: [\"../none/*.yaml\"]\n{TEAM}"));
    let out = run(&proj, &["analyze", "org.yaml"]);
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("warning[include-matches-nothing]").count(), 1, "{stderr}");
}

#[test]
fn a_pipe_from_the_shell_is_still_read_like_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = project(tmp.path(), "");
    let bin = assert_cmd::cargo::cargo_bin("servchain");
    let out = std::process::Command::new("bash")
        .args(["-c", "\"$0\" diff <(cat org.yaml) org.yaml --format json"])
        .arg(bin)
        .current_dir(&proj)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
}
