//! `check`'s findings (and an org's load errors, which every format must
//! also carry) in the formats CI platforms read: text, JSON, SARIF 2.1.0,
//! GitHub workflow commands, JUnit XML and Markdown. One view of the
//! findings, one small file per format.

pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::check::baseline::Comparison;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap};
use std::path::Path;

/// What a check run found, ready to write.
#[derive(Debug)]
pub struct Findings<'a> {
    /// Findings, or the diagnostics of an org that could not be loaded.
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a SourceMap,
    /// Per diagnostic: whether a baseline accepts it.
    pub known: Vec<bool>,
    /// How the run compares with its baseline, if one was given.
    pub baseline: Option<Comparison>,
    /// The org could not be loaded: `diagnostics` are load errors.
    pub load_failed: bool,
    /// Text output may use colour.
    pub color: bool,
    /// The project root, which SARIF's `%SRCROOT%` and GitLab's paths are relative to.
    pub root: Option<&'a Path>,
    /// The lowest severity that fails the run (`--fail-on`; `None` for never).
    pub fail_on: Option<Severity>,
    /// The rules that ran (none when the org did not load).
    pub rules_run: &'a [crate::diagnostic::Code],
    /// How many findings the formats people read show (`--max-findings`).
    pub max_findings: Option<usize>,
}

impl Findings<'_> {
    /// The findings a baseline does not accept.
    pub fn new_ones(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().zip(&self.known).filter(|(_, k)| !**k).map(|(d, _)| d)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.new_ones().filter(|d| d.severity == severity).count()
    }

    /// `file:line:col` parts of a diagnostic, if it has a place.
    fn place(&self, d: &Diagnostic) -> Option<(&str, u32, u32)> {
        d.loc().map(|l| {
            let (line, col) = self.sources.line_col(l);
            (self.sources.name(l.file), line, col)
        })
    }

    /// Each source file's path for a CI platform, by file id: relative to the
    /// project root (`true`) when the file lies under it, else as given.
    /// Standard input keeps its name, `<stdin>`.
    fn artifacts(&self) -> Vec<(String, bool)> {
        (0..self.sources.len())
            .map(|i| {
                let name = self.sources.name(FileId(crate::source::to_u32(i)));
                let under_root = std::fs::canonicalize(name).ok().and_then(|real| {
                    let rel = real.strip_prefix(self.root?).ok()?;
                    Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
                });
                match under_root {
                    Some(rel) => (rel, true),
                    None => (name.replace('\\', "/").trim_start_matches("./").to_owned(), false),
                }
            })
            .collect()
    }

    /// "2 new, 3 known, 1 fixed", when there is a baseline.
    pub fn baseline_line(&self) -> Option<String> {
        self.baseline.map(|c| format!("{} new, {} known, {} fixed", c.new, c.known, c.fixed))
    }
}

/// Each finding's name for a CI platform: its fingerprint, which is unique
/// for policy findings; the place is added where it is not (load problems
/// name no ids), so names never depend on the order findings come in.
fn unique_names(f: &Findings<'_>, ds: &[&Diagnostic]) -> Vec<String> {
    let fingerprints: Vec<String> =
        ds.iter().map(|d| d.fingerprint().split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let mut seen = std::collections::BTreeSet::new();
    let repeated: std::collections::BTreeSet<&String> = fingerprints.iter().filter(|fp| !seen.insert(*fp)).collect();
    ds.iter()
        .zip(&fingerprints)
        .map(|(d, fp)| match f.place(d) {
            Some((file, line, col)) if repeated.contains(fp) || d.subjects.is_empty() => {
                let file = file.split_whitespace().collect::<Vec<_>>().join(" ");
                format!("{fp} at {file}:{line}:{col}")
            }
            _ => fp.clone(),
        })
        .collect()
}

/// "… and 12 more: cut-off 10, weak-handoff 2" for the findings not shown.
fn more_line(rest: &[&Diagnostic]) -> Option<String> {
    if rest.is_empty() {
        return None;
    }
    let mut by_rule: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in rest {
        *by_rule.entry(d.code.as_str()).or_default() += 1;
    }
    let counts: Vec<String> = by_rule.iter().map(|(rule, n)| format!("{rule} {n}")).collect();
    Some(format!("… and {} more: {}", rest.len(), counts.join(", ")))
}

/// A list serialized as it is made, one item at a time, so that 300,000
/// load errors in JSON or SARIF never sit in memory all at once as values.
struct Stream<F>(F);

impl<F, I> serde::Serialize for Stream<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// Worst first, then by place: the order CI annotations read best in.
fn worst_first<'a>(f: &'a Findings<'_>) -> Vec<&'a Diagnostic> {
    let mut v: Vec<&Diagnostic> = f.new_ones().collect();
    v.sort_by_key(|d| std::cmp::Reverse(d.severity));
    v
}
