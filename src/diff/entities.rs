//! The org's own records compared: departments, customers and handoffs
//! added, removed or changed, and the per-department and per-handoff
//! figures that got better or worse (cut off, strength, rolled quality,
//! lead time, a handoff's quality and lead time, a handoff removed).

use super::{Diff, Item, Kind, Matching, Options, Place, Value, Version, below};
use crate::analysis::handoff_key;
use crate::model::{DeptIdx, Endpoint, HandoffIdx, Level};
use std::collections::HashMap;
use std::time::Duration;

/// Records added, removed and changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<E, C> {
    pub added: Vec<E>,
    pub removed: Vec<E>,
    pub changed: Vec<C>,
}

impl<E, C> Default for Section<E, C> {
    fn default() -> Self {
        Section { added: Vec::new(), removed: Vec::new(), changed: Vec::new() }
    }
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair<T> {
    pub old: T,
    pub new: T,
}

/// A department or customer added or removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub place: Option<Place>,
}

/// A department on both sides, and what changed about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DepartmentChange {
    pub id: String,
    pub name: String,
    pub place: Option<Place>,
    pub renamed: Option<Pair<String>>,
    pub reaches_customer: Option<Pair<bool>>,
    pub strength: Option<Pair<Option<f64>>>,
    pub rolled_quality: Option<Pair<Option<f64>>>,
    pub lead_time: Option<Pair<Option<Duration>>>,
    pub spof_impact: Option<Pair<u32>>,
}

/// A customer on both sides whose name or promise changed.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerChange {
    pub id: String,
    pub renamed: Option<Pair<String>>,
    pub promise: Option<Pair<Option<Level>>>,
    pub place: Option<Place>,
}

/// A handoff added or removed.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoffEntity {
    /// From, to and what.
    pub ids: [String; 3],
    /// The supplier's and the receiver's names.
    pub names: [String; 2],
    pub quality: Option<f64>,
    pub lead_time: Option<Duration>,
    pub place: Option<Place>,
}

/// A handoff on both sides whose quality or lead time changed (rated and
/// unrated included).
#[derive(Debug, Clone, PartialEq)]
pub struct HandoffChange {
    pub ids: [String; 3],
    pub names: [String; 2],
    pub quality: Option<Pair<Option<f64>>>,
    pub lead_time: Option<Pair<Option<Duration>>>,
    /// The `agreed:` level, added, removed or changed.
    pub agreed: Option<Pair<Option<Level>>>,
    pub place: Option<Place>,
}

fn pair<T: PartialEq>(old: T, new: T) -> Option<Pair<T>> {
    (old != new).then_some(Pair { old, new })
}

fn quality(q: Option<f64>) -> Value {
    q.map_or(Value::None, Value::Quality)
}

pub(super) fn compare(m: &Matching<'_>, o: &Options, d: &mut Diff) {
    departments(m, o, d);
    customers(m, d);
    handoffs(m, o, d);
}

fn departments(m: &Matching<'_>, o: &Options, d: &mut Diff) {
    let (old, new) = (&m.old, &m.new);
    let at = |v: Version, x: DeptIdx| Some(Place { version: v, loc: m.side(v).org.department(x).loc });
    for (i, to) in m.old_to_new.iter().enumerate() {
        if to.is_none() {
            let x = DeptIdx(i as u32);
            let dept = old.org.department(x);
            d.departments.removed.push(Entity {
                id: dept.id.to_string(),
                name: dept.name.to_string(),
                place: at(Version::Old, x),
            });
        }
    }
    for (i, from) in m.new_to_old.iter().enumerate() {
        let x = DeptIdx(i as u32);
        let dept = new.org.department(x);
        let (id, name, place) = (dept.id.to_string(), m.name(Version::New, x), at(Version::New, x));
        let live = m.new_live[i];
        let Some(before) = *from else {
            d.departments.added.push(Entity { id: id.clone(), name: dept.name.to_string(), place });
            if !live {
                let message = format!("{name} is new and cut off from the customer: its work reaches no one");
                d.regressions.push(item(Kind::CutOff, vec![id], message, Value::None, Value::None, place));
            }
            continue;
        };
        let was_live = m.old_live[before.0 as usize];
        let (ao, an) = (old.analysis, new.analysis);
        let strength = (ao.strength(before), an.strength(x));
        let rolled = (ao.rolled_quality(before), an.rolled_quality(x));
        let lead = (ao.lead_time(before), an.lead_time(x));
        let impact = (ao.dominators.department_impact(before), an.dominators.department_impact(x));
        let change = DepartmentChange {
            id: id.clone(),
            name: dept.name.to_string(),
            place,
            renamed: pair(old.org.department(before).name.to_string(), dept.name.to_string()),
            reaches_customer: pair(was_live, live),
            strength: pair(strength.0, strength.1),
            rolled_quality: pair(rolled.0, rolled.1),
            lead_time: pair(lead.0, lead.1),
            spof_impact: pair(impact.0, impact.1),
        };
        if change != (DepartmentChange { id: id.clone(), name: dept.name.to_string(), place, ..Default::default() }) {
            d.departments.changed.push(change);
        }
        let mut push =
            |worse: bool, kind: Kind, mirror: Kind, what: &str, old: Value, new: Value, shown: (String, String)| {
                let (k, list) = if worse { (kind, &mut d.regressions) } else { (mirror, &mut d.improvements) };
                let verb = if worse { "down" } else { "up" };
                let verb = if what == "lead time" { if worse { "up" } else { "down" } } else { verb };
                let message = format!("{name}: {what} {verb} from {} to {}", shown.0, shown.1);
                list.push(item(k, vec![id.clone()], message, old, new, place));
            };
        match (was_live, live) {
            (true, false) => {
                let message = format!("{name} is newly cut off from the customer");
                d.regressions.push(item(
                    Kind::CutOff,
                    vec![id.clone()],
                    message,
                    quality(strength.0),
                    Value::None,
                    place,
                ));
            }
            (false, true) => {
                let message = format!("{name} reaches the customer again");
                d.improvements.push(item(
                    Kind::Reconnected,
                    vec![id.clone()],
                    message,
                    Value::None,
                    quality(strength.1),
                    place,
                ));
            }
            (true, true) => {
                let pct = crate::report::format::percent;
                for (what, kinds, (b, a)) in [
                    ("strength", (Kind::StrengthDown, Kind::StrengthUp), strength),
                    ("rolled quality", (Kind::RolledQualityDown, Kind::RolledQualityUp), rolled),
                ] {
                    if let (Some(b), Some(a)) = (b, a)
                        && (below(a, b, o.tolerance) || below(b, a, o.tolerance))
                    {
                        let worse = a < b;
                        push(worse, kinds.0, kinds.1, what, Value::Quality(b), Value::Quality(a), (pct(b), pct(a)));
                    }
                }
                if let (Some(b), Some(a)) = lead
                    && (a > b + o.lead_time_tolerance || b > a + o.lead_time_tolerance)
                {
                    let dur = crate::report::format::duration;
                    let shown = (dur(b), dur(a));
                    push(
                        a > b,
                        Kind::LeadTimeUp,
                        Kind::LeadTimeDown,
                        "lead time",
                        Value::Time(b),
                        Value::Time(a),
                        shown,
                    );
                }
            }
            (false, false) => {}
        }
    }
}

fn customers(m: &Matching<'_>, d: &mut Diff) {
    let entity = |v: Version, c: &crate::model::Customer| Entity {
        id: c.id.to_string(),
        name: c.name.clone(),
        place: c.loc.map(|loc| Place { version: v, loc }),
    };
    for c in &m.old.org.customers {
        if !matches!(m.new.org.lookup(&c.id), Some(Endpoint::Customer(_))) {
            d.customers.removed.push(entity(Version::Old, c));
        }
    }
    for c in &m.new.org.customers {
        match m.old.org.lookup(&c.id) {
            Some(Endpoint::Customer(before)) => {
                let was = m.old.org.customer(before);
                let renamed = pair(was.name.clone(), c.name.clone());
                let promise = pair(was.promise, c.promise);
                if renamed.is_some() || promise.is_some() {
                    let place = c.loc.map(|loc| Place { version: Version::New, loc });
                    d.customers.changed.push(CustomerChange { id: c.id.to_string(), renamed, promise, place });
                }
            }
            _ => d.customers.added.push(entity(Version::New, c)),
        }
    }
}

fn handoffs(m: &Matching<'_>, o: &Options, d: &mut Diff) {
    let (old, new) = (&m.old, &m.new);
    let mut by_key: HashMap<(&str, &str, &str), HandoffIdx> = HashMap::with_capacity(old.org.handoffs.len());
    for h in 0..old.org.handoffs.len() as u32 {
        by_key.insert(handoff_key(old.org, HandoffIdx(h)), HandoffIdx(h));
    }
    let ids = |k: (&str, &str, &str)| [k.0.to_owned(), k.1.to_owned(), k.2.to_owned()];
    let names = |v: Version, h: HandoffIdx| {
        let ho = m.side(v).org.handoff(h);
        [m.name(v, ho.from), m.endpoint_name(v, ho.to)]
    };
    let mut matched = vec![false; old.org.handoffs.len()];
    for h in (0..new.org.handoffs.len() as u32).map(HandoffIdx) {
        let key = handoff_key(new.org, h);
        let after = new.org.handoff(h);
        let place = Some(Place { version: Version::New, loc: after.loc });
        let Some(&b) = by_key.get(&key) else {
            d.handoffs.added.push(HandoffEntity {
                ids: ids(key),
                names: names(Version::New, h),
                quality: after.quality,
                lead_time: after.lead_time,
                place,
            });
            continue;
        };
        matched[b.0 as usize] = true;
        let before = old.org.handoff(b);
        let change = HandoffChange {
            ids: ids(key),
            names: names(Version::New, h),
            quality: pair(before.quality, after.quality),
            lead_time: pair(before.lead_time, after.lead_time),
            agreed: pair(before.agreed().copied(), after.agreed().copied()),
            place,
        };
        let label = handoff_label(&change.names, key.2);
        if let (Some(q0), Some(q1)) = (before.quality, after.quality)
            && (below(q1, q0, o.tolerance) || below(q0, q1, o.tolerance))
        {
            let pct = crate::report::format::percent;
            let (kind, list, verb) = if q1 < q0 {
                (Kind::QualityDown, &mut d.regressions, "down")
            } else {
                (Kind::QualityUp, &mut d.improvements, "up")
            };
            let message = format!("{label}: quality {verb} from {} to {}", pct(q0), pct(q1));
            list.push(item(kind, change.ids.to_vec(), message, Value::Quality(q0), Value::Quality(q1), place));
        }
        if let (Some(t0), Some(t1)) = (before.lead_time, after.lead_time)
            && (t1 > t0 + o.lead_time_tolerance || t0 > t1 + o.lead_time_tolerance)
        {
            let dur = crate::report::format::duration;
            let (kind, list, verb) = if t1 > t0 {
                (Kind::LeadTimeUp, &mut d.regressions, "up")
            } else {
                (Kind::LeadTimeDown, &mut d.improvements, "down")
            };
            let message = format!("{label}: lead time {verb} from {} to {}", dur(t0), dur(t1));
            list.push(item(kind, change.ids.to_vec(), message, Value::Time(t0), Value::Time(t1), place));
        }
        if change.quality.is_some() || change.lead_time.is_some() || change.agreed.is_some() {
            d.handoffs.changed.push(change);
        }
    }
    for (i, _) in matched.iter().enumerate().filter(|(_, m)| !**m) {
        let h = HandoffIdx(i as u32);
        let (key, before) = (handoff_key(old.org, h), old.org.handoff(h));
        let place = Some(Place { version: Version::Old, loc: before.loc });
        let entity = HandoffEntity {
            ids: ids(key),
            names: names(Version::Old, h),
            quality: before.quality,
            lead_time: before.lead_time,
            place,
        };
        // Only a handoff taken away between departments that are both still
        // there is a regression; one that went with its department is listed.
        let from_now = m.old_to_new[before.from.0 as usize];
        let to_now = match before.to {
            Endpoint::Department(t) => m.old_to_new[t.0 as usize].map(Endpoint::Department),
            Endpoint::Customer(c) => match new.org.lookup(&old.org.customer(c).id) {
                Some(e @ Endpoint::Customer(_)) => Some(e),
                _ => None,
            },
        };
        let on_chain = match before.to {
            Endpoint::Department(t) => m.old_live[t.0 as usize],
            Endpoint::Customer(_) => true,
        };
        if let (Some(f), Some(t), true) = (from_now, to_now, on_chain) {
            let label = handoff_label(&entity.names, key.2);
            let message = format!("{label} was removed; work flowed through it to the customer");
            let mut it =
                item(Kind::HandoffRemoved, entity.ids.to_vec(), message, quality(before.quality), Value::None, place);
            it.new_place = Some(new.org.department(f).loc).or(m.endpoint_loc(Version::New, t));
            d.regressions.push(it);
        }
        d.handoffs.removed.push(entity);
    }
}

/// `Warehouse -> Shipping (pallets)`.
pub(super) fn handoff_label(names: &[String; 2], what: &str) -> String {
    if what.is_empty() {
        format!("{} -> {}", names[0], names[1])
    } else {
        format!("{} -> {} ({what})", names[0], names[1])
    }
}

pub(super) fn item(
    kind: Kind,
    ids: Vec<String>,
    message: String,
    old: Value,
    new: Value,
    place: Option<Place>,
) -> Item {
    let new_place = place.filter(|p| p.version == Version::New).map(|p| p.loc);
    Item { kind, ids, message, old, new, place, new_place, rule: None }
}
