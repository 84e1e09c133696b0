//! GitHub Actions workflow commands: one annotation per new finding, worst
//! first, each on the line it is about. The message and the file name are
//! display-safe ([`crate::display`]) before the escaping workflow commands
//! define, so the only line breaks are the annotation's own (`%0A`) and no
//! user text can start a line or a command.

use super::{Findings, more_line, worst_first};
use crate::diagnostic::{Severity, shown};
use crate::display::one_line;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    // GitHub shows only the first few annotations of a step; the log stays
    // readable: 200 per code per file, then --max-findings in all.
    let (kept, omitted) = shown::for_people(worst_first(f));
    let shown = kept.len().min(f.max_findings.unwrap_or(usize::MAX));
    for d in &kept[..shown] {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!("title={}", property(d.code.as_str()))];
        if let Some((file, line, col)) = f.place(d) {
            props.insert(0, format!("file={},line={line},col={col}", property(&one_line(file))));
        }
        let mut message = one_line(&d.message).into_owned();
        if let Some(help) = &d.help {
            message = format!("{message}\nhelp: {}", one_line(help));
        }
        writeln!(out, "::{command} {}::{}", props.join(","), data(&message))?;
    }
    for o in &omitted {
        // A plain log line: no workflow command.
        writeln!(out, "servchain: {} (--format sarif lists every one)", o.sentence(f.sources))?;
    }
    if let Some(more) = more_line(&kept[shown..]) {
        writeln!(out, "servchain: {more}")?;
    }
    if let Some(line) = f.baseline_line() {
        writeln!(out, "servchain baseline: {line}")?;
    }
    Ok(())
}

/// A workflow command's message: `%`, CR and LF escaped.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property: also `:` and `,` escaped.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
