//! The `servchain` binary: parse the command line, run it, exit with its status.

use clap::Parser;
use servchain::cli::{Cli, ColorWhen};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    servchain::commands::run(cli).into()
}
