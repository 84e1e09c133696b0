//! Resolves the units of every file once all are merged: each unit's
//! `parent:` and each department's `unit:` must name a unit, and no unit may
//! be its own ancestor. Ids are claimed in `merge` (one namespace with
//! departments and customers); here only references are checked, so a unit
//! may name a parent, and a department a unit, defined in another file.

use super::records::{Located, UnitDraft};
use crate::clip::quote;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Department, Id, Ids, Unit, UnitIdx, Units};
use crate::source::Loc;
use crate::suggest::{Budget, did_you_mean_id};
use std::collections::HashMap;

/// A unit whose id was claimed, its parent not yet resolved.
#[derive(Debug)]
struct Claimed {
    id: Id,
    loc: Loc,
    name: Option<String>,
    parent: Option<Located<String>>,
    lead: Option<String>,
}

/// Every unit whose id was claimed, in reading order, by id.
#[derive(Debug, Default)]
pub struct Claims {
    ids: HashMap<Id, UnitIdx>,
    list: Vec<Claimed>,
}

impl Claims {
    /// Where the unit `id` is defined, if one is.
    pub fn loc(&self, id: &str) -> Option<Loc> {
        self.ids.get(id).and_then(|u| self.list.get(u.0 as usize)).map(|u| u.loc)
    }

    /// Claims each draft's id; reports one that a unit has, or that
    /// `taken` says a department or customer has (where, and as what).
    pub fn claim(
        &mut self,
        drafts: Vec<UnitDraft>,
        taken: impl Fn(&str) -> Option<(Option<Loc>, &'static str)>,
        diags: &mut Vec<Diagnostic>,
    ) {
        for u in drafts {
            let Some(id) = u.id else { continue };
            let first = taken(&id.value).or_else(|| self.loc(&id.value).map(|l| (Some(l), "a unit")));
            let Some((first_loc, kind)) = first else {
                let claimed = Id::new(&id.value);
                self.ids.insert(claimed.clone(), UnitIdx(self.list.len() as u32));
                self.list.push(Claimed { id: claimed, loc: id.loc, name: u.name, parent: u.parent, lead: u.lead });
                continue;
            };
            let d = Diagnostic::error(Code::DuplicateId, format!("the id {} is defined twice", quote(&id.value)))
                .at(id.loc, "unit defined again here");
            diags.push(match first_loc {
                Some(loc) => d
                    .also(loc, format!("first defined here, as {kind}"))
                    .help("units, departments and customers share one set of ids; rename one of them"),
                None => d.help(format!(
                    "an org without `customers:` gets one customer with the id {:?}; rename this unit",
                    crate::model::IMPLICIT_CUSTOMER
                )),
            });
        }
    }
}

/// The units, checked; sets each department's `unit` from `refs` (the
/// `unit:` each department wrote, by index). With `complete` false a file
/// broke off, so an unknown name may be defined in what was not read and
/// is not reported.
pub fn resolve(
    claims: Claims,
    refs: Vec<Option<Box<Located<String>>>>,
    departments: &mut [Department],
    ids: &Ids,
    complete: bool,
    diags: &mut Vec<Diagnostic>,
) -> Units {
    let Claims { ids: unit_ids, list: claimed } = claims;
    let unit_ids = &unit_ids;
    let mut sorted: Vec<(&str, &str)> =
        claimed.iter().map(|u| (u.id.as_str(), u.name.as_deref().unwrap_or(u.id.as_str()))).collect();
    sorted.sort_unstable();
    let mut budget = Budget::default();
    let mut find = |at: &Located<String>, role: &str, diags: &mut Vec<Diagnostic>| {
        if let Some(&u) = unit_ids.get(at.value.as_str()) {
            return Some(u);
        }
        if complete {
            let help = if ids.contains_key(at.value.as_str()) {
                format!("{} is a department or customer; name a unit from `units:`", quote(&at.value))
            } else {
                did_you_mean_id(&at.value, sorted.iter().copied(), &mut budget)
                    .unwrap_or_else(|| "declare it under `units:`, or fix the id".to_owned())
            };
            diags.push(
                Diagnostic::error(
                    Code::UnknownUnit,
                    format!("the {role} {} is not a unit of this org", quote(&at.value)),
                )
                .at(at.loc, "no such unit")
                .help(help),
            );
        }
        None
    };
    let parents: Vec<Option<UnitIdx>> =
        claimed.iter().map(|u| u.parent.as_ref().and_then(|p| find(p, "parent", diags))).collect();
    for (d, r) in departments.iter_mut().zip(refs) {
        d.unit = r.as_ref().and_then(|r| find(r, "unit", diags));
    }
    let parents = break_cycles(&claimed, parents, diags);
    let list = claimed
        .into_iter()
        .zip(parents)
        .map(|(u, parent)| Unit {
            name: u.name.unwrap_or_else(|| u.id.to_string()),
            id: u.id,
            parent,
            lead: u.lead,
            loc: u.loc,
        })
        .collect();
    Units::new(list)
}

/// Reports each circle of parents once, at the `parent:` of its unit with
/// the smallest id, naming the circle; returns the parents with every
/// circle cut there, so the model stays a forest even while errors stand.
fn break_cycles(
    claimed: &[Claimed],
    mut parents: Vec<Option<UnitIdx>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<UnitIdx>> {
    // 0: not seen, 1: on the current walk, 2: done. Each unit has one
    // parent, so a walk is a path and a circle is where it meets itself.
    let mut state = vec![0u8; parents.len()];
    for start in 0..parents.len() {
        let mut path: Vec<usize> = Vec::new();
        let mut v = Some(start);
        while let Some(at) = v {
            match state[at] {
                2 => break,
                1 => {
                    let Some(pos) = path.iter().position(|&p| p == at) else { break };
                    let circle = &path[pos..];
                    let Some(&first) = circle.iter().min_by_key(|&&u| claimed[u].id.as_str()) else { break };
                    let from = circle.iter().position(|&u| u == first).unwrap_or(0);
                    let named: Vec<&str> = circle[from..]
                        .iter()
                        .chain(&circle[..from])
                        .chain(std::iter::once(&first))
                        .map(|&u| claimed[u].id.as_str())
                        .collect();
                    let loc = claimed[first].parent.as_ref().map_or(claimed[first].loc, |p| p.loc);
                    diags.push(
                        Diagnostic::error(
                            Code::UnitCycle,
                            format!(
                                "the unit {} is its own ancestor: {}",
                                quote(&claimed[first].id),
                                named.join(" → ")
                            ),
                        )
                        .at(loc, "this parent leads back here")
                        .help("units nest like a tree: remove or change one `parent:` in the circle"),
                    );
                    parents[first] = None;
                    break;
                }
                _ => {
                    state[at] = 1;
                    path.push(at);
                    v = parents[at].map(|p| p.0 as usize);
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    parents
}
