//! Values with the place they were written, and the ids handoffs name kept
//! as places in the text until the merge resolves them.

use crate::source::{FileId, Loc};

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub loc: Loc,
}

/// An id a handoff names (`from`, `to`), until the merge resolves it. An
/// id written as itself (the usual plain `to: sales`) is only its place: the
/// files' text is alive until the merge, and at a million departments a
/// string for each of two million handoffs took 110 MB at the load's peak.
/// An id the text spells otherwise (quoted, escaped, a number) keeps its
/// value. Sixteen bytes either way.
#[derive(Debug)]
pub enum IdRef {
    Text(Loc),
    Owned(Box<Located<String>>),
}

impl IdRef {
    /// The id read at `at`: its place when `text` there is the id itself.
    pub fn new(at: Located<String>, text: &str) -> Self {
        if text.get(at.loc.start()..at.loc.end()) == Some(at.value.as_str()) {
            IdRef::Text(at.loc)
        } else {
            IdRef::Owned(Box::new(at))
        }
    }

    pub fn loc(&self) -> Loc {
        match self {
            IdRef::Text(loc) => *loc,
            IdRef::Owned(at) => at.loc,
        }
    }

    /// The id, from `texts` (every file's text by [`FileId`]) when it is
    /// only a place.
    pub fn value<'a>(&'a self, texts: &Texts<'a>) -> &'a str {
        match self {
            IdRef::Text(loc) => texts.at(*loc),
            IdRef::Owned(at) => &at.value,
        }
    }
}

/// Every file's text by [`FileId`], for the merge to read [`IdRef`]s.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a>(pub &'a [&'a str]);

impl<'a> Texts<'a> {
    /// The text at `loc`; empty if it is not there (never for an `IdRef`
    /// made from the same texts).
    pub fn at(&self, loc: Loc) -> &'a str {
        let FileId(file) = loc.file;
        self.0.get(file as usize).and_then(|t| t.get(loc.start()..loc.end())).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(value: &str, offset: usize, len: usize) -> Located<String> {
        Located { value: value.to_owned(), loc: Loc::new(FileId(0), offset, len) }
    }

    #[test]
    fn an_id_written_as_itself_is_only_its_place_and_reads_back() {
        let text = "to: sales\n";
        let id = IdRef::new(at("sales", 4, 5), text);
        assert!(matches!(id, IdRef::Text(_)));
        assert_eq!(id.value(&Texts(&[text])), "sales");
        assert_eq!(id.loc(), Loc::new(FileId(0), 4, 5));
    }

    #[test]
    fn an_id_the_text_spells_otherwise_keeps_its_value() {
        for (text, value) in [("to: \"sales\"\n", "sales"), ("to: \"\\x61\"\n", "a"), ("to: 'b'\n", "b")] {
            let len = text.trim_end().len() - 4;
            let id = IdRef::new(at(value, 4, len), text);
            assert!(matches!(id, IdRef::Owned(_)), "{text}");
            assert_eq!(id.value(&Texts(&[text])), value);
            assert_eq!(id.loc(), Loc::new(FileId(0), 4, len));
        }
    }

    #[test]
    fn an_id_is_sixteen_bytes_and_so_is_a_missing_one() {
        assert_eq!(std::mem::size_of::<IdRef>(), 16);
        assert_eq!(std::mem::size_of::<Option<IdRef>>(), 16);
    }

    #[test]
    fn a_place_outside_every_text_reads_as_empty() {
        assert_eq!(Texts(&["to: a\n"]).at(Loc::new(FileId(3), 4, 1)), "");
        assert_eq!(Texts(&["to: a\n"]).at(Loc::new(FileId(0), 40, 1)), "");
    }
}
