//! A max-heap with four children to a node, for the label search's queue.
//! A bucket's heap at a million departments holds tens of thousands of
//! labels, more than the caches keep, and `std`'s binary heap missed them
//! on nearly every level of every pop: four children halve the levels, and
//! the four are side by side in memory. Elements that compare equal are
//! equal in every way here (the queue's `Pending` orders on all its
//! fields), so it pops exactly what a binary heap pops, in the same order.

/// Children of node `i` are `ARITY * i + 1 ..= ARITY * i + ARITY`.
const ARITY: usize = 4;

#[derive(Debug)]
pub(super) struct Heap<T> {
    items: Vec<T>,
}

impl<T: Ord> Heap<T> {
    pub(super) fn new() -> Self {
        Heap { items: Vec::new() }
    }

    /// A heap of `items`, in linear time.
    pub(super) fn from_vec(items: Vec<T>) -> Self {
        let mut heap = Heap { items };
        let n = heap.items.len();
        if n > 1 {
            for i in (0..=(n - 2) / ARITY).rev() {
                heap.sift_down(i);
            }
        }
        heap
    }

    pub(super) fn push(&mut self, item: T) {
        self.items.push(item);
        let mut i = self.items.len() - 1;
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if self.items[i] <= self.items[parent] {
                break;
            }
            self.items.swap(i, parent);
            i = parent;
        }
    }

    /// The greatest item, taken out.
    pub(super) fn pop(&mut self) -> Option<T> {
        let last = self.items.pop()?;
        if self.items.is_empty() {
            return Some(last);
        }
        let top = std::mem::replace(&mut self.items[0], last);
        self.sift_down(0);
        Some(top)
    }

    /// Moves the item at `i` down until no child is greater.
    fn sift_down(&mut self, mut i: usize) {
        let n = self.items.len();
        loop {
            let first = ARITY * i + 1;
            if first >= n {
                return;
            }
            let mut best = first;
            for c in first + 1..(first + ARITY).min(n) {
                if self.items[c] > self.items[best] {
                    best = c;
                }
            }
            if self.items[best] <= self.items[i] {
                return;
            }
            self.items.swap(i, best);
            i = best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BinaryHeap;

    proptest! {
        /// Any mix of pushes and pops, from any start, gives what std's
        /// binary heap gives.
        #[test]
        fn pops_what_a_binary_heap_pops(
            start in proptest::collection::vec(0u8..40, 0..60),
            steps in proptest::collection::vec(proptest::option::of(0u8..40), 0..200),
        ) {
            let mut ours = Heap::from_vec(start.clone());
            let mut std_heap = BinaryHeap::from(start);
            for step in steps {
                match step {
                    Some(x) => {
                        ours.push(x);
                        std_heap.push(x);
                    }
                    None => prop_assert_eq!(ours.pop(), std_heap.pop()),
                }
            }
            while let Some(x) = std_heap.pop() {
                prop_assert_eq!(ours.pop(), Some(x));
            }
            prop_assert_eq!(ours.pop(), None);
        }
    }
}
