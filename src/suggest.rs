//! "Did you mean …?" for unknown keys and ids, within a work budget: a
//! hostile file may hold thousands of unknown ids of kilobytes each, and
//! comparing each with every department's id and name costs their product.

/// Units of work (about one per byte compared, one per candidate looked
/// at, one per cell of an edit distance) all the suggestions of one run may
/// take together: under a second, and enough for a few hundred unknown ids
/// in an org of 100,000 departments. Once it is spent, unknown ids get no
/// suggestion, but are still every one reported.
const BUDGET: usize = 500_000_000;
/// Text longer than this is never suggested for nor matched by name: no id
/// is this long, and no one mistypes a name of this length.
const MAX_COMPARED: usize = 256;

/// What suggestions may still spend; one for every suggestion of a run.
#[derive(Debug)]
pub struct Budget {
    left: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { left: BUDGET }
    }
}

impl Budget {
    /// Takes `cost` units if that many are left; once short, all is spent.
    fn take(&mut self, cost: usize) -> bool {
        match self.left.checked_sub(cost) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                self.left = 0;
                false
            }
        }
    }
}

/// The candidate closest to `wanted`, if one is close enough to be a likely
/// typo: a different case of the same word, or a small edit away.
pub fn closest<'a, I>(wanted: &str, candidates: I, budget: &mut Budget) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if wanted.len() > MAX_COMPARED {
        return None;
    }
    let limit = (wanted.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        // An edit distance costs the product of the lengths; the rest one unit.
        let near = c.len().abs_diff(wanted.len()) <= limit;
        if !budget.take(if near { 1 + c.len() * wanted.len() } else { 1 }) {
            return None;
        }
        if !near || c == wanted {
            continue;
        }
        if c.eq_ignore_ascii_case(wanted) {
            return Some(c);
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
pub fn did_you_mean_id<'a>(
    wanted: &str,
    ids: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    budget: &mut Budget,
) -> Option<String> {
    let w = wanted.trim();
    if w.len() > MAX_COMPARED || budget.left == 0 {
        return None;
    }
    let mut by_name = None;
    for (id, name) in ids.clone() {
        // Only a name not much longer than `w` can equal it once trimmed.
        let comparable = name.len() >= w.len() && name.len() <= 2 * MAX_COMPARED;
        if !budget.take(if comparable { 1 + name.len() } else { 1 }) {
            return None;
        }
        if comparable && name.trim().eq_ignore_ascii_case(w) {
            by_name = Some((id, name));
            break;
        }
    }
    if let Some((id, name)) = by_name.filter(|(id, _)| !id.eq_ignore_ascii_case(w)) {
        return Some(format!("did you mean {id:?} ({})?", crate::clip::clip(name, crate::clip::QUOTE)));
    }
    if w.len() >= 3 {
        let mut prefixed = ids.clone().filter(|(id, _)| budget.take(1 + w.len()) && id.starts_with(w) && *id != w);
        if let (Some((id, _)), None) = (prefixed.next(), prefixed.next()) {
            return Some(format!("did you mean {id:?}?"));
        }
    }
    closest(w, ids.map(|(id, _)| id), budget).map(|c| format!("did you mean {c:?}?"))
}

/// `did you mean "x"?`, or `None`: for a short fixed list of candidates
/// (keys, rules, severities), so with a budget of its own.
pub fn did_you_mean<'a, I>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(wanted, candidates, &mut Budget::default()).map(|c| format!("did you mean {c:?}?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_and_case_changes() {
        let ids = ["support", "sales", "it", "warehouse"];
        let closest = |w| closest(w, ids, &mut Budget::default());
        assert_eq!(closest("suport"), Some("support"));
        assert_eq!(closest("Support"), Some("support"));
        assert_eq!(closest("wharehouse"), Some("warehouse"));
        assert_eq!(closest("legal"), None);
        assert_eq!(closest("support"), None, "an exact match is no suggestion");
    }

    #[test]
    fn ids_are_found_by_name_and_by_prefix() {
        let ids = [("support", "Customer Support"), ("innovation-lab", "Innovation Lab"), ("it", "IT")];
        let s = |w| did_you_mean_id(w, ids.iter().copied(), &mut Budget::default());
        assert_eq!(s("Customer Support").as_deref(), Some("did you mean \"support\" (Customer Support)?"));
        assert_eq!(s("innovation").as_deref(), Some("did you mean \"innovation-lab\"?"));
        assert_eq!(s("suport").as_deref(), Some("did you mean \"support\"?"));
        assert_eq!(s("IT").as_deref(), Some("did you mean \"it\"?"));
        assert_eq!(s("legal"), None);
    }

    #[test]
    fn long_text_is_never_compared() {
        let name = "n".repeat(4000);
        let ids = [("a", name.as_str())];
        let mut budget = Budget::default();
        assert_eq!(did_you_mean_id(&name, ids.iter().copied(), &mut budget), None);
        assert_eq!(budget.left, BUDGET, "nothing was compared");
    }

    #[test]
    fn the_budget_bounds_the_work_of_every_suggestion_together() {
        // Names as long as may be compared, all alike but for the end: each
        // comparison reads a whole name.
        let names: Vec<String> = (0..2000).map(|i| format!("{}{i:04}", "n".repeat(MAX_COMPARED - 4))).collect();
        let ids: Vec<String> = (0..2000).map(|i| format!("d{i}")).collect();
        let pairs: Vec<(&str, &str)> = ids.iter().map(String::as_str).zip(names.iter().map(String::as_str)).collect();
        let mut budget = Budget { left: 20_000_000 };
        let mut answered = 0;
        for i in 0..2000 {
            let wanted = format!("{}{i:04}", "N".repeat(MAX_COMPARED - 4));
            if did_you_mean_id(&wanted, pairs.iter().copied(), &mut budget).is_some() {
                answered += 1;
            }
        }
        assert!(answered > 100, "the first ones are answered: {answered}");
        assert!(answered < 2000, "and the budget ends the rest: {answered}");
        assert_eq!(budget.left, 0);
        assert_eq!(did_you_mean_id("n", pairs.iter().copied(), &mut budget), None);
    }
}
