//! The "Promises to customers" section of the table, Markdown and HTML
//! reports: per promised customer, who keeps the promise, who misses it and
//! by how much, and the fix; and the agreed level written beside a rating.

use super::Report;
use super::cells::{Cell, Tone};
use super::format::{duration, percent};
use super::promises::{MissedRow, PromiseRow};
use super::sections::{Body, Section, few_names, handoff_names, name};
use crate::display::cell;
use crate::model::HandoffIdx;

/// `text` (a handoff's quality as shown) with the agreed level after it:
/// `78% (agreed 90%, 1h)`; unchanged for a handoff without `agreed:`.
pub fn with_agreed(r: &Report<'_>, h: HandoffIdx, text: String) -> String {
    let Some(agreed) = r.org.handoff(h).agreed() else { return text };
    let level: Vec<String> = agreed.quality.map(percent).into_iter().chain(agreed.lead_time.map(duration)).collect();
    format!("{text} (agreed {})", level.join(", "))
}

/// The section, when some customer has a promise; at most `top` rows.
pub fn section(r: &Report<'_>, top: usize) -> Option<Section> {
    let promises = r.promises();
    if promises.is_empty() {
        return None;
    }
    let rows: Vec<Vec<Cell>> = promises.iter().flat_map(|p| rows(r, p)).collect();
    let total = rows.len();
    Some(Section {
        key: "promises",
        title: "Promises to customers",
        explain: "What each customer was promised, against the best rolled quality and the fastest lead time of each department's chains to that customer; for a missed quality, the handoff on the best chain that would have to improve, and to what.",
        body: Body::Table {
            headers: vec!["Customer", "Promised", "Department", "Gets", "Short by", "What would close it"],
            rows: rows.into_iter().take(top).collect(),
        },
        more: total.saturating_sub(top),
    })
}

fn rows(r: &Report<'_>, p: &PromiseRow<'_>) -> Vec<Vec<Cell>> {
    let customer = || Cell::text(name(r, p.customer));
    let promised: Vec<String> = p
        .quality
        .map(percent)
        .into_iter()
        .chain(p.lead_time_seconds.map(|t| format!("within {}", duration(t))))
        .collect();
    let promised = || Cell::text(promised.join(", "));
    let mut out = Vec::new();
    let one_chain: Vec<&str> = p.met.iter().copied().filter(|id| !p.met_by_different_chains.contains(id)).collect();
    if !one_chain.is_empty() {
        let dash = || Cell::text("-");
        out.push(vec![
            customer(),
            promised(),
            Cell::text(few_names(r, &one_chain)),
            Cell::text("kept"),
            dash(),
            dash(),
        ]);
    }
    if !p.met_by_different_chains.is_empty() {
        out.push(vec![
            customer(),
            promised(),
            Cell::text(few_names(r, &p.met_by_different_chains)),
            Cell::text("kept, quality and time by different chains"),
            Cell::text("-"),
            Cell::text("-"),
        ]);
    }
    for m in &p.missed {
        out.push(vec![
            customer(),
            promised(),
            Cell::text(name(r, m.id)),
            Cell::text(gets(m)).tone(Tone::Bad),
            Cell::text(short_by(p, m)),
            Cell::text(fix(r, m)),
        ]);
    }
    out
}

/// `59.2%, 1w 3d`: its best rolled quality and fastest lead time to the customer.
/// The lead time only where one was promised.
fn gets(m: &MissedRow<'_>) -> String {
    if m.lead_time_met.is_none() {
        return percent(m.rolled_quality);
    }
    let lead = m.lead_time_seconds.map_or("lead time unknown".to_owned(), duration);
    format!("{}, {lead}", percent(m.rolled_quality))
}

/// `10.8 points; 3d too slow`.
fn short_by(p: &PromiseRow<'_>, m: &MissedRow<'_>) -> String {
    let mut out = Vec::new();
    if let (Some(false), Some(q)) = (m.quality_met, p.quality) {
        let points = super::promises::clean((q - m.rolled_quality) * 100.0);
        out.push(format!("{} points", percent(points / 100.0).trim_end_matches('%')));
    }
    if let (Some(false), Some(t)) = (m.lead_time_met, p.lead_time_seconds) {
        out.push(match m.lead_time_seconds {
            Some(l) => format!("{} too slow", duration(l.saturating_sub(t))),
            None => "no chain states every lead time".to_owned(),
        });
    }
    out.join("; ")
}

/// `raise Billing -> Patients (Statements) from 74% to 87.5%`, or how many
/// handoffs would have to reach what when one cannot do it.
fn fix(r: &Report<'_>, m: &MissedRow<'_>) -> String {
    let Some(f) = &m.fix else { return "faster handoffs on its fastest chain".to_owned() };
    let what = f.handoff.what.map_or(String::new(), |w| format!(" ({})", cell(w)));
    let now = f.handoff.quality.map_or("unrated".to_owned(), percent);
    match f.needed {
        Some(needed) if needed <= 1.0 => {
            format!("raise {}{what} from {now} to {}", handoff_names(r, &f.handoff), percent(needed))
        }
        _ => format!(
            "no single handoff can: its {} weakest handoffs would each have to reach {}",
            f.handoffs_to_raise,
            percent(f.raise_to)
        ),
    }
}
