//! `check`'s findings (and an org's load errors, which every format must
//! also carry) in the formats CI platforms read: text, JSON, SARIF 2.1.0,
//! GitHub workflow commands, JUnit XML and Markdown. One view of the
//! findings, one small file per format.

pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::check::baseline::Comparison;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;

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
        d.loc().map(|l| (self.sources.name(l.file), l.line, l.col))
    }

    /// "2 new, 3 known, 1 fixed", when there is a baseline.
    pub fn baseline_line(&self) -> Option<String> {
        self.baseline.map(|c| format!("{} new, {} known, {} fixed", c.new, c.known, c.fixed))
    }
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
