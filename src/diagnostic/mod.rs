//! One diagnostic type behind every output: what is wrong, how bad it is,
//! where, and how to fix it. Loader errors use it now; policy findings and
//! the JSON, SARIF and other formats build on the same type.

mod code;
mod code_table;
mod render;
pub mod shown;

pub use code::{Code, Family};
pub use render::{render, render_all};

use crate::clip;
use crate::source::Loc;
use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place a diagnostic points at, with a short note about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub loc: Loc,
    pub note: String,
}

/// One problem, located.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// What kind of problem it is; serialized as a stable kebab-case name, e.g. `unknown-key`.
    pub code: Code,
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    /// Where it is wrong. `None` only for problems with no place in any file
    /// (a path on the command line that cannot be read).
    pub primary: Option<Label>,
    /// Other places that explain it (the first definition of a duplicate id).
    pub secondary: Vec<Label>,
    /// How to fix it, when we can say.
    pub help: Option<String>,
    /// For a policy finding: the ids of what it is about (a department, or a
    /// handoff's from, to and what), from which its fingerprint is made.
    pub subjects: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: bounded(message.into()),
            primary: None,
            secondary: Vec::new(),
            help: None,
            subjects: Vec::new(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The ids a finding is about.
    pub fn about(mut self, subjects: Vec<String>) -> Self {
        self.subjects = subjects;
        self
    }

    /// What baselines match on: the code and the ids, nothing else, so a
    /// finding keeps its fingerprint when its message or place changes.
    pub fn fingerprint(&self) -> String {
        if self.subjects.is_empty() {
            self.code.as_str().to_owned()
        } else {
            format!("{}:{}", self.code, self.subjects.join("/"))
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Self::error(code, message) }
    }

    /// Points the diagnostic at `loc`, with a short note shown under the caret.
    pub fn at(mut self, loc: Loc, note: impl Into<String>) -> Self {
        self.primary = Some(Label { loc, note: bounded(note.into()) });
        self
    }

    pub fn also(mut self, loc: Loc, note: impl Into<String>) -> Self {
        self.secondary.push(Label { loc, note: bounded(note.into()) });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(bounded(help.into()));
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help.map(bounded).or(self.help);
        self
    }

    pub fn loc(&self) -> Option<Loc> {
        self.primary.as_ref().map(|l| l.loc)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A message, note or help no longer than [`clip::MESSAGE`]. Values are
/// quoted short where they are quoted ([`clip::quote`]); this only keeps a
/// value quoted whole by mistake from costing gigabytes in every format.
fn bounded(text: String) -> String {
    if text.len() <= clip::MESSAGE { text } else { clip::clip(&text, clip::MESSAGE).into_owned() }
}

/// Sorts diagnostics by place, so a run reads top to bottom through each file.
/// Stable, so problems found at one place keep the order they were found in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.loc().map(|l| (l.file, l.offset)));
}
