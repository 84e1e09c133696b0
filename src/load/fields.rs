//! The one field-checking helper: take a record's known keys one by one, then
//! report whatever is left as unknown keys, with a "did you mean" drawn from
//! the format registry. Org records and the policy read their mappings with
//! it, so a new key is a change in `format.rs` and where it is used.

use crate::clip::{QUOTE, clip};
use crate::diagnostic::{Code, Diagnostic};
use crate::format::Record;
use crate::model::Node;
use crate::source::Loc;
use crate::suggest::did_you_mean;

/// A mapping being read as a `record`.
#[derive(Debug)]
pub struct Fields {
    record: Record,
    /// Where the mapping is, for "missing key" problems.
    pub loc: Loc,
    /// Entries not taken yet.
    entries: Vec<(String, Loc, Node)>,
    /// How unknown keys are named when the record's own name is not enough.
    context: Option<String>,
}

impl Fields {
    pub fn new(record: Record, loc: Loc, entries: Vec<(String, Loc, Node)>) -> Self {
        Fields { record, loc, entries, context: None }
    }

    /// Names the mapping in unknown-key messages as `context` instead.
    pub fn called(mut self, context: String) -> Self {
        self.context = Some(context);
        self
    }

    /// The value of `name`, a key the registry declares for this record.
    pub fn take(&mut self, name: &str) -> Option<Node> {
        debug_assert!(self.record.key(name).is_some(), "{name} is no key of {:?}", self.record);
        self.take_with_key(name).map(|(_, node)| node)
    }

    /// Like [`Fields::take`], with where the key itself is written.
    pub fn take_with_key(&mut self, name: &str) -> Option<(Loc, Node)> {
        let i = self.entries.iter().position(|(k, _, _)| k == name)?;
        let (_, key_loc, node) = self.entries.swap_remove(i);
        Some((key_loc, node))
    }

    /// Takes a key that is *not* the record's, to refuse it with a message
    /// of its own (`serves` in a customer, `from` in a `serves` entry).
    pub fn take_foreign(&mut self, name: &str) -> Option<(Loc, Node)> {
        self.take_with_key(name)
    }

    /// Reports every key not taken as unknown, in file order.
    pub fn finish(mut self, diags: &mut Vec<Diagnostic>) {
        if self.entries.is_empty() {
            return;
        }
        self.entries.sort_by_key(|(_, loc, _)| loc.offset);
        let context = self.context.as_deref().unwrap_or(self.record.context());
        let names = self.record.keys().map(|k| k.name);
        let mut takes = None;
        for (key, loc, _) in &self.entries {
            let help = did_you_mean(key, names.clone())
                .unwrap_or_else(|| takes.get_or_insert_with(|| self.record.takes()).clone());
            diags.push(
                Diagnostic::error(Code::UnknownKey, format!("unknown key `{}` in {context}", clip(key, QUOTE)))
                    .at(*loc, "not a known key")
                    .help(help),
            );
        }
    }
}
