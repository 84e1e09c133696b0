//! `servchain diff` and `servchain whatif` on before/after pairs.

use crate::{in_repo, servchain};
use serde_json::Value;

const BEFORE: &str = "customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: b, quality: 0.9}, {to: c, quality: 0.5}]\n  - id: b\n    serves: [{to: c, quality: 0.8}]\n  - id: d\n    serves: [{to: b, quality: 0.9}]\n";

fn diff(old: &str, new: &str, args: &[&str]) -> (i32, String) {
    let tmp = tempfile::tempdir().unwrap();
    let (o, n) = (tmp.path().join("old.yaml"), tmp.path().join("new.yaml"));
    std::fs::write(&o, old).unwrap();
    std::fs::write(&n, new).unwrap();
    let out = servchain().arg("diff").arg(&o).arg(&n).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

fn changes(old: &str, new: &str) -> Value {
    let (_, out) = diff(old, new, &["--format", "json"]);
    serde_json::from_str::<Value>(&out).unwrap()
}

#[test]
fn a_department_cut_off_by_a_change_is_a_regression() {
    // b loses its handoff to the customer: a and d reach c only... a still
    // has its direct handoff; b and d are cut off.
    let after = BEFORE.replace("  - id: b\n    serves: [{to: c, quality: 0.8}]\n", "  - id: b\n");
    let v = changes(BEFORE, &after);
    assert_eq!(v["changes"]["newly_cut_off"], serde_json::json!(["b", "d"]));
    assert_eq!(v["changes"]["strength_down"][0]["id"], "a");
    assert_eq!(v["changes"]["strength_down"][0]["old"], 0.8);
    assert_eq!(v["changes"]["strength_down"][0]["new"], 0.5);
    assert!(v["regressions"].as_u64().unwrap() >= 3);
    let new_rules: Vec<&str> =
        v["changes"]["findings_new"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(new_rules.contains(&"cut-off"), "{new_rules:?}");

    assert_eq!(diff(BEFORE, &after, &[]).0, 0, "a diff alone does not fail");
    assert_eq!(diff(BEFORE, &after, &["--fail-on-regression"]).0, 1);
    // The other way round, everything is an improvement.
    let v = changes(&after, BEFORE);
    assert_eq!(v["changes"]["reconnected"], serde_json::json!(["b", "d"]));
    assert_eq!(v["regressions"], 0);
    assert_eq!(diff(&after, BEFORE, &["--fail-on-regression"]).0, 0);
}

#[test]
fn identical_orgs_have_no_changes() {
    let (code, out) = diff(BEFORE, BEFORE, &["--fail-on-regression"]);
    assert_eq!(code, 0);
    assert!(out.contains("No change in the chains."), "{out}");
}

#[test]
fn single_points_of_failure_and_loops_new_and_gone() {
    // d gets a second way (to c directly): b no longer dominates d.
    let after = BEFORE.replace("  - id: d\n    serves: [{to: b, quality: 0.9}]\n", "  - id: d\n    serves: [{to: b, quality: 0.9}, {to: c, quality: 0.7}]\n  - id: e\n    serves: [{to: f}, {to: c}]\n  - id: f\n    serves: [{to: e}]\n");
    let v = changes(BEFORE, &after);
    assert_eq!(v["changes"]["spof_gone"][0]["id"], "b", "{v:#}");
    assert_eq!(v["changes"]["cycles_new"], serde_json::json!([["e", "f"]]));
    assert_eq!(v["changes"]["added"], serde_json::json!(["e", "f"]));
    assert!(v["changes"]["spof_new"].as_array().unwrap().iter().any(|c| c["id"] == "e"));
}

#[test]
fn diff_reads_the_old_side_from_stdin_for_git_show() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("org.yaml");
    std::fs::write(&new, BEFORE).unwrap();
    let out = servchain().args(["diff", "-"]).arg(&new).write_stdin(BEFORE).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("No change"));
}

#[test]
fn whatif_removing_a_department_shows_who_it_would_cut_off() {
    let out = in_repo()
        .args(["whatif", "examples/northwind-retail.yaml", "--remove", "warehouse", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["changes"]["newly_cut_off"], serde_json::json!(["inventory-control", "packaging", "receiving"]));
    assert_eq!(v["changes"]["removed"], serde_json::json!(["warehouse"]));
    // Exactly the departments analyze says depend on the warehouse.
    let report = in_repo().args(["analyze", "examples/northwind-retail.yaml", "--format", "json"]).output().unwrap();
    let r: Value = serde_json::from_slice(&report.stdout).unwrap();
    let warehouse = r["single_points_of_failure"].as_array().unwrap().iter().find(|s| s["id"] == "warehouse").unwrap();
    assert_eq!(warehouse["affected"], v["changes"]["newly_cut_off"]);
}

#[test]
fn whatif_cutting_a_handoff() {
    let out = in_repo()
        .args(["whatif", "examples/problems.yaml", "--cut", "sales:fulfillment", "--fail-on-regression"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("What if: without the handoffs sales -> fulfillment"), "{text}");
    assert!(text.contains("Newly cut off from the customer:\n  accounting\n  legal\n  pricing\n  sales\n"), "{text}");
}

#[test]
fn whatif_refuses_unknown_ids_and_missing_handoffs() {
    let run = |args: &[&str]| in_repo().args(args).output().unwrap();
    let out = run(&["whatif", "examples/problems.yaml", "--remove", "fulfilment"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean \"fulfillment\"?"));
    let out = run(&["whatif", "examples/problems.yaml", "--cut", "legal:it"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no handoff to cut"));
    let out = run(&["whatif", "examples/problems.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}
