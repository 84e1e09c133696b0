//! The registry of ids being merged: every customer's and department's id
//! claimed once, units apart, and each id defined twice reported with both
//! places.

use crate::clip::quote;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::records::{DepartmentDraft, Located, UnitDraft};
use crate::load::units;
use crate::model::IMPLICIT_CUSTOMER;
use crate::model::{Customer, Department, DeptIdx, Endpoint, Id, Ids};
use crate::source::Loc;
use std::collections::hash_map::Entry;

#[derive(Default)]
pub(super) struct Registry {
    pub(super) ids: Ids,
    pub(super) customers: Vec<Customer>,
    pub(super) departments: Vec<Department>,
    /// Unit ids, apart from `ids`, which name only what handoffs may join;
    /// the two share one namespace all the same.
    pub(super) units: units::Claims,
    /// The `unit:` each department in `departments` wrote.
    pub(super) unit_refs: Vec<Option<Box<Located<String>>>>,
}

impl Registry {
    /// Claims the ids of a file's units, each against every id so far.
    pub(super) fn claim_units(&mut self, drafts: Vec<UnitDraft>, diags: &mut Vec<Diagnostic>) {
        let (ids, customers, departments) = (&self.ids, &self.customers, &self.departments);
        let taken = |id: &str| match ids.get(id) {
            Some(Endpoint::Customer(c)) => Some((customers.get(c.0 as usize).and_then(|c| c.loc), "a customer")),
            Some(Endpoint::Department(d)) => Some((departments.get(d.0 as usize).map(|d| d.loc), "a department")),
            None => None,
        };
        self.units.claim(drafts, taken, diags);
    }

    /// Records an id for `idx` and returns it; or what already has it, or
    /// `None` when a unit has it (reported here, naming both places).
    pub(super) fn claim(
        &mut self,
        id: &Located<Id>,
        idx: Endpoint,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Id, Option<Endpoint>> {
        if let Some(unit_loc) = self.units.loc(&id.value) {
            let what = if matches!(idx, Endpoint::Customer(_)) { "customer" } else { "department" };
            diags.push(
                Diagnostic::error(Code::DuplicateId, format!("the id {} is defined twice", quote(&id.value)))
                    .at(id.loc, format!("{what} defined again here"))
                    .also(unit_loc, "first defined here, as a unit")
                    .help("units, departments and customers share one set of ids; rename one of them"),
            );
            return Err(None);
        }
        match self.ids.entry(id.value.clone()) {
            Entry::Vacant(slot) => {
                slot.insert(idx);
                Ok(id.value.clone())
            }
            Entry::Occupied(first) => Err(Some(*first.get())),
        }
    }

    /// Where a department or customer already in the org is defined.
    pub(super) fn first_loc(&self, e: Endpoint) -> Option<Loc> {
        match e {
            Endpoint::Customer(c) => self.customers.get(c.0 as usize).and_then(|c| c.loc),
            Endpoint::Department(d) => self.departments.get(d.0 as usize).map(|d| d.loc),
        }
    }
}

/// One file's departments, claimed and made into the org's, and where each
/// draft went (`None`: refused), so that its `serves` entries name their
/// supplier by index. Ids are claimed over the borrowed drafts first; then
/// the drafts become departments in their own allocation (a department is
/// no larger than its draft), so the two never both take memory.
pub(super) fn departments(
    reg: &mut Registry,
    drafts: Vec<DepartmentDraft>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Department>, Vec<Option<DeptIdx>>) {
    let first_new = reg.departments.len();
    let mut placed = Vec::with_capacity(drafts.len());
    let mut claimed = Vec::with_capacity(drafts.len());
    // For each department placed from these drafts, its draft: where a
    // later duplicate finds the first definition.
    let mut source: Vec<u32> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let Some(id) = &d.id else {
            placed.push(None);
            claimed.push(None);
            continue;
        };
        let idx = DeptIdx((first_new + source.len()) as u32);
        match reg.claim(id, Endpoint::Department(idx), diags) {
            Ok(at) => {
                placed.push(Some(idx));
                claimed.push(Some(at));
                source.push(i as u32);
            }
            Err(None) => {
                placed.push(None);
                claimed.push(None);
            }
            Err(Some(first)) => {
                let first_loc = match first {
                    Endpoint::Department(f) if f.0 as usize >= first_new => source
                        .get(f.0 as usize - first_new)
                        .and_then(|&j| drafts.get(j as usize)?.id.as_ref())
                        .map(|id| id.loc),
                    other => reg.first_loc(other),
                };
                duplicate_id(id, Endpoint::Department(idx), first, first_loc, diags);
                placed.push(None);
                claimed.push(None);
            }
        }
    }
    let unit_refs = &mut reg.unit_refs;
    let mut departments: Vec<Department> = drafts
        .into_iter()
        .zip(claimed)
        .filter_map(|(d, claimed)| {
            let (id, claimed) = (d.id?, claimed?);
            unit_refs.push(d.unit);
            Some(Department {
                name: d.name.unwrap_or_else(|| id.value.to_text()),
                id: claimed,
                lead: d.lead,
                headcount: d.headcount,
                unit: None,
                loc: id.loc,
                details: d.details,
            })
        })
        .collect();
    departments.shrink_to_fit();
    (departments, placed)
}

/// Reports an id defined twice, naming both places.
pub(super) fn duplicate_id(
    id: &Located<Id>,
    idx: Endpoint,
    first: Endpoint,
    first_loc: Option<Loc>,
    diags: &mut Vec<Diagnostic>,
) {
    let what = match idx {
        Endpoint::Customer(_) => "customer",
        Endpoint::Department(_) => "department",
    };
    let d = Diagnostic::error(Code::DuplicateId, format!("the id {} is defined twice", quote(&id.value)))
        .at(id.loc, format!("{what} defined again here"));
    diags.push(match (first, first_loc) {
        (Endpoint::Customer(_), None) => d.help(format!(
            "an org without `customers:` gets one customer with the id {IMPLICIT_CUSTOMER:?}; declare `customers:` or rename this {what}"
        )),
        (first, Some(loc)) => {
            let kind = if matches!(first, Endpoint::Customer(_)) { "a customer" } else { "a department" };
            d.also(loc, format!("first defined here, as {kind}"))
                .help("departments and customers share one set of ids; rename one of them")
        }
        (_, None) => d,
    });
}
