//! Checks one record of an org file (a customer, a department, a handoff) and
//! turns what it accepts into a draft for the merge: types, unknown keys, id
//! syntax, qualities, lead times. Every problem becomes a located diagnostic
//! and checking goes on.

use super::fields::Fields;
use super::scalar::describe;
use super::values::{self, Problem};
use crate::diagnostic::{Code, Diagnostic};
use crate::format::Record;
use crate::model::{DepartmentDetails, HandoffDetails, Id, Level, Node, NodeValue, Text};
use crate::source::Loc;
use std::time::Duration;

pub use super::place::{IdRef, Located};

#[derive(Debug)]
pub struct CustomerDraft {
    pub id: Option<Located<String>>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub promise: Option<Level>,
    pub meta: Option<serde_json::Value>,
}

#[derive(Debug)]
pub struct DepartmentDraft {
    /// Made an [`Id`] as it is read, the one the department will keep.
    pub id: Option<Located<Id>>,
    pub name: Option<Text>,
    pub lead: Option<Text>,
    pub headcount: Option<u64>,
    /// `tags:`, `description:` and `meta:`, boxed as the department will keep them.
    pub details: Option<Box<DepartmentDetails>>,
    /// The `unit:` it names, resolved when every file is merged. Boxed:
    /// most orgs have no units, and there may be millions of drafts.
    pub unit: Option<Box<Located<String>>>,
}

#[derive(Debug)]
pub struct UnitDraft {
    pub id: Option<Located<String>>,
    pub name: Option<String>,
    pub parent: Option<Located<String>>,
    pub lead: Option<String>,
}

#[derive(Debug)]
pub struct HandoffDraft {
    /// `None` when the supplier could not be named (already reported).
    pub from: Option<IdRef>,
    /// For a `serves` entry, the index of its department among the file's
    /// departments: if that department is refused, so are its handoffs.
    pub parent: Option<u32>,
    pub to: Option<IdRef>,
    pub what: Option<Text>,
    pub quality: Option<f64>,
    pub lead_time: Option<Duration>,
    pub loc: Loc,
    /// `agreed:`, `feedback:` and `meta:`, boxed as the handoff will keep them.
    pub details: Option<Box<HandoffDetails>>,
}

/// Checks records of one file, reporting into `diags`.
#[derive(Debug)]
pub struct Checker<'a> {
    /// The file's text, to quote numbers as written (`name: 2024`).
    pub text: &'a str,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn problem(&mut self, code: Code, loc: Loc, p: Problem) {
        self.diags.push(Diagnostic::error(code, p.message).at(loc, "here").help_opt(p.help));
    }

    pub fn wrong_type(&mut self, loc: Loc, field: &str, expected: &str, found: &NodeValue) {
        self.diags.push(
            Diagnostic::error(Code::WrongType, format!("`{field}` must be {expected}, but it is {}", describe(found)))
                .at(loc, format!("expected {expected}")),
        );
    }

    /// The items of a list field; reports a field that is not a list.
    pub fn list(&mut self, node: Option<Node>, name: &str) -> Vec<Node> {
        let Some(node) = node else { return Vec::new() };
        match node.value {
            NodeValue::Seq(items) => items,
            NodeValue::Null => Vec::new(),
            found => {
                self.wrong_type(node.loc, name, "a list (`- item` lines, or `[a, b]`)", &found);
                Vec::new()
            }
        }
    }

    /// A list item read as a `record`; reports an item that is not a mapping.
    pub fn record(&mut self, item: Node, record: Record, what: &str) -> Option<Fields> {
        match item.value {
            NodeValue::Map(entries) => Some(Fields::new(record, item.loc, entries)),
            found => {
                let mut help = format!("write the {what} as `key: value` lines, starting with `- `");
                if let Some(fix) = super::yaml::missing_space(self.text, item.loc) {
                    help = fix;
                }
                self.diags.push(
                    Diagnostic::error(
                        Code::WrongType,
                        format!("each entry here must be a {what} (a mapping), but this one is {}", describe(&found)),
                    )
                    .at(item.loc, format!("expected a {what}"))
                    .help(help),
                );
                None
            }
        }
    }

    /// An optional text field; numbers and booleans are taken as written.
    pub fn string(&mut self, node: Option<Node>, name: &str) -> Option<String> {
        node.and_then(|n| self.string_at(n, name)).map(|a| a.value)
    }

    pub fn string_at(&mut self, node: Node, name: &str) -> Option<Located<String>> {
        let loc = node.loc;
        let value = match node.value {
            NodeValue::Str(s) => s,
            NodeValue::Null => return None,
            NodeValue::Int(_) | NodeValue::UInt(_) | NodeValue::Float(_) | NodeValue::Bool(_) => {
                self.text.get(loc.start()..loc.end()).unwrap_or("").to_owned()
            }
            found @ (NodeValue::Seq(_) | NodeValue::Map(_)) => {
                self.wrong_type(loc, name, "text", &found);
                return None;
            }
        };
        Some(Located { value, loc })
    }

    /// A required id (`id`, `to`, `from`) of `fields`, checked against the id rules.
    pub fn required_id(&mut self, fields: &mut Fields, name: &str, what: &str) -> Option<Located<String>> {
        let Some(node) = fields.take(name) else {
            self.diags.push(
                Diagnostic::error(Code::MissingField, format!("this {what} has no `{name}`"))
                    .at(fields.loc, format!("`{name}:` missing"))
                    .help(match name {
                        "id" => format!("add `id: <short-name>` to the {what}; other entries refer to it by this id"),
                        "to" => "add `to: <id>` naming the department or customer that receives the work".to_owned(),
                        _ => "add `from: <id>` naming the department that hands the work over".to_owned(),
                    }),
            );
            return None;
        };
        let (empty, loc) = (node.value == NodeValue::Null, node.loc);
        let Some(at) = self.string_at(node, name) else {
            if empty {
                self.diags.push(
                    Diagnostic::error(Code::MissingField, format!("`{name}` of this {what} is empty"))
                        .at(loc, "empty")
                        .help(format!("write the {}", if name == "id" { "id" } else { "id it refers to" })),
                );
            }
            return None;
        };
        // A reference that breaks the id rules names nothing: merging reports
        // it as unknown, with a suggestion from the names.
        if name == "id"
            && let Err(p) = values::check_id(&at.value)
        {
            self.problem(Code::InvalidId, at.loc, p);
            return None;
        }
        Some(at)
    }

    pub fn customer(&mut self, item: Node) -> Option<CustomerDraft> {
        let mut f = self.record(item, Record::Customer, "customer")?;
        if let Some((_, serves)) = f.take_foreign("serves") {
            let value_loc = serves.loc;
            self.diags.push(
                Diagnostic::error(Code::CustomerServes, "customers serve no one: `serves` is not a customer field")
                    .at(value_loc, "customers are where chains end")
                    .help("if this is really a department, move it under `departments:`; otherwise remove `serves`"),
            );
        }
        let draft = CustomerDraft {
            id: self.required_id(&mut f, "id", "customer"),
            name: self.string(f.take("name"), "name"),
            description: self.string(f.take("description"), "description"),
            promise: self.level(f.take("promise"), "promise"),
            meta: self.meta(f.take("meta")),
        };
        f.finish(self.diags);
        Some(draft)
    }

    /// A department, and its `serves` entries appended to `handoffs`.
    pub fn department(&mut self, item: Node, index: u32, handoffs: &mut Vec<HandoffDraft>) -> Option<DepartmentDraft> {
        let mut f = self.record(item, Record::Department, "department")?;
        let id =
            self.required_id(&mut f, "id", "department").map(|id| Located { value: Id::new(&id.value), loc: id.loc });
        let tags = self.list(f.take("tags"), "tags");
        let tags = tags.into_iter().filter_map(|t| self.string_at(t, "tags")).map(|a| a.value).collect();
        let name = self.string(f.take("name"), "name").map(Text::from);
        let lead = self.string(f.take("lead"), "lead").map(Text::from);
        let headcount = f.take("headcount").and_then(|h| self.headcount(h));
        let unit = f.take("unit").and_then(|n| self.string_at(n, "unit")).map(Box::new);
        let description = self.string(f.take("description"), "description");
        let meta = self.meta(f.take("meta"));
        let serves = self.list(f.take("serves"), "serves");
        f.finish(self.diags);
        for h in serves {
            let Some(mut hf) = self.record(h, Record::Serves, "handoff") else { continue };
            if let Some((loc, _)) = hf.take_foreign("from") {
                self.diags.push(
                    Diagnostic::error(Code::UnknownKey, "unknown key `from` in a `serves` entry")
                        .at(loc, "the supplier is the department this entry is under")
                        .help("remove `from`, or move the handoff to the top-level `handoffs:` list"),
                );
            }
            let draft = self.handoff(hf, None);
            handoffs.push(HandoffDraft { parent: Some(index), ..draft });
        }
        let details = DepartmentDetails { tags, description, meta }.boxed();
        Some(DepartmentDraft { id, name, lead, headcount, details, unit })
    }

    /// A unit of the top-level `units:` list.
    pub fn unit(&mut self, item: Node) -> Option<UnitDraft> {
        let mut f = self.record(item, Record::Unit, "unit")?;
        let draft = UnitDraft {
            id: self.required_id(&mut f, "id", "unit"),
            name: self.string(f.take("name"), "name"),
            parent: f.take("parent").and_then(|n| self.string_at(n, "parent")),
            lead: self.string(f.take("lead"), "lead"),
        };
        f.finish(self.diags);
        Some(draft)
    }

    /// A handoff of the top-level `handoffs:` list.
    pub fn top_handoff(&mut self, item: Node) -> Option<HandoffDraft> {
        let mut f = self.record(item, Record::Handoff, "handoff")?;
        let from = self.required_id(&mut f, "from", "handoff").map(|at| IdRef::new(at, self.text));
        Some(self.handoff(f, from))
    }

    fn handoff(&mut self, mut f: Fields, from: Option<IdRef>) -> HandoffDraft {
        let to = self.required_id(&mut f, "to", "handoff").map(|at| IdRef::new(at, self.text));
        let what = self.string(f.take("what"), "what").filter(|w| !w.trim().is_empty()).map(Text::from);
        let quality = f.take("quality").and_then(|q| self.quality(q));
        let lead_time = f.take("lead_time").and_then(|t| self.lead_time(t));
        let agreed = self.level(f.take("agreed"), "agreed");
        let feedback = f.take("feedback").is_some_and(|n| self.flag(n, "feedback"));
        let meta = self.meta(f.take("meta"));
        let loc = f.loc;
        f.finish(self.diags);
        let details = HandoffDetails { agreed, feedback, meta, evidence: None }.boxed();
        HandoffDraft { from, parent: None, to, what, quality, lead_time, loc, details }
    }

    /// An `agreed:` or `promise:` mapping: a quality and a lead time, each
    /// optional and read like the handoff's own. Empty counts as left out.
    fn level(&mut self, node: Option<Node>, field: &str) -> Option<Level> {
        let node = node?;
        let entries = match node.value {
            NodeValue::Map(entries) => entries,
            NodeValue::Null => return None,
            found => {
                self.wrong_type(node.loc, field, "a mapping such as `{quality: 0.9, lead_time: 1d}`", &found);
                return None;
            }
        };
        let mut f = Fields::new(Record::Level, node.loc, entries).called(format!("`{field}`"));
        let quality = f.take("quality").and_then(|q| self.quality(q));
        let lead_time = f.take("lead_time").and_then(|t| self.lead_time(t));
        f.finish(self.diags);
        let level = Level { quality, lead_time };
        (level != Level::default()).then_some(level)
    }

    /// A `true`/`false` key; `null` counts as left out.
    fn flag(&mut self, node: Node, field: &str) -> bool {
        match node.value {
            NodeValue::Bool(b) => b,
            NodeValue::Null => false,
            found => {
                self.wrong_type(node.loc, field, "true or false", &found);
                false
            }
        }
    }

    fn headcount(&mut self, node: Node) -> Option<u64> {
        match node.value {
            NodeValue::UInt(n) => Some(n),
            NodeValue::Null => None,
            NodeValue::Float(x) if x >= 0.0 && x.fract() == 0.0 && x < 1e15 => Some(x as u64),
            NodeValue::Int(n) if n < 0 => {
                self.diags.push(
                    Diagnostic::error(Code::InvalidHeadcount, format!("headcount {n} is negative"))
                        .at(node.loc, "must be 0 or more")
                        .help("headcount is the number of people in the department"),
                );
                None
            }
            found => {
                self.wrong_type(node.loc, "headcount", "a whole number of 0 or more", &found);
                None
            }
        }
    }

    fn quality(&mut self, node: Node) -> Option<f64> {
        let parsed = match &node.value {
            NodeValue::Null => return None,
            NodeValue::UInt(n) => values::quality_number(*n as f64),
            NodeValue::Int(n) => values::quality_number(*n as f64),
            NodeValue::Float(x) => values::quality_number(*x),
            NodeValue::Str(s) => values::quality_text(s),
            found => {
                self.wrong_type(node.loc, "quality", "a number from 0 to 1 or a percentage", found);
                return None;
            }
        };
        parsed.map_err(|p| self.problem(Code::InvalidQuality, node.loc, p)).ok()
    }

    fn lead_time(&mut self, node: Node) -> Option<Duration> {
        let parsed = match &node.value {
            NodeValue::Null => return None,
            NodeValue::Str(s) => values::lead_time(s),
            NodeValue::UInt(n) => Err(values::lead_time_number(*n as f64)),
            NodeValue::Int(n) => Err(values::lead_time_number(*n as f64)),
            NodeValue::Float(x) => Err(values::lead_time_number(*x)),
            found => {
                self.wrong_type(node.loc, "lead_time", "a duration such as \"4h\"", found);
                return None;
            }
        };
        parsed.map_err(|p| self.problem(Code::InvalidLeadTime, node.loc, p)).ok()
    }

    fn meta(&mut self, node: Option<Node>) -> Option<serde_json::Value> {
        let node = node?;
        match &node.value {
            NodeValue::Map(_) => Some(to_json(node.value)),
            NodeValue::Null => None,
            other => {
                let found = match other {
                    NodeValue::Seq(_) => "a list".to_owned(),
                    v => format!("the value {}", to_json(v.clone())),
                };
                self.diags.push(
                    Diagnostic::error(Code::WrongType, format!("`meta` must be a mapping, but it is {found}"))
                        .at(node.loc, "expected a mapping")
                        .help("write free-form data as `key: value` lines under `meta:`"),
                );
                None
            }
        }
    }
}

/// Free-form data as JSON, as reports carry it.
fn to_json(value: NodeValue) -> serde_json::Value {
    use serde_json::Value;
    match value {
        NodeValue::Str(s) => Value::String(s),
        NodeValue::Int(n) => Value::from(n),
        NodeValue::UInt(n) => Value::from(n),
        NodeValue::Float(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
        NodeValue::Bool(b) => Value::Bool(b),
        NodeValue::Null => Value::Null,
        NodeValue::Seq(items) => Value::Array(items.into_iter().map(|n| to_json(n.value)).collect()),
        NodeValue::Map(entries) => Value::Object(entries.into_iter().map(|(k, _, n)| (k, to_json(n.value))).collect()),
    }
}

/// Moves `more` after `to`'s items; into an empty `to` without copying, so
/// that a million drafts are not held twice.
pub fn join<T>(to: &mut Vec<T>, mut more: Vec<T>) {
    if to.is_empty() {
        *to = more;
    } else {
        to.append(&mut more);
    }
}
