//! `servchain check`: each rule firing and not firing at its threshold,
//! `except`, exit codes for each `--fail-on`, baselines, located policy
//! errors, and output that real SARIF and JUnit readers accept.

use crate::{in_repo, servchain};
use predicates::prelude::*;
use serde_json::Value;

/// Runs `check` on YAML from stdin with extra arguments; returns (exit code, stdout, stderr).
fn check(yaml: &str, args: &[&str]) -> (i32, String, String) {
    let out = servchain().args(["check", "-"]).args(args).write_stdin(yaml.to_owned()).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The findings of `yaml` under `policy`, as (rule, ids) pairs, from the JSON format.
fn findings(yaml: &str, policy: &str) -> Vec<(String, Vec<String>)> {
    let text = format!("{yaml}policy:\n  rules:\n{policy}");
    let (code, out, err) = check(&text, &["--format", "json", "--fail-on", "never"]);
    assert_eq!(code, 0, "{err}{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let ids = f["ids"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_owned()).collect();
            (f["rule"].as_str().unwrap().to_owned(), ids)
        })
        .collect()
}

fn rules_of(found: &[(String, Vec<String>)], rule: &str) -> Vec<Vec<String>> {
    found.iter().filter(|(r, _)| r == rule).map(|(_, ids)| ids.clone()).collect()
}

/// a -> b -> c (customer), with a second customer nobody serves; a has no lead.
const ORG: &str = "customers: [{id: c}, {id: lonely}]\ndepartments:\n  - id: a\n    serves: [{to: b, what: w, quality: 0.65, lead_time: 3d}]\n  - id: b\n    lead: Bo\n    serves: [{to: c, quality: 0.9, lead_time: 1d}, {to: z}]\n  - id: z\n    lead: Zed\n    serves: [{to: b, quality: 0.5}]\n  - id: x\n    lead: Xi\n";

#[test]
fn each_rule_fires_at_its_threshold_and_not_below() {
    let all_off = "    cut-off: off\n    handoff-cycle: off\n    weak-handoff: off\n    weak-chain: off\n    single-point-of-failure: off\n    unserved-customer: off\n";
    let only = |rule: &str, setting: &str| {
        findings(ORG, &format!("{}    {rule}: {setting}\n", all_off.replace(&format!("    {rule}: off\n"), "")))
    };

    assert_eq!(rules_of(&only("cut-off", "error"), "cut-off"), [["x"]]);
    assert_eq!(rules_of(&only("handoff-cycle", "warning"), "handoff-cycle"), [["b", "z"]]);
    // a -> b is 0.65 and z -> b 0.5; both lead on to the customer.
    assert_eq!(
        rules_of(&only("weak-handoff", "{threshold: 0.7}"), "weak-handoff"),
        [vec!["a", "b", "w"], vec!["z", "b"]]
    );
    assert_eq!(
        rules_of(&only("weak-handoff", "{threshold: 0.65}"), "weak-handoff"),
        [["z", "b"]],
        "0.65 is not below 0.65"
    );
    assert_eq!(rules_of(&only("weak-handoff", "{threshold: \"50%\"}"), "weak-handoff"), Vec::<Vec<String>>::new());
    // a's strength is 65%, z's 50%.
    assert_eq!(rules_of(&only("weak-chain", "{threshold: 0.66}"), "weak-chain"), [["a"], ["z"]]);
    assert_eq!(rules_of(&only("weak-chain", "{threshold: 0.65}"), "weak-chain"), [["z"]]);
    assert_eq!(rules_of(&only("weak-chain", "{threshold: 0.5}"), "weak-chain"), Vec::<Vec<String>>::new());
    // b is on every chain of a and z: impact 2 of 4 departments = 50%.
    let spof =
        |t: &str| rules_of(&only("single-point-of-failure", &format!("{{threshold: {t}}}")), "single-point-of-failure");
    assert!(spof("\"50%\"").contains(&vec!["b".to_owned()]));
    assert!(!spof("\"51%\"").contains(&vec!["b".to_owned()]));
    assert!(spof("2").contains(&vec!["b".to_owned()]), "as an integer, a number of departments");
    assert!(!spof("3").contains(&vec!["b".to_owned()]));
    assert_eq!(rules_of(&only("max-hops", "{severity: warning, threshold: 1}"), "max-hops"), [["a"], ["z"]]);
    assert_eq!(rules_of(&only("max-hops", "{severity: warning, threshold: 2}"), "max-hops"), Vec::<Vec<String>>::new());
    assert_eq!(rules_of(&only("max-lead-time", "{severity: warning, threshold: 3d}"), "max-lead-time"), [["a"]]);
    assert_eq!(
        rules_of(&only("max-lead-time", "{severity: warning, threshold: 4d}"), "max-lead-time"),
        Vec::<Vec<String>>::new()
    );
    assert_eq!(rules_of(&only("unrated-handoff", "info"), "unrated-handoff"), [["b", "z"]]);
    assert_eq!(rules_of(&only("no-lead", "warning"), "no-lead"), [["a"]]);
    assert_eq!(rules_of(&only("unserved-customer", "warning"), "unserved-customer"), [["lonely"]]);
}

#[test]
fn rules_are_on_or_off_by_default_as_the_spec_says() {
    let (_, out, _) = check(ORG, &["--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, Vec<String>)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_owned(), Vec::new()))
        .collect();
    let fired: std::collections::BTreeSet<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    for on in ["cut-off", "handoff-cycle", "weak-handoff", "unserved-customer"] {
        assert!(fired.contains(on), "{on} is on by default: {fired:?}");
    }
    for off in ["max-hops", "max-lead-time", "unrated-handoff", "no-lead"] {
        assert!(!fired.contains(off), "{off} is off by default");
    }
}

#[test]
fn except_lists_ids_a_rule_does_not_apply_to() {
    let found = findings(ORG, "    cut-off: {severity: error, except: [x]}\n    weak-handoff: {except: [a]}\n");
    assert!(rules_of(&found, "cut-off").is_empty());
    assert_eq!(rules_of(&found, "weak-handoff"), [["z", "b"]]);
}

#[test]
fn exit_codes_follow_fail_on() {
    // ORG has an error (cut-off x) and warnings.
    assert_eq!(check(ORG, &[]).0, 1, "errors fail by default");
    assert_eq!(check(ORG, &["--fail-on", "never"]).0, 0);
    let warnings_only = format!("{ORG}policy:\n  rules:\n    cut-off: warning\n");
    assert_eq!(check(&warnings_only, &["--fail-on", "error"]).0, 0);
    assert_eq!(check(&warnings_only, &["--fail-on", "warning"]).0, 1);
    let info_only = format!(
        "{ORG}policy:\n  rules:\n    cut-off: info\n    handoff-cycle: info\n    weak-handoff: info\n    weak-chain: info\n    single-point-of-failure: info\n    unserved-customer: info\n"
    );
    assert_eq!(check(&info_only, &["--fail-on", "warning"]).0, 0, "info never fails");
    for format in ["text", "json", "sarif", "github", "junit", "markdown", "gitlab"] {
        assert_eq!(check(ORG, &["--format", format]).0, 1, "{format}");
        assert_eq!(check("departments: [{id: a, serves: [{to: nowhere}]}]\n", &["--format", format]).0, 2, "{format}");
    }
}

#[test]
fn an_org_that_does_not_load_is_reported_in_the_chosen_format() {
    let bad = "departments:\n  - id: a\n    serves: [{to: nowhere}]\n";
    let (code, out, _) = check(bad, &["--format", "json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["loaded"], false);
    assert_eq!(v["findings"][0]["rule"], "unknown-id");
    assert_eq!((v["findings"][0]["line"].as_u64(), v["findings"][0]["column"].as_u64()), (Some(3), Some(19)));
    let (code, out, _) = check(bad, &["--format", "github"]);
    assert_eq!(code, 2);
    assert!(out.starts_with("::error file=<stdin>,line=3,col=19,title=unknown-id::"), "{out}");
    let (code, _, err) = check(bad, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("error[unknown-id]"), "{err}");
}

#[test]
fn policy_mistakes_are_located_errors_with_suggestions() {
    let (code, _, err) = check(
        &format!(
            "{ORG}policy:\n  rules:\n    weak-handof: warning\n    cut-off: eror\n    weak-chain: {{threshold: 2}}\n    max-hops: {{threshold: few}}\n    no-lead: {{threshold: 1}}\n    weak-handoff: {{except: [zz]}}\n"
        ),
        &[],
    );
    assert_eq!(code, 2);
    assert!(err.contains("error[unknown-rule]: there is no rule `weak-handof`"), "{err}");
    assert!(err.contains("did you mean \"weak-handoff\"?"), "{err}");
    assert!(err.contains("<stdin>:15:5"), "{err}");
    assert!(err.contains("error[invalid-severity]") && err.contains("did you mean \"error\"?"), "{err}");
    assert!(err.contains("the threshold of `weak-chain` is not valid"), "{err}");
    assert!(err.contains("the threshold of `max-hops` is not valid"), "{err}");
    assert!(err.contains("the rule `no-lead` takes no threshold"), "{err}");
    assert!(err.contains("`except` names \"zz\""), "{err}");
}

#[test]
fn a_policy_file_overrides_the_orgs_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("strict.yaml");
    std::fs::write(&file, "policy:\n  rules:\n    no-lead: error\n").unwrap();
    let (code, out, _) = check(ORG, &["--policy", file.to_str().unwrap(), "--format", "json", "--fail-on", "never"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"rule\": \"no-lead\""));
    std::fs::write(&file, "rules:\n  cut-of: error\n").unwrap();
    let (code, _, err) = check(ORG, &["--policy", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("strict.yaml:2:3") && err.contains("did you mean \"cut-off\"?"), "{err}");
}

#[test]
fn a_baseline_accepts_known_findings_and_still_fails_new_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let baseline = tmp.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    let (code, _, err) = check(ORG, &["--write-baseline", b]);
    assert_eq!(code, 0, "{err}");
    let written: Value = serde_json::from_slice(&std::fs::read(&baseline).unwrap()).unwrap();
    assert_eq!(written["servchain_baseline"], 1);
    let fps: Vec<&str> =
        written["findings"].as_array().unwrap().iter().map(|f| f["fingerprint"].as_str().unwrap()).collect();
    assert!(fps.windows(2).all(|w| w[0] < w[1]), "sorted, one per fingerprint: {fps:?}");
    assert!(fps.contains(&"cut-off:x"), "{fps:?}");

    let (code, out, _) = check(ORG, &["--baseline", b]);
    assert_eq!(code, 0, "baselined findings fail nothing: {out}");
    assert!(out.contains(&format!("baseline: 0 new, {} known, 0 fixed", fps.len())), "{out}");

    // A new cut-off department fails the run even with the baseline.
    let worse = ORG.replace("  - id: x\n", "  - id: y\n  - id: x\n");
    let (code, out, _) = check(&worse, &["--baseline", b]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[cut-off]: y is cut off"), "{out}");
    assert!(!out.contains("error[cut-off]: x is cut off"), "known findings are not repeated: {out}");
    assert!(out.contains("baseline: 1 new"), "{out}");

    // Fixing x shows as fixed.
    let better = ORG.replace("  - id: x\n    lead: Xi\n", "");
    let (_, out, _) = check(&better, &["--baseline", b]);
    assert!(out.contains("1 fixed"), "{out}");
}

#[test]
fn a_malformed_baseline_is_a_located_error() {
    let tmp = tempfile::tempdir().unwrap();
    let baseline = tmp.path().join("baseline.json");
    std::fs::write(&baseline, "{\n  \"servchain_baseline\": 1,\n  \"findings\": [ {\"fingerprint\": 3} ]\n}\n")
        .unwrap();
    let (code, _, err) = check(ORG, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("error[invalid-baseline]"), "{err}");
    assert!(err.contains("baseline.json:3:"), "{err}");
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    // The published schema's `language` patterns have a stray `]` that makes
    // them invalid regexes; they concern no property servchain writes.
    let text = include_str!("../fixtures/sarif-schema-2.1.0.json")
        .replace(r#"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#, r#"^[a-zA-Z]{2}$|^[a-zA-Z]{2}-[a-zA-Z]{2}$"#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    for (yaml, args) in [
        (ORG.to_owned(), vec!["--format", "sarif"]),
        ("departments: [{id: a, serves: [{to: nowhere}]}]\n".to_owned(), vec!["--format", "sarif"]),
    ] {
        let (_, out, _) = check(&yaml, &args);
        let sarif: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        for result in sarif["runs"][0]["results"].as_array().unwrap() {
            let loc = &result["locations"][0]["physicalLocation"];
            assert!(loc["artifactLocation"]["uri"].is_string() && loc["region"]["startLine"].is_u64(), "{result}");
            let rule = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(sarif["runs"][0]["tool"]["driver"]["rules"][rule]["id"], result["ruleId"]);
        }
    }
}

#[test]
fn junit_is_read_by_a_junit_parser_with_unique_names() {
    let (_, out, _) = check(ORG, &["--format", "junit"]);
    let suites = junit_with_unique_names(&out);
    assert!(suites.failures > 0);
    let cut_off = suites.suites.iter().find(|s| s.name == "cut-off").unwrap();
    assert!(cut_off.cases[0].status.is_failure());
}

#[test]
fn github_annotations_come_worst_first_and_markdown_lists_findings() {
    let (_, out, _) = check(ORG, &["--format", "github"]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("::error file=<stdin>,line="), "{out}");
    assert!(out.lines().any(|l| l.starts_with("::warning ")), "{out}");
    let (_, md, _) = check(ORG, &["--format", "markdown"]);
    assert!(md.starts_with("## servchain check") && md.contains("| error | `cut-off` |"), "{md}");
}

#[test]
fn the_text_report_says_how_many_of_each() {
    in_repo()
        .args(["check", "examples/northwind-retail.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("check: 0 errors, 2 warnings, 0 info"));
}

#[test]
fn the_ci_integration_files_are_yaml_and_call_real_commands() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let help = |cmd: &str| String::from_utf8(servchain().args([cmd, "--help"]).output().unwrap().stdout).unwrap();
    let (check_help, diff_help) = (help("check"), help("diff"));
    let cargo_flags = ["--locked", "--git", "--path", "--root"];
    for file in ["action.yml", ".pre-commit-hooks.yaml", "ci/github-actions.yml", "ci/gitlab-ci.yml"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let parsed: Result<Value, _> = serde_saphyr::from_str(&text);
        assert!(parsed.is_ok(), "{file}: {parsed:?}");
        // Every flag passed to servchain (continuation lines included) exists.
        let joined = text.replace("\\\n", " ");
        for line in joined
            .lines()
            .filter(|l| l.contains("servchain check") || l.contains("servchain\" ") || l.contains("bin/servchain"))
        {
            let help = if line.contains(" diff ") { &diff_help } else { &check_help };
            for flag in line.split_whitespace().filter(|w| w.starts_with("--")) {
                let flag = flag.trim_matches(|c| c == '"' || c == '\'');
                if cargo_flags.contains(&flag) {
                    continue;
                }
                let known = help.split(|c: char| c.is_whitespace() || c == ',').any(|w| w == flag);
                assert!(known, "{file}: unknown flag {flag} in: {line}");
            }
        }
    }
}

#[test]
fn default_thresholds_are_the_specs() {
    // a's strength is 65%: under weak-handoff's 70%, over weak-chain's 60%.
    let found = findings(ORG, "    cut-off: off\n");
    assert!(rules_of(&found, "weak-handoff").contains(&vec!["a".to_owned(), "b".to_owned(), "w".to_owned()]));
    assert!(!rules_of(&found, "weak-chain").contains(&vec!["a".to_owned()]), "65% is not below 60%");
    assert!(rules_of(&found, "weak-chain").contains(&vec!["z".to_owned()]), "50% is below 60%: weak-chain is on");
    // b carries 2 of 4 departments: over the default 20%.
    assert!(rules_of(&found, "single-point-of-failure").contains(&vec!["b".to_owned()]), "{found:?}");
    // Giving an off rule a threshold turns it on.
    let found = findings(ORG, "    max-hops: {threshold: 1}\n");
    assert_eq!(rules_of(&found, "max-hops").len(), 2);
}

#[test]
fn a_share_threshold_matches_exactly() {
    // A hub that 7 of 100 departments depend on, at a 7% threshold.
    let mut y = String::from("customers: [{id: c}]\ndepartments:\n  - id: hub\n    serves: [{to: c}]\n");
    for i in 0..7 {
        y += &format!("  - id: s{i}\n    serves: [{{to: hub}}]\n");
    }
    for i in 0..92 {
        y += &format!("  - id: o{i}\n    serves: [{{to: c}}]\n");
    }
    for t in ["\"7%\"", "0.07", "7"] {
        let found = findings(&y, &format!("    single-point-of-failure: {{threshold: {t}}}\n"));
        assert!(rules_of(&found, "single-point-of-failure").contains(&vec!["hub".to_owned()]), "threshold {t}");
    }
}

#[test]
fn sarif_suppresses_baselined_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let baseline = tmp.path().join("b.json");
    check(ORG, &["--write-baseline", baseline.to_str().unwrap()]);
    let (_, out, _) = check(ORG, &["--format", "sarif", "--baseline", baseline.to_str().unwrap()]);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    for r in sarif["runs"][0]["results"].as_array().unwrap() {
        assert_eq!(r["baselineState"], "unchanged");
        assert_eq!(r["suppressions"][0]["kind"], "external");
    }
}

#[test]
fn odd_names_are_escaped_in_every_format() {
    let yaml = "customers: [{id: c}]\ndepartments:\n  - id: a\n    name: \"<b>Ops</b>, 100% \\\"east\\\"\"\n  - id: b\n    serves: [{to: c, what: \"x\\ny\"}, {to: c, what: \"x y\"}]\n";
    let (_, gh, _) = check(yaml, &["--format", "github"]);
    assert!(gh.contains("100%25"), "{gh}");
    assert!(gh.lines().all(|l| l.starts_with("::") || l.is_empty()), "one command a line: {gh}");
    let (_, junit, _) = check(yaml, &["--format", "junit"]);
    junit_parser::from_reader(std::io::Cursor::new(junit.as_bytes())).unwrap();
    let html = servchain().args(["analyze", "-", "--format", "html"]).write_stdin(yaml).output().unwrap().stdout;
    let html = String::from_utf8(html).unwrap();
    assert!(!html.contains("<b>Ops</b>") && html.contains("&lt;b&gt;Ops&lt;/b&gt;"), "HTML escapes names");
}

#[test]
fn whatif_keeps_a_policy_that_excepts_what_it_removes() {
    let yaml = format!("{ORG}policy:\n  rules:\n    cut-off: {{except: [x]}}\n");
    let out = servchain().args(["whatif", "-", "--remove", "x"]).write_stdin(yaml).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// JUnit read by a real JUnit parser, every test case name unique in its suite.
pub(crate) fn junit_with_unique_names(xml: &str) -> junit_parser::TestSuites {
    let suites = junit_parser::from_reader(std::io::Cursor::new(xml.as_bytes())).unwrap();
    for suite in &suites.suites {
        let mut names: Vec<&str> = suite.cases.iter().map(|c| c.name.as_str()).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "unique names in {}", suite.name);
    }
    suites
}
