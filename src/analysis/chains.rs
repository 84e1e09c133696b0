//! The chains of one department in chain order (see `key`), for `trace`.
//!
//! A best-first (A*) search over simple paths. A partial chain's priority
//! is the best complete chain it could become: its handoffs so far followed
//! by the best of its tip's labels, ignoring only that the rest must avoid
//! the departments already used. That bound is exact for every prefix of
//! the best chain, and a bound that is too good because its rest loops back
//! would mean a better chain existed, so the first chain comes out after one
//! expansion per hop whatever the ties, and complete chains come out
//! exactly in chain order. The search stops after a fixed amount of work, so
//! an org with billions of paths still answers at once; the first chain,
//! which is the analysis' witness, is listed even then.

use super::key::{self, Key};
use super::labels::Labels;
use super::{Analysis, IdOrder};
use crate::graph::ChainGraph;
use crate::model::{DeptIdx, HandoffIdx, Org};
use std::cell::Cell;
use std::cmp::Ordering;
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
    /// False for an org with too many trade-offs between strength, rolled
    /// quality and hops to follow the chain order exactly (see
    /// `Labels::exact`): the chains are listed best first as found.
    pub in_order: bool,
}

/// Partial chains made at most, whatever the org.
pub const WORK_LIMIT: usize = 200_000;

/// Steps of arithmetic at most (a partial chain's bound costs one per
/// handoff on it): bounds the search on chains thousands of hops long.
pub const STEP_LIMIT: u64 = 20_000_000;

const NONE: u32 = u32::MAX;

/// A partial chain: the tree of them shares prefixes.
#[derive(Debug, Clone, Copy)]
struct Step {
    parent: u32,
    handoff: u32,
    node: u32,
}

/// A partial chain in the queue with its bound: the best chain it could
/// become, its steps then the chain of label `tail` at its tip.
#[derive(Debug, Clone, Copy)]
struct Bound {
    step: u32,
    tail: u32,
    key: Key,
}

/// The `limit` first chains of `from` in chain order, to `to` (one
/// customer's node) or to any customer.
pub fn strongest(org: &Org, g: &ChainGraph, a: &Analysis, from: DeptIdx, to: Option<usize>, limit: usize) -> Chains {
    let quality = a.qualities();
    let own;
    let labels = match to {
        Some(c) => {
            own = Labels::compute(g, [c], quality, &a.order);
            &own
        }
        None => &a.labels,
    };
    let in_order = labels.exact();
    let Some(witness) = labels.best_chain(from.0 as usize) else {
        return Chains { chains: Vec::new(), complete: true, in_order };
    };
    let mut search = Search { labels, quality, order: &a.order, g, arena: Vec::new(), steps: Cell::new(0) };
    let (mut found, complete) = search.run(from.0 as usize, limit.max(1));
    // With every label kept, the search finds the witness first (unless it
    // stopped before); else the witness is put first, as analyze reports it.
    debug_assert!(!in_order || found.first().is_none_or(|c| *c == witness));
    if found.first() != Some(&witness) {
        found.retain(|c| *c != witness);
        found.insert(0, witness);
    }
    let chains = found.into_iter().take(limit).map(|c| figures(org, quality, c)).collect();
    Chains { chains, complete, in_order }
}

struct Search<'a> {
    labels: &'a Labels,
    quality: &'a [f64],
    order: &'a IdOrder,
    g: &'a ChainGraph,
    arena: Vec<Step>,
    steps: Cell<u64>,
}

impl Search<'_> {
    fn run(&mut self, start: usize, limit: usize) -> (Vec<Vec<HandoffIdx>>, bool) {
        let mut out = Vec::new();
        let mut queue = Queue(Vec::new());
        self.arena.push(Step { parent: NONE, handoff: NONE, node: start as u32 });
        if let Some(b) = self.bound(0) {
            queue.push(b, &|x, y| self.better(x, y));
        }
        while let Some(b) = queue.pop(&|x, y| self.better(x, y)) {
            let tip = self.arena[b.step as usize];
            if b.step != 0 && self.labels.is_target(tip.node as usize) {
                out.push(self.handoffs(b.step));
                if out.len() >= limit {
                    return (out, true);
                }
                continue;
            }
            for &h in self.g.outgoing(tip.node as usize) {
                if self.arena.len() > WORK_LIMIT || self.steps.get() > STEP_LIMIT {
                    return (out, false);
                }
                let next = self.g.receiver(h);
                if self.labels.best(next).is_none() || self.on_path(b.step, next) {
                    continue;
                }
                self.arena.push(Step { parent: b.step, handoff: h.0, node: next as u32 });
                if let Some(child) = self.bound(self.arena.len() as u32 - 1) {
                    queue.push(child, &|x, y| self.better(x, y));
                }
            }
        }
        (out, true)
    }

    /// The handoffs of a partial chain, in order.
    fn handoffs(&self, mut step: u32) -> Vec<HandoffIdx> {
        let mut hs = Vec::new();
        while let Some(s) = self.arena.get(step as usize).filter(|s| s.handoff != NONE) {
            hs.push(HandoffIdx(s.handoff));
            step = s.parent;
        }
        hs.reverse();
        self.steps.set(self.steps.get() + hs.len() as u64 + 1);
        hs
    }

    fn on_path(&self, mut step: u32, node: usize) -> bool {
        while let Some(s) = self.arena.get(step as usize) {
            if s.node as usize == node {
                return true;
            }
            step = s.parent;
        }
        false
    }

    /// The best chain a partial chain could become: over its tip's labels,
    /// the best in chain order of its handoffs followed by the label's chain.
    fn bound(&self, step: u32) -> Option<Bound> {
        let prefix = self.handoffs(step);
        let tip = self.arena[step as usize].node as usize;
        let mut best: Option<Bound> = None;
        for (id, l) in self.labels.at(tip) {
            let key = prefix.iter().rev().fold(l.key, |k, h| k.after(self.quality[h.0 as usize]));
            self.steps.set(self.steps.get() + prefix.len() as u64 + 1);
            let this = Bound { step, tail: id, key };
            best = match best {
                Some(b) if !self.better(&this, &b) => Some(b),
                _ => Some(this),
            };
        }
        best
    }

    /// Whether bound `x` is a better chain than bound `y` in chain order.
    fn better(&self, x: &Bound, y: &Bound) -> bool {
        match x.key.cmp(&y.key) {
            Ordering::Equal => {
                let chain = |b: &Bound| [self.handoffs(b.step), self.labels.chain(b.tail)].concat();
                let (cx, cy) = (chain(x), chain(y));
                self.steps.set(self.steps.get() + (cx.len() + cy.len()) as u64);
                key::compare(&cx, &cy, self.quality, self.order) == Ordering::Greater
            }
            o => o == Ordering::Greater,
        }
    }
}

/// A binary max-heap whose order needs the search's state.
struct Queue(Vec<Bound>);

impl Queue {
    fn push(&mut self, b: Bound, better: &dyn Fn(&Bound, &Bound) -> bool) {
        let v = &mut self.0;
        v.push(b);
        let mut i = v.len() - 1;
        while i > 0 && better(&v[i], &v[(i - 1) / 2]) {
            v.swap(i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    fn pop(&mut self, better: &dyn Fn(&Bound, &Bound) -> bool) -> Option<Bound> {
        let v = &mut self.0;
        let last = v.len().checked_sub(1)?;
        v.swap(0, last);
        let top = v.pop();
        let mut i = 0;
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut m = i;
            if l < v.len() && better(&v[l], &v[m]) {
                m = l;
            }
            if r < v.len() && better(&v[r], &v[m]) {
                m = r;
            }
            if m == i {
                return top;
            }
            v.swap(i, m);
            i = m;
        }
    }
}

/// A chain's figures, computed from the customer's end like the analysis'.
fn figures(org: &Org, quality: &[f64], handoffs: Vec<HandoffIdx>) -> Chain {
    let key = key::key_of(&handoffs, quality);
    Chain {
        strength: key.strength,
        rolled_quality: key.rolled,
        lead_time: handoffs
            .iter()
            .try_fold(Duration::ZERO, |t, h| org.handoff(*h).lead_time.and_then(|l| t.checked_add(l))),
        weakest_link: super::weakest(&handoffs, |h| quality[h.0 as usize]).unwrap_or(HandoffIdx(0)),
        handoffs,
    }
}
