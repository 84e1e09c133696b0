//! Units in drawings: which drawn nodes each unit frames (its sub-units'
//! frames nested inside), for `graph --group-by unit` (Graphviz clusters,
//! Mermaid subgraphs) and the HTML drawing's frames; and `graph --unit`,
//! the drawing cut to one unit's departments and the customers they serve.

use super::Report;
use super::diagram::{Class, Diagram};
use super::scope::Scope;
use crate::display::cell;
use crate::model::{Endpoint, UnitIdx};

/// One unit's frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: String,
    /// The enclosing frame, an index into [`Groups::list`].
    pub parent: Option<usize>,
    /// Drawn nodes ([`Diagram::nodes`] indices) whose own unit this is.
    pub nodes: Vec<usize>,
}

/// The frames of a drawing: only units with a drawn department, directly
/// or in a sub-unit, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Groups {
    pub list: Vec<Group>,
    /// Each drawn node's frame, if any: looked up once per node.
    framed: Vec<bool>,
}

impl Groups {
    pub fn of(r: &Report<'_>, d: &Diagram) -> Groups {
        let units = &r.org.units;
        let mut nodes: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
        let mut used = vec![false; units.len()];
        for (i, n) in d.nodes.iter().enumerate() {
            let Some(Endpoint::Department(dept)) = r.org.lookup(&n.id) else { continue };
            let Some(u) = r.org.department(dept).unit else { continue };
            nodes[u.0 as usize].push(i);
            for v in std::iter::successors(Some(u), |&v| units.get(v).parent) {
                used[v.0 as usize] = true;
            }
        }
        let mut index = vec![usize::MAX; units.len()];
        let mut list = Vec::new();
        for u in units.indices().filter(|u| used[u.0 as usize]) {
            index[u.0 as usize] = list.len();
            let unit = units.get(u);
            list.push(Group {
                id: unit.id.to_string(),
                name: cell(&unit.name),
                parent: None,
                nodes: std::mem::take(&mut nodes[u.0 as usize]),
            });
        }
        for u in units.indices().filter(|u| used[u.0 as usize]) {
            let parent = units.get(u).parent.map(|p: UnitIdx| index[p.0 as usize]);
            list[index[u.0 as usize]].parent = parent;
        }
        let mut framed = vec![false; d.nodes.len()];
        for &n in list.iter().flat_map(|g| &g.nodes) {
            framed[n] = true;
        }
        Groups { list, framed }
    }

    /// The frames directly inside `parent` (`None`: the top ones).
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        (0..self.list.len()).filter(move |&g| self.list[g].parent == parent)
    }

    /// Whether node `n` lies in some frame.
    pub fn framed(&self, n: usize) -> bool {
        self.framed.get(n).copied().unwrap_or(false)
    }

    /// Writes the frames inside `parent` and, nested in each, its nodes'
    /// lines and its sub-frames: `open(g, pad)` starts frame `g` (its
    /// lines indented by `pad`), `close` ends it (after the indent).
    fn write_nested(
        &self,
        parent: Option<usize>,
        lines: &[String],
        depth: usize,
        open: &dyn Fn(usize, &str) -> String,
        close: &str,
        out: &mut String,
    ) {
        let pad = "  ".repeat(depth);
        for g in self.children(parent) {
            out.push_str(&open(g, &pad));
            out.push('\n');
            for &n in &self.list[g].nodes {
                out.push_str(&pad);
                out.push_str(&lines[n]);
            }
            self.write_nested(Some(g), lines, depth + 1, open, close, out);
            out.push_str(&pad);
            out.push_str(close);
            out.push('\n');
        }
    }
}

/// Where the node lines of a DOT or Mermaid text go: a node in a unit's
/// frame waits for its frame, a cut-off one goes in the cut-off block, the
/// rest straight into the body.
#[derive(Debug)]
pub struct NodeLines<'g> {
    groups: Option<&'g Groups>,
    framed: Vec<String>,
    /// The cut-off block's lines, indented one step more than the body's.
    pub cut_off: String,
}

impl<'g> NodeLines<'g> {
    pub fn new(groups: Option<&'g Groups>, nodes: usize) -> Self {
        let framed = if groups.is_some() { vec![String::new(); nodes] } else { Vec::new() };
        NodeLines { groups, framed, cut_off: String::new() }
    }

    /// Places node `i`'s `line` (indented for the body, ending in a newline).
    pub fn place(&mut self, i: usize, class: Class, line: String, body: &mut String) {
        if self.groups.is_some_and(|g| g.framed(i)) {
            self.framed[i] = line;
        } else if class == Class::CutOff {
            self.cut_off.push_str("  ");
            self.cut_off.push_str(&line);
        } else {
            body.push_str(&line);
        }
    }

    /// Writes the unit frames, nested, with the lines placed in them:
    /// `open(index, group, pad)` starts a frame, its lines indented by
    /// `pad`; `close` ends it.
    pub fn write_frames(&self, open: &dyn Fn(usize, &Group, &str) -> String, close: &str, out: &mut String) {
        if let Some(groups) = self.groups {
            groups.write_nested(None, &self.framed, 1, &|g, pad| open(g, &groups.list[g], pad), close, out);
        }
    }
}

/// The drawing cut to the unit's departments and the customers they
/// hand work to, with a note saying so.
pub fn only_unit(r: &Report<'_>, mut d: Diagram, scope: &Scope) -> Diagram {
    let keep: Vec<bool> = d
        .nodes
        .iter()
        .map(|n| match r.org.lookup(&n.id) {
            Some(Endpoint::Department(dept)) => scope.has_department(dept),
            _ => false,
        })
        .collect();
    // Customers stay when a kept department serves them.
    let mut keep = keep.clone();
    for e in &d.edges {
        if keep[e.from] && d.nodes[e.to].class == Class::Customer {
            keep[e.to] = true;
        }
    }
    let mut index = vec![usize::MAX; d.nodes.len()];
    let mut nodes = Vec::new();
    for (i, n) in std::mem::take(&mut d.nodes).into_iter().enumerate() {
        if keep[i] {
            index[i] = nodes.len();
            nodes.push(n);
        }
    }
    d.edges.retain(|e| keep[e.from] && keep[e.to]);
    for e in &mut d.edges {
        e.from = index[e.from];
        e.to = index[e.to];
    }
    let shown = nodes.iter().filter(|n| n.class != Class::Customer).count();
    let total = r.org.departments.len();
    d.left_out = Some(format!(
        "Showing the {shown} of {total} departments in the unit {} and its sub-units.",
        cell(&r.org.units.get(scope.unit).name)
    ));
    d.nodes = nodes;
    d
}
