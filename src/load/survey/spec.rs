//! One entry of `surveys:` read and checked with the field helper: which
//! file, which wave, which scale, which layout and column names.

use super::scale::{self, Scale};
use crate::diagnostic::{Code, Diagnostic};
use crate::format::Record;
use crate::load::Located;
use crate::load::records::Checker;
use crate::model::{Node, NodeValue};
use crate::source::Loc;

/// How the answers are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per answer.
    Long,
    /// One row per respondent, one column per handoff.
    Wide,
}

/// The long format's column names (matched case-insensitively).
#[derive(Debug, Clone)]
pub struct Columns {
    pub rater: String,
    pub supplier: String,
    pub what: String,
    pub score: String,
    pub respondent: String,
    pub comment: String,
}

impl Default for Columns {
    fn default() -> Self {
        let s = |x: &str| x.to_owned();
        Columns {
            rater: s("rater"),
            supplier: s("supplier"),
            what: s("what"),
            score: s("score"),
            respondent: s("respondent"),
            comment: s("comment"),
        }
    }
}

/// A checked `surveys:` entry.
#[derive(Debug, Clone)]
pub struct Spec {
    pub file: Located<String>,
    pub wave: String,
    pub scale: Scale,
    pub layout: Layout,
    pub columns: Columns,
    pub rater_column: String,
    pub sheet: Option<String>,
    pub skip_rows: usize,
    pub min_responses: usize,
}

/// The default `min_responses`.
pub const MIN_RESPONSES: usize = 3;

/// Reads one `surveys:` item; `None` if it is unusable (reported).
pub fn read(c: &mut Checker<'_>, item: Node) -> Option<Spec> {
    let mut f = c.record(item, Record::Survey, "survey")?;
    let file = f.take("file").and_then(|n| c.string_at(n, "file")).filter(|f| !f.value.trim().is_empty());
    if file.is_none() {
        c.diags.push(
            Diagnostic::error(Code::MissingField, "this survey has no `file`")
                .at(f.loc, "`file:` missing")
                .help("add `file: surveys/2026-q3.csv`, a CSV or .xlsx file relative to this org file"),
        );
    }
    let wave = c.string(f.take("wave"), "wave");
    let scale = f.take("scale").map_or_else(|| Some(Scale::default()), |n| scale_of(c, n));
    let layout = match f.take("format").and_then(|n| c.string_at(n, "format")) {
        None => Some(Layout::Long),
        Some(at) => match at.value.trim().to_ascii_lowercase().as_str() {
            "long" => Some(Layout::Long),
            "wide" => Some(Layout::Wide),
            _ => {
                c.diags.push(
                    Diagnostic::error(Code::InvalidSurvey, format!("unknown survey format {:?}", at.value))
                        .at(at.loc, "not long or wide")
                        .help("`format: long` (one row per answer) or `format: wide` (one row per respondent)"),
                );
                None
            }
        },
    };
    let columns = columns(c, f.take("columns"));
    let rater_column = c.string(f.take("rater_column"), "rater_column").unwrap_or_else(|| "rater".to_owned());
    let sheet = c.string(f.take("sheet"), "sheet");
    let skip_rows = count(c, f.take("skip_rows"), "skip_rows");
    let min_responses = count(c, f.take("min_responses"), "min_responses");
    f.finish(c.diags);
    let file = file?;
    let wave = wave.filter(|w| !w.trim().is_empty()).unwrap_or_else(|| {
        let p = std::path::Path::new(&file.value);
        p.file_stem().map_or_else(|| file.value.clone(), |s| s.to_string_lossy().into_owned())
    });
    Some(Spec {
        wave,
        scale: scale?,
        layout: layout?,
        columns,
        rater_column,
        sheet,
        skip_rows: skip_rows.unwrap_or(0) as usize,
        min_responses: min_responses.unwrap_or(MIN_RESPONSES as u64).max(1) as usize,
        file,
    })
}

fn count(c: &mut Checker<'_>, node: Option<Node>, name: &str) -> Option<u64> {
    let node = node?;
    match node.value {
        NodeValue::UInt(n) => Some(n.min(1 << 20)),
        NodeValue::Null => None,
        found => {
            c.wrong_type(node.loc, name, "a whole number of 0 or more", &found);
            None
        }
    }
}

fn number(c: &mut Checker<'_>, node: Option<Node>, name: &str, at: Loc) -> Option<f64> {
    let Some(node) = node else {
        c.diags.push(
            Diagnostic::error(Code::MissingField, format!("this scale has no `{name}`"))
                .at(at, format!("`{name}:` missing"))
                .help("a custom scale is `{min: 1, max: 4, words: {Poor: 1, Fair: 2, Good: 3, Excellent: 4}}`"),
        );
        return None;
    };
    match node.value {
        NodeValue::UInt(n) => Some(n as f64),
        NodeValue::Int(n) => Some(n as f64),
        NodeValue::Float(x) if x.is_finite() => Some(x),
        found => {
            c.wrong_type(node.loc, name, "a number", &found);
            None
        }
    }
}

fn scale_of(c: &mut Checker<'_>, node: Node) -> Option<Scale> {
    let loc = node.loc;
    if let NodeValue::Map(entries) = node.value {
        let mut f = crate::load::fields::Fields::new(Record::SurveyScale, loc, entries);
        let min = number(c, f.take("min"), "min", loc);
        let max = number(c, f.take("max"), "max", loc);
        let mut words = Vec::new();
        if let Some(w) = f.take("words") {
            match w.value {
                NodeValue::Map(entries) => {
                    for (word, key_loc, score) in entries {
                        words.extend(number(c, Some(score), "a word's score", key_loc).map(|s| (word, s)));
                    }
                }
                NodeValue::Null => {}
                found => c.wrong_type(w.loc, "words", "a mapping of words to scores", &found),
            }
        }
        f.finish(c.diags);
        return match Scale::custom(min?, max?, words) {
            Ok(s) => Some(s),
            Err(why) => {
                c.diags.push(Diagnostic::error(Code::InvalidSurvey, why).at(loc, "this scale"));
                None
            }
        };
    }
    let at = c.string_at(node, "scale")?;
    Scale::named(&at.value).or_else(|| {
        let help = crate::suggest::did_you_mean(&at.value, scale::NAMES).unwrap_or_else(|| {
            format!("the scales are {}, or a custom `{{min, max, words}}`", scale::NAMES.join(", "))
        });
        c.diags.push(
            Diagnostic::error(Code::InvalidSurvey, format!("unknown survey scale {:?}", at.value))
                .at(at.loc, "not a known scale")
                .help(help),
        );
        None
    })
}

fn columns(c: &mut Checker<'_>, node: Option<Node>) -> Columns {
    let mut cols = Columns::default();
    let Some(node) = node else { return cols };
    let loc = node.loc;
    let entries = match node.value {
        NodeValue::Map(entries) => entries,
        NodeValue::Null => return cols,
        found => {
            c.wrong_type(loc, "columns", "a mapping such as `{score: Rating}`", &found);
            return cols;
        }
    };
    let mut f = crate::load::fields::Fields::new(Record::SurveyColumns, loc, entries);
    for (name, slot) in [
        ("rater", &mut cols.rater),
        ("supplier", &mut cols.supplier),
        ("what", &mut cols.what),
        ("score", &mut cols.score),
        ("respondent", &mut cols.respondent),
        ("comment", &mut cols.comment),
    ] {
        if let Some(v) = c.string(f.take(name), name) {
            *slot = v;
        }
    }
    f.finish(c.diags);
    cols
}
