//! The chain order, the one order in which `trace` lists a department's
//! chains and from which `analyze` takes its witness chain (best first):
//! higher strength; then higher rolled quality; then fewer hops; then the
//! chain whose first handoff's (to, what) ids sort first; after the same
//! first handoff, the chain whose rest comes first in this same order. It
//! depends on ids only, never on the order of departments, handoffs or
//! files. Figures are computed from the customer's end, one handoff at a
//! time ([`Key::after`]), everywhere, so that equal chains get equal figures.

use super::IdOrder;
use crate::model::HandoffIdx;
use std::cmp::Ordering;

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
    pub(super) fn covers(&self, other: &Key) -> bool {
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
    let mut i = 0;
    loop {
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
        i += 1;
    }
}
