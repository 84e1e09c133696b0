//! The benchmark floors: what reading an org file costs before servchain does
//! anything of its own. `events` pulls the file's YAML event stream with
//! libyaml-safer (the parser servchain reads with), marks and all, and
//! nothing else; `cores` does the same on every core, in the pieces
//! servchain's loader reads there (a big file's lists cut into parts, each
//! part alone, then the rest of the file; the scan for the cuts included),
//! so it is the least a big file costs servchain's loader as it is built;
//! its event count adds each piece's own stream and document events;
//! `typed` deserializes it into plain typed structs with serde-saphyr, ids
//! spanned (what a derived-serde loader would cost). No validation, no
//! graph, no analysis, no report.
//!
//!     cargo run --release --example floor -- events org.yaml
//!     cargo run --release --example floor -- cores org.yaml
//!     cargo run --release --example floor -- typed org.yaml

mod floor_types;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, path] = args.as_slice() else {
        eprintln!("usage: floor events|cores|typed ORG.yaml");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let result = match mode.as_str() {
        "events" => floor_types::events(&text).map(|n| format!("{n} events")).map_err(|e| e.to_string()),
        "cores" => on_every_core(&text).map(|n| format!("{n} events")).map_err(|e| e.to_string()),
        "typed" => {
            floor_types::read(&text).map(|o| format!("{} departments", o.departments.len())).map_err(|e| e.to_string())
        }
        _ => Err(format!("unknown floor {mode:?}; use events, cores or typed")),
    };
    match result {
        Ok(said) => {
            println!("{said}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

/// [`floor_types::events`] on every core, over the pieces servchain's
/// loader reads there, in the same order; on one thread for a file the
/// loader reads on one.
fn on_every_core(text: &str) -> Result<usize, libyaml_safer::Error> {
    let Some(servchain::load::phases::Pieces { parts, skeleton }) = servchain::load::phases::pieces(text) else {
        return floor_types::events(text);
    };
    let make = |b: usize| floor_types::events(&text[parts[b].clone()]);
    let mut n = 0;
    servchain::threads::in_order(parts.len(), &make, |pulled| {
        n += pulled?;
        Ok::<(), libyaml_safer::Error>(())
    })?;
    let rest: String = skeleton.iter().map(|r| &text[r.clone()]).collect();
    Ok(n + floor_types::events(&rest)?)
}
