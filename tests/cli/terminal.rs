//! The terminal report as a person reads it: every line within the width,
//! the worst departments first, people counted, loops in flow order.

use crate::in_repo;
use unicode_width::UnicodeWidthStr;

const REALISTIC: [&str; 4] = [
    "examples/st-marys-hospital.yaml",
    "examples/northwind-retail.yaml",
    "examples/problems.yaml",
    "examples/acme-software",
];

fn table_with_columns(path: &str, columns: usize, extra: &[&str]) -> String {
    let out = in_repo().args(["analyze", path]).args(extra).env("COLUMNS", columns.to_string()).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn every_line_of_the_table_report_fits_columns() {
    for path in REALISTIC {
        for columns in [24, 40, 60, 80, 100, 132] {
            let out = table_with_columns(path, columns, &["--all"]);
            for line in out.lines() {
                assert!(line.width() <= columns, "{path} at {columns}: {} columns: {line:?}", line.width());
            }
            // Still the whole report: the last section is there.
            assert!(out.contains("Departments"), "{path} at {columns}");
        }
    }
}

#[test]
fn long_cells_are_wrapped_or_cut_with_an_ellipsis_not_dropped() {
    let out = table_with_columns("examples/st-marys-hospital.yaml", 60, &[]);
    assert!(out.contains('…'), "{out}");
    // A name longer than its column wraps onto the next line.
    assert!(out.contains("Patient Financial"), "{out}");
}

#[test]
fn into_a_pipe_without_columns_lines_are_not_wrapped() {
    let out = in_repo().args(["analyze", "examples/st-marys-hospital.yaml"]).assert().success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(out.lines().any(|l| l.width() > 132), "unbounded into a pipe");
    assert!(!out.contains('…'));
}

#[test]
fn a_columns_that_is_not_a_number_is_ignored() {
    let out = in_repo().args(["analyze", "examples/st-marys-hospital.yaml"]).env("COLUMNS", "wide").assert().success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(out.lines().any(|l| l.width() > 132));
}

/// Where each of `names` is in `rows`, panicking when one is missing.
fn positions(rows: &[String], names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|n| rows.iter().position(|r| r == n).unwrap_or_else(|| panic!("{n} missing from {rows:?}")))
        .collect()
}

/// The first cell of each row of a department list, whatever the format.
fn first_cells(format: &str, text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| match format {
            "csv" => l.split(',').nth(1).map(str::to_owned),
            "markdown" => l.strip_prefix("| ").and_then(|r| r.split(" |").next()).map(str::to_owned),
            "html" => l
                .strip_prefix("<tr><td")
                .and_then(|r| r.split_once('>'))
                .and_then(|(_, r)| r.split_once("</td>"))
                .map(|(c, _)| c.to_owned()),
            _ => l.strip_prefix(' ').and_then(|r| r.split("  ").next()).map(str::to_owned),
        })
        .collect()
}

fn is_increasing(v: &[usize]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

/// The first cells of the department list of `problems.yaml` in every
/// format for people.
fn department_lists(extra: &[&str]) -> Vec<(&'static str, Vec<String>)> {
    ["table", "markdown", "html", "csv"]
        .into_iter()
        .map(|format| {
            let out = in_repo()
                .args(["analyze", "examples/problems.yaml", "--all", "--format", format])
                .args(extra)
                .assert()
                .success();
            let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
            // The department list is the table's and Markdown's/HTML's last
            // table; CSV is nothing else.
            let from = text.rfind("Departments").filter(|_| format != "csv").unwrap_or(0);
            (format, first_cells(format, &text[from..]))
        })
        .collect()
}

#[test]
fn departments_are_listed_worst_first_in_every_format_for_people() {
    // Cut off (by id), then strength ascending, then rolled quality, then id:
    // Accounting and Sales tie on both (80%, 68.8%) and go by id.
    let worst = [
        "Innovation Lab",
        "Market Research",
        "Purchasing",
        "Pricing",
        "IT",
        "Legal",
        "Accounting",
        "Sales",
        "Customer Service",
    ];
    for (format, list) in department_lists(&[]) {
        assert!(is_increasing(&positions(&list, &worst)), "{format}: {list:?}");
    }
}

#[test]
fn sort_orders_the_department_list_by_the_key_asked_for() {
    let cases: [(&str, &[&str]); 6] = [
        (
            "name",
            &["Accounting", "Customer Service", "Fulfillment", "Innovation Lab", "IT", "Legal", "Market Research"],
        ),
        ("file", &["Fulfillment", "Sales", "Pricing", "Purchasing"]),
        ("strength", &["Innovation Lab", "Market Research", "Purchasing", "Pricing", "Accounting", "IT", "Legal"]),
        ("rolled", &["Innovation Lab", "Market Research", "Pricing", "Purchasing", "IT", "Legal", "Accounting"]),
        ("hops", &["Innovation Lab", "Market Research", "Accounting", "Legal", "Pricing", "Customer Service"]),
        (
            "lead-time",
            &["Innovation Lab", "Market Research", "Legal", "Purchasing", "Pricing", "Accounting", "Fulfillment"],
        ),
    ];
    for (key, names) in cases {
        for (format, list) in department_lists(&["--sort", key]) {
            assert!(is_increasing(&positions(&list, names)), "--sort {key}, {format}: {list:?}");
        }
    }
}

#[test]
fn the_json_department_list_keeps_file_order_whatever_the_sort() {
    for sort in ["worst", "name"] {
        let out = in_repo()
            .args(["analyze", "examples/problems.yaml", "--format", "json", "--sort", sort])
            .assert()
            .success();
        let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let ids: Vec<&str> =
            json["departments"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert_eq!(ids[..3], ["fulfillment", "sales", "pricing"], "{ids:?}");
    }
}

const WAREHOUSE: &str = "organization: Pumps
customers: [{id: buyers, name: Buyers}]
departments:
  - {id: warehouse, name: Warehouse, lead: Ana Ruiz, headcount: 40, serves: [{to: buyers, quality: 0.9}]}
  - {id: picking, name: Picking, lead: Bo Chen, headcount: 200, serves: [{to: warehouse, quality: 0.8}]}
  - {id: packing, name: Packing, headcount: 112, serves: [{to: picking, quality: 0.95}]}
  - {id: archive, name: Archive, headcount: 3}
";

#[test]
fn leads_headcounts_and_people_behind_a_single_point_of_failure_are_shown() {
    let out = crate::stdout_with_stdin(&["analyze", "-"], WAREHOUSE);
    assert!(out.contains("3 of 4 departments (355 people) reach the customer; 1 (3 people) is cut off."), "{out}");
    assert!(out.contains("Biggest single point of failure: Warehouse; 2 departments (312 people) reach"), "{out}");
    let spofs = &out[out.find("Single points of failure:").unwrap()..];
    let spof = spofs.lines().find(|l| l.starts_with(" Warehouse ")).unwrap();
    // Under "Departments that depend on it": 2 departments, 312 people.
    assert!(spof.contains(" 2 (312 people) "), "{spof}");
    let departments = &out[out.rfind("Departments:").unwrap()..];
    assert!(departments.contains("Led by") && departments.contains("People"), "{departments}");
    let picking = departments.lines().find(|l| l.starts_with(" Picking ")).unwrap();
    assert!(picking.contains("Bo Chen") && picking.contains(" 200 "), "{picking}");
    let packing = departments.lines().find(|l| l.starts_with(" Packing ")).unwrap();
    assert!(packing.contains(" - ") && packing.contains(" 112 "), "{packing}");
    for format in ["markdown", "html"] {
        let out = crate::stdout_with_stdin(&["analyze", "-", "--format", format], WAREHOUSE);
        assert!(out.contains("Bo Chen") && out.contains("2 (312 people)"), "{format}: {out}");
    }
}

#[test]
fn people_are_at_least_a_sum_when_some_headcounts_are_missing_and_unsaid_when_none_are_given() {
    let partial = WAREHOUSE.replace(", headcount: 112", "");
    let out = crate::stdout_with_stdin(&["analyze", "-"], &partial);
    assert!(out.contains("2 departments (at least 200 people) reach"), "{out}");
    let none = WAREHOUSE.replace(", lead: Ana Ruiz", "").replace(", lead: Bo Chen", "");
    let none = without_headcounts(&none);
    let out = crate::stdout_with_stdin(&["analyze", "-"], &none);
    assert!(!out.contains("people") && !out.contains("Led by") && !out.contains("People"), "{out}");
}

fn without_headcounts(yaml: &str) -> String {
    ["40", "200", "112", "3"].iter().fold(yaml.to_owned(), |y, n| y.replace(&format!(", headcount: {n}"), ""))
}
