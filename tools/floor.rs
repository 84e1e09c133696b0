//! The benchmark floor: reads an org file and deserializes it into plain typed
//! structs with serde-saphyr (the YAML crate servchain uses, with the same
//! budget), ids spanned, and nothing else: no validation, no graph, no
//! analysis, no report. What servchain's `analyze` costs above this is what it
//! adds to reading the file at all.
//!
//!     cargo run --release --example floor -- org.yaml

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read to be paid for, never looked at
struct Org {
    version: Option<u32>,
    organization: Option<String>,
    #[serde(default)]
    customers: Vec<Customer>,
    #[serde(default)]
    departments: Vec<Department>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Customer {
    id: Spanned<String>,
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Department {
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
struct Handoff {
    to: Spanned<String>,
    what: Option<String>,
    quality: Option<f64>,
    lead_time: Option<String>,
}

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: floor ORG.yaml");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    // The same budget servchain sets, so that large files are not refused.
    let nodes = text.len().saturating_add(1_000_000);
    let budget = serde_saphyr::budget! {
        max_nodes: nodes,
        max_events: nodes.saturating_mul(3),
        max_total_scalar_bytes: text.len().saturating_add(16 << 20),
    };
    let options = serde_saphyr::options! { budget: budget };
    match serde_saphyr::from_str_with_options::<Org>(&text, options) {
        Ok(org) => {
            println!("{} departments", org.departments.len());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
