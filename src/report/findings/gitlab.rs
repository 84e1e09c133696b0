//! Findings as GitLab Code Quality JSON (the CodeClimate subset GitLab's
//! merge request widget reads): one entry per new finding with a place in
//! a file, its path relative to the project root.

use super::{Findings, unique_names, worst_first};
use crate::diagnostic::{Diagnostic, Severity};
use crate::display::one_line;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let artifacts = f.artifacts();
    let located: Vec<&Diagnostic> = worst_first(f).into_iter().filter(|d| d.loc().is_some()).collect();
    let entries: Vec<Value> = located
        .iter()
        .zip(unique_names(f, &located))
        .filter_map(|(d, name)| {
            let loc = d.loc()?;
            let (path, _) = artifacts.get(loc.file.0 as usize)?;
            // Display-safe ([`crate::display`]): GitLab shows it as one line.
            let message = one_line(&d.message);
            let description = match &d.help {
                Some(help) => format!("{message} (help: {})", one_line(help)),
                None => message.into_owned(),
            };
            Some(json!({
                "type": "issue",
                "description": description,
                "check_name": d.code,
                "fingerprint": name,
                "severity": severity(f, d),
                "location": {"path": path, "lines": {"begin": f.sources.line_col(loc).0}},
            }))
        })
        .collect();
    crate::display::json::to_writer_pretty(out, &entries)
}

/// GitLab's scale: an org that does not load blocks; policy errors are
/// critical, warnings major, infos info.
fn severity(f: &Findings<'_>, d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error if f.load_failed => "blocker",
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}
