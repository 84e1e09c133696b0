//! The JSON Schema of the org file: what `servchain schema` prints is what
//! the repository ships, every example satisfies it, and broken files fail it.

use crate::servchain;
use serde_json::Value;
use std::path::Path;

fn schema() -> Value {
    serde_json::from_slice(&servchain().arg("schema").output().unwrap().stdout).unwrap()
}

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("servchain.schema.json")).unwrap()).unwrap();
    assert_eq!(shipped, schema(), "run `servchain schema > servchain.schema.json`");
    assert_eq!(shipped["$schema"], "http://json-schema.org/draft-07/schema#");
}

#[test]
fn every_example_satisfies_the_schema_and_broken_files_do_not() {
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    let mut files = Vec::new();
    yaml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), &mut files);
    assert!(files.len() >= 7);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema="), "{}", file.display());
        let doc: Value = serde_saphyr::from_str(&text).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
    let broken = [
        "departments: [{id: a, nmae: A}]",
        "departments: [{id: a b}]",
        "departments: [{id: a, serves: [{to: b, quality: 1.5}]}]",
        "departments: [{id: a, serves: [{to: b, quality: \"150%\"}]}]",
        "departments: [{id: a, serves: [{to: b, lead_time: soon}]}]",
        "departments: [{name: no id}]",
        "customers: [{id: c, serves: [{to: a}]}]",
        "version: 2",
        "handoffs: [{to: b}]",
        "handoffs: [{from: a, to: b, qualty: 0.5}]",
        "policy: {rules: {cut-of: error}}",
        "policy: {rules: {cut-off: sometimes}}",
    ];
    for text in broken {
        let doc: Value = serde_saphyr::from_str(text).unwrap();
        assert!(!validator.is_valid(&doc), "should fail the schema: {text}");
    }
}

#[test]
fn every_field_has_help_for_editors() {
    let s = schema();
    let top_level = "the top level".to_owned();
    let top = std::iter::once((&top_level, &s));
    for (name, def) in top.chain(s["definitions"].as_object().unwrap()) {
        for (field, prop) in def["properties"].as_object().unwrap() {
            if !["description", "name"].contains(&field.as_str()) {
                assert!(prop["description"].is_string(), "{name}.{field} has no description");
            }
        }
    }
}

/// A `"default": null` makes yaml-language-server's completion fail and
/// offer none of the keys after it (`serves`, `tags`, `include`), as tried
/// in an editor; no field may carry one.
#[test]
fn no_field_has_a_null_default() {
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Object(map) => {
                assert_ne!(map.get("default"), Some(&serde_json::Value::Null), "{path} has a null default");
                map.iter().for_each(|(k, v)| walk(v, &format!("{path}/{k}")));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, path)),
            _ => {}
        }
    }
    walk(&schema(), "#");
}
