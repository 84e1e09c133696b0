//! Findings as Markdown, for a job summary or a pull request comment: worst
//! first, and never over GitHub's 1 MiB step-summary limit: past
//! `--max-findings` or the size budget, the rest is counted by rule. User
//! text is display-safe ([`crate::display`]), then escaped for a table cell.

use super::{Findings, more_line, worst_first};
use crate::diagnostic::{Severity, shown};
use crate::report::document::count;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The most a summary may hold: GitHub refuses step summaries over 1 MiB;
/// room is left for the closing lines and other steps' output.
pub const BUDGET: usize = 900 * 1024;

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (e, w, i) = (f.count(Severity::Error), f.count(Severity::Warning), f.count(Severity::Info));
    let mut text = String::from("## servchain check\n\n");
    if f.load_failed {
        let _ = writeln!(text, "The org, its policy or its baseline could not be read: {}.\n", count(e, "error"));
    } else {
        let _ = writeln!(text, "{}, {}, {i} info.\n", count(e, "error"), count(w, "warning"));
    }
    if let Some(line) = f.baseline_line() {
        let _ = writeln!(text, "Baseline: {line}.\n");
    }
    let findings = worst_first(f);
    if findings.is_empty() {
        text.push_str("No findings.\n");
        return out.write_all(text.as_bytes());
    }
    // 200 per code per file (`shown`), then --max-findings and the size budget.
    let (kept, omitted) = shown::for_people(findings);
    text.push_str("| Severity | Rule | Where | Finding |\n|---|---|---|---|\n");
    let limit = f.max_findings.unwrap_or(usize::MAX);
    let mut shown = 0;
    for d in kept.iter().take(limit) {
        let place = f.place(d).map_or("-".to_owned(), |(file, line, col)| code(&format!("{file}:{line}:{col}")));
        let help = d.help.as_deref().map_or(String::new(), |h| format!(" <br>_{}_", cell(h)));
        let row = format!("| {} | `{}` | {place} | {}{help} |\n", d.severity, d.code, cell(&d.message));
        if text.len() + row.len() > BUDGET {
            break;
        }
        text.push_str(&row);
        shown += 1;
    }
    for o in &omitted {
        let note = format!("\n{}.\n", crate::report::markdown::inline(&o.sentence(f.sources)));
        if text.len() + note.len() > BUDGET {
            break;
        }
        text.push_str(&note);
    }
    if let Some(more) = more_line(&kept[shown..]) {
        let _ = writeln!(text, "\n{more}.");
    }
    out.write_all(text.as_bytes())
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
