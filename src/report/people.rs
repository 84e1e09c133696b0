//! Headcounts summed for people who read reports: "17 departments (312
//! people)". A department without a headcount counts as unknown, never as
//! zero, so a partial sum says "at least".

use crate::model::{DeptIdx, Org};

/// Whether any department gives a headcount; when none does, reports
/// say nothing about people.
pub fn any_headcount(org: &Org) -> bool {
    org.departments.iter().any(|d| d.headcount.is_some())
}

/// `" (312 people)"`, `" (at least 312 people)"` when some of `ds` give no
/// headcount, or `""` when none of them does (or `ds` is empty).
pub fn note(org: &Org, ds: impl IntoIterator<Item = DeptIdx>) -> String {
    let (mut sum, mut known, mut unknown) = (0u64, false, false);
    for d in ds {
        match org.department(d).headcount {
            Some(n) => {
                sum = sum.saturating_add(n);
                known = true;
            }
            None => unknown = true,
        }
    }
    let people = if sum == 1 { "person" } else { "people" };
    match (known, unknown) {
        (false, _) => String::new(),
        (true, false) => format!(" ({sum} {people})"),
        (true, true) => format!(" (at least {sum} {people})"),
    }
}

/// The departments with these ids (ids that name no department are left out).
pub fn by_id<'a>(org: &'a Org, ids: &'a [&'a str]) -> impl Iterator<Item = DeptIdx> + 'a {
    ids.iter().filter_map(|id| match org.lookup(id) {
        Some(crate::model::Endpoint::Department(d)) => Some(d),
        _ => None,
    })
}
