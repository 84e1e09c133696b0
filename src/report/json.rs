//! `analyze --format json`: the report of SPEC §4. Departments and weakest
//! links are serialized as they are computed, not gathered first, so that a
//! large org streams out in bounded extra memory.

use super::Report;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::cell::RefCell;
use std::io::Write;
use std::time::Duration;

/// The version of this JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// Writes the whole report as pretty-printed JSON.
pub fn write(report: &Report<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::pretty(out);
    let mut map = ser.serialize_map(None)?;
    map.serialize_entry("schema_version", &SCHEMA_VERSION)?;
    map.serialize_entry("organization", &report.organization())?;
    map.serialize_entry("summary", &report.summary())?;
    map.serialize_entry("departments", &Lazy::new(report.departments()))?;
    map.serialize_entry("cut_off", &report.cut_off())?;
    map.serialize_entry("weakest_links", &Lazy::new(report.weakest_links()))?;
    map.serialize_entry("single_points_of_failure", &Lazy::new(report.single_points_of_failure()))?;
    map.serialize_entry("critical_handoffs", &Lazy::new(report.critical_handoffs()))?;
    map.serialize_entry("cycles", &report.cycles())?;
    SerializeMap::end(map)?;
    out_newline(ser.into_inner())
}

fn out_newline(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"\n")
}

/// A sequence serialized straight from an iterator.
struct Lazy<I>(RefCell<Option<I>>);

impl<I> Lazy<I> {
    fn new(iter: I) -> Self {
        Lazy(RefCell::new(Some(iter)))
    }
}

impl<I> Serialize for Lazy<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(iter) => s.collect_seq(iter),
            None => s.collect_seq(std::iter::empty::<I::Item>()),
        }
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
