//! The Graphviz drawing flows to the customer: laid out by `dot` itself and
//! read back with `dot -Tjson`, every customer is right of every department.

use crate::{examples, repo_stdout};
use std::io::Write;
use std::process::{Command, Stdio};

/// A node's x as `dot` placed it, and its id.
pub(crate) type Placed = Vec<(f64, String)>;

/// (x of each customer, x of each department) as `dot` placed them; the
/// legend's nodes are neither.
pub(crate) fn positions(dot_text: &str) -> (Placed, Placed) {
    let mut child =
        Command::new("dot").arg("-Tjson").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("dot runs");
    child.stdin.take().unwrap().write_all(dot_text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (mut customers, mut departments) = (Vec::new(), Vec::new());
    for o in json["objects"].as_array().unwrap() {
        let (Some(name), Some(pos)) = (o["name"].as_str(), o["pos"].as_str()) else { continue };
        if name.starts_with("legend_") {
            continue;
        }
        let x: f64 = pos.split(',').next().unwrap().parse().unwrap();
        if o["shape"] == "ellipse" {
            customers.push((x, name.to_owned()))
        } else {
            departments.push((x, name.to_owned()))
        }
    }
    (customers, departments)
}

#[test]
#[ignore = "needs graphviz"]
fn customers_are_rightmost_in_every_shipped_example() {
    let mut files: Vec<_> = std::fs::read_dir(examples()).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    assert!(files.len() >= 3);
    for file in files {
        let text = repo_stdout(&["graph", file.to_str().unwrap()]);
        let (customers, departments) = positions(&text);
        assert!(!customers.is_empty() && !departments.is_empty(), "{}", file.display());
        for (cx, c) in &customers {
            for (dx, d) in &departments {
                assert!(cx >= dx, "{}: customer {c} at x={cx} left of department {d} at x={dx}", file.display());
            }
        }
    }
}

/// A short chain to one customer beside a long one to another: left to
/// itself `dot` puts the first customer mid-picture.
#[test]
#[ignore = "needs graphviz"]
fn a_customer_of_a_short_chain_is_still_rightmost() {
    let org = "version: 1\norganization: Two chains\ncustomers:\n  - {id: near, name: Near}\n  - {id: far, name: Far}\ndepartments:\n  - {id: kiosk, name: Kiosk, serves: [{to: near, what: Tickets}]}\n  - {id: a, name: A, serves: [{to: b, what: Parts}]}\n  - {id: b, name: B, serves: [{to: c, what: Parts}]}\n  - {id: c, name: C, serves: [{to: d, what: Parts}]}\n  - {id: d, name: D, serves: [{to: far, what: Goods}]}\n";
    let text = crate::stdout_with_stdin(&["graph", "-"], org);
    let (customers, departments) = positions(&text);
    assert_eq!(customers.len(), 2);
    let rightmost_department = departments.iter().map(|(x, _)| *x).fold(f64::MIN, f64::max);
    for (cx, c) in &customers {
        assert!(*cx >= rightmost_department, "customer {c} at x={cx} left of a department at x={rightmost_department}");
    }
}
