//! Synthetic orgs for benchmarks and scale tests: deterministic by seed,
//! shaped like real ones. Departments sit in layers from the front line
//! (which serves the customers) back to support functions; each serves one
//! to three departments of the next layer towards the customer, sometimes
//! skipping a layer. A few rework loops send work back a layer, a few
//! departments serve no one (cut off) or only those (dead ends), and about
//! one handoff in ten is unrated.

use std::fmt::Write;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub departments: usize,
    pub customers: usize,
    pub seed: u64,
}

impl Shape {
    pub fn new(departments: usize) -> Self {
        Shape { departments, customers: 3, seed: 1 }
    }
}

/// A small deterministic random number generator (SplitMix64); the tests
/// shuffle orgs with it too, replayable from a seed.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Shuffles `v` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, (self.next_u64() % (i as u64 + 1)) as usize);
        }
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p` percent.
    fn percent(&mut self, p: u64) -> bool {
        self.next_u64() % 100 < p
    }
}

/// The org as YAML text.
pub fn org_yaml(shape: Shape) -> String {
    let n = shape.departments.max(1);
    let mut rng = Rng(shape.seed);
    // Layer sizes grow away from the customer: the front line is small.
    let layers = ((n as f64).log10().ceil() as usize + 2).max(2);
    let mut bounds = Vec::with_capacity(layers + 1);
    let weight_total: usize = (1..=layers).sum();
    let mut start = 0;
    for l in 1..=layers {
        bounds.push(start);
        start += (n * l / weight_total).max(1);
    }
    bounds.push(n);
    for i in 1..bounds.len() {
        bounds[i] = bounds[i].clamp(bounds[i - 1], n);
    }
    let layer_of = |d: usize| bounds.partition_point(|&b| b <= d) - 1;
    let pick = |rng: &mut Rng, layer: usize| {
        let (lo, hi) = (bounds[layer], bounds[layer + 1]);
        if hi > lo { Some(lo + rng.below(hi - lo)) } else { None }
    };

    let mut out = String::with_capacity(n * 260);
    let _ = writeln!(out, "version: 1\norganization: Synthetic Org {n}\ncustomers:");
    for c in 0..shape.customers.max(1) {
        let _ = writeln!(out, "  - id: customer-{c}\n    name: Customer segment {c}");
    }
    out.push_str("departments:\n");
    let cut_off = |d: usize| d % 97 == 13;
    for d in 0..n {
        let layer = layer_of(d);
        let _ = writeln!(
            out,
            "  - id: dept-{d}\n    name: Department {d}\n    lead: Lead {}\n    headcount: {}",
            d % 1000,
            1 + rng.below(60)
        );
        if cut_off(d) {
            continue; // serves no one
        }
        let mut targets: Vec<String> = Vec::new();
        if d % 97 == 14 {
            // a dead end: serves only a department that serves no one
            targets.push(format!("dept-{}", d - 1));
        } else if layer == 0 {
            for _ in 0..1 + rng.below(2) {
                targets.push(format!("customer-{}", rng.below(shape.customers.max(1))));
            }
        } else {
            for _ in 0..1 + rng.below(3) {
                let back = if layer >= 2 && rng.percent(15) { 2 } else { 1 };
                if let Some(t) = pick(&mut rng, layer - back) {
                    targets.push(format!("dept-{t}"));
                }
            }
        }
        // Rework loops: some work flows back one layer.
        if layer + 1 < layers
            && rng.percent(3)
            && let Some(t) = pick(&mut rng, layer + 1)
            && t != d
        {
            targets.push(format!("dept-{t}"));
        }
        targets.sort();
        targets.dedup();
        out.push_str("    serves:\n");
        for t in targets {
            let _ = writeln!(out, "      - to: {t}\n        what: Work from {d}");
            if !rng.percent(10) {
                let _ = writeln!(out, "        quality: {}", (50 + rng.below(51)) as f64 / 100.0);
            }
            if !rng.percent(20) {
                let _ = writeln!(out, "        lead_time: {}h", 1 + rng.below(72));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_orgs_load_and_are_deterministic() {
        for n in [1, 2, 10, 500] {
            let yaml = org_yaml(Shape::new(n));
            assert_eq!(yaml, org_yaml(Shape::new(n)));
            let loaded = crate::load::load_str("gen.yaml", &yaml);
            let org = loaded.map_err(|e| e.diagnostics).unwrap_or_else(|d| panic!("{n}: {d:#?}")).org;
            assert_eq!(org.departments.len(), n);
            assert_eq!(org.customers.len(), 3);
        }
    }

    #[test]
    fn generated_orgs_have_the_shape_benchmarks_rely_on() {
        use crate::analysis::{Analysis, CutOffReason};
        use crate::model::DeptIdx;
        let yaml = org_yaml(Shape::new(2000));
        let org = crate::load::load_str("gen.yaml", &yaml).unwrap_or_else(|e| panic!("{:?}", e.diagnostics)).org;
        let g = crate::graph::ChainGraph::build(&org);
        let a = Analysis::compute(&org, &g);
        let reasons: Vec<Option<CutOffReason>> =
            (0..org.departments.len() as u32).map(|d| a.reach.cut_off_reason(&g, DeptIdx(d))).collect();
        assert!(reasons.contains(&Some(CutOffReason::NoHandoffs)), "no department serves no one");
        assert!(reasons.contains(&Some(CutOffReason::DeadEnd)), "no dead ends");
        assert!(a.reaching_customer(&g) * 10 > org.departments.len() * 9, "most departments should reach a customer");
        // Rework goes back a layer, away from the customer: to a department
        // numbered higher. (Such handoffs seldom close a loop: the 100k
        // org has one.)
        let rework =
            org.handoffs.iter().filter(|h| matches!(h.to, crate::model::Endpoint::Department(t) if t > h.from));
        assert!(rework.count() > 0, "no rework handoffs");
        assert!(org.unrated_handoffs() > 0, "no unrated handoffs");
        assert!(org.handoffs.len() > org.departments.len(), "no fan-out");
        let customers_served = org.handoffs.iter().filter(|h| matches!(h.to, crate::model::Endpoint::Customer(_)));
        assert!(customers_served.count() < org.handoffs.len() / 10, "too flat: most work should pass through layers");
    }
}
