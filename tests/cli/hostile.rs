//! Hostile and odd input: each ends in a result or a located error, within
//! the time and memory each test states (a hang or runaway allocation fails
//! the test; these are bounds, not speed measurements).

use crate::servchain;
use std::path::Path;
use std::time::Duration;

/// Address space the binary may use in these tests. A debug build maps a few
/// hundred MB before it reads anything; hostile input must not add GBs.
const MEMORY_LIMIT_KB: u64 = 1_500_000;
/// Time any of these inputs may take in a debug build on a slow machine.
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// Runs `servchain analyze FILE` under the memory limit; returns (exit code, stderr).
fn analyze_bounded(path: &Path) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("servchain");
    let script = format!("ulimit -v {MEMORY_LIMIT_KB}; exec \"$0\" analyze --color never \"$1\" > /dev/null");
    let out = assert_cmd::Command::new("bash")
        .args(["-c", &script])
        .arg(&bin)
        .arg(path)
        .env("NO_COLOR", "1")
        .timeout(TIME_LIMIT)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The run ended in a located error, not a crash.
fn refused_with(code_and_err: (i32, String), code: &str) {
    let (exit, err) = code_and_err;
    assert_eq!(exit, 2, "{err}");
    assert!(err.contains(&format!("error[{code}]")), "expected {code}: {err}");
    assert!(err.contains(" --> "), "located: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn an_alias_bomb_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..30 {
        y += &format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", "));
    }
    y += "departments: [{id: d}]\n";
    refused_with(analyze_bounded(&write(tmp.path(), "bomb.yaml", y.as_bytes())), "yaml-limit");
}

#[test]
fn nesting_hundreds_of_thousands_deep_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let flow = format!("departments: {}{}\n", "[".repeat(300_000), "]".repeat(300_000));
    // Too deep is a limit, not broken YAML (issue 12 asks the same).
    refused_with(analyze_bounded(&write(tmp.path(), "flow.yaml", flow.as_bytes())), "yaml-limit");
    let block: String = (0..5_000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    refused_with(analyze_bounded(&write(tmp.path(), "block.yaml", block.as_bytes())), "yaml-limit");
}

#[test]
fn a_scalar_of_tens_of_megabytes_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let y =
        format!("departments:\n  - id: a\n    description: {}\n    serves: [{{to: customer}}]\n", "x".repeat(30 << 20));
    let (code, err) = analyze_bounded(&write(tmp.path(), "big.yaml", y.as_bytes()));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn hundreds_of_thousands_of_keys_in_one_map() {
    let tmp = tempfile::tempdir().unwrap();
    let mut y = String::from("departments:\n  - id: a\n    serves: [{to: customer}]\n    meta:\n");
    for i in 0..300_000 {
        y += &format!("      k{i}: {i}\n");
    }
    let (code, err) = analyze_bounded(&write(tmp.path(), "keys.yaml", y.as_bytes()));
    assert_eq!(code, 0, "{err}");
    // The same number of unknown keys: every one reported, none crashing.
    let mut y = String::from("departments:\n  - id: a\n    serves: [{to: customer}]\n");
    for i in 0..100_000 {
        y += &format!("    k{i}: {i}\n");
    }
    refused_with(analyze_bounded(&write(tmp.path(), "unknown.yaml", y.as_bytes())), "unknown-key");
}

#[test]
fn binary_and_non_utf8_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let binary: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    refused_with(analyze_bounded(&write(tmp.path(), "binary.yaml", &binary)), "not-utf8");
    refused_with(analyze_bounded(&write(tmp.path(), "latin1.yaml", b"departments:\n  - id: caf\xe9\n")), "not-utf8");
    refused_with(analyze_bounded(&write(tmp.path(), "utf16.yaml", b"\xff\xfed\x00e\x00p\x00")), "not-utf8");
    let nul = b"departments:\n  - id: a\0b\n";
    let (code, err) = analyze_bounded(&write(tmp.path(), "nul.yaml", nul));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn boms_crlf_and_tabs() {
    let tmp = tempfile::tempdir().unwrap();
    let org = "departments:\n  - id: a\n    serves: [{to: customer}]\n";
    let bom = [b"\xEF\xBB\xBF".as_slice(), org.as_bytes()].concat();
    assert_eq!(analyze_bounded(&write(tmp.path(), "bom.yaml", &bom)).0, 0, "a UTF-8 byte-order mark is fine");
    let crlf = org.replace('\n', "\r\n");
    assert_eq!(analyze_bounded(&write(tmp.path(), "crlf.yaml", crlf.as_bytes())).0, 0, "CRLF line ends are fine");
    let bad = "departments:\r\n  - id: a\r\n    serves: [{to: nobody}]\r\n";
    let (code, err) = analyze_bounded(&write(tmp.path(), "crlf-bad.yaml", bad.as_bytes()));
    assert_eq!(code, 2);
    assert!(err.contains("crlf-bad.yaml:3:19"), "columns are right with CRLF: {err}");
    refused_with(analyze_bounded(&write(tmp.path(), "tabs.yaml", b"departments:\n\t- id: a\n")), "yaml-syntax");
}

#[test]
fn several_documents_duplicate_keys_and_ids_that_differ_in_case() {
    let tmp = tempfile::tempdir().unwrap();
    let multi = "departments: [{id: a, serves: [{to: customer}]}]\n---\ndepartments: [{id: b}]\n";
    refused_with(analyze_bounded(&write(tmp.path(), "multi.yaml", multi.as_bytes())), "yaml-limit");
    let dup = "departments:\n  - id: a\n    id: b\n";
    refused_with(analyze_bounded(&write(tmp.path(), "dup.yaml", dup.as_bytes())), "yaml-syntax");
    let case = "departments:\n  - id: Sales\n    serves: [{to: customer}]\n  - id: sales\n    serves: [{to: Sales}]\n";
    let (code, err) = analyze_bounded(&write(tmp.path(), "case.yaml", case.as_bytes()));
    assert_eq!(code, 0, "ids are case-sensitive: two departments: {err}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Output far larger than a pipe's buffer, so that the write really fails.
    let tmp = tempfile::tempdir().unwrap();
    let org = servchain::synth::org_yaml(servchain::synth::Shape::new(1000));
    let examples = write(tmp.path(), "big.yaml", org.as_bytes());
    let bin = assert_cmd::cargo::cargo_bin("servchain");
    let out = assert_cmd::Command::new("bash")
        .args(["-c", "set -o pipefail; \"$0\" analyze --all \"$1\" | head -1; echo \"status ${PIPESTATUS[0]}\""])
        .arg(&bin)
        .arg(&examples)
        .timeout(TIME_LIMIT)
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("status 0"), "{stdout}");
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn output_is_the_same_whatever_order_the_files_were_written_in() {
    let tmp = tempfile::tempdir().unwrap();
    // One department per file, each serving the one before; loaded in name
    // order, their rows come out in that order.
    let mut files = vec![("a.yaml".to_owned(), "customers: [{id: c}]\n".to_owned())];
    let mut single = String::from("customers: [{id: c}]\ndepartments:\n");
    for i in 0..8 {
        let to = if i == 0 { "c".to_owned() } else { format!("x{}", i - 1) };
        let dept = format!("{{id: x{i}, serves: [{{to: {to}, quality: 0.{}}}]}}", 9 - i);
        files.push((format!("d{i}-{}.yaml", 7 - i), format!("departments: [{dept}]\n")));
        single.push_str(&format!("  - {dept}\n"));
    }
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&two).unwrap();
    for (name, text) in &files {
        write(&one, name, text.as_bytes());
    }
    for (name, text) in files.iter().rev() {
        write(&two, name, text.as_bytes());
    }
    let single = write(tmp.path(), "single.yaml", single.as_bytes());
    let run = |path: &Path, format: &str| {
        servchain().arg("analyze").arg(path).args(["--format", format]).assert().success().get_output().stdout.clone()
    };
    for format in ["json", "table", "csv", "markdown", "html"] {
        assert_eq!(run(&one, format), run(&two, format), "{format}");
    }
    assert_eq!(run(&one, "json"), run(&single, "json"), "the files are not loaded in name order");
}

#[test]
fn a_failed_write_leaves_the_previous_report_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.json");
    std::fs::write(&report, "the previous report").unwrap();
    // An org that does not load writes nothing.
    servchain()
        .args(["analyze", "-", "--format", "json", "-o"])
        .arg(&report)
        .write_stdin("departments: [")
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "the previous report");
    let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left");
}
