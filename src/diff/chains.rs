//! The chain-level changes: single points of failure and critical handoffs
//! new, gone or changed in impact, rework loops new or gone, and check
//! findings new or fixed. Impacts are compared over the departments that
//! reached a customer on the other side, counted with one prefix sum over
//! each dominator tree, so a 10k-department chain costs no more than its
//! analysis.

use super::entities::{handoff_label, item};
use super::{Diff, Item, Kind, Matching, Options, Place, Value, Version};
use crate::analysis::{Dominators, handoff_key};
use crate::diagnostic::Code;
use crate::model::{DeptIdx, Endpoint, HandoffIdx};
use std::collections::{HashMap, HashSet};

pub(super) fn compare(m: &Matching<'_>, o: &Options, d: &mut Diff) {
    spofs(m, d);
    critical(m, d);
    cycles(m, d);
    findings(m, o, d);
}

/// Per position of a dominator tree's preorder, how many of the
/// departments before it count (reached a customer on the other side):
/// `prefix[r.end] - prefix[r.start]` counts a span.
fn prefix(dom: &Dominators, counts: impl Fn(DeptIdx) -> bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(dom.preorder().len() + 1);
    let mut n = 0u32;
    out.push(0);
    for &x in dom.preorder() {
        n += u32::from(counts(x));
        out.push(n);
    }
    out
}

fn span_count(prefix: &[u32], r: std::ops::Range<usize>) -> u32 {
    match (prefix.get(r.end), prefix.get(r.start)) {
        (Some(e), Some(s)) => e - s,
        _ => 0,
    }
}

/// Impacts of one subject, each side, and each side counted over the
/// departments that reached a customer on the other.
#[derive(Clone, Copy)]
struct Impacts {
    old: u32,
    new: u32,
    /// The new impact over departments that reached a customer before.
    new_comparable: u32,
    /// The old impact over departments that still reach a customer.
    old_comparable: u32,
}

/// Sorts one subject's impact change: more departments (that reached a
/// customer before) depending on it is a regression; fewer (that still
/// reach one) an improvement; gone because its dependants are gone or cut
/// off no longer applies; any other change is neither.
fn classify(i: Impacts, kinds: [Kind; 4]) -> Option<(Kind, u8)> {
    let [new_kind, up, gone, down] = kinds;
    if i.new_comparable > i.old {
        Some(if i.old == 0 { (new_kind, 0) } else { (up, 0) })
    } else if i.new < i.old_comparable {
        Some(if i.new == 0 { (gone, 1) } else { (down, 1) })
    } else if i.new < i.old {
        // Fewer depend on it only because the others are gone or cut off.
        Some(if i.new == 0 { (gone, 2) } else { (down, 2) })
    } else if i.new != i.old {
        Some((Kind::ImpactChanged, 3))
    } else {
        None
    }
}

/// "1 department", "3 departments".
fn departments(n: u32) -> String {
    if n == 1 { "1 department".to_owned() } else { format!("{n} departments") }
}

/// "1 department depends", "3 departments depend".
fn depend(n: u32) -> String {
    if n == 1 { "1 department depends".to_owned() } else { format!("{n} departments depend") }
}

fn file(d: &mut Diff, class: u8, it: Item) {
    match class {
        0 => d.regressions.push(it),
        1 => d.improvements.push(it),
        2 => d.no_longer_apply.push(it),
        _ => d.other.push(it),
    }
}

fn spofs(m: &Matching<'_>, d: &mut Diff) {
    let (od, nd) = (&m.old.analysis.dominators, &m.new.analysis.dominators);
    let new_counts = prefix(nd, |x| m.new_to_old[x.0 as usize].is_some_and(|b| m.old_live[b.0 as usize]));
    let old_counts = prefix(od, |x| m.old_to_new[x.0 as usize].is_some_and(|a| m.new_live[a.0 as usize]));
    let impacts = |old: Option<DeptIdx>, new: Option<DeptIdx>| Impacts {
        old: old.map_or(0, |b| od.department_impact(b)),
        new: new.map_or(0, |a| nd.department_impact(a)),
        new_comparable: new.map_or(0, |a| span_count(&new_counts, nd.behind_span(a))),
        old_comparable: old.map_or(0, |b| span_count(&old_counts, od.behind_span(b))),
    };
    let kinds = [Kind::NewSpof, Kind::SpofImpactUp, Kind::SpofGone, Kind::SpofImpactDown];
    let mut report = |old: Option<DeptIdx>, new: Option<DeptIdx>| {
        let i = impacts(old, new);
        let Some((kind, class)) = classify(i, kinds) else { return };
        let (v, x) = match (new, old) {
            (Some(a), _) => (Version::New, a),
            (None, Some(b)) => (Version::Old, b),
            (None, None) => return,
        };
        let name = m.name(v, x);
        let id = m.side(v).org.department(x).id.to_string();
        let message = match (kind, class) {
            (Kind::SpofGone, 2) if new.is_none() => {
                format!("{name} was a single point of failure for {}; it is gone", departments(i.old))
            }
            (Kind::SpofGone, 2) => format!(
                "{name} is no longer a single point of failure: the {} behind it are cut off or gone",
                departments(i.old)
            ),
            (_, 2) => format!(
                "{name}: {} on it as a single point of failure, {} before; the others are cut off or gone",
                depend(i.new),
                i.old
            ),
            _ => format!("{name}: {} on it as a single point of failure, {} before", depend(i.new), i.old),
        };
        let place = Some(Place { version: v, loc: m.side(v).org.department(x).loc });
        file(d, class, item(kind, vec![id], message, Value::Count(i.old), Value::Count(i.new), place));
    };
    for &a in m.new.analysis.single_points_of_failure() {
        report(m.new_to_old[a.0 as usize], Some(a));
    }
    for &b in m.old.analysis.single_points_of_failure() {
        let now = m.old_to_new[b.0 as usize];
        // Reported above when it is a single point of failure on both sides.
        if now.is_none_or(|a| nd.department_impact(a) == 0) {
            report(Some(b), now);
        }
    }
}

fn critical(m: &Matching<'_>, d: &mut Diff) {
    let (od, nd) = (&m.old.analysis.dominators, &m.new.analysis.dominators);
    let new_counts = prefix(nd, |x| m.new_to_old[x.0 as usize].is_some_and(|b| m.old_live[b.0 as usize]));
    let old_counts = prefix(od, |x| m.old_to_new[x.0 as usize].is_some_and(|a| m.new_live[a.0 as usize]));
    let old_critical = m.old.analysis.critical_handoffs();
    let by_key: HashMap<(&str, &str, &str), HandoffIdx> =
        old_critical.iter().map(|&h| (handoff_key(m.old.org, h), h)).collect();
    let new_by_key: HashMap<(&str, &str, &str), HandoffIdx> =
        m.new.analysis.critical_handoffs().iter().map(|&h| (handoff_key(m.new.org, h), h)).collect();
    // A handoff that is critical on one side only may exist uncritical on
    // the other: its impact there is 0 either way.
    let impacts = |old: Option<HandoffIdx>, new: Option<HandoffIdx>| Impacts {
        old: old.map_or(0, |b| od.handoff_impact(b)),
        new: new.map_or(0, |a| nd.handoff_impact(a)),
        new_comparable: new.map_or(0, |a| span_count(&new_counts, nd.using_span(a))),
        old_comparable: old.map_or(0, |b| span_count(&old_counts, od.using_span(b))),
    };
    let kinds = [Kind::NewCriticalHandoff, Kind::CriticalImpactUp, Kind::CriticalHandoffGone, Kind::CriticalImpactDown];
    let mut report = |old: Option<HandoffIdx>, new: Option<HandoffIdx>| {
        let i = impacts(old, new);
        let Some((kind, class)) = classify(i, kinds) else { return };
        let (v, h) = match (new, old) {
            (Some(a), _) => (Version::New, a),
            (None, Some(b)) => (Version::Old, b),
            (None, None) => return,
        };
        let org = m.side(v).org;
        let (f, t, w) = handoff_key(org, h);
        let ho = org.handoff(h);
        let label = handoff_label(&[m.name(v, ho.from), m.endpoint_name(v, ho.to)], w);
        let message = if class == 2 && i.new == 0 {
            format!("{label} was critical for {}; they are cut off or gone", departments(i.old))
        } else if class == 2 {
            format!("{label}: {} on it, {} before; the others are cut off or gone", depend(i.new), i.old)
        } else {
            format!("{label}: {} on it as a critical handoff, {} before", depend(i.new), i.old)
        };
        let mut it = item(
            kind,
            vec![f.to_owned(), t.to_owned(), w.to_owned()],
            message,
            Value::Count(i.old),
            Value::Count(i.new),
            Some(Place { version: v, loc: ho.loc }),
        );
        if v == Version::Old {
            it.new_place = match m.new.org.lookup(f) {
                Some(Endpoint::Department(x)) => Some(m.new.org.department(x).loc),
                _ => None,
            };
        }
        file(d, class, it);
    };
    for (key, &a) in &new_by_key {
        report(by_key.get(key).copied(), Some(a));
    }
    for (key, &b) in &by_key {
        if !new_by_key.contains_key(key) {
            report(Some(b), None);
        }
    }
}

fn cycles(m: &Matching<'_>, d: &mut Diff) {
    let index = |cycles: &[Vec<DeptIdx>], n: usize| {
        let mut of = vec![u32::MAX; n];
        for (k, c) in cycles.iter().enumerate() {
            for x in c {
                of[x.0 as usize] = k as u32;
            }
        }
        of
    };
    let (oc, nc) = (&m.old.analysis.cycles, &m.new.analysis.cycles);
    let (old_of, new_of) = (index(oc, m.old_live.len()), index(nc, m.new_live.len()));
    // Whether two of a loop's departments shared a loop on the other side:
    // then the loop is the same one, grown or shrunk, not new.
    let shared = |c: &[DeptIdx], map: &[Option<DeptIdx>], of: &[u32]| -> Option<u32> {
        let mut seen = HashSet::new();
        c.iter()
            .filter_map(|x| map[x.0 as usize])
            .map(|y| of[y.0 as usize])
            .filter(|&k| k != u32::MAX)
            .find(|&k| !seen.insert(k))
    };
    let names = |v: Version, c: &[DeptIdx]| c.iter().map(|&x| m.name(v, x)).collect::<Vec<_>>().join(" <-> ");
    let ids = |v: Version, c: &[DeptIdx]| c.iter().map(|&x| m.side(v).org.department(x).id.to_string()).collect();
    let at = |v: Version, c: &[DeptIdx]| c.first().map(|&x| Place { version: v, loc: m.side(v).org.department(x).loc });
    for c in nc {
        let Some(k) = shared(c, &m.new_to_old, &old_of) else {
            let message = format!("new rework loop: {}", names(Version::New, c));
            d.regressions.push(item(
                Kind::NewCycle,
                ids(Version::New, c),
                message,
                Value::None,
                Value::Count(c.len() as u32),
                at(Version::New, c),
            ));
            continue;
        };
        let before = &oc[k as usize];
        let same = before.len() == c.len()
            && c.iter().all(|x| m.new_to_old[x.0 as usize].is_some_and(|y| old_of[y.0 as usize] == k));
        if !same {
            let message = format!("rework loop now {}, was {}", names(Version::New, c), names(Version::Old, before));
            d.other.push(item(
                Kind::LoopChanged,
                ids(Version::New, c),
                message,
                Value::Count(before.len() as u32),
                Value::Count(c.len() as u32),
                at(Version::New, c),
            ));
        }
    }
    for c in oc {
        if shared(c, &m.old_to_new, &new_of).is_some() {
            continue;
        }
        let left = c.iter().filter(|x| m.old_to_new[x.0 as usize].is_some()).count();
        let message = format!("rework loop gone: {}", names(Version::Old, c));
        let it = item(
            Kind::CycleGone,
            ids(Version::Old, c),
            message,
            Value::Count(c.len() as u32),
            Value::None,
            at(Version::Old, c),
        );
        // A loop broken by removing its departments is no improvement.
        if left >= 2 { d.improvements.push(it) } else { d.no_longer_apply.push(it) }
    }
}

fn findings(m: &Matching<'_>, o: &Options, d: &mut Diff) {
    let old: HashSet<String> = m.old.findings.iter().map(|f| f.fingerprint()).collect();
    let new: HashSet<String> = m.new.findings.iter().map(|f| f.fingerprint()).collect();
    let cut_off: HashSet<&str> = d
        .regressions
        .iter()
        .filter(|i| i.kind == Kind::CutOff)
        .filter_map(|i| i.ids.first())
        .map(String::as_str)
        .collect();
    // Likewise a newly missed promise.
    let missed: Vec<Vec<String>> =
        d.regressions.iter().filter(|i| i.kind == Kind::PromiseMissed).map(|i| i.ids.clone()).collect();
    let mut regressions = Vec::new();
    for f in m.new.findings.iter().filter(|f| !old.contains(&f.fingerprint())) {
        let place = f.loc().map(|loc| Place { version: Version::New, loc });
        let message = format!("{} [{}]: {}", f.severity, f.code, f.message);
        let mut it =
            item(Kind::NewFinding, f.subjects.clone(), message, Value::None, Value::Severity(f.severity), place);
        it.rule = Some(f.code);
        // A department newly cut off is counted once, not again as its finding.
        let counted = f.code == Code::CutOff && f.subjects.iter().any(|s| cut_off.contains(s.as_str()))
            || f.code == Code::PromiseMissed && missed.contains(&f.subjects);
        if crate::check::fails(f.severity, o.fail_on) && !counted { regressions.push(it) } else { d.other.push(it) }
    }
    d.regressions.extend(regressions);
    // A subject that is gone, or cut off now: its finding no longer applies.
    let gone = |s: &str| match m.old.org.lookup(s) {
        Some(Endpoint::Department(x)) => m.old_to_new[x.0 as usize].is_none_or(|a| !m.new_live[a.0 as usize]),
        Some(Endpoint::Customer(_)) => !matches!(m.new.org.lookup(s), Some(Endpoint::Customer(_))),
        None => false,
    };
    for f in m.old.findings.iter().filter(|f| !new.contains(&f.fingerprint())) {
        let place = f.loc().map(|loc| Place { version: Version::Old, loc });
        let message = format!("{} [{}]: {}", f.severity, f.code, f.message);
        let mut it =
            item(Kind::FixedFinding, f.subjects.clone(), message, Value::Severity(f.severity), Value::None, place);
        it.rule = Some(f.code);
        let moot = f.subjects.iter().take(2).any(|s| gone(s)) && f.code != Code::CutOff
            || f.code == Code::CutOff
                && f.subjects.iter().any(|s| !matches!(m.new.org.lookup(s), Some(Endpoint::Department(_))));
        if moot {
            d.no_longer_apply.push(it);
        } else if crate::check::fails(f.severity, o.fail_on) {
            d.improvements.push(it);
        } else {
            d.other.push(it);
        }
    }
}
