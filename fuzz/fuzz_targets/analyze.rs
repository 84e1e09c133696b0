//! Structured random orgs through everything: load, analyze, every report
//! and graph format, check in every format, trace, whatif and diff.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use servchain::analysis::Analysis;
use servchain::check::{self, Policy};
use servchain::diff::{Diff, Side};
use servchain::graph::ChainGraph;
use servchain::model::{DeptIdx, Endpoint};
use servchain::report::diagram::{self, Selection};
use servchain::report::findings::{self, Findings};
use servchain::report::{Report, csv, document, dot, html, json, markdown, mermaid, table, trace};
use std::collections::BTreeSet;

#[derive(Arbitrary, Debug)]
struct Org {
    customers: u8,
    departments: Vec<Dept>,
    policy: Option<(u8, u8)>,
}

#[derive(Arbitrary, Debug)]
struct Dept {
    name: Option<String>,
    lead: bool,
    serves: Vec<Handoff>,
}

#[derive(Arbitrary, Debug)]
struct Handoff {
    to: u8,
    what: Option<u8>,
    quality: Option<u8>,
    lead_hours: Option<u16>,
}

fn yaml(o: &Org) -> String {
    let customers = (o.customers % 4) as usize;
    let n = o.departments.len().min(40);
    let mut y = String::new();
    if customers > 0 {
        y += "customers:\n";
        for c in 0..customers {
            y += &format!("  - id: c{c}\n");
        }
    }
    y += "departments:\n";
    for (i, d) in o.departments.iter().take(n).enumerate() {
        y += &format!("  - id: d{i}\n");
        if let Some(name) = &d.name {
            y += &format!("    name: {:?}\n", name.replace(['\n', '\r'], " "));
        }
        if d.lead {
            y += "    lead: Someone\n";
        }
        y += "    serves:\n";
        for h in d.serves.iter().take(6) {
            let targets = n + customers.max(1);
            let t = h.to as usize % targets;
            let to = if t < n {
                format!("d{t}")
            } else if customers == 0 {
                "customer".into()
            } else {
                format!("c{}", t - n)
            };
            y += &format!("      - to: {to}\n");
            if let Some(w) = h.what {
                y += &format!("        what: w{}\n", w % 3);
            }
            if let Some(q) = h.quality {
                y += &format!("        quality: {}%\n", q % 101);
            }
            if let Some(l) = h.lead_hours {
                y += &format!("        lead_time: {}h\n", l);
            }
        }
    }
    if let Some((rule, threshold)) = o.policy {
        let id = check::RULES[rule as usize % check::RULES.len()].id();
        y += &format!("policy:\n  rules:\n    {id}: {{severity: warning, threshold: {}}}\n", threshold);
    }
    y
}

fuzz_target!(|o: Org| {
    let text = yaml(&o);
    let Ok(loaded) = servchain::load::load_str("fuzz.yaml", &text) else { return };
    let org = &loaded.org;
    let g = ChainGraph::build(org);
    let a = Analysis::compute(org, &g);
    let r = Report::new(org, &g, &a);
    let mut sink = Vec::new();
    let _ = table::render(&r, table::TableOptions { top: Some(3), color: true, width: Some(40) });
    let _ = document::build(&r, None);
    let _ = json::write(&r, &mut sink);
    let _ = csv::write(&r, &mut sink);
    let _ = markdown::render(&r);
    let _ = html::render(&r);
    let d = diagram::build(&r, Selection::All);
    let _ = (dot::write(&d), mermaid::write(&d, true));
    if let Some(first) = org.departments.first() {
        if let Some(Endpoint::Department(x)) = org.lookup(&first.id) {
            let found = servchain::analysis::strongest_chains(org, &g, &a, x, None, 3);
            let _ = trace::text(&r, x, &found, None, true);
            let _ = trace::json(&r, x, &found, None);
            let _ = diagram::build(&r, Selection::Focus { on: Endpoint::Department(x), depth: 1 });
        }
    }
    let mut problems = Vec::new();
    let nodes: Vec<_> = org.policies.iter().map(|p| &p.node).collect();
    let policy = Policy::read(&nodes, org, &mut problems);
    let found = check::run(org, &g, &a, &policy);
    type Writer = fn(&Findings<'_>, &mut dyn std::io::Write) -> std::io::Result<()>;
    let writers: [Writer; 7] = [
        findings::text::write,
        findings::json::write,
        findings::sarif::write,
        findings::github::write,
        findings::junit::write,
        findings::markdown::write,
        findings::gitlab::write,
    ];
    for write in writers {
        let view = Findings {
            diagnostics: &found,
            sources: &loaded.sources,
            known: vec![false; found.len()],
            baseline: None,
            load_failed: false,
            color: false,
            root: None,
            fail_on: Some(servchain::diagnostic::Severity::Error),
            rules_run: &[],
            max_findings: Some(3),
        };
        let _ = write(&view, &mut sink);
    }
    let remove: BTreeSet<Endpoint> = [Endpoint::Department(DeptIdx(0))].into_iter().collect();
    let scenario = org.without(&remove, |_| false);
    let g2 = ChainGraph::build(&scenario);
    let a2 = Analysis::compute(&scenario, &g2);
    let f2 = check::run(&scenario, &g2, &a2, &policy);
    let sources = &loaded.sources;
    let diff = Diff::between(
        &Side { org, analysis: &a, findings: &found, sources },
        &Side { org: &scenario, analysis: &a2, findings: &f2, sources },
        &servchain::diff::Options::default(),
    );
    let view = servchain::report::diff::View {
        diff: &diff,
        old: sources,
        new: sources,
        title: "fuzz".to_owned(),
        whatif: true,
        note: None,
        root: None,
    };
    let _ = servchain::report::diff::text(&view);
    let _ = servchain::report::diff::markdown(&view);
    let _ = servchain::report::diff::json::json(&view);
    let _ = servchain::report::diff::annotations::sarif(&view, &mut sink);
    let _ = servchain::report::diff::annotations::github(&view, &mut sink);
});
