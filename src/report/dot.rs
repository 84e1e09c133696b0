//! The chain graph as Graphviz DOT: departments coloured by strength,
//! customers as ovals, cut-off departments in a cluster of their own, weak
//! handoffs red and bold, critical ones solid black, and a legend. The
//! drawing flows to the customer: departments in columns by hops, like the
//! HTML, and the customers alone in the rightmost one.

use super::diagram::{Class, Diagram};
use super::groups::{Group, Groups, NodeLines};
use std::collections::BTreeMap;
use std::fmt::Write;

pub fn write(d: &Diagram) -> String {
    write_grouped(d, None)
}

/// The drawing with each unit of `groups` as a cluster, nested as units
/// nest; a cut-off department in a unit stays in its unit's cluster.
pub fn write_grouped(d: &Diagram, groups: Option<&Groups>) -> String {
    let mut out = String::from("digraph servchain {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", label={}, labelloc=t];",
        quote(&title(d))
    );
    out.push_str("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#607d8b\"];\n");
    let mut lines = NodeLines::new(groups, d.nodes.len());
    for (i, n) in d.nodes.iter().enumerate() {
        let (fill, border) = n.class.colors();
        let label = match n.strength {
            Some(s) => format!("{}\n{}{}", n.name, super::format::percent(s), n.depend_on()),
            None => n.name.clone(),
        };
        let shape = if n.class == Class::Customer { ", shape=ellipse" } else { "" };
        // A single point of failure stands out by its border too.
        let pen = if n.spof_impact > 0 { ", penwidth=2.4" } else { "" };
        let line = format!(
            "  {} [label={}, fillcolor=\"{fill}\", color=\"{border}\"{shape}{pen}];
",
            quote(&n.id),
            quote(&label)
        );
        lines.place(i, n.class, line, &mut out);
    }
    let open = |_, g: &Group, pad: &str| {
        format!(
            "{pad}subgraph {} {{\n{pad}  label={}; style=\"rounded\"; color=\"#78909c\"; fontsize=12;",
            quote(&format!("cluster_unit_{}", g.id)),
            quote(&g.name)
        )
    };
    lines.write_frames(&open, "}", &mut out);
    if !lines.cut_off.is_empty() {
        out.push_str(
            "  subgraph cluster_cut_off {\n    label=\"Cut off from the customer\"; style=dashed; color=\"#9e9e9e\";\n",
        );
        out.push_str(&lines.cut_off);
        out.push_str("  }\n");
    }
    ranks(d, &mut out);
    for e in &d.edges {
        let mut attrs = vec![format!("label={}", quote(&e.label()))];
        // Only handoffs one hop nearer the customer set the columns: a loop
        // back or a handoff within a column would otherwise pull a
        // department out of its column, or the customer into the middle.
        let (from, to) = (d.nodes[e.from].hops, d.nodes[e.to].hops);
        if from.is_some() && to.is_some() && from <= to {
            attrs.push("constraint=false".into());
        }
        if e.weak {
            attrs.push("color=\"#c62828\", fontcolor=\"#c62828\", penwidth=2.2".into());
        } else if e.critical {
            attrs.push("color=\"#212121\", penwidth=1.6".into());
        }
        if e.quality.is_none() {
            attrs.push("style=dashed".into());
        }
        let _ =
            writeln!(out, "  {} -> {} [{}];", quote(&d.nodes[e.from].id), quote(&d.nodes[e.to].id), attrs.join(", "));
    }
    out.push_str("  subgraph cluster_legend {\n    label=\"Legend\"; style=dashed; color=\"#bdbdbd\"; fontsize=10;\n");
    for (i, c) in Class::ALL.iter().enumerate() {
        let (fill, border) = c.colors();
        let shape = if *c == Class::Customer { ", shape=ellipse" } else { "" };
        let _ = writeln!(
            out,
            "    legend_{i} [label={}, fillcolor=\"{fill}\", color=\"{border}\", fontsize=9{shape}];",
            quote(c.legend())
        );
    }
    out.push_str("    legend_note [shape=plaintext, style=\"\", fontsize=9, label=\"red edge: quality below 70%\\ndashed edge: unrated\\nbold black edge: critical handoff\\nthick border, N depend on it: a single point\\nof failure for N departments\"];\n  }\n");
    out.push_str("}\n");
    out
}

/// The columns: the customers alone on the last rank (`sink`), and the
/// departments the same number of hops from a customer on one rank each.
fn ranks(d: &Diagram, out: &mut String) {
    let mut by_hops: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    let mut customers = Vec::new();
    for n in &d.nodes {
        match (n.class, n.hops) {
            (Class::Customer, _) => customers.push(quote(&n.id)),
            (_, Some(h)) => by_hops.entry(h).or_default().push(&n.id),
            (_, None) => {}
        }
    }
    if let Some(first) = customers.first() {
        let _ = writeln!(out, "  {{ rank=sink; {}; }}", customers.join("; "));
        // A cluster keeps `dot` from honouring the sink: a chain of cut-off
        // departments could reach the customers' column. An invisible edge
        // that pulls nothing (weight 0) keeps each left of it.
        for n in d.nodes.iter().filter(|n| n.class == Class::CutOff) {
            let _ = writeln!(out, "  {} -> {first} [style=invis, weight=0];", quote(&n.id));
        }
    }
    for ids in by_hops.values() {
        let ids: Vec<String> = ids.iter().map(|id| quote(id)).collect();
        let _ = writeln!(out, "  {{ rank=same; {}; }}", ids.join("; "));
    }
}

/// The organization, and under it the caption of a partial drawing in
/// lines short enough for a page (a graph label does not wrap by itself).
fn title(d: &Diagram) -> String {
    match &d.left_out {
        Some(note) => format!("{}\n{}", d.title, super::fit::wrap(note, CAPTION_COLUMNS, 0).join("\n")),
        None => d.title.clone(),
    }
}

/// About the width of a drawing of five columns, in characters of the
/// label's font.
const CAPTION_COLUMNS: usize = 110;

/// A DOT string literal: quotes and backslashes escaped, newlines as `\n`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
