//! `analyze` for a terminal: a headline a manager reads in five seconds, then
//! one section per concern, then a row per department. Plain words, names
//! rather than ids, qualities as percentages; weak values in colour when
//! colour is on; long sections cut to the top N.

use super::format::{FAIR, WEAK, duration, percent, quality};
use super::{HandoffRow, Report};
use crate::model::DeptIdx;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, LineStyle, Table, TableStyle};
use std::fmt::Write;

/// How much to show and how.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// Rows per section; `None` for all.
    pub top: Option<usize>,
    pub color: bool,
}

/// Columns apart, a rule under the header, nothing else.
const STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

pub fn render(r: &Report<'_>, opts: TableOptions) -> String {
    let mut out = String::new();
    let s = r.summary();
    let name = r.organization().unwrap_or("Unnamed organization");
    let _ = writeln!(
        out,
        "{name}\n{}, {}, {} ({} unrated)\n",
        count(s.departments, "department"),
        count(s.customers, "customer"),
        count(s.handoffs, "handoff"),
        s.unrated_handoffs
    );
    headline(r, &s, &mut out);
    let top = opts.top.unwrap_or(usize::MAX);

    let cut_off = r.cut_off();
    if !cut_off.is_empty() {
        let mut t = table(opts, &["Department", "Why it is cut off", "Where its handoffs end"]);
        for c in cut_off.iter().take(top) {
            let why = match c.reason {
                "no-handoffs" => "serves no one",
                _ => "its work reaches only cut-off departments",
            };
            let ends = if c.ends_at.is_empty() { "-".to_owned() } else { names(r, &c.ends_at) };
            t.add_row(vec![Cell::new(dept_name(r, c.id)).fg(Color::Red), Cell::new(why), Cell::new(ends)]);
        }
        section(&mut out, "Cut off from the customer", t, cut_off.len(), top);
    }

    let links: Vec<_> = r.weakest_links().collect();
    if !links.is_empty() {
        let mut t = table(opts, &["Handoff", "What", "Quality", "Departments cut off without it"]);
        for l in links.iter().take(top) {
            t.add_row(vec![
                Cell::new(handoff_names(r, &l.handoff)),
                Cell::new(l.handoff.what.unwrap_or("-")),
                quality_cell(l.handoff.quality, opts).set_alignment(CellAlignment::Right),
                Cell::new(l.impact).set_alignment(CellAlignment::Right),
            ]);
        }
        section(&mut out, "Weakest links (work passes through these to the customer)", t, links.len(), top);
    }

    let spofs = r.single_points_of_failure();
    let total = spofs.len();
    if total > 0 {
        let mut t = table(opts, &["Department", "Departments that depend on it", "Who"]);
        for s in spofs.take(top) {
            t.add_row(vec![
                Cell::new(dept_name(r, s.id)),
                Cell::new(s.impact).set_alignment(CellAlignment::Right),
                Cell::new(few_names(r, &s.affected)),
            ]);
        }
        section(&mut out, "Single points of failure (every chain of others passes through them)", t, total, top);
    }

    let critical = r.critical_handoffs();
    let total = critical.len();
    if total > 0 {
        let mut t = table(opts, &["Handoff", "What", "Departments that depend on it", "Who"]);
        for c in critical.take(top) {
            t.add_row(vec![
                Cell::new(handoff_names(r, &c.handoff)),
                Cell::new(c.handoff.what.unwrap_or("-")),
                Cell::new(c.impact).set_alignment(CellAlignment::Right),
                Cell::new(few_names(r, &c.affected)),
            ]);
        }
        section(&mut out, "Critical handoffs (every chain of some department uses them)", t, total, top);
    }

    let cycles = r.cycles();
    if !cycles.is_empty() {
        let mut t = table(opts, &["Departments that hand work back and forth"]);
        for c in cycles.iter().take(top) {
            t.add_row(vec![c.iter().map(|id| dept_name(r, id)).collect::<Vec<_>>().join(" <-> ")]);
        }
        section(&mut out, "Rework loops", t, cycles.len(), top);
    }

    let mut t = table(opts, &["Department", "Fewest hops", "Strength", "Rolled quality", "Lead time", "Weakest link"]);
    let total = r.org.departments.len();
    let mut chains = String::new();
    for d in (0..total as u32).map(DeptIdx).take(top) {
        let row = r.department(d);
        let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
        let Some(chain) = &row.chain else {
            let why = if row.cut_off_reason == Some("no-handoffs") { "serves no one" } else { "dead end" };
            t.add_row(vec![
                Cell::new(row.name).fg(Color::Red),
                right("-".into()),
                right("-".into()),
                right("-".into()),
                right("-".into()),
                Cell::new(format!("cut off: {why}")).fg(Color::Red),
            ]);
            continue;
        };
        let unrated = row.unrated_on_chain.unwrap_or(0);
        let note = if unrated > 0 { format!(" ({unrated} unrated)") } else { String::new() };
        let strength = row.strength.unwrap_or(1.0);
        t.add_row(vec![
            Cell::new(row.name),
            right(row.hops.map_or("-".into(), |h| h.to_string())),
            right(format!("{}{note}", percent(strength))).fg(color_of(strength, opts)),
            right(row.rolled_quality.map_or("-".into(), percent)),
            right(row.lead_time_seconds.map_or("-".into(), duration)),
            Cell::new(row.weakest_link.as_ref().map_or("-".into(), |h| short_handoff(r, h))),
        ]);
        let _ = writeln!(chains, " {}", chain.iter().map(|id| any_name(r, id)).collect::<Vec<_>>().join(" -> "));
    }
    section(&mut out, "Departments", t, total, top);
    if !chains.is_empty() {
        let _ = write!(out, "\nStrongest chains (each as strong as its department)\n{chains}");
        if total > top {
            let _ = writeln!(out, "... and more (--all shows every row)");
        }
    }
    out
}

/// The three sentences that matter most.
fn headline(r: &Report<'_>, s: &super::Summary, out: &mut String) {
    let customer = if s.customers == 1 { "the customer" } else { "a customer" };
    let _ = match (s.cut_off, s.departments) {
        (0, 1) => writeln!(out, "The one department reaches {customer}."),
        (0, 2) => writeln!(out, "Both departments reach {customer}."),
        (0, n) => writeln!(out, "All {n} departments reach {customer}."),
        (cut, n) => writeln!(
            out,
            "{} of {n} departments reach {customer}; {cut} {} cut off.",
            s.reaching_customer,
            if cut == 1 { "is" } else { "are" }
        ),
    };
    if let Some(w) = r.weakest_links().next() {
        let what = w.handoff.what.map_or(String::new(), |w| format!(" ({w})"));
        let _ = match w.handoff.quality {
            Some(q) if q < 1.0 => {
                writeln!(out, "Weakest link: {}{what}, at {}.", handoff_names(r, &w.handoff), percent(q))
            }
            _ => writeln!(out, "No handoff on a chain is rated below 100% ({} unrated).", s.unrated_handoffs),
        };
    }
    match r.analysis.single_points_of_failure(r.org).first() {
        Some(&d) => {
            let impact = r.analysis.dominators.department_impact(d);
            let _ = writeln!(
                out,
                "Biggest single point of failure: {}; {} {} the customer only through it.",
                r.org.department(d).name,
                departments(impact as usize),
                if impact == 1 { "reaches" } else { "reach" }
            );
        }
        None => {
            let _ = writeln!(out, "No department is a single point of failure for another.");
        }
    }
    if s.cycles > 0 {
        let _ = writeln!(out, "{} rework {}.", s.cycles, if s.cycles == 1 { "loop" } else { "loops" });
    }
}

fn table(opts: TableOptions, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if opts.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_header(header.to_vec());
    t
}

fn section(out: &mut String, title: &str, t: Table, total: usize, top: usize) {
    let _ = write!(out, "\n{title}\n{}\n", t.trim_fmt());
    if total > top {
        let _ = writeln!(out, "... and {} more (--all shows every row)", total - top);
    }
}

fn color_of(q: f64, opts: TableOptions) -> Color {
    if !opts.color {
        Color::Reset
    } else if q < WEAK {
        Color::Red
    } else if q < FAIR {
        Color::Yellow
    } else {
        Color::Reset
    }
}

fn quality_cell(q: Option<f64>, opts: TableOptions) -> Cell {
    match q {
        Some(q) => Cell::new(percent(q)).fg(color_of(q, opts)),
        None => Cell::new("unrated"),
    }
}

fn departments(n: usize) -> String {
    count(n, "department")
}

fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

fn dept_name<'a>(r: &Report<'a>, id: &str) -> &'a str {
    any_name(r, id)
}

fn any_name<'a>(r: &Report<'a>, id: &str) -> &'a str {
    match r.org.lookup(id) {
        Some(e) => r.name(e),
        None => "?",
    }
}

fn names(r: &Report<'_>, ids: &[&str]) -> String {
    ids.iter().map(|id| any_name(r, id)).collect::<Vec<_>>().join(", ")
}

/// Up to five names, then how many more.
fn few_names(r: &Report<'_>, ids: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut s = names(r, &ids[..ids.len().min(SHOWN)]);
    if ids.len() > SHOWN {
        let _ = write!(s, " and {} more", ids.len() - SHOWN);
    }
    s
}

fn handoff_names(r: &Report<'_>, h: &HandoffRow<'_>) -> String {
    format!("{} -> {}", any_name(r, h.from), any_name(r, h.to))
}

fn short_handoff(r: &Report<'_>, h: &HandoffRow<'_>) -> String {
    format!("{} ({})", handoff_names(r, h), quality(h.quality))
}
