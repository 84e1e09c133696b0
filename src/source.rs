//! The text of every file an org was read from, so that any diagnostic or
//! finding can later quote the line it points at.

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) u32);

/// A place in a source file: 1-based line and column (in characters), and the
/// byte range of the thing it points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    pub line: u32,
    pub col: u32,
    /// Byte offset of the start in the file's text.
    pub offset: usize,
    /// Byte length (0 for a point).
    pub len: usize,
}

impl Loc {
    /// The start of a file, for problems that concern the file as a whole.
    pub fn file_start(file: FileId) -> Self {
        Loc { file, line: 1, col: 1, offset: 0, len: 0 }
    }
}

/// One file that was read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user wrote it (or as found under a directory they named),
    /// `<stdin>` for standard input.
    pub name: String,
    pub text: String,
}

/// Every file an org was read from, in reading order.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, name: String, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile { name, text });
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
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

    /// Line and column (1-based, columns in characters) of a byte offset.
    pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (to_u32(line), to_u32(col))
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

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a: 1\nné: x\n";
        assert_eq!(SourceMap::line_col(text, 0), (1, 1));
        assert_eq!(SourceMap::line_col(text, 5), (2, 1));
        // byte 9 is the space after "né:" (é is two bytes)
        assert_eq!(SourceMap::line_col(text, 9), (2, 4));
    }
}
