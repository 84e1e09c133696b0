//! Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF
//! readers: every rule described once, every result with a physical
//! location, a partial fingerprint and its baseline state. Messages are
//! text a viewer shows, so they are display-safe ([`crate::display`]); the
//! fingerprints stay exact.

use super::{Findings, Stream};
use crate::check::RULES;
use crate::diagnostic::Severity;
use crate::display::one_line;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The log, its keys in the order serde_json's maps print them; the results
/// are written as they are made.
#[derive(Serialize)]
struct Doc<R> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<R>; 1],
    version: &'static str,
}

#[derive(Serialize)]
struct Run<R> {
    results: R,
    tool: Value,
}

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_with_rules(f, &[], out)
}

/// [`write`], with rules that other commands report under besides the
/// policy's (`diff`'s regression kinds), each as (id, summary, help).
pub fn write_with_rules(
    f: &Findings<'_>,
    extra: &[(&'static str, &'static str, &'static str)],
    out: &mut dyn Write,
) -> io::Result<()> {
    // The rules: every policy rule, plus the load errors that occur.
    let mut rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": format!("{}: {}", r.summary, r.help)},
                "help": {"text": r.help},
                "defaultConfiguration": {"level": level_of(r.default)},
            })
        })
        .collect();
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    for d in f.diagnostics {
        if ids.contains(&d.code) {
            continue;
        }
        ids.push(d.code);
        if let Some((id, summary, help)) = extra.iter().find(|r| r.0 == d.code) {
            rules.push(json!({
                "id": id,
                "name": id,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": format!("{summary}: {help}")},
                "help": {"text": help},
                "defaultConfiguration": {"level": "error"},
            }));
        } else {
            rules.push(json!({
                "id": d.code,
                "name": d.code,
                "shortDescription": {"text": format!("the org, its policy or its baseline could not be read: {}", d.code)},
                "defaultConfiguration": {"level": "error"},
            }));
        }
    }
    let first_file = f.sources.get(crate::source::FileId::default()).map(|s| s.name.clone());
    let results = || {
        f.diagnostics.iter().zip(&f.known).map(|(d, &known)| {
            let (file, line, col) = match f.place(d) {
                Some((file, line, col)) => (file.to_owned(), line, col),
                // SARIF readers reject results without a location: a problem
                // with no place in a file is put at the start of the first.
                None => (first_file.clone().unwrap_or_else(|| "servchain".to_owned()), 1, 1),
            };
            let mut text = one_line(&d.message).into_owned();
            if let Some(help) = &d.help {
                text = format!("{text}. {}", one_line(help));
            }
            let suppressions = if known {
                json!([{"kind": "external", "justification": "accepted in the servchain baseline"}])
            } else {
                json!([])
            };
            json!({
                "suppressions": suppressions,
                "ruleId": d.code,
                "ruleIndex": ids.iter().position(|id| *id == d.code),
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
    };
    let doc = Doc {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            results: Stream(results),
            tool: json!({"driver": {
                "name": "servchain",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/servchain",
                "rules": rules,
            }}),
        }],
        version: "2.1.0",
    };
    crate::display::json::to_writer_pretty(out, &doc)
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
