//! Times the phases after the load (graph, analysis, the table and JSON
//! reports) several times on one loaded org, so that a 1M-department org is
//! loaded once, not once per measurement (its load takes 20 s):
//!
//!     cargo run --release --example late_phases -- org.yaml [RUNS]
//!
//! Prints each run's times; for a profile, run it under `perf record`: the
//! load's symbols (libyaml, `load::`) are easy to leave aside.

mod org_arg;

use servchain::analysis::Analysis;
use servchain::graph::ChainGraph;
use servchain::report::{Report, json, table};
use std::time::Instant;

fn main() -> std::process::ExitCode {
    let (loaded, runs) = match org_arg::org_and_runs("late_phases") {
        Ok(given) => given,
        Err(code) => return code,
    };
    let org = &loaded.org;
    let json_too = std::env::var_os("LATE_JSON").is_some();
    for run in 0..runs {
        let t = Instant::now();
        let g = ChainGraph::build(org);
        let graph = t.elapsed();
        let t = Instant::now();
        let analysis = Analysis::compute(org, &g);
        let analyzed = t.elapsed();
        let t = Instant::now();
        let report = Report::new(org, &g, &analysis);
        let out = table::render(&report, table::TableOptions { top: Some(10), color: false, width: None });
        let tabled = t.elapsed();
        let mut line = format!(
            "run {run}: graph {:.3}s, analysis {:.3}s, table {:.3}s ({} bytes)",
            graph.as_secs_f64(),
            analyzed.as_secs_f64(),
            tabled.as_secs_f64(),
            out.len()
        );
        if json_too {
            let t = Instant::now();
            let mut sink = std::io::sink();
            if json::write(&report, &mut sink).is_err() {
                return std::process::ExitCode::FAILURE;
            }
            line += &format!(", json {:.3}s", t.elapsed().as_secs_f64());
        }
        println!("{line}");
    }
    std::process::ExitCode::SUCCESS
}
