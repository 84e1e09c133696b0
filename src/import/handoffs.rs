//! `import handoffs`: a Kumu-style sheet of connections (From, To, and
//! optional What, Quality, Lead time; `a|b` in To for several receivers)
//! becomes a `handoffs:` file. With an org, every name is resolved to its
//! department or customer (by id, or by name; case does not matter) and
//! every problem is located at its cell; without one, names are made ids
//! as `import people` makes them (but not checked, nor made unique).

use super::yaml::{comment, number, quoted};
use super::{optional, part_loc, required, split_header, trimmed};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::table::Table;
use crate::load::values::{lead_time, lead_time_number, quality_text, slug};
use crate::model::{Endpoint, Org};
use crate::source::{Loc, SourceMap};
use crate::suggest::Budget as SuggestionBudget;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// The columns to read, as the flags name them.
#[derive(Debug, Clone)]
pub struct Columns {
    pub from: String,
    pub to: String,
    pub what: Option<String>,
    pub quality: Option<String>,
    pub lead_time: Option<String>,
}

impl Default for Columns {
    fn default() -> Self {
        Columns { from: "From".into(), to: "To".into(), what: None, quality: None, lead_time: None }
    }
}

/// One handoff read, with where it came from.
struct Read {
    from: String,
    to: String,
    what: Option<String>,
    quality: Option<f64>,
    lead_time: Option<String>,
    line: u32,
}

/// The `handoffs:` YAML, or `None` when any row is wrong (every problem is
/// in `diags`). `org` resolves names; `source` and `against` name the sheet
/// and the org in the header comment.
pub fn import(
    t: &Table,
    cols: &Columns,
    org: Option<&Org>,
    source: &str,
    against: &str,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (header, rows) = split_header(t, sources, diags)?;
    let first = diags.len();
    let from = required(header, "--from-column", &cols.from, diags);
    let to = required(header, "--to-column", &cols.to, diags);
    let what = optional(header, "--what-column", cols.what.as_deref(), &["what"], diags);
    let quality = optional(header, "--quality-column", cols.quality.as_deref(), &["quality"], diags);
    let lead = optional(header, "--lead-time-column", cols.lead_time.as_deref(), &["lead time"], diags);
    let (Some(from), Some(to), Ok(what), Ok(quality), Ok(lead)) = (from, to, what, quality, lead) else {
        return None;
    };
    let names = Names::new(org);
    let mut made: BTreeMap<String, String> = BTreeMap::new();
    let mut read = Vec::new();
    let mut seen: HashMap<(String, String, Option<String>), Loc> = HashMap::new();
    if let Some(org) = org {
        for h in &org.handoffs {
            let key = (
                org.department(h.from).id.to_string(),
                org.id_of(h.to).to_string(),
                h.what.as_deref().map(str::to_owned),
            );
            seen.entry(key).or_insert(h.loc);
        }
    }
    for row in rows.iter().filter(|r| !r.is_blank()) {
        let blank = |column: &str, at: Loc| {
            Diagnostic::error(Code::ImportBlankCell, format!("this row has no {column}"))
                .at(at, "blank")
                .help("every connection names its supplier (From) and its receivers (To)")
        };
        let Some((cell, start, text)) = trimmed(row, from) else {
            diags.push(blank(&cols.from, row.loc(from)));
            continue;
        };
        let from_at = part_loc(sources, t, cell, start, text);
        let supplier = match names.resolve(text, from_at, &cols.from, &mut made) {
            Ok((_, Some(Endpoint::Customer(_)))) => {
                diags.push(
                    Diagnostic::error(Code::HandoffFromCustomer, format!("{:?} is a customer", clipped(text)))
                        .at(from_at, "a customer serves no one")
                        .help("turn the connection around, or model the supplier as a department"),
                );
                None
            }
            Ok((id, _)) => Some(id),
            Err(d) => {
                diags.push(*d);
                None
            }
        };
        let what = what.and_then(|w| trimmed(row, w)).map(|(_, _, w)| w.to_owned());
        let quality = match quality.and_then(|q| trimmed(row, q)) {
            None => None,
            // "0,7": a European spreadsheet's decimal comma.
            Some((cell, _, q)) => quality_text(q)
                .or_else(|p| match q.split_once(',') {
                    Some((a, b)) if !q.contains('.') && !b.contains(',') => {
                        quality_text(&format!("{a}.{b}")).map_err(|_| p)
                    }
                    _ => Err(p),
                })
                .map_err(|p| {
                    diags.push(Diagnostic::error(Code::InvalidQuality, p.message).at(cell.loc, "here").help_opt(p.help))
                })
                .ok(),
        };
        let lead_time = match lead.and_then(|l| trimmed(row, l)) {
            None => None,
            // A bare number is a spreadsheet's duration without its unit.
            Some((cell, _, l)) => l
                .parse::<f64>()
                .map_or_else(|_| lead_time(l), |n| Err(lead_time_number(n)))
                .map(|_| l.to_owned())
                .map_err(|p| {
                    diags
                        .push(Diagnostic::error(Code::InvalidLeadTime, p.message).at(cell.loc, "here").help_opt(p.help))
                })
                .ok(),
        };
        let Some((cell, start, receivers)) = trimmed(row, to) else {
            diags.push(blank(&cols.to, row.loc(to)));
            continue;
        };
        let mut offset = start;
        for part in receivers.split('|') {
            let at = part_loc(sources, t, cell, offset + (part.len() - part.trim_start().len()), part.trim());
            offset += part.len() + 1;
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let receiver = match names.resolve(part, at, &cols.to, &mut made) {
                Ok((id, _)) => id,
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            };
            let Some(supplier) = &supplier else { continue };
            if *supplier == receiver {
                diags.push(
                    Diagnostic::error(Code::SelfHandoff, format!("{:?} would serve itself", clipped(part)))
                        .at(at, "the supplier again")
                        .help("a department's work for itself is no handoff; name the receiving department"),
                );
                continue;
            }
            let key = (supplier.clone(), receiver.clone(), what.clone());
            if let Some(before) = seen.get(&key) {
                diags.push(
                    Diagnostic::error(Code::DuplicateHandoff, "the same handoff (from, to, what) is given twice")
                        .at(at, "again here")
                        .also(*before, "first here")
                        .help("remove one, or give them different `what` if they are two handoffs"),
                );
                continue;
            }
            seen.insert(key, at);
            let line = sources.line_col(at).0;
            read.push(Read {
                from: supplier.clone(),
                to: receiver,
                what: what.clone(),
                quality,
                lead_time: lead_time.clone(),
                line,
            });
        }
    }
    if diags[first..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(write(&read, t.xlsx, org.is_some(), &made, source, against))
}

/// Long text, cut short for a message.
fn clipped(s: &str) -> std::borrow::Cow<'_, str> {
    crate::clip::clip(s, crate::clip::QUOTE)
}

fn write(
    read: &[Read],
    xlsx: bool,
    checked: bool,
    made: &BTreeMap<String, String>,
    source: &str,
    against: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Handoffs made by `servchain import handoffs` from {}:", comment(source));
    let _ = writeln!(out, "# {} handoffs.", read.len());
    if checked {
        let _ = writeln!(out, "# Every name was found in the org {}.", comment(against));
    } else {
        out.push_str("# No --org: names were not checked, but made ids as `import people` makes them\n");
        out.push_str("# (lowercase, `-` between words); they must be the org's ids for it to load:\n");
        for (name, id) in made {
            let _ = writeln!(out, "#   {} -> {}", comment(name), comment(id));
        }
    }
    out.push_str("# Load it with the org: servchain analyze skeleton.yaml handoffs.yaml\n");
    out.push_str("handoffs:\n");
    let place = if xlsx { "row" } else { "line" };
    for h in read {
        let _ = writeln!(out, "  - from: {}  # {place} {}", quoted(&h.from), h.line);
        let _ = writeln!(out, "    to: {}", quoted(&h.to));
        if let Some(w) = &h.what {
            let _ = writeln!(out, "    what: {}", quoted(w));
        }
        if let Some(q) = h.quality {
            let _ = writeln!(out, "    quality: {}", number(q));
        }
        if let Some(l) = &h.lead_time {
            let _ = writeln!(out, "    lead_time: {}", quoted(l));
        }
    }
    if read.is_empty() {
        out.push_str("  []\n");
    }
    out
}

/// Finds departments and customers by id or name.
struct Names<'o> {
    org: Option<&'o Org>,
    /// Lowercased id → what it names; several for ids apart only by case.
    ids: HashMap<String, Vec<Endpoint>>,
    /// Lowercased, trimmed name → what bears it.
    names: HashMap<String, Vec<Endpoint>>,
    budget: std::cell::RefCell<SuggestionBudget>,
}

impl<'o> Names<'o> {
    fn new(org: Option<&'o Org>) -> Self {
        let (mut ids, mut names): (HashMap<_, Vec<_>>, HashMap<_, Vec<_>>) = Default::default();
        if let Some(org) = org {
            let depts = org
                .departments
                .iter()
                .enumerate()
                .map(|(i, d)| (Endpoint::Department(crate::model::DeptIdx(i as u32)), d.id.as_str(), &*d.name));
            let customers = org.customers.iter().enumerate().map(|(i, c)| {
                (Endpoint::Customer(crate::model::CustomerIdx(i as u32)), c.id.as_str(), c.name.as_str())
            });
            for (e, id, name) in depts.chain(customers) {
                ids.entry(id.to_lowercase()).or_default().push(e);
                names.entry(name.trim().to_lowercase()).or_default().push(e);
            }
        }
        Names { org, ids, names, budget: Default::default() }
    }

    /// The id `text` stands for, and what it names (`None` without an
    /// org: then `made` learns the names that changed to become ids).
    fn resolve(
        &self,
        text: &str,
        at: Loc,
        column: &str,
        made: &mut BTreeMap<String, String>,
    ) -> Result<(String, Option<Endpoint>), Box<Diagnostic>> {
        let Some(org) = self.org else {
            let id = slug(text);
            if id != text {
                made.insert(text.to_owned(), id.clone());
            }
            return Ok((id, None));
        };
        let found = |e: Endpoint| Ok((org.id_of(e).to_string(), Some(e)));
        if let Some(e) = org.lookup(text) {
            return found(e);
        }
        let key = text.to_lowercase();
        for candidates in [self.ids.get(&key), self.names.get(&key)].into_iter().flatten() {
            match candidates.as_slice() {
                [one] => return found(*one),
                [] => {}
                many => {
                    let all: Vec<String> = many.iter().map(|&e| format!("{:?}", org.id_of(e).as_str())).collect();
                    return Err(Box::new(
                        Diagnostic::error(
                            Code::ImportUnknownName,
                            format!(
                                "column {column:?}: {:?} names {} departments or customers",
                                clipped(text),
                                many.len()
                            ),
                        )
                        .at(at, "which one?")
                        .help(format!("write the id: {}", all.join(", "))),
                    ));
                }
            }
        }
        let help = org.suggest_id(text, &mut self.budget.borrow_mut()).unwrap_or_else(|| {
            "name a department or customer of the org, by id or name (case does not matter), or add it to the org"
                .to_owned()
        });
        Err(Box::new(
            Diagnostic::error(
                Code::ImportUnknownName,
                format!("column {column:?}: no department or customer {:?}", clipped(text)),
            )
            .at(at, "unknown")
            .help(help),
        ))
    }
}
