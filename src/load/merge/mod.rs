//! Joins the fragments of every file into one org and checks what only the
//! whole org can tell: duplicate ids, handoffs to ids that do not exist,
//! handoffs from customers or to oneself, duplicate handoffs, agreement on
//! `organization` and `version`, and that there is a department at all.

mod handoffs;
mod registry;

use super::file::Fragment;
use super::place::Texts;
use super::records::{HandoffDraft, Located, join};
use super::units;
use crate::clip::quote;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Customer, CustomerIdx, Endpoint, IMPLICIT_CUSTOMER, Id, Org, PolicySource};
use crate::source::{FileId, Loc};
use handoffs::handoffs;
use registry::{Registry, departments, duplicate_id};

/// `texts` are the files' by [`FileId`]: the handoffs' ids are read there.
pub fn merge(
    fragments: Vec<Fragment>,
    first_file: Option<FileId>,
    texts: Texts<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Org {
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
            let id = Located { value: Id::new(&id.value), loc: id.loc };
            let idx = Endpoint::Customer(CustomerIdx(reg.customers.len() as u32));
            match reg.claim(&id, idx, diags) {
                Ok(claimed) => reg.customers.push(Customer {
                    name: c.name.unwrap_or_else(|| id.value.to_string()),
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
        join(&mut reg.departments, departments);
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
        join(&mut drafts, handoffs);
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
    let handoffs = handoffs(drafts, &reg, complete, texts, diags);
    let unit_refs = std::mem::take(&mut reg.unit_refs);
    let org_units =
        units::resolve(std::mem::take(&mut reg.units), unit_refs, &mut reg.departments, &reg.ids, complete, diags);
    // The org indexes its ids anew, in less room: the registry's map goes first.
    drop(reg.ids);
    let mut org = Org::from_parts(organization, reg.customers, reg.departments, handoffs, policies);
    org.units = org_units;
    org
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
