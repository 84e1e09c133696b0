//! How many diagnostics a person is shown. A file with 300,000 unknown keys
//! must not print 100 MB to a terminal or a CI log: after
//! [`SHOWN_PER_CODE`] diagnostics of one code in one file, the rest are
//! summed up in one line. Counts, the exit status and the formats read by
//! programs (check's JSON, SARIF and JUnit) still carry every one.

use super::{Code, Diagnostic, Severity};
use crate::source::{FileId, SourceMap};
use std::collections::HashMap;

/// Diagnostics of one code in one file shown before the rest are summed up.
pub const SHOWN_PER_CODE: usize = 200;

/// Diagnostics of one code in one file that were not shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Omitted {
    pub code: Code,
    /// The severity of the first one left out.
    pub severity: Severity,
    /// `None` for diagnostics with no place in a file.
    pub file: Option<FileId>,
    pub count: usize,
}

impl Omitted {
    /// `299800 more unknown-key errors in keys.yaml are not shown`.
    pub fn sentence(&self, sources: &SourceMap) -> String {
        let what = match (self.severity, self.count) {
            (Severity::Info, _) => "infos",
            (Severity::Warning, 1) => "warning",
            (Severity::Warning, _) => "warnings",
            (Severity::Error, 1) => "error",
            (Severity::Error, _) => "errors",
        };
        let place = self.file.map_or(String::new(), |f| format!(" in {}", sources.name(f)));
        let verb = if self.count == 1 { "is" } else { "are" };
        format!("{} more {} {what}{place} {verb} not shown", self.count, self.code)
    }
}

/// The diagnostics to show, in the order given, and what was left out, in
/// the order of the first diagnostic left out of each (code, file).
pub fn for_people<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> (Vec<&'a Diagnostic>, Vec<Omitted>) {
    // Per (code, file): how many were seen, and where in `omitted` the rest are counted.
    type Key = (Code, Option<FileId>);
    let mut seen: HashMap<Key, (usize, Option<usize>)> = HashMap::new();
    let mut shown = Vec::new();
    let mut omitted: Vec<Omitted> = Vec::new();
    for d in diags {
        let file = d.loc().map(|l| l.file);
        let (n, slot) = seen.entry((d.code, file)).or_insert((0, None));
        *n += 1;
        if *n <= SHOWN_PER_CODE {
            shown.push(d);
        } else if let Some(o) = slot.and_then(|i| omitted.get_mut(i)) {
            o.count += 1;
        } else {
            *slot = Some(omitted.len());
            omitted.push(Omitted { code: d.code, severity: d.severity, file, count: 1 });
        }
    }
    (shown, omitted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Loc;

    #[test]
    fn past_the_limit_each_code_in_each_file_is_summed_up() {
        let mut sources = SourceMap::default();
        let (a, b) = (sources.add("a.yaml".into(), String::new()), sources.add("b.yaml".into(), String::new()));
        let at = |file, code| Diagnostic::error(code, "x").at(Loc::file_start(file), "here");
        let mut diags: Vec<Diagnostic> = (0..SHOWN_PER_CODE + 5).map(|_| at(a, Code::UnknownKey)).collect();
        diags.extend((0..SHOWN_PER_CODE + 1).map(|_| at(b, Code::UnknownKey)));
        diags.extend((0..10).map(|_| at(a, Code::WrongType)));
        let (shown, omitted) = for_people(&diags);
        assert_eq!(shown.len(), 2 * SHOWN_PER_CODE + 10);
        let lines: Vec<String> = omitted.iter().map(|o| o.sentence(&sources)).collect();
        assert_eq!(
            lines,
            ["5 more unknown-key errors in a.yaml are not shown", "1 more unknown-key error in b.yaml is not shown"]
        );
    }
}
