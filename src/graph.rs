//! The service chain as a petgraph graph: one node per department and per
//! customer, one edge per handoff from supplier to receiver. Built in one
//! place from a checked org; petgraph's indices never leave this file.

use crate::model::{CustomerIdx, DeptIdx, Endpoint, HandoffIdx, Org};
use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

/// The directed graph of handoffs. Departments are nodes `0..departments`,
/// customers follow; edge `i` is handoff `i`.
#[derive(Debug, Clone)]
pub struct ChainGraph {
    graph: DiGraph<Endpoint, HandoffIdx, u32>,
    departments: usize,
}

impl ChainGraph {
    pub fn build(org: &Org) -> Self {
        let departments = org.departments.len();
        let mut graph = DiGraph::with_capacity(departments + org.customers.len(), org.handoffs.len());
        for i in 0..departments {
            graph.add_node(Endpoint::Department(DeptIdx(i as u32)));
        }
        for i in 0..org.customers.len() {
            graph.add_node(Endpoint::Customer(CustomerIdx(i as u32)));
        }
        let mut g = ChainGraph { graph, departments };
        for (i, h) in org.handoffs.iter().enumerate() {
            let (from, to) = (g.node(Endpoint::Department(h.from)), g.node(h.to));
            g.graph.add_edge(from, to, HandoffIdx(i as u32));
        }
        g
    }

    fn node(&self, e: Endpoint) -> NodeIndex<u32> {
        match e {
            Endpoint::Department(d) => NodeIndex::new(d.0 as usize),
            Endpoint::Customer(c) => NodeIndex::new(self.departments + c.0 as usize),
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn handoff_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn department_count(&self) -> usize {
        self.departments
    }

    /// The handoffs a department makes (it is their supplier), in file order.
    pub fn handoffs_from(&self, d: DeptIdx) -> impl Iterator<Item = HandoffIdx> + '_ {
        self.edges(Endpoint::Department(d), Direction::Outgoing)
    }

    /// The handoffs a department or customer receives, in file order.
    pub fn handoffs_to(&self, e: Endpoint) -> impl Iterator<Item = HandoffIdx> + '_ {
        self.edges(e, Direction::Incoming)
    }

    fn edges(&self, e: Endpoint, dir: Direction) -> impl Iterator<Item = HandoffIdx> + '_ {
        let mut v: Vec<HandoffIdx> = self.graph.edges_directed(self.node(e), dir).map(|r| *r.weight()).collect();
        // petgraph lists a node's edges newest first; file order reads better.
        v.sort_unstable();
        v.into_iter()
    }

    /// The two ends of a handoff.
    pub fn ends(&self, h: HandoffIdx) -> Option<(Endpoint, Endpoint)> {
        let (a, b) = self.graph.edge_endpoints(EdgeIndex::new(h.0 as usize))?;
        Some((self.graph[a], self.graph[b]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    #[test]
    fn edges_follow_handoffs_in_file_order() {
        let org = load_str(
            "t.yaml",
            "customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: b}, {to: c}]\n  - id: b\n    serves: [{to: c}]\n",
        )
        .map_err(|e| e.diagnostics)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .org;
        let g = ChainGraph::build(&org);
        assert_eq!(g.node_count(), 3);
        assert_eq!(g.handoff_count(), 3);
        let a = DeptIdx(0);
        assert_eq!(g.handoffs_from(a).collect::<Vec<_>>(), vec![HandoffIdx(0), HandoffIdx(1)]);
        let c = Endpoint::Customer(CustomerIdx(0));
        assert_eq!(g.handoffs_to(c).collect::<Vec<_>>(), vec![HandoffIdx(1), HandoffIdx(2)]);
        assert_eq!(g.ends(HandoffIdx(0)), Some((Endpoint::Department(a), Endpoint::Department(DeptIdx(1)))));
    }
}
