//! A diff's regressions as SARIF results and GitHub annotations, through
//! the check findings' writers: each regression becomes a finding on the
//! new version's line of what it is about (a removed handoff on its
//! supplier's line), under a rule named after its kind (a new check finding
//! keeps its own rule).

use super::View;
use crate::diagnostic::Diagnostic;
use crate::report::findings::{self, Findings};
use std::io::{self, Write};

/// The regressions as findings located in the new version.
fn diagnostics(v: &View<'_>) -> Vec<Diagnostic> {
    v.diff
        .regressions
        .iter()
        .filter_map(|i| {
            // A new finding is reported under its own rule; every other
            // regression kind is a registry code.
            let code = i.rule.or(i.kind.code())?;
            let d = Diagnostic::error(code, i.message.clone()).about(i.ids.clone()).help(i.kind.help());
            Some(match i.new_place {
                Some(loc) => d.at(loc, i.kind.as_str()),
                None => d,
            })
        })
        .collect()
}

fn view<'a>(v: &'a View<'_>, found: &'a [Diagnostic]) -> Findings<'a> {
    Findings {
        diagnostics: found,
        sources: v.new,
        known: vec![false; found.len()],
        baseline: None,
        load_failed: false,
        color: false,
        root: v.root.as_deref(),
        fail_on: Some(crate::diagnostic::Severity::Error),
        rules_run: &[],
        max_findings: None,
    }
}

pub fn sarif(v: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let found = diagnostics(v);
    findings::sarif::write(&view(v, &found), out)
}

pub fn github(v: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let found = diagnostics(v);
    findings::github::write(&view(v, &found), out)?;
    if let Some(note) = &v.note {
        let note = crate::display::one_line(note);
        writeln!(out, "::notice title=servchain diff::{}", note.replace('%', "%25").replace('\n', "%0A"))?;
    }
    Ok(())
}
