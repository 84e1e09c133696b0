//! The kinds of change a diff reports as better or worse: the one list that
//! defines a regression (and its mirror, an improvement). The JSON `kind`,
//! SARIF's rules, `diff --help` and the README are all checked against it.

use crate::diagnostic::Code;
use serde::Serialize;

/// What kind of change an [`Item`](super::Item) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    // Regressions.
    CutOff,
    StrengthDown,
    RolledQualityDown,
    QualityDown,
    LeadTimeUp,
    HandoffRemoved,
    NewSpof,
    SpofImpactUp,
    NewCriticalHandoff,
    CriticalImpactUp,
    NewCycle,
    PromiseMissed,
    NewFinding,
    // Their mirrors: improvements.
    Reconnected,
    StrengthUp,
    RolledQualityUp,
    QualityUp,
    LeadTimeDown,
    SpofGone,
    SpofImpactDown,
    CriticalHandoffGone,
    CriticalImpactDown,
    CycleGone,
    PromiseKept,
    FixedFinding,
    // Changes that are neither better nor worse.
    LoopChanged,
    ImpactChanged,
}

impl Kind {
    /// Every kind: the regressions, their mirrors, the other changes.
    pub const ALL: [Kind; 27] = [
        Kind::CutOff,
        Kind::StrengthDown,
        Kind::RolledQualityDown,
        Kind::QualityDown,
        Kind::LeadTimeUp,
        Kind::HandoffRemoved,
        Kind::NewSpof,
        Kind::SpofImpactUp,
        Kind::NewCriticalHandoff,
        Kind::CriticalImpactUp,
        Kind::NewCycle,
        Kind::PromiseMissed,
        Kind::NewFinding,
        Kind::Reconnected,
        Kind::StrengthUp,
        Kind::RolledQualityUp,
        Kind::QualityUp,
        Kind::LeadTimeDown,
        Kind::SpofGone,
        Kind::SpofImpactDown,
        Kind::CriticalHandoffGone,
        Kind::CriticalImpactDown,
        Kind::CycleGone,
        Kind::PromiseKept,
        Kind::FixedFinding,
        Kind::LoopChanged,
        Kind::ImpactChanged,
    ];

    /// Every kind that is a regression, in the order the docs list them.
    pub const REGRESSIONS: [Kind; 13] = [
        Kind::CutOff,
        Kind::StrengthDown,
        Kind::RolledQualityDown,
        Kind::QualityDown,
        Kind::LeadTimeUp,
        Kind::HandoffRemoved,
        Kind::NewSpof,
        Kind::SpofImpactUp,
        Kind::NewCriticalHandoff,
        Kind::CriticalImpactUp,
        Kind::NewCycle,
        Kind::PromiseMissed,
        Kind::NewFinding,
    ];

    /// The kind's name in the JSON report and on the command line: a
    /// regression with a diagnostic code is named by it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NewFinding => "new-finding",
            Kind::Reconnected => "reconnected",
            Kind::StrengthUp => "strength-up",
            Kind::RolledQualityUp => "rolled-quality-up",
            Kind::QualityUp => "quality-up",
            Kind::LeadTimeDown => "lead-time-down",
            Kind::SpofGone => "spof-gone",
            Kind::SpofImpactDown => "spof-impact-down",
            Kind::CriticalHandoffGone => "critical-handoff-gone",
            Kind::CriticalImpactDown => "critical-impact-down",
            Kind::CycleGone => "cycle-gone",
            Kind::PromiseKept => "promise-kept",
            Kind::FixedFinding => "fixed-finding",
            Kind::LoopChanged => "loop-changed",
            Kind::ImpactChanged => "impact-changed",
            coded => coded.code().map_or("?", Code::as_str),
        }
    }

    /// The diagnostic code a regression is reported under in SARIF and
    /// GitHub annotations (described in the registry); `None` for the rest,
    /// and for a new finding, which keeps its own rule.
    pub fn code(self) -> Option<Code> {
        Some(match self {
            Kind::CutOff => Code::CutOff,
            Kind::StrengthDown => Code::StrengthDown,
            Kind::RolledQualityDown => Code::RolledQualityDown,
            Kind::QualityDown => Code::QualityDown,
            Kind::LeadTimeUp => Code::LeadTimeUp,
            Kind::HandoffRemoved => Code::HandoffRemoved,
            Kind::NewSpof => Code::NewSpof,
            Kind::SpofImpactUp => Code::SpofImpactUp,
            Kind::NewCriticalHandoff => Code::NewCriticalHandoff,
            Kind::CriticalImpactUp => Code::CriticalImpactUp,
            Kind::NewCycle => Code::NewCycle,
            Kind::PromiseMissed => Code::PromiseMissed,
            _ => return None,
        })
    }

    /// How to act on a regression of this kind.
    pub fn help(self) -> &'static str {
        match self {
            // Rules of `check` too, whose help speaks of a finding, not of a change.
            Kind::CutOff => "give the department a handoff to someone who reaches a customer, or remove it",
            Kind::PromiseMissed => {
                "raise the weakest handoff on its best chain to the customer (`servchain check` says to what)"
            }
            Kind::NewFinding => "see the finding's own help (`servchain check`)",
            // The registry's help for the codes `diff` alone reports.
            other => other.code().map_or("an improvement", Code::help),
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_one_name_the_json_and_the_command_line_share() {
        let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        for kind in Kind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str(), "{kind:?}");
            if let Some(code) = kind.code() {
                assert_eq!(kind.as_str(), code.as_str(), "{kind:?} is named by its code");
                assert!(Kind::REGRESSIONS.contains(&kind), "{kind:?} has a code, so it is a regression");
            }
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len(), "names differ");
        assert!(Kind::REGRESSIONS.iter().all(|r| Kind::ALL.contains(r)));
    }
}
