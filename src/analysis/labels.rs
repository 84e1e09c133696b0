//! The chain order, and every node's best chains in it: the one search that
//! `analyze`'s witness chain, strength and rolled quality and `trace`'s
//! bounds all come from, so that they always agree.
//!
//! **The chain order** (best first): higher strength; then higher rolled
//! quality; then fewer hops; then the first handoff whose (to, what) ids
//! sort first; after the same first handoff, the better rest of the chain,
//! judged by this same order. It depends on ids only, never on the order of
//! departments, handoffs or files.
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

use super::IdOrder;
use crate::graph::ChainGraph;
use crate::model::HandoffIdx;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// "No label" / "no handoff" in the compact arrays.
const NONE: u32 = u32::MAX;

/// The figures the chain order compares first. `Ord`: greater is better.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The weakest link; infinite for the empty chain at a customer.
    pub strength: f64,
    /// The product of the qualities, multiplied from the customer's end.
    pub rolled: f64,
    pub hops: u32,
}

impl Key {
    /// The empty chain of a customer.
    pub const END: Key = Key { strength: f64::INFINITY, rolled: 1.0, hops: 0 };

    /// The key of a chain that starts with a handoff of quality `q` and
    /// goes on as the chain keyed `self`. Every figure is computed this way,
    /// from the customer's end, so that equal chains get equal figures.
    #[inline]
    pub fn after(self, q: f64) -> Key {
        Key { strength: self.strength.min(q), rolled: q * self.rolled, hops: self.hops + 1 }
    }

    /// At least as good in all three figures.
    #[inline]
    fn covers(&self, other: &Key) -> bool {
        self.strength >= other.strength && self.rolled >= other.rolled && self.hops <= other.hops
    }
}

impl PartialEq for Key {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.strength
            .total_cmp(&other.strength)
            .then(self.rolled.total_cmp(&other.rolled))
            .then(other.hops.cmp(&self.hops))
    }
}

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
}

/// A label waiting in the queue, packed so that the derived `Ord` (on
/// integers, which is what made the queue fast) is the chain order: the key,
/// then the first handoff by ids, then the rest of the chain, whose labels
/// are numbered in chain order, as they are kept. Greater is better.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Pending {
    /// The bits of a non-negative `f64` order as the numbers do.
    strength: u64,
    rolled: u64,
    /// Fewer hops, then a smaller handoff rank: `!hops << 32 | !rank`.
    hops_rank: u64,
    parent: Reverse<u32>,
    handoff: u32,
}

impl Pending {
    fn new(key: Key, rank: u32, parent: u32, handoff: u32) -> Self {
        Pending {
            strength: key.strength.to_bits(),
            rolled: key.rolled.to_bits(),
            hops_rank: (u64::from(!key.hops) << 32) | u64::from(!rank),
            parent: Reverse(parent),
            handoff,
        }
    }

    fn key(&self) -> Key {
        Key {
            strength: f64::from_bits(self.strength),
            rolled: f64::from_bits(self.rolled),
            hops: !((self.hops_rank >> 32) as u32),
        }
    }
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
    quality: f64,
    supplier: u32,
    rank: u32,
    handoff: u32,
}

impl Incoming {
    fn gather(g: &ChainGraph, quality: &[f64], order: &IdOrder) -> Self {
        let mut start = Vec::with_capacity(g.node_count() + 1);
        let mut edges = Vec::with_capacity(g.handoff_count());
        for n in 0..g.node_count() {
            start.push(edges.len() as u32);
            edges.extend(g.incoming(n).iter().map(|&h| In {
                // `+ 0.0` makes -0 into 0: `Pending` needs no negative zeros.
                quality: quality[h.0 as usize] + 0.0,
                supplier: g.supplier(h) as u32,
                rank: order.handoff(h),
                handoff: h.0,
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
/// it costs one read from memory: the best key ever queued for it and its
/// first label. The first label kept is that best queued key (later offers
/// are never better than the label the search is at), so `best` also covers
/// what the first label covers.
#[derive(Clone, Copy)]
struct Slot {
    best: Key,
    head: u32,
}

/// The search from the targets outwards.
struct Search<'a> {
    incoming: &'a Incoming,
    slots: Vec<Slot>,
    tail: Vec<u32>,
    labels: Vec<Label>,
    next: Vec<u32>,
    heap: BinaryHeap<Pending>,
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
            let key = here.after(e.quality);
            let m = e.supplier as usize;
            let slot = self.slots[m];
            if slot.head == NONE {
                if slot.best.covers(&key) && slot.best > key {
                    continue;
                }
                if key > slot.best {
                    self.slots[m].best = key;
                }
            } else if self.covered(slot.head, &key) {
                continue;
            }
            self.heap.push(Pending::new(key, e.rank, id, e.handoff));
        }
    }

    /// Whether a label kept at a node, from its first `head` on, is at least
    /// as good as `key` in every figure. Kept labels come first in chain
    /// order, so one that covers `key` also wins every tie with it.
    fn covered(&self, head: u32, key: &Key) -> bool {
        let mut l = head;
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
        let incoming = Incoming::gather(g, quality, order);
        let nothing = Key { strength: -1.0, rolled: -1.0, hops: u32::MAX };
        let mut s = Search {
            incoming: &incoming,
            slots: vec![Slot { best: nothing, head: NONE }; g.node_count()],
            tail: vec![NONE; g.node_count()],
            labels: Vec::new(),
            next: Vec::new(),
            heap: BinaryHeap::new(),
        };
        let mut targets: Vec<usize> = targets.into_iter().collect();
        targets.sort_unstable_by_key(|&n| order.node(n));
        targets.dedup();
        for n in targets {
            s.keep(n, Label { key: Key::END, handoff: NONE, parent: NONE });
        }
        // The next label in chain order that nothing kept covers.
        while let Some(p) = s.heap.pop() {
            let (n, key) = (g.supplier(HandoffIdx(p.handoff)), p.key());
            let head = s.slots[n].head;
            if head == NONE || !s.covered(head, &key) {
                s.keep(n, Label { key, handoff: p.handoff, parent: p.parent.0 });
            }
        }
        Labels { head: s.slots.iter().map(|slot| slot.head).collect(), labels: s.labels, next: s.next }
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
        self.at(n).map(|(_, l)| l.key.rolled).reduce(f64::max)
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

/// The keys of every suffix of a chain: `keys[i]` is the key of
/// `chain[i..]`, and `keys[chain.len()]` the empty chain's.
fn suffix_keys(chain: &[HandoffIdx], quality: &[f64]) -> Vec<Key> {
    let mut keys = vec![Key::END; chain.len() + 1];
    for i in (0..chain.len()).rev() {
        keys[i] = keys[i + 1].after(quality[chain[i].0 as usize]);
    }
    keys
}

/// The key of a whole chain.
pub fn key_of(chain: &[HandoffIdx], quality: &[f64]) -> Key {
    chain.iter().rev().fold(Key::END, |k, h| k.after(quality[h.0 as usize]))
}

/// Two chains from the same department in chain order: `Greater` if `a` is
/// the better one.
pub fn compare(a: &[HandoffIdx], b: &[HandoffIdx], quality: &[f64], order: &IdOrder) -> Ordering {
    let (ka, kb) = (suffix_keys(a, quality), suffix_keys(b, quality));
    for i in 0.. {
        match ka[i].cmp(&kb[i]) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        // Equal keys have equal hops, so both chains end here or neither.
        if i == a.len() || i == b.len() {
            return Ordering::Equal;
        }
        if a[i] != b[i] {
            // The handoff whose (to, what) ids sort first wins.
            return order.handoff(b[i]).cmp(&order.handoff(a[i]));
        }
    }
    Ordering::Equal
}
