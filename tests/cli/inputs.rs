//! One org, however it is handed over: one file, a directory of fragments,
//! `include:` globs, or standard input, gives the same model.

use crate::servchain;
use servchain::diagnostic::Code;
use servchain::load::{LoadOptions, Loaded, load, load_with_stdin};
use servchain::model::{Endpoint, Org};
use std::fs;
use std::path::{Path, PathBuf};

/// The model without locations, one line per item, in model order.
fn canon(org: &Org) -> String {
    let mut out = format!("organization {:?}\n", org.organization);
    for c in &org.customers {
        out += &format!("customer {} {:?} {:?} {:?}\n", c.id, c.name, c.description, c.meta);
    }
    for d in &org.departments {
        out += &format!(
            "department {} {:?} {:?} {:?} {:?} {:?} {:?}\n",
            d.id,
            d.name,
            d.lead,
            d.headcount,
            d.tags(),
            d.description(),
            d.meta()
        );
    }
    for h in &org.handoffs {
        let to = org.id_of(h.to);
        let from = &org.department(h.from).id;
        out += &format!("handoff {from} -> {to} {:?} {:?} {:?} {:?}\n", h.what, h.quality, h.lead_time, h.meta());
    }
    out += &format!("policies {}\n", org.policies.len());
    out
}

const CUSTOMERS: &str = "organization: Split Co\ncustomers:\n  - id: shoppers\n    name: Shoppers\n";
const FRONT: &str = "departments:\n  - id: support\n    name: Support\n    lead: Dana\n    headcount: 4\n    tags: [frontline]\n    serves:\n      - to: shoppers\n        what: Answers\n        quality: 93%\n        lead_time: 4h\n";
const BACK: &str = "departments:\n  - id: it\n    meta: {cost_center: CC-1}\n    serves:\n      - to: support\n        what: CRM uptime\n        quality: 0.71\n  - id: legal\nhandoffs:\n  - from: legal\n    to: support\n    what: Terms\n";

fn one_file() -> String {
    // The same org as the fragments, concatenated list by list.
    let front_depts = FRONT.trim_start_matches("departments:\n");
    let back_depts = BACK.trim_start_matches("departments:\n");
    format!("{CUSTOMERS}departments:\n{front_depts}{back_depts}")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn load_paths_ok(paths: &[PathBuf]) -> Loaded {
    match load(paths, &LoadOptions::default()) {
        Ok(l) => l,
        Err(e) => panic!("{}", crate::describe(&e)),
    }
}

#[test]
fn a_directory_gives_the_same_model_as_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let single = write(tmp.path(), "single.yaml", &one_file());
    let dir = tmp.path().join("org");
    write(&dir, "00-org.yaml", CUSTOMERS);
    write(&dir, "teams/a-front.yml", FRONT);
    write(&dir, "teams/b-back.yaml", BACK);
    // Skipped: hidden files and directories, other extensions.
    write(&dir, ".hidden.yaml", "this: [is not loaded");
    write(&dir, ".git/config.yaml", "nor: [this");
    write(&dir, "notes.txt", "not yaml");
    let expected = canon(&load_paths_ok(&[single]).org);
    assert_eq!(canon(&load_paths_ok(&[dir]).org), expected);
}

#[test]
fn includes_give_the_same_model_as_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let single = write(tmp.path(), "single.yaml", &one_file());
    let root = write(tmp.path(), "main/org.yaml", &format!("include: [\"teams/*.yaml\"]\n{CUSTOMERS}"));
    write(tmp.path(), "main/teams/a-front.yaml", FRONT);
    write(tmp.path(), "main/teams/b-back.yaml", BACK);
    assert_eq!(canon(&load_paths_ok(&[root]).org), canon(&load_paths_ok(&[single]).org));
}

#[test]
fn stdin_gives_the_same_model_as_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let single = write(tmp.path(), "single.yaml", &one_file());
    let text = one_file();
    let loaded = load_with_stdin(&[PathBuf::from("-")], &LoadOptions::default(), &mut text.as_bytes()).unwrap();
    assert_eq!(canon(&loaded.org), canon(&load_paths_ok(&[single]).org));
    assert_eq!(loaded.sources.name(servchain::source::FileId::default()), "<stdin>");
}

#[test]
fn stdin_on_the_command_line_loads() {
    servchain()
        .args(["analyze", "-"])
        .write_stdin(one_file())
        .assert()
        .success()
        .stdout(predicates::str::contains("Split Co"))
        .stdout(predicates::str::contains("3 departments, 1 customer, 3 handoffs (1 unrated)"));
}

#[test]
fn a_file_included_twice_is_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let root = write(tmp.path(), "org.yaml", &format!("include: [front.yaml, \"*.yaml\"]\n{CUSTOMERS}"));
    write(tmp.path(), "front.yaml", FRONT);
    let loaded = load_paths_ok(&[root.clone(), tmp.path().join("front.yaml")]);
    assert_eq!(loaded.org.departments.len(), 1);
    assert_eq!(loaded.sources.len(), 2);
}

#[test]
fn duplicate_ids_across_files_name_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    write(&dir, "a.yaml", &format!("{CUSTOMERS}{FRONT}"));
    write(&dir, "b.yaml", "departments:\n  - id: support\n");
    let Err(e) = load(&[dir], &LoadOptions::default()) else { panic!("expected an error") };
    let d = e.diagnostics.iter().find(|d| d.code == Code::DuplicateId).unwrap();
    let files = (e.sources.name(d.loc().unwrap().file), e.sources.name(d.secondary[0].loc.file));
    assert!(files.0.ends_with("b.yaml") && files.1.ends_with("a.yaml"), "{files:?}");
    assert_eq!((e.sources.line_col(d.loc().unwrap()).0, e.sources.line_col(d.secondary[0].loc).0), (2, 2 + 4));
}

#[test]
fn files_must_agree_on_the_organization() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(tmp.path(), "a.yaml", &format!("{CUSTOMERS}{FRONT}"));
    let b = write(tmp.path(), "b.yaml", "organization: Other Co\ndepartments: [{id: x, serves: [{to: shoppers}]}]\n");
    let Err(e) = load(&[a, b], &LoadOptions::default()) else { panic!() };
    let d = e.diagnostics.iter().find(|d| d.code == Code::ConflictingFiles).unwrap();
    assert!(d.message.contains("\"Other Co\""), "{}", d.message);
    assert_eq!(e.sources.line_col(d.loc().unwrap()).0, 1);
}

#[test]
fn a_missing_include_is_an_error_and_an_empty_glob_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let root = write(tmp.path(), "org.yaml", &format!("include: [nope.yaml]\n{CUSTOMERS}{FRONT}"));
    let Err(e) = load(&[root], &LoadOptions::default()) else { panic!() };
    let d = &e.diagnostics[0];
    assert_eq!((d.code, e.sources.line_col(d.loc().unwrap())), (Code::IncludeNotFound, (1, 11)));

    let root = write(tmp.path(), "org2.yaml", &format!("include: [\"teams/*.yaml\"]\n{CUSTOMERS}{FRONT}"));
    let loaded = load_paths_ok(&[root]);
    assert_eq!(loaded.warnings[0].code, Code::IncludeMatchesNothing);
}

#[test]
fn a_file_over_the_size_limit_names_the_limit_and_the_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "big.yaml", &format!("{CUSTOMERS}{FRONT}"));
    servchain()
        .args(["analyze", "--max-file-size", "100B"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("big.yaml is 269 B, over the 100 B limit"))
        .stderr(predicates::str::contains("--max-file-size"));
    servchain().args(["analyze", "--max-file-size", "1KiB"]).arg(&path).assert().success();
}

#[test]
fn a_missing_path_is_a_clear_error() {
    servchain()
        .args(["analyze", "does-not-exist.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("cannot read does-not-exist.yaml: no such file or directory"));
}

#[test]
fn a_directory_without_yaml_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "notes.txt", "hello");
    servchain()
        .arg("analyze")
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no *.yaml or *.yml files under"));
}

#[test]
fn handoffs_resolve_to_the_right_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let single = write(tmp.path(), "single.yaml", &one_file());
    let org = load_paths_ok(&[single]).org;
    let support = org.lookup("support").unwrap();
    let Endpoint::Department(it) = org.lookup("it").unwrap() else { panic!() };
    let h = org.handoffs.iter().find(|h| h.from == it).unwrap();
    assert_eq!(h.to, support);
    assert_eq!(h.quality, Some(0.71));
    assert_eq!(org.unrated_handoffs(), 1);
    assert_eq!(org.lookup("nobody"), None);
}
