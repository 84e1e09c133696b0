//! `surveys:`: internal-customer survey files read (CSV or xlsx, under the
//! same rules as every input: relative to the org file, inside the project
//! root, regular files only, size-limited), their answers checked against
//! the org, and each handoff's quality set from the latest wave with enough
//! answers ([`crate::model::Evidence`]). This runs once the org is merged, so
//! every figure and command sees the survey-derived quality.
//!
//! The diagnostic codes surveys add are listed in [`CODES`].

mod answers;
pub mod scale;
pub mod spec;

pub use answers::bracket;
pub use scale::Scale;
pub use spec::{Layout, Spec};

use super::files::Files;
use super::fs::{Kind, NotRegular, io_error};
use super::pending::Pending;
use super::table;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Evidence, Org, Wave};
use crate::source::SourceMap;
use std::path::{Component, Path};

/// Every diagnostic code of surveys (their texts are in the registry,
/// [`crate::diagnostic::Code`]).
pub const CODES: &[Code] = &[
    Code::InvalidSurvey,
    Code::SurveyOutsideRoot,
    Code::SurveyUnreadable,
    Code::SurveyNotUtf8,
    Code::SurveyNoSheet,
    Code::SurveyMissingColumn,
    Code::SurveyUnknownDepartment,
    Code::SurveyNotAReceiver,
    Code::SurveyAmbiguousWhat,
    Code::SurveyUnknownHandoff,
    Code::SurveyBadScore,
    Code::SurveyDuplicateAnswer,
];

/// A checked `surveys:` entry and its rows, once read.
#[derive(Debug)]
pub struct Survey {
    pub spec: Spec,
    pub table: Option<table::Table>,
    /// The file's real path, once resolved: a report must not overwrite it.
    pub real: Option<std::path::PathBuf>,
}

/// Reads the file of `spec`, written in the org file `from`.
pub fn open(spec: Spec, from: &Pending, limit: u64, sources: &mut SourceMap, diags: &mut Vec<Diagnostic>) -> Survey {
    let mut real = None;
    let table = read_file(&spec, from, limit, &mut real, sources, diags);
    Survey { spec, table, real }
}

fn read_file(
    spec: &Spec,
    from: &Pending,
    limit: u64,
    resolved: &mut Option<std::path::PathBuf>,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<table::Table> {
    let (path, loc) = (Path::new(spec.file.value.trim()), spec.file.loc);
    let shown = from.dir.join(path);
    let name = shown.display().to_string();
    let outside = |why: String| {
        let root = from.root.as_ref().map_or_else(String::new, |r| format!(" {r}"));
        Diagnostic::error(
            Code::SurveyOutsideRoot,
            format!("the survey {:?} {why} the project root{root}", spec.file.value),
        )
        .at(loc, "outside the project root")
        .help("survey files are relative to the org file and stay inside the project root; --root DIR sets the root")
    };
    if path.has_root() || path.components().any(|c| matches!(c, Component::Prefix(_))) {
        diags.push(outside("is an absolute path; survey files must stay inside".to_owned()));
        return None;
    }
    // Through the loader's file seam: for a git revision, the revision's file.
    let files = from.root.as_ref().map_or_else(Files::default, |r| r.files.clone());
    let base = if from.dir.as_os_str().is_empty() { Path::new(".") } else { from.dir.as_path() };
    let real = match files.canonicalize(&base.join(path)) {
        Ok(r) => r,
        Err(e) => {
            diags.push(io_error(&name, &e).at(loc, "named here").help("the path is relative to the org file"));
            return None;
        }
    };
    if let Some(root) = &from.root
        && !root.contains(&real)
    {
        diags.push(outside(format!("is {}, outside", real.display())));
        return None;
    }
    *resolved = Some(real.clone());
    let bytes = match files.kind(&real) {
        Ok(Kind::File) => files.read(&real, limit),
        Ok(Kind::Dir) => Err(std::io::Error::other(NotRegular("a directory"))),
        Ok(Kind::Other(what)) => Err(std::io::Error::other(NotRegular(what))),
        Err(e) => Err(e),
    };
    match bytes {
        Ok(Ok(bytes)) => {
            let purpose = table::Purpose {
                noun: "survey",
                at: Some(loc),
                unreadable: Code::SurveyUnreadable,
                not_utf8: Code::SurveyNotUtf8,
                no_sheet: Code::SurveyNoSheet,
            };
            let mut t = table::read(&name, bytes, spec.sheet.as_deref(), &purpose, limit, sources, diags)?;
            t.rows.drain(..spec.skip_rows.min(t.rows.len()));
            Some(t)
        }
        Ok(Err(_)) => {
            diags.push(
                Diagnostic::error(
                    Code::FileTooLarge,
                    format!("the survey {name} is over the {} limit", super::inputs::human_bytes(limit)),
                )
                .at(loc, "named here")
                .help("raise the limit with --max-file-size if the file is really this large"),
            );
            None
        }
        Err(e) => {
            let d = match e.get_ref().and_then(|e| e.downcast_ref::<NotRegular>()) {
                Some(nr) => Diagnostic::error(
                    Code::NotARegularFile,
                    format!("the survey {name} is {}, not a regular file", nr.0),
                )
                .help("servchain reads only regular files"),
                None => io_error(&name, &e),
            };
            diags.push(d.at(loc, "named here"));
            None
        }
    }
}

/// Checks every survey's answers against the merged org and sets each
/// handoff's quality and evidence. Waves are in the order listed.
pub fn apply(org: &mut Org, surveys: Vec<Survey>, sources: &SourceMap, diags: &mut Vec<Diagnostic>) {
    if surveys.is_empty() {
        return;
    }
    let mut per_wave = Vec::new();
    {
        let res = answers::Resolver::new(org);
        for s in &surveys {
            let answers = match &s.table {
                Some(t) => answers::collect(&s.spec, t, &res, sources, diags),
                None => vec![Vec::new(); org.handoffs.len()],
            };
            per_wave.push(answers);
        }
    }
    org.surveys = surveys
        .iter()
        .map(|s| Wave {
            label: s.spec.wave.clone(),
            file: s.spec.file.value.clone(),
            min_responses: s.spec.min_responses,
        })
        .collect();
    for (i, h) in org.handoffs.iter_mut().enumerate() {
        let answers = per_wave.iter_mut().map(|w| std::mem::take(&mut w[i])).collect();
        let mut evidence = Evidence { file_quality: h.quality, answers, source: None };
        h.quality = evidence.resolve(&org.surveys);
        h.set_evidence(evidence);
    }
}
