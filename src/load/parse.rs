//! Turns one file's text into its raw, located form, with serde-saphyr's
//! budgets set deliberately: large enough for an org of millions of
//! departments, small enough that hostile YAML ends in an error.

use super::raw::RawFile;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Loc};
use serde_saphyr::{Location, MessageFormatter, NonFiniteFloatPolicy, UserMessageFormatter};

/// Structural nesting deeper than this is refused (an org file needs about 8).
pub const MAX_DEPTH: usize = 64;
/// Aliases (`*ref`) allowed in one file: plenty for hand-written reuse,
/// far too few for a "billion laughs" expansion.
pub const MAX_ALIASES: usize = 10_000;

/// Parses `text` (the whole of one file) into raw records.
pub fn parse(text: &str, file: FileId) -> Result<RawFile<'_>, Box<Diagnostic>> {
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
        max_documents: 1,
        max_aliases: MAX_ALIASES,
        max_anchors: MAX_ALIASES,
        max_recorded_anchor_events: 1_000_000,
        max_recorded_anchor_bytes: 16 << 20,
    };
    let options = serde_saphyr::options! {
        budget: budget,
        non_finite_float_policy: NonFiniteFloatPolicy::PassThrough,
    };
    serde_saphyr::from_str_with_options(text, options)
        .map_err(|err| Box::new(yaml_error(&err, text, file)))
}

/// A YAML-level error (syntax, duplicate key, budget) as a located diagnostic.
fn yaml_error(err: &serde_saphyr::Error, text: &str, file: FileId) -> Diagnostic {
    let inner = err.without_snippet();
    let message = UserMessageFormatter.format_message(inner).into_owned();
    let loc = err
        .location()
        .map_or(Loc::file_start(file), |l| loc_of(l, text, file));
    let lower = message.to_ascii_lowercase();
    let help = if lower.contains("budget") || lower.contains("limit") || lower.contains("alias") {
        "servchain limits nesting, aliases and size so that hostile YAML cannot exhaust memory; simplify this part of the file"
    } else if lower.contains("duplicate") {
        "each key may appear once in a mapping; remove or merge the repeated one"
    } else if lower.contains("document") {
        "an org file holds one YAML document; split the others into their own files"
    } else {
        "check the indentation and quoting around this place"
    };
    Diagnostic::error(
        "yaml-syntax",
        format!("this is not valid YAML: {}", first_sentence(&message)),
    )
    .at(loc, "here")
    .help(help)
}

fn first_sentence(message: &str) -> &str {
    message.trim().trim_end_matches('.')
}

/// Converts a serde-saphyr location (character based, with byte info for
/// string input) into a [`Loc`].
pub fn loc_of(l: Location, text: &str, file: FileId) -> Loc {
    let span = l.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(offset), Some(len)) => {
            let offset = usize::try_from(offset)
                .unwrap_or(usize::MAX)
                .min(text.len());
            let len = usize::try_from(len).unwrap_or(0).min(text.len() - offset);
            let (line, col) = (saturate(l.line()), saturate(l.column()));
            if line == 0 {
                let (line, col) = crate::source::SourceMap::line_col(text, offset);
                return Loc {
                    file,
                    line,
                    col,
                    offset,
                    len,
                };
            }
            Loc {
                file,
                line,
                col,
                offset,
                len,
            }
        }
        _ => {
            let (line, col) = (saturate(l.line()).max(1), saturate(l.column()).max(1));
            Loc {
                file,
                line,
                col,
                offset: offset_of(text, line, col),
                len: 0,
            }
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
    start
        + rest
            .char_indices()
            .nth(col as usize - 1)
            .map_or(rest.len(), |(i, _)| i)
}
