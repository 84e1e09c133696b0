//! Turns one file's text into its raw, located form, with serde-saphyr's
//! budgets set deliberately: large enough for an org of millions of
//! departments, small enough that hostile YAML ends in an error.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Loc};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Location, MessageFormatter, NonFiniteFloatPolicy, UserMessageFormatter};

/// Structural nesting deeper than this is refused (an org file needs about 8).
pub const MAX_DEPTH: usize = 64;
/// Aliases (`*ref`) allowed in one file: plenty for hand-written reuse,
/// far too few for a "billion laughs" expansion.
pub const MAX_ALIASES: usize = 10_000;

/// Runs `f` on a deserializer for `text` (the whole of one file).
pub fn with_yaml<'de, R>(
    text: &'de str,
    f: impl for<'e> FnOnce(serde_saphyr::Deserializer<'de, 'e>) -> Result<R, serde_saphyr::Error>,
) -> Result<R, serde_saphyr::Error> {
    // Every YAML node takes at least two bytes of input unless it comes from an
    // alias, so a budget of one node per byte never refuses an honest file of
    // any size (the file size limit bounds that), while alias expansion is
    // bounded by the alias and replay limits below.
    let nodes = text.len().saturating_add(1_000_000);
    let budget = serde_saphyr::budget! {
        max_nodes: nodes,
        max_events: nodes.saturating_mul(3),
        max_total_scalar_bytes: text.len().saturating_add(16 << 20),
        max_depth: MAX_DEPTH,
        // Flow collections (`[[[…`) nest no deeper than block ones.
        flow_nesting_limit: MAX_DEPTH,
        max_documents: 1,
        max_aliases: MAX_ALIASES,
        max_anchors: MAX_ALIASES,
        max_recorded_anchor_events: 1_000_000,
        max_recorded_anchor_bytes: 16 << 20,
        // Many aliases of one anchor is honest reuse; the replay budgets
        // above are what bound expansion.
        enforce_alias_anchor_ratio: false,
    };
    let options = serde_saphyr::options! {
        budget: budget,
        non_finite_float_policy: NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    };
    serde_saphyr::with_deserializer_from_str_with_options(text, options, f)
}

/// A YAML-level error (syntax, duplicate key, budget) as a located diagnostic.
pub fn yaml_error(err: &serde_saphyr::Error, text: &str, file: FileId) -> Diagnostic {
    let mut inner = err.without_snippet();
    while let serde_saphyr::Error::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let loc = err.location().map_or(Loc::file_start(file), |l| loc_of(l, text, file));
    if let Some((message, help)) = limit_message(inner) {
        return Diagnostic::error("yaml-limit", message).at(loc, "here").help(help);
    }
    let message = UserMessageFormatter.format_message(inner).into_owned();
    let lower = message.to_ascii_lowercase();
    let help = if lower.contains("tab") {
        "YAML indents with spaces only; replace the tab with spaces"
    } else if lower.contains("recursion") {
        "an org file needs only a few levels of nesting; check the brackets"
    } else if lower.contains("duplicate") {
        "each key may appear once in a mapping; remove or merge the repeated one"
    } else {
        "check the indentation and quoting around this place"
    };
    Diagnostic::error("yaml-syntax", format!("this is not valid YAML: {}", message.trim().trim_end_matches('.')))
        .at(loc, "here")
        .help(help)
}

const HOSTILE: &str = "servchain bounds what one file may expand to, so that hostile YAML cannot exhaust memory";

/// Plain words for an error that is a limit servchain sets, not a mistake
/// in the YAML: a budget, flow nesting, alias replay.
fn limit_message(err: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    use serde_saphyr::granit_parser::ErrorKind;
    match err {
        E::Budget { breach, .. } => Some(budget_message(breach)),
        E::ExternalMessage { source, .. }
            if matches!(&**source, serde_saphyr::ExternalMessageSource::Parser(scan)
                if *scan.kind() == ErrorKind::RecursionLimitExceeded) =>
        {
            Some(too_deep(format!("the file is nested more than {MAX_DEPTH} levels deep")))
        }
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => Some(alias_expansion()),
        _ => None,
    }
}

fn too_deep(message: String) -> (String, String) {
    (
        message,
        format!(
            "an org file needs only a few levels of nesting (the limit is {MAX_DEPTH}); check the brackets and the indentation"
        ),
    )
}

fn alias_expansion() -> (String, String) {
    (
        "YAML anchors and aliases here expand to too much data".into(),
        format!("{HOSTILE}; write the repeated parts out, or use fewer aliases (at most {MAX_ALIASES})"),
    )
}

/// Plain words for a breached YAML budget. Node, event and scalar budgets
/// grow with the file, so only alias expansion can breach them.
fn budget_message(breach: &BudgetBreach) -> (String, String) {
    match breach {
        BudgetBreach::Documents { .. } => (
            "the file holds more than one YAML document".into(),
            "an org file is one document; move what follows `---` into a file of its own".into(),
        ),
        BudgetBreach::Depth { depth } => too_deep(format!("the file is nested {depth} levels deep")),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. }
        | BudgetBreach::MergeKeys { .. }
        | BudgetBreach::Nodes { .. }
        | BudgetBreach::Events { .. }
        | BudgetBreach::ScalarBytes { .. } => alias_expansion(),
        // No Rust debug text in a message: the kind of limit is enough.
        _ => {
            ("the file is too large or complex to read".into(), format!("{HOSTILE}; split the org over several files"))
        }
    }
}

/// Converts a serde-saphyr location (character based, with byte info for
/// string input) into a [`Loc`].
pub fn loc_of(l: Location, text: &str, file: FileId) -> Loc {
    let span = l.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(offset), Some(len)) => {
            let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
            let len = usize::try_from(len).unwrap_or(0).min(text.len() - offset);
            let (line, col) = (saturate(l.line()), saturate(l.column()));
            if line == 0 {
                let (line, col) = crate::source::SourceMap::line_col(text, offset);
                return Loc { file, line, col, offset, len };
            }
            Loc { file, line, col, offset, len }
        }
        _ => {
            let (line, col) = (saturate(l.line()).max(1), saturate(l.column()).max(1));
            Loc { file, line, col, offset: offset_of(text, line, col), len: 0 }
        }
    }
}

fn saturate(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u32, col: u32) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    start + rest.char_indices().nth(col as usize - 1).map_or(rest.len(), |(i, _)| i)
}
