//! The `thin-evidence` rule: with `surveys:` given, a handoff between
//! departments that the latest wave rated with fewer than its
//! `min_responses` answers, or not at all. Its default is `warning` when the
//! org has surveys and `off` otherwise (`Policy::read`).

use super::Cx;
use crate::model::{Endpoint, HandoffIdx};

impl Cx<'_> {
    pub(super) fn thin_evidence(&mut self) {
        let Some(latest) = self.org.surveys.last() else { return };
        let (label, min) = (latest.label.clone(), latest.min_responses);
        let wave = self.org.surveys.len() - 1;
        for h in (0..self.org.handoffs.len() as u32).map(HandoffIdx) {
            let ho = self.org.handoff(h);
            if !matches!(ho.to, Endpoint::Department(_)) {
                continue;
            }
            let n = ho.evidence().map_or(0, |e| e.wave(wave).len());
            if n >= min {
                continue;
            }
            let said = match n {
                0 => "no answers".to_owned(),
                1 => "1 answer".to_owned(),
                n => format!("{n} answers"),
            };
            let message = format!(
                "the handoff {} has {said} in the latest survey wave ({label}); it needs {min} to be measured",
                self.handoff_name(h)
            );
            self.about_handoff(h, message, "thin evidence");
        }
    }
}
