//! The orders reports break ties by, computed once: every id ranked among all
//! ids, and every handoff ranked by (from, to, what). The analyses then sort
//! by small integers instead of comparing id strings again and again, which
//! at 100k departments was most of the analysis time.

use super::local::Local;
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
        let node = ranks(by_id.into_iter());

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
        IdOrder { node, handoff: ranks(keyed.into_iter().map(|k| k.2)) }
    }

    /// The same ranks, for the nodes and handoffs of `local`'s graph.
    pub fn local(&self, local: &Local) -> Self {
        IdOrder { node: local.nodes(&self.node), handoff: local.handoffs(|h| self.handoff[h.0 as usize]) }
    }

    /// Where a department's id sorts among all ids.
    pub fn department(&self, d: DeptIdx) -> u32 {
        self.node[d.0 as usize]
    }

    /// Where a node's (department's or customer's) id sorts among all ids.
    pub fn node(&self, n: usize) -> u32 {
        self.node[n]
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

/// The inverse of a permutation given in order: `rank[order[i]] = i`.
pub(super) fn ranks(order: impl ExactSizeIterator<Item = u32>) -> Vec<u32> {
    let mut rank = vec![0u32; order.len()];
    for (i, x) in order.enumerate() {
        rank[x as usize] = i as u32;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_id_strings() {
        // Ids whose numeric and string orders differ, and pairs of
        // handoffs between the same two ends told apart by `what`.
        let yaml = crate::synth::org_yaml(crate::synth::Shape::new(300)).replace(
            "    serves:\n      - to: customer-0\n        what: Work from 0\n",
            "    serves:\n      - to: customer-0\n        what: Work from 0\n      - to: customer-0\n        what: Also from 0\n      - to: customer-0\n",
        );
        let org = crate::load::load_str("gen.yaml", &yaml).unwrap_or_else(|e| panic!("{:?}", e.diagnostics)).org;
        let g = ChainGraph::build(&org);
        let order = IdOrder::compute(&org, &g);

        let mut by_rank: Vec<DeptIdx> = (0..org.departments.len() as u32).map(DeptIdx).collect();
        order.sort_departments(&mut by_rank);
        let mut by_string = by_rank.clone();
        by_string.sort_by(|&a, &b| org.department(a).id.cmp(&org.department(b).id));
        assert_eq!(by_rank, by_string);

        let mut handoffs: Vec<HandoffIdx> = (0..org.handoffs.len() as u32).map(HandoffIdx).collect();
        handoffs.sort_by_key(|&h| order.handoff(h));
        let keys: Vec<_> = handoffs.iter().map(|&h| super::super::handoff_key(&org, h)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "handoffs are not in (from, to, what) order");
        assert!(keys.iter().filter(|k| k.0 == "dept-0").count() >= 3);
    }
}
