//! `trace`: one department's chains to the customer, as text or JSON.
//! The text shows names and `what`s display-safe ([`crate::display`]); the
//! JSON keeps them exact.

use super::format::{duration, paint, percent, quality};
use super::{HandoffRow, Report};
use crate::analysis::{Chains, CutOffReason};
use crate::display::{cell, one_line_owned};
use crate::model::{DeptIdx, Endpoint};
use serde::Serialize;
use std::fmt::Write;

/// The chains of a department that reaches the customer, strongest first,
/// each handoff on its own line and the weakest one marked. Weak qualities
/// are coloured when `color` is on. Names and `what`s are cut to a cell's
/// width; the JSON keeps them whole.
pub fn text(r: &Report<'_>, d: DeptIdx, found: &Chains, to: Option<Endpoint>, color: bool) -> String {
    let dept = r.org.department(d);
    // Lines are made of these and of numbers, which colour may wrap in
    // escape codes: the user's text is made safe piece by piece.
    let label = |e: Endpoint| one_line_owned(r.label(e));
    let me = label(Endpoint::Department(d));
    let mut out = String::new();
    let target = match to {
        Some(c) => cell(r.name(c)),
        None if r.org.customers.len() == 1 => "the customer".to_owned(),
        None => "a customer".to_owned(),
    };
    if let Some(reason) = r.analysis.reach.cut_off_reason(r.graph, d) {
        let ends = r.analysis.reach.ends_at(r.graph, d);
        let _ = match reason {
            CutOffReason::NoHandoffs => writeln!(out, "{me} is cut off from the customer: it serves no one."),
            CutOffReason::DeadEnd => writeln!(
                out,
                "{me} is cut off from the customer: its handoffs end at {}, which {} no chain to a customer either.",
                ends.iter().map(|&e| label(Endpoint::Department(e))).collect::<Vec<_>>().join(", "),
                if ends.len() == 1 { "has" } else { "have" }
            ),
        };
        return out;
    }
    if found.chains.is_empty() {
        let _ = writeln!(out, "{me} has no chain to {target}.");
        return out;
    }
    let _ = writeln!(out, "Chains of {me} to {target}, strongest first:");
    for (i, c) in found.chains.iter().enumerate() {
        let lead = c.lead_time.map_or("not known".to_owned(), duration);
        let unrated = c.handoffs.iter().filter(|&&h| r.org.handoff(h).quality.is_none()).count();
        let unrated = match unrated {
            0 => String::new(),
            1 => " (1 unrated handoff counted as 100%)".to_owned(),
            n => format!(" ({n} unrated handoffs counted as 100%)"),
        };
        let _ = writeln!(
            out,
            "\n#{}  strength {}, rolled quality {}, {} {}, lead time {lead}{unrated}",
            i + 1,
            paint(&percent(c.strength), Some(c.strength), color),
            percent(c.rolled_quality),
            c.handoffs.len(),
            if c.handoffs.len() == 1 { "hop" } else { "hops" }
        );
        let _ = writeln!(out, "    {}", cell(&dept.name));
        for &h in &c.handoffs {
            let ho = r.org.handoff(h);
            let what = ho.what.as_deref().map_or(String::new(), |w| format!("{}, ", cell(w)));
            let lead = ho.lead_time.map_or(String::new(), |l| format!(", {}", duration(l)));
            let mark = if h == c.weakest_link { "   <- weakest link" } else { "" };
            let _ = writeln!(out, "      | {what}{}{lead}{mark}", paint(&quality(ho.quality), ho.quality, color));
            let customer = if matches!(ho.to, Endpoint::Customer(_)) { " (customer)" } else { "" };
            let _ = writeln!(out, "    {}{customer}", cell(r.name(ho.to)));
        }
    }
    if !found.in_order {
        let _ = writeln!(
            out,
            "\nThis org has too many trade-offs between strength, rolled quality and hops to list chains \
             exactly in order; these are the best found, the first as analyze reports it."
        );
    }
    if !found.complete {
        let _ = writeln!(
            out,
            "\nThe search stopped at its work limit ({} partial chains, or less on very long chains); \
             more chains may exist.",
            crate::analysis::WORK_LIMIT
        );
    }
    out
}

#[derive(Debug, Serialize)]
struct TraceJson<'a> {
    schema_version: u32,
    department: &'a str,
    reaches_customer: bool,
    cut_off_reason: Option<&'static str>,
    ends_at: Vec<&'a str>,
    to: Option<&'a str>,
    chains: Vec<ChainJson<'a>>,
    /// False when the search stopped at its work limit.
    complete: bool,
    /// False when the org has too many trade-offs to list chains exactly in
    /// the chain order.
    in_order: bool,
}

#[derive(Debug, Serialize)]
struct ChainJson<'a> {
    hops: usize,
    strength: f64,
    rolled_quality: f64,
    #[serde(serialize_with = "super::json::seconds")]
    lead_time_seconds: Option<std::time::Duration>,
    chain: Vec<&'a str>,
    handoffs: Vec<TraceHandoff<'a>>,
    weakest_link: HandoffRow<'a>,
}

#[derive(Debug, Serialize)]
struct TraceHandoff<'a> {
    #[serde(flatten)]
    handoff: HandoffRow<'a>,
    #[serde(serialize_with = "super::json::seconds")]
    lead_time_seconds: Option<std::time::Duration>,
}

pub fn json(r: &Report<'_>, d: DeptIdx, found: &Chains, to: Option<Endpoint>) -> std::io::Result<String> {
    let reason = r.analysis.reach.cut_off_reason(r.graph, d);
    let ends_at = if reason.is_some() {
        r.analysis.reach.ends_at(r.graph, d).into_iter().map(|e| r.dept_id(e)).collect()
    } else {
        Vec::new()
    };
    let doc = TraceJson {
        schema_version: super::json::SCHEMA_VERSION,
        department: r.dept_id(d),
        reaches_customer: reason.is_none(),
        cut_off_reason: reason.map(|r| r.as_str()),
        ends_at,
        to: to.map(|c| r.id(c)),
        chains: found
            .chains
            .iter()
            .map(|c| ChainJson {
                hops: c.handoffs.len(),
                strength: c.strength,
                rolled_quality: c.rolled_quality,
                lead_time_seconds: c.lead_time,
                chain: r.chain_ids(d, &c.handoffs),
                handoffs: c
                    .handoffs
                    .iter()
                    .map(|&h| TraceHandoff { handoff: r.handoff(h), lead_time_seconds: r.org.handoff(h).lead_time })
                    .collect(),
                weakest_link: r.handoff(c.weakest_link),
            })
            .collect(),
        complete: found.complete,
        in_order: found.in_order,
    };
    crate::display::json::to_string_pretty(&doc)
}
