//! `servchain analyze`: the summary of a valid org on stdout; for an invalid
//! one, located diagnostics on stderr, nothing on stdout, exit 2.

use crate::{examples, servchain};
use predicates::prelude::*;

#[test]
fn every_example_loads() {
    let mut examples: Vec<_> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 4, "{examples:?}");
    for example in examples {
        servchain().arg("analyze").arg(&example).assert().success().stderr("");
    }
}

#[test]
fn analyze_prints_the_report() {
    let yaml = "organization: Two Step\ncustomers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: b, quality: 0.9}]\n  - id: b\n    serves: [{to: c}]\n";
    let out =
        servchain().args(["analyze", "-"]).write_stdin(yaml).assert().success().stderr("").get_output().stdout.clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap(), @r"
    Two Step
    2 departments, 1 customer, 2 handoffs (1 unrated)

    Both departments reach the customer.
    Weakest link: a -> b, at 90%.
    Biggest single point of failure: b; 1 department reaches the customer only through it.

    Weakest links: Handoffs whose work reaches the customer, weakest first.
     Handoff   What   Quality   Departments cut off without it
    ───────── ────── ───────── ────────────────────────────────
     a -> b    -          90%                                1
     b -> c    -      unrated                                2

    Single points of failure: Every chain of the departments listed passes through the department: without it they are cut off.
     Department   Departments that depend on it   Who
    ──────────── ─────────────────────────────── ─────
     b                                        1   a

    Critical handoffs: Every chain of the departments listed uses the handoff.
     Handoff   What   Departments that depend on it   Who
    ───────── ────── ─────────────────────────────── ──────
     b -> c    -                                  2   a, b
     a -> b    -                                  1   a

    Departments: Fewest hops to a customer; strength is the best weakest link over all chains; rolled quality the best product of qualities.
     Department   Fewest hops   Strength           Rolled quality   Lead time   Weakest link
    ──────────── ───────────── ────────────────── ──────────────── ─────────── ──────────────────
     a                      2    90% (1 unrated)              90%           -   a -> b (90%)
     b                      1   100% (1 unrated)             100%           -   b -> c (unrated)

    Strongest chains: For each department that reaches the customer, a chain as strong as the department.
     a -> b -> c
     b -> c
    ");
}

#[test]
fn an_invalid_org_exits_2_with_diagnostics_on_stderr_only() {
    servchain()
        .args(["analyze", "-"])
        .write_stdin("departments:\n  - id: a\n    serves: [{to: b}]\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("error[unknown-id]"))
        .stderr(predicate::str::contains("--> <stdin>:3:19"));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let bad = "departments:\n  - id: a\n    serves: [{to: b}]\n";
    let plain = servchain().args(["analyze", "-"]).write_stdin(bad).assert().code(2).get_output().stderr.clone();
    assert!(!plain.contains(&0x1b), "NO_COLOR and a pipe: no escape codes");
    let coloured = servchain()
        .env_remove("NO_COLOR")
        .args(["analyze", "--color", "always", "-"])
        .write_stdin(bad)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(coloured.contains(&0x1b), "--color always colours even a pipe");
}

#[test]
fn usage_errors_exit_2() {
    servchain().arg("analyze").assert().code(2);
    servchain().args(["analyze", "--format", "nope", "x.yaml"]).assert().code(2);
    servchain().arg("frobnicate").assert().code(2);
}

#[test]
fn the_default_size_limit_matches_the_library() {
    let help = servchain().args(["analyze", "--help"]).assert().success().get_output().stdout.clone();
    let help = String::from_utf8(help).unwrap();
    let shown = servchain::load::inputs::parse_size("512MiB").unwrap();
    assert!(help.contains("[default: 512MiB]"), "{help}");
    assert_eq!(shown, servchain::load::DEFAULT_MAX_FILE_SIZE);
}

#[test]
fn the_split_example_loads_the_same_from_its_directory_or_its_root_file() {
    let dir = examples().join("acme-software");
    let from_dir = servchain().arg("analyze").arg(&dir).assert().success().get_output().stdout.clone();
    let from_root = servchain().arg("analyze").arg(dir.join("org.yaml")).assert().success().get_output().stdout.clone();
    assert_eq!(from_dir, from_root);
    assert!(String::from_utf8(from_dir).unwrap().contains("Acme Software"));
}
