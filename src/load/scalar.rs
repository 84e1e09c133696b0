//! What a YAML scalar is: text, a number, a boolean or nothing. Plain
//! scalars are resolved as servchain has always read them (YAML 1.2 numbers,
//! YAML 1.1 booleans such as `yes` and `off`, `~` and `null` for nothing);
//! quoted and block scalars are always text.

use crate::model::NodeValue;

/// The value of a scalar written as `text`, plain or not, with its tag.
pub fn resolve(text: String, plain: bool, tag: Option<&str>) -> NodeValue {
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
    let t = text.trim_matches([' ', '\t', '\r', '\n']);
    if let Some(b) = boolean(t) {
        return NodeValue::Bool(b);
    }
    if let Some(rest) = t.strip_prefix('-') {
        if let Some(n) = integer(rest).and_then(|m| i64::try_from(-i128::from(m)).ok()) {
            return NodeValue::Int(n);
        }
    } else if let Some(n) = integer(t.strip_prefix('+').unwrap_or(t)) {
        return NodeValue::UInt(n);
    }
    match float(t) {
        Some(x) => NodeValue::Float(x),
        None => NodeValue::Str(text),
    }
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
}
