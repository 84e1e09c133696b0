//! `servchain graph`: the chain graph as DOT or Mermaid.

use super::{deliver, load_org_for, usage};
use crate::analysis::Analysis;
use crate::cli::{GraphArgs, GraphFormat};
use crate::clip::quote;
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::load::SuggestionBudget;
use crate::report::diagram::{self, Selection};
use crate::report::{Report, dot, mermaid};
use std::io;

pub fn run(args: &GraphArgs) -> io::Result<ExitStatus> {
    let loaded = match load_org_for(&args.input, args.output.output.as_deref())? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let org = &loaded.org;
    let selection = match &args.focus {
        None if args.all => Selection::All,
        None if args.format == GraphFormat::Mermaid => Selection::MERMAID,
        None => Selection::PAGE,
        Some(id) => match org.lookup(id) {
            Some(on) => Selection::Focus { on, depth: args.depth },
            None => {
                let hint = org.suggest_id(id, &mut SuggestionBudget::default());
                return usage(&format!("there is no department or customer {} to focus on", quote(id)), hint);
            }
        },
    };
    let graph = ChainGraph::build(org);
    let analysis = Analysis::compute(org, &graph);
    let report = Report::new(org, &graph, &analysis);
    let mut drawing = diagram::build(&report, selection);
    if let (Selection::Important { .. }, Some(caption)) = (selection, &mut drawing.left_out) {
        caption.push_str(" servchain graph --all draws every department.");
    }
    let text = match args.format {
        GraphFormat::Dot => dot::write(&drawing),
        GraphFormat::Mermaid => mermaid::write(&drawing, true),
    };
    deliver(args.output.output.as_deref(), ExitStatus::Success, |out| out.write_all(text.as_bytes()))
}
