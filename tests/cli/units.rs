//! Units: loading them (every validation error, located, across files), the
//! roll-ups on a nested example worked out by hand, `--unit` on analyze,
//! check and graph, `except:` by unit, `cross-unit-weak-handoff`, and
//! `graph --group-by unit` (rendered by Graphviz in an ignored test).

use crate::{at, load_err, load_ok, servchain};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/units").join(name).display().to_string()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = servchain().args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert!(code == 0 || code == 1, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn unit<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["units"].as_array().unwrap().iter().find(|u| u["id"] == id).unwrap()
}

/// `{from, to, quality}` of a handoff row, or `None` for `null`.
fn handoff(v: &Value) -> Option<(String, String, f64)> {
    v.as_object()?;
    Some((v["from"].as_str()?.to_owned(), v["to"].as_str()?.to_owned(), v["quality"].as_f64()?))
}

fn h(from: &str, to: &str, q: f64) -> Option<(String, String, f64)> {
    Some((from.to_owned(), to.to_owned(), q))
}

/// tests/fixtures/units/nested.yaml, by hand: intake (sales) -> planning
/// (operations) -> assembly, paint (production, inside operations) ->
/// shipping (sales) -> buyer; archive (production) serves no one.
#[test]
fn the_roll_ups_of_a_nested_org_are_the_hand_computed_ones() {
    let r = json(&["analyze", &fixture("nested.yaml"), "--format", "json"]);
    let ids: Vec<&str> = r["units"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["operations", "production", "sales"], "file order");

    let ops = unit(&r, "operations");
    assert_eq!((ops["name"].as_str(), ops["parent"].as_str()), (Some("Operations"), None));
    // planning + assembly, paint, archive of the sub-unit production.
    assert_eq!(ops["departments"], 4);
    assert_eq!(ops["people"], 3 + 10 + 5 + 1);
    assert_eq!((ops["reaching_customer"].as_u64(), ops["cut_off"].as_u64()), (Some(3), Some(1)));
    // planning, assembly and paint are all 50% strong: the smallest id wins.
    assert_eq!(ops["weakest_strength"]["department"], "assembly");
    assert_eq!(ops["weakest_strength"]["strength"], 0.5);
    assert_eq!(handoff(&ops["weakest_handoff_inside"]), h("planning", "assembly", 0.6));
    assert_eq!(handoff(&ops["weakest_handoff_into"]), h("intake", "planning", 0.8));
    assert_eq!(handoff(&ops["weakest_handoff_out_of"]), h("paint", "shipping", 0.5));
    assert_eq!(ops["biggest_outside_dependency"]["department"], "shipping");
    assert_eq!(ops["biggest_outside_dependency"]["cuts_off"], 3);

    let prod = unit(&r, "production");
    assert_eq!(prod["parent"], "operations");
    assert_eq!((prod["departments"].as_u64(), prod["people"].as_u64()), (Some(3), Some(16)));
    assert_eq!(handoff(&prod["weakest_handoff_inside"]), h("assembly", "paint", 0.7));
    // planning hands to both assembly (60%) and paint (90%).
    assert_eq!(handoff(&prod["weakest_handoff_into"]), h("planning", "assembly", 0.6));
    assert_eq!(prod["biggest_outside_dependency"]["department"], "shipping");
    assert_eq!(prod["biggest_outside_dependency"]["cuts_off"], 2);

    let sales = unit(&r, "sales");
    assert_eq!((sales["departments"].as_u64(), sales["people"].as_u64()), (Some(2), Some(6)));
    assert_eq!(sales["weakest_strength"]["department"], "intake");
    assert!(sales["weakest_handoff_inside"].is_null());
    assert_eq!(handoff(&sales["weakest_handoff_into"]), h("paint", "shipping", 0.5));
    // shipping -> buyer goes to a customer, which crosses no unit.
    assert_eq!(handoff(&sales["weakest_handoff_out_of"]), h("intake", "planning", 0.8));
    // paint and planning each cut intake off: the smaller id.
    assert_eq!(sales["biggest_outside_dependency"]["department"], "paint");
    assert_eq!(sales["biggest_outside_dependency"]["cuts_off"], 1);
}

#[test]
fn the_table_and_markdown_show_a_by_unit_section_with_sub_units_marked() {
    let (_, table, _) = run(&["analyze", &fixture("nested.yaml")]);
    assert!(table.contains("By unit:"), "{table}");
    assert!(table.contains("↳ Production"), "{table}");
    let (_, md, _) = run(&["analyze", &fixture("nested.yaml"), "--format", "markdown"]);
    assert!(md.contains("## By unit"), "{md}");
    assert!(md.contains("| Operations | 4 | 19 | 1 | 50% assembly |"), "{md}");
    let (_, html, _) = run(&["analyze", &fixture("nested.yaml"), "--format", "html"]);
    assert!(html.contains("By unit") && html.contains("class=\"unit-frame\""), "{html}");
}

#[test]
fn an_org_without_units_has_an_empty_units_list_and_no_section() {
    let yaml = "departments:\n  - id: a\n    serves: [{to: customer}]\n";
    let loaded = load_ok(yaml);
    assert!(loaded.org.units.is_empty());
    let out = crate::stdout_with_stdin(&["analyze", "-", "--format", "json"], yaml);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["units"], serde_json::json!([]));
    assert!(!crate::stdout_with_stdin(&["analyze", "-"], yaml).contains("By unit"));
}

#[test]
fn units_declared_in_one_file_hold_departments_of_another() {
    let r = json(&["analyze", &fixture("split/org.yaml"), "--format", "json"]);
    assert_eq!(unit(&r, "ops")["departments"], 2);
    assert_eq!(unit(&r, "floor")["departments"], 1);
    assert_eq!(handoff(&unit(&r, "floor")["weakest_handoff_out_of"]), h("cutting", "welding", 0.9));
}

/// `(code, line:col, message, help)` of each diagnostic.
fn problems(yaml: &str) -> Vec<(String, String, String, String)> {
    load_err(yaml)
        .into_iter()
        .map(|d| {
            let at = d.loc().map_or("-".to_owned(), |l| format!("{}:{}", at(l).0, at(l).1));
            (d.code.to_string(), at, d.message.clone(), d.help.clone().unwrap_or_default())
        })
        .collect()
}

const DEPT: &str = "departments:\n  - id: dept\n    serves: [{to: customer}]\n";

#[test]
fn an_unknown_unit_is_located_with_a_suggestion() {
    let p = problems(&format!("units:\n  - id: production\n{DEPT}    unit: productoin\n"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("unknown-unit", "6:11"));
    assert!(p[0].2.contains("\"productoin\""), "{p:?}");
    assert_eq!(p[0].3, "did you mean \"production\"?");
}

#[test]
fn an_unknown_parent_is_located_with_a_suggestion() {
    let p = problems(&format!("units:\n  - id: operations\n  - id: production\n    parent: operatons\n{DEPT}"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("unknown-unit", "4:13"));
    assert!(p[0].2.starts_with("the parent \"operatons\""), "{p:?}");
    assert_eq!(p[0].3, "did you mean \"operations\"?");
}

#[test]
fn a_department_named_as_a_unit_says_it_is_a_department() {
    let p = problems(&format!("units:\n  - id: ops\n{DEPT}    unit: dept\n"));
    assert_eq!(p[0].0, "unknown-unit");
    assert!(p[0].3.contains("is a department or customer"), "{p:?}");
}

#[test]
fn a_unit_that_is_its_own_ancestor_names_the_circle_once() {
    let yaml = format!(
        "units:\n  - id: c\n    parent: a\n  - id: a\n    parent: b\n  - id: b\n    parent: c\n  - id: self\n    parent: self\n{DEPT}"
    );
    let p = problems(&yaml);
    let cycles: Vec<_> = p.iter().filter(|d| d.0 == "unit-cycle").collect();
    assert_eq!(cycles.len(), 2, "{p:?}");
    // Located at the `parent:` of the circle's smallest id, read from there.
    assert_eq!(cycles[0].1, "5:13");
    assert!(cycles[0].2.ends_with("a → b → c → a"), "{p:?}");
    assert!(cycles[1].2.ends_with("self → self"), "{p:?}");
}

#[test]
fn a_unit_id_may_not_repeat_a_department_customer_or_unit_id() {
    for (units, first) in
        [("  - id: dept\n", "a unit"), ("  - id: customer\n", "implicit"), ("  - id: u\n  - id: u\n", "a unit")]
    {
        let p = problems(&format!("units:\n{units}{DEPT}"));
        let dup: Vec<_> = p.iter().filter(|d| d.0 == "duplicate-id").collect();
        assert_eq!(dup.len(), 1, "{p:?}");
        assert!(
            first == "implicit"
                || load_err(&format!("units:\n{units}{DEPT}"))[0].secondary.iter().any(|l| l.note.contains(first)),
            "{p:?}"
        );
    }
    // A department defined after a unit of the same id is the duplicate.
    let p = problems("units:\n  - id: a\ndepartments:\n  - id: a\n    serves: [{to: customer}]\n");
    assert_eq!((p[0].0.as_str(), p[0].1.as_str()), ("duplicate-id", "4:9"), "{p:?}");
}

#[test]
fn a_unit_takes_only_its_own_keys() {
    let p = problems(&format!("units:\n  - id: u\n    nmae: U\n{DEPT}"));
    assert_eq!(p[0].0, "unknown-key");
    assert_eq!(p[0].3, "did you mean \"name\"?");
}

#[test]
fn unit_restricts_analyze_to_the_unit_and_its_sub_units() {
    let r = json(&["analyze", &fixture("nested.yaml"), "--format", "json", "--unit", "operations"]);
    let ids: Vec<&str> = r["departments"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["planning", "assembly", "paint", "archive"]);
    assert_eq!(r["summary"]["departments"], 4);
    assert_eq!(r["summary"]["cut_off"], 1);
    // Figures stay the whole org's: paint's chain still runs through sales.
    let paint = r["departments"].as_array().unwrap().iter().find(|d| d["id"] == "paint").unwrap();
    assert_eq!(paint["chain"], serde_json::json!(["paint", "shipping", "buyer"]));
    let units: Vec<&str> = r["units"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(units, ["operations", "production"]);
    // shipping is outside, yet a single point of failure for the unit.
    let spofs: Vec<&str> =
        r["single_points_of_failure"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(spofs, ["shipping", "paint", "planning"]);
    let weakest: Vec<(&str, &str)> = r["weakest_links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["from"].as_str().unwrap(), l["to"].as_str().unwrap()))
        .collect();
    assert!(!weakest.contains(&("shipping", "buyer")), "{weakest:?}");
    assert!(weakest.contains(&("intake", "planning")), "{weakest:?}");
}

#[test]
fn an_unknown_unit_option_exits_2_with_a_suggestion() {
    for cmd in ["analyze", "check", "graph"] {
        let (code, out, err) = run(&[cmd, &fixture("nested.yaml"), "--unit", "prodution"]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(out.is_empty(), "{cmd}");
        assert!(
            err.contains("there is no unit \"prodution\"") && err.contains("did you mean \"production\"?"),
            "{err}"
        );
    }
}

const POLICY: &str = "policy:\n  rules:\n    cut-off: off\n    weak-chain: off\n    single-point-of-failure: off\n    cross-unit-weak-handoff: warning\n";

fn check_json(extra: &[&str]) -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.yaml");
    std::fs::write(&policy, POLICY).unwrap();
    let (org, p) = (fixture("nested.yaml"), policy.display().to_string());
    let mut args = vec!["check", &org, "--format", "json", "--policy", &p];
    args.extend(extra);
    let r = json(&args);
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let ids = f["ids"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_owned()).collect();
            (f["rule"].as_str().unwrap().to_owned(), ids)
        })
        .collect()
}

#[test]
fn cross_unit_weak_handoff_finds_weak_handoffs_between_units_only() {
    let found = check_json(&[]);
    let cross: Vec<&Vec<String>> = found.iter().filter(|f| f.0 == "cross-unit-weak-handoff").map(|f| &f.1).collect();
    // planning (operations) -> assembly (production) 60% and paint
    // (production) -> shipping (sales) 50%; assembly -> paint stays inside
    // production, intake -> planning is 80%.
    assert_eq!(
        cross,
        [&vec!["planning".to_owned(), "assembly".to_owned()], &vec!["paint".to_owned(), "shipping".to_owned()]]
    );
    // Off by default.
    let (_, out, _) = run(&["check", &fixture("nested.yaml"), "--format", "json"]);
    assert!(!out.contains("cross-unit-weak-handoff"));
}

#[test]
fn cross_unit_weak_handoff_is_a_described_sarif_rule() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.yaml");
    std::fs::write(&policy, POLICY).unwrap();
    let r = json(&["check", &fixture("nested.yaml"), "--format", "sarif", "--policy", policy.to_str().unwrap()]);
    let rules = r["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules.iter().find(|r| r["id"] == "cross-unit-weak-handoff").unwrap();
    assert!(rule["fullDescription"]["text"].as_str().unwrap().contains("one unit to a department of another"));
    let results = r["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|x| x["ruleId"] == "cross-unit-weak-handoff"
        && x["locations"][0]["physicalLocation"]["region"]["startLine"] == 23));
}

#[test]
fn check_unit_shows_only_the_units_findings() {
    let found = check_json(&["--unit", "sales"]);
    let ends = vec!["paint".to_owned(), "shipping".to_owned()];
    // weak-handoff is on by default; intake's weak chain is off here.
    assert_eq!(found, [("cross-unit-weak-handoff".to_owned(), ends.clone()), ("weak-handoff".to_owned(), ends)]);
}

#[test]
fn except_by_unit_skips_every_department_of_the_unit_and_its_sub_units() {
    let base = std::fs::read_to_string(fixture("nested.yaml")).unwrap();
    let with = |except: &str| {
        format!(
            "{base}policy:\n  rules:\n    cut-off: off\n    single-point-of-failure: off\n    weak-handoff: warning\n    weak-chain: {{severity: warning, except: [{except}]}}\n"
        )
    };
    let subjects = |yaml: String| -> Vec<String> {
        let out = crate::stdout_with_stdin(&["check", "-", "--format", "json"], &yaml);
        let r: Value = serde_json::from_str(&out).unwrap();
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "weak-chain")
            .map(|f| f["ids"][0].as_str().unwrap().to_owned())
            .collect()
    };
    let all = subjects(with("shipping"));
    assert_eq!(all, ["intake", "planning", "assembly", "paint"]);
    // operations holds planning, and through production assembly and paint.
    assert_eq!(subjects(with("operations")), ["intake"]);
    assert_eq!(subjects(with("production")), ["intake", "planning"]);
    let (code, _, err) = {
        let out = servchain().args(["check", "-"]).write_stdin(with("operatons")).output().unwrap();
        (out.status.code(), out.stdout, String::from_utf8(out.stderr).unwrap())
    };
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean \"operations\"?"), "{err}");
}

#[test]
fn graph_groups_units_as_nested_clusters_and_subgraphs() {
    let (_, dot, _) = run(&["graph", &fixture("nested.yaml"), "--group-by", "unit"]);
    let ops = dot.find("subgraph \"cluster_unit_operations\"").unwrap();
    let prod = dot.find("subgraph \"cluster_unit_production\"").unwrap();
    let sales = dot.find("subgraph \"cluster_unit_sales\"").unwrap();
    assert!(ops < prod && prod < sales, "{dot}");
    // production's cluster closes before operations' does: it is inside.
    let inside = &dot[prod..sales];
    assert!(inside.contains("\"assembly\"") && inside.contains("\"archive\""), "{dot}");
    assert!(!dot.contains("cluster_cut_off"), "archive stays in its unit: {dot}");
    let (_, mermaid, _) = run(&["graph", &fixture("nested.yaml"), "--group-by", "unit", "--format", "mermaid"]);
    assert!(mermaid.contains("  subgraph unit0[\"Operations\"]\n    n"), "{mermaid}");
    assert!(mermaid.contains("    subgraph unit1[\"Production\"]\n      n"), "{mermaid}");
    // Without --group-by, no unit is drawn.
    let (_, plain, _) = run(&["graph", &fixture("nested.yaml")]);
    assert!(!plain.contains("cluster_unit_"));
}

#[test]
fn graph_unit_draws_the_units_departments_and_the_customers_they_serve() {
    let (_, mermaid, _) = run(&["graph", &fixture("nested.yaml"), "--unit", "sales", "--format", "mermaid"]);
    for shown in ["intake", "shipping", "buyer"] {
        assert!(mermaid.contains(shown), "{mermaid}");
    }
    for hidden in ["planning", "paint", "assembly"] {
        assert!(!mermaid.contains(hidden), "{mermaid}");
    }
}

/// `dot -Tjson`: each cluster's name, its bounding box and the names of
/// the nodes and clusters directly inside it.
#[test]
#[ignore = "needs graphviz"]
fn graphviz_draws_each_unit_around_its_departments_nested() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let (_, dot, _) = run(&["graph", &fixture("nested.yaml"), "--group-by", "unit"]);
    let mut child = Command::new("dot").arg("-Tjson").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let g: Value = serde_json::from_slice(&out.stdout).unwrap();
    let objects = g["objects"].as_array().unwrap();
    let named = |name: &str| objects.iter().find(|o| o["name"] == name).unwrap_or_else(|| panic!("{name}"));
    let bb = |o: &Value| -> Vec<f64> { o["bb"].as_str().unwrap().split(',').map(|x| x.parse().unwrap()).collect() };
    let pos = |o: &Value| -> Vec<f64> { o["pos"].as_str().unwrap().split(',').map(|x| x.parse().unwrap()).collect() };
    let within = |p: &[f64], b: &[f64]| p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
    for (cluster, members) in [
        ("cluster_unit_operations", &["planning", "assembly", "paint", "archive"][..]),
        ("cluster_unit_production", &["assembly", "paint", "archive"][..]),
        ("cluster_unit_sales", &["intake", "shipping"][..]),
    ] {
        let b = bb(named(cluster));
        for m in members {
            assert!(within(&pos(named(m)), &b), "{m} outside {cluster}");
        }
    }
    let (ops, prod) = (bb(named("cluster_unit_operations")), bb(named("cluster_unit_production")));
    assert!(ops[0] <= prod[0] && ops[1] <= prod[1] && ops[2] >= prod[2] && ops[3] >= prod[3], "{ops:?} {prod:?}");
    for outside in ["intake", "shipping", "buyer"] {
        assert!(!within(&pos(named(outside)), &ops), "{outside} inside operations");
    }
}
