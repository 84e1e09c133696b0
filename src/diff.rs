//! What changed between two versions of an org (or an org and a what-if
//! scenario of it): departments added, removed, newly cut off or
//! reconnected, strength and rolled quality up or down, single points of
//! failure and critical handoffs new, gone or changed in impact, rework
//! loops new or gone, policy findings new or fixed. Everything is matched by
//! id, so the two sides may come from different files.

use crate::analysis::Analysis;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{DeptIdx, Org};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One side of a comparison, analyzed and checked.
#[derive(Debug)]
pub struct Side<'a> {
    pub org: &'a Org,
    pub analysis: &'a Analysis,
    pub findings: &'a [Diagnostic],
}

/// A figure that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    pub id: String,
    pub old: T,
    pub new: T,
}

/// A finding present on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingChange {
    pub fingerprint: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub newly_cut_off: Vec<String>,
    pub reconnected: Vec<String>,
    pub strength_down: Vec<Change<f64>>,
    pub strength_up: Vec<Change<f64>>,
    pub rolled_quality_down: Vec<Change<f64>>,
    pub rolled_quality_up: Vec<Change<f64>>,
    pub spof_new: Vec<Change<u32>>,
    pub spof_gone: Vec<Change<u32>>,
    pub spof_changed: Vec<Change<u32>>,
    /// Critical handoffs, named `from -> to (what)`.
    pub critical_new: Vec<Change<u32>>,
    pub critical_gone: Vec<Change<u32>>,
    pub critical_changed: Vec<Change<u32>>,
    pub cycles_new: Vec<Vec<String>>,
    pub cycles_gone: Vec<Vec<String>>,
    pub findings_new: Vec<FindingChange>,
    pub findings_fixed: Vec<FindingChange>,
    /// How many of the changes are for the worse (see [`Diff::regressions`]).
    #[serde(skip)]
    worse: usize,
}

impl Diff {
    pub fn between(old: &Side<'_>, new: &Side<'_>) -> Diff {
        let (o, n) = (departments(old), departments(new));
        let mut d = Diff {
            added: n.keys().filter(|id| !o.contains_key(*id)).cloned().collect(),
            removed: o.keys().filter(|id| !n.contains_key(*id)).cloned().collect(),
            ..Diff::default()
        };
        for (id, before) in &o {
            let Some(after) = n.get(id) else { continue };
            match (before.strength, after.strength) {
                (Some(_), None) => d.newly_cut_off.push(id.clone()),
                (None, Some(_)) => d.reconnected.push(id.clone()),
                (Some(b), Some(a)) => {
                    let change = || Change { id: id.clone(), old: b, new: a };
                    if a < b {
                        d.strength_down.push(change());
                    } else if a > b {
                        d.strength_up.push(change());
                    }
                    if let (Some(b), Some(a)) = (before.rolled, after.rolled) {
                        let change = Change { id: id.clone(), old: b, new: a };
                        if a < b {
                            d.rolled_quality_down.push(change);
                        } else if a > b {
                            d.rolled_quality_up.push(change);
                        }
                    }
                }
                (None, None) => {}
            }
        }
        // Departments that reached a customer before: a new dependency of
        // a department that was cut off or did not exist is no regression.
        let live_before: BTreeSet<&String> = o.iter().filter(|(_, f)| f.strength.is_some()).map(|(id, _)| id).collect();
        let comparable = |s: &Side<'_>, behind: &[DeptIdx]| -> u32 {
            behind.iter().filter(|&&x| live_before.contains(&s.org.department(x).id.to_string())).count() as u32
        };
        let spofs = |s: &Side<'_>| -> BTreeMap<String, (u32, u32)> {
            s.analysis
                .single_points_of_failure()
                .iter()
                .map(|&x| {
                    let behind = s.analysis.dominators.departments_behind(x);
                    (
                        s.org.department(x).id.to_string(),
                        (s.analysis.dominators.department_impact(x), comparable(s, behind)),
                    )
                })
                .collect()
        };
        let (so, sn) = (spofs(old), spofs(new));
        (d.spof_new, d.spof_gone, d.spof_changed) = changes(&so, &sn);
        d.worse += grown(&so, &sn);
        let critical = |s: &Side<'_>| -> BTreeMap<String, (u32, u32)> {
            s.analysis
                .critical_handoffs()
                .iter()
                .map(|&h| {
                    let (from, to, what) = crate::analysis::handoff_key(s.org, h);
                    let what = if what.is_empty() { String::new() } else { format!(" ({what})") };
                    let using = s.analysis.dominators.departments_using(h);
                    (format!("{from} -> {to}{what}"), (s.analysis.dominators.handoff_impact(h), comparable(s, using)))
                })
                .collect()
        };
        let (ho, hn) = (critical(old), critical(new));
        (d.critical_new, d.critical_gone, d.critical_changed) = changes(&ho, &hn);
        d.worse += grown(&ho, &hn);
        let cycles = |s: &Side<'_>| -> BTreeSet<Vec<String>> {
            s.analysis.cycles.iter().map(|c| c.iter().map(|&x| s.org.department(x).id.to_string()).collect()).collect()
        };
        let (co, cn) = (cycles(old), cycles(new));
        d.cycles_new = cn.difference(&co).cloned().collect();
        d.cycles_gone = co.difference(&cn).cloned().collect();
        let findings = |s: &Side<'_>| -> BTreeMap<String, FindingChange> {
            s.findings
                .iter()
                .map(|f| {
                    let change = FindingChange {
                        fingerprint: f.fingerprint(),
                        rule: f.code.as_str().to_owned(),
                        severity: f.severity,
                        message: f.message.clone(),
                    };
                    (change.fingerprint.clone(), change)
                })
                .collect()
        };
        let (fo, fnew) = (findings(old), findings(new));
        d.findings_new = fnew.iter().filter(|(k, _)| !fo.contains_key(*k)).map(|(_, v)| v.clone()).collect();
        d.findings_fixed = fo.iter().filter(|(k, _)| !fnew.contains_key(*k)).map(|(_, v)| v.clone()).collect();
        // A new finding about a department that was cut off or absent
        // before is news, not a regression.
        let customers =
            |s: &Side<'_>| -> BTreeSet<String> { s.org.customers.iter().map(|c| c.id.to_string()).collect() };
        let (co_ids, cn_ids) = (customers(old), customers(new));
        let fresh: BTreeSet<&String> = d.reconnected.iter().chain(&d.added).chain(cn_ids.difference(&co_ids)).collect();
        let counted: BTreeSet<&String> = d.newly_cut_off.iter().collect();
        let regressing = |f: &Diagnostic| {
            // A department newly cut off is counted once, not again as its finding.
            let already_counted = f.code == Code::CutOff && f.subjects.iter().any(|s| counted.contains(s));
            f.severity >= Severity::Warning
                && !fo.contains_key(&f.fingerprint())
                && !f.subjects.iter().any(|s| fresh.contains(s))
                && !already_counted
        };
        d.worse += new.findings.iter().filter(|f| regressing(f)).count();
        d.worse += d.newly_cut_off.len() + d.strength_down.len() + d.rolled_quality_down.len() + d.cycles_new.len();
        d
    }

    /// Everything that got worse, counted: departments newly cut off,
    /// strength or rolled quality down, single points of failure and
    /// critical handoffs that more departments (that reached a customer
    /// before) now depend on, new loops, new warnings and errors about
    /// departments that were there and connected before.
    pub fn regressions(&self) -> usize {
        self.worse
    }

    pub fn is_empty(&self) -> bool {
        *self == Diff::default()
    }
}

struct Figures {
    strength: Option<f64>,
    rolled: Option<f64>,
}

fn departments(s: &Side<'_>) -> BTreeMap<String, Figures> {
    (0..s.org.departments.len() as u32)
        .map(DeptIdx)
        .map(|d| {
            let figures = Figures { strength: s.analysis.strength(d), rolled: s.analysis.rolled_quality(d) };
            (s.org.department(d).id.to_string(), figures)
        })
        .collect()
}

type Changes = (Vec<Change<u32>>, Vec<Change<u32>>, Vec<Change<u32>>);

/// How many of the new side's impacts, counted over departments that
/// reached a customer before, exceed the old side's.
fn grown(old: &BTreeMap<String, (u32, u32)>, new: &BTreeMap<String, (u32, u32)>) -> usize {
    new.iter().filter(|(id, (_, comparable))| *comparable > old.get(*id).map_or(0, |o| o.0)).count()
}

/// (new, gone, changed) between two maps of (impact, comparable impact).
fn changes(old: &BTreeMap<String, (u32, u32)>, new: &BTreeMap<String, (u32, u32)>) -> Changes {
    let mut out: Changes = Default::default();
    for (id, &(n, _)) in new {
        match old.get(id).map(|o| o.0) {
            None => out.0.push(Change { id: id.clone(), old: 0, new: n }),
            Some(o) if o != n => out.2.push(Change { id: id.clone(), old: o, new: n }),
            Some(_) => {}
        }
    }
    for (id, &(o, _)) in old {
        if !new.contains_key(id) {
            out.1.push(Change { id: id.clone(), old: o, new: 0 });
        }
    }
    out
}
