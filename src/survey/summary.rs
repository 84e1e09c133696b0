//! Supplier scorecards and coverage. A supplier is scored on the answers
//! that set its handoffs' qualities (each from the latest wave with enough
//! answers), pooled; its worst deliverable is its lowest survey-set handoff.
//! Coverage is about the latest wave: the handoffs it rated too thinly, and
//! how many answers each rater department gave.

use super::{HandoffRef, rated_handoffs};
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Org, QualitySource, Stats};
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq)]
pub struct Worst {
    #[serde(flatten)]
    pub handoff: HandoffRef,
    pub quality: f64,
}

/// One supplier as its internal customers rate it.
#[derive(Debug, Serialize, PartialEq)]
pub struct Supplier {
    pub id: String,
    pub name: String,
    /// `None` when no handoff of it has enough answers.
    pub quality: Option<f64>,
    pub responses: usize,
    pub worst: Option<Worst>,
}

/// A handoff the latest wave rated with too few answers (a count only).
#[derive(Debug, Serialize, PartialEq)]
pub struct Thin {
    #[serde(flatten)]
    pub handoff: HandoffRef,
    pub responses: usize,
}

/// How many answers a rater department gave in the latest wave.
#[derive(Debug, Serialize, PartialEq)]
pub struct Rater {
    pub id: String,
    pub name: String,
    pub responses: usize,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Coverage {
    /// The latest wave's label, if any.
    pub wave: Option<String>,
    pub min_responses: Option<usize>,
    pub thin: Vec<Thin>,
    pub raters: Vec<Rater>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Summary {
    pub waves: Vec<String>,
    /// Worst first; suppliers with no measured handoff last.
    pub suppliers: Vec<Supplier>,
    pub coverage: Coverage,
}

pub fn summarize(org: &Org) -> Summary {
    let handoffs = rated_handoffs(org);
    let mut by_supplier: Vec<Vec<HandoffIdx>> = vec![Vec::new(); org.departments.len()];
    for &h in &handoffs {
        by_supplier[org.handoff(h).from.0 as usize].push(h);
    }
    let mut suppliers: Vec<Supplier> = by_supplier
        .iter()
        .enumerate()
        .filter(|(_, hs)| !hs.is_empty())
        .map(|(d, hs)| supplier(org, DeptIdx(d as u32), hs))
        .collect();
    suppliers.sort_by(|a, b| match (a.quality, b.quality) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    Summary {
        waves: org.surveys.iter().map(|w| w.label.clone()).collect(),
        suppliers,
        coverage: coverage(org, &handoffs),
    }
}

fn supplier(org: &Org, d: DeptIdx, hs: &[HandoffIdx]) -> Supplier {
    let mut pooled = Vec::new();
    let mut worst: Option<(f64, HandoffIdx)> = None;
    for &h in hs {
        let ho = org.handoff(h);
        let Some(e) = ho.evidence() else { continue };
        let Some(QualitySource::Survey(w)) = e.source else { continue };
        pooled.extend_from_slice(e.wave(w));
        if let Some(q) = ho.quality
            && worst.is_none_or(|(wq, _)| q < wq)
        {
            worst = Some((q, h));
        }
    }
    // Every pooled wave had enough answers, so the pool has too.
    let stats = Stats::of(&pooled, 1);
    let dept = org.department(d);
    Supplier {
        id: dept.id.to_string(),
        name: dept.name.to_string(),
        quality: stats.map(|s| s.mean),
        responses: pooled.len(),
        worst: worst.map(|(quality, h)| Worst { handoff: HandoffRef::of(org, h), quality }),
    }
}

fn coverage(org: &Org, handoffs: &[HandoffIdx]) -> Coverage {
    let Some(latest) = org.surveys.len().checked_sub(1) else {
        return Coverage { wave: None, min_responses: None, thin: Vec::new(), raters: Vec::new() };
    };
    let min = org.surveys[latest].min_responses;
    let mut per_rater = vec![0usize; org.departments.len()];
    let mut receives = vec![false; org.departments.len()];
    let mut thin = Vec::new();
    for &h in handoffs {
        let ho = org.handoff(h);
        let n = ho.evidence().map_or(0, |e| e.wave(latest).len());
        if let Endpoint::Department(r) = ho.to {
            per_rater[r.0 as usize] += n;
            receives[r.0 as usize] = true;
        }
        if n < min {
            thin.push(Thin { handoff: HandoffRef::of(org, h), responses: n });
        }
    }
    let mut raters: Vec<Rater> = (0..org.departments.len())
        .filter(|&i| receives[i])
        .map(|i| {
            let d = &org.departments[i];
            Rater { id: d.id.to_string(), name: d.name.to_string(), responses: per_rater[i] }
        })
        .collect();
    raters.sort_by(|a, b| a.responses.cmp(&b.responses).then_with(|| a.id.cmp(&b.id)));
    Coverage { wave: Some(org.surveys[latest].label.clone()), min_responses: Some(min), thin, raters }
}
