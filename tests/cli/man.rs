//! `servchain man`: every page written by `--dir`, each describing its own
//! command, and no page pointing at one that is not written.

use crate::servchain;
use clap::CommandFactory;
use servchain::cli::Cli;
use std::collections::BTreeSet;
use std::path::Path;

/// Every command a page is due for: (page name, its long and short options),
/// walked from clap's own definition so a new subcommand is covered too.
fn expected_pages() -> Vec<(String, Vec<String>)> {
    fn walk(cmd: &clap::Command, name: &str, out: &mut Vec<(String, Vec<String>)>) {
        let mut options: Vec<String> =
            cmd.get_arguments().filter(|a| !a.is_hide_set()).filter_map(|a| a.get_long().map(str::to_owned)).collect();
        options.extend(["help".to_owned(), "version".to_owned()]);
        out.push((name.to_owned(), options));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &format!("{name}-{}", sub.get_name()), out);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "servchain", &mut out);
    out
}

/// roff escapes every hyphen: `--max-file-size` is `\-\-max\-file\-size`.
fn roff(text: &str) -> String {
    text.replace('-', "\\-")
}

fn write_pages(dir: &Path) {
    servchain()
        .args(["man", "--dir"])
        .arg(dir)
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains(format!("wrote {} manual pages", expected_pages().len())));
}

#[test]
fn man_dir_writes_one_page_per_command_naming_its_options() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    write_pages(&dir);
    let written: BTreeSet<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let expected = expected_pages();
    let names: BTreeSet<String> = expected.iter().map(|(n, _)| format!("{n}.1")).collect();
    assert_eq!(written, names);
    assert!(names.contains("servchain-survey-summary.1") && names.contains("servchain-analyze.1"));
    for (name, options) in &expected {
        let page = std::fs::read_to_string(dir.join(format!("{name}.1"))).unwrap();
        assert!(page.contains(&format!(".TH {name} 1")), "{name}: title");
        assert!(page.contains(&format!(".SH NAME\n{} \\- ", roff(name))), "{name}: NAME section");
        for long in options {
            assert!(page.contains(&format!("\\fB{}\\fR", roff(&format!("--{long}")))), "{name}: --{long} missing");
        }
        assert!(
            page.contains(&format!("\"servchain {}\"", env!("CARGO_PKG_VERSION"))),
            "{name}: footer names the program"
        );
    }
}

#[test]
fn man_pages_point_only_at_pages_that_are_written() {
    let tmp = tempfile::tempdir().unwrap();
    write_pages(tmp.path());
    let top = servchain().arg("man").assert().success().get_output().stdout.clone();
    let top = String::from_utf8(top).unwrap();
    assert_eq!(top, std::fs::read_to_string(tmp.path().join("servchain.1")).unwrap());
    for entry in std::fs::read_dir(tmp.path()).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read_to_string(&path).unwrap().replace("\\-", "-");
        for (at, _) in page.match_indices("(1)") {
            let start = page[..at].rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).map_or(0, |i| i + 1);
            let target = &page[start..at];
            assert!(tmp.path().join(format!("{target}.1")).exists(), "{} points at {target}(1)", path.display());
        }
    }
    assert!(top.contains("servchain\\-analyze(1)"), "the top page lists the subcommand pages");
    assert!(!top.contains("servchain\\-help(1)"), "clap's help subcommand gets no page");
}

#[test]
fn man_dir_that_cannot_be_created_is_a_located_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    servchain()
        .args(["man", "--dir"])
        .arg(file.join("man1"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("plain-file"));
}

#[test]
#[ignore = "needs man"]
fn every_man_page_renders_with_man() {
    let tmp = tempfile::tempdir().unwrap();
    write_pages(tmp.path());
    for (name, _) in expected_pages() {
        let path = tmp.path().join(format!("{name}.1"));
        let out = std::process::Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .env("MAN_KEEP_FORMATTING", "")
            .output()
            .expect("man runs");
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("NAME") && text.contains("SYNOPSIS") && text.contains(&name), "{name}:\n{text}");
    }
}
