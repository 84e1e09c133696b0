//! The benchmark floors: the YAML event stream pulled with libyaml-safer and
//! nothing else, and an org file as plain serde types, ids spanned, read with
//! serde-saphyr under a node budget that admits large files.
//! Shared by tools/floor.rs and benches/phases.rs.

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read to be paid for, never looked at
pub struct Org {
    version: Option<u32>,
    organization: Option<String>,
    #[serde(default)]
    customers: Vec<Customer>,
    #[serde(default)]
    pub departments: Vec<Department>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Customer {
    id: Spanned<String>,
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Department {
    id: Spanned<String>,
    name: Option<String>,
    lead: Option<String>,
    headcount: Option<u64>,
    #[serde(default)]
    tags: Vec<String>,
    description: Option<String>,
    #[serde(default)]
    serves: Vec<Handoff>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Handoff {
    to: Spanned<String>,
    what: Option<String>,
    quality: Option<f64>,
    lead_time: Option<String>,
}

/// Deserializes `text` as the floor does.
pub fn read(text: &str) -> Result<Org, serde_saphyr::Error> {
    // The same budget servchain sets, so that large files are not refused.
    let nodes = text.len().saturating_add(1_000_000);
    let budget = serde_saphyr::budget! {
        max_nodes: nodes,
        max_events: nodes.saturating_mul(3),
        max_total_scalar_bytes: text.len().saturating_add(16 << 20),
    };
    serde_saphyr::from_str_with_options::<Org>(text, serde_saphyr::options! { budget: budget })
}

/// Pulls every event of `text` with libyaml-safer, touching each event's
/// marks and scalar, and counts them.
pub fn events(text: &str) -> Result<usize, libyaml_safer::Error> {
    let mut parser = libyaml_safer::Parser::new();
    // In 64 KB pieces, as servchain reads: given the whole text at once,
    // libyaml-safer decodes all of it into a queue of chars first.
    parser.set_input(std::io::BufReader::with_capacity(64 << 10, text.as_bytes()));
    let mut n = 0usize;
    let mut sum = 0u64;
    loop {
        let event = parser.parse()?;
        sum = sum.wrapping_add(event.start_mark.index ^ event.end_mark.index);
        n += 1;
        match event.data {
            libyaml_safer::EventData::StreamEnd => break,
            libyaml_safer::EventData::Scalar { value, .. } => sum = sum.wrapping_add(value.len() as u64),
            _ => {}
        }
    }
    std::hint::black_box(sum);
    Ok(n)
}
