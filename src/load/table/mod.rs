//! A spreadsheet read into rows of located cells, for surveys and imports
//! alike: CSV (`,` or `;`, detected; a UTF-8 byte-order mark dropped) with
//! the `csv` crate, `.xlsx` with `calamine`. CSV cells point at their place in the file (`file:line:col`);
//! an xlsx sheet is kept as a text of its own, one line per sheet row and
//! cells apart by tabs, so that a cell is `file.xlsx[Sheet]:row:column` and
//! diagnostics can quote its row like any other line.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Loc, SourceMap};

mod xlsx;

pub use xlsx::cell_name;
use xlsx::xlsx;

/// One cell as written, and where.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub loc: Loc,
}

/// One row: its cells, and where it starts (for cells it lacks).
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub loc: Loc,
}

impl Row {
    /// The text of cell `i`, trimmed; empty when the row is short.
    pub fn text(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.text.trim())
    }

    /// Where cell `i` is; the row's start when the row is short.
    pub fn loc(&self, i: usize) -> Loc {
        self.cells.get(i).map_or(self.loc, |c| c.loc)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.trim().is_empty())
    }
}

/// A file's rows (for a survey, from its header row on: `skip_rows` dropped).
#[derive(Debug)]
pub struct Table {
    pub file: FileId,
    pub rows: Vec<Row>,
    /// Read from a workbook: places are sheet rows and columns.
    pub xlsx: bool,
}

/// What the file being read is, for the words and codes of its problems:
/// a survey named in an org file, or a sheet named on the command line.
#[derive(Debug, Clone, Copy)]
pub struct Purpose<'a> {
    /// How messages name the file: "survey", "sheet".
    pub noun: &'a str,
    /// Where the file was named, if in a file.
    pub at: Option<Loc>,
    /// Not valid CSV, or no workbook calamine reads.
    pub unreadable: Code,
    pub not_utf8: Code,
    pub no_sheet: Code,
}

impl Purpose<'_> {
    fn locate(&self, d: Diagnostic, note: &str) -> Diagnostic {
        match self.at {
            Some(loc) => d.at(loc, note),
            None => d,
        }
    }
}

/// Reads `bytes`, named `name`, as CSV or (by its extension) xlsx, into
/// `sources`; `sheet` picks a workbook's sheet (else its first). `None`
/// when the file cannot be read at all (reported).
pub fn read(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    purpose: &Purpose<'_>,
    limit: u64,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        xlsx(name, bytes, sheet, limit, purpose, sources, diags)
    } else {
        csv_table(name, bytes, purpose, sources, diags)
    }
}

/// Notes `(cell E3)` on the places of `diags` in a workbook: a
/// spreadsheet's user looks for a cell by its name.
pub fn name_cells(table: &Table, sources: &SourceMap, diags: &mut [Diagnostic]) {
    if !table.xlsx {
        return;
    }
    for label in diags.iter_mut().flat_map(|d| d.primary.iter_mut().chain(d.secondary.iter_mut())) {
        if label.loc.file == table.file {
            let (row, column) = sources.line_col(label.loc);
            label.note = format!("{} (cell {})", label.note, cell_name(row, column));
        }
    }
}

fn csv_table(
    name: &str,
    mut bytes: Vec<u8>,
    purpose: &Purpose<'_>,
    sources: &mut SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = sources.add(name.to_owned(), text);
            let noun = purpose.noun;
            let mut d = Diagnostic::error(purpose.not_utf8, format!("the {noun} {name} is not UTF-8 text"))
                .at(Loc::new(file, valid, 1), "invalid byte")
                .help(format!("save the {noun} as \"CSV UTF-8\" (Excel) or export it as .xlsx"));
            if let Some(at) = purpose.at {
                d = d.also(at, format!("the {noun} named here"));
            }
            diags.push(d);
            return None;
        }
    };
    let delimiter = detect_delimiter(&text);
    let file = sources.add(name.to_owned(), text);
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = record.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
                // After a CRLF the csv crate starts the record at the LF (and
                // after blank lines, at the first of them); no record starts
                // with a line break, so the row starts after them.
                let bytes = text.as_bytes();
                while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                let starts = field_starts(text, start, delimiter, record.len());
                let row_loc = loc_at(text, file, start, 0);
                let cells = record
                    .iter()
                    .zip(starts)
                    .map(|(value, offset)| Cell {
                        text: value.to_owned(),
                        loc: loc_at(text, file, offset, value.len()),
                    })
                    .collect();
                rows.push(Row { cells, loc: row_loc });
            }
            Err(e) => {
                let offset = e.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
                diags.push(
                    Diagnostic::error(purpose.unreadable, format!("the {} {name} is not valid CSV: {e}", purpose.noun))
                        .at(loc_at(text, file, offset, 0), "here"),
                );
                return None;
            }
        }
    }
    Some(Table { file, rows, xlsx: false })
}

/// The place of `len` bytes at `offset`, both kept within the text.
fn loc_at(text: &str, file: FileId, offset: usize, len: usize) -> Loc {
    let offset = crate::source::floor_char_boundary(text, offset.min(text.len()));
    Loc::new(file, offset, len.min(text.len() - offset))
}

/// `;` when the first line has more semicolons than commas outside quotes
/// (a European Excel export), else `,`.
fn detect_delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// Where each of a record's `n` fields starts in the text: the csv crate
/// gives the record's position but not its fields'.
fn field_starts(text: &str, start: usize, delimiter: u8, n: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![start];
    let (mut i, mut quoted) = (start, false);
    while starts.len() < n && i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b if b == delimiter && !quoted => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    // A field past a line break inside quotes: point at the last one found.
    let last = starts.last().copied().unwrap_or(start);
    starts.resize(n, last);
    // Point inside a quoted field's quotes, at its text.
    starts.iter().map(|&s| if bytes.get(s) == Some(&b'"') { s + 1 } else { s }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_are_detected_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter("\"a;b;c\",d\n"), b',');
    }

    #[test]
    fn fields_are_located_past_quotes() {
        let text = "x,\"a,b\",c\n";
        assert_eq!(field_starts(text, 0, b',', 3), vec![0, 3, 8]);
    }

    /// `text` read as a survey's CSV file, with the map that places its cells.
    fn survey_csv(text: &str) -> (Table, SourceMap) {
        let mut sources = SourceMap::default();
        let purpose = Purpose {
            noun: "survey",
            at: None,
            unreadable: Code::SurveyUnreadable,
            not_utf8: Code::SurveyNotUtf8,
            no_sheet: Code::SurveyNoSheet,
        };
        let table = csv_table("t.csv", text.as_bytes().to_vec(), &purpose, &mut sources, &mut Vec::new());
        (table.unwrap_or_else(|| panic!("unreadable")), sources)
    }

    #[test]
    fn cells_are_placed_as_the_file_numbers_lines_and_columns() {
        let text = "a,b\n\"é\nx\",ü,c\r\n\n1,2\n";
        let (table, sources) = survey_csv(text);
        for cell in table.rows.iter().flat_map(|r| &r.cells) {
            let before = &text[..cell.loc.start()];
            let line = before.matches('\n').count() + 1;
            let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            assert_eq!(sources.line_col(cell.loc), (line as u32, col as u32), "{:?}", cell.text);
        }
        assert_eq!(sources.line_col(table.rows[1].cells[1].loc).0, 3, "after a line break inside quotes");
    }

    #[test]
    fn rows_after_a_windows_line_break_are_placed_on_their_own_line() {
        // Excel writes CSV with CRLF; the csv crate starts the next record
        // at the LF.
        let text = "a,b\r\nc,d\r\n\r\ne,f\r\n";
        let (table, sources) = survey_csv(text);
        let places: Vec<(u32, u32, &str)> = table
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .map(|c| {
                let (line, col) = sources.line_col(c.loc);
                (line, col, &text[c.loc.start()..c.loc.end()])
            })
            .collect();
        assert_eq!(places, [(1, 1, "a"), (1, 3, "b"), (2, 1, "c"), (2, 3, "d"), (4, 1, "e"), (4, 3, "f")]);
        assert_eq!(sources.line_col(table.rows[1].loc), (2, 1));
    }

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(3, 2), "B3");
        assert_eq!(cell_name(1, 27), "AA1");
    }
}
