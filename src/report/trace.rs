//! `trace`: one department's chains to the customer, as text or JSON.

use super::format::{duration, percent, quality};
use super::{HandoffRow, Report};
use crate::analysis::Chains;
use crate::model::{DeptIdx, Endpoint};
use serde::Serialize;
use std::fmt::Write;

/// The chains of a department that reaches the customer, strongest first,
/// each handoff on its own line and the weakest one marked.
pub fn text(r: &Report<'_>, d: DeptIdx, found: &Chains, to: Option<Endpoint>) -> String {
    let dept = r.org.department(d);
    let mut out = String::new();
    let target = to.map_or("the customer".to_owned(), |c| r.name(c).to_owned());
    let Some(reason) = r.analysis.reach.cut_off_reason(r.graph, d) else {
        if found.chains.is_empty() {
            let _ = writeln!(out, "{} ({}) has no chain to {target}.", dept.name, dept.id);
            return out;
        }
        let _ = writeln!(out, "Chains of {} ({}) to {target}, strongest first:", dept.name, dept.id);
        for (i, c) in found.chains.iter().enumerate() {
            let lead = c.lead_time.map_or("not known".to_owned(), duration);
            let unrated = c.handoffs.iter().filter(|&&h| r.org.handoff(h).quality.is_none()).count();
            let unrated =
                if unrated > 0 { format!(" ({unrated} unrated handoffs counted as 100%)") } else { String::new() };
            let _ = writeln!(
                out,
                "\n#{}  strength {}, rolled quality {}, {} {}, lead time {lead}{unrated}",
                i + 1,
                percent(c.strength),
                percent(c.rolled_quality),
                c.handoffs.len(),
                if c.handoffs.len() == 1 { "hop" } else { "hops" }
            );
            let _ = writeln!(out, "    {}", dept.name);
            for &h in &c.handoffs {
                let ho = r.org.handoff(h);
                let what = ho.what.as_deref().map_or(String::new(), |w| format!("{w}, "));
                let lead = ho.lead_time.map_or(String::new(), |l| format!(", {}", duration(l)));
                let mark = if h == c.weakest_link { "   <- weakest link" } else { "" };
                let _ = writeln!(out, "      | {what}{}{lead}{mark}", quality(ho.quality));
                let customer = if matches!(ho.to, Endpoint::Customer(_)) { " (customer)" } else { "" };
                let _ = writeln!(out, "    {}{customer}", r.name(ho.to));
            }
        }
        if !found.complete {
            let _ = writeln!(
                out,
                "\nThe search stopped after examining {} partial chains; weaker chains may exist.",
                crate::analysis::WORK_LIMIT
            );
        }
        return out;
    };
    let ends = r.analysis.reach.ends_at(r.graph, d);
    let _ = match reason {
        crate::analysis::CutOffReason::NoHandoffs => {
            writeln!(out, "{} ({}) is cut off from the customer: it serves no one.", dept.name, dept.id)
        }
        crate::analysis::CutOffReason::DeadEnd => writeln!(
            out,
            "{} ({}) is cut off from the customer: its handoffs end at {}, which {} no chain to a customer either.",
            dept.name,
            dept.id,
            ends.iter().map(|&e| r.org.department(e).name.as_str()).collect::<Vec<_>>().join(", "),
            if ends.len() == 1 { "has" } else { "have" }
        ),
    };
    out
}

#[derive(Debug, Serialize)]
struct TraceJson<'a> {
    department: &'a str,
    reaches_customer: bool,
    cut_off_reason: Option<&'static str>,
    ends_at: Vec<&'a str>,
    to: Option<&'a str>,
    chains: Vec<ChainJson<'a>>,
    /// False when the search stopped at its work limit.
    complete: bool,
}

#[derive(Debug, Serialize)]
struct ChainJson<'a> {
    hops: usize,
    strength: f64,
    rolled_quality: f64,
    #[serde(serialize_with = "super::json::seconds")]
    lead_time_seconds: Option<std::time::Duration>,
    chain: Vec<&'a str>,
    handoffs: Vec<HandoffRow<'a>>,
    weakest_link: HandoffRow<'a>,
}

pub fn json(r: &Report<'_>, d: DeptIdx, found: &Chains, to: Option<Endpoint>) -> serde_json::Result<String> {
    let reason = r.analysis.reach.cut_off_reason(r.graph, d);
    let ends_at = if reason.is_some() {
        r.analysis.reach.ends_at(r.graph, d).into_iter().map(|e| r.dept_id(e)).collect()
    } else {
        Vec::new()
    };
    let doc = TraceJson {
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
                handoffs: c.handoffs.iter().map(|&h| r.handoff(h)).collect(),
                weakest_link: r.handoff(c.weakest_link),
            })
            .collect(),
        complete: found.complete,
    };
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}
