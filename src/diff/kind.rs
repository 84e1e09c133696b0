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
    /// Every kind: the regressions (first, see [`Kind::REGRESSIONS`]), their
    /// mirrors, the other changes.
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

    /// Every kind that is a regression, in the order the docs list them:
    /// the first of [`Kind::ALL`].
    pub const REGRESSIONS: &[Kind] = Kind::ALL.split_at(13).0;

    /// The kind's name in the JSON report and on the command line: a
    /// regression with a diagnostic code is named by it.
    pub fn as_str(self) -> &'static str {
        match self.named() {
            Ok(code) => code.as_str(),
            Err(name) => name,
        }
    }

    /// The diagnostic code a regression is reported under in SARIF and
    /// GitHub annotations (described in the registry); `None` for the rest,
    /// and for a new finding, which keeps its own rule.
    pub fn code(self) -> Option<Code> {
        self.named().ok()
    }

    /// Each kind's code, or its own name if it has none: one match, so a
    /// new kind cannot be left unnamed.
    fn named(self) -> Result<Code, &'static str> {
        match self {
            Kind::CutOff => Ok(Code::CutOff),
            Kind::StrengthDown => Ok(Code::StrengthDown),
            Kind::RolledQualityDown => Ok(Code::RolledQualityDown),
            Kind::QualityDown => Ok(Code::QualityDown),
            Kind::LeadTimeUp => Ok(Code::LeadTimeUp),
            Kind::HandoffRemoved => Ok(Code::HandoffRemoved),
            Kind::NewSpof => Ok(Code::NewSpof),
            Kind::SpofImpactUp => Ok(Code::SpofImpactUp),
            Kind::NewCriticalHandoff => Ok(Code::NewCriticalHandoff),
            Kind::CriticalImpactUp => Ok(Code::CriticalImpactUp),
            Kind::NewCycle => Ok(Code::NewCycle),
            Kind::PromiseMissed => Ok(Code::PromiseMissed),
            Kind::NewFinding => Err("new-finding"),
            Kind::Reconnected => Err("reconnected"),
            Kind::StrengthUp => Err("strength-up"),
            Kind::RolledQualityUp => Err("rolled-quality-up"),
            Kind::QualityUp => Err("quality-up"),
            Kind::LeadTimeDown => Err("lead-time-down"),
            Kind::SpofGone => Err("spof-gone"),
            Kind::SpofImpactDown => Err("spof-impact-down"),
            Kind::CriticalHandoffGone => Err("critical-handoff-gone"),
            Kind::CriticalImpactDown => Err("critical-impact-down"),
            Kind::CycleGone => Err("cycle-gone"),
            Kind::PromiseKept => Err("promise-kept"),
            Kind::FixedFinding => Err("fixed-finding"),
            Kind::LoopChanged => Err("loop-changed"),
            Kind::ImpactChanged => Err("impact-changed"),
        }
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
