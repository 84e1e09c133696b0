//! The order departments are listed in for people (table, Markdown, HTML,
//! CSV): worst first by default, so that the weakest are not hidden behind
//! "… and 28 more". The JSON report keeps file order, its contract.

use super::Report;
use crate::analysis::DepartmentFigures;
use crate::model::DeptIdx;
use std::cmp::Ordering;
use std::time::Duration;

/// How to order the department list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DepartmentOrder {
    /// Cut-off departments, then strength ascending, then rolled quality
    /// ascending, then id.
    #[default]
    Worst,
    /// Strength ascending (cut off first), then id.
    Strength,
    /// Rolled quality ascending (cut off first), then id.
    Rolled,
    /// Most hops first (cut off first), then id: the longest chains.
    Hops,
    /// Slowest first (cut off first, then those whose lead time is
    /// unknown last), then id.
    LeadTime,
    /// By name, then id.
    Name,
    /// As written in the org files.
    File,
}

impl Report<'_> {
    /// Every department, in `order`.
    pub fn departments_by(&self, order: DepartmentOrder) -> Vec<DeptIdx> {
        let ds: Vec<DeptIdx> = self.covered().collect();
        if order == DepartmentOrder::File {
            return ds;
        }
        // Each department with the figures it is sorted by: with --unit, not
        // every department is here, so they are not looked up by index.
        let mut keyed: Vec<(DeptIdx, Sorted)> = ds.into_iter().map(|d| (d, Sorted::from(self.figures(d)))).collect();
        let id = |d: DeptIdx| self.dept_id(d);
        // `None` (cut off) sorts before every number.
        let up = |a: Option<f64>, b: Option<f64>| a.partial_cmp(&b).unwrap_or(Ordering::Equal);
        keyed.sort_by(|(a, fa), (b, fb)| {
            let (a, b) = (*a, *b);
            let f = |d: DeptIdx| if d == a { fa } else { fb };
            let cut = |d: DeptIdx| f(d).reaches;
            let by = match order {
                DepartmentOrder::Worst => cut(a)
                    .cmp(&cut(b))
                    .then(up(f(a).strength, f(b).strength))
                    .then(up(f(a).rolled_quality, f(b).rolled_quality)),
                DepartmentOrder::Strength => cut(a).cmp(&cut(b)).then(up(f(a).strength, f(b).strength)),
                DepartmentOrder::Rolled => cut(a).cmp(&cut(b)).then(up(f(a).rolled_quality, f(b).rolled_quality)),
                DepartmentOrder::Hops => cut(a).cmp(&cut(b)).then(f(b).hops.cmp(&f(a).hops)),
                DepartmentOrder::LeadTime => cut(a)
                    .cmp(&cut(b))
                    .then(f(a).lead_time.is_none().cmp(&f(b).lead_time.is_none()))
                    .then(f(b).lead_time.cmp(&f(a).lead_time)),
                DepartmentOrder::Name => {
                    let name = |d: DeptIdx| self.org.department(d).name.to_lowercase();
                    name(a).cmp(&name(b))
                }
                DepartmentOrder::File => Ordering::Equal,
            };
            by.then_with(|| id(a).cmp(id(b)))
        });
        keyed.into_iter().map(|(d, _)| d).collect()
    }
}

/// The figures departments are sorted by: 64 bytes a department with its
/// index, where its whole figures and chain took about 170 (0.17 GB at a
/// million departments, the report's peak).
struct Sorted {
    reaches: bool,
    hops: Option<u32>,
    strength: Option<f64>,
    rolled_quality: Option<f64>,
    lead_time: Option<Duration>,
}

impl From<DepartmentFigures> for Sorted {
    fn from(f: DepartmentFigures) -> Self {
        Sorted {
            reaches: f.cut_off.is_none(),
            hops: f.hops,
            strength: f.strength,
            rolled_quality: f.rolled_quality,
            lead_time: f.lead_time,
        }
    }
}
