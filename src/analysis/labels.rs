//! Every node's best chains in the chain order (see `key`): the one search
//! that `analyze`'s witness chain, strength and rolled quality and `trace`'s
//! bounds all come from, so that they always agree.
//!
//! A department's best chain need not continue with the next department's
//! best chain: after a weak first handoff all continuations tie on strength,
//! and a continuation that is weaker but has a better rolled quality (or
//! fewer hops) wins. So one label per node cannot be enough. Instead every
//! node keeps each of its chains that no other of its chains matches or
//! beats in all of strength, rolled quality and hops (multi-criteria label
//! setting, after Martins), found from the customers outwards in chain
//! order. A chain that such a chain beats in all three stays beaten after
//! any handoff is put in front of it (min, product and sum are monotone,
//! even in floating point), so nothing the order could pick is ever
//! dropped, and the first label a node keeps is its best chain, spelt out
//! by following parent labels. On real orgs a node keeps one to three
//! labels; the search costs a few times one Dijkstra.
//!
//! An org can be built so that nodes have thousands of such trade-offs
//! each (a node with many routes of ever lower strength and ever higher
//! rolled quality, behind a long line of departments). So that such an org
//! stays cheap, the search stops past a budget of labels proportional to
//! the org and starts again keeping one label per node: strength and hops
//! stay exact (the first label has the best strength), the rolled quality
//! comes from a search of its own, and the chains are the best found, no
//! longer certainly first in the chain order; [`Labels::exact`] says which.

use super::IdOrder;
use super::key::Key;
use super::local::Local;
use super::paths::{self, Total};
use super::queue::{Levels, Pending, Queue};
use crate::graph::ChainGraph;
use crate::model::HandoffIdx;

/// "No label" / "no handoff" in the compact arrays.
const NONE: u32 = u32::MAX;

/// Labels kept at most per node and handoff of the org (plus a few) before
/// the search falls back to one label per node. Generated orgs keep about
/// 0.6 per node and handoff.
const BUDGET_PER_ITEM: usize = 2;

/// One chain from a node to a target, kept because no other chain of that
/// node beats it in all of strength, rolled quality and hops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub key: Key,
    /// Its first handoff (`NONE` for a target's empty chain).
    handoff: u32,
    /// The label of the rest of the chain, at the handoff's receiver.
    parent: u32,
}

/// Every node's labels, each node's best first.
#[derive(Debug, Clone)]
pub struct Labels {
    labels: Vec<Label>,
    /// `head[n]`: node `n`'s best label.
    head: Vec<u32>,
    /// `next[l]`: the next label at the same node, worse in chain order.
    next: Vec<u32>,
    /// The best rolled quality of each node, when the labels (one per
    /// node, see [`Labels::exact`]) do not hold it.
    rolled: Option<Vec<Option<f64>>>,
}

/// The handoffs into each node with what the search reads of them, side by
/// side: the search reads them once per label, and scattered reads were
/// most of its time.
struct Incoming {
    start: Vec<u32>,
    edges: Vec<In>,
}

#[derive(Clone, Copy)]
struct In {
    supplier: u32,
    rank: u32,
    handoff: u32,
    /// The handoff's quality, as the queue's bucket for that strength: a
    /// handoff's quality is its level's, exactly, so an edge keeps the
    /// level only (16 bytes an edge, not 24).
    level: u32,
}

impl Incoming {
    fn gather(g: &ChainGraph, quality: &[f64], order: &IdOrder, levels: &Levels) -> Self {
        let mut start = Vec::with_capacity(g.node_count() + 1);
        let mut edges = Vec::with_capacity(g.handoff_count());
        for n in 0..g.node_count() {
            start.push(edges.len() as u32);
            edges.extend(g.incoming(n).iter().map(|&h| In {
                supplier: g.supplier(h) as u32,
                rank: order.handoff(h),
                handoff: h.0,
                // `+ 0.0` makes -0 into 0: `Pending` needs no negative zeros.
                level: levels.of(quality[h.0 as usize] + 0.0),
            }));
        }
        start.push(edges.len() as u32);
        Incoming { start, edges }
    }

    fn of(&self, n: usize) -> &[In] {
        &self.edges[self.start[n] as usize..self.start[n + 1] as usize]
    }
}

/// The search's state for one node, in one place so that a label offered to
/// it costs one read from memory (32 bytes, aligned so that no slot straddles
/// two cache lines): the best key ever queued for it, its first label and its
/// second. Once the node keeps a label, `best` is that first label's key,
/// exactly: `keep` sets both together, and `offer` writes `best` only while
/// the node has no label. So whether the kept labels cover a key is `best`
/// and then the labels from `second` on: the first label is never read
/// again, and that read was a cache miss on most offers at a million
/// departments.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Slot {
    best: Key,
    head: u32,
    second: u32,
}

/// The search from the targets outwards.
struct Search<'a> {
    incoming: &'a Incoming,
    slots: Vec<Slot>,
    tail: Vec<u32>,
    labels: Vec<Label>,
    next: Vec<u32>,
    queue: Queue,
    /// Keep one label per node (the fallback).
    one_label: bool,
}

impl Search<'_> {
    fn keep(&mut self, n: usize, label: Label) {
        let id = self.labels.len() as u32;
        self.labels.push(label);
        self.next.push(NONE);
        let slot = &mut self.slots[n];
        if slot.head == NONE {
            (slot.head, slot.best) = (id, label.key);
        } else {
            if slot.second == NONE {
                slot.second = id;
            }
            self.next[self.tail[n] as usize] = id;
        }
        self.tail[n] = id;
        self.offer(n, id);
    }

    /// Queues the chains that put one handoff in front of label `id` at
    /// node `n`, except those that could never be kept. A queued label is
    /// either kept or covered by one kept before it, so a key that the best
    /// queued key covers and strictly beats can never be kept either:
    /// dropped now, it never bloats the queue (as a Dijkstra search skips
    /// worse tentative labels).
    fn offer(&mut self, n: usize, id: u32) {
        let here = self.labels[id as usize].key;
        for e in self.incoming.of(n) {
            let key = here.after(self.queue.strength(e.level));
            let m = e.supplier as usize;
            let slot = self.slots[m];
            if self.one_label && slot.head != NONE {
                continue;
            }
            if slot.head == NONE {
                if slot.best.covers(&key) && slot.best > key {
                    continue;
                }
                if key > slot.best {
                    self.slots[m].best = key;
                }
            } else if slot.best.covers(&key) || self.covered(slot.second, &key) {
                continue;
            }
            let level = self.queue.level().min(e.level);
            debug_assert_eq!(self.queue.strength(level).to_bits(), key.strength.to_bits());
            self.queue.push(level, Pending::new(key, e.rank, id, e.handoff, e.supplier));
        }
    }

    /// Whether a label kept at a node, from label `from` on, is at least as
    /// good as `key` in every figure. Kept labels come first in chain order,
    /// so one that covers `key` also wins every tie with it.
    fn covered(&self, from: u32, key: &Key) -> bool {
        let mut l = from;
        while l != NONE {
            if self.labels[l as usize].key.covers(key) {
                return true;
            }
            l = self.next[l as usize];
        }
        false
    }
}

impl Labels {
    /// The labels of every node, for chains ending at `targets` (customers),
    /// handoffs counting with `quality[h]`.
    pub fn compute(g: &ChainGraph, targets: impl IntoIterator<Item = usize>, quality: &[f64], order: &IdOrder) -> Self {
        let targets: Vec<usize> = targets.into_iter().collect();
        let budget = BUDGET_PER_ITEM * (g.node_count() + g.handoff_count()) + 4096;
        Self::within(g, &targets, quality, order, budget)
    }

    /// [`Labels::compute`] with a budget of `budget` labels.
    fn within(g: &ChainGraph, targets: &[usize], quality: &[f64], order: &IdOrder, budget: usize) -> Self {
        Self::search(g, targets, quality, order, Some(budget)).unwrap_or_else(|| {
            // Without a budget the search always finishes.
            let mut one = Self::search(g, targets, quality, order, None).unwrap_or_else(|| Labels {
                labels: Vec::new(),
                head: vec![NONE; g.node_count()],
                next: Vec::new(),
                rolled: None,
            });
            let product = |&p: &f64, h: HandoffIdx| Some(quality[h.0 as usize] * p);
            one.rolled = Some(paths::best_from(g, targets.iter().copied(), 1.0, product, |&p| Total(p)).label);
            one
        })
    }

    /// Every label, or `None` past `budget` labels; without a budget, one
    /// label per node.
    fn search(
        g: &ChainGraph,
        targets: &[usize],
        quality: &[f64],
        order: &IdOrder,
        budget: Option<usize>,
    ) -> Option<Self> {
        let levels = Levels::new(quality);
        let incoming = Incoming::gather(g, quality, order, &levels);
        let nothing = Key { strength: -1.0, rolled: -1.0, hops: u32::MAX };
        let mut s = Search {
            incoming: &incoming,
            slots: vec![Slot { best: nothing, head: NONE, second: NONE }; g.node_count()],
            tail: vec![NONE; g.node_count()],
            labels: Vec::new(),
            next: Vec::new(),
            queue: Queue::new(&levels),
            one_label: budget.is_none(),
        };
        let mut targets = targets.to_vec();
        targets.sort_unstable_by_key(|&n| order.node(n));
        targets.dedup();
        for n in targets {
            s.keep(n, Label { key: Key::END, handoff: NONE, parent: NONE });
        }
        // The next label in chain order that nothing kept covers.
        while let Some(p) = s.queue.pop() {
            let (n, key) = (p.node as usize, s.queue.key(&p));
            let slot = s.slots[n];
            // Once a node keeps a label, its `best` is its first label's key.
            if slot.head == NONE || !(s.one_label || slot.best.covers(&key) || s.covered(slot.second, &key)) {
                s.keep(n, Label { key, handoff: p.handoff, parent: p.parent.0 });
                if budget.is_some_and(|b| s.labels.len() > b) {
                    return None;
                }
            }
        }
        Some(Labels {
            head: s.slots.iter().map(|slot| slot.head).collect(),
            labels: s.labels,
            next: s.next,
            rolled: None,
        })
    }

    /// The same labels, computed on `local`'s graph, in the org's numbering.
    /// Labels are numbered in the order they were kept, which is the chain
    /// order and so the same in any numbering.
    pub(super) fn renumbered(mut self, local: &Local) -> Self {
        for l in &mut self.labels {
            if l.handoff != NONE {
                l.handoff = local.old_handoff(l.handoff);
            }
        }
        Labels {
            head: local.nodes_back(&self.head),
            rolled: self.rolled.map(|r| local.nodes_back(&r)),
            labels: self.labels,
            next: self.next,
        }
    }

    /// Whether every label was kept, so that each node's first label is its
    /// first chain in the chain order; false after the fallback to one
    /// label per node (see the module's documentation).
    pub fn exact(&self) -> bool {
        self.rolled.is_none()
    }

    /// Node `n`'s labels, best first, with their ids.
    pub fn at(&self, n: usize) -> impl Iterator<Item = (u32, &Label)> + '_ {
        std::iter::successors(Some(self.head[n]).filter(|&l| l != NONE), |&l| {
            Some(self.next[l as usize]).filter(|&l| l != NONE)
        })
        .map(|l| (l, &self.labels[l as usize]))
    }

    /// Node `n`'s best chain's label, if it reaches a target.
    pub fn best(&self, n: usize) -> Option<&Label> {
        self.at(n).next().map(|(_, l)| l)
    }

    /// The highest rolled quality of any chain of node `n`: one of its
    /// labels has it, since a chain with the highest rolled quality is
    /// beaten in all three figures only by another such chain.
    pub fn rolled(&self, n: usize) -> Option<f64> {
        match &self.rolled {
            Some(rolled) => rolled[n],
            None => self.at(n).map(|(_, l)| l.key.rolled).reduce(f64::max),
        }
    }

    /// Whether node `n` is one of the targets the labels lead to.
    pub fn is_target(&self, n: usize) -> bool {
        self.best(n).is_some_and(|l| l.handoff == NONE)
    }

    pub fn label(&self, id: u32) -> &Label {
        &self.labels[id as usize]
    }

    /// The handoffs of the chain a label stands for, from its node to the target.
    pub fn chain(&self, mut id: u32) -> Vec<HandoffIdx> {
        let mut chain = Vec::with_capacity(self.labels[id as usize].key.hops as usize);
        loop {
            let l = &self.labels[id as usize];
            if l.handoff == NONE {
                return chain;
            }
            chain.push(HandoffIdx(l.handoff));
            id = l.parent;
        }
    }

    /// Node `n`'s best chain.
    pub fn best_chain(&self, n: usize) -> Option<Vec<HandoffIdx>> {
        self.at(n).next().map(|(id, _)| self.chain(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DeptIdx;

    #[test]
    fn a_slot_is_one_half_cache_line() {
        // A 24-byte key, the first label and the second: 32 bytes, aligned
        // to 32 so that no slot straddles two cache lines.
        assert_eq!(std::mem::size_of::<Slot>(), 32);
        assert_eq!(std::mem::align_of::<Slot>(), 32);
    }

    #[test]
    fn the_fallback_keeps_strength_and_rolled_quality_exact() {
        let yaml = crate::synth::org_yaml(crate::synth::Shape::new(2000));
        let org = crate::load::load_str("gen.yaml", &yaml).unwrap_or_else(|e| panic!("{:?}", e.diagnostics)).org;
        let g = ChainGraph::build(&org);
        let a = super::super::Analysis::compute(&org, &g);
        let (targets, q): (Vec<usize>, _) = (g.customers().collect(), a.qualities());
        let exact = Labels::compute(&g, g.customers(), q, &a.order);
        assert!(exact.exact(), "a generated org fits the budget");
        let one = Labels::within(&g, &targets, q, &a.order, 10);
        assert!(!one.exact());

        let mut differ = 0;
        for d in 0..org.departments.len() {
            let id = &org.department(DeptIdx(d as u32)).id;
            let strength = |l: &Labels| l.best(d).map(|l| l.key.strength);
            assert_eq!(strength(&one), strength(&exact), "strength of {id}");
            assert_eq!(one.rolled(d), exact.rolled(d), "rolled quality of {id}");
            if let Some(chain) = one.best_chain(d) {
                // A real chain of d, as strong as d's strength.
                assert_eq!(g.supplier(chain[0]), d);
                assert!(chain.windows(2).all(|w| g.receiver(w[0]) == g.supplier(w[1])));
                assert!(g.is_customer(g.receiver(chain[chain.len() - 1])));
                assert_eq!(Some(super::super::key::key_of(&chain, q).strength), strength(&exact));
                differ += usize::from(Some(chain) != exact.best_chain(d));
            }
        }
        assert!(differ > 0, "one label per node should miss some first chains");
    }
}
