//! `servchain diff` and `servchain whatif`: compare two analyzed orgs, read
//! from files, directories or git revisions, with one policy for both.

use super::{deliver, load_options, load_org, output, usage};
use crate::analysis::Analysis;
use crate::check::{self, Policy};
use crate::cli::{DiffArgs, DiffFormat, DiffReport, FailOn, OrgInput, WhatifArgs};
use crate::clip::quote;
use crate::diagnostic::{Diagnostic, Severity, render_all};
use crate::diff::{Diff, Options, Side};
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::load::git::{GitError, Repository};
use crate::load::{self, LoadError, Loaded, load_policy_file};
use crate::model::{Endpoint, Org};
use crate::report::diff::{self as render, View};
use crate::source::SourceMap;
use crate::suggest::Budget as SuggestionBudget;
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// An org analyzed and checked.
struct Analyzed {
    analysis: Analysis,
    findings: Vec<Diagnostic>,
}

fn analyze(org: &Org, policy: &Policy) -> Analyzed {
    let graph = ChainGraph::build(org);
    let analysis = Analysis::compute(org, &graph);
    let findings = check::run(org, &graph, &analysis, policy);
    Analyzed { analysis, findings }
}

fn side<'a>(org: &'a Org, a: &'a Analyzed, sources: &'a SourceMap) -> Side<'a> {
    Side { org, analysis: &a.analysis, findings: &a.findings, sources }
}

/// Where one version of the org is read from.
enum Version {
    Paths(Vec<PathBuf>),
    /// Paths from the repository's top, in a revision's tree.
    Revision(Rc<load::git::Tree>, Vec<PathBuf>),
}

impl Version {
    /// The project root its paths are reported relative to: a revision's is
    /// the repository's top, where its files are named from.
    fn root(&self, args: &DiffArgs) -> Option<PathBuf> {
        match self {
            Version::Paths(paths) => {
                super::project_root(&OrgInput { paths: paths.clone(), limits: args.limits.clone() })
            }
            Version::Revision(tree, _) => Some(tree.top().to_path_buf()),
        }
    }

    fn load(&self, args: &DiffArgs) -> Result<Loaded, LoadError> {
        match self {
            Version::Paths(paths) => {
                super::load_org_quietly(&OrgInput { paths: paths.clone(), limits: args.limits.clone() })
            }
            Version::Revision(tree, paths) => {
                // The working tree's servchain.toml: its `exclude` holds in the
                // revision too (globs from the repository's top, the tree's root).
                let config = super::read_config()?;
                load::load_tree(paths, &load_options(&args.limits, config.as_ref())?, Rc::clone(tree))
            }
        }
    }
}

pub fn diff(args: &DiffArgs) -> io::Result<ExitStatus> {
    let (old, new, title) = match &args.base {
        None => match args.paths.as_slice() {
            [o, n] => (
                Version::Paths(vec![o.clone()]),
                Version::Paths(vec![n.clone()]),
                format!("{} -> {}", o.display(), n.display()),
            ),
            _ => {
                return usage(
                    "diff compares two versions: OLD NEW, or --base REV [--head REV] [PATH…]",
                    Some("e.g. servchain diff old.yaml new.yaml, or servchain diff --base origin/main".to_owned()),
                );
            }
        },
        Some(base) => match revisions(args, base) {
            Ok(v) => v,
            Err(e) => return usage(&e.to_string(), Some(e.help().to_owned())),
        },
    };
    let root = new.root(args);
    // The new version must load: it is what the run judges.
    let new = match new.load(args) {
        Ok(l) => l,
        Err(e) => {
            anstream::stderr().write_all(render_all(&e.diagnostics, &e.sources).as_bytes())?;
            return Ok(ExitStatus::Error);
        }
    };
    // A base that does not load never blocks the commit that fixes it.
    let (old, note) = match old.load(args) {
        Ok(l) => (l, None),
        Err(e) => {
            let errors = e.diagnostics.iter().filter(|d| d.is_error()).count();
            let name = title.split(" -> ").next().unwrap_or("the base");
            let note = format!(
                "The old version ({name}) does not load ({errors} error{}): compared with an empty org, so everything in the new one is new.",
                if errors == 1 { "" } else { "s" }
            );
            let empty =
                Loaded { org: Org::default(), sources: SourceMap::default(), warnings: Vec::new(), files: e.files };
            (empty, Some(note))
        }
    };
    let inputs: Vec<_> = old.files.iter().chain(&new.files).cloned().collect();
    let mut sources = new.sources.clone();
    let Some(policy) = policy(&new.org, &args.report, &args.limits, &mut sources)? else {
        return Ok(ExitStatus::Error);
    };
    if let Some(status) = guard(&args.report, &inputs)? {
        return Ok(status);
    }
    let (a, b) = (analyze(&old.org, &policy), analyze(&new.org, &policy));
    let d = Diff::between(&side(&old.org, &a, &old.sources), &side(&new.org, &b, &new.sources), &options(&args.report));
    let view = View { diff: &d, old: &old.sources, new: &new.sources, title, whatif: false, note, root };
    report(&view, &args.report)
}

/// The two versions of `--base REV [--head REV] [PATH…]`.
fn revisions(args: &DiffArgs, base: &str) -> Result<(Version, Version, String), GitError> {
    let repo = Repository::discover()?;
    // No PATH: servchain.toml's `paths`, as every other command reads, else
    // the current directory. A servchain.toml that does not read is
    // reported when the working tree's version loads.
    let configured = || super::read_config().ok().flatten().map(|c| c.paths).filter(|p| !p.is_empty());
    let given = match args.paths.is_empty() {
        true => configured().unwrap_or_else(|| vec![PathBuf::from(".")]),
        false => args.paths.clone(),
    };
    // In a revision, paths are from the repository's top.
    let in_repo: Vec<PathBuf> = given.iter().map(|p| from_top(&repo, p)).collect();
    let old = Version::Revision(Rc::new(repo.tree(base)?), in_repo.clone());
    let (new, shown) = match &args.head {
        Some(head) => (Version::Revision(Rc::new(repo.tree(head)?), in_repo), head.clone()),
        None => (Version::Paths(given), "the working tree".to_owned()),
    };
    Ok((old, new, format!("{base} -> {shown}")))
}

/// A path as given on the command line, as a path from the repository's top.
fn from_top(repo: &Repository, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        real.strip_prefix(&repo.top).map_or(real.clone(), Path::to_path_buf)
    } else {
        repo.prefix.join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    if out.as_os_str().is_empty() { PathBuf::from(".") } else { out }
}

/// How to read `--policy`: one file, so no exclude globs (which only
/// steer directory walks) can fail.
fn policy_options(limits: &crate::cli::Limits) -> load::LoadOptions {
    load::LoadOptions { max_file_size: limits.max_file_size, root: limits.root.clone(), ..Default::default() }
}

/// The org's own policy and `--policy`, read against `org`; `None` after
/// printing why it cannot be read.
fn policy(
    org: &Org,
    report: &DiffReport,
    limits: &crate::cli::Limits,
    sources: &mut SourceMap,
) -> io::Result<Option<Policy>> {
    let mut problems = Vec::new();
    let extra =
        report.policy.as_ref().and_then(|p| load_policy_file(p, &policy_options(limits), sources, &mut problems));
    let nodes: Vec<_> = org.policies.iter().map(|p| &p.node).chain(extra.as_ref()).collect();
    let policy = Policy::read(&nodes, org, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        anstream::stderr().write_all(render_all(&problems, sources).as_bytes())?;
        return Ok(None);
    }
    Ok(Some(policy))
}

/// Refuses a report (`-o`) onto an org file or the policy.
fn guard(report: &DiffReport, inputs: &[PathBuf]) -> io::Result<Option<ExitStatus>> {
    let policy = report.policy.as_deref().and_then(|p| std::fs::canonicalize(p).ok());
    let inputs: Vec<PathBuf> = inputs.iter().cloned().chain(policy).collect();
    output::guard(report.output.output.as_deref(), &inputs)
}

fn options(r: &DiffReport) -> Options {
    let fail_on = match r.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    Options { tolerance: r.tolerance, lead_time_tolerance: r.lead_time_tolerance, fail_on }
}

pub fn whatif(args: &WhatifArgs) -> io::Result<ExitStatus> {
    let loaded = match load_org(&args.input) {
        Ok(l) => l,
        Err(status) => return Ok(status),
    };
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
    let mut sources = loaded.sources.clone();
    let Some(policy) = policy(org, &args.report, &args.input.limits, &mut sources)? else {
        return Ok(ExitStatus::Error);
    };
    if let Some(status) = guard(&args.report, &loaded.files)? {
        return Ok(status);
    }
    let (a, b) = (analyze(org, &policy), analyze(&scenario, &policy));
    let (o, n) = (side(org, &a, &loaded.sources), side(&scenario, &b, &loaded.sources));
    let mut d = Diff::between(&o, &n, &options(&args.report));
    // The handoffs cut are the scenario, listed as taken away, not as worse.
    d.regressions.retain(|i| i.kind != crate::diff::Kind::HandoffRemoved);
    let name = |id: &str| match org.lookup(id) {
        Some(Endpoint::Department(x)) if *org.department(x).name != *id => format!("{} ({id})", org.department(x).name),
        Some(Endpoint::Customer(c)) if org.customer(c).name != id => format!("{} ({id})", org.customer(c).name),
        _ => id.to_owned(),
    };
    let mut what: Vec<String> = args.remove.iter().map(|id| format!("without {}", name(id))).collect();
    what.extend(
        args.cut
            .iter()
            .filter_map(|c| c.split_once(':'))
            .map(|(f, t)| format!("without the handoffs {} -> {}", name(f), name(t))),
    );
    let title = format!("What if: {}", what.join(", "));
    let view = View {
        diff: &d,
        old: &loaded.sources,
        new: &loaded.sources,
        title,
        whatif: true,
        note: None,
        root: super::project_root(&args.input),
    };
    report(&view, &args.report)
}

fn unknown(org: &Org, id: &str) -> io::Result<ExitStatus> {
    usage(
        &format!("there is no department or customer {}", quote(id)),
        org.suggest_id(id, &mut SuggestionBudget::default()),
    )
}

fn report(v: &View<'_>, args: &DiffReport) -> io::Result<ExitStatus> {
    if let (Some(note), DiffFormat::Json | DiffFormat::Sarif) = (&v.note, args.format) {
        // Machine-readable output keeps stdout clean; people see it here.
        super::to_stderr(&format!("servchain diff: {note}\n"));
    }
    // Decided before writing, so that a reader that stops early changes nothing.
    let status =
        if args.fail_on_regression && v.diff.regressions() > 0 { ExitStatus::Findings } else { ExitStatus::Success };
    deliver(args.output.output.as_deref(), status, |out| match args.format {
        DiffFormat::Text => out.write_all(render::text(v).as_bytes()),
        DiffFormat::Markdown => out.write_all(render::markdown(v).as_bytes()),
        DiffFormat::Json => out.write_all(render::json::json(v)?.as_bytes()),
        DiffFormat::Sarif => render::annotations::sarif(v, out),
        DiffFormat::Github => render::annotations::github(v, out),
    })
}
