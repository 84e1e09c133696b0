//! The `servchain` binary: parse the command line, run it, exit with its status.

use clap::Parser as _;
use servchain::cli::{Cli, ColorWhen};
use std::io::Write as _;

fn main() -> std::process::ExitCode {
    // A panic is a bug, whatever the input: say so, and what to report.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        let command: Vec<String> = std::env::args().collect();
        // Not `eprintln!`, which panics (here: aborts) when stderr is gone.
        let _ = writeln!(
            std::io::stderr(),
            "\nservchain hit a bug: it should answer every input with a result or an error, never a crash.\n\
             Please report it with this command line and the org files it names:\n  {}",
            command.join(" ")
        );
    }));
    // Not `Cli::parse()`: clap's own exit ignores a failed write, and
    // `--help > /dev/full` must fail like any other report.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return servchain::commands::clap_message(&e).into(),
    };
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    servchain::commands::run(cli).into()
}
