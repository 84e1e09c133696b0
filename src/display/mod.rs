//! User text made safe to show: the one rule for how names, `what`s, ids in
//! messages and file names from an org file appear in every output read by
//! a person or a CI runner. The JSON outputs keep the text exact ([`json`]).
//!
//! An org file comes from anyone's pull request, and its text reaches
//! terminals (where ESC starts a command sequence and a bidi override
//! reorders what is read) and CI logs (where a line starting with `::` or
//! holding `##[` is a workflow command). So [`one_line`] writes
//!
//! - every control character (C0, DEL, C1), the bidi controls (U+061C,
//!   U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and
//!   paragraph separators (U+2028, U+2029) as Rust writes them in a string
//!   literal: `\0`, `\t`, `\n`, `\r`, else `\u{1b}`, `\u{202e}` and so on,
//!   the form the loader's messages already use for quoted values;
//! - the second `#` of `##[` (and of `##vso[`, `##teamcity[`: `##`, letters,
//!   `[`) as `\u{23}`, and the first `:` of text that starts with `::`
//!   (after white space) as `\u{3a}`, so that no runner reads a command in it.
//!
//! Everything else, backslashes included, is left as it is: clean text
//! comes back borrowed, at the cost of one scan.

pub mod json;

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is never written raw: a control character, a bidi control,
/// or a line or paragraph separator.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// `s` made safe to show on one line: see the module docs. Idempotent.
pub fn one_line(s: &str) -> Cow<'_, str> {
    one_line_marked(s, &mut [])
}

/// An owned string made safe to show on one line, reusing it when it is clean.
pub fn one_line_owned(s: String) -> String {
    match one_line(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(safe) => safe,
    }
}

/// User text as a person sees it in a cell, a label or a line of a report:
/// cut to a cell's width ([`crate::clip::cell`]), then made safe to show on
/// one line.
pub fn cell(s: &str) -> String {
    match crate::clip::cell(s) {
        Cow::Borrowed(b) => one_line(b).into_owned(),
        Cow::Owned(cut) => one_line_owned(cut),
    }
}

/// [`one_line`], also moving `marks` (byte offsets into `s`, at character
/// boundaries) to the same places in the result, so that a caret drawn
/// under part of a line still points at it once the line is escaped.
pub fn one_line_marked<'a>(s: &'a str, marks: &mut [usize]) -> Cow<'a, str> {
    // A leading `::` comes before anything else escaped: only white space
    // that is written raw may stand before it.
    let mut found = leading_colons(s).map(|i| (i, ':')).into_iter().chain(escaped(s)).peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_unstable_by_key(|&k| marks[k]);
    let mut pending = order.into_iter().peekable();
    // `s[clean..]` is what is not written yet; it is written as it is up to
    // the next escaped character, and a mark in it moves by what was added.
    let mut clean = 0;
    for (i, c) in found {
        while let Some(k) = pending.next_if(|&k| marks[k] <= i) {
            marks[k] = out.len() + marks[k].saturating_sub(clean);
        }
        out.push_str(&s[clean..i]);
        escape(c, &mut out);
        clean = i + c.len_utf8();
    }
    for k in pending {
        marks[k] = out.len() + marks[k].saturating_sub(clean);
    }
    out.push_str(&s[clean..]);
    Cow::Owned(out)
}

/// Where the characters that are never written raw (controls, bidi, the
/// `#` of `##[`) are in `s`, in order. They are found by their first byte,
/// so text without them costs one pass over its bytes.
pub(crate) fn escaped(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(k) = bytes[at..].iter().position(|&b| SUSPECT[usize::from(b)]) {
            let i = at + k;
            // A suspect byte is ASCII or a lead byte: a character starts here.
            let c = s[i..].chars().next()?;
            at = i + c.len_utf8();
            if is_unsafe(c) || (c == '#' && opens_command(s, i)) {
                return Some((i, c));
            }
        }
        at = bytes.len();
        None
    })
}

/// The bytes a character [`escaped`] looks at may start with: the ASCII
/// controls, DEL and `#`, and the lead bytes of C1 (0xC2), U+061C (0xD8)
/// and U+200E–U+2069 (0xE2).
static SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7f] = true;
    table[b'#' as usize] = true;
    table[0xc2] = true;
    table[0xd8] = true;
    table[0xe2] = true;
    table
};

/// `c` as Rust writes it in a string literal.
fn escape(c: char, out: &mut String) {
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Where the first `:` of a leading `::` is, after white space that is
/// written raw: a runner trims that space and takes the line for a command.
fn leading_colons(s: &str) -> Option<usize> {
    let start = s.find(|c: char| !c.is_whitespace() || is_unsafe(c)).unwrap_or(s.len());
    s[start..].starts_with("::").then_some(start)
}

/// Whether the `#` at `i` is the second of `##` followed by `[` or by
/// letters and `[`: the legacy workflow command (`##[error]`) and its
/// cousins (`##vso[`, `##teamcity[`), which runners find anywhere in a line.
pub(crate) fn opens_command(s: &str, i: usize) -> bool {
    i > 0
        && s.as_bytes()[i - 1] == b'#'
        && s[i + 1..].trim_start_matches(|c: char| c.is_ascii_alphabetic()).starts_with('[')
}

#[cfg(test)]
mod tests;
