//! `--unit ID`: a report restricted to one unit's departments (its
//! sub-units' included), while every figure is still the whole org's. A row
//! stays when it involves one of the unit's departments: the department
//! itself, a handoff from or to it, a single point of failure or critical
//! handoff that is in the unit or cuts part of it off, a loop through it,
//! the unit and its sub-units.

use crate::analysis::Analysis;
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Org, UnitIdx};

/// The departments and units a restricted report keeps.
#[derive(Debug, Clone)]
pub struct Scope {
    pub unit: UnitIdx,
    departments: Vec<bool>,
    units: Vec<bool>,
}

impl Scope {
    pub fn new(org: &Org, unit: UnitIdx) -> Self {
        let units = org.units.inside(unit);
        let departments = org.departments.iter().map(|d| d.unit.is_some_and(|u| units[u.0 as usize])).collect();
        Scope { unit, departments, units }
    }

    pub fn has_department(&self, d: DeptIdx) -> bool {
        self.departments[d.0 as usize]
    }

    pub fn has_unit(&self, u: UnitIdx) -> bool {
        self.units[u.0 as usize]
    }

    pub fn has(&self, e: Endpoint) -> bool {
        matches!(e, Endpoint::Department(d) if self.has_department(d))
    }

    /// Whether a finding about `subjects` (ids) concerns the unit: one of
    /// them is a department of the unit, or the unit or a sub-unit itself.
    pub fn concerns(&self, org: &Org, subjects: &[String]) -> bool {
        subjects.iter().any(|id| match org.lookup(id) {
            Some(e) => self.has(e),
            None => org.units.lookup(id).is_some_and(|u| self.has_unit(u)),
        })
    }

    /// Whether a handoff leaves from or arrives in the unit.
    pub fn touches(&self, org: &Org, h: HandoffIdx) -> bool {
        let ho = org.handoff(h);
        self.has_department(ho.from) || self.has(ho.to)
    }

    /// The analysis with its lists (weakest links, single points of
    /// failure, critical handoffs, loops) cut to the rows that involve the
    /// unit; each department's figures stay the whole org's.
    pub fn restrict(&self, org: &Org, a: &Analysis) -> Analysis {
        a.restricted(|d| self.has_department(d), |h| self.touches(org, h))
    }
}
