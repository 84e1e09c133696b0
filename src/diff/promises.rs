//! Promises and agreements compared: a department that now misses a
//! customer's promise it did not miss before is a regression
//! (`promise-missed`), one that now keeps a promise it missed an
//! improvement (`promise-kept`). Agreements and promises that changed are
//! listed with the handoff and customer changes (`entities`).

use super::entities::item;
use super::{Diff, Kind, Matching, Place, Value, Version};
use crate::analysis::Outcome;
use crate::model::Org;
use crate::report::format::{duration, percent};
use std::collections::HashMap;

pub(super) fn compare(m: &Matching<'_>, d: &mut Diff) {
    let old = outcomes(m.old.org, &m.old.analysis.promises);
    for p in &m.new.analysis.promises {
        let customer = &m.new.org.customer(p.customer);
        for o in &p.outcomes {
            let dept = m.new.org.department(o.department);
            let before = old.get(&(dept.id.as_str(), customer.id.as_str())).copied();
            let ids = vec![dept.id.to_string(), customer.id.to_string()];
            let place = Some(Place { version: Version::New, loc: dept.loc });
            let who = m.name(Version::New, o.department);
            match (before.map(Outcome::met), o.met()) {
                (Some(true) | None, false) => {
                    let message = format!("{who} now misses the promise to {}: {}", customer.name, gets(o));
                    let old_value = before.map_or(Value::None, |b| Value::Quality(b.rolled_quality));
                    let new_value = Value::Quality(o.rolled_quality);
                    d.regressions.push(item(Kind::PromiseMissed, ids, message, old_value, new_value, place));
                }
                (Some(false), true) => {
                    let message = format!("{who} now keeps the promise to {}: {}", customer.name, gets(o));
                    let old_value = before.map_or(Value::None, |b| Value::Quality(b.rolled_quality));
                    d.improvements.push(item(
                        Kind::PromiseKept,
                        ids,
                        message,
                        old_value,
                        Value::Quality(o.rolled_quality),
                        place,
                    ));
                }
                _ => {}
            }
        }
    }
}

/// Every (department id, customer id) outcome of one side.
fn outcomes<'a>(org: &'a Org, promises: &'a [crate::analysis::Promise]) -> HashMap<(&'a str, &'a str), &'a Outcome> {
    promises
        .iter()
        .flat_map(|p| {
            let c = org.customer(p.customer).id.as_str();
            p.outcomes.iter().map(move |o| ((org.department(o.department).id.as_str(), c), o))
        })
        .collect()
}

/// `its best chain reaches them 59.2% right, the fastest in 1w 3d`.
fn gets(o: &Outcome) -> String {
    let lead = o.lead_time.map_or("no fully timed chain".to_owned(), |t| format!("the fastest in {}", duration(t)));
    format!("its best chain reaches them {} right, {lead}", percent(o.rolled_quality))
}
