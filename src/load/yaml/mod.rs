//! Reads one file's YAML event stream (libyaml-safer) into located trees, a
//! value at a time, so that a list of a million departments never exists as
//! one tree. The hostile-input limits live here: nesting depth, aliases and
//! what they expand to, duplicate keys, one document per file.

mod errors;
mod pieces;

use super::scalar;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Node, NodeValue};
use crate::source::{FileId, Loc};
use errors::{complex_key, too_many, too_many_anchors};
pub use errors::{duplicate_key, missing_space};
use foldhash::{HashMap, HashMapExt, HashSet};
use libyaml_safer::{Event, EventData, Mark, Parser, ScalarStyle};
use pieces::Pieces;
use std::io::BufReader;
use std::ops::Range;

/// Structural nesting deeper than this is refused (an org file needs about 8).
pub const MAX_DEPTH: usize = 64;
/// Aliases (`*ref`), and anchors (`&ref`), allowed in one file: plenty for
/// hand-written reuse, far too few for a "billion laughs" expansion.
pub const MAX_ALIASES: usize = 10_000;
/// Nodes that aliases may expand to in one file, all aliases together.
pub const MAX_EXPANSION: usize = 1_000_000;
/// Bytes of text (scalars and keys) that aliases may copy in one file, all
/// aliases together, beyond the file's own size: a thousand aliases of one
/// long scalar are one node each, yet copy the scalar a thousand times.
pub const MAX_EXPANSION_BYTES: usize = 16 << 20;

/// How many bytes of the text the parser decodes at a time.
const CHUNK: usize = 64 << 10;

/// A maplike's entries are checked for duplicate keys by a linear scan up to
/// this many, with a hash set beyond (foldhash, seeded per process, as the
/// id index): cheap for records, linear for huge maps.
const SCAN_KEYS: usize = 16;

/// Where a file's YAML starts: after its byte-order mark, if it has one.
pub fn body_start(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// What the next value in the stream is, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Map,
    Seq,
    /// A scalar or an alias.
    Other,
    /// The end of the collection being read.
    End,
}

/// The events of one file, read into located values.
pub struct Reader<'t> {
    parser: Parser<BufReader<Pieces<'t>>>,
    text: &'t str,
    /// Where each piece of the text the parser reads starts: its offset in
    /// what the parser reads, and in the text. One piece for a whole file
    /// (after its byte-order mark); more when parts are read elsewhere.
    starts: Vec<(usize, usize)>,
    file: FileId,
    peeked: Option<Event>,
    depth: usize,
    anchors: HashMap<String, (Node, Size)>,
    aliases: usize,
    expanded: Size,
    /// Problems that do not stop reading (duplicate keys).
    pub problems: Vec<Diagnostic>,
}

impl std::fmt::Debug for Reader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").field("file", &self.file).field("depth", &self.depth).finish_non_exhaustive()
    }
}

/// Reading stops at the first broken piece of YAML: after it, nothing the
/// parser says can be trusted.
pub type Result<T> = std::result::Result<T, Box<Diagnostic>>;

impl<'t> Reader<'t> {
    pub fn new(text: &'t str, file: FileId) -> Self {
        Self::pieces(text, file, std::slice::from_ref(&(body_start(text)..text.len())), 0)
    }

    /// Reads only `pieces` of the text, one after the other, as if they
    /// were the whole file, with places still in the text; `depth` is how
    /// deeply nested the first piece is in the whole file.
    pub fn pieces(text: &'t str, file: FileId, pieces: &[Range<usize>], depth: usize) -> Self {
        let mut starts = Vec::with_capacity(pieces.len() + 1);
        let mut parts = Vec::with_capacity(pieces.len() + 1);
        let mut offset = 0;
        for range in pieces {
            starts.push((offset, range.start));
            offset += range.len();
            parts.push(&text.as_bytes()[range.clone()]);
        }
        // libyaml-safer panics on a block scalar that ends the input without
        // a line break; input that ends without one gets one.
        if !parts.iter().rev().find(|p| !p.is_empty()).is_some_and(|p| p.ends_with(b"\n")) {
            starts.push((offset, text.len()));
            parts.push(b"\n");
        }
        let mut parser = Parser::new();
        // libyaml-safer decodes all that `fill_buf` offers into a queue of
        // chars (4 bytes each): offered the whole text, a 280 MB file took
        // 1.1 GB. A small buffer keeps the queue small.
        parser.set_input(BufReader::with_capacity(CHUNK, Pieces::new(parts)));
        Reader {
            parser,
            text,
            starts,
            file,
            peeked: None,
            depth,
            anchors: HashMap::new(),
            aliases: 0,
            expanded: Size::default(),
            problems: Vec::new(),
        }
    }

    /// Whether anchors or aliases were read: then a part read alone may
    /// not mean what it means in its whole file.
    pub fn used_anchors(&self) -> bool {
        !self.anchors.is_empty() || self.aliases > 0
    }

    /// Where in the text the parser's byte `at` is; an end (`end`) at the
    /// seam of two pieces belongs to the first.
    fn text_offset(&self, at: usize, end: bool) -> usize {
        let piece = self.starts.iter().rposition(|&(p, _)| p < at || (p == at && !end)).unwrap_or(0);
        let (p, t) = self.starts[piece];
        t + (at - p)
    }

    fn loc(&self, start: Mark, end: Mark) -> Loc {
        let s = self.text_offset(to_usize(start.index), false);
        if s > self.text.len() {
            // Past the line break added for the parser: the end of the text.
            return Loc::new(self.file, self.text.len(), 0);
        }
        let e = self.text_offset(to_usize(end.index), true).clamp(s, self.text.len());
        Loc::new(self.file, s, e - s)
    }

    fn pull(&mut self) -> Result<Event> {
        match self.peeked.take() {
            Some(e) => Ok(e),
            None => self.parser.parse().map_err(|e| Box::new(self.syntax_error(&e))),
        }
    }

    fn peek(&mut self) -> Result<&Event> {
        if self.peeked.is_none() {
            let e = self.pull()?;
            self.peeked = Some(e);
        }
        self.peeked.as_ref().ok_or_else(|| Box::new(Diagnostic::error(Code::YamlSyntax, "the YAML ended early")))
    }

    /// Starts the document; `false` if the file holds none (only comments).
    pub fn begin(&mut self) -> Result<bool> {
        loop {
            let e = self.pull()?;
            match e.data {
                EventData::StreamStart { .. } => {}
                EventData::StreamEnd => return Ok(false),
                EventData::DocumentStart { .. } => return Ok(true),
                _ => return Err(Box::new(self.unexpected(&e))),
            }
        }
    }

    /// Ends the document; a second document is refused.
    pub fn end(&mut self) -> Result<()> {
        loop {
            let e = self.pull()?;
            match e.data {
                EventData::DocumentEnd { .. } => {}
                EventData::StreamEnd => return Ok(()),
                EventData::DocumentStart { .. } => {
                    let loc = self.loc(e.start_mark, e.end_mark);
                    return Err(Box::new(
                        Diagnostic::error(Code::YamlLimit, "the file holds more than one YAML document")
                            .at(loc, "a second document starts here")
                            .help("an org file is one document; move what follows `---` into a file of its own"),
                    ));
                }
                _ => return Err(Box::new(self.unexpected(&e))),
            }
        }
    }

    /// What comes next, and whether it carries an anchor (then it must be
    /// read whole with [`Reader::node`], so that aliases can copy it).
    pub fn next(&mut self) -> Result<(Next, bool)> {
        Ok(match &self.peek()?.data {
            EventData::MappingStart { anchor, .. } => (Next::Map, anchor.is_some()),
            EventData::SequenceStart { anchor, .. } => (Next::Seq, anchor.is_some()),
            EventData::MappingEnd | EventData::SequenceEnd => (Next::End, false),
            _ => (Next::Other, false),
        })
    }

    /// Whether a block mapping (not `{...}`) comes next.
    pub fn block_mapping_next(&mut self) -> Result<bool> {
        Ok(matches!(self.peek()?.data, EventData::MappingStart { style: libyaml_safer::MappingStyle::Block, .. }))
    }

    /// Opens the collection that comes next; returns where it starts.
    pub fn enter(&mut self) -> Result<Loc> {
        let e = self.pull()?;
        let loc = self.loc(e.start_mark, e.end_mark);
        self.deeper(loc)?;
        Ok(loc)
    }

    fn deeper(&mut self, loc: Loc) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Box::new(
                Diagnostic::error(Code::YamlLimit, format!("the file is nested more than {MAX_DEPTH} levels deep"))
                    .at(loc, "too deep")
                    .help("an org file needs only a few levels of nesting; check the indentation and brackets"),
            ));
        }
        Ok(())
    }

    /// Whether the open collection ends here (then it is closed).
    pub fn close(&mut self) -> Result<bool> {
        if self.next()?.0 == Next::End {
            self.pull()?;
            self.depth -= 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// A mapping key: a scalar, as written.
    pub fn key(&mut self) -> Result<(String, Loc)> {
        let e = self.pull()?;
        let loc = self.loc(e.start_mark, e.end_mark);
        match e.data {
            EventData::Scalar { value, .. } => Ok((value, loc)),
            EventData::Alias { anchor } => match self.alias(&anchor, loc)?.value {
                NodeValue::Str(s) => Ok((s, loc)),
                _ => Err(Box::new(complex_key(loc))),
            },
            _ => Err(Box::new(complex_key(loc))),
        }
    }

    /// The next value, whole.
    pub fn node(&mut self) -> Result<Node> {
        let e = self.pull()?;
        let loc = self.loc(e.start_mark, e.end_mark);
        let (node, anchor) = match e.data {
            EventData::Scalar { anchor, tag, value, style, .. } => {
                let plain = style == ScalarStyle::Plain;
                (Node { value: scalar::resolve(value, plain, tag.as_deref()), loc }, anchor)
            }
            EventData::Alias { anchor } => return self.alias(&anchor, loc),
            EventData::SequenceStart { anchor, .. } => {
                self.deeper(loc)?;
                let mut items = Vec::new();
                while !self.close()? {
                    items.push(self.node()?);
                }
                (Node { value: NodeValue::Seq(items), loc }, anchor)
            }
            EventData::MappingStart { anchor, .. } => {
                self.deeper(loc)?;
                (Node { value: NodeValue::Map(self.entries()?), loc }, anchor)
            }
            _ => return Err(Box::new(self.unexpected(&e))),
        };
        if let Some(name) = anchor {
            if self.anchors.len() >= MAX_ALIASES && !self.anchors.contains_key(&name) {
                return Err(Box::new(too_many_anchors(loc)));
            }
            let size = size(&node);
            self.anchors.insert(name, (node.clone(), size));
        }
        Ok(node)
    }

    /// The entries of the mapping just opened, up to its end; YAML merge
    /// keys (`<<: *base`) add the entries the mapping does not give itself.
    fn entries(&mut self) -> Result<Vec<(String, Loc, Node)>> {
        let mut entries: Vec<(String, Loc, Node)> = Vec::new();
        let mut index: Option<HashSet<String>> = None;
        let mut merged = Vec::new();
        while !self.close()? {
            let (key, key_loc) = self.key()?;
            let value = self.node()?;
            if key == "<<" {
                merged.push(value);
                continue;
            }
            let repeated = match &mut index {
                Some(set) => !set.insert(key.clone()),
                None => entries.iter().any(|(k, _, _)| *k == key),
            };
            if repeated {
                self.problems.push(duplicate_key(&key, key_loc));
                continue;
            }
            entries.push((key, key_loc, value));
            if index.is_none() && entries.len() > SCAN_KEYS {
                index = Some(entries.iter().map(|(k, _, _)| k.clone()).collect());
            }
        }
        for base in merged {
            let maps = match base.value {
                NodeValue::Seq(items) => items,
                _ => vec![base],
            };
            for map in maps {
                let NodeValue::Map(more) = map.value else {
                    self.problems.push(
                        Diagnostic::error(Code::YamlSyntax, "this is not valid YAML: `<<` merges mappings only")
                            .at(map.loc, "not a mapping")
                            .help("write `<<: *anchor` where the anchor names a mapping"),
                    );
                    continue;
                };
                for entry in more {
                    if !entries.iter().any(|(k, _, _)| *k == entry.0) {
                        entries.push(entry);
                    }
                }
            }
        }
        Ok(entries)
    }

    fn alias(&mut self, name: &str, loc: Loc) -> Result<Node> {
        self.aliases += 1;
        let Some((node, size)) = self.anchors.get(name) else {
            return Err(Box::new(
                Diagnostic::error(Code::YamlSyntax, format!("this is not valid YAML: unknown anchor `{name}`"))
                    .at(loc, "no `&` anchor of this name before here")
                    .help("an alias `*name` refers to a value marked `&name` earlier in the same file"),
            ));
        };
        self.expanded.nodes = self.expanded.nodes.saturating_add(size.nodes);
        self.expanded.bytes = self.expanded.bytes.saturating_add(size.bytes);
        let byte_budget = MAX_EXPANSION_BYTES.max(self.text.len());
        if self.aliases > MAX_ALIASES || self.expanded.nodes > MAX_EXPANSION || self.expanded.bytes > byte_budget {
            return Err(Box::new(too_many(loc)));
        }
        Ok(node.clone())
    }
}

/// What copying a node costs: its nodes, and the bytes of its text.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    nodes: usize,
    bytes: usize,
}

fn size(node: &Node) -> Size {
    let add =
        |a: Size, b: Size| Size { nodes: a.nodes.saturating_add(b.nodes), bytes: a.bytes.saturating_add(b.bytes) };
    let one = |bytes: usize| Size { nodes: 1, bytes };
    match &node.value {
        NodeValue::Seq(items) => items.iter().map(size).fold(one(0), add),
        NodeValue::Map(entries) => entries.iter().map(|(k, _, v)| add(one(k.len()), size(v))).fold(one(0), add),
        NodeValue::Str(s) => one(s.len()),
        _ => one(0),
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
