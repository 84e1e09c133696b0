//! JSON that keeps user text exact and still shows none of it raw:
//! serde_json's pretty printer, except that the characters [`one_line`]
//! escapes are written as `\uXXXX` escapes, and so is the `#` that would
//! make a CI runner read `##[` as a command. A JSON reader gets back every
//! string as the org file wrote it.
//!
//! serde_json itself escapes only the C0 controls; DEL, C1, the bidi
//! controls and `##[` would pass through raw.
//!
//! [`one_line`]: super::one_line

use super::escaped;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// serde_json's `PrettyFormatter`, escaping what must not be written raw.
#[derive(Debug, Default)]
pub struct Pretty(PrettyFormatter<'static>);

/// `value` as pretty-printed JSON, then a line break.
pub fn to_writer_pretty<W: Write + ?Sized, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Pretty::default());
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// `value` as pretty-printed JSON, then a line break.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut out = Vec::with_capacity(1024);
    to_writer_pretty(&mut out, value)?;
    // Only whole UTF-8 strings and ASCII are ever written.
    String::from_utf8(out).map_err(io::Error::other)
}

impl Formatter for Pretty {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        let mut clean = 0;
        for (i, c) in escaped(fragment) {
            w.write_all(&fragment.as_bytes()[clean..i])?;
            // Every such character is in the Basic Multilingual Plane.
            write!(w, "\\u{:04x}", c as u32)?;
            clean = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[clean..])
    }

    // The layout is the pretty printer's.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn strings_read_back_exactly_and_nothing_unsafe_is_written_raw() {
        let hostile =
            "\x1b[2J\n::error::x \u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{2028}\0 ##[error]y ##vso[z] é 👩\u{200d}💻 \"\\";
        let value = json!({ hostile: [hostile, 1, null, {"k": hostile}] });
        let text = to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
        assert!(!text.chars().any(|c| super::super::is_unsafe(c) && c != '\n'), "{text}");
        assert!(!text.contains("##[") && !text.contains("##vso["), "{text}");
        assert!(text.contains(r"\u007f\u0085\u009b\u202e\u2066\u2028\u0000 #\u0023[error]y #\u0023vso[z]"), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, value);
    }

    #[test]
    fn clean_values_print_as_serde_json_prints_them() {
        let value = json!({"a": [1, 2.5, "x # y", {"b": null}], "c": {}, "d": [], "e": "日本 ## [x]"});
        let ours = to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
        let theirs = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}")) + "\n";
        assert_eq!(ours, theirs);
    }
}
