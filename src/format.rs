//! The org file's format, declared once: every key of every kind of record,
//! with what it holds and what it means. The loader's field checks and its
//! "did you mean" lists read these tables; the JSON Schema takes its key
//! descriptions from them, and tests hold the schema and the README's key
//! table against them.

/// A kind of mapping in an org file (or a policy file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Record {
    /// The top level of an org file.
    Top,
    Customer,
    Department,
    /// A handoff under a department's `serves:` (no `from`).
    Serves,
    /// A handoff in the top-level `handoffs:` list.
    Handoff,
    /// The `policy:` section.
    Policy,
    /// One rule's setting written as a mapping.
    RuleSetting,
    /// `servchain.toml`, the project's configuration.
    Config,
    /// One wave of the top-level `surveys:` list.
    Survey,
    /// A survey's `columns:` mapping (long format).
    SurveyColumns,
    /// A custom survey scale: `{min, max, words}`.
    SurveyScale,
    /// A handoff's `agreed:` level, or a customer's `promise:`.
    Level,
    /// One unit (division) of the top-level `units:` list.
    Unit,
}

/// What a key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The format version number.
    Version,
    /// Text; numbers and booleans are taken as written.
    Text,
    /// An id, or a reference to one.
    Id,
    /// A whole number of 0 or more.
    Count,
    /// A list of texts.
    Texts,
    /// Free-form data: a mapping.
    Meta,
    /// A quality: 0..1 or a percentage.
    Quality,
    /// A duration such as "4h".
    Duration,
    /// A list of records of this kind.
    List(Record),
    /// A mapping of this kind.
    Map(Record),
    /// A policy's rules, by rule id.
    Rules,
    /// A rule's severity.
    Severity,
    /// A rule's threshold, whose kind depends on the rule.
    Threshold,
    /// `true` or `false`.
    Flag,
    /// A survey scale: a name such as `1-5`, or a mapping of its own.
    Scale,
    /// A number.
    Number,
    /// Words and the scores they stand for.
    Words,
}

/// One key of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether every record of this kind must have the key.
    pub required: bool,
    /// What the key means, for the schema's hover help.
    pub doc: &'static str,
}

const fn key(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key { name, kind, required: false, doc }
}

const fn required(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key { name, kind, required: true, doc }
}

const META_DOC: &str = "Free-form data, carried into reports.";

const TOP: &[Key] = &[
    key("version", Kind::Version, "The format version; only 1 exists."),
    key("organization", Kind::Text, "The organization's name. Files of one org must agree on it."),
    key("include", Kind::Texts, "More files to load: globs relative to this file, e.g. \"teams/*.yaml\"."),
    key(
        "customers",
        Kind::List(Record::Customer),
        "The external customers, where every chain ends. Left out everywhere, the org has one customer with the id \"customer\".",
    ),
    key("departments", Kind::List(Record::Department), "The departments. An org needs at least one."),
    key("handoffs", Kind::List(Record::Handoff), "More handoffs, written as an edge list, each with `from`."),
    key(
        "units",
        Kind::List(Record::Unit),
        "Divisions, business units, sites: named groups of departments that nest, for roll-ups and grouped drawings.",
    ),
    key("policy", Kind::Map(Record::Policy), "The rules `servchain check` applies."),
    key(
        "surveys",
        Kind::List(Record::Survey),
        "Internal-customer surveys, oldest wave first: the latest wave with enough answers sets a handoff's quality.",
    ),
];

const SURVEY: &[Key] = &[
    required(
        "file",
        Kind::Text,
        "The survey's CSV or .xlsx file, relative to this org file and inside the project root.",
    ),
    key("wave", Kind::Text, "A label for the wave, shown in reports, e.g. \"2026-Q3\"; the file name if left out."),
    key(
        "scale",
        Kind::Scale,
        "The answer scale: 1-5 (default), 1-7, 0-10, 0-100, percent, agree-5, satisfied-5, or {min, max, words}.",
    ),
    key(
        "format",
        Kind::Text,
        "long (default: one row per answer) or wide (one row per respondent, a column per handoff).",
    ),
    key(
        "columns",
        Kind::Map(Record::SurveyColumns),
        "The long format's column names, where they differ from the defaults.",
    ),
    key("rater_column", Kind::Text, "The wide format's column naming the rating department (default: rater)."),
    key("sheet", Kind::Text, "The .xlsx sheet to read; the first if left out."),
    key("skip_rows", Kind::Count, "Rows to skip before the header row (Qualtrics exports have extra ones)."),
    key(
        "min_responses",
        Kind::Count,
        "Fewer answers than this for a handoff and the wave sets no quality (default 3).",
    ),
];

const SURVEY_COLUMNS: &[Key] = &[
    key("rater", Kind::Text, "The column naming the receiving department (default: rater)."),
    key("supplier", Kind::Text, "The column naming the supplying department (default: supplier)."),
    key("what", Kind::Text, "The column naming the handoff (default: what); may be blank when there is one."),
    key("score", Kind::Text, "The column holding the answer (default: score)."),
    key("respondent", Kind::Text, "The column naming who answered (default: respondent; optional)."),
    key("comment", Kind::Text, "The column holding a comment (default: comment; optional)."),
];

const SURVEY_SCALE: &[Key] = &[
    required("min", Kind::Number, "The lowest score; it maps to quality 0."),
    required("max", Kind::Number, "The highest score; it maps to quality 1."),
    key("words", Kind::Words, "Answers written as words, each with the score it stands for."),
];

const CUSTOMER: &[Key] = &[
    required("id", Kind::Id, "The customer's id; departments and customers share one set of ids."),
    key("name", Kind::Text, "The display name."),
    key("description", Kind::Text, "What the customer is."),
    key(
        "promise",
        Kind::Map(Record::Level),
        "The service level promised to this customer: every department's chains to it should reach at least this rolled quality and at most this lead time.",
    ),
    key("meta", Kind::Meta, META_DOC),
];

/// `agreed:` on a handoff and `promise:` on a customer; both halves optional.
const LEVEL: &[Key] = &[
    key("quality", Kind::Quality, "The quality: a number from 0 to 1, or a percentage from 0% to 100%."),
    key("lead_time", Kind::Duration, "The lead time: \"30m\", \"4h\", \"2d\", \"1w\", \"1h 30m\"."),
];

const DEPARTMENT: &[Key] = &[
    required("id", Kind::Id, "The department's id; handoffs refer to it."),
    key("name", Kind::Text, "The display name; the id if left out."),
    key("lead", Kind::Text, "Who is accountable for what the department hands over."),
    key("headcount", Kind::Count, "How many people work in the department."),
    key("tags", Kind::Texts, "Labels."),
    key("unit", Kind::Id, "The unit (division) the department belongs to: an id from `units:`."),
    key("description", Kind::Text, "What the department does."),
    key("meta", Kind::Meta, META_DOC),
    key("serves", Kind::List(Record::Serves), "The handoffs this department makes: what it hands to whom."),
];

const UNIT: &[Key] = &[
    required("id", Kind::Id, "The unit's id; it shares one set of ids with departments and customers."),
    key("name", Kind::Text, "The display name; the id if left out."),
    key("parent", Kind::Id, "The unit this one is part of: units nest, never in a circle."),
    key("lead", Kind::Text, "Who leads the unit."),
];

/// A handoff's keys; `from` only in the top-level `handoffs:` list.
const HANDOFF: &[Key] = &[
    required("from", Kind::Id, "The supplier: a department id."),
    required("to", Kind::Id, "The receiver: a department id or a customer id."),
    key("what", Kind::Text, "What is handed over. Two handoffs between the same pair need different `what`."),
    key(
        "quality",
        Kind::Quality,
        "The receiver's rating: a number from 0 to 1, or a percentage from 0% to 100%. Left out: unrated.",
    ),
    key("lead_time", Kind::Duration, "How long delivery takes: \"30m\", \"4h\", \"2d\", \"1w\", \"1h 30m\"."),
    key(
        "agreed",
        Kind::Map(Record::Level),
        "The level the supplier and the receiver agreed for this handoff: a quality and a lead time, both optional.",
    ),
    key(
        "feedback",
        Kind::Flag,
        "true for work that flows back on purpose (failure reports, rework returns): a loop closed only by such handoffs is a feedback loop, not a rework loop.",
    ),
    key("meta", Kind::Meta, META_DOC),
];

const POLICY: &[Key] = &[key(
    "rules",
    Kind::Rules,
    "Each rule's severity (error, warning, info, off), or its severity, threshold and exceptions.",
)];

const RULE_SETTING: &[Key] = &[
    key("severity", Kind::Severity, "error, warning, info or off (false is off)."),
    key("threshold", Kind::Threshold, "The rule's threshold."),
    key("except", Kind::Texts, "Ids the rule does not apply to; a unit id stands for all its departments."),
];

const CONFIG: &[Key] = &[
    key("paths", Kind::Texts, "What every command reads when no PATH is given, relative to servchain.toml."),
    key("exclude", Kind::Texts, "Globs of files a directory walk skips, relative to the project root."),
    key("policy", Kind::Text, "A policy file, relative to servchain.toml."),
    key("rules", Kind::Rules, "The policy's rules, inline, as under `policy: rules:` in YAML."),
    key("baseline", Kind::Text, "The baseline file `check` reads, relative to servchain.toml."),
    key("fail-on", Kind::Severity, "The lowest severity that fails `check`: error, warning or never."),
    key("strict-baseline", Kind::Flag, "Whether baseline entries that no longer match fail `check`."),
];

impl Record {
    /// Every kind of record.
    pub const ALL: [Record; 13] = [
        Record::Top,
        Record::Customer,
        Record::Department,
        Record::Serves,
        Record::Handoff,
        Record::Policy,
        Record::RuleSetting,
        Record::Config,
        Record::Survey,
        Record::SurveyColumns,
        Record::SurveyScale,
        Record::Level,
        Record::Unit,
    ];

    /// The record's keys, in the order messages list them.
    pub fn keys(self) -> impl Iterator<Item = &'static Key> + Clone {
        let (keys, skip_from) = match self {
            Record::Top => (TOP, false),
            Record::Customer => (CUSTOMER, false),
            Record::Department => (DEPARTMENT, false),
            Record::Serves => (HANDOFF, true),
            Record::Handoff => (HANDOFF, false),
            Record::Policy => (POLICY, false),
            Record::RuleSetting => (RULE_SETTING, false),
            Record::Config => (CONFIG, false),
            Record::Survey => (SURVEY, false),
            Record::SurveyColumns => (SURVEY_COLUMNS, false),
            Record::SurveyScale => (SURVEY_SCALE, false),
            Record::Level => (LEVEL, false),
            Record::Unit => (UNIT, false),
        };
        keys.iter().filter(move |k| !(skip_from && k.name == "from"))
    }

    /// The key `name` of this record, if it has one.
    pub fn key(self, name: &str) -> Option<&'static Key> {
        self.keys().find(|k| k.name == name)
    }

    /// The record as messages name it: "unknown key `x` in a department".
    pub fn context(self) -> &'static str {
        match self {
            Record::Top => "the top level of an org file",
            Record::Customer => "a customer",
            Record::Department => "a department",
            Record::Serves => "a `serves` entry",
            Record::Handoff => "a handoff",
            Record::Policy => "`policy`",
            Record::RuleSetting => "a rule's setting",
            Record::Config => "servchain.toml",
            Record::Survey => "a survey",
            Record::SurveyColumns => "a survey's `columns`",
            Record::SurveyScale => "a survey's scale",
            Record::Level => "an agreed or promised level",
            Record::Unit => "a unit",
        }
    }

    /// The help for an unknown key that is no near miss of a known one.
    pub fn takes(self) -> String {
        let names: Vec<&str> = self.keys().map(|k| k.name).collect();
        match self {
            Record::Policy => "`policy` takes `rules:`".to_owned(),
            Record::RuleSetting => "a rule's setting takes severity, threshold and except".to_owned(),
            Record::Config => format!("servchain.toml takes: {}", names.join(", ")),
            Record::Survey | Record::SurveyColumns | Record::SurveyScale | Record::Level | Record::Unit => {
                format!("{} takes: {}", self.context(), names.join(", "))
            }
            _ => format!("{} takes: {}; put free-form data under `meta:`", self.context(), names.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn each_record_declares_each_key_once_with_a_doc() {
        for record in Record::ALL {
            let mut seen = HashSet::new();
            for k in record.keys() {
                assert!(seen.insert(k.name), "{record:?} declares {} twice", k.name);
                assert!(k.doc.ends_with('.'), "{record:?}.{}: {:?}", k.name, k.doc);
            }
            assert!(!seen.is_empty());
        }
    }

    /// The README's key table lists exactly the registry's keys, each where
    /// it may appear.
    #[test]
    fn the_readme_key_table_lists_every_key() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap_or_default();
        let table = readme.split("| key | where | meaning |").nth(1).unwrap_or_default();
        let mut listed = HashSet::new();
        for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
            let cells: Vec<&str> = row.split('|').collect();
            let keys = cells[1].split('`').skip(1).step_by(2);
            for key in keys {
                for place in cells[2].split(',').map(str::trim) {
                    let record = match place {
                        "top" => Record::Top,
                        "customer" => Record::Customer,
                        "department" => Record::Department,
                        "handoff" => Record::Handoff,
                        "survey" => Record::Survey,
                        "unit" => Record::Unit,
                        other => panic!("unknown place {other:?} in README row {row}"),
                    };
                    listed.insert((record, key.to_owned()));
                }
            }
        }
        let records =
            [Record::Top, Record::Customer, Record::Department, Record::Handoff, Record::Survey, Record::Unit];
        let declared: HashSet<(Record, String)> =
            records.iter().flat_map(|r| r.keys().map(|k| (*r, k.name.to_owned()))).collect();
        let mut missing: Vec<_> = declared.difference(&listed).collect();
        let mut extra: Vec<_> = listed.difference(&declared).collect();
        missing.sort_by_key(|(r, k)| (format!("{r:?}"), k.clone()));
        extra.sort_by_key(|(r, k)| (format!("{r:?}"), k.clone()));
        assert!(missing.is_empty() && extra.is_empty(), "README lacks {missing:?}; lists unknown {extra:?}");
    }

    #[test]
    fn a_serves_entry_is_a_handoff_without_from() {
        let serves: Vec<_> = Record::Serves.keys().map(|k| k.name).collect();
        let handoff: Vec<_> = Record::Handoff.keys().map(|k| k.name).filter(|n| *n != "from").collect();
        assert_eq!(serves, handoff);
        assert!(Record::Serves.key("from").is_none() && Record::Handoff.key("from").is_some_and(|k| k.required));
    }
}
