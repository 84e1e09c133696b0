//! The roll-ups by unit against brute force on many small random orgs with
//! nested units (every figure recomputed from its definition, the biggest
//! outside dependency by removing each outside department in turn), and
//! against figures worked out by hand on a nested example.

use proptest::prelude::*;
use servchain::analysis::{Analysis, roll_up};
use servchain::graph::ChainGraph;
use servchain::load::load_str;
use servchain::model::{DeptIdx, Endpoint, HandoffIdx, Org, UnitIdx};
use std::collections::BTreeSet;

/// (departments with (unit, headcount), unit parents, customers, handoffs (from, to, quality %)).
type Spec = (Vec<(Option<usize>, Option<u8>)>, Vec<Option<usize>>, usize, Vec<(usize, usize, Option<u8>)>);

fn spec() -> impl Strategy<Value = Spec> {
    (1usize..=7, 1usize..=4, 1usize..=2).prop_flat_map(|(d, u, c)| {
        let dept = (prop::option::weighted(0.8, 0..u), prop::option::of(0u8..20));
        // A unit's parent comes before it, so parents never form a circle.
        let parents = (0..u).map(|i| if i == 0 { Just(None).boxed() } else { prop::option::of(0..i).boxed() });
        let handoff = (0..d, 0..d + c, prop::option::weighted(0.8, prop::sample::select(vec![0u8, 30, 50, 70, 90])));
        (prop::collection::vec(dept, d), parents.collect::<Vec<_>>(), Just(c), prop::collection::vec(handoff, 0..16))
    })
}

/// Department `i`'s id: ids do not sort in file order, so ties by id are tested.
fn dept_id(i: usize) -> String {
    format!("d{}", (i * 3) % 7)
}

fn yaml(spec: &Spec) -> String {
    let (depts, parents, c, handoffs) = spec;
    let mut y = String::from("units:\n");
    for (i, p) in parents.iter().enumerate() {
        y += &format!("  - id: u{i}\n");
        if let Some(p) = p {
            y += &format!("    parent: u{p}\n");
        }
    }
    y += "customers:\n";
    for i in 0..*c {
        y += &format!("  - id: c{i}\n");
    }
    y += "departments:\n";
    for (i, (unit, headcount)) in depts.iter().enumerate() {
        y += &format!("  - id: {}\n", dept_id(i));
        if let Some(u) = unit {
            y += &format!("    unit: u{u}\n");
        }
        if let Some(h) = headcount {
            y += &format!("    headcount: {h}\n");
        }
    }
    y += "handoffs:\n";
    let mut seen = BTreeSet::new();
    for (n, (from, to, q)) in handoffs.iter().enumerate() {
        if from == to {
            continue;
        }
        let to = if *to < depts.len() { dept_id(*to) } else { format!("c{}", to - depts.len()) };
        let what = if seen.insert((*from, to.clone())) { String::new() } else { format!("\n    what: w{n}") };
        y += &format!("  - from: {}\n    to: {to}{what}\n", dept_id(*from));
        if let Some(q) = q {
            y += &format!("    quality: {q}%\n");
        }
    }
    y
}

/// Whether department `from` reaches a customer without department `skip`.
fn reaches(org: &Org, from: DeptIdx, skip: Option<DeptIdx>) -> bool {
    let mut seen = BTreeSet::from([from]);
    let mut stack = vec![from];
    while let Some(d) = stack.pop() {
        if Some(d) == skip {
            continue;
        }
        for h in org.handoffs.iter().filter(|h| h.from == d) {
            match h.to {
                Endpoint::Customer(_) => return true,
                Endpoint::Department(t) if Some(t) != skip && seen.insert(t) => stack.push(t),
                Endpoint::Department(_) => {}
            }
        }
    }
    false
}

/// Whether department `d` is in unit `u` or one of its sub-units.
fn in_unit(org: &Org, d: DeptIdx, u: UnitIdx) -> bool {
    let mut at = org.department(d).unit;
    while let Some(v) = at {
        if v == u {
            return true;
        }
        at = org.units.get(v).parent;
    }
    false
}

/// The rated handoff of lowest quality passing `pick`, ties by (from, to, what).
fn weakest(org: &Org, pick: impl Fn(&servchain::model::Handoff) -> bool) -> Option<HandoffIdx> {
    let key = |i: usize| {
        let h = &org.handoffs[i];
        let (from, to) = (org.department(h.from).id.to_string(), org.id_of(h.to).to_string());
        (h.quality.unwrap_or(1.0), from, to, h.what.clone().unwrap_or_default())
    };
    (0..org.handoffs.len())
        .filter(|&i| org.handoffs[i].quality.is_some() && pick(&org.handoffs[i]))
        .min_by(|&a, &b| key(a).partial_cmp(&key(b)).unwrap())
        .map(|i| HandoffIdx(i as u32))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn every_unit_figure_matches_its_definition(spec in spec()) {
        let org = load_str("org.yaml", &yaml(&spec)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?.org;
        let g = ChainGraph::build(&org);
        let a = Analysis::compute(&org, &g);
        let figures = roll_up(&org, &a);
        prop_assert_eq!(figures.len(), org.units.len());
        let all: Vec<DeptIdx> = (0..org.departments.len() as u32).map(DeptIdx).collect();
        for f in &figures {
            let u = f.unit;
            let members: Vec<DeptIdx> = all.iter().copied().filter(|&d| in_unit(&org, d, u)).collect();
            let live: Vec<DeptIdx> = members.iter().copied().filter(|&d| reaches(&org, d, None)).collect();
            prop_assert_eq!(f.departments, members.len());
            prop_assert_eq!(f.people, members.iter().map(|&d| org.department(d).headcount.unwrap_or(0)).sum::<u64>());
            prop_assert_eq!(f.reaching_customer, live.len());
            prop_assert_eq!(f.cut_off, members.len() - live.len());
            let weakest_strength = live
                .iter()
                .map(|&d| (a.strength(d).unwrap(), org.department(d).id.to_string(), d))
                .min_by(|x, y| (x.0, &x.1).partial_cmp(&(y.0, &y.1)).unwrap())
                .map(|(s, _, d)| (s, d));
            prop_assert_eq!(f.weakest_strength, weakest_strength);
            let inside = |e: Endpoint| matches!(e, Endpoint::Department(d) if in_unit(&org, d, u));
            let is_dept = |e: Endpoint| matches!(e, Endpoint::Department(_));
            prop_assert_eq!(f.weakest_inside, weakest(&org, |h| in_unit(&org, h.from, u) && inside(h.to)));
            prop_assert_eq!(f.weakest_into, weakest(&org, |h| !in_unit(&org, h.from, u) && inside(h.to)));
            prop_assert_eq!(
                f.weakest_out,
                weakest(&org, |h| in_unit(&org, h.from, u) && is_dept(h.to) && !inside(h.to))
            );
            let mut best: Option<(u32, String, DeptIdx)> = None;
            for &x in all.iter().filter(|&&x| !in_unit(&org, x, u)) {
                let lost = live.iter().filter(|&&d| !reaches(&org, d, Some(x))).count() as u32;
                let candidate = (lost, org.department(x).id.to_string(), x);
                if lost > 0 && best.as_ref().is_none_or(|b| (std::cmp::Reverse(lost), &candidate.1) < (std::cmp::Reverse(b.0), &b.1)) {
                    best = Some(candidate);
                }
            }
            prop_assert_eq!(f.biggest_outside_dependency, best.map(|(c, _, d)| (d, c)));
        }
    }
}
