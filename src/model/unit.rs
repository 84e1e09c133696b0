//! Units (divisions, business units, sites): named groups of departments
//! that nest, for roll-ups, restricted reports and grouped drawings. Their
//! ids share the namespace of departments and customers; the loader checks
//! that every parent exists and that no unit is its own ancestor.

use super::Id;
use crate::source::Loc;
use std::collections::HashMap;

/// Index of a unit in [`Units::list`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitIdx(pub u32);

/// One unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: Id,
    /// The display name; the id when the file gives none.
    pub name: String,
    /// The unit it is part of; never a cycle.
    pub parent: Option<UnitIdx>,
    pub lead: Option<String>,
    /// Where the unit is defined (its `id:` value).
    pub loc: Loc,
}

/// Every unit, in file order, with its id looked up in one step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Units {
    pub list: Vec<Unit>,
    by_id: HashMap<Id, UnitIdx>,
}

impl Units {
    /// Builds the list from units the loader has checked: unique ids,
    /// parents that exist and form no cycle.
    pub(crate) fn new(list: Vec<Unit>) -> Self {
        let by_id = list.iter().enumerate().map(|(i, u)| (u.id.clone(), UnitIdx(i as u32))).collect();
        Units { list, by_id }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn get(&self, u: UnitIdx) -> &Unit {
        &self.list[u.0 as usize]
    }

    pub fn lookup(&self, id: &str) -> Option<UnitIdx> {
        self.by_id.get(id).copied()
    }

    /// Every unit index, in file order.
    pub fn indices(&self) -> impl Iterator<Item = UnitIdx> + use<> {
        (0..self.list.len() as u32).map(UnitIdx)
    }

    /// `inside[v]`: whether unit `v` is `u` or one of its sub-units.
    pub fn inside(&self, u: UnitIdx) -> Vec<bool> {
        let mut memo: Vec<Option<bool>> = vec![None; self.list.len()];
        memo[u.0 as usize] = Some(true);
        for start in 0..self.list.len() {
            // Walk up until an answer is known, then write it down the path;
            // parents form no cycle, so the walk ends.
            let mut path = Vec::new();
            let mut v = Some(UnitIdx(start as u32));
            let answer = loop {
                let Some(at) = v else { break false };
                if let Some(known) = memo[at.0 as usize] {
                    break known;
                }
                path.push(at);
                v = self.get(at).parent;
            };
            for p in path {
                memo[p.0 as usize] = Some(answer);
            }
        }
        memo.into_iter().map(|m| m.unwrap_or(false)).collect()
    }

    /// How deep `u` nests: 0 for a top-level unit.
    pub fn depth(&self, u: UnitIdx) -> usize {
        std::iter::successors(self.get(u).parent, |&p| self.get(p).parent).count()
    }

    /// The direct sub-units of each unit, in file order; `top` holds those
    /// without a parent.
    pub fn children(&self) -> (Vec<UnitIdx>, Vec<Vec<UnitIdx>>) {
        let mut top = Vec::new();
        let mut children = vec![Vec::new(); self.list.len()];
        for u in self.indices() {
            match self.get(u).parent {
                Some(p) => children[p.0 as usize].push(u),
                None => top.push(u),
            }
        }
        (top, children)
    }
}
