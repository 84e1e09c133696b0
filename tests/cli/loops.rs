//! Loops: `feedback: true` handoffs, rework against feedback loops (against
//! brute force on small random orgs), and loops shown in flow order.

use crate::{load_err, load_ok, servchain, stdout_with_stdin};
use proptest::prelude::*;
use servchain::analysis::Analysis;
use servchain::graph::ChainGraph;
use servchain::load::load_str;
use servchain::model::{DeptIdx, Endpoint};
use std::collections::BTreeSet;

/// A random org: departments, and handoffs as (from, to, feedback); to
/// `departments` means the customer.
type Spec = (usize, Vec<(usize, usize, bool)>);

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..=7).prop_flat_map(|d| {
        let handoff = (0..d, 0..=d, prop::bool::weighted(0.35));
        (Just(d), prop::collection::vec(handoff, 0..18))
    })
}

fn yaml(spec: &Spec) -> String {
    let (d, handoffs) = spec;
    let mut y = String::from("departments:\n");
    for i in 0..*d {
        y += &format!("  - id: d{i}\n");
    }
    y += "handoffs:\n";
    for (n, (from, to, feedback)) in handoffs.iter().enumerate() {
        if from != to {
            let to = if to == d { "customer".to_owned() } else { format!("d{to}") };
            y += &format!("  - from: d{from}\n    to: {to}\n    what: w{n}\n    feedback: {feedback}\n");
        }
    }
    y
}

/// Every simple cycle of the departments, as (nodes, uses a feedback edge),
/// each found once from its smallest node.
fn simple_cycles(d: usize, edges: &[(usize, usize, bool)]) -> Vec<(BTreeSet<usize>, bool)> {
    fn walk(
        start: usize,
        v: usize,
        on: &mut Vec<usize>,
        fb: bool,
        edges: &[(usize, usize, bool)],
        out: &mut Vec<(BTreeSet<usize>, bool)>,
    ) {
        for &(_, r, f) in edges.iter().filter(|e| e.0 == v) {
            if r == start {
                out.push((on.iter().copied().collect(), fb || f));
            } else if r > start && !on.contains(&r) {
                on.push(r);
                walk(start, r, on, fb || f, edges, out);
                on.pop();
            }
        }
    }
    let mut out = Vec::new();
    for s in 0..d {
        walk(s, s, &mut vec![s], false, edges, &mut out);
    }
    out
}

fn check_case(spec: &Spec) -> Result<(), TestCaseError> {
    let (d, raw) = spec;
    let edges: Vec<(usize, usize, bool)> = raw.iter().copied().filter(|(f, t, _)| f != t && t < d).collect();
    let cycles = simple_cycles(*d, &edges);
    // Strongly connected sets by brute force: the union of the cycles
    // through each node, merged while they overlap.
    let mut sets: Vec<BTreeSet<usize>> = Vec::new();
    for (c, _) in &cycles {
        let mut merged = c.clone();
        sets.retain(|s| {
            if s.is_disjoint(&merged) {
                true
            } else {
                merged.extend(s);
                false
            }
        });
        sets.push(merged);
    }
    let mut rework = BTreeSet::new();
    let mut feedback = BTreeSet::new();
    for s in sets {
        let plain = cycles.iter().any(|(c, fb)| !fb && c.is_subset(&s));
        let ids: Vec<usize> = s.into_iter().collect();
        if plain {
            rework.insert(ids)
        } else {
            feedback.insert(ids)
        };
    }
    let text = yaml(spec);
    let org = load_str("random.yaml", &text).map_err(|e| TestCaseError::fail(crate::describe(&e)))?.org;
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let idx = |ds: &[DeptIdx]| ds.iter().map(|x| x.0 as usize).collect::<Vec<_>>();
    let got_rework: BTreeSet<Vec<usize>> = a.cycles.iter().map(|c| idx(c)).collect();
    let got_feedback: BTreeSet<Vec<usize>> = a.feedback_loops.iter().map(|l| idx(&l.departments)).collect();
    prop_assert_eq!(&got_rework, &rework, "rework loops of\n{}", text);
    prop_assert_eq!(&got_feedback, &feedback, "feedback loops of\n{}", text);
    // Each shown cycle runs through distinct departments of its loop, each
    // handing to the next; a rework loop's without feedback handoffs.
    let shown = a.cycles.iter().zip(&a.cycle_paths).map(|(c, p)| (c, p, true));
    let shown = shown.chain(a.feedback_loops.iter().map(|l| (&l.departments, &l.cycle, false)));
    for (members, path, plain) in shown {
        prop_assert!(path.len() >= 2 && path.iter().collect::<BTreeSet<_>>().len() == path.len(), "{:?}", path);
        for (k, &v) in path.iter().enumerate() {
            let next = path[(k + 1) % path.len()];
            prop_assert!(members.contains(&v));
            let linked = org
                .handoffs
                .iter()
                .any(|h| h.from == v && h.to == Endpoint::Department(next) && !(plain && h.feedback()));
            prop_assert!(linked, "no handoff {:?} -> {:?} in\n{}", v, next, text);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn rework_and_feedback_loops_match_brute_force(spec in spec()) {
        check_case(&spec)?;
    }
}

/// Final Test sends failed units back to Assembly (rework); Build sends
/// failure reports back to Design, marked as feedback.
const FACTORY: &str = "\
departments:
  - id: assembly
    name: Assembly
    serves:
      - to: test
        quality: 0.9
  - id: test
    name: Final Test
    serves:
      - to: customer
      - to: assembly
        what: failed units
        quality: 0.6
  - id: design
    name: Design
    serves:
      - to: build
  - id: build
handoffs:
  - from: build
    to: design
    what: failure reports
    feedback: true
  - from: build
    to: customer
";

#[test]
fn feedback_loads_in_serves_and_in_handoffs() {
    let org = load_ok(FACTORY).org;
    let flags: Vec<(&str, bool)> =
        org.handoffs.iter().map(|h| (h.what.as_deref().unwrap_or("-"), h.feedback())).collect();
    assert!(flags.contains(&("failure reports", true)) && flags.contains(&("failed units", false)), "{flags:?}");
    let serves = FACTORY.replace(
        "      - to: customer\n      - to: assembly",
        "      - to: customer\n      - feedback: yes\n        to: assembly",
    );
    let org = load_ok(&serves).org;
    assert!(org.handoffs.iter().any(|h| h.what.as_deref() == Some("failed units") && h.feedback()));
    let bad = FACTORY.replace("feedback: true", "feedback: often");
    let diags = load_err(&bad);
    assert!(diags.iter().any(|d| d.message.contains("`feedback` must be true or false")), "{diags:?}");
}

#[test]
fn a_feedback_loop_is_listed_apart_and_not_a_finding() {
    let table = stdout_with_stdin(&["analyze", "-"], FACTORY);
    assert!(table.contains("1 rework loop.\n1 feedback loop"), "{table}");
    let rework = table.split("Rework loops:").nth(1).unwrap_or_default();
    let feedback = table.split("Feedback loops:").nth(1).unwrap_or_default();
    assert!(
        rework.contains("Final Test -> Assembly -> Final Test")
            && !rework.split("\n\n").next().unwrap_or_default().contains("Design"),
        "{table}"
    );
    assert!(feedback.contains("build -> Design -> build"), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout_with_stdin(&["analyze", "-", "--format", "json"], FACTORY)).unwrap();
    assert_eq!(json["cycles"], serde_json::json!([["assembly", "test"]]));
    assert_eq!(json["feedback_loops"], serde_json::json!([["build", "design"]]));
    let out = servchain().args(["check", "-", "--format", "json"]).write_stdin(FACTORY).output().unwrap();
    let check = String::from_utf8_lossy(&out.stdout);
    let cycles = check.matches("\"fingerprint\": \"handoff-cycle:").count();
    assert_eq!(cycles, 1, "{check}");
    assert!(!check.contains("handoff-cycle:build"), "{check}");
    // Without the flag both loops are rework.
    let plain = FACTORY.replace("    feedback: true\n", "");
    let out = servchain().args(["check", "-", "--format", "json"]).write_stdin(plain).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).matches("\"fingerprint\": \"handoff-cycle:").count(), 2);
}

#[test]
fn a_big_loop_shows_its_size_and_one_cycle_in_flow_order() {
    // A ring of eight, with a chord making a shorter way round, and the
    // weakest handoff r3 -> r4.
    let mut y = String::from("departments:\n");
    for i in 0..8 {
        let q = if i == 3 { 0.5 } else { 0.9 };
        y += &format!("  - id: r{i}\n    serves:\n      - to: r{}\n        quality: {q}\n", (i + 1) % 8);
    }
    y += "  - id: out\n    serves:\n      - to: customer\nhandoffs:\n  - from: r6\n    to: r2\n  - from: r0\n    to: out\n";
    let table = stdout_with_stdin(&["analyze", "-"], &y);
    assert!(table.contains("8 departments, e.g. r3 -> r4 -> r5 -> r6 -> r2 -> r3"), "{table}");
}
