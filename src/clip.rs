//! Long user text cut short for people. A name, a `what` or a quoted value
//! may be tens of megabytes in a hostile file; every place that shows one to
//! a person (a table cell, a label, a line of text, a diagnostic) cuts it
//! here, at a char boundary, to a number of terminal columns, and marks the
//! cut with an ellipsis. Formats that are data (analyze's JSON and CSV) keep
//! values whole and do not come here.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Columns a value may take in a table cell, a diagram label or a line of a
/// text report: wider than any honest name, narrow enough that a terminal
/// table stays quick to lay out.
pub const CELL: usize = 300;
/// Columns of a value a diagnostic quotes.
pub const QUOTE: usize = 200;
/// The longest message, note or help a diagnostic carries: a net under the
/// places that quote values, should one ever forget to.
pub const MESSAGE: usize = 2_000;

const ELLIPSIS: char = '…';

/// `text` as it fits in `width` columns: whole, or the longest prefix that
/// fits with an ellipsis after it. Wide characters (CJK, emoji) count two
/// columns; the prefix is also held to four bytes a column, so that
/// zero-width characters cannot make it long. Reads at most about that
/// many bytes of `text`, however long it is.
pub fn clip(text: &str, width: usize) -> Cow<'_, str> {
    match cut(text, width) {
        None => Cow::Borrowed(text),
        Some(end) => Cow::Owned(format!("{}{ELLIPSIS}", &text[..end])),
    }
}

/// [`clip`] to the width of a table cell or label.
pub fn cell(text: &str) -> Cow<'_, str> {
    clip(text, CELL)
}

/// A value as a diagnostic quotes it: in double quotes with Rust's escapes
/// (as `{:?}` prints it), and when long, cut with an ellipsis and its full
/// size after the closing quote: `"abc…" (67108864 bytes)`.
pub fn quote(value: &str) -> String {
    match cut(value, QUOTE) {
        None => format!("{value:?}"),
        Some(end) => format!("{:?} ({} bytes)", format!("{}{ELLIPSIS}", &value[..end]), value.len()),
    }
}

/// A long value made short but still telling apart, for the ids of a
/// finding (its fingerprint): whole, or cut with an ellipsis and its full
/// size, `abc… (67108864 bytes)`.
pub fn sized(value: &str, width: usize) -> Cow<'_, str> {
    match cut(value, width) {
        None => Cow::Borrowed(value),
        Some(end) => Cow::Owned(format!("{}{ELLIPSIS} ({} bytes)", &value[..end], value.len())),
    }
}

/// Where to cut `text` so that the prefix and an ellipsis fit `width`
/// columns and `4 × width` bytes; `None` when the whole text fits.
fn cut(text: &str, width: usize) -> Option<usize> {
    let (max_cols, max_bytes) = (width.max(1), width.max(1).saturating_mul(4));
    let ellipsis_bytes = ELLIPSIS.len_utf8();
    let (mut cols, mut end) = (0, None);
    for (i, c) in text.char_indices() {
        // The prefix before `c` still leaves room for the ellipsis.
        if cols < max_cols && i + ellipsis_bytes <= max_bytes {
            end = Some(i);
        }
        // Control characters count as one column (they are shown escaped).
        cols += c.width().unwrap_or(1);
        if cols > max_cols || i + c.len_utf8() > max_bytes {
            return end;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn short_text_is_kept_whole_and_borrowed() {
        assert!(matches!(clip("Customer Support", 20), Cow::Borrowed("Customer Support")));
        assert_eq!(clip("exactly10!", 10), "exactly10!");
        assert_eq!(clip("", 5), "");
    }

    #[test]
    fn long_text_is_cut_to_the_width_with_an_ellipsis() {
        assert_eq!(clip("abcdefghijk", 10), "abcdefghi…");
        let long = "x".repeat(10_000);
        let cut = clip(&long, CELL);
        assert_eq!(cut.chars().count(), CELL);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn wide_and_multibyte_characters_are_cut_at_char_boundaries_by_columns() {
        // Each of these takes two columns and three bytes.
        let cjk = "部門".repeat(100);
        let cut = clip(&cjk, 11);
        assert_eq!(cut, "部門部門部…");
        assert!(cut.width() <= 11);
        for text in ["é".repeat(50), "🦀".repeat(50), "a\u{301}".repeat(50)] {
            for w in 1..30 {
                let cut = clip(&text, w);
                assert!(cut.width() <= w, "{cut:?} in {w}");
            }
        }
    }

    #[test]
    fn zero_width_characters_cannot_make_the_cut_long() {
        let marks = format!("a{}", "\u{301}".repeat(1_000_000));
        let cut = clip(&marks, 10);
        assert!(cut.len() <= 40, "{} bytes", cut.len());
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn quoting_says_how_long_a_cut_value_was() {
        assert_eq!(quote("sales"), "\"sales\"");
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        let q = quote(&"u".repeat(1 << 20));
        assert!(q.starts_with("\"uuu") && q.ends_with("…\" (1048576 bytes)"), "{q}");
        assert!(q.len() < QUOTE + 40);
    }
}
