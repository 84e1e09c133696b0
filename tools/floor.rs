//! The benchmark floors: what reading an org file costs before servchain does
//! anything of its own. `events` pulls the file's YAML event stream with
//! libyaml-safer (the parser servchain reads with), marks and all, and
//! nothing else; `typed` deserializes it into plain typed structs with
//! serde-saphyr, ids spanned (what a derived-serde loader would cost). No
//! validation, no graph, no analysis, no report.
//!
//!     cargo run --release --example floor -- events org.yaml
//!     cargo run --release --example floor -- typed org.yaml

mod floor_types;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, path] = args.as_slice() else {
        eprintln!("usage: floor events|typed ORG.yaml");
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
        "typed" => {
            floor_types::read(&text).map(|o| format!("{} departments", o.departments.len())).map_err(|e| e.to_string())
        }
        _ => Err(format!("unknown floor {mode:?}; use events or typed")),
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
