//! Findings for a terminal: rustc-style, with the source line, then a
//! summary line.

use super::Findings;
use crate::diagnostic::{Severity, render, shown};
use crate::report::document::count;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (shown, omitted) = shown::for_people(f.new_ones());
    for d in shown {
        let text = render(d, f.sources);
        let text = if f.color { text } else { anstream::adapter::strip_str(&text).to_string() };
        write!(out, "{text}\n\n")?;
    }
    for o in &omitted {
        writeln!(out, "note: {} (--format json lists every one)\n", o.sentence(f.sources))?;
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
