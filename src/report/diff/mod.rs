//! `diff` and `whatif` output: what changed, as text, Markdown, JSON (schema
//! version 2), SARIF or GitHub annotations. One view of a diff; the
//! sections people read are built once here and laid out by `text` and
//! `markdown`; SARIF and GitHub reuse the check findings' writers. Every
//! line people read is display-safe ([`crate::display`]) here, in one place.

pub mod annotations;
pub mod json;

use super::format::{duration, percent};
use super::markdown::inline;
use crate::clip::cell;
use crate::diff::{Diff, Entity, HandoffEntity, Item, Kind, Pair, Place, Version};
use crate::display::{one_line, one_line_owned};
use crate::source::SourceMap;
use std::fmt::Write;

/// A diff, with the files of both versions, ready to write.
#[derive(Debug)]
pub struct View<'a> {
    pub diff: &'a Diff,
    pub old: &'a SourceMap,
    pub new: &'a SourceMap,
    /// `old.yaml -> new.yaml`, `main -> working tree`, `What if: …`.
    pub title: String,
    /// A what-if scenario: what was taken away is listed as removed, and
    /// what went with it apart.
    pub whatif: bool,
    /// Said before everything else (a base that does not load).
    pub note: Option<String>,
    /// The new version's project root, which SARIF's `%SRCROOT%` is.
    pub root: Option<std::path::PathBuf>,
}

impl View<'_> {
    /// `file:line:col`, with the version for a place in the old one.
    pub fn place(&self, p: Option<Place>) -> Option<(&str, u32, u32, Version)> {
        p.map(|p| {
            let sources = if p.version == Version::Old { self.old } else { self.new };
            let (line, col) = sources.line_col(p.loc);
            (sources.name(p.loc.file), line, col, p.version)
        })
    }

    fn at(&self, p: Option<Place>) -> String {
        match self.place(p) {
            Some((file, line, col, Version::New)) => format!("  ({file}:{line}:{col})"),
            Some((file, line, col, Version::Old)) => format!("  (was {file}:{line}:{col})"),
            None => String::new(),
        }
    }

    fn verdict(&self) -> String {
        let d = self.diff;
        if d.is_empty() {
            return "No change.".to_owned();
        }
        let n = |k: usize, one: &str, many: &str| if k == 1 { format!("1 {one}") } else { format!("{k} {many}") };
        match (d.regressions.len(), d.improvements.len()) {
            (0, 0) => "Nothing got better or worse.".to_owned(),
            (0, i) => format!("Nothing got worse; {}.", n(i, "improvement", "improvements")),
            (r, i) => format!("{} got worse; {}.", n(r, "thing", "things"), n(i, "improvement", "improvements")),
        }
    }

    /// The sections in order: a heading and its lines, empty ones left out.
    pub fn sections(&self) -> Vec<(&'static str, Vec<String>)> {
        let d = self.diff;
        let items = |v: &mut dyn Iterator<Item = &Item>| -> Vec<String> {
            v.map(|i| format!("{}{}", i.message, self.at(i.place))).collect()
        };
        let mut out: Vec<(&'static str, Vec<String>)> = Vec::new();
        if self.whatif {
            out.push((
                "Taken away",
                d.departments.removed.iter().map(entity).chain(d.customers.removed.iter().map(entity)).collect(),
            ));
            out.push(("Handoffs taken away", d.handoffs.removed.iter().map(handoff).collect()));
            out.push((
                "Departments cut off as a result",
                items(&mut d.regressions.iter().filter(|i| i.kind == Kind::CutOff)),
            ));
            out.push(("Also worse", items(&mut d.regressions.iter().filter(|i| i.kind != Kind::CutOff))));
        } else {
            out.push(("Regressions", items(&mut d.regressions.iter())));
        }
        out.push(("Improvements", items(&mut d.improvements.iter())));
        let lost = if self.whatif {
            "No longer apply, because their department is gone or cut off (not improvements)"
        } else {
            "No longer apply, because their subject was removed or is cut off (not improvements)"
        };
        out.push((lost, items(&mut d.no_longer_apply.iter())));
        out.push(("Other changes", items(&mut d.other.iter())));
        if !self.whatif {
            out.push(("Departments added", d.departments.added.iter().map(entity).collect()));
            out.push(("Departments removed", d.departments.removed.iter().map(entity).collect()));
        }
        out.push(("Departments changed", d.departments.changed.iter().map(department).collect()));
        if !self.whatif {
            out.push(("Customers added", d.customers.added.iter().map(entity).collect()));
            out.push(("Customers removed", d.customers.removed.iter().map(entity).collect()));
        }
        out.push((
            "Customers renamed",
            d.customers
                .changed
                .iter()
                .filter_map(|c| c.renamed.as_ref().map(|r| format!("{}: {:?} -> {:?}", c.id, r.old, r.new)))
                .collect(),
        ));
        out.push((
            "Promises changed",
            d.customers
                .changed
                .iter()
                .filter_map(|c| c.promise.as_ref().map(|p| format!("{}: {} -> {}", c.id, level(p.old), level(p.new))))
                .collect(),
        ));
        if !self.whatif {
            out.push(("Handoffs added", d.handoffs.added.iter().map(handoff).collect()));
            out.push(("Handoffs removed", d.handoffs.removed.iter().map(handoff).collect()));
        }
        out.push((
            "Handoffs changed",
            d.handoffs
                .changed
                .iter()
                .map(|h| {
                    let mut parts = Vec::new();
                    if let Some(q) = &h.quality {
                        parts.push(format!("quality {} -> {}", quality(q.old), quality(q.new)));
                    }
                    if let Some(t) = &h.lead_time {
                        parts.push(format!("lead time {} -> {}", time(t.old), time(t.new)));
                    }
                    if let Some(a) = &h.agreed {
                        parts.push(format!("agreed {} -> {}", level(a.old), level(a.new)));
                    }
                    format!("{}: {}", label(&h.names, &h.ids[2]), parts.join(", "))
                })
                .collect(),
        ));
        out.retain(|(_, lines)| !lines.is_empty());
        // Names, `what`s and paths are user text: one line each, nothing raw.
        // A line is held to a message's width too: names are cut where they
        // are named, this is the net under the rest.
        let line = |l: String| one_line_owned(crate::clip::clip(&l, crate::clip::MESSAGE).into_owned());
        out.into_iter().map(|(h, lines)| (h, lines.into_iter().map(line).collect())).collect()
    }
}

fn entity(e: &Entity) -> String {
    if e.name == e.id { cell(&e.id).into_owned() } else { format!("{} ({})", cell(&e.name), cell(&e.id)) }
}

fn label(names: &[String; 2], what: &str) -> String {
    let (from, to) = (cell(&names[0]), cell(&names[1]));
    if what.is_empty() { format!("{from} -> {to}") } else { format!("{from} -> {to} ({})", cell(what)) }
}

fn handoff(h: &HandoffEntity) -> String {
    format!("{}, quality {}, lead time {}", label(&h.names, &h.ids[2]), quality(h.quality), time(h.lead_time))
}

fn quality(q: Option<f64>) -> String {
    q.map_or_else(|| "unrated".to_owned(), percent)
}

fn time(t: Option<std::time::Duration>) -> String {
    t.map_or_else(|| "none".to_owned(), duration)
}

fn department(c: &crate::diff::DepartmentChange) -> String {
    let mut parts = Vec::new();
    let show = |p: &Option<Pair<Option<f64>>>, what: &str, parts: &mut Vec<String>| {
        if let Some(p) = p {
            let q = |x: Option<f64>| x.map_or_else(|| "cut off".to_owned(), percent);
            parts.push(format!("{what} {} -> {}", q(p.old), q(p.new)));
        }
    };
    if let Some(r) = &c.renamed {
        parts.push(format!("renamed from {:?}", r.old));
    }
    show(&c.strength, "strength", &mut parts);
    show(&c.rolled_quality, "rolled quality", &mut parts);
    if let Some(t) = &c.lead_time {
        parts.push(format!("lead time {} -> {}", time(t.old), time(t.new)));
    }
    if let Some(s) = &c.spof_impact {
        parts.push(format!("departments depending on it {} -> {}", s.old, s.new));
    }
    let name = if c.name == c.id { c.id.clone() } else { format!("{} ({})", c.name, c.id) };
    format!("{name}: {}", parts.join(", "))
}

pub fn text(v: &View<'_>) -> String {
    let mut out = String::new();
    if let Some(note) = &v.note {
        let _ = writeln!(out, "{}", one_line(note));
    }
    let _ = writeln!(out, "{}\n{}", one_line(&v.title), v.verdict());
    for (heading, lines) in v.sections() {
        let _ = writeln!(out, "\n{heading}:");
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    }
    out
}

pub fn markdown(v: &View<'_>) -> String {
    let mut out = String::new();
    if let Some(note) = &v.note {
        let _ = writeln!(out, "> {}\n", inline(&one_line(note)));
    }
    let _ = writeln!(out, "## {}\n\n{}", inline(&one_line(&v.title)), v.verdict());
    for (heading, lines) in v.sections() {
        let _ = writeln!(out, "\n### {heading}\n");
        for l in lines {
            let _ = writeln!(out, "- {}", inline(&l));
        }
    }
    out
}

/// An agreed or promised level: `90%, 1h`, `90%`, or `none`.
fn level(l: Option<crate::model::Level>) -> String {
    let Some(l) = l else { return "none".to_owned() };
    let parts: Vec<String> = l.quality.map(percent).into_iter().chain(l.lead_time.map(duration)).collect();
    parts.join(", ")
}
