//! `analyze --format html`: one self-contained page a client can open and
//! print. Nothing from elsewhere: the chain graph and the chart are inline
//! SVG, the style sheet and the one script are inline, the page works
//! without the script, and print styles give clean A4 landscape pages.

use super::diagram::{self, Class, Selection};
use super::document::{self, Body, Tone};
use super::markup::escape;
use super::{Report, chain_section};
use std::fmt::Write;

/// The page's one script: search, zoom and pan, highlighting on a click.
/// The page works without it.
const SCRIPT: &str = include_str!("page.js");

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d2330; margin: 0 auto; max-width: 1180px; padding: 24px 32px 48px; }
h1 { font-size: 26px; margin: 0 0 2px; }
h2 { font-size: 19px; margin: 34px 0 6px; border-bottom: 1px solid #d9dde5; padding-bottom: 4px; }
.counts { color: #5b6475; margin: 0 0 14px; }
.headline { background: #f4f6fa; border-left: 4px solid #1f5fa8; padding: 10px 16px; margin: 0; list-style: none; }
.headline li { margin: 3px 0; }
.explain { color: #5b6475; margin: 0 0 8px; }
figure { margin: 8px 0 0; }
figure.chain-figure { overflow: hidden; }
svg.chain { display: block; width: 100%; height: auto; }
svg.chain.interactive.zoomed { cursor: grab; }
svg .node.dim, svg .edge.dim, svg .edge-label.dim { opacity: 0.15; }
svg.interactive .node { cursor: pointer; }
svg .node.selected rect { stroke: #0d3c73; stroke-width: 4; }
svg .node.chain rect { stroke: #1f5fa8; stroke-width: 3; }
svg .node.behind rect { stroke: #6a1b9a; stroke-width: 3; stroke-dasharray: 6 3; }
svg .node.depends rect { stroke: #e65100; stroke-width: 3; }
svg .node.found rect { stroke: #1f5fa8; stroke-width: 4; }
svg .edge.chain { stroke: #1f5fa8; stroke-width: 3.2; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 0 0 6px; font-size: 13px; }
.toolbar input { font: inherit; padding: 3px 8px; width: 16em; }
.toolbar button { font: inherit; min-width: 2.2em; padding: 2px 8px; }
.toolbar .status { color: #5b6475; flex: 1 1 20em; }
.print-only { display: none; }
details summary { cursor: pointer; }
details ul { margin: 4px 0; padding-left: 18px; }
figcaption { color: #5b6475; font-size: 12.5px; margin-top: 4px; }
svg text { font-family: inherit; }
svg .name { font-size: 12px; text-anchor: middle; fill: #1d2330; }
svg .figure { font-size: 11px; text-anchor: middle; fill: #3c4658; }
svg .legend { font-size: 11px; fill: #3c4658; }
svg .band { font-size: 12px; fill: #5b6475; font-weight: 600; }
svg .edge-label rect { fill: #fff; stroke: #90a4ae; stroke-width: 0.8; }
svg .edge-label text { font-size: 11px; text-anchor: middle; fill: #3c4658; }
svg .edge-label.weak rect { stroke: #c62828; }
svg .edge-label.weak text { fill: #c62828; font-weight: 600; }
svg .edge.below-agreement { stroke: #ef6c00; stroke-width: 3px; stroke-dasharray: 8 3; }
svg .bar-label { font-size: 12px; fill: #3c4658; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 0; font-size: 13px; }
th { text-align: left; font-weight: 600; border-bottom: 2px solid #c9ced8; padding: 5px 8px; }
td { border-bottom: 1px solid #e6e9ef; padding: 4px 8px; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.bad { color: #b71c1c; font-weight: 600; }
td.fair { color: #8a6200; }
ol.chains { padding-left: 22px; font-size: 13px; }
ol.chains li { margin: 2px 0; }
footer { margin-top: 40px; color: #8a93a3; font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11.5px; }
  h2 { break-after: avoid; }
  figure, .headline { break-inside: avoid; }
  .toolbar, .screen-only { display: none; }
  .print-only { display: block; }
  figure.stream { break-before: page; break-inside: avoid; }
  figure.stream h3 { margin: 0 0 4px; font-size: 15px; }
  figure svg.chain { width: 100%; height: auto; max-height: 166mm; }
  svg .node.dim, svg .edge.dim, svg .edge-label.dim { opacity: 1; }
  figure svg.chart { max-width: 100%; height: auto; }
  #chain, #strength { break-inside: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

pub fn render(r: &Report<'_>) -> String {
    let doc = document::build(r, None);
    let drawing = diagram::build(r, Selection::PAGE);
    let drawing = match r.scope {
        Some(scope) => super::groups::only_unit(r, drawing, scope),
        None => drawing,
    };
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} – service chain report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&doc.title)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>\n<p class=\"counts\">{}</p>", escape(&doc.title), escape(&doc.counts));
    out.push_str("<ul class=\"headline\">\n");
    for line in &doc.headline {
        let _ = writeln!(out, "<li>{}</li>", text(line));
    }
    out.push_str("</ul>\n</header>\n");

    out.push_str("<section id=\"chain\">\n<h2>The service chain</h2>\n");
    out.push_str("<p class=\"explain\">Work flows left to right, from the departments furthest from the customer to the customers on the right; each box shows a department's strength, its best achievable weakest link.</p>\n");
    out.push_str(&chain_section::figures(r, &drawing));
    out.push_str("</section>\n");

    out.push_str("<section id=\"strength\">\n<h2>Chain strength</h2>\n<p class=\"explain\">How many departments have a strongest chain in each band of quality.</p>\n<figure>\n");
    out.push_str(&strength_chart(r));
    out.push_str("\n</figure>\n</section>\n");
    out.push_str(&super::survey_chart::section(r.org).unwrap_or_default());

    for section in &doc.sections {
        let _ = write!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"explain\">{}</p>\n",
            section.key,
            escape(section.title),
            escape(section.explain)
        );
        match &section.body {
            Body::Table { headers, rows } => {
                let numeric: Vec<bool> = (0..headers.len())
                    .map(|c| rows.first().is_some_and(|r| r.get(c).is_some_and(|x| x.numeric)))
                    .collect();
                out.push_str("<table>\n<thead><tr>");
                for (h, &num) in headers.iter().zip(&numeric) {
                    let _ = write!(out, "<th{}>{}</th>", if num { " class=\"num\"" } else { "" }, escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let mut classes = Vec::new();
                        if cell.numeric {
                            classes.push("num");
                        }
                        match cell.tone {
                            Tone::Bad => classes.push("bad"),
                            Tone::Fair => classes.push("fair"),
                            Tone::Plain => {}
                        }
                        let class = if classes.is_empty() {
                            String::new()
                        } else {
                            format!(" class=\"{}\"", classes.join(" "))
                        };
                        if cell.all.is_empty() {
                            let _ = write!(out, "<td{class}>{}</td>", text(&cell.text));
                        } else {
                            // The whole list, folded: "A, B and 12 more" opens to all.
                            let _ = write!(out, "<td{class}><details><summary>{}</summary><ul>", text(&cell.text));
                            for item in &cell.all {
                                let _ = write!(out, "<li>{}</li>", text(item));
                            }
                            out.push_str("</ul></details></td>");
                        }
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Body::List(lines) => {
                out.push_str("<ol class=\"chains\">\n");
                for line in lines {
                    let _ = writeln!(out, "<li>{}</li>", text(line));
                }
                out.push_str("</ol>\n");
            }
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "<footer>Made with servchain {} from {}.</footer>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        document::count(r.summary().departments, "department")
    );
    out
}

/// A bar chart of how many departments fall in each band of strength (the
/// bands meet at the colours' thresholds), and how many are cut off.
fn strength_chart(r: &Report<'_>) -> String {
    const BANDS: [(f64, &str, Class); 8] = [
        (0.95, "95–100%", Class::Strong),
        (0.90, "90–95%", Class::Strong),
        (0.85, "85–90%", Class::Strong),
        (0.80, "80–85%", Class::Fair),
        (0.70, "70–80%", Class::Fair),
        (0.60, "60–70%", Class::Weak),
        (0.50, "50–60%", Class::Weak),
        (0.0, "below 50%", Class::Weak),
    ];
    let mut counts = [0usize; BANDS.len()];
    let mut cut_off = 0;
    for d in r.covered() {
        match r.analysis.strength(d) {
            Some(s) => {
                let band = BANDS.iter().position(|b| s >= b.0).unwrap_or(BANDS.len() - 1);
                counts[band] += 1;
            }
            None => cut_off += 1,
        }
    }
    let mut rows: Vec<(&str, usize, Class)> = BANDS.iter().zip(counts).map(|(b, n)| (b.1, n, b.2)).collect();
    rows.push(("cut off", cut_off, Class::CutOff));
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let (bar_h, gap, label_w, bar_w) = (18.0, 6.0, 80.0, 520.0);
    let height = rows.len() as f64 * (bar_h + gap) + 8.0;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {height:.0}" width="{w}" height="{height:.0}" role="img" aria-label="Departments by chain strength">"#,
        w = label_w + bar_w + 60.0
    );
    for (i, (label, n, class)) in rows.iter().enumerate() {
        let y = 4.0 + i as f64 * (bar_h + gap);
        let w = bar_w * (*n as f64) / max as f64;
        let (fill, border) = class.colors();
        let _ = write!(
            out,
            r#"<text x="{lx}" y="{ty:.1}" class="bar-label" text-anchor="end">{label}</text><rect x="{bx}" y="{y:.1}" width="{w:.1}" height="{bar_h}" fill="{fill}" stroke="{border}"/><text x="{nx:.1}" y="{ty:.1}" class="bar-label">{n}</text>"#,
            lx = label_w - 8.0,
            ty = y + 13.0,
            bx = label_w,
            nx = label_w + w + 6.0
        );
    }
    out.push_str("</svg>");
    out
}

/// Report text for the page: escaped, with real arrows.
fn text(s: &str) -> String {
    escape(s).replace(" -&gt; ", " → ").replace(" &lt;-&gt; ", " ⇄ ")
}
