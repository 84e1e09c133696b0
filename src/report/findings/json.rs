//! Findings as JSON, for scripts: every string exact, none raw
//! ([`crate::display::json`]).

use super::{Findings, Stream};
use crate::diagnostic::Severity;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The document, its keys in the order serde_json's maps print them.
#[derive(Serialize)]
struct Doc<L> {
    findings: L,
    loaded: bool,
    schema_version: u32,
    summary: Value,
}

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings = || {
        f.diagnostics.iter().zip(&f.known).map(|(d, &known)| {
            let (file, line, column) = f.place(d).map_or((None, None, None), |(n, l, c)| (Some(n), Some(l), Some(c)));
            json!({
                "rule": d.code,
                "severity": d.severity,
                "message": d.message,
                "ids": d.subjects,
                "file": file,
                "line": line,
                "column": column,
                "help": d.help,
                "fingerprint": d.fingerprint(),
                "baseline": if known { "known" } else { "new" },
            })
        })
    };
    let doc = Doc {
        findings: Stream(findings),
        loaded: !f.load_failed,
        schema_version: 1,
        summary: json!({
            "errors": f.count(Severity::Error),
            "warnings": f.count(Severity::Warning),
            "infos": f.count(Severity::Info),
            "baseline": f.baseline.map(|c| json!({"new": c.new, "known": c.known, "fixed": c.fixed})),
        }),
    };
    crate::display::json::to_writer_pretty(out, &doc)
}
