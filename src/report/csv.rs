//! `analyze --format csv`: one row per department with its figures, for
//! spreadsheets. RFC 4180 quoting; ids in the chain joined by " > ". No
//! column holds more than one line, so user text is written display-safe
//! ([`crate::display`]): a line break in a name is `\n`, never a raw one.

use super::{HandoffRow, Report};
use std::io::{self, Write};

const HEADER: &[&str] = &[
    "id",
    "name",
    "reaches_customer",
    "cut_off_reason",
    "hops",
    "strength",
    "rolled_quality",
    "lead_time_seconds",
    "weakest_link_from",
    "weakest_link_to",
    "weakest_link_what",
    "weakest_link_quality",
    "weakest_downstream_from",
    "weakest_downstream_to",
    "weakest_downstream_what",
    "weakest_downstream_quality",
    "spof_impact",
    "unrated_on_chain",
    "chain",
];

pub fn write(r: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    line(out, HEADER.iter().map(|h| (*h).to_owned()))?;
    for d in r.departments_by(r.order).into_iter().map(|d| r.department(d)) {
        let num = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
        let mut fields = vec![
            d.id.to_owned(),
            d.name.to_owned(),
            d.reaches_customer.to_string(),
            d.cut_off_reason.unwrap_or("").to_owned(),
            d.hops.map_or(String::new(), |h| h.to_string()),
            num(d.strength),
            num(d.rolled_quality),
            d.lead_time_seconds.map_or(String::new(), |t| {
                if t.subsec_nanos() == 0 { t.as_secs().to_string() } else { t.as_secs_f64().to_string() }
            }),
        ];
        fields.extend(handoff(d.weakest_link.as_ref()));
        fields.extend(handoff(d.weakest_downstream.as_ref()));
        fields.push(d.spof_impact.to_string());
        fields.push(d.unrated_on_chain.map_or(String::new(), |n| n.to_string()));
        fields.push(d.chain.map_or(String::new(), |c| c.join(" > ")));
        line(out, fields.into_iter())?;
    }
    Ok(())
}

fn handoff(h: Option<&HandoffRow<'_>>) -> [String; 4] {
    match h {
        Some(h) => [
            h.from.to_owned(),
            h.to.to_owned(),
            h.what.unwrap_or("").to_owned(),
            h.quality.map_or(String::new(), |q| q.to_string()),
        ],
        None => Default::default(),
    }
}

/// One record, each field written straight out: a field may be a 64 MB
/// name, which CSV keeps whole, so it is not copied on the way.
fn line(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        field(out, &f)?;
    }
    out.write_all(b"\r\n")
}

/// A field, display-safe ([`crate::display`]), quoted when it holds a comma, quote or line break. Text that a
/// spreadsheet would run as a formula gets a leading apostrophe.
pub(crate) fn field(out: &mut dyn Write, f: &str) -> io::Result<()> {
    let f = crate::display::one_line(f);
    let f = f.as_ref();
    let formula = f.starts_with(['=', '+', '@', '\t']) || (f.starts_with('-') && f.parse::<f64>().is_err());
    let quoted = f.contains([',', '"', '\n', '\r']);
    if quoted {
        out.write_all(b"\"")?;
    }
    if formula {
        out.write_all(b"'")?;
    }
    if quoted {
        for (i, part) in f.split('"').enumerate() {
            if i > 0 {
                out.write_all(b"\"\"")?;
            }
            out.write_all(part.as_bytes())?;
        }
        out.write_all(b"\"")
    } else {
        out.write_all(f.as_bytes())
    }
}
