//! `analyze --format json`: the report of SPEC §4, pretty-printed exactly as
//! serde_json's pretty printer would print it, but streamed: rows are
//! serialized as they are computed, never gathered first. The long sections
//! (departments, weakest links, single points of failure, critical handoffs)
//! are serialized in blocks on every core and written in order, so the
//! output is the same byte for byte however many threads made it.

use super::Report;
use crate::model::DeptIdx;
use serde::{Serialize, Serializer};
use std::io::{self, Write};
use std::sync::mpsc;
use std::time::Duration;

/// The version of this JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// Rows per block handed to one thread.
const BLOCK: usize = 256;
/// Sections shorter than this are written on one thread.
const PARALLEL_FROM: usize = 4 * BLOCK;

/// Writes the whole report.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_with(report, out, crate::par::threads() > 1)
}

fn write_with(report: &Report<'_>, out: &mut dyn Write, parallel: bool) -> io::Result<()> {
    // A buffer of its own type, so that serde_json's many small writes are
    // inlined copies rather than calls through `dyn Write`.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut top = Object { out: &mut out, first: true, parallel };
    top.entry("schema_version", &SCHEMA_VERSION)?;
    top.entry("organization", &report.organization())?;
    top.entry("summary", &report.summary())?;
    top.rows("departments", report.org.departments.len(), |i| report.department(DeptIdx(i as u32)))?;
    top.entry("cut_off", &report.cut_off())?;
    let a = report.analysis;
    top.rows("weakest_links", a.weakest_links.len(), |i| report.weak_link(a.weakest_links[i]))?;
    let spofs = a.single_points_of_failure();
    top.rows("single_points_of_failure", spofs.len(), |i| report.spof(spofs[i]))?;
    let critical = a.critical_handoffs();
    top.rows("critical_handoffs", critical.len(), |i| report.critical(critical[i]))?;
    top.entry("cycles", &report.cycles())?;
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
        self.out.write_all(if self.first { b"{}\n" } else { b"\n}\n" })
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

/// Serializes blocks of rows on every core, worker `k` taking blocks `k`,
/// `k + workers`, ...; this thread writes them out in order. A few blocks
/// per worker are in flight at most, so memory stays bounded.
fn write_blocks_in_parallel<T: Serialize>(
    out: &mut impl Write,
    len: usize,
    row: &(impl Fn(usize) -> T + Sync),
) -> io::Result<()> {
    let workers = crate::par::threads().max(2);
    let blocks = len.div_ceil(BLOCK);
    std::thread::scope(|s| {
        let receivers: Vec<mpsc::Receiver<io::Result<Vec<u8>>>> = (0..workers)
            .map(|k| {
                let (tx, rx) = mpsc::sync_channel(4);
                s.spawn(move || {
                    for b in (k..blocks).step_by(workers) {
                        let mut buf = Vec::with_capacity(BLOCK * 512);
                        let done = write_block(&mut buf, b * BLOCK..len.min((b + 1) * BLOCK), row).map(|()| buf);
                        // The writer hung up: it failed and needs no more.
                        if tx.send(done).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        for b in 0..blocks {
            match receivers[b % workers].recv() {
                Ok(block) => out.write_all(&block?)?,
                Err(mpsc::RecvError) => return Err(io::Error::other("a report thread stopped early")),
            }
        }
        Ok(())
    })
}

/// Serializes `value` pretty-printed as if nested `level` deep.
fn to_writer_at(out: &mut impl Write, level: usize, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty { level, has_value: false });
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// serde_json's `PrettyFormatter` (two-space indent), starting at a given
/// nesting level so that a row can be serialized apart from its array.
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut n = self.level * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
        // And both are what serde_json's own pretty printer writes.
        let value: serde_json::Value = serde_json::from_slice(&one).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(value["departments"].as_array().map(Vec::len), Some(3000));
        let rows = serde_json::to_string_pretty(&report.departments().collect::<Vec<_>>()).unwrap_or_default();
        let text = String::from_utf8(one).unwrap_or_default();
        assert!(text.contains(&rows.replace('\n', "\n  ")), "departments are not printed as serde_json prints them");
    }
}
