//! Times each search of the analysis in the org's numbering and in the
//! local one (breadth-first from the customers, `analysis/local.rs`), side
//! by side in one process, so that a noisy machine affects both alike:
//!
//!     cargo run --release --example locality -- org.yaml [RUNS]
//!
//! Prints the best of RUNS (default 3) per search and numbering.

mod org_arg;

use servchain::analysis::{Components, Dominators, IdOrder, Labels, Local, Reach, lead};
use servchain::graph::ChainGraph;
use std::time::{Duration, Instant};

fn main() -> std::process::ExitCode {
    let (loaded, runs) = match org_arg::org_and_runs("locality") {
        Ok(given) => given,
        Err(code) => return code,
    };
    let org = &loaded.org;
    let g = ChainGraph::build(org);
    let quality: Vec<f64> = org.handoffs.iter().map(|h| h.quality.unwrap_or(1.0) + 0.0).collect();
    let lead: Vec<Option<Duration>> = org.handoffs.iter().map(|h| h.lead_time).collect();
    let order = IdOrder::compute(org, &g);
    let local = Local::new(&g);
    let l = &local.graph;
    let (local_quality, local_lead) =
        (local.handoffs(|h| quality[h.0 as usize]), local.handoffs(|h| lead[h.0 as usize]));
    let local_order = order.local(&local);

    let best = |f: &dyn Fn()| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let lead_time = |g: &ChainGraph, lead: &[Option<Duration>]| drop(lead::shortest(g, g.customers(), lead));
    println!("| search | org numbering | local numbering |\n|---|---:|---:|");
    let row = |name: &str, org: Duration, local: Duration| {
        println!("| {name} | {:.3} s | {:.3} s |", org.as_secs_f64(), local.as_secs_f64());
    };
    row("renumber", Duration::ZERO, best(&|| drop(Local::new(&g))));
    row("reach", best(&|| drop(Reach::compute(&g))), best(&|| drop(Reach::compute(l))));
    row("dominators", best(&|| drop(Dominators::compute(&g))), best(&|| drop(Dominators::compute(l))));
    row("components", best(&|| drop(Components::compute(&g))), best(&|| drop(Components::compute(l))));
    row("lead time", best(&|| lead_time(&g, &lead)), best(&|| lead_time(l, &local_lead)));
    row(
        "chain labels",
        best(&|| drop(Labels::compute(&g, g.customers(), &quality, &order))),
        best(&|| drop(Labels::compute(l, l.customers(), &local_quality, &local_order))),
    );
    row("id order", best(&|| drop(IdOrder::compute(org, &g))), Duration::ZERO);
    std::process::ExitCode::SUCCESS
}
