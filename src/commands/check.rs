//! `servchain check`: apply the policy, compare with a baseline, write the
//! findings in the chosen format, and exit 0, 1 or 2.

use super::{deliver, load_org_quietly, output, to_stderr};
use crate::analysis::Analysis;
use crate::check::baseline::Baseline;
use crate::check::{self, Policy};
use crate::cli::{CheckArgs, CheckFormat, FailOn};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::exit::ExitStatus;
use crate::graph::ChainGraph;
use crate::load::load_policy_file;
use crate::report::findings::{self, Findings};
use crate::source::SourceMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub fn run(args: &CheckArgs, color: bool) -> io::Result<ExitStatus> {
    let format = args.format;
    let root = super::project_root(&args.input);
    let color = color && format == CheckFormat::Text && args.output.output.is_none();
    let mut loaded = match load_org_quietly(&args.input) {
        Ok(l) => l,
        Err(e) => match guard(args, &Settings::of(args, None), &e.files)? {
            Some(status) => return Ok(status),
            None => return refuse(args, format, &e.diagnostics, &e.sources, color, root.as_deref()),
        },
    };
    // The org loaded, so servchain.toml (if any) did too.
    let config = super::read_config().ok().flatten();
    let settings = Settings::of(args, config.as_ref());
    if let Some(status) = guard(args, &settings, &loaded.files)? {
        return Ok(status);
    }
    // The policy: the org's own sections, then servchain.toml's, then --policy.
    let mut problems = Vec::new();
    let options = super::load_options(&args.input.limits, config.as_ref()).unwrap_or_default();
    let mut extra = Vec::new();
    if let Some(c) = &config {
        extra.extend(c.policy.as_ref().and_then(|p| load_policy_file(p, &options, &mut loaded.sources, &mut problems)));
        if let Some(rules) = &c.rules {
            // Re-read into this run's sources, so its problems show their lines.
            let text = std::fs::read_to_string(&c.file).unwrap_or_default();
            let id = loaded.sources.add(c.file.display().to_string(), text.clone());
            extra.extend(crate::config::parse(&text, id, &c.file).ok().and_then(|c| c.rules).or(Some(rules.clone())));
        }
    }
    extra.extend(args.policy.as_ref().and_then(|p| load_policy_file(p, &options, &mut loaded.sources, &mut problems)));
    let nodes: Vec<_> = loaded.org.policies.iter().map(|p| &p.node).chain(&extra).collect();
    let policy = Policy::read(&nodes, &loaded.org, &mut problems);
    let baseline = match &settings.baseline {
        Some(path) => match Baseline::read(path, &mut loaded.sources) {
            Ok(b) => Some(b),
            Err(d) => {
                problems.push(*d);
                None
            }
        },
        None => None,
    };
    if problems.iter().any(Diagnostic::is_error) {
        crate::diagnostic::sort(&mut problems);
        return refuse(args, format, &problems, &loaded.sources, color, root.as_deref());
    }

    let scope = match super::unit_scope(&loaded.org, args.unit.as_deref())? {
        Ok(scope) => scope,
        Err(status) => return Ok(status),
    };
    let graph = ChainGraph::build(&loaded.org);
    let analysis = Analysis::compute(&loaded.org, &graph);
    let all_found = check::run(&loaded.org, &graph, &analysis, &policy);
    // --unit shows and fails on the unit's findings; the baseline is
    // compared and written whole, so a unit's run prunes nothing.
    let found: Vec<Diagnostic> = match &scope {
        None => all_found.clone(),
        Some(s) => all_found.iter().filter(|d| s.concerns(&loaded.org, &d.subjects)).cloned().collect(),
    };
    let rules_run: Vec<_> = policy.enabled().map(|(rule, _)| rule.code).collect();
    let known: Vec<bool> = found.iter().map(|d| baseline.as_ref().is_some_and(|b| b.contains(d))).collect();
    let view = Findings {
        diagnostics: &found,
        sources: &loaded.sources,
        known,
        // Fixed means gone from the whole org, not merely outside --unit.
        baseline: baseline.as_ref().map(|b| {
            let mut c = b.compare(&found);
            c.fixed = b.compare(&all_found).fixed;
            c
        }),
        load_failed: false,
        color,
        root: root.as_deref(),
        fail_on: settings.fail_on,
        rules_run: &rules_run,
        max_findings: args.max_findings,
    };
    // The exit status is decided before a byte is written (see `deliver`).
    // Writing a baseline accepts every finding in it, stale entries too.
    let failing = args.write_baseline.is_none() && view.new_ones().any(|d| check::fails(d.severity, view.fail_on));
    let stale = match (&baseline, &args.write_baseline) {
        (Some(b), None) if settings.strict_baseline => b.stale(&all_found),
        _ => Vec::new(),
    };
    let status = if failing || !stale.is_empty() { ExitStatus::Findings } else { ExitStatus::Success };
    let status = deliver(args.output.output.as_deref(), status, |out| write(&view, format, out))?;
    if let (Some(line), true) = (view.baseline_line(), format != CheckFormat::Text) {
        // Machine-readable output keeps stdout clean; people see the counts here.
        to_stderr(&format!("servchain check: {line}\n"));
    }
    if let Some(path) = &args.write_baseline {
        // Reasons written in the file being rewritten are kept too.
        let previous = match (&baseline, Baseline::read(path, &mut SourceMap::default())) {
            (Some(b), Ok(old)) => Some(b.clone().or(old)),
            (Some(b), Err(_)) => Some(b.clone()),
            (None, old) => old.ok(),
        };
        let file = Baseline::of(&all_found, previous.as_ref());
        deliver(Some(path), status, |out| crate::display::json::to_writer_pretty(out, &file))?;
        let count = file.findings.len();
        let path = crate::display::one_line(&path.display().to_string()).into_owned();
        to_stderr(&format!("servchain check: wrote {count} findings to the baseline {path}\n"));
    }
    let mut text = String::new();
    for e in &stale {
        let line = format!("the baseline accepts {} ({}), which is no longer found", e.fingerprint, e.rule);
        text.push_str(&format!("error[{}]: {}\n", Code::StaleBaseline, crate::display::one_line(&line)));
    }
    if !stale.is_empty() {
        text.push_str(&format!("  help: {}\n", Code::StaleBaseline.help()));
    }
    to_stderr(&text);
    super::free_in_background((loaded, graph, analysis));
    Ok(status)
}

/// What the run uses: the command line over servchain.toml.
struct Settings {
    policy: Option<PathBuf>,
    baseline: Option<PathBuf>,
    fail_on: Option<Severity>,
    strict_baseline: bool,
}

impl Settings {
    fn of(args: &CheckArgs, config: Option<&crate::config::Config>) -> Settings {
        Settings {
            // For the -o guard: the config's policy is read too.
            policy: args.policy.clone().or_else(|| config.and_then(|c| c.policy.clone())),
            baseline: args.baseline.clone().or_else(|| config.and_then(|c| c.baseline.clone())),
            fail_on: match (args.fail_on, config.and_then(|c| c.fail_on)) {
                (Some(f), _) => fail_on(f),
                (None, Some(f)) => f,
                (None, None) => Some(Severity::Error),
            },
            strict_baseline: args.strict_baseline || config.is_some_and(|c| c.strict_baseline),
        }
    }
}

/// Refuses a report (`-o`) onto an org file, the policy or the baseline, and
/// a baseline written onto an org file or the policy (rewriting the baseline
/// read is what `--write-baseline` is for).
fn guard(args: &CheckArgs, settings: &Settings, org_files: &[PathBuf]) -> io::Result<Option<ExitStatus>> {
    let real = |p: &Option<PathBuf>| p.as_deref().and_then(|p| std::fs::canonicalize(p).ok());
    let mut inputs: Vec<PathBuf> = org_files.iter().cloned().chain(real(&settings.policy)).collect();
    if let Some(status) = output::guard(args.write_baseline.as_deref(), &inputs)? {
        return Ok(Some(status));
    }
    inputs.extend(real(&settings.baseline));
    output::guard(args.output.output.as_deref(), &inputs)
}

/// The org, its policy or its baseline could not be read: the problems in
/// the chosen format, exit 2.
fn refuse(
    args: &CheckArgs,
    format: CheckFormat,
    problems: &[Diagnostic],
    sources: &SourceMap,
    color: bool,
    root: Option<&Path>,
) -> io::Result<ExitStatus> {
    let view = Findings {
        diagnostics: problems,
        sources,
        known: vec![false; problems.len()],
        baseline: None,
        load_failed: true,
        color,
        root,
        fail_on: args.fail_on.map_or(Some(Severity::Error), fail_on),
        rules_run: &[],
        max_findings: args.max_findings,
    };
    if format == CheckFormat::Text {
        // Errors writing to stderr change nothing: the status is 2 either way.
        let _ = write(&view, format, &mut anstream::stderr().lock());
        Ok(ExitStatus::Error)
    } else {
        if format == CheckFormat::Gitlab {
            // Code Quality entries need a place in a file: the rest goes to the job log.
            let text: String = problems
                .iter()
                .filter(|d| d.loc().is_none())
                .map(|d| format!("{}\n\n", crate::diagnostic::render(d, sources)))
                .collect();
            to_stderr(&text);
        }
        deliver(args.output.output.as_deref(), ExitStatus::Error, |out| write(&view, format, out))
    }
}

/// The lowest severity that fails the run.
fn fail_on(f: FailOn) -> Option<Severity> {
    match f {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    }
}

/// The findings in the chosen format.
fn write(f: &Findings<'_>, format: CheckFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        CheckFormat::Text => findings::text::write(f, out),
        CheckFormat::Json => findings::json::write(f, out),
        CheckFormat::Sarif => findings::sarif::write(f, out),
        CheckFormat::Github => findings::github::write(f, out),
        CheckFormat::Junit => findings::junit::write(f, out),
        CheckFormat::Markdown => findings::markdown::write(f, out),
        CheckFormat::Gitlab => findings::gitlab::write(f, out),
    }
}
