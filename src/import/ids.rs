//! Ids for imported departments and units, made from their names by the
//! id rules the loader enforces ([`crate::load::values::check_id`]) and made
//! unique in the one namespace ids share: `-2`, `-3`, … in the order names
//! are claimed (which callers make independent of row order).

use crate::load::values::{MAX_ID_LEN, check_id, slug};
use std::collections::HashSet;

#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// Ids already in use (the implicit customer's, an org's own).
    pub fn reserve<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        self.taken.extend(ids.into_iter().map(str::to_owned));
    }

    /// A new id for `name`: its slug ("Customer Support" -> customer-support),
    /// `fallback` for a name without a letter or digit it could use.
    pub fn claim(&mut self, name: &str, fallback: &str) -> String {
        let base = if name.chars().any(|c| c.is_ascii_alphanumeric()) { slug(name) } else { fallback.to_owned() };
        let mut id = base.clone();
        let mut n = 1u64;
        while self.taken.contains(&id) {
            n += 1;
            let suffix = format!("-{n}");
            let keep: String = base.chars().take(MAX_ID_LEN - suffix.len()).collect();
            id = format!("{}{suffix}", keep.trim_end_matches(['-', '.', '_']));
        }
        debug_assert!(check_id(&id).is_ok(), "{id}");
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_and_unique() {
        let mut ids = Ids::default();
        ids.reserve(["customer"]);
        assert_eq!(ids.claim("Customer", "dept"), "customer-2");
        assert_eq!(ids.claim("Sales", "dept"), "sales");
        assert_eq!(ids.claim("SALES", "dept"), "sales-2");
        assert_eq!(ids.claim("営業", "unit"), "unit");
        let long = "x".repeat(80);
        assert_eq!(ids.claim(&long, "dept"), "x".repeat(63));
        let second = ids.claim(&long, "dept");
        assert_eq!((second.len(), second.ends_with("x-2")), (63, true));
        assert!(check_id(&second).is_ok());
    }
}
