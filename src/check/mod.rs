//! `servchain check`: the policy applied to an analyzed org. Each rule is
//! registered once in [`rules`]; [`run`] turns every rule that is on into
//! located findings, one [`Diagnostic`] each, with the ids it is about so
//! that baselines can match it.

pub mod baseline;
mod evidence;
pub mod policy;
mod promises;
pub mod rules;

pub use policy::{Policy, Setting};
pub use rules::{Level, RULES, Rule, Threshold};

use crate::analysis::{Analysis, CutOffReason};
use crate::clip;
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::ChainGraph;
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Org};
use crate::report::format::{duration, percent};
use crate::source::{FileId, Loc};
use std::borrow::Cow;

/// The findings of every rule that is on, sorted by place.
pub fn run(org: &Org, g: &ChainGraph, a: &Analysis, policy: &Policy) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rule, setting) in policy.enabled() {
        let mut cx = Cx { org, g, a, rule, setting, out: &mut out };
        (rule.check)(&mut cx);
    }
    out.sort_by(|x, y| {
        let key = |d: &Diagnostic| d.loc().map(|l| (l.file, l.offset));
        key(x).cmp(&key(y)).then_with(|| x.code.as_str().cmp(y.code.as_str())).then_with(|| x.subjects.cmp(&y.subjects))
    });
    out
}

/// Whether a finding of this severity fails a run with `--fail-on` at `threshold`.
pub fn fails(severity: Severity, threshold: Option<Severity>) -> bool {
    threshold.is_some_and(|t| severity >= t && severity != Severity::Info)
}

struct Cx<'a> {
    org: &'a Org,
    g: &'a ChainGraph,
    a: &'a Analysis,
    rule: &'static Rule,
    setting: &'a Setting,
    out: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn severity(&self) -> Severity {
        match self.setting.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info | Level::Off => Severity::Info,
        }
    }

    fn excepted(&self, id: &str) -> bool {
        self.setting.except.contains(id)
    }

    fn push(&mut self, message: String, loc: Loc, note: &str, subjects: Vec<String>) {
        let d = Diagnostic::error(self.rule.code, message)
            .with_severity(self.severity())
            .at(loc, note)
            .help(self.rule.code.help())
            .about(subjects);
        self.out.push(d);
    }

    fn departments(&self) -> impl Iterator<Item = DeptIdx> + use<> {
        (0..self.org.departments.len() as u32).map(DeptIdx)
    }

    /// A department's finding, unless it is excepted.
    fn about_department(&mut self, d: DeptIdx, message: String, note: &str) {
        let dept = self.org.department(d);
        if !self.excepted(&dept.id) {
            self.push(message, dept.loc, note, vec![dept.id.to_string()]);
        }
    }

    /// A handoff's finding, unless its supplier or receiver is excepted.
    fn about_handoff(&mut self, h: HandoffIdx, message: String, note: &str) {
        let ho = self.org.handoff(h);
        let (from, to) = (self.org.department(ho.from).id.to_string(), self.org.id_of(ho.to).to_string());
        if self.excepted(&from) || self.excepted(&to) {
            return;
        }
        let mut subjects = vec![from, to];
        // A fingerprint names the handoff; a 64 MB `what` need not be whole.
        subjects.extend(ho.what.as_deref().map(|w| clip::sized(w, clip::QUOTE).into_owned()));
        self.push(message, ho.loc, note, subjects);
    }

    /// A department's name as a finding quotes it.
    fn name(&self, d: DeptIdx) -> Cow<'_, str> {
        clip::clip(&self.org.department(d).name, clip::QUOTE)
    }

    fn handoff_name(&self, h: HandoffIdx) -> String {
        let ho = self.org.handoff(h);
        let what = ho.what.as_deref().map_or(String::new(), |w| format!(" ({})", clip::clip(w, clip::QUOTE)));
        let to = match ho.to {
            Endpoint::Department(d) => self.name(d),
            Endpoint::Customer(c) => clip::clip(&self.org.customer(c).name, clip::QUOTE),
        };
        format!("{} -> {to}{what}", self.name(ho.from))
    }

    fn cut_off(&mut self) {
        for d in self.departments() {
            let Some(reason) = self.a.reach.cut_off_reason(self.g, d) else { continue };
            let why = match reason {
                CutOffReason::NoHandoffs => "it serves no one".to_owned(),
                CutOffReason::DeadEnd => {
                    let ends: Vec<Cow<'_, str>> =
                        self.a.reach.ends_at(self.g, d).into_iter().map(|e| self.name(e)).collect();
                    let verb = if ends.len() == 1 { "reaches" } else { "reach" };
                    format!("its handoffs end at {}, which {verb} no customer either", ends.join(", "))
                }
            };
            self.about_department(
                d,
                format!("{} is cut off from the customer: {why}", self.name(d)),
                "no chain to a customer",
            );
        }
    }

    fn cycles(&mut self) {
        for cycle in &self.a.cycles {
            if cycle.iter().any(|&d| self.excepted(&self.org.department(d).id)) {
                continue;
            }
            let names: Vec<Cow<'_, str>> = cycle.iter().map(|&d| self.name(d)).collect();
            let first = self.org.department(cycle[0]);
            let subjects = cycle.iter().map(|&d| self.org.department(d).id.to_string()).collect();
            let message = format!("{} hand work back and forth in a loop", names.join(", "));
            self.push(message, first.loc, "in a rework loop", subjects);
        }
    }

    fn weak_handoffs(&mut self) {
        let Some(Threshold::Quality(t)) = self.setting.threshold else { return };
        for &h in &self.a.weakest_links {
            let Some(q) = self.org.handoff(h).quality else { continue };
            if q < t {
                let message =
                    format!("the handoff {} has quality {}, below {}", self.handoff_name(h), percent(q), percent(t));
                self.about_handoff(h, message, "weak handoff");
            }
        }
    }

    /// Rated handoffs between departments of two different units, below
    /// the threshold, in file order.
    fn cross_unit(&mut self) {
        let Some(Threshold::Quality(t)) = self.setting.threshold else { return };
        for h in (0..self.org.handoffs.len() as u32).map(HandoffIdx) {
            let ho = self.org.handoff(h);
            let Endpoint::Department(to) = ho.to else { continue };
            let (Some(a), Some(b)) = (self.org.department(ho.from).unit, self.org.department(to).unit) else {
                continue;
            };
            let Some(q) = ho.quality.filter(|&q| a != b && q < t) else { continue };
            let unit = |u| clip::clip(&self.org.units.get(u).name, clip::QUOTE).into_owned();
            let message = format!(
                "the handoff {} crosses from the unit {} to {} at quality {}, below {}",
                self.handoff_name(h),
                unit(a),
                unit(b),
                percent(q),
                percent(t)
            );
            self.about_handoff(h, message, "weak handoff between units");
        }
    }

    fn weak_chains(&mut self) {
        let Some(Threshold::Quality(t)) = self.setting.threshold else { return };
        for d in self.departments() {
            if let Some(s) = self.a.strength(d)
                && s < t
            {
                let message = format!(
                    "the strongest chain of {} is only {} strong, below {}",
                    self.name(d),
                    percent(s),
                    percent(t)
                );
                self.about_department(d, message, "weak chain");
            }
        }
    }

    fn single_points(&mut self) {
        let total = self.org.departments.len() as f64;
        let at_least = |impact: u32| match self.setting.threshold {
            // share * total may land a hair above a whole number (0.07 * 100).
            Some(Threshold::Share(share)) => impact >= 1 && impact as f64 >= share * total - 1e-9,
            Some(Threshold::Count(n)) => impact >= 1 && u64::from(impact) >= n,
            _ => false,
        };
        let shown = self.setting.threshold.map(|t| t.show()).unwrap_or_default();
        let a = self.a;
        for &d in a.single_points_of_failure() {
            let impact = self.a.dominators.department_impact(d);
            if at_least(impact) {
                let message =
                    format!("{} the customer only through {} (the threshold is {shown})", reach(impact), self.name(d));
                self.about_department(d, message, "single point of failure");
            }
        }
        for &h in a.critical_handoffs() {
            let impact = self.a.dominators.handoff_impact(h);
            if at_least(impact) {
                let message =
                    format!("{} the customer only through the handoff {}", reach(impact), self.handoff_name(h));
                self.about_handoff(h, message, "critical handoff");
            }
        }
    }

    fn max_hops(&mut self) {
        let Some(Threshold::Hops(t)) = self.setting.threshold else { return };
        for d in self.departments() {
            if let Some(h) = self.a.reach.hops(d.0 as usize)
                && u64::from(h) > t
            {
                let message = format!("{} is {h} handoffs from the customer, more than {t}", self.name(d))
                    .replace(" 1 handoffs", " 1 handoff");
                self.about_department(d, message, "long chain");
            }
        }
    }

    fn max_lead_time(&mut self) {
        let Some(Threshold::Duration(t)) = self.setting.threshold else { return };
        for d in self.departments() {
            if let Some(l) = self.a.lead_time(d)
                && l > t
            {
                let message = format!(
                    "the work of {} takes {} to reach the customer, more than {}",
                    self.name(d),
                    duration(l),
                    duration(t)
                );
                self.about_department(d, message, "slow chain");
            }
        }
    }

    fn unrated(&mut self) {
        for h in (0..self.org.handoffs.len() as u32).map(HandoffIdx) {
            if self.org.handoff(h).quality.is_none() {
                let message = format!("the handoff {} has no quality rating", self.handoff_name(h));
                self.about_handoff(h, message, "unrated");
            }
        }
    }

    fn no_lead(&mut self) {
        for d in self.departments() {
            if self.org.department(d).lead.is_none() {
                let message = format!("{} names no lead", self.name(d));
                self.about_department(d, message, "no `lead:`");
            }
        }
    }

    fn unserved(&mut self) {
        for (i, c) in self.org.customers.iter().enumerate() {
            let node = self.g.node(Endpoint::Customer(crate::model::CustomerIdx(i as u32)));
            if self.g.incoming(node).is_empty() && !self.excepted(&c.id) {
                let loc = c.loc.unwrap_or(Loc::file_start(FileId::default()));
                let message = format!("no department serves the customer {}", clip::clip(&c.name, clip::QUOTE));
                self.push(message, loc, "served by no one", vec![c.id.to_string()]);
            }
        }
    }
}

/// "1 department reaches", "3 departments reach".
fn reach(n: u32) -> String {
    if n == 1 { "1 department reaches".to_owned() } else { format!("{n} departments reach") }
}
