//! `servchain import`: what HR exports and spreadsheets already hold, turned
//! into org YAML that loads. The sheets are read by the survey's reader
//! ([`crate::load::table`]: CSV or xlsx, located cells); this module holds
//! what both importers share: reading the file named on the command line,
//! finding columns by name, and places inside a cell.

pub mod handoffs;
mod ids;
pub mod people;
pub mod yaml;

use crate::diagnostic::{Code, Diagnostic};
use crate::load::fs::{NotRegular, io_error};
use crate::load::inputs::human_bytes;
use crate::load::table::{self, Cell, Row, Table};
use crate::source::{Loc, SourceMap};
use std::io::Read;
use std::path::Path;

/// Reads the sheet at `path` (`-`: CSV on standard input), within `limit`
/// bytes, into `sources`. `None` when it cannot be read (reported).
pub fn read_sheet(
    path: &Path,
    sheet: Option<&str>,
    limit: u64,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin { "<stdin>".to_owned() } else { path.display().to_string() };
    let bytes = if stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut buf)
            .map(|_| if buf.len() as u64 > limit { Err(None) } else { Ok(buf) })
    } else {
        crate::load::files::Files::Disk.read(path, limit)
    };
    let bytes = match bytes {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => {
            diags.push(
                Diagnostic::error(Code::FileTooLarge, format!("{name} is over the {} limit", human_bytes(limit)))
                    .help("if the sheet is really this large, raise the limit with --max-file-size"),
            );
            return None;
        }
        Err(e) => {
            diags.push(match e.get_ref().and_then(|e| e.downcast_ref::<NotRegular>()) {
                Some(NotRegular(kind)) => {
                    Diagnostic::error(Code::NotARegularFile, format!("{name} is {kind}, not a regular file"))
                        .help("servchain reads only regular files; pass a pipe as `-`")
                }
                None => io_error(&name, &e).help("check the path of the sheet"),
            });
            return None;
        }
    };
    let purpose = table::Purpose {
        noun: "sheet",
        at: None,
        unreadable: Code::ImportUnreadable,
        not_utf8: Code::ImportUnreadable,
        no_sheet: Code::ImportUnreadable,
    };
    table::read(&name, bytes, sheet, &purpose, limit, sources, diags)
}

/// The header row (the first that is not blank) and the rows below it, or
/// the problem of a sheet without one.
fn split_header<'t>(t: &'t Table, sources: &SourceMap, diags: &mut Vec<Diagnostic>) -> Option<(&'t Row, &'t [Row])> {
    match t.rows.iter().position(|r| !r.is_blank()) {
        Some(i) => Some((&t.rows[i], &t.rows[i + 1..])),
        None => {
            diags.push(
                Diagnostic::error(
                    Code::ImportUnreadable,
                    format!("the sheet {} has no header row", sources.name(t.file)),
                )
                .at(Loc::file_start(t.file), "nothing but blank rows")
                .help("the first row of the sheet names its columns"),
            );
            None
        }
    }
}

/// The column named `name` (case and surrounding spaces do not matter).
fn column(header: &Row, name: &str) -> Option<usize> {
    header.cells.iter().position(|c| c.text.trim().eq_ignore_ascii_case(name.trim()))
}

/// The column a `--FLAG-column` names; when there is none, a located error
/// with the header cell it most likely meant.
fn required(header: &Row, flag: &str, name: &str, diags: &mut Vec<Diagnostic>) -> Option<usize> {
    if let Some(i) = column(header, name) {
        return Some(i);
    }
    let names = header.cells.iter().map(|c| c.text.trim()).filter(|n| !n.is_empty());
    let near = crate::suggest::closest(name.trim(), names, &mut crate::suggest::Budget::default());
    let shown: Vec<String> =
        header.cells.iter().map(|c| c.text.trim()).filter(|n| !n.is_empty()).map(|n| format!("{n:?}")).collect();
    let d = Diagnostic::error(Code::ImportUnknownColumn, format!("{flag} {name:?}: the sheet has no such column"));
    diags.push(match near.and_then(|n| header.cells.iter().find(|c| c.text.trim() == n)) {
        Some(cell) => d.at(cell.loc, "this column?").help(format!("did you mean {:?}?", cell.text.trim())),
        None => d
            .at(header.loc, "the header row")
            .help(format!("the header names: {}", crate::clip::clip(&shown.join(", "), crate::clip::QUOTE))),
    });
    None
}

/// `Some(column)` for a flag given (an error if the sheet lacks it), else
/// the first column whose name, spaces, `_` and `-` aside, is one of `usual`.
fn optional(
    header: &Row,
    flag: &str,
    given: Option<&str>,
    usual: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<usize>, ()> {
    match given {
        Some(name) => required(header, flag, name, diags).map(Some).ok_or(()),
        None => {
            let squash = |s: &str| -> String {
                s.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect()
            };
            Ok(header.cells.iter().position(|c| usual.iter().any(|u| squash(&c.text) == squash(u))))
        }
    }
}

/// Where `part`, found at byte `start` of a cell's text, is in its file: the
/// cell's own place when the cell is not written as is (quoted with
/// doubled quotes, or a workbook's cell, whose columns are cells).
fn part_loc(sources: &SourceMap, t: &Table, cell: &Cell, start: usize, part: &str) -> Loc {
    let whole = sources.get(t.file).and_then(|f| f.text.get(cell.loc.start()..cell.loc.start() + cell.text.len()));
    match (t.xlsx, whole == Some(cell.text.as_str()), cell.text.get(..start)) {
        (false, true, Some(_)) => Loc::new(cell.loc.file, cell.loc.start() + start, part.len()),
        _ => cell.loc,
    }
}

/// The cell `i` of `row` and its trimmed text, with the byte where that starts.
fn trimmed(row: &Row, i: usize) -> Option<(&Cell, usize, &str)> {
    let cell = row.cells.get(i)?;
    let t = cell.text.trim();
    let start = cell.text.len() - cell.text.trim_start().len();
    Some((cell, start, t)).filter(|(_, _, t)| !t.is_empty())
}
