//! `analyze --format json`: the report of SPEC §4, pretty-printed exactly as
//! serde_json's pretty printer would print it, but streamed: rows are
//! serialized as they are computed, never gathered first. The long sections
//! (departments, weakest links, single points of failure, critical handoffs)
//! are serialized in blocks on every core and written in order, so the
//! output is the same byte for byte however many threads made it.
//! The top-level object is written by hand so that each section can be
//! handed to a different writer; everything inside it is serde_json's, with
//! the formatter that writes no user text raw ([`crate::display::json`]).

use super::Report;
use crate::display::json::Pretty;
use crate::model::DeptIdx;
use serde::{Serialize, Serializer};
use serde_json::ser::Formatter;
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
    // A buffer of its own type, so that serde_json's many small writes are
    // inlined copies rather than calls through `dyn Write`.
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
        serde_json::to_writer(&mut *self.out, key)?;
        self.out.write_all(b": ")
    }

    fn entry(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(key)?;
        to_writer_at(&mut *self.out, 1, value)
    }

    /// An array entry of `len` rows, row `i` being `row(i)`.
    fn rows<T: Serialize>(&mut self, key: &str, len: usize, row: impl Fn(usize) -> T + Sync) -> io::Result<()> {
        self.key(key)?;
        if len == 0 {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        if len < PARALLEL_FROM || !self.parallel {
            write_block(&mut *self.out, 0..len, &row)?;
        } else {
            write_blocks_in_parallel(&mut *self.out, len, &row)?;
        }
        self.out.write_all(b"\n  ]")
    }

    fn end(self) -> io::Result<()> {
        self.out.write_all(b"\n}\n")
    }
}

/// Rows `range` of a level-1 array, each on its own line after a separator.
fn write_block<T: Serialize>(
    out: &mut impl Write,
    range: std::ops::Range<usize>,
    row: &impl Fn(usize) -> T,
) -> io::Result<()> {
    for i in range {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        to_writer_at(&mut *out, 2, &row(i))?;
    }
    Ok(())
}

/// Serializes blocks of rows on every core and writes them in order.
fn write_blocks_in_parallel<T: Serialize>(
    out: &mut impl Write,
    len: usize,
    row: &(impl Fn(usize) -> T + Sync),
) -> io::Result<()> {
    let make = |b: usize| {
        let mut buf = Vec::with_capacity(BLOCK * 512);
        write_block(&mut buf, b * BLOCK..len.min((b + 1) * BLOCK), row).map(|()| buf)
    };
    crate::threads::in_order(len.div_ceil(BLOCK), &make, |block| out.write_all(&block?))
}

/// Serializes `value` pretty-printed as if nested `level` deep: serde_json's
/// own `PrettyFormatter` (in [`Pretty`]), brought to that depth by opening
/// `level` arrays on a sink (it has no other way to start deeper).
fn to_writer_at(out: &mut impl Write, level: usize, value: &impl Serialize) -> io::Result<()> {
    let mut pretty = Pretty::default();
    for _ in 0..level {
        pretty.begin_array(&mut io::sink())?;
    }
    let mut ser = serde_json::Serializer::with_formatter(out, pretty);
    value.serialize(&mut ser).map_err(io::Error::from)
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
    fn parallel_blocks_match_one_block_at_any_length() {
        for len in [1, BLOCK - 1, BLOCK, 3 * BLOCK + 7] {
            let row = |i: usize| serde_json::json!({ "row": i, "tags": ["a", i.to_string()] });
            let (mut one, mut many) = (Vec::new(), Vec::new());
            write_block(&mut one, 0..len, &row).unwrap_or_else(|e| panic!("{e}"));
            write_blocks_in_parallel(&mut many, len, &row).unwrap_or_else(|e| panic!("{e}"));
            assert!(one == many, "length {len}");
            assert_eq!(one.iter().filter(|&&b| b == b'{').count(), len);
        }
    }
}
