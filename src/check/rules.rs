//! Every policy rule, registered once: its id, default severity and
//! threshold and what finds it; its texts are its code's, in
//! [`crate::diagnostic::Code`].

use crate::diagnostic::Code;

/// How serious a rule's findings are; `Off` turns the rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    /// Every level's name, as a policy writes it, most serious first.
    pub const NAMES: [&str; 4] = ["error", "warning", "info", "off"];

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
    /// The rule's code, whose registry entry holds its summary, description and help.
    pub code: Code,
    pub default: Level,
    pub threshold: Option<(ThresholdKind, Threshold)>,
    /// What finds it.
    pub(super) check: fn(&mut super::Cx<'_>),
}

impl Rule {
    /// The rule's id, as policies name it: its code's name.
    pub fn id(&self) -> &'static str {
        self.code.as_str()
    }
}

const DAY: u64 = 86_400;

pub const RULES: &[Rule] = &[
    Rule { code: Code::CutOff, check: |cx| cx.cut_off(), default: Level::Error, threshold: None },
    Rule { code: Code::HandoffCycle, check: |cx| cx.cycles(), default: Level::Warning, threshold: None },
    Rule {
        code: Code::WeakHandoff,
        check: |cx| cx.weak_handoffs(),
        default: Level::Warning,
        threshold: Some((ThresholdKind::Quality, Threshold::Quality(0.7))),
    },
    Rule {
        code: Code::WeakChain,
        check: |cx| cx.weak_chains(),
        default: Level::Warning,
        threshold: Some((ThresholdKind::Quality, Threshold::Quality(0.6))),
    },
    Rule {
        code: Code::SinglePointOfFailure,
        check: |cx| cx.single_points(),
        default: Level::Warning,
        threshold: Some((ThresholdKind::ShareOrCount, Threshold::Share(0.2))),
    },
    Rule {
        code: Code::MaxHops,
        check: |cx| cx.max_hops(),
        default: Level::Off,
        threshold: Some((ThresholdKind::Hops, Threshold::Hops(6))),
    },
    Rule {
        code: Code::MaxLeadTime,
        check: |cx| cx.max_lead_time(),
        default: Level::Off,
        threshold: Some((ThresholdKind::Duration, Threshold::Duration(std::time::Duration::from_secs(5 * DAY)))),
    },
    Rule { code: Code::UnratedHandoff, check: |cx| cx.unrated(), default: Level::Off, threshold: None },
    Rule { code: Code::NoLead, check: |cx| cx.no_lead(), default: Level::Off, threshold: None },
    Rule { code: Code::UnservedCustomer, check: |cx| cx.unserved(), default: Level::Warning, threshold: None },
    Rule {
        code: Code::CrossUnitWeakHandoff,
        check: |cx| cx.cross_unit(),
        default: Level::Off,
        threshold: Some((ThresholdKind::Quality, Threshold::Quality(0.7))),
    },
    // Off for an org without `surveys:` (`Policy::read`).
    Rule { code: Code::ThinEvidence, check: |cx| cx.thin_evidence(), default: Level::Warning, threshold: None },
    Rule { code: Code::BelowAgreement, check: |cx| cx.below_agreement(), default: Level::Warning, threshold: None },
    Rule { code: Code::PromiseMissed, check: |cx| cx.promise_missed(), default: Level::Warning, threshold: None },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Family;

    #[test]
    fn every_rule_code_has_exactly_one_rule() {
        let mut codes: Vec<Code> = RULES.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        let mut registered: Vec<Code> = Code::ALL.iter().copied().filter(|c| c.family() == Family::Rule).collect();
        registered.sort_unstable();
        assert_eq!(codes, registered);
    }

    #[test]
    fn every_level_name_reads_as_its_level() {
        let levels: Vec<Option<Level>> = Level::NAMES.iter().map(|n| Level::parse(n)).collect();
        assert_eq!(levels, [Some(Level::Error), Some(Level::Warning), Some(Level::Info), Some(Level::Off)]);
    }
}
