//! `servchain diff` and `servchain whatif` on before/after pairs: every
//! change at every level, regressions with tolerances, the JSON contract
//! (schema_version 2) read back into types, SARIF and GitHub annotations.

use crate::{in_repo, servchain};
use serde::Deserialize;
use serde_json::Value;

const BEFORE: &str = "customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: b, quality: 0.9}, {to: c, quality: 0.5}]\n  - id: b\n    serves: [{to: c, quality: 0.8}]\n  - id: d\n    serves: [{to: b, quality: 0.9}]\n";

/// The JSON contract other tools rely on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub schema_version: u32,
    pub title: String,
    pub note: Option<String>,
    pub summary: Value,
    pub regressions: Vec<ItemJson>,
    pub improvements: Vec<ItemJson>,
    pub no_longer_apply: Vec<ItemJson>,
    pub other_changes: Vec<ItemJson>,
    pub departments: SectionJson,
    pub customers: SectionJson,
    pub handoffs: SectionJson,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemJson {
    pub kind: String,
    pub ids: Vec<String>,
    pub message: String,
    pub old: Value,
    pub new: Value,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub version: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionJson {
    pub added: Vec<Value>,
    pub removed: Vec<Value>,
    pub changed: Vec<Value>,
}

impl Report {
    fn kinds(&self) -> Vec<&str> {
        self.regressions.iter().map(|i| i.kind.as_str()).collect()
    }
    fn regression(&self, kind: &str) -> &ItemJson {
        self.regressions.iter().find(|i| i.kind == kind).unwrap_or_else(|| panic!("no {kind} in {:?}", self.kinds()))
    }
}

fn diff(old: &str, new: &str, args: &[&str]) -> (i32, String) {
    let tmp = tempfile::tempdir().unwrap();
    let (o, n) = (tmp.path().join("old.yaml"), tmp.path().join("new.yaml"));
    std::fs::write(&o, old).unwrap();
    std::fs::write(&n, new).unwrap();
    let out = servchain().current_dir(tmp.path()).args(["diff", "old.yaml", "new.yaml"]).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

fn report(old: &str, new: &str, args: &[&str]) -> Report {
    let (_, out) = diff(old, new, &[&["--format", "json"], args].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Customer Service -> OEM customers 83% -> 71%, Warehouse -> Shipping 90% ->
/// 75%, a lead time 3w -> 8w and a handoff removed, in an org where every
/// department keeps another way to the customer.
const HANDOFFS_BEFORE: &str = "\
customers: [{id: oem, name: OEM customers}]
departments:
  - id: cs
    name: Customer Service
    serves: [{to: oem, what: answers, quality: 0.83}]
  - id: warehouse
    name: Warehouse
    serves:
      - {to: shipping, what: pallets, quality: 0.9, lead_time: 3w}
      - {to: cs, what: stock answers, quality: 0.95}
  - id: shipping
    name: Shipping
    serves: [{to: oem, what: parcels, quality: 0.99}, {to: cs, what: tracking, quality: 0.99}]
";

#[test]
fn handoff_quality_lead_time_and_removal_are_located_regressions() {
    let after = HANDOFFS_BEFORE
        .replace("quality: 0.83", "quality: 0.71")
        .replace("quality: 0.9, lead_time: 3w", "quality: 0.75, lead_time: 8w")
        .replace(", {to: cs, what: tracking, quality: 0.99}", "");
    let r = report(HANDOFFS_BEFORE, &after, &[]);
    assert_eq!(r.schema_version, 2);
    let q: Vec<&ItemJson> = r.regressions.iter().filter(|i| i.kind == "quality-down").collect();
    assert_eq!(q.len(), 2, "{:?}", r.kinds());
    assert_eq!(q[0].ids, ["cs", "oem", "answers"]);
    assert_eq!((q[0].old.as_f64(), q[0].new.as_f64()), (Some(0.83), Some(0.71)));
    assert_eq!((q[0].file.as_deref(), q[0].line, q[0].column), (Some("new.yaml"), Some(5), Some(14)));
    assert_eq!(q[1].ids, ["warehouse", "shipping", "pallets"]);
    let lead = r.regression("lead-time-up");
    assert_eq!(lead.ids, ["warehouse", "shipping", "pallets"]);
    assert_eq!((lead.old.as_u64(), lead.new.as_u64()), (Some(3 * 7 * 86400), Some(8 * 7 * 86400)));
    let removed = r.regression("handoff-removed");
    assert_eq!(removed.ids, ["shipping", "cs", "tracking"]);
    assert_eq!(removed.version.as_deref(), Some("old"), "a removed handoff is located in the old version");
    assert!(removed.message.contains("Shipping -> Customer Service (tracking) was removed"), "{}", removed.message);
    assert_eq!(
        (r.title.as_str(), r.summary["regressions"].as_u64()),
        ("old.yaml -> new.yaml", Some(r.regressions.len() as u64))
    );
    assert_eq!(r.handoffs.removed.len(), 1);
    assert_eq!(r.handoffs.changed.len(), 2);
    assert_eq!(diff(HANDOFFS_BEFORE, &after, &["--fail-on-regression"]).0, 1);
    // Text names departments by name.
    let (_, text) = diff(HANDOFFS_BEFORE, &after, &[]);
    assert!(text.contains("Customer Service -> OEM customers (answers): quality down from 83% to 71%"), "{text}");
}

#[test]
fn a_new_department_that_serves_no_one_is_a_regression() {
    let after = format!("{BEFORE}  - id: lonely\n");
    let r = report(BEFORE, &after, &[]);
    assert_eq!(r.kinds(), ["cut-off"], "counted once, not again as its finding");
    assert_eq!(r.regressions[0].ids, ["lonely"]);
    assert_eq!(r.departments.added[0]["id"], "lonely");
    assert_eq!(diff(BEFORE, &after, &["--fail-on-regression"]).0, 1);
}

#[test]
fn changes_within_the_tolerance_are_listed_but_fail_nothing() {
    let after = BEFORE.replace("{to: c, quality: 0.8}", "{to: c, quality: 0.799}");
    let r = report(BEFORE, &after, &[]);
    assert!(r.regressions.is_empty(), "{:?}", r.kinds());
    assert_eq!(r.handoffs.changed.len(), 1, "still listed as a change");
    assert_eq!(diff(BEFORE, &after, &["--fail-on-regression"]).0, 0);
    // Exactly the tolerance is not more than it.
    let exact = BEFORE.replace("{to: c, quality: 0.8}", "{to: c, quality: 0.79}");
    assert_eq!(diff(BEFORE, &exact, &["--fail-on-regression"]).0, 0);
    let strict = report(BEFORE, &after, &["--tolerance", "0"]);
    assert!(strict.kinds().contains(&"quality-down"), "{:?}", strict.kinds());
    assert_eq!(diff(BEFORE, &after, &["--fail-on-regression", "--tolerance", "0%"]).0, 1);
    // Lead times: up by more than the tolerance only.
    let slow = "customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: c, lead_time: 1d}]\n";
    let slower = slow.replace("1d", "1d 2h");
    assert!(report(slow, &slower, &[]).kinds().contains(&"lead-time-up"));
    assert!(report(slow, &slower, &["--lead-time-tolerance", "4h"]).regressions.is_empty());
    let out = servchain().args(["diff", "a", "b", "--tolerance", "2"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_department_cut_off_by_a_change_is_a_regression_and_back_an_improvement() {
    let after = BEFORE.replace("  - id: b\n    serves: [{to: c, quality: 0.8}]\n", "  - id: b\n");
    let r = report(BEFORE, &after, &[]);
    let cut: Vec<&[String]> = r.regressions.iter().filter(|i| i.kind == "cut-off").map(|i| i.ids.as_slice()).collect();
    assert_eq!(cut, [["b"], ["d"]]);
    let strength = r.regression("strength-down");
    assert_eq!(
        (strength.ids.as_slice(), strength.old.as_f64(), strength.new.as_f64()),
        (&["a".to_owned()][..], Some(0.8), Some(0.5))
    );
    assert_eq!(diff(BEFORE, &after, &[]).0, 0, "a diff alone does not fail");
    let back = report(&after, BEFORE, &[]);
    assert!(back.regressions.is_empty(), "{:?}", back.kinds());
    let up: Vec<&str> = back.improvements.iter().map(|i| i.kind.as_str()).collect();
    assert!(up.contains(&"reconnected") && up.contains(&"strength-up"), "{up:?}");
}

#[test]
fn identical_orgs_have_no_changes() {
    let (code, out) = diff(BEFORE, BEFORE, &["--fail-on-regression"]);
    assert_eq!(code, 0);
    assert!(out.contains("No change."), "{out}");
}

#[test]
fn single_points_of_failure_and_loops_new_and_gone() {
    let after = BEFORE.replace("  - id: d\n    serves: [{to: b, quality: 0.9}]\n", "  - id: d\n    serves: [{to: b, quality: 0.9}, {to: c, quality: 0.7}]\n  - id: e\n    serves: [{to: f}, {to: c}]\n  - id: f\n    serves: [{to: e}]\n");
    let r = report(BEFORE, &after, &["--tolerance", "0.5"]);
    let gone = r.improvements.iter().find(|i| i.kind == "spof-gone").unwrap();
    assert_eq!(gone.ids, ["b"]);
    // e and f are new: the loop is news (a regression), but e's hold over
    // f, which did not exist before, is no regression.
    assert_eq!(r.regression("new-cycle").ids, ["e", "f"]);
    assert!(!r.kinds().contains(&"new-spof"), "{:?}", r.kinds());
}

#[test]
fn a_new_finding_at_or_above_fail_on_is_a_regression() {
    let policy = "policy:\n  rules:\n    weak-handoff: { severity: error, threshold: 0.7 }\n";
    let before = format!("{BEFORE}{policy}");
    let after = before
        .replace("  - id: d\n    serves: [{to: b, quality: 0.9}]", "  - id: d\n    serves: [{to: b, quality: 0.65}]");
    let r = report(&before, &after, &["--tolerance", "0.5"]);
    assert_eq!(r.kinds(), ["new-finding"]);
    assert_eq!(r.regressions[0].ids, ["d", "b"]);
    // Below --fail-on it is listed, not failed.
    let r = report(&before, &after, &["--tolerance", "0.5", "--fail-on", "never"]);
    assert!(r.regressions.is_empty());
    assert_eq!(r.other_changes[0].kind, "new-finding");
    // --policy is read as check reads it.
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("policy.yaml");
    std::fs::write(&p, policy).unwrap();
    let after_plain = BEFORE
        .replace("  - id: d\n    serves: [{to: b, quality: 0.9}]", "  - id: d\n    serves: [{to: b, quality: 0.65}]");
    let r = report(BEFORE, &after_plain, &["--tolerance", "0.5", "--policy", p.to_str().unwrap()]);
    assert_eq!(r.kinds(), ["new-finding"]);
}

#[test]
fn sarif_and_github_put_each_regression_on_the_new_files_line() {
    let after = HANDOFFS_BEFORE
        .replace("quality: 0.83", "quality: 0.71")
        .replace(", {to: cs, what: tracking, quality: 0.99}", "");
    let (code, out) = diff(HANDOFFS_BEFORE, &after, &["--format", "sarif", "--fail-on-regression"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        assert!(rules.iter().any(|rule| rule["id"] == r["ruleId"]), "every rule described: {r}");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "new.yaml");
    }
    let removed = results.iter().find(|r| r["ruleId"] == "handoff-removed").unwrap();
    // On Shipping's line in the new file.
    assert_eq!(removed["locations"][0]["physicalLocation"]["region"]["startLine"], 11);
    let (_, gh) = diff(HANDOFFS_BEFORE, &after, &["--format", "github"]);
    assert!(gh.lines().any(|l| l.starts_with("::error file=new.yaml,line=11,col=9,title=handoff-removed::")), "{gh}");
    assert!(gh.lines().any(|l| l.starts_with("::error file=new.yaml,line=5,col=14,title=quality-down::")), "{gh}");
}

#[test]
fn the_regression_list_is_defined_once() {
    let help = String::from_utf8(servchain().args(["diff", "--help"]).output().unwrap().stdout).unwrap();
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for kind in servchain::diff::Kind::REGRESSIONS {
        assert!(help.contains(&format!("  {} ", kind.as_str())), "diff --help lacks {kind}");
        assert!(readme.contains(&format!("`{}`", kind.as_str())), "README lacks {kind}");
    }
}

#[test]
fn whatif_keeps_losses_apart_from_improvements_and_names_departments() {
    let out = in_repo()
        .args(["whatif", "examples/northwind-retail.yaml", "--remove", "warehouse", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let r: Report = serde_json::from_slice(&out.stdout).unwrap();
    let cut: Vec<&str> = r.regressions.iter().filter(|i| i.kind == "cut-off").map(|i| i.ids[0].as_str()).collect();
    assert_eq!(cut, ["inventory-control", "packaging", "receiving"]);
    assert_eq!(r.departments.removed[0]["id"], "warehouse");
    // Nothing vanished only because it is gone or cut off counts as better.
    assert!(r.improvements.is_empty(), "{:?}", r.improvements);
    let lost: Vec<&str> = r.no_longer_apply.iter().map(|i| i.kind.as_str()).collect();
    assert!(lost.contains(&"spof-gone") && lost.contains(&"fixed-finding"), "{lost:?}");
    // Exactly the departments analyze says depend on the warehouse.
    let report = in_repo().args(["analyze", "examples/northwind-retail.yaml", "--format", "json"]).output().unwrap();
    let a: Value = serde_json::from_slice(&report.stdout).unwrap();
    let warehouse = a["single_points_of_failure"].as_array().unwrap().iter().find(|s| s["id"] == "warehouse").unwrap();
    assert_eq!(warehouse["affected"], serde_json::json!(cut));
    let text = String::from_utf8(
        in_repo().args(["whatif", "examples/northwind-retail.yaml", "--remove", "warehouse"]).output().unwrap().stdout,
    )
    .unwrap();
    assert!(text.starts_with("What if: without Warehouse & Distribution (warehouse)\n"), "{text}");
    assert!(text.contains("Departments cut off as a result:\n  Inventory Control is newly cut off"), "{text}");
    assert!(!text.contains("qc-lab") && !text.contains("Single points of failure gone"), "{text}");
}

#[test]
fn whatif_calls_no_pre_existing_loop_new() {
    let org = "customers: [{id: c}]\ndepartments:\n  - id: assembly\n    serves: [{to: test-bench}, {to: c}]\n  - id: test-bench\n    serves: [{to: assembly}, {to: w}]\n  - id: w\n    serves: [{to: assembly}]\n";
    let out = servchain().args(["whatif", "-", "--remove", "w", "--format", "json"]).write_stdin(org).output().unwrap();
    let r: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!r.kinds().contains(&"new-cycle"), "{:?}", r.kinds());
    assert_eq!(r.other_changes.iter().filter(|i| i.kind == "loop-changed").count(), 1);
}

#[test]
fn whatif_cutting_a_handoff() {
    let out = in_repo()
        .args(["whatif", "examples/problems.yaml", "--cut", "sales:fulfillment", "--fail-on-regression"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("What if: without the handoffs Sales (sales) -> Fulfillment (fulfillment)\n"), "{text}");
    assert!(text.contains("Handoffs taken away:\n  Sales -> Fulfillment (Sales orders)"), "{text}");
    assert!(!text.contains("was removed"), "the scenario is not a regression of its own: {text}");
    assert!(text.contains("Departments cut off as a result:\n  Accounting is newly cut off"), "{text}");
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

#[test]
fn diff_reads_the_old_side_from_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("org.yaml");
    std::fs::write(&new, BEFORE).unwrap();
    let out = servchain().args(["diff", "-"]).arg(&new).write_stdin(BEFORE).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("No change"));
}

#[test]
fn an_old_version_that_does_not_load_is_compared_as_empty() {
    let (code, out) = diff("departments: [{id: a, serves: [{to: nowhere}]}]\n", BEFORE, &["--fail-on-regression"]);
    assert_eq!(code, 0, "the fix passes: {out}");
    assert_eq!(
        out.lines().next().unwrap_or(""),
        "The old version (old.yaml) does not load (1 error): compared with an empty org, so everything in the new one is new."
    );
    let r = report("{", BEFORE, &[]);
    assert!(r.note.is_some());
    assert_eq!(r.departments.added.len(), 3);
    assert_eq!(r.customers.added[0]["id"], "c");
    // The new version still must load.
    assert_eq!(diff(BEFORE, "{", &[]).0, 2);
}
