//! `servchain diff` and `servchain whatif`: compare two analyzed orgs.

use super::{load_org, output, usage};
use crate::analysis::Analysis;
use crate::check::{self, Policy};
use crate::cli::{DiffArgs, DiffFormat, DiffReport, OrgInput, WhatifArgs};
use crate::diagnostic::{Diagnostic, render_all};
use crate::diff::{Diff, Side};
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::load::Loaded;
use crate::model::{Endpoint, Org};
use crate::report::diff as render;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// An org analyzed and checked against its own policy.
struct Analyzed {
    analysis: Analysis,
    findings: Vec<Diagnostic>,
}

/// The org's own policy.
fn policy_of(org: &Org) -> Result<Policy, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let nodes: Vec<_> = org.policies.iter().map(|p| &p.node).collect();
    let policy = Policy::read(&nodes, org, &mut problems);
    if problems.iter().any(Diagnostic::is_error) { Err(problems) } else { Ok(policy) }
}

fn analyze(org: &Org, policy: &Policy) -> Analyzed {
    let graph = ChainGraph::build(org);
    let analysis = Analysis::compute(org, &graph);
    let findings = check::run(org, &graph, &analysis, policy);
    Analyzed { analysis, findings }
}

fn side<'a>(org: &'a Org, a: &'a Analyzed) -> Side<'a> {
    Side { org, analysis: &a.analysis, findings: &a.findings }
}

pub fn diff(args: &DiffArgs) -> io::Result<ExitStatus> {
    let input = |p: &std::path::Path| OrgInput { paths: vec![p.to_path_buf()], limits: args.limits.clone() };
    let old = match load_org(&input(&args.old))? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let new = match load_org(&input(&args.new))? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    let inputs: Vec<_> = old.files.iter().chain(&new.files).cloned().collect();
    if let Some(status) = output::guard(args.report.output.output.as_deref(), &inputs)? {
        return Ok(status);
    }
    let (Ok(po), Ok(pn)) = (checked(&old.org, &old)?, checked(&new.org, &new)?) else { return Ok(ExitStatus::Error) };
    let (a, b) = (analyze(&old.org, &po), analyze(&new.org, &pn));
    let d = Diff::between(&side(&old.org, &a), &side(&new.org, &b));
    let title = format!("{} -> {}", args.old.display(), args.new.display());
    report(&d, &title, &args.report)
}

pub fn whatif(args: &WhatifArgs) -> io::Result<ExitStatus> {
    let loaded = match load_org(&args.input)? {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
    if let Some(status) = output::guard(args.report.output.output.as_deref(), &loaded.files)? {
        return Ok(status);
    }
    let org = &loaded.org;
    let mut remove = BTreeSet::new();
    for id in &args.remove {
        match org.lookup(id) {
            Some(e) => {
                remove.insert(e);
            }
            None => return unknown(org, id),
        }
    }
    let mut cut = BTreeSet::new();
    for pair in &args.cut {
        let Some((from, to)) = pair.split_once(':') else {
            return usage(&format!("--cut {pair:?} is not FROM:TO"), Some("write e.g. --cut it:support".to_owned()));
        };
        let (Some(f), Some(t)) = (org.lookup(from), org.lookup(to)) else {
            return unknown(org, if org.lookup(from).is_none() { from } else { to });
        };
        let Endpoint::Department(f) = f else {
            return usage(&format!("{from:?} is a customer, and customers hand nothing over"), None);
        };
        if !org.handoffs.iter().any(|h| h.from == f && h.to == t) {
            return usage(&format!("{from:?} hands nothing to {to:?}: there is no handoff to cut"), None);
        }
        cut.insert((f, t));
    }
    if remove.is_empty() && cut.is_empty() {
        return usage("say what to take away", Some("--remove ID… and/or --cut FROM:TO…".to_owned()));
    }
    let scenario = org.without(&remove, |h| cut.contains(&(h.from, h.to)));
    // One policy for both sides, read against the whole org: an `except`
    // that names a department the scenario removes is no error.
    let Ok(policy) = checked(org, &loaded)? else { return Ok(ExitStatus::Error) };
    let (a, b) = (analyze(org, &policy), analyze(&scenario, &policy));
    let d = Diff::between(&side(org, &a), &side(&scenario, &b));
    let mut what: Vec<String> = args.remove.iter().map(|id| format!("without {id}")).collect();
    what.extend(args.cut.iter().map(|c| format!("without the handoffs {}", c.replace(':', " -> "))));
    let title = format!("What if: {}", what.join(", "));
    report(&d, &title, &args.report)
}

fn checked(org: &Org, loaded: &Loaded) -> io::Result<Result<Policy, ()>> {
    match policy_of(org) {
        Ok(p) => Ok(Ok(p)),
        Err(problems) => {
            anstream::stderr().write_all(render_all(&problems, &loaded.sources).as_bytes())?;
            Ok(Err(()))
        }
    }
}

fn unknown(org: &Org, id: &str) -> io::Result<ExitStatus> {
    usage(&format!("there is no department or customer {id:?}"), org.suggest_id(id))
}

fn report(d: &Diff, title: &str, args: &DiffReport) -> io::Result<ExitStatus> {
    let text = match args.format {
        DiffFormat::Text => render::text(d, title),
        DiffFormat::Markdown => render::markdown(d, title),
        DiffFormat::Json => render::json(d)?,
    };
    output::emit(args.output.output.as_deref(), |out| out.write_all(text.as_bytes()))?;
    Ok(if args.fail_on_regression && d.regressions() > 0 { ExitStatus::Findings } else { ExitStatus::Success })
}
