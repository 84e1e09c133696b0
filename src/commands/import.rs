//! `servchain import people|handoffs`: read the sheet (and, for handoffs,
//! the org), hand both to [`crate::import`], print its diagnostics on
//! stderr and write the YAML, unless an error leaves nothing true to write.

use super::{deliver, load_org, output, to_stderr};
use crate::cli::{ImportCommand, ImportHandoffsArgs, ImportPeopleArgs, ImportSheet, OrgInput};
use crate::diagnostic::{Diagnostic, render, shown, sort};
use crate::exit::ExitStatus;
use crate::import::{self, handoffs, people};
use crate::source::SourceMap;
use std::io;
use std::path::PathBuf;

pub fn run(cmd: &ImportCommand) -> io::Result<ExitStatus> {
    match cmd {
        ImportCommand::People(args) => people(args),
        ImportCommand::Handoffs(args) => handoffs(args),
    }
}

fn people(args: &ImportPeopleArgs) -> io::Result<ExitStatus> {
    let cols = people::Columns {
        department: args.department_column.clone(),
        units: args.unit_column.clone(),
        lead: args.lead_column.clone(),
        name: args.name_column.clone(),
        manager: args.manager_column.clone(),
    };
    let (mut sources, mut diags) = (SourceMap::default(), Vec::new());
    let yaml =
        import::read_sheet(&args.sheet.file, args.sheet.sheet.as_deref(), args.max_file_size, &mut sources, &mut diags)
            .and_then(|t| {
                let yaml = people::import(&t, &cols, &shown(&args.sheet), &sources, &mut diags);
                crate::load::table::name_cells(&t, &sources, &mut diags);
                yaml
            });
    finish(yaml, diags, &sources, &args.sheet, &[], args.output.output.as_deref())
}

fn handoffs(args: &ImportHandoffsArgs) -> io::Result<ExitStatus> {
    let cols = handoffs::Columns {
        from: args.from_column.clone(),
        to: args.to_column.clone(),
        what: args.what_column.clone(),
        quality: args.quality_column.clone(),
        lead_time: args.lead_time_column.clone(),
    };
    let loaded = if args.org.is_empty() {
        None
    } else {
        match load_org(&OrgInput { paths: args.org.clone(), limits: args.limits.clone() }) {
            Ok(l) => Some(l),
            Err(status) => return Ok(status),
        }
    };
    let (org, mut sources, files) = match loaded {
        Some(l) => (Some(l.org), l.sources, l.files),
        None => (None, SourceMap::default(), Vec::new()),
    };
    let against: Vec<String> = args.org.iter().map(|p| p.display().to_string()).collect();
    let mut diags = Vec::new();
    let limit = args.limits.max_file_size;
    let yaml = import::read_sheet(&args.sheet.file, args.sheet.sheet.as_deref(), limit, &mut sources, &mut diags)
        .and_then(|t| {
            let source = shown(&args.sheet);
            let yaml = handoffs::import(&t, &cols, org.as_ref(), &source, &against.join(" "), &sources, &mut diags);
            crate::load::table::name_cells(&t, &sources, &mut diags);
            yaml
        });
    finish(yaml, diags, &sources, &args.sheet, &files, args.output.output.as_deref())
}

/// The sheet as the header comment names it.
fn shown(sheet: &ImportSheet) -> String {
    let file = sheet.file.display().to_string();
    sheet.sheet.as_ref().map_or(file.clone(), |s| format!("{file} [{s}]"))
}

/// Prints the diagnostics; writes the YAML unless there were errors (exit 2).
fn finish(
    yaml: Option<String>,
    mut diags: Vec<Diagnostic>,
    sources: &SourceMap,
    sheet: &ImportSheet,
    org_files: &[PathBuf],
    out: Option<&std::path::Path>,
) -> io::Result<ExitStatus> {
    sort(&mut diags);
    let (shown, omitted) = shown::for_people(&diags);
    for d in shown {
        to_stderr(&format!("{}\n\n", render(d, sources)));
    }
    for o in omitted {
        to_stderr(&format!("note: {}\n\n", o.sentence(sources)));
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let Some(yaml) = yaml.filter(|_| errors == 0) else {
        let n = if errors == 1 { "1 error".to_owned() } else { format!("{errors} errors") };
        to_stderr(&format!("error: nothing was imported: {n}\n"));
        return Ok(ExitStatus::Error);
    };
    let mut inputs: Vec<PathBuf> = org_files.to_vec();
    inputs.extend(std::fs::canonicalize(&sheet.file).ok());
    if let Some(status) = output::guard(out, &inputs)? {
        return Ok(status);
    }
    deliver(out, ExitStatus::Success, |w| w.write_all(yaml.as_bytes()))
}
