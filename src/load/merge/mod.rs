//! Joins the fragments of every file into one org and checks what only the
//! whole org can tell: duplicate ids, handoffs to ids that do not exist,
//! handoffs from customers or to oneself, duplicate handoffs, agreement on
//! `organization` and `version`, and that there is a department at all.

use super::file::Fragment;
use super::records::{DepartmentDraft, HandoffDraft, Located};
use super::suggest::{Budget, did_you_mean_id};
use super::units;
use crate::clip::quote;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Customer, CustomerIdx, Department, DeptIdx, Endpoint, Handoff, Id, Ids, Org, PolicySource};
use crate::source::{FileId, Loc};
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
        // Sized once: a million ids rehashed while growing would hold the
        // old table and the new one at once.
        reg.ids.reserve(frag.customers.len() + frag.departments.len());
        for c in frag.customers {
            let Some(id) = c.id else { continue };
            let idx = Endpoint::Customer(CustomerIdx(reg.customers.len() as u32));
            match reg.claim(&id, idx, diags) {
                Ok(claimed) => reg.customers.push(Customer {
                    name: c.name.unwrap_or_else(|| id.value.clone()),
                    id: claimed,
                    description: c.description,
                    promise: c.promise,
                    meta: c.meta,
                    loc: Some(id.loc),
                }),
                Err(Some(first)) => duplicate_id(&id, idx, first, reg.first_loc(first), diags),
                Err(None) => {}
            }
        }
        // Ids are claimed in the order the file writes its lists, so that
        // "defined again here" points at the later of two.
        let first_at = |loc: Option<Loc>| loc.map_or(u32::MAX, |l| l.offset);
        let units_first = first_at(frag.units.iter().find_map(|u| u.id.as_ref().map(|i| i.loc)))
            < first_at(frag.departments.iter().find_map(|d| d.id.as_ref().map(|i| i.loc)));
        let units = if units_first {
            reg.claim_units(std::mem::take(&mut frag.units), diags);
            Vec::new()
        } else {
            std::mem::take(&mut frag.units)
        };
        let (departments, placed) = departments(&mut reg, frag.departments, diags);
        if reg.departments.is_empty() {
            reg.departments = departments;
        } else {
            reg.departments.extend(departments);
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

    /// Records an id for `idx` and returns it; or what already has it, or
    /// `None` when a unit has it (reported here, naming both places).
    fn claim(
        &mut self,
        id: &Located<String>,
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
        match self.ids.entry(Id::new(&id.value)) {
            Entry::Vacant(slot) => {
                let id = slot.key().clone();
                slot.insert(idx);
                Ok(id)
            }
            Entry::Occupied(first) => Err(Some(*first.get())),
        }
    }

    /// Where a department or customer already in the org is defined.
    fn first_loc(&self, e: Endpoint) -> Option<Loc> {
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
fn departments(
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
                name: d.name.unwrap_or(id.value),
                id: claimed,
                lead: d.lead,
                headcount: d.headcount,
                tags: d.tags,
                description: d.description,
                meta: d.meta,
                unit: None,
                loc: id.loc,
            })
        })
        .collect();
    departments.shrink_to_fit();
    (departments, placed)
}

/// Reports an id defined twice, naming both places.
fn duplicate_id(
    id: &Located<String>,
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

/// Resolves every handoff's ends and reports the handoffs that cannot be:
/// unknown ids, handoffs from customers or to the supplier itself, and
/// handoffs given twice.
fn handoffs(drafts: Vec<HandoffDraft>, reg: &Registry, complete: bool, diags: &mut Vec<Diagnostic>) -> Vec<Handoff> {
    let mut suggest = Suggester { reg, sorted: None, budget: Budget::default(), complete };
    let mut ends: Vec<Option<(DeptIdx, Endpoint)>> =
        drafts.iter().map(|h| resolve_ends(h, &mut suggest, diags)).collect();
    drop_repeats(&drafts, &mut ends, reg, diags);
    // Collected in place, into the drafts' own allocation (a handoff is
    // smaller than its draft); shrinking it then gives the rest back
    // without a copy. A new vector beside the drafts would hold both at
    // once: 0.8 GB at a million departments.
    let mut handoffs: Vec<Handoff> = drafts
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
                meta: h.meta.map(|m| *m),
                loc: h.loc,
                evidence: None,
            })
        })
        .collect();
    handoffs.shrink_to_fit();
    handoffs
}

/// Reports each handoff given again (same supplier, receiver and `what`)
/// at its place, with the first one's, and drops it. Handoff numbers sorted
/// by that key find the repeats next to each other: 4 bytes a handoff,
/// where a hash set of keys and places took 130.
fn drop_repeats(
    drafts: &[HandoffDraft],
    ends: &mut [Option<(DeptIdx, Endpoint)>],
    reg: &Registry,
    diags: &mut Vec<Diagnostic>,
) {
    let key = |i: u32| (ends[i as usize], drafts[i as usize].what.as_deref());
    let mut order: Vec<u32> = (0..ends.len() as u32).filter(|&i| ends[i as usize].is_some()).collect();
    // Ties in key keep file order, so the first of a group is the one given first.
    order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)).then(a.cmp(&b)));
    let mut repeats = Vec::new();
    for group in order.chunk_by(|&a, &b| key(a) == key(b)) {
        let first = &drafts[group[0] as usize];
        for &again in &group[1..] {
            let h = &drafts[again as usize];
            let supplier = ends[again as usize].and_then(|(from, _)| reg.departments.get(from.0 as usize));
            let from_name = supplier.map_or("", |d| d.id.as_str());
            let to_name = h.to.as_ref().map_or("", |t| t.value.as_str());
            let what = h.what.as_deref().map_or(String::new(), |w| format!(" of {}", quote(w)));
            diags.push(
                Diagnostic::error(
                    Code::DuplicateHandoff,
                    format!("the handoff{what} from {} to {} is given twice", quote(from_name), quote(to_name)),
                )
                .at(h.loc, "given again here")
                .also(first.loc, "first given here")
                .help("remove one of them, or give them different `what:` if they hand over different things"),
            );
            repeats.push(again);
        }
    }
    for again in repeats {
        ends[again as usize] = None;
    }
}

/// The supplier and receiver of a draft, or `None` (reported) when it
/// cannot be a handoff: unknown ids, from a customer, or to itself.
fn resolve_ends(
    h: &HandoffDraft,
    suggest: &mut Suggester<'_>,
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
