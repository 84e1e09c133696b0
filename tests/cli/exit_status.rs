//! The exit status survives the output: a reader that stops early (a broken
//! pipe) changes no command's status and prints nothing, while a closed or
//! full standard output is an error (exit 2, one line on stderr), for the
//! reports and for `--help` and `--version` alike.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// An org whose check fails (exit 1): ten departments that serve no one.
const FAILING: &str = "customers: [{id: c}]\ndepartments:\n  - {id: a, serves: [{to: c}]}\n  - {id: b, serves: [{to: c}]}\n  - {id: cut1}\n  - {id: cut2}\n  - {id: cut3}\n";
/// An org that does not load (exit 2).
const BROKEN: &str = "departments:\n  - id: a\n    serves: [{to: nobody}]\n";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("servchain")
}

fn org(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

/// Runs servchain with its stdout (and, with `stderr_too`, its stderr) a
/// pipe whose reader is already gone, so that every write is `EPIPE`.
fn into_closed_pipe(args: &[&str], stderr_too: bool) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = Command::new(bin());
    cmd.args(args).env("NO_COLOR", "1").stdin(Stdio::null()).stdout(writer.try_clone().unwrap());
    if stderr_too {
        cmd.stderr(writer);
    } else {
        drop(writer);
    }
    cmd.output().unwrap()
}

/// Runs `servchain ARGS REDIRECT` in bash, e.g. with `>&-` or `> /dev/full`.
fn redirected(args: &[&str], redirect: &str) -> Output {
    let script = format!("exec \"$0\" \"$@\" {redirect}");
    Command::new("bash").arg("-c").arg(script).arg(bin()).args(args).env("NO_COLOR", "1").output().unwrap()
}

#[test]
fn a_broken_pipe_keeps_the_status_every_command_would_have_had() {
    let tmp = tempfile::tempdir().unwrap();
    let failing = org(tmp.path(), "failing.yaml", FAILING);
    let broken = org(tmp.path(), "broken.yaml", BROKEN);
    let better = org(tmp.path(), "better.yaml", &FAILING.replace("{id: cut3}", "{id: cut3, serves: [{to: c}]}"));
    let cases: &[(&[&str], i32)] = &[
        (&["check", &failing], 1),
        (&["check", &failing, "--fail-on", "never"], 0),
        (&["diff", &better, &failing, "--fail-on-regression"], 1),
        (&["diff", &better, &failing], 0),
        (&["analyze", &failing], 0),
        (&["analyze", &failing, "--format", "json"], 0),
        (&["trace", &failing, "a"], 0),
        (&["graph", &failing], 0),
        (&["whatif", &failing, "--remove", "a"], 0),
        (&["schema"], 0),
        (&["completions", "bash"], 0),
        (&["--help"], 0),
        (&["--version"], 0),
    ];
    for format in ["text", "json", "sarif", "github", "junit", "markdown"] {
        let out = into_closed_pipe(&["check", &failing, "--format", format], false);
        assert_eq!(out.status.code(), Some(1), "check --format {format}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "quietly: {}", String::from_utf8_lossy(&out.stderr));
    }
    for (args, status) in cases {
        let out = into_closed_pipe(args, false);
        assert_eq!(out.status.code(), Some(*status), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?} quietly: {}", String::from_utf8_lossy(&out.stderr));
    }
    // An org that does not load: its findings in JSON go to the broken pipe.
    let out = into_closed_pipe(&["check", &broken, "--format", "json"], false);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_broken_pipe_on_stderr_too_keeps_the_status() {
    let tmp = tempfile::tempdir().unwrap();
    let failing = org(tmp.path(), "failing.yaml", FAILING);
    let broken = org(tmp.path(), "broken.yaml", BROKEN);
    assert_eq!(into_closed_pipe(&["check", &failing], true).status.code(), Some(1));
    let baseline = tmp.path().join("baseline.json");
    let sarif = ["check", &failing, "--format", "sarif", "--baseline", baseline.to_str().unwrap()];
    std::fs::write(&baseline, "{\"servchain_baseline\": 1, \"findings\": []}").unwrap();
    assert_eq!(into_closed_pipe(&sarif, true).status.code(), Some(1), "the baseline counts go to stderr");
    assert_eq!(into_closed_pipe(&["check", &broken], true).status.code(), Some(2));
    assert_eq!(into_closed_pipe(&["analyze", &broken], true).status.code(), Some(2));
    assert_eq!(into_closed_pipe(&["trace", &failing, "nobody"], true).status.code(), Some(2));
    assert_eq!(into_closed_pipe(&["analyze", "--no-such-flag"], true).status.code(), Some(2));
}

#[test]
fn a_reader_that_stops_mid_report_keeps_the_failing_status() {
    // A report far larger than a pipe's buffer, so that the pipe breaks
    // while servchain is writing, not before.
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("customers: [{id: c}]\ndepartments:\n  - {id: a, serves: [{to: c}]}\n");
    for i in 0..3000 {
        text += &format!("  - {{id: cut-off-department-{i}, name: A department nobody is served by {i}}}\n");
    }
    let path = org(tmp.path(), "many.yaml", &text);
    for (args, status) in [("check", 1), ("check --format junit", 1), ("analyze --all", 0)] {
        let script = format!("set -o pipefail; \"$0\" {args} \"$1\" | head -c1 > /dev/null");
        let out = Command::new("bash").arg("-c").arg(script).arg(bin()).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(status), "{args}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Exit 2 and one line on stderr that says what went wrong with stdout.
fn fails_on_stdout(out: &Output, why: &str, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: one line: {err}");
    assert!(err.contains("standard output") && err.contains(why), "{what}: {err}");
}

#[test]
fn a_closed_or_full_stdout_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let failing = org(tmp.path(), "failing.yaml", FAILING);
    let passing = org(tmp.path(), "passing.yaml", "departments: [{id: a, serves: [{to: c}]}]\ncustomers: [{id: c}]\n");
    let runs: &[&[&str]] = &[
        &["check", &failing],
        &["check", &passing],
        &["check", &passing, "--format", "sarif"],
        &["analyze", &passing],
        &["analyze", &passing, "--format", "html"],
        &["trace", &passing, "a"],
        &["graph", &passing, "--format", "mermaid"],
        &["diff", &passing, &failing],
        &["whatif", &passing, "--remove", "a"],
        &["schema"],
        &["man"],
        &["--help"],
        &["check", "--help"],
        &["--version"],
    ];
    for args in runs {
        fails_on_stdout(&redirected(args, ">&-"), "closed", &format!("{args:?} >&-"));
        fails_on_stdout(&redirected(args, "> /dev/full"), "No space left", &format!("{args:?} > /dev/full"));
    }
    // Output to a file needs no stdout; /dev/null is no closed stdout.
    let report = tmp.path().join("report.json");
    let out = redirected(&["analyze", &passing, "--format", "json", "-o", report.to_str().unwrap()], ">&-");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(redirected(&["check", &failing], "> /dev/null").status.code(), Some(1));
    assert_eq!(redirected(&["--help"], "> /dev/null").status.code(), Some(0));
}
