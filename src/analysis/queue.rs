//! The label search's queue (see `labels`): the labels waiting to be kept,
//! taken best first in the chain order.
//!
//! Strength comes first in that order, and a chain's strength is the
//! quality of one of its handoffs (or infinite, for a customer's empty
//! chain). So the queue keeps one bucket per distinct quality and a heap
//! only for the strongest bucket not yet emptied. Labels only get weaker as
//! the search goes on (a handoff put in front of a chain never makes it
//! stronger), so buckets are taken from the strongest down, each made into
//! a heap once when its turn comes; a label bound for a weaker bucket is
//! only appended. One heap of every waiting label (about 2M at 1M
//! departments, 64 MB) missed the caches on nearly every step of every
//! pop; a bucket's heap is a fiftieth of that on generated orgs.

use super::heap::Heap;
use super::key::Key;
use std::cmp::Reverse;

/// A label waiting in the queue, packed so that the derived `Ord` (on
/// integers, which is what made the queue fast) is the chain order: the key,
/// then the first handoff by ids, then the rest of the chain, whose labels
/// are numbered in chain order, as they are kept. Greater is better. Its
/// strength is its bucket's (see [`Queue`]), the same for every label the
/// heap compares, so it is not stored: 32 bytes a label, not 40.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Pending {
    /// The bits of a non-negative `f64` order as the numbers do.
    rolled: u64,
    /// Fewer hops, then a smaller handoff rank: `!hops << 32 | !rank`.
    hops_rank: u64,
    pub(super) parent: Reverse<u32>,
    pub(super) handoff: u32,
    /// The handoff's supplier, where the label would be kept: here, so
    /// that taking a label costs no read of the handoff's ends.
    pub(super) node: u32,
}

impl Pending {
    pub(super) fn new(key: Key, rank: u32, parent: u32, handoff: u32, node: u32) -> Self {
        Pending {
            rolled: key.rolled.to_bits(),
            hops_rank: (u64::from(!key.hops) << 32) | u64::from(!rank),
            parent: Reverse(parent),
            handoff,
            node,
        }
    }
}

/// The distinct strengths a chain can have, ascending, as the bits of
/// non-negative `f64`s (which order as the numbers do).
#[derive(Debug)]
pub(super) struct Levels(Vec<u64>);

impl Levels {
    /// Each handoff's quality, and infinity.
    pub(super) fn new(quality: &[f64]) -> Self {
        let mut bits: Vec<u64> = quality.iter().map(|q| (q + 0.0).to_bits()).collect();
        bits.push(f64::INFINITY.to_bits());
        bits.sort_unstable();
        bits.dedup();
        // A few distinct qualities are left of one a handoff, in a vector
        // the push above doubled: 32 MB at a million departments, held
        // through the whole search.
        bits.shrink_to_fit();
        Levels(bits)
    }

    /// The bucket of a strength. Every strength the search meets is a
    /// handoff's quality or infinity, so exactly a level's: the labels
    /// keep the level alone, the queue no strength at all. (Any strength
    /// between two levels would go with the stronger one.)
    pub(super) fn of(&self, strength: f64) -> u32 {
        self.0.binary_search(&strength.to_bits()).unwrap_or_else(|i| i.min(self.0.len() - 1)) as u32
    }
}

/// The waiting labels, in buckets by strength.
#[derive(Debug)]
pub(super) struct Queue {
    /// Each bucket's strength, as [`Levels`] has them.
    strengths: Vec<u64>,
    /// The bucket being taken, as a heap.
    heap: Heap<Pending>,
    current: usize,
    /// Each weaker bucket's labels, unordered.
    waiting: Vec<Vec<Pending>>,
}

impl Queue {
    pub(super) fn new(levels: &Levels) -> Self {
        let n = levels.0.len();
        Queue {
            strengths: levels.0.clone(),
            heap: Heap::new(),
            current: n - 1,
            waiting: (0..n).map(|_| Vec::new()).collect(),
        }
    }

    /// The strength of bucket `level`.
    pub(super) fn strength(&self, level: u32) -> f64 {
        f64::from_bits(self.strengths[level as usize])
    }

    /// The key of the label [`Queue::pop`] just gave: its strength is the
    /// bucket's being taken.
    pub(super) fn key(&self, p: &Pending) -> Key {
        Key {
            strength: self.strength(self.level()),
            rolled: f64::from_bits(p.rolled),
            hops: !((p.hops_rank >> 32) as u32),
        }
    }

    /// The bucket being taken: the one of the last label taken, or the
    /// strongest before the first.
    pub(super) fn level(&self) -> u32 {
        self.current as u32
    }

    /// Queues a label of bucket `level` (whose strength is that bucket's),
    /// which is never stronger than the bucket being taken.
    pub(super) fn push(&mut self, level: u32, p: Pending) {
        let level = level as usize;
        if level >= self.current {
            self.heap.push(p);
        } else {
            self.waiting[level].push(p);
        }
    }

    /// The best waiting label.
    pub(super) fn pop(&mut self) -> Option<Pending> {
        loop {
            if let Some(p) = self.heap.pop() {
                return Some(p);
            }
            self.current = self.current.checked_sub(1)?;
            self.heap = Heap::from_vec(std::mem::take(&mut self.waiting[self.current]));
        }
    }
}
