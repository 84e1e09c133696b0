//! Findings as JUnit XML: one test suite per rule, one uniquely named test
//! case per rule and subject, failing for errors and warnings.

use super::Findings;
use crate::diagnostic::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut suites: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in f.new_ones() {
        suites.entry(d.code.as_str()).or_default().push(d);
    }
    let failing = |d: &Diagnostic| d.severity != Severity::Info;
    let (tests, failures): (usize, usize) =
        suites.values().fold((0, 0), |(t, fl), ds| (t + ds.len(), fl + ds.iter().filter(|d| failing(d)).count()));
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="servchain check" tests="{tests}" failures="{failures}">"#)?;
    for (rule, ds) in &suites {
        let fails = ds.iter().filter(|d| failing(d)).count();
        writeln!(out, r#"  <testsuite name="{}" tests="{}" failures="{fails}">"#, xml(rule), ds.len())?;
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for d in ds {
            let name = if d.subjects.is_empty() { d.code.as_str().to_owned() } else { d.subjects.join(" / ") };
            // XML readers fold line breaks in attributes: fold them first.
            let mut name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            // Names must be unique within a suite even if two findings share subjects.
            let n = seen.entry(name.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                name = format!("{name} #{n}");
            }
            let place = f.place(d).map_or(String::new(), |(file, line, col)| format!("{file}:{line}:{col}: "));
            write!(out, r#"    <testcase classname="servchain.{}" name="{}""#, xml(rule), xml(&name))?;
            if let Some((file, line, _)) = f.place(d) {
                write!(out, r#" file="{}" line="{line}""#, xml(file))?;
            }
            if failing(d) {
                writeln!(out, ">")?;
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}{}{}</failure>"#,
                    d.severity,
                    xml(&d.message),
                    xml(&place),
                    xml(&d.message),
                    d.help.as_ref().map_or(String::new(), |h| xml(&format!("\nhelp: {h}")))
                )?;
                writeln!(out, "    </testcase>")?;
            } else {
                writeln!(out, " />")?;
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Text for XML: escaped as for HTML, less the control characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let allowed = |c: &char| (*c as u32) >= 0x20 || matches!(c, '\n' | '\t' | '\r');
    crate::report::html::escape(&s.chars().filter(allowed).collect::<String>())
}
