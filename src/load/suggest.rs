//! "Did you mean …?" for unknown keys and ids.

/// The candidate closest to `wanted`, if one is close enough to be a likely
/// typo: a different case of the same word, or a small edit away.
pub fn closest<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (wanted.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == wanted {
            continue;
        }
        if c.eq_ignore_ascii_case(wanted) {
            return Some(c);
        }
        if c.len().abs_diff(wanted.len()) > limit {
            continue;
        }
        let d = strsim::osa_distance(wanted, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean "x"?`, or `None`.
pub fn did_you_mean<'a, I>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(wanted, candidates).map(|c| format!("did you mean {c:?}?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_and_case_changes() {
        let ids = ["support", "sales", "it", "warehouse"];
        assert_eq!(closest("suport", ids), Some("support"));
        assert_eq!(closest("Support", ids), Some("support"));
        assert_eq!(closest("wharehouse", ids), Some("warehouse"));
        assert_eq!(closest("legal", ids), None);
        assert_eq!(closest("support", ids), None, "an exact match is no suggestion");
    }
}
