//! `servchain survey template|summary|trend`, the `thin-evidence` rule, and
//! `diff` between orgs whose surveys differ.

use crate::servchain;
use crate::surveys::{Project, quality};

const LONG: &str = "respondent,rater,supplier,what,score,comment\n";

fn stdout(args: &[&str], p: &Project) -> String {
    let out = servchain().args(args).arg(p.path("org.yaml")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_filled_in_template_loads_back_as_a_long_survey() {
    let p = Project::new("  - {file: filled.csv}\n");
    p.write("filled.csv", LONG);
    let template = stdout(&["survey", "template"], &p);
    assert_eq!(
        template,
        "respondent,rater,supplier,what,score,comment\r\n,assembly,legal,Contracts,,\r\n,assembly,warehouse,Kitted parts,,\r\n,assembly,warehouse,Spares,,\r\n"
    );
    // Three people fill it in: 5, 4 and 3 for each question.
    let filled: String = ["5", "4", "3"]
        .iter()
        .enumerate()
        .flat_map(|(i, score)| {
            template.lines().skip(1).map(move |l| format!("p{i}{}", l.replacen(",,", &format!(",{score},"), 1)))
        })
        .map(|l| l + "\n")
        .collect();
    p.write("filled.csv", &format!("{LONG}{filled}"));
    let l = p.loaded();
    for (from, what) in [("legal", "Contracts"), ("warehouse", "Kitted parts"), ("warehouse", "Spares")] {
        assert_eq!(quality(&l, from, what), Some(0.75), "{from} {what}");
    }
}

#[test]
fn the_markdown_questionnaire_has_a_page_per_rater_with_the_question_and_scale() {
    let p = Project::new("  - {file: s.csv}\n");
    p.write("s.csv", LONG);
    let md = stdout(&["survey", "template", "--format", "markdown", "--scale", "agree-5"], &p);
    assert!(md.starts_with("# Survey Co: Assembly rates its suppliers"), "{md}");
    assert!(md.contains("How well does Warehouse's *Kitted parts* meet your needs?"));
    assert!(md.contains("strongly disagree / disagree / neither agree nor disagree / agree / strongly agree"));
}

fn answers(rows: &[(&str, &str, &str, u32)]) -> String {
    let mut out = LONG.to_owned();
    for (i, (rater, supplier, what, score)) in rows.iter().enumerate() {
        for k in 0..3 {
            out += &format!("r{i}{k},{rater},{supplier},{what},{score},\n");
        }
    }
    out
}

#[test]
fn the_summary_scores_suppliers_worst_first_with_coverage() {
    let p = Project::new("  - {file: s.csv, wave: W}\n");
    p.write(
        "s.csv",
        &answers(&[
            ("assembly", "warehouse", "Kitted parts", 5),
            ("assembly", "warehouse", "Spares", 2),
            ("assembly", "legal", "", 4),
        ]),
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["survey", "summary", "--format", "json"], &p)).unwrap();
    let s = &json["suppliers"];
    assert_eq!(s[0]["id"], "warehouse");
    assert_eq!(s[0]["name"], "Warehouse");
    assert_eq!(s[0]["quality"], 0.625, "(1 + 0.25) / 2 over six answers");
    assert_eq!(s[0]["responses"], 6);
    assert_eq!(s[0]["worst"]["what"], "Spares");
    assert_eq!(s[0]["worst"]["quality"], 0.25);
    assert_eq!((&s[1]["id"], &s[1]["quality"]), (&"legal".into(), &0.75.into()));
    assert_eq!(json["coverage"]["thin"].as_array().unwrap().len(), 0);
    assert_eq!(json["coverage"]["raters"][0]["responses"], 9);
    let text = stdout(&["survey", "summary"], &p);
    assert!(text.contains("Warehouse") && text.contains("62.5%"), "{text}");
    assert!(stdout(&["survey", "summary", "--format", "markdown"], &p).contains("| Warehouse | 62.5% | 6 |"));
}

#[test]
fn the_trend_lists_each_wave_biggest_drops_first() {
    let p = Project::new("  - {file: w1.csv, wave: W1}\n  - {file: w2.csv, wave: W2}\n");
    p.write("w1.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 5), ("assembly", "legal", "", 3)]));
    p.write("w2.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 2), ("assembly", "legal", "", 4)]));
    let json: serde_json::Value = serde_json::from_str(&stdout(&["survey", "trend", "--format", "json"], &p)).unwrap();
    assert_eq!(json["waves"], serde_json::json!(["W1", "W2"]));
    let h = &json["handoffs"];
    assert_eq!(
        (&h[0]["what"], &h[0]["values"], &h[0]["change"]),
        (&"Kitted parts".into(), &serde_json::json!([1.0, 0.25]), &(-0.75).into())
    );
    assert_eq!(h[1]["what"], "Contracts");
    // Warehouse's best chain runs through its unrated Spares: its strength holds.
    let ids: Vec<_> = json["departments"].as_array().unwrap().iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["assembly", "warehouse", "legal"]);
    let legal = &json["departments"][2];
    assert_eq!((&legal["strength"], &legal["change"]), (&serde_json::json!([0.5, 0.75]), &0.25.into()));
    let text = stdout(&["survey", "trend"], &p);
    assert!(text.contains("Warehouse -> Assembly (Kitted parts)") && text.contains("-75%"), "{text}");
    assert!(stdout(&["survey", "trend", "--format", "markdown"], &p).contains("| W1 | W2 |"));
}

#[test]
fn thin_evidence_warns_only_when_surveys_are_given() {
    let p = Project::new("  - {file: s.csv, wave: W}\n");
    p.write("s.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 5)]));
    let out = servchain().args(["check", "--format", "json"]).arg(p.path("org.yaml")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("\"thin-evidence\"").count(), 2, "Spares and Contracts: {text}");
    assert!(text.contains("has no answers in the latest survey wave (W)"));
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("org.yaml"), crate::surveys::ORG).unwrap();
    let out = servchain().args(["check", "--format", "json"]).arg(plain.path().join("org.yaml")).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("thin-evidence"));
}

#[test]
fn diff_reports_the_quality_a_new_wave_changed() {
    let old = Project::new("  - {file: s.csv}\n");
    old.write("s.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 5)]));
    let new = Project::new("  - {file: s.csv}\n");
    new.write("s.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 2)]));
    let out = servchain()
        .args(["diff", "--fail-on-regression"])
        .arg(old.path("org.yaml"))
        .arg(new.path("org.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Kitted parts"));
}

#[test]
fn the_survey_reports_need_surveys() {
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("org.yaml"), crate::surveys::ORG).unwrap();
    let out = servchain().args(["survey", "summary"]).arg(plain.path().join("org.yaml")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `surveys:`"));
}

#[test]
fn the_html_report_charts_the_waves_only_when_there_are_two() {
    let two = Project::new("  - {file: w1.csv, wave: W1}\n  - {file: w2.csv, wave: W2}\n");
    two.write("w1.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 5)]));
    two.write("w2.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 2)]));
    let html = stdout(&["analyze", "--format", "html"], &two);
    assert!(html.contains("<section id=\"survey-trend\">") && html.contains("<polyline"), "two waves: a chart");
    assert!(html.contains("Warehouse -&gt; Assembly (Kitted parts)"));
    let one = Project::new("  - {file: w1.csv, wave: W1}\n");
    one.write("w1.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 5)]));
    assert!(!stdout(&["analyze", "--format", "html"], &one).contains("survey-trend"), "one wave: no chart");
}

/// No raw control or bidi character in any survey output.
fn assert_safe(what: &str, out: &str) {
    let bad = |c: char| {
        (c < ' ' && c != '\n')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    let out = out.replace("\r\n", "\n");
    assert!(!out.chars().any(bad), "{what}: {out:?}");
}

#[test]
fn survey_outputs_show_no_raw_control_character() {
    let p = Project::new("  - {file: w1.csv, wave: \"W1\\e[2J\"}\n  - {file: w2.csv, wave: \"W2\\u202e\"}\n");
    let org = std::fs::read_to_string(p.path("org.yaml")).unwrap();
    let org = org
        .replace("name: Warehouse", "name: \"Ware\\e[31mhouse\\u202e\"")
        .replace("what: Kitted parts", "what: \"Kitted\\u0085 parts\"");
    p.write("org.yaml", &org);
    let rows = |score: u32| -> String {
        (0..3).map(|i| format!("r{i},assembly,warehouse,\"Kitted\u{85} parts\",{score},\n")).collect()
    };
    p.write("w1.csv", &format!("{LONG}{}", rows(5)));
    p.write("w2.csv", &format!("{LONG}{}", rows(3)));
    let runs: [&[&str]; 9] = [
        &["survey", "template"],
        &["survey", "template", "--format", "markdown"],
        &["survey", "summary"],
        &["survey", "summary", "--format", "markdown"],
        &["survey", "trend"],
        &["survey", "trend", "--format", "markdown"],
        &["analyze"],
        &["analyze", "--format", "html"],
        &["check"],
    ];
    for args in runs {
        let out = servchain().args(args).arg(p.path("org.yaml")).output().unwrap();
        assert!(out.status.code().is_some_and(|c| c < 2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_safe(&format!("{args:?}"), &String::from_utf8_lossy(&out.stdout));
        assert_safe(&format!("{args:?} stderr"), &String::from_utf8_lossy(&out.stderr));
    }
    // A bad cell with a control character is quoted safely.
    p.write("w2.csv", &format!("{LONG}r,assembly,\"ware\x1b[2Jhouse\",x,\u{202e}9,\n"));
    let out = servchain().arg("analyze").arg(p.path("org.yaml")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_safe("load errors", &String::from_utf8_lossy(&out.stderr));
}

#[test]
fn diff_against_a_git_revision_reads_that_revisions_survey() {
    let p = Project::new("  - {file: s.csv}\n");
    std::fs::remove_dir(p.path(".git")).unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").current_dir(p.dir.path()).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.name", "t"]);
    git(&["config", "user.email", "t@servchain.invalid"]);
    p.write("s.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 5)]));
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "wave 1"]);
    // The working tree's survey is worse; the revision's is as committed.
    p.write("s.csv", &answers(&[("assembly", "warehouse", "Kitted parts", 2)]));
    let out = servchain()
        .current_dir(p.dir.path())
        .args(["diff", "--base", "main", "org.yaml", "--fail-on-regression", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(out.status.code(), Some(1), "{v:#} {}", String::from_utf8_lossy(&out.stderr));
    let q = v["regressions"].as_array().unwrap().iter().find(|i| i["kind"] == "quality-down").unwrap();
    assert_eq!(q["ids"], serde_json::json!(["warehouse", "assembly", "Kitted parts"]));
    assert_eq!((&q["old"], &q["new"]), (&1.0.into(), &0.25.into()));
}
