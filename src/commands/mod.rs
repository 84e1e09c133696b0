//! One file per subcommand: gather inputs, call the library, hand the result
//! to a report. This file holds what every command shares: loading an org
//! with its diagnostics on stderr, and writing its report.
//!
//! A command decides its exit status before it writes its report, and
//! hands both to [`deliver`]: a reader that stops early (`| head`) then
//! changes nothing, so under `set -o pipefail` a failing check stays red.

mod analyze;
mod check;
mod diff;
mod graph;
mod import;
mod init;
mod interrupt;
mod man;
mod output;
mod progress;
mod stdout;
mod survey;
mod trace;
mod width;

pub use stdout::clap_message;

use crate::cli::{Cli, Command, Limits, OrgInput};
use crate::clip::{MESSAGE, clip};
use crate::config::{self, Config};
use crate::diagnostic::{Code, Diagnostic, render, render_all, shown};
use crate::exit::ExitStatus;
use crate::load::exclude::Exclude;
use crate::load::{self, LoadOptions, Loaded};
use crate::source::SourceMap;
use std::io::{self, Write};
use std::path::Path;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitStatus {
    let color = anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never;
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(&args, color),
        Command::Trace(args) => trace::run(&args, color),
        Command::Graph(args) => graph::run(&args),
        Command::Check(args) => check::run(&args, color),
        Command::Diff(args) => diff::diff(&args),
        Command::Whatif(args) => diff::whatif(&args),
        Command::Survey(cmd) => survey::run(&cmd),
        Command::Import(cmd) => import::run(&cmd),
        Command::Init(args) => init::init(&args),
        Command::Completions(args) => init::completions(&args),
        Command::Schema => init::schema(),
        Command::Man(args) => man::run(&args),
    };
    // A broken pipe never gets here: `deliver` answers it with the status
    // the command decided. Whatever does is an error.
    result.unwrap_or_else(|e| {
        stdout::report(&e);
        ExitStatus::Error
    })
}

/// Writes a report to `path` (standard output for `None` or `-`) and ends
/// with `status`, decided before the first byte: when the reader closes the
/// pipe early the rest is dropped quietly and the status stands.
pub(crate) fn deliver(
    path: Option<&Path>,
    status: ExitStatus,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<ExitStatus> {
    match output::emit(path, write) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(status),
    }
}

/// Text for people on stderr. Its write errors are ignored: with stderr
/// gone there is nowhere to say anything, and they must not change the
/// exit status (`2>&1 | head` is a broken pipe too).
/// Frees what a command is done with on a thread of its own, so that its
/// result is not kept waiting: an org and its figures are millions of small
/// allocations at a million departments, a third of a second to free one
/// by one. When the process ends first, its exit gives the memory back at
/// once.
pub(crate) fn free_in_background<T: Send + 'static>(done_with: T) {
    // A thread that cannot be started drops it here.
    let _ = std::thread::Builder::new().name("free".to_owned()).spawn(move || drop(done_with));
}

pub(crate) fn to_stderr(text: &str) {
    let _ = anstream::stderr().write_all(text.as_bytes());
}

/// Loads the org; on failure prints every diagnostic to stderr and returns
/// the exit status to end with. Warnings are printed either way.
pub(crate) fn load_org(input: &OrgInput) -> Result<Loaded, ExitStatus> {
    load_org_quietly(input).map_err(|e| {
        to_stderr(&render_all(&e.diagnostics, &e.sources));
        ExitStatus::Error
    })
}

/// Loads the org for a command that writes one report (`-o`), refusing a
/// report onto any file the org was read from: the status to end with
/// when either fails.
pub(crate) fn load_org_for(input: &OrgInput, report: Option<&Path>) -> io::Result<Result<Loaded, ExitStatus>> {
    let loaded = match load_org(input) {
        Ok(l) => l,
        Err(status) => return Ok(Err(status)),
    };
    Ok(match output::guard(report, &loaded.files)? {
        Some(status) => Err(status),
        None => Ok(loaded),
    })
}

/// A usage error: the message and a hint on stderr, exit 2. Both may quote
/// the command line or the org's names, so both are cut short and made
/// display-safe. (An `io::Result` so that commands can `return` it; it never
/// fails.)
pub(crate) fn usage(message: &str, hint: Option<String>) -> io::Result<ExitStatus> {
    use crate::display::one_line;
    let message = one_line(&clip(message, MESSAGE)).into_owned();
    let help = hint.map_or(String::new(), |h| format!("  help: {}\n", one_line(&clip(&h, MESSAGE))));
    to_stderr(&format!("error: {message}\n{help}"));
    Ok(ExitStatus::Error)
}

/// The unit `--unit ID` names, or the exit status after saying there is
/// none (with a suggestion); `Ok(None)` without `--unit`.
pub(crate) fn unit_scope(
    org: &crate::model::Org,
    id: Option<&str>,
) -> io::Result<Result<Option<crate::report::scope::Scope>, ExitStatus>> {
    let Some(id) = id else { return Ok(Ok(None)) };
    if let Some(u) = org.units.lookup(id) {
        return Ok(Ok(Some(crate::report::scope::Scope::new(org, u))));
    }
    let units = org.units.list.iter().map(|u| (u.id.as_str(), u.name.as_str()));
    let hint = match crate::suggest::did_you_mean_id(id, units, &mut crate::suggest::Budget::default()) {
        Some(hint) => Some(hint),
        None if org.units.is_empty() => Some("the org has no `units:`".to_owned()),
        None => Some(format!(
            "the units are: {}",
            org.units.list.iter().map(|u| u.id.as_str()).collect::<Vec<_>>().join(", ")
        )),
    };
    usage(&format!("there is no unit {}", crate::clip::quote(id)), hint).map(Err)
}

/// How to load, from the command line's limits and the project's config.
pub(crate) fn load_options(limits: &Limits, config: Option<&Config>) -> Result<LoadOptions, load::LoadError> {
    let mut globs = config.map(|c| c.exclude.clone()).unwrap_or_default();
    globs.extend(limits.exclude.iter().cloned());
    // A walk never loads the config's own policy and baseline files.
    let files: Vec<_> = config.iter().flat_map(|c| c.policy.iter().chain(&c.baseline)).cloned().collect();
    let exclude = Exclude::new(&globs, &files).map_err(|(glob, e)| {
        config_error(
            Diagnostic::error(Code::InvalidInclude, format!("the exclude pattern {glob:?} is not a valid glob: {e}"))
                .help("use `*` for any name, `**` for any depth, e.g. \"docs/**\""),
        )
    })?;
    Ok(LoadOptions { max_file_size: limits.max_file_size, root: limits.root.clone(), exclude })
}

fn config_error(d: Diagnostic) -> load::LoadError {
    load::LoadError { diagnostics: vec![d], sources: SourceMap::default(), files: Vec::new() }
}

/// The project's `servchain.toml` (in the current directory or the nearest
/// parent), if there is one; its problems as a load error.
pub(crate) fn read_config() -> Result<Option<Config>, load::LoadError> {
    let Ok(cwd) = std::env::current_dir() else { return Ok(None) };
    let Some(found) = config::find(&cwd) else { return Ok(None) };
    // Shown relative when it is here, as users name their files.
    let path = if found.parent() == Some(cwd.as_path()) { config::FILE_NAME.into() } else { found };
    let mut sources = SourceMap::default();
    config::read(&path, &mut sources).map(Some).map_err(|diagnostics| load::LoadError {
        diagnostics,
        sources,
        files: Vec::new(),
    })
}

/// The project root of a run (SPEC §1): `--root`, else the one found from the
/// first input (the current directory for `-`). What CI outputs make paths
/// relative to.
pub(crate) fn project_root(input: &OrgInput) -> Option<std::path::PathBuf> {
    use crate::load::root::Root;
    if let Some(dir) = &input.limits.root {
        return Root::explicit(dir).ok().map(|r| r.path().to_owned());
    }
    let first = input.paths.first().filter(|p| p.as_os_str() != "-");
    let dir = match first {
        Some(p) if p.is_dir() => p.clone(),
        Some(p) => p.parent().filter(|d| !d.as_os_str().is_empty()).map_or_else(|| ".".into(), |d| d.to_owned()),
        None => ".".into(),
    };
    Root::discover(&dir).ok().map(|r| r.path().to_owned())
}

/// Loads the org, printing only its warnings: the caller reports errors in
/// its own format.
pub(crate) fn load_org_quietly(input: &OrgInput) -> Result<Loaded, load::LoadError> {
    let config = read_config()?;
    let options = load_options(&input.limits, config.as_ref())?;
    let paths = match (&input.paths[..], &config) {
        ([], Some(c)) if !c.paths.is_empty() => c.paths.clone(),
        ([], _) => {
            return Err(config_error(
                Diagnostic::error(Code::NoFiles, "no PATH given, and no servchain.toml with `paths`")
                    .help("name the org files or directories, or write `paths = [\"org\"]` in servchain.toml (`servchain init` writes one)"),
            ));
        }
        (given, _) => given.to_vec(),
    };
    let spinner = progress::spinner(progress::large_input(&paths), "loading the org");
    let result = load::load(&paths, &options);
    progress::done(spinner);
    let loaded = result?;
    let (shown, omitted) = shown::for_people(&loaded.warnings);
    for w in shown {
        to_stderr(&format!("{}\n\n", render(w, &loaded.sources)));
    }
    for o in omitted {
        to_stderr(&format!("note: {}\n\n", o.sentence(&loaded.sources)));
    }
    Ok(loaded)
}
