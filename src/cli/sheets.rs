//! The spreadsheet commands' arguments: `survey` and `import`.

use super::{Limits, OrgInput, OutputArgs, parse_size};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

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
