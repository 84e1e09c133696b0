//! The numbering the analyses search in: nodes in breadth-first order from
//! the customers against the handoffs, and handoffs by receiver in that
//! order. The searches go from the customers outwards, so in this numbering
//! they walk their arrays nearly in order instead of jumping to a random
//! department of the next layer on every handoff: at 1M departments (a
//! working set far beyond the caches) that was most of their time.
//!
//! Results come back in the org's numbering (see each analysis'
//! `renumbered`); nothing the reports show depends on the numbering, since
//! every tie is broken by ids.

use crate::graph::ChainGraph;
use crate::model::HandoffIdx;

/// A node or handoff the breadth-first search has not numbered yet.
const NONE: u32 = u32::MAX;

/// The graph renumbered, and the way back.
#[derive(Debug)]
pub struct Local {
    pub graph: ChainGraph,
    /// `node_new[n]`: the local number of the org's node `n`.
    node_new: Vec<u32>,
    /// `node_old[n]`: the org's node of local node `n`.
    node_old: Vec<u32>,
    /// `handoff_old[h]`: the org's handoff of local handoff `h`.
    handoff_old: Vec<u32>,
}

impl Local {
    /// Departments that reach a customer come first, in breadth-first order
    /// (a node's suppliers in file order of its handoffs), then the cut-off
    /// ones in file order; customers keep their numbers, after the
    /// departments. A local handoff's number is its place among the handoffs
    /// into its receiver, receivers in local order, each one's in file order:
    /// so `incoming` keeps its order.
    pub fn new(g: &ChainGraph) -> Self {
        let (nodes, departments) = (g.node_count(), g.department_count());
        let mut node_new = vec![NONE; nodes];
        let mut node_old: Vec<u32> = Vec::with_capacity(nodes);
        for c in g.customers() {
            node_new[c] = c as u32;
        }
        // The queue is `node_old` itself, after the customers.
        let queue: Vec<u32> = g.customers().map(|c| c as u32).collect();
        let mut next = 0;
        loop {
            let n = match queue.get(next) {
                Some(&c) => c,
                None => match node_old.get(next - queue.len()) {
                    Some(&d) => d,
                    None => break,
                },
            };
            next += 1;
            for &h in g.incoming(n as usize) {
                let s = g.supplier(h);
                if node_new[s] == NONE {
                    node_new[s] = node_old.len() as u32;
                    node_old.push(s as u32);
                }
            }
        }
        for (d, new) in node_new.iter_mut().enumerate().take(departments) {
            if *new == NONE {
                *new = node_old.len() as u32;
                node_old.push(d as u32);
            }
        }
        node_old.extend(queue);

        let mut handoff_old: Vec<u32> = Vec::with_capacity(g.handoff_count());
        for &n in &node_old {
            handoff_old.extend(g.incoming(n as usize).iter().map(|h| h.0));
        }
        let supplier = handoff_old.iter().map(|&h| node_new[g.supplier(HandoffIdx(h))]).collect();
        let receiver = handoff_old.iter().map(|&h| node_new[g.receiver(HandoffIdx(h))]).collect();
        let graph = ChainGraph::from_ends(departments, nodes, supplier, receiver);
        Local { graph, node_new, node_old, handoff_old }
    }

    /// The local number of the org's node `n`.
    pub fn node(&self, n: usize) -> usize {
        self.node_new[n] as usize
    }

    /// The org's node of local node `n`.
    pub fn old_node(&self, n: usize) -> usize {
        self.node_old[n] as usize
    }

    /// The org's handoff of local handoff `h`.
    pub fn old_handoff(&self, h: u32) -> u32 {
        self.handoff_old[h as usize]
    }

    /// Per local handoff, `value` of its org handoff.
    pub fn handoffs<T>(&self, value: impl Fn(HandoffIdx) -> T) -> Vec<T> {
        self.handoff_old.iter().map(|&h| value(HandoffIdx(h))).collect()
    }

    /// Per org node, the value a per-local-node array holds for it.
    pub fn nodes_back<T: Clone>(&self, local: &[T]) -> Vec<T> {
        self.node_new.iter().map(|&n| local[n as usize].clone()).collect()
    }

    /// Per local node, the value a per-org-node array holds for it.
    pub fn nodes<T: Clone>(&self, org: &[T]) -> Vec<T> {
        self.node_old.iter().map(|&n| org[n as usize].clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_breadth_first_from_the_customers() {
        let yaml = crate::synth::org_yaml(crate::synth::Shape::new(500));
        let org = crate::load::load_str("gen.yaml", &yaml).unwrap_or_else(|e| panic!("{:?}", e.diagnostics)).org;
        let g = ChainGraph::build(&org);
        let local = Local::new(&g);
        let l = &local.graph;
        assert_eq!((l.node_count(), l.handoff_count(), l.department_count()), (g.node_count(), g.handoff_count(), 500));
        for n in 0..g.node_count() {
            assert_eq!(local.old_node(local.node(n)), n);
            assert_eq!(l.is_customer(local.node(n)), g.is_customer(n));
            let into: Vec<u32> = l.incoming(local.node(n)).iter().map(|h| local.old_handoff(h.0)).collect();
            let want: Vec<u32> = g.incoming(n).iter().map(|h| h.0).collect();
            assert_eq!(into, want, "the handoffs into {n} keep their order");
        }
        for h in 0..g.handoff_count() as u32 {
            let old = HandoffIdx(local.old_handoff(h));
            assert_eq!(local.old_node(l.supplier(HandoffIdx(h))), g.supplier(old));
            assert_eq!(local.old_node(l.receiver(HandoffIdx(h))), g.receiver(old));
        }
        // Hops never decrease along the local numbering of departments
        // that reach a customer.
        let reach = super::super::Reach::compute(l);
        let hops: Vec<u32> = (0..l.department_count()).map_while(|n| reach.hops(n)).collect();
        assert!(hops.len() > 400 && hops.windows(2).all(|w| w[0] <= w[1]));
        assert!((hops.len()..l.department_count()).all(|n| !reach.is_live(n)));
    }
}
