//! The figures of SPEC §2, computed exactly from the graph: pure functions
//! from graph to figures, one concern per file, no printing and no I/O.
//! [`Analysis::compute`] runs them all; [`Analysis::department`] gathers one
//! department's figures.

mod chains;
mod components;
mod dominators;
mod downstream;
mod heap;
mod key;
mod labels;
pub mod lead;
mod local;
mod loops;
mod order;
pub mod paths;
pub mod promises;
mod queue;
mod reach;
pub mod units;

pub use chains::{Chain, Chains, WORK_LIMIT, strongest as strongest_chains};
pub use components::Components;
pub use dominators::Dominators;
pub use key::Key;
pub use labels::{Label, Labels};
pub use local::Local;
pub use loops::{Loop, Loops};
pub use order::IdOrder;
pub use paths::Total;
pub use promises::{Fix, Outcome, Promise};
pub use reach::{CutOffReason, Reach};
pub use units::{UnitFigures, roll_up};

use crate::graph::ChainGraph;
use crate::model::{DeptIdx, HandoffIdx, Org};
use std::cmp::Reverse;
use std::time::Duration;

/// Below this many nodes and handoffs the analyses run on one thread.
const PARALLEL_FROM: usize = 20_000;

/// Every figure of the org.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub reach: Reach,
    /// Each handoff's quality for chain figures: unrated counts as 1.0.
    quality: Vec<f64>,
    /// Per node: its best chains in the chain order (see `labels`), from
    /// which its strength, rolled quality and witness chain come.
    pub labels: Labels,
    lead_time: Vec<Option<Duration>>,
    weakest_downstream: Vec<Option<HandoffIdx>>,
    pub dominators: Dominators,
    /// Ids and handoffs ranked, for breaking ties in reports.
    pub order: IdOrder,
    /// Rework loops (SPEC §2 *cycle*): each loop's departments in id
    /// order; loops ordered by their first id.
    pub cycles: Vec<Vec<DeptIdx>>,
    /// One cycle of each rework loop in flow order, as `cycles` lists them.
    pub cycle_paths: Vec<Vec<DeptIdx>>,
    /// Loops every cycle of which uses a `feedback: true` handoff, ordered
    /// like `cycles`; not rework.
    pub feedback_loops: Vec<Loop>,
    /// Handoffs that work can flow through to a customer, weakest first.
    pub weakest_links: Vec<HandoffIdx>,
    /// Departments that are a single point of failure for at least one
    /// other, biggest impact first, then by id.
    single_points_of_failure: Vec<DeptIdx>,
    /// Handoffs that every chain of at least one department uses, biggest
    /// impact first, then by (from, to, what).
    critical_handoffs: Vec<HandoffIdx>,
    /// Each customer with a promise, in id order, and how the departments
    /// that reach it fare against it.
    pub promises: Vec<Promise>,
}

/// What [`Analysis::compute`] works out beside the chain labels, on the
/// other core: the fields of [`Analysis`] but `quality`, `labels` and `order`.
struct Rest {
    reach: Reach,
    dominators: Dominators,
    lead_time: Vec<Option<Duration>>,
    weakest_downstream: Vec<Option<HandoffIdx>>,
    cycles: Vec<Vec<DeptIdx>>,
    cycle_paths: Vec<Vec<DeptIdx>>,
    feedback_loops: Vec<Loop>,
    promises: Vec<Promise>,
    weakest_links: Vec<HandoffIdx>,
    single_points_of_failure: Vec<DeptIdx>,
    critical_handoffs: Vec<HandoffIdx>,
}

/// One department's figures (SPEC §2). All `None` for a cut-off department.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentFigures {
    pub hops: Option<u32>,
    pub strength: Option<f64>,
    pub rolled_quality: Option<f64>,
    pub lead_time: Option<Duration>,
    /// The witness: the department's first chain in the chain order (see
    /// [`Labels`]), the one `trace` lists first; its handoffs from the
    /// department to a customer.
    pub chain: Option<Vec<HandoffIdx>>,
    pub weakest_link: Option<HandoffIdx>,
    pub weakest_downstream: Option<HandoffIdx>,
    pub cut_off: Option<CutOffReason>,
    /// How many departments would be cut off without this one.
    pub spof_impact: u32,
}

impl Analysis {
    pub fn compute(org: &Org, g: &ChainGraph) -> Self {
        // `+ 0.0` turns a quality of -0 into 0, which compares equal to it
        // in every order below.
        let quality: Vec<f64> = org.handoffs.iter().map(|h| h.quality.unwrap_or(1.0) + 0.0).collect();
        let parallel = g.node_count() + g.handoff_count() > PARALLEL_FROM;
        // The searches run in the local numbering (see `local`), their
        // results come back in the org's.
        // The chain labels break ties by ids, so the id order comes first.
        let (local, order) = crate::threads::join(parallel, || Local::new(g), || IdOrder::compute(org, g));
        let l = &local.graph;
        // Two halves of about equal work, one per core: the chain labels,
        // and everything else, since nothing else needs them.
        let (mut rest, labels) = crate::threads::join(
            parallel,
            || {
                let reach = Reach::compute(l).renumbered(&local);
                let dominators = Dominators::compute(l).renumbered(&local);
                let components = Components::compute(g);
                let lead = |h: usize| org.handoffs[local.old_handoff(h as u32) as usize].lead_time;
                let lead_time = local.nodes_back(&lead::shortest_by(l, l.customers(), lead));
                let rank = rank_by_quality(&order, &quality);
                let weakest_downstream = downstream::weakest_downstream(g, &reach, &rank, &components);
                let feedback: Vec<bool> = org.handoffs.iter().map(|h| h.feedback()).collect();
                let loops = loops(g, &order, &components, &feedback, &rank);
                drop(components);
                let promises = promises::compute(org, g, &quality, &order);
                let weakest_links = weakest_links(g, &reach, &quality, &order, &dominators);
                let single_points_of_failure = by_impact(
                    g.department_count(),
                    DeptIdx,
                    |d| dominators.department_impact(d),
                    |d| order.department(d),
                );
                let critical_handoffs =
                    by_impact(g.handoff_count(), HandoffIdx, |h| dominators.handoff_impact(h), |h| order.handoff(h));
                let (cycles, cycle_paths, feedback_loops) = loops;
                Rest {
                    reach,
                    dominators,
                    lead_time,
                    weakest_downstream,
                    cycles,
                    cycle_paths,
                    feedback_loops,
                    promises,
                    weakest_links,
                    single_points_of_failure,
                    critical_handoffs,
                }
            },
            || {
                let quality = local.handoffs(|h| quality[h.0 as usize]);
                Labels::compute(l, l.customers(), &quality, &order.local(&local)).renumbered(&local)
            },
        );
        drop(local);
        rest.reach.rank_ids(&order);
        Analysis {
            reach: rest.reach,
            quality,
            labels,
            lead_time: rest.lead_time,
            weakest_downstream: rest.weakest_downstream,
            dominators: rest.dominators,
            order,
            cycles: rest.cycles,
            cycle_paths: rest.cycle_paths,
            feedback_loops: rest.feedback_loops,
            weakest_links: rest.weakest_links,
            single_points_of_failure: rest.single_points_of_failure,
            critical_handoffs: rest.critical_handoffs,
            promises: rest.promises,
        }
    }

    /// A department's strength, without the rest of its figures.
    pub fn strength(&self, d: DeptIdx) -> Option<f64> {
        self.labels.best(d.0 as usize).map(|l| l.key.strength)
    }

    /// The quality a handoff counts with in chain figures (1.0 if unrated).
    pub fn quality(&self, h: HandoffIdx) -> f64 {
        self.quality[h.0 as usize]
    }

    pub fn department(&self, g: &ChainGraph, d: DeptIdx) -> DepartmentFigures {
        let n = d.0 as usize;
        let spof_impact = self.dominators.department_impact(d);
        if !self.reach.is_live(n) {
            return DepartmentFigures {
                hops: None,
                strength: None,
                rolled_quality: None,
                lead_time: None,
                chain: None,
                weakest_link: None,
                weakest_downstream: None,
                cut_off: self.reach.cut_off_reason(g, d),
                spof_impact,
            };
        }
        let chain = self.labels.best_chain(n);
        let weakest_link = chain.as_deref().and_then(|c| weakest(c, |h| self.quality(h)));
        DepartmentFigures {
            hops: self.reach.hops(n),
            strength: self.strength(d),
            rolled_quality: self.labels.rolled(n),
            lead_time: self.lead_time[n],
            weakest_link,
            chain,
            weakest_downstream: self.weakest_downstream[n],
            cut_off: None,
            spof_impact,
        }
    }

    /// Departments that reach a customer.
    pub fn reaching_customer(&self, g: &ChainGraph) -> usize {
        (0..g.department_count()).filter(|&n| self.reach.is_live(n)).count()
    }

    /// Departments that are a single point of failure for at least one
    /// other, biggest impact first, then by id.
    pub fn single_points_of_failure(&self) -> &[DeptIdx] {
        &self.single_points_of_failure
    }

    /// Handoffs that every chain of at least one department uses, biggest
    /// impact first, then by (from, to, what).
    pub fn critical_handoffs(&self) -> &[HandoffIdx] {
        &self.critical_handoffs
    }

    /// A department's rolled quality, without the rest of its figures.
    pub fn rolled_quality(&self, d: DeptIdx) -> Option<f64> {
        self.labels.rolled(d.0 as usize)
    }

    /// Each handoff's quality for chain figures (unrated counts as 1.0).
    pub fn qualities(&self) -> &[f64] {
        &self.quality
    }

    /// A copy whose lists keep only the rows involving a department that
    /// `department` keeps (or, for handoff lists, a handoff `handoff` keeps);
    /// per-department figures are unchanged: a report on part of the org
    /// with figures of the whole.
    pub fn restricted(&self, department: impl Fn(DeptIdx) -> bool, handoff: impl Fn(HandoffIdx) -> bool) -> Analysis {
        let mut a = self.clone();
        a.weakest_links.retain(|&h| handoff(h));
        let dom = &self.dominators;
        a.single_points_of_failure
            .retain(|&d| department(d) || dom.departments_behind(d).iter().any(|&b| department(b)));
        a.critical_handoffs.retain(|&h| handoff(h) || dom.departments_using(h).iter().any(|&b| department(b)));
        let keep: Vec<bool> = self.cycles.iter().map(|c| c.iter().any(|&d| department(d))).collect();
        let mut i = 0..;
        a.cycles.retain(|_| i.next().is_some_and(|i| keep[i]));
        let mut i = 0..;
        a.cycle_paths.retain(|_| i.next().is_some_and(|i| keep[i]));
        a.feedback_loops.retain(|l| l.departments.iter().any(|&d| department(d)));
        a
    }

    /// A department's lead time, without the rest of its figures.
    pub fn lead_time(&self, d: DeptIdx) -> Option<Duration> {
        self.lead_time[d.0 as usize]
    }
}

/// The weakest handoff of a chain by `quality`: the first of equals.
pub fn weakest(chain: &[HandoffIdx], quality: impl Fn(HandoffIdx) -> f64) -> Option<HandoffIdx> {
    chain.iter().copied().reduce(|w, h| if quality(h) < quality(w) { h } else { w })
}

/// The items `0..count` with an impact, biggest impact first, then by `key`.
fn by_impact<T: Copy>(
    count: usize,
    item: impl Fn(u32) -> T,
    impact: impl Fn(T) -> u32,
    key: impl Fn(T) -> u32,
) -> Vec<T> {
    let mut items: Vec<T> = (0..count as u32).map(item).filter(|&x| impact(x) > 0).collect();
    items.sort_unstable_by_key(|&x| (Reverse(impact(x)), key(x)));
    items
}

/// A handoff's (from, to, what) ids: the order [`IdOrder::handoff`] ranks by.
pub fn handoff_key(org: &Org, h: HandoffIdx) -> (&str, &str, &str) {
    let ho = org.handoff(h);
    (&org.department(ho.from).id, org.id_of(ho.to), ho.what.as_deref().unwrap_or(""))
}

/// `rank[h]`: the position of handoff `h` when ordered by quality, then by
/// (from, to, what).
fn rank_by_quality(order: &IdOrder, quality: &[f64]) -> Vec<u32> {
    let mut keyed: Vec<(i64, u32, u32)> =
        (0..quality.len() as u32).map(|h| (total_key(quality[h as usize]), order.handoff(HandoffIdx(h)), h)).collect();
    keyed.sort_unstable();
    order::ranks(keyed.into_iter().map(|k| k.2))
}

/// The rework loops (departments in id order, and one cycle in flow order)
/// and the feedback loops, each list ordered by the loops' first ids.
fn loops(
    g: &ChainGraph,
    order: &IdOrder,
    components: &Components,
    feedback: &[bool],
    rank: &[u32],
) -> (Vec<Vec<DeptIdx>>, Vec<Vec<DeptIdx>>, Vec<Loop>) {
    let Loops { mut rework, mut feedback } =
        loops::classify(g, components, feedback, rank, |ds| order.sort_departments(ds));
    // Loops are disjoint, so their first ids already differ.
    let first = |l: &Loop| l.departments.first().map(|&d| order.department(d));
    rework.sort_unstable_by_key(first);
    feedback.sort_unstable_by_key(first);
    let (cycles, paths) = rework.into_iter().map(|l| (l.departments, l.cycle)).unzip();
    (cycles, paths, feedback)
}

/// Handoffs whose receiver is a customer or reaches one, by quality
/// ascending, then impact descending, then (from, to, what).
fn weakest_links(g: &ChainGraph, reach: &Reach, quality: &[f64], order: &IdOrder, dom: &Dominators) -> Vec<HandoffIdx> {
    // The keys are gathered first: sorting them in place beats chasing
    // three arrays on every comparison.
    let mut keyed: Vec<(i64, Reverse<u32>, u32, u32)> = (0..g.handoff_count() as u32)
        .map(HandoffIdx)
        .filter(|&h| reach.is_live(g.receiver(h)))
        .map(|h| (total_key(quality[h.0 as usize]), Reverse(dom.handoff_impact(h)), order.handoff(h), h.0))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|k| HandoffIdx(k.3)).collect()
}

/// An `f64` as an integer with the same order as `f64::total_cmp`.
fn total_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}
