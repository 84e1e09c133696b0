//! The reports of `analyze` and `trace`: the JSON report read back into
//! types, snapshots of what people read, and byte-identical reruns.

use crate::{examples, in_repo, repo_stdout, servchain, stdout_with_stdin};
use predicates::prelude::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct JsonReport {
    schema_version: u32,
    organization: Option<String>,
    summary: Summary,
    departments: Vec<Department>,
    cut_off: Vec<CutOff>,
    weakest_links: Vec<WeakLink>,
    single_points_of_failure: Vec<Spof>,
    critical_handoffs: Vec<Critical>,
    cycles: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Summary {
    departments: usize,
    customers: usize,
    handoffs: usize,
    reaching_customer: usize,
    cut_off: usize,
    cycles: usize,
    single_points_of_failure: usize,
    unrated_handoffs: usize,
}

#[derive(Debug, Deserialize)]
struct Department {
    id: String,
    name: String,
    reaches_customer: bool,
    hops: Option<u32>,
    strength: Option<f64>,
    rolled_quality: Option<f64>,
    lead_time_seconds: Option<f64>,
    chain: Option<Vec<String>>,
    weakest_link: Option<Handoff>,
    weakest_downstream: Option<Handoff>,
    spof_impact: u32,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Handoff {
    from: String,
    to: String,
    what: Option<String>,
    quality: Option<f64>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct CutOff {
    id: String,
    reason: String,
    ends_at: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct WeakLink {
    from: String,
    to: String,
    what: Option<String>,
    quality: Option<f64>,
    impact: u32,
}

#[derive(Debug, Deserialize)]
struct Spof {
    id: String,
    impact: u32,
    affected: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Critical {
    from: String,
    to: String,
    what: Option<String>,
    impact: u32,
    affected: Vec<String>,
}

fn json_report(path: &std::path::Path) -> JsonReport {
    let out =
        servchain().arg("analyze").arg(path).args(["--format", "json"]).assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn the_json_report_has_every_field_of_the_contract() {
    let r = json_report(&examples().join("problems.yaml"));
    assert_eq!(r.schema_version, 1);
    assert_eq!(r.organization.as_deref(), Some("Tiny Trading Co."));
    assert_eq!(
        r.summary,
        Summary {
            departments: 10,
            customers: 1,
            handoffs: 11,
            reaching_customer: 8,
            cut_off: 2,
            cycles: 1,
            single_points_of_failure: 2,
            unrated_handoffs: 1
        }
    );
    assert_eq!(r.departments.len(), 10);

    let dept = |id: &str| r.departments.iter().find(|d| d.id == id).unwrap();
    let f = dept("fulfillment");
    assert_eq!((f.name.as_str(), f.reaches_customer, f.hops, f.strength), ("Fulfillment", true, Some(1), Some(0.86)));
    assert_eq!(f.chain.as_deref(), Some(&["fulfillment".to_owned(), "buyers".to_owned()][..]));
    assert_eq!(f.lead_time_seconds, Some(3.0 * 86_400.0));
    assert_eq!(f.spof_impact, 7);

    let p = dept("pricing");
    assert_eq!(p.strength, Some(0.52));
    assert_eq!(p.weakest_link.as_ref().map(|h| (h.from.as_str(), h.to.as_str())), Some(("pricing", "sales")));
    assert!((p.rolled_quality.unwrap() - 0.52 * 0.8 * 0.86).abs() < 1e-12);
    // Pricing's work can also pass through purchasing's 48% handoff? No: it
    // cannot reach purchasing. Its worst downstream link is its own.
    assert_eq!(p.weakest_downstream.as_ref().unwrap().quality, Some(0.52));

    let lab = dept("innovation-lab");
    assert!(!lab.reaches_customer);
    assert!(lab.hops.is_none() && lab.strength.is_none() && lab.rolled_quality.is_none());
    assert!(lab.lead_time_seconds.is_none() && lab.chain.is_none() && lab.weakest_link.is_none());
    assert!(lab.weakest_downstream.is_none());

    assert_eq!(
        r.cut_off,
        vec![
            CutOff { id: "innovation-lab".into(), reason: "no-handoffs".into(), ends_at: vec![] },
            CutOff { id: "market-research".into(), reason: "dead-end".into(), ends_at: vec!["innovation-lab".into()] },
        ]
    );
    let w = &r.weakest_links[0];
    assert_eq!((w.from.as_str(), w.to.as_str(), w.quality, w.impact), ("purchasing", "fulfillment", Some(0.48), 1));
    assert_eq!(w.what.as_deref(), Some("Restocked inventory"));
    let unrated = r.weakest_links.iter().find(|w| w.quality.is_none()).unwrap();
    assert_eq!(unrated.from, "accounting");
    assert_eq!(r.weakest_links.len(), 10, "handoffs into cut-off departments are not weakest links");

    assert_eq!(r.single_points_of_failure[0].id, "fulfillment");
    assert_eq!(r.single_points_of_failure[0].impact, 7);
    assert_eq!(r.single_points_of_failure[0].affected.len(), 7);
    assert_eq!(r.single_points_of_failure[1].affected, ["accounting", "legal", "pricing"]);
    let c = &r.critical_handoffs[0];
    assert_eq!((c.from.as_str(), c.to.as_str(), c.impact, c.affected.len()), ("fulfillment", "buyers", 8, 8));
    assert_eq!(c.what.as_deref(), Some("Delivered orders"));
    assert!(r.critical_handoffs.windows(2).all(|w| w[0].impact >= w[1].impact));
    assert_eq!(r.cycles, [["pricing", "sales"]]);
}

#[test]
fn every_example_gives_a_json_report_that_reads_back() {
    for ex in ["northwind-retail.yaml", "st-marys-hospital.yaml", "acme-software"] {
        let r = json_report(&examples().join(ex));
        assert_eq!(r.departments.len(), r.summary.departments, "{ex}");
        assert_eq!(r.summary.cut_off, r.cut_off.len(), "{ex}");
        assert_eq!(r.summary.single_points_of_failure, r.single_points_of_failure.len(), "{ex}");
        for d in &r.departments {
            let chain = d.chain.as_ref().unwrap();
            assert_eq!(chain.first(), Some(&d.id));
            assert!((d.hops.unwrap() as usize) < chain.len());
        }
    }
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    for format in ["table", "json"] {
        let runs: Vec<String> =
            (0..3).map(|_| repo_stdout(&["analyze", "examples/acme-software", "--all", "--format", format])).collect();
        assert!(runs.windows(2).all(|w| w[0] == w[1]), "{format}");
    }
}

#[test]
fn the_table_report_of_each_example() {
    for ex in ["problems.yaml", "northwind-retail.yaml", "st-marys-hospital.yaml", "acme-software"] {
        let out = repo_stdout(&["analyze", &format!("examples/{ex}")]);
        insta::assert_snapshot!(format!("analyze-{ex}"), out);
    }
}

#[test]
fn long_sections_are_cut_to_the_top_n() {
    let out = repo_stdout(&["analyze", "examples/northwind-retail.yaml", "--top", "3"]);
    assert!(out.contains("more (--all shows every row)"), "{out}");
    let all = repo_stdout(&["analyze", "examples/northwind-retail.yaml", "--all"]);
    assert!(!all.contains("--all shows every row"));
}

#[test]
fn trace_shows_chains_strongest_first() {
    insta::assert_snapshot!("trace-problems-legal", repo_stdout(&["trace", "examples/problems.yaml", "legal"]));
    insta::assert_snapshot!(
        "trace-northwind-payroll",
        repo_stdout(&["trace", "examples/northwind-retail.yaml", "payroll", "--limit", "3"])
    );
    insta::assert_snapshot!("trace-cut-off", repo_stdout(&["trace", "examples/problems.yaml", "market-research"]));
}

#[test]
fn trace_json_lists_chains_in_order() {
    let out = repo_stdout(&["trace", "examples/northwind-retail.yaml", "payroll", "--format", "json", "--limit", "4"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let chains = v["chains"].as_array().unwrap();
    assert!(!chains.is_empty() && chains.len() <= 4);
    let key = |c: &serde_json::Value| (c["strength"].as_f64().unwrap(), c["rolled_quality"].as_f64().unwrap());
    for w in chains.windows(2) {
        let (a, b) = (key(&w[0]), key(&w[1]));
        assert!(a.0 > b.0 || (a.0 == b.0 && a.1 >= b.1), "{a:?} before {b:?}");
    }
    for c in chains {
        assert_eq!(c["chain"][0], "payroll");
        assert_eq!(c["hops"].as_u64().unwrap() as usize, c["handoffs"].as_array().unwrap().len());
    }
    // The first chain is as strong as the department.
    let report = json_report(&examples().join("northwind-retail.yaml"));
    let payroll = report.departments.iter().find(|d| d.id == "payroll").unwrap();
    assert_eq!(chains[0]["strength"].as_f64(), payroll.strength);
}

#[test]
fn trace_to_one_customer_ends_there() {
    let out = repo_stdout(&["trace", "examples/northwind-retail.yaml", "it", "--to", "stores", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!v["chains"].as_array().unwrap().is_empty());
    for c in v["chains"].as_array().unwrap() {
        assert_eq!(c["chain"].as_array().unwrap().last().unwrap(), "stores");
    }
}

#[test]
fn trace_refuses_unknown_departments_with_a_suggestion() {
    in_repo()
        .args(["trace", "examples/problems.yaml", "legl"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("there is no department \"legl\""))
        .stderr(predicate::str::contains("did you mean \"legal\"?"));
    in_repo()
        .args(["trace", "examples/problems.yaml", "buyers"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a customer"));
    in_repo()
        .args(["trace", "examples/problems.yaml", "legal", "--to", "buyrs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean \"buyers\"?"));
}

#[test]
fn output_files_are_written_whole_and_nothing_goes_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("report.json");
    in_repo()
        .args(["analyze", "examples/problems.yaml", "--format", "json", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(written["summary"]["departments"], 10);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

/// 25 layers of 4 departments, each serving all 4 of the next: 4^25 chains.
fn layered_org() -> String {
    let mut y = String::from("customers: [{id: c}]\ndepartments:\n");
    for layer in 0..25 {
        for i in 0..4 {
            y += &format!("  - id: l{layer}-{i}\n    serves:\n");
            if layer == 24 {
                y += "      - to: c\n";
            } else {
                for j in 0..4 {
                    y += &format!("      - {{to: l{}-{j}, quality: 0.{}}}\n", layer + 1, 5 + (i + j + layer) % 5);
                }
            }
        }
    }
    y
}

#[test]
fn trace_stays_bounded_on_an_org_with_astronomically_many_chains() {
    let org = layered_org();
    let out = stdout_with_stdin(&["trace", "-", "l0-0", "--format", "json"], &org);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["chains"].as_array().unwrap().len(), 5);
    assert_eq!(v["complete"], true);
    // Asking for more chains than the work limit allows says so.
    let text = stdout_with_stdin(&["trace", "-", "l0-0", "--limit", "1000000"], &org);
    assert!(text.contains("The search stopped at its work limit"), "{}", &text[text.len().saturating_sub(300)..]);
}
