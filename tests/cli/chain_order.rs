//! The chain order (README, "What the figures mean"): analyze's witness
//! chain is the first chain in it, trace lists chains in it (also to one
//! customer), and no figure depends on the order of departments, handoffs
//! or files. Checked against brute force on thousands of small random orgs,
//! and on the orgs that broke it.

use crate::shuffled_org::{Spec, spec};
use crate::{servchain, stdout_with_stdin};
use proptest::prelude::*;
use servchain::analysis::{Analysis, strongest_chains};
use servchain::graph::ChainGraph;
use servchain::load::load_str;
use servchain::model::{DeptIdx, Endpoint, HandoffIdx, Org};
use servchain::report::{Report, json};
use std::cmp::Ordering;

/// The analyze JSON report of an org.
fn report_json(org: &Org) -> String {
    let g = ChainGraph::build(org);
    let a = Analysis::compute(org, &g);
    let mut out = Vec::new();
    json::write(&Report::new(org, &g, &a), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The report with its two file-order lists (departments, cut off) in id order.
fn by_id(report: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(report).unwrap();
    for list in ["departments", "cut_off"] {
        v[list].as_array_mut().unwrap().sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    }
    v
}

/// The chain order by its definition, on handoff lists: `Greater` if `a`
/// is the better chain.
fn brute_order(org: &Org, q: &[f64], a: &[usize], b: &[usize]) -> Ordering {
    // Figures folded from the customer's end, as the README says.
    let key = |c: &[usize]| {
        c.iter().rev().fold((f64::INFINITY, 1.0f64, 0usize), |(s, p, h), &i| (s.min(q[i]), q[i] * p, h + 1))
    };
    let (ka, kb) = (key(a), key(b));
    let by_key = ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(kb.2.cmp(&ka.2));
    if by_key != Ordering::Equal || a.is_empty() {
        return by_key;
    }
    if a[0] != b[0] {
        let to_what = |i: usize| {
            let h = &org.handoffs[i];
            (org.id_of(h.to).to_string(), h.what.clone().unwrap_or_default())
        };
        return to_what(b[0]).cmp(&to_what(a[0]));
    }
    brute_order(org, q, &a[1..], &b[1..])
}

/// Every simple chain of node `n`, as handoff lists, best first; only those
/// ending at `to` if given.
fn all_chains(org: &Org, g: &ChainGraph, n: usize, to: Option<usize>) -> Vec<Vec<usize>> {
    fn walk(g: &ChainGraph, n: usize, path: &mut Vec<usize>, on: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if g.is_customer(n) {
            out.push(path.clone());
            return;
        }
        for &h in g.outgoing(n) {
            let r = g.receiver(h);
            if !on.contains(&r) {
                path.push(h.0 as usize);
                on.push(r);
                walk(g, r, path, on, out);
                path.pop();
                on.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(g, n, &mut Vec::new(), &mut vec![n], &mut out);
    out.retain(|c| to.is_none_or(|t| c.last().is_some_and(|&h| g.receiver(HandoffIdx(h as u32)) == t)));
    let q: Vec<f64> = org.handoffs.iter().map(|h| h.quality.unwrap_or(1.0)).collect();
    out.sort_by(|a, b| brute_order(org, &q, b, a));
    out
}

fn check(spec: &Spec) -> Result<(), TestCaseError> {
    let text = spec.yaml(&spec.plain());
    let org = load_str("random.yaml", &text).map_err(|e| TestCaseError::fail(crate::describe(&e)))?.org;
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let as_ids = |c: &[HandoffIdx]| c.iter().map(|h| h.0 as usize).collect::<Vec<_>>();
    for d in 0..org.departments.len() {
        let all = all_chains(&org, &g, d, None);
        let witness = a.department(&g, DeptIdx(d as u32)).chain.map(|c| as_ids(&c));
        prop_assert_eq!(&witness, &all.first().cloned(), "analyze's chain of {}\n{}", spec.id(d), text);
        // trace: the first four in chain order, the first being analyze's.
        let limit = 4;
        for to in std::iter::once(None).chain(g.customers().map(Some)) {
            let found = strongest_chains(&org, &g, &a, DeptIdx(d as u32), to, limit);
            let got: Vec<Vec<usize>> = found.chains.iter().map(|c| as_ids(&c.handoffs)).collect();
            let mut want = all_chains(&org, &g, d, to);
            want.truncate(limit);
            prop_assert!(found.complete);
            prop_assert_eq!(got, want, "trace {} --to {:?}\n{}", spec.id(d), to.map(|c| spec.id(c)), text);
        }
    }

    // The same org written in other orders: the same report.
    let plain = report_json(&org);
    let same_departments = load_str("shuffled.yaml", &spec.yaml(&spec.shuffled(false))).unwrap().org;
    prop_assert_eq!(&report_json(&same_departments), &plain, "handoffs reordered\n{}", text);
    let reordered = load_str("shuffled.yaml", &spec.yaml(&spec.shuffled(true))).unwrap().org;
    prop_assert_eq!(by_id(&report_json(&reordered)), by_id(&plain), "departments reordered\n{}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn analyze_and_trace_follow_the_chain_order_whatever_the_input_order(spec in spec()) {
        check(&spec)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The binary on an org split over three files, in a shuffled order:
    /// the same JSON report byte for byte, and trace's first chain is
    /// analyze's.
    #[test]
    fn split_over_files_the_report_is_byte_identical(spec in spec()) {
        let dir = tempfile::tempdir().unwrap();
        // (An empty file is an error of its own.)
        for (i, part) in spec.files(&spec.shuffled(false), 3).into_iter().enumerate().filter(|(_, p)| !p.is_empty()) {
            std::fs::write(dir.path().join(format!("part-{i}.yaml")), part).unwrap();
        }
        let whole = stdout_with_stdin(&["analyze", "-", "--format", "json"], &spec.yaml(&spec.plain()));
        let out = servchain().arg("analyze").arg(dir.path()).args(["--format", "json"]).assert().success();
        let split = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        prop_assert_eq!(&split, &whole);
        let report: serde_json::Value = serde_json::from_str(&whole).unwrap();
        for d in report["departments"].as_array().unwrap().iter().filter(|d| !d["chain"].is_null()) {
            let id = d["id"].as_str().unwrap();
            let out = servchain().arg("trace").arg(dir.path()).args([id, "--format", "json", "--limit", "1"]).assert().success();
            let trace: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
            prop_assert_eq!(&trace["chains"][0]["chain"], &d["chain"], "{}", id);
        }
    }
}

/// Twelve layers of four departments, each serving all four of the next
/// layer, unrated: 4^12 chains tie on every figure. `customers` end it.
fn layered(customers: &[&str]) -> String {
    let mut y = format!(
        "customers: [{}]\ndepartments:\n",
        customers.iter().map(|c| format!("{{id: {c}}}")).collect::<Vec<_>>().join(", ")
    );
    for layer in 0..12 {
        for i in 0..4 {
            y += &format!("  - id: l{layer:02}-{i}\n    serves:\n");
            let next: Vec<String> = if layer == 11 {
                customers.iter().map(|c| c.to_string()).collect()
            } else {
                (0..4).map(|j| format!("l{:02}-{j}", layer + 1)).collect()
            };
            for to in next {
                y += &format!("      - to: {to}\n");
            }
        }
    }
    y
}

fn trace_json(yaml: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["trace", "-"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&stdout_with_stdin(&all, yaml)).unwrap()
}

#[test]
fn trace_finds_the_chain_when_millions_of_chains_tie() {
    let yaml = layered(&["customer"]);
    let report: serde_json::Value =
        serde_json::from_str(&stdout_with_stdin(&["analyze", "-", "--format", "json"], &yaml)).unwrap();
    for d in ["l00-0", "l00-3", "l05-2"] {
        let trace = trace_json(&yaml, &[d, "--limit", "3"]);
        let analyzed = report["departments"].as_array().unwrap().iter().find(|x| x["id"] == d).unwrap();
        assert_eq!(trace["chains"].as_array().unwrap().len(), 3, "{d}: {trace}");
        assert_eq!(trace["chains"][0]["chain"], analyzed["chain"], "{d}");
        assert_eq!(trace["complete"], true);
    }
    // Ties go to the ids that sort first, hop by hop.
    let first: Vec<String> = (1..12).map(|l| format!("l{l:02}-0")).collect();
    let trace = trace_json(&yaml, &["l00-2"]);
    let chain: Vec<&str> =
        trace["chains"][0]["chain"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(chain[1..12], first.iter().map(String::as_str).collect::<Vec<_>>()[..]);
}

#[test]
fn trace_to_one_customer_finds_its_chain_when_millions_tie() {
    let yaml = layered(&["stores", "shoppers"]);
    let trace = trace_json(&yaml, &["l00-1", "--to", "stores", "--limit", "2"]);
    let chains = trace["chains"].as_array().unwrap();
    assert_eq!(chains.len(), 2, "{trace}");
    for c in chains {
        assert_eq!(c["chain"].as_array().unwrap().last().unwrap(), "stores");
    }
    let want: Vec<String> = std::iter::once("l00-1".to_owned())
        .chain((1..12).map(|l| format!("l{l:02}-0")))
        .chain(["stores".to_owned()])
        .collect();
    assert_eq!(chains[0]["chain"], serde_json::json!(want));
}

/// Two chains of `a` tie on strength and rolled quality: one rests on one
/// unrated handoff, the other, a hop longer, on two.
const TIED: &str = "customers: [{id: c}]
departments:
  - id: a
    serves: [{to: x}, {to: y}]
  - id: x
    serves: [{to: c, quality: 0.8}]
  - id: y
    serves: [{to: w, quality: 0.8}]
  - id: w
    serves: [{to: c}]
";

#[test]
fn the_witness_and_its_unrated_count_do_not_depend_on_department_order() {
    let reversed = {
        let (head, depts) = TIED.split_once("departments:\n").unwrap();
        let mut items: Vec<&str> = depts.split("  - ").filter(|s| !s.is_empty()).collect();
        items.reverse();
        format!("{head}departments:\n  - {}", items.join("  - "))
    };
    let figures = |yaml: &str| {
        let report: serde_json::Value =
            serde_json::from_str(&stdout_with_stdin(&["analyze", "-", "--format", "json"], yaml)).unwrap();
        let a = report["departments"].as_array().unwrap().iter().find(|d| d["id"] == "a").unwrap().clone();
        (a["chain"].clone(), a["unrated_on_chain"].clone())
    };
    // Fewer hops win the tie.
    assert_eq!(figures(TIED), (serde_json::json!(["a", "x", "c"]), serde_json::json!(1)));
    assert_eq!(figures(&reversed), figures(TIED));
}

/// After a weak first handoff, the next department's own best chain is not
/// the best way on: its strength no longer counts, its rolled quality does.
/// (`a` has a chain of a better rolled quality, but it is weaker.)
#[test]
fn the_witness_follows_the_chain_order_not_the_next_departments_best_chain() {
    let yaml = "customers: [{id: c}]
departments:
  - id: a
    serves: [{to: b, quality: 0.4}, {to: c, quality: 0.35}]
  - id: b
    serves: [{to: strong, quality: 0.7}, {to: direct, quality: 0.6}]
  - id: strong
    serves: [{to: s2, quality: 0.7}]
  - id: s2
    serves: [{to: c, quality: 0.7}]
  - id: direct
    serves: [{to: c}]
";
    let org = load_str("org.yaml", yaml).unwrap().org;
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let ids = |d: &str| {
        let Some(Endpoint::Department(d)) = org.lookup(d) else { panic!("{d}") };
        let chain = a.department(&g, d).chain.unwrap();
        chain.iter().map(|&h| org.id_of(org.handoff(h).to).to_string()).collect::<Vec<_>>()
    };
    assert_eq!(ids("b"), ["strong", "s2", "c"]);
    assert_eq!(ids("a"), ["b", "direct", "c"]);
}

/// Behind a 0% handoff every chain has strength and rolled quality 0; after
/// that same handoff the tie goes to the better rest of the chain (through
/// p: 60% and 60%, stronger than through n: 50% and 100%), not to the ids
/// that sort first.
#[test]
fn ties_after_the_same_handoff_go_to_the_better_rest_of_the_chain() {
    let yaml = "customers: [{id: c}]
departments:
  - id: a
    serves: [{to: x, quality: 0}]
  - id: x
    serves: [{to: p, quality: 0.6}, {to: n, quality: 0.5}]
  - id: p
    serves: [{to: c, quality: 0.6}]
  - id: n
    serves: [{to: c}]
";
    let report: serde_json::Value =
        serde_json::from_str(&stdout_with_stdin(&["analyze", "-", "--format", "json"], yaml)).unwrap();
    assert_eq!(report["departments"][0]["chain"], serde_json::json!(["a", "x", "p", "c"]));
    let trace = trace_json(yaml, &["a"]);
    let chains: Vec<&serde_json::Value> = trace["chains"].as_array().unwrap().iter().map(|c| &c["chain"]).collect();
    assert_eq!(chains, [&serde_json::json!(["a", "x", "p", "c"]), &serde_json::json!(["a", "x", "n", "c"])]);
}

/// `x` has 2,000 routes of ever lower strength and ever higher rolled
/// quality, and 2,000 departments line up behind it: kept exactly, that is
/// four million labels. The search falls back to one label per department,
/// keeps strength and rolled quality exact, and trace says its list is not
/// certainly in order (that it fell back is what keeps it cheap; its time
/// is the benchmarks' business, not a test's, on a shared machine).
#[test]
fn an_org_built_for_many_trade_offs_stays_cheap() {
    let k = 2000;
    let mut y = String::from("customers: [{id: c}]\ndepartments:\n  - id: x\n    serves:\n");
    for i in 0..k {
        let s = 0.5 - 0.2 * i as f64 / k as f64;
        y += &format!("      - {{to: r{i}, quality: {s:.6}}}\n");
    }
    for i in 0..k {
        let s = 0.5 - 0.2 * i as f64 / k as f64;
        let p = 0.25 + 0.05 * i as f64 / k as f64;
        y += &format!("  - {{id: r{i}, serves: [{{to: c, quality: {:.6}}}]}}\n", (p / s).min(1.0));
    }
    for i in 0..k {
        let to = if i + 1 == k { "x".to_owned() } else { format!("line{}", i + 1) };
        y += &format!("  - {{id: line{i}, serves: [{{to: {to}}}]}}\n");
    }
    let report: serde_json::Value =
        serde_json::from_str(&stdout_with_stdin(&["analyze", "-", "--format", "json"], &y)).unwrap();
    let head = report["departments"].as_array().unwrap().iter().find(|d| d["id"] == "line0").unwrap();
    assert_eq!(head["strength"], 0.5);
    assert!((head["rolled_quality"].as_f64().unwrap() - 0.3).abs() < 1e-4, "{}", head["rolled_quality"]);
    assert_eq!(head["hops"], k + 2);
    let trace = trace_json(&y, &["line0", "--limit", "2"]);
    assert_eq!(trace["in_order"], false);
    assert_eq!(trace["chains"][0]["chain"], head["chain"]);
}
