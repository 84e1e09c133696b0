//! What each phase of `analyze` costs, one at a time, on generated orgs of
//! 1k and 10k departments: reading the file, the two floors (pulling the
//! YAML events with libyaml-safer; deserializing into typed structs with
//! serde-saphyr), parsing and checking it as servchain does,
//! merging and validating the org, building the graph, each analysis, the
//! whole analysis, and every output format.
//!
//!     cargo bench --bench phases
//!
//! The end-to-end figures at 1k to 1M departments, beside the floor and the
//! networkx peer, come from `bench/run.py` (see BENCHMARKS.md).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use servchain::analysis::{Analysis, Components, Dominators, IdOrder, Labels, Reach};
use servchain::graph::ChainGraph;
use servchain::load::phases;
use servchain::report::diagram::{self, Selection};
use servchain::report::{Report, csv, dot, html, json, markdown, mermaid, table};
use servchain::synth::{Shape, org_yaml};
use std::hint::black_box;

const SIZES: [usize; 2] = [1_000, 10_000];

/// The floors, the same as tools/floor.rs uses.
#[path = "../tools/floor_types.rs"]
mod floor_types;

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in SIZES {
        let yaml = org_yaml(Shape::new(n));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("org.yaml");
        std::fs::write(&path, &yaml).unwrap_or_else(|e| panic!("{e}"));
        group.throughput(Throughput::Bytes(yaml.len() as u64));
        group.bench_with_input(BenchmarkId::new("read", n), &path, |b, p| {
            b.iter(|| std::fs::read_to_string(black_box(p)).map(|s| s.len()))
        });
        group.bench_with_input(BenchmarkId::new("pull events (floor)", n), &yaml, |b, y| {
            b.iter(|| floor_types::events(black_box(y)).map_or(0, |n| n))
        });
        group.bench_with_input(BenchmarkId::new("deserialize typed (floor)", n), &yaml, |b, y| {
            b.iter(|| floor_types::read(black_box(y)).map(|f| f.departments.len()))
        });
        group.bench_with_input(BenchmarkId::new("parse and check", n), &yaml, |b, y| {
            b.iter(|| phases::parse(black_box(y)))
        });
        group.bench_with_input(BenchmarkId::new("merge and validate", n), &yaml, |b, y| {
            b.iter_batched(|| phases::parse(y).0, phases::merge, criterion::BatchSize::LargeInput)
        });
        group.bench_with_input(BenchmarkId::new("whole load", n), &yaml, |b, y| {
            b.iter(|| servchain::load::load_str("org.yaml", black_box(y)).map(|l| l.org.departments.len()))
        });
    }
    group.finish();
}

fn analyses(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    for n in SIZES {
        let yaml = org_yaml(Shape::new(n));
        let Ok(loaded) = servchain::load::load_str("org.yaml", &yaml) else { panic!("the generated org loads") };
        let org = &loaded.org;
        let g = ChainGraph::build(org);
        let quality: Vec<f64> = org.handoffs.iter().map(|h| h.quality.unwrap_or(1.0)).collect();
        group.bench_function(BenchmarkId::new("graph build", n), |b| b.iter(|| ChainGraph::build(black_box(org))));
        group.bench_function(BenchmarkId::new("reach and hops", n), |b| b.iter(|| Reach::compute(black_box(&g))));
        let order = IdOrder::compute(org, &g);
        group.bench_function(BenchmarkId::new("chain labels (strength, rolled quality, chains)", n), |b| {
            b.iter(|| Labels::compute(&g, g.customers(), black_box(&quality), &order))
        });
        group.bench_function(BenchmarkId::new("dominators (SPOFs, critical handoffs)", n), |b| {
            b.iter(|| Dominators::compute(black_box(&g)))
        });
        group.bench_function(BenchmarkId::new("components (loops, downstream)", n), |b| {
            b.iter(|| Components::compute(black_box(&g)))
        });
        group.bench_function(BenchmarkId::new("id order", n), |b| b.iter(|| IdOrder::compute(org, &g)));
        group.bench_function(BenchmarkId::new("all figures", n), |b| b.iter(|| Analysis::compute(black_box(org), &g)));
    }
    group.finish();
}

fn outputs(c: &mut Criterion) {
    let mut group = c.benchmark_group("output");
    group.sample_size(20);
    for n in SIZES {
        let yaml = org_yaml(Shape::new(n));
        let Ok(loaded) = servchain::load::load_str("org.yaml", &yaml) else { panic!("the generated org loads") };
        let g = ChainGraph::build(&loaded.org);
        let analysis = Analysis::compute(&loaded.org, &g);
        let r = Report::new(&loaded.org, &g, &analysis);
        let opts = table::TableOptions { top: Some(10), color: false, width: None };
        group.bench_function(BenchmarkId::new("table", n), |b| b.iter(|| table::render(black_box(&r), opts)));
        group.bench_function(BenchmarkId::new("json", n), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                json::write(black_box(&r), &mut out).map(|()| out.len())
            })
        });
        group.bench_function(BenchmarkId::new("csv", n), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                csv::write(black_box(&r), &mut out).map(|()| out.len())
            })
        });
        group.bench_function(BenchmarkId::new("markdown", n), |b| b.iter(|| markdown::render(black_box(&r))));
        group.bench_function(BenchmarkId::new("html", n), |b| b.iter(|| html::render(black_box(&r))));
        group.bench_function(BenchmarkId::new("dot", n), |b| {
            b.iter(|| dot::write(&diagram::build(black_box(&r), Selection::PAGE)))
        });
        group.bench_function(BenchmarkId::new("mermaid", n), |b| {
            b.iter(|| mermaid::write(&diagram::build(black_box(&r), Selection::MERMAID), true))
        });
    }
    group.finish();
}

criterion_group!(benches, loading, analyses, outputs);
criterion_main!(benches);
