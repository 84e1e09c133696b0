//! The chain graph as a drawing sees it: which departments and customers to
//! show, how strong each is, which handoffs are weak or critical, and what
//! was left out. DOT, Mermaid and the HTML report's SVG all draw this one
//! model, so they mark the same things. Its names, labels and notes are
//! display-safe text ([`crate::display`]), names and `what`s cut to a
//! label's width: a drawing is for people. Each format escapes on top.

use super::Report;
use super::format::WEAK;
use crate::display::{cell, one_line_owned};
use crate::model::{DeptIdx, Endpoint, HandoffIdx};
use std::collections::{BTreeSet, VecDeque};

/// How a node is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Strength of 85% or more.
    Strong,
    /// Strength from 70% to 85%.
    Fair,
    /// Strength below 70%.
    Weak,
    CutOff,
    Customer,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Strong => "strong",
            Class::Fair => "fair",
            Class::Weak => "weak",
            Class::CutOff => "cutoff",
            Class::Customer => "customer",
        }
    }

    /// Fill and border colours, shared by every drawing.
    pub fn colors(self) -> (&'static str, &'static str) {
        match self {
            Class::Strong => ("#d8f0d8", "#2e7d32"),
            Class::Fair => ("#fff1c8", "#b07d00"),
            Class::Weak => ("#fbd5d5", "#c62828"),
            Class::CutOff => ("#e4e4e4", "#616161"),
            Class::Customer => ("#d6e6fb", "#1f5fa8"),
        }
    }

    /// What the legend says.
    pub fn legend(self) -> &'static str {
        match self {
            Class::Strong => "strength 85% or more",
            Class::Fair => "strength 70% to 85%",
            Class::Weak => "strength below 70%",
            Class::CutOff => "cut off from the customer",
            Class::Customer => "external customer",
        }
    }

    pub const ALL: [Class; 5] = [Class::Customer, Class::Strong, Class::Fair, Class::Weak, Class::CutOff];
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub class: Class,
    pub strength: Option<f64>,
    /// Fewest hops to a customer (0 for a customer; `None` if cut off).
    pub hops: Option<u32>,
    pub spof_impact: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Indices into [`Diagram::nodes`].
    pub from: usize,
    pub to: usize,
    pub what: Option<String>,
    pub quality: Option<f64>,
    /// Below the weak threshold (70%).
    pub weak: bool,
    /// Every chain of some department uses it.
    pub critical: bool,
    /// Rated below, or slower than, its `agreed:` level.
    pub below_agreement: bool,
}

impl Edge {
    /// `CRM uptime, 71%`, `71%`, `CRM uptime`, or nothing.
    pub fn label(&self) -> String {
        let q = self.quality.map(super::format::percent);
        match (&self.what, q) {
            (Some(w), Some(q)) => format!("{w}, {q}"),
            (Some(w), None) => w.clone(),
            (None, Some(q)) => q,
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// What was left out, in a sentence; `None` when everything is drawn.
    pub left_out: Option<String>,
}

/// Which part of the org to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Selection {
    All,
    /// Everything within `depth` handoffs of one department or customer, either way.
    Focus {
        on: Endpoint,
        depth: u32,
    },
    /// Everything if the org has at most `max` departments; otherwise what
    /// matters most: the cut-off departments, the weakest chains and the
    /// biggest single points of failure.
    Important {
        max: usize,
    },
}

pub fn build(r: &Report<'_>, selection: Selection) -> Diagram {
    let g = r.graph;
    let departments = g.department_count();
    let (chosen, left_out): (Vec<usize>, Option<String>) = match selection {
        Selection::All => ((0..g.node_count()).collect(), None),
        Selection::Important { max } if departments <= max => ((0..g.node_count()).collect(), None),
        Selection::Focus { on, depth } => {
            let chosen = around(r, g.node(on), depth);
            let shown = chosen.iter().filter(|&&n| !g.is_customer(n)).count();
            let note = (shown < departments).then(|| {
                one_line_owned(format!(
                    "Showing the {shown} of {departments} departments within {depth} handoffs of {}.",
                    crate::clip::cell(r.name(on))
                ))
            });
            (chosen, note)
        }
        Selection::Important { max } => important(r, max),
    };
    let mut index = vec![usize::MAX; g.node_count()];
    let mut nodes = Vec::with_capacity(chosen.len());
    for n in chosen {
        index[n] = nodes.len();
        nodes.push(node(r, g.endpoint(n)));
    }
    let mut edges = Vec::new();
    for h in (0..g.handoff_count() as u32).map(HandoffIdx) {
        let (s, t) = (index[g.supplier(h)], index[g.receiver(h)]);
        if s == usize::MAX || t == usize::MAX {
            continue;
        }
        let ho = r.org.handoff(h);
        edges.push(Edge {
            from: s,
            to: t,
            what: ho.what.as_deref().map(cell),
            quality: ho.quality,
            weak: ho.quality.is_some_and(|q| q < WEAK),
            critical: r.analysis.dominators.handoff_impact(h) > 0,
            below_agreement: ho.below_agreement(),
        });
    }
    let title = cell(r.organization().unwrap_or("Unnamed organization"));
    Diagram { title, nodes, edges, left_out }
}

fn node(r: &Report<'_>, e: Endpoint) -> Node {
    let n = r.graph.node(e);
    let (class, strength, spof_impact) = match e {
        Endpoint::Customer(_) => (Class::Customer, None, 0),
        Endpoint::Department(d) => {
            let strength = r.analysis.strength(d);
            let class = match strength {
                None => Class::CutOff,
                Some(s) if s < WEAK => Class::Weak,
                Some(s) if s < super::format::FAIR => Class::Fair,
                Some(_) => Class::Strong,
            };
            (class, strength, r.analysis.dominators.department_impact(d))
        }
    };
    Node { id: cell(r.id(e)), name: cell(r.name(e)), class, strength, hops: r.analysis.reach.hops(n), spof_impact }
}

/// Nodes within `depth` handoffs of `center`, following handoffs either way,
/// in node order.
fn around(r: &Report<'_>, center: usize, depth: u32) -> Vec<usize> {
    let g = r.graph;
    let mut dist = vec![u32::MAX; g.node_count()];
    dist[center] = 0;
    let mut queue = VecDeque::from([center]);
    while let Some(n) = queue.pop_front() {
        if dist[n] >= depth {
            continue;
        }
        let next = g.outgoing(n).iter().map(|&h| g.receiver(h)).chain(g.incoming(n).iter().map(|&h| g.supplier(h)));
        for m in next.collect::<Vec<_>>() {
            if dist[m] == u32::MAX {
                dist[m] = dist[n] + 1;
                queue.push_back(m);
            }
        }
    }
    (0..g.node_count()).filter(|&n| dist[n] != u32::MAX).collect()
}

/// What matters most in a big org, at most about `max` departments: the
/// weakest chains (whole, to their customer), the biggest single points of
/// failure, and the cut-off departments.
fn important(r: &Report<'_>, max: usize) -> (Vec<usize>, Option<String>) {
    let g = r.graph;
    let mut chosen = BTreeSet::new();
    let departments_in = |set: &BTreeSet<usize>| set.iter().filter(|&&n| !g.is_customer(n)).count();

    // The weakest departments, each with its strongest chain.
    let mut live: Vec<DeptIdx> =
        (0..g.department_count() as u32).map(DeptIdx).filter(|&d| r.analysis.reach.is_live(d.0 as usize)).collect();
    let strength = |d: DeptIdx| r.analysis.strength(d).unwrap_or(1.0);
    live.sort_by(|&a, &b| strength(a).total_cmp(&strength(b)).then(a.cmp(&b)));
    for &d in live.iter().take(max / 3) {
        chosen.insert(d.0 as usize);
        for h in r.figures(d).chain.unwrap_or_default() {
            chosen.insert(g.receiver(h));
        }
        if departments_in(&chosen) >= max / 2 {
            break;
        }
    }
    // The biggest single points of failure, and where their work goes.
    for &d in r.analysis.single_points_of_failure().iter().take(max / 6) {
        chosen.insert(d.0 as usize);
        for h in r.figures(d).chain.unwrap_or_default() {
            chosen.insert(g.receiver(h));
        }
    }
    // The cut-off departments, as many as there is room for (a fifth of
    // the drawing at most: they are listed in full below it).
    let room = max.saturating_sub(departments_in(&chosen)).min(max / 5);
    let cut: Vec<usize> = (0..g.department_count()).filter(|&n| !r.analysis.reach.is_live(n)).collect();
    chosen.extend(cut.iter().take(room));

    let shown = departments_in(&chosen);
    let total = g.department_count();
    let note = format!(
        "Showing {shown} of {total} departments: the weakest chains, the biggest single points of failure{}. The tables list every department.",
        if cut.is_empty() { String::new() } else { " and the departments cut off from the customer".to_owned() }
    );
    (chosen.into_iter().collect(), Some(note))
}
