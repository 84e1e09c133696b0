//! Promises to customers (SPEC §2, *Agreements and promises*): for each
//! customer with a `promise:`, every department that reaches it, its best
//! rolled quality and shortest lead time over its chains that end at that
//! customer, whether it meets each stated half, and for a missed quality
//! half the fix. One label search and one shortest-path search from each
//! promised customer over the reversed graph: near-linear per customer,
//! no chain is ever enumerated.

use super::{IdOrder, Labels, paths};
use crate::graph::ChainGraph;
use crate::model::{CustomerIdx, DeptIdx, Endpoint, HandoffIdx, Level, Org};
use std::time::Duration;

/// One promised customer and how each department that reaches it fares.
#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    pub customer: CustomerIdx,
    pub level: Level,
    /// The departments with a chain to the customer, in id order.
    pub outcomes: Vec<Outcome>,
}

/// One department's figures against one customer's promise.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub department: DeptIdx,
    /// The best rolled quality over the department's chains to the customer.
    pub rolled_quality: f64,
    /// The shortest lead time over its chains to the customer whose every
    /// handoff states one; `None` if no such chain.
    pub lead_time: Option<Duration>,
    /// The best-rolled chain to the customer: the first in the chain order
    /// (see `key`) among the chains with the best rolled quality.
    pub chain: Vec<HandoffIdx>,
    /// `None` when the promise states no quality.
    pub quality_met: Option<bool>,
    /// `None` when the promise states no lead time; a department none of
    /// whose chains states every lead time misses a stated lead time.
    pub lead_time_met: Option<bool>,
    /// Both halves are met, but the best-rolled chain misses the lead
    /// time: the halves are met by different chains.
    pub split: bool,
    /// How to close a missed quality half.
    pub fix: Option<Fix>,
}

impl Outcome {
    /// Whether every stated half of the promise is met.
    pub fn met(&self) -> bool {
        self.quality_met != Some(false) && self.lead_time_met != Some(false)
    }
}

/// What would close a missed quality half on the best-rolled chain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    /// The chain's weakest handoff (the first of equals from the department).
    pub handoff: HandoffIdx,
    /// The quality `handoff` would need for the chain alone to meet the
    /// promise: `promise × quality(h) / rolled`, computed as the promise over
    /// the product of the chain's other handoffs. Above 1 no single handoff
    /// can do it; infinite when another handoff is rated 0.
    pub needed: f64,
    /// The fewest of the chain's weakest handoffs that, all raised to one
    /// common quality `raise_to` (at most 1), let the chain meet the
    /// promise; 1 with `raise_to == needed` when `needed <= 1`.
    pub raise_count: u32,
    pub raise_to: f64,
}

/// The figures of every customer with a promise, in customer id order.
pub fn compute(org: &Org, g: &ChainGraph, quality: &[f64], order: &IdOrder) -> Vec<Promise> {
    let mut promised: Vec<(CustomerIdx, Level)> =
        org.customers.iter().enumerate().filter_map(|(i, c)| Some((CustomerIdx(i as u32), c.promise?))).collect();
    promised.sort_unstable_by_key(|&(c, _)| order.node(g.node(Endpoint::Customer(c))));
    promised.into_iter().map(|(c, level)| promise(org, g, quality, order, c, level)).collect()
}

fn promise(org: &Org, g: &ChainGraph, quality: &[f64], order: &IdOrder, c: CustomerIdx, level: Level) -> Promise {
    let target = g.node(Endpoint::Customer(c));
    let labels = Labels::compute(g, [target], quality, order);
    let lead = lead_times(org, g, target);
    let product = |&p: &f64, h: HandoffIdx| Some(quality[h.0 as usize] * p);
    // Past the label budget the labels keep one chain per node, not the
    // best-rolled one: a search for rolled quality alone supplies it.
    let rolled_via = (!labels.exact()).then(|| paths::best_from(g, [target], 1.0, product, |&p| paths::Total(p)).via);
    let mut departments: Vec<DeptIdx> =
        (0..g.department_count() as u32).map(DeptIdx).filter(|d| labels.best(d.0 as usize).is_some()).collect();
    order.sort_departments(&mut departments);
    let outcomes = departments
        .into_iter()
        .filter_map(|d| {
            let n = d.0 as usize;
            let rolled = labels.rolled(n)?;
            let chain = match &rolled_via {
                None => labels.at(n).find(|(_, l)| l.key.rolled == rolled).map(|(id, _)| labels.chain(id))?,
                Some(via) => follow(g, via, n),
            };
            Some(outcome(org, quality, level, d, rolled, lead[n], chain))
        })
        .collect();
    Promise { customer: c, level, outcomes }
}

/// The shortest lead time of every node to `target`, over chains whose
/// every handoff states one.
fn lead_times(org: &Org, g: &ChainGraph, target: usize) -> Vec<Option<Duration>> {
    super::lead::shortest_by(g, [target], |h| org.handoffs[h].lead_time)
}

/// The chain from node `n` along the first handoffs `via` of a search.
fn follow(g: &ChainGraph, via: &[Option<HandoffIdx>], mut n: usize) -> Vec<HandoffIdx> {
    let mut chain = Vec::new();
    while let Some(h) = via[n] {
        chain.push(h);
        n = g.receiver(h);
    }
    chain
}

fn outcome(
    org: &Org,
    quality: &[f64],
    level: Level,
    department: DeptIdx,
    rolled: f64,
    lead_time: Option<Duration>,
    chain: Vec<HandoffIdx>,
) -> Outcome {
    let quality_met = level.quality.map(|p| rolled >= p);
    let lead_time_met = level.lead_time.map(|p| lead_time.is_some_and(|t| t <= p));
    let chain_lead =
        chain.iter().try_fold(Duration::ZERO, |t, &h| org.handoff(h).lead_time.and_then(|l| t.checked_add(l)));
    let split = quality_met == Some(true)
        && lead_time_met == Some(true)
        && chain_lead.is_none_or(|t| level.lead_time.is_none_or(|p| t > p));
    let fix = match (quality_met, level.quality) {
        (Some(false), Some(p)) => fix(&chain, quality, p),
        _ => None,
    };
    Outcome { department, rolled_quality: rolled, lead_time, chain, quality_met, lead_time_met, split, fix }
}

/// The fix for a chain that misses promised quality `p` (see [`Fix`]).
pub fn fix(chain: &[HandoffIdx], quality: &[f64], p: f64) -> Option<Fix> {
    let q = |h: HandoffIdx| quality[h.0 as usize];
    // The chain's positions, weakest first; equal qualities nearest the
    // department first, so the weakest is `analysis::weakest`'s.
    let mut weakest: Vec<usize> = (0..chain.len()).collect();
    weakest.sort_by(|&a, &b| q(chain[a]).total_cmp(&q(chain[b])).then(a.cmp(&b)));
    let handoff = chain[*weakest.first()?];
    // The product of the handoffs not raised, multiplied from the
    // customer's end like every rolled quality.
    let rest = |raised: &[usize]| {
        (0..chain.len()).rev().filter(|i| !raised.contains(i)).fold(1.0, |acc: f64, i| q(chain[i]) * acc)
    };
    let needed = p / rest(&weakest[..1]);
    let mut fix = Fix { handoff, needed, raise_count: 1, raise_to: needed };
    if needed > 1.0 {
        for k in 2..=weakest.len() {
            let level = (p / rest(&weakest[..k])).powf(1.0 / k as f64);
            if level <= 1.0 || k == weakest.len() {
                (fix.raise_count, fix.raise_to) = (k as u32, level.min(1.0));
                break;
            }
        }
    }
    Some(fix)
}
