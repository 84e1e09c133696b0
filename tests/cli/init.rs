//! `servchain init` and `servchain completions`.

use crate::servchain;
use predicates::prelude::*;

#[test]
fn init_writes_a_starter_that_checks_clean_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("org.yaml");
    servchain().arg("init").arg(&path).assert().success().stderr(predicate::str::contains("wrote"));
    servchain()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("check: 0 errors, 0 warnings, 0 info"));
    servchain()
        .arg("analyze")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("All 3 departments (at least 12 people) reach the customer."));
    let text = std::fs::read_to_string(&path).unwrap();
    for key in [
        "version:",
        "organization:",
        "customers:",
        "departments:",
        "lead:",
        "headcount:",
        "tags:",
        "serves:",
        "what:",
        "quality:",
        "lead_time:",
        "meta:",
        "handoffs:",
        "policy:",
    ] {
        assert!(text.contains(key), "the starter teaches {key}");
    }
    std::fs::write(&path, "mine").unwrap();
    servchain().arg("init").arg(&path).assert().code(2).stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    servchain().arg("init").arg(&path).arg("--force").assert().success();
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("# A starter org"));
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_servchain()"),
        ("zsh", "#compdef servchain"),
        ("fish", "complete -c servchain"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer"),
    ] {
        servchain().args(["completions", shell]).assert().success().stdout(predicate::str::contains(marker));
    }
}

#[test]
fn every_command_has_help_with_an_example_and_there_is_a_version() {
    for cmd in ["analyze", "trace", "graph", "check", "diff", "whatif", "init", "completions", "schema", "man"] {
        servchain().args([cmd, "--help"]).assert().success().stdout(predicate::str::contains("Example"));
    }
    servchain().arg("--version").assert().success().stdout(predicate::str::starts_with("servchain "));
}

#[test]
fn the_manual_page_is_roff() {
    servchain()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH servchain 1"))
        .stdout(predicate::str::contains("analyze"));
}
