//! The policy: which rules apply, how seriously, at what threshold, and to
//! whom not. Read from `policy:` sections (in the org's files, then in
//! `--policy FILE`, later ones overriding earlier ones), checking every
//! setting and reporting each mistake where it is written.

use super::rules::{Level, RULES, Rule, Threshold, ThresholdKind};
use crate::clip::{QUOTE, clip, quote};
use crate::diagnostic::{Code, Diagnostic};
use crate::format::Record;
use crate::load::fields::Fields;
use crate::load::values;
use crate::model::{Node, NodeValue, Org};
use crate::suggest::{Budget as SuggestionBudget, did_you_mean};
use std::collections::BTreeSet;

/// How one rule is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub level: Level,
    pub threshold: Option<Threshold>,
    /// Ids the rule does not apply to.
    pub except: BTreeSet<String>,
}

/// Every rule's setting, in the order of [`RULES`].
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    settings: Vec<Setting>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            settings: RULES
                .iter()
                .map(|r| Setting { level: r.default, threshold: r.threshold.map(|t| t.1), except: BTreeSet::new() })
                .collect(),
        }
    }
}

impl Policy {
    /// The defaults, overridden by each `policy:` node in turn.
    pub fn read(nodes: &[&Node], org: &Org, diags: &mut Vec<Diagnostic>) -> Policy {
        let mut policy = Policy::default();
        // `thin-evidence` is a warning when the org has surveys, else off
        // (a policy may still turn it on; it then finds nothing).
        if org.surveys.is_empty()
            && let Some(i) = RULES.iter().position(|r| r.code == crate::diagnostic::Code::ThinEvidence)
        {
            policy.settings[i].level = Level::Off;
        }
        // One budget for the suggestions of every `except` list.
        let mut budget = SuggestionBudget::default();
        for node in nodes {
            policy.apply(node, org, &mut budget, diags);
        }
        policy
    }

    /// The rules that are on, with their settings.
    pub fn enabled(&self) -> impl Iterator<Item = (&'static Rule, &Setting)> {
        RULES.iter().zip(&self.settings).filter(|(_, s)| s.level != Level::Off)
    }

    fn apply(&mut self, node: &Node, org: &Org, budget: &mut SuggestionBudget, diags: &mut Vec<Diagnostic>) {
        let NodeValue::Map(entries) = &node.value else { return };
        let mut fields = Fields::new(Record::Policy, node.loc, entries.clone());
        let rules = fields.take("rules");
        fields.finish(diags);
        let Some(value) = rules else { return };
        if value.value == NodeValue::Null {
            return; // every rule commented out: the defaults
        }
        let NodeValue::Map(rules) = &value.value else {
            diags.push(
                Diagnostic::error(Code::WrongType, "`rules` must be a mapping of rule ids to settings")
                    .at(value.loc, "expected a mapping")
                    .help("write one line per rule, e.g. `weak-handoff: { severity: warning, threshold: 0.7 }`"),
            );
            return;
        };
        for (id, id_loc, setting) in rules {
            match RULES.iter().position(|r| r.id() == id) {
                Some(i) => self.set(i, setting, org, budget, diags),
                None => diags.push(
                    Diagnostic::error(Code::UnknownRule, format!("there is no rule `{}`", clip(id, QUOTE)))
                        .at(*id_loc, "unknown rule")
                        .help(did_you_mean(id, RULES.iter().map(|r| r.id())).unwrap_or_else(|| {
                            format!("the rules are: {}", RULES.iter().map(|r| r.id()).collect::<Vec<_>>().join(", "))
                        })),
                ),
            }
        }
    }

    fn set(&mut self, i: usize, node: &Node, org: &Org, budget: &mut SuggestionBudget, diags: &mut Vec<Diagnostic>) {
        let rule = &RULES[i];
        match &node.value {
            NodeValue::Str(s) => {
                if let Some(level) = level(s, node, diags) {
                    self.settings[i].level = level;
                }
            }
            // YAML reads a bare `off` (or `no`) as false: the rule is off.
            NodeValue::Bool(false) => self.settings[i].level = Level::Off,
            NodeValue::Bool(true) => self.settings[i].level = rule.default.max(Level::Info),
            NodeValue::Map(entries) => {
                let mut fields = Fields::new(Record::RuleSetting, node.loc, entries.clone())
                    .called(format!("the setting of `{}`", rule.id()));
                let severity = fields.take("severity");
                let has_severity = severity.is_some();
                if let Some(value) = severity {
                    match &value.value {
                        NodeValue::Str(s) => {
                            if let Some(level) = level(s, &value, diags) {
                                self.settings[i].level = level;
                            }
                        }
                        NodeValue::Bool(false) => self.settings[i].level = Level::Off,
                        _ => diags.push(bad_severity(&value)),
                    }
                }
                if let Some((key_loc, value)) = fields.take_with_key("threshold") {
                    match rule.threshold {
                        Some((kind, _)) => {
                            if let Some(t) = threshold(kind, &value, rule, diags) {
                                self.settings[i].threshold = Some(t);
                                // Giving a rule that is off a threshold means wanting it.
                                if self.settings[i].level == Level::Off && !has_severity {
                                    self.settings[i].level = Level::Warning;
                                }
                            }
                        }
                        None => diags.push(
                            Diagnostic::error(
                                Code::InvalidThreshold,
                                format!("the rule `{}` takes no threshold", rule.id()),
                            )
                            .at(key_loc, "no threshold here")
                            .help("remove `threshold`"),
                        ),
                    }
                }
                if let Some(value) = fields.take("except")
                    && let Some(ids) = except(&value, org, budget, diags)
                {
                    self.settings[i].except = ids;
                }
                fields.finish(diags);
            }
            _ => diags.push(bad_severity(node)),
        }
    }
}

fn level(s: &str, node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Level> {
    let level = Level::parse(s);
    if level.is_none() {
        let mut d = bad_severity(node);
        if let Some(hint) = did_you_mean(s, Level::NAMES) {
            d = d.help(hint);
        }
        diags.push(d);
    }
    level
}

fn bad_severity(node: &Node) -> Diagnostic {
    Diagnostic::error(Code::InvalidSeverity, "a rule's severity is one of error, warning, info or off")
        .at(node.loc, "not a severity")
        .help("write e.g. `cut-off: error` or `weak-handoff: { severity: warning, threshold: 0.7 }`")
}

fn threshold(kind: ThresholdKind, node: &Node, rule: &Rule, diags: &mut Vec<Diagnostic>) -> Option<Threshold> {
    let number = match &node.value {
        NodeValue::Float(x) => Some(*x),
        NodeValue::UInt(n) => Some(*n as f64),
        NodeValue::Int(n) => Some(*n as f64),
        _ => None,
    };
    let result: Result<Threshold, String> = match (kind, &node.value) {
        (ThresholdKind::Quality, NodeValue::Str(s)) => {
            values::quality_text(s).map(Threshold::Quality).map_err(|p| p.message)
        }
        (ThresholdKind::Quality, _) if number.is_some() => {
            values::quality_number(number.unwrap_or(0.0)).map(Threshold::Quality).map_err(|p| p.message)
        }
        (ThresholdKind::ShareOrCount, NodeValue::Str(s)) if s.trim().ends_with('%') => values::quality_text(s)
            .map(Threshold::Share)
            .map_err(|_| format!("{} is not a percentage from 0% to 100%", quote(s))),
        (ThresholdKind::ShareOrCount, NodeValue::UInt(n)) => Ok(Threshold::Count(*n)),
        (ThresholdKind::ShareOrCount, NodeValue::Float(x)) if (0.0..1.0).contains(x) => Ok(Threshold::Share(*x)),
        (ThresholdKind::ShareOrCount, NodeValue::Float(x)) if *x >= 1.0 && x.fract() == 0.0 && *x < 1e15 => {
            Ok(Threshold::Count(*x as u64))
        }
        (ThresholdKind::Hops, NodeValue::UInt(n)) => Ok(Threshold::Hops(*n)),
        (ThresholdKind::Duration, NodeValue::Str(s)) => {
            values::lead_time(s).map(Threshold::Duration).map_err(|p| p.message)
        }
        _ => Err("it has the wrong kind of value".to_owned()),
    };
    match result {
        Ok(t) => Some(t),
        Err(why) => {
            let expected = match kind {
                ThresholdKind::Quality => "a quality: a number from 0 to 1 or a percentage such as \"70%\"",
                ThresholdKind::ShareOrCount => {
                    "a share of the departments such as \"20%\", or a whole number of departments"
                }
                ThresholdKind::Hops => "a whole number of hops",
                ThresholdKind::Duration => "a duration such as \"5d\"",
            };
            diags.push(
                Diagnostic::error(
                    Code::InvalidThreshold,
                    format!("the threshold of `{}` is not valid: {why}", rule.id()),
                )
                .at(node.loc, "invalid threshold")
                .help(format!("the threshold of `{}` is {expected}", rule.id())),
            );
            None
        }
    }
}

fn except(
    node: &Node,
    org: &Org,
    budget: &mut SuggestionBudget,
    diags: &mut Vec<Diagnostic>,
) -> Option<BTreeSet<String>> {
    let NodeValue::Seq(items) = &node.value else {
        diags.push(
            Diagnostic::error(Code::WrongType, "`except` must be a list of department, customer or unit ids")
                .at(node.loc, "expected a list")
                .help("write e.g. `except: [research, legal]`"),
        );
        return None;
    };
    let mut ids = BTreeSet::new();
    for item in items {
        let id = match &item.value {
            NodeValue::Str(s) => s.clone(),
            NodeValue::UInt(n) => n.to_string(),
            _ => {
                diags
                    .push(Diagnostic::error(Code::WrongType, "each `except` entry is an id").at(item.loc, "not an id"));
                continue;
            }
        };
        // A unit stands for every department in it and its sub-units.
        if let Some(u) = org.units.lookup(&id) {
            ids.extend(org.unit_departments(u).into_iter().map(|d| org.department(d).id.to_string()));
            ids.insert(id);
            continue;
        }
        if org.lookup(&id).is_none() {
            let units = org.units.list.iter().map(|u| (u.id.as_str(), u.name.as_str()));
            let help = org
                .suggest_id(&id, budget)
                .or_else(|| crate::suggest::did_you_mean_id(&id, units, budget))
                .unwrap_or_else(|| "fix or remove the id".to_owned());
            diags.push(
                Diagnostic::error(
                    Code::UnknownId,
                    format!("`except` names {}, which is not a department, customer or unit", quote(&id)),
                )
                .at(item.loc, "no such id")
                .help(help),
            );
            continue;
        }
        ids.insert(id);
    }
    Some(ids)
}
