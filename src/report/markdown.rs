//! `analyze --format markdown`: the report document as Markdown that GitHub
//! and GitLab render, with a Mermaid drawing of the chain.

use super::diagram::{self, Class, Selection};
use super::document::{self, Body, Cell, SHOWN};
use super::{Report, mermaid};
use std::fmt::Write;

pub fn render(r: &Report<'_>) -> String {
    let doc = document::build(r, None);
    let mut out = format!("# {}\n\n{}\n\n", inline(&doc.title), inline(&doc.counts));
    for line in &doc.headline {
        let _ = writeln!(out, "- {}", inline(line));
    }
    let drawing = diagram::build(r, Selection::MERMAID);
    out.push_str("\n## The service chain\n\n```mermaid\n");
    out.push_str(&mermaid::write(&drawing, false));
    out.push_str("```\n");
    if let Some(note) = &drawing.left_out {
        let _ = writeln!(out, "\n_{} {}_", inline(note), diagram::TABLES_LIST_ALL);
    }
    out.push('\n');
    out.push_str(&legend());
    for section in &doc.sections {
        let _ = write!(out, "\n## {}\n\n{}\n\n", section.title, inline(section.explain));
        match &section.body {
            Body::Table { headers, rows } => {
                let _ = writeln!(out, "| {} |", headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
                let align: Vec<&str> =
                    (0..headers.len())
                        .map(|c| {
                            if rows.first().is_some_and(|r| r.get(c).is_some_and(|x| x.numeric)) {
                                "---:"
                            } else {
                                "---"
                            }
                        })
                        .collect();
                let _ = writeln!(out, "|{}|", align.join("|"));
                for row in rows {
                    let _ = writeln!(out, "| {} |", row.iter().map(folded).collect::<Vec<_>>().join(" | "));
                }
            }
            Body::List(lines) => {
                for (i, line) in lines.iter().enumerate() {
                    let _ = writeln!(out, "{}. {}", i + 1, inline(line));
                }
            }
        }
    }
    out
}

/// What the drawing's colours and lines mean, in two lines GitHub shows
/// as they are (Mermaid draws no legend of its own); coloured squares stand
/// for the fills.
fn legend() -> String {
    let square = |c: Class| match c {
        Class::Customer => "🟦 blue, rounded",
        Class::Strong => "🟩 green",
        Class::Fair => "🟨 yellow",
        Class::Weak => "🟥 red",
        Class::CutOff => "⬜ grey",
    };
    let boxes: Vec<String> = Class::ALL.iter().map(|&c| format!("{}: {}", square(c), c.legend())).collect();
    format!(
        "Boxes: {} · thick border, \"N depend on it\": a single point of failure for N departments.\n\nLines: red, quality below 70% · thick, a critical handoff (every chain of some department uses it) · dotted, unrated.\n",
        boxes.join(" · ")
    )
}

/// A table cell whose names go on past its "and N more": the cell's text as
/// the summary of a `<details>` list of the rest, which GitHub and GitLab
/// fold open on a click.
fn folded(c: &Cell) -> String {
    let Some(rest) = c.all.get(SHOWN..).filter(|rest| !rest.is_empty()) else {
        return cell(&c.text);
    };
    let more: Vec<String> = rest.iter().map(|n| cell(n)).collect();
    format!("<details><summary>{}</summary>{}</details>", cell(&c.text), more.join(", "))
}

/// Text in a table cell: pipes escaped, no line breaks.
pub(crate) fn cell(s: &str) -> String {
    inline(s).replace('|', "\\|")
}

/// Text in running Markdown: characters that would start markup escaped,
/// arrows drawn as arrows.
pub(crate) fn inline(s: &str) -> String {
    let s = s.replace(" -> ", " → ").replace(" <-> ", " ⇄ ");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
