//! The weakest link each department's work can pass through on its way to
//! the customer, rework loops included: over every handoff whose supplier is
//! the department or reachable from it and whose receiver reaches a customer,
//! the lowest-quality one. One pass over the strongly connected components in
//! reverse topological order.

use super::components::Components;
use super::reach::Reach;
use crate::graph::ChainGraph;
use crate::model::HandoffIdx;

/// `rank[h]` orders handoffs from weakest to strongest (ties broken by ids);
/// `components` are the graph's. The result is
/// the weakest downstream handoff of every node.
pub fn weakest_downstream(
    g: &ChainGraph,
    reach: &Reach,
    rank: &[u32],
    components: &Components,
) -> Vec<Option<HandoffIdx>> {
    let better = |a: Option<HandoffIdx>, b: Option<HandoffIdx>| match (a, b) {
        (Some(x), Some(y)) => Some(if rank[y.0 as usize] < rank[x.0 as usize] { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    };
    let mut worst: Vec<Option<HandoffIdx>> = vec![None; components.len()];
    for (i, c) in components.iter().enumerate() {
        let mut w = None;
        for &n in c {
            for &h in g.outgoing(n as usize) {
                let r = g.receiver(h);
                if reach.is_live(r) {
                    w = better(w, Some(h));
                }
                let rc = components.of(r);
                if rc != i {
                    w = better(w, worst[rc]);
                }
            }
        }
        worst[i] = w;
    }
    components.tags().iter().map(|&c| worst[c as usize]).collect()
}
