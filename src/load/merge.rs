//! Joins the fragments of every file into one org and checks what only the
//! whole org can tell: duplicate ids, handoffs to ids that do not exist,
//! handoffs from customers or to oneself, duplicate handoffs, agreement on
//! `organization` and `version`, and that there is a department at all.

use super::fragment::{At, Fragment};
use super::suggest::did_you_mean;
use crate::diagnostic::Diagnostic;
use crate::model::{
    Customer, CustomerIdx, Department, DeptIdx, Endpoint, Handoff, Id, Org, PolicySource,
};
use crate::source::{FileId, Loc};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// The id of the customer an org gets when it declares none.
pub const IMPLICIT_CUSTOMER: &str = "customer";

/// Suggestions compare an unknown id with every known one; past this many
/// comparisons in a run, further unknown ids get no suggestion (an org with
/// thousands of broken references needs a different fix anyway).
const SUGGESTION_BUDGET: usize = 20_000_000;

pub fn merge(
    fragments: Vec<Fragment>,
    first_file: Option<FileId>,
    diags: &mut Vec<Diagnostic>,
) -> Org {
    let organization = agree(
        &fragments,
        |f| f.organization.clone(),
        "organization",
        diags,
    );
    agree(&fragments, |f| f.version.clone(), "version", diags);

    let declared = fragments
        .iter()
        .any(|f| f.declares_customers || !f.customers.is_empty());
    let mut ids: Ids = HashMap::new();
    let mut customers = Vec::new();
    let mut departments = Vec::new();
    let mut raw_handoffs = Vec::new();
    let mut policies = Vec::new();
    let mut no_departments_loc = first_file.map(Loc::file_start);

    if !declared {
        customers.push(Customer {
            id: Id::new(IMPLICIT_CUSTOMER),
            name: "Customer".to_owned(),
            description: None,
            meta: None,
            loc: None,
        });
    }
    for frag in fragments {
        for c in frag.customers {
            let Some(id) = c.id else { continue };
            let idx = Endpoint::Customer(CustomerIdx(customers.len() as u32));
            if claim(&mut ids, &id, idx, "customer", diags) {
                customers.push(Customer {
                    name: c.name.unwrap_or_else(|| id.value.clone()),
                    id: Id::new(&id.value),
                    description: c.description,
                    meta: c.meta,
                    loc: Some(id.loc),
                });
            }
        }
        for d in frag.departments {
            let Some(id) = d.id else { continue };
            let idx = Endpoint::Department(DeptIdx(departments.len() as u32));
            if claim(&mut ids, &id, idx, "department", diags) {
                departments.push(Department {
                    name: d.name.unwrap_or_else(|| id.value.clone()),
                    id: Id::new(&id.value),
                    lead: d.lead,
                    headcount: d.headcount,
                    tags: d.tags,
                    description: d.description,
                    meta: d.meta,
                    loc: id.loc,
                });
            }
        }
        raw_handoffs.extend(frag.handoffs);
        policies.extend(frag.policy.map(|node| PolicySource { node }));
        no_departments_loc = no_departments_loc.or(Some(Loc::file_start(frag.file)));
    }
    if !declared && let Some((_, loc)) = ids.get(IMPLICIT_CUSTOMER) {
        {
            diags.push(
                Diagnostic::error("duplicate-id", format!("the id {IMPLICIT_CUSTOMER:?} is taken by the implicit customer"))
                    .at(*loc, "also used here")
                    .help("an org without `customers:` gets one customer with the id \"customer\"; declare `customers:` or rename this department"),
            );
        }
    }
    if departments.is_empty() {
        let d = Diagnostic::error("no-departments", "the org has no departments")
            .help("add a `departments:` list; every department names who it `serves`");
        diags.push(match no_departments_loc {
            Some(loc) => d.at(loc, "no `departments:` in this org"),
            None => d,
        });
    }

    let mut seen: HashMap<(DeptIdx, Endpoint, Option<String>), Loc> = HashMap::new();
    let mut handoffs = Vec::with_capacity(raw_handoffs.len());
    let mut suggest = Suggester {
        ids: &ids,
        sorted: None,
        budget: SUGGESTION_BUDGET,
    };
    for h in raw_handoffs {
        let from = h
            .from
            .as_ref()
            .and_then(|f| resolve(&mut suggest, f, "from", diags));
        let to =
            h.to.as_ref()
                .and_then(|t| resolve(&mut suggest, t, "to", diags));
        let (Some((from, from_at)), Some((to, _))) = (from, to) else {
            continue;
        };
        let Endpoint::Department(from) = from else {
            diags.push(
                Diagnostic::error(
                    "handoff-from-customer",
                    format!("a handoff from the customer {:?}", from_at.value),
                )
                .at(from_at.loc, "this is a customer")
                .help(
                    "customers are where chains end and serve no one; name a department in `from`",
                ),
            );
            continue;
        };
        if to == Endpoint::Department(from) {
            diags.push(
                Diagnostic::error("self-handoff", format!("the department {:?} serves itself", from_at.value))
                    .at(h.to.as_ref().map_or(h.loc, |t| t.loc), "same as the supplier")
                    .help("a handoff goes to another department or to a customer; rework inside a department is not a handoff"),
            );
            continue;
        }
        match seen.entry((from, to, h.what.clone())) {
            Entry::Occupied(first) => {
                let what = h
                    .what
                    .as_deref()
                    .map_or(String::new(), |w| format!(" of {w:?}"));
                diags.push(
                    Diagnostic::error(
                        "duplicate-handoff",
                        format!("the handoff{what} from {:?} to {:?} is given twice", from_at.value, h.to.as_ref().map_or("", |t| t.value.as_str())),
                    )
                    .at(h.loc, "given again here")
                    .also(*first.get(), "first given here")
                    .help("remove one of them, or give them different `what:` if they hand over different things"),
                );
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(h.loc);
            }
        }
        handoffs.push(Handoff {
            from,
            to,
            what: h.what,
            quality: h.quality,
            lead_time: h.lead_time,
            meta: h.meta,
            loc: h.loc,
        });
    }
    Org::from_parts(organization, customers, departments, handoffs, policies)
}

/// Records an id; reports a duplicate, naming both places.
fn claim(
    ids: &mut Ids,
    id: &At<String>,
    idx: Endpoint,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match ids.entry(id.value.clone()) {
        Entry::Occupied(first) => {
            let (kind, loc) = *first.get();
            let first_kind = match kind {
                Endpoint::Customer(_) => "a customer",
                Endpoint::Department(_) => "a department",
            };
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("the id {:?} is defined twice", id.value),
                )
                .at(id.loc, format!("{what} defined again here"))
                .also(loc, format!("first defined here, as {first_kind}"))
                .help("departments and customers share one set of ids; rename one of them"),
            );
            false
        }
        Entry::Vacant(slot) => {
            slot.insert((idx, id.loc));
            true
        }
    }
}

type Ids = HashMap<String, (Endpoint, Loc)>;

/// Suggests known ids for unknown ones, within a work budget.
struct Suggester<'a> {
    ids: &'a Ids,
    /// Every id, sorted once on first need, so suggestions are deterministic.
    sorted: Option<Vec<&'a str>>,
    budget: usize,
}

impl Suggester<'_> {
    fn suggest(&mut self, wanted: &str) -> Option<String> {
        if self.budget < self.ids.len() {
            return None;
        }
        self.budget -= self.ids.len();
        let ids = self.ids;
        let sorted = self.sorted.get_or_insert_with(|| {
            let mut v: Vec<&str> = ids.keys().map(String::as_str).collect();
            v.sort_unstable();
            v
        });
        did_you_mean(wanted, sorted.iter().copied())
    }
}

/// Resolves `from`/`to`; reports an id that names nothing, with a suggestion.
fn resolve<'a>(
    s: &mut Suggester<'_>,
    at: &'a At<String>,
    field: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Endpoint, &'a At<String>)> {
    if let Some((e, _)) = s.ids.get(&at.value) {
        return Some((*e, at));
    }
    let role = if field == "from" {
        "supplier"
    } else {
        "receiver"
    };
    diags.push(
        Diagnostic::error(
            "unknown-id",
            format!(
                "the {role} {:?} is not a department or customer of this org",
                at.value
            ),
        )
        .at(at.loc, "no such id")
        .help(s.suggest(&at.value).unwrap_or_else(|| {
            "declare it under `departments:` or `customers:`, or fix the id".to_owned()
        })),
    );
    None
}

/// The one value files give for an org-wide setting; reports files that disagree.
fn agree<T: PartialEq + std::fmt::Debug>(
    fragments: &[Fragment],
    get: impl Fn(&Fragment) -> Option<At<T>>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let mut first: Option<At<T>> = None;
    for f in fragments {
        let Some(value) = get(f) else { continue };
        match &first {
            None => first = Some(value),
            Some(kept) if kept.value != value.value => diags.push(
                Diagnostic::error(
                    "conflicting-files",
                    format!(
                        "the files disagree on `{key}`: {:?} here, {:?} before",
                        value.value, kept.value
                    ),
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
