//! The job summary stays under GitHub's 1 MiB limit however many findings
//! there are, worst first, the rest counted by rule; `--max-findings` caps
//! every format people read.

use super::Repo;

/// An org with `n` departments that serve no one (n cut-off errors) and one
/// weak handoff (a warning).
fn many(n: usize) -> String {
    let mut yaml = String::from("departments:\n  - {id: w, serves: [{to: shop, quality: 0.5}]}\n");
    for i in 0..n {
        yaml.push_str(&format!("  - {{id: department-{i:05}, name: \"A department with a long name, number {i}\"}}\n"));
    }
    yaml
}

#[test]
fn markdown_for_twenty_thousand_findings_stays_under_one_mib_worst_first() {
    let repo = Repo::new();
    // 20,000 in one file: past 200 of one code in one file the rest are one line.
    repo.write("org/teams/ops.yaml", &many(20_000));
    let (code, out, _) = repo.run("", &["check", "org", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(out.len() < 1 << 20, "{} bytes", out.len());
    assert!(out.contains("| error | `cut-off` |"));
    assert!(out.contains("19800 more cut-off errors in org/teams/ops.yaml are not shown."), "{out}");
    // 20,000 over 100 files: the size budget stops the table, the rest counted by rule.
    let repo = Repo::new();
    for f in 0..100 {
        let mut yaml = String::from(if f == 0 {
            "departments:\n  - {id: w, serves: [{to: shop, quality: 0.5}]}\n"
        } else {
            "departments:\n"
        });
        for i in 0..200 {
            let n = f * 200 + i;
            yaml.push_str(&format!(
                "  - {{id: department-{n:05}, name: \"A department with a long name, number {n}\"}}\n"
            ));
        }
        repo.write(&format!("org/teams/t{f:03}.yaml"), &yaml);
    }
    let (code, out, _) = repo.run("", &["check", "org", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(out.len() < 1 << 20, "{} bytes", out.len());
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("… and ") && last.contains("cut-off "), "{last}");
}

#[test]
fn max_findings_caps_text_markdown_and_github_annotations() {
    let repo = Repo::new();
    repo.write("org/teams/ops.yaml", &many(30));
    let (_, md, _) = repo.run("", &["check", "org", "--format", "markdown", "--max-findings", "5"]);
    assert_eq!(md.lines().filter(|l| l.starts_with("| error ")).count(), 5, "{md}");
    assert!(md.contains("… and 27 more: cut-off 25, weak-chain 1, weak-handoff 1."), "{md}");
    let (_, gh, _) = repo.run("", &["check", "org", "--format", "github", "--max-findings", "3"]);
    assert_eq!(gh.lines().filter(|l| l.starts_with("::")).count(), 3, "{gh}");
    let (_, _, text) = repo.run("", &["check", "org", "--max-findings", "2"]);
    let (_, text_out, _) = repo.run("", &["check", "org", "--max-findings", "2"]);
    let all = text + &text_out;
    assert_eq!(all.matches("error[cut-off]").count(), 2, "{all}");
    assert!(all.contains("… and 30 more"), "{all}");
}
