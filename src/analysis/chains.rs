//! The chains of one department, strongest first, for `trace`.
//!
//! A best-first search over simple paths: a partial chain is ranked by the
//! best any completion of it could score (its weakest link so far against
//! the strength of the rest, ignoring that the rest must avoid the nodes
//! already used; likewise for the rolled quality), so complete chains come
//! out exactly in order of strength, then rolled quality, then hops. The
//! search stops after a fixed amount of work, so an org with millions of
//! paths still answers at once.

use super::paths::{self, Total};
use crate::graph::ChainGraph;
use crate::model::{DeptIdx, HandoffIdx, Org};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Duration;

/// One chain to the customer with its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    pub handoffs: Vec<HandoffIdx>,
    pub strength: f64,
    pub rolled_quality: f64,
    /// The sum of lead times, if every handoff states one.
    pub lead_time: Option<Duration>,
    /// The weakest handoff (the first of equals).
    pub weakest_link: HandoffIdx,
}

/// What the search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Chains {
    pub chains: Vec<Chain>,
    /// False if the search stopped at its work limit before finding `limit`
    /// chains or running out of them: more chains may exist.
    pub complete: bool,
}

/// Partial chains examined at most, whatever the org.
pub const WORK_LIMIT: usize = 200_000;

/// The `limit` strongest chains of `from`, to `to` (one customer's node) or
/// to any customer.
pub fn strongest(org: &Org, g: &ChainGraph, from: DeptIdx, to: Option<usize>, limit: usize) -> Chains {
    let quality: Vec<f64> = org.handoffs.iter().map(|h| h.quality.unwrap_or(1.0)).collect();
    let targets: Vec<usize> = match to {
        Some(c) => vec![c],
        None => g.customers().collect(),
    };
    // Upper bounds from each node to the targets.
    let strength = paths::strength(g, targets.iter().copied(), &quality).label;
    let rolled = paths::rolled(g, targets.iter().copied(), &quality).label;
    let hops = paths::best_from(g, targets.iter().copied(), 0u32, |&n, _| Some(n + 1), |&n| Reverse(n)).label;
    let bound = |node: usize| Some((strength[node]?, rolled[node]?, hops[node]?));

    // Partial chains as a tree: (parent entry, handoff, node reached).
    let mut arena: Vec<(u32, HandoffIdx, u32)> = Vec::new();
    let mut heap = BinaryHeap::new();
    let start = from.0 as usize;
    let mut out = Vec::new();
    if let Some((s, p, n)) = bound(start) {
        heap.push(Entry {
            key: (Total(s), Total(p), Reverse(n)),
            seq: Reverse(0),
            tip: u32::MAX,
            node: start,
            min: f64::INFINITY,
            product: 1.0,
            hops: 0,
        });
    }
    let mut complete = true;
    while let Some(e) = heap.pop() {
        if targets.contains(&e.node) && e.hops > 0 {
            out.push(finish(org, &arena, e.tip, &quality));
            if out.len() >= limit {
                break;
            }
            continue;
        }
        // The work is the partial chains made; each costs a place in memory.
        if arena.len() > WORK_LIMIT {
            complete = false;
            break;
        }
        for &h in g.outgoing(e.node) {
            let next = g.receiver(h);
            let Some((s, p, n)) = bound(next) else { continue };
            if next == start || on_path(&arena, e.tip, next) {
                continue;
            }
            let q = quality[h.0 as usize];
            let (min, product) = (e.min.min(q), e.product * q);
            arena.push((e.tip, h, next as u32));
            // Each part of the key bounds what any completion can score, so
            // complete chains come out in the order of their figures.
            heap.push(Entry {
                key: (Total(min.min(s)), Total(product * p), Reverse(e.hops + 1 + n)),
                seq: Reverse(arena.len() as u64),
                tip: (arena.len() - 1) as u32,
                node: next,
                min,
                product,
                hops: e.hops + 1,
            });
        }
    }
    // The figures reported are multiplied from the customer's end, like
    // analyze's; rounding may order near-equal products differently from the
    // search's keys, so order by what is reported.
    out.sort_by(|a, b| {
        Total(b.strength)
            .cmp(&Total(a.strength))
            .then(Total(b.rolled_quality).cmp(&Total(a.rolled_quality)))
            .then(a.handoffs.len().cmp(&b.handoffs.len()))
    });
    Chains { chains: out, complete }
}

/// A partial chain in the queue, best key first, then first found.
#[derive(Debug, PartialEq)]
struct Entry {
    key: (Total, Total, Reverse<u32>),
    seq: Reverse<u64>,
    /// The arena entry of its last handoff (`u32::MAX` for none yet).
    tip: u32,
    node: usize,
    min: f64,
    product: f64,
    hops: u32,
}

impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.key, self.seq).cmp(&(other.key, other.seq))
    }
}

fn on_path(arena: &[(u32, HandoffIdx, u32)], mut tip: u32, node: usize) -> bool {
    while tip != u32::MAX {
        let (parent, _, n) = arena[tip as usize];
        if n as usize == node {
            return true;
        }
        tip = parent;
    }
    false
}

fn finish(org: &Org, arena: &[(u32, HandoffIdx, u32)], mut tip: u32, quality: &[f64]) -> Chain {
    let mut handoffs = Vec::new();
    while tip != u32::MAX {
        let (parent, h, _) = arena[tip as usize];
        handoffs.push(h);
        tip = parent;
    }
    handoffs.reverse();
    let q = |h: &HandoffIdx| quality[h.0 as usize];
    let weakest_link = super::weakest(&handoffs, |h| q(&h)).unwrap_or(HandoffIdx(0));
    Chain {
        strength: handoffs.iter().map(q).fold(f64::INFINITY, f64::min),
        rolled_quality: handoffs.iter().rev().fold(1.0, |p, h| p * q(h)),
        lead_time: handoffs
            .iter()
            .try_fold(Duration::ZERO, |t, h| org.handoff(*h).lead_time.and_then(|l| t.checked_add(l))),
        weakest_link,
        handoffs,
    }
}
