//! `surveys:`: survey waves read from CSV and xlsx, in long and wide
//! layouts, on every scale; the quality they set (the latest wave with
//! enough answers, else the file's); and every problem in a survey file
//! located at its cell, all in one run.

use crate::servchain;
use proptest::prelude::*;
use servchain::diagnostic::Diagnostic;
use servchain::load::{LoadOptions, Loaded, load};
use servchain::model::QualitySource;
use std::path::{Path, PathBuf};

/// A project directory (its own root) holding an org and its survey files.
pub struct Project {
    pub dir: tempfile::TempDir,
}

/// Warehouse hands Assembly two things; Legal hands Assembly one.
pub const ORG: &str = "organization: Survey Co\ncustomers: [{id: c}]\ndepartments:
  - id: warehouse
    name: Warehouse
    serves:
      - {to: assembly, what: Kitted parts, quality: 0.9}
      - {to: assembly, what: Spares}
  - id: assembly
    name: Assembly
    serves: [{to: c, what: Products}]
  - id: legal
    name: Legal
    serves: [{to: assembly, what: Contracts, quality: 0.5}]
";

impl Project {
    pub fn new(surveys: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let p = Project { dir };
        p.write("org.yaml", &format!("{ORG}surveys:\n{surveys}"));
        p
    }

    pub fn write(&self, name: &str, text: &str) {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn load(&self) -> Result<Loaded, Vec<Diagnostic>> {
        load(&[self.path("org.yaml")], &LoadOptions::default()).map_err(|e| {
            crate::remember(&e.sources);
            e.diagnostics
        })
    }

    pub fn loaded(&self) -> Loaded {
        self.load().unwrap_or_else(|d| panic!("{d:#?}"))
    }

    pub fn errors(&self) -> Vec<Diagnostic> {
        match self.load() {
            Ok(_) => panic!("expected the org to be refused"),
            Err(d) => d,
        }
    }
}

/// The quality of the handoff `from -> to (what)`.
pub fn quality(l: &Loaded, from: &str, what: &str) -> Option<f64> {
    let org = &l.org;
    org.handoffs
        .iter()
        .find(|h| org.department(h.from).id.as_str() == from && h.what.as_deref() == Some(what))
        .unwrap_or_else(|| panic!("no handoff {from} {what}"))
        .quality
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// `code name:line:col` of each diagnostic.
fn located(l: &[Diagnostic], p: &Project) -> Vec<String> {
    let sources = load(&[p.path("org.yaml")], &LoadOptions::default()).err().map(|e| e.sources);
    l.iter()
        .map(|d| {
            let at = d.loc().map_or("-".to_owned(), |loc| {
                let name = sources.as_ref().map_or("?".to_owned(), |s| s.name(loc.file).to_owned());
                let name = Path::new(&name).file_name().map_or(name.clone(), |n| n.to_string_lossy().into_owned());
                let (line, col) = sources.as_ref().map_or((0, 0), |s| s.line_col(loc));
                format!("{name}:{line}:{col}")
            });
            format!("{} {at}", d.code)
        })
        .collect()
}

const LONG: &str = "respondent,rater,supplier,what,score,comment\n";

#[test]
fn a_long_survey_sets_the_mean_normalized_score_and_says_where_it_came_from() {
    let p = Project::new("  - {file: q3.csv, wave: 2026-Q3}\n");
    p.write("q3.csv", &format!("{LONG}a,assembly,warehouse,Kitted parts,4,\nb,Assembly,Warehouse,kitted parts,5,ok\nc,assembly,warehouse,Kitted parts,3,\n"));
    let l = p.loaded();
    assert!(close(quality(&l, "warehouse", "Kitted parts"), 0.75), "(3+4+5)/3 = 4 on 1-5");
    let h = l.org.handoffs.iter().find(|h| h.what.as_deref() == Some("Kitted parts")).unwrap();
    let e = h.evidence().unwrap();
    assert_eq!((e.source, e.file_quality), (Some(QualitySource::Survey(0)), Some(0.9)));

    let out = servchain().args(["analyze", "--format", "json"]).arg(p.path("org.yaml")).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["handoffs"].as_array().unwrap();
    let kitted = rows.iter().find(|r| r["what"] == "Kitted parts").unwrap();
    assert_eq!(kitted["from"], "warehouse");
    assert_eq!(kitted["to"], "assembly");
    assert_eq!(kitted["quality"], 0.75);
    assert_eq!(kitted["quality_source"], "survey");
    assert_eq!(kitted["responses"], 3);
    assert_eq!(kitted["wave"], "2026-Q3");
    assert!((kitted["sd"].as_f64().unwrap() - 0.25).abs() < 1e-9, "sample sd of 0.5, 0.75, 1");
    let contracts = rows.iter().find(|r| r["what"] == "Contracts").unwrap();
    assert_eq!(
        (&contracts["quality_source"], &contracts["responses"], &contracts["sd"]),
        (&"file".into(), &0.into(), &serde_json::Value::Null)
    );
    let products = rows.iter().find(|r| r["what"] == "Products").unwrap();
    assert_eq!(products["responses"], serde_json::Value::Null, "customers are not surveyed");
    let spares = rows.iter().find(|r| r["what"] == "Spares").unwrap();
    assert_eq!((&spares["quality"], &spares["quality_source"]), (&serde_json::Value::Null, &serde_json::Value::Null));

    let table = servchain().arg("analyze").arg(p.path("org.yaml")).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("75% (survey 2026-Q3, n=3)"));
}

#[test]
fn a_wide_export_with_a_bom_semicolons_and_arrows_reads_one_row_per_respondent() {
    let p = Project::new("  - {file: forms.csv, format: wide, rater_column: Department}\n");
    let csv = "\u{feff}Timestamp;Department;Parts on time? [Warehouse -> Kitted parts];Contracts [legal \u{2192} Contracts]\n\
               2026-09-01;Assembly;5;2\n2026-09-02;assembly;3;\n2026-09-03;Assembly;4;N/A\n2026-09-04;Assembly;;1\n";
    p.write("forms.csv", csv);
    let l = p.loaded();
    assert!(close(quality(&l, "warehouse", "Kitted parts"), 0.75));
    // Two answers, below the default minimum of 3: the file's quality stands.
    assert_eq!(quality(&l, "legal", "Contracts"), Some(0.5));
}

#[test]
fn every_scale_kind_maps_onto_zero_to_one() {
    let cases = [
        ("1-7", ["7", "4", "1"], 0.5),
        ("0-10", ["10", "5", "0"], 0.5),
        ("0-100", ["90", "60", "30"], 0.6),
        ("percent", ["90%", "60%", "30"], 0.6),
        ("agree-5", ["Strongly agree", "agree", "NEITHER AGREE NOR DISAGREE"], 0.75),
        ("satisfied-5", ["Very satisfied", "Very dissatisfied", "satisfied"], (1.0 + 0.0 + 0.75) / 3.0),
        ("{min: 0, max: 2, words: {No: 0, Partly: 1, Yes: 2}}", ["yes", "partly", "No"], 0.5),
    ];
    for (scale, answers, want) in cases {
        let p = Project::new(&format!("  - {{file: s.csv, scale: {scale}}}\n"));
        let rows: String =
            answers.iter().enumerate().map(|(i, a)| format!("r{i},assembly,warehouse,Kitted parts,{a},\n")).collect();
        p.write("s.csv", &format!("{LONG}{rows}"));
        let got = quality(&p.loaded(), "warehouse", "Kitted parts");
        assert!(close(got, want), "{scale}: {got:?} != {want}");
    }
}

#[test]
fn no_answer_words_are_not_counted() {
    let p = Project::new("  - {file: s.csv}\n");
    let rows: String = ["5", "N/A", "NA", "n/a", "-", "Don't know", "", "3", "4"]
        .iter()
        .enumerate()
        .map(|(i, a)| format!("r{i},assembly,warehouse,Kitted parts,{a},\n"))
        .collect();
    p.write("s.csv", &format!("{LONG}{rows}"));
    let l = p.loaded();
    assert!(close(quality(&l, "warehouse", "Kitted parts"), 0.75));
    let e = l.org.handoffs[0].evidence().unwrap();
    assert_eq!(e.wave(0).len(), 3);
}

#[test]
fn below_min_responses_the_file_quality_stands_and_no_mean_is_shown() {
    let p = Project::new("  - {file: s.csv, wave: W1, min_responses: 4}\n");
    p.write("s.csv", &format!("{LONG}a,assembly,warehouse,Kitted parts,1,\nb,assembly,warehouse,Kitted parts,1,\nc,assembly,warehouse,Kitted parts,1,\n"));
    let l = p.loaded();
    assert_eq!(quality(&l, "warehouse", "Kitted parts"), Some(0.9));
    let out = servchain().args(["analyze", "--format", "json"]).arg(p.path("org.yaml")).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kitted = json["handoffs"].as_array().unwrap().iter().find(|r| r["what"] == "Kitted parts").unwrap().clone();
    assert_eq!(kitted["quality_source"], "file");
    assert_eq!(kitted["responses"], 3, "the count may be shown");
    assert_eq!(kitted["sd"], serde_json::Value::Null);
    for format in ["text", "json", "markdown"] {
        let out = servchain().args(["survey", "summary", "--format", format]).arg(p.path("org.yaml")).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(!text.contains("0.0") && !text.contains("0%"), "no mean of 3 answers of 1 anywhere: {text}");
    }
}

#[test]
fn the_latest_wave_with_enough_answers_wins() {
    let p = Project::new("  - {file: w1.csv, wave: W1}\n  - {file: w2.csv, wave: W2}\n");
    let three = |score: u32| -> String {
        (0..3)
            .map(|i| format!("r{i},assembly,warehouse,Kitted parts,{score},\nr{i},assembly,legal,Contracts,{score},\n"))
            .collect()
    };
    p.write("w1.csv", &format!("{LONG}{}", three(1)));
    // W2 rates Kitted parts three times, Contracts only once.
    p.write("w2.csv", &format!("{LONG}a,assembly,warehouse,Kitted parts,5,\nb,assembly,warehouse,Kitted parts,5,\nc,assembly,warehouse,Kitted parts,5,\na,assembly,legal,,5,\n"));
    let l = p.loaded();
    assert_eq!(quality(&l, "warehouse", "Kitted parts"), Some(1.0), "W2 has 3 answers");
    assert_eq!(quality(&l, "legal", "Contracts"), Some(0.0), "W2 has 1 answer: W1 stands");
}

#[test]
fn every_problem_in_a_survey_is_located_at_its_cell_in_one_run() {
    let p = Project::new("  - {file: bad.csv}\n  - {file: wide.csv, format: wide}\n  - {file: cols.csv}\n");
    p.write(
        "bad.csv",
        &format!(
            "{LONG}a,Legal,warehouse,Kitted parts,4,\nb,assembly,warehous,Kitted parts,4,\nc,asembly,warehouse,Kitted parts,4,\n\
             d,assembly,warehouse,,3,\ne,assembly,warehouse,Kitted part,3,\nf,assembly,warehouse,Kitted parts,6,\n\
             g,assembly,warehouse,Kitted parts,good,\ng,assembly,warehouse,Kitted parts,4,\ng,assembly,warehouse,kitted parts,2,\n"
        ),
    );
    p.write("wide.csv", "rater,Q [warehouse -> Nothing],Q [Wherehouse -> Spares]\nassembly,,\n");
    p.write("cols.csv", "rater,supplier,what,rating\n");
    let d = p.errors();
    assert_eq!(
        located(&d, &p),
        [
            "survey-not-a-receiver bad.csv:2:19",
            "survey-unknown-department bad.csv:3:12",
            "survey-unknown-department bad.csv:4:3",
            "survey-ambiguous-what bad.csv:5:12",
            "survey-unknown-handoff bad.csv:6:22",
            "survey-bad-score bad.csv:7:35",
            "survey-bad-score bad.csv:8:35",
            "survey-duplicate-answer bad.csv:10:35",
            "survey-unknown-handoff wide.csv:1:7",
            "survey-unknown-department wide.csv:1:32",
            "survey-missing-column cols.csv:1:1",
        ]
    );
    let text = |code: &str| {
        let d = d.iter().find(|d| d.code.as_str() == code).unwrap();
        format!("{} | {}", d.message, d.help.clone().unwrap_or_default())
    };
    assert_eq!(
        text("survey-not-a-receiver"),
        "column \"what\": Legal does not receive Warehouse's Kitted parts; the receiver is Assembly | the rater is the department that receives the handoff; check the row's rater"
    );
    assert!(text("survey-ambiguous-what").contains("write one of: \"Kitted parts\", \"Spares\""));
    assert!(text("survey-unknown-handoff").contains("did you mean \"Kitted parts\"?"));
    assert!(text("survey-missing-column").contains("no column \"score\""));
    let unknown: Vec<_> =
        d.iter().filter(|d| d.code.as_str() == "survey-unknown-department").map(|d| d.help.clone().unwrap()).collect();
    assert!(unknown.iter().all(|h| h.contains("did you mean")), "{unknown:?}");
    assert!(d.iter().any(|d| d.message.contains("6 is off the 1-5 scale")));
    assert!(d.iter().any(|d| d.code.as_str() == "survey-duplicate-answer" && !d.is_error()));

    // On the command line: every problem at once, file:line:col, exit 2.
    let out = servchain().arg("analyze").arg(p.path("org.yaml")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.csv:2:19") && err.contains("wide.csv:1:32") && err.contains("10 errors, 1 warning"),
        "{err}"
    );
}

#[test]
fn survey_files_stay_inside_the_root_and_are_regular_files() {
    let p = Project::new(
        "  - {file: ../outside.csv}\n  - {file: /etc/passwd}\n  - {file: adir}\n  - {file: missing.csv}\n",
    );
    std::fs::create_dir(p.path("adir")).unwrap();
    std::fs::write(p.dir.path().parent().unwrap().join("outside.csv"), LONG).ok();
    let codes: Vec<_> = p.errors().iter().map(|d| (d.code.as_str(), d.loc().map(|l| crate::at(l).0))).collect();
    assert_eq!(
        codes,
        [
            ("survey-outside-root", Some(16)),
            ("survey-outside-root", Some(17)),
            ("not-a-regular-file", Some(18)),
            ("io", Some(19)),
        ]
    );
}

#[test]
fn a_bad_survey_entry_is_a_located_org_error_with_a_suggestion() {
    let p = Project::new("  - {file: s.csv, scale: agree5, fromat: wide, columns: {scor: x}}\n");
    p.write("s.csv", LONG);
    let d = p.errors();
    let got: Vec<_> = d.iter().map(|d| (d.code.as_str(), d.help.clone().unwrap_or_default())).collect();
    assert!(got.contains(&("invalid-survey", "did you mean \"agree-5\"?".to_owned())), "{got:?}");
    assert!(got.contains(&("unknown-key", "did you mean \"format\"?".to_owned())), "{got:?}");
    assert!(got.contains(&("unknown-key", "did you mean \"score\"?".to_owned())), "{got:?}");
}

/// An xlsx workbook with a title row above the header, on its second sheet.
fn workbook(path: &Path, rows: &[[&str; 5]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Notes").unwrap().write_string(0, 0, "not this one").unwrap();
    let sheet = book.add_worksheet().set_name("Answers").unwrap();
    sheet.write_string(0, 0, "Internal-customer survey, Q4").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) => sheet.write_string(r, c, *cell).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_survey_reads_the_named_sheet_below_skipped_rows_and_locates_cells() {
    let p = Project::new("  - {file: q4.xlsx, sheet: Answers, skip_rows: 1, wave: Q4}\n");
    let header = ["respondent", "rater", "supplier", "what", "score"];
    let rows = [
        header,
        ["a", "assembly", "warehouse", "Kitted parts", "5"],
        ["b", "Assembly", "Warehouse", "Kitted parts", "4"],
        ["c", "assembly", "warehouse", "Kitted parts", "3"],
    ];
    workbook(&p.path("q4.xlsx"), &rows);
    assert!(close(quality(&p.loaded(), "warehouse", "Kitted parts"), 0.75));

    let bad = [header, ["a", "assembly", "warehouse", "Kitted parts", "9"]];
    workbook(&p.path("q4.xlsx"), &bad);
    let d = p.errors();
    assert_eq!(located(&d, &p), ["survey-bad-score q4.xlsx[Answers]:3:5"], "row 3, column E");
    let out = servchain().arg("analyze").arg(p.path("org.yaml")).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("q4.xlsx[Answers]:3:5") && err.contains("(cell E3)"), "{err}");

    let p2 = Project::new("  - {file: q4.xlsx, sheet: Answer}\n");
    workbook(&p2.path("q4.xlsx"), &rows);
    let d = p2.errors();
    assert_eq!((d[0].code.as_str(), d[0].help.as_deref()), ("survey-no-sheet", Some("did you mean \"Answers\"?")));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The survey-derived quality is the mean of the normalized answers,
    /// whatever they are; below the minimum the file's quality stands.
    #[test]
    fn the_survey_quality_is_the_hand_computed_mean(
        answers in proptest::collection::vec(1u32..=7, 0..20),
        min in 1usize..6,
    ) {
        let p = Project::new(&format!("  - {{file: s.csv, scale: 1-7, min_responses: {min}}}\n"));
        let rows: String = answers.iter().enumerate().map(|(i, a)| format!("r{i},assembly,warehouse,Kitted parts,{a},\n")).collect();
        p.write("s.csv", &format!("{LONG}{rows}"));
        let got = quality(&p.loaded(), "warehouse", "Kitted parts");
        if answers.len() >= min {
            let want = answers.iter().map(|&a| f64::from(a - 1) / 6.0).sum::<f64>() / answers.len() as f64;
            prop_assert!(close(got, want), "{got:?} != {want}");
        } else {
            prop_assert_eq!(got, Some(0.9));
        }
    }
}

#[test]
fn a_workbook_that_unpacks_past_the_size_limit_is_refused() {
    let p = Project::new("  - {file: big.xlsx, sheet: Answers, skip_rows: 1}\n");
    let header = ["respondent", "rater", "supplier", "what", "score"];
    let mut rows = vec![header];
    rows.extend(std::iter::repeat_n(["a", "assembly", "warehouse", "Kitted parts", "5"], 3000));
    workbook(&p.path("big.xlsx"), &rows);
    let packed = std::fs::metadata(p.path("big.xlsx")).unwrap().len();
    let limit = (packed + 4096).to_string();
    let out = servchain().args(["analyze", "--max-file-size", &limit]).arg(p.path("org.yaml")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[file-too-large]") && err.contains("big.xlsx unpacks to"), "{err}");
    // Within the default limit it loads.
    servchain().arg("analyze").arg(p.path("org.yaml")).assert().success();
}

#[test]
fn a_survey_of_many_rows_loads() {
    let p = Project::new("  - {file: big.csv}\n");
    let rows: String = (0..40_000).map(|i| format!("p{i},assembly,warehouse,Kitted parts,{},\n", 1 + i % 5)).collect();
    p.write("big.csv", &format!("{LONG}{rows}"));
    // Placing each cell by counting from the file's start once took minutes
    // here; its time is for the benchmarks to watch, not a timed test.
    let l = p.loaded();
    assert!(close(quality(&l, "warehouse", "Kitted parts"), 0.5));
}
