//! Change across survey waves: each handoff's mean per wave (shown only
//! where the wave had enough answers), and each department's strength and
//! rolled quality as of each wave (every handoff's quality as the surveys up
//! to that wave set it), biggest drops first.

use super::{HandoffRef, rated_handoffs};
use crate::analysis::Analysis;
use crate::graph::ChainGraph;
use crate::model::{DeptIdx, Org};
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq)]
pub struct HandoffTrend {
    #[serde(flatten)]
    pub handoff: HandoffRef,
    /// One per wave; `None` where the wave had too few answers.
    pub values: Vec<Option<f64>>,
    /// Last measured value minus the first; `None` with fewer than two.
    pub change: Option<f64>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct DepartmentTrend {
    pub id: String,
    pub name: String,
    pub strength: Vec<Option<f64>>,
    pub rolled_quality: Vec<Option<f64>>,
    /// The change in strength from the first wave to the last.
    pub change: Option<f64>,
    /// The change in rolled quality from the first wave to the last.
    pub rolled_change: Option<f64>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Trend {
    pub waves: Vec<String>,
    pub handoffs: Vec<HandoffTrend>,
    pub departments: Vec<DepartmentTrend>,
}

fn change(values: &[Option<f64>]) -> Option<f64> {
    let measured: Vec<f64> = values.iter().flatten().copied().collect();
    match measured.as_slice() {
        [first, .., last] => Some(last - first),
        _ => None,
    }
}

/// Biggest drop first; no change known last; then by `key`.
fn by_drop<T>(items: &mut [T], change: impl Fn(&T) -> Option<f64>, key: impl Fn(&T) -> String) {
    items.sort_by(|a, b| match (change(a), change(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| key(a).cmp(&key(b))),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => key(a).cmp(&key(b)),
    });
}

pub fn trend(org: &Org) -> Trend {
    let waves = &org.surveys;
    let mut handoffs: Vec<HandoffTrend> = rated_handoffs(org)
        .into_iter()
        .filter_map(|h| {
            let e = org.handoff(h).evidence()?;
            let values: Vec<Option<f64>> = (0..waves.len()).map(|w| e.stats(waves, w).map(|s| s.mean)).collect();
            values.iter().any(Option::is_some).then(|| HandoffTrend {
                handoff: HandoffRef::of(org, h),
                change: change(&values),
                values,
            })
        })
        .collect();
    let key =
        |t: &HandoffTrend| format!("{}\0{}\0{}", t.handoff.from, t.handoff.to, t.handoff.what.as_deref().unwrap_or(""));
    by_drop(&mut handoffs, |t| t.change, key);

    // Each department's figures as of each wave.
    let per_wave: Vec<Vec<(Option<f64>, Option<f64>)>> = (0..waves.len())
        .map(|w| {
            let mut as_of = org.clone();
            for h in &mut as_of.handoffs {
                if let Some(e) = h.evidence_mut() {
                    h.quality = e.resolve(&waves[..=w]);
                }
            }
            let g = ChainGraph::build(&as_of);
            let a = Analysis::compute(&as_of, &g);
            (0..org.departments.len() as u32)
                .map(|d| {
                    let f = a.department(&g, DeptIdx(d));
                    (f.strength, f.rolled_quality)
                })
                .collect()
        })
        .collect();
    let mut departments: Vec<DepartmentTrend> = org
        .departments
        .iter()
        .enumerate()
        .map(|(d, dept)| {
            let strength: Vec<Option<f64>> = per_wave.iter().map(|w| w[d].0).collect();
            let rolled_quality: Vec<Option<f64>> = per_wave.iter().map(|w| w[d].1).collect();
            DepartmentTrend {
                id: dept.id.to_string(),
                name: dept.name.to_string(),
                change: change(&strength),
                rolled_change: change(&rolled_quality),
                rolled_quality,
                strength,
            }
        })
        .collect();
    // Strength moves only with a chain's weakest link: ties go to the
    // bigger drop in rolled quality.
    departments.sort_by(|a, b| {
        let key = |t: &DepartmentTrend| (t.change.unwrap_or(f64::INFINITY), t.rolled_change.unwrap_or(f64::INFINITY));
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then_with(|| a.id.cmp(&b.id))
    });
    Trend { waves: waves.iter().map(|w| w.label.clone()).collect(), handoffs, departments }
}
