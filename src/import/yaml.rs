//! Writing YAML that loads back as exactly what was imported: every string
//! double-quoted with escapes (a cell may hold `=cmd|' /C calc'!A0`, `#`,
//! `: `, a leading `-`, `*` or `&`, a line break or an escape character),
//! and comments that stay on their line.

use std::fmt::Write;

/// `s` as a YAML double-quoted scalar. Characters YAML may not hold raw, and
/// those servchain never writes raw (bidi controls, line separators), are
/// escaped; everything else is kept, so the file stays readable.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if crate::display::is_unsafe(c) || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}') => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// User text for a comment: cut to a cell's width and kept on one line.
pub fn comment(s: &str) -> String {
    crate::display::cell(s)
}

/// A quality as the loader reads it back: the shortest form of the number.
pub fn number(q: f64) -> String {
    format!("{q}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_quoted_and_escaped() {
        assert_eq!(quoted("=cmd|' /C calc'!A0"), "\"=cmd|' /C calc'!A0\"");
        assert_eq!(quoted("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(quoted("x\ny\u{1b}[31m\u{202e}"), "\"x\\ny\\u001b[31m\\u202e\"");
        assert_eq!(comment("one\nline"), "one\\nline");
    }
}
