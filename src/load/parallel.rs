//! Reading one big file on every core. A big org file's bulk is its
//! top-level `departments:` and `handoffs:` lists. Each is cut at item
//! boundaries into parts, read on their own on every core, and the rest of
//! the file (its skeleton) is read as usual, with each list's items put
//! back where its key is. Whatever could make a part mean something else
//! alone than in its file (anchors and aliases, broken YAML, a list that is
//! not a plain block list under a block mapping) sends the file to the
//! one-thread reader instead, so both ways give the same fragment and the
//! same diagnostics.

use super::records::{Checker, DepartmentDraft, HandoffDraft, join};
use super::yaml::{self, Next, Reader};
use crate::diagnostic::Diagnostic;
use crate::model::NodeValue;
use crate::source::FileId;
use crate::threads;
use std::ops::Range;

/// Files smaller than this are read on one thread: cutting costs more.
pub const MIN_BYTES: usize = 4 << 20;
/// Parts per core: several, so that no one part holds up the others.
const PARTS_PER_CORE: usize = 4;
/// Cuts are considered at the first item after every this many bytes, and
/// no part is shorter.
const CUT_EVERY: usize = 256 << 10;

/// One of the top-level lists read in parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Departments,
    Handoffs,
}

/// A top-level list found by the scan.
#[derive(Debug)]
struct Found {
    list: List,
    /// Where its key starts.
    key: usize,
    /// Its items' indentation, once the first is seen.
    indent: Option<usize>,
    /// Its items, from the first item's line to the line that ends it.
    body: Range<usize>,
    /// Item starts the body may be cut at, in order.
    cuts: Vec<usize>,
}

/// What the parts of one list gave, in order.
#[derive(Debug, Default)]
pub struct Items {
    departments: Vec<DepartmentDraft>,
    handoffs: Vec<HandoffDraft>,
    diags: Vec<Diagnostic>,
    /// The reader's own problems (duplicate keys), reported after the rest.
    problems: Vec<Diagnostic>,
}

impl Items {
    /// Moves `more`'s items after these; `more`'s department numbers (which
    /// its `serves` handoffs refer to) count on from these.
    fn append(&mut self, mut more: Items) {
        let offset = u32::try_from(self.departments.len()).unwrap_or(u32::MAX);
        if offset > 0 {
            for h in &mut more.handoffs {
                h.parent = h.parent.map(|p| p.saturating_add(offset));
            }
        }
        join(&mut self.departments, more.departments);
        join(&mut self.handoffs, more.handoffs);
        join(&mut self.diags, more.diags);
        join(&mut self.problems, more.problems);
    }
}

/// Lists already read in parts, waiting for their keys in the skeleton.
#[derive(Debug, Default)]
pub struct Parts {
    waiting: Vec<(usize, Items)>,
    /// The text without the lists: what the skeleton reader reads.
    skeleton: Vec<Range<usize>>,
    /// The skeleton did not read as the cut assumed.
    broken: bool,
}

impl Parts {
    /// Whether a list read in parts belongs to the key at `key`.
    pub fn waits_at(&self, key: usize) -> bool {
        self.waiting.iter().any(|(k, _)| *k == key)
    }

    /// Whether any list waits: then the file's root must be a block mapping.
    pub fn any(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// The root is not what the cut assumed.
    pub fn broke(&mut self) {
        self.broken = true;
    }

    /// Whether every list was put back where the cut assumed.
    pub fn done(&self) -> bool {
        !self.broken && self.waiting.is_empty()
    }

    /// A reader of the text without the lists read in parts.
    pub fn skeleton<'t>(&self, text: &'t str, file: FileId) -> Reader<'t> {
        Reader::pieces(text, file, &self.skeleton, 0)
    }

    /// Puts the items read in parts where the key at `key` is, after
    /// `departments` and `handoffs`; its value in the skeleton, cut out,
    /// must read as nothing.
    pub fn put_back(
        &mut self,
        key: usize,
        r: &mut Reader<'_>,
        c: &mut Checker<'_>,
        departments: &mut Vec<DepartmentDraft>,
        handoffs: &mut Vec<HandoffDraft>,
    ) -> yaml::Result<()> {
        let Some(at) = self.waiting.iter().position(|(k, _)| *k == key) else {
            return Ok(());
        };
        let (_, items) = self.waiting.swap_remove(at);
        if r.next()? != (Next::Other, false) || r.node()?.value != NodeValue::Null {
            self.broken = true;
            return Ok(());
        }
        let mut all =
            Items { departments: std::mem::take(departments), handoffs: std::mem::take(handoffs), ..Items::default() };
        all.append(items);
        *departments = all.departments;
        *handoffs = all.handoffs;
        c.diags.append(&mut all.diags);
        r.problems.append(&mut all.problems);
        Ok(())
    }
}

/// Reads the lists of `text` on every core, or `None` when it is shorter
/// than `min_bytes` (the callers give [`MIN_BYTES`]), one core is all there
/// is, or anything in them needs the one-thread reader.
pub fn try_parallel(text: &str, file: FileId, min_bytes: usize) -> Option<Parts> {
    in_parts(text, file, CUT_EVERY, part_count(text.len(), min_bytes)?)
}

/// How many parts to cut a text of `len` bytes into; `None` when one
/// thread should read it.
fn part_count(len: usize, min_bytes: usize) -> Option<usize> {
    let cores = threads::available();
    (len >= min_bytes && cores >= 2).then_some(cores * PARTS_PER_CORE)
}

/// How a text is cut: its lists' parts, each with the list it belongs to,
/// and the rest of the text (the skeleton), in pieces.
struct Plan {
    found: Vec<Found>,
    /// Each part: the index of its list in `found`, and its bytes.
    blocks: Vec<(usize, Range<usize>)>,
    skeleton: Vec<Range<usize>>,
}

/// Cuts `text`'s lists into about `parts` parts, each at least `every`
/// bytes long.
fn plan(text: &str, every: usize, parts: usize) -> Option<Plan> {
    let found = scan(text, every)?;
    let total: usize = found.iter().map(|f| f.body.len()).sum();
    let size = (total / parts).max(every);
    let blocks = found.iter().enumerate().flat_map(|(i, f)| cut(f, size).into_iter().map(move |r| (i, r))).collect();
    let mut skeleton = Vec::with_capacity(found.len() + 1);
    let mut from = yaml::body_start(text);
    for f in &found {
        skeleton.push(from..f.body.start);
        from = f.body.end;
    }
    skeleton.push(from..text.len());
    Some(Plan { found, blocks, skeleton })
}

/// The pieces [`try_parallel`] reads a text in, for the benchmarks' floor.
#[doc(hidden)]
#[derive(Debug)]
pub struct Pieces {
    /// The lists' parts, each read alone.
    pub parts: Vec<Range<usize>>,
    /// The rest of the text, read as one after the parts.
    pub skeleton: Vec<Range<usize>>,
}

/// The pieces [`try_parallel`] would read `text` in; `None` when it would
/// read it on one thread.
#[doc(hidden)]
pub fn pieces(text: &str) -> Option<Pieces> {
    let plan = plan(text, CUT_EVERY, part_count(text.len(), MIN_BYTES)?)?;
    Some(Pieces { parts: plan.blocks.into_iter().map(|(_, r)| r).collect(), skeleton: plan.skeleton })
}

/// Reads `text` with its lists cut into about `parts` parts, each at least
/// `every` bytes long.
fn in_parts(text: &str, file: FileId, every: usize, parts: usize) -> Option<Parts> {
    let Plan { found, blocks, skeleton } = plan(text, every, parts)?;
    let mut lists: Vec<Items> = found.iter().map(|_| Items::default()).collect();
    let make = |b: usize| {
        let (i, range) = &blocks[b];
        (*i, read_part(text, file, range.clone(), found[*i].list))
    };
    threads::in_order(blocks.len(), &make, |(i, items)| {
        lists[i].append(items.ok_or(())?);
        Ok::<(), ()>(())
    })
    .ok()?;
    Some(Parts { waiting: found.iter().map(|f| f.key).zip(lists).collect(), skeleton, broken: false })
}

/// Reads one part: items of `list` only, as a block list nested one level
/// (under the root mapping). `None` if it is not read exactly as it would
/// be in its file.
fn read_part(text: &str, file: FileId, range: Range<usize>, list: List) -> Option<Items> {
    let mut r = Reader::pieces(text, file, std::slice::from_ref(&range), 1);
    let mut items = Items::default();
    let Items { departments, handoffs, diags, .. } = &mut items;
    let mut c = Checker { text, diags };
    let read = (|| {
        if !r.begin()? || r.next()? != (Next::Seq, false) {
            return Ok(false);
        }
        r.enter()?;
        while !r.close()? {
            let item = r.node()?;
            match list {
                List::Departments => {
                    let index = u32::try_from(departments.len()).unwrap_or(u32::MAX);
                    departments.extend(c.department(item, index, handoffs));
                }
                List::Handoffs => handoffs.extend(c.top_handoff(item)),
            }
        }
        r.end()?;
        Ok::<bool, Box<Diagnostic>>(true)
    })();
    if !matches!(read, Ok(true)) || r.used_anchors() {
        return None;
    }
    items.problems = std::mem::take(&mut r.problems);
    Some(items)
}

/// Cuts a list's body into parts of about `size` bytes, at item starts.
fn cut(found: &Found, size: usize) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = found.body.start;
    for &at in &found.cuts {
        if at - start >= size && found.body.end - at >= size / 2 {
            parts.push(start..at);
            start = at;
        }
    }
    parts.push(start..found.body.end);
    parts
}

/// Finds the top-level `departments:` and `handoffs:` lists written as
/// plain block lists: the key alone at the start of a line, then `- `
/// items at one indentation. `None` if there are none, a key is given
/// twice, or a line starts with a tab (the one-thread reader says why).
fn scan(text: &str, every: usize) -> Option<Vec<Found>> {
    let bytes = text.as_bytes();
    let mut found: Vec<Found> = Vec::new();
    // Whether the last list found is still being scanned.
    let mut open = false;
    let mut next_cut = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        let line = &bytes[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent..];
        if rest.first() == Some(&b'\t') {
            return None;
        }
        let blank = matches!(rest.first(), None | Some(b'\n' | b'\r' | b'#'));
        if !blank {
            let item = rest.starts_with(b"-") && matches!(rest.get(1), None | Some(b' ' | b'\n' | b'\r'));
            if let Some(f) = found.last_mut().filter(|_| open) {
                match f.indent {
                    None if item => {
                        f.indent = Some(indent);
                        f.body = start..start;
                        next_cut = start + every;
                    }
                    None => open = false,
                    Some(n) if indent > n || (indent == n && item) => {
                        if indent == n && start >= next_cut {
                            f.cuts.push(start);
                            next_cut = start + every;
                        }
                    }
                    Some(_) => {
                        f.body.end = start;
                        open = false;
                    }
                }
            }
            if !open
                && indent == 0
                && let Some(list) = key_line(line)
            {
                if found.iter().any(|f| f.list == list) {
                    return None;
                }
                found.push(Found { list, key: start, indent: None, body: 0..0, cuts: Vec::new() });
                open = true;
            }
        }
        start = end;
    }
    if let Some(f) = found.last_mut().filter(|f| open && f.indent.is_some()) {
        f.body.end = bytes.len();
    }
    found.retain(|f| f.indent.is_some());
    (!found.is_empty()).then_some(found)
}

/// The list a top-level line opens: `departments:` or `handoffs:`, with
/// nothing after the colon but a comment.
fn key_line(line: &[u8]) -> Option<List> {
    let (list, rest) = if let Some(rest) = line.strip_prefix(b"departments:") {
        (List::Departments, rest)
    } else {
        (List::Handoffs, line.strip_prefix(b"handoffs:")?)
    };
    let rest = rest.trim_ascii_start();
    (rest.is_empty() || rest.starts_with(b"#")).then_some(list)
}

#[cfg(test)]
#[path = "parallel_tests.rs"]
mod tests;
