//! Small random orgs for property tests, each written in several orders:
//! departments shuffled or not, handoffs shuffled and spread between
//! `serves:` and the top-level `handoffs:` list, in one file or several.
//! The figures of every way of writing one org must be the same.

use proptest::prelude::*;

/// A random org: departments, customers, handoffs as (from, to node,
/// quality %, what), and a seed for the orders it is written in.
#[derive(Debug, Clone)]
pub struct Spec {
    pub departments: usize,
    pub customers: usize,
    pub handoffs: Vec<(usize, usize, Option<u8>, Option<u8>)>,
    pub seed: u64,
}

pub fn spec() -> impl Strategy<Value = Spec> {
    (1usize..=7, 1usize..=3).prop_flat_map(|(d, c)| {
        // Qualities whose products tie, and tie only after rounding
        // (0.37 × 0.1 × 0.2 × 0.3 in two orders), zero, and unrated.
        let q = prop::option::weighted(0.75, prop::sample::select(vec![0u8, 10, 20, 30, 37, 50, 50, 70, 90, 100]));
        let what = prop::option::weighted(0.3, 0u8..3);
        let handoff = (0..d, 0..d + c, q, what);
        (prop::collection::vec(handoff, 0..18), any::<u64>()).prop_map(move |(handoffs, seed)| Spec {
            departments: d,
            customers: c,
            handoffs,
            seed,
        })
    })
}

use servchain::synth::Rng;

/// One way to write the org: department order, handoff order, and which
/// handoffs sit under their department's `serves:` rather than in the
/// top-level `handoffs:` list. Ids come from the seed too, so that id
/// order and file order differ.
pub struct Layout {
    departments: Vec<usize>,
    handoffs: Vec<usize>,
    under_serves: Vec<bool>,
}

impl Spec {
    pub fn id(&self, node: usize) -> String {
        // A fixed relabelling by the seed: "d10" sorts before "d2".
        let mut perm: Vec<usize> = (0..self.departments).collect();
        Rng(self.seed).shuffle(&mut perm);
        if node < self.departments { format!("d{}", perm[node] * 4) } else { format!("c{}", node - self.departments) }
    }

    /// The handoffs that load: no self-service, no repeated (from, to, what).
    fn valid_handoffs(&self) -> Vec<usize> {
        let mut seen = std::collections::BTreeSet::new();
        (0..self.handoffs.len())
            .filter(|&i| {
                let (from, to, _, what) = self.handoffs[i];
                from != to && seen.insert((from, to, what))
            })
            .collect()
    }

    pub fn plain(&self) -> Layout {
        let handoffs = self.valid_handoffs();
        Layout { departments: (0..self.departments).collect(), under_serves: vec![false; handoffs.len()], handoffs }
    }

    pub fn shuffled(&self, departments_too: bool) -> Layout {
        let mut rng = Rng(self.seed ^ 0x5555);
        let mut l = self.plain();
        if departments_too {
            rng.shuffle(&mut l.departments);
        }
        rng.shuffle(&mut l.handoffs);
        l.under_serves = l.handoffs.iter().map(|_| rng.next_u64().is_multiple_of(2)).collect();
        l
    }

    /// The org as files: customers and departments (with their `serves:`),
    /// then the `handoffs:` list, cut into `files` parts.
    pub fn files(&self, l: &Layout, files: usize) -> Vec<String> {
        let mut out = vec![String::new(); files];
        out[0] += "customers:\n";
        for c in 0..self.customers {
            out[0] += &format!("  - id: {}\n", self.id(self.departments + c));
        }
        for (k, &d) in l.departments.iter().enumerate() {
            let f = &mut out[k * files / l.departments.len()];
            if !f.contains("departments:") {
                *f += "departments:\n";
            }
            *f += &format!("  - id: {}\n", self.id(d));
            let serves: Vec<usize> = l
                .handoffs
                .iter()
                .zip(&l.under_serves)
                .filter(|(h, u)| **u && self.handoffs[**h].0 == d)
                .map(|(h, _)| *h)
                .collect();
            if !serves.is_empty() {
                *f += "    serves:\n";
                for h in serves {
                    *f += &self.handoff_fields(h, "      - ", "        ", false);
                }
            }
        }
        let rest: Vec<usize> = l.handoffs.iter().zip(&l.under_serves).filter(|(_, u)| !**u).map(|(h, _)| *h).collect();
        if !rest.is_empty() {
            let f = &mut out[files - 1];
            *f += "handoffs:\n";
            for h in rest {
                *f += &self.handoff_fields(h, "  - ", "    ", true);
            }
        }
        out
    }

    fn handoff_fields(&self, h: usize, first: &str, indent: &str, with_from: bool) -> String {
        let (from, to, q, what) = self.handoffs[h];
        let mut s = String::from(first);
        if with_from {
            s += &format!("from: {}\n{indent}", self.id(from));
        }
        s += &format!("to: {}\n", self.id(to));
        if let Some(w) = what {
            s += &format!("{indent}what: w{w}\n");
        }
        if let Some(q) = q {
            s += &format!("{indent}quality: {q}%\n");
        }
        s
    }

    pub fn yaml(&self, l: &Layout) -> String {
        self.files(l, 1).concat()
    }
}
