//! Every diagnostic code, registered once: its stable kebab-case name, what
//! family it belongs to, a one-line summary, a full description and a help
//! text. Renderers, SARIF's rule list, the README's tables and the tests all
//! read this list, so a typo in a code fails to compile.

use serde::{Serialize, Serializer};
use std::fmt;

/// Where a code comes from, which decides where the README documents it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// A problem reading the org's files (README: "What makes a file invalid").
    Load,
    /// A problem in the policy, the baseline or `servchain.toml` (same table).
    Config,
    /// A policy rule's finding (README: the rule table under "The policy and `check`").
    Rule,
    /// A regression `diff` reports (README: the table under "diff and whatif");
    /// a newly cut-off department is reported under the rule `cut-off`.
    Diff,
    /// A problem in a sheet `servchain import` reads (README: "Importing from
    /// HR exports and spreadsheets").
    Import,
}

use super::code_table::codes;

codes! {
    YamlSyntax = "yaml-syntax", Load,
        "the file is not valid YAML",
        "The file breaks YAML's syntax: a broken structure, a duplicate key in one mapping, a tab in indentation, an unknown anchor or a key that is itself a list or a mapping.",
        "Fix the YAML at the place shown; a YAML-aware editor with the org file's JSON Schema (`servchain schema`) shows such mistakes as you type.";
    YamlLimit = "yaml-limit", Load,
        "the YAML exceeds a limit on untrusted input",
        "The file nests deeper than 64 levels, uses more than 10,000 aliases or anchors or aliases that expand to too much data, or holds more than one YAML document. servchain refuses such input rather than spend unbounded time or memory on it.",
        "Write the data out instead of nesting or aliasing it, and keep one document per file (split documents into separate files).";
    WrongType = "wrong-type", Load,
        "a value of the wrong kind",
        "A key holds a value of the wrong kind: text where a number is expected (`headcount: many`), a mapping where a list is expected (`serves: {...}`), and so on.",
        "Give the value the kind the format expects; `servchain schema` lists every key with its type.";
    UnknownKey = "unknown-key", Load,
        "a key the format does not have",
        "A mapping holds a key that the org file format (or the policy, or `servchain.toml`) does not define, often a typo of one it does.",
        "Use the key suggested by \"did you mean\", or put free-form data under `meta:` on a department or handoff.";
    MissingField = "missing-field", Load,
        "a required key is missing or empty",
        "A record lacks a key it must have: a department or customer without `id`, a handoff without `to` (or, in `handoffs:`, without `from`).",
        "Add the missing key with a value.";
    InvalidId = "invalid-id", Load,
        "an id that breaks the id rules",
        "Ids start with a letter or digit, hold only letters, digits, `.`, `_` and `-`, and are at most 63 characters long.",
        "Use the valid id suggested, and the same id wherever the department or customer is named.";
    DuplicateId = "duplicate-id", Load,
        "the same id defined twice",
        "Units, departments and customers share one namespace of ids; the same id is defined twice, in one file or across files. Both places are named.",
        "Rename one of the two, or remove the copy if both mean the same department.";
    UnknownId = "unknown-id", Load,
        "an id that names nothing",
        "A handoff's `to` or `from` names an id that is neither a department nor a customer, or a policy rule's `except` entry one that is not a department, customer or unit.",
        "Use the id suggested by \"did you mean\", or define the missing department or customer.";
    UnknownUnit = "unknown-unit", Load,
        "a `unit:` or `parent:` that names no unit",
        "A department's `unit:` or a unit's `parent:` names an id that is not in any file's `units:` list (or names a department or customer instead).",
        "Use the unit suggested by \"did you mean\", or declare the unit under `units:`.";
    UnitCycle = "unit-cycle", Load,
        "a unit that is its own ancestor",
        "Following `parent:` from a unit leads back to it: units must nest like a tree. The message names the whole circle.",
        "Remove or change one `parent:` in the circle so that the top unit has no parent.";
    HandoffFromCustomer = "handoff-from-customer", Load,
        "a handoff from a customer",
        "A handoff starts at an external customer. Customers are where every chain ends: they serve no one.",
        "Turn the handoff around, or model the supplier as a department.";
    CustomerServes = "customer-serves", Load,
        "a customer with `serves`",
        "A customer lists `serves`. Customers are where every chain ends: `serves` is not a customer field.",
        "Remove `serves` from the customer, or make it a department if it hands work on.";
    SelfHandoff = "self-handoff", Load,
        "a department that serves itself",
        "A handoff goes from a department to itself, which adds nothing to any chain.",
        "Remove the handoff, or point it at the department that receives the work.";
    DuplicateHandoff = "duplicate-handoff", Load,
        "the same handoff twice",
        "A handoff is identified by (from, to, what); the same triple is given twice. Both places are named.",
        "Remove one of the two, or give them different `what` if they are two different handoffs.";
    InvalidQuality = "invalid-quality", Load,
        "a quality that is not a number in 0..1",
        "A `quality` is outside 0..1 or 0%..100%, NaN, or not a number at all.",
        "Write the receiver's rating as a number from 0 to 1 (`0.85`) or a percentage (`85%`).";
    InvalidLeadTime = "invalid-lead-time", Load,
        "a lead time that does not parse",
        "A `lead_time` does not parse as a duration, has no unit, or is negative.",
        "Write durations with units: `30m`, `4h`, `2d`, `1w`, `1h 30m`.";
    InvalidHeadcount = "invalid-headcount", Load,
        "a negative headcount",
        "A department's `headcount` is negative.",
        "Give the number of people as a whole number of 0 or more.";
    UnsupportedVersion = "unsupported-version", Load,
        "a format version other than 1",
        "The file says `version:` with a number this servchain does not know; only version 1 exists.",
        "Write `version: 1`, or leave `version` out.";
    ConflictingFiles = "conflicting-files", Load,
        "files that disagree on the organization or version",
        "Files merged into one org give different `organization` names or `version`s.",
        "Give every file the same `organization` and `version`, or leave them out of all but one.";
    NoDepartments = "no-departments", Load,
        "an org with no departments",
        "After loading every file, the org has no departments; reported only when no other error explains it.",
        "Add departments under `departments:`, or check that the right files were given.";
    NoCustomers = "no-customers", Load,
        "`customers:` given but empty",
        "The org says `customers:` with an empty list, so no department can reach a customer.",
        "List the external customers, or leave `customers:` out to get the one default customer.";
    EmptyFile = "empty-file", Load,
        "an empty file",
        "A file named on the command line or matched by an include holds nothing.",
        "Fill the file, or stop naming it.";
    NotUtf8 = "not-utf8", Load,
        "a file that is not UTF-8",
        "A file holds bytes that are not valid UTF-8 text.",
        "Save the file as UTF-8.";
    FileTooLarge = "file-too-large", Load,
        "a file over `--max-file-size`",
        "A file is larger than `--max-file-size` (512 MiB by default) and is refused before it is read.",
        "Split the org into several files, or raise `--max-file-size` if the file is trusted.";
    IoError = "io", Load,
        "a file that cannot be read",
        "A file or directory cannot be read: it does not exist, permission is denied, or the system reports another error.",
        "Check the path and its permissions.";
    NoFiles = "no-files", Load,
        "a directory with no org files",
        "A directory given as input holds no `*.yaml` or `*.yml` file once hidden and excluded files are skipped.",
        "Name the directory that holds the org files, or check `exclude` in servchain.toml.";
    IncludeNotFound = "include-not-found", Load,
        "an included file that does not exist",
        "An `include:` entry names a file (not a glob) that does not exist.",
        "Fix the path; includes are relative to the including file.";
    InvalidInclude = "invalid-include", Load,
        "an `include:` entry that is not a valid glob",
        "An `include:` entry is not a valid glob pattern.",
        "Write a glob such as `teams/*.yaml`, relative to the including file.";
    IncludeMatchesNothing = "include-matches-nothing", Load,
        "an include pattern that matches no files",
        "An `include:` glob matches no file. This is a warning: the org still loads.",
        "Fix the pattern or remove it.";
    IncludeOutsideRoot = "include-outside-root", Load,
        "a path that leads out of the project root",
        "An include, or a file named or found, leads out of the project root: an absolute pattern, `..` out of it, or a symlink to outside. Such a file is never read (a warning when a directory walk skips it).",
        "Keep org files inside the project, or set the root with `--root` on a directory that holds them all.";
    NotARegularFile = "not-a-regular-file", Load,
        "a FIFO, socket or device",
        "A FIFO, socket or device is named on the command line or matched by an include (a warning when a directory walk skips it). It is never opened.",
        "Name regular files only; pass a pipe as `-`.";
    InvalidSurvey = "invalid-survey", Load,
        "a `surveys:` entry with an unknown format or scale",
        "A `surveys:` entry names a format other than `long` or `wide`, a scale that is not one of 1-5, 1-7, 0-10, 0-100, percent, agree-5 and satisfied-5, or a custom scale whose min is not below its max or whose words lie outside it.",
        "Use a format and scale suggested, or a custom scale `{min: 1, max: 4, words: {Poor: 1, Excellent: 4}}`.";
    SurveyOutsideRoot = "survey-outside-root", Load,
        "a survey file outside the project root",
        "A survey's `file` is an absolute path, climbs out of the project root with `..`, or is a link to a file outside it. Survey files are read like org files: only inside the root.",
        "Keep survey files beside the org (e.g. `surveys/2026-q3.csv`), or set the root with --root DIR.";
    SurveyUnreadable = "survey-unreadable", Load,
        "a survey file that is not valid CSV or xlsx",
        "A survey file breaks CSV's quoting rules, or is no .xlsx workbook calamine can read.",
        "Export the survey again as CSV (UTF-8) or .xlsx.";
    SurveyNotUtf8 = "survey-not-utf8", Load,
        "a CSV survey that is not UTF-8",
        "A CSV survey holds bytes that are not UTF-8 (often a legacy Windows encoding).",
        "Save it as \"CSV UTF-8\" in Excel, or export it as .xlsx.";
    SurveyNoSheet = "survey-no-sheet", Load,
        "an xlsx survey without the named sheet",
        "A survey's `sheet:` names a sheet the workbook does not have.",
        "Use the sheet suggested, or leave `sheet:` out to read the first.";
    SurveyMissingColumn = "survey-missing-column", Load,
        "a survey without a required column",
        "A long survey lacks its rater, supplier or score column, or a wide one its rater column or any `[SUPPLIER -> WHAT]` column.",
        "Name the columns as the defaults do, or map them with `columns: {score: Rating}` or `rater_column:`.";
    SurveyUnknownDepartment = "survey-unknown-department", Load,
        "a rater or supplier that is no department",
        "A survey names a rater or supplier that is neither the id nor the name of a department of the org (case does not matter).",
        "Use the department suggested by \"did you mean\", or its id.";
    SurveyNotAReceiver = "survey-not-a-receiver", Load,
        "a rater who does not receive the handoff rated",
        "The rater of an answer must be the department that receives the handoff: internal customers rate what they are handed.",
        "Check the row's rater and supplier; the message names the handoff's receiver.";
    SurveyAmbiguousWhat = "survey-ambiguous-what", Load,
        "a blank `what` where the supplier hands the rater several things",
        "`what` may be blank only when the supplier hands the rater exactly one thing.",
        "Write which handoff the answer is about; the help lists them.";
    SurveyUnknownHandoff = "survey-unknown-handoff", Load,
        "a `what` or wide column that names no handoff",
        "An answer's `what`, or a wide survey's `[SUPPLIER -> WHAT]` column, names nothing that supplier hands over.",
        "Use the `what` suggested, as the org file writes it (case does not matter).";
    SurveyBadScore = "survey-bad-score", Load,
        "an answer off the scale or not one of its words",
        "A score lies outside the wave's scale, or is a word the scale does not have. Blank, N/A, NA, - and Don't know are no answer, never an error.",
        "Fix the answer, or set the wave's `scale:` to the one the survey used.";
    SurveyDuplicateAnswer = "survey-duplicate-answer", Load,
        "one respondent answering one handoff twice",
        "The same respondent answered the same handoff twice in one wave; only the first answer counts (a warning).",
        "Remove the duplicate row, or give the two respondents different names.";
    ImportUnreadable = "import-unreadable", Import,
        "a sheet to import that cannot be read",
        "The file given to `servchain import` is not valid CSV, not UTF-8, no .xlsx workbook calamine can read, has no sheet of the name given with --sheet, or has no header row.",
        "Export the sheet again as CSV (UTF-8) or .xlsx, with the column names in its first row.";
    ImportUnknownColumn = "import-unknown-column", Import,
        "a column flag that names no column of the sheet",
        "A `--…-column` flag of `servchain import` names a column the sheet's header row does not have (case does not matter).",
        "Use the column suggested by \"did you mean\", as the header row writes it.";
    ImportBlankCell = "import-blank-cell", Import,
        "a row without a value it needs",
        "A row of a handoff sheet has no From or To (an error), or a row of an HR export has no department (a warning: the row is not counted).",
        "Fill in the cell, or delete the row if it is not meant to be imported.";
    ImportUnknownName = "import-unknown-name", Import,
        "a From or To that names no department or customer of --org",
        "A handoff sheet names, in From or To, something that is neither the id nor the name of a department or customer of the org given with --org (case does not matter), or a name several of them share.",
        "Use the department suggested by \"did you mean\", or its id; or add the department to the org first.";
    ImportConflictingUnit = "import-conflicting-unit", Import,
        "a department listed under several units",
        "An HR export puts the rows of one department under different units; a department belongs to at most one, so the unit most of its rows give is taken (a warning).",
        "Correct the unit of the rows shown, or split the department into two department values.";
    UnknownRule = "unknown-rule", Config,
        "a policy names a rule that does not exist",
        "The policy's `rules:` names a rule id that servchain does not have, often a typo of one it has.",
        "Use the rule suggested by \"did you mean\"; the README lists every rule.";
    InvalidSeverity = "invalid-severity", Config,
        "a rule's severity is not error, warning, info or off",
        "A policy rule is given a severity other than `error`, `warning`, `info` or `off`.",
        "Write one of `error`, `warning`, `info` or `off`.";
    InvalidThreshold = "invalid-threshold", Config,
        "a rule's threshold is not valid",
        "A policy rule's threshold is of the wrong kind or out of range for the rule (a quality outside 0..1, a duration that does not parse, a rule that has no threshold).",
        "Give the threshold the rule takes: a quality (`0.7`, `70%`), a share or count, a number of hops or a duration (`5d`).";
    InvalidBaseline = "invalid-baseline", Config,
        "a baseline that cannot be read",
        "The `--baseline` file does not exist, cannot be read, or is not a servchain baseline.",
        "Write the baseline with `servchain check --write-baseline FILE`, or fix the path.";
    ConfigSyntax = "config-syntax", Config,
        "servchain.toml is not valid TOML",
        "The project's configuration file, servchain.toml, breaks TOML's syntax.",
        "Fix the TOML at the place shown; servchain.toml takes paths, exclude, policy, rules, baseline, fail-on and strict-baseline.";
    StaleBaseline = "stale-baseline", Config,
        "a baseline entry that no longer matches a finding",
        "The baseline accepts a finding that the run no longer finds: it was fixed, or its department or handoff was renamed. With --strict-baseline (or `strict-baseline = true`) such entries fail the run, so baselines get pruned.",
        "Rewrite the baseline with `servchain check --baseline FILE --write-baseline FILE`, which drops fixed entries and keeps the reasons of the rest.";
    CutOff = "cut-off", Rule,
        "a department has no chain to a customer",
        "A department has no chain of handoffs to any external customer: either it serves no one, or all its handoffs lead to departments that are cut off too.",
        "work that never reaches a customer is cut off from the reason the company exists; give the department a handoff to a department that reaches a customer, or to a customer";
    HandoffCycle = "handoff-cycle", Rule,
        "departments serve each other in a loop",
        "Two or more departments hand work to each other in a loop (a strongly connected component of the handoff graph).",
        "a loop of handoffs is rework: work goes back before it goes on; find why it returns and fix it at the source";
    WeakHandoff = "weak-handoff", Rule,
        "a handoff on a chain has quality below the threshold",
        "A handoff whose work reaches a customer is rated below the threshold (0.7 by default); unrated handoffs are left to `unrated-handoff`.",
        "every chain through this handoff is at most this strong; agree with the receiver what it needs and measure it";
    WeakChain = "weak-chain", Rule,
        "a department's strength is below the threshold",
        "A department's strength, the weakest link of its best chain to a customer, is below the threshold (0.6 by default).",
        "even the department's best chain to the customer passes a handoff this weak; strengthen the weakest link on its chain";
    SinglePointOfFailure = "single-point-of-failure", Rule,
        "a department or handoff whose failure cuts off at least this share (or number) of departments",
        "A department or handoff that every chain of many departments passes through: its failure cuts off at least the threshold's share (20% by default) or, as an integer, number of departments.",
        "if it fails, the departments behind it lose their only way to the customer; give them a second route";
    MaxHops = "max-hops", Rule,
        "a department's fewest hops to a customer exceed the threshold",
        "A department's shortest chain to a customer has more handoffs than the threshold (6 by default; the rule is off unless turned on).",
        "every handoff is a chance to lose quality and time; shorten the chain";
    MaxLeadTime = "max-lead-time", Rule,
        "a department's lead time to a customer exceeds the threshold",
        "A department's fastest fully timed chain to a customer takes longer than the threshold (5d by default; the rule is off unless turned on).",
        "the customer waits for the slowest necessary chain; cut waiting between handoffs";
    UnratedHandoff = "unrated-handoff", Rule,
        "a handoff has no quality",
        "A handoff has no `quality` rating; chain figures count it as perfect (off unless turned on).",
        "chain figures count an unrated handoff as perfect; ask the receiver to rate it";
    NoLead = "no-lead", Rule,
        "a department names no lead",
        "A department has no `lead:`, so no one is named accountable for what it hands over (off unless turned on).",
        "someone must be accountable for what the department hands over; add `lead:`";
    UnservedCustomer = "unserved-customer", Rule,
        "a customer that no department serves",
        "An external customer receives no handoff from any department.",
        "a customer no one serves is either missing its handoffs or not a customer; add the handoffs or remove it";
    ThinEvidence = "thin-evidence", Rule,
        "a handoff between departments that the latest survey wave rated with fewer than min_responses answers, or not at all",
        "With `surveys:` given, a handoff between departments whose quality the latest wave does not measure: it had fewer answers than its `min_responses`, or none. Without surveys the rule finds nothing.",
        "a quality resting on too few answers is an opinion, not a measure; ask more people in the receiving department to rate it in the next wave";
    BelowAgreement = "below-agreement", Rule,
        "a handoff rated below its agreed quality, or slower than its agreed lead time",
        "A handoff with an `agreed:` level is rated below the agreed quality, or states a lead time longer than the agreed one: the receiver gets less than the supplier agreed to give.",
        "the receiver plans on what was agreed; find with the supplier what keeps the handoff below it, or agree a level the supplier can keep";
    PromiseMissed = "promise-missed", Rule,
        "a department whose chains cannot meet a customer's promise",
        "A customer has a `promise:`, and a department that reaches it does so with a best rolled quality below the promised quality, or with no fully timed chain within the promised lead time. In `diff`, a promise newly missed is a regression of this kind.",
        "the customer was promised more than this department's chains deliver; raise the weakest handoff on its best chain (the message says to what), or change what is promised";
    CrossUnitWeakHandoff = "cross-unit-weak-handoff", Rule,
        "a handoff between two units has quality below the threshold",
        "A rated handoff from a department of one unit to a department of another is below the threshold (0.7 by default; off unless turned on). The departments' own `unit:` values are compared, so a handoff from a sub-unit to its parent unit crosses too; departments without a unit cross nothing.",
        "between units no one owns the handoff: \"not my job\" lives here; have both unit leads agree what the receiver needs and measure it";
    StrengthDown = "strength-down", Diff,
        "a department's strength went down",
        "`diff`: a department's strength (its best chain's quality to a customer) went down by more than --tolerance between the two versions.",
        "find the handoff whose quality dropped (`servchain trace`) and agree how to restore it";
    RolledQualityDown = "rolled-quality-down", Diff,
        "a department's rolled quality went down",
        "`diff`: a department's rolled quality (the product of the qualities on its chain) went down by more than --tolerance between the two versions.",
        "find the handoff whose quality dropped (`servchain trace`) and agree how to restore it";
    QualityDown = "quality-down", Diff,
        "a handoff's quality went down",
        "`diff`: a handoff's quality rating went down by more than --tolerance between the two versions.",
        "find out with the receiver why the handoff got worse and agree how to restore it";
    LeadTimeUp = "lead-time-up", Diff,
        "a lead time went up",
        "`diff`: a department's or a handoff's lead time went up by more than --lead-time-tolerance between the two versions.",
        "find the slower handoff on the chain (`servchain trace`)";
    HandoffRemoved = "handoff-removed", Diff,
        "a handoff to a customer's chain was removed",
        "`diff`: a handoff that work flowed through to a customer was removed while both its ends are still there.",
        "check that the work the handoff carried still reaches the customer another way";
    NewSpof = "new-spof", Diff,
        "a new single point of failure",
        "`diff`: a department became a single point of failure for departments that reached a customer in the old version.",
        "give the departments behind it a second way to the customer";
    SpofImpactUp = "spof-impact-up", Diff,
        "more departments depend on a single point of failure",
        "`diff`: more departments that reached a customer in the old version now depend on one single point of failure.",
        "give the departments behind it a second way to the customer";
    NewCriticalHandoff = "new-critical-handoff", Diff,
        "a new critical handoff",
        "`diff`: a handoff became critical (its loss cuts departments off) for departments that reached a customer in the old version.",
        "give the departments behind it a second way to the customer";
    CriticalImpactUp = "critical-impact-up", Diff,
        "more departments depend on a critical handoff",
        "`diff`: more departments that reached a customer in the old version now depend on one critical handoff.",
        "give the departments behind it a second way to the customer";
    NewCycle = "new-cycle", Diff,
        "a new rework loop",
        "`diff`: the new version has a rework loop (handoffs that lead back to where they started) that the old one did not.",
        "break the loop, or check that the work it returns is meant to come back";
}

impl Code {
    /// The code named `name`, if there is one.
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_fully_documented() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "a code is registered twice");
        for &c in Code::ALL {
            let name = c.as_str();
            assert!(
                name.split('-')
                    .all(|w| !w.is_empty() && w.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())),
                "{name}"
            );
            // The PascalCase name is the kebab-case one, joined, and differs
            // from it even ignoring case (SARIF1001): `io` is `IoError`.
            let joined: String = name.split('-').map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect();
            assert!(c.pascal_name().starts_with(&joined), "{name}");
            assert!(!c.pascal_name().eq_ignore_ascii_case(name), "{name}");
            assert!(c.summary().len() > 10, "{name}: summary");
            assert!(c.description().len() > c.summary().len(), "{name}: description");
            assert!(c.help().len() > 20, "{name}: help");
            assert_eq!(Code::parse(name), Some(c));
        }
    }
}
