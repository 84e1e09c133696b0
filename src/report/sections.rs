//! A section of the report document, and the names its cells show: what
//! the document ([`super::document`]) and the sections built beside it (the
//! promises, the units) share, so that each depends on this and not on the
//! others.

use super::cells::{Cell, SHOWN};
use super::format::quality;
use super::{HandoffRow, Report};
use crate::display::{cell, one_line_owned};
use std::borrow::Cow;

/// What a section holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Table {
        headers: Vec<&'static str>,
        rows: Vec<Vec<Cell>>,
    },
    /// Lines of text, e.g. chains.
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A short stable name, usable as an anchor: `cut-off`, `weakest-links`.
    pub key: &'static str,
    pub title: &'static str,
    /// One sentence on what the section means.
    pub explain: &'static str,
    pub body: Body,
    /// Rows left out by the row limit.
    pub more: usize,
}

/// The display name of a department or customer id, cut to a cell's width.
pub(super) fn name<'a>(r: &Report<'a>, id: &str) -> Cow<'a, str> {
    r.org.lookup(id).map_or(Cow::Borrowed("?"), |e| Cow::Owned(cell(r.name(e))))
}

pub(super) fn names(r: &Report<'_>, ids: &[&str]) -> String {
    ids.iter().map(|id| name(r, id)).collect::<Vec<_>>().join(", ")
}

/// Up to five names, then how many more, as plain text.
pub(super) fn few_names(r: &Report<'_>, ids: &[&str]) -> String {
    who(r, ids).text
}

/// Up to five names, then how many more; the cell keeps every name for
/// the formats with room to show them all.
pub(super) fn who(r: &Report<'_>, ids: &[&str]) -> Cell {
    let mut s = names(r, &ids[..ids.len().min(SHOWN)]);
    if ids.len() > SHOWN {
        s += &format!(" and {} more", ids.len() - SHOWN);
        return Cell::text(s).listing(ids.iter().map(|id| one_line_owned(name(r, id).into_owned())).collect());
    }
    Cell::text(s)
}

pub(super) fn handoff_names(r: &Report<'_>, h: &HandoffRow<'_>) -> String {
    format!("{} -> {}", name(r, h.from), name(r, h.to))
}

pub(super) fn short_handoff(r: &Report<'_>, h: &HandoffRow<'_>) -> String {
    format!("{} ({})", handoff_names(r, h), quality(h.quality))
}
