//! GitLab Code Quality: the fields GitLab's merge request widget requires,
//! paths relative to the project root, unique fingerprints.

use super::Repo;
use serde_json::Value;

#[test]
fn gitlab_code_quality_has_the_fields_gitlab_reads() {
    let repo = Repo::new();
    let (code, out, err) = repo.run("org/teams", &["check", "..", "--format", "gitlab", "--fail-on", "warning"]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let entries = v.as_array().unwrap();
    assert!(entries.len() >= 2, "{out}");
    let mut fingerprints: Vec<&str> = Vec::new();
    for e in entries {
        assert!(e["description"].as_str().is_some_and(|d| !d.is_empty()), "{e}");
        assert!(e["check_name"].is_string(), "{e}");
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&e["severity"].as_str().unwrap()), "{e}");
        assert_eq!(e["location"]["path"], "org/teams/ops.yaml", "relative to the project root: {e}");
        assert!(e["location"]["lines"]["begin"].as_u64().is_some_and(|l| l >= 1), "{e}");
        fingerprints.push(e["fingerprint"].as_str().unwrap());
    }
    let cut_off = entries.iter().find(|e| e["check_name"] == "cut-off").unwrap();
    assert_eq!(
        (cut_off["severity"].as_str(), cut_off["location"]["lines"]["begin"].as_u64()),
        (Some("critical"), Some(4))
    );
    let n = fingerprints.len();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), n, "fingerprints are unique");
}

#[test]
fn an_org_that_does_not_load_is_a_blocker_per_problem() {
    let repo = Repo::new();
    repo.write(
        "org/a.yaml",
        "departments:\n  - id: a\n    serves: [{to: nowhere}]\n  - id: b\n    serves: [{to: nowhere}]\n",
    );
    let (code, out, _) = repo.run("", &["check", "org", "--format", "gitlab"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    let entries = v.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{out}");
    assert!(entries.iter().all(|e| e["severity"] == "blocker" && e["location"]["path"] == "org/a.yaml"), "{out}");
    assert_ne!(entries[0]["fingerprint"], entries[1]["fingerprint"]);
}
