//! The chain graph as a drawing sees it: which departments and customers to
//! show, how strong each is, which handoffs are weak or critical, and what
//! was left out. DOT, Mermaid and the HTML report's SVG all draw this one
//! model, so they mark the same things. Its names, labels and notes are
//! display-safe text ([`crate::display`]), names and `what`s cut to a
//! label's width: a drawing is for people. Each format escapes on top.

use super::Report;
use super::format::WEAK;
pub use super::selection::Selection;
use crate::display::cell;
use crate::model::{Endpoint, HandoffIdx};

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
    /// Which department or customer it is, for what a drawing links to it.
    pub at: Endpoint,
}

impl Node {
    /// `, 10 depend on it` for a single point of failure, else nothing: the
    /// drawings name the single points of failure their captions count.
    pub fn depend_on(&self) -> String {
        match self.spof_impact {
            0 => String::new(),
            1 => ", 1 depends on it".to_owned(),
            n => format!(", {n} depend on it"),
        }
    }
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
    /// The caption of a partial drawing: what it shows, every number a
    /// count of its boxes; `None` when everything is drawn.
    pub left_out: Option<String>,
}

/// What a report with tables says after a partial drawing's caption.
pub const TABLES_LIST_ALL: &str = "The tables list every department.";

pub fn build(r: &Report<'_>, selection: Selection) -> Diagram {
    let g = r.graph;
    let picked = super::selection::pick(r, selection);
    let mut index = vec![usize::MAX; g.node_count()];
    let mut nodes = Vec::with_capacity(picked.nodes.len());
    for n in picked.nodes {
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
    Diagram { title, nodes, edges, left_out: picked.caption }
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
    Node {
        id: cell(r.id(e)),
        name: cell(r.name(e)),
        class,
        strength,
        hops: r.analysis.reach.hops(n),
        spof_impact,
        at: e,
    }
}
