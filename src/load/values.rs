//! The rules for single values of the org file: ids, qualities, lead times,
//! head counts. Each returns the value or a plain-words problem with a fix.

use crate::clip::quote;
use std::time::Duration;

/// Why a value was refused, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Problem { message: message.into(), help: Some(help.into()) }
    }
}

pub const MAX_ID_LEN: usize = 63;

/// Checks an id against `^[A-Za-z0-9][A-Za-z0-9._-]*$`, at most 63 characters.
pub fn check_id(id: &str) -> Result<(), Problem> {
    const HELP: &str =
        "ids start with a letter or digit and use only letters, digits, '.', '_' and '-' (at most 63 characters)";
    let Some(first) = id.chars().next() else {
        return Err(Problem::new("the id is empty", HELP));
    };
    if !first.is_ascii_alphanumeric() {
        return Err(Problem::new(format!("the id {} must start with a letter or digit", quote(id)), HELP));
    }
    if let Some(bad) = id.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))) {
        let help = format!("{HELP}; try {:?}", slug(id));
        return Err(Problem::new(format!("the id {} contains {bad:?}, which ids may not use", quote(id)), help));
    }
    if id.len() > MAX_ID_LEN {
        return Err(Problem::new(format!("the id is {} characters long; the limit is {MAX_ID_LEN}", id.len()), HELP));
    }
    Ok(())
}

/// A valid id made from any text: "Customer Support" -> "customer-support".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(|c| c == '-' || c == '.' || c == '_').to_owned();
    let mut out: String = out.chars().take(MAX_ID_LEN).collect();
    if out.is_empty() {
        out.push_str("dept");
    }
    out
}

/// A quality given as a number: must be in 0..=1.
pub fn quality_number(q: f64) -> Result<f64, Problem> {
    if q.is_nan() {
        return Err(Problem::new("quality is not a number (NaN)", QUALITY_HELP));
    }
    if (0.0..=1.0).contains(&q) {
        // -0.0 is 0.0: one zero, so that equal qualities sort together.
        return Ok(q + 0.0);
    }
    if (2.0..=100.0).contains(&q) {
        return Err(Problem::new(
            format!("quality {q} is outside 0..1"),
            format!("write a fraction such as {}, or a percentage such as \"{q}%\"", q / 100.0),
        ));
    }
    Err(Problem::new(format!("quality {q} is outside 0..1"), QUALITY_HELP))
}

const QUALITY_HELP: &str = "quality is a number from 0 to 1 (0.93) or a percentage from 0% to 100% (\"93%\")";

/// A quality given as text: a percentage like `93%` or `93.5 %`, or a plain number.
pub fn quality_text(text: &str) -> Result<f64, Problem> {
    let t = text.trim();
    if let Some(pct) = t.strip_suffix('%') {
        let pct = pct.trim_end();
        if !is_decimal(pct) {
            return Err(Problem::new(format!("quality {} is not a percentage", quote(text)), QUALITY_HELP));
        }
        // Move the decimal point in the text rather than dividing, so that
        // "93%" and 0.93 are the very same number.
        let q: f64 = format!("{pct}e-2")
            .parse()
            .map_err(|_| Problem::new(format!("quality {} is not a percentage", quote(text)), QUALITY_HELP))?;
        if (0.0..=1.0).contains(&q) {
            return Ok(q + 0.0);
        }
        return Err(Problem::new(format!("quality {} is outside 0%..100%", quote(text)), QUALITY_HELP));
    }
    if is_decimal(t)
        && let Ok(q) = t.parse::<f64>()
    {
        return quality_number(q);
    }
    Err(Problem::new(format!("quality {} is not a number or a percentage", quote(text)), QUALITY_HELP))
}

/// `-?digits[.digits]`: the only number spelling accepted inside a percentage.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    !(int.is_empty() && frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

const LEAD_TIME_HELP: &str = "write a duration with units, such as \"30m\", \"4h\", \"2d\", \"1w\" or \"1h 30m\"";

/// The longest lead time one handoff may state: longer is surely a typo
/// (and sums of lead times must not overflow).
pub const MAX_LEAD_TIME: Duration = Duration::from_secs(10 * 365 * 86_400);

/// Units a lead time may use: seconds to weeks, short or spelled out.
const LEAD_TIME_UNITS: &[&str] = &[
    "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour",
    "hours", "d", "day", "days", "w", "week", "weeks",
];

/// A lead time such as `4h`, `2d`, `1w`, `1h 30m`.
pub fn lead_time(text: &str) -> Result<Duration, Problem> {
    let t = text.trim();
    if t.starts_with('-') {
        return Err(Problem::new(
            format!("lead time {} is negative", quote(text)),
            "a lead time is how long delivery takes, so it cannot be negative",
        ));
    }
    if t.is_empty() {
        return Err(Problem::new("lead time is empty", LEAD_TIME_HELP));
    }
    let units = t.split(|c: char| c.is_ascii_digit() || c.is_whitespace()).filter(|u| !u.is_empty());
    if t.contains('.') {
        return Err(Problem::new(format!("lead time {} has a decimal point", quote(text)), LEAD_TIME_HELP));
    }
    for unit in units {
        if t.contains(|c: char| c.is_ascii_digit()) && !LEAD_TIME_UNITS.contains(&unit) {
            return Err(Problem::new(
                format!("lead time {} uses the unknown unit {}", quote(text), quote(unit)),
                LEAD_TIME_HELP,
            ));
        }
    }
    let d = humantime::parse_duration(t)
        .map_err(|_| Problem::new(format!("lead time {} is not a duration", quote(text)), LEAD_TIME_HELP))?;
    if d > MAX_LEAD_TIME {
        return Err(Problem::new(format!("lead time {} is longer than ten years", quote(text)), LEAD_TIME_HELP));
    }
    Ok(d)
}

/// A lead time given as a bare number: the unit is missing.
pub fn lead_time_number(n: f64) -> Problem {
    if n < 0.0 {
        return Problem::new(
            format!("lead time {n} is negative"),
            "a lead time is how long delivery takes, so it cannot be negative",
        );
    }
    Problem::new(format!("lead time {n} has no unit"), format!("{LEAD_TIME_HELP}; for seconds write \"{n}s\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_pattern() {
        for ok in ["support", "IT", "a", "9to5", "ops.eu-west_2", &"x".repeat(63)] {
            assert_eq!(check_id(ok), Ok(()), "{ok}");
        }
        for bad in ["", "-x", ".x", "_x", "a b", "café", "a/b", &"x".repeat(64)] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slug_makes_valid_ids() {
        assert_eq!(slug("Customer Support"), "customer-support");
        assert_eq!(slug("  R&D  "), "r-d");
        assert_eq!(slug("!!!"), "dept");
        assert!(check_id(&slug(&"é".repeat(100))).is_ok());
    }

    #[test]
    fn percentages_equal_the_fraction_exactly() {
        assert_eq!(quality_text("93%"), Ok(0.93));
        assert_eq!(quality_text("12.345%"), Ok(0.12345));
        assert_eq!(quality_text("100 %"), Ok(1.0));
        assert_eq!(quality_text("0%"), Ok(0.0));
        assert_eq!(quality_text("0.5"), Ok(0.5));
        assert!(quality_text("-0%").is_ok_and(|q| q.is_sign_positive()));
        assert!(quality_number(-0.0).is_ok_and(|q| q.is_sign_positive()));
        for bad in ["101%", "-1%", "abc", "%", "9 3%", "0x10%", "1e2%", "nan%", ""] {
            assert!(quality_text(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_must_lie_in_the_unit_interval() {
        assert_eq!(quality_number(0.0), Ok(0.0));
        assert_eq!(quality_number(1.0), Ok(1.0));
        assert!(quality_number(1.0001).is_err());
        assert!(quality_number(-0.1).is_err());
        assert!(quality_number(f64::NAN).is_err());
        assert!(quality_number(f64::INFINITY).is_err());
        let help = quality_number(93.0).unwrap_err().help.unwrap_or_default();
        assert!(help.contains("\"93%\""), "{help}");
    }

    #[test]
    fn lead_times_parse_like_people_write_them() {
        assert_eq!(lead_time("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(lead_time("4h"), Ok(Duration::from_secs(4 * 3600)));
        assert_eq!(lead_time("2d"), Ok(Duration::from_secs(2 * 86400)));
        assert_eq!(lead_time("1w"), Ok(Duration::from_secs(7 * 86400)));
        assert_eq!(lead_time("1h 30m"), Ok(Duration::from_secs(5400)));
        assert!(lead_time("-4h").unwrap_err().message.contains("negative"));
        assert!(lead_time("soon").is_err());
        assert!(lead_time("4").is_err());
        assert!(lead_time("2 fortnights").unwrap_err().message.contains("unknown unit \"fortnights\""));
        assert!(lead_time("1y").is_err() && lead_time("5ns").is_err() && lead_time("1.5h").is_err());
        assert!(lead_time("99999999999w").unwrap_err().message.contains("ten years"));
        assert_eq!(lead_time("2 days 4 hours"), Ok(Duration::from_secs(2 * 86_400 + 4 * 3600)));
    }
}
