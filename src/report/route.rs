//! How the SVG drawing's edges run and where their labels go. A handoff to
//! the next column is one curve inside the gap between the two columns;
//! every other handoff runs out into the gap beside its supplier, along the
//! gap between two rows, and down the gap beside its receiver: the layout's
//! grid keeps those gaps free of boxes, so no edge crosses a department.
//! Labels are placed weakest first where they overlap no box and no other
//! label.

use super::diagram::Diagram;
use super::format::percent;
use super::layout::{COL_GAP, Layout, NODE_W, ROW_GAP};
use std::collections::BTreeMap;
use std::fmt::Write;

pub type Point = (f64, f64);

/// The course of one edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A cubic Bézier curve: start, two control points, end.
    Curve([Point; 4]),
    /// Straight segments through the gaps.
    Lines(Vec<Point>),
}

impl Shape {
    /// The SVG path data.
    pub fn path(&self) -> String {
        let mut out = String::new();
        match self {
            Shape::Curve([a, b, c, e]) => {
                let _ = write!(
                    out,
                    "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                    a.0, a.1, b.0, b.1, c.0, c.1, e.0, e.1
                );
            }
            Shape::Lines(points) => {
                for (k, p) in points.iter().enumerate() {
                    let _ = write!(out, "{}{:.1},{:.1}", if k == 0 { "M" } else { " L" }, p.0, p.1);
                }
            }
        }
        out
    }

    /// The point a fraction `t` (0 to 1) of the way along.
    pub fn at(&self, t: f64) -> Point {
        match self {
            Shape::Curve([a, b, c, e]) => {
                let u = 1.0 - t;
                let f = |p: f64, q: f64, r: f64, s: f64| {
                    u * u * u * p + 3.0 * u * u * t * q + 3.0 * u * t * t * r + t * t * t * s
                };
                (f(a.0, b.0, c.0, e.0), f(a.1, b.1, c.1, e.1))
            }
            Shape::Lines(points) => {
                let total: f64 = points.windows(2).map(|w| dist(w[0], w[1])).sum();
                let mut left = total * t;
                for w in points.windows(2) {
                    let len = dist(w[0], w[1]);
                    if left <= len && len > 0.0 {
                        let k = left / len;
                        return (w[0].0 + k * (w[1].0 - w[0].0), w[0].1 + k * (w[1].1 - w[0].1));
                    }
                    left -= len;
                }
                points.last().copied().unwrap_or((0.0, 0.0))
            }
        }
    }

    /// The edge as straight segments (a curve sampled finely), for checks.
    pub fn segments(&self) -> Vec<(Point, Point)> {
        let points: Vec<Point> = match self {
            Shape::Curve(_) => (0..=32).map(|k| self.at(k as f64 / 32.0)).collect(),
            Shape::Lines(points) => points.clone(),
        };
        points.windows(2).map(|w| (w[0], w[1])).collect()
    }
}

fn dist(a: Point, b: Point) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// The course of every edge of `d`, in edge order.
pub fn route(d: &Diagram, l: &Layout) -> Vec<Shape> {
    // How many edges already run along each gap, to give each its own lane.
    let mut columns_used: BTreeMap<usize, usize> = BTreeMap::new();
    let mut rows_used: BTreeMap<i64, usize> = BTreeMap::new();
    let h = l.node_h;
    d.edges
        .iter()
        .map(|e| {
            let (s, t) = (e.from, e.to);
            let (cs, ct) = (l.col[s], l.col[t]);
            let (sy, ty) = (l.y[s] + h / 2.0, l.y[t] + h / 2.0);
            if ct == cs + 1 {
                let (sx, tx) = (l.x[s] + NODE_W, l.x[t]);
                let mid = (sx + tx) / 2.0;
                return Shape::Curve([(sx, sy), (mid, sy), (mid, ty), (tx, ty)]);
            }
            // Out of the supplier's side facing the receiver (the right
            // side when both are in one column), into the receiver's side
            // facing the supplier.
            let (out_x, out_gap) = if ct >= cs { (l.x[s] + NODE_W, cs) } else { (l.x[s], cs - 1) };
            let (in_x, in_gap) = if ct > cs { (l.x[t], ct - 1) } else { (l.x[t] + NODE_W, ct) };
            let mut lane = |gap: usize| {
                let k = columns_used.entry(gap).or_insert(0);
                *k += 1;
                Layout::gap_right_of(gap) + ((*k % 7) as f64 - 3.0) * (COL_GAP / 10.0)
            };
            if s == t {
                let x = lane(out_gap);
                return Shape::Lines(vec![(out_x, sy - 8.0), (x, sy - 8.0), (x, sy + 8.0), (out_x, sy + 8.0)]);
            }
            let a = lane(out_gap);
            if out_gap == in_gap {
                return Shape::Lines(vec![(out_x, sy), (a, sy), (a, ty), (in_x, ty)]);
            }
            let b = lane(in_gap);
            // Along the gap between rows next to the receiver, on the
            // supplier's side of it.
            let gap_y = if sy < ty { l.y[t] - ROW_GAP / 2.0 } else { l.y[t] + h + ROW_GAP / 2.0 };
            let k = rows_used.entry(gap_y.round() as i64).or_insert(0);
            *k += 1;
            let gap_y = gap_y + ((*k % 3) as f64 - 1.0) * (ROW_GAP / 4.0);
            Shape::Lines(vec![(out_x, sy), (a, sy), (a, gap_y), (b, gap_y), (b, ty), (in_x, ty)])
        })
        .collect()
}

/// A label on an edge: its text and the box it takes (centre, size).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub edge: usize,
    pub text: String,
    pub weak: bool,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Label {
    fn rect(&self) -> (f64, f64, f64, f64) {
        (self.x - self.w / 2.0, self.y - self.h / 2.0, self.w, self.h)
    }
}

pub const LABEL_H: f64 = 15.0;

/// Labels with each rated edge's quality: every weak one, and the others
/// too when `all`, as far as there is room for them. The weakest are placed
/// first; a weak label that finds no free place still goes on its edge.
pub fn labels(d: &Diagram, l: &Layout, shapes: &[Shape], all: bool) -> Vec<Label> {
    let mut order: Vec<usize> = (0..d.edges.len()).filter(|&k| d.edges[k].quality.is_some()).collect();
    order.retain(|&k| all || d.edges[k].weak);
    order.sort_by(|&a, &b| {
        let q = |k: usize| d.edges[k].quality.unwrap_or(1.0);
        d.edges[b].weak.cmp(&d.edges[a].weak).then(q(a).total_cmp(&q(b))).then(a.cmp(&b))
    });
    let boxes: Vec<(f64, f64, f64, f64)> = l.boxes().collect();
    let mut placed: Vec<Label> = Vec::new();
    for k in order {
        let e = &d.edges[k];
        let text = e.quality.map(percent).unwrap_or_default();
        let w = 7.0 * text.chars().count() as f64 + 8.0;
        let mut first = None;
        let mut found = None;
        'search: for step in 0..9 {
            for t in [0.5 - 0.05 * step as f64, 0.5 + 0.05 * step as f64] {
                let (x, y) = shapes[k].at(t);
                for dy in [0.0, -9.0, 9.0, -18.0, 18.0] {
                    let label = Label { edge: k, text: text.clone(), weak: e.weak, x, y: y + dy, w, h: LABEL_H };
                    first.get_or_insert_with(|| label.clone());
                    let r = label.rect();
                    let inside = r.0 >= 0.0 && r.1 >= 0.0 && r.0 + r.2 <= l.width && r.1 + r.3 <= l.height;
                    if inside
                        && !boxes.iter().any(|&b| overlap(r, b, 2.0))
                        && !placed.iter().any(|p| overlap(r, p.rect(), 1.0))
                    {
                        found = Some(label);
                        break 'search;
                    }
                }
            }
        }
        match (found, first) {
            (Some(label), _) => placed.push(label),
            (None, Some(label)) if e.weak => placed.push(label),
            _ => {}
        }
    }
    placed.sort_by_key(|p| p.edge);
    placed
}

/// Whether two rectangles (x, y, w, h) overlap, `pad` apart counting as
/// overlapping.
pub fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64), pad: f64) -> bool {
    a.0 < b.0 + b.2 + pad && b.0 < a.0 + a.2 + pad && a.1 < b.1 + b.3 + pad && b.1 < a.1 + a.3 + pad
}

/// Whether the segment from `p` to `q` passes through the inside of the
/// rectangle (touching its border, where edges end, does not count).
pub fn crosses(p: Point, q: Point, r: (f64, f64, f64, f64)) -> bool {
    const IN: f64 = 1.0;
    let (x0, y0, x1, y1) = (r.0 + IN, r.1 + IN, r.0 + r.2 - IN, r.1 + r.3 - IN);
    // Liang-Barsky clipping: does any part of the segment lie inside?
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for (den, num) in [(-dx, p.0 - x0), (dx, x1 - p.0), (-dy, p.1 - y0), (dy, y1 - p.1)] {
        if den == 0.0 {
            if num < 0.0 {
                return false;
            }
        } else {
            let t = num / den;
            if den < 0.0 {
                lo = lo.max(t);
            } else {
                hi = hi.min(t);
            }
        }
    }
    lo < hi
}

#[cfg(test)]
mod tests {
    use super::{Shape, crosses, overlap};

    #[test]
    fn a_segment_through_a_box_crosses_it_and_one_ending_on_its_border_does_not() {
        let r = (100.0, 100.0, 50.0, 40.0);
        assert!(crosses((0.0, 120.0), (300.0, 120.0), r));
        assert!(crosses((125.0, 0.0), (125.0, 110.0), r));
        assert!(!crosses((0.0, 120.0), (100.0, 120.0), r), "ends on the left side");
        assert!(!crosses((0.0, 90.0), (300.0, 90.0), r), "passes above");
        assert!(!crosses((160.0, 0.0), (160.0, 300.0), r), "passes right of it");
    }

    #[test]
    fn rectangles_overlap_only_when_they_share_area() {
        assert!(overlap((0.0, 0.0, 10.0, 10.0), (5.0, 5.0, 10.0, 10.0), 0.0));
        assert!(!overlap((0.0, 0.0, 10.0, 10.0), (12.0, 0.0, 10.0, 10.0), 1.0));
    }

    #[test]
    fn points_along_lines_follow_their_length() {
        let s = Shape::Lines(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 30.0)]);
        assert_eq!(s.at(0.0), (0.0, 0.0));
        assert_eq!(s.at(0.5), (10.0, 10.0));
        assert_eq!(s.at(1.0), (10.0, 30.0));
        assert_eq!(s.path(), "M0.0,0.0 L10.0,0.0 L10.0,30.0");
    }
}
