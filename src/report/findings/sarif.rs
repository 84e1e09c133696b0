//! Findings as SARIF 2.1.0, shaped for GitHub code scanning: every code in
//! the registry described as a rule (name, descriptions, help, help URI,
//! tags), paths relative to `%SRCROOT%` (the project root), regions with
//! their end, and problems that have no place in a file reported as tool
//! notifications rather than put at an invented location. Messages are
//! display-safe ([`crate::display`]); fingerprints stay exact.

use super::{Findings, Stream};
use crate::check::{Level, RULES};
use crate::diagnostic::{Code, Diagnostic, Family, Severity};
use crate::display::one_line;
use crate::source::{Loc, SourceMap};
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The repository whose README documents every code (Cargo.toml's `repository`).
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The log, its keys in the order serde_json's maps print them (sorted);
/// the results are written as they are made, so 300,000 findings never sit
/// in memory all at once as values.
#[derive(Serialize)]
struct Doc<R> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<R>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<R> {
    column_kind: &'static str,
    invocations: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<Value>,
    results: R,
    tool: Value,
}

/// Findings of `check`, and `diff`'s regressions (whose kinds are registry
/// codes too): every code in the registry is a rule.
pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = Code::ALL.iter().map(|&c| rule(c)).collect();
    let artifacts = f.artifacts();
    // Problems with no place in a file are few (a missing file, a bad
    // option); they are notifications, not results at an invented place.
    let notifications: Vec<Value> = f
        .diagnostics
        .iter()
        .filter(|d| location(f, &artifacts, d).is_none())
        .map(|d| {
            json!({
                "level": level(d.severity),
                "message": {"text": text(d)},
                "descriptor": {"id": d.code, "index": index(d.code)},
            })
        })
        .collect();
    let results = || {
        f.diagnostics
            .iter()
            .zip(&f.known)
            .filter_map(|(d, &known)| location(f, &artifacts, d).map(|l| result(f, d, known, l)))
    };
    let doc = Doc {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations: json!([{
                "executionSuccessful": !f.load_failed,
                "toolExecutionNotifications": notifications,
            }]),
            original_uri_base_ids: f.root.map(|root| json!({"%SRCROOT%": {"uri": directory_uri(root)}})),
            results: Stream(results),
            tool: json!({"driver": {
                "name": "servchain",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": REPOSITORY,
                "rules": rules,
            }}),
        }],
        version: "2.1.0",
    };
    crate::display::json::to_writer_pretty(out, &doc)
}

/// A registry code as a SARIF rule.
fn rule(c: Code) -> Value {
    let anchor = match c.family() {
        Family::Load | Family::Config => "what-makes-a-file-invalid",
        Family::Rule => "the-policy-and-check",
        Family::Diff => "diff-and-whatif",
        Family::Import => "importing-from-hr-exports-and-spreadsheets",
    };
    let help_uri = format!("{REPOSITORY}/blob/main/README.md#{anchor}");
    let markdown = format!(
        "**{}** (`{}`)\n\n{}\n\n**How to fix:** {}\n\nSee [the README]({help_uri}).",
        capitalized(c.summary()),
        c.as_str(),
        c.description(),
        c.help()
    );
    let (tags, precision) = match c.family() {
        Family::Load => (json!(["servchain", "org-file"]), "very-high"),
        Family::Config => (json!(["servchain", "configuration"]), "very-high"),
        Family::Rule => (json!(["servchain", "policy"]), "high"),
        Family::Diff => (json!(["servchain", "diff", "regression"]), "high"),
        Family::Import => (json!(["servchain", "import"]), "very-high"),
    };
    let mut configuration = json!({"level": default_level(c)});
    if RULES.iter().any(|r| r.code == c && r.default == Level::Off) {
        // Off unless a policy turns it on; SARIF's level `none` is not "off".
        configuration["enabled"] = json!(false);
    }
    json!({
        "id": c,
        "name": c.pascal_name(),
        "shortDescription": {"text": capitalized(c.summary())},
        "fullDescription": {"text": c.description()},
        "help": {"text": capitalized(c.help()), "markdown": markdown},
        "helpUri": help_uri,
        "defaultConfiguration": configuration,
        "properties": {"tags": tags, "precision": precision},
    })
}

/// The level a code's problems have unless a policy says otherwise.
fn default_level(c: Code) -> &'static str {
    match RULES.iter().find(|r| r.code == c).map(|r| r.default) {
        Some(Level::Error) => "error",
        Some(Level::Warning | Level::Off) => "warning",
        Some(Level::Info) => "note",
        None if matches!(c, Code::NoCustomers | Code::IncludeMatchesNothing) => "warning",
        None => "error",
    }
}

fn result(f: &Findings<'_>, d: &Diagnostic, known: bool, location: Value) -> Value {
    let suppressions = if known {
        json!([{"kind": "external", "justification": "accepted in the servchain baseline"}])
    } else {
        json!([])
    };
    json!({
        "ruleId": d.code,
        "ruleIndex": index(d.code),
        "level": level(d.severity),
        "message": {"text": text(d)},
        "locations": [location],
        "partialFingerprints": {"servchainFingerprint/v1": d.fingerprint()},
        "suppressions": suppressions,
        "baselineState": if f.baseline.is_some() && known { "unchanged" } else { "new" },
    })
}

/// Where a diagnostic points, if it points into a file.
fn location(f: &Findings<'_>, artifacts: &[(String, bool)], d: &Diagnostic) -> Option<Value> {
    let loc = d.loc()?;
    let (uri, base) = artifacts.get(loc.file.0 as usize)?;
    let mut artifact = json!({"uri": uri_escape(uri)});
    if *base {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    let (line, col) = f.sources.line_col(loc);
    let (end_line, end_column) = end(f.sources, loc, (line, col));
    Some(json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_column},
        }
    }))
}

/// The (exclusive) end of a located span; a point covers one character.
fn end(sources: &SourceMap, loc: Loc, (line, col): (u32, u32)) -> (u32, u32) {
    match sources.get(loc.file) {
        Some(file) if loc.len > 0 => {
            let end = file.line_col(loc.offset.saturating_add(loc.len));
            if end > (line, col) { end } else { (line, col + 1) }
        }
        _ => (line, col + 1),
    }
}

fn index(c: Code) -> Option<usize> {
    Code::ALL.iter().position(|&x| x == c)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The message, then the help: GitHub shows only the message beside the
/// line. Display-safe ([`crate::display`]); the fingerprints stay exact.
fn text(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}. {}", one_line(&d.message), capitalized(&one_line(help))),
        None => one_line(&d.message).into_owned(),
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The project root as a `file:` URI ending in `/`, as `originalUriBaseIds` requires.
fn directory_uri(root: &std::path::Path) -> String {
    let path = root.to_string_lossy().replace('\\', "/");
    let path = if path.starts_with('/') { path } else { format!("/{path}") };
    let path = uri_escape(&path);
    if path.ends_with('/') { format!("file://{path}") } else { format!("file://{path}/") }
}

/// A path as a URI reference: forward slashes, and spaces and the like
/// percent-encoded.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
