//! Findings as Markdown, for a job summary or a pull request comment.

use super::{Findings, worst_first};
use crate::diagnostic::Severity;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (e, w, i) = (f.count(Severity::Error), f.count(Severity::Warning), f.count(Severity::Info));
    writeln!(out, "## servchain check\n")?;
    if f.load_failed {
        writeln!(out, "The org could not be loaded: {e} errors.\n")?;
    } else {
        writeln!(out, "{e} errors, {w} warnings, {i} info.\n")?;
    }
    if let Some(line) = f.baseline_line() {
        writeln!(out, "Baseline: {line}.\n")?;
    }
    let findings = worst_first(f);
    if findings.is_empty() {
        return writeln!(out, "No findings.");
    }
    writeln!(out, "| Severity | Rule | Where | Finding |\n|---|---|---|---|")?;
    for d in findings {
        let place = f.place(d).map_or("-".to_owned(), |(file, line, col)| format!("`{file}:{line}:{col}`"));
        writeln!(out, "| {} | `{}` | {place} | {} |", d.severity, d.code, cell(&d.message))?;
    }
    Ok(())
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
