//! `servchain analyze`: load an org, compute every figure, report.

use super::{load_org, output};
use crate::analysis::Analysis;
use crate::cli::{AnalyzeArgs, AnalyzeFormat};
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::report::{Report, json, table};
use std::io;

pub fn run(args: &AnalyzeArgs, color: bool) -> io::Result<ExitStatus> {
    let loaded = match load_org(&args.input)? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let graph = ChainGraph::build(&loaded.org);
    let analysis = Analysis::compute(&loaded.org, &graph);
    let report = Report::new(&loaded.org, &graph, &analysis);
    let bytes = match args.format {
        AnalyzeFormat::Table => {
            let top = if args.all { None } else { Some(args.top) };
            // A file gets no colour codes.
            let color = color && args.output.output.is_none();
            table::render(&report, table::TableOptions { top, color }).into_bytes()
        }
        AnalyzeFormat::Json => {
            let mut buf = Vec::new();
            json::write(&report, &mut buf)?;
            buf
        }
    };
    output::emit(args.output.output.as_deref(), &bytes)?;
    Ok(ExitStatus::Success)
}
