//! The HTML report's survey chart: with two waves or more, each handoff's
//! mean per wave as a small line chart (the biggest drops first, at most
//! [`LINES`]), inline SVG like the report's other drawings.

use super::format::percent;
use super::markup::escape;
use crate::display::one_line;
use crate::model::Org;
use crate::survey::trend::trend;
use std::fmt::Write;

/// Lines drawn at most; a chart of every handoff would be unreadable.
pub const LINES: usize = 8;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 240.0;
/// Room for the axis labels on the left, the legend on the right.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 330.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;
const COLORS: [&str; LINES] = ["#c62828", "#1f5fa8", "#2e7d32", "#8a6200", "#6a1b9a", "#00838f", "#ad1457", "#455a64"];

/// The section, or `None` with fewer than two waves or nothing measured.
pub fn section(org: &Org) -> Option<String> {
    if org.surveys.len() < 2 {
        return None;
    }
    let t = trend(org);
    let lines: Vec<_> = t.handoffs.iter().filter(|h| h.values.iter().flatten().count() >= 2).take(LINES).collect();
    if lines.is_empty() {
        return None;
    }
    let n = t.waves.len();
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| LEFT + plot_w * i as f64 / (n - 1) as f64;
    let y = |q: f64| TOP + plot_h * (1.0 - q.clamp(0.0, 1.0));
    let mut svg = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"Survey quality per wave\">\n"
    );
    for q in [0.0, 0.5, 1.0] {
        let (right, yq, label_x, label_y) = (LEFT + plot_w, y(q), LEFT - 6.0, y(q) + 4.0);
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{right}\" y1=\"{yq:.1}\" y2=\"{yq:.1}\" stroke=\"#e6e9ef\"/><text class=\"legend\" x=\"{label_x}\" y=\"{label_y:.1}\" text-anchor=\"end\">{}</text>",
            percent(q)
        );
    }
    for (i, wave) in t.waves.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text class=\"legend\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(i),
            HEIGHT - 10.0,
            escape(&one_line(wave))
        );
    }
    for (k, h) in lines.iter().enumerate() {
        let color = COLORS[k % COLORS.len()];
        let points: Vec<String> =
            h.values.iter().enumerate().filter_map(|(i, v)| v.map(|q| format!("{:.1},{:.1}", x(i), y(q)))).collect();
        let label = crate::clip::cell(&h.handoff.label);
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"><title>{}</title></polyline>",
            points.join(" "),
            escape(&one_line(&label))
        );
        let ly = TOP + 16.0 * k as f64 + 6.0;
        let _ = writeln!(
            svg,
            "<rect x=\"{}\" y=\"{:.1}\" width=\"10\" height=\"3\" fill=\"{color}\"/><text class=\"legend\" x=\"{}\" y=\"{:.1}\">{}</text>",
            WIDTH - RIGHT + 16.0,
            ly - 3.0,
            WIDTH - RIGHT + 30.0,
            ly + 1.0,
            escape(&one_line(&label))
        );
    }
    svg.push_str("</svg>");
    Some(format!(
        "<section id=\"survey-trend\">\n<h2>Survey waves</h2>\n<p class=\"explain\">Each handoff's mean rating per survey wave (only where the wave had enough answers), the biggest drops first.</p>\n<figure>\n{svg}\n</figure>\n</section>\n"
    ))
}
