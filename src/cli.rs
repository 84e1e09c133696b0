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
    /// Load an org and report on its service chains.
    #[command(
        after_help = "Example:\n  servchain analyze examples/northwind-retail.yaml\n  servchain analyze org/ teams/extra.yaml"
    )]
    Analyze(AnalyzeArgs),
}

/// Where an org comes from.
#[derive(Debug, Args)]
pub struct OrgInput {
    /// Org files or directories (every *.yaml/*.yml under them); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Refuse org files larger than this (e.g. 512MiB, 2GiB).
    #[arg(long, value_name = "SIZE", default_value = "512MiB", value_parser = parse_size)]
    pub max_file_size: u64,
}

fn parse_size(s: &str) -> Result<u64, String> {
    crate::load::inputs::parse_size(s)
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: OrgInput,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Table)]
    pub format: AnalyzeFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// A report for a terminal.
    Table,
}
