//! GitHub Actions workflow commands: one annotation per new finding, worst
//! first, each on the line it is about.

use super::{Findings, more_line, worst_first};
use crate::diagnostic::Severity;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let all = worst_first(f);
    let shown = all.len().min(f.max_findings.unwrap_or(usize::MAX));
    for d in &all[..shown] {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!("title={}", property(d.code.as_str()))];
        if let Some((file, line, col)) = f.place(d) {
            props.insert(0, format!("file={},line={line},col={col}", property(file)));
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message = format!("{message}\nhelp: {help}");
        }
        writeln!(out, "::{command} {}::{}", props.join(","), data(&message))?;
    }
    if let Some(more) = more_line(&all[shown..]) {
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
