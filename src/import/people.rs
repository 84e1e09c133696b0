//! `import people`: an HR export (one row per person) becomes an org
//! skeleton: one department per distinct department value with its
//! headcount, the units it sits in, and its lead.
//!
//! The lead, with `--lead-column`, is the value most of the department's
//! rows give there. Else, with `--manager-column`, it is the person of the
//! department whose manager is outside it (or who has none); of several
//! such, the one with the most of the department under them (directly or
//! not); when several tie, none is written and a comment names them.

use super::ids::Ids;
use super::yaml::{comment, quoted};
use super::{optional, required, split_header, trimmed};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::IMPLICIT_CUSTOMER;
use crate::load::table::{Row, Table};
use crate::source::{Loc, SourceMap};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write;

/// The columns to read, as the flags name them.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub department: String,
    /// Outermost first; each may hold a `Division/Sub-division` path.
    pub units: Vec<String>,
    pub lead: Option<String>,
    pub name: Option<String>,
    pub manager: Option<String>,
}

/// A unit, by the path of names from the outermost down.
type Path = Vec<String>;

#[derive(Debug, Default)]
struct Department {
    rows: u64,
    /// Each unit its rows give: how many, and the first place.
    units: BTreeMap<Path, (u64, Loc)>,
    leads: BTreeMap<String, u64>,
    /// (name, manager) of each person with a name.
    people: Vec<(String, String)>,
}

/// The skeleton's YAML, or `None` when the sheet cannot be imported (the
/// reasons are in `diags`). `source` names the sheet in the header comment.
pub fn import(
    t: &Table,
    cols: &Columns,
    source: &str,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (header, rows) = split_header(t, sources, diags)?;
    let errors = diags.len();
    let dept = required(header, "--department-column", &cols.department, diags);
    let units: Vec<Option<usize>> = cols.units.iter().map(|u| required(header, "--unit-column", u, diags)).collect();
    let lead = optional(header, "--lead-column", cols.lead.as_deref(), &[], diags);
    let name = optional(header, "--name-column", cols.name.as_deref(), &[], diags);
    let manager = optional(header, "--manager-column", cols.manager.as_deref(), &[], diags);
    let (Some(dept), Ok(lead), Ok(name), Ok(manager)) = (dept, lead, name, manager) else { return None };
    if diags.len() > errors {
        return None;
    }
    let units: Vec<usize> = units.into_iter().flatten().collect();

    let mut departments: BTreeMap<String, Department> = BTreeMap::new();
    let (mut unnamed, mut first_unnamed) = (0u64, None);
    for row in rows.iter().filter(|r| !r.is_blank()) {
        let Some((_, _, d)) = trimmed(row, dept) else {
            unnamed += 1;
            first_unnamed.get_or_insert(row.loc(dept));
            continue;
        };
        let entry = departments.entry(d.to_owned()).or_default();
        entry.rows += 1;
        let path = unit_path(row, &units);
        if !path.is_empty() {
            let at = units.iter().find_map(|&u| trimmed(row, u).map(|c| c.0.loc)).unwrap_or(row.loc);
            entry.units.entry(path).or_insert((0, at)).0 += 1;
        }
        if let Some((_, _, l)) = lead.and_then(|l| trimmed(row, l)) {
            *entry.leads.entry(l.to_owned()).or_default() += 1;
        }
        if let (Some(n), Some(m)) = (name, manager)
            && let Some((_, _, person)) = trimmed(row, n)
        {
            entry.people.push((person.to_owned(), row.text(m).to_owned()));
        }
    }
    if let Some(at) = first_unnamed {
        let rows = if unnamed == 1 { "1 row has".to_owned() } else { format!("{unnamed} rows have") };
        diags.push(
            Diagnostic::warning(Code::ImportBlankCell, format!("{rows} no department; not counted"))
                .at(at, "the first one")
                .help(format!("fill in column {:?}, or remove the rows that are no people", cols.department)),
        );
    }
    if departments.is_empty() {
        diags.push(
            Diagnostic::error(Code::ImportBlankCell, "the sheet names no department")
                .at(header.loc, "the header row")
                .help(format!("column {:?} holds each person's department", cols.department)),
        );
        return None;
    }

    // Each department in one unit: the one most of its rows give.
    let mut chosen: BTreeMap<&str, Path> = BTreeMap::new();
    for (d, dep) in &departments {
        let Some((path, (_, at))) = dep.units.iter().max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(a.0))) else {
            continue;
        };
        if dep.units.len() > 1 {
            let others: Vec<String> =
                dep.units.iter().map(|(p, (n, _))| format!("{} ({n} rows)", p.join(" / "))).collect();
            let other = dep.units.iter().find(|(p, _)| *p != path).map_or(*at, |(_, (_, l))| *l);
            diags.push(
                Diagnostic::warning(
                    Code::ImportConflictingUnit,
                    format!("{d:?} is listed under {} units: {}", dep.units.len(), others.join(", ")),
                )
                .at(other, "another unit")
                .also(*at, format!("taken: {}", path.join(" / ")))
                .help("a department belongs to at most one unit: the one most of its rows give is taken"),
            );
        }
        chosen.insert(d, path.clone());
    }
    let all_units: BTreeSet<Path> =
        chosen.values().flat_map(|p| (1..=p.len()).map(|n| p[..n].to_vec())).collect::<BTreeSet<_>>();

    // Ids: departments by name, then units by path, so row order changes none.
    let mut ids = Ids::default();
    ids.reserve([IMPLICIT_CUSTOMER]);
    let dept_ids: BTreeMap<&str, String> = departments.keys().map(|d| (d.as_str(), ids.claim(d, "dept"))).collect();
    let unit_ids: BTreeMap<&Path, String> =
        all_units.iter().map(|p| (p, ids.claim(p.last().map_or("", String::as_str), "unit"))).collect();

    let people: u64 = departments.values().map(|d| d.rows).sum();
    let mut out = String::new();
    let _ = writeln!(out, "# An org skeleton made by `servchain import people` from {}:", comment(source));
    let _ = writeln!(
        out,
        "# {people} people in {} departments{}.",
        departments.len(),
        if all_units.is_empty() { String::new() } else { format!(", in {} units", all_units.len()) }
    );
    out.push_str(NEXT);
    out.push_str("version: 1\n");
    if !all_units.is_empty() {
        out.push_str("\nunits:\n");
        for p in &all_units {
            let _ = writeln!(out, "  - id: {}", quoted(&unit_ids[p]));
            let _ = writeln!(out, "    name: {}", quoted(p.last().map_or("", String::as_str)));
            if p.len() > 1 {
                let _ = writeln!(out, "    parent: {}", quoted(&unit_ids[&p[..p.len() - 1].to_vec()]));
            }
        }
    }
    out.push_str("\ndepartments:\n");
    // Grouped as the units nest (those in no unit first), by name within.
    let mut order: Vec<(&Path, &str)> = Vec::new();
    let none = Vec::new();
    for d in departments.keys() {
        order.push((chosen.get(d.as_str()).unwrap_or(&none), d));
    }
    order.sort();
    let mut last: Option<&Path> = None;
    for (path, d) in order {
        if last != Some(path) && !path.is_empty() {
            let _ = writeln!(out, "  # {}", comment(&path.join(" / ")));
        }
        last = Some(path);
        let dep = &departments[d];
        let _ = writeln!(out, "  - id: {}", quoted(&dept_ids[d]));
        let _ = writeln!(out, "    name: {}", quoted(d));
        if let Some(u) = unit_ids.get(path) {
            let _ = writeln!(out, "    unit: {}", quoted(u));
        }
        let _ = writeln!(out, "    headcount: {}", dep.rows);
        match lead_of(dep, manager.is_some()) {
            Lead::Named(l) => {
                let _ = writeln!(out, "    lead: {}", quoted(&l));
            }
            Lead::Tied(names) => {
                let shown: Vec<String> = names.iter().take(5).map(|n| comment(n)).collect();
                let more = if names.len() > 5 { format!(" and {} more", names.len() - 5) } else { String::new() };
                let _ = writeln!(
                    out,
                    "    # lead: not set: {}{more} report outside the department, none over more of it",
                    shown.join(", ")
                );
            }
            Lead::NoneOutside => {
                out.push_str("    # lead: not set: everyone's manager is in the department (a reporting loop?)\n");
            }
            Lead::Unknown => {}
        }
    }
    Some(out)
}

const NEXT: &str = "\
#
# What to do next:
# 1. Check the ids, names, units and leads below. Ids are made from the
#    names; they are what handoffs and policies name, so change them now
#    if you want others.
# 2. Say who serves whom: add `serves:` under each department, or list the
#    handoffs in a sheet (columns From, To, What, Quality, Lead time) and run
#      servchain import handoffs handoffs.csv --org skeleton.yaml -o handoffs.yaml
# 3. Name your external customers under `customers:` (until then there is
#    one, `customer`, that handoffs can go to).
# 4. servchain analyze skeleton.yaml handoffs.yaml
";

/// A department's unit path: every unit column's cell, each split at `/`.
fn unit_path(row: &Row, units: &[usize]) -> Path {
    units
        .iter()
        .flat_map(|&u| row.text(u).split('/').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned))
        .collect()
}

enum Lead {
    Named(String),
    Tied(Vec<String>),
    NoneOutside,
    /// No lead column value and no managers to go by.
    Unknown,
}

fn lead_of(dep: &Department, by_manager: bool) -> Lead {
    // The value most rows give; of equals, the first by name.
    if let Some((l, _)) = dep.leads.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
        return Lead::Named(l.clone());
    }
    if !by_manager || dep.people.is_empty() {
        return Lead::Unknown;
    }
    let key = |s: &str| s.trim().to_lowercase();
    let inside: HashSet<String> = dep.people.iter().map(|(n, _)| key(n)).collect();
    let mut reports: HashMap<String, Vec<String>> = HashMap::new();
    let mut top: BTreeMap<String, &str> = BTreeMap::new();
    for (n, m) in &dep.people {
        let (n_key, m_key) = (key(n), key(m));
        if m_key.is_empty() || m_key == n_key || !inside.contains(&m_key) {
            top.entry(n_key).or_insert(n);
        } else {
            reports.entry(m_key).or_default().push(n_key);
        }
    }
    if top.is_empty() {
        return Lead::NoneOutside;
    }
    // How many of the department each top person has under them. A person
    // reached from two (namesakes) counts under the first by name.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut under: Vec<(u64, &str)> = Vec::new();
    for (k, shown) in &top {
        let (mut count, mut stack) = (0u64, vec![k.as_str()]);
        seen.insert(k);
        while let Some(p) = stack.pop() {
            for r in reports.get(p).into_iter().flatten() {
                if seen.insert(r) {
                    count += 1;
                    stack.push(r);
                }
            }
        }
        under.push((count, shown));
    }
    let most = under.iter().map(|u| u.0).max().unwrap_or(0);
    let best: Vec<String> = under.iter().filter(|u| u.0 == most).map(|u| u.1.to_owned()).collect();
    match <[String; 1]>::try_from(best) {
        Ok([one]) => Lead::Named(one),
        Err(tied) => Lead::Tied(tied),
    }
}
