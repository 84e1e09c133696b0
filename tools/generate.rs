//! Writes a synthetic org of N departments to stdout, deterministic by seed:
//!
//!     cargo run --release --example generate -- 100000 [SEED] > org.yaml

use std::io::Write;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let parsed = (args.next().map(|n| n.parse::<usize>()), args.next().map(|s| s.parse::<u64>()));
    let (departments, seed) = match parsed {
        (Some(Ok(n)), None) => (n, 1),
        (Some(Ok(n)), Some(Ok(seed))) => (n, seed),
        _ => {
            eprintln!("usage: generate DEPARTMENTS [SEED]");
            return std::process::ExitCode::from(2);
        }
    };
    let shape = servchain::synth::Shape { seed, ..servchain::synth::Shape::new(departments) };
    match std::io::stdout().lock().write_all(servchain::synth::org_yaml(shape).as_bytes()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(_) => std::process::ExitCode::from(2),
    }
}
