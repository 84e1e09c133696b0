//! The command line, as clap types only; it knows nothing of the domain.

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

/// The `survey` subcommands.
#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// The questionnaire: one question per handoff between departments,
    /// asked of the receiving department (CSV: a long survey to fill in).
    Template(SurveyTemplateArgs),
    /// Supplier scorecards (each department as its internal customers rate
    /// it, worst first) and coverage (handoffs with too few answers).
    Summary(SurveyReportArgs),
    /// Each handoff's and department's value per wave, biggest drops first.
    Trend(SurveyReportArgs),
}

#[derive(Debug, Args)]
pub struct SurveyTemplateArgs {
    #[command(flatten)]
    pub input: OrgInput,

    /// Output format.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Csv)]
    pub format: TemplateFormat,

    /// The answer scale the questionnaire names: 1-5, 1-7, 0-10, 0-100, percent, agree-5, satisfied-5.
    #[arg(long, default_value = "1-5")]
    pub scale: String,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// A long survey with the score left blank, to fill in and load back.
    Csv,
    /// One printable page per rater department.
    Markdown,
}

#[derive(Debug, Args)]
pub struct SurveyReportArgs {
    #[command(flatten)]
    pub input: OrgInput,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SurveyFormat::Text)]
    pub format: SurveyFormat,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SurveyFormat {
    #[value(alias = "table")]
    Text,
    Json,
    Markdown,
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

impl TraceArgs {
    /// The org to read, as every other command names it.
    pub fn input(&self) -> OrgInput {
        OrgInput { paths: self.paths.clone(), limits: self.limits.clone() }
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
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
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: OrgInput,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Table)]
    pub format: AnalyzeFormat,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Rows shown per section of the table report.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub top: u32,

    /// Show every row of every section.
    #[arg(long)]
    pub all: bool,

    /// Print how long each phase took (load, graph, analysis, report) to stderr.
    #[arg(long)]
    pub timings: bool,

    /// The order of the department list (table, Markdown, HTML, CSV; JSON
    /// keeps file order). `worst`: cut off first, then strength, then
    /// rolled quality, lowest first.
    #[arg(long, value_enum, value_name = "KEY", default_value_t = SortBy::Worst)]
    pub sort: SortBy,

    /// Report only on this unit's departments (its sub-units' included);
    /// every figure is still computed on the whole org.
    #[arg(long, value_name = "ID")]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Cut off first, then strength, then rolled quality, lowest first.
    Worst,
    /// Strength, lowest first.
    Strength,
    /// Rolled quality, lowest first.
    Rolled,
    /// Hops to the customer, most first.
    Hops,
    /// Lead time, slowest first.
    LeadTime,
    /// Name, A to Z.
    Name,
    /// As written in the org files.
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// A report for a terminal.
    #[value(alias = "text")]
    Table,
    /// The JSON report (schema_version 1).
    Json,
    /// Markdown with a Mermaid drawing, for GitHub, GitLab and wikis.
    Markdown,
    /// One self-contained HTML page to open or print.
    Html,
    /// One row per department, for spreadsheets.
    Csv,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// Org files or directories (every *.yaml/*.yml under them); `-` reads
    /// standard input. Required here: the department comes after them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub limits: Limits,

    /// The id of the department to trace.
    #[arg(required = true, value_name = "DEPARTMENT")]
    pub department: String,

    /// How many chains to show.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,

    /// Only chains that end at this customer.
    #[arg(long, value_name = "CUSTOMER")]
    pub to: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = TraceFormat::Text)]
    pub format: TraceFormat,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    #[value(alias = "table")]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub input: OrgInput,

    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,

    /// Draw only what lies around this department or customer.
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,

    /// With --focus: how many handoffs away, either way, to draw.
    #[arg(long, value_name = "N", default_value_t = 2, requires = "focus")]
    pub depth: u32,

    /// Draw every department. Without it an org of more than 60 departments
    /// (25 for Mermaid) is drawn in part, as the HTML report draws it, and
    /// the drawing's caption says what it shows.
    #[arg(long, conflicts_with = "focus")]
    pub all: bool,
    /// Draw only this unit's departments (its sub-units' included) and the
    /// handoffs between them.
    #[arg(long, value_name = "ID", conflicts_with = "focus")]
    pub unit: Option<String>,

    /// Draw each unit as a frame around its departments (Graphviz
    /// clusters, Mermaid subgraphs), nested as the units nest.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub group_by: Option<GroupBy>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// The org file's `units:`.
    Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

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

/// `import --help`'s examples.
pub const IMPORT_HELP: &str = "\
Examples:
  servchain import people hr.xlsx --department-column Department --unit-column Division \\
      --name-column Name --manager-column Manager -o skeleton.yaml
  servchain import handoffs connections.csv --org skeleton.yaml -o handoffs.yaml
  servchain analyze skeleton.yaml handoffs.yaml

Exit codes: 0 written, 2 the sheet or the org could not be read, or a row is wrong
(every problem is reported, located at its cell).";

/// The `import` subcommands.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// An HR export (one row per person) as an org skeleton: one department
    /// per department value, its headcount, units and lead.
    People(ImportPeopleArgs),
    /// A sheet of connections (From, To; `a|b` for several receivers) as a
    /// `handoffs:` file, names resolved against --org.
    Handoffs(ImportHandoffsArgs),
}

/// What both importers read.
#[derive(Debug, Args)]
pub struct ImportSheet {
    /// The sheet: CSV (`,` or `;`), or .xlsx; `-` reads CSV from standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The workbook's sheet to read [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportPeopleArgs {
    #[command(flatten)]
    pub sheet: ImportSheet,

    /// The column that holds each person's department.
    #[arg(long, value_name = "C")]
    pub department_column: String,

    /// The column of each person's unit (a `Division/Sub-division` path
    /// makes nested units); give it again for a column of sub-units.
    #[arg(long, value_name = "C")]
    pub unit_column: Vec<String>,

    /// The column that names each department's lead (the value most of its rows give).
    #[arg(long, value_name = "C")]
    pub lead_column: Option<String>,

    /// The column of each person's name, to match managers to.
    #[arg(long, value_name = "C")]
    pub name_column: Option<String>,

    /// The column of each person's manager: a department's lead is the
    /// person in it whose manager is outside it.
    #[arg(long, value_name = "C", requires = "name_column")]
    pub manager_column: Option<String>,

    /// Refuse sheets larger than this (e.g. 64MiB).
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ImportHandoffsArgs {
    #[command(flatten)]
    pub sheet: ImportSheet,

    /// The org whose departments and customers the sheet names (files or
    /// directories); without it, names are taken as ids.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub org: Vec<PathBuf>,

    #[command(flatten)]
    pub limits: Limits,

    /// The column of each handoff's supplier.
    #[arg(long, value_name = "C", default_value = "From")]
    pub from_column: String,

    /// The column of its receivers (`a|b` for several).
    #[arg(long, value_name = "C", default_value = "To")]
    pub to_column: String,

    /// The column of what is handed over [default: a column named What, if any].
    #[arg(long, value_name = "C")]
    pub what_column: Option<String>,

    /// The column of its quality (0.8, 80%) [default: a column named Quality, if any].
    #[arg(long, value_name = "C")]
    pub quality_column: Option<String>,

    /// The column of its lead time (3d, 4h) [default: a column named Lead time, if any].
    #[arg(long, value_name = "C")]
    pub lead_time_column: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}
