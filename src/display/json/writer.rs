//! The bytes of pretty JSON: the layout of serde_json's `PrettyFormatter`
//! (two spaces a level, `"key": value`, empty arrays and objects as `[]`
//! and `{}`) and its strings, escaped as [`super`] says, written straight
//! into a `Vec<u8>`.

use crate::display::{SUSPECT, is_unsafe, opens_command};
use serde::Serialize;
use serde::ser::Error as _;
use std::io::{self, Write};

/// The error of a value JSON cannot hold (a map key that is not text).
pub type Error = serde_json::Error;

/// How much [`Json`] holds before it hands its bytes to its sink.
pub const SPILL: usize = 1 << 16;

/// Writes one value `level` deep into `out`, handing what it holds to
/// `sink`, if there is one, whenever that is [`SPILL`] bytes or more: a
/// big output is then never held whole.
pub struct Json<'o> {
    pub(super) out: &'o mut Vec<u8>,
    level: usize,
    sink: Option<&'o mut dyn Write>,
    /// The sink's error, kept as it is (its kind matters: a broken pipe is
    /// not a failure) while serde carries a stand-in up the call stack.
    failed: Option<io::Error>,
}

impl std::fmt::Debug for Json<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Json").field("held", &self.out.len()).field("level", &self.level).finish_non_exhaustive()
    }
}

impl<'o> Json<'o> {
    /// Writes into `out`, handing it to `sink` as it fills, if there is one.
    pub fn new(out: &'o mut Vec<u8>, level: usize, sink: Option<&'o mut dyn Write>) -> Self {
        Json { out, level, sink, failed: None }
    }

    /// Serializes `value`; the sink's own error if writing to it failed.
    pub fn write<T: Serialize + ?Sized>(mut self, value: &T) -> io::Result<()> {
        let result = value.serialize(&mut self);
        match self.failed {
            Some(e) => Err(e),
            None => result.map_err(io::Error::other),
        }
    }

    /// Hands what is held to the sink once it is [`SPILL`] bytes or more.
    pub fn spill(&mut self) -> Result<(), Error> {
        if let Some(sink) = self.sink.as_mut()
            && self.out.len() >= SPILL
        {
            if let Err(e) = sink.write_all(self.out) {
                self.failed = Some(e);
                return Err(Error::custom("the output could not be written"));
            }
            self.out.clear();
        }
        Ok(())
    }

    /// A comma (unless `first`), a line break and the indent of `self.level`.
    pub fn new_line(&mut self, first: bool) {
        const DEEPEST: usize = 15;
        const LINE: &[u8; 2 + 2 * DEEPEST] = b",\n                              ";
        let from = usize::from(first);
        if self.level <= DEEPEST {
            // The whole line, then cut back: a copy of a known length is a
            // couple of moves, where one of any length calls memcpy.
            let end = self.out.len() + 2 + 2 * self.level - from;
            self.out.extend_from_slice(if first { &LINE[1..] } else { &LINE[..] });
            self.out.truncate(end);
        } else {
            self.out.extend_from_slice(&LINE[from..2]);
            (0..self.level).for_each(|_| self.out.extend_from_slice(b"  "));
        }
    }

    /// An array's or object's opening bracket.
    pub fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
    }

    /// Its closing bracket, on a line of its own unless it is `empty`.
    pub fn close(&mut self, bracket: u8, empty: bool) {
        self.level -= 1;
        if !empty {
            self.new_line(true);
        }
        self.out.push(bracket);
    }

    /// An object's key: text, escaped as any string is.
    pub fn key(&mut self, first: bool, key: &str) {
        self.new_line(first);
        self.string(key);
        self.out.extend_from_slice(b": ");
    }

    /// A struct's field name, written as it is: a name in our own source,
    /// never user text, and none holds a byte [`Json::string`] would stop
    /// at (the tests check every one they write).
    pub fn field(&mut self, first: bool, key: &'static str) {
        debug_assert!(key.bytes().all(|b| !STOP[usize::from(b)]), "{key:?}");
        self.new_line(first);
        self.out.reserve(key.len() + 4);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// An integer, as serde_json writes it.
    pub fn integer(&mut self, v: impl std::fmt::Display) {
        // Writing into a Vec cannot fail.
        let _ = write!(self.out, "{v}");
    }

    /// A float, written by serde_json itself (`null` when not finite).
    pub fn float(&mut self, v: impl Serialize) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, &v)
    }

    /// `s` as a JSON string: `"`, `\` and the C0 controls escaped as
    /// serde_json escapes them, and what is never written raw as `\uXXXX`.
    pub fn string(&mut self, s: &str) {
        string(self.out, s);
    }
}

/// The bytes [`string`] stops at: serde_json's escapes (`"`, `\` and the
/// C0 controls) and the first bytes of what is never written raw.
static STOP: [bool; 256] = {
    let mut table = SUSPECT;
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// How many bytes at the start of `bytes`, in whole 8-byte words, are
/// printable ASCII other than `"`, `\` and `#`: bytes [`string`] copies
/// as they are. A word at a time, since most text is such bytes.
fn clean_words(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let zero_in = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let mut n = 0;
    for word in bytes.chunks_exact(8) {
        let w = u64::from_ne_bytes(word.try_into().unwrap_or_default());
        // Below 0x20; DEL or not ASCII; a quote, backslash or `#`.
        let stop = (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | ((w | w.wrapping_add(ONES)) & HIGH)
            | zero_in(w ^ (ONES * u64::from(b'"')))
            | zero_in(w ^ (ONES * u64::from(b'\\')))
            | zero_in(w ^ (ONES * u64::from(b'#')));
        if stop != 0 {
            break;
        }
        n += 8;
    }
    n
}

/// Appends `s` as a JSON string: `"`, `\` and the C0 controls escaped as
/// serde_json escapes them, and what is never written raw as `\uXXXX`.
fn string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (mut clean, mut i) = (0, 0);
    while i < bytes.len() {
        i += clean_words(&bytes[i..]);
        let Some(&b) = bytes.get(i) else { break };
        if !STOP[usize::from(b)] {
            i += 1;
            continue;
        }
        // A stop byte is ASCII or a lead byte: a character starts here.
        let c = s[i..].chars().next().unwrap_or_default();
        let short: Option<&[u8]> = match c {
            '"' => Some(b"\\\""),
            '\\' => Some(b"\\\\"),
            '\n' => Some(b"\\n"),
            '\t' => Some(b"\\t"),
            '\r' => Some(b"\\r"),
            '\u{8}' => Some(b"\\b"),
            '\u{c}' => Some(b"\\f"),
            _ => None,
        };
        if short.is_none() && !is_unsafe(c) && !(c == '#' && opens_command(s, i)) {
            i += c.len_utf8();
            continue;
        }
        out.extend_from_slice(&bytes[clean..i]);
        match short {
            Some(escape) => out.extend_from_slice(escape),
            None => {
                // Every character escaped so is in the Basic Multilingual Plane.
                let digit = |shift: u32| HEX[((u32::from(c) >> shift) & 0xf) as usize];
                out.extend_from_slice(&[b'\\', b'u', digit(12), digit(8), digit(4), digit(0)]);
            }
        }
        i += c.len_utf8();
        clean = i;
    }
    out.extend_from_slice(&bytes[clean..]);
    out.push(b'"');
}
