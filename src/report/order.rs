//! The order departments are listed in for people (table, Markdown, HTML,
//! CSV): worst first by default, so that the weakest are not hidden behind
//! "… and 28 more". The JSON report keeps file order, its contract.
//!
//! Every order ends with the id, and ids are unique, so each is a total
//! order: the departments are sorted by small integer keys (the id by its
//! rank, [`crate::analysis::IdOrder`]) and, when only the first few are
//! shown, only those are sorted. At a million departments, sorting every
//! department's whole figures (chains included) by comparing id strings
//! was most of the table report's time.

use super::Report;
use crate::model::DeptIdx;

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

/// A department's place in an order, compared as integers: the figures
/// the order compares, then the id's rank.
type SortKey = (u64, u64, u64, u32);

impl Report<'_> {
    /// Every department, in `order`.
    pub fn departments_by(&self, order: DepartmentOrder) -> Vec<DeptIdx> {
        self.first_departments_by(order, usize::MAX)
    }

    /// The first `top` departments in `order` (all if there are fewer).
    pub fn first_departments_by(&self, order: DepartmentOrder, top: usize) -> Vec<DeptIdx> {
        let ds = self.covered();
        match order {
            DepartmentOrder::File => ds.take(top).collect(),
            DepartmentOrder::Name => {
                let name = |d: DeptIdx| self.org.department(d).name.to_lowercase();
                first(ds.map(|d| (name(d), self.analysis.order.department(d), d)).collect(), top, |k| k.2)
            }
            _ => first(ds.map(|d| (self.sort_key(order, d), d)).collect(), top, |k| k.1),
        }
    }

    /// Department `d`'s key in `order` (not `Name` or `File`). A cut-off
    /// department has no figures and comes first; `None` sorts before any
    /// number, as `Option`'s order has it.
    fn sort_key(&self, order: DepartmentOrder, d: DeptIdx) -> SortKey {
        let a = self.analysis;
        let n = d.0 as usize;
        let live = a.reach.is_live(n);
        // A cut-off department's figures count as none, as in
        // `Analysis::department`. Qualities are never NaN and never -0 (the
        // loader makes -0 into 0), so the bits of `Some(x)` order as the
        // numbers do.
        let fraction = |x: Option<f64>| x.filter(|_| live).map_or(0, |x| x.to_bits() + 1);
        let live_first = u64::from(live) << 63;
        let rank = a.order.department(d);
        match order {
            DepartmentOrder::Worst => (live_first | fraction(a.strength(d)), fraction(a.rolled_quality(d)), 0, rank),
            DepartmentOrder::Strength => (live_first | fraction(a.strength(d)), 0, 0, rank),
            DepartmentOrder::Rolled => (live_first | fraction(a.rolled_quality(d)), 0, 0, rank),
            DepartmentOrder::Hops => {
                // Most hops first: `Some(h)` descending, then `None`.
                let hops = a.reach.hops(n).map_or(0, |h| u64::from(h) + 1);
                (live_first | (u64::from(u32::MAX) + 1 - hops), 0, 0, rank)
            }
            DepartmentOrder::LeadTime => {
                let lead = a.lead_time(d).filter(|_| live);
                // Known lead times first, slowest first.
                let (secs, nanos) = lead.map_or((0, 0), |t| (t.as_secs(), u64::from(t.subsec_nanos())));
                (live_first | (u64::from(lead.is_none()) << 62), !secs, !nanos, rank)
            }
            DepartmentOrder::Name | DepartmentOrder::File => (0, 0, 0, rank),
        }
    }
}

/// The departments of the `top` smallest keys, in key order. Keys are
/// distinct (each holds an id's rank), so an unstable sort is exact.
fn first<K: Ord>(mut keyed: Vec<K>, top: usize, department: impl Fn(&K) -> DeptIdx) -> Vec<DeptIdx> {
    if top < keyed.len() {
        if top == 0 {
            return Vec::new();
        }
        keyed.select_nth_unstable(top - 1);
        keyed.truncate(top);
    }
    keyed.sort_unstable();
    keyed.iter().map(department).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::graph::ChainGraph;
    use std::cmp::Ordering;

    /// The order as it was first written: every department's figures,
    /// compared field by field, ties broken by comparing ids.
    fn by_figures(r: &Report<'_>, order: DepartmentOrder) -> Vec<DeptIdx> {
        if order == DepartmentOrder::File {
            return r.covered().collect();
        }
        let mut keyed: Vec<_> = r.covered().map(|d| (d, r.figures(d))).collect();
        let up = |a: Option<f64>, b: Option<f64>| a.partial_cmp(&b).unwrap_or(Ordering::Equal);
        keyed.sort_by(|(a, fa), (b, fb)| {
            let cut = |f: &crate::analysis::DepartmentFigures| f.cut_off.is_none();
            let by = match order {
                DepartmentOrder::Worst => cut(fa)
                    .cmp(&cut(fb))
                    .then(up(fa.strength, fb.strength))
                    .then(up(fa.rolled_quality, fb.rolled_quality)),
                DepartmentOrder::Strength => cut(fa).cmp(&cut(fb)).then(up(fa.strength, fb.strength)),
                DepartmentOrder::Rolled => cut(fa).cmp(&cut(fb)).then(up(fa.rolled_quality, fb.rolled_quality)),
                DepartmentOrder::Hops => cut(fa).cmp(&cut(fb)).then(fb.hops.cmp(&fa.hops)),
                DepartmentOrder::LeadTime => cut(fa)
                    .cmp(&cut(fb))
                    .then(fa.lead_time.is_none().cmp(&fb.lead_time.is_none()))
                    .then(fb.lead_time.cmp(&fa.lead_time)),
                DepartmentOrder::Name => {
                    let name = |d: DeptIdx| r.org.department(d).name.to_lowercase();
                    name(*a).cmp(&name(*b))
                }
                DepartmentOrder::File => Ordering::Equal,
            };
            by.then_with(|| r.dept_id(*a).cmp(r.dept_id(*b)))
        });
        keyed.into_iter().map(|(d, _)| d).collect()
    }

    #[test]
    fn every_order_is_the_figures_order_and_its_first_rows_are_its_prefix() {
        // Names that repeat in other case, ids whose numeric and string
        // orders differ, lead times on some handoffs only, cut-off
        // departments and ties in every figure.
        let yaml = crate::synth::org_yaml(crate::synth::Shape::new(1500))
            .replace("name: Department 1", "name: department 1")
            .replace("name: Department 2", "name: DEPARTMENT 1");
        let org = crate::load::load_str("gen.yaml", &yaml).unwrap_or_else(|e| panic!("{:?}", e.diagnostics)).org;
        let g = ChainGraph::build(&org);
        let a = Analysis::compute(&org, &g);
        let r = Report::new(&org, &g, &a);
        assert!(a.reaching_customer(&g) < org.departments.len(), "some departments are cut off");
        assert!(org.handoffs.iter().any(|h| h.lead_time.is_some()));
        use DepartmentOrder::*;
        for order in [Worst, Strength, Rolled, Hops, LeadTime, Name, File] {
            let all = r.departments_by(order);
            assert_eq!(all, by_figures(&r, order), "{order:?}");
            for top in [0, 1, 7, 100, 1499, 1500, 5000] {
                assert_eq!(r.first_departments_by(order, top), all[..top.min(all.len())], "{order:?} top {top}");
            }
        }
    }
}
