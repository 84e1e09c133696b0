//! Text fitted to a terminal's width: prose wrapped at spaces, and a last
//! guard that cuts any line still too wide (a table too narrow to lay out,
//! one long word) with an ellipsis, so that no line of the terminal report
//! is ever wider than the width it was given.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

const ELLIPSIS: char = '…';

/// `text` wrapped at spaces into lines of at most `width` columns, the lines
/// after the first indented by `indent` columns. A word wider than a line is
/// left for [`cap`] to cut.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent.min(width / 2));
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut cols = 0;
    for word in text.split(' ') {
        let w = columns(word);
        if cols > 0 && cols + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            line.push_str(&pad);
            cols = pad.len();
        } else if !line.is_empty() {
            line.push(' ');
            cols += 1;
        }
        line.push_str(word);
        cols += w;
    }
    lines.push(line);
    lines
}

/// The columns `text` takes on a terminal; ANSI colour sequences take none.
pub fn columns(text: &str) -> usize {
    let mut cols = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            skip_escape(&mut chars);
        } else {
            cols += c.width().unwrap_or(0);
        }
    }
    cols
}

/// `line` whole when it fits `width` columns, else cut so that it and an
/// ellipsis do; colour is switched off after a cut inside a coloured span.
pub fn cap(line: &str, width: usize) -> Cow<'_, str> {
    if columns(line) <= width {
        return Cow::Borrowed(line);
    }
    let mut out = String::new();
    let mut cols = 0;
    let mut coloured = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            coloured = true;
            out.push(c);
            out.push_str(&skip_escape(&mut chars));
            continue;
        }
        let w = c.width().unwrap_or(0);
        if cols + w + 1 > width {
            break;
        }
        out.push(c);
        cols += w;
    }
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    if width > 0 {
        out.push(ELLIPSIS);
    }
    if coloured {
        out.push_str("\x1b[0m");
    }
    Cow::Owned(out)
}

/// Consumes the rest of a CSI sequence (`ESC [ … letter`), returning it.
fn skip_escape(chars: &mut std::str::Chars<'_>) -> String {
    let mut seq = String::new();
    for c in chars.by_ref() {
        seq.push(c);
        if c.is_ascii_alphabetic() {
            break;
        }
    }
    seq
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_wraps_at_spaces_with_an_indent() {
        let lines = wrap("Weakest link: Sales -> Support (Leads), at 61%.", 20, 2);
        assert_eq!(lines, ["Weakest link: Sales", "  -> Support", "  (Leads), at 61%."]);
        assert!(lines.iter().all(|l| columns(l) <= 20));
        assert_eq!(wrap("short", 20, 2), ["short"]);
    }

    #[test]
    fn a_line_too_wide_is_cut_with_an_ellipsis_and_colour_does_not_count() {
        assert_eq!(cap("abcdefghij", 10), "abcdefghij");
        assert_eq!(cap("abcdefghijk", 10), "abcdefghi…");
        assert_eq!(cap("部門部門部門", 7), "部門部…");
        let red = "\x1b[31mabcdefghijk\x1b[39m";
        assert_eq!(columns(red), 11);
        assert_eq!(cap(red, 10), "\x1b[31mabcdefghi…\x1b[0m");
        assert_eq!(cap("\x1b[31mabc\x1b[39m", 3), "\x1b[31mabc\x1b[39m");
    }
}
