//! Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF
//! readers: every rule described once, every result with a physical
//! location, a partial fingerprint and its baseline state.

use super::Findings;
use crate::check::RULES;
use crate::diagnostic::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    // The rules: every policy rule, plus the load errors that occur.
    let mut rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": {"text": r.code.summary()},
                "fullDescription": {"text": format!("{}: {}", r.code.summary(), r.code.help())},
                "help": {"text": r.code.help()},
                "defaultConfiguration": {"level": level_of(r.default)},
            })
        })
        .collect();
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
    for d in f.diagnostics {
        if !ids.contains(&d.code.as_str()) {
            ids.push(d.code.as_str());
            rules.push(json!({
                "id": d.code,
                "name": d.code,
                "shortDescription": {"text": format!("the org, its policy or its baseline could not be read: {}", d.code)},
                "defaultConfiguration": {"level": "error"},
            }));
        }
    }
    let first_file = f.sources.get(crate::source::FileId::default()).map(|s| s.name.clone());
    let results: Vec<Value> = f
        .diagnostics
        .iter()
        .zip(&f.known)
        .map(|(d, &known)| {
            let (file, line, col) = match f.place(d) {
                Some((file, line, col)) => (file.to_owned(), line, col),
                // SARIF readers reject results without a location: a problem
                // with no place in a file is put at the start of the first.
                None => (first_file.clone().unwrap_or_else(|| "servchain".to_owned()), 1, 1),
            };
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text = format!("{text}. {help}");
            }
            let suppressions = if known {
                json!([{"kind": "external", "justification": "accepted in the servchain baseline"}])
            } else {
                json!([])
            };
            json!({
                "suppressions": suppressions,
                "ruleId": d.code,
                "ruleIndex": ids.iter().position(|id| *id == d.code.as_str()),
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Info => "note" },
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&file)},
                        "region": {"startLine": line, "startColumn": col},
                    }
                }],
                "partialFingerprints": {"servchainFingerprint/v1": d.fingerprint()},
                "baselineState": if f.baseline.is_none() { "new" } else if known { "unchanged" } else { "new" },
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "servchain",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/servchain",
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

fn level_of(l: crate::check::Level) -> &'static str {
    match l {
        crate::check::Level::Error => "error",
        crate::check::Level::Warning => "warning",
        crate::check::Level::Info => "note",
        crate::check::Level::Off => "none",
    }
}

/// A relative path as a URI reference: forward slashes, spaces and the like
/// percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.starts_with('/') { format!("file://{out}") } else { out }
}
