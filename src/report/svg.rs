//! The chain graph as an SVG drawing, laid out here: one column per number
//! of hops from the customer (customers on the right), nodes ordered within
//! a column by the barycentre of their neighbours, cut-off departments in a
//! band of their own below. Linear in the drawing's size, so a drawing of a
//! few hundred nodes takes milliseconds.

use super::diagram::{Class, Diagram};
use super::format::percent;
use super::html::escape;
use std::fmt::Write;

const NODE_W: f64 = 176.0;
const NODE_H: f64 = 40.0;
const COL_GAP: f64 = 96.0;
const ROW_GAP: f64 = 16.0;
const MARGIN: f64 = 16.0;
const LEGEND_H: f64 = 58.0;
/// Show each handoff's label on the drawing when there are at most this many.
const LABEL_ALL_UP_TO: usize = 40;

/// Where each node goes.
struct Layout {
    x: Vec<f64>,
    y: Vec<f64>,
    width: f64,
    height: f64,
}

pub fn draw(d: &Diagram) -> String {
    draw_framed(d, None)
}

/// The drawing with `groups` (units) as frames behind their departments.
pub fn draw_framed(d: &Diagram, groups: Option<&super::groups::Groups>) -> String {
    let layout = layout(d);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chain" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="The service chain of {title}">"#,
        w = layout.width,
        h = layout.height,
        title = escape(&d.title)
    );
    out.push_str(concat!(
        r#"<defs>"#,
        r##"<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#607d8b"/></marker>"##,
        r##"<marker id="arrow-weak" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker>"##,
        r##"<marker id="arrow-critical" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#212121"/></marker>"##,
        r#"</defs>"#
    ));
    legend(&mut out);
    out.push_str(&groups.map_or(String::new(), |g| super::frames::draw(g, &layout.x, &layout.y, NODE_W, NODE_H)));
    edges(d, &layout, &mut out);
    for (i, n) in d.nodes.iter().enumerate() {
        let (fill, border) = n.class.colors();
        let (x, y) = (layout.x[i], layout.y[i]);
        let rx = if n.class == Class::Customer { NODE_H / 2.0 } else { 6.0 };
        let tip = match n.strength {
            Some(s) => format!("{} ({}): strength {}", n.name, n.id, percent(s)),
            None if n.class == Class::CutOff => format!("{} ({}): cut off from the customer", n.name, n.id),
            None => format!("{} ({}): customer", n.name, n.id),
        };
        let _ = write!(
            out,
            r#"<g class="node {class}"><title>{tip}</title><rect x="{x:.1}" y="{y:.1}" width="{NODE_W}" height="{NODE_H}" rx="{rx}" fill="{fill}" stroke="{border}"/>"#,
            class = n.class.name(),
            tip = escape(&tip)
        );
        let name = escape(&shorten(&n.name, 26));
        match n.strength {
            Some(s) => {
                let _ = write!(
                    out,
                    r#"<text x="{cx:.1}" y="{ty:.1}" class="name">{name}</text><text x="{cx:.1}" y="{sy:.1}" class="figure">{}</text>"#,
                    percent(s),
                    cx = x + NODE_W / 2.0,
                    ty = y + 17.0,
                    sy = y + 32.0
                );
            }
            None => {
                let _ = write!(
                    out,
                    r#"<text x="{cx:.1}" y="{ty:.1}" class="name">{name}</text>"#,
                    cx = x + NODE_W / 2.0,
                    ty = y + NODE_H / 2.0 + 4.0
                );
            }
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String) {
    let mut x = MARGIN;
    for c in Class::ALL {
        let (fill, border) = c.colors();
        let rx = if c == Class::Customer { 7.0 } else { 3.0 };
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{MARGIN}" width="14" height="14" rx="{rx}" fill="{fill}" stroke="{border}"/><text x="{tx:.1}" y="{ty:.1}" class="legend">{}</text>"#,
            c.legend(),
            tx = x + 19.0,
            ty = MARGIN + 11.5
        );
        x += 24.0 + 6.2 * c.legend().len() as f64;
    }
    let y = MARGIN + 32.0;
    let lines = [
        ("#c62828", "2.4", "", "quality below 70%"),
        ("#212121", "1.8", "", "critical: every chain of some department uses it"),
        ("#607d8b", "1.2", r#" stroke-dasharray="5 4""#, "unrated"),
    ];
    let mut x = MARGIN;
    for (color, width, dash, text) in lines {
        let _ = write!(
            out,
            r#"<line x1="{x:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{color}" stroke-width="{width}"{dash}/><text x="{tx:.1}" y="{ty:.1}" class="legend">{text}</text>"#,
            x2 = x + 26.0,
            tx = x + 32.0,
            ty = y + 4.0
        );
        x += 44.0 + 6.2 * text.len() as f64;
    }
}

fn edges(d: &Diagram, l: &Layout, out: &mut String) {
    let labelled = d.edges.len() <= LABEL_ALL_UP_TO;
    for e in &d.edges {
        let (sx, sy) = (l.x[e.from] + NODE_W, l.y[e.from] + NODE_H / 2.0);
        let (tx, ty) = (l.x[e.to], l.y[e.to] + NODE_H / 2.0);
        let path = if tx > sx + 1.0 {
            // Towards the customer: right side to left side.
            let mid = (sx + tx) / 2.0;
            format!("M{sx:.1},{sy:.1} C{mid:.1},{sy:.1} {mid:.1},{ty:.1} {tx:.1},{ty:.1}")
        } else if (l.x[e.from] - l.x[e.to]).abs() < 1.0 {
            // Within a column: out to the right and back in, clear of the boxes.
            let bulge = sx + COL_GAP * 0.45;
            format!("M{sx:.1},{sy:.1} C{bulge:.1},{sy:.1} {bulge:.1},{ty:.1} {sx:.1},{ty:.1}")
        } else {
            // Back, away from the customer (rework): left side to right side.
            let (bx, ex) = (l.x[e.from], l.x[e.to] + NODE_W);
            format!(
                "M{bx:.1},{sy:.1} C{c1:.1},{sy:.1} {c2:.1},{ty:.1} {ex:.1},{ty:.1}",
                c1 = bx - COL_GAP * 0.5,
                c2 = ex + COL_GAP * 0.5
            )
        };
        let (color, width, marker) = if e.weak {
            ("#c62828", 2.4, "arrow-weak")
        } else if e.critical {
            ("#212121", 1.8, "arrow-critical")
        } else {
            ("#607d8b", 1.2, "arrow")
        };
        let dash = if e.quality.is_none() { r#" stroke-dasharray="5 4""# } else { "" };
        let tip = format!("{} -> {}: {}", d.nodes[e.from].name, d.nodes[e.to].name, e.label());
        let _ = write!(
            out,
            r#"<path class="edge" d="{path}" fill="none" stroke="{color}" stroke-width="{width}"{dash} marker-end="url(#{marker})"><title>{}</title></path>"#,
            escape(&tip)
        );
        if (labelled || e.weak) && e.quality.is_some() && tx > sx + 1.0 {
            let q = e.quality.map(percent).unwrap_or_default();
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{y:.1}" class="edge-label{weak}">{q}</text>"#,
                x = (sx + tx) / 2.0,
                y = (sy + ty) / 2.0 - 4.0,
                weak = if e.weak { " weak" } else { "" }
            );
        }
    }
}

fn layout(d: &Diagram) -> Layout {
    let n = d.nodes.len();
    let max_hops = d.nodes.iter().filter_map(|n| n.hops).max().unwrap_or(0) as usize;
    // Columns: the customers (0 hops) rightmost.
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); max_hops + 1];
    let mut cut_off = Vec::new();
    for (i, node) in d.nodes.iter().enumerate() {
        match node.hops {
            Some(h) => columns[h as usize].push(i),
            None => cut_off.push(i),
        }
    }
    // Cut-off departments left to right by how far their work goes before
    // it stops, so that their handoffs point right too.
    let mut reach = vec![0usize; n];
    for _ in 0..cut_off.len().min(8) {
        for e in &d.edges {
            if d.nodes[e.from].hops.is_none() && d.nodes[e.to].hops.is_none() {
                reach[e.from] = reach[e.from].max(reach[e.to] + 1).min(cut_off.len());
            }
        }
    }
    cut_off.sort_by_key(|&i| (std::cmp::Reverse(reach[i]), i));
    // Order each column by the mean position of its neighbours in the
    // column before, sweeping out from the customers and back.
    let mut pos = vec![0.0; n];
    for c in &columns {
        for (k, &i) in c.iter().enumerate() {
            pos[i] = k as f64;
        }
    }
    let mut out_nbrs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut in_nbrs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &d.edges {
        out_nbrs[e.from].push(e.to);
        in_nbrs[e.to].push(e.from);
    }
    for _ in 0..2 {
        for column in columns.iter_mut().skip(1) {
            order_by(column, &out_nbrs, &mut pos);
        }
        let last = columns.len().saturating_sub(1);
        for column in columns[..last].iter_mut().rev() {
            order_by(column, &in_nbrs, &mut pos);
        }
    }
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let column_height = tallest as f64 * (NODE_H + ROW_GAP);
    let top = MARGIN + LEGEND_H;
    let mut x = vec![0.0; n];
    let mut y = vec![0.0; n];
    for (h, col) in columns.iter().enumerate() {
        let offset = (column_height - col.len() as f64 * (NODE_H + ROW_GAP)) / 2.0;
        for (k, &i) in col.iter().enumerate() {
            x[i] = MARGIN + (max_hops - h) as f64 * (NODE_W + COL_GAP);
            y[i] = top + offset + k as f64 * (NODE_H + ROW_GAP);
        }
    }
    let mut width = MARGIN * 2.0 + (max_hops + 1) as f64 * (NODE_W + COL_GAP) - COL_GAP;
    let mut height = top + column_height + MARGIN;
    if !cut_off.is_empty() {
        let per_row = (max_hops + 1).max(3);
        let band = height + 24.0;
        for (k, &i) in cut_off.iter().enumerate() {
            x[i] = MARGIN + (k % per_row) as f64 * (NODE_W + COL_GAP);
            y[i] = band + (k / per_row) as f64 * (NODE_H + ROW_GAP + 20.0);
        }
        let rows = cut_off.len().div_ceil(per_row);
        height = band + rows as f64 * (NODE_H + ROW_GAP + 20.0) + MARGIN + 20.0;
        width = width.max(MARGIN * 2.0 + per_row as f64 * (NODE_W + COL_GAP) - COL_GAP);
    }
    Layout { x, y, width: width.max(760.0), height }
}

/// Sorts a column by the mean position of each node's neighbours, ties and
/// nodes without neighbours keeping their place.
fn order_by(column: &mut [usize], neighbours: &[Vec<usize>], pos: &mut [f64]) {
    let key = |i: usize| {
        let ns = &neighbours[i];
        if ns.is_empty() { pos[i] } else { ns.iter().map(|&m| pos[m]).sum::<f64>() / ns.len() as f64 }
    };
    let mut keyed: Vec<(f64, usize, usize)> = column.iter().enumerate().map(|(k, &i)| (key(i), k, i)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (k, (_, _, i)) in keyed.into_iter().enumerate() {
        column[k] = i;
        pos[i] = k as f64;
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
