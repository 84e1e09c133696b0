//! The loops of the org (SPEC §2 *cycle*): which are rework loops and which
//! only feedback loops, and for each one cycle in flow order to show.

use super::components::Components;
use crate::graph::ChainGraph;
use crate::model::{DeptIdx, HandoffIdx};
use std::collections::VecDeque;

/// One loop: its departments in id order, and one cycle through them in
/// flow order (the first department not repeated at the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loop {
    pub departments: Vec<DeptIdx>,
    pub cycle: Vec<DeptIdx>,
}

/// The loops split into rework loops (some cycle uses no feedback handoff)
/// and feedback loops (every cycle uses one).
#[derive(Debug, Clone, Default)]
pub struct Loops {
    pub rework: Vec<Loop>,
    pub feedback: Vec<Loop>,
}

/// Splits `components` (the strongly connected components) into rework and feedback loops. `rank[h]` orders handoffs by quality,
/// then ids: the shown cycle runs through the loop's first handoff in it.
pub fn classify(
    g: &ChainGraph,
    components: &Components,
    feedback: &[bool],
    rank: &[u32],
    sort: impl Fn(&mut Vec<DeptIdx>),
) -> Loops {
    let comp = components.tags();
    // Components of the graph without feedback handoffs: each lies inside
    // one of the whole graph's, and a loop is a rework loop exactly when it
    // holds one of two or more departments.
    let plain = if feedback.iter().any(|&f| f) {
        let (sub, count) = components_without(g, feedback);
        let mut size = vec![0u32; count];
        for &s in &sub {
            size[s as usize] += 1;
        }
        Some((sub, size))
    } else {
        None
    };
    let mut loops = Loops::default();
    for (i, c) in components.iter().enumerate().filter(|(_, c)| c.len() > 1) {
        let mut departments: Vec<DeptIdx> = c.iter().map(|&v| DeptIdx(v)).collect();
        sort(&mut departments);
        // The handoffs a shown cycle may use, and their component tag.
        let (tag, rework): (&[u32], bool) = match &plain {
            None => (comp, true),
            Some((sub, size)) => {
                let rework = c.iter().any(|&v| size[sub[v as usize] as usize] > 1);
                if rework { (sub, true) } else { (comp, false) }
            }
        };
        let usable = |h: HandoffIdx| {
            let (s, r) = (g.supplier(h), g.receiver(h));
            comp[s] == i as u32 && tag[s] == tag[r] && !(rework && feedback[h.0 as usize])
        };
        let inside: Vec<HandoffIdx> = c.iter().flat_map(|&v| g.outgoing(v as usize).iter().copied()).collect();
        let cycle = inside
            .iter()
            .copied()
            .filter(|&h| usable(h))
            .min_by_key(|h| rank[h.0 as usize])
            .map(|w| shortest_cycle(g, w, &usable, rank))
            .unwrap_or_default();
        let l = Loop { departments, cycle };
        if rework { loops.rework.push(l) } else { loops.feedback.push(l) }
    }
    loops
}

/// A shortest cycle through handoff `w` over `usable` handoffs: a BFS from
/// its receiver back to its supplier, trying handoffs in `rank` order so
/// that ties go the same way every run.
fn shortest_cycle(g: &ChainGraph, w: HandoffIdx, usable: &impl Fn(HandoffIdx) -> bool, rank: &[u32]) -> Vec<DeptIdx> {
    let (start, goal) = (g.receiver(w), g.supplier(w));
    let mut parent = std::collections::HashMap::new();
    parent.insert(start, start);
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        if v == goal {
            break;
        }
        let mut next: Vec<HandoffIdx> = g.outgoing(v).iter().copied().filter(|&h| usable(h)).collect();
        next.sort_unstable_by_key(|h| rank[h.0 as usize]);
        for h in next {
            let r = g.receiver(h);
            if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(r) {
                e.insert(v);
                queue.push_back(r);
            }
        }
    }
    // Walk back from the supplier to the receiver, then put the supplier
    // first: the cycle reads from the weakest handoff's supplier onwards.
    let mut path = vec![goal];
    let mut v = goal;
    while v != start {
        match parent.get(&v) {
            Some(&p) => v = p,
            None => return Vec::new(),
        }
        path.push(v);
    }
    path.push(goal);
    path.reverse();
    path.pop();
    path.into_iter().map(|v| DeptIdx(v as u32)).collect()
}

/// The strongly connected components of the graph without feedback
/// handoffs: each node's component number, and how many there are.
fn components_without(g: &ChainGraph, feedback: &[bool]) -> (Vec<u32>, usize) {
    let mut sub = petgraph::graph::DiGraph::<(), (), u32>::with_capacity(g.node_count(), g.handoff_count());
    for _ in 0..g.node_count() {
        sub.add_node(());
    }
    for h in (0..g.handoff_count() as u32).map(HandoffIdx).filter(|h| !feedback[h.0 as usize]) {
        sub.add_edge((g.supplier(h) as u32).into(), (g.receiver(h) as u32).into(), ());
    }
    let components = petgraph::algo::kosaraju_scc(&sub);
    let mut tag = vec![0u32; g.node_count()];
    for (i, c) in components.iter().enumerate() {
        for v in c {
            tag[v.index()] = i as u32;
        }
    }
    (tag, components.len())
}
