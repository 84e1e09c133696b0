//! What changed between two versions of an org (or an org and a what-if
//! scenario of it), at every level: departments, customers and handoffs
//! added, removed or changed, and the chain figures. Each chain-level change
//! is an [`Item`], sorted into regressions, improvements, what no longer
//! applies because its subject was removed or cut off, and other changes.
//! Everything is matched by id (handoffs by from, to and what) through
//! index maps built once, so a diff costs about what an analysis does.

mod chains;
mod entities;
mod kind;
mod promises;

pub use entities::{CustomerChange, DepartmentChange, Entity, HandoffChange, HandoffEntity, Pair, Section};
pub use kind::Kind;

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{DeptIdx, Endpoint, Org};
use crate::source::{Loc, SourceMap};
use std::collections::HashMap;
use std::time::Duration;

/// One side of a comparison, analyzed and checked.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub org: &'a Org,
    pub analysis: &'a Analysis,
    pub findings: &'a [Diagnostic],
    pub sources: &'a SourceMap,
}

/// What counts as a regression.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Qualities may drop by this much (0..1) before it counts.
    pub tolerance: f64,
    /// Lead times may grow by this much before it counts.
    pub lead_time_tolerance: Duration,
    /// New findings at or above this severity are regressions.
    pub fail_on: Option<Severity>,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance: 0.01, lead_time_tolerance: Duration::ZERO, fail_on: Some(Severity::Error) }
    }
}

/// Which version a location is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Old,
    New,
}

/// A place in one of the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub version: Version,
    pub loc: Loc,
}

/// A figure before or after: a quality, a number of departments, a lead
/// time, or nothing (cut off, absent).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    None,
    Quality(f64),
    Count(u32),
    Time(Duration),
    Severity(Severity),
}

/// One chain-level change.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: Kind,
    /// Department ids, or a handoff's from, to and what.
    pub ids: Vec<String>,
    pub message: String,
    pub old: Value,
    pub new: Value,
    /// Where its subject is: in the new version if it is there.
    pub place: Option<Place>,
    /// For SARIF and annotations, where the subject of something that
    /// exists only in the old version shows in the new one (a removed
    /// handoff: its supplier's line).
    pub new_place: Option<Loc>,
    /// For a finding new or fixed: its check rule.
    pub rule: Option<crate::diagnostic::Code>,
}

/// Everything that changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diff {
    pub departments: Section<Entity, DepartmentChange>,
    pub customers: Section<Entity, CustomerChange>,
    pub handoffs: Section<HandoffEntity, HandoffChange>,
    pub regressions: Vec<Item>,
    pub improvements: Vec<Item>,
    /// Gone with what was removed or cut off: neither better nor worse.
    pub no_longer_apply: Vec<Item>,
    /// Changes that are neither better nor worse: a loop that changed, a
    /// finding below `--fail-on`, an impact that grew only over
    /// departments new to the chain.
    pub other: Vec<Item>,
}

impl Diff {
    pub fn between(old: &Side<'_>, new: &Side<'_>, options: &Options) -> Diff {
        let m = Matching::new(old, new);
        let mut d = Diff::default();
        entities::compare(&m, options, &mut d);
        promises::compare(&m, &mut d);
        chains::compare(&m, options, &mut d);
        for list in [&mut d.regressions, &mut d.improvements, &mut d.no_longer_apply, &mut d.other] {
            list.sort_by(|a, b| (a.kind, &a.ids).cmp(&(b.kind, &b.ids)));
        }
        d
    }

    /// How many things got worse.
    pub fn regressions(&self) -> usize {
        self.regressions.len()
    }

    pub fn is_empty(&self) -> bool {
        *self == Diff::default()
    }
}

/// The two sides, with each department matched to its counterpart by id,
/// once, and the names reports call them by.
pub(crate) struct Matching<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    /// Per old department, the new one with its id.
    pub old_to_new: Vec<Option<DeptIdx>>,
    pub new_to_old: Vec<Option<DeptIdx>>,
    /// Per department, whether it reaches a customer.
    pub old_live: Vec<bool>,
    pub new_live: Vec<bool>,
    old_repeated: HashMap<&'a str, u32>,
    new_repeated: HashMap<&'a str, u32>,
}

impl<'a> Matching<'a> {
    fn new(old: &Side<'a>, new: &Side<'a>) -> Self {
        let map = |from: &Org, to: &Org| -> Vec<Option<DeptIdx>> {
            from.departments
                .iter()
                .map(|d| match to.lookup(&d.id) {
                    Some(Endpoint::Department(x)) => Some(x),
                    _ => None,
                })
                .collect()
        };
        let live = |s: &Side<'_>| -> Vec<bool> {
            (0..s.org.departments.len() as u32).map(|d| s.analysis.strength(DeptIdx(d)).is_some()).collect()
        };
        let names = |org: &'a Org| {
            let mut seen: HashMap<&'a str, u32> = HashMap::new();
            for d in &org.departments {
                *seen.entry(&*d.name).or_default() += 1;
            }
            seen
        };
        Matching {
            old_to_new: map(old.org, new.org),
            new_to_old: map(new.org, old.org),
            old_live: live(old),
            new_live: live(new),
            old_repeated: names(old.org),
            new_repeated: names(new.org),
            old: *old,
            new: *new,
        }
    }

    pub fn side(&self, v: Version) -> &Side<'a> {
        match v {
            Version::Old => &self.old,
            Version::New => &self.new,
        }
    }

    /// How reports call a department: by name, with its id in parentheses
    /// where the name is not unique or is not the id. Every department name
    /// in a diff's messages comes from here.
    pub fn name(&self, v: Version, d: DeptIdx) -> String {
        let (org, repeated) = match v {
            Version::Old => (self.old.org, &self.old_repeated),
            Version::New => (self.new.org, &self.new_repeated),
        };
        let dept = org.department(d);
        if *dept.name == *dept.id {
            dept.id.to_string()
        } else if repeated.get(&*dept.name).is_some_and(|&n| n > 1) {
            format!("{} ({})", dept.name, dept.id)
        } else {
            dept.name.to_string()
        }
    }

    /// A department or customer by name.
    pub fn endpoint_name(&self, v: Version, e: Endpoint) -> String {
        match e {
            Endpoint::Department(d) => self.name(v, d),
            Endpoint::Customer(c) => self.side(v).org.customer(c).name.clone(),
        }
    }

    /// Where a department or customer is written in a version.
    pub fn endpoint_loc(&self, v: Version, e: Endpoint) -> Option<Loc> {
        let org = self.side(v).org;
        match e {
            Endpoint::Department(d) => Some(org.department(d).loc),
            Endpoint::Customer(c) => org.customer(c).loc,
        }
    }
}

/// `a` is lower than `b` by more than `tolerance` (a hair of slack for
/// floating point: 0.93 -> 0.92 is a drop of exactly 0.01).
pub(crate) fn below(a: f64, b: f64, tolerance: f64) -> bool {
    b - a > tolerance + 1e-9
}
