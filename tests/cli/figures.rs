//! Every figure of SPEC §2 against a brute-force implementation, on
//! thousands of small random orgs: cycles, parallel handoffs, several
//! customers, zero, tied and unrated qualities, partial lead times.

use proptest::prelude::*;
use servchain::analysis::{Analysis, CutOffReason};
use servchain::graph::ChainGraph;
use servchain::load::load_str;
use servchain::model::{DeptIdx, HandoffIdx, Org};
use std::collections::BTreeSet;
use std::time::Duration;

/// A random org: (departments, customers, handoffs as (from, to, quality %, lead hours)).
pub type Spec = (usize, usize, Vec<(usize, usize, Option<u8>, Option<u8>)>);

pub fn spec() -> impl Strategy<Value = Spec> {
    (1usize..=7, 1usize..=3).prop_flat_map(|(d, c)| {
        let handoff = (
            0..d,
            0..d + c,
            prop::option::weighted(0.8, prop::sample::select(vec![0u8, 30, 50, 50, 70, 90, 100])),
            prop::option::weighted(0.7, 1u8..5),
        );
        (Just(d), Just(c), prop::collection::vec(handoff, 0..16))
    })
}

pub fn yaml(spec: &Spec) -> String {
    let (d, c, handoffs) = spec;
    let mut y = String::from("customers:\n");
    for i in 0..*c {
        y += &format!("  - id: c{i}\n");
    }
    y += "departments:\n";
    for i in 0..*d {
        y += &format!("  - id: d{i}\n");
    }
    y += "handoffs:\n";
    let mut seen = BTreeSet::new();
    for (n, (from, to, q, lead)) in handoffs.iter().enumerate() {
        if from == to {
            continue;
        }
        let to = if *to < *d { format!("d{to}") } else { format!("c{}", to - d) };
        // Parallel handoffs between one pair get different `what`s.
        let what = if seen.insert((*from, to.clone())) { String::new() } else { format!("\n    what: w{n}") };
        y += &format!("  - from: d{from}\n    to: {to}{what}\n");
        if let Some(q) = q {
            y += &format!("    quality: {}%\n", q);
        }
        if let Some(l) = lead {
            y += &format!("    lead_time: {l}h\n");
        }
    }
    y
}

/// The graph as plain lists, for brute force.
pub struct Brute {
    pub departments: usize,
    /// (from node, to node, quality, lead)
    pub edges: Vec<(usize, usize, f64, Option<Duration>)>,
    pub customers: BTreeSet<usize>,
}

impl Brute {
    pub fn new(org: &Org, g: &ChainGraph) -> Self {
        let edges = org
            .handoffs
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h_idx = HandoffIdx(i as u32);
                (g.supplier(h_idx), g.receiver(h_idx), h.quality.unwrap_or(1.0), h.lead_time)
            })
            .collect();
        Brute { departments: org.departments.len(), edges, customers: g.customers().collect() }
    }

    /// Whether `from` reaches a customer without node `skip_node` or handoff `skip_edge`.
    fn reaches(&self, from: usize, skip_node: Option<usize>, skip_edge: Option<usize>) -> bool {
        if Some(from) == skip_node {
            return false;
        }
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if self.customers.contains(&n) {
                return true;
            }
            for (i, &(a, b, _, _)) in self.edges.iter().enumerate() {
                if a == n && Some(i) != skip_edge && Some(b) != skip_node && seen.insert(b) {
                    stack.push(b);
                }
            }
        }
        false
    }

    /// The live departments (other than `skip_node`) that no longer reach a
    /// customer without node `skip_node` or handoff `skip_edge`.
    fn lost(&self, live: &[bool], skip_node: Option<usize>, skip_edge: Option<usize>) -> Vec<DeptIdx> {
        (0..self.departments)
            .filter(|&d| Some(d) != skip_node && live[d] && !self.reaches(d, skip_node, skip_edge))
            .map(|d| DeptIdx(d as u32))
            .collect()
    }

    /// Whether `from` reaches a customer using only handoffs whose quality passes `ok`.
    fn reaches_with(&self, from: usize, ok: impl Fn(f64) -> bool) -> bool {
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if self.customers.contains(&n) {
                return true;
            }
            for &(a, b, q, _) in &self.edges {
                if a == n && ok(q) && seen.insert(b) {
                    stack.push(b);
                }
            }
        }
        false
    }

    fn reachable_from(&self, from: usize) -> BTreeSet<usize> {
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for &(a, b, _, _) in &self.edges {
                if a == n && seen.insert(b) {
                    stack.push(b);
                }
            }
        }
        seen
    }

    /// Every simple chain from `from` to a customer, as handoff lists.
    pub fn chains(&self, from: usize) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let mut path = Vec::new();
        let mut on = BTreeSet::from([from]);
        self.walk(from, &mut path, &mut on, &mut out);
        out
    }

    fn walk(&self, n: usize, path: &mut Vec<usize>, on: &mut BTreeSet<usize>, out: &mut Vec<Vec<usize>>) {
        if self.customers.contains(&n) {
            out.push(path.clone());
            return;
        }
        for (i, &(a, b, _, _)) in self.edges.iter().enumerate() {
            if a == n && on.insert(b) {
                path.push(i);
                self.walk(b, path, on, out);
                path.pop();
                on.remove(&b);
            }
        }
    }
}

fn check(spec: &Spec) -> Result<(), TestCaseError> {
    let text = yaml(spec);
    let org = match load_str("random.yaml", &text) {
        Ok(l) => l.org,
        Err(e) => return Err(TestCaseError::fail(format!("{}\n{text}", crate::describe(&e)))),
    };
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let b = Brute::new(&org, &g);
    let live: Vec<bool> = (0..b.departments).map(|d| b.reaches(d, None, None)).collect();
    let key = |h: usize| servchain::analysis::handoff_key(&org, HandoffIdx(h as u32));

    for d in 0..b.departments {
        let f = a.department(&g, DeptIdx(d as u32));
        let chains = b.chains(d);
        prop_assert_eq!(live[d], !chains.is_empty(), "reaches customer, d{}\n{}", d, text);
        if chains.is_empty() {
            let reason =
                if b.edges.iter().any(|e| e.0 == d) { CutOffReason::DeadEnd } else { CutOffReason::NoHandoffs };
            prop_assert_eq!(f.cut_off, Some(reason));
            prop_assert!(
                f.hops.is_none() && f.strength.is_none() && f.chain.is_none() && f.weakest_downstream.is_none()
            );
            for end in a.reach.ends_at(&g, DeptIdx(d as u32)) {
                prop_assert!(!live[end.0 as usize], "ends_at names only cut-off departments");
            }
            continue;
        }
        prop_assert_eq!(f.cut_off, None);
        let q = |h: &usize| b.edges[*h].2;
        let hops = chains.iter().map(Vec::len).min().unwrap() as u32;
        prop_assert_eq!(f.hops, Some(hops), "hops d{}", d);
        let strength =
            chains.iter().map(|c| c.iter().map(q).fold(f64::INFINITY, f64::min)).fold(f64::NEG_INFINITY, f64::max);
        prop_assert_eq!(f.strength, Some(strength), "strength d{}\n{}", d, text);
        // Products folded from the customer end, as chains are built.
        let rolled = chains.iter().map(|c| c.iter().rev().fold(1.0, |p, h| p * q(h))).fold(f64::NEG_INFINITY, f64::max);
        prop_assert_eq!(f.rolled_quality, Some(rolled), "rolled d{}", d);
        let lead = chains.iter().filter_map(|c| c.iter().map(|h| b.edges[*h].3).sum::<Option<Duration>>()).min();
        prop_assert_eq!(f.lead_time, lead, "lead time d{}", d);

        // The witness is a real chain of d, as strong as d's strength.
        let chain: Vec<usize> = f.chain.clone().unwrap().iter().map(|h| h.0 as usize).collect();
        prop_assert_eq!(b.edges[chain[0]].0, d);
        for w in chain.windows(2) {
            prop_assert_eq!(b.edges[w[0]].1, b.edges[w[1]].0);
        }
        prop_assert!(b.customers.contains(&b.edges[*chain.last().unwrap()].1));
        prop_assert_eq!(chain.iter().map(q).fold(f64::INFINITY, f64::min), strength);
        let weakest = chain.iter().copied().reduce(|w, h| if q(&h) < q(&w) { h } else { w });
        prop_assert_eq!(f.weakest_link.map(|h| h.0 as usize), weakest);

        // Weakest downstream: over handoffs from anything d reaches into anything live.
        let reach = b.reachable_from(d);
        let is_live = |n: usize| b.customers.contains(&n) || (n < b.departments && live[n]);
        let downstream = (0..b.edges.len())
            .filter(|&h| reach.contains(&b.edges[h].0) && is_live(b.edges[h].1))
            .min_by(|&x, &y| q(&x).total_cmp(&q(&y)).then_with(|| key(x).cmp(&key(y))));
        prop_assert_eq!(f.weakest_downstream.map(|h| h.0 as usize), downstream, "weakest downstream d{}\n{}", d, text);
    }

    // Single points of failure: remove each department and recount.
    for x in 0..b.departments {
        let lost = b.lost(&live, Some(x), None);
        prop_assert_eq!(
            a.dominators.department_impact(DeptIdx(x as u32)) as usize,
            lost.len(),
            "spof d{}\n{}",
            x,
            text
        );
        let mut behind = a.dominators.departments_behind(DeptIdx(x as u32)).to_vec();
        behind.sort_unstable();
        prop_assert_eq!(behind, lost);
    }
    // Critical handoffs: remove each handoff and recount.
    for h in 0..b.edges.len() {
        let lost = b.lost(&live, None, Some(h));
        prop_assert_eq!(
            a.dominators.handoff_impact(HandoffIdx(h as u32)) as usize,
            lost.len(),
            "critical {}\n{}",
            h,
            text
        );
        let mut using = a.dominators.departments_using(HandoffIdx(h as u32)).to_vec();
        using.sort_unstable();
        prop_assert_eq!(using, lost);
    }

    // Cycles: departments that reach each other, each group once.
    let mut groups: BTreeSet<Vec<String>> = BTreeSet::new();
    for d in 0..b.departments {
        let mut group: Vec<String> = (0..b.departments)
            .filter(|&e| b.reachable_from(d).contains(&e) && b.reachable_from(e).contains(&d))
            .map(|e| org.departments[e].id.to_string())
            .collect();
        group.sort();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    let cycles: Vec<Vec<String>> =
        a.cycles.iter().map(|c| c.iter().map(|&d| org.department(d).id.to_string()).collect()).collect();
    prop_assert_eq!(cycles, groups.into_iter().collect::<Vec<_>>());

    // Weakest links: every handoff into something live, in the specified order.
    let impact = |h: usize| b.lost(&live, None, Some(h)).len();
    let mut expected: Vec<usize> = (0..b.edges.len())
        .filter(|&h| {
            let r = b.edges[h].1;
            b.customers.contains(&r) || live[r]
        })
        .collect();
    expected.sort_by(|&x, &y| {
        b.edges[x].2.total_cmp(&b.edges[y].2).then_with(|| impact(y).cmp(&impact(x))).then_with(|| key(x).cmp(&key(y)))
    });
    let got: Vec<usize> = a.weakest_links.iter().map(|h| h.0 as usize).collect();
    prop_assert_eq!(got, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn every_figure_matches_brute_force(spec in spec()) {
        check(&spec)?;
    }
}

/// Larger random orgs (up to 40 departments), for the dominator tree's path
/// compression and the searches: single points of failure, critical
/// handoffs and reachability by removal, strength by sweeping thresholds.
fn check_large(spec: &Spec) -> Result<(), TestCaseError> {
    let text = yaml(spec);
    let org = load_str("random.yaml", &text).map_err(|e| TestCaseError::fail(crate::describe(&e)))?.org;
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let b = Brute::new(&org, &g);
    let live: Vec<bool> = (0..b.departments).map(|d| b.reaches(d, None, None)).collect();
    let mut thresholds: Vec<f64> = b.edges.iter().map(|e| e.2).collect();
    thresholds.sort_by(|x, y| y.total_cmp(x));
    for (d, &is_live) in live.iter().enumerate() {
        let f = a.department(&g, DeptIdx(d as u32));
        // The strength is the highest threshold at which d still reaches a
        // customer through handoffs at least that good.
        let strength = thresholds.iter().copied().find(|&t| b.reaches_with(d, |q| q >= t));
        prop_assert_eq!(f.strength, strength, "strength d{}\n{}", d, text);
        prop_assert_eq!(f.cut_off.is_none(), is_live);
    }
    for x in 0..b.departments {
        let lost = b.lost(&live, Some(x), None).len();
        prop_assert_eq!(a.dominators.department_impact(DeptIdx(x as u32)) as usize, lost, "spof d{}\n{}", x, text);
    }
    for h in 0..b.edges.len() {
        let lost = b.lost(&live, None, Some(h)).len();
        prop_assert_eq!(a.dominators.handoff_impact(HandoffIdx(h as u32)) as usize, lost, "critical {}\n{}", h, text);
    }
    Ok(())
}

fn large_spec() -> impl Strategy<Value = Spec> {
    (8usize..=40, 1usize..=3).prop_flat_map(|(d, c)| {
        let handoff = (
            0..d,
            0..d + c,
            prop::option::weighted(0.9, prop::sample::select(vec![10u8, 30, 50, 60, 70, 80, 90, 100])),
            Just(None),
        );
        (Just(d), Just(c), prop::collection::vec(handoff, d..d * 2 + 10))
    })
}

/// `trace` lists chains in order of strength, then rolled quality, then
/// hops, exactly as brute force sorts every simple chain.
fn check_trace(spec: &Spec) -> Result<(), TestCaseError> {
    let text = yaml(spec);
    let org = load_str("random.yaml", &text).map_err(|e| TestCaseError::fail(crate::describe(&e)))?.org;
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let b = Brute::new(&org, &g);
    for d in 0..b.departments {
        let mut all: Vec<(f64, f64, usize)> = b
            .chains(d)
            .iter()
            .map(|c| {
                let q = |h: &usize| b.edges[*h].2;
                (c.iter().map(q).fold(f64::INFINITY, f64::min), c.iter().rev().fold(1.0, |p, h| p * q(h)), c.len())
            })
            .collect();
        all.sort_by(|x, y| y.0.total_cmp(&x.0).then(y.1.total_cmp(&x.1)).then(x.2.cmp(&y.2)));
        let limit = 4;
        let found = servchain::analysis::strongest_chains(&org, &g, &a, DeptIdx(d as u32), None, limit);
        prop_assert!(found.complete);
        let got: Vec<(f64, f64, usize)> =
            found.chains.iter().map(|c| (c.strength, c.rolled_quality, c.handoffs.len())).collect();
        all.truncate(limit);
        prop_assert_eq!(&got, &all, "trace d{}\n{}", d, text);
        // analyze's strength is the first chain's (chain_order.rs checks
        // that analyze's chain is that chain).
        let f = a.department(&g, DeptIdx(d as u32));
        if let (Some(first), Some(strength)) = (got.first(), f.strength) {
            prop_assert_eq!(first.0, strength);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn figures_of_larger_orgs_match_brute_force(spec in large_spec()) {
        check_large(&spec)?;
    }

    #[test]
    fn trace_orders_chains_as_brute_force_does(spec in spec()) {
        check_trace(&spec)?;
    }
}

#[test]
fn a_chain_of_thirty_thousand_departments_needs_no_deep_stack() {
    // Run on a small stack, as a test thread has: nothing may recurse per department.
    let n = 30_000;
    let mut y = String::from("customers: [{id: c}]\ndepartments:\n");
    for i in 0..n {
        let to = if i + 1 == n { "c".to_owned() } else { format!("d{}", i + 1) };
        y += &format!("  - {{id: d{i}, serves: [{{to: {to}, quality: 0.9}}]}}\n");
    }
    let org = load_str("line.yaml", &y).unwrap().org;
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let first = a.department(&g, DeptIdx(0));
    assert_eq!(first.hops, Some(n as u32));
    assert_eq!(first.chain.map(|c| c.len()), Some(n));
    // Every department is a single point of failure for all before it.
    assert_eq!(a.dominators.department_impact(DeptIdx(n as u32 - 1)), n as u32 - 1);
    assert_eq!(a.dominators.departments_behind(DeptIdx(1)), [DeptIdx(0)]);
}
