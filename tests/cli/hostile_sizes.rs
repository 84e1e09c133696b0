//! Hostile sizes stay cheap: a megabyte name, `what` or unknown id, tens of
//! thousands of unknown keys, kilobyte ids to suggest for, YAML past its
//! limits. Each case is generated here, smaller than `bench/hostile.sh`'s
//! (which measures time and memory on 64 MB and 300,000): these assert what
//! makes the cost bounded, the size and shape of every output.

use crate::servchain;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const MB: usize = 1 << 20;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

fn run(args: &[&str]) -> Output {
    servchain().args(args).output().unwrap()
}

/// What a run writes that does not depend on its input: SARIF describes
/// every code in the registry (some 80 KB) whatever it found, so the bytes
/// that grow with the input are those past a one-department org's log.
fn fixed(args: &[&str]) -> usize {
    if !args.windows(2).any(|w| w == ["--format", "sarif"]) {
        return 0;
    }
    let tmp = tempfile::tempdir().unwrap();
    let small = write(tmp.path(), "small.yaml", "customers: [c]\ndepartments:\n  - {id: a, serves: [c]}\n");
    run(&["check", &small, "--format", "sarif"]).stdout.len()
}

/// The org of `bench/hostile.sh`: `big`, weak, which three departments
/// serve, carrying `name` and `what`.
fn org(organization: &str, name: &str, what: &str) -> String {
    let mut y = format!(
        "organization: {organization}\ncustomers: [{{id: c, name: Customers}}]\ndepartments:\n  - id: big\n    name: {name}\n    serves: [{{to: c, what: {what}, quality: 0.5}}]\n"
    );
    for i in 1..=3 {
        y += &format!("  - {{id: d{i}, serves: [{{to: big, quality: 0.9}}]}}\n");
    }
    y + "  - {id: lost, name: Lost, serves: [{to: lost2}]}\n  - {id: lost2, name: Lost too}\n"
}

#[test]
fn megabyte_names_and_whats_are_cut_for_people_and_kept_whole_in_data() {
    let tmp = tempfile::tempdir().unwrap();
    let (organization, name, what) = ("O".repeat(MB), "N".repeat(MB), "W".repeat(MB));
    let hostile = write(tmp.path(), "hostile.yaml", &org(&organization, &name, &what));
    let before = write(tmp.path(), "before.yaml", &org("Before", "Big", "goods"));
    let human: &[&[&str]] = &[
        &["analyze", &hostile],
        &["analyze", &hostile, "--all", "--format", "markdown"],
        &["analyze", &hostile, "--format", "html"],
        &["check", &hostile, "--format", "text"],
        &["check", &hostile, "--format", "github"],
        &["check", &hostile, "--format", "markdown"],
        &["check", &hostile, "--format", "junit"],
        &["check", &hostile, "--format", "sarif"],
        &["check", &hostile, "--format", "json"],
        &["graph", &hostile],
        &["graph", &hostile, "--format", "mermaid"],
        &["trace", &hostile, "d1"],
        &["whatif", &hostile, "--remove", "d1"],
        &["diff", &before, &hostile],
        &["diff", &before, &hostile, "--format", "markdown"],
    ];
    for args in human {
        let out = run(args);
        assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let size = (out.stdout.len() + out.stderr.len()).saturating_sub(fixed(args));
        assert!(size < 64 << 10, "{args:?} wrote {size} bytes for 3 MB of names");
        assert!(String::from_utf8_lossy(&out.stdout).contains('…'), "{args:?}: cut with an ellipsis");
    }
    // Data keeps every value whole.
    let json = run(&["analyze", &hostile, "--format", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["organization"], organization.as_str());
    assert_eq!(report["departments"][0]["name"], name.as_str());
    assert_eq!(report["weakest_links"][0]["what"], what.as_str());
    let csv = String::from_utf8(run(&["analyze", &hostile, "--format", "csv"]).stdout).unwrap();
    assert!(csv.contains(&format!(",{name},")) && csv.contains(&format!(",{what},")));
    let trace: Value = serde_json::from_slice(&run(&["trace", &hostile, "d1", "--format", "json"]).stdout).unwrap();
    assert_eq!(trace["chains"][0]["handoffs"][1]["what"], what.as_str());
}

#[test]
fn a_diagnostic_quotes_a_few_hundred_characters_of_a_huge_value() {
    let tmp = tempfile::tempdir().unwrap();
    let huge = |c: &str| c.repeat(MB);
    let text = format!(
        "customers: [{{id: c}}]\ndepartments:\n  - id: a\n    serves: [{{to: {}}}]\n  - id: b\n    {}: 1\n    serves: [{{to: c, quality: \"{}\", lead_time: \"{}\"}}]\n  - id: {}\n  - id: d\n    serves: \"{}\"\n",
        huge("u"),
        // YAML keys stop at 1024 characters.
        "k".repeat(1000),
        huge("q"),
        huge("l"),
        huge("i-"),
        huge("s"),
    );
    let path = write(tmp.path(), "values.yaml", &text);
    let out = run(&["analyze", &path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for code in ["unknown-id", "unknown-key", "invalid-quality", "invalid-lead-time", "invalid-id", "wrong-type"] {
        assert!(err.contains(&format!("error[{code}]")), "{code}: {}", &err[..err.len().min(3000)]);
    }
    assert!(err.contains("…\" (1048576 bytes)"), "says how long the value was");
    assert!(err.len() < 16 << 10, "{} bytes of diagnostics for 5 MB of values", err.len());
    for format in ["json", "sarif", "github", "junit", "markdown", "text"] {
        let out = run(&["check", &path, "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let size = (out.stdout.len() + out.stderr.len()).saturating_sub(fixed(&["--format", format]));
        assert!(size < 32 << 10, "check --format {format} wrote {size} bytes");
    }
}

#[test]
fn past_two_hundred_diagnostics_of_one_code_people_get_a_count_and_programs_get_all() {
    const KEYS: usize = 20_000;
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: c}]\n");
    for i in 0..KEYS {
        text += &format!("    k{i}: 1\n");
    }
    let path = write(tmp.path(), "keys.yaml", &text);
    let more = format!("{} more unknown-key errors in {path} are not shown", KEYS - 200);

    let out = run(&["analyze", &path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(err.matches("error[unknown-key]").count(), 200);
    assert_eq!(err.matches(&more).count(), 1, "{}", &err[err.len().saturating_sub(2000)..]);
    assert!(err.ends_with(&format!("error: the org could not be loaded: {KEYS} errors\n")), "every one is counted");

    let text_out = run(&["check", &path]);
    let err = String::from_utf8_lossy(&text_out.stderr);
    assert_eq!(err.matches("error[unknown-key]").count(), 200);
    assert!(err.contains(&more) && err.contains(&format!("could not be read: {KEYS} errors")));
    let github = String::from_utf8(run(&["check", &path, "--format", "github"]).stdout).unwrap();
    assert_eq!(github.lines().filter(|l| l.starts_with("::error ")).count(), 200);
    assert!(github.lines().any(|l| l.contains(&more) && !l.starts_with("::")));
    let markdown = String::from_utf8(run(&["check", &path, "--format", "markdown"]).stdout).unwrap();
    assert!(markdown.lines().filter(|l| l.starts_with("| error ")).count() == 200 && markdown.contains("20000 errors"));

    let json: Value = serde_json::from_slice(&run(&["check", &path, "--format", "json"]).stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), KEYS);
    assert_eq!(json["summary"]["errors"], KEYS);
    let sarif: Value = serde_json::from_slice(&run(&["check", &path, "--format", "sarif"]).stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), KEYS);
    let junit = String::from_utf8(run(&["check", &path, "--format", "junit"]).stdout).unwrap();
    assert_eq!(junit.matches("<testcase ").count(), KEYS);
}

#[test]
fn no_suggestion_is_sought_for_kilobyte_ids() {
    // Every unknown id is a department's 4 KB name in other letters' case:
    // comparing each with every name costs their product.
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from("customers: [{id: c}]\ndepartments:\n");
    for i in 0..300 {
        let name = format!("{}{i:04}", "n".repeat(4096));
        text += &format!("  - {{id: d{i}, name: {name}, serves: [{{to: {}}}]}}\n", name.to_uppercase());
    }
    let path = write(tmp.path(), "ids.yaml", &text);
    let out = run(&["check", &path, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.iter().filter(|f| f["rule"] == "unknown-id").count(), 300);
    assert!(findings.iter().all(|f| !f["help"].as_str().unwrap_or("").contains("did you mean")));
    assert!(out.stdout.len() < 300 * 1024, "{} bytes", out.stdout.len());
}

#[test]
fn yaml_past_servchains_limits_is_a_yaml_limit_in_plain_words() {
    let tmp = tempfile::tempdir().unwrap();
    let flow = format!("departments: {}{}\n", "[".repeat(300_000), "]".repeat(300_000));
    let anchored = |value: &str, aliases: usize| {
        format!("a: &a {value}\nb: [{}]\ndepartments: [{{id: d}}]\n", vec!["*a"; aliases].join(", "))
    };
    let cases = [
        ("flow.yaml", flow, "nested more than 64 levels deep"),
        ("deeper.yaml", format!("departments: {}{}\n", "[".repeat(65), "]".repeat(65)), "nested more than 64"),
        // Replayed events and replayed scalar bytes: each past its own budget.
        ("events.yaml", anchored(&format!("[{}]", vec!["x"; 1000].join(", ")), 5000), "expand to too much data"),
        ("bytes.yaml", anchored(&"x".repeat(MB), 40), "expand to too much data"),
    ];
    for (name, text, says) in cases {
        let path = write(tmp.path(), name, &text);
        let out = run(&["analyze", &path]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(err.contains("error[yaml-limit]: ") && err.contains(says), "{name}: {err}");
        assert!(!err.contains("yaml-syntax"), "{name}: {err}");
        assert!(!err.contains(" { ") && !err.contains("Bytes"), "{name}: no Rust debug text: {err}");
    }
    // Just inside the limit is no error of nesting.
    let path = write(tmp.path(), "ok.yaml", &format!("departments: {}{{id: a}}{}\n", "[".repeat(3), "]".repeat(3)));
    assert!(!String::from_utf8_lossy(&run(&["analyze", &path]).stderr).contains("yaml-limit"));
}

#[test]
fn at_most_ten_thousand_aliases_and_anchors_in_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    // Aliases of a one-word scalar expand to almost nothing: only their
    // count can stop them.
    let aliases = |n: usize| format!("a: &a x\nb: [{}]\ndepartments: [{{id: d}}]\n", vec!["*a"; n].join(", "));
    let anchors = |n: usize| {
        let marked: Vec<String> = (0..n).map(|i| format!("&a{i} x")).collect();
        format!("a: [{}]\ndepartments: [{{id: d}}]\n", marked.join(", "))
    };
    let too_many_aliases = "aliases here expand to too much data";
    let too_many_anchors = "more than 10000 YAML anchors in one file";
    for (name, text, refused) in [
        ("aliases-ok.yaml", aliases(10_000), None),
        ("aliases.yaml", aliases(10_001), Some(too_many_aliases)),
        ("anchors-ok.yaml", anchors(10_000), None),
        ("anchors.yaml", anchors(10_001), Some(too_many_anchors)),
    ] {
        let out = run(&["analyze", &write(tmp.path(), name, &text)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        match refused {
            Some(says) => assert!(err.contains("error[yaml-limit]: ") && err.contains(says), "{name}: {err}"),
            // Inside the limits the file is read, and refused only for its
            // unknown keys `a` and `b`.
            None => assert!(err.contains("error[unknown-key]") && !err.contains("yaml-limit"), "{name}: {err}"),
        }
    }
}

#[test]
fn a_duplicate_key_is_found_in_a_mapping_of_any_size() {
    // Up to 16 keys a mapping's keys are compared one by one, beyond that
    // through a hash set: `k3` repeats while the mapping has 5 keys, `k19`
    // once it has 20; each is found, and located, either way.
    let tmp = tempfile::tempdir().unwrap();
    let keys = |r: std::ops::Range<u32>| r.map(|i| format!("k{i}: {i}")).collect::<Vec<_>>().join(", ");
    let org = format!(
        "departments:\n  - id: a\n    serves: [{{to: customer}}]\n    meta: {{{}, k3: again, {}, k19: again}}\n",
        keys(0..5),
        keys(5..20)
    );
    let out = run(&["analyze", &write(tmp.path(), "dup.yaml", &org)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let line = org.lines().nth(3).unwrap();
    for key in ["k3", "k19"] {
        let column = line.find(&format!("{key}: again")).unwrap() + 1;
        assert!(err.contains(&format!("duplicate mapping key `{key}`")), "{key}: {err}");
        assert!(err.contains(&format!("dup.yaml:4:{column}")), "{key} at 4:{column}: {err}");
    }
}
