//! A cell of the report document: its text, its tone (weak, fair, cut off)
//! rather than a colour, whether it is a number, and the whole list when its
//! text names only the first few.

use super::format::{FAIR, WEAK};
use crate::display::one_line_owned;

/// How many names a "who" cell shows before "and N more".
pub const SHOWN: usize = 5;

/// How a value should stand out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// A fair quality (below 85%).
    Fair,
    /// A weak quality (below 70%), or a department cut off from the customer.
    Bad,
}

impl Tone {
    pub fn of(q: Option<f64>) -> Tone {
        match q {
            Some(q) if q < WEAK => Tone::Bad,
            Some(q) if q < FAIR => Tone::Fair,
            _ => Tone::Plain,
        }
    }
}

/// A cell: its text, its tone, and whether it is a number (right-aligned).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
    pub numeric: bool,
    /// Every item, when `text` names only the first few of a list ("A, B
    /// and 12 more"): formats with room (HTML) show them all.
    pub all: Vec<String>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell { text: one_line_owned(text.into()), tone: Tone::Plain, numeric: false, all: Vec::new() }
    }

    pub fn number(text: impl Into<String>) -> Self {
        Cell { numeric: true, ..Cell::text(text) }
    }

    pub fn tone(mut self, tone: Tone) -> Self {
        self.tone = tone;
        self
    }

    /// The whole list `text` shortens.
    pub fn listing(mut self, all: Vec<String>) -> Self {
        self.all = all;
        self
    }
}
