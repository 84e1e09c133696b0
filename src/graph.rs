//! The service chain as a graph: one node per department and per customer,
//! one edge per handoff from supplier to receiver. Built in one place from a
//! checked org, as compact adjacency arrays. A node is a dense `usize`:
//! departments are `0..departments()`, customers follow.

use crate::model::{CustomerIdx, DeptIdx, Endpoint, HandoffIdx, Org};

/// The directed graph of handoffs.
#[derive(Debug, Clone)]
pub struct ChainGraph {
    departments: usize,
    /// `supplier[h]`, `receiver[h]`: the nodes at the ends of handoff `h`.
    supplier: Vec<u32>,
    receiver: Vec<u32>,
    /// The handoffs out of node `n` are `out_edges[out_start[n]..out_start[n + 1]]`, in file order.
    out_start: Vec<u32>,
    out_edges: Vec<HandoffIdx>,
    /// Likewise for the handoffs into each node.
    in_start: Vec<u32>,
    in_edges: Vec<HandoffIdx>,
}

impl ChainGraph {
    pub fn build(org: &Org) -> Self {
        let departments = org.departments.len();
        let nodes = departments + org.customers.len();
        let node = |e: Endpoint| match e {
            Endpoint::Department(d) => d.0,
            Endpoint::Customer(c) => (departments as u32) + c.0,
        };
        let supplier: Vec<u32> = org.handoffs.iter().map(|h| h.from.0).collect();
        let receiver: Vec<u32> = org.handoffs.iter().map(|h| node(h.to)).collect();
        Self::from_ends(departments, nodes, supplier, receiver)
    }

    /// The graph of `nodes` nodes, the first `departments` of them
    /// departments, whose handoff `h` goes from `supplier[h]` to `receiver[h]`.
    pub fn from_ends(departments: usize, nodes: usize, supplier: Vec<u32>, receiver: Vec<u32>) -> Self {
        let (out_start, out_edges) = adjacency(nodes, &supplier);
        let (in_start, in_edges) = adjacency(nodes, &receiver);
        ChainGraph { departments, supplier, receiver, out_start, out_edges, in_start, in_edges }
    }

    /// Departments and customers.
    pub fn node_count(&self) -> usize {
        self.out_start.len() - 1
    }

    pub fn handoff_count(&self) -> usize {
        self.supplier.len()
    }

    pub fn department_count(&self) -> usize {
        self.departments
    }

    /// The node of a department or customer.
    pub fn node(&self, e: Endpoint) -> usize {
        match e {
            Endpoint::Department(d) => d.0 as usize,
            Endpoint::Customer(c) => self.departments + c.0 as usize,
        }
    }

    /// What a node is.
    pub fn endpoint(&self, n: usize) -> Endpoint {
        if n < self.departments {
            Endpoint::Department(DeptIdx(n as u32))
        } else {
            Endpoint::Customer(CustomerIdx((n - self.departments) as u32))
        }
    }

    pub fn is_customer(&self, n: usize) -> bool {
        n >= self.departments
    }

    /// The customers' nodes.
    pub fn customers(&self) -> std::ops::Range<usize> {
        self.departments..self.node_count()
    }

    /// The handoffs node `n` makes (it is their supplier), in file order.
    pub fn outgoing(&self, n: usize) -> &[HandoffIdx] {
        &self.out_edges[self.out_start[n] as usize..self.out_start[n + 1] as usize]
    }

    /// The handoffs node `n` receives, in file order.
    pub fn incoming(&self, n: usize) -> &[HandoffIdx] {
        &self.in_edges[self.in_start[n] as usize..self.in_start[n + 1] as usize]
    }

    pub fn supplier(&self, h: HandoffIdx) -> usize {
        self.supplier[h.0 as usize] as usize
    }

    pub fn receiver(&self, h: HandoffIdx) -> usize {
        self.receiver[h.0 as usize] as usize
    }
}

/// Compressed adjacency: for each node, the handoffs whose `end` is that node,
/// in handoff order.
fn adjacency(nodes: usize, end: &[u32]) -> (Vec<u32>, Vec<HandoffIdx>) {
    let mut start = vec![0u32; nodes + 1];
    for &n in end {
        start[n as usize + 1] += 1;
    }
    for i in 0..nodes {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut edges = vec![HandoffIdx(0); end.len()];
    for (h, &n) in end.iter().enumerate() {
        let slot = &mut fill[n as usize];
        edges[*slot as usize] = HandoffIdx(h as u32);
        *slot += 1;
    }
    (start, edges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    #[test]
    fn edges_follow_handoffs_in_file_order() {
        let org = load_str(
            "t.yaml",
            "customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: b}, {to: c}]\n  - id: b\n    serves: [{to: c}, {to: a}]\n",
        )
        .map_err(|e| e.diagnostics)
        .unwrap_or_else(|d| panic!("{d:?}"))
        .org;
        let g = ChainGraph::build(&org);
        assert_eq!((g.node_count(), g.handoff_count(), g.department_count()), (3, 4, 2));
        let c = g.node(Endpoint::Customer(CustomerIdx(0)));
        assert_eq!(c, 2);
        assert!(g.is_customer(c) && !g.is_customer(1));
        assert_eq!(g.outgoing(0), [HandoffIdx(0), HandoffIdx(1)]);
        assert_eq!(g.incoming(c), [HandoffIdx(1), HandoffIdx(2)]);
        assert_eq!(g.incoming(0), [HandoffIdx(3)]);
        assert_eq!((g.supplier(HandoffIdx(0)), g.receiver(HandoffIdx(0))), (0, 1));
        assert_eq!(g.endpoint(2), Endpoint::Customer(CustomerIdx(0)));
    }
}
