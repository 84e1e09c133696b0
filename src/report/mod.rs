//! What the reports say, apart from how each format says it. [`Report`] is a
//! view over an analyzed org that yields rows with ids and numbers; each
//! output format (one file each) renders those rows.

pub mod cells;
pub mod chain_section;
pub mod csv;
pub mod diagram;
pub mod diff;
pub mod document;
pub mod dot;
pub mod evidence;
pub mod findings;
pub mod fit;
pub mod format;
pub mod frames;
pub mod groups;
pub mod html;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod markup;
pub mod mermaid;
pub mod order;
pub mod people;
pub mod promise_section;
pub mod promises;
pub mod route;
pub mod scope;
pub mod sections;
pub mod selection;
pub mod survey;
pub mod survey_chart;
pub mod svg;
pub mod table;
pub mod trace;
pub mod units;

use crate::analysis::{Analysis, DepartmentFigures};
use crate::graph::ChainGraph;
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Org};
use serde::Serialize;

/// An analyzed org, ready to report on.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub org: &'a Org,
    pub graph: &'a ChainGraph,
    pub analysis: &'a Analysis,
    /// The order of department lists for people; JSON keeps file order.
    pub order: order::DepartmentOrder,
    /// `--unit`: only the rows about one unit; `None`: the whole org.
    pub scope: Option<&'a scope::Scope>,
}

/// The counts at the top of every report.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub departments: usize,
    pub customers: usize,
    pub handoffs: usize,
    pub reaching_customer: usize,
    pub cut_off: usize,
    pub cycles: usize,
    pub single_points_of_failure: usize,
    pub unrated_handoffs: usize,
}

/// A handoff as reports show it. `quality` is `None` when unrated.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HandoffRow<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub what: Option<&'a str>,
    pub quality: Option<f64>,
}

/// One department's line in the report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DepartmentRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub lead: Option<&'a str>,
    pub headcount: Option<u64>,
    pub tags: &'a [String],
    pub description: Option<&'a str>,
    pub meta: Option<&'a serde_json::Value>,
    pub reaches_customer: bool,
    pub hops: Option<u32>,
    pub strength: Option<f64>,
    pub rolled_quality: Option<f64>,
    #[serde(serialize_with = "json::seconds")]
    pub lead_time_seconds: Option<std::time::Duration>,
    pub chain: Option<Vec<&'a str>>,
    pub weakest_link: Option<HandoffRow<'a>>,
    pub weakest_downstream: Option<HandoffRow<'a>>,
    pub spof_impact: u32,
    /// How many unrated handoffs (counted as 1.0) the chain figures rest on.
    pub unrated_on_chain: Option<usize>,
    pub cut_off_reason: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CutOffRow<'a> {
    pub id: &'a str,
    pub reason: &'static str,
    /// The departments where its handoffs end (all cut off too).
    pub ends_at: Vec<&'a str>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeakLinkRow<'a> {
    #[serde(flatten)]
    pub handoff: HandoffRow<'a>,
    pub impact: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SpofRow<'a> {
    pub id: &'a str,
    pub impact: u32,
    pub affected: Vec<&'a str>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CriticalRow<'a> {
    #[serde(flatten)]
    pub handoff: HandoffRow<'a>,
    pub impact: u32,
    pub affected: Vec<&'a str>,
}

impl<'a> Report<'a> {
    pub fn new(org: &'a Org, graph: &'a ChainGraph, analysis: &'a Analysis) -> Self {
        Report { org, graph, analysis, order: order::DepartmentOrder::default(), scope: None }
    }

    /// The same report with department lists in `order`.
    pub fn with_order(self, order: order::DepartmentOrder) -> Self {
        Report { order, ..self }
    }

    /// The same report restricted to `scope`; `analysis` should be the
    /// scope's [`scope::Scope::restrict`]ed one.
    pub fn with_scope(self, scope: Option<&'a scope::Scope>) -> Self {
        Report { scope, ..self }
    }

    /// Whether the report covers department `d`.
    pub fn covers(&self, d: DeptIdx) -> bool {
        self.scope.is_none_or(|s| s.has_department(d))
    }

    /// The departments the report covers, in file order.
    pub fn covered(&self) -> impl Iterator<Item = DeptIdx> + '_ {
        (0..self.org.departments.len() as u32).map(DeptIdx).filter(|&d| self.covers(d))
    }

    /// Whether the report covers handoff `h` (it touches the scope).
    pub fn covers_handoff(&self, h: HandoffIdx) -> bool {
        self.scope.is_none_or(|s| s.touches(self.org, h))
    }

    pub fn organization(&self) -> Option<&'a str> {
        self.org.organization.as_deref()
    }

    pub fn summary(&self) -> Summary {
        let (departments, reaching, handoffs, unrated) = match self.scope {
            None => (
                self.org.departments.len(),
                self.analysis.reaching_customer(self.graph),
                self.org.handoffs.len(),
                self.org.unrated_handoffs(),
            ),
            Some(_) => {
                let covered: Vec<DeptIdx> = self.covered().collect();
                let reaching = covered.iter().filter(|d| self.analysis.reach.is_live(d.0 as usize)).count();
                let hs: Vec<HandoffIdx> =
                    (0..self.org.handoffs.len() as u32).map(HandoffIdx).filter(|&h| self.covers_handoff(h)).collect();
                let unrated = hs.iter().filter(|&&h| self.org.handoff(h).quality.is_none()).count();
                (covered.len(), reaching, hs.len(), unrated)
            }
        };
        Summary {
            departments,
            customers: self.org.customers.len(),
            handoffs,
            reaching_customer: reaching,
            cut_off: departments - reaching,
            cycles: self.analysis.cycles.len(),
            single_points_of_failure: self.analysis.single_points_of_failure().len(),
            unrated_handoffs: unrated,
        }
    }

    pub fn id(&self, e: Endpoint) -> &'a str {
        self.org.id_of(e)
    }

    pub fn dept_id(&self, d: DeptIdx) -> &'a str {
        &self.org.department(d).id
    }

    /// A department's or customer's display name.
    pub fn name(&self, e: Endpoint) -> &'a str {
        match e {
            Endpoint::Department(d) => &self.org.department(d).name,
            Endpoint::Customer(c) => &self.org.customer(c).name,
        }
    }

    /// `Name (id)`, or just the id when the name is the id; for people, so
    /// a long name is cut to a cell's width.
    pub fn label(&self, e: Endpoint) -> String {
        let (name, id) = (self.name(e), self.id(e));
        if name == id { id.to_owned() } else { format!("{} ({id})", crate::clip::cell(name)) }
    }

    pub fn handoff(&self, h: HandoffIdx) -> HandoffRow<'a> {
        let ho = self.org.handoff(h);
        HandoffRow { from: self.dept_id(ho.from), to: self.id(ho.to), what: ho.what.as_deref(), quality: ho.quality }
    }

    pub fn figures(&self, d: DeptIdx) -> DepartmentFigures {
        self.analysis.department(self.graph, d)
    }

    /// Every department the report covers, in file order.
    pub fn departments(&self) -> impl Iterator<Item = DepartmentRow<'a>> + '_ {
        self.covered().map(|d| self.department(d))
    }

    pub fn department(&self, d: DeptIdx) -> DepartmentRow<'a> {
        let f = self.figures(d);
        let dept = self.org.department(d);
        let chain = f.chain.as_ref().map(|hs| self.chain_ids(d, hs));
        let unrated_on_chain =
            f.chain.as_ref().map(|hs| hs.iter().filter(|&&h| self.org.handoff(h).quality.is_none()).count());
        DepartmentRow {
            id: &dept.id,
            name: &dept.name,
            lead: dept.lead.as_deref(),
            headcount: dept.headcount,
            tags: dept.tags(),
            description: dept.description(),
            meta: dept.meta(),
            reaches_customer: f.cut_off.is_none(),
            hops: f.hops,
            strength: f.strength,
            rolled_quality: f.rolled_quality,
            lead_time_seconds: f.lead_time,
            chain,
            weakest_link: f.weakest_link.map(|h| self.handoff(h)),
            weakest_downstream: f.weakest_downstream.map(|h| self.handoff(h)),
            spof_impact: f.spof_impact,
            unrated_on_chain,
            cut_off_reason: f.cut_off.map(|r| r.as_str()),
        }
    }

    /// The ids along a chain of handoffs starting at `d`.
    pub fn chain_ids(&self, d: DeptIdx, handoffs: &[HandoffIdx]) -> Vec<&'a str> {
        std::iter::once(self.dept_id(d)).chain(handoffs.iter().map(|&h| self.id(self.org.handoff(h).to))).collect()
    }

    /// Cut-off departments, in file order.
    pub fn cut_off(&self) -> Vec<CutOffRow<'a>> {
        self.covered()
            .filter_map(|d| {
                let reason = self.analysis.reach.cut_off_reason(self.graph, d)?;
                let ends_at = self.analysis.reach.ends_at(self.graph, d).into_iter().map(|e| self.dept_id(e)).collect();
                Some(CutOffRow { id: self.dept_id(d), reason: reason.as_str(), ends_at })
            })
            .collect()
    }

    pub fn weakest_links(&self) -> impl ExactSizeIterator<Item = WeakLinkRow<'a>> + '_ {
        self.analysis.weakest_links.iter().map(|&h| self.weak_link(h))
    }

    pub fn weak_link(&self, h: HandoffIdx) -> WeakLinkRow<'a> {
        WeakLinkRow { handoff: self.handoff(h), impact: self.analysis.dominators.handoff_impact(h) }
    }

    /// Single points of failure, biggest first; each row lists the
    /// departments behind it, so rows are made one at a time.
    pub fn single_points_of_failure(&self) -> impl ExactSizeIterator<Item = SpofRow<'a>> + '_ {
        self.analysis.single_points_of_failure().iter().map(|&d| self.spof(d))
    }

    pub fn spof(&self, d: DeptIdx) -> SpofRow<'a> {
        SpofRow {
            id: self.dept_id(d),
            impact: self.analysis.dominators.department_impact(d),
            affected: self.sorted_ids(self.analysis.dominators.departments_behind(d)),
        }
    }

    /// Critical handoffs, biggest impact first, one row at a time.
    pub fn critical_handoffs(&self) -> impl ExactSizeIterator<Item = CriticalRow<'a>> + '_ {
        self.analysis.critical_handoffs().iter().map(|&h| self.critical(h))
    }

    pub fn critical(&self, h: HandoffIdx) -> CriticalRow<'a> {
        CriticalRow {
            handoff: self.handoff(h),
            impact: self.analysis.dominators.handoff_impact(h),
            affected: self.sorted_ids(self.analysis.dominators.departments_using(h)),
        }
    }

    pub fn cycles(&self) -> Vec<Vec<&'a str>> {
        self.analysis.cycles.iter().map(|c| c.iter().map(|&d| self.dept_id(d)).collect()).collect()
    }

    /// The feedback loops' departments by id, each in id order, as `cycles`.
    pub fn feedback_loops(&self) -> Vec<Vec<&'a str>> {
        self.analysis.feedback_loops.iter().map(|l| l.departments.iter().map(|&d| self.dept_id(d)).collect()).collect()
    }

    fn sorted_ids(&self, ds: &[DeptIdx]) -> Vec<&'a str> {
        let mut ds = ds.to_vec();
        self.analysis.order.sort_departments(&mut ds);
        ds.into_iter().map(|d| self.dept_id(d)).collect()
    }
}
