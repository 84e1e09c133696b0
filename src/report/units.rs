//! The "By unit" roll-up as reports show it: the JSON `units` rows and the
//! section of the people's document (table, Markdown, HTML). The figures
//! are [`crate::analysis::roll_up`]'s; this file only names and formats them.

use super::cells::{Cell, Tone};
use super::format::percent;
use super::sections::{Body, Section, name, short_handoff};
use super::{HandoffRow, Report};
use crate::display::cell;
use serde::Serialize;

/// A unit's weakest department by strength.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WeakestStrength<'a> {
    pub department: &'a str,
    pub strength: f64,
}

/// The outside department whose loss cuts off most of a unit.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Dependency<'a> {
    pub department: &'a str,
    /// How many of the unit's departments it would cut off.
    pub cuts_off: u32,
}

/// One unit's line in the JSON report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnitRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub parent: Option<&'a str>,
    pub departments: usize,
    pub people: u64,
    pub reaching_customer: usize,
    pub cut_off: usize,
    pub weakest_strength: Option<WeakestStrength<'a>>,
    pub weakest_handoff_inside: Option<HandoffRow<'a>>,
    pub weakest_handoff_into: Option<HandoffRow<'a>>,
    pub weakest_handoff_out_of: Option<HandoffRow<'a>>,
    pub biggest_outside_dependency: Option<Dependency<'a>>,
}

impl<'a> Report<'a> {
    /// Every unit's roll-up, in file order (those outside the report's
    /// scope left out).
    pub fn units(&self) -> Vec<UnitRow<'a>> {
        let units = &self.org.units;
        crate::analysis::roll_up(self.org, self.analysis)
            .into_iter()
            .filter(|f| self.scope.is_none_or(|s| s.has_unit(f.unit)))
            .map(|f| {
                let unit = units.get(f.unit);
                UnitRow {
                    id: &unit.id,
                    name: &unit.name,
                    parent: unit.parent.map(|p| units.get(p).id.as_str()),
                    departments: f.departments,
                    people: f.people,
                    reaching_customer: f.reaching_customer,
                    cut_off: f.cut_off,
                    weakest_strength: f
                        .weakest_strength
                        .map(|(strength, d)| WeakestStrength { department: self.dept_id(d), strength }),
                    weakest_handoff_inside: f.weakest_inside.map(|h| self.handoff(h)),
                    weakest_handoff_into: f.weakest_into.map(|h| self.handoff(h)),
                    weakest_handoff_out_of: f.weakest_out.map(|h| self.handoff(h)),
                    biggest_outside_dependency: f
                        .biggest_outside_dependency
                        .map(|(d, cuts_off)| Dependency { department: self.dept_id(d), cuts_off }),
                }
            })
            .collect()
    }
}

/// The "By unit" section, units nested under their parents; `None` for an
/// org without units.
pub fn section(r: &Report<'_>, top: usize) -> Option<Section> {
    let rows = r.units();
    if rows.is_empty() {
        return None;
    }
    // Parents before their sub-units, siblings in file order; a sub-unit
    // is indented by its depth.
    let units = &r.org.units;
    let (_, children) = units.children();
    // The top units shown: with --unit, the unit itself.
    let shown_unit = |u: crate::model::UnitIdx| r.scope.is_none_or(|s| s.has_unit(u));
    let roots = units.indices().filter(|&u| shown_unit(u) && !units.get(u).parent.is_some_and(shown_unit));
    let base = r.scope.map_or(0, |s| units.depth(s.unit));
    let mut stack: Vec<_> = roots.collect::<Vec<_>>().into_iter().rev().collect();
    let mut order = Vec::new();
    while let Some(u) = stack.pop() {
        order.push(u);
        stack.extend(children[u.0 as usize].iter().rev());
    }
    let mut row_at = vec![None; units.len()];
    for (i, row) in rows.iter().enumerate() {
        if let Some(u) = units.lookup(row.id) {
            row_at[u.0 as usize] = Some(i);
        }
    }
    // Like the department table, a People column only when the org says.
    let headcounts = super::people::any_headcount(r.org);
    let handoff = |h: &Option<HandoffRow<'_>>| h.as_ref().map_or("-".to_owned(), |h| short_handoff(r, h));
    let shown: Vec<Vec<Cell>> = order
        .iter()
        .filter_map(|&u| Some((u, &rows[row_at[u.0 as usize]?])))
        .map(|(u, row)| {
            // Markdown drops leading spaces, so a sub-unit is marked, not only indented.
            let depth = units.depth(u) - base;
            let indent = if depth == 0 { String::new() } else { format!("{}↳ ", "  ".repeat(depth - 1)) };
            let strength = row.weakest_strength.as_ref();
            let tone = Tone::of(strength.map(|w| w.strength));
            let cut_tone = if row.cut_off > 0 { Tone::Bad } else { Tone::Plain };
            let mut cells = vec![
                Cell::text(format!("{indent}{}", cell(row.name))),
                Cell::number(row.departments.to_string()),
                Cell::number(row.people.to_string()),
                Cell::number(row.cut_off.to_string()).tone(cut_tone),
                Cell::text(
                    strength.map_or("-".to_owned(), |w| format!("{} {}", percent(w.strength), name(r, w.department))),
                )
                .tone(tone),
                Cell::text(handoff(&row.weakest_handoff_inside)),
                Cell::text(handoff(&row.weakest_handoff_into)),
                Cell::text(handoff(&row.weakest_handoff_out_of)),
                Cell::text(
                    row.biggest_outside_dependency
                        .as_ref()
                        .map_or("-".to_owned(), |d| format!("{} ({})", name(r, d.department), d.cuts_off)),
                ),
            ];
            if !headcounts {
                cells.remove(2);
            }
            cells
        })
        .collect();
    let total = shown.len();
    Some(Section {
        key: "units",
        title: "By unit",
        explain: "Each unit with its sub-units: the weakest department, the weakest handoffs inside, into and out of it, and the outside department whose loss would cut off most of it.",
        body: Body::Table {
            headers: ["Unit", "Departments"]
                .into_iter()
                .chain(headcounts.then_some("People"))
                .chain([
                    "Cut off",
                    "Weakest strength",
                    "Weakest inside",
                    "Weakest into",
                    "Weakest out of",
                    "Depends most on",
                ])
                .collect(),
            rows: shown.into_iter().take(top).collect(),
        },
        more: total.saturating_sub(top),
    })
}
