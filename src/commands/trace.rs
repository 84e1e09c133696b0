//! `servchain trace`: one department's chains to the customer.

use super::{deliver, load_org, output, usage};
use crate::analysis::{self, Analysis};
use crate::cli::{TraceArgs, TraceFormat};
use crate::clip::quote;
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::model::Endpoint;
use crate::model::Org;
use crate::report::{Report, trace};
use crate::suggest::{Budget as SuggestionBudget, did_you_mean_id};
use std::io;

pub fn run(args: &TraceArgs, color: bool) -> io::Result<ExitStatus> {
    let (input, department) = (&args.input(), args.department.as_str());
    // `trace DEPARTMENT PATH`: the order is easy to get wrong.
    if std::path::Path::new(department).exists() && input.paths.iter().any(|p| p.as_os_str() != "-" && !p.exists()) {
        let paths: Vec<String> = input.paths.iter().map(|p| p.display().to_string()).collect();
        return usage(
            &format!("{department:?} is a file, and trace takes the department last"),
            Some(format!("servchain trace {department} {}", paths.join(" "))),
        );
    }
    let loaded = match load_org(input) {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    if let Some(status) = output::guard(args.output.output.as_deref(), &loaded.files)? {
        return Ok(status);
    }
    let org = &loaded.org;
    let d = match org.lookup(department) {
        Some(Endpoint::Department(d)) => d,
        Some(Endpoint::Customer(_)) => {
            return usage(
                &format!("{department:?} is a customer; trace follows a department's chains to the customers"),
                Some(format!("name a department, and add --to {department} to see only the chains that end there")),
            );
        }
        None => {
            let ids = org.departments.iter().map(|d| (d.id.as_str(), &*d.name));
            let hint = did_you_mean_id(department, ids, &mut SuggestionBudget::default());
            return usage(&format!("there is no department {} in this org", quote(department)), hint);
        }
    };
    let to = match &args.to {
        None => None,
        Some(c) => match org.lookup(c) {
            Some(e @ Endpoint::Customer(_)) => Some(e),
            Some(Endpoint::Department(_)) => {
                return usage(&format!("--to {c:?} is a department; name a customer"), None);
            }
            None => {
                let ids = org.customers.iter().map(|c| (c.id.as_str(), c.name.as_str()));
                let hint = did_you_mean_id(c, ids, &mut SuggestionBudget::default())
                    .or_else(|| Some(format!("the customers are: {}", customer_ids(org))));
                return usage(&format!("there is no customer {} in this org", quote(c)), hint);
            }
        },
    };
    let graph = ChainGraph::build(org);
    let analysis = Analysis::compute(org, &graph);
    let report = Report::new(org, &graph, &analysis);
    let found = analysis::strongest_chains(org, &graph, &analysis, d, to.map(|c| graph.node(c)), args.limit as usize);
    let text = match args.format {
        TraceFormat::Text => trace::text(&report, d, &found, to, color && args.output.output.is_none()),
        TraceFormat::Json => trace::json(&report, d, &found, to)?,
    };
    deliver(args.output.output.as_deref(), ExitStatus::Success, |out| out.write_all(text.as_bytes()))
}

fn customer_ids(org: &Org) -> String {
    org.customers.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
}
