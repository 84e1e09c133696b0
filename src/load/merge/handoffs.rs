//! Every handoff's ends resolved against the registry of ids: unknown ids
//! (with a suggestion), handoffs from customers or to the supplier itself,
//! and handoffs given twice are reported and dropped.

use super::registry::Registry;
use crate::clip::quote;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::place::Texts;
use crate::load::records::HandoffDraft;
use crate::model::{DeptIdx, Endpoint, Handoff};
use crate::source::Loc;
use crate::suggest::{Budget, did_you_mean_id};
use crate::threads;
use std::convert::Infallible;

/// Resolves every handoff's ends and reports the handoffs that cannot be:
/// unknown ids, handoffs from customers or to the supplier itself, and
/// handoffs given twice. `texts` are the files', where the drafts' ids are.
pub(super) fn handoffs(
    drafts: Vec<HandoffDraft>,
    reg: &Registry,
    complete: bool,
    texts: Texts<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Handoff> {
    let mut suggest = Suggester { reg, sorted: None, budget: Budget::default(), complete };
    let mut ends = all_ends(&drafts, reg, texts);
    for (h, _) in drafts.iter().zip(&ends).filter(|(_, ends)| ends.is_none()) {
        report_unresolved(h, &mut suggest, texts, diags);
    }
    drop_repeats(&drafts, &mut ends, reg, texts, diags);
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
                loc: h.loc,
                details: h.details,
            })
        })
        .collect();
    handoffs.shrink_to_fit();
    handoffs
}

/// Reports each handoff given again (same supplier, receiver and `what`)
/// at its place, with the first one's, and drops it. The handoffs are put
/// in groups by supplier (a counting sort, file order kept in each), and
/// only each supplier's few are sorted, by receiver and then `what`: 4
/// bytes a handoff and 8 a department, where sorting all of them by their
/// ends took 16 a handoff, at the merge's peak, and one comparing keys that
/// read the drafts (128 bytes each, in no order) missed the caches nearly
/// every time.
fn drop_repeats(
    drafts: &[HandoffDraft],
    ends: &mut [Option<(DeptIdx, Endpoint)>],
    reg: &Registry,
    texts: Texts<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let what = |i: u32| drafts[i as usize].what.as_deref();
    // `start[d]..start[d + 1]`: where supplier `d`'s handoffs go in `order`.
    let mut start = vec![0u32; reg.departments.len() + 1];
    for (from, _) in ends.iter().flatten() {
        start[from.0 as usize + 1] += 1;
    }
    for d in 1..start.len() {
        start[d] += start[d - 1];
    }
    let mut order = vec![0u32; start[start.len() - 1] as usize];
    let mut next = start.clone();
    for (i, d) in ends.iter().enumerate().filter_map(|(i, e)| Some((i as u32, e.as_ref()?.0.0 as usize))) {
        order[next[d] as usize] = i;
        next[d] += 1;
    }
    drop(next);
    let to = |i: u32| ends[i as usize].map(|(_, to)| to);
    let mut repeats = Vec::new();
    for d in 0..start.len() - 1 {
        let group = &mut order[start[d] as usize..start[d + 1] as usize];
        if group.len() < 2 {
            continue;
        }
        // Stable: equal handoffs keep file order, so the first is the one given first.
        group.sort_by(|&a, &b| to(a).cmp(&to(b)).then_with(|| what(a).cmp(&what(b))));
        for same in group.chunk_by(|&a, &b| to(a) == to(b) && what(a) == what(b)) {
            let first = &drafts[same[0] as usize];
            for &again in &same[1..] {
                let h = &drafts[again as usize];
                let supplier = ends[again as usize].and_then(|(from, _)| reg.departments.get(from.0 as usize));
                let from_name = supplier.map_or("", |d| d.id.as_str());
                let to_name = h.to.as_ref().map_or("", |t| t.value(&texts));
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
    }
    for again in repeats {
        ends[again as usize] = None;
    }
}

/// Drafts per block looked up on one thread.
const BLOCK: usize = 1 << 14;

/// The supplier and receiver of a draft: `None` when it cannot be a
/// handoff (an unknown id, from a customer, or to itself), which
/// [`report_unresolved`] then says why.
fn ends(h: &HandoffDraft, reg: &Registry, texts: Texts<'_>) -> Option<(DeptIdx, Endpoint)> {
    // A `serves` entry's supplier is its department, placed by index.
    let from = match h.parent {
        Some(p) => ((p as usize) < reg.departments.len()).then_some(DeptIdx(p))?,
        None => match reg.ids.get(h.from.as_ref()?.value(&texts))? {
            Endpoint::Department(d) => *d,
            Endpoint::Customer(_) => return None,
        },
    };
    let to = *reg.ids.get(h.to.as_ref()?.value(&texts))?;
    (to != Endpoint::Department(from)).then_some((from, to))
}

/// [`ends`] of every draft, looked up on every core for a big org.
fn all_ends(drafts: &[HandoffDraft], reg: &Registry, texts: Texts<'_>) -> Vec<Option<(DeptIdx, Endpoint)>> {
    let ends = |h| ends(h, reg, texts);
    if drafts.len() < 4 * BLOCK || threads::available() < 2 {
        return drafts.iter().map(ends).collect();
    }
    let mut found = Vec::with_capacity(drafts.len());
    let block =
        |b: usize| -> Vec<_> { drafts[b * BLOCK..drafts.len().min((b + 1) * BLOCK)].iter().map(ends).collect() };
    let Ok(()) = threads::in_order(drafts.len().div_ceil(BLOCK), &block, |ends| {
        found.extend(ends);
        Ok::<(), Infallible>(())
    });
    found
}

/// Reports why a draft that [`ends`] refused cannot be a handoff: unknown
/// ids (with a suggestion), from a customer, or to itself.
fn report_unresolved(h: &HandoffDraft, suggest: &mut Suggester<'_>, texts: Texts<'_>, diags: &mut Vec<Diagnostic>) {
    let from = match h.parent {
        Some(p) => {
            suggest.reg.departments.get(p as usize).map(|d| (Endpoint::Department(DeptIdx(p)), d.id.as_str(), None))
        }
        None => h.from.as_ref().and_then(|f| {
            let name = f.value(&texts);
            suggest.resolve(name, f.loc(), "supplier", diags).map(|e| (e, name, Some(f.loc())))
        }),
    };
    let to = h.to.as_ref().and_then(|t| Some((suggest.resolve(t.value(&texts), t.loc(), "receiver", diags)?, t.loc())));
    let (Some((from, from_name, from_loc)), Some((to, to_loc))) = (from, to) else { return };
    let Endpoint::Department(from) = from else {
        let mut d =
            Diagnostic::error(Code::HandoffFromCustomer, format!("a handoff from the customer {}", quote(from_name)));
        if let Some(loc) = from_loc {
            d = d.at(loc, "this is a customer");
        }
        diags.push(d.help("customers are where chains end and serve no one; name a department in `from`"));
        return;
    };
    if to == Endpoint::Department(from) {
        diags.push(
            Diagnostic::error(Code::SelfHandoff, format!("the department {} serves itself", quote(from_name)))
                .at(to_loc, "same as the supplier")
                .help("a handoff goes to another department or to a customer; rework inside a department is not a handoff"),
        );
    }
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
    /// What `id`, written at `loc`, names; reports an id that names nothing.
    fn resolve(&mut self, id: &str, loc: Loc, role: &str, diags: &mut Vec<Diagnostic>) -> Option<Endpoint> {
        if let Some(e) = self.reg.ids.get(id) {
            return Some(*e);
        }
        if self.complete {
            let help = self
                .suggest(id)
                .unwrap_or_else(|| "declare it under `departments:` or `customers:`, or fix the id".to_owned());
            diags.push(
                Diagnostic::error(
                    Code::UnknownId,
                    format!("the {role} {} is not a department or customer of this org", quote(id)),
                )
                .at(loc, "no such id")
                .help(help),
            );
        }
        None
    }

    fn suggest(&mut self, wanted: &str) -> Option<String> {
        let reg = self.reg;
        let sorted = self.sorted.get_or_insert_with(|| {
            let customers = reg.customers.iter().map(|c| (c.id.as_str(), c.name.as_str()));
            let departments = reg.departments.iter().map(|d| (d.id.as_str(), &*d.name));
            let mut v: Vec<(&str, &str)> = customers.chain(departments).collect();
            v.sort_unstable();
            v
        });
        did_you_mean_id(wanted, sorted.iter().copied(), &mut self.budget)
    }
}
