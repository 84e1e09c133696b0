//! The command line, as clap types only; it knows nothing of the domain.

mod checks;
mod reports;
mod sheets;

pub use checks::{CheckArgs, CheckFormat, DIFF_HELP, DiffArgs, DiffFormat, DiffReport, FailOn, WhatifArgs};
pub use reports::{AnalyzeArgs, AnalyzeFormat, GraphArgs, GraphFormat, GroupBy, SortBy, TraceArgs, TraceFormat};
pub use sheets::{
    IMPORT_HELP, ImportCommand, ImportHandoffsArgs, ImportPeopleArgs, ImportSheet, SurveyCommand, SurveyFormat,
    SurveyReportArgs, SurveyTemplateArgs, TemplateFormat,
};

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Trace every department's service chain to the external customer, and find
/// the weakest links, the single points of failure and who is cut off.
#[derive(Debug, Parser)]
#[command(name = "servchain", version, propagate_version = true)]
pub struct Cli {
    /// When to use colour: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report on every department's chain to the customer: who is cut off,
    /// the weakest links, the single points of failure.
    #[command(
        after_help = "Examples:\n  servchain analyze examples/northwind-retail.yaml\n  servchain analyze org/ --format json -o report.json"
    )]
    Analyze(AnalyzeArgs),
    /// Show one department's chains to the customer, strongest first.
    #[command(
        after_help = "Examples:\n  servchain trace examples/northwind-retail.yaml payroll\n  servchain trace org/ it --to stores --limit 3"
    )]
    Trace(TraceArgs),
    /// Draw the chain graph as Graphviz DOT or Mermaid, weak links and
    /// cut-off departments marked.
    #[command(
        after_help = "Examples:\n  servchain graph examples/problems.yaml | dot -Tsvg > chain.svg\n  servchain graph examples/northwind-retail.yaml --focus warehouse --depth 1 --format mermaid"
    )]
    Graph(GraphArgs),
    /// Check the org against its policy: located findings for CI, in the
    /// formats CI platforms read, with baselines.
    #[command(
        after_help = "Examples:\n  servchain check org/\n  servchain check org/ --format sarif -o servchain.sarif\n  servchain check org/ --write-baseline .servchain-baseline.json\n  servchain check org/ --baseline .servchain-baseline.json --fail-on warning\n\nExit codes: 0 no new findings at or above --fail-on, 1 some, 2 the org or policy could not be loaded."
    )]
    Check(CheckArgs),
    /// What changed between two versions of an org, at every level, and
    /// what got worse: files, directories, or git revisions (--base).
    #[command(after_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// What would change if departments or handoffs were gone.
    #[command(
        after_help = "Examples:\n  servchain whatif examples/northwind-retail.yaml --remove it\n  servchain whatif org/ --remove warehouse --cut it:support"
    )]
    Whatif(WhatifArgs),
    /// Internal-customer surveys: the questionnaire, supplier scorecards,
    /// and the change across waves.
    #[command(
        subcommand,
        after_help = "Examples:\n  servchain survey template examples/northwind-retail.yaml -o survey.csv\n  servchain survey summary examples/northwind-surveys\n  servchain survey trend examples/northwind-surveys --format markdown"
    )]
    Survey(SurveyCommand),
    /// Turn an HR export into an org skeleton, or a sheet of connections
    /// into handoffs: YAML that loads.
    #[command(subcommand, after_help = IMPORT_HELP)]
    Import(ImportCommand),
    /// Write a commented starter org file that teaches the format.
    #[command(after_help = "Examples:\n  servchain init\n  servchain init org/org.yaml --force")]
    Init(InitArgs),
    /// Print the JSON Schema (draft-07) of the org file, for editors.
    #[command(
        after_help = "Example:\n  servchain schema > servchain.schema.json\n  # then start org files with: # yaml-language-server: $schema=servchain.schema.json"
    )]
    Schema,
    /// Print the manual page (roff), or write every page with --dir.
    #[command(
        after_help = "Examples:\n  servchain man --dir ~/.local/share/man/man1 && man servchain-analyze\n  servchain man | man -l -"
    )]
    Man(ManArgs),
    /// Print shell completions.
    #[command(
        after_help = "Examples:\n  servchain completions bash > ~/.local/share/bash-completion/completions/servchain\n  servchain completions zsh > \"${fpath[1]}/_servchain\"\n  servchain completions fish > ~/.config/fish/completions/servchain.fish"
    )]
    Completions(CompletionsArgs),
}

/// Where an org comes from.
#[derive(Debug, Args)]
pub struct OrgInput {
    /// Org files or directories (every *.yaml/*.yml under them); `-` reads
    /// standard input [default: `paths` in servchain.toml].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub limits: Limits,
}

/// Limits on what is read.
#[derive(Debug, Clone, Args)]
pub struct Limits {
    /// Refuse org files larger than this (e.g. 512MiB, 2GiB).
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// The project root: the org's files and includes must lie inside it
    /// [default: the nearest directory at or above each input that holds
    /// .git or servchain.toml, else the input's own directory].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Skip files matching GLOB in a directory walk (relative to the project
    /// root; a bare name matches at any depth), besides servchain.toml's `exclude`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

pub(super) fn parse_size(s: &str) -> Result<u64, String> {
    crate::load::inputs::parse_size(s)
}

/// Where a report goes.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the starter org.
    #[arg(value_name = "PATH", default_value = "org.yaml")]
    pub path: PathBuf,

    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write servchain.1 and one page per subcommand (servchain-analyze.1,
    /// servchain-survey-summary.1, ...) into this directory, created if missing.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
