//! A survey's rows checked against the org: each answer named by its rater
//! (the receiving department), its supplier and `what`, matched to one
//! handoff and scored on the wave's scale. Every problem is located at its
//! cell, names its column and suggests a fix; checking goes on.

use super::spec::{Layout, Spec};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::table::{self, Row, Table};
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Org};
use crate::source::{Loc, SourceMap};
use std::collections::HashMap;

/// Finds departments by id or name, and handoffs between departments.
#[derive(Debug)]
pub struct Resolver<'o> {
    org: &'o Org,
    /// Lowercased id and name → department.
    by_key: HashMap<String, DeptIdx>,
    /// Supplier → its handoffs to departments.
    supplied: HashMap<DeptIdx, Vec<HandoffIdx>>,
    /// One budget for every suggestion over the org's ids: a survey full of
    /// unknown names stays cheap.
    budget: std::cell::RefCell<crate::suggest::Budget>,
}

impl<'o> Resolver<'o> {
    pub fn new(org: &'o Org) -> Self {
        let mut by_key = HashMap::new();
        for (i, d) in org.departments.iter().enumerate() {
            by_key.entry(d.name.trim().to_lowercase()).or_insert(DeptIdx(i as u32));
        }
        // Ids win over names.
        for (i, d) in org.departments.iter().enumerate() {
            by_key.insert(d.id.to_lowercase(), DeptIdx(i as u32));
        }
        let mut supplied: HashMap<DeptIdx, Vec<HandoffIdx>> = HashMap::new();
        for (i, h) in org.handoffs.iter().enumerate() {
            if matches!(h.to, Endpoint::Department(_)) {
                supplied.entry(h.from).or_default().push(HandoffIdx(i as u32));
            }
        }
        Resolver { org, by_key, supplied, budget: Default::default() }
    }

    fn department(&self, text: &str) -> Option<DeptIdx> {
        self.by_key.get(&text.trim().to_lowercase()).copied()
    }

    fn name(&self, d: DeptIdx) -> &str {
        &self.org.department(d).name
    }

    fn what(&self, h: HandoffIdx) -> &str {
        self.org.handoff(h).what.as_deref().unwrap_or("")
    }

    fn receiver(&self, h: HandoffIdx) -> Option<DeptIdx> {
        match self.org.handoff(h).to {
            Endpoint::Department(d) => Some(d),
            Endpoint::Customer(_) => None,
        }
    }

    fn unknown(&self, role: &str, column: &str, text: &str, loc: Loc) -> Diagnostic {
        let all = self.org.departments.iter().map(|d| (d.id.as_str(), &*d.name));
        let help = crate::suggest::did_you_mean_id(text, all, &mut self.budget.borrow_mut()).unwrap_or_else(|| {
            format!("the {role} must be a department of the org, by id or name (case does not matter)")
        });
        Diagnostic::error(Code::SurveyUnknownDepartment, format!("column {column:?}: no department {text:?}"))
            .at(loc, format!("unknown {role}"))
            .help(help)
    }

    /// The handoff from `supplier` named `what` (blank: its only one) that
    /// `rater` receives, or the problem.
    fn handoff(&self, rater: DeptIdx, supplier: DeptIdx, what: &str) -> Result<HandoffIdx, (Code, String, String)> {
        let all = self.supplied.get(&supplier).map_or(&[][..], Vec::as_slice);
        let (r, s) = (self.name(rater), self.name(supplier));
        if what.trim().is_empty() {
            let to_rater: Vec<HandoffIdx> = all.iter().copied().filter(|&h| self.receiver(h) == Some(rater)).collect();
            return match to_rater.as_slice() {
                [h] => Ok(*h),
                [] => {
                    Err((Code::SurveyNotAReceiver, format!("{r} receives nothing from {s}"), self.receivers_help(all)))
                }
                many => Err((
                    Code::SurveyAmbiguousWhat,
                    format!("{s} hands {r} {} things; say which", many.len()),
                    format!("write one of: {}", self.whats(many)),
                )),
            };
        }
        let w = what.trim().to_lowercase();
        let named: Vec<HandoffIdx> = all.iter().copied().filter(|&h| self.what(h).trim().to_lowercase() == w).collect();
        if let Some(h) = named.iter().copied().find(|&h| self.receiver(h) == Some(rater)) {
            return Ok(h);
        }
        if let Some(&h) = named.first() {
            let receiver = self.receiver(h).map_or("", |d| self.name(d));
            return Err((
                Code::SurveyNotAReceiver,
                format!("{r} does not receive {s}'s {}; the receiver is {receiver}", self.what(h)),
                "the rater is the department that receives the handoff; check the row's rater".to_owned(),
            ));
        }
        let to_rater: Vec<HandoffIdx> = all.iter().copied().filter(|&h| self.receiver(h) == Some(rater)).collect();
        let help = crate::suggest::did_you_mean(what.trim(), to_rater.iter().map(|&h| self.what(h)))
            .or_else(|| crate::suggest::did_you_mean(what.trim(), all.iter().map(|&h| self.what(h))))
            .unwrap_or_else(|| match to_rater.is_empty() {
                true => self.receivers_help(all),
                false => format!("{s} hands {r}: {}", self.whats(&to_rater)),
            });
        Err((Code::SurveyUnknownHandoff, format!("{s} hands over nothing called {:?}", what.trim()), help))
    }

    fn whats(&self, hs: &[HandoffIdx]) -> String {
        hs.iter().map(|&h| format!("{:?}", self.what(h))).collect::<Vec<_>>().join(", ")
    }

    fn receivers_help(&self, all: &[HandoffIdx]) -> String {
        if all.is_empty() {
            return "that supplier hands nothing to any department".to_owned();
        }
        let list: Vec<String> = all
            .iter()
            .map(|&h| format!("{:?} to {}", self.what(h), self.receiver(h).map_or("", |d| self.name(d))))
            .collect();
        format!("it hands over {}", list.join(", "))
    }
}

/// Every answer of one wave, per handoff (indexed by handoff).
pub fn collect(
    spec: &Spec,
    table: &Table,
    res: &Resolver<'_>,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<f64>> {
    let mut answers = vec![Vec::new(); res.org.handoffs.len()];
    let Some((header, rows)) = table.rows.split_first() else {
        diags.push(
            Diagnostic::error(Code::SurveyMissingColumn, format!("the survey {} has no header row", spec.file.value))
                .at(spec.file.loc, "an empty survey")
                .help("the first row names the columns"),
        );
        return answers;
    };
    let mut seen: HashMap<(String, HandoffIdx), Loc> = HashMap::new();
    let mut add = |h: HandoffIdx, score: f64, respondent: &str, loc: Loc, diags: &mut Vec<Diagnostic>| {
        if !respondent.is_empty() {
            if let Some(first) = seen.get(&(respondent.to_lowercase(), h)) {
                diags.push(
                    Diagnostic::warning(
                        Code::SurveyDuplicateAnswer,
                        format!("{respondent:?} answered this handoff twice; the second answer is not counted"),
                    )
                    .at(loc, "second answer")
                    .also(*first, "first answer"),
                );
                return;
            }
            seen.insert((respondent.to_lowercase(), h), loc);
        }
        answers[h.0 as usize].push(score);
    };
    let first = diags.len();
    match spec.layout {
        Layout::Long => long(spec, header, rows, res, diags, &mut add),
        Layout::Wide => wide(spec, header, rows, res, diags, &mut add),
    }
    table::name_cells(table, sources, &mut diags[first..]);
    answers
}

type Add<'a> = dyn FnMut(HandoffIdx, f64, &str, Loc, &mut Vec<Diagnostic>) + 'a;

/// The index of the column `name` in the header (case-insensitive).
fn column(header: &Row, name: &str) -> Option<usize> {
    header.cells.iter().position(|c| c.text.trim().eq_ignore_ascii_case(name.trim()))
}

fn missing_column(spec: &Spec, header: &Row, name: &str, key: &str) -> Diagnostic {
    let names = header.cells.iter().map(|c| c.text.trim());
    let help = crate::suggest::did_you_mean(name, names)
        .map(|d| format!("{d} (or name the column with `columns: {{{key}: …}}`)"))
        .unwrap_or_else(|| {
            let shown: Vec<&str> = header.cells.iter().map(|c| c.text.trim()).collect();
            format!("the header has: {}; name the column with `columns: {{{key}: …}}`", shown.join(", "))
        });
    Diagnostic::error(Code::SurveyMissingColumn, format!("the survey {} has no column {name:?}", spec.file.value))
        .at(header.loc, "the header row")
        .help(help)
}

fn score(spec: &Spec, row: &Row, col: usize, column: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    match spec.scale.score(row.text(col)) {
        Ok(s) => s,
        Err(why) => {
            diags.push(
                Diagnostic::error(Code::SurveyBadScore, format!("column {column:?}: {why}"))
                    .at(row.loc(col), "not on the scale")
                    .help(format!(
                        "answers on this wave's scale are {}; N/A or blank for no answer",
                        spec.scale.describe()
                    )),
            );
            None
        }
    }
}

fn long(spec: &Spec, header: &Row, rows: &[Row], res: &Resolver<'_>, diags: &mut Vec<Diagnostic>, add: &mut Add<'_>) {
    let c = &spec.columns;
    let required = [("rater", &c.rater), ("supplier", &c.supplier), ("score", &c.score)];
    let mut idx = Vec::new();
    for (key, name) in required {
        match column(header, name) {
            Some(i) => idx.push(i),
            None => diags.push(missing_column(spec, header, name, key)),
        }
    }
    let [rater_col, supplier_col, score_col] = idx[..] else { return };
    let what_col = column(header, &c.what);
    let respondent_col = column(header, &c.respondent);
    for row in rows.iter().filter(|r| !r.is_blank()) {
        let rater = res.department(row.text(rater_col));
        if rater.is_none() {
            diags.push(res.unknown("rater", &c.rater, row.text(rater_col), row.loc(rater_col)));
        }
        let supplier = res.department(row.text(supplier_col));
        if supplier.is_none() {
            diags.push(res.unknown("supplier", &c.supplier, row.text(supplier_col), row.loc(supplier_col)));
        }
        let value = score(spec, row, score_col, &c.score, diags);
        let (Some(rater), Some(supplier)) = (rater, supplier) else { continue };
        let what = what_col.map_or("", |i| row.text(i));
        let at = what_col.filter(|_| !what.is_empty()).unwrap_or(supplier_col);
        match res.handoff(rater, supplier, what) {
            Ok(h) => {
                if let Some(v) = value {
                    add(h, v, respondent_col.map_or("", |i| row.text(i)), row.loc(score_col), diags);
                }
            }
            Err((code, message, help)) => {
                let name = if at == supplier_col { &c.supplier } else { &c.what };
                diags.push(
                    Diagnostic::error(code, format!("column {name:?}: {message}")).at(row.loc(at), "here").help(help),
                );
            }
        }
    }
}

/// `Some((supplier, what))` for a header ending in `[SUPPLIER -> WHAT]`.
pub fn bracket(header: &str) -> Option<(&str, &str)> {
    let h = header.trim().strip_suffix(']')?;
    let inner = &h[h.rfind('[')? + 1..];
    let (s, w) = inner.split_once("->").or_else(|| inner.split_once('\u{2192}'))?;
    Some((s.trim(), w.trim()))
}

fn wide(spec: &Spec, header: &Row, rows: &[Row], res: &Resolver<'_>, diags: &mut Vec<Diagnostic>, add: &mut Add<'_>) {
    let Some(rater_col) = column(header, &spec.rater_column) else {
        diags.push(missing_column(spec, header, &spec.rater_column, "rater_column"));
        return;
    };
    let respondent_col = column(header, &spec.columns.respondent);
    // Each handoff column: its index, header text, supplier and what.
    let mut handoff_cols = Vec::new();
    for (i, cell) in header.cells.iter().enumerate() {
        let Some((supplier, what)) = bracket(&cell.text) else { continue };
        match res.department(supplier) {
            Some(s)
                if res
                    .supplied
                    .get(&s)
                    .is_some_and(|hs| hs.iter().any(|&h| res.what(h).trim().eq_ignore_ascii_case(what))) =>
            {
                handoff_cols.push((i, cell.text.trim(), s, what));
            }
            Some(s) => {
                let all = res.supplied.get(&s).map_or(&[][..], Vec::as_slice);
                let help = crate::suggest::did_you_mean(what, all.iter().map(|&h| res.what(h)))
                    .unwrap_or_else(|| res.receivers_help(all));
                diags.push(
                    Diagnostic::error(
                        Code::SurveyUnknownHandoff,
                        format!(
                            "column {:?} names no handoff: {} hands over nothing called {what:?}",
                            cell.text.trim(),
                            res.name(s)
                        ),
                    )
                    .at(cell.loc, "no such handoff")
                    .help(help),
                );
            }
            None => {
                let mut d = res.unknown("supplier", cell.text.trim(), supplier, cell.loc);
                d.message = format!("column {:?} names no handoff: no department {supplier:?}", cell.text.trim());
                diags.push(d);
            }
        }
    }
    // Columns that named no handoff are reported already.
    if !header.cells.iter().any(|c| bracket(&c.text).is_some()) {
        diags.push(
            Diagnostic::error(
                Code::SurveyMissingColumn,
                format!("the wide survey {} has no handoff columns", spec.file.value),
            )
            .at(header.loc, "the header row")
            .help("a wide survey has one column per handoff, its header ending in `[SUPPLIER -> WHAT]`"),
        );
        return;
    }
    for (n, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let rater_text = row.text(rater_col);
        let Some(rater) = res.department(rater_text) else {
            diags.push(res.unknown("rater", &spec.rater_column, rater_text, row.loc(rater_col)));
            continue;
        };
        let respondent = respondent_col.map_or_else(|| format!("row {}", n + 1), |i| row.text(i).to_owned());
        for &(i, name, supplier, what) in &handoff_cols {
            let Some(value) = score(spec, row, i, name, diags) else { continue };
            match res.handoff(rater, supplier, what) {
                Ok(h) => add(h, value, &respondent, row.loc(i), diags),
                Err((code, message, help)) => diags.push(
                    Diagnostic::error(code, format!("column {name:?}: {message}"))
                        .at(row.loc(i), "answered here")
                        .help(help),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bracket;

    #[test]
    fn wide_headers_name_supplier_and_what_in_brackets() {
        assert_eq!(bracket("How well does it work? [Warehouse -> Kitted parts]"), Some(("Warehouse", "Kitted parts")));
        assert_eq!(bracket("Q3 [it \u{2192} CRM uptime] "), Some(("it", "CRM uptime")));
        assert_eq!(bracket("Timestamp"), None);
        assert_eq!(bracket("[no arrow]"), None);
    }
}
