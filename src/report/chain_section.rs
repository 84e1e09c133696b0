//! The HTML report's "service chain" section: the drawing for the screen,
//! scaled to the page and made interactive by the page's one script (what
//! each box links to is computed here), and for print either the same
//! drawing or, when it would not fit an A4 landscape page with its text at
//! 7 pt or more, one drawing per customer (its value stream), each on a page
//! of its own.

use super::Report;
use super::diagram::{Class, Diagram};
use super::groups::Groups;
use super::layout::{COL_GAP, Layout};
use super::markup::escape;
use super::svg::{self, Links};
use crate::model::Endpoint;
use std::collections::VecDeque;
use std::fmt::Write;

/// The printable area of an A4 landscape page with the style sheet's 12 mm
/// margins, in CSS pixels (96 per inch), less room for a title and caption.
const PAGE_W: f64 = 273.0 / 25.4 * 96.0;
const PAGE_H: f64 = 186.0 / 25.4 * 96.0 - 80.0;
/// The smallest text in a drawing (legend, figures, labels), in its pixels,
/// and the smallest it may print: 7 pt.
const SMALLEST_TEXT: f64 = 11.0;
const SMALLEST_PRINTED: f64 = 7.0 / 72.0 * 96.0;

/// Whether a drawing this big prints on one page with its text at 7 pt or more.
pub fn fits_a_page(width: f64, height: f64) -> bool {
    let scale = (PAGE_W / width).min(PAGE_H / height).min(1.0);
    scale * SMALLEST_TEXT >= SMALLEST_PRINTED
}

/// The section's figures: the drawing (screen, and print when it fits a
/// page), then the value streams for print when it does not.
pub fn figures(r: &Report<'_>, d: &Diagram) -> String {
    let laid = svg::Laid::new(d);
    let l = &laid.l;
    let whole_fits = fits_a_page(l.width, l.height);
    let mut out = String::new();
    let _ = writeln!(out, "<figure class=\"chain-figure{}\">", if whole_fits { "" } else { " screen-only" });
    out.push_str(&svg::draw_with(&laid, Some(&links(r, d)), "", None, frames(r, d).as_ref()));
    if let Some(note) = &d.left_out {
        let _ = write!(out, "\n<figcaption>{} {}</figcaption>", escape(note), super::diagram::TABLES_LIST_ALL);
    }
    out.push_str("\n</figure>\n");
    if whole_fits {
        return out;
    }
    let _ = writeln!(
        out,
        "<p class=\"print-only explain\">The drawing is too big for one page, so it is printed as one drawing per customer: the departments of the drawing whose work reaches that customer. A drawing still too big for a page is printed in parts, cut between columns and rows.</p>"
    );
    for (k, (customer, stream)) in value_streams(d).into_iter().enumerate() {
        let name = escape(&d.nodes[customer].name);
        let shown = stream.nodes.iter().filter(|n| n.class != Class::Customer).count();
        let caption = escape(&format!(
            "The {} of the drawing whose work reaches {}, in columns by handoffs to it.",
            super::document::count(shown, "department"),
            d.nodes[customer].name
        ));
        let laid = svg::Laid::new(&stream);
        let parts = pages(&laid.l);
        let stream_frames = frames(r, &stream);
        for (j, &window) in parts.iter().enumerate() {
            let part = if parts.len() > 1 { format!(", part {} of {}", j + 1, parts.len()) } else { String::new() };
            let _ = write!(
                out,
                "<figure class=\"stream print-only\">\n<h3>Value stream: {name}{part}</h3>\n{}\n<figcaption>{caption}</figcaption>\n</figure>\n",
                svg::draw_with(&laid, None, &format!("s{k}p{j}-"), Some(window), stream_frames.as_ref()),
            );
        }
    }
    out
}

/// The units of an org that has them, as bands behind their departments.
fn frames(r: &Report<'_>, d: &Diagram) -> Option<Groups> {
    (!r.org.units.is_empty()).then(|| Groups::of(r, d))
}

/// Windows (x, y, width, height) onto a drawing, each printable on one page
/// with its text at 7 pt or more: the whole drawing if it fits, else parts
/// cut in the gaps between columns and between rows, where no box is.
pub fn pages(l: &Layout) -> Vec<(f64, f64, f64, f64)> {
    let scale = SMALLEST_PRINTED / SMALLEST_TEXT;
    let (most_w, most_h) = (PAGE_W / scale, PAGE_H / scale);
    let columns = l.col.iter().max().map_or(1, |&c| c + 1);
    let xs: Vec<f64> = (0..columns).map(|c| Layout::column_x(c) - COL_GAP / 2.0).skip(1).collect();
    let mut rows: Vec<f64> = l.y.clone();
    rows.sort_by(f64::total_cmp);
    rows.dedup();
    // A cut just below a row's boxes, so that a band's title goes with the
    // band below it.
    let ys: Vec<f64> = rows.windows(2).map(|w| w[0] + l.node_h + 2.0).collect();
    // As many parts as cutting as late as possible takes, then cut each
    // nearest an even share of what is left, so that no part is a sliver
    // (a customer alone on a page).
    let spans = |cuts: &[f64], end: f64, most: f64| {
        let split = |even: bool, parts: usize| {
            let mut spans = Vec::new();
            let mut start = 0.0;
            while start < end {
                let left = parts.saturating_sub(spans.len()).max(1) as f64;
                let want = if even { (end - start) / left } else { most };
                let fitting = cuts.iter().copied().filter(|&c| c > start && c - start <= most);
                let stop = fitting.min_by(|a, b| (a - start - want).abs().total_cmp(&(b - start - want).abs()));
                let stop = if end - start <= most { end } else { stop.unwrap_or(end.min(start + most)) };
                spans.push((start, stop - start));
                start = stop;
            }
            spans
        };
        let parts = split(false, 0).len();
        let even = split(true, parts);
        if even.len() == parts { even } else { split(false, 0) }
    };
    let mut windows = Vec::new();
    for (y, h) in spans(&ys, l.height, most_h) {
        for (x, w) in spans(&xs, l.width, most_w) {
            windows.push((x, y, w, h));
        }
    }
    windows
}

/// What the script highlights for each node of `d`: see [`Links`]. Only
/// drawn nodes are named.
pub fn links(r: &Report<'_>, d: &Diagram) -> Links {
    let g = r.graph;
    let mut drawn = vec![usize::MAX; g.node_count()];
    for (i, n) in d.nodes.iter().enumerate() {
        drawn[g.node(n.at)] = i;
    }
    let at = |n: usize| Some(drawn[n]).filter(|&i| i != usize::MAX);
    let count = d.nodes.len();
    let mut links =
        Links { chain: vec![Vec::new(); count], behind: vec![Vec::new(); count], depends: vec![Vec::new(); count] };
    for (i, n) in d.nodes.iter().enumerate() {
        let Endpoint::Department(dept) = n.at else { continue };
        links.chain[i].push(i);
        let chain = r.figures(dept).chain.unwrap_or_default();
        links.chain[i].extend(chain.iter().filter_map(|&h| at(g.receiver(h))));
        let mut behind: Vec<usize> = r
            .analysis
            .dominators
            .departments_behind(dept)
            .iter()
            .filter_map(|&b| at(g.node(Endpoint::Department(b))))
            .collect();
        behind.sort_unstable();
        for &b in &behind {
            links.depends[b].push(i);
        }
        links.behind[i] = behind;
    }
    links
}

/// One drawing per customer of `d`: the customer and the nodes whose work
/// reaches it along drawn edges, in columns by their handoffs to it.
pub fn value_streams(d: &Diagram) -> Vec<(usize, Diagram)> {
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); d.nodes.len()];
    for e in &d.edges {
        into[e.to].push(e.from);
    }
    let mut streams = Vec::new();
    for (c, customer) in d.nodes.iter().enumerate() {
        if customer.class != Class::Customer {
            continue;
        }
        let mut hops = vec![u32::MAX; d.nodes.len()];
        hops[c] = 0;
        let mut queue = VecDeque::from([c]);
        while let Some(n) = queue.pop_front() {
            for &m in &into[n] {
                if hops[m] == u32::MAX && d.nodes[m].class != Class::Customer {
                    hops[m] = hops[n] + 1;
                    queue.push_back(m);
                }
            }
        }
        let mut index = vec![usize::MAX; d.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in d.nodes.iter().enumerate() {
            if hops[i] != u32::MAX {
                index[i] = nodes.len();
                nodes.push(super::diagram::Node { hops: Some(hops[i]), ..node.clone() });
            }
        }
        let edges = d
            .edges
            .iter()
            .filter(|e| index[e.from] != usize::MAX && index[e.to] != usize::MAX)
            .map(|e| super::diagram::Edge { from: index[e.from], to: index[e.to], ..e.clone() })
            .collect();
        streams.push((c, Diagram { title: d.title.clone(), nodes, edges, left_out: None }));
    }
    streams
}

#[cfg(test)]
mod tests {
    use super::fits_a_page;

    #[test]
    fn a_drawing_too_big_for_a_page_is_cut_into_pages_between_its_boxes() {
        let d = crate::report::diagram::Diagram {
            title: "t".into(),
            nodes: (0..40u32)
                .map(|k| crate::report::diagram::Node {
                    id: format!("d{k}"),
                    name: format!("Department {k}"),
                    class: crate::report::diagram::Class::Strong,
                    strength: Some(0.9),
                    hops: Some(k % 8),
                    spof_impact: 0,
                    at: crate::model::Endpoint::Department(crate::model::DeptIdx(k)),
                })
                .collect(),
            edges: Vec::new(),
            left_out: None,
        };
        let l = crate::report::layout::layout(&d);
        let pages = super::pages(&l);
        assert!(pages.len() >= 2, "{} by {} on one page", l.width, l.height);
        for &(x, y, w, h) in &pages {
            assert!(fits_a_page(w, h), "{w} by {h}");
            for b in l.boxes() {
                let inside = b.0 >= x && b.0 + b.2 <= x + w && b.1 >= y && b.1 + b.3 <= y + h;
                let outside = b.0 + b.2 <= x || b.0 >= x + w || b.1 + b.3 <= y || b.1 >= y + h;
                assert!(inside || outside, "a page cuts through the box at {b:?}");
            }
        }
        let area: f64 = pages.iter().map(|p| p.2 * p.3).sum();
        assert!((area - l.width * l.height).abs() < 1.0, "the pages cover the drawing once");
    }

    #[test]
    fn a_drawing_fits_a_page_while_its_smallest_text_prints_at_7_pt() {
        assert!(fits_a_page(1000.0, 500.0));
        assert!(fits_a_page(1200.0, 600.0), "scaled to 86%: 11 px text prints at 7.1 pt");
        assert!(!fits_a_page(1400.0, 600.0));
        assert!(!fits_a_page(1000.0, 1200.0));
    }
}
