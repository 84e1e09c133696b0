//! `analyze` for a terminal: the report document as comfy-table tables,
//! weak values in colour when colour is on, long sections cut to the top N,
//! every line fitted to the terminal's width when there is one.

use super::Report;
use super::document::{self, Body, Document, Tone};
use super::fit::{cap, wrap};
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, LineStyle, Row, Table, TableStyle};
use std::fmt::Write;

/// How much to show and how.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// Rows per section; `None` for all.
    pub top: Option<usize>,
    pub color: bool,
    /// Columns every line must fit in; `None` for unbounded (a pipe).
    pub width: Option<usize>,
}

/// Columns apart, a rule under the header, nothing else.
const STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// Lines a wrapped cell may take before it is cut with an ellipsis: a long
/// "who" list must not push the rest of the table off the screen.
const MAX_CELL_LINES: usize = 3;

pub fn render(r: &Report<'_>, opts: TableOptions) -> String {
    let out = write(&document::build(r, opts.top), opts.color, opts.width);
    match opts.width {
        None => out,
        // The guard: whatever a table could not fit is cut, not overflowed.
        Some(w) => out.lines().map(|l| cap(l, w) + "\n").collect(),
    }
}

fn write(doc: &Document, color: bool, width: Option<usize>) -> String {
    let mut out = String::new();
    let prose = |out: &mut String, text: &str, indent: usize| match width {
        Some(w) => wrap(text, w, indent).into_iter().for_each(|l| {
            let _ = writeln!(out, "{l}");
        }),
        None => {
            let _ = writeln!(out, "{text}");
        }
    };
    prose(&mut out, &doc.title, 2);
    prose(&mut out, &doc.counts, 2);
    out.push('\n');
    for line in &doc.headline {
        prose(&mut out, line, 2);
    }
    for section in &doc.sections {
        out.push('\n');
        prose(&mut out, &format!("{}: {}", section.title, section.explain), 2);
        match &section.body {
            Body::Table { headers, rows } => {
                let mut t = Table::new();
                t.load_style(STYLE);
                t.set_content_arrangement(ContentArrangement::Dynamic);
                t.set_truncation_indicator("…");
                if let Some(w) = width {
                    t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
                }
                if color {
                    t.enforce_styling();
                } else {
                    t.force_no_tty();
                }
                t.set_header(headers.clone());
                for row in rows {
                    let mut row = Row::from(row.iter().map(|c| {
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
                    row.max_height(MAX_CELL_LINES);
                    t.add_row(row);
                }
                let _ = writeln!(out, "{}", t.trim_fmt());
            }
            Body::List(lines) => {
                for line in lines {
                    prose(&mut out, &format!(" {line}"), 4);
                }
            }
        }
        if section.more > 0 {
            prose(&mut out, &format!("... and {} more (--all shows every row)", section.more), 2);
        }
    }
    out
}
