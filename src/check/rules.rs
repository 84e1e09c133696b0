//! Every policy rule, registered once: its id, default severity and
//! threshold, what it checks, why it matters and how to fix what it finds.

/// How serious a rule's findings are; `Off` turns the rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            "info" => Some(Level::Info),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

/// What a rule's threshold is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ThresholdKind {
    /// A quality: a number from 0 to 1 or a percentage.
    Quality,
    /// A share of the departments (`20%`, `0.2`) or, as an integer, a count.
    ShareOrCount,
    /// A whole number of hops.
    Hops,
    /// A duration such as `5d`.
    Duration,
}

/// A rule's threshold value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    Quality(f64),
    Share(f64),
    Count(u64),
    Hops(u64),
    Duration(std::time::Duration),
}

impl Threshold {
    /// As written in a policy or a message: `70%`, `6`, `5d`.
    pub fn show(&self) -> String {
        match self {
            Threshold::Quality(q) | Threshold::Share(q) => crate::report::format::percent(*q),
            Threshold::Count(n) | Threshold::Hops(n) => n.to_string(),
            Threshold::Duration(d) => crate::report::format::duration(*d),
        }
    }
}

#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub default: Level,
    pub threshold: Option<(ThresholdKind, Threshold)>,
    /// What it finds, in a few words.
    pub summary: &'static str,
    /// Why it matters and how to fix it.
    pub help: &'static str,
    /// What finds it.
    pub(super) check: fn(&mut super::Cx<'_>),
}

const DAY: u64 = 86_400;

pub const RULES: &[Rule] = &[
    Rule {
        id: "cut-off",
        check: |cx| cx.cut_off(),
        default: Level::Error,
        threshold: None,
        summary: "a department has no chain to a customer",
        help: "work that never reaches a customer is cut off from the reason the company exists; give the department a handoff to a department that reaches a customer, or to a customer",
    },
    Rule {
        id: "handoff-cycle",
        check: |cx| cx.cycles(),
        default: Level::Warning,
        threshold: None,
        summary: "departments serve each other in a loop",
        help: "a loop of handoffs is rework: work goes back before it goes on; find why it returns and fix it at the source",
    },
    Rule {
        id: "weak-handoff",
        check: |cx| cx.weak_handoffs(),
        default: Level::Warning,
        threshold: Some((ThresholdKind::Quality, Threshold::Quality(0.7))),
        summary: "a handoff on a chain has quality below the threshold",
        help: "every chain through this handoff is at most this strong; agree with the receiver what it needs and measure it",
    },
    Rule {
        id: "weak-chain",
        check: |cx| cx.weak_chains(),
        default: Level::Warning,
        threshold: Some((ThresholdKind::Quality, Threshold::Quality(0.6))),
        summary: "a department's strength is below the threshold",
        help: "even the department's best chain to the customer passes a handoff this weak; strengthen the weakest link on its chain",
    },
    Rule {
        id: "single-point-of-failure",
        check: |cx| cx.single_points(),
        default: Level::Warning,
        threshold: Some((ThresholdKind::ShareOrCount, Threshold::Share(0.2))),
        summary: "a department or handoff whose failure cuts off at least this share (or number) of departments",
        help: "if it fails, the departments behind it lose their only way to the customer; give them a second route",
    },
    Rule {
        id: "max-hops",
        check: |cx| cx.max_hops(),
        default: Level::Off,
        threshold: Some((ThresholdKind::Hops, Threshold::Hops(6))),
        summary: "a department's fewest hops to a customer exceed the threshold",
        help: "every handoff is a chance to lose quality and time; shorten the chain",
    },
    Rule {
        id: "max-lead-time",
        check: |cx| cx.max_lead_time(),
        default: Level::Off,
        threshold: Some((ThresholdKind::Duration, Threshold::Duration(std::time::Duration::from_secs(5 * DAY)))),
        summary: "a department's lead time to a customer exceeds the threshold",
        help: "the customer waits for the slowest necessary chain; cut waiting between handoffs",
    },
    Rule {
        id: "unrated-handoff",
        check: |cx| cx.unrated(),
        default: Level::Off,
        threshold: None,
        summary: "a handoff has no quality",
        help: "chain figures count an unrated handoff as perfect; ask the receiver to rate it",
    },
    Rule {
        id: "no-lead",
        check: |cx| cx.no_lead(),
        default: Level::Off,
        threshold: None,
        summary: "a department names no lead",
        help: "someone must be accountable for what the department hands over; add `lead:`",
    },
    Rule {
        id: "unserved-customer",
        check: |cx| cx.unserved(),
        default: Level::Warning,
        threshold: None,
        summary: "a customer that no department serves",
        help: "a customer no one serves is either missing its handoffs or not a customer; add the handoffs or remove it",
    },
    Rule {
        id: "thin-evidence",
        check: |cx| cx.thin_evidence(),
        // Finds nothing without `surveys:`: in effect off unless surveys are given.
        default: Level::Warning,
        threshold: None,
        summary: "a handoff between departments that the latest survey wave rated with fewer than min_responses answers, or not at all",
        help: "a quality resting on too few answers is an opinion, not a measure; ask more people in the receiving department to rate it in the next wave",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for r in RULES {
            assert!(r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.id);
            assert!(r.summary.len() > 10 && r.help.len() > 20, "{}", r.id);
        }
    }
}
