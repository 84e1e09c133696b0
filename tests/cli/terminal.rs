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
