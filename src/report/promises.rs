//! What the reports say about promises to customers: one row per promised
//! customer with the departments that keep it and those that miss it, by
//! how much, and the fix (SPEC §2, *Agreements and promises*). JSON
//! serializes these rows; the table, Markdown and HTML word them.

use super::{HandoffRow, Report};
use crate::analysis::{Outcome, Promise};
use serde::Serialize;
use std::time::Duration;

/// One customer's promise and how the departments that reach it fare.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PromiseRow<'a> {
    pub customer: &'a str,
    /// The promised rolled quality, if the promise states one.
    pub quality: Option<f64>,
    #[serde(serialize_with = "super::json::seconds")]
    pub lead_time_seconds: Option<Duration>,
    /// The departments that meet every stated half, by id.
    pub met: Vec<&'a str>,
    /// Of `met`, those whose best-quality chain is too slow: another chain
    /// meets the lead time.
    pub met_by_different_chains: Vec<&'a str>,
    pub missed: Vec<MissedRow<'a>>,
}

/// A department that misses the promise.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MissedRow<'a> {
    pub id: &'a str,
    /// Its best rolled quality over its chains to the customer.
    pub rolled_quality: f64,
    /// Its shortest lead time to the customer; null if no chain states every one.
    #[serde(serialize_with = "super::json::seconds")]
    pub lead_time_seconds: Option<Duration>,
    pub quality_met: Option<bool>,
    pub lead_time_met: Option<bool>,
    /// The best-rolled chain to the customer, as ids.
    pub chain: Vec<&'a str>,
    /// How to close a missed quality half; null when the quality is met.
    pub fix: Option<FixRow<'a>>,
}

/// The weakest handoff on the best-rolled chain and the quality it needs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FixRow<'a> {
    #[serde(flatten)]
    pub handoff: HandoffRow<'a>,
    /// The quality this handoff would need for the chain alone to meet the
    /// promise; above 1 no single handoff suffices; null when unbounded
    /// (another handoff of the chain is rated 0).
    pub needed: Option<f64>,
    /// The fewest of the chain's weakest handoffs that, each raised to
    /// `raise_to`, let it meet the promise (1 when `needed` ≤ 1).
    pub handoffs_to_raise: u32,
    pub raise_to: f64,
}

/// A figure without floating-point dust: `0.75 − 0.9` is `-0.15`.
pub fn clean(x: f64) -> f64 {
    (x * 1e9).round() / 1e9 + 0.0
}

impl<'a> Report<'a> {
    /// Every promised customer, by id.
    pub fn promises(&self) -> Vec<PromiseRow<'a>> {
        self.analysis.promises.iter().map(|p| self.promise(p)).collect()
    }

    pub fn promise(&self, p: &Promise) -> PromiseRow<'a> {
        let kept = p.outcomes.iter().filter(|o| o.met());
        PromiseRow {
            customer: &self.org.customer(p.customer).id,
            quality: p.level.quality,
            lead_time_seconds: p.level.lead_time,
            met: kept.clone().map(|o| self.dept_id(o.department)).collect(),
            met_by_different_chains: kept.filter(|o| o.split).map(|o| self.dept_id(o.department)).collect(),
            missed: p.outcomes.iter().filter(|o| !o.met()).map(|o| self.missed(o)).collect(),
        }
    }

    fn missed(&self, o: &Outcome) -> MissedRow<'a> {
        MissedRow {
            id: self.dept_id(o.department),
            rolled_quality: o.rolled_quality,
            lead_time_seconds: o.lead_time,
            quality_met: o.quality_met,
            lead_time_met: o.lead_time_met,
            chain: self.chain_ids(o.department, &o.chain),
            fix: o.fix.map(|f| FixRow {
                handoff: self.handoff(f.handoff),
                needed: f.needed.is_finite().then(|| clean(f.needed)),
                handoffs_to_raise: f.raise_count,
                raise_to: clean(f.raise_to),
            }),
        }
    }
}
