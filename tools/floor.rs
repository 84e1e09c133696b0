//! The benchmark floor: reads an org file and deserializes it into plain typed
//! structs with serde-saphyr (the YAML crate servchain uses, with the same
//! budget), ids spanned, and nothing else: no validation, no graph, no
//! analysis, no report. What servchain's `analyze` costs above this is what it
//! adds to reading the file at all.
//!
//!     cargo run --release --example floor -- org.yaml

mod floor_types;

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
    match floor_types::read(&text) {
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
