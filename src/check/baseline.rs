//! Baselines: the fingerprints of findings a team has accepted for now, so
//! that CI fails only on new ones. A baseline is a small JSON file, sorted,
//! one entry per fingerprint, each with room for a reason.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Loc, SourceMap};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The version of the baseline file layout.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub servchain_baseline: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    /// Why the finding is accepted, for the humans reading the file.
    #[serde(default)]
    pub reason: String,
}

/// The accepted fingerprints, with their reasons.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    pub entries: BTreeMap<String, Entry>,
}

/// How a run's findings compare with a baseline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Comparison {
    pub new: usize,
    pub known: usize,
    /// Baselined fingerprints no longer found.
    pub fixed: usize,
}

impl Baseline {
    /// Reads a baseline; a file that is not one gives a located diagnostic.
    pub fn read(path: &Path, sources: &mut SourceMap) -> Result<Baseline, Box<Diagnostic>> {
        let name = path.display().to_string();
        // A FIFO named as the baseline must not block the run.
        let text = crate::load::fs::open_regular(path).and_then(std::io::read_to_string).map_err(|e| {
            Box::new(
                Diagnostic::error(Code::InvalidBaseline, format!("cannot read the baseline {name}: {e}"))
                    .help("write one with --write-baseline FILE"),
            )
        })?;
        let parsed: Result<BaselineFile, _> = serde_json::from_str(&text);
        let file = sources.add(name.clone(), text);
        let text = sources.get(file).map_or("", |f| f.text.as_str());
        let at = |line: usize, col: usize| {
            let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
            Loc::new(file, (start + col.saturating_sub(1)).min(text.len()), 1)
        };
        let parsed = parsed.map_err(|e| {
            Box::new(
                Diagnostic::error(Code::InvalidBaseline, format!("{name} is not a servchain baseline: {e}"))
                    .at(at(e.line(), e.column()), "here")
                    .help("a baseline is {\"servchain_baseline\": 1, \"findings\": [{\"fingerprint\": …, \"rule\": …, \"reason\": …}]}; write one with --write-baseline FILE"),
            )
        })?;
        if parsed.servchain_baseline != VERSION {
            return Err(Box::new(
                Diagnostic::error(
                    Code::InvalidBaseline,
                    format!("baseline version {} is not supported", parsed.servchain_baseline),
                )
                .at(at(1, 1), "unsupported version")
                .help(format!(
                    "this servchain reads baseline version {VERSION}; write a new one with --write-baseline"
                )),
            ));
        }
        Ok(Baseline { entries: parsed.findings.into_iter().map(|e| (e.fingerprint.clone(), e)).collect() })
    }

    /// This baseline's entries, with `other`'s added where this has none.
    pub fn or(mut self, other: Baseline) -> Baseline {
        for (fingerprint, entry) in other.entries {
            let mine = self.entries.entry(fingerprint).or_insert_with(|| entry.clone());
            if mine.reason.is_empty() {
                mine.reason = entry.reason;
            }
        }
        self
    }

    /// The entries no finding matches any more, in fingerprint order.
    pub fn stale(&self, findings: &[Diagnostic]) -> Vec<&Entry> {
        let found: BTreeSet<String> = findings.iter().map(Diagnostic::fingerprint).collect();
        self.entries.values().filter(|e| !found.contains(&e.fingerprint)).collect()
    }

    pub fn contains(&self, d: &Diagnostic) -> bool {
        self.entries.contains_key(&d.fingerprint())
    }

    pub fn compare(&self, findings: &[Diagnostic]) -> Comparison {
        let found: BTreeSet<String> = findings.iter().map(Diagnostic::fingerprint).collect();
        let known = found.iter().filter(|f| self.entries.contains_key(*f)).count();
        Comparison {
            new: found.len() - known,
            known,
            fixed: self.entries.keys().filter(|f| !found.contains(*f)).count(),
        }
    }

    /// The baseline of `findings`, keeping the reasons `previous` gave.
    pub fn of(findings: &[Diagnostic], previous: Option<&Baseline>) -> BaselineFile {
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for d in findings {
            let fingerprint = d.fingerprint();
            let reason =
                previous.and_then(|p| p.entries.get(&fingerprint)).map(|e| e.reason.clone()).unwrap_or_default();
            entries.insert(fingerprint.clone(), Entry { fingerprint, rule: d.code.as_str().to_owned(), reason });
        }
        BaselineFile { servchain_baseline: VERSION, findings: entries.into_values().collect() }
    }
}
