//! Agreements (`agreed:` on a handoff) and promises (`promise:` on a
//! customer) end to end: the loader's located errors, the JSON report's
//! gaps and `promises` list, the human reports, check's two rules in every
//! format, and `diff`'s `promise-missed` regression.

use crate::{at, load_err, load_ok, servchain, stdout_with_stdin};
use serde_json::{Value, json};

/// Warehouse hands Shipping less than agreed; OEM was promised 80%, which
/// Shipping keeps and Warehouse misses (71.25%); Retail was promised 99%,
/// which Warehouse could only reach by raising both its handoffs.
const ORG: &str = "\
customers:
  - id: oem
    promise: {quality: 0.8, lead_time: 3w}
  - id: retail
    promise: {quality: 99%}
departments:
  - id: warehouse
    serves:
      - to: shipping
        what: Finished goods
        quality: 0.75
        lead_time: 2d
        agreed: {quality: 0.9, lead_time: 1d}
  - id: shipping
    serves:
      - to: oem
        what: Deliveries
        quality: 0.95
        lead_time: 1w
      - to: retail
        what: Store drops
        quality: 0.95
";

fn analyze_json(yaml: &str) -> Value {
    serde_json::from_str(&stdout_with_stdin(&["analyze", "-", "--format", "json"], yaml)).unwrap()
}

#[test]
fn agreed_and_promise_load_into_the_model() {
    let org = load_ok(ORG).org;
    let h = &org.handoffs[0];
    let agreed = h.agreed().copied().unwrap();
    assert_eq!((agreed.quality, agreed.lead_time.map(|t| t.as_secs())), (Some(0.9), Some(86_400)));
    assert_eq!(org.customers[1].promise.unwrap().quality, Some(0.99));
    assert_eq!(org.customers[1].promise.unwrap().lead_time, None);
    assert!(h.below_agreement());
}

#[test]
fn bad_levels_are_located_errors_with_suggestions() {
    let yaml = "\
customers:
  - id: oem
    promise: {qualty: 0.8, lead_time: soon}
departments:
  - id: a
    serves:
      - to: oem
        agreed: {quality: 1.5}
  - id: b
    serves:
      - to: oem
        agreed: fast
";
    let diags = load_err(yaml);
    let found: Vec<(String, u32, u32)> = diags
        .iter()
        .map(|d| (d.code.to_string(), d.loc().map_or(0, |l| at(l).0), d.loc().map_or(0, |l| at(l).1)))
        .collect();
    assert!(found.contains(&("unknown-key".into(), 3, 15)), "{found:?}");
    assert!(found.contains(&("invalid-lead-time".into(), 3, 39)), "{found:?}");
    assert!(found.contains(&("invalid-quality".into(), 8, 27)), "{found:?}");
    assert!(found.contains(&("wrong-type".into(), 12, 17)), "{found:?}");
    let unknown = diags.iter().find(|d| d.code.as_str() == "unknown-key").unwrap();
    assert!(unknown.message.contains("in `promise`"), "{}", unknown.message);
    assert_eq!(unknown.help.as_deref(), Some("did you mean \"quality\"?"));
}

#[test]
fn the_json_report_gives_gaps_and_every_promise() {
    let v = analyze_json(ORG);
    let h = v["handoffs"].as_array().unwrap().iter().find(|h| h["from"] == "warehouse").unwrap();
    assert_eq!(h["agreed_quality"], 0.9);
    assert_eq!(h["agreed_lead_time_seconds"], 86_400);
    assert_eq!(h["quality_gap"], -0.15);
    assert_eq!(h["lead_time_gap_seconds"], 86_400);
    let other = v["handoffs"].as_array().unwrap().iter().find(|h| h["to"] == "oem").unwrap();
    assert_eq!((other["quality_gap"].clone(), other["agreed_quality"].clone()), (Value::Null, Value::Null));

    let promises = v["promises"].as_array().unwrap();
    assert_eq!(promises.len(), 2);
    let oem = &promises[0];
    assert_eq!(oem["customer"], "oem");
    assert_eq!((oem["quality"].clone(), oem["lead_time_seconds"].clone()), (json!(0.8), json!(1_814_400)));
    assert_eq!(oem["met"], json!(["shipping"]));
    let missed = &oem["missed"][0];
    assert_eq!(missed["id"], "warehouse");
    assert_eq!(missed["rolled_quality"], 0.95 * 0.75);
    assert_eq!(missed["lead_time_seconds"], 9 * 86_400);
    assert_eq!((missed["quality_met"].clone(), missed["lead_time_met"].clone()), (json!(false), json!(true)));
    assert_eq!(missed["chain"], json!(["warehouse", "shipping", "oem"]));
    let fix = &missed["fix"];
    assert_eq!(
        (fix["from"].clone(), fix["to"].clone(), fix["what"].clone()),
        (json!("warehouse"), json!("shipping"), json!("Finished goods"))
    );
    assert_eq!(fix["quality"], 0.75);
    assert_eq!(fix["needed"], 0.842105263, "0.8 × 0.75 / 0.7125");
    assert_eq!(fix["handoffs_to_raise"], 1);

    // 99% for Retail: Shipping needs its one handoff at 99%; Warehouse
    // needs 0.99 / 0.95 > 1 from its weakest, so both handoffs at √0.99.
    let retail = &promises[1];
    assert_eq!(retail["met"], json!([]));
    let ids: Vec<&str> = retail["missed"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["shipping", "warehouse"], "ids sorted");
    assert_eq!(retail["missed"][0]["fix"]["needed"], 0.99);
    let w = &retail["missed"][1]["fix"];
    assert!(w["needed"].as_f64().unwrap() > 1.0);
    assert_eq!(w["handoffs_to_raise"], 2);
    assert_eq!(w["raise_to"], 0.994987437);
    assert_eq!(retail["missed"][1]["lead_time_met"], Value::Null, "no lead time promised");
}

#[test]
fn an_org_without_promises_has_an_empty_list() {
    let v = analyze_json("departments:\n  - id: a\n    serves: [{to: customer, quality: 0.9}]\n");
    assert_eq!(v["promises"], json!([]));
    assert_eq!(v["handoffs"][0]["agreed_quality"], Value::Null);
}

#[test]
fn people_read_who_keeps_and_who_misses_and_the_fix() {
    let table = stdout_with_stdin(&["analyze", "-", "--all"], ORG);
    assert!(table.contains("Promises to customers"), "{table}");
    assert!(table.contains("raise warehouse -> shipping (Finished goods) from 75% to 84.21%"), "{table}");
    assert!(table.contains("no single handoff can: its 2 weakest handoffs would each have to reach 99.5%"), "{table}");
    assert!(table.contains("75% (agreed 90%, 1d)"), "the agreed level beside the rating:\n{table}");
    let md = stdout_with_stdin(&["analyze", "-", "--format", "markdown"], ORG);
    assert!(md.contains("Promises to customers") && md.contains("| oem "), "{md}");
    let html = stdout_with_stdin(&["analyze", "-", "--format", "html"], ORG);
    assert!(html.contains("Promises to customers"), "the section");
    // The screen drawing (print repeats edges in per-customer drawings).
    let screen = html.split("<figure class=\"chain-figure").nth(1).unwrap().split("</figure>").next().unwrap();
    assert_eq!(screen.matches(" below-agreement\"").count(), 1, "the one handoff below its agreement");
}

fn check_json(yaml: &str) -> Value {
    let out = servchain().args(["check", "-", "--format", "json"]).write_stdin(yaml.to_owned()).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn check_finds_handoffs_below_agreement_and_missed_promises_located() {
    let v = check_json(ORG);
    let findings = v["findings"].as_array().unwrap();
    let of = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).collect::<Vec<_>>();
    let below = of("below-agreement");
    assert_eq!(below.len(), 1);
    assert_eq!(below[0]["ids"], json!(["warehouse", "shipping", "Finished goods"]));
    assert_eq!((below[0]["line"].clone(), below[0]["severity"].clone()), (json!(9), json!("warning")));
    let message = below[0]["message"].as_str().unwrap();
    assert!(message.contains("rated 75%, below the agreed 90%") && message.contains("takes 2d"), "{message}");
    let missed = of("promise-missed");
    let ids: Vec<&Value> = missed.iter().map(|f| &f["ids"]).collect();
    assert_eq!(ids, [&json!(["warehouse", "oem"]), &json!(["warehouse", "retail"]), &json!(["shipping", "retail"])]);
    assert_eq!(missed[0]["line"], 7, "at the department");
    assert!(missed[0]["message"].as_str().unwrap().contains("to 84.21% would close the quality gap"));
    assert_eq!(missed[0]["fingerprint"], of("promise-missed")[0]["fingerprint"]);
    assert!(missed[0]["help"].as_str().is_some_and(|h| !h.is_empty()));
}

#[test]
fn the_rules_reach_every_check_format_and_can_be_excepted() {
    let sarif = stdout_with_stdin(&["check", "-", "--format", "sarif", "--fail-on", "never"], ORG);
    let v: Value = serde_json::from_str(&sarif).unwrap();
    let rules: Vec<&str> =
        v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(rules.contains(&"below-agreement") && rules.contains(&"promise-missed"), "{rules:?}");
    for format in ["github", "junit", "markdown", "gitlab", "text"] {
        let out = servchain()
            .args(["check", "-", "--format", format, "--fail-on", "never"])
            .write_stdin(ORG.to_owned())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        assert!(text.contains("promise-missed") && text.contains("below-agreement"), "{format}: {text}");
    }
    let excepted = ORG.to_owned() + "policy:\n  rules:\n    promise-missed: {severity: error, except: [retail]}\n";
    let v = check_json(&excepted);
    let missed: Vec<&Value> =
        v["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "promise-missed").collect();
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0]["severity"], "error");
}

#[test]
fn diff_reports_a_newly_missed_promise_as_a_regression() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.yaml");
    let new = dir.path().join("new.yaml");
    std::fs::write(&old, ORG.replace("quality: 0.8, lead_time: 3w", "quality: 0.7, lead_time: 3w")).unwrap();
    std::fs::write(&new, ORG.replace("agreed: {quality: 0.9, lead_time: 1d}", "agreed: {quality: 0.95}")).unwrap();
    let out =
        servchain().args(["diff", "--format", "json", "--fail-on-regression"]).arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let regressions = v["regressions"].as_array().unwrap();
    let missed: Vec<&Value> = regressions.iter().filter(|r| r["kind"] == "promise-missed").collect();
    assert_eq!(missed.len(), 1, "{regressions:#?}");
    assert_eq!(missed[0]["ids"], json!(["warehouse", "oem"]));
    assert_eq!(missed[0]["line"], 7);
    // Retail's promise was missed on both sides: not new.
    let customers = &v["customers"]["changed"];
    assert_eq!(customers[0]["promise"]["old"]["quality"], 0.7);
    assert_eq!(v["handoffs"]["changed"][0]["agreed"]["new"], json!({"quality": 0.95, "lead_time_seconds": null}));
    let sarif = servchain().args(["diff", "--format", "sarif"]).arg(&old).arg(&new).output().unwrap();
    assert!(String::from_utf8_lossy(&sarif.stdout).contains("\"ruleId\": \"promise-missed\""));
}
