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

/// [`one_line`], also moving `marks` (byte offsets into `s`, at character
/// boundaries) to the same places in the result, so that a caret drawn
/// under part of a line still points at it once the line is escaped.
pub fn one_line_marked<'a>(s: &'a str, marks: &mut [usize]) -> Cow<'a, str> {
    let colon = leading_colons(s);
    let escaped = |i: usize, c: char| is_unsafe(c) || Some(i) == colon || (c == '#' && opens_command(s, i));
    let Some(first) = s.char_indices().find(|&(i, c)| escaped(i, c)).map(|(i, _)| i) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    // Marks at or before `first` keep their offsets; the rest move along.
    let mut pending: Vec<(usize, usize)> =
        marks.iter().enumerate().filter(|(_, m)| **m > first).map(|(k, &m)| (m, k)).collect();
    pending.sort_unstable();
    let mut next = pending.iter().peekable();
    for (i, c) in s[first..].char_indices().map(|(i, c)| (i + first, c)) {
        while let Some(&&(m, k)) = next.peek() {
            if m > i {
                break;
            }
            marks[k] = out.len();
            next.next();
        }
        if escaped(i, c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    for &(_, k) in next {
        marks[k] = out.len();
    }
    Cow::Owned(out)
}

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
