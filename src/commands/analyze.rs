//! `servchain analyze`: load an org and report on it.

use super::load_org;
use crate::cli::AnalyzeArgs;
use crate::exit::ExitStatus;
use crate::model::Org;
use comfy_table::{CellAlignment, Table, presets};
use std::io::{self, Write};

pub fn run(args: &AnalyzeArgs) -> io::Result<ExitStatus> {
    let loaded = match load_org(&args.input)? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let mut out = anstream::stdout().lock();
    writeln!(out, "{}", summary(&loaded.org))?;
    Ok(ExitStatus::Success)
}

/// The org's name and its counts.
fn summary(org: &Org) -> String {
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    let rows = [
        ("departments", org.departments.len()),
        ("customers", org.customers.len()),
        ("handoffs", org.handoffs.len()),
        ("unrated handoffs", org.unrated_handoffs()),
    ];
    for (label, n) in rows {
        t.add_row(vec![label.to_owned(), n.to_string()]);
    }
    if let Some(col) = t.column_mut(1) {
        col.set_cell_alignment(CellAlignment::Right);
    }
    let name = org.organization.as_deref().unwrap_or("(unnamed organization)");
    format!("{name}\n{}", t.trim_fmt())
}
