//! The org as the program sees it once loading has checked it: customers,
//! departments and the handoffs between them, with ids resolved to indices.
//! Everything here is valid by construction; locations point back at the files.

mod id;
mod id_index;
pub mod survey;
mod tree;
pub mod unit;

pub use id::{IMPLICIT_CUSTOMER, Id, Text};
use id_index::IdIndex;
pub use survey::{Evidence, QualitySource, Stats, Wave};
pub use tree::{Node, NodeValue};
pub use unit::{Unit, UnitIdx, Units};

use crate::source::Loc;
use std::collections::HashMap;

/// Every id and what it names, while an org is being put together (a
/// loaded [`Org`] keeps a smaller index). Hashed with foldhash: several
/// times faster than SipHash on short ids, and still seeded per process,
/// so a hostile file cannot aim for collisions.
pub type Ids = HashMap<Id, Endpoint, foldhash::fast::RandomState>;
use std::time::Duration;

/// Index of a department in [`Org::departments`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeptIdx(pub u32);

/// Index of a customer in [`Org::customers`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CustomerIdx(pub u32);

/// Index of a handoff in [`Org::handoffs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HandoffIdx(pub u32);

/// What an id names: a department or an external customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    Department(DeptIdx),
    Customer(CustomerIdx),
}

/// An external customer, where chains end.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
    /// The level promised to the customer (`promise:`), if any.
    pub promise: Option<Level>,
    pub meta: Option<serde_json::Value>,
    /// `None` for the implicit customer of an org that declares none.
    pub loc: Option<Loc>,
}

/// A department: someone's supplier and, usually, someone's internal customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub id: Id,
    /// The display name; the id when the file gives none.
    pub name: Text,
    pub lead: Option<Text>,
    pub headcount: Option<u64>,
    /// The unit (division) it belongs to, if any.
    pub unit: Option<UnitIdx>,
    /// Where the department is defined (its `id:` value).
    pub loc: Loc,
    /// Tags, description and meta; `None` when the file gives none of
    /// them, as for most departments.
    pub details: Option<Box<DepartmentDetails>>,
}

/// What a file may say of a department beyond its name and lead. Kept in
/// one box beside the department, as there may be millions of departments
/// and few have any of these: inline, the three took 56 bytes of each.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DepartmentDetails {
    pub tags: Vec<String>,
    pub description: Option<String>,
    pub meta: Option<serde_json::Value>,
}

impl DepartmentDetails {
    /// The details to keep, or `None` when there are none.
    pub fn boxed(self) -> Option<Box<Self>> {
        (self != Self::default()).then(|| Box::new(self))
    }
}

impl Department {
    pub fn tags(&self) -> &[String] {
        self.details.as_deref().map_or(&[], |d| &d.tags)
    }

    pub fn description(&self) -> Option<&str> {
        self.details.as_deref()?.description.as_deref()
    }

    pub fn meta(&self) -> Option<&serde_json::Value> {
        self.details.as_deref()?.meta.as_ref()
    }
}

/// Work handed from a department to its internal or external customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Handoff {
    pub from: DeptIdx,
    pub to: Endpoint,
    /// What is handed over; part of the handoff's identity.
    pub what: Option<Text>,
    /// The receiver's rating in 0..=1; `None` if unrated.
    pub quality: Option<f64>,
    pub lead_time: Option<Duration>,
    /// Where the handoff is written (its first key).
    pub loc: Loc,
    /// The agreed level, feedback, meta and survey evidence; `None` when it
    /// has none of them, as most handoffs.
    pub details: Option<Box<HandoffDetails>>,
}

/// What a handoff may carry beyond its figures. Kept in one box beside the
/// handoff, as there may be millions of handoffs and few have any of
/// these: inline, three boxes and a flag took 32 bytes of each.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HandoffDetails {
    /// The level supplier and receiver agreed (`agreed:`), if any.
    pub agreed: Option<Level>,
    /// Work that flows back on purpose (`feedback: true`): a loop whose
    /// every cycle uses such a handoff is a feedback loop, not a rework loop.
    pub feedback: bool,
    pub meta: Option<serde_json::Value>,
    /// What surveys said about it; `None` when the org has no `surveys:`.
    pub evidence: Option<Evidence>,
}

impl HandoffDetails {
    /// The details to keep, or `None` when there are none.
    pub fn boxed(self) -> Option<Box<Self>> {
        (self != Self::default()).then(|| Box::new(self))
    }
}

/// A service level, agreed on a handoff (`agreed:`) or promised to a
/// customer (`promise:`); either half may be left out, never both.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Level {
    /// At least this quality (for a promise: rolled quality along a chain).
    pub quality: Option<f64>,
    /// At most this lead time.
    pub lead_time: Option<Duration>,
}

impl Handoff {
    /// The level supplier and receiver agreed (`agreed:`), if any.
    pub fn agreed(&self) -> Option<&Level> {
        self.details.as_deref()?.agreed.as_ref()
    }

    /// Whether it is work that flows back on purpose (`feedback: true`).
    pub fn feedback(&self) -> bool {
        self.details.as_deref().is_some_and(|d| d.feedback)
    }

    pub fn meta(&self) -> Option<&serde_json::Value> {
        self.details.as_deref()?.meta.as_ref()
    }

    /// What surveys said about it; `None` when the org has no `surveys:`.
    pub fn evidence(&self) -> Option<&Evidence> {
        self.details.as_deref()?.evidence.as_ref()
    }

    pub fn evidence_mut(&mut self) -> Option<&mut Evidence> {
        self.details.as_deref_mut()?.evidence.as_mut()
    }

    /// Records what surveys said about it.
    pub fn set_evidence(&mut self, evidence: Evidence) {
        self.details.get_or_insert_with(Box::default).evidence = Some(evidence);
    }

    /// `quality − agreed.quality`: negative when the handoff is rated below
    /// its agreement; `None` when it is unrated or no quality was agreed.
    pub fn quality_gap(&self) -> Option<f64> {
        Some(self.quality? - self.agreed()?.quality?)
    }

    /// `lead_time − agreed.lead_time` in seconds: positive when the handoff
    /// is slower than agreed; `None` when either is missing.
    pub fn lead_time_gap_seconds(&self) -> Option<i64> {
        let (actual, agreed) = (self.lead_time?, self.agreed()?.lead_time?);
        Some(actual.as_secs() as i64 - agreed.as_secs() as i64)
    }

    /// Whether the handoff is rated below, or is slower than, what was agreed.
    pub fn below_agreement(&self) -> bool {
        self.quality_gap().is_some_and(|g| g < 0.0) || self.lead_time_gap_seconds().is_some_and(|g| g > 0)
    }
}

/// The `policy:` section of an org file, kept as written for the check command.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicySource {
    pub node: Node,
}

/// A loaded, valid org.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Org {
    pub organization: Option<String>,
    pub customers: Vec<Customer>,
    pub departments: Vec<Department>,
    pub handoffs: Vec<Handoff>,
    /// Every `policy:` section, in file order.
    pub policies: Vec<PolicySource>,
    /// The survey waves, oldest first (`surveys:`).
    pub surveys: Vec<Wave>,
    /// The units (divisions) departments belong to (`units:`).
    pub units: Units,
    /// Every department's and customer's id, to [`Org::lookup`].
    ids: IdIndex,
}

impl Org {
    /// Builds an org from parts that the loader has already checked: ids are
    /// unique, and every handoff points at an existing index.
    pub(crate) fn from_parts(
        organization: Option<String>,
        customers: Vec<Customer>,
        departments: Vec<Department>,
        handoffs: Vec<Handoff>,
        policies: Vec<PolicySource>,
    ) -> Self {
        let ids = IdIndex::new(
            departments.len() + customers.len(),
            (departments.iter().enumerate())
                .map(|(i, d)| (Endpoint::Department(DeptIdx(i as u32)), d.id.as_str()))
                .chain(
                    customers
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (Endpoint::Customer(CustomerIdx(i as u32)), c.id.as_str())),
                ),
        );
        Org {
            organization,
            customers,
            departments,
            handoffs,
            policies,
            surveys: Vec::new(),
            units: Units::default(),
            ids,
        }
    }

    /// What an id names, if anything.
    pub fn lookup(&self, id: &str) -> Option<Endpoint> {
        self.ids.get(id, |e| self.id_of(e))
    }

    pub fn department(&self, i: DeptIdx) -> &Department {
        &self.departments[i.0 as usize]
    }

    pub fn customer(&self, i: CustomerIdx) -> &Customer {
        &self.customers[i.0 as usize]
    }

    pub fn handoff(&self, i: HandoffIdx) -> &Handoff {
        &self.handoffs[i.0 as usize]
    }

    /// The id of a department or customer.
    pub fn id_of(&self, e: Endpoint) -> &Id {
        match e {
            Endpoint::Department(d) => &self.department(d).id,
            Endpoint::Customer(c) => &self.customer(c).id,
        }
    }

    /// The org without some departments or customers, and without the
    /// handoffs `cut` picks: a what-if scenario. Their handoffs go with
    /// removed departments and customers; locations stay as they were.
    pub fn without(&self, remove: &std::collections::BTreeSet<Endpoint>, cut: impl Fn(&Handoff) -> bool) -> Org {
        let mut dept_map = vec![None; self.departments.len()];
        let mut departments = Vec::new();
        for (i, d) in self.departments.iter().enumerate() {
            if !remove.contains(&Endpoint::Department(DeptIdx(i as u32))) {
                let idx = DeptIdx(departments.len() as u32);
                dept_map[i] = Some(idx);
                departments.push(d.clone());
            }
        }
        let mut customer_map = vec![None; self.customers.len()];
        let mut customers = Vec::new();
        for (i, c) in self.customers.iter().enumerate() {
            if !remove.contains(&Endpoint::Customer(CustomerIdx(i as u32))) {
                let idx = CustomerIdx(customers.len() as u32);
                customer_map[i] = Some(idx);
                customers.push(c.clone());
            }
        }
        let handoffs = self
            .handoffs
            .iter()
            .filter(|h| !cut(h))
            .filter_map(|h| {
                let from = dept_map[h.from.0 as usize]?;
                let to = match h.to {
                    Endpoint::Department(d) => Endpoint::Department(dept_map[d.0 as usize]?),
                    Endpoint::Customer(c) => Endpoint::Customer(customer_map[c.0 as usize]?),
                };
                Some(Handoff { from, to, ..h.clone() })
            })
            .collect();
        let mut org =
            Org::from_parts(self.organization.clone(), customers, departments, handoffs, self.policies.clone());
        org.surveys = self.surveys.clone();
        org.units = self.units.clone();
        org
    }

    /// A suggestion for an id that names nothing here: the department or
    /// customer it most likely means (`did you mean "x"?`), within `budget`.
    pub fn suggest_id(&self, wanted: &str, budget: &mut crate::suggest::Budget) -> Option<String> {
        let departments = self.departments.iter().map(|d| (d.id.as_str(), &*d.name));
        let all: Vec<(&str, &str)> =
            departments.chain(self.customers.iter().map(|c| (c.id.as_str(), c.name.as_str()))).collect();
        crate::suggest::did_you_mean_id(wanted, all.into_iter(), budget)
    }

    /// The departments of unit `u` and of its sub-units, in file order.
    pub fn unit_departments(&self, u: UnitIdx) -> Vec<DeptIdx> {
        let inside = self.units.inside(u);
        (0..self.departments.len() as u32)
            .map(DeptIdx)
            .filter(|&d| self.department(d).unit.is_some_and(|v| inside[v.0 as usize]))
            .collect()
    }

    /// Handoffs without a quality rating.
    pub fn unrated_handoffs(&self) -> usize {
        self.handoffs.iter().filter(|h| h.quality.is_none()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// There may be millions of each: what they leave out stays in a box,
    /// and their text is inline when short ([`Text`], 24 bytes, as an
    /// optional one is).
    #[test]
    fn departments_and_handoffs_stay_small() {
        assert_eq!(std::mem::size_of::<Text>(), 24);
        assert_eq!(std::mem::size_of::<Option<Text>>(), 24);
        assert_eq!(std::mem::size_of::<Department>(), 120);
        assert_eq!(std::mem::size_of::<Handoff>(), 88);
        // Up to 23 bytes take no allocation of their own.
        assert!(!Text::new("Department of Paperwork").is_heap_allocated());
    }

    #[test]
    fn details_left_out_take_no_box() {
        assert_eq!(DepartmentDetails::default().boxed(), None);
        assert_eq!(HandoffDetails::default().boxed(), None);
        let tagged = DepartmentDetails { tags: vec!["a".into()], ..Default::default() };
        assert_eq!(tagged.clone().boxed(), Some(Box::new(tagged)));
    }
}
