//! The CI commands' arguments: `check`, `diff` and `whatif`.

use super::{Limits, OrgInput, OutputArgs};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: OrgInput,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// The lowest severity that fails the run (exit 1) [default: servchain.toml's `fail-on`, else error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Rules from this file (its `policy:` section, or the whole file), over the org's own.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// Accept the findings listed in this baseline: they are reported as known and fail nothing.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Show at most N findings in the formats people read (text, markdown,
    /// github), worst first, then the rest counted by rule.
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,

    /// Fail (exit 1) when the baseline holds entries that no longer match a finding.
    #[arg(long)]
    pub strict_baseline: bool,

    /// Write the current findings as a baseline to FILE (then exit 0).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Report only the findings about this unit's departments (its
    /// sub-units' included); the policy still runs on the whole org, and
    /// baselines are compared and written whole.
    #[arg(long, value_name = "ID")]
    pub unit: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// For a terminal: each finding with its source line.
    Text,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
    /// For a job summary or a pull request comment.
    Markdown,
    /// GitLab Code Quality (CodeClimate) JSON, for the merge request widget.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

/// `diff --help`'s regression list: the README repeats it, and a test
/// checks both against the diff's kinds.
pub const DIFF_HELP: &str = "\
A regression (kind in the JSON):
  cut-off               a department newly cut off from the customer (or new and cut off)
  strength-down         a department's strength down by more than --tolerance
  rolled-quality-down   a department's rolled quality down by more than --tolerance
  quality-down          a handoff's quality down by more than --tolerance
  lead-time-up          a department's or a handoff's lead time up by more than --lead-time-tolerance
  handoff-removed       a handoff that work flowed through to a customer removed (its two ends still there)
  new-spof              a new single point of failure for departments that reached a customer
  spof-impact-up        more departments (that reached a customer) depending on one
  new-critical-handoff  a new critical handoff for departments that reached a customer
  critical-impact-up    more departments (that reached a customer) depending on one
  new-cycle             a new rework loop
  promise-missed        a department newly missing a customer's promise (promise: on a customer)
  new-finding           a new check finding at or above --fail-on (same policy as check)
Improvements are the mirror images (reconnected, strength-up, quality-up, lead-time-down,
spof-gone, cycle-gone, fixed-finding, ...). What disappears only because its subject was
removed or cut off is listed apart, as no longer applying, never as an improvement.

Examples:
  servchain diff old.yaml new.yaml
  servchain diff --base origin/main --fail-on-regression          # the working tree against main
  servchain diff --base v1.2 --head HEAD org/ --format markdown
  servchain diff --base origin/main --format sarif -o diff.sarif

Exit codes: 0 done (or nothing got worse, with --fail-on-regression), 1 something got worse,
2 the new version could not be loaded, or a bad revision or no git. A base that does not
load is compared as an empty org.";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD and NEW (files, directories, `-` for standard input); with
    /// --base, the paths to read at each revision [default: .].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Compare against the org as it is at this git revision (a commit,
    /// branch or tag) of the repository that holds the current directory.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,

    /// With --base: the revision to compare [default: the working tree].
    #[arg(long, value_name = "REV", requires = "base")]
    pub head: Option<String>,

    #[command(flatten)]
    pub limits: Limits,

    #[command(flatten)]
    pub report: DiffReport,
}

/// How a diff is judged and reported.
#[derive(Debug, Args)]
pub struct DiffReport {
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,

    /// Exit 1 if anything got worse (see the regressions below).
    #[arg(long)]
    pub fail_on_regression: bool,

    /// How far a quality, strength or rolled quality may drop (0..1, or a
    /// percentage) before it counts as a regression.
    #[arg(long, value_name = "Q", default_value = "0.01", value_parser = parse_tolerance)]
    pub tolerance: f64,

    /// How much a lead time may grow (e.g. 4h, 1d) before it counts.
    #[arg(long, value_name = "TIME", default_value = "0", value_parser = parse_lead_time)]
    pub lead_time_tolerance: std::time::Duration,

    /// New check findings at or above this severity are regressions.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Rules from this file (its `policy:` section, or the whole file),
    /// over the new version's own; both versions are checked with them.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_tolerance(s: &str) -> Result<f64, String> {
    let q = match s.trim().strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|p| p / 100.0),
        None => s.trim().parse::<f64>(),
    };
    match q {
        Ok(q) if (0.0..=1.0).contains(&q) => Ok(q),
        _ => Err(format!("{s:?} is not a tolerance between 0 and 1 (or 0% and 100%)")),
    }
}

fn parse_lead_time(s: &str) -> Result<std::time::Duration, String> {
    if s.trim() == "0" {
        return Ok(std::time::Duration::ZERO);
    }
    crate::load::values::lead_time(s).map_err(|_| format!("{s:?} is not a lead time; write e.g. 4h, 2d or 1w"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For a terminal.
    #[value(alias = "table")]
    Text,
    /// schema_version 2: regressions, improvements, departments, customers, handoffs.
    Json,
    /// For a job summary or a pull request comment.
    Markdown,
    /// SARIF 2.1.0: each regression on the new version's line.
    Sarif,
    /// GitHub Actions annotations: each regression on the new version's line.
    Github,
}

#[derive(Debug, Args)]
pub struct WhatifArgs {
    #[command(flatten)]
    pub input: OrgInput,

    /// Departments or customers to take away (ids).
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub remove: Vec<String>,

    /// Handoffs to take away, as FROM:TO (every handoff between the two).
    #[arg(long, value_name = "FROM:TO", num_args = 1..)]
    pub cut: Vec<String>,

    #[command(flatten)]
    pub report: DiffReport,
}
