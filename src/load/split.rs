//! Cutting a large file's `departments:` list into parts that can be parsed
//! on several cores at once.
//!
//! The first part is parsed together with the rest of the file (customers,
//! policy, anything after the list), so every other key keeps its meaning:
//! its document is a copy of the file with the other parts blanked (spaces,
//! line breaks kept), so every byte keeps its offset, line and column, and
//! blank lines cost the parser almost nothing. Every other part is its own
//! small document, the `departments:` line and the part's lines, whose
//! locations are [`Shift`]ed back to the file's (cuts are at line starts,
//! so columns need no change).
//!
//! A cut is sound only where the sequential parse is between two list items,
//! not inside a quoted scalar or a flow collection that spans lines (which
//! serde-saphyr accepts even where the next line is less indented). So a plan
//! is made only when a conservative scan of every line up to the end of the
//! list finds neither; block scalars are skipped by their indentation, as
//! YAML reads them. Files with aliases, tabs or directives are not cut. The
//! loader falls back to one sequential parse whenever any part reports any
//! problem, so diagnostics always come from reading the file whole.

use std::ops::Range;

/// How to cut a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The `departments:` line, through its line break.
    pub key_line: Range<usize>,
    /// Where each part after the first begins: the start of a list item.
    pub cuts: Vec<usize>,
    /// Where the list ends (the start of the first line after it).
    pub end: usize,
}

impl Plan {
    /// The document for the first part: the whole file, the other parts blanked.
    pub fn main_doc(&self, text: &str) -> String {
        let first_cut = self.cuts.first().copied().unwrap_or(self.end);
        blanked(text, &[0..first_cut, self.end..text.len()])
    }

    /// The document for part `i` (1-based; `1..=cuts.len()`): the
    /// `departments:` line and the part's lines, and how far its locations
    /// are from the file's.
    pub fn part_doc(&self, text: &str, i: usize) -> (String, Shift) {
        let start = self.cuts[i - 1];
        let end = self.cuts.get(i).copied().unwrap_or(self.end);
        let key = &text[self.key_line.clone()];
        let lines_before = text[..start].bytes().filter(|&b| b == b'\n').count();
        let shift = Shift { bytes: start - key.len(), lines: (lines_before - 1) as u32 };
        ([key, &text[start..end]].concat(), shift)
    }
}

/// How a part's document sits in its file: add `bytes` to its offsets and
/// `lines` to its line numbers (from the part's second line on, which is
/// all of it but the `departments:` line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shift {
    pub bytes: usize,
    pub lines: u32,
}

impl Shift {
    pub fn apply(self, loc: crate::source::Loc) -> crate::source::Loc {
        crate::source::Loc { offset: loc.offset + self.bytes, line: loc.line + self.lines, ..loc }
    }
}

/// A plan to cut `text` into up to `parts` parts of at least `min_part`
/// bytes, or `None` when it cannot be cut safely (or is too small to gain).
pub fn plan(text: &str, parts: usize, min_part: usize) -> Option<Plan> {
    if parts < 2 || text.len() < 2 * min_part.max(1) {
        return None;
    }
    // Aliases may refer across parts; tabs make indentation ambiguous to a
    // line scan; directives apply to the whole stream.
    if text.bytes().any(|b| matches!(b, b'*' | b'\t')) {
        return None;
    }
    let mut scan = Scanner::default();
    let mut offset = 0;
    let mut key_line = None;
    let mut lines = text.split_inclusive('\n');
    // Up to and including the `departments:` line.
    for line in lines.by_ref() {
        let start = offset;
        offset += line.len();
        if start == 0 && line.starts_with('%') {
            return None;
        }
        if !scan.line(line) {
            return None;
        }
        if is_departments_key(line) {
            key_line = Some(start..offset);
            break;
        }
    }
    let key_line = key_line?;
    // The list's items: lines starting with `indent` spaces and `- `.
    let mut indent = None;
    let mut end = text.len();
    let mut item_starts = Vec::new();
    for line in lines {
        let start = offset;
        offset += line.len();
        let (content, trimmed, col) = indentation(line);
        if !scan.is_code(col, trimmed) {
            continue;
        }
        let item = trimmed == "-" || trimmed.starts_with("- ");
        match indent {
            None if item => indent = Some(col),
            None => return None, // not a block list
            Some(k) if col < k || (col == k && !item) => {
                end = start;
                break;
            }
            Some(_) => {}
        }
        if item && Some(col) == indent {
            item_starts.push(start);
        }
        if !scan.code(content, col) {
            return None;
        }
    }
    let items_start = *item_starts.first()?;
    // Cut at the first item at or after each even share of the list.
    let wanted = parts.min((end - items_start) / min_part.max(1)).max(1);
    let mut cuts = Vec::new();
    for i in 1..wanted {
        let target = items_start + (end - items_start) * i / wanted;
        let next = item_starts.partition_point(|&s| s < target).max(1);
        match item_starts.get(next) {
            Some(&cut) if cuts.last().is_none_or(|&last| cut > last) => cuts.push(cut),
            _ => {}
        }
    }
    (!cuts.is_empty()).then_some(Plan { key_line, cuts, end })
}

/// A line without its line break, without its indentation too, and the
/// indentation's width.
fn indentation(line: &str) -> (&str, &str, usize) {
    let content = line.trim_end_matches(['\n', '\r']);
    let trimmed = content.trim_start_matches(' ');
    (content, trimmed, content.len() - trimmed.len())
}

/// `departments:` at the top level, alone on its line (a comment may follow).
fn is_departments_key(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("departments:") else { return false };
    let rest = rest.trim_start_matches([' ', '\r', '\n']);
    rest.is_empty() || rest.starts_with('#')
}

/// `text` with every byte outside `keep` (sorted, disjoint ranges) turned
/// into a space, line breaks kept.
fn blanked(text: &str, keep: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for r in keep {
        let (start, end) = (r.start.clamp(pos, text.len()), r.end.clamp(pos, text.len()));
        blank_into(&text[pos..start], &mut out);
        out.push_str(&text[start..end]);
        pos = end;
    }
    blank_into(&text[pos..], &mut out);
    out
}

fn blank_into(part: &str, out: &mut String) {
    const SPACES: &str = "                                                                ";
    for line in part.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let mut n = body.len();
        while n > 0 {
            let k = n.min(SPACES.len());
            out.push_str(&SPACES[..k]);
            n -= k;
        }
        out.push_str(&line[body.len()..]);
    }
}

/// Reads lines as YAML's block context would, far enough to tell whether a
/// quoted scalar or flow collection runs past the end of a line. It errs on
/// the side of "no": anything it is unsure of makes the plan fail.
#[derive(Debug, Default)]
struct Scanner {
    block: Block,
}

/// Where a block scalar (`|` or `>`) stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Block {
    #[default]
    None,
    /// A header was seen in a node indented `n`; its content is the
    /// following lines indented more.
    Header { n: usize },
    /// Content lines are those indented at least `m` (and blank lines).
    Content { m: usize },
}

impl Scanner {
    /// Takes in one line; false if it is not plainly one line of block YAML.
    fn line(&mut self, line: &str) -> bool {
        let (content, trimmed, col) = indentation(line);
        !self.is_code(col, trimmed) || self.code(content, col)
    }

    /// Whether a line (indented `col`, `trimmed` of its indentation) is YAML
    /// to read, rather than a blank line, a comment or block scalar content.
    fn is_code(&mut self, col: usize, trimmed: &str) -> bool {
        match self.block {
            Block::Header { .. } | Block::Content { .. } if trimmed.is_empty() => return false,
            Block::Header { n } if col > n => {
                self.block = Block::Content { m: col };
                return false;
            }
            Block::Content { m } if col >= m => return false,
            _ => self.block = Block::None,
        }
        !(trimmed.is_empty() || trimmed.starts_with('#'))
    }

    /// Reads a line of YAML; false if something may run past its end.
    fn code(&mut self, content: &str, col: usize) -> bool {
        if col == 0 && (content.starts_with("---") || content.starts_with("...")) {
            return false;
        }
        match simple_line(content.as_bytes(), col) {
            Some(Some(n)) => {
                self.block = Block::Header { n };
                true
            }
            Some(None) => true,
            None => false,
        }
    }
}

/// Scans one line of block YAML from column `col`. `None`: something may
/// run past the line's end; `Some(Some(n))`: a block scalar header ends the
/// line, in a node indented `n`; `Some(None)`: the line is self-contained.
fn simple_line(s: &[u8], mut i: usize) -> Option<Option<usize>> {
    // The indentation of the collection the current node belongs to: a
    // block scalar's content must be indented more. Where unsure, it is
    // taken larger, so that fewer lines are skipped as content.
    let mut indent = i;
    loop {
        // Indicators that start a node: `- `, `? `, then anchors and tags.
        loop {
            match (s.get(i), s.get(i + 1)) {
                (Some(b'-' | b'?'), None | Some(b' ')) => {
                    indent = i;
                    i = skip_spaces(s, i + 1);
                }
                (Some(b'&' | b'!'), _) => {
                    while s.get(i).is_some_and(|&b| b != b' ') {
                        i += 1;
                    }
                    i = skip_spaces(s, i);
                }
                _ => break,
            }
        }
        // The node itself.
        let node_start = i;
        match s.get(i) {
            None => return Some(None),
            Some(b'#') => return Some(None),
            Some(b'"') => i = quoted(s, i, b'"')?,
            Some(b'\'') => i = quoted(s, i, b'\'')?,
            Some(b'[' | b'{') => i = flow(s, i)?,
            Some(b'|' | b'>') => {
                // The header: indicators, then at most a comment. An
                // explicit indentation is relative to a parent this scan
                // does not track, so it is refused.
                let rest = &s[i + 1..];
                let header_end = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
                if rest[..header_end].iter().any(|b| !matches!(b, b'+' | b'-')) {
                    return None;
                }
                let after = skip_spaces(rest, header_end);
                return (after == rest.len() || rest[after] == b'#').then_some(Some(indent));
            }
            Some(_) => {
                // A plain scalar: it ends at `: ` (it was a key) or ` #`.
                loop {
                    match (s.get(i), s.get(i + 1)) {
                        (None, _) => return Some(None),
                        (Some(b':'), None | Some(b' ')) => {
                            indent = node_start;
                            i = skip_spaces(s, i + 1);
                            break;
                        }
                        (Some(b' '), Some(b'#')) => return Some(None),
                        _ => i += 1,
                    }
                }
                continue;
            }
        }
        // After a quoted scalar or flow collection: the line ends, or a
        // comment, or `:` makes it a key.
        i = skip_spaces(s, i);
        match s.get(i) {
            None | Some(b'#') => return Some(None),
            Some(b':') => {
                indent = node_start;
                i = skip_spaces(s, i + 1);
            }
            Some(_) => return None,
        }
    }
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while s.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// The end of a quoted scalar starting at `i`, if it ends on this line.
fn quoted(s: &[u8], mut i: usize, quote: u8) -> Option<usize> {
    i += 1;
    loop {
        match *s.get(i)? {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && s.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The end of a flow collection starting at `i`, if it ends on this line.
fn flow(s: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match *s.get(i)? {
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'"' | b'\'' if flow_node_start(s, i) => i = quoted(s, i, s[i])?,
            b'#' if i > 0 && s[i - 1] == b' ' => return None,
            _ => i += 1,
        }
    }
}

/// Whether a quote at `i` inside a flow collection begins a quoted scalar:
/// it follows `[`, `{`, `,`, `:`, `?` or `-`, spaces allowed between.
fn flow_node_start(s: &[u8], i: usize) -> bool {
    let before = s[..i].iter().rev().find(|&&b| b != b' ');
    matches!(before, Some(b'[' | b'{' | b',' | b':' | b'?' | b'-') | None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_ok(text: &str) -> bool {
        let mut scan = Scanner::default();
        text.split_inclusive('\n').all(|l| scan.line(l))
    }

    #[test]
    fn single_line_constructs_are_simple() {
        for text in [
            "a: b\n",
            "- id: x\n  what: \"quoted: value\" # note\n",
            "tags: [a, \"b, c\", 'd''e']\n",
            "meta: {a: 1, b: [2, 3]}\n",
            "name: don't stop\n",
            "my 'key: value\n",
            "\"k\":\"v\"\n",
            "- - x\n",
            "a: &anchor !!str \"v\"\n",
            "description: |\n  line \"one\n  'two\nnext: x\n",
            "- description: >-\n    text: \"a\n  name: y\n",
        ] {
            assert!(lines_ok(text), "{text:?}");
        }
    }

    #[test]
    fn constructs_spanning_lines_are_refused() {
        for text in [
            "a: \"open\n",
            "a: 'open\n",
            "my 'key: 'multi\n  line'\n",
            "tags: [a,\n  b]\n",
            "meta: {a: \"x\n",
            "a: |2\n   x\n",
            "a: \"x\" y\n",
            "---\n",
            "a: \"esc\\\"\n",
            "\"key\n",
        ] {
            assert!(!lines_ok(text), "{text:?}");
        }
    }

    #[test]
    fn a_block_scalar_ends_where_its_indentation_does() {
        // The line indented like the key is not content: its quote counts.
        assert!(!lines_ok("- description: |\n    text\n  name: \"open\n"));
        assert!(lines_ok("- description: |\n    text\n    \"more\n  name: x\n"));
    }

    #[test]
    fn plans_cut_at_list_items() {
        let mut text = String::from("version: 1\ncustomers:\n  - id: c\ndepartments:\n");
        for i in 0..100 {
            text.push_str(&format!("  - id: d{i}\n    serves:\n      - to: c\n"));
        }
        text.push_str("policy:\n  rules: {}\n");
        let plan = plan(&text, 4, 100).unwrap_or_else(|| panic!("no plan"));
        assert_eq!(plan.cuts.len(), 3);
        for &c in &plan.cuts {
            assert!(text[c..].starts_with("  - id: d"), "{:?}", &text[c..c + 12]);
        }
        assert!(text[plan.end..].starts_with("policy:"));
        let (doc, shift) = plan.part_doc(&text, 1);
        assert!(doc.starts_with("departments:\n  - id: d"));
        assert_eq!(&doc["departments:\n".len()..], &text[plan.cuts[0]..plan.cuts[1]]);
        // The part's first item, at line 2 and offset 13 of its document,
        // is back where the file has it.
        let first = crate::source::Loc { file: crate::source::FileId(0), line: 2, col: 3, offset: 13, len: 1 };
        let back = shift.apply(first);
        assert_eq!(back.offset, plan.cuts[0]);
        assert_eq!(back.line as usize, text[..plan.cuts[0]].lines().count() + 1);
    }

    #[test]
    fn unsafe_files_get_no_plan() {
        let base = "departments:\n".to_string() + &"  - id: a\n    name: x\n".repeat(50);
        assert!(plan(&base, 2, 10).is_some());
        assert!(plan(&format!("{base}  - id: b\n    name: *x\n"), 2, 10).is_none());
        assert!(plan(&format!("%YAML 1.2\n---\n{base}"), 2, 10).is_none());
        assert!(plan(&base.replace("name: x", "name: \"x\n      y\""), 2, 10).is_none());
        assert!(plan(&format!("customers: [\"a\n{base}"), 2, 10).is_none());
        assert!(plan("departments: []\n", 2, 1).is_none());
    }
}
