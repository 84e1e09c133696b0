//! The text of every file an org was read from, so that any diagnostic or
//! finding can later quote the line it points at. A place is kept as a byte
//! offset; its line and column are worked out only when it is shown, from
//! an index of the file's line starts built the first time one is needed.

use std::sync::OnceLock;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) u32);

/// A place in a source file: the byte range of the thing it points at.
/// Twelve bytes, for it sits in every record; [`SourceMap::line_col`] gives
/// its 1-based line and column. An offset past 4 GiB is kept as 4 GiB − 1,
/// its place shown wrong but never a panic (the default file size limit
/// is 512 MiB, and such a file would take some 20 GB to load).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    /// Byte offset of the start in the file's text.
    pub offset: u32,
    /// Byte length (0 for a point).
    pub len: u32,
}

impl Loc {
    pub fn new(file: FileId, offset: usize, len: usize) -> Self {
        Loc { file, offset: to_u32(offset), len: to_u32(len) }
    }

    /// The start of a file, for problems that concern the file as a whole.
    pub fn file_start(file: FileId) -> Self {
        Loc { file, offset: 0, len: 0 }
    }

    pub fn start(self) -> usize {
        self.offset as usize
    }

    pub fn end(self) -> usize {
        self.start().saturating_add(self.len as usize)
    }
}

/// How a file numbers its lines and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Lines end at `\n`; columns count characters.
    Text,
    /// YAML as libyaml counts it, so that places agree with the parser's
    /// marks: lines end at `\r\n`, `\r`, `\n`, U+0085, U+2028 or U+2029,
    /// and a byte-order mark is not a column.
    Yaml,
    /// A workbook's sheet kept as text (one line a sheet row, cells apart by
    /// tabs): columns count cells, the first being sheet column `first + 1`.
    Sheet { first: u32 },
}

/// One file that was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user wrote it (or as found under a directory they named),
    /// `<stdin>` for standard input.
    pub name: String,
    pub text: String,
    kind: Kind,
    lines: OnceLock<Lines>,
}

/// Where each line of a file starts, and, along lines longer than
/// [`STRIDE`], the column every [`STRIDE`] bytes or so: a column is then
/// counted over at most that many bytes, however long the line.
#[derive(Debug, Clone, Default)]
struct Lines {
    starts: Vec<u32>,
    /// (offset, line index, columns before the offset on its line).
    marks: Vec<(u32, u32, u32)>,
}

const STRIDE: usize = 4096;

impl SourceFile {
    /// Line and column (1-based) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let text = self.text.as_str();
        let offset = floor_char_boundary(text, (offset as usize).min(text.len()));
        let lines = self.lines.get_or_init(|| self.index());
        let line = lines.starts.partition_point(|&s| s as usize <= offset).max(1) - 1;
        let mut from = lines.starts.get(line).map_or(0, |&s| s as usize);
        if line == 0 && self.kind == Kind::Yaml && text.starts_with('\u{feff}') {
            from = offset.min(3);
        }
        let mut before = 0;
        let m = lines.marks.partition_point(|&(o, _, _)| o as usize <= offset);
        if let Some(&(o, l, c)) = m.checked_sub(1).and_then(|i| lines.marks.get(i))
            && l as usize == line
            && o as usize >= from
        {
            (from, before) = (o as usize, c);
        }
        let col = before.saturating_add(self.columns(&text[from..offset]));
        let col = match self.kind {
            Kind::Sheet { first } => first.saturating_add(col),
            _ => col,
        };
        (to_u32(line + 1), col.saturating_add(1))
    }

    /// How many columns `part` of a line takes.
    fn columns(&self, part: &str) -> u32 {
        let n = match self.kind {
            Kind::Sheet { .. } => part.bytes().filter(|&b| b == b'\t').count(),
            _ => part.bytes().filter(|&b| b & 0xC0 != 0x80).count(),
        };
        to_u32(n)
    }

    fn index(&self) -> Lines {
        let text = self.text.as_str();
        let bytes = text.as_bytes();
        let mut lines = Lines { starts: vec![0], marks: Vec::new() };
        let (mut i, mut line_start, mut next_mark) = (0, 0, STRIDE);
        while i < bytes.len() {
            let width = match (self.kind, bytes[i]) {
                (_, b'\n') => 1,
                (Kind::Yaml, b'\r') if bytes.get(i + 1) != Some(&b'\n') => 1,
                (Kind::Yaml, 0xC2) if bytes.get(i + 1) == Some(&0x85) => 2,
                (Kind::Yaml, 0xE2)
                    if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    3
                }
                _ => 0,
            };
            if width > 0 {
                i += width;
                line_start = i;
                next_mark = i + STRIDE;
                lines.starts.push(to_u32(i));
                continue;
            }
            if i >= next_mark && text.is_char_boundary(i) {
                let mut from = line_start;
                if lines.starts.len() == 1 && self.kind == Kind::Yaml && text.starts_with('\u{feff}') {
                    from = 3;
                }
                let before = lines.marks.last().filter(|m| m.1 as usize == lines.starts.len() - 1);
                let (from, base) = before.map_or((from, 0), |&(o, _, c)| (o as usize, c));
                let c = base.saturating_add(self.columns(&text[from..i]));
                lines.marks.push((to_u32(i), to_u32(lines.starts.len() - 1), c));
                next_mark = i + STRIDE;
            }
            i += 1;
        }
        lines
    }
}

/// Every file an org was read from, in reading order.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a plain text file (CSV, TOML, JSON).
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.push(name, text, Kind::Text)
    }

    /// Adds a YAML file, whose lines and columns are the parser's.
    pub fn add_yaml(&mut self, name: String, text: String) -> FileId {
        self.push(name, text, Kind::Yaml)
    }

    /// Adds a workbook's sheet as text, its cells apart by tabs, the first
    /// cell of each line in sheet column `first + 1`.
    pub fn add_sheet(&mut self, name: String, text: String, first: u32) -> FileId {
        self.push(name, text, Kind::Sheet { first })
    }

    fn push(&mut self, name: String, text: String, kind: Kind) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile { name, text, kind, lines: OnceLock::new() });
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// Every file's text, in [`FileId`] order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.text.as_str())
    }

    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map_or("<unknown>", |f| f.name.as_str())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Line and column (1-based) where `loc` starts; 1:1 in a file not here.
    pub fn line_col(&self, loc: Loc) -> (u32, u32) {
        self.get(loc.file).map_or((1, 1), |f| f.line_col(loc.offset))
    }
}

pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(kind: Kind, text: &str, offsets: &[usize]) -> Vec<(u32, u32)> {
        let f = SourceFile { name: String::new(), text: text.to_owned(), kind, lines: OnceLock::new() };
        offsets.iter().map(|&o| f.line_col(to_u32(o))).collect()
    }

    #[test]
    fn a_place_is_twelve_bytes() {
        // It sits in every record and draft: a million departments' worth.
        assert_eq!(std::mem::size_of::<Loc>(), 12);
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a: 1\nné: x\n";
        // byte 9 is the space after "né:" (é is two bytes)
        assert_eq!(places(Kind::Text, text, &[0, 5, 9, 12]), [(1, 1), (2, 1), (2, 4), (3, 1)]);
    }

    #[test]
    fn yaml_lines_end_where_libyaml_ends_them() {
        let text = "\u{feff}a: 1\rb: 2\r\nc: \u{2028}d\u{85}e";
        let b = text.find('b').unwrap_or(0);
        let d = text.find('d').unwrap_or(0);
        let e = text.find('e').unwrap_or(0);
        assert_eq!(
            places(Kind::Yaml, text, &[0, 3, 4, b, b + 6, d, e]),
            [(1, 1), (1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (5, 1)]
        );
        assert_eq!(places(Kind::Text, "a\rb\n", &[2]), [(1, 3)]);
    }

    #[test]
    fn sheet_columns_count_cells() {
        assert_eq!(places(Kind::Sheet { first: 2 }, "\nab\tcé\td\n", &[1, 4, 8]), [(2, 3), (2, 4), (2, 5)]);
    }

    #[test]
    fn long_lines_are_counted_from_their_marks() {
        let line = "é".repeat(3 * STRIDE);
        let text = format!("x\n{line}\n{line}y");
        let f = |o: usize| places(Kind::Text, &text, &[o])[0];
        for o in [2, 2 + STRIDE, 2 + 2 * STRIDE + 2, 2 + line.len(), 3 + line.len() + STRIDE + 7 * 2] {
            let before = &text[..o];
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let want = (to_u32(before.matches('\n').count() + 1), to_u32(before[start..].chars().count() + 1));
            assert_eq!(f(o), want, "offset {o}");
        }
    }
}
