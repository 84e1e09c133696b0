//! The shortest lead time from every node to a customer: a Dijkstra search
//! from the customers against the handoffs, over chains whose every handoff
//! states a lead time.
//!
//! The general search (`paths::best_from`) does this over `Duration`
//! labels in a binary heap, and records each node's first handoff, which
//! nobody reads for lead times: at 1M departments it was a third of the
//! analysis' longest half. Here a lead time is a whole number of units in
//! a `u64`, the unit being the greatest common divisor of all lead times
//! in nanoseconds (an hour, when they are stated in hours), and the queue
//! is a radix heap, which Dijkstra's keys (never smaller than the last one
//! taken) allow: a push is an append, and an entry moves to a lower bucket
//! at most once per bit of its key. Only the distances are reported, so
//! the order ties are taken in does not matter.
//!
//! That is exact whenever the lead times in units add up to less than
//! `u64::MAX` and in nanoseconds to no more than a `Duration` holds: a
//! chain the search finds uses a handoff at most once, so no sum overflows.
//! An org whose lead times could add up to more goes to the general
//! search, which says "no chain" where a sum overflows a `Duration`, as the
//! report always has.

use super::paths;
use crate::graph::ChainGraph;
use crate::model::HandoffIdx;
use std::cmp::Reverse;
use std::time::Duration;

/// "Not reached yet", "no lead time" in the `u64` arrays.
const NONE: u64 = u64::MAX;

/// Per node, the shortest total lead time to one of `targets`, over chains
/// whose every handoff `h` states one (`lead[h]`); `None` if there is none.
pub fn shortest(
    g: &ChainGraph,
    targets: impl IntoIterator<Item = usize>,
    lead: &[Option<Duration>],
) -> Vec<Option<Duration>> {
    shortest_by(g, targets, |h| lead[h])
}

/// [`shortest`], handoff `h`'s lead time being `lead(h)`: no array of
/// every lead time needs to exist (32 MB at a million departments).
pub fn shortest_by(
    g: &ChainGraph,
    targets: impl IntoIterator<Item = usize>,
    lead: impl Fn(usize) -> Option<Duration>,
) -> Vec<Option<Duration>> {
    let Some(Units { unit, of: units }) = Units::of((0..g.handoff_count()).map(&lead)) else {
        let add = |&t: &Duration, h: HandoffIdx| lead(h.0 as usize).and_then(|x| t.checked_add(x));
        return paths::best_from(g, targets, Duration::ZERO, add, |&t| Reverse(t)).label;
    };
    let mut dist = vec![NONE; g.node_count()];
    let mut queue = RadixHeap::new();
    for t in targets {
        if dist[t] != 0 {
            dist[t] = 0;
            queue.push(0, t as u32);
        }
    }
    while let Some((d, n)) = queue.pop() {
        if d != dist[n as usize] {
            continue; // An older, longer entry for `n`.
        }
        for &h in g.incoming(n as usize) {
            let x = units[h.0 as usize];
            if x == NONE {
                continue;
            }
            // No overflow: `d` is the sum of a chain's lead times, `x` that
            // of a handoff not on that chain (it leads into its first node).
            let next = d + x;
            let s = g.supplier(h);
            if next < dist[s] {
                dist[s] = next;
                queue.push(next, s as u32);
            }
        }
    }
    let duration = |d: u64| match d.checked_mul(unit) {
        Some(nanos) => Duration::from_nanos(nanos),
        None => {
            // Fits: it is at most the sum of every lead time, a `Duration`.
            let nanos = u128::from(d) * u128::from(unit);
            Duration::new((nanos / NANOS) as u64, (nanos % NANOS) as u32)
        }
    };
    dist.into_iter().map(|d| (d != NONE).then(|| duration(d))).collect()
}

const NANOS: u128 = 1_000_000_000;

/// Every handoff's lead time as a whole number of `unit` nanoseconds, the
/// greatest common divisor of them all (an hour, for lead times in hours):
/// exact, and small enough that sums fit in a `u64`.
struct Units {
    unit: u64,
    /// Per handoff, `NONE` for no lead time.
    of: Vec<u64>,
}

impl Units {
    /// `None` unless each lead time fits in a `u64` of nanoseconds, their
    /// sum in a `Duration` (so that no chain's does not), and the sum of
    /// their units in a `u64` below `NONE`.
    fn of(lead: impl ExactSizeIterator<Item = Option<Duration>>) -> Option<Units> {
        let mut unit = 0u64;
        let mut nanos = Vec::with_capacity(lead.len());
        let mut sum = 0u128;
        for l in lead {
            let Some(l) = l else {
                nanos.push(NONE);
                continue;
            };
            let n = u64::try_from(l.as_nanos()).ok().filter(|&n| n != NONE)?;
            sum += u128::from(n);
            if unit == 0 || n % unit != 0 {
                unit = gcd(unit, n);
            }
            nanos.push(n);
        }
        if sum > Duration::MAX.as_nanos() {
            return None;
        }
        let unit = unit.max(1);
        for n in &mut nanos {
            if *n != NONE {
                *n /= unit;
            }
        }
        (sum / u128::from(unit) < u128::from(NONE)).then_some(Units { unit, of: nanos })
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A monotone priority queue of `u64` keys (Ahuja, Mehlhorn, Orlin and
/// Tarjan's radix heap): bucket `i > 0` holds the keys whose highest bit
/// differing from `last`, the last key taken, is bit `i - 1`; bucket 0 the
/// keys equal to it. Keys pushed are never smaller than `last`.
struct RadixHeap {
    last: u64,
    buckets: [Vec<(u64, u32)>; 65],
}

impl RadixHeap {
    fn new() -> Self {
        RadixHeap { last: 0, buckets: std::array::from_fn(|_| Vec::new()) }
    }

    fn bucket(&self, key: u64) -> usize {
        64 - (key ^ self.last).leading_zeros() as usize
    }

    fn push(&mut self, key: u64, value: u32) {
        debug_assert!(key >= self.last);
        let b = self.bucket(key);
        self.buckets[b].push((key, value));
    }

    /// An entry of the smallest key.
    fn pop(&mut self) -> Option<(u64, u32)> {
        if self.buckets[0].is_empty() {
            let i = self.buckets.iter().position(|b| !b.is_empty())?;
            // Every key of bucket `i` differs from the new `last` (their
            // smallest) below bit `i - 1` only, so each moves to a lower
            // bucket.
            let moved = std::mem::take(&mut self.buckets[i]);
            self.last = moved.iter().map(|e| e.0).min().unwrap_or(self.last);
            for &(key, value) in &moved {
                let b = self.bucket(key);
                self.buckets[b].push((key, value));
            }
            // Keep the emptied bucket's room for its next keys.
            self.buckets[i] = moved;
            self.buckets[i].clear();
        }
        self.buckets[0].pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The general search's lead times, as the report had them.
    fn general(g: &ChainGraph, lead: &[Option<Duration>]) -> Vec<Option<Duration>> {
        let add = |&t: &Duration, h: HandoffIdx| lead[h.0 as usize].and_then(|x| t.checked_add(x));
        paths::best_from(g, g.customers(), Duration::ZERO, add, |&t| Reverse(t)).label
    }

    fn graph(departments: usize, customers: usize, ends: &[(usize, usize)]) -> ChainGraph {
        let (supplier, receiver) = ends.iter().map(|&(s, r)| (s as u32, r as u32)).unzip();
        ChainGraph::from_ends(departments, departments + customers, supplier, receiver)
    }

    #[test]
    fn the_radix_heap_gives_keys_in_order() {
        let mut q = RadixHeap::new();
        let mut taken = Vec::new();
        for k in [5u64, 3, 9, 3, 1 << 40, 7] {
            q.push(k, 0);
        }
        while let Some((k, _)) = q.pop() {
            taken.push(k);
            if k == 3 {
                q.push(4, 0);
                q.push(u64::MAX - 1, 0);
            }
        }
        assert_eq!(taken, [3, 3, 4, 4, 5, 7, 9, 1 << 40, u64::MAX - 1, u64::MAX - 1]);
    }

    #[test]
    fn lead_times_count_in_their_greatest_common_unit() {
        // d0 -> d1 -> c, d2 -> c, and d0 -> c at a lead time of 1 ns.
        let g = graph(3, 1, &[(0, 1), (1, 3), (2, 3), (0, 3)]);
        let hours = |h: u64| Some(Duration::from_secs(3600 * h));
        let mut lead = [hours(3_000_000), hours(3_000_000), hours(6), None];
        // Six hours; d0's 6M hours are more nanoseconds than a u64 holds.
        assert_eq!(Units::of(lead.iter().copied()).map(|u| u.unit), Some(6 * 3600 * 1_000_000_000));
        let got = shortest(&g, g.customers(), &lead);
        assert_eq!(got, [hours(6_000_000), hours(3_000_000), hours(6), Some(Duration::ZERO)]);
        assert_eq!(got, general(&g, &lead));
        // In nanoseconds, the sum does not fit.
        lead[3] = Some(Duration::new(0, 1));
        assert!(Units::of(lead.iter().copied()).is_none());
        assert_eq!(shortest(&g, g.customers(), &lead), general(&g, &lead));
    }

    #[test]
    fn lead_times_too_long_for_nanoseconds_go_to_the_general_search() {
        // d0 -> d1 -> c: the two together overflow a Duration.
        let g = graph(2, 1, &[(0, 1), (1, 2)]);
        let huge = Some(Duration::new(u64::MAX - 5, 0));
        let lead = [huge, Some(Duration::from_secs(10))];
        let got = shortest(&g, g.customers(), &lead);
        assert_eq!(got, general(&g, &lead));
        assert_eq!(got, [None, Some(Duration::from_secs(10)), Some(Duration::ZERO)]);
    }

    /// Departments, customers, and each handoff's ends and lead time.
    type Org = (usize, usize, Vec<(usize, usize, Option<Duration>)>);

    fn org() -> impl Strategy<Value = Org> {
        (1usize..=30, 1usize..=3).prop_flat_map(|(d, c)| {
            let lead = prop_oneof![
                1 => Just(None),
                3 => (0u64..100).prop_map(|h| Some(Duration::from_secs(h * 3600))),
                1 => (0u64..3, 0u32..1_000_000_000).prop_map(|(s, n)| Some(Duration::new(s, n))),
                1 => (0u64..=u64::MAX, 0u32..1_000_000_000).prop_map(|(s, n)| Some(Duration::new(s >> 31, n))),
            ];
            (Just(d), Just(c), prop::collection::vec((0..d, 0..d + c, lead), 0..d * 3 + 5))
        })
    }

    /// Orgs whose lead times are whole hours, up to more nanoseconds than
    /// a `u64` holds in a chain of two: always counted in units, never
    /// handed to the general search.
    fn org_in_hours() -> impl Strategy<Value = Org> {
        (1usize..=30, 1usize..=3).prop_flat_map(|(d, c)| {
            let lead = prop_oneof![
                1 => Just(None),
                3 => (0u64..100).prop_map(|h| Some(Duration::from_secs(h * 3600))),
                1 => (0u64..4_000_000).prop_map(|h| Some(Duration::from_secs(h * 3600))),
            ];
            (Just(d), Just(c), prop::collection::vec((0..d, 0..d + c, lead), 0..d * 3 + 5))
        })
    }

    fn both_searches_agree((d, c, handoffs): Org) -> Result<(), TestCaseError> {
        let ends: Vec<(usize, usize)> = handoffs.iter().map(|&(s, r, _)| (s, r)).collect();
        let lead: Vec<Option<Duration>> = handoffs.iter().map(|h| h.2).collect();
        let g = graph(d, c, &ends);
        prop_assert_eq!(shortest(&g, g.customers(), &lead), general(&g, &lead));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Any lead times, some too long to count in units.
        #[test]
        fn lead_times_match_the_general_search(org in org()) {
            both_searches_agree(org)?;
        }

        /// Lead times the search counts in units: the general search's
        /// figures come from a search of another kind.
        #[test]
        fn lead_times_in_units_match_the_general_search(org in org_in_hours()) {
            prop_assert!(Units::of(org.2.iter().map(|h| h.2)).is_some());
            both_searches_agree(org)?;
        }
    }
}
