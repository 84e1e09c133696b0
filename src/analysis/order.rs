//! The orders reports break ties by, computed once: every id ranked among all
//! ids, and every handoff ranked by (from, to, what). The analyses then sort
//! by small integers instead of comparing id strings again and again, which
//! at 100k departments was most of the analysis time.

use crate::graph::ChainGraph;
use crate::model::{DeptIdx, HandoffIdx, Org};

/// Ranks by id.
#[derive(Debug, Clone)]
pub struct IdOrder {
    /// `node[n]`: the position of node `n`'s id among all ids (departments
    /// and customers), ascending.
    node: Vec<u32>,
    /// `handoff[h]`: the position of handoff `h` ordered by (from id, to
    /// id, what), a missing `what` sorting as "".
    handoff: Vec<u32>,
}

impl IdOrder {
    pub fn compute(org: &Org, g: &ChainGraph) -> Self {
        let ids: Vec<&str> = (0..g.node_count()).map(|n| org.id_of(g.endpoint(n)).as_ref()).collect();
        let mut by_id: Vec<u32> = (0..ids.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| ids[a as usize].cmp(ids[b as usize]));
        let node = ranks(&by_id);

        let what = |h: u32| org.handoffs[h as usize].what.as_deref().unwrap_or("");
        let mut keyed: Vec<(u32, u32, u32)> = (0..g.handoff_count() as u32)
            .map(|h| {
                let h_ = HandoffIdx(h);
                (node[g.supplier(h_)], node[g.receiver(h_)], h)
            })
            .collect();
        // Ids are unique, so `what` is compared only between handoffs with
        // the same two ends.
        keyed.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| what(a.2).cmp(what(b.2))));
        let by_handoff: Vec<u32> = keyed.into_iter().map(|k| k.2).collect();
        IdOrder { node, handoff: ranks(&by_handoff) }
    }

    /// Where a department's id sorts among all ids.
    pub fn department(&self, d: DeptIdx) -> u32 {
        self.node[d.0 as usize]
    }

    /// Where a handoff sorts by (from, to, what).
    pub fn handoff(&self, h: HandoffIdx) -> u32 {
        self.handoff[h.0 as usize]
    }

    /// Sorts departments by id.
    pub fn sort_departments(&self, ds: &mut [DeptIdx]) {
        ds.sort_unstable_by_key(|&d| self.department(d));
    }
}

/// The inverse of a permutation: `rank[order[i]] = i`.
fn ranks(order: &[u32]) -> Vec<u32> {
    let mut rank = vec![0u32; order.len()];
    for (i, &x) in order.iter().enumerate() {
        rank[x as usize] = i as u32;
    }
    rank
}
