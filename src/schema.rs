//! The JSON Schema (draft-07) of the org file, for editors with a YAML
//! language server: completion, hover help and errors as you type. The
//! types here give each key's shape; each key's description comes from the
//! format registry (`format.rs`), and a test fails if the schema's keys and
//! the registry's disagree. Another test holds every example against it.
//!
//! Optional fields with a custom schema say `skip_serializing_if` so that
//! schemars writes no `"default": null` for them: yaml-language-server's
//! completion fails on a null default of a string field and then offers
//! none of the keys after it (`serves`, `tags`, `include`).

use crate::format::{Key, Kind, Record};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

/// An org file: departments, the customers their work reaches, and the
/// handoffs between them.
#[derive(JsonSchema)]
#[schemars(title = "servchain org file", deny_unknown_fields)]
#[allow(dead_code)]
struct OrgFile {
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "version")]
    version: Option<u32>,
    organization: Option<String>,
    include: Option<Vec<String>>,
    customers: Option<Vec<Customer>>,
    departments: Option<Vec<Department>>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "edge_handoffs")]
    handoffs: Option<Vec<Value>>,
    units: Option<Vec<Unit>>,
    policy: Option<Policy>,
    surveys: Option<Vec<Survey>>,
}

/// A unit: a division, business unit or site grouping departments.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Unit {
    #[schemars(schema_with = "id")]
    id: String,
    name: Option<String>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "id")]
    parent: Option<String>,
    lead: Option<String>,
}

/// One wave of an internal-customer survey.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Survey {
    file: String,
    wave: Option<String>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "scale")]
    scale: Option<Value>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "survey_format")]
    format: Option<String>,
    columns: Option<SurveyColumns>,
    rater_column: Option<String>,
    sheet: Option<String>,
    skip_rows: Option<u64>,
    min_responses: Option<u64>,
}

/// A long survey's column names.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct SurveyColumns {
    rater: Option<String>,
    supplier: Option<String>,
    what: Option<String>,
    score: Option<String>,
    respondent: Option<String>,
    comment: Option<String>,
}

/// An external customer.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Customer {
    #[schemars(schema_with = "id")]
    id: String,
    name: Option<String>,
    description: Option<String>,
    promise: Option<Level>,
    meta: Option<Map<String, Value>>,
}

/// A service level: agreed on a handoff, or promised to a customer.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Level {
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "quality")]
    quality: Option<Value>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "lead_time")]
    lead_time: Option<String>,
}

/// A department.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Department {
    #[schemars(schema_with = "id")]
    id: String,
    name: Option<String>,
    lead: Option<String>,
    headcount: Option<u64>,
    tags: Option<Vec<String>>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "id")]
    unit: Option<String>,
    description: Option<String>,
    meta: Option<Map<String, Value>>,
    serves: Option<Vec<Handoff>>,
}

/// A handoff from the department it is listed under.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Handoff {
    #[schemars(schema_with = "id")]
    to: String,
    what: Option<String>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "quality")]
    quality: Option<Value>,
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "lead_time")]
    lead_time: Option<String>,
    agreed: Option<Level>,
    feedback: Option<bool>,
    meta: Option<Map<String, Value>>,
}

/// The policy of `servchain check`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Policy {
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "rules")]
    rules: Option<Value>,
}

/// The top-level `handoffs` list: handoffs as under `serves`, plus `from`.
fn edge_handoffs(g: &mut SchemaGenerator) -> Schema {
    let mut handoff = Handoff::json_schema(g).to_value();
    handoff["description"] = Value::from("A handoff written in the top-level `handoffs` list.");
    let mut from = id(g).to_value();
    from["description"] = Value::from("The supplier: a department id.");
    handoff["properties"]["from"] = from;
    if let Some(required) = handoff["required"].as_array_mut() {
        required.insert(0, Value::from("from"));
    }
    json_schema!({ "type": ["array", "null"], "items": handoff })
}

fn version(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "description": "The format version; only 1 exists.", "enum": [1] })
}

fn id(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$", "maxLength": 63 })
}

fn quality(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "The receiver's rating: a number from 0 to 1, or a percentage from 0% to 100%.",
        "oneOf": [
            { "type": "number", "minimum": 0, "maximum": 1 },
            { "type": "string", "pattern": "^\\s*(100(\\.0*)?|[0-9]{1,2}(\\.[0-9]*)?)\\s*%\\s*$" },
            { "type": "string", "pattern": "^\\s*(1(\\.0*)?|0?\\.[0-9]+|0)\\s*$" }
        ]
    })
}

fn lead_time(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": "^\\s*([0-9]+\\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)\\s*)+$"
    })
}

fn scale(_: &mut SchemaGenerator) -> Schema {
    // anyOf: `1-5` is both a named scale and an `A-B` range.
    json_schema!({
        "anyOf": [
            { "enum": crate::load::survey::scale::NAMES },
            { "type": "string", "pattern": "^\\s*-?[0-9.]+\\s*-\\s*-?[0-9.]+\\s*$" },
            registry_object(Record::SurveyScale, |_| true)
        ]
    })
}

/// A rule's severity, alone or in its setting: a level's name, or `false`
/// for off.
fn severity() -> Value {
    let names = crate::check::Level::NAMES.map(Value::from);
    serde_json::json!({ "enum": names.into_iter().chain([Value::Bool(false)]).collect::<Vec<_>>() })
}

/// A record's object, its keys and descriptions from the registry (those
/// `keep` keeps), for the records whose keys have plain shapes.
fn registry_object(record: Record, keep: impl Fn(&Key) -> bool) -> Value {
    let keys: Vec<&Key> = record.keys().filter(|k| keep(k)).collect();
    let properties: Map<String, Value> = keys
        .iter()
        .map(|key| {
            let mut shape = match key.kind {
                Kind::Number => serde_json::json!({ "type": "number" }),
                Kind::Words => serde_json::json!({ "type": "object", "additionalProperties": { "type": "number" } }),
                Kind::Severity => severity(),
                Kind::Texts => serde_json::json!({ "type": "array", "items": { "type": "string" } }),
                Kind::Threshold => serde_json::json!({ "type": ["number", "string"] }),
                other => unreachable!("{record:?}.{} is a {other:?}: give it a shape here", key.name),
            };
            shape["description"] = Value::from(key.doc);
            (key.name.to_owned(), shape)
        })
        .collect();
    let mut object = serde_json::json!({ "type": "object", "additionalProperties": false, "properties": properties });
    let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
    if !required.is_empty() {
        object["required"] = Value::from(required);
    }
    object
}

fn survey_format(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "enum": ["long", "wide"] })
}

fn rules(_: &mut SchemaGenerator) -> Schema {
    let ids: Vec<&str> = crate::check::RULES.iter().map(|r| r.id()).collect();
    let properties: Map<String, Value> = crate::check::RULES
        .iter()
        .map(|r| {
            // A rule's threshold is a key of its setting only if it has one.
            let object = registry_object(Record::RuleSetting, |k| k.kind != Kind::Threshold || r.threshold.is_some());
            let setting = serde_json::json!({
                "description": format!("{}. {}", r.code.summary(), r.code.help()),
                "oneOf": [severity(), object]
            });
            (r.id().to_owned(), setting)
        })
        .collect();
    json_schema!({
        "type": ["object", "null"],
        "propertyNames": { "enum": ids },
        "properties": properties,
    })
}

/// The schema, as JSON.
pub fn org_file_schema() -> Value {
    let schema = schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<OrgFile>();
    let mut value = schema.to_value();
    for (pointer, record) in OBJECTS {
        if let Some(Value::Object(properties)) = value.pointer_mut(&format!("{pointer}/properties")) {
            for (name, property) in properties.iter_mut() {
                if let (Some(key), Value::Object(p)) = (record.key(name), property) {
                    p.insert("description".to_owned(), Value::from(key.doc));
                }
            }
        }
    }
    value
}

/// Where each record's object is in the schema.
const OBJECTS: [(&str, Record); 10] = [
    ("", Record::Top),
    ("/definitions/Customer", Record::Customer),
    ("/definitions/Department", Record::Department),
    ("/definitions/Handoff", Record::Serves),
    ("/properties/handoffs/items", Record::Handoff),
    ("/definitions/Policy", Record::Policy),
    ("/definitions/Survey", Record::Survey),
    ("/definitions/SurveyColumns", Record::SurveyColumns),
    ("/definitions/Level", Record::Level),
    ("/definitions/Unit", Record::Unit),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The schema's keys, required keys and descriptions are the registry's:
    /// every record's object, a survey's scale and every rule's setting
    /// (a rule without a threshold has none in its setting).
    #[test]
    fn the_schema_and_the_format_registry_agree() {
        let schema = org_file_schema();
        let mut objects: Vec<(String, Record, bool)> = OBJECTS.iter().map(|&(p, r)| (p.to_owned(), r, true)).collect();
        objects.push(("/definitions/Survey/properties/scale/anyOf/2".to_owned(), Record::SurveyScale, true));
        for r in crate::check::RULES {
            let pointer = format!("/definitions/Policy/properties/rules/properties/{}/oneOf/1", r.id());
            objects.push((pointer, Record::RuleSetting, r.threshold.is_some()));
        }
        // Every record of an org file (servchain.toml's is not one).
        for record in Record::ALL.into_iter().filter(|&r| r != Record::Config) {
            assert!(objects.iter().any(|o| o.1 == record), "the agreement checks no {record:?}");
        }
        for (pointer, record, threshold) in objects {
            let object = schema.pointer(&pointer).unwrap_or_else(|| panic!("no {pointer}"));
            let properties = object["properties"].as_object().unwrap_or_else(|| panic!("{pointer}"));
            let in_schema: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
            let in_registry: BTreeSet<&str> =
                record.keys().filter(|k| threshold || k.kind != Kind::Threshold).map(|k| k.name).collect();
            assert_eq!(in_schema, in_registry, "{record:?}");
            let required: BTreeSet<&str> =
                object["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            let must: BTreeSet<&str> = record.keys().filter(|k| k.required).map(|k| k.name).collect();
            assert_eq!(required, must, "{record:?}");
            for key in record.keys().filter(|k| in_schema.contains(k.name)) {
                assert_eq!(properties[key.name]["description"], key.doc, "{record:?}.{}", key.name);
            }
            assert_eq!(object["additionalProperties"], false, "{record:?} refuses unknown keys");
        }
    }
}
