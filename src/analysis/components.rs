//! The strongly connected components of the graph (each rework or feedback
//! loop is one, every other node one of its own), in reverse topological
//! order, kept flat: one number per node and one list of all members, not
//! a list per component (at 1M departments, a million allocations).

use crate::graph::ChainGraph;

const UNSEEN: u32 = u32::MAX;

/// The components, numbered so that a component comes after every
/// component its handoffs lead to.
#[derive(Debug, Clone)]
pub struct Components {
    /// `of[n]`: node `n`'s component.
    of: Vec<u32>,
    /// Component `i`'s nodes, ascending, are `members[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    members: Vec<u32>,
}

impl Components {
    /// Tarjan's algorithm, without recursion so that no chain is too long
    /// for the stack. It finds each component after those it leads to.
    pub fn compute(g: &ChainGraph) -> Self {
        let n = g.node_count();
        let mut index = vec![UNSEEN; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut of = vec![0u32; n];
        let mut start = vec![0u32];
        let mut members: Vec<u32> = Vec::with_capacity(n);
        let mut stack: Vec<u32> = Vec::new();
        // The depth-first path: each node with how many of its handoffs it tried.
        let mut path: Vec<(u32, u32)> = Vec::new();
        let mut seen = 0u32;
        for root in 0..n {
            if index[root] != UNSEEN {
                continue;
            }
            let mut next = Some(root);
            loop {
                if let Some(v) = next.take() {
                    (index[v], low[v], on_stack[v]) = (seen, seen, true);
                    seen += 1;
                    stack.push(v as u32);
                    path.push((v as u32, 0));
                }
                let Some(&mut (v, ref mut tried)) = path.last_mut() else { break };
                let v = v as usize;
                if let Some(&h) = g.outgoing(v).get(*tried as usize) {
                    *tried += 1;
                    let w = g.receiver(h);
                    if index[w] == UNSEEN {
                        next = Some(w);
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                path.pop();
                if let Some(&(p, _)) = path.last() {
                    low[p as usize] = low[p as usize].min(low[v]);
                }
                if low[v] == index[v] {
                    let component = start.len() as u32 - 1;
                    let first = members.len();
                    while let Some(w) = stack.pop() {
                        on_stack[w as usize] = false;
                        of[w as usize] = component;
                        members.push(w);
                        if w as usize == v {
                            break;
                        }
                    }
                    members[first..].sort_unstable();
                    start.push(members.len() as u32);
                }
            }
        }
        Components { of, start, members }
    }

    /// How many components there are.
    pub fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// Whether the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Node `n`'s component.
    pub fn of(&self, n: usize) -> usize {
        self.of[n] as usize
    }

    /// Every node's component.
    pub fn tags(&self) -> &[u32] {
        &self.of
    }

    /// Component `i`'s nodes, ascending.
    pub fn get(&self, i: usize) -> &[u32] {
        &self.members[self.start[i] as usize..self.start[i + 1] as usize]
    }

    /// The components in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.len()).map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    #[test]
    fn components_come_after_those_they_lead_to() {
        let org = load_str(
            "t.yaml",
            "customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: b}, {to: c}]\n  - id: b\n    serves: [{to: c}, {to: a}]\n  - id: x\n    serves: [{to: a}]\n",
        )
        .map_err(|e| e.diagnostics)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .org;
        let g = ChainGraph::build(&org);
        let c = Components::compute(&g);
        let all: Vec<&[u32]> = c.iter().collect();
        assert_eq!(all, [&[3][..], &[0, 1], &[2]]);
        assert_eq!((c.of(3), c.of(0), c.of(1), c.of(2)), (0, 1, 1, 2));
    }
}
