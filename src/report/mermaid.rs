//! The chain graph as a Mermaid flowchart, for Markdown that GitHub and
//! GitLab render: the same marking as DOT, every label quoted so that any
//! department name works.

use super::diagram::{Class, Diagram};
use super::groups::{Group, Groups, NodeLines};
use std::fmt::Write;

/// The flowchart. With `caption`, a partial drawing says how much it shows
/// in its title and what in comments: a title does not wrap, and one as
/// wide as the whole caption would shrink the drawing to fit GitHub's
/// column (Markdown puts the caption under the block instead, as text).
pub fn write(d: &Diagram, caption: bool) -> String {
    write_grouped(d, caption, None)
}

/// The flowchart with each unit of `groups` as a subgraph, nested as units
/// nest; a cut-off department in a unit stays in its unit's subgraph.
pub fn write_grouped(d: &Diagram, caption: bool, groups: Option<&Groups>) -> String {
    let mut out = String::new();
    let note = d.left_out.as_deref().filter(|_| caption);
    if let Some(note) = note {
        let head = note.split_once(": ").map_or(note, |(head, _)| head).replacen("Showing", "showing", 1);
        let _ = writeln!(out, "---\ntitle: {}\n---", yaml_quote(&format!("{}, {head}", d.title)));
    }
    out.push_str("flowchart LR\n");
    for line in note.map(|n| super::fit::wrap(n, 96, 0)).unwrap_or_default() {
        let _ = writeln!(out, "  %% {line}");
    }
    let mut lines = NodeLines::new(groups, d.nodes.len());
    for (i, n) in d.nodes.iter().enumerate() {
        let label = match n.strength {
            Some(s) => format!("{}<br/>{}{}", escape(&n.name), super::format::percent(s), n.depend_on()),
            None => escape(&n.name),
        };
        let line = if n.class == Class::Customer {
            format!("  n{i}([\"{label}\"]):::{}\n", n.class.name())
        } else {
            format!("  n{i}[\"{label}\"]:::{}\n", n.class.name())
        };
        lines.place(i, n.class, line, &mut out);
    }
    // Subgraph ids are `unit0`, `unit1`, ...: unit ids may hold dots,
    // which Mermaid ids may not.
    let open = |i, g: &Group, pad: &str| format!("{pad}subgraph unit{i}[\"{}\"]", escape(&g.name));
    lines.write_frames(&open, "end", &mut out);
    if !lines.cut_off.is_empty() {
        out.push_str("  subgraph cut_off[\"Cut off from the customer\"]\n");
        out.push_str(&lines.cut_off);
        out.push_str("  end\n");
    }
    let spofs: Vec<String> =
        d.nodes.iter().enumerate().filter(|(_, n)| n.spof_impact > 0).map(|(i, _)| format!("n{i}")).collect();
    let mut weak = Vec::new();
    for (i, e) in d.edges.iter().enumerate() {
        let arrow = if e.quality.is_none() {
            "-.->"
        } else if e.critical {
            "==>"
        } else {
            "-->"
        };
        let label = e.label();
        if label.is_empty() {
            let _ = writeln!(out, "  n{} {arrow} n{}", e.from, e.to);
        } else {
            let _ = writeln!(out, "  n{} {arrow}|\"{}\"| n{}", e.from, escape(&label), e.to);
        }
        if e.weak {
            weak.push(i.to_string());
        }
    }
    for c in Class::ALL {
        let (fill, border) = c.colors();
        let _ = writeln!(out, "  classDef {} fill:{fill},stroke:{border},color:#212121", c.name());
    }
    // A single point of failure stands out by its border too, as in DOT.
    if !spofs.is_empty() {
        let _ = writeln!(out, "  classDef spof stroke-width:3px\n  class {} spof", spofs.join(","));
    }
    if !weak.is_empty() {
        let _ = writeln!(out, "  linkStyle {} stroke:#c62828,stroke-width:2.5px,color:#c62828", weak.join(","));
    }
    out
}

/// Text inside a quoted Mermaid label: quotes, markup characters and
/// backslashes (Mermaid reads `\n` as a line break) as entity codes, so any
/// name renders as written, display-safe escapes included.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '\\' => out.push_str("#92;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted scalar for the front matter: the caption is
/// display-safe already, so only quotes and backslashes need escaping.
fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
