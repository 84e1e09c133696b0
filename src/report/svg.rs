//! The chain graph as an SVG drawing: the boxes where [`super::layout`] puts
//! them, the edges along [`super::route`]'s courses with every weak one
//! labelled, names on as many lines as they need. The drawing scales to the
//! width it is given (a viewBox, no fixed size on the page). Drawn in
//! layers, back to front: legend, band titles, edges, labels, boxes, so that
//! a layer of background rectangles (unit frames) can go in before the
//! edges. With [`Links`], each box also carries what the page's script
//! highlights when it is clicked.

use super::diagram::{Class, Diagram};
use super::format::percent;
use super::groups::Groups;
use super::layout::{self, LINE_H, Layout, MARGIN, NODE_W};
use super::markup::escape;
use super::route::{self, LABEL_H};
use std::fmt::Write;

/// Show each rated handoff's quality on the drawing when there are at most
/// this many handoffs; beyond, only the weak ones'.
const LABEL_ALL_UP_TO: usize = 40;

/// For each node of a drawing (by index), the nodes its page's script
/// highlights with it: its strongest chain to the customer in flow order
/// (itself first), the departments it is a single point of failure for, and
/// those that are single points of failure for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    pub chain: Vec<Vec<usize>>,
    pub behind: Vec<Vec<usize>>,
    pub depends: Vec<Vec<usize>>,
}

/// A drawing laid out and its edges routed and labelled: done once, then
/// drawn whole or a window at a time.
#[derive(Debug)]
pub struct Laid<'d> {
    pub d: &'d Diagram,
    pub l: Layout,
    shapes: Vec<route::Shape>,
    labels: Vec<route::Label>,
}

impl<'d> Laid<'d> {
    pub fn new(d: &'d Diagram) -> Self {
        let l = layout::layout(d);
        let shapes = route::route(d, &l);
        let labels = route::labels(d, &l, &shapes, d.edges.len() <= LABEL_ALL_UP_TO);
        Laid { d, l, shapes, labels }
    }
}

/// The drawing, without links (for benchmarks and tests).
pub fn draw(d: &Diagram) -> String {
    draw_with(&Laid::new(d), None, "", None, None)
}

/// The drawing, its boxes linked for the page's script when `links` are
/// given, its ids (arrow heads) starting with `ids` so that several drawings
/// can share a page, showing only `window` (x, y, width, height) of it when
/// given: a part printed on a page of its own; with `frames` (units) as
/// bands behind their departments when given.
pub fn draw_with(
    laid: &Laid<'_>,
    links: Option<&Links>,
    ids: &str,
    window: Option<(f64, f64, f64, f64)>,
    frames: Option<&Groups>,
) -> String {
    let Laid { d, l, shapes, labels } = laid;
    let (vx, vy, w, h) = window.unwrap_or((0.0, 0.0, l.width, l.height));
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chain{interactive}" viewBox="{vx:.0} {vy:.0} {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" style="max-width:{w:.0}px" role="img" aria-label="The service chain of {title}">"#,
        interactive = if links.is_some() { " interactive" } else { "" },
        title = escape(&d.title)
    );
    out.push_str("<defs>");
    for (name, color) in [("arrow", "#607d8b"), ("arrow-weak", "#c62828"), ("arrow-critical", "#212121")] {
        let _ = write!(
            out,
            r#"<marker id="{ids}{name}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>"#
        );
    }
    out.push_str("</defs>");
    // A part printed right of the first shows no sliver of the legend.
    if vx <= 0.0 {
        legend(&mut out);
    }
    if let Some(y) = l.band_top {
        let _ = write!(
            out,
            r#"<text x="{MARGIN}" y="{ty:.1}" class="band">Cut off from the customer: no chain of handoffs leads from these to a customer</text>"#,
            ty = y - 12.0
        );
    }
    if let Some(groups) = frames {
        out.push_str(&super::frames::draw(groups, &l.x, &l.y, NODE_W, l.node_h));
    }
    for (k, (e, shape)) in d.edges.iter().zip(shapes).enumerate() {
        let (class, color, width, marker) = if e.weak {
            ("edge weak", "#c62828", 2.4, "arrow-weak")
        } else if e.critical {
            ("edge critical", "#212121", 1.8, "arrow-critical")
        } else {
            ("edge", "#607d8b", 1.2, "arrow")
        };
        let dash = if e.quality.is_none() { r#" stroke-dasharray="5 4""# } else { "" };
        let (below, agreed) =
            if e.below_agreement { (" below-agreement", " (below its agreed level)") } else { ("", "") };
        let tip = format!("{} -> {}: {}{agreed}", d.nodes[e.from].name, d.nodes[e.to].name, e.label());
        let _ = write!(
            out,
            r#"<path class="{class}{below}" data-edge="{k}" data-from="{}" data-to="{}" d="{}" fill="none" stroke="{color}" stroke-width="{width}"{dash} stroke-linejoin="round" marker-end="url(#{ids}{marker})"><title>{}</title></path>"#,
            e.from,
            e.to,
            shape.path(),
            escape(&tip)
        );
    }
    for label in labels {
        let _ = write!(
            out,
            r#"<g class="edge-label{weak}" data-edge="{k}"><rect x="{rx:.1}" y="{ry:.1}" width="{w:.1}" height="{LABEL_H}" rx="3"/><text x="{x:.1}" y="{ty:.1}">{text}</text></g>"#,
            weak = if label.weak { " weak" } else { "" },
            k = label.edge,
            rx = label.x - label.w / 2.0,
            ry = label.y - LABEL_H / 2.0,
            w = label.w,
            x = label.x,
            ty = label.y + 4.0,
            text = escape(&label.text)
        );
    }
    for i in 0..d.nodes.len() {
        node(&mut out, d, l, i, links);
    }
    out.push_str("</svg>");
    out
}

fn node(out: &mut String, d: &Diagram, l: &Layout, i: usize, links: Option<&Links>) {
    let n = &d.nodes[i];
    let (fill, border) = n.class.colors();
    let (x, y, h) = (l.x[i], l.y[i], l.node_h);
    let rx = if n.class == Class::Customer { 14.0 } else { 6.0 };
    let tip = match n.strength {
        Some(s) => format!("{} ({}): strength {}", n.name, n.id, percent(s)),
        None if n.class == Class::CutOff => format!("{} ({}): cut off from the customer", n.name, n.id),
        None => format!("{} ({}): customer", n.name, n.id),
    };
    let _ = write!(
        out,
        r#"<g class="node {class}" data-n="{i}" data-id="{id}" data-name="{name}""#,
        class = n.class.name(),
        id = escape(&n.id),
        name = escape(&n.name)
    );
    if let Some(links) = links {
        let list = |v: &[Vec<usize>]| {
            v.get(i).map_or(String::new(), |v| v.iter().map(usize::to_string).collect::<Vec<_>>().join(" "))
        };
        let _ = write!(
            out,
            r#" data-chain="{}" data-behind="{}" data-depends="{}" tabindex="0""#,
            list(&links.chain),
            list(&links.behind),
            list(&links.depends)
        );
    }
    let _ = write!(
        out,
        r#"><title>{tip}</title><rect x="{x:.1}" y="{y:.1}" width="{NODE_W}" height="{h}" rx="{rx}" fill="{fill}" stroke="{border}"/>"#,
        tip = escape(&tip)
    );
    // The name's lines centred in the box, the strength below them.
    let lines = &l.lines[i];
    let figure = n.strength.map(percent);
    let text_h = LINE_H * (lines.len() + usize::from(figure.is_some())) as f64;
    let first = y + (h - text_h) / 2.0 + LINE_H - 3.5;
    let cx = x + NODE_W / 2.0;
    out.push_str(r#"<text class="name">"#);
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(out, r#"<tspan x="{cx:.1}" y="{:.1}">{}</tspan>"#, first + k as f64 * LINE_H, escape(line));
    }
    out.push_str("</text>");
    if let Some(f) = figure {
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{:.1}" class="figure">{f}</text>"#,
            first + lines.len() as f64 * LINE_H
        );
    }
    out.push_str("</g>");
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
