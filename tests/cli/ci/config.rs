//! `servchain.toml` and excludes, in a temporary repository: what commands
//! read without a PATH, files a walk skips, the policy inline, and located
//! errors with suggestions for its mistakes.

use super::Repo;

/// A repository as people have them: org files beside other YAML.
fn repo_with_other_yaml() -> Repo {
    let repo = Repo::new();
    repo.write("mkdocs.yml", "site_name: Org handbook\n");
    repo.write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
    repo.write("policy.yaml", "rules:\n  cut-off: warning\n");
    repo
}

#[test]
fn without_a_config_other_yaml_in_the_repository_fails_the_walk() {
    let repo = repo_with_other_yaml();
    let (code, _, err) = repo.run("", &["check", "."]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("site_name"), "{err}");
}

#[test]
fn the_config_gives_paths_excludes_and_the_policy_file_which_a_walk_never_loads() {
    let repo = repo_with_other_yaml();
    repo.write("servchain.toml", "paths = [\".\"]\nexclude = [\"mkdocs.yml\"]\npolicy = \"policy.yaml\"\n");
    // .github is hidden; mkdocs.yml excluded; policy.yaml named by the config.
    let (code, out, err) = repo.run("", &["check", "--format", "json"]);
    assert_eq!(code, 0, "cut-off is a warning under the config's policy: {err}{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "cut-off" && f["severity"] == "warning"));
    // From a subdirectory, the nearest parent's config is used.
    let (code, _, err) = repo.run("org/teams", &["check", "--fail-on", "warning"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn exclude_on_the_command_line_and_fail_on_and_rules_from_the_config() {
    let repo = Repo::new();
    repo.write("org/draft.yaml", "departments: [{id: d, serves: [{to: nowhere}]}]\n");
    repo.write(
        "servchain.toml",
        "fail-on = \"never\"\n[rules]\nweak-handoff = { severity = \"error\", threshold = 0.6 }\n",
    );
    let (code, _, err) = repo.run("", &["check", "org"]);
    assert_eq!(code, 2, "the draft does not load: {err}");
    let (code, out, err) = repo.run("", &["check", "org", "--exclude", "draft.yaml", "--format", "json"]);
    assert_eq!(code, 0, "fail-on = never: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let weak = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "weak-handoff").unwrap();
    assert_eq!(weak["severity"], "error", "the inline [rules] apply");
    let (code, _, _) = repo.run("", &["check", "org", "--exclude", "draft.yaml", "--fail-on", "error"]);
    assert_eq!(code, 1, "the command line wins over the config");
}

#[test]
fn config_mistakes_are_located_errors_with_suggestions() {
    let repo = Repo::new();
    repo.write("servchain.toml", "paths = [\"org\"]\nexlude = [\"x\"]\nstrict-baseline = \"yes\"\n");
    let (code, _, err) = repo.run("", &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("servchain.toml:2:1") && err.contains("did you mean \"exclude\""), "{err}");
    assert!(err.contains("servchain.toml:3:19") && err.contains("`strict-baseline` must be true or false"), "{err}");

    repo.write("servchain.toml", "[rules]\ncut-of = \"error\"\n");
    let (code, _, err) = repo.run("", &["check", "org"]);
    assert_eq!(code, 2);
    assert!(err.contains("servchain.toml:2:1") && err.contains("cut-off"), "{err}");

    repo.write("servchain.toml", "paths = [\"org\"\n");
    let (code, _, err) = repo.run("", &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("error[config-syntax]") && err.contains("servchain.toml:"), "{err}");
}

#[test]
fn no_path_and_no_config_is_a_clear_error() {
    let repo = Repo::new();
    let (code, _, err) = repo.run("", &["analyze"]);
    assert_eq!(code, 2);
    assert!(err.contains("no PATH given, and no servchain.toml with `paths`"), "{err}");
}

#[test]
fn init_writes_a_config_beside_the_starter_org_that_check_then_reads() {
    let repo = Repo::new();
    std::fs::create_dir_all(repo.root.join("start")).unwrap();
    let (code, _, err) = repo.run("", &["init", "start/org.yaml"]);
    assert_eq!(code, 0, "{err}");
    let config = std::fs::read_to_string(repo.root.join("start/servchain.toml")).unwrap();
    assert!(config.contains("paths = [\"org.yaml\"]"), "{config}");
    let (code, _, err) = repo.run("start", &["check"]);
    assert_eq!(code, 0, "{err}");
}
