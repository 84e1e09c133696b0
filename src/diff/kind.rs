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

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CutOff => "cut-off",
            Kind::StrengthDown => "strength-down",
            Kind::RolledQualityDown => "rolled-quality-down",
            Kind::QualityDown => "quality-down",
            Kind::LeadTimeUp => "lead-time-up",
            Kind::HandoffRemoved => "handoff-removed",
            Kind::NewSpof => "new-spof",
            Kind::SpofImpactUp => "spof-impact-up",
            Kind::NewCriticalHandoff => "new-critical-handoff",
            Kind::CriticalImpactUp => "critical-impact-up",
            Kind::NewCycle => "new-cycle",
            Kind::PromiseMissed => "promise-missed",
            Kind::PromiseKept => "promise-kept",
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
            Kind::FixedFinding => "fixed-finding",
            Kind::LoopChanged => "loop-changed",
            Kind::ImpactChanged => "impact-changed",
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

    /// One line on what the kind means.
    pub fn summary(self) -> &'static str {
        match self {
            Kind::CutOff => "a department is newly cut off from the customer",
            Kind::StrengthDown => "a department's strength went down by more than --tolerance",
            Kind::RolledQualityDown => "a department's rolled quality went down by more than --tolerance",
            Kind::QualityDown => "a handoff's quality went down by more than --tolerance",
            Kind::LeadTimeUp => "a department's or a handoff's lead time went up by more than --lead-time-tolerance",
            Kind::HandoffRemoved => "a handoff that work flowed through to a customer was removed",
            Kind::NewSpof => "a new single point of failure for departments that reached a customer",
            Kind::SpofImpactUp => "more departments depend on a single point of failure",
            Kind::NewCriticalHandoff => "a new critical handoff for departments that reached a customer",
            Kind::CriticalImpactUp => "more departments depend on a critical handoff",
            Kind::NewCycle => "a new rework loop",
            Kind::PromiseMissed => "a department newly misses a customer's promise",
            Kind::PromiseKept => "a department now keeps a customer's promise it missed",
            Kind::NewFinding => "a new check finding at or above --fail-on",
            Kind::Reconnected => "a department reaches the customer again",
            Kind::StrengthUp => "a department's strength went up by more than --tolerance",
            Kind::RolledQualityUp => "a department's rolled quality went up by more than --tolerance",
            Kind::QualityUp => "a handoff's quality went up by more than --tolerance",
            Kind::LeadTimeDown => "a lead time went down by more than --lead-time-tolerance",
            Kind::SpofGone => "a single point of failure is gone",
            Kind::SpofImpactDown => "fewer departments depend on a single point of failure",
            Kind::CriticalHandoffGone => "a critical handoff is gone",
            Kind::CriticalImpactDown => "fewer departments depend on a critical handoff",
            Kind::CycleGone => "a rework loop is gone",
            Kind::FixedFinding => "a check finding at or above --fail-on is fixed",
            Kind::LoopChanged => "a rework loop gained or lost departments",
            Kind::ImpactChanged => "an impact changed only over departments new to the chain",
        }
    }

    /// How to act on a regression of this kind.
    pub fn help(self) -> &'static str {
        match self {
            Kind::CutOff => "give the department a handoff to someone who reaches a customer, or remove it",
            Kind::StrengthDown | Kind::RolledQualityDown | Kind::QualityDown => {
                "find the handoff whose quality dropped (`servchain trace`) and agree how to restore it"
            }
            Kind::LeadTimeUp => "find the slower handoff on the chain (`servchain trace`)",
            Kind::HandoffRemoved => "check that the work the handoff carried still reaches the customer another way",
            Kind::NewSpof | Kind::SpofImpactUp | Kind::NewCriticalHandoff | Kind::CriticalImpactUp => {
                "give the departments behind it a second way to the customer"
            }
            Kind::NewCycle => "break the loop, or check that the work it returns is meant to come back",
            Kind::PromiseMissed => {
                "raise the weakest handoff on its best chain to the customer (`servchain check` says to what)"
            }
            Kind::NewFinding => "see the finding's own help (`servchain check`)",
            _ => "an improvement",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
