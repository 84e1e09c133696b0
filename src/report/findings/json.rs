//! Findings as JSON, for scripts: every string exact, none raw
//! ([`crate::display::json`]).

use super::Findings;
use crate::diagnostic::Severity;
use serde_json::json;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<_> = f
        .diagnostics
        .iter()
        .zip(&f.known)
        .map(|(d, &known)| {
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
        .collect();
    let doc = json!({
        "schema_version": 1,
        "loaded": !f.load_failed,
        "summary": {
            "errors": f.count(Severity::Error),
            "warnings": f.count(Severity::Warning),
            "infos": f.count(Severity::Info),
            "baseline": f.baseline.map(|c| json!({"new": c.new, "known": c.known, "fixed": c.fixed})),
        },
        "findings": findings,
    });
    crate::display::json::to_writer_pretty(out, &doc)
}
