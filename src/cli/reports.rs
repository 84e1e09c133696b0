//! The reporting commands' arguments: `analyze`, `trace` and `graph`.

use super::{Limits, OrgInput, OutputArgs};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

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

impl TraceArgs {
    /// The org to read, as every other command names it.
    pub fn input(&self) -> OrgInput {
        OrgInput { paths: self.paths.clone(), limits: self.limits.clone() }
    }
}
