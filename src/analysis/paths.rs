//! The best chain from every node to the customer, for one way of scoring a
//! chain: a label-setting (Dijkstra) search from all customers at once,
//! against the direction of the handoffs. It is exact for any score that
//! never improves as a chain grows longer, such as the sum of lead times.
//! (Strength, rolled quality and the chain itself are scored together, in
//! the chain order: see `labels`.)

use crate::graph::ChainGraph;
use crate::model::HandoffIdx;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// The best label of every node and the handoff its best chain starts with.
#[derive(Debug, Clone)]
pub struct Best<L> {
    pub label: Vec<Option<L>>,
    /// The first handoff of the node's best chain; following `via` from node
    /// to node leads to a customer along a best chain.
    pub via: Vec<Option<HandoffIdx>>,
}

/// An `f64` ordered totally (qualities are never NaN here).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Total(pub f64);

impl Eq for Total {}
impl PartialOrd for Total {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Total {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Searches from the given customers (each labelled `start`). `extend` gives the
/// label of a chain that starts with handoff `h` and continues with a chain
/// labelled `l` (or `None` if `h` cannot be used); `key` orders labels, a
/// larger key being better. Ties go to the chain found first, which is
/// deterministic.
pub fn best_from<L, K>(
    g: &ChainGraph,
    customers: impl IntoIterator<Item = usize>,
    start: L,
    extend: impl Fn(&L, HandoffIdx) -> Option<L>,
    key: impl Fn(&L) -> K,
) -> Best<L>
where
    L: Clone,
    K: Ord,
{
    let n = g.node_count();
    let mut label: Vec<Option<L>> = vec![None; n];
    let mut via = vec![None; n];
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::new();
    for c in customers {
        heap.push((key(&start), Reverse(c)));
        label[c] = Some(start.clone());
    }
    while let Some((_, Reverse(node))) = heap.pop() {
        if std::mem::replace(&mut done[node], true) {
            continue;
        }
        let Some(here) = label[node].clone() else { continue };
        for &h in g.incoming(node) {
            let s = g.supplier(h);
            if done[s] {
                continue;
            }
            let Some(next) = extend(&here, h) else { continue };
            let k = key(&next);
            if label[s].as_ref().is_none_or(|old| k > key(old)) {
                label[s] = Some(next);
                via[s] = Some(h);
                heap.push((k, Reverse(s)));
            }
        }
    }
    Best { label, via }
}
