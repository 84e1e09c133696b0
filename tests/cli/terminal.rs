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
