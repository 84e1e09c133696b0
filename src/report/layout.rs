//! Where the SVG drawing puts each box: one column per number of hops from
//! the customer (customers on the right), nodes ordered within a column by
//! the barycentre of their neighbours, cut-off departments in a band of their
//! own below. Every box sits on one global grid of columns and rows, so the
//! gaps between columns and between rows are free of boxes all the way
//! across: edges are routed through them ([`super::route`]), and a layer of
//! background rectangles per column group only needs [`Layout::column_x`].
//! Linear in the drawing's size apart from the column sorts.

use super::diagram::Diagram;

pub const NODE_W: f64 = 164.0;
pub const COL_GAP: f64 = 84.0;
pub const ROW_GAP: f64 = 22.0;
pub const MARGIN: f64 = 16.0;
pub const LEGEND_H: f64 = 58.0;
/// Space between the departments that reach a customer and the band of
/// those cut off, room for the band's title.
pub const BAND_GAP: f64 = 40.0;
/// Line height of a name, in the drawing's pixels.
pub const LINE_H: f64 = 14.0;
/// Characters on one line of a name: 12 px text in a 164 px box.
pub const WRAP: usize = 22;
/// Names longer than this many lines are cut (only ever ones of 60 and more
/// characters).
pub const MAX_LINES: usize = 3;

/// Where each node goes, and the grid it sits on.
#[derive(Debug, Clone)]
pub struct Layout {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// Grid column of each node, 0 leftmost.
    pub col: Vec<usize>,
    /// Each node's name, wrapped onto lines.
    pub lines: Vec<Vec<String>>,
    /// The height of every box: enough for the longest name and a figure.
    pub node_h: f64,
    pub width: f64,
    pub height: f64,
    /// The top of the band of cut-off departments, if there is one.
    pub band_top: Option<f64>,
}

impl Layout {
    /// The left edge of grid column `c`.
    pub fn column_x(c: usize) -> f64 {
        MARGIN + c as f64 * (NODE_W + COL_GAP)
    }

    /// The middle of the gap right of grid column `c` (left of `c + 1`).
    pub fn gap_right_of(c: usize) -> f64 {
        Layout::column_x(c) + NODE_W + COL_GAP / 2.0
    }

    pub fn boxes(&self) -> impl Iterator<Item = (f64, f64, f64, f64)> + '_ {
        self.x.iter().zip(&self.y).map(|(&x, &y)| (x, y, NODE_W, self.node_h))
    }
}

pub fn layout(d: &Diagram) -> Layout {
    let n = d.nodes.len();
    let lines: Vec<Vec<String>> = d.nodes.iter().map(|n| wrap(&n.name, WRAP, MAX_LINES)).collect();
    let most_lines = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let node_h = 26.0 + LINE_H * most_lines as f64;
    let row_pitch = node_h + ROW_GAP;

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
    let top = MARGIN + LEGEND_H;
    let mut x = vec![0.0; n];
    let mut y = vec![0.0; n];
    let mut col = vec![0; n];
    for (h, column) in columns.iter().enumerate() {
        // Centred by whole rows, so that rows line up across columns and
        // the gaps between them run straight through the drawing.
        let offset = (tallest - column.len()) / 2;
        for (k, &i) in column.iter().enumerate() {
            col[i] = max_hops - h;
            x[i] = Layout::column_x(col[i]);
            y[i] = top + (offset + k) as f64 * row_pitch;
        }
    }
    let columns_used = max_hops + 1;
    let mut height = top + tallest as f64 * row_pitch - ROW_GAP + MARGIN;
    let mut band_top = None;
    let mut grid_columns = columns_used;
    if !cut_off.is_empty() {
        let per_row = columns_used.max(3);
        grid_columns = per_row;
        let band = height + BAND_GAP;
        for (k, &i) in cut_off.iter().enumerate() {
            col[i] = k % per_row;
            x[i] = Layout::column_x(col[i]);
            y[i] = band + (k / per_row) as f64 * row_pitch;
        }
        let rows = cut_off.len().div_ceil(per_row);
        height = band + rows as f64 * row_pitch - ROW_GAP + MARGIN;
        band_top = Some(band);
    }
    // Room on the right for the gap edges use to come back into a column.
    let width = (Layout::column_x(grid_columns) - COL_GAP / 2.0 + MARGIN).max(760.0);
    Layout { x, y, col, lines, node_h, width, height, band_top }
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

/// `name` on lines of at most `width` characters, broken between words (a
/// word longer than a line is broken inside), at most `max_lines` lines; only
/// a name that needs more is cut, with an ellipsis.
pub fn wrap(name: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in name.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let room = if used == 0 { width } else { width.saturating_sub(used + 1) };
            if word.len() <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(&word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than a line: break it.
            let rest = word.split_off(width.max(1));
            lines.push(word.into_iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let mut kept: String = last.chars().take(width.saturating_sub(1)).collect();
            kept.push('…');
            *last = kept;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_names_wrap_between_words_instead_of_being_cut() {
        assert_eq!(wrap("Environment, Health & Safety", 22, 3), ["Environment, Health &", "Safety"]);
        assert_eq!(wrap("Aftermarket service customers", 22, 3), ["Aftermarket service", "customers"]);
        assert_eq!(wrap("Sales", 22, 3), ["Sales"]);
        assert_eq!(wrap("", 22, 3), [""]);
    }

    #[test]
    fn a_word_wider_than_a_line_is_broken_and_only_an_absurd_name_is_cut() {
        assert_eq!(wrap("Supercalifragilistic", 8, 3), ["Supercal", "ifragili", "stic"]);
        assert_eq!(wrap("a b c d e f g h", 3, 2), ["a b", "c …"]);
    }
}
