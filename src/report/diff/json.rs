//! A diff as JSON, `schema_version` 2: `regressions` and `improvements` (and
//! `no_longer_apply`, `other_changes`) as lists of `{kind, ids, message,
//! old, new, file, line, column}`, and `departments`, `customers`,
//! `handoffs` sections with `added`, `removed`, `changed`. Qualities are
//! numbers in 0..1, lead times seconds.

use super::View;
use crate::diff::{DepartmentChange, Entity, HandoffEntity, Item, Pair, Place, Value, Version};
use serde_json::{Map, Value as Json, json};
use std::time::Duration;

pub fn json(v: &View<'_>) -> std::io::Result<String> {
    let d = v.diff;
    let items = |list: &[Item]| -> Json { list.iter().map(|i| item(v, i)).collect() };
    let entities = |list: &[Entity]| -> Json {
        list.iter().map(|e| located(v, json!({"id": e.id, "name": e.name}), e.place)).collect()
    };
    let handoffs = |list: &[HandoffEntity]| -> Json {
        list.iter()
            .map(|h| {
                let body = json!({
                    "from": h.ids[0], "to": h.ids[1], "what": h.ids[2],
                    "quality": h.quality, "lead_time_seconds": h.lead_time.map(|t| t.as_secs()),
                });
                located(v, body, h.place)
            })
            .collect()
    };
    let doc = json!({
        "schema_version": 2,
        "title": v.title,
        "note": v.note,
        "summary": {
            "regressions": d.regressions.len(),
            "improvements": d.improvements.len(),
            "no_longer_apply": d.no_longer_apply.len(),
            "other_changes": d.other.len(),
        },
        "regressions": items(&d.regressions),
        "improvements": items(&d.improvements),
        "no_longer_apply": items(&d.no_longer_apply),
        "other_changes": items(&d.other),
        "departments": {
            "added": entities(&d.departments.added),
            "removed": entities(&d.departments.removed),
            "changed": d.departments.changed.iter().map(|c| department(v, c)).collect::<Json>(),
        },
        "customers": {
            "added": entities(&d.customers.added),
            "removed": entities(&d.customers.removed),
            "changed": d.customers.changed.iter().map(|c| {
                let mut body = Map::new();
                body.insert("id".into(), json!(c.id));
                if let Some(p) = &c.renamed {
                    body.insert("name".into(), pair(p, |s| json!(s)));
                }
                if let Some(p) = &c.promise {
                    body.insert("promise".into(), pair(p, level));
                }
                located(v, Json::Object(body), c.place)
            }).collect::<Json>(),
        },
        "handoffs": {
            "added": handoffs(&d.handoffs.added),
            "removed": handoffs(&d.handoffs.removed),
            "changed": d.handoffs.changed.iter().map(|h| {
                let mut body = Map::new();
                body.insert("from".into(), json!(h.ids[0]));
                body.insert("to".into(), json!(h.ids[1]));
                body.insert("what".into(), json!(h.ids[2]));
                if let Some(q) = &h.quality {
                    body.insert("quality".into(), pair(q, |x| json!(x)));
                }
                if let Some(t) = &h.lead_time {
                    body.insert("lead_time_seconds".into(), pair(t, |x| json!(x.map(|t| t.as_secs()))));
                }
                if let Some(a) = &h.agreed {
                    body.insert("agreed".into(), pair(a, level));
                }
                located(v, Json::Object(body), h.place)
            }).collect::<Json>(),
        },
    });
    // User text stays exact, and still shows nothing raw.
    crate::display::json::to_string_pretty(&doc)
}

/// An agreed or promised level: `{quality, lead_time_seconds}`, or null.
fn level(l: &Option<crate::model::Level>) -> Json {
    l.map_or(Json::Null, |l| json!({"quality": l.quality, "lead_time_seconds": l.lead_time.map(|t| t.as_secs())}))
}

fn value(x: Value) -> Json {
    match x {
        Value::None => Json::Null,
        Value::Quality(q) => json!(q),
        Value::Count(n) => json!(n),
        Value::Time(t) => json!(seconds(t)),
        Value::Severity(s) => json!(s),
    }
}

fn seconds(t: Duration) -> u64 {
    t.as_secs()
}

fn item(v: &View<'_>, i: &Item) -> Json {
    let body = json!({
        "kind": i.kind.as_str(),
        "ids": i.ids,
        "message": i.message,
        "old": value(i.old),
        "new": value(i.new),
    });
    located(v, body, i.place)
}

fn pair<T>(p: &Pair<T>, f: impl Fn(&T) -> Json) -> Json {
    json!({"old": f(&p.old), "new": f(&p.new)})
}

/// Adds `file`, `line`, `column` (null when unknown) and, for a place in
/// the old version only, `"version": "old"`.
fn located(v: &View<'_>, body: Json, place: Option<Place>) -> Json {
    let Json::Object(mut map) = body else { return body };
    let at = v.place(place);
    map.insert("file".into(), json!(at.map(|a| a.0)));
    map.insert("line".into(), json!(at.map(|a| a.1)));
    map.insert("column".into(), json!(at.map(|a| a.2)));
    map.insert("version".into(), json!(at.map(|a| if a.3 == Version::Old { "old" } else { "new" })));
    Json::Object(map)
}

fn department(v: &View<'_>, c: &DepartmentChange) -> Json {
    let mut body = Map::new();
    body.insert("id".into(), json!(c.id));
    body.insert("name".into(), json!(c.name));
    let q = |x: &Option<f64>| json!(x);
    if let Some(p) = &c.renamed {
        body.insert("renamed".into(), pair(p, |s| json!(s)));
    }
    if let Some(p) = &c.reaches_customer {
        body.insert("reaches_customer".into(), pair(p, |b| json!(b)));
    }
    if let Some(p) = &c.strength {
        body.insert("strength".into(), pair(p, q));
    }
    if let Some(p) = &c.rolled_quality {
        body.insert("rolled_quality".into(), pair(p, q));
    }
    if let Some(p) = &c.lead_time {
        body.insert("lead_time_seconds".into(), pair(p, |t| json!(t.map(seconds))));
    }
    if let Some(p) = &c.spof_impact {
        body.insert("spof_impact".into(), pair(p, |n| json!(n)));
    }
    located(v, Json::Object(body), c.place)
}
