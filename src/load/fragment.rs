//! Checks one file on its own: types, unknown keys, id syntax, qualities,
//! lead times. What it accepts becomes an owned [`Fragment`]; every problem
//! becomes a located diagnostic and checking goes on.

use super::parse::{self, loc_of};
use super::raw::{
    Field, Item, List, Meta, RawCustomer, RawDepartment, RawHandoff, Rec, Record, Scalar, Shape, Text, Tree,
    scalar_visits,
};
use super::split;
use super::suggest::did_you_mean;
use super::values::{self, Problem};
use crate::diagnostic::Diagnostic;
use crate::model::{Node, NodeValue};
use crate::source::{FileId, Loc};
use serde::de::{Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

/// The customer fields offered in suggestions (`serves` is read only to refuse it).
const CUSTOMER_FIELDS: &[&str] = &["id", "name", "description", "meta"];
/// A `serves` entry's fields: a handoff's, less `from`.
const SERVES_FIELDS: &[&str] = &["to", "what", "quality", "lead_time", "meta"];

/// A located value.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct CustomerDraft {
    pub id: Option<At<String>>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub meta: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct DepartmentDraft {
    pub id: Option<At<String>>,
    pub name: Option<String>,
    pub lead: Option<String>,
    pub headcount: Option<u64>,
    pub tags: Vec<String>,
    pub description: Option<String>,
    pub meta: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct HandoffDraft {
    /// `None` when the supplier could not be named (already reported).
    pub from: Option<At<String>>,
    /// For a `serves` entry, the index of its department among the file's
    /// departments: if that department is refused, so are its handoffs.
    pub parent: Option<usize>,
    pub to: Option<At<String>>,
    pub what: Option<String>,
    pub quality: Option<f64>,
    pub lead_time: Option<Duration>,
    pub meta: Option<serde_json::Value>,
    pub loc: Loc,
}

/// What one file contributes to the org.
#[derive(Debug, Clone)]
pub struct Fragment {
    pub file: FileId,
    /// False when the YAML broke off: the file's ids are then incomplete.
    pub complete: bool,
    pub version: Option<At<u64>>,
    pub organization: Option<At<String>>,
    pub include: Vec<At<String>>,
    /// Where the file's `customers:` key is (even an empty one).
    pub customers_key: Option<Loc>,
    /// Where the file's `departments:` key is, if it has one.
    pub departments_key: Option<Loc>,
    pub customers: Vec<CustomerDraft>,
    pub departments: Vec<DepartmentDraft>,
    pub handoffs: Vec<HandoffDraft>,
    /// How many handoffs had been read when the `departments:` list ended:
    /// where the handoffs of a list's later parts go.
    departments_end: usize,
    pub policy: Option<Node>,
}

impl Fragment {
    fn new(file: FileId) -> Self {
        Fragment {
            file,
            complete: true,
            version: None,
            organization: None,
            include: Vec::new(),
            customers_key: None,
            departments_key: None,
            customers: Vec::new(),
            departments: Vec::new(),
            handoffs: Vec::new(),
            departments_end: 0,
            policy: None,
        }
    }
}

/// A part of a split file smaller than this is not worth a thread.
const MIN_PART: usize = 1 << 20;

/// Parses and checks one file. Each customer, department and handoff is
/// turned into a draft as soon as it is read, so memory holds one raw record
/// at a time however large the file. A large file's `departments:` list is
/// parsed in parts on all cores when that is sure to read the same.
pub fn fragment(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Fragment {
    fragment_in(text, file, diags, crate::par::threads(), MIN_PART)
}

/// [`fragment`], in up to `parts` parts of at least `min_part` bytes.
fn fragment_in(text: &str, file: FileId, diags: &mut Vec<Diagnostic>, parts: usize, min_part: usize) -> Fragment {
    if let Some(plan) = split::plan(text, parts, min_part)
        && let Some(frag) = in_parts(text, file, &plan)
    {
        return frag;
    }
    whole(text, file, diags)
}

/// Parses the parts of a split file at once and joins them; `None` if any
/// part has any problem, which the caller then reports from a whole parse.
fn in_parts(text: &str, file: FileId, plan: &split::Plan) -> Option<Fragment> {
    let mut parsed = crate::par::map(plan.cuts.len() + 1, |i| {
        let mut diags = Vec::new();
        let frag = if i == 0 {
            whole(&plan.main_doc(text), file, &mut diags)
        } else {
            let (doc, shift) = plan.part_doc(text, i);
            parse_doc(text, &doc, shift, file, &mut diags)
        };
        diags.is_empty().then_some(frag)
    })
    .into_iter();
    let mut joined = parsed.next()??;
    let mut after = joined.handoffs.split_off(joined.departments_end);
    for part in parsed {
        let part = part?;
        // A part holds list items only; anything else means the cut was wrong.
        let only_items = part.customers_key.is_none()
            && part.include.is_empty()
            && part.policy.is_none()
            && part.version.is_none()
            && part.organization.is_none()
            && part.handoffs.iter().all(|h| h.parent.is_some());
        if !only_items {
            return None;
        }
        let offset = joined.departments.len();
        joined.departments.extend(part.departments);
        joined
            .handoffs
            .extend(part.handoffs.into_iter().map(|h| HandoffDraft { parent: h.parent.map(|p| p + offset), ..h }));
    }
    joined.departments_end = joined.handoffs.len();
    joined.handoffs.append(&mut after);
    Some(joined)
}

/// Parses and checks one file in one go.
fn whole(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Fragment {
    parse_doc(text, text, split::Shift::default(), file, diags)
}

/// Parses and checks `doc`, which is `text` or a part of it placed by `shift`.
fn parse_doc(text: &str, doc: &str, shift: split::Shift, file: FileId, diags: &mut Vec<Diagnostic>) -> Fragment {
    let mut frag = Fragment::new(file);
    let mut cx = Cx { text, doc, shift, file, diags };
    let result = parse::with_yaml(doc, |de| Top { cx: &mut cx, frag: &mut frag }.deserialize(de));
    if let Err(e) = result {
        let mut d = parse::yaml_error(&e, doc, file);
        if let Some(label) = &mut d.primary {
            label.loc = shift.apply(label.loc);
        }
        cx.diags.push(d);
        frag.complete = false;
    }
    frag
}

/// The top level of an org file.
struct Top<'a, 't, 'd> {
    cx: &'a mut Cx<'t, 'd>,
    frag: &'a mut Fragment,
}

const TOP_FIELDS: &[&str] = &["version", "organization", "include", "customers", "departments", "handoffs", "policy"];

impl<'de> DeserializeSeed<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Top<'_, '_, '_> {
    fn found<E>(self, found: Scalar<'_>) -> Result<(), E> {
        let loc = Loc::file_start(self.cx.file);
        self.cx.diags.push(
            Diagnostic::error(
                "wrong-type",
                format!("an org file must be a mapping, but this one is {}", found.describe()),
            )
            .at(loc, "expected keys such as `departments:` here")
            .help("an org file is a mapping with `departments:` (and usually `customers:`); see the file format in the README"),
        );
        Ok(())
    }
}

impl<'de> Visitor<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an org file")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.found(Scalar::Seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (cx, frag) = (self.cx, self.frag);
        while let Some(key) = map.next_key::<Spanned<Text<'de>>>()? {
            let key_loc = cx.loc(&key);
            match key.value.0.as_ref() {
                "version" => frag.version = cx.version(&map.next_value()?),
                "organization" => frag.organization = cx.string_at(&map.next_value()?, "organization"),
                "include" => {
                    let list: List<'de, Scalar<'de>> = Some(map.next_value()?);
                    frag.include =
                        cx.list(&list, "include").iter().filter_map(|s| cx.string_at(s, "include")).collect();
                }
                "customers" => {
                    frag.customers_key = Some(key_loc);
                    let customers = &mut frag.customers;
                    map.next_value_seed(ListSeed::new(cx, "customers", key_loc, |cx, item| {
                        customers.extend(cx.customer(&item))
                    }))?;
                }
                "departments" => {
                    frag.departments_key = Some(key_loc);
                    let (departments, handoffs) = (&mut frag.departments, &mut frag.handoffs);
                    map.next_value_seed(ListSeed::new(cx, "departments", key_loc, |cx, item| {
                        let index = departments.len();
                        departments.extend(cx.department(&item, index, handoffs))
                    }))?;
                    frag.departments_end = frag.handoffs.len();
                }
                "handoffs" => {
                    let handoffs = &mut frag.handoffs;
                    map.next_value_seed(ListSeed::new(cx, "handoffs", key_loc, |cx, item| {
                        handoffs.extend(cx.top_handoff(&item))
                    }))?;
                }
                "policy" => {
                    let policy = cx.tree(&map.next_value()?);
                    is_policy_map(&policy, "`policy` must be a mapping with `rules:`", cx.diags);
                    frag.policy = Some(policy);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    cx.unknown_keys(std::slice::from_ref(&key), TOP_FIELDS, "the top level of an org file");
                }
            }
        }
        Ok(())
    }
}

/// Whether a policy is a mapping; reports it with `message` if not.
pub fn is_policy_map(policy: &Node, message: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let is_map = matches!(policy.value, NodeValue::Map(_));
    if !is_map {
        diags.push(
            Diagnostic::error("wrong-type", message)
                .at(policy.loc, "not a mapping")
                .help("write `policy:` then `  rules:` with one line per rule, e.g. `    cut-off: error`"),
        );
    }
    is_map
}

/// A list of records, each handed to `each` as soon as it is read.
struct ListSeed<'a, 't, 'd, R, F> {
    cx: &'a mut Cx<'t, 'd>,
    name: &'static str,
    /// Where the list's key is: a list that is no list is reported there.
    key_loc: Loc,
    each: F,
    record: PhantomData<R>,
}

impl<'a, 't, 'd, R, F> ListSeed<'a, 't, 'd, R, F> {
    fn new<'de>(cx: &'a mut Cx<'t, 'd>, name: &'static str, key_loc: Loc, each: F) -> Self
    where
        R: Record<'de>,
        F: FnMut(&mut Cx<'t, 'd>, Spanned<Item<'de, R>>),
    {
        ListSeed { cx, name, key_loc, each, record: PhantomData }
    }

    fn found<E>(self, found: Scalar<'_>) -> Result<(), E> {
        if found != Scalar::Null {
            self.cx.wrong_type(self.key_loc, self.name, "a list (`- item` lines, or `[a, b]`)", &found);
        }
        Ok(())
    }
}

impl<'de, 't, 'd, R, F> DeserializeSeed<'de> for ListSeed<'_, 't, 'd, R, F>
where
    R: Record<'de>,
    F: FnMut(&mut Cx<'t, 'd>, Spanned<Item<'de, R>>),
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 't, 'd, R, F> Visitor<'de> for ListSeed<'_, 't, 'd, R, F>
where
    R: Record<'de>,
    F: FnMut(&mut Cx<'t, 'd>, Spanned<Item<'de, R>>),
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element()? {
            (self.each)(self.cx, item);
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.found(Scalar::Map)
    }
}

struct Cx<'t, 'd> {
    /// The file's text.
    text: &'t str,
    /// What is parsed: `text`, or a part of it placed by `shift`.
    doc: &'t str,
    shift: split::Shift,
    file: FileId,
    diags: &'d mut Vec<Diagnostic>,
}

impl Cx<'_, '_> {
    fn loc<T>(&self, s: &Spanned<T>) -> Loc {
        self.shift.apply(loc_of(s.referenced, self.doc, self.file))
    }

    /// The text a scalar was written as (for `name: 2024`, "2024").
    fn source_text(&self, loc: Loc) -> &str {
        self.text.get(loc.offset..loc.offset + loc.len).unwrap_or("")
    }

    fn problem(&mut self, code: &'static str, loc: Loc, p: Problem) {
        self.diags.push(Diagnostic::error(code, p.message).at(loc, "here").help_opt(p.help));
    }

    fn wrong_type(&mut self, loc: Loc, field: &str, expected: &str, found: &Scalar<'_>) {
        self.diags.push(
            Diagnostic::error("wrong-type", format!("`{field}` must be {expected}, but it is {}", found.describe()))
                .at(loc, format!("expected {expected}")),
        );
    }

    fn unknown_keys(&mut self, keys: &[Spanned<Text<'_>>], fields: &[&str], context: &str) {
        for key in keys {
            let loc = self.loc(key);
            let name = crate::clip::clip(key.value.0.as_ref(), crate::clip::QUOTE);
            let help = did_you_mean(&name, fields.iter().copied())
                .unwrap_or_else(|| format!("{context} takes: {}; put free-form data under `meta:`", fields.join(", ")));
            self.diags.push(
                Diagnostic::error("unknown-key", format!("unknown key `{name}` in {context}"))
                    .at(loc, "not a known key")
                    .help(help),
            );
        }
    }

    /// The items of a list field; reports a field that is not a list.
    fn list<'a, 'de, T>(&mut self, field: &'a List<'de, T>, name: &str) -> &'a [Spanned<T>] {
        let Some(list) = field else { return &[] };
        match &list.value {
            Shape::Ok(items) => items,
            Shape::Wrong(Scalar::Null) => &[],
            Shape::Wrong(found) => {
                let loc = self.loc(list);
                self.wrong_type(loc, name, "a list (`- item` lines, or `[a, b]`)", found);
                &[]
            }
        }
    }

    /// A record in a list; reports an item that is not a mapping.
    fn record<'a, 'de, R>(&mut self, item: &'a Spanned<Item<'de, R>>, what: &str) -> Option<&'a Rec<'de, R>> {
        match &item.value {
            Shape::Ok(rec) => Some(rec),
            Shape::Wrong(found) => {
                let loc = self.loc(item);
                self.diags.push(
                    Diagnostic::error(
                        "wrong-type",
                        format!("each entry here must be a {what} (a mapping), but this one is {}", found.describe()),
                    )
                    .at(loc, format!("expected a {what}"))
                    .help(format!("write the {what} as `key: value` lines, starting with `- `")),
                );
                None
            }
        }
    }

    /// An optional text field; numbers and booleans are taken as written.
    fn string(&mut self, field: &Field<'_>, name: &str) -> Option<String> {
        field.as_ref().and_then(|f| self.string_at(f, name)).map(|a| a.value)
    }

    fn string_at(&mut self, f: &Spanned<Scalar<'_>>, name: &str) -> Option<At<String>> {
        let loc = self.loc(f);
        let value = match &f.value {
            Scalar::Str(s) => s.to_string(),
            Scalar::Null => return None,
            Scalar::Int(_) | Scalar::UInt(_) | Scalar::Float(_) | Scalar::Bool(_) => self.source_text(loc).to_owned(),
            found @ (Scalar::Seq | Scalar::Map) => {
                self.wrong_type(loc, name, "text", found);
                return None;
            }
        };
        Some(At { value, loc })
    }

    /// A required id (`id`, `to`, `from`), checked against the id rules.
    fn required_id(&mut self, field: &Field<'_>, record_loc: Loc, name: &str, what: &str) -> Option<At<String>> {
        let Some(f) = field else {
            self.diags.push(
                Diagnostic::error("missing-field", format!("this {what} has no `{name}`"))
                    .at(record_loc, format!("`{name}:` missing"))
                    .help(match name {
                        "id" => format!("add `id: <short-name>` to the {what}; other entries refer to it by this id"),
                        "to" => "add `to: <id>` naming the department or customer that receives the work".to_owned(),
                        _ => "add `from: <id>` naming the department that hands the work over".to_owned(),
                    }),
            );
            return None;
        };
        let at = self.string_at(f, name);
        let Some(at) = at else {
            if matches!(f.value, Scalar::Null) {
                let loc = self.loc(f);
                self.diags.push(
                    Diagnostic::error("missing-field", format!("`{name}` of this {what} is empty"))
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
            self.problem("invalid-id", at.loc, p);
            return None;
        }
        Some(at)
    }

    fn version(&mut self, f: &Spanned<Scalar<'_>>) -> Option<At<u64>> {
        let loc = self.loc(f);
        match f.value {
            Scalar::UInt(1) => Some(At { value: 1, loc }),
            Scalar::UInt(n) => {
                self.diags.push(
                    Diagnostic::error("unsupported-version", format!("org file format version {n} is not supported"))
                        .at(loc, "unsupported version")
                        .help("this servchain reads format version 1; write `version: 1` or leave it out"),
                );
                None
            }
            ref found => {
                self.wrong_type(loc, "version", "the format version number (1)", found);
                None
            }
        }
    }

    fn customer(&mut self, item: &Spanned<Item<'_, RawCustomer<'_>>>) -> Option<CustomerDraft> {
        let rec = self.record(item, "customer")?;
        let loc = self.loc(item);
        self.unknown_keys(&rec.unknown, CUSTOMER_FIELDS, "a customer");
        let c = &rec.fields;
        if let Some(serves) = &c.serves {
            let sloc = self.loc(serves);
            self.diags.push(
                Diagnostic::error("customer-serves", "customers serve no one: `serves` is not a customer field")
                    .at(sloc, "customers are where chains end")
                    .help("if this is really a department, move it under `departments:`; otherwise remove `serves`"),
            );
        }
        Some(CustomerDraft {
            id: self.required_id(&c.id, loc, "id", "customer"),
            name: self.string(&c.name, "name"),
            description: self.string(&c.description, "description"),
            meta: self.meta(&c.meta),
        })
    }

    fn department(
        &mut self,
        item: &Spanned<Item<'_, RawDepartment<'_>>>,
        index: usize,
        handoffs: &mut Vec<HandoffDraft>,
    ) -> Option<DepartmentDraft> {
        let rec = self.record(item, "department")?;
        let loc = self.loc(item);
        self.unknown_keys(&rec.unknown, RawDepartment::FIELDS, "a department");
        let d = &rec.fields;
        let id = self.required_id(&d.id, loc, "id", "department");
        let tags =
            self.list(&d.tags, "tags").iter().filter_map(|t| self.string_at(t, "tags")).map(|a| a.value).collect();
        for h in self.list(&d.serves, "serves") {
            let Some(rec) = self.record(h, "handoff") else {
                continue;
            };
            let hloc = self.loc(h);
            self.unknown_keys(&rec.unknown, SERVES_FIELDS, "a `serves` entry");
            if let Some(from) = &rec.fields.from {
                let floc = self.loc(from);
                self.diags.push(
                    Diagnostic::error("unknown-key", "unknown key `from` in a `serves` entry")
                        .at(floc, "the supplier is the department this entry is under")
                        .help("remove `from`, or move the handoff to the top-level `handoffs:` list"),
                );
            }
            handoffs.push(HandoffDraft { parent: Some(index), ..self.handoff(&rec.fields, id.clone(), hloc) });
        }
        Some(DepartmentDraft {
            name: self.string(&d.name, "name"),
            lead: self.string(&d.lead, "lead"),
            headcount: d.headcount.as_ref().and_then(|h| self.headcount(h)),
            tags,
            description: self.string(&d.description, "description"),
            meta: self.meta(&d.meta),
            id,
        })
    }

    fn top_handoff(&mut self, item: &Spanned<Item<'_, RawHandoff<'_>>>) -> Option<HandoffDraft> {
        let rec = self.record(item, "handoff")?;
        let loc = self.loc(item);
        let from = self.required_id(&rec.fields.from, loc, "from", "handoff");
        self.unknown_keys(&rec.unknown, RawHandoff::FIELDS, "a handoff");
        Some(self.handoff(&rec.fields, from, loc))
    }

    fn headcount(&mut self, f: &Spanned<Scalar<'_>>) -> Option<u64> {
        let loc = self.loc(f);
        match f.value {
            Scalar::UInt(n) => Some(n),
            Scalar::Null => None,
            Scalar::Float(x) if x >= 0.0 && x.fract() == 0.0 && x < 1e15 => Some(x as u64),
            Scalar::Int(n) if n < 0 => {
                self.diags.push(
                    Diagnostic::error("invalid-headcount", format!("headcount {n} is negative"))
                        .at(loc, "must be 0 or more")
                        .help("headcount is the number of people in the department"),
                );
                None
            }
            ref found => {
                self.wrong_type(loc, "headcount", "a whole number of 0 or more", found);
                None
            }
        }
    }

    fn handoff(&mut self, h: &RawHandoff<'_>, from: Option<At<String>>, loc: Loc) -> HandoffDraft {
        HandoffDraft {
            to: self.required_id(&h.to, loc, "to", "handoff"),
            what: self.string(&h.what, "what").filter(|w| !w.trim().is_empty()),
            quality: h.quality.as_ref().and_then(|q| self.quality(q)),
            lead_time: h.lead_time.as_ref().and_then(|t| self.lead_time(t)),
            meta: self.meta(&h.meta),
            from,
            parent: None,
            loc,
        }
    }

    fn quality(&mut self, f: &Spanned<Scalar<'_>>) -> Option<f64> {
        let loc = self.loc(f);
        let parsed = match &f.value {
            Scalar::Null => return None,
            Scalar::UInt(n) => values::quality_number(*n as f64),
            Scalar::Int(n) => values::quality_number(*n as f64),
            Scalar::Float(x) => values::quality_number(*x),
            Scalar::Str(s) => values::quality_text(s),
            found => {
                self.wrong_type(loc, "quality", "a number from 0 to 1 or a percentage", found);
                return None;
            }
        };
        parsed.map_err(|p| self.problem("invalid-quality", loc, p)).ok()
    }

    fn lead_time(&mut self, f: &Spanned<Scalar<'_>>) -> Option<Duration> {
        let loc = self.loc(f);
        let parsed = match &f.value {
            Scalar::Null => return None,
            Scalar::Str(s) => values::lead_time(s),
            Scalar::UInt(n) => Err(values::lead_time_number(*n as f64)),
            Scalar::Int(n) => Err(values::lead_time_number(*n as f64)),
            Scalar::Float(x) => Err(values::lead_time_number(*x)),
            found => {
                self.wrong_type(loc, "lead_time", "a duration such as \"4h\"", found);
                return None;
            }
        };
        parsed.map_err(|p| self.problem("invalid-lead-time", loc, p)).ok()
    }

    fn meta(&mut self, meta: &Meta) -> Option<serde_json::Value> {
        let m = meta.as_ref()?;
        match &m.value {
            serde_json::Value::Object(_) => Some(m.value.clone()),
            serde_json::Value::Null => None,
            other => {
                let loc = self.loc(m);
                let found = match other {
                    serde_json::Value::Array(_) => "a list".to_owned(),
                    v => format!("the value {v}"),
                };
                self.diags.push(
                    Diagnostic::error("wrong-type", format!("`meta` must be a mapping, but it is {found}"))
                        .at(loc, "expected a mapping")
                        .help("write free-form data as `key: value` lines under `meta:`"),
                );
                None
            }
        }
    }

    fn tree(&self, t: &Spanned<Tree<'_>>) -> Node {
        let loc = self.loc(t);
        let value = match &t.value {
            Tree::Scalar(s) => match s {
                Scalar::Str(s) => NodeValue::Str(s.to_string()),
                Scalar::Int(n) => NodeValue::Int(*n),
                Scalar::UInt(n) => NodeValue::UInt(*n),
                Scalar::Float(x) => NodeValue::Float(*x),
                Scalar::Bool(b) => NodeValue::Bool(*b),
                Scalar::Null | Scalar::Seq | Scalar::Map => NodeValue::Null,
            },
            Tree::Seq(items) => NodeValue::Seq(items.iter().map(|i| self.tree(i)).collect()),
            Tree::Map(entries) => NodeValue::Map(
                entries.iter().map(|(k, v)| (k.value.0.to_string(), self.loc(k), self.tree(v))).collect(),
            ),
        };
        Node { value, loc }
    }
}

/// Parses a whole file as a located tree (for a policy file).
pub fn tree_file(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    let cx = Cx { text, doc: text, shift: split::Shift::default(), file, diags };
    match parse::with_yaml(text, |de| Spanned::<Tree<'_>>::deserialize(de)) {
        Ok(tree) => Some(cx.tree(&tree)),
        Err(e) => {
            cx.diags.push(parse::yaml_error(&e, text, file));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The whole parse's fragment and diagnostics, as comparable text.
    fn whole_parse(text: &str) -> (String, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let frag = whole(text, FileId(0), &mut diags);
        (format!("{frag:?}"), diags)
    }

    /// Reads `text` as the loader does, in up to `parts` parts: it must give
    /// exactly what the whole parse gives, fragment and diagnostics alike.
    /// Returns whether the parts were used (rather than the whole parse).
    fn check_parts(text: &str, parts: usize) -> bool {
        let mut diags = Vec::new();
        let frag = fragment_in(text, FileId(0), &mut diags, parts, 64);
        let (whole, whole_diags) = whole_parse(text);
        assert_eq!(format!("{frag:?}"), whole);
        assert_eq!(format!("{diags:?}"), format!("{whole_diags:?}"));
        split::plan(text, parts, 64).is_some_and(|plan| in_parts(text, FileId(0), &plan).is_some())
    }

    fn generated(departments: usize) -> String {
        crate::synth::org_yaml(crate::synth::Shape::new(departments))
    }

    #[test]
    fn parts_read_the_same_as_the_whole() {
        let org = generated(200);
        let (head, list) = org.split_at(org.find("departments:").unwrap_or(0));
        let handoffs = "handoffs:\n  - from: dept-1\n    to: dept-0\n    what: extra\n";
        let policy = "policy:\n  rules:\n    cut-off: warning\n";
        let block = "    description: |\n      Keeps \"everything\n      - id: not-an-item\n    tags: [a, \"b, c\"]\n";
        let variants = [
            org.clone(),
            format!("{handoffs}{org}"),
            format!("{org}{handoffs}{policy}"),
            format!("{list}{head}"),
            org.replace("    lead: Lead 7\n", &format!("    lead: Lead 7\n{block}")),
            org.replace("  - id: dept-150\n", "  # a comment\n\n  - id: dept-150\n"),
            org.replace("departments:\n", "departments:  # all of them\n"),
        ];
        for (i, text) in variants.iter().enumerate() {
            for parts in [2, 3, 5] {
                assert!(check_parts(text, parts), "variant {i} was not split in {parts}");
            }
        }
    }

    #[test]
    fn a_quote_open_across_a_cut_is_never_split() {
        // serde-saphyr lets a quoted scalar run over less indented lines;
        // here each part would parse cleanly on its own, but the whole
        // file is broken (the quote opened at dept-10 is never closed).
        let org = generated(200)
            .replace("  - id: dept-10\n", "  - id: dept-10\n    description: \"hello\n")
            .replace("  - id: dept-190\n", "  - id: dept-190\n    description: bye\"\n");
        let text = format!("{org}x: \"\n");
        for parts in 2..6 {
            assert!(!check_parts(&text, parts));
        }
        assert!(whole_parse(&text).1.iter().any(Diagnostic::is_error));
    }

    #[test]
    fn items_at_the_key_s_indentation_split_too() {
        let org = generated(100).replace("\n  ", "\n");
        assert!(check_parts(&org, 3));
    }

    #[test]
    fn a_problem_in_any_part_sends_the_file_to_the_whole_parse() {
        let org = generated(200);
        // Each of these is cut (the plan is made), then read whole.
        for broken in [
            org.replace("  - id: dept-180\n", "  - id: dept 180\n"),
            org.replace("        quality: 0.9\n", "        quality: 9\n"),
            org.replace("  - id: dept-10\n", "  - id: dept-10\n    colour: red\n"),
        ] {
            assert!(split::plan(&broken, 3, 64).is_some());
            assert!(!check_parts(&broken, 3));
            assert!(!whole_parse(&broken).1.is_empty());
        }
        // Broken YAML at the end of the list is not even cut.
        let broken = format!("{org}  - id: [\n");
        assert!(!check_parts(&broken, 3));
        assert!(!whole_parse(&broken).1.is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Lines of YAML-ish text dropped into an org: whether or not the
        /// file can still be split, a split parse never differs.
        #[test]
        fn splitting_never_changes_what_is_read(
            at in 0usize..400,
            insert in proptest::collection::vec(
                prop_oneof![
                    // Lines that keep the file splittable, weighted up so
                    // that most cases compare a split parse.
                    6 => Just("\n".to_owned()),
                    6 => Just("  # comment\n".to_owned()),
                    6 => Just("    name: it's \"fine\"\n".to_owned()),
                    1 => Just("    description: \"open\n".to_owned()),
                    1 => Just("    description: 'open\n".to_owned()),
                    1 => Just("  - id: x\"\n".to_owned()),
                    1 => Just("    tags: [a,\n".to_owned()),
                    1 => Just("      b]\n".to_owned()),
                    1 => Just("    note: |\n".to_owned()),
                    1 => Just("      - id: inside\n".to_owned()),
                    1 => Just("customers:\n".to_owned()),
                    // Printable text without `*`, which refuses every plan.
                    1 => "[ -)+-~]{0,12}\n",
                ],
                1..4,
            ),
            parts in 2usize..5,
        ) {
            let org = generated(60);
            let lines: Vec<&str> = org.split_inclusive('\n').collect();
            let at = at % lines.len();
            let text = format!("{}{}{}", lines[..at].concat(), insert.concat(), lines[at..].concat());
            check_parts(&text, parts);
        }
    }
}
