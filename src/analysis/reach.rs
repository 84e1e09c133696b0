//! Who reaches the customer, in how few handoffs, and why the others cannot.

use super::IdOrder;
use super::local::Local;
use crate::graph::ChainGraph;
use crate::model::DeptIdx;
use std::collections::VecDeque;

/// Why a department is cut off from the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CutOffReason {
    /// It serves no one.
    NoHandoffs,
    /// Every handoff it makes leads to departments that are cut off.
    DeadEnd,
}

impl CutOffReason {
    /// The name used in reports: `no-handoffs`, `dead-end`.
    pub fn as_str(self) -> &'static str {
        match self {
            CutOffReason::NoHandoffs => "no-handoffs",
            CutOffReason::DeadEnd => "dead-end",
        }
    }
}

/// Reachability and hop counts, per node.
#[derive(Debug, Clone)]
pub struct Reach {
    /// `hops[n]`: the fewest handoffs from node `n` to a customer; `None` if cut off.
    hops: Vec<Option<u32>>,
    /// Each node's place in id order, once [`Reach::rank_ids`] gave it;
    /// until then `ends_at` lists in node order.
    id_rank: Vec<u32>,
}

impl Reach {
    /// Breadth-first search from every customer at once, against the handoffs.
    pub fn compute(g: &ChainGraph) -> Self {
        let mut hops = vec![None; g.node_count()];
        let mut queue: VecDeque<usize> = g.customers().collect();
        for c in g.customers() {
            hops[c] = Some(0);
        }
        while let Some(n) = queue.pop_front() {
            let next = hops[n].map(|h| h + 1);
            for &h in g.incoming(n) {
                let s = g.supplier(h);
                if hops[s].is_none() {
                    hops[s] = next;
                    queue.push_back(s);
                }
            }
        }
        Reach { hops, id_rank: Vec::new() }
    }

    /// The same figures, computed on `local`'s graph, in the org's numbering.
    pub(super) fn renumbered(self, local: &Local) -> Self {
        Reach { hops: local.nodes_back(&self.hops), id_rank: Vec::new() }
    }

    /// Lets [`Reach::ends_at`] list departments in id order.
    pub fn rank_ids(&mut self, order: &IdOrder) {
        self.id_rank = (0..self.hops.len()).map(|n| order.node(n)).collect();
    }

    /// Whether node `n` is a customer or reaches one.
    pub fn is_live(&self, n: usize) -> bool {
        self.hops[n].is_some()
    }

    pub fn hops(&self, n: usize) -> Option<u32> {
        self.hops[n]
    }

    /// Why a cut-off department is cut off (`None` if it is not).
    pub fn cut_off_reason(&self, g: &ChainGraph, d: DeptIdx) -> Option<CutOffReason> {
        let n = d.0 as usize;
        if self.is_live(n) {
            None
        } else if g.outgoing(n).is_empty() {
            Some(CutOffReason::NoHandoffs)
        } else {
            Some(CutOffReason::DeadEnd)
        }
    }

    /// The departments where a department's handoffs end, each once, in id
    /// order (so that no input order shows). For a cut-off department these
    /// are all cut off too.
    pub fn ends_at(&self, g: &ChainGraph, d: DeptIdx) -> Vec<DeptIdx> {
        let mut out: Vec<DeptIdx> = g
            .outgoing(d.0 as usize)
            .iter()
            .map(|&h| g.receiver(h))
            .filter(|&r| !g.is_customer(r))
            .map(|r| DeptIdx(r as u32))
            .collect();
        out.sort_unstable_by_key(|d| (self.id_rank.get(d.0 as usize).copied(), d.0));
        out.dedup();
        out
    }
}
