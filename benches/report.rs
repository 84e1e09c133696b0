//! How long the reports for people take: the SVG drawing (our own layout)
//! and the whole HTML page, on a generated org of 200 departments drawn in
//! full.

use criterion::{Criterion, criterion_group, criterion_main};
use servchain::analysis::Analysis;
use servchain::graph::ChainGraph;
use servchain::report::diagram::{self, Selection};
use servchain::report::{Report, html, svg};
use servchain::synth::{Shape, org_yaml};
use std::hint::black_box;

fn drawing(c: &mut Criterion) {
    let yaml = org_yaml(Shape::new(200));
    let Ok(loaded) = servchain::load::load_str("bench.yaml", &yaml) else { panic!("the generated org loads") };
    let graph = ChainGraph::build(&loaded.org);
    let analysis = Analysis::compute(&loaded.org, &graph);
    let report = Report::new(&loaded.org, &graph, &analysis);
    let all = diagram::build(&report, Selection::All);
    c.bench_function("svg: lay out and draw 200 departments", |b| b.iter(|| svg::draw(black_box(&all))));
    c.bench_function("html: the whole report of 200 departments", |b| b.iter(|| html::render(black_box(&report))));
}

criterion_group!(benches, drawing);
criterion_main!(benches);
