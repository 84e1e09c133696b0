//! The org's index from ids to what they name. A slot holds only the
//! number of a department or customer (4 bytes); the id it is compared by
//! is the one that department or customer already holds. A map keyed by
//! ids took 25 bytes a slot, a handle on the id and the endpoint: 52 MB at
//! a million departments, where this takes 8.

use super::{CustomerIdx, DeptIdx, Endpoint};
use std::fmt;
use std::hash::BuildHasher;

/// An empty slot.
const EMPTY: u32 = u32::MAX;
/// Set in a slot that holds a customer's number, clear for a department's.
const CUSTOMER: u32 = 1 << 31;

/// Open addressing with linear probing, at most half full. Hashed with
/// foldhash, seeded per process, so that a hostile file cannot aim for
/// collisions. Built once from every id of an org, each distinct.
#[derive(Clone, Default)]
pub struct IdIndex {
    slots: Box<[u32]>,
    hasher: foldhash::fast::RandomState,
}

impl IdIndex {
    /// Indexes `count` departments and customers, each with its id, the
    /// ids distinct.
    pub fn new<'a>(count: usize, ids: impl Iterator<Item = (Endpoint, &'a str)>) -> Self {
        let len = count.saturating_mul(2).max(8).next_power_of_two();
        let mut index = IdIndex { slots: vec![EMPTY; len].into_boxed_slice(), hasher: Default::default() };
        for (e, id) in ids {
            let mut i = index.home(id);
            while index.slots[i] != EMPTY {
                i = (i + 1) & (len - 1);
            }
            index.slots[i] = encode(e);
        }
        index
    }

    /// What `id` names; `id_of` gives the id of an endpoint the index holds.
    pub fn get<'a>(&self, id: &str, id_of: impl Fn(Endpoint) -> &'a str) -> Option<Endpoint> {
        if self.slots.is_empty() {
            return None;
        }
        let mut i = self.home(id);
        loop {
            let slot = *self.slots.get(i)?;
            if slot == EMPTY {
                return None;
            }
            let e = decode(slot);
            if id_of(e) == id {
                return Some(e);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }

    /// The slot where a search for `id` starts.
    fn home(&self, id: &str) -> usize {
        (self.hasher.hash_one(id) as usize) & (self.slots.len() - 1)
    }
}

fn encode(e: Endpoint) -> u32 {
    match e {
        Endpoint::Department(d) if d.0 < CUSTOMER => d.0,
        Endpoint::Customer(c) if c.0 < CUSTOMER - 1 => CUSTOMER | c.0,
        _ => panic!("more than 2^31 departments or customers"),
    }
}

fn decode(slot: u32) -> Endpoint {
    if slot & CUSTOMER == 0 {
        Endpoint::Department(DeptIdx(slot))
    } else {
        Endpoint::Customer(CustomerIdx(slot & !CUSTOMER))
    }
}

/// Two indexes are equal when they hold the same departments and
/// customers, wherever their slots are: which slot holds an id depends on
/// the process's hash seed, not on the org. (The ids themselves are the
/// org's, compared with it.)
impl PartialEq for IdIndex {
    fn eq(&self, other: &Self) -> bool {
        let held = |index: &IdIndex| {
            let mut held: Vec<u32> = index.slots.iter().copied().filter(|&s| s != EMPTY).collect();
            held.sort_unstable();
            held
        };
        held(self) == held(other)
    }
}

impl fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.slots.iter().filter(|&&s| s != EMPTY).count();
        write!(f, "IdIndex({held} ids)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_id_and_nothing_else() {
        let depts: Vec<String> = (0..1000).map(|i| format!("d{i}")).collect();
        let customers = ["c0", "c1"];
        let id_of = |e: Endpoint| match e {
            Endpoint::Department(d) => depts[d.0 as usize].as_str(),
            Endpoint::Customer(c) => customers[c.0 as usize],
        };
        let all: Vec<Endpoint> = (0..depts.len() as u32)
            .map(|d| Endpoint::Department(DeptIdx(d)))
            .chain((0..2).map(|c| Endpoint::Customer(CustomerIdx(c))))
            .collect();
        let index = IdIndex::new(all.len(), all.iter().map(|&e| (e, id_of(e))));
        for &e in &all {
            assert_eq!(index.get(id_of(e), id_of), Some(e));
        }
        assert_eq!(index.get("d1000", id_of), None);
        assert_eq!(index.get("", id_of), None);
        assert_eq!(IdIndex::default().get("d0", id_of), None);
        assert_eq!(format!("{index:?}"), "IdIndex(1002 ids)");
        // Equal whatever the seed, unequal when they hold other endpoints.
        let again = IdIndex::new(all.len(), all.iter().rev().map(|&e| (e, id_of(e))));
        assert!(index == again);
        assert!(index != IdIndex::new(all.len() - 1, all[1..].iter().map(|&e| (e, id_of(e)))));
    }
}
