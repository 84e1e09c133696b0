//! Findings for a terminal: rustc-style, with the source line, then a
//! summary line.

use super::{Findings, more_line, worst_first};
use crate::diagnostic::{Severity, render, shown};
use crate::report::document::count;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    // Capped, the worst come first; otherwise the file's order reads best.
    // Past 200 of one code in one file the rest are summed up per code
    // (`shown`); past --max-findings, the rest are counted by rule.
    let all: Vec<_> = if f.max_findings.is_some() { worst_first(f) } else { f.new_ones().collect() };
    let (kept, omitted) = shown::for_people(all);
    let shown = kept.len().min(f.max_findings.unwrap_or(usize::MAX));
    for d in &kept[..shown] {
        let text = render(d, f.sources);
        let text = if f.color { text } else { anstream::adapter::strip_str(&text).to_string() };
        write!(out, "{text}\n\n")?;
    }
    for o in &omitted {
        writeln!(out, "note: {} (--format json lists every one)\n", o.sentence(f.sources))?;
    }
    if let Some(more) = more_line(&kept[shown..]) {
        writeln!(out, "{more}")?;
    }
    let (e, w, i) = (f.count(Severity::Error), f.count(Severity::Warning), f.count(Severity::Info));
    if f.load_failed {
        writeln!(out, "check: the org, its policy or its baseline could not be read: {}", count(e, "error"))?;
    } else {
        writeln!(
            out,
            "check: {}, {}, {}",
            count(e, "error"),
            count(w, "warning"),
            if i == 1 { "1 info".to_owned() } else { format!("{i} info") }
        )?;
    }
    if let Some(line) = f.baseline_line() {
        writeln!(out, "baseline: {line}")?;
    }
    Ok(())
}
