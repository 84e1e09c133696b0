//! Where each handoff's quality comes from: a survey wave (with its count
//! and spread), the org file, or nowhere. The JSON report's `handoffs`
//! section and the tables' "72% (survey 2026-Q3, n=7)" are made here.
//! Below a wave's `min_responses`, only the count is ever given.

use super::Report;
use super::format::quality;
use crate::model::{HandoffIdx, Org, QualitySource};
use serde::Serialize;

/// One handoff with the source of its quality.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HandoffEvidenceRow<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub what: Option<&'a str>,
    pub quality: Option<f64>,
    /// `survey`, `file`, or `None` (unrated).
    pub quality_source: Option<&'static str>,
    /// The answers of the wave that set the quality, else of the latest wave
    /// (a count only); `None` without surveys.
    pub responses: Option<usize>,
    /// That wave's label.
    pub wave: Option<&'a str>,
    /// The spread of the answers that set the quality.
    pub sd: Option<f64>,
    /// The level supplier and receiver agreed (`agreed:`).
    pub agreed_quality: Option<f64>,
    #[serde(serialize_with = "super::json::seconds")]
    pub agreed_lead_time_seconds: Option<std::time::Duration>,
    /// `quality − agreed_quality`: negative below the agreement.
    pub quality_gap: Option<f64>,
    /// `lead_time − agreed lead time`: positive when slower than agreed.
    pub lead_time_gap_seconds: Option<i64>,
}

/// The source of `h`'s quality, as JSON names it.
pub fn source_name(org: &Org, h: HandoffIdx) -> Option<&'static str> {
    let ho = org.handoff(h);
    match ho.evidence().map(|e| e.source) {
        Some(Some(QualitySource::Survey(_))) => Some("survey"),
        Some(Some(QualitySource::File)) => Some("file"),
        Some(None) => None,
        None => ho.quality.map(|_| "file"),
    }
}

/// `(survey 2026-Q3, n=7)` for a survey-set quality, else `None`.
pub fn note(org: &Org, h: HandoffIdx) -> Option<String> {
    let e = org.handoff(h).evidence()?;
    let Some(QualitySource::Survey(w)) = e.source else { return None };
    Some(format!("(survey {}, n={})", org.surveys.get(w)?.label, e.wave(w).len()))
}

/// A handoff's quality with its survey note: `72% (survey 2026-Q3, n=7)`.
pub fn quality_with_source(org: &Org, h: HandoffIdx) -> String {
    let q = quality(org.handoff(h).quality);
    note(org, h).map_or(q.clone(), |n| format!("{q} {n}"))
}

impl<'a> Report<'a> {
    /// Every handoff, ordered by (from, to, what) ids: the same whatever
    /// order the files list them in.
    pub fn handoffs_in_order(&self) -> Vec<HandoffIdx> {
        let org = self.org;
        let mut hs: Vec<HandoffIdx> =
            (0..org.handoffs.len() as u32).map(HandoffIdx).filter(|&h| self.covers_handoff(h)).collect();
        hs.sort_by(|&a, &b| {
            let key = |h: HandoffIdx| {
                let ho = org.handoff(h);
                (org.department(ho.from).id.as_str(), org.id_of(ho.to).as_str(), ho.what.as_deref())
            };
            key(a).cmp(&key(b))
        });
        hs
    }

    /// Every handoff with the source of its quality, in file order.
    pub fn handoff_evidence(&self, h: HandoffIdx) -> HandoffEvidenceRow<'a> {
        let org = self.org;
        let ho = org.handoff(h);
        let base = self.handoff(h);
        // Internal customers rate handoffs between departments only.
        let surveyed = ho.evidence().filter(|_| matches!(ho.to, crate::model::Endpoint::Department(_)));
        let (responses, wave, sd) = match surveyed {
            None => (None, None, None),
            Some(e) => match e.source {
                Some(QualitySource::Survey(w)) => {
                    let sd = e.stats(&org.surveys, w).and_then(|s| s.sd);
                    (Some(e.wave(w).len()), org.surveys.get(w).map(|w| w.label.as_str()), sd)
                }
                _ => {
                    let latest = org.surveys.len().checked_sub(1);
                    let label = latest.and_then(|w| org.surveys.get(w)).map(|w| w.label.as_str());
                    (latest.map(|w| e.wave(w).len()), label, None)
                }
            },
        };
        HandoffEvidenceRow {
            from: base.from,
            to: base.to,
            what: base.what,
            quality: ho.quality,
            quality_source: source_name(org, h),
            responses,
            wave,
            sd,
            agreed_quality: ho.agreed().and_then(|a| a.quality),
            agreed_lead_time_seconds: ho.agreed().and_then(|a| a.lead_time),
            quality_gap: ho.quality_gap().map(super::promises::clean),
            lead_time_gap_seconds: ho.lead_time_gap_seconds(),
        }
    }
}
