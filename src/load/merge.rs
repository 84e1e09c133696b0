//! Joins the fragments of every file into one org and checks what only the
//! whole org can tell: duplicate ids, handoffs to ids that do not exist,
//! handoffs from customers or to oneself, duplicate handoffs, agreement on
//! `organization` and `version`, and that there is a department at all.

use super::file::Fragment;
use super::records::{HandoffDraft, Located};
use super::suggest::{Budget, did_you_mean_id};
use super::units;
use crate::clip::quote;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Customer, CustomerIdx, Department, DeptIdx, Endpoint, Handoff, Id, Ids, Org, PolicySource};
use crate::source::{FileId, Loc};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// The id of the customer an org gets when it declares none.
pub const IMPLICIT_CUSTOMER: &str = "customer";

pub fn merge(fragments: Vec<Fragment>, first_file: Option<FileId>, diags: &mut Vec<Diagnostic>) -> Org {
    let organization = agree(&fragments, |f| f.organization.clone(), |o| quote(o), "organization", diags);
    agree(&fragments, |f| f.version.clone(), u64::to_string, "version", diags);
    // A file whose YAML broke off may have defined more ids: references to
    // them cannot be judged, and "no departments" may not be true.
    let complete = fragments.iter().all(|f| f.complete);
    let customers_key = fragments.iter().find_map(|f| f.customers_key);
    let declared = customers_key.is_some();
    let no_departments_at = match fragments.iter().find_map(|f| f.departments_key) {
        Some(key) => Some((key, "this list is empty")),
        None => first_file
            .or(fragments.first().map(|f| f.file))
            .map(|f| (Loc::file_start(f), "no `departments:` in this org")),
    };

    let mut reg = Registry::default();
    if !declared {
        reg.customers.push(Customer {
            id: Id::new(IMPLICIT_CUSTOMER),
            name: "Customer".to_owned(),
            description: None,
            promise: None,
            meta: None,
            loc: None,
        });
        reg.ids.insert(Id::new(IMPLICIT_CUSTOMER), Endpoint::Customer(CustomerIdx(0)));
    }
    let mut drafts: Vec<HandoffDraft> = Vec::new();
    let mut policies = Vec::new();
    for mut frag in fragments {
        for c in frag.customers {
            let Some(id) = c.id else { continue };
            let idx = Endpoint::Customer(CustomerIdx(reg.customers.len() as u32));
            if let Some(claimed) = reg.claim(&id, idx, diags) {
                reg.customers.push(Customer {
                    name: c.name.unwrap_or_else(|| id.value.clone()),
                    id: claimed,
                    description: c.description,
                    promise: c.promise,
                    meta: c.meta,
                    loc: Some(id.loc),
                });
            }
        }
        // Ids are claimed in the order the file writes its lists, so that
        // "defined again here" points at the later of two.
        let first_at = |loc: Option<Loc>| loc.map_or(usize::MAX, |l| l.offset);
        let units_first = first_at(frag.units.iter().find_map(|u| u.id.as_ref().map(|i| i.loc)))
            < first_at(frag.departments.iter().find_map(|d| d.id.as_ref().map(|i| i.loc)));
        let units = if units_first {
            reg.claim_units(std::mem::take(&mut frag.units), diags);
            Vec::new()
        } else {
            std::mem::take(&mut frag.units)
        };
        // Where each of the file's departments went in the org (`None`:
        // refused), so that its `serves` entries name their supplier by index.
        let mut placed = Vec::with_capacity(frag.departments.len());
        for d in frag.departments {
            let Some(id) = d.id else {
                placed.push(None);
                continue;
            };
            let idx = DeptIdx(reg.departments.len() as u32);
            let claimed = reg.claim(&id, Endpoint::Department(idx), diags);
            placed.push(claimed.is_some().then_some(idx));
            if let Some(claimed) = claimed {
                reg.departments.push(Department {
                    name: d.name.unwrap_or(id.value),
                    id: claimed,
                    lead: d.lead,
                    headcount: d.headcount,
                    tags: d.tags,
                    description: d.description,
                    meta: d.meta,
                    unit: None,
                    loc: id.loc,
                });
                reg.unit_refs.push(d.unit);
            }
        }
        reg.claim_units(units, diags);
        // The handoffs of a refused department (a duplicate id) would only
        // repeat its error as false duplicates. The drafts move, never copied.
        let mut handoffs = frag.handoffs;
        handoffs.retain_mut(|h| match h.parent {
            None => true,
            Some(p) => match placed.get(p as usize).copied().flatten() {
                Some(idx) => {
                    h.parent = Some(idx.0);
                    true
                }
                None => false,
            },
        });
        if drafts.is_empty() {
            drafts = handoffs;
        } else {
            drafts.append(&mut handoffs);
        }
        policies.extend(frag.policy.map(|node| PolicySource { node }));
    }
    if reg.departments.is_empty() && complete {
        let d = Diagnostic::error(Code::NoDepartments, "the org has no departments")
            .help("add a `departments:` list; every department names who it `serves`");
        diags.push(match no_departments_at {
            Some((loc, note)) => d.at(loc, note),
            None => d,
        });
    }
    if let Some(key) = customers_key
        && reg.customers.is_empty()
        && complete
    {
        diags.push(
            Diagnostic::warning(Code::NoCustomers, "`customers:` is empty, so no department can reach a customer")
                .at(key, "no customers")
                .help("list the external customers, or leave `customers:` out for one implicit customer"),
        );
    }
    let handoffs = handoffs(drafts, &reg, complete, diags);
    let unit_refs = std::mem::take(&mut reg.unit_refs);
    let org_units =
        units::resolve(std::mem::take(&mut reg.units), unit_refs, &mut reg.departments, &reg.ids, complete, diags);
    let mut org = Org::from_parts(organization, reg.customers, reg.departments, handoffs, policies, reg.ids);
    org.units = org_units;
    org
}

#[derive(Default)]
struct Registry {
    ids: Ids,
    customers: Vec<Customer>,
    departments: Vec<Department>,
    /// Unit ids, apart from `ids`, which name only what handoffs may join;
    /// the two share one namespace all the same.
    units: units::Claims,
    /// The `unit:` each department in `departments` wrote.
    unit_refs: Vec<Option<Located<String>>>,
}

impl Registry {
    /// Claims the ids of a file's units, each against every id so far.
    fn claim_units(&mut self, drafts: Vec<super::records::UnitDraft>, diags: &mut Vec<Diagnostic>) {
        let (ids, customers, departments) = (&self.ids, &self.customers, &self.departments);
        let taken = |id: &str| match ids.get(id) {
            Some(Endpoint::Customer(c)) => Some((customers.get(c.0 as usize).and_then(|c| c.loc), "a customer")),
            Some(Endpoint::Department(d)) => Some((departments.get(d.0 as usize).map(|d| d.loc), "a department")),
            None => None,
        };
        self.units.claim(drafts, taken, diags);
    }

    /// Records an id for `idx` and returns it; reports a duplicate, naming
    /// both places.
    fn claim(&mut self, id: &Located<String>, idx: Endpoint, diags: &mut Vec<Diagnostic>) -> Option<Id> {
        if let Some(unit_loc) = self.units.loc(&id.value) {
            let what = if matches!(idx, Endpoint::Customer(_)) { "customer" } else { "department" };
            diags.push(
                Diagnostic::error(Code::DuplicateId, format!("the id {} is defined twice", quote(&id.value)))
                    .at(id.loc, format!("{what} defined again here"))
                    .also(unit_loc, "first defined here, as a unit")
                    .help("units, departments and customers share one set of ids; rename one of them"),
            );
            return None;
        }
        let first = match self.ids.entry(Id::new(&id.value)) {
            Entry::Vacant(slot) => {
                let id = slot.key().clone();
                slot.insert(idx);
                return Some(id);
            }
            Entry::Occupied(first) => *first.get(),
        };
        let what = match idx {
            Endpoint::Customer(_) => "customer",
            Endpoint::Department(_) => "department",
        };
        let d = Diagnostic::error(Code::DuplicateId, format!("the id {} is defined twice", quote(&id.value)))
            .at(id.loc, format!("{what} defined again here"));
        let first_loc = match first {
            Endpoint::Customer(c) => self.customers.get(c.0 as usize).and_then(|c| c.loc),
            Endpoint::Department(d) => self.departments.get(d.0 as usize).map(|d| d.loc),
        };
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
        None
    }
}

/// Resolves every handoff's ends and reports the handoffs that cannot be:
/// unknown ids, handoffs from customers or to the supplier itself, and
/// handoffs given twice.
fn handoffs(drafts: Vec<HandoffDraft>, reg: &Registry, complete: bool, diags: &mut Vec<Diagnostic>) -> Vec<Handoff> {
    // Which drafts become handoffs, decided over borrowed drafts so that
    // the duplicate check needs no copies of `what`.
    let mut seen = Seen::default();
    let mut suggest = Suggester { reg, sorted: None, budget: Budget::default(), complete };
    let ends: Vec<Option<(DeptIdx, Endpoint)>> =
        drafts.iter().map(|h| resolve_ends(h, &mut suggest, &mut seen, diags)).collect();
    drafts
        .into_iter()
        .zip(ends)
        .filter_map(|(h, ends)| {
            let (from, to) = ends?;
            Some(Handoff {
                from,
                to,
                what: h.what,
                quality: h.quality,
                lead_time: h.lead_time,
                agreed: h.agreed,
                feedback: h.feedback,
                meta: h.meta,
                loc: h.loc,
                evidence: None,
            })
        })
        .collect()
}

/// Each handoff seen so far, by its ends and `what`, with its place.
type Seen<'h> = HashMap<(DeptIdx, Endpoint, Option<&'h str>), Loc, foldhash::fast::RandomState>;

/// The supplier and receiver of a draft, or `None` (reported) when it
/// cannot be a handoff: unknown ids, from a customer, to itself, or given
/// before.
fn resolve_ends<'h>(
    h: &'h HandoffDraft,
    suggest: &mut Suggester<'_>,
    seen: &mut Seen<'h>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(DeptIdx, Endpoint)> {
    // A `serves` entry's supplier is its department, placed by index.
    let from = match h.parent {
        Some(p) => {
            suggest.reg.departments.get(p as usize).map(|d| (Endpoint::Department(DeptIdx(p)), d.id.as_str(), None))
        }
        None => h
            .from
            .as_ref()
            .and_then(|f| suggest.resolve(f, "supplier", diags))
            .map(|(e, at)| (e, at.value.as_str(), Some(at.loc))),
    };
    let to = h.to.as_ref().and_then(|t| suggest.resolve(t, "receiver", diags));
    let (Some((from, from_name, from_loc)), Some((to, to_at))) = (from, to) else { return None };
    let Endpoint::Department(from) = from else {
        let mut d =
            Diagnostic::error(Code::HandoffFromCustomer, format!("a handoff from the customer {}", quote(from_name)));
        if let Some(loc) = from_loc {
            d = d.at(loc, "this is a customer");
        }
        diags.push(d.help("customers are where chains end and serve no one; name a department in `from`"));
        return None;
    };
    if to == Endpoint::Department(from) {
        diags.push(
            Diagnostic::error(Code::SelfHandoff, format!("the department {} serves itself", quote(from_name)))
                .at(to_at.loc, "same as the supplier")
                .help("a handoff goes to another department or to a customer; rework inside a department is not a handoff"),
        );
        return None;
    }
    match seen.entry((from, to, h.what.as_deref())) {
        Entry::Occupied(first) => {
            let what = h.what.as_deref().map_or(String::new(), |w| format!(" of {}", quote(w)));
            diags.push(
                Diagnostic::error(
                    Code::DuplicateHandoff,
                    format!("the handoff{what} from {} to {} is given twice", quote(from_name), quote(&to_at.value)),
                )
                .at(h.loc, "given again here")
                .also(*first.get(), "first given here")
                .help("remove one of them, or give them different `what:` if they hand over different things"),
            );
            return None;
        }
        Entry::Vacant(slot) => {
            slot.insert(h.loc);
        }
    }
    Some((from, to))
}

/// Resolves ids, suggesting known ids for unknown ones within a work budget.
struct Suggester<'a> {
    reg: &'a Registry,
    /// Every (id, name), sorted by id once on first need, so that
    /// suggestions are deterministic.
    sorted: Option<Vec<(&'a str, &'a str)>>,
    budget: Budget,
    /// Whether every file was read to the end, so an unknown id is surely wrong.
    complete: bool,
}

impl Suggester<'_> {
    /// What `at` names; reports an id that names nothing.
    fn resolve<'h>(
        &mut self,
        at: &'h Located<String>,
        role: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(Endpoint, &'h Located<String>)> {
        if let Some(e) = self.reg.ids.get(at.value.as_str()) {
            return Some((*e, at));
        }
        if self.complete {
            let help = self
                .suggest(&at.value)
                .unwrap_or_else(|| "declare it under `departments:` or `customers:`, or fix the id".to_owned());
            diags.push(
                Diagnostic::error(
                    Code::UnknownId,
                    format!("the {role} {} is not a department or customer of this org", quote(&at.value)),
                )
                .at(at.loc, "no such id")
                .help(help),
            );
        }
        None
    }

    fn suggest(&mut self, wanted: &str) -> Option<String> {
        let reg = self.reg;
        let sorted = self.sorted.get_or_insert_with(|| {
            let customers = reg.customers.iter().map(|c| (c.id.as_str(), c.name.as_str()));
            let departments = reg.departments.iter().map(|d| (d.id.as_str(), d.name.as_str()));
            let mut v: Vec<(&str, &str)> = customers.chain(departments).collect();
            v.sort_unstable();
            v
        });
        did_you_mean_id(wanted, sorted.iter().copied(), &mut self.budget)
    }
}

/// The one value files give for an org-wide setting; reports files that disagree.
fn agree<T: PartialEq>(
    fragments: &[Fragment],
    get: impl Fn(&Fragment) -> Option<Located<T>>,
    show: impl Fn(&T) -> String,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let mut first: Option<Located<T>> = None;
    for f in fragments {
        let Some(value) = get(f) else { continue };
        match &first {
            None => first = Some(value),
            Some(kept) if kept.value != value.value => diags.push(
                Diagnostic::error(
                    Code::ConflictingFiles,
                    format!("the files disagree on `{key}`: {} here, {} before", show(&value.value), show(&kept.value)),
                )
                .at(value.loc, "differs")
                .also(kept.loc, "first given here")
                .help(format!("give `{key}` once, or the same in every file")),
            ),
            Some(_) => {}
        }
    }
    first.map(|a| a.value)
}
