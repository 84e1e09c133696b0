//! `servchain graph`: the chain graph as DOT or Mermaid.

use super::{deliver, load_org_for, usage};
use crate::analysis::Analysis;
use crate::cli::{GraphArgs, GraphFormat, GroupBy};
use crate::clip::quote;
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::report::diagram::{self, Selection};
use crate::report::groups::{self, Groups};
use crate::report::{Report, dot, mermaid};
use crate::suggest::Budget as SuggestionBudget;
use std::io;

pub fn run(args: &GraphArgs) -> io::Result<ExitStatus> {
    let loaded = match load_org_for(&args.input, args.output.output.as_deref())? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let org = &loaded.org;
    let selection = match &args.focus {
        // A unit is drawn whole: the selection is the unit, cut below.
        None if args.all || args.unit.is_some() => Selection::All,
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
    let scope = match super::unit_scope(org, args.unit.as_deref())? {
        Ok(scope) => scope,
        Err(status) => return Ok(status),
    };
    let graph = ChainGraph::build(org);
    let analysis = Analysis::compute(org, &graph);
    let report = Report::new(org, &graph, &analysis);
    let mut drawing = diagram::build(&report, selection);
    if let (Selection::Important { .. }, Some(caption)) = (selection, &mut drawing.left_out) {
        caption.push_str(" servchain graph --all draws every department.");
    }
    if let Some(scope) = &scope {
        drawing = groups::only_unit(&report, drawing, scope);
    }
    let groups = args.group_by.map(|GroupBy::Unit| Groups::of(&report, &drawing));
    let text = match args.format {
        GraphFormat::Dot => dot::write_grouped(&drawing, groups.as_ref()),
        GraphFormat::Mermaid => mermaid::write_grouped(&drawing, true, groups.as_ref()),
    };
    deliver(args.output.output.as_deref(), ExitStatus::Success, |out| out.write_all(text.as_bytes()))
}
