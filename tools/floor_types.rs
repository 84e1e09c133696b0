//! The benchmark floor's typed structs: an org file as plain serde types,
//! ids spanned, read with serde-saphyr under servchain's node budget.
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
