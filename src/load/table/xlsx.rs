//! An `.xlsx` sheet read with `calamine` into a [`Table`]: the workbook's
//! unpacked size held to the file size limit first, then the sheet kept as
//! a text of its own, one line per row and cells apart by tabs, so that a
//! cell is located like any CSV cell.

use super::{Cell, Purpose, Row, Table};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Loc, SourceMap};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

pub(super) fn xlsx(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    limit: u64,
    purpose: &Purpose<'_>,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    // A few kilobytes of zip can unpack to gigabytes: what the workbook says
    // it unpacks to must be within the file size limit too (the zip reader
    // holds each part to its declared size).
    let unpacked = zip::ZipArchive::new(Cursor::new(bytes.as_slice()))
        .ok()
        .map(|mut z| (0..z.len()).filter_map(|i| z.by_index_raw(i).ok().map(|f| u128::from(f.size()))).sum::<u128>());
    if let Some(size) = unpacked.filter(|&s| s > u128::from(limit)) {
        let d = Diagnostic::error(
            Code::FileTooLarge,
            format!(
                "the {} {name} unpacks to {}, over the {} limit",
                purpose.noun,
                crate::load::inputs::human_bytes(u64::try_from(size).unwrap_or(u64::MAX)),
                crate::load::inputs::human_bytes(limit)
            ),
        )
        .help("raise the limit with --max-file-size if the workbook is really this large");
        diags.push(purpose.locate(d, "named here"));
        return None;
    }
    let noun = purpose.noun;
    let unreadable = |why: String| {
        let d = Diagnostic::error(
            purpose.unreadable,
            format!("the {noun} {name} cannot be read as an .xlsx workbook: {why}"),
        )
        .help(format!("export the {noun} again as .xlsx, or as CSV"));
        purpose.locate(d, "named here")
    };
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(unreadable(e.to_string()));
            return None;
        }
    };
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => match names.iter().find(|n| n.as_str() == s) {
            Some(n) => n.clone(),
            None => {
                let help = crate::suggest::did_you_mean(s, names.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("its sheets are: {}", names.join(", ")));
                let d = Diagnostic::error(purpose.no_sheet, format!("the {noun} {name} has no sheet {s:?}")).help(help);
                diags.push(purpose.locate(d, "no such sheet"));
                return None;
            }
        },
        None => match names.first() {
            Some(n) => n.clone(),
            None => {
                diags.push(unreadable("it has no sheets".to_owned()));
                return None;
            }
        },
    };
    let range = match book.worksheet_range(&chosen) {
        Ok(r) => r,
        Err(e) => {
            diags.push(unreadable(e.to_string()));
            return None;
        }
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    // Rows above the used range are blank lines, so that line = sheet row.
    let mut text = "\n".repeat(row0 as usize);
    let mut spans = Vec::new();
    for row in range.rows() {
        let mut cells = Vec::new();
        let row_offset = text.len();
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                text.push('\t');
            }
            let value = cell_text(cell);
            cells.push((text.len(), value.clone()));
            text.push_str(&value.replace(['\t', '\n', '\r'], " "));
        }
        spans.push((row_offset, cells));
        text.push('\n');
    }
    // A cell's column is its sheet column: how many tabs are before it on
    // its line, after the used range's first column.
    let file = sources.add_sheet(format!("{name}[{chosen}]"), text, col0);
    let rows = spans
        .into_iter()
        .map(|(row_offset, cells)| {
            let cells = cells
                .into_iter()
                .map(|(offset, text)| {
                    let loc = Loc::new(file, offset, text.len());
                    Cell { text, loc }
                })
                .collect();
            Row { cells, loc: Loc::new(file, row_offset, 0) }
        })
        .collect();
    Some(Table { file, rows, xlsx: true })
}

/// A cell as its user sees it: whole numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// `B3` for row 3, column 2: how a spreadsheet user finds a cell.
pub fn cell_name(row: u32, col: u32) -> String {
    let (mut n, mut letters) = (col, Vec::new());
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", letters.into_iter().collect::<String>())
}
