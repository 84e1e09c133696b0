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

/// The id someone most likely meant by `wanted`, given every (id, name): an
/// id that differs only in case, the id of a department or customer *named*
/// `wanted`, the one id that starts with it, or an id a small edit away.
/// Says the name too when it helps: `did you mean "support" (Customer Support)?`.
pub fn did_you_mean_id<'a>(wanted: &str, ids: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Option<String> {
    let w = wanted.trim();
    let by_name = ids.clone().find(|(_, name)| name.trim().eq_ignore_ascii_case(w));
    if let Some((id, name)) = by_name.filter(|(id, _)| !id.eq_ignore_ascii_case(w)) {
        return Some(format!("did you mean {id:?} ({name})?"));
    }
    if w.len() >= 3 {
        let mut prefixed = ids.clone().filter(|(id, _)| id.starts_with(w) && *id != w);
        if let (Some((id, _)), None) = (prefixed.next(), prefixed.next()) {
            return Some(format!("did you mean {id:?}?"));
        }
    }
    did_you_mean(w, ids.map(|(id, _)| id))
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

    #[test]
    fn ids_are_found_by_name_and_by_prefix() {
        let ids = [("support", "Customer Support"), ("innovation-lab", "Innovation Lab"), ("it", "IT")];
        let s = |w| did_you_mean_id(w, ids.iter().copied());
        assert_eq!(s("Customer Support").as_deref(), Some("did you mean \"support\" (Customer Support)?"));
        assert_eq!(s("innovation").as_deref(), Some("did you mean \"innovation-lab\"?"));
        assert_eq!(s("suport").as_deref(), Some("did you mean \"support\"?"));
        assert_eq!(s("IT").as_deref(), Some("did you mean \"it\"?"));
        assert_eq!(s("legal"), None);
    }
}
