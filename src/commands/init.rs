//! `servchain init`: a commented starter org that analyzes cleanly and
//! teaches the format, and `servchain completions`.

use super::{deliver, output, to_stderr, usage};
use crate::cli::{Cli, CompletionsArgs, InitArgs};
use crate::exit::ExitStatus;
use clap::CommandFactory;
use std::io;

/// The starter org: every key of the format, each explained.
pub const STARTER: &str = r#"# A starter org for servchain: edit it to describe your own departments.
# `servchain analyze org.yaml` reports on it; `servchain check org.yaml` applies the policy.
version: 1                      # the format version; only 1 exists
organization: Example Co.       # your organization's name

# The external customers, where every chain of handoffs ends.
customers:
  - id: buyers                  # ids: letters, digits, . _ - ; shared with departments
    name: Online buyers
    description: People who order from the website
    # What you promise them: every department's work reaches them at least
    # 70% right (its ratings multiplied along its best chain), within 3 weeks.
    promise: { quality: 70%, lead_time: 3w }

# Units group departments for roll-ups: divisions, business units, sites. They nest.
units:
  - id: front-office            # unit ids share one set of ids with departments and customers
    name: Front Office
    lead: Dana Kim              # optional
  - id: back-office
    name: Back Office
  - id: people
    name: People & Culture
    parent: back-office         # a sub-unit: Back Office's figures count its departments too

departments:
  - id: support
    name: Customer Support
    unit: front-office          # a department belongs to at most one unit
    lead: Dana Kim              # who is accountable for what the department hands over
    headcount: 12
    tags: [frontline]
    serves:                     # what this department hands to whom
      - to: buyers              # a customer id or a department id
        what: Answers to questions
        quality: 0.92           # the receiver's rating: 0..1, or a percentage like "92%"
        lead_time: 4h           # how long delivery takes: 30m, 4h, 2d, 1w, "1h 30m"
      - to: buyers              # a second handoff to the same receiver needs its own `what`
        what: Returns handled
        quality: 88%
        lead_time: 2d
      - to: it
        what: Bug reports
        lead_time: 1d
        feedback: true          # work that flows back on purpose: its loop is no rework loop

  - id: it
    name: IT
    unit: back-office
    lead: Sam Lee
    serves:
      - to: support
        what: Help desk tools
        quality: 85%
        lead_time: 1d
        agreed: { quality: 85%, lead_time: 1d }   # what Support and IT agreed; `check` warns below it
      - to: buyers
        what: Website uptime
        quality: 0.97
        lead_time: 1h

  - id: hr
    name: Human Resources
    unit: people
    lead: Ana Ruiz
    meta: { cost_center: CC-400 }   # free-form data goes under meta
    serves:
      - to: support
        what: New agents
        quality: 0.8
        lead_time: 2w

# More handoffs can be written as a list, each with `from`.
handoffs:
  - from: hr
    to: it
    what: New technicians
    quality: 0.75
    lead_time: 3w

# Quality measured by the receivers themselves: internal-customer survey
# waves, oldest first. `servchain survey template org.yaml -o survey.csv`
# writes the questionnaire; uncomment this once the filled-in file exists.
# surveys:
#   - file: surveys/2026-q3.csv   # CSV or .xlsx, relative to this file
#     wave: 2026-Q3
#     scale: 1-5                  # 1-7, 0-10, 0-100, percent, agree-5, satisfied-5
#     min_responses: 3            # fewer answers: no mean is shown, `quality:` stands

# Rules for `servchain check`: error, warning, info or off, with thresholds.
policy:
  rules:
    cut-off: error
    weak-handoff: { severity: warning, threshold: 0.7 }
    weak-chain: { severity: warning, threshold: 0.6 }
    max-hops: { severity: warning, threshold: 5 }
"#;

pub fn init(args: &InitArgs) -> io::Result<ExitStatus> {
    if args.path.exists() && !args.force {
        return usage(
            &format!("{} exists already", args.path.display()),
            Some("pass --force to overwrite it, or name another file".to_owned()),
        );
    }
    output::emit(Some(&args.path), |out| out.write_all(STARTER.as_bytes()))?;
    to_stderr(&format!("wrote {}; try `servchain analyze {}`\n", args.path.display(), args.path.display()));
    // The project's config beside it, unless one is there already.
    let config = match args.path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.join(crate::config::FILE_NAME),
        None => crate::config::FILE_NAME.into(),
    };
    if !config.exists() || args.force {
        let name = args.path.file_name().map_or_else(|| "org.yaml".into(), |n| n.to_string_lossy());
        output::emit(Some(&config), |out| out.write_all(config_text(&name).as_bytes()))?;
        to_stderr(&format!("wrote {}; `servchain check` now reads {name}\n", config.display()));
    }
    Ok(ExitStatus::Success)
}

/// The starter `servchain.toml`: what every command reads, and check's settings.
fn config_text(org: &str) -> String {
    format!(
        r#"# servchain's settings for this project; this file also marks the project root.
# What every command reads when no PATH is given (files or directories).
paths = [{org:?}]
# Files a directory walk skips: globs relative to this directory; a bare name matches anywhere.
exclude = ["mkdocs.yml", ".github/**"]
# The lowest severity that fails `servchain check`: "error", "warning" or "never".
fail-on = "error"
# A baseline of accepted findings (`servchain check --write-baseline FILE` writes one),
# and whether entries that no longer match fail the run.
# baseline = ".servchain-baseline.json"
# strict-baseline = true
# The policy: a file (policy = "policy.yaml"), or the rules inline as below.
# [rules]
# weak-handoff = {{ severity = "warning", threshold = 0.7 }}
"#
    )
}

pub fn completions(args: &CompletionsArgs) -> io::Result<ExitStatus> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "servchain", &mut out);
    deliver(None, ExitStatus::Success, |w| w.write_all(&out))
}

pub fn schema() -> io::Result<ExitStatus> {
    let text = serde_json::to_string_pretty(&crate::schema::org_file_schema()).map_err(io::Error::other)? + "\n";
    deliver(None, ExitStatus::Success, |w| w.write_all(text.as_bytes()))
}
