//! The promise figures of SPEC §2 (*Agreements and promises*) against brute
//! force: every simple chain of every department enumerated, on thousands
//! of small random orgs whose customers carry random promises.

use crate::figures::{Brute, Spec, spec, yaml};
use proptest::prelude::*;
use servchain::analysis::Analysis;
use servchain::graph::ChainGraph;
use servchain::load::load_str;
use servchain::model::{CustomerIdx, Endpoint};
use std::time::Duration;

/// Per customer: a promised quality (%) and lead time (hours), each optional.
type Promises = Vec<(Option<u8>, Option<u8>)>;

fn promises() -> impl Strategy<Value = Promises> {
    let half = (
        prop::option::weighted(0.8, prop::sample::select(vec![0u8, 20, 35, 45, 50, 63, 81, 90, 100])),
        prop::option::weighted(0.6, 1u8..12),
    );
    prop::collection::vec(half, 3)
}

/// The random org with a `promise:` on each customer that draws one.
fn org_yaml(spec: &Spec, promises: &Promises) -> String {
    let mut text = yaml(spec);
    for (i, (q, lead)) in promises.iter().enumerate().take(spec.1) {
        let mut halves = Vec::new();
        halves.extend(q.map(|q| format!("quality: {q}%")));
        halves.extend(lead.map(|l| format!("lead_time: {l}h")));
        if !halves.is_empty() {
            let from = format!("  - id: c{i}\n");
            text = text.replacen(&from, &format!("{from}    promise: {{{}}}\n", halves.join(", ")), 1);
        }
    }
    text
}

fn check(spec: &Spec, promises: &Promises) -> Result<(), TestCaseError> {
    let text = org_yaml(spec, promises);
    let org = load_str("random.yaml", &text).map_err(|e| TestCaseError::fail(crate::describe(&e)))?.org;
    let g = ChainGraph::build(&org);
    let a = Analysis::compute(&org, &g);
    let b = Brute::new(&org, &g);
    let q = |h: usize| b.edges[h].2;
    let rolled_of = |c: &[usize]| c.iter().rev().fold(1.0, |p, &h| p * q(h));
    let lead_of = |c: &[usize]| c.iter().map(|&h| b.edges[h].3).sum::<Option<Duration>>();

    let promised: Vec<usize> = (0..org.customers.len()).filter(|&c| org.customers[c].promise.is_some()).collect();
    let got: Vec<usize> = a.promises.iter().map(|p| p.customer.0 as usize).collect();
    prop_assert_eq!(got, promised, "one entry per promised customer, by id (c0, c1, c2 are in id order)");
    for p in &a.promises {
        let target = g.node(Endpoint::Customer(p.customer));
        let level = org.customer(CustomerIdx(p.customer.0)).promise.unwrap();
        let mut reaching = Vec::new();
        for d in 0..b.departments {
            let chains: Vec<Vec<usize>> =
                b.chains(d).into_iter().filter(|c| b.edges[*c.last().unwrap()].1 == target).collect();
            if !chains.is_empty() {
                reaching.push((d, chains));
            }
        }
        let ids: Vec<usize> = p.outcomes.iter().map(|o| o.department.0 as usize).collect();
        prop_assert_eq!(ids, reaching.iter().map(|r| r.0).collect::<Vec<_>>(), "departments reaching c\n{}", text);
        for (o, (d, chains)) in p.outcomes.iter().zip(&reaching) {
            let rolled = chains.iter().map(|c| rolled_of(c)).fold(f64::NEG_INFINITY, f64::max);
            prop_assert_eq!(o.rolled_quality, rolled, "rolled quality to c, d{}\n{}", d, text);
            let lead = chains.iter().filter_map(|c| lead_of(c)).min();
            prop_assert_eq!(o.lead_time, lead, "lead time to c, d{}\n{}", d, text);
            prop_assert_eq!(o.quality_met, level.quality.map(|pq| rolled >= pq));
            prop_assert_eq!(o.lead_time_met, level.lead_time.map(|pl| lead.is_some_and(|t| t <= pl)));

            // The witness: a chain of d to c with the best rolled quality,
            // and among those the strongest, then the shortest.
            let chain: Vec<usize> = o.chain.iter().map(|h| h.0 as usize).collect();
            prop_assert!(chains.contains(&chain), "the witness is a chain of d{} to c\n{}", d, text);
            prop_assert_eq!(rolled_of(&chain), rolled);
            let strength = |c: &[usize]| c.iter().map(|&h| q(h)).fold(f64::INFINITY, f64::min);
            let best = chains
                .iter()
                .filter(|c| rolled_of(c) == rolled)
                .map(|c| (strength(c), std::cmp::Reverse(c.len())))
                .max_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
            prop_assert_eq!(Some((strength(&chain), std::cmp::Reverse(chain.len()))), best, "d{}\n{}", d, text);

            let both = o.quality_met == Some(true) && o.lead_time_met == Some(true);
            let witness_fast = lead_of(&chain).is_some_and(|t| level.lead_time.is_some_and(|pl| t <= pl));
            prop_assert_eq!(o.split, both && !witness_fast);
            prop_assert_eq!(o.met(), o.quality_met != Some(false) && o.lead_time_met != Some(false));

            match (o.quality_met, level.quality) {
                (Some(false), Some(pq)) => {
                    let fix = o.fix.expect("a missed quality half has a fix");
                    let weakest = chain.iter().copied().reduce(|w, h| if q(h) < q(w) { h } else { w }).unwrap();
                    prop_assert_eq!(fix.handoff.0 as usize, weakest);
                    let others: Vec<usize> = chain.iter().copied().filter(|&h| h != weakest).collect();
                    prop_assert_eq!(fix.needed, pq / rolled_of(&others));
                    if rolled > 0.0 {
                        let issue = pq * q(weakest) / rolled;
                        prop_assert!(
                            (fix.needed - issue).abs() <= 1e-9 * issue.max(1.0),
                            "needed as the issue defines it"
                        );
                    }
                    // The fewest handoffs that, raised to 1.0, let the chain
                    // meet the promise: over every subset of the chain.
                    let n = chain.len();
                    let fewest = (1u32..1 << n)
                        .filter(|set| {
                            let kept: Vec<usize> = (0..n).filter(|i| set & (1 << i) == 0).map(|i| chain[i]).collect();
                            rolled_of(&kept) >= pq
                        })
                        .map(u32::count_ones)
                        .min()
                        .unwrap();
                    prop_assert_eq!(fix.raise_count, fewest, "d{}\n{}", d, text);
                    prop_assert!(fix.raise_to <= 1.0 && (fewest > 1 || fix.raise_to == fix.needed));
                    prop_assert_eq!(fix.needed <= 1.0, fewest == 1);
                }
                _ => prop_assert!(o.fix.is_none()),
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn promise_figures_match_brute_force(spec in spec(), promises in promises()) {
        check(&spec, &promises)?;
    }
}
