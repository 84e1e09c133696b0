//! What the timing tools share: `TOOL ORG.yaml [RUNS]`, the org loaded once
//! (its text dropped, as `analyze` drops it) and how many runs to make.

use servchain::load::Loaded;
use std::process::ExitCode;

/// The org named on the command line, loaded, and the runs (default 3);
/// the exit code to end with if the arguments or the file are wrong.
pub fn org_and_runs(tool: &str) -> Result<(Loaded, usize), ExitCode> {
    let mut args = std::env::args().skip(1);
    let (Some(path), runs) = (args.next(), args.next().and_then(|r| r.parse::<usize>().ok()).unwrap_or(3)) else {
        eprintln!("usage: {tool} ORG.yaml [RUNS]");
        return Err(ExitCode::from(2));
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return Err(ExitCode::from(2));
    };
    let Ok(loaded) = servchain::load::load_str(&path, &text) else {
        eprintln!("{path} does not load");
        return Err(ExitCode::from(2));
    };
    Ok((loaded, runs))
}
