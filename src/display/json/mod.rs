//! JSON that keeps user text exact and still shows none of it raw: the
//! layout of serde_json's pretty printer, except that the characters
//! [`one_line`] escapes are written as `\uXXXX` escapes, and so is the `#`
//! that would make a CI runner read `##[` as a command. A JSON reader gets
//! back every string as the org file wrote it.
//!
//! serde_json itself escapes only the C0 controls; DEL, C1, the bidi
//! controls and `##[` would pass through raw. So the serializer is our own
//! ([`ser`], writing with [`writer`]): serde_json's layout and numbers, its
//! string escapes and ours, at a third of the work per key and string
//! (serde_json's formatter takes a dozen calls for each). The tests hold it
//! to serde_json's own serializer, byte for byte, on any value.
//!
//! [`one_line`]: super::one_line

mod key;
mod ser;
mod writer;

use serde::Serialize;
use std::io::{self, Write};

/// Appends `value` pretty-printed as if nested `level` deep in a larger
/// value, as a row of one of the report's sections is.
pub fn append_at<T: Serialize + ?Sized>(out: &mut Vec<u8>, level: usize, value: &T) -> io::Result<()> {
    writer::Json::new(out, level, None).write(value)
}

/// `value` as pretty-printed JSON, then a line break, written to `out` as
/// it is made.
pub fn to_writer_pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    write_at(out, 0, value)?;
    out.write_all(b"\n")
}

/// Writes `value` pretty-printed as if nested `level` deep, to `out` as it
/// is made.
pub fn write_at<T: Serialize + ?Sized>(out: &mut dyn Write, level: usize, value: &T) -> io::Result<()> {
    // Grown as needed: most values are far smaller than a spill.
    let mut buf = Vec::new();
    writer::Json::new(&mut buf, level, Some(&mut *out)).write(value)?;
    out.write_all(&buf)
}

/// `value` as pretty-printed JSON, then a line break.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut out = Vec::with_capacity(1024);
    append_at(&mut out, 0, value)?;
    out.push(b'\n');
    // Only whole UTF-8 strings and ASCII are ever written.
    String::from_utf8(out).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
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
        let mut value = json!({"a": [1, 2.5, "x # y", {"b": null}], "c": {}, "d": [], "e": "日本 ## [x]"});
        // Deeper than the indents written in one piece.
        for depth in 0..40 {
            value = if depth % 2 == 0 { json!([value, depth]) } else { json!({"k": value, "e": []}) };
        }
        let ours = to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
        let theirs = serde_json::to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}")) + "\n";
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_big_value_goes_to_its_writer_as_it_is_made_and_a_failing_writer_stops_it() {
        struct Writes(Vec<Vec<u8>>);
        impl Write for Writes {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0.push(buf.to_vec());
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let value: Vec<_> = (0..20_000).map(|i| json!({ "row": i, "text": "x".repeat(i % 50) })).collect();
        let mut writes = Writes(Vec::new());
        to_writer_pretty(&mut writes, &value).unwrap_or_else(|e| panic!("{e}"));
        assert!(writes.0.len() > 10, "{} writes", writes.0.len());
        assert!(writes.0.iter().all(|w| w.len() < 2 * writer::SPILL));
        assert_eq!(writes.0.concat(), to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}")).into_bytes());

        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let failed = to_writer_pretty(&mut Closed, &value).map_err(|e| e.kind());
        assert_eq!(failed, Err(io::ErrorKind::BrokenPipe));
    }

    /// The reference: serde_json's own serializer and pretty printer, with
    /// a formatter that escapes what is never written raw in each run of
    /// text between serde_json's own escapes.
    fn reference<T: Serialize + ?Sized>(value: &T) -> String {
        struct Escaping(serde_json::ser::PrettyFormatter<'static>);
        macro_rules! layout {
            ($($method:ident($($arg:ident: $ty:ty),*)),*) => {$(
                fn $method<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                    self.0.$method(w $(, $arg)*)
                }
            )*};
        }
        impl serde_json::ser::Formatter for Escaping {
            fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
                let mut clean = 0;
                for (i, c) in super::super::escaped(fragment) {
                    w.write_all(&fragment.as_bytes()[clean..i])?;
                    write!(w, "\\u{:04x}", c as u32)?;
                    clean = i + c.len_utf8();
                }
                w.write_all(&fragment.as_bytes()[clean..])
            }
            layout!(begin_array(), end_array(), begin_array_value(first: bool), end_array_value(),
                begin_object(), end_object(), begin_object_key(first: bool), end_object_key(),
                begin_object_value(), end_object_value());
        }
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Escaping(Default::default()));
        value.serialize(&mut ser).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(out).unwrap_or_else(|e| panic!("{e}")) + "\n"
    }

    fn value() -> impl Strategy<Value = Value> {
        let text = crate::display::tests::text;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((text(), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_value_is_written_as_the_reference_writes_it(value in value()) {
            let ours = to_string_pretty(&value).unwrap_or_else(|e| panic!("{e}"));
            prop_assert_eq!(&ours, &reference(&value));
            let back: Value = serde_json::from_str(&ours).unwrap_or_else(|e| panic!("{e}"));
            prop_assert_eq!(back, value);
        }
    }

    #[test]
    fn every_shape_serde_derives_is_written_as_the_reference_writes_it() {
        #[derive(Serialize)]
        enum Shape {
            Unit,
            Newtype(Option<u8>),
            Tuple(i32, String),
            Struct { a: f32, b: Vec<char> },
        }
        #[derive(Serialize)]
        struct Wrapper<'a>(&'a str);
        #[derive(Serialize)]
        struct Flat {
            x: u128,
            y: i128,
        }
        #[derive(Serialize)]
        struct All<'a> {
            shapes: Vec<Shape>,
            empty: Vec<Shape>,
            wrapper: Wrapper<'a>,
            tuple: (bool, (), Option<()>),
            #[serde(with = "serde_bytes_as_seq")]
            bytes: &'a [u8],
            numbers_as_keys: std::collections::BTreeMap<i64, f64>,
            bools_as_keys: std::collections::BTreeMap<bool, char>,
            #[serde(serialize_with = "as_map")]
            f32s_as_keys: Vec<(f32, u8)>,
            #[serde(serialize_with = "as_map")]
            f64s_as_keys: Vec<(f64, u8)>,
            #[serde(serialize_with = "as_map")]
            options_as_keys: Vec<(Option<&'a str>, u8)>,
            shapes_as_keys: std::collections::BTreeMap<&'a str, Shape>,
            #[serde(flatten)]
            flat: Flat,
            not_finite: [f64; 3],
        }
        fn as_map<K: Serialize, V: Serialize, S: serde::Serializer>(v: &[(K, V)], s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(v.iter().map(|(k, v)| (k, v)))
        }
        mod serde_bytes_as_seq {
            pub fn serialize<S: serde::Serializer>(bytes: &&[u8], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(bytes)
            }
        }
        let all = All {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(None),
                Shape::Newtype(Some(7)),
                Shape::Tuple(-3, "##[x]".into()),
                Shape::Struct { a: 0.1, b: vec!['\u{1b}', 'é'] },
                Shape::Struct { a: 1e30, b: vec![] },
            ],
            empty: vec![],
            wrapper: Wrapper("\u{202e}"),
            tuple: (true, (), None),
            bytes: b"\x00\xff",
            numbers_as_keys: [(-1, 2.5), (3, f64::MIN_POSITIVE)].into(),
            bools_as_keys: [(false, 'x'), (true, '"')].into(),
            f32s_as_keys: vec![(0.1, 1), (-3.0, 2)],
            f64s_as_keys: vec![(0.1, 1), (1e300, 2)],
            options_as_keys: vec![(Some("a"), 1), (Some("##[b"), 2)],
            shapes_as_keys: [("a\tb", Shape::Unit), ("", Shape::Tuple(0, String::new()))].into(),
            flat: Flat { x: u128::MAX, y: i128::MIN },
            not_finite: [f64::NAN, f64::INFINITY, -0.0],
        };
        let ours = to_string_pretty(&all).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ours, reference(&all));
    }
}
