//! Roll-ups by unit: each unit's figures over its departments and those of
//! its sub-units. Every department and handoff is visited once per unit
//! above it (the depth of the unit tree), not once per unit; the biggest
//! outside dependency comes from the dominator tree, never from removing
//! departments one by one.
//!
//! Definitions (ties always go to the smaller id, or the smaller
//! (from, to, what) for handoffs):
//! - a unit's departments: those whose `unit:` is the unit or a sub-unit;
//! - people: the sum of their headcounts (a missing one adds nothing);
//! - weakest strength: the lowest strength among those that reach a customer;
//! - weakest inside / into / out of: the rated handoff of lowest quality
//!   with both ends in the unit / only its receiver in it / only its supplier
//!   in it and its receiver a department outside (handoffs to customers are
//!   not cross-unit); unrated handoffs are not weak on any evidence;
//! - biggest outside dependency: the department outside the unit whose
//!   removal cuts off the most of the unit's departments that reach a customer.

use super::Analysis;
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Org, UnitIdx};
use std::cmp::Reverse;

/// One unit's roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitFigures {
    pub unit: UnitIdx,
    pub departments: usize,
    pub people: u64,
    pub reaching_customer: usize,
    pub cut_off: usize,
    /// The lowest strength and its department.
    pub weakest_strength: Option<(f64, DeptIdx)>,
    pub weakest_inside: Option<HandoffIdx>,
    pub weakest_into: Option<HandoffIdx>,
    pub weakest_out: Option<HandoffIdx>,
    /// The outside department whose loss cuts off most of the unit, and how
    /// many of its departments.
    pub biggest_outside_dependency: Option<(DeptIdx, u32)>,
}

/// Every unit's roll-up, in file order.
pub fn roll_up(org: &Org, a: &Analysis) -> Vec<UnitFigures> {
    let units = &org.units;
    let mut figures: Vec<UnitFigures> = units
        .indices()
        .map(|unit| UnitFigures {
            unit,
            departments: 0,
            people: 0,
            reaching_customer: 0,
            cut_off: 0,
            weakest_strength: None,
            weakest_inside: None,
            weakest_into: None,
            weakest_out: None,
            biggest_outside_dependency: None,
        })
        .collect();
    if units.is_empty() {
        return figures;
    }
    // The units each department is in: its own and every one above it.
    let above: Vec<Vec<UnitIdx>> =
        org.departments.iter().map(|d| std::iter::successors(d.unit, |&u| units.get(u).parent).collect()).collect();
    // Departments that reach a customer, by unit, as positions in the
    // dominator tree's preorder: a department `x` cuts off exactly those
    // in its span.
    let mut position = vec![u32::MAX; org.departments.len()];
    for (i, d) in a.dominators.preorder().iter().enumerate() {
        position[d.0 as usize] = i as u32;
    }
    let mut live: Vec<Vec<u32>> = vec![Vec::new(); units.len()];
    for (i, d) in org.departments.iter().enumerate() {
        let dept = DeptIdx(i as u32);
        let strength = a.strength(dept);
        for &u in &above[i] {
            let f = &mut figures[u.0 as usize];
            f.departments += 1;
            f.people = f.people.saturating_add(d.headcount.unwrap_or(0));
            match strength {
                Some(s) => {
                    f.reaching_customer += 1;
                    live[u.0 as usize].push(position[i]);
                    let key = |(s, d): (f64, DeptIdx)| (s, a.order.department(d));
                    if f.weakest_strength.is_none_or(|w| key((s, dept)) < key(w)) {
                        f.weakest_strength = Some((s, dept));
                    }
                }
                None => f.cut_off += 1,
            }
        }
    }
    let weaker = |h: HandoffIdx, w: Option<HandoffIdx>| {
        let key = |h: HandoffIdx| (org.handoff(h).quality.unwrap_or(1.0), a.order.handoff(h));
        w.is_none_or(|w| key(h) < key(w))
    };
    for (i, h) in org.handoffs.iter().enumerate() {
        if h.quality.is_none() {
            continue;
        }
        let hi = HandoffIdx(i as u32);
        let from = &above[h.from.0 as usize];
        let to: &[UnitIdx] = match h.to {
            Endpoint::Department(d) => &above[d.0 as usize],
            Endpoint::Customer(_) => &[],
        };
        let to_department = matches!(h.to, Endpoint::Department(_));
        for &u in from {
            let f = &mut figures[u.0 as usize];
            let slot = if to.contains(&u) {
                &mut f.weakest_inside
            } else if to_department {
                &mut f.weakest_out
            } else {
                continue;
            };
            if weaker(hi, *slot) {
                *slot = Some(hi);
            }
        }
        for &u in to.iter().filter(|u| !from.contains(u)) {
            let f = &mut figures[u.0 as usize];
            if weaker(hi, f.weakest_into) {
                f.weakest_into = Some(hi);
            }
        }
    }
    for (f, mut positions) in figures.iter_mut().zip(live) {
        positions.sort_unstable();
        f.biggest_outside_dependency = biggest_outside(a, f.unit, &above, &positions);
    }
    figures
}

/// The department outside `unit` that cuts off most of `positions` (the
/// unit's live departments in dominator preorder, sorted), by count, then id.
fn biggest_outside(a: &Analysis, unit: UnitIdx, above: &[Vec<UnitIdx>], positions: &[u32]) -> Option<(DeptIdx, u32)> {
    let mut best: Option<(u32, DeptIdx)> = None;
    // Biggest impact first: once a department's impact is below the best
    // count, no later one can reach it, since it cuts off at most its impact.
    for &x in a.single_points_of_failure() {
        let impact = a.dominators.department_impact(x);
        if best.is_some_and(|(count, _)| impact < count) {
            break;
        }
        if above[x.0 as usize].contains(&unit) {
            continue;
        }
        let span = a.dominators.behind_span(x);
        let (lo, hi) = (span.start as u32, span.end as u32);
        let count = (positions.partition_point(|&p| p < hi) - positions.partition_point(|&p| p < lo)) as u32;
        if count == 0 {
            continue;
        }
        let key = |(c, d): (u32, DeptIdx)| (Reverse(c), a.order.department(d));
        if best.is_none_or(|b| key((count, x)) < key(b)) {
            best = Some((count, x));
        }
    }
    best.map(|(c, d)| (d, c))
}
