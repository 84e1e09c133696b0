//! The HTML report's drawing, read back from the page: every weak handoff
//! labelled, labels clear of each other and of the boxes, no edge through a
//! box, names whole, "who" lists complete. On a 38-department pump maker
//! (the org issue 16 was found with) and a generated 400-department org.

use crate::{repo_stdout, stdout_with_stdin};
use servchain::report::format::percent;

pub const PUMP_MAKER: &str = "tests/fixtures/pump-maker.yaml";

type Rect = (f64, f64, f64, f64);
/// An edge's number, whether it is weak, and its course.
type DrawnEdge = (usize, bool, Vec<(f64, f64)>);

/// The screen's drawing: the first `<svg class="chain` of the page.
fn drawing(html: &str) -> &str {
    let start = html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chain").unwrap();
    let len = html[start..].find("</svg>").unwrap();
    &html[start..start + len]
}

/// The value of `name="…"` in a tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..].split('"').next()?.to_owned())
}

fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name).unwrap().parse().unwrap()
}

/// The pieces starting at each occurrence of `start`, up to `end`.
fn pieces<'a>(svg: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    svg.split(start).skip(1).map(|p| p.split(end).next().unwrap()).collect()
}

fn node_boxes(svg: &str) -> Vec<Rect> {
    pieces(svg, "<g class=\"node ", "</g>")
        .iter()
        .map(|g| {
            let rect = g.split("<rect").nth(1).unwrap();
            (num(rect, "x"), num(rect, "y"), num(rect, "width"), num(rect, "height"))
        })
        .collect()
}

/// Each label: the edge it belongs to, its box, its text.
fn labels(svg: &str) -> Vec<(usize, Rect, String)> {
    pieces(svg, "<g class=\"edge-label", "</g>")
        .iter()
        .map(|g| {
            let rect = g.split("<rect").nth(1).unwrap();
            let text = g.split("<text").nth(1).unwrap().split('>').nth(1).unwrap().split('<').next().unwrap();
            let edge = attr(g, "data-edge").unwrap().parse().unwrap();
            (edge, (num(rect, "x"), num(rect, "y"), num(rect, "width"), num(rect, "height")), text.to_owned())
        })
        .collect()
}

/// Each edge: its number, whether weak, and its course as points (curves
/// sampled finely).
fn edges(svg: &str) -> Vec<DrawnEdge> {
    pieces(svg, "<path class=\"edge", "</path>")
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let d = attr(p, "d").unwrap();
            let nums: Vec<f64> = d
                .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let pts: Vec<(f64, f64)> = nums.chunks(2).map(|c| (c[0], c[1])).collect();
            let course = if d.contains('C') {
                let [a, b, c, e] = [pts[0], pts[1], pts[2], pts[3]];
                (0..=64)
                    .map(|k| {
                        let t = k as f64 / 64.0;
                        let u = 1.0 - t;
                        let f = |p: f64, q: f64, r: f64, s: f64| {
                            u * u * u * p + 3.0 * u * u * t * q + 3.0 * u * t * t * r + t * t * t * s
                        };
                        (f(a.0, b.0, c.0, e.0), f(a.1, b.1, c.1, e.1))
                    })
                    .collect()
            } else {
                pts
            };
            (attr(p, "data-edge").map_or(k, |e| e.parse().unwrap()), p.starts_with(" weak"), course)
        })
        .collect()
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

fn pump_maker_html() -> String {
    repo_stdout(&["analyze", PUMP_MAKER, "--format", "html"])
}

fn big_org_html() -> String {
    stdout_with_stdin(
        &["analyze", "-", "--format", "html"],
        &servchain::synth::org_yaml(servchain::synth::Shape::new(400)),
    )
}

#[test]
fn every_weak_handoff_is_labelled_with_its_quality_on_the_drawing() {
    let json: serde_json::Value =
        serde_json::from_str(&repo_stdout(&["analyze", PUMP_MAKER, "--format", "json"])).unwrap();
    let weak: Vec<String> = json["handoffs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["quality"].as_f64())
        .filter(|&q| q < 0.7)
        .map(percent)
        .collect();
    assert_eq!(weak.len(), 10, "the fixture has ten weak handoffs");
    let html = pump_maker_html();
    let svg = drawing(&html);
    let mut labelled: Vec<String> = labels(svg).into_iter().map(|l| l.2).collect();
    for q in &weak {
        let at = labelled.iter().position(|l| l == q).unwrap_or_else(|| panic!("no label {q}: {labelled:?}"));
        labelled.remove(at);
    }
    // The headline's weakest link among them.
    assert!(html.contains("Weakest link: Field Service → Quality Assurance (Field failure reports), at 55%."));
    for html in [html.clone(), big_org_html()] {
        let svg = drawing(&html);
        let labelled: Vec<usize> = labels(svg).iter().map(|l| l.0).collect();
        for (k, weak, _) in edges(svg) {
            assert!(!weak || labelled.contains(&k), "weak edge {k} has no label");
        }
    }
}

#[test]
fn labels_overlap_neither_each_other_nor_a_box() {
    for html in [pump_maker_html(), big_org_html()] {
        let svg = drawing(&html);
        let (labels, boxes) = (labels(svg), node_boxes(svg));
        assert!(labels.len() >= 10, "{} labels", labels.len());
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(!overlap(a.1, b.1), "labels {a:?} and {b:?} overlap");
            }
            for &b in &boxes {
                assert!(!overlap(a.1, b), "label {a:?} is on the box {b:?}");
            }
        }
    }
}

#[test]
fn no_edge_runs_through_a_department_box() {
    for html in [pump_maker_html(), big_org_html()] {
        let svg = drawing(&html);
        let boxes = node_boxes(svg);
        let edges = edges(svg);
        assert!(edges.len() > 50, "{} edges", edges.len());
        for (k, _, course) in &edges {
            for w in course.windows(2) {
                // Points every pixel along the segment, none inside a box
                // (its border, where the edge starts or ends, is allowed).
                let steps = ((w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs()).ceil().max(1.0) as usize;
                for s in 0..=steps {
                    let t = s as f64 / steps as f64;
                    let (x, y) = (w[0].0 + t * (w[1].0 - w[0].0), w[0].1 + t * (w[1].1 - w[0].1));
                    for b in &boxes {
                        let inside = x > b.0 + 1.5 && x < b.0 + b.2 - 1.5 && y > b.1 + 1.5 && y < b.1 + b.3 - 1.5;
                        assert!(!inside, "edge {k} runs through the box {b:?} at ({x:.1}, {y:.1})");
                    }
                }
            }
        }
    }
}

#[test]
fn names_are_wrapped_onto_lines_never_cut() {
    let html = pump_maker_html();
    let svg = drawing(&html);
    let names: Vec<&str> = pieces(svg, "<text class=\"name\">", "</text>");
    assert_eq!(names.len(), 41, "38 departments and 3 customers");
    assert!(!svg.contains('…'), "a name is cut");
    assert!(
        names.iter().any(|n| n.contains(">Environment, Health &amp;</tspan>") && n.contains(">Safety</tspan>")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.contains(">Aftermarket service</tspan>") && n.contains(">customers</tspan>")));
    // The full name is kept for the script's search and the tooltip.
    assert!(svg.contains("data-name=\"Production Planning &amp; Scheduling\""));
}

#[test]
fn who_cells_list_every_department_and_the_departments_table_has_leads_and_people() {
    let html = pump_maker_html();
    let spofs =
        html.split("<section id=\"single-points-of-failure\">").nth(1).unwrap().split("</section>").next().unwrap();
    // Shipping & Logistics: 16 departments depend on it, all of them named.
    let row = spofs.split("<tr>").find(|r| r.contains("Shipping &amp; Logistics")).unwrap();
    assert!(row.contains("<details><summary>") && row.contains(" and 11 more</summary>"), "{row}");
    assert_eq!(row.matches("<li>").count(), 16, "{row}");
    assert!(row.contains("<li>Environment, Health &amp; Safety</li>"));
    let departments = html.split("<section id=\"departments\">").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(departments.contains("<th>Led by</th><th class=\"num\">People</th>"));
    assert!(departments.contains("<td>Sara Jung</td><td class=\"num\">4</td>"), "the EHS lead and headcount");
}

#[test]
fn a_drawing_too_big_for_a_page_prints_as_one_drawing_per_customer() {
    let html = pump_maker_html();
    assert!(html.contains("<figure class=\"chain-figure screen-only\">"), "the whole drawing is for the screen only");
    for customer in ["OEM machine builders", "Water utilities &amp; municipalities", "Aftermarket service customers"] {
        assert!(html.contains(&format!("<h3>Value stream: {customer}")), "{customer}");
    }
    let pages = html.matches("<figure class=\"stream print-only\">").count();
    assert!(pages >= 3, "{pages} printed pages");
    // The problems example's drawing fits a page: printed whole, no streams.
    let small = repo_stdout(&["analyze", "examples/problems.yaml", "--format", "html"]);
    assert!(small.contains("<figure class=\"chain-figure\">") && !small.contains("Value stream:"));
}
