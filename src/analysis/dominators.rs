//! Single points of failure and critical handoffs, from one dominator tree.
//!
//! Against the direction of the handoffs, with a virtual root joined to every
//! customer, department `x` dominates department `d` exactly when every chain
//! of `d` passes through `x`. Were handoffs nodes of their own (each
//! handoff `h = s -> r` split into `r -> h -> s`), the same tree would say
//! which handoffs every chain of `d` uses; but such a node has one
//! predecessor, so it dominates nothing unless it is its supplier's only
//! way (`s`'s one handoff to a department that reaches a customer without
//! passing `s`), and then it sits between `r` and `s` and dominates what
//! `s` does. So the
//! tree is built on the departments and customers alone (a third of the
//! nodes at 1M departments), and each such handoff takes its supplier's
//! place. The tree is built with the Lengauer-Tarjan algorithm (path
//! compression: O(E log V)), iteratively, so that no org is too deep for
//! the stack.

use super::local::Local;
use crate::graph::ChainGraph;
use crate::model::{DeptIdx, HandoffIdx};

const NONE: u32 = u32::MAX;

/// The dominator tree of the reversed graph, handoffs split into nodes.
#[derive(Debug, Clone)]
pub struct Dominators {
    /// Graph nodes are `1..=nodes`; handoff `h` is node `nodes + 1 + h`; 0 is the root.
    nodes: usize,
    /// How many departments each node dominates, itself included.
    count: Vec<u32>,
    /// The departments in the dominator tree's preorder: the departments a
    /// node dominates are `order[first[v]..first[v] + count[v]]`, a node
    /// that is a department first.
    order: Vec<DeptIdx>,
    first: Vec<u32>,
}

impl Dominators {
    pub fn compute(g: &ChainGraph) -> Self {
        let nodes = g.node_count();
        let total = 1 + nodes + g.handoff_count();
        let idom = lengauer_tarjan(&Reversed { g }, 1 + nodes);
        let is_department = |v: usize| (1..=g.department_count()).contains(&v);

        // Only departments in the tree (those that reach a customer) count.
        let mut count = vec![0u32; total];
        for &w in &idom.order {
            if is_department(w as usize) {
                count[w as usize] = 1;
            }
        }
        // A node's dominator precedes it in depth-first order.
        for &w in idom.order.iter().skip(1).rev() {
            let parent = idom.idom[w as usize] as usize;
            count[parent] += count[w as usize];
        }
        // Children lists, by counting sort on the parent.
        let mut child_start = vec![0u32; nodes + 2];
        for &w in idom.order.iter().skip(1) {
            child_start[idom.idom[w as usize] as usize + 1] += 1;
        }
        for i in 0..=nodes {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut children = vec![0u32; idom.order.len().saturating_sub(1)];
        for &w in idom.order.iter().skip(1) {
            let p = idom.idom[w as usize] as usize;
            children[fill[p] as usize] = w;
            fill[p] += 1;
        }
        // Preorder of the dominator tree, iteratively.
        let mut order = Vec::with_capacity(g.department_count());
        let mut first = vec![0u32; total];
        let mut stack = vec![0u32];
        while let Some(v) = stack.pop() {
            let v = v as usize;
            first[v] = order.len() as u32;
            if is_department(v) {
                order.push(DeptIdx((v - 1) as u32));
            }
            stack.extend_from_slice(&children[child_start[v] as usize..child_start[v + 1] as usize]);
        }
        // A handoff dominates what its supplier does when every chain of
        // the supplier starts with it: when it is the supplier's only
        // handoff to a node in the tree that the supplier does not
        // dominate (chains through the others pass the supplier first).
        let in_tree = |n: usize| idom.idom[1 + n] != NONE;
        let dominates = |s: usize, r: usize| {
            let (at, span) = (first[1 + r], first[1 + s]..first[1 + s] + count[1 + s]);
            !g.is_customer(r) && span.contains(&at)
        };
        let sole: Vec<(usize, usize)> = (0..g.department_count())
            .filter(|&s| in_tree(s))
            .filter_map(|s| {
                let mut live =
                    g.outgoing(s).iter().filter(|&&h| in_tree(g.receiver(h)) && !dominates(s, g.receiver(h)));
                match (live.next(), live.next()) {
                    (Some(h), None) => Some((nodes + 1 + h.0 as usize, 1 + s)),
                    _ => None,
                }
            })
            .collect();
        for (v, s) in sole {
            (count[v], first[v]) = (count[s], first[s]);
        }
        Dominators { nodes, count, order, first }
    }

    /// The same tree, computed on `local`'s graph, in the org's numbering.
    /// Its preorder changes with the numbering, but nothing reads it as
    /// more than a set: each span still starts with its department.
    pub(super) fn renumbered(self, local: &Local) -> Self {
        let nodes = self.nodes;
        let (mut count, mut first) = (vec![0u32; self.count.len()], vec![0u32; self.first.len()]);
        (count[0], first[0]) = (self.count[0], self.first[0]);
        for n in 0..nodes {
            let v = 1 + local.node(n);
            (count[1 + n], first[1 + n]) = (self.count[v], self.first[v]);
        }
        for v in nodes + 1..self.count.len() {
            let old = nodes + 1 + local.old_handoff((v - nodes - 1) as u32) as usize;
            (count[old], first[old]) = (self.count[v], self.first[v]);
        }
        let order = self.order.into_iter().map(|d| DeptIdx(local.old_node(d.0 as usize) as u32)).collect();
        Dominators { nodes, count, order, first }
    }

    /// How many departments would be cut off if `d` were removed (`d` itself
    /// not counted).
    pub fn department_impact(&self, d: DeptIdx) -> u32 {
        self.count[1 + d.0 as usize].saturating_sub(1)
    }

    /// How many departments would be cut off if handoff `h` were removed
    /// (its supplier counted when it was its only way).
    pub fn handoff_impact(&self, h: HandoffIdx) -> u32 {
        self.count[self.nodes + 1 + h.0 as usize]
    }

    /// The departments `d` is a single point of failure for, in no
    /// particular order. Costs only as many steps as it yields.
    pub fn departments_behind(&self, d: DeptIdx) -> &[DeptIdx] {
        let v = 1 + d.0 as usize;
        match self.dominated(v).split_first() {
            Some((&first, rest)) if first == d => rest,
            _ => &[],
        }
    }

    /// The departments for which every chain uses handoff `h`, in no
    /// particular order.
    pub fn departments_using(&self, h: HandoffIdx) -> &[DeptIdx] {
        self.dominated(self.nodes + 1 + h.0 as usize)
    }

    /// The departments in the dominator tree's preorder: what
    /// [`Dominators::behind_span`] and [`Dominators::using_span`] index, so
    /// that a caller can count over them with one prefix sum.
    pub fn preorder(&self) -> &[DeptIdx] {
        &self.order
    }

    /// Where [`Dominators::departments_behind`] lies in [`Dominators::preorder`].
    pub fn behind_span(&self, d: DeptIdx) -> std::ops::Range<usize> {
        let v = 1 + d.0 as usize;
        match self.count[v] {
            0 => 0..0,
            n => self.first[v] as usize + 1..self.first[v] as usize + n as usize,
        }
    }

    /// Where [`Dominators::departments_using`] lies in [`Dominators::preorder`].
    pub fn using_span(&self, h: HandoffIdx) -> std::ops::Range<usize> {
        let v = self.nodes + 1 + h.0 as usize;
        let start = self.first[v] as usize;
        start..start + self.count[v] as usize
    }

    fn dominated(&self, v: usize) -> &[DeptIdx] {
        if self.count[v] == 0 {
            return &[];
        }
        let start = self.first[v] as usize;
        &self.order[start..start + self.count[v] as usize]
    }
}

/// The reversed graph, rooted at node 0, node `n` of the graph being `1 + n`.
struct Reversed<'g> {
    g: &'g ChainGraph,
}

impl Reversed<'_> {
    /// Calls `f` for each successor of `v`: the suppliers of its handoffs.
    fn successors(&self, v: usize, mut f: impl FnMut(usize)) {
        if v == 0 {
            self.g.customers().for_each(|c| f(1 + c));
        } else {
            self.g.incoming(v - 1).iter().for_each(|&h| f(1 + self.g.supplier(h)));
        }
    }

    /// Calls `f` for each predecessor of `v`: the receivers of its handoffs.
    fn predecessors(&self, v: usize, mut f: impl FnMut(usize)) {
        if v == 0 {
        } else if self.g.is_customer(v - 1) {
            f(0);
        } else {
            self.g.outgoing(v - 1).iter().for_each(|&h| f(1 + self.g.receiver(h)));
        }
    }
}

struct Idom {
    /// Immediate dominator of each reachable node (`NONE` for the others).
    idom: Vec<u32>,
    /// Reachable nodes in depth-first preorder, the root first.
    order: Vec<u32>,
}

/// A node of the forest the algorithm links nodes into, by preorder
/// number: its ancestor (`NONE` until it is linked, and for a root), the
/// node of least semidominator on the path above it (as far as compressed)
/// and that node's semidominator, side by side so that a step of path
/// compression reads one place.
#[derive(Clone, Copy)]
struct Link {
    ancestor: u32,
    label: u32,
    semi: u32,
}

/// Lengauer and Tarjan's algorithm, with every array indexed by preorder
/// number rather than node: the loops walk them in order, and only the
/// predecessors are looked up by node.
fn lengauer_tarjan(split: &Reversed<'_>, total: usize) -> Idom {
    // Depth-first numbering, iteratively: `pre[v]`, and `parent` by
    // preorder number.
    let mut pre = vec![NONE; total];
    let mut parent: Vec<u32> = Vec::new();
    let mut order: Vec<u32> = Vec::new();
    let mut stack: Vec<(u32, u32)> = vec![(0, NONE)];
    let mut succ = Vec::new();
    while let Some((v, p)) = stack.pop() {
        if pre[v as usize] != NONE {
            continue;
        }
        pre[v as usize] = order.len() as u32;
        parent.push(if p == NONE { NONE } else { pre[p as usize] });
        order.push(v);
        succ.clear();
        split.successors(v as usize, |w| succ.push(w as u32));
        // Reversed, so that successors are visited in their natural order.
        for &w in succ.iter().rev() {
            if pre[w as usize] == NONE {
                stack.push((w, v));
            }
        }
    }

    let n = order.len();
    let mut semi: Vec<u32> = (0..n as u32).collect();
    let mut forest: Vec<Link> = (0..n as u32).map(|i| Link { ancestor: NONE, label: i, semi: i }).collect();
    let mut idom = vec![NONE; n];
    // Buckets as linked lists: bucket_head[v] -> next[w] -> ...
    let mut bucket_head = vec![NONE; n];
    let mut bucket_next = vec![NONE; n];
    let mut path = Vec::new();

    for i in (1..n).rev() {
        let mut best = i as u32;
        split.predecessors(order[i] as usize, |v| {
            let v = pre[v];
            if v != NONE {
                best = best.min(eval(v, &mut forest, &mut path).1);
            }
        });
        semi[i] = best;
        bucket_next[i] = bucket_head[best as usize];
        bucket_head[best as usize] = i as u32;
        let p = parent[i];
        forest[i] = Link { ancestor: p, label: i as u32, semi: best };
        let mut v = std::mem::replace(&mut bucket_head[p as usize], NONE);
        while v != NONE {
            let (u, semi_u) = eval(v, &mut forest, &mut path);
            idom[v as usize] = if semi_u < semi[v as usize] { u } else { p };
            v = bucket_next[v as usize];
        }
    }
    for i in 1..n {
        if idom[i] != semi[i] {
            idom[i] = idom[idom[i] as usize];
        }
    }
    // Back to nodes.
    let mut by_node = vec![NONE; total];
    by_node[0] = 0;
    for i in 1..n {
        by_node[order[i] as usize] = order[idom[i] as usize];
    }
    Idom { idom: by_node, order }
}

/// The node of least semidominator on the forest path above `v`, and its
/// semidominator, compressing the path as it goes.
fn eval(v: u32, forest: &mut [Link], path: &mut Vec<u32>) -> (u32, u32) {
    let here = forest[v as usize];
    if here.ancestor == NONE {
        return (here.label, here.semi);
    }
    path.clear();
    let mut x = v;
    loop {
        let a = forest[x as usize].ancestor;
        if forest[a as usize].ancestor == NONE {
            break;
        }
        path.push(x);
        x = a;
    }
    while let Some(y) = path.pop() {
        let a = forest[forest[y as usize].ancestor as usize];
        let link = &mut forest[y as usize];
        if a.semi < link.semi {
            (link.label, link.semi) = (a.label, a.semi);
        }
        link.ancestor = a.ancestor;
    }
    let here = forest[v as usize];
    (here.label, here.semi)
}
