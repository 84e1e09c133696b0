//! Baselines keep the reasons people wrote, and `--strict-baseline` fails a
//! run whose baseline holds entries that no longer match.

use super::Repo;
use serde_json::Value;

#[test]
fn write_baseline_alone_keeps_the_reasons_written_in_the_file() {
    let repo = Repo::new();
    assert_eq!(repo.run("", &["check", "org", "--write-baseline", "b.json"]).0, 0);
    let path = repo.root.join("b.json");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("\"reason\": \"\"", "\"reason\": \"accepted by the board\"");
    std::fs::write(&path, text).unwrap();
    // The README's recipe: rewrite the baseline after a change.
    assert_eq!(repo.run("", &["check", "org", "--write-baseline", "b.json"]).0, 0);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f["reason"] == "accepted by the board"), "{v}");
}

#[test]
fn strict_baseline_fails_on_entries_that_no_longer_match_and_lists_them() {
    let repo = Repo::new();
    assert_eq!(repo.run("", &["check", "org", "--write-baseline", "b.json"]).0, 0);
    // legal gets a handoff: its cut-off finding is fixed.
    repo.write(
        "org/teams/ops.yaml",
        &super::OPS.replace("  - id: legal\n", "  - id: legal\n    serves: [{to: shop}]\n"),
    );
    let (code, _, err) = repo.run("", &["check", "org", "--baseline", "b.json"]);
    assert_eq!(code, 0, "a fixed finding fails nothing by default: {err}");
    let (code, _, err) = repo.run("", &["check", "org", "--baseline", "b.json", "--strict-baseline"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[stale-baseline]") && err.contains("cut-off:legal"), "{err}");
    repo.write("servchain.toml", "strict-baseline = true\nbaseline = \"b.json\"\n");
    assert_eq!(repo.run("", &["check", "org"]).0, 1, "strict-baseline and baseline from servchain.toml");
}
