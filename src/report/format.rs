//! Numbers as people read them: qualities as percentages, lead times as
//! they are written in the org file.

use std::time::Duration;

/// Below this a quality is weak (shown red); below `FAIR`, fair (yellow).
pub const WEAK: f64 = 0.7;
pub const FAIR: f64 = 0.85;

/// `text` in the colour its quality deserves, when colour is on.
pub fn paint(text: &str, q: Option<f64>, color: bool) -> String {
    use anstyle::{AnsiColor, Style};
    let style = match q {
        Some(q) if color && q < WEAK => Style::new().fg_color(Some(AnsiColor::Red.into())),
        Some(q) if color && q < FAIR => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        _ => return text.to_owned(),
    };
    format!("{style}{text}{style:#}")
}

/// `0.71` -> `71%`, `0.935` -> `93.5%`, `0.12345` -> `12.35%`.
pub fn percent(q: f64) -> String {
    // Rounded to two places first, so that a computed 58.2999… shows as
    // 58.3% like a written 58.3 does, never as 58.30%.
    let s = format!("{:.2}", q * 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-0" { "0" } else { s };
    format!("{s}%")
}

/// A quality, or `unrated`.
pub fn quality(q: Option<f64>) -> String {
    q.map_or_else(|| "unrated".to_owned(), percent)
}

/// `4h`, `1d 4h`, `1w 2d`, `1h 30m`, `45s`; `0s` for nothing.
pub fn duration(d: Duration) -> String {
    const UNITS: [(u64, &str); 5] = [(604_800, "w"), (86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    let mut secs = d.as_secs();
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        if secs >= size {
            parts.push(format!("{}{unit}", secs / size));
            secs %= size;
        }
    }
    let millis = d.subsec_millis();
    if millis > 0 {
        parts.push(format!("{millis}ms"));
    }
    if parts.is_empty() { "0s".to_owned() } else { parts.join(" ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_drop_needless_decimals() {
        assert_eq!(percent(0.71), "71%");
        assert_eq!(percent(0.935), "93.5%");
        assert_eq!(percent(0.12345), "12.35%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        // Computed figures a hair off a round value look like written ones.
        assert_eq!(percent(0.583 - 1e-12), "58.3%");
        assert_eq!(percent(0.806 + 1e-12), "80.6%");
        assert_eq!(percent(0.7 * 0.9), "63%");
        assert_eq!(percent(-1e-12), "0%");
        assert_eq!(quality(None), "unrated");
    }

    #[test]
    fn durations_read_like_the_org_file() {
        assert_eq!(duration(Duration::from_secs(4 * 3600)), "4h");
        assert_eq!(duration(Duration::from_secs(5400)), "1h 30m");
        assert_eq!(duration(Duration::from_secs(9 * 86_400 + 3600)), "1w 2d 1h");
        assert_eq!(duration(Duration::ZERO), "0s");
    }
}
