//! Findings as JUnit XML: one test suite per rule, one uniquely named test
//! case per rule and subject, failing for errors and warnings. User text is
//! display-safe ([`crate::display`]) before it is escaped for XML: XML 1.0
//! cannot hold most control characters at all, even as references.

use super::Findings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::display::one_line;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn write(f: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut suites: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in f.new_ones() {
        suites.entry(d.code).or_default().push(d);
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
            let name = if d.subjects.is_empty() { d.code.to_owned() } else { d.subjects.join(" / ") };
            // XML readers fold white space in attributes: fold it first, so
            // that the name read back is the name written.
            let mut name = one_line(&name).split_whitespace().collect::<Vec<_>>().join(" ");
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
                    d.help.as_ref().map_or(String::new(), |h| format!("\nhelp: {}", xml(h)))
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

/// Text for XML content and attributes: display-safe (a no-op on text that
/// already is), then escaped as for HTML.
fn xml(s: &str) -> String {
    crate::report::html::escape(&one_line(s))
}
