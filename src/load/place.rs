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
