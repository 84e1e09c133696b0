//! `servchain analyze`: load an org, compute every figure, report.

use super::{deliver, load_org_for, to_stderr};
use crate::analysis::Analysis;
use crate::cli::{AnalyzeArgs, AnalyzeFormat, SortBy};
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::report::order::DepartmentOrder;
use crate::report::{Report, csv, html, json, markdown, table};
use std::io;
use std::time::{Duration, Instant};

pub fn run(args: &AnalyzeArgs, color: bool) -> io::Result<ExitStatus> {
    let mut clock = Timings::start(args.timings);
    let loaded = match load_org_for(&args.input, args.output.output.as_deref())? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    clock.lap("load");
    // What was wrong with the files has been shown: their text is needed no
    // more, and at a million departments it is a quarter of a gigabyte.
    let mut loaded = loaded;
    loaded.sources = crate::source::SourceMap::default();
    let scope = match super::unit_scope(&loaded.org, args.unit.as_deref())? {
        Ok(scope) => scope,
        Err(status) => return Ok(status),
    };
    let graph = ChainGraph::build(&loaded.org);
    clock.lap("graph");
    let spinner = super::progress::spinner(
        loaded.org.departments.len() >= super::progress::LARGE_ORG,
        &format!("analyzing {} departments", loaded.org.departments.len()),
    );
    let analysis = Analysis::compute(&loaded.org, &graph);
    super::progress::done(spinner);
    clock.lap("analysis");
    // Figures stay the whole org's; only the lists are cut to the unit.
    let restricted = scope.as_ref().map(|s| s.restrict(&loaded.org, &analysis));
    let report = Report::new(&loaded.org, &graph, restricted.as_ref().unwrap_or(&analysis))
        .with_order(order(args.sort))
        .with_scope(scope.as_ref());
    let top = if args.all { None } else { Some(args.top as usize) };
    // A file gets no colour codes.
    let color = color && args.output.output.is_none();
    let width = super::width::report_width(args.output.output.is_some());
    let status = deliver(args.output.output.as_deref(), ExitStatus::Success, |out| match args.format {
        AnalyzeFormat::Table => {
            out.write_all(table::render(&report, table::TableOptions { top, color, width }).as_bytes())
        }
        AnalyzeFormat::Json => json::write(&report, out),
        AnalyzeFormat::Markdown => out.write_all(markdown::render(&report).as_bytes()),
        AnalyzeFormat::Html => out.write_all(html::render(&report).as_bytes()),
        AnalyzeFormat::Csv => csv::write(&report, out),
    })?;
    clock.lap("report");
    clock.print();
    super::free_in_background((loaded, graph, analysis, restricted));
    Ok(status)
}

fn order(sort: SortBy) -> DepartmentOrder {
    match sort {
        SortBy::Worst => DepartmentOrder::Worst,
        SortBy::Strength => DepartmentOrder::Strength,
        SortBy::Rolled => DepartmentOrder::Rolled,
        SortBy::Hops => DepartmentOrder::Hops,
        SortBy::LeadTime => DepartmentOrder::LeadTime,
        SortBy::Name => DepartmentOrder::Name,
        SortBy::File => DepartmentOrder::File,
    }
}

/// Per-phase wall-clock times, for `--timings`.
struct Timings {
    on: bool,
    start: Instant,
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn start(on: bool) -> Self {
        let now = Instant::now();
        Timings { on, start: now, last: now, laps: Vec::new() }
    }

    fn lap(&mut self, phase: &'static str) {
        let now = Instant::now();
        self.laps.push((phase, now - self.last));
        self.last = now;
    }

    fn print(&self) {
        if !self.on {
            return;
        }
        let mut line = String::from("timings:");
        for (phase, d) in &self.laps {
            line += &format!(" {phase} {:.3}s,", d.as_secs_f64());
        }
        line += &format!(" total {:.3}s\n", self.start.elapsed().as_secs_f64());
        to_stderr(&line);
    }
}
