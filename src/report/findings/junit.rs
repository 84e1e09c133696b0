//! Findings as JUnit XML, as Jenkins' `junit` step and GitLab's test report
//! read it: one test suite per rule that ran, one test case per finding,
//! named by its fingerprint (stable from run to run, never a counter). A
//! finding at or above `--fail-on` is a `<failure>`; one below it is a
//! passing case with the finding in `<system-out>`, so a green job shows no
//! failed tests. A rule with no findings is one passing case, so a clean
//! org is a report of passing tests, never an empty one.

use super::{Findings, unique_names};
use crate::check::fails;
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut suites: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for code in f.rules_run {
        suites.entry(code.as_str()).or_default();
    }
    for d in f.new_ones() {
        suites.entry(d.code.as_str()).or_default().push(d);
    }
    // An org that does not load fails whatever `--fail-on` says (exit 2).
    let failing = |d: &Diagnostic| fails(d.severity, f.fail_on) || (f.load_failed && d.is_error());
    let cases = |ds: &[&Diagnostic]| ds.len().max(1);
    let tests: usize = suites.values().map(|ds| cases(ds)).sum();
    let failures: usize = suites.values().flatten().filter(|d| failing(d)).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="servchain check" tests="{tests}" failures="{failures}" errors="0">"#)?;
    for (rule, ds) in &suites {
        let fails = ds.iter().filter(|d| failing(d)).count();
        writeln!(out, r#"  <testsuite name="{}" tests="{}" failures="{fails}" errors="0">"#, xml(rule), cases(ds))?;
        if ds.is_empty() {
            writeln!(out, r#"    <testcase classname="servchain.{}" name="{}: no findings" />"#, xml(rule), xml(rule))?;
        }
        for (d, name) in ds.iter().zip(unique_names(f, ds)) {
            let place = f.place(d).map_or(String::new(), |(file, line, col)| format!("{file}:{line}:{col}: "));
            // Each line display-safe, then escaped; the help on a line of its own.
            let body = format!(
                "{}{}",
                xml(&format!("{}: {place}{}", d.severity, d.message)),
                d.help.as_ref().map_or(String::new(), |h| format!("\nhelp: {}", xml(h)))
            );
            writeln!(out, r#"    <testcase classname="servchain.{}" name="{}">"#, xml(rule), xml(&name))?;
            if failing(d) {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    d.severity,
                    xml(&d.message),
                    body
                )?;
            } else {
                writeln!(out, "      <system-out>{body}</system-out>")?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Text for XML content and attributes: display-safe (XML 1.0 cannot hold
/// most control characters at all, even as references), then escaped as for HTML.
fn xml(s: &str) -> String {
    crate::report::markup::escape(&crate::display::one_line(s))
}
