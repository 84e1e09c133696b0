//! `analyze --format json`: the report of SPEC §4, pretty-printed exactly as
//! serde_json's pretty printer would print it, but streamed: rows are
//! serialized as they are computed, never gathered first. The long sections
//! (departments, weakest links, single points of failure, critical handoffs)
//! are serialized in blocks on every core and written in order, so the
//! output is the same byte for byte however many threads made it.
//! The top-level object is written by hand so that each section can be
//! handed to a different writer; everything inside it is written by
//! [`crate::display::json`], which writes no user text raw.

use super::Report;
use crate::model::DeptIdx;
use serde::{Serialize, Serializer};
use std::io::{self, Write};
use std::time::Duration;

/// The version of this JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// Rows per block handed to one thread.
const BLOCK: usize = 256;
/// Sections shorter than this are written on one thread.
const PARALLEL_FROM: usize = 4 * BLOCK;

/// Writes the whole report.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_with(report, out, crate::threads::available() > 1)
}

fn write_with(report: &Report<'_>, out: &mut dyn Write, parallel: bool) -> io::Result<()> {
    // A buffer, so that the brackets and keys between the sections are not
    // each a write to the output.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut top = Object { out: &mut out, first: true, parallel };
    top.entry("schema_version", &SCHEMA_VERSION)?;
    top.entry("organization", &report.organization())?;
    top.entry("summary", &report.summary())?;
    match report.scope {
        None => top.rows("departments", report.org.departments.len(), |i| report.department(DeptIdx(i as u32)))?,
        Some(_) => {
            let covered: Vec<DeptIdx> = report.covered().collect();
            top.rows("departments", covered.len(), |i| report.department(covered[i]))?
        }
    }
    top.entry("units", &report.units())?;
    top.entry("cut_off", &report.cut_off())?;
    let a = report.analysis;
    top.rows("weakest_links", a.weakest_links.len(), |i| report.weak_link(a.weakest_links[i]))?;
    let spofs = a.single_points_of_failure();
    top.rows("single_points_of_failure", spofs.len(), |i| report.spof(spofs[i]))?;
    let critical = a.critical_handoffs();
    top.rows("critical_handoffs", critical.len(), |i| report.critical(critical[i]))?;
    top.entry("cycles", &report.cycles())?;
    top.entry("feedback_loops", &report.feedback_loops())?;
    let handoffs = report.handoffs_in_order();
    top.rows("handoffs", handoffs.len(), |i| report.handoff_evidence(handoffs[i]))?;
    top.entry("promises", &report.promises())?;
    top.end()?;
    out.flush()
}

/// The report's top-level object, one entry at a time.
struct Object<'w, W: Write> {
    out: &'w mut W,
    first: bool,
    parallel: bool,
}

impl<W: Write> Object<'_, W> {
    fn key(&mut self, key: &str) -> io::Result<()> {
        self.out.write_all(if self.first { b"{\n  " } else { b",\n  " })?;
        self.first = false;
        crate::display::json::write_at(&mut *self.out, 1, key)?;
        self.out.write_all(b": ")
    }

    fn entry(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(key)?;
        crate::display::json::write_at(&mut *self.out, 1, value)
    }

    /// An array entry of `len` rows, row `i` being `row(i)`.
    fn rows<T: Serialize>(&mut self, key: &str, len: usize, row: impl Fn(usize) -> T + Sync) -> io::Result<()> {
        self.key(key)?;
        if len == 0 {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        let blocks = len.div_ceil(BLOCK);
        let make = |b: usize| {
            let mut buf = Vec::with_capacity(BLOCK * 512);
            write_block(&mut buf, b * BLOCK..len.min((b + 1) * BLOCK), &row).map(|()| buf)
        };
        if len < PARALLEL_FROM || !self.parallel {
            (0..blocks).try_for_each(|b| self.out.write_all(&make(b)?))?;
        } else {
            crate::threads::in_order(blocks, &make, |block| self.out.write_all(&block?))?;
        }
        self.out.write_all(b"\n  ]")
    }

    fn end(self) -> io::Result<()> {
        self.out.write_all(b"\n}\n")
    }
}

/// Rows `range` of a level-1 array, each on its own line after a separator.
fn write_block<T: Serialize>(
    out: &mut Vec<u8>,
    range: std::ops::Range<usize>,
    row: &impl Fn(usize) -> T,
) -> io::Result<()> {
    for i in range {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        crate::display::json::append_at(out, 2, &row(i))?;
    }
    Ok(())
}

/// Durations as seconds: a whole number where they are whole.
pub fn seconds<S: Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        None => s.serialize_none(),
        Some(d) if d.subsec_nanos() == 0 => s.serialize_u64(d.as_secs()),
        Some(d) => s.serialize_f64(d.as_secs_f64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::graph::ChainGraph;

    #[test]
    fn blocks_written_in_parallel_read_the_same_as_one_thread() {
        let yaml = crate::synth::org_yaml(crate::synth::Shape::new(3000));
        let org =
            crate::load::load_str("gen.yaml", &yaml).map_err(|e| e.diagnostics).unwrap_or_else(|d| panic!("{d:?}")).org;
        let graph = ChainGraph::build(&org);
        let analysis = Analysis::compute(&org, &graph);
        let report = Report::new(&org, &graph, &analysis);
        let (mut one, mut many) = (Vec::new(), Vec::new());
        write_with(&report, &mut one, false).unwrap_or_else(|e| panic!("{e}"));
        write_with(&report, &mut many, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(report.org.departments.len() > PARALLEL_FROM);
        assert!(one == many, "the outputs differ");
        // And both are exactly what serde_json's own pretty printer writes
        // for the same sections gathered into one struct.
        #[derive(Serialize)]
        struct Whole<'a> {
            schema_version: u32,
            organization: Option<&'a str>,
            summary: super::super::Summary,
            departments: Vec<super::super::DepartmentRow<'a>>,
            units: Vec<super::super::units::UnitRow<'a>>,
            cut_off: Vec<super::super::CutOffRow<'a>>,
            weakest_links: Vec<super::super::WeakLinkRow<'a>>,
            single_points_of_failure: Vec<super::super::SpofRow<'a>>,
            critical_handoffs: Vec<super::super::CriticalRow<'a>>,
            cycles: Vec<Vec<&'a str>>,
            feedback_loops: Vec<Vec<&'a str>>,
            handoffs: Vec<super::super::evidence::HandoffEvidenceRow<'a>>,
            promises: Vec<super::super::promises::PromiseRow<'a>>,
        }
        let whole = Whole {
            schema_version: SCHEMA_VERSION,
            organization: report.organization(),
            summary: report.summary(),
            departments: report.departments().collect(),
            units: report.units(),
            cut_off: report.cut_off(),
            weakest_links: report.weakest_links().collect(),
            single_points_of_failure: report.single_points_of_failure().collect(),
            critical_handoffs: report.critical_handoffs().collect(),
            cycles: report.cycles(),
            feedback_loops: report.feedback_loops(),
            handoffs: report.handoffs_in_order().into_iter().map(|h| report.handoff_evidence(h)).collect(),
            promises: report.promises(),
        };
        let expected = serde_json::to_string_pretty(&whole).unwrap_or_else(|e| panic!("{e}")) + "\n";
        assert!(String::from_utf8_lossy(&one) == expected, "not what serde_json's pretty printer writes");
    }

    #[test]
    fn rows_read_the_same_on_one_thread_and_many_at_any_length() {
        for len in [0, 1, BLOCK - 1, BLOCK, PARALLEL_FROM, 5 * BLOCK + 7] {
            let row = |i: usize| serde_json::json!({ "row": i, "tags": ["a", i.to_string()] });
            let written = |parallel: bool| {
                let mut out = Vec::new();
                let mut top = Object { out: &mut out, first: true, parallel };
                top.rows("rows", len, row).and_then(|()| top.end()).unwrap_or_else(|e| panic!("{e}"));
                out
            };
            let (one, many) = (written(false), written(true));
            assert!(one == many, "length {len}");
            let whole = serde_json::json!({ "rows": (0..len).map(row).collect::<Vec<_>>() });
            let expected = serde_json::to_string_pretty(&whole).unwrap_or_else(|e| panic!("{e}")) + "\n";
            assert!(String::from_utf8_lossy(&one) == expected, "length {len}");
        }
    }
}
