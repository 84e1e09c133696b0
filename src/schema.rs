//! The JSON Schema (draft-07) of the org file, for editors with a YAML
//! language server: completion, hover help and errors as you type. The
//! types here describe the format only; the loader's own types (in `load/`)
//! read it, and a test holds every example against this schema.
//!
//! Optional fields with a custom schema say `skip_serializing_if` so that
//! schemars writes no `"default": null` for them: yaml-language-server's
//! completion fails on a null default of a string field and then offers
//! none of the keys after it (`serves`, `tags`, `include`).

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

/// An org file: departments, the customers their work reaches, and the
/// handoffs between them.
#[derive(JsonSchema)]
#[schemars(title = "servchain org file", deny_unknown_fields)]
#[allow(dead_code)]
struct OrgFile {
    /// The format version; only 1 exists.
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "version")]
    version: Option<u32>,
    /// The organization's name. Files of one org must agree on it.
    organization: Option<String>,
    /// More files to load: globs relative to this file, e.g. "teams/*.yaml".
    include: Option<Vec<String>>,
    /// The external customers, where every chain ends. Left out everywhere,
    /// the org has one customer with the id "customer".
    customers: Option<Vec<Customer>>,
    /// The departments. An org needs at least one.
    departments: Option<Vec<Department>>,
    /// More handoffs, written as an edge list, each with `from`.
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "edge_handoffs")]
    handoffs: Option<Vec<Value>>,
    /// The rules `servchain check` applies.
    policy: Option<Policy>,
}

/// An external customer.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Customer {
    /// The customer's id; departments and customers share one set of ids.
    #[schemars(schema_with = "id")]
    id: String,
    /// The display name.
    name: Option<String>,
    description: Option<String>,
    /// Free-form data, carried into reports.
    meta: Option<Map<String, Value>>,
}

/// A department.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Department {
    /// The department's id; handoffs refer to it.
    #[schemars(schema_with = "id")]
    id: String,
    /// The display name; the id if left out.
    name: Option<String>,
    /// Who is accountable for what the department hands over.
    lead: Option<String>,
    /// How many people work in the department.
    headcount: Option<u64>,
    /// Labels.
    tags: Option<Vec<String>>,
    description: Option<String>,
    /// Free-form data, carried into reports.
    meta: Option<Map<String, Value>>,
    /// The handoffs this department makes: what it hands to whom.
    serves: Option<Vec<Handoff>>,
}

/// A handoff from the department it is listed under.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Handoff {
    /// The receiver: a department id or a customer id.
    #[schemars(schema_with = "id")]
    to: String,
    /// What is handed over. Two handoffs between the same pair need different `what`.
    what: Option<String>,
    /// The receiver's rating: 0 to 1, or a percentage like "93%". Left out: unrated.
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "quality")]
    quality: Option<Value>,
    /// How long delivery takes: "30m", "4h", "2d", "1w", "1h 30m".
    #[schemars(default, skip_serializing_if = "Option::is_none", schema_with = "lead_time")]
    lead_time: Option<String>,
    /// Free-form data, carried into reports.
    meta: Option<Map<String, Value>>,
}

/// The policy of `servchain check`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Policy {
    /// Each rule's severity (error, warning, info, off), or its severity, threshold and exceptions.
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

fn rules(_: &mut SchemaGenerator) -> Schema {
    let ids: Vec<&str> = crate::check::RULES.iter().map(|r| r.id).collect();
    let properties: Map<String, Value> = crate::check::RULES
        .iter()
        .map(|r| {
            let mut setting = serde_json::json!({
                "description": format!("{}. {}", r.summary, r.help),
                "oneOf": [
                    { "enum": ["error", "warning", "info", "off", false] },
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "properties": {
                            "severity": { "enum": ["error", "warning", "info", "off", false] },
                            "except": { "type": "array", "items": { "type": "string" }, "description": "Ids the rule does not apply to." }
                        }
                    }
                ]
            });
            if r.threshold.is_some() {
                setting["oneOf"][1]["properties"]["threshold"] =
                    serde_json::json!({ "type": ["number", "string"], "description": "The rule's threshold." });
            }
            (r.id.to_owned(), setting)
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
    schema.to_value()
}
