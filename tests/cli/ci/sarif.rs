//! SARIF that GitHub code scanning ingests: paths relative to `%SRCROOT%`,
//! every code described as a rule, regions with their end, no invented
//! locations; checked by hand and with Microsoft's validator using GitHub's
//! rules.

use super::{Repo, tool};
use serde_json::Value;

fn sarif(repo: &Repo, dir: &str, args: &[&str]) -> (i32, Value) {
    let (code, out, err) = repo.run(dir, &[&["check", "--format", "sarif"], args].concat());
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}")))
}

#[test]
fn sarif_paths_are_relative_to_the_project_root_from_any_directory() {
    let repo = Repo::new();
    let (code, v) = sarif(&repo, "org/teams", &["../../org"]);
    assert_eq!(code, 1);
    let run = &v["runs"][0];
    let root = format!("file://{}/", repo.root.display());
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], root.as_str());
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let art = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(art["uri"], "org/teams/ops.yaml", "{r}");
        assert_eq!(art["uriBaseId"], "%SRCROOT%");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["endLine"].is_u64() && region["endColumn"].is_u64(), "{region}");
        let (start, end) = ((&region["startLine"], &region["startColumn"]), (&region["endLine"], &region["endColumn"]));
        assert!((end.0.as_u64(), end.1.as_u64()) > (start.0.as_u64(), start.1.as_u64()), "{region}");
    }
}

#[test]
fn every_code_is_a_described_rule_and_none_is_level_none() {
    let repo = Repo::new();
    let (_, v) = sarif(&repo, "", &["org"]);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), servchain::diagnostic::Code::ALL.len());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let name = rule["name"].as_str().unwrap();
        assert!(!name.eq_ignore_ascii_case(id) && name.chars().next().unwrap().is_ascii_uppercase(), "{rule}");
        for key in ["shortDescription", "fullDescription"] {
            assert!(rule[key]["text"].as_str().is_some_and(|t| t.len() > 10), "{id}: {key}");
        }
        assert!(rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string(), "{id}");
        assert!(rule["helpUri"].as_str().unwrap().starts_with("https://"), "{id}");
        assert!(rule["properties"]["tags"].is_array() && rule["properties"]["precision"].is_string(), "{id}");
        assert_ne!(rule["defaultConfiguration"]["level"], "none", "{id}");
    }
    let max_hops = rules.iter().find(|r| r["id"] == "max-hops").unwrap();
    assert_eq!(max_hops["defaultConfiguration"]["enabled"], false, "off by default");
}

#[test]
fn a_problem_with_no_place_is_a_notification_not_an_invented_location() {
    let repo = Repo::new();
    let (code, v) = sarif(&repo, "", &["org", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    let run = &v["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 0, "{run}");
    let notes = run["invocations"][0]["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["descriptor"]["id"], "invalid-baseline");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

/// Runs Microsoft's SARIF validator with GitHub's rules; returns its
/// error and warning lines.
fn validate(file: &std::path::Path) -> Vec<String> {
    let multitool = tool("SERVCHAIN_SARIF_MULTITOOL", "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")
        .expect("sarif-multitool: run .ci/run, or set SERVCHAIN_SARIF_MULTITOOL");
    let report = file.with_extension("validation.sarif");
    let out = std::process::Command::new(multitool)
        .args(["validate", "--rule-kind", "Sarif;Gh;Ghas", "--output"])
        .arg(&report)
        .arg(file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("Analysis completed successfully"), "{text}");
    text.lines().filter(|l| l.contains(": error ") || l.contains(": warning ")).map(str::to_owned).collect()
}

#[test]
#[ignore = "needs sarif-multitool"]
fn github_rules_find_nothing_wrong_with_a_policy_run_or_an_org_that_does_not_load() {
    let repo = Repo::new();
    let (code, _, _) = repo.run("org", &["check", ".", "--format", "sarif", "-o", "../policy.sarif"]);
    assert_eq!(code, 1);
    assert_eq!(validate(&repo.root.join("policy.sarif")), Vec::<String>::new());

    repo.write("org/teams/broken.yaml", "departments:\n  - id: a\n    serves: [{to: nowhere}]\n    qualty: 2\n");
    let (code, _, _) = repo.run("", &["check", "org", "--format", "sarif", "-o", "broken.sarif"]);
    assert_eq!(code, 2);
    assert_eq!(validate(&repo.root.join("broken.sarif")), Vec::<String>::new());

    let (code, _, _) =
        repo.run("", &["check", "org", "--baseline", "gone.json", "--format", "sarif", "-o", "nb.sarif"]);
    assert_eq!(code, 2);
    assert_eq!(validate(&repo.root.join("nb.sarif")), Vec::<String>::new());
}

#[test]
#[ignore = "needs sarif-multitool"]
fn diff_regressions_pass_githubs_rules_too() {
    let repo = Repo::new();
    repo.write("old.yaml", "customers: [{id: c}]\ndepartments:\n  - {id: a, serves: [{to: c, quality: 0.9}]}\n  - {id: b, serves: [{to: a, quality: 0.9}]}\n");
    repo.write(
        "new.yaml",
        "customers: [{id: c}]\ndepartments:\n  - {id: a, serves: [{to: c, quality: 0.5}]}\n  - {id: b}\n",
    );
    let (code, _, err) = repo.run("", &["diff", "old.yaml", "new.yaml", "--format", "sarif", "-o", "diff.sarif"]);
    assert_eq!(code, 0, "{err}");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.root.join("diff.sarif")).unwrap()).unwrap();
    let ids: Vec<&str> =
        log["runs"][0]["results"].as_array().unwrap().iter().filter_map(|r| r["ruleId"].as_str()).collect();
    assert!(ids.contains(&"quality-down") && ids.contains(&"cut-off"), "{ids:?}");
    assert_eq!(validate(&repo.root.join("diff.sarif")), Vec::<String>::new());
}
