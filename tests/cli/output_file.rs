//! `-o FILE` is safe: it never overwrites an input, a new report replaces
//! the old one whole (keeping its permissions), an interrupted run leaves no
//! temporary file and the old report whole, and a dangling symlink is
//! written through like a live one.

use crate::servchain;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ORG: &str =
    "customers: [{id: shoppers}]\ndepartments:\n  - id: support\n    serves: [{to: shoppers, quality: 0.9}]\n";
const TEAM: &str = "departments:\n  - id: it\n    serves: [{to: support, quality: 0.8}]\n";

fn write(path: &Path, text: &str) -> PathBuf {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
    path.to_path_buf()
}

/// `org.yaml` including `teams/it.yaml`, in a project of its own.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join(".git")).unwrap();
    write(&tmp.path().join("org.yaml"), &format!("include: [teams/it.yaml]\n{ORG}"));
    write(&tmp.path().join("teams/it.yaml"), TEAM);
    tmp
}

/// The temporary files `-o` left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    let names = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
    names.filter(|n| n.starts_with('.') && n.ends_with(".tmp")).collect()
}

#[test]
fn a_report_onto_an_input_is_refused_and_the_input_kept() {
    let tmp = project();
    let dir = tmp.path();
    #[cfg(unix)]
    std::os::unix::fs::symlink("teams/it.yaml", dir.join("link.yaml")).unwrap();
    let cases: &[&[&str]] = &[
        &["analyze", "./org.yaml", "-o", "org.yaml"],
        &["analyze", "./org.yaml", "-o", "./org.yaml", "--format", "json"],
        // An included file is an input too, by any path or link.
        &["analyze", "./org.yaml", "-o", "teams/it.yaml"],
        #[cfg(unix)]
        &["analyze", "./org.yaml", "-o", "link.yaml"],
        &["check", "./org.yaml", "-o", "teams/../teams/it.yaml", "--format", "sarif"],
        &["check", "./org.yaml", "--write-baseline", "org.yaml"],
        &["graph", "./org.yaml", "-o", "teams/it.yaml"],
        &["trace", "./org.yaml", "it", "-o", "org.yaml"],
        &["whatif", "./org.yaml", "--remove", "it", "-o", "teams/it.yaml"],
        &["diff", "./org.yaml", "./org.yaml", "-o", "teams/it.yaml"],
    ];
    for args in cases {
        let out = servchain().current_dir(dir).args(*args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("is one of the inputs"), "{args:?}: {stderr}");
        assert_eq!(fs::read_to_string(dir.join("org.yaml")).unwrap(), format!("include: [teams/it.yaml]\n{ORG}"));
        assert_eq!(fs::read_to_string(dir.join("teams/it.yaml")).unwrap(), TEAM, "{args:?}");
        assert!(leftovers(dir).is_empty() && leftovers(&dir.join("teams")).is_empty());
    }
    // Rewriting the baseline that was read is what --write-baseline is for.
    servchain().current_dir(dir).args(["check", "./org.yaml", "--write-baseline", "b.json"]).assert().success();
    let again = ["check", "./org.yaml", "--baseline", "b.json", "--write-baseline", "b.json"];
    servchain().current_dir(dir).args(again).assert().success();
}

#[test]
#[cfg(unix)]
fn a_report_replaces_the_old_one_keeping_its_permissions_and_leaves_nothing_beside_it() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = project();
    let dir = tmp.path();
    // A small report, and one over 16 MiB, which replaces the old one by
    // swapping names on Linux.
    for (org, at_least) in [(ORG.to_owned(), 0), (slow_report_org(1600), 16 << 20)] {
        write(&dir.join("org.yaml"), &org);
        let report = write(&dir.join("report.json"), "the old report\n");
        fs::set_permissions(&report, fs::Permissions::from_mode(0o604)).unwrap();
        for _ in 0..2 {
            servchain()
                .current_dir(dir)
                .args(["analyze", "./org.yaml", "--format", "json", "-o", "report.json"])
                .assert()
                .success();
            let written = fs::read_to_string(&report).unwrap();
            assert!(written.len() >= at_least, "{} bytes", written.len());
            assert!(written.starts_with("{\n  \"schema_version\"") && written.ends_with("}\n"));
            assert_eq!(fs::metadata(&report).unwrap().permissions().mode() & 0o777, 0o604);
            assert_eq!(leftovers(dir), Vec::<String>::new());
        }
    }
}

#[test]
fn a_report_onto_a_directory_says_to_name_a_file_in_it() {
    let tmp = project();
    let dir = tmp.path();
    fs::create_dir(dir.join("reports")).unwrap();
    let says = format!("it is a directory; name a file in it: -o {}", Path::new("reports").join("NAME").display());
    for args in
        [&["analyze", "org.yaml", "-o", "reports"][..], &["check", "org.yaml", "-o", "reports", "--format", "sarif"]]
    {
        let out = servchain().current_dir(dir).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&format!("cannot write reports: {says}")), "{args:?}: {stderr}");
        assert!(fs::read_dir(dir.join("reports")).unwrap().next().is_none(), "the directory is left as it was");
        assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
    }
}

#[test]
#[cfg(unix)]
fn a_dangling_symlink_is_written_through_and_kept() {
    let tmp = project();
    let dir = tmp.path();
    std::os::unix::fs::symlink("reports/latest.json", dir.join("report.json")).unwrap();
    fs::create_dir(dir.join("reports")).unwrap();
    servchain()
        .current_dir(dir)
        .args(["analyze", "./org.yaml", "--format", "json", "-o", "report.json"])
        .assert()
        .success();
    assert!(fs::symlink_metadata(dir.join("report.json")).unwrap().file_type().is_symlink());
    let written = fs::read_to_string(dir.join("reports/latest.json")).unwrap();
    assert!(written.contains("\"schema_version\""), "{written}");

    // A target in a directory that does not exist: a clear error.
    std::os::unix::fs::symlink("nowhere/r.json", dir.join("lost.json")).unwrap();
    servchain()
        .current_dir(dir)
        .args(["analyze", "./org.yaml", "-o", "lost.json"])
        .assert()
        .code(2)
        .stderr("error: cannot write lost.json (a link to nowhere/r.json): the directory nowhere does not exist\n");
}

/// An org whose report is slow to write and quick to load: a line of `n`
/// departments, each with a chain of up to `n` handoffs in the report.
fn slow_report_org(n: usize) -> String {
    let mut y = String::from("customers: [{id: c}]\ndepartments:\n");
    for i in 0..n {
        let to = if i + 1 == n { "c".to_owned() } else { format!("d{}", i + 1) };
        y += &format!("  - {{id: d{i}, serves: [{{to: {to}, quality: 0.9}}]}}\n");
    }
    y
}

/// Runs `analyze -o report.csv` and sends `signal` once its temporary file
/// exists; `None` if the run finished before that could be seen.
#[cfg(unix)]
fn interrupt(dir: &Path, signal: &str) -> Option<std::process::ExitStatus> {
    let bin = assert_cmd::cargo::cargo_bin("servchain");
    let mut child = std::process::Command::new(bin)
        .current_dir(dir)
        .args(["analyze", "org.yaml", "--format", "csv", "-o", "report.csv"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while leftovers(dir).is_empty() {
        if child.try_wait().unwrap().is_some() || start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let sent = std::process::Command::new("kill").args(["-s", signal, &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    Some(child.wait().unwrap())
}

#[test]
#[cfg(unix)]
fn an_interrupted_report_leaves_no_temporary_file_and_the_old_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for (signal, status) in [("TERM", 143), ("INT", 130)] {
        write(&dir.join("report.csv"), "the old report\n");
        // Larger until the report takes long enough to be caught mid-way.
        let mut n = 1500;
        let ended = loop {
            write(&dir.join("org.yaml"), &slow_report_org(n));
            match interrupt(dir, signal) {
                Some(ended) => break ended,
                None if n < 50_000 => n *= 3,
                None => panic!("the report was always written before it could be interrupted"),
            }
        };
        assert_eq!(leftovers(dir), Vec::<String>::new(), "SIG{signal}");
        assert_eq!(fs::read_to_string(dir.join("report.csv")).unwrap(), "the old report\n");
        assert_eq!(ended.code(), Some(status), "SIG{signal}: {ended:?}");
    }
}
