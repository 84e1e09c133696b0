//! The report people read, as a format-free document: a title, headline
//! sentences and sections of tables and lists, with each cell's tone (weak,
//! fair, cut off) rather than its colour. The terminal table, Markdown and
//! HTML formats all render this one document, so they say the same things.
//! Every string in it is one line of display-safe text ([`crate::display`]),
//! and it is for people, so every name and `what` is cut to a cell's width
//! ([`crate::clip`]): the formats add their own escaping on top.

use super::format::{duration, percent};
use super::sections::{handoff_names, name, names, short_handoff, who};
use super::{Report, Summary, people};
use crate::analysis::CutOffReason;
use crate::display::{cell, one_line_owned};
use crate::model::DeptIdx;
use std::borrow::Cow;

pub use super::cells::{Cell, SHOWN, Tone};
pub use super::sections::{Body, Section};

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// Counts: "27 departments, 2 customers, 57 handoffs (0 unrated)".
    pub counts: String,
    /// The sentences a manager reads first.
    pub headline: Vec<String>,
    pub sections: Vec<Section>,
}

/// Builds the document, with at most `top` rows per section (`None`: all).
pub fn build(r: &Report<'_>, top: Option<usize>) -> Document {
    let s = r.summary();
    let top = top.unwrap_or(usize::MAX);
    let mut sections = Vec::new();

    let cut_off = r.cut_off();
    if !cut_off.is_empty() {
        let rows = cut_off
            .iter()
            .take(top)
            .map(|c| {
                let why = if c.reason == CutOffReason::NoHandoffs.as_str() {
                    "serves no one"
                } else {
                    "its work reaches only cut-off departments"
                };
                let ends = if c.ends_at.is_empty() { "-".to_owned() } else { names(r, &c.ends_at) };
                vec![Cell::text(name(r, c.id)).tone(Tone::Bad), Cell::text(why), Cell::text(ends)]
            })
            .collect();
        sections.push(Section {
            key: "cut-off",
            title: "Cut off from the customer",
            explain: "No chain of handoffs leads from these departments to a customer.",
            body: Body::Table { headers: vec!["Department", "Why it is cut off", "Where its handoffs end"], rows },
            more: cut_off.len().saturating_sub(top),
        });
    }

    let total = r.analysis.weakest_links.len();
    if total > 0 {
        let rows = r.analysis.weakest_links[..top.min(total)]
            .iter()
            .map(|&h| {
                let l = r.weak_link(h);
                vec![
                    Cell::text(handoff_names(r, &l.handoff)),
                    Cell::text(cell(l.handoff.what.unwrap_or("-"))),
                    // Where a survey set it, say which wave and how many
                    // answers; where a level was agreed, say which.
                    Cell::number(super::promise_section::with_agreed(
                        r,
                        h,
                        super::evidence::quality_with_source(r.org, h),
                    ))
                    .tone(Tone::of(l.handoff.quality)),
                    Cell::number(l.impact.to_string()),
                ]
            })
            .collect();
        sections.push(Section {
            key: "weakest-links",
            title: "Weakest links",
            explain: "Handoffs whose work reaches the customer, weakest first.",
            body: Body::Table { headers: vec!["Handoff", "What", "Quality", "Departments cut off without it"], rows },
            more: total.saturating_sub(top),
        });
    }

    sections.extend(super::promise_section::section(r, top));

    let spofs = r.single_points_of_failure();
    let total = spofs.len();
    if total > 0 {
        let rows = spofs
            .take(top)
            .map(|s| {
                let people = people::note(r.org, people::by_id(r.org, &s.affected));
                vec![Cell::text(name(r, s.id)), Cell::number(format!("{}{people}", s.impact)), who(r, &s.affected)]
            })
            .collect();
        sections.push(Section {
            key: "single-points-of-failure",
            title: "Single points of failure",
            explain: "Every chain of the departments listed passes through the department: without it they are cut off.",
            body: Body::Table { headers: vec!["Department", "Departments that depend on it", "Who"], rows },
            more: total.saturating_sub(top),
        });
    }

    let critical = r.critical_handoffs();
    let total = critical.len();
    if total > 0 {
        let rows = critical
            .take(top)
            .map(|c| {
                let people = people::note(r.org, people::by_id(r.org, &c.affected));
                vec![
                    Cell::text(handoff_names(r, &c.handoff)),
                    Cell::text(cell(c.handoff.what.unwrap_or("-"))),
                    Cell::number(format!("{}{people}", c.impact)),
                    who(r, &c.affected),
                ]
            })
            .collect();
        sections.push(Section {
            key: "critical-handoffs",
            title: "Critical handoffs",
            explain: "Every chain of the departments listed uses the handoff.",
            body: Body::Table { headers: vec!["Handoff", "What", "Departments that depend on it", "Who"], rows },
            more: total.saturating_sub(top),
        });
    }

    let a = r.analysis;
    if !a.cycles.is_empty() {
        let rows =
            a.cycles.iter().zip(&a.cycle_paths).take(top).map(|(c, p)| vec![Cell::text(loop_text(r, c, p))]).collect();
        sections.push(Section {
            key: "rework-loops",
            title: "Rework loops",
            explain: "Departments that hand work back and forth, each shown as one cycle in flow order through its weakest handoff.",
            body: Body::Table { headers: vec!["Loop"], rows },
            more: a.cycles.len().saturating_sub(top),
        });
    }
    if !a.feedback_loops.is_empty() {
        let rows = a
            .feedback_loops
            .iter()
            .take(top)
            .map(|l| vec![Cell::text(loop_text(r, &l.departments, &l.cycle))])
            .collect();
        sections.push(Section {
            key: "feedback-loops",
            title: "Feedback loops",
            explain: "Loops closed only by handoffs marked `feedback: true`: work meant to come back. For information.",
            body: Body::Table { headers: vec!["Loop"], rows },
            more: a.feedback_loops.len().saturating_sub(top),
        });
    }

    sections.extend(super::units::section(r, top));
    let total = s.departments;
    let mut rows = Vec::new();
    let mut chains = Vec::new();
    // Who leads it and how many work there, only when the org says.
    let leads = r.org.departments.iter().any(|d| d.lead.is_some());
    let headcounts = people::any_headcount(r.org);
    let who = |row: &super::DepartmentRow<'_>| {
        let lead = leads.then(|| Cell::text(cell(row.lead.unwrap_or("-"))));
        let people = headcounts.then(|| Cell::number(row.headcount.map_or("-".into(), |n| n.to_string())));
        lead.into_iter().chain(people)
    };
    for d in r.first_departments_by(r.order, top) {
        let row = r.department(d);
        let mut cells =
            vec![Cell::text(cell(row.name)).tone(if row.chain.is_some() { Tone::Plain } else { Tone::Bad })];
        cells.extend(who(&row));
        let Some(chain) = &row.chain else {
            let no_handoffs = row.cut_off_reason == Some(CutOffReason::NoHandoffs.as_str());
            let why = if no_handoffs { "serves no one" } else { "dead end" };
            let dash = || Cell::number("-");
            rows.push(
                cells
                    .into_iter()
                    .chain([dash(), dash(), dash(), dash(), Cell::text(format!("cut off: {why}")).tone(Tone::Bad)])
                    .collect(),
            );
            continue;
        };
        let unrated = row.unrated_on_chain.unwrap_or(0);
        let note = if unrated > 0 { format!(" ({unrated} unrated)") } else { String::new() };
        let strength = row.strength.unwrap_or(1.0);
        rows.push(
            cells
                .into_iter()
                .chain([
                    Cell::number(row.hops.map_or("-".into(), |h| h.to_string())),
                    Cell::number(format!("{}{note}", percent(strength))).tone(Tone::of(Some(strength))),
                    Cell::number(row.rolled_quality.map_or("-".into(), percent)),
                    Cell::number(row.lead_time_seconds.map_or("-".into(), duration)),
                    Cell::text(row.weakest_link.as_ref().map_or("-".into(), |h| short_handoff(r, h))),
                ])
                .collect(),
        );
        chains.push(one_line_owned(chain.iter().map(|id| name(r, id)).collect::<Vec<_>>().join(" -> ")));
    }
    sections.push(Section {
        key: "departments",
        title: "Departments",
        explain: "Fewest hops to a customer; strength is the best weakest link over all chains; rolled quality the best product of qualities.",
        body: Body::Table {
            headers: ["Department"]
                .into_iter()
                .chain(leads.then_some("Led by"))
                .chain(headcounts.then_some("People"))
                .chain(["Fewest hops", "Strength", "Rolled quality", "Lead time", "Weakest link"])
                .collect(),
            rows,
        },
        more: total.saturating_sub(top),
    });
    if !chains.is_empty() {
        sections.push(Section {
            key: "chains",
            title: "Strongest chains",
            explain: "For each department that reaches the customer, a chain as strong as the department.",
            body: Body::List(chains),
            more: total.saturating_sub(top),
        });
    }

    Document {
        title: match r.scope {
            None => cell(r.organization().unwrap_or("Unnamed organization")),
            Some(scope) => format!(
                "{}: {} (unit)",
                cell(r.organization().unwrap_or("Unnamed organization")),
                cell(&r.org.units.get(scope.unit).name)
            ),
        },
        counts: format!(
            "{}, {}, {} ({} unrated)",
            count(s.departments, "department"),
            count(s.customers, "customer"),
            count(s.handoffs, "handoff"),
            s.unrated_handoffs
        ),
        headline: headline(r, &s).into_iter().map(one_line_owned).collect(),
        sections,
    }
}

/// The sentences that matter most.
fn headline(r: &Report<'_>, s: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    let customer = if s.customers == 1 { "the customer" } else { "a customer" };
    let all = people::note(r.org, r.covered());
    out.push(match (s.cut_off, s.departments) {
        (0, 1) => format!("The one department{all} reaches {customer}."),
        (0, 2) => format!("Both departments{all} reach {customer}."),
        (0, n) => format!("All {n} departments{all} reach {customer}."),
        (cut, n) => {
            let cut_off = r.covered().filter(|&d| r.analysis.reach.cut_off_reason(r.graph, d).is_some());
            format!(
                "{} of {n} departments{all} reach {customer}; {cut}{} {} cut off.",
                s.reaching_customer,
                people::note(r.org, cut_off),
                if cut == 1 { "is" } else { "are" },
            )
        }
    });
    if let Some(w) = r.weakest_links().next() {
        let what = w.handoff.what.map_or(String::new(), |w| format!(" ({})", cell(w)));
        out.push(match w.handoff.quality {
            Some(q) if q < 1.0 => format!("Weakest link: {}{what}, at {}.", handoff_names(r, &w.handoff), percent(q)),
            _ => format!("No handoff on a chain is rated below 100% ({} unrated).", s.unrated_handoffs),
        });
    }
    out.push(match r.analysis.single_points_of_failure().first() {
        Some(&d) => {
            let impact = r.analysis.dominators.department_impact(d);
            let people = people::note(r.org, r.analysis.dominators.departments_behind(d).iter().copied());
            format!(
                "Biggest single point of failure: {}; {}{people} {} the customer only through it.",
                cell(&r.org.department(d).name),
                count(impact as usize, "department"),
                if impact == 1 { "reaches" } else { "reach" }
            )
        }
        None => "No department is a single point of failure for another.".to_owned(),
    });
    if s.cycles > 0 {
        out.push(format!("{} rework {}.", s.cycles, if s.cycles == 1 { "loop" } else { "loops" }));
    }
    let feedback = r.analysis.feedback_loops.len();
    if feedback > 0 {
        out.push(format!(
            "{feedback} feedback {} (work meant to come back).",
            if feedback == 1 { "loop" } else { "loops" }
        ));
    }
    out
}

/// Above this many departments a loop is shown as its size and one cycle.
const LOOP_SHOWN_WHOLE: usize = 6;

/// A loop as one cycle in flow order, `A -> B -> A` (HTML draws real arrows,
/// as for chains); a big loop says its size first, one cycle shows part of it.
fn loop_text(r: &Report<'_>, departments: &[DeptIdx], cycle: &[DeptIdx]) -> String {
    let names: Vec<Cow<'_, str>> = cycle.iter().chain(cycle.first()).map(|&d| name(r, r.dept_id(d))).collect();
    let path = names.join(" -> ");
    if departments.len() > LOOP_SHOWN_WHOLE { format!("{} departments, e.g. {path}", departments.len()) } else { path }
}

pub fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}
