//! The HTML report in a real browser: headless Chromium driven by
//! playwright-core (from npm, with the system Chromium). The drawing fits a
//! 1400 px window, carries every weak link's quality, cuts no name; a click
//! highlights a department's chain, who depends on it and what it depends
//! on, and a second click clears; the search box finds a department.
//!
//! `SERVCHAIN_NODE_PATH` names the node_modules holding playwright-core
//! (`.ci/run` installs one in `target/ci-tools`), `SERVCHAIN_CHROMIUM` the
//! browser (`/usr/bin/chromium` by default).

use crate::html_drawing::PUMP_MAKER;
use crate::repo_stdout;
use serde_json::Value;
use servchain::report::format::percent;
use std::process::Command;

fn run_in_browser(html: &str, click: &str, search: &str) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let (page, script) = (tmp.path().join("report.html"), tmp.path().join("drive.js"));
    std::fs::write(&page, html).unwrap();
    std::fs::write(&script, include_str!("html_browser.js")).unwrap();
    let modules = std::env::var("SERVCHAIN_NODE_PATH")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/ci-tools/node_modules").to_owned());
    let chromium = std::env::var("SERVCHAIN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let out = Command::new("node")
        .env("NODE_PATH", &modules)
        .arg(&script)
        .arg(&page)
        .arg(&chromium)
        .arg(click)
        .arg(search)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

#[test]
#[ignore = "needs chromium and playwright-core"]
fn the_drawing_fits_the_window_labels_every_weak_link_and_cuts_no_name() {
    let json: Value = serde_json::from_str(&repo_stdout(&["analyze", PUMP_MAKER, "--format", "json"])).unwrap();
    let b = run_in_browser(&repo_stdout(&["analyze", PUMP_MAKER, "--format", "html"]), "warehouse", "health");
    assert_eq!(b["errors"].as_array().unwrap().len(), 0, "{}", b["errors"]);
    let (window, svg) = (b["window_width"].as_f64().unwrap(), b["svg_width"].as_f64().unwrap());
    assert_eq!(window, 1400.0);
    assert!(svg <= window, "the drawing is {svg} px wide");
    assert!(b["page_width"].as_f64().unwrap() <= window && b["figure_scrolls"] == false, "nothing behind a scrollbar");
    let text = b["text"].as_str().unwrap();
    for h in json["handoffs"].as_array().unwrap() {
        if let Some(q) = h["quality"].as_f64().filter(|&q| q < 0.7) {
            assert!(text.contains(&percent(q)), "{} -> {} at {} is not labelled", h["from"], h["to"], percent(q));
        }
    }
    let names = b["names"].as_array().unwrap();
    assert_eq!(names.len(), 41);
    assert!(names.iter().all(|n| !n.as_str().unwrap().contains('…')), "{names:?}");
    assert!(names.iter().any(|n| n == "Environment, Health &Safety"), "two lines, one text: {names:?}");
}

#[test]
#[ignore = "needs chromium and playwright-core"]
fn a_click_highlights_a_departments_chain_and_dependants_and_a_second_click_clears() {
    let json: Value = serde_json::from_str(&repo_stdout(&["analyze", PUMP_MAKER, "--format", "json"])).unwrap();
    let b = run_in_browser(&repo_stdout(&["analyze", PUMP_MAKER, "--format", "html"]), "final-test", "health");
    assert_eq!(b["errors"].as_array().unwrap().len(), 0, "{}", b["errors"]);
    let all = ids(&b["nodes"]);
    assert!(ids(&b["before"]["dim"]).is_empty() && ids(&b["before"]["selected"]).is_empty());

    let c = &b["clicked"];
    assert_eq!(ids(&c["selected"]), ["final-test"]);
    // Its strongest chain, as the JSON report gives it.
    let dept = json["departments"].as_array().unwrap().iter().find(|d| d["id"] == "final-test").unwrap();
    let mut chain = ids(&dept["chain"]);
    chain.sort();
    assert_eq!(ids(&c["chain"]), chain);
    assert_eq!(c["chain_edges"].as_u64().unwrap() as usize, chain.len() - 1);
    // The departments it is a single point of failure for.
    let spof = json["single_points_of_failure"].as_array().unwrap().iter().find(|s| s["id"] == "final-test").unwrap();
    let mut behind = ids(&spof["affected"]);
    behind.sort();
    assert_eq!(ids(&c["behind"]), behind);
    // Those that are single points of failure for it: Shipping & Logistics.
    let depends: Vec<String> = json["single_points_of_failure"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| ids(&s["affected"]).contains(&"final-test".to_owned()))
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(depends.contains(&"shipping".to_owned()), "{depends:?}");
    assert!(ids(&c["depends"]).iter().all(|d| depends.contains(d)) && !ids(&c["depends"]).is_empty());
    // Everything else is dimmed.
    let lit: Vec<String> =
        [&c["selected"], &c["chain"], &c["behind"], &c["depends"]].iter().flat_map(|v| ids(v)).collect();
    let mut dim: Vec<String> = all.iter().filter(|n| !lit.contains(n)).cloned().collect();
    dim.sort();
    assert_eq!(ids(&c["dim"]), dim);
    assert!(c["status"].as_str().unwrap().starts_with("Final Test: strongest chain Final Test → Shipping & Logistics"));

    let again = &b["clicked_again"];
    assert!(ids(&again["selected"]).is_empty() && ids(&again["dim"]).is_empty() && ids(&again["chain"]).is_empty());
}

#[test]
#[ignore = "needs chromium and playwright-core"]
fn the_search_box_finds_a_department_and_zoom_keeps_the_drawing_in_the_page() {
    let b = run_in_browser(&repo_stdout(&["analyze", PUMP_MAKER, "--format", "html"]), "warehouse", "health & saf");
    assert_eq!(ids(&b["searched"]["found"]), ["ehs"]);
    assert_eq!(ids(&b["searched"]["dim"]).len(), 40, "the others are dimmed");
    assert_eq!(ids(&b["entered"]["selected"]), ["ehs"], "Enter selects what was found");
    let zoomed = &b["zoomed"];
    assert!(!zoomed["view"].as_str().unwrap().starts_with("0 0 "), "zoomed in: {}", zoomed["view"]);
    assert!(zoomed["width"].as_f64().unwrap() <= 1400.0);
}
