//! Reads one file: the top-level keys, and the `customers`, `departments` and
//! `handoffs` lists one item at a time (each item a small located tree,
//! checked and dropped at once), into what the file gives the org.

use super::fields::Fields;
use super::parallel::Parts;
use super::records::{Checker, CustomerDraft, DepartmentDraft, HandoffDraft, Located, UnitDraft};
use super::yaml::{self, Next, Reader};
use crate::diagnostic::{Code, Diagnostic};
use crate::format::Record;
use crate::model::{Node, NodeValue};
use crate::source::{FileId, Loc};

/// What one file contributes to the org.
#[derive(Debug)]
pub struct Fragment {
    pub file: FileId,
    /// False when the YAML broke off: the file's ids are then incomplete.
    pub complete: bool,
    pub version: Option<Located<u64>>,
    pub organization: Option<Located<String>>,
    pub include: Vec<Located<String>>,
    /// Where the file's `customers:` key is (even an empty one).
    pub customers_key: Option<Loc>,
    /// Where the file's `departments:` key is, if it has one.
    pub departments_key: Option<Loc>,
    pub customers: Vec<CustomerDraft>,
    pub departments: Vec<DepartmentDraft>,
    pub handoffs: Vec<HandoffDraft>,
    pub units: Vec<UnitDraft>,
    pub policy: Option<Node>,
    /// The file's `surveys:` entries, checked; their files are read later.
    pub surveys: Vec<super::survey::Spec>,
}

/// Reads and checks one file's text: a big one on every core when it can
/// be, else on this thread.
pub fn read(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Fragment {
    read_from(text, file, super::parallel::MIN_BYTES, diags)
}

/// [`read`], on every core from `min_bytes` on.
pub fn read_from(text: &str, file: FileId, min_bytes: usize, diags: &mut Vec<Diagnostic>) -> Fragment {
    if let Some((frag, mut found)) =
        super::parallel::try_parallel(text, file, min_bytes).and_then(|p| read_in_parts(text, file, p))
    {
        diags.append(&mut found);
        return frag;
    }
    read_with(text, file, Reader::new(text, file), &mut Parts::default(), diags)
}

/// Reads the rest of a file whose lists `parts` holds; `None` if it did not
/// read as the cut assumed (then the one-thread reader must read it).
pub fn read_in_parts(text: &str, file: FileId, mut parts: Parts) -> Option<(Fragment, Vec<Diagnostic>)> {
    let mut diags = Vec::new();
    let frag = read_with(text, file, parts.skeleton(text, file), &mut parts, &mut diags);
    (frag.complete && parts.done()).then_some((frag, diags))
}

/// Reads what `reader` reads of `text`, with the lists in `parts` read
/// already.
pub fn read_with(
    text: &str,
    file: FileId,
    mut reader: Reader<'_>,
    parts: &mut Parts,
    diags: &mut Vec<Diagnostic>,
) -> Fragment {
    let mut frag = Fragment {
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
        units: Vec::new(),
        policy: None,
        surveys: Vec::new(),
    };
    let mut checker = Checker { text, diags };
    if let Err(d) = document(&mut reader, &mut checker, &mut frag, parts) {
        checker.diags.push(*d);
        frag.complete = false;
    }
    diags.append(&mut reader.problems);
    frag
}

fn document(r: &mut Reader<'_>, c: &mut Checker<'_>, frag: &mut Fragment, parts: &mut Parts) -> yaml::Result<()> {
    if !r.begin()? {
        return Ok(());
    }
    if parts.any() && !r.block_mapping_next()? {
        parts.broke();
    }
    if r.next()? != (Next::Map, false) {
        let node = r.node()?;
        if let NodeValue::Map(entries) = node.value {
            top(r, c, frag, &mut Parts::default(), entries.into_iter().map(|(k, l, v)| (k, l, Some(v))))?;
        } else {
            c.diags.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!("an org file must be a mapping, but this one is {}", super::scalar::describe(&node.value)),
                )
                .at(Loc::file_start(frag.file), "expected keys such as `departments:` here")
                .help("an org file is a mapping with `departments:` (and usually `customers:`); see the file format in the README"),
            );
        }
        return r.end();
    }
    r.enter()?;
    let mut entries = Vec::new();
    // Top-level keys are few: read each, its value streamed where it is a list.
    while !r.close()? {
        let (key, loc) = r.key()?;
        if entries.iter().any(|(k, _): &(String, Loc)| *k == key) {
            r.problems.push(yaml::duplicate_key(&key, loc));
            r.node()?;
            continue;
        }
        entries.push((key.clone(), loc));
        top(r, c, frag, parts, std::iter::once((key, loc, None)))?;
    }
    r.end()
}

/// Reads top-level entries; a `None` value is still in the stream.
fn top(
    r: &mut Reader<'_>,
    c: &mut Checker<'_>,
    frag: &mut Fragment,
    parts: &mut Parts,
    entries: impl Iterator<Item = (String, Loc, Option<Node>)>,
) -> yaml::Result<()> {
    let mut unknown = Vec::new();
    for (key, key_loc, value) in entries {
        if value.is_none() && parts.waits_at(key_loc.start()) {
            if key == "departments" {
                frag.departments_key = Some(key_loc);
            }
            parts.put_back(key_loc.start(), r, c, &mut frag.departments, &mut frag.handoffs)?;
            continue;
        }
        // Only what the registry declares is read; the rest is unknown.
        match Record::Top.key(&key).map(|k| k.name) {
            Some("version") => frag.version = version(c, get(r, value)?),
            Some("organization") => frag.organization = c.string_at(get(r, value)?, "organization"),
            Some("include") => {
                let items = c.list(Some(get(r, value)?), "include");
                frag.include = items.into_iter().filter_map(|s| c.string_at(s, "include")).collect();
            }
            Some("customers") => {
                frag.customers_key = Some(key_loc);
                let customers = &mut frag.customers;
                each(r, c, value, "customers", |c, item| customers.extend(c.customer(item)))?;
            }
            Some("departments") => {
                frag.departments_key = Some(key_loc);
                let (departments, handoffs) = (&mut frag.departments, &mut frag.handoffs);
                each(r, c, value, "departments", |c, item| {
                    let index = u32::try_from(departments.len()).unwrap_or(u32::MAX);
                    departments.extend(c.department(item, index, handoffs));
                })?;
            }
            Some("handoffs") => {
                let handoffs = &mut frag.handoffs;
                each(r, c, value, "handoffs", |c, item| handoffs.extend(c.top_handoff(item)))?;
            }
            Some("units") => {
                let units = &mut frag.units;
                each(r, c, value, "units", |c, item| units.extend(c.unit(item)))?;
            }
            Some("surveys") => {
                let surveys = &mut frag.surveys;
                each(r, c, value, "surveys", |c, item| surveys.extend(super::survey::spec::read(c, item)))?;
            }
            Some("policy") => {
                let policy = get(r, value)?;
                is_policy_map(&policy, "`policy` must be a mapping with `rules:`", c.diags);
                frag.policy = Some(policy);
            }
            _ => {
                let v = get(r, value)?;
                unknown.push((key, key_loc, v));
            }
        }
    }
    Fields::new(Record::Top, Loc::file_start(frag.file), unknown).finish(c.diags);
    Ok(())
}

/// A top-level value: given, or the next in the stream.
fn get(r: &mut Reader<'_>, value: Option<Node>) -> yaml::Result<Node> {
    match value {
        Some(v) => Ok(v),
        None => r.node(),
    }
}

/// Hands each item of a list to `f` as soon as it is read. A value that is
/// no list is reported where the value is.
fn each(
    r: &mut Reader<'_>,
    c: &mut Checker<'_>,
    value: Option<Node>,
    name: &str,
    mut f: impl FnMut(&mut Checker<'_>, Node),
) -> yaml::Result<()> {
    let node = match value {
        Some(v) => v,
        None if r.next()? == (Next::Seq, false) => {
            r.enter()?;
            while !r.close()? {
                let item = r.node()?;
                f(c, item);
            }
            return Ok(());
        }
        None => r.node()?,
    };
    for item in c.list(Some(node), name) {
        f(c, item);
    }
    Ok(())
}

fn version(c: &mut Checker<'_>, node: Node) -> Option<Located<u64>> {
    match node.value {
        NodeValue::UInt(1) => Some(Located { value: 1, loc: node.loc }),
        NodeValue::UInt(n) => {
            c.diags.push(
                Diagnostic::error(Code::UnsupportedVersion, format!("org file format version {n} is not supported"))
                    .at(node.loc, "unsupported version")
                    .help("this servchain reads format version 1; write `version: 1` or leave it out"),
            );
            None
        }
        found => {
            c.wrong_type(node.loc, "version", "the format version number (1)", &found);
            None
        }
    }
}

/// Whether a policy is a mapping; reports it with `message` if not.
pub fn is_policy_map(policy: &Node, message: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let is_map = matches!(policy.value, NodeValue::Map(_));
    if !is_map {
        diags.push(
            Diagnostic::error(Code::WrongType, message)
                .at(policy.loc, "not a mapping")
                .help("write `policy:` then `  rules:` with one line per rule, e.g. `    cut-off: error`"),
        );
    }
    is_map
}

/// Reads a whole file as one located tree (a policy file).
pub fn tree(text: &str, file: FileId, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    let mut r = Reader::new(text, file);
    let read = (|| {
        if !r.begin()? {
            return Ok(Node { value: NodeValue::Null, loc: Loc::file_start(file) });
        }
        let node = r.node()?;
        r.end()?;
        Ok(node)
    })();
    diags.append(&mut r.problems);
    read.map_err(|d: Box<Diagnostic>| diags.push(*d)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Kind;

    /// The reader reads every top-level key the registry declares (else it
    /// would call it unknown), and only those (it matches on the registry's
    /// key, so a key the registry lacks is unknown).
    #[test]
    fn the_top_level_keys_read_are_the_registrys() {
        let unknown = |text: &str| {
            let mut diags = Vec::new();
            read(text, FileId(0), &mut diags);
            diags.iter().any(|d| d.code == Code::UnknownKey)
        };
        for key in Record::Top.keys() {
            let value = match key.kind {
                Kind::Version => "1",
                Kind::Text => "x",
                Kind::Map(_) => "{rules: {}}",
                _ => "[]",
            };
            assert!(!unknown(&format!("{}: {value}\n", key.name)), "{} is read", key.name);
        }
        assert!(unknown("department: []\n"));
    }
}
