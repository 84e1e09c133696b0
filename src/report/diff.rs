//! `diff` and `whatif` output: what changed, as text, Markdown or JSON.
//! Every line of text and Markdown is display-safe ([`crate::display`]):
//! titles name files, and findings name departments.

use super::document::count;
use super::format::percent;
use super::markdown::inline;
use crate::diff::{Change, Diff};
use crate::display::{one_line, one_line_owned};
use serde_json::json;
use std::fmt::Write;

/// The sections of a diff in order: a title, and its lines.
fn sections(d: &Diff) -> Vec<(&'static str, Vec<String>)> {
    let ids = |v: &[String]| v.to_vec();
    let quality = |v: &[Change<f64>]| -> Vec<String> {
        v.iter().map(|c| format!("{}: {} -> {}", c.id, percent(c.old), percent(c.new))).collect()
    };
    let impact = |v: &[Change<u32>]| -> Vec<String> {
        v.iter().map(|c| format!("{}: {} -> {} depending on it", c.id, c.old, c.new)).collect()
    };
    let one = |v: &[Change<u32>], old: bool| -> Vec<String> {
        v.iter()
            .map(|c| {
                format!("{} ({} depending on it)", c.id, count(if old { c.old } else { c.new } as usize, "department"))
            })
            .collect()
    };
    let loops = |v: &[Vec<String>]| -> Vec<String> { v.iter().map(|c| c.join(" <-> ")).collect() };
    let findings = |v: &[crate::diff::FindingChange]| -> Vec<String> {
        v.iter().map(|f| format!("{} [{}]: {}", f.severity, f.rule, f.message)).collect()
    };
    let sections = vec![
        ("Newly cut off from the customer", ids(&d.newly_cut_off)),
        ("Reconnected to the customer", ids(&d.reconnected)),
        ("Strength down", quality(&d.strength_down)),
        ("Strength up", quality(&d.strength_up)),
        ("Rolled quality down", quality(&d.rolled_quality_down)),
        ("Rolled quality up", quality(&d.rolled_quality_up)),
        ("New single points of failure", one(&d.spof_new, false)),
        ("Single points of failure gone", one(&d.spof_gone, true)),
        ("Single points of failure changed", impact(&d.spof_changed)),
        ("New critical handoffs", one(&d.critical_new, false)),
        ("Critical handoffs gone", one(&d.critical_gone, true)),
        ("Critical handoffs changed", impact(&d.critical_changed)),
        ("New rework loops", loops(&d.cycles_new)),
        ("Rework loops gone", loops(&d.cycles_gone)),
        ("New findings", findings(&d.findings_new)),
        ("Fixed findings", findings(&d.findings_fixed)),
        ("Departments added", ids(&d.added)),
        ("Departments removed", ids(&d.removed)),
    ];
    sections.into_iter().map(|(heading, lines)| (heading, lines.into_iter().map(one_line_owned).collect())).collect()
}

fn verdict(d: &Diff) -> String {
    match d.regressions() {
        _ if d.is_empty() => "No change in the chains.".to_owned(),
        0 => "Nothing got worse.".to_owned(),
        1 => "1 thing got worse.".to_owned(),
        n => format!("{n} things got worse."),
    }
}

pub fn text(d: &Diff, title: &str) -> String {
    let mut out = format!("{}\n{}\n", one_line(title), verdict(d));
    for (heading, lines) in sections(d) {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{heading}:");
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
    }
    out
}

pub fn markdown(d: &Diff, title: &str) -> String {
    let mut out = format!("## {}\n\n{}\n", inline(&one_line(title)), verdict(d));
    for (heading, lines) in sections(d) {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n### {heading}\n");
            for l in lines {
                let _ = writeln!(out, "- {}", inline(&l));
            }
        }
    }
    out
}

pub fn json(d: &Diff) -> std::io::Result<String> {
    let doc = json!({ "schema_version": 1, "regressions": d.regressions(), "changes": d });
    crate::display::json::to_string_pretty(&doc)
}
