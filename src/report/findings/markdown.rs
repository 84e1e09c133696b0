//! Findings as Markdown, for a job summary or a pull request comment. User
//! text is display-safe ([`crate::display`]), then escaped for a table cell.

use super::{Findings, worst_first};
use crate::diagnostic::{Severity, shown};
use crate::report::document::count;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (e, w, i) = (f.count(Severity::Error), f.count(Severity::Warning), f.count(Severity::Info));
    writeln!(out, "## servchain check\n")?;
    if f.load_failed {
        writeln!(out, "The org, its policy or its baseline could not be read: {}.\n", count(e, "error"))?;
    } else {
        writeln!(out, "{}, {}, {i} info.\n", count(e, "error"), count(w, "warning"))?;
    }
    if let Some(line) = f.baseline_line() {
        writeln!(out, "Baseline: {line}.\n")?;
    }
    let findings = worst_first(f);
    if findings.is_empty() {
        return writeln!(out, "No findings.");
    }
    let (shown, omitted) = shown::for_people(findings);
    writeln!(out, "| Severity | Rule | Where | Finding |\n|---|---|---|---|")?;
    for d in shown {
        let place = f.place(d).map_or("-".to_owned(), |(file, line, col)| code(&format!("{file}:{line}:{col}")));
        let help = d.help.as_deref().map_or(String::new(), |h| format!(" <br>_{}_", cell(h)));
        writeln!(out, "| {} | `{}` | {place} | {}{help} |", d.severity, d.code, cell(&d.message))?;
    }
    for o in &omitted {
        writeln!(out, "\n{}.", crate::report::markdown::inline(&o.sentence(f.sources)))?;
    }
    Ok(())
}

/// A place as code, unless a backtick in a file name would end the code span.
fn code(s: &str) -> String {
    let s = crate::display::one_line(s);
    if s.contains('`') { cell(&s) } else { format!("`{}`", s.replace('|', "\\|")) }
}

/// Text in a table cell: display-safe, markup escaped, no raw `|`.
fn cell(s: &str) -> String {
    crate::report::markdown::inline(&crate::display::one_line(s)).replace('|', "\\|")
}
