//! What a YAML scalar is: text, a number, a boolean or nothing. Plain
//! scalars are resolved as servchain has always read them (YAML 1.2 numbers,
//! YAML 1.1 booleans such as `yes` and `off`, `~` and `null` for nothing);
//! quoted and block scalars are always text.

use crate::model::NodeValue;

/// The value of a scalar written as `text`, plain or not, with its tag.
pub fn resolve(text: String, plain: bool, tag: Option<&str>) -> NodeValue {
    resolve_by(text, plain, tag, |t| if may_be_more_than_text(t) { typed(t, integer) } else { None })
}

/// [`resolve`], with a plain (or bool-, int- or float-tagged) scalar's
/// trimmed text read as a boolean or number by `read`; text if it is none.
fn resolve_by(text: String, plain: bool, tag: Option<&str>, read: impl Fn(&str) -> Option<NodeValue>) -> NodeValue {
    match tag {
        Some("tag:yaml.org,2002:str" | "!") => return NodeValue::Str(text),
        Some("tag:yaml.org,2002:null") => return NodeValue::Null,
        Some("tag:yaml.org,2002:bool" | "tag:yaml.org,2002:int" | "tag:yaml.org,2002:float") => {}
        _ if !plain => return NodeValue::Str(text),
        _ => {}
    }
    if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") {
        return NodeValue::Null;
    }
    match read(text.trim_matches([' ', '\t', '\r', '\n'])) {
        Some(value) => value,
        None => NodeValue::Str(text),
    }
}

/// `t` as a boolean, an integer (its digits read by `integer`: the tests
/// read them as they were once read, to hold both to the same values) or
/// a float; `None` if it is none of them.
fn typed(t: &str, integer: impl Fn(&str) -> Option<u64>) -> Option<NodeValue> {
    if let Some(b) = boolean(t) {
        return Some(NodeValue::Bool(b));
    }
    if let Some(rest) = t.strip_prefix('-') {
        if let Some(n) = integer(rest).and_then(|m| i64::try_from(-i128::from(m)).ok()) {
            return Some(NodeValue::Int(n));
        }
    } else if let Some(n) = integer(t.strip_prefix('+').unwrap_or(t)) {
        return Some(NodeValue::UInt(n));
    }
    float(t).map(NodeValue::Float)
}

/// Whether `t` could be a boolean or a number: whether it starts as one of
/// them can (a digit, a sign, `.` of `.5`, `.inf` and `.nan`, or the first
/// letter of a boolean word). Most plain scalars (names, ids) are text, and
/// this spares them the number parsers.
fn may_be_more_than_text(t: &str) -> bool {
    matches!(
        t.as_bytes().first(),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b't' | b'T' | b'y' | b'Y' | b'o' | b'O' | b'f' | b'F' | b'n' | b'N')
    )
}

fn boolean(t: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "y", "on"];
    const FALSE: [&str; 4] = ["false", "no", "n", "off"];
    if TRUE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

/// An unsigned integer: decimal without leading zeros, or `0x`, `0o`, `0b`;
/// single underscores between digits are allowed.
fn integer(t: &str) -> Option<u64> {
    let (radix, digits) = match t.as_bytes() {
        [b'0', b'x' | b'X', ..] => (16, &t[2..]),
        [b'0', b'o' | b'O', ..] => (8, &t[2..]),
        [b'0', b'b' | b'B', ..] => (2, &t[2..]),
        // Leading zeros are not decimal.
        [b'0', _, ..] => return None,
        _ => (10, t),
    };
    in_radix(digits, radix)
}

/// The digits of an integer in `radix`, single underscores between them
/// allowed; `None` if there are none, or the value overflows.
fn in_radix(digits: &str, radix: u32) -> Option<u64> {
    let bytes = digits.as_bytes();
    let mut value: u64 = 0;
    let mut saw = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let apart = i > 0 && bytes[i - 1] != b'_' && bytes.get(i + 1).is_some_and(|&n| n != b'_');
            if !apart {
                return None;
            }
            continue;
        }
        let d = char::from(b).to_digit(radix)?;
        value = value.checked_mul(u64::from(radix))?.checked_add(u64::from(d))?;
        saw = true;
    }
    saw.then_some(value)
}

/// A float as YAML 1.2 writes it, `.inf` and `.nan` included; a literal too
/// large for f64 is infinite.
fn float(t: &str) -> Option<f64> {
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" => return Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY }),
        _ => {}
    }
    let x: f64 = t.parse().ok()?;
    // Rust also reads "inf" and "NaN"; YAML does not.
    let numeric = unsigned.as_bytes().first().is_some_and(|b| b.is_ascii_digit() || *b == b'.');
    (x.is_finite() || (numeric && x.is_infinite())).then_some(x).filter(|_| numeric)
}

/// What was found, for messages: `a list`, `the number 5`, `the text "x"`.
pub fn describe(value: &NodeValue) -> String {
    match value {
        NodeValue::Str(s) => format!("the text {}", crate::clip::quote(s)),
        NodeValue::Int(n) => format!("the number {n}"),
        NodeValue::UInt(n) => format!("the number {n}"),
        NodeValue::Float(x) => format!("the number {x}"),
        NodeValue::Bool(b) => format!("the value {b}"),
        NodeValue::Null => "nothing (an empty value)".into(),
        NodeValue::Seq(_) => "a list".into(),
        NodeValue::Map(_) => "a mapping".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `resolve` as it was before its shortcuts: every plain scalar tried
    /// as a boolean, then an integer (its prefix matched as it was), then a
    /// float.
    fn reference(text: String, plain: bool, tag: Option<&str>) -> NodeValue {
        fn integer(t: &str) -> Option<u64> {
            let lower = |p: &str| t.strip_prefix(p).or_else(|| t.strip_prefix(&p.to_ascii_uppercase()));
            let (radix, digits) = if let Some(d) = lower("0x") {
                (16, d)
            } else if let Some(d) = lower("0o") {
                (8, d)
            } else if let Some(d) = lower("0b") {
                (2, d)
            } else {
                if t.starts_with('0') && t != "0" {
                    return None;
                }
                (10, t)
            };
            // The digits were read as they still are; only the prefix changed.
            in_radix(digits, radix)
        }
        resolve_by(text, plain, tag, |t| typed(t, integer))
    }

    fn plain(t: &str) -> NodeValue {
        resolve(t.to_owned(), true, None)
    }

    #[test]
    fn plain_scalars_resolve_as_yaml_numbers_booleans_and_null() {
        assert_eq!(plain("42"), NodeValue::UInt(42));
        assert_eq!(plain("-3"), NodeValue::Int(-3));
        assert_eq!(plain("0x1F"), NodeValue::UInt(31));
        assert_eq!(plain("1_000"), NodeValue::UInt(1000));
        assert_eq!(plain("0.93"), NodeValue::Float(0.93));
        assert_eq!(plain("1e3"), NodeValue::Float(1000.0));
        assert_eq!(plain("-.inf"), NodeValue::Float(f64::NEG_INFINITY));
        assert!(matches!(plain(".nan"), NodeValue::Float(x) if x.is_nan()));
        assert_eq!(plain("off"), NodeValue::Bool(false));
        assert_eq!(plain("Yes"), NodeValue::Bool(true));
        assert_eq!(plain("~"), NodeValue::Null);
        assert_eq!(plain("007"), NodeValue::Float(7.0), "as serde-saphyr read it");
        for text in ["inf", "nan", "1.2.3", "93%", "4h", "0x", "1__0"] {
            assert_eq!(plain(text), NodeValue::Str(text.to_owned()), "{text}");
        }
        assert_eq!(resolve("42".into(), false, None), NodeValue::Str("42".into()));
        assert_eq!(resolve("42".into(), true, Some("tag:yaml.org,2002:str")), NodeValue::Str("42".into()));
    }

    /// The NaN-aware equality of two resolved values.
    fn same(got: &NodeValue, want: &NodeValue) -> bool {
        match (got, want) {
            (NodeValue::Float(a), NodeValue::Float(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            _ => got == want,
        }
    }

    /// Every first character the shortcut could misjudge, before the tails
    /// that make numbers, booleans and Rust's own float words.
    #[test]
    fn resolve_is_the_reference_for_every_first_character() {
        const TAILS: [&str; 14] =
            ["", "5", "1_0", "x1F", ".5", "e3", "inf", "nan", "rue", "es", "n", "ff", "alse", "o"];
        for c in (0u8..0x80).map(char::from).chain(['\u{a0}', 'é', '\u{feff}']) {
            for tail in TAILS {
                for pad in ["", " "] {
                    let text = format!("{pad}{c}{tail}");
                    let (got, want) = (resolve(text.clone(), true, None), reference(text.clone(), true, None));
                    assert!(same(&got, &want), "{text:?}: {got:?}, not {want:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The shortcuts change no value: any short text, plain or quoted,
        /// with or without a tag, resolves as the reference resolves it.
        #[test]
        fn resolve_is_the_reference(
            text in "[-+._0-9a-fA-FxXoObBeEiInNtTyYuUlLsS~ \\t:%]{0,7}|[ \\t]?(0[xXoObB]?)?[-+._0-9a-fxob]{0,6}|[ ]?(?i:true|false|yes|no|on|off|y|n|null|[.]inf|[.]nan)[ ]?",
            plain in any::<bool>(),
            tag in proptest::option::of(prop_oneof![
                Just("tag:yaml.org,2002:int"),
                Just("tag:yaml.org,2002:float"),
                Just("tag:yaml.org,2002:bool"),
                Just("tag:yaml.org,2002:str"),
                Just("!custom"),
            ]),
        ) {
            let (got, want) = (resolve(text.clone(), plain, tag), reference(text.clone(), plain, tag));
            prop_assert!(same(&got, &want), "{text:?} plain {plain} tag {tag:?}: {got:?}, not {want:?}");
        }
    }
}
