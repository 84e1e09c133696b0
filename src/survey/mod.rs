//! What the `survey` commands compute from a loaded org's survey evidence:
//! the questionnaire's rows ([`template`]), supplier scorecards and coverage
//! ([`summary`]), and the change across waves ([`trend`]). Pure data; the
//! reports render it (`report::survey`).

pub mod summary;
pub mod template;
pub mod trend;

use crate::model::{Endpoint, HandoffIdx, Org};

/// A handoff as these reports name it.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct HandoffRef {
    pub from: String,
    pub to: String,
    pub what: Option<String>,
    /// `Warehouse -> Assembly (Kitted parts)`: how text reports name it,
    /// by names as every other report does (JSON keeps the ids).
    #[serde(skip)]
    pub label: String,
}

impl HandoffRef {
    pub fn of(org: &Org, h: HandoffIdx) -> Self {
        let ho = org.handoff(h);
        HandoffRef {
            from: org.department(ho.from).id.to_string(),
            to: org.id_of(ho.to).to_string(),
            what: ho.what.as_deref().map(str::to_owned),
            label: Self::named(org, h),
        }
    }

    /// `Warehouse -> Assembly (Kitted parts)`, by names.
    pub fn named(org: &Org, h: HandoffIdx) -> String {
        let ho = org.handoff(h);
        let to = match ho.to {
            Endpoint::Department(d) => &*org.department(d).name,
            Endpoint::Customer(c) => org.customer(c).name.as_str(),
        };
        let what = ho.what.as_deref().map_or(String::new(), |w| format!(" ({w})"));
        format!("{} -> {to}{what}", org.department(ho.from).name)
    }
}

/// The handoffs between departments: the ones internal customers rate,
/// sorted by receiver, supplier and what (ids), so output is stable.
pub fn rated_handoffs(org: &Org) -> Vec<HandoffIdx> {
    let mut hs: Vec<HandoffIdx> = (0..org.handoffs.len() as u32)
        .map(HandoffIdx)
        .filter(|&h| matches!(org.handoff(h).to, Endpoint::Department(_)))
        .collect();
    hs.sort_by(|&a, &b| {
        let key = |h: HandoffIdx| {
            let ho = org.handoff(h);
            (org.id_of(ho.to).as_str(), org.department(ho.from).id.as_str(), ho.what.as_deref().unwrap_or(""))
        };
        key(a).cmp(&key(b))
    });
    hs
}
