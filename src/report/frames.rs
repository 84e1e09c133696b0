//! Units in the HTML drawing: labelled bands behind departments, drawn
//! from the laid-out node positions. The layout places departments by hops
//! to the customer, not by unit, so one frame around a whole unit would
//! cover other units' departments; instead each run of departments of one
//! unit stacked in a column gets a band, labelled with the unit's path
//! ("Operations / Production") and tinted by its top-level unit, so a
//! unit reads the same in every column.

use super::groups::Groups;
use super::markup::escape;
use std::fmt::Write;

/// Space between a band and the departments in it.
const PAD: f64 = 4.0;
/// The tints of top-level units, in turn.
const TINTS: [&str; 6] = ["#5c6bc0", "#00897b", "#8d6e63", "#7e57c2", "#f4511e", "#546e7a"];

/// The bands as SVG; node `i` is a `w` × `h` box at (`x[i]`, `y[i]`).
pub fn draw(groups: &Groups, x: &[f64], y: &[f64], w: f64, h: f64) -> String {
    // Each node's own unit, and each unit's path and top-level unit.
    let mut unit_of = vec![None; x.len()];
    for (g, group) in groups.list.iter().enumerate() {
        for &n in &group.nodes {
            unit_of[n] = Some(g);
        }
    }
    let top = |mut g: usize| {
        while let Some(p) = groups.list[g].parent {
            g = p;
        }
        g
    };
    let tops: Vec<usize> = groups.children(None).collect();
    let path = |g: usize| {
        let mut names = vec![groups.list[g].name.as_str()];
        let mut at = groups.list[g].parent;
        while let Some(p) = at {
            names.push(&groups.list[p].name);
            at = groups.list[p].parent;
        }
        names.reverse();
        names.join(" / ")
    };
    // Framed nodes column by column, top to bottom.
    let mut framed: Vec<usize> = (0..x.len()).filter(|&n| unit_of[n].is_some()).collect();
    framed.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(y[a].total_cmp(&y[b])));
    let mut out = String::new();
    let mut i = 0;
    while i < framed.len() {
        let first = framed[i];
        let mut last = first;
        // A run: the next node in the same column is of the same unit.
        while let Some(&next) = framed.get(i + 1) {
            let adjacent = x[next] == x[first] && unit_of[next] == unit_of[first] && y[next] - y[last] < 2.5 * h;
            if !adjacent {
                break;
            }
            last = next;
            i += 1;
        }
        i += 1;
        let Some(g) = unit_of[first] else { continue };
        let tint = TINTS[tops.iter().position(|&t| t == top(g)).unwrap_or(0) % TINTS.len()];
        let (x0, y0) = (x[first] - PAD, y[first] - PAD);
        let (bw, bh) = (w + 2.0 * PAD, y[last] + h - y[first] + 2.0 * PAD);
        let _ = write!(
            out,
            r#"<g class="unit-frame"><rect x="{x0:.1}" y="{y0:.1}" width="{bw:.1}" height="{bh:.1}" rx="9" fill="{tint}" fill-opacity="0.10" stroke="{tint}" stroke-dasharray="4 3"/><text x="{tx:.1}" y="{ty:.1}" font-size="9" fill="{tint}">{label}</text></g>"#,
            tx = x0 + 4.0,
            ty = y0 - 2.0,
            label = escape(&shorten(&path(g), 34)),
        );
    }
    out
}

/// At most `max` characters, an ellipsis marking a cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(max - 1).collect();
    cut.push('…');
    cut
}
