//! `analyze` for a terminal: the report document as comfy-table tables,
//! weak values in colour when colour is on, long sections cut to the top N.

use super::Report;
use super::document::{self, Body, Document, Tone};
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, LineStyle, Table, TableStyle};
use std::fmt::Write;

/// How much to show and how.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// Rows per section; `None` for all.
    pub top: Option<usize>,
    pub color: bool,
}

/// Columns apart, a rule under the header, nothing else.
const STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

pub fn render(r: &Report<'_>, opts: TableOptions) -> String {
    write(&document::build(r, opts.top), opts.color)
}

fn write(doc: &Document, color: bool) -> String {
    let mut out = format!("{}\n{}\n\n", doc.title, doc.counts);
    for line in &doc.headline {
        let _ = writeln!(out, "{line}");
    }
    for section in &doc.sections {
        let _ = write!(out, "\n{}: {}\n", section.title, section.explain);
        match &section.body {
            Body::Table { headers, rows } => {
                let mut t = Table::new();
                t.load_style(STYLE);
                t.set_content_arrangement(ContentArrangement::Dynamic);
                if color {
                    t.enforce_styling();
                } else {
                    t.force_no_tty();
                }
                t.set_header(headers.clone());
                for row in rows {
                    t.add_row(row.iter().map(|c| {
                        let mut cell = Cell::new(&c.text);
                        if c.numeric {
                            cell = cell.set_alignment(CellAlignment::Right);
                        }
                        match c.tone {
                            Tone::Bad if color => cell.fg(Color::Red),
                            Tone::Fair if color => cell.fg(Color::Yellow),
                            _ => cell,
                        }
                    }));
                }
                let _ = writeln!(out, "{}", t.trim_fmt());
            }
            Body::List(lines) => {
                for line in lines {
                    let _ = writeln!(out, " {line}");
                }
            }
        }
        if section.more > 0 {
            let _ = writeln!(out, "... and {} more (--all shows every row)", section.more);
        }
    }
    out
}
