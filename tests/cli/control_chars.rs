//! Control characters never reach a terminal or a CI log raw: one org with
//! every such character in every piece of its text
//! (`tests/fixtures/control-characters.yaml`) goes through every command and
//! format, and no output may hold a raw control or bidi character, a line a
//! CI runner would take for a command, or (in JSON) anything but the exact
//! strings the file wrote. Graphviz, mermaid-cli and a JUnit parser must
//! still read the results.

use crate::in_repo;
use serde_json::Value;
use std::path::Path;

const ORG: &str = "tests/fixtures/control-characters.yaml";

/// The fixture's strings, as its YAML escapes spell them.
const ORGANIZATION: &str =
    "Org\x1b]0;pwned title\x07\x1b[2J\n::error file=README.md,line=1::pwned \u{202e}redro\u{202c}";
const SALES: &str = "\x1b[2J\n::error file=README.md,line=1::pwned";
const SALES_WHAT: &str =
    "Sales\u{202e}evil\u{202c} \u{2066}x\u{2069} \u{202a}\u{202b}\u{202d} \u{2067}\u{2068} \u{200e}\u{200f}\u{61c}";
const OPS: &str = "Ops\u{202e}SPO\u{202c} nul\0 del\x7f cr\r nel\u{85} csi\u{9b} tab\t vt\x0b ff\x0c bel\x07 bs\x08";
const LEGAL: &str = "Legal\0\x1b[31m red";
const IT: &str = "   ::warning::starts a line";

/// What a format itself may write: line breaks, and for CSV `\r\n`.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Text,
    Csv,
    /// GitHub workflow commands: lines starting with `::` are the point.
    Github,
}

/// The characters no output may hold raw, listed apart from the code.
fn forbidden(c: char) -> bool {
    let bidi = ['\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}'];
    let isolates = ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || bidi.contains(&c)
        || isolates.contains(&c)
        || c == '\u{2028}'
        || c == '\u{2029}'
}

/// Panics unless `out` is safe to print to a terminal and a CI log.
fn assert_safe(what: &str, out: &str, kind: Kind) {
    let out_lf = if kind == Kind::Csv { out.replace("\r\n", "\n") } else { out.to_owned() };
    if let Some((i, c)) = out_lf.char_indices().find(|&(_, c)| forbidden(c)) {
        let before: String = out_lf[..i].chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
        panic!("{what}: raw {c:?} after {before:?}");
    }
    for line in out_lf.lines() {
        // The runner trims leading white space, then reads `::command::`.
        let command = line.trim_start().starts_with("::");
        assert!(!command || (kind == Kind::Github && intended_annotation(line)), "{what}: a command line: {line:?}");
        // The legacy `##[command]` form (and Azure's `##vso[`), anywhere in a line.
        for (i, _) in line.match_indices("##") {
            let rest = line[i + 2..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
            assert!(!rest.starts_with('['), "{what}: a legacy command in {line:?}");
        }
    }
}

/// `::error file=F,line=N,col=N,title=RULE::message`, as the tool writes it.
fn intended_annotation(line: &str) -> bool {
    let Some((command, rest)) = line.strip_prefix("::").and_then(|l| l.split_once(' ')) else { return false };
    let Some((props, _message)) = rest.split_once("::") else { return false };
    ["error", "warning", "notice"].contains(&command)
        && props.split(',').all(|p| {
            let (key, value) = p.split_once('=').unwrap_or((p, ""));
            match key {
                "file" => !value.is_empty(),
                "line" | "col" => value.parse::<u32>().is_ok(),
                "title" => value.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                _ => false,
            }
        })
}

/// Runs servchain from the repository: exit code, stdout, stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = in_repo().args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// Runs, checks both streams, and returns stdout.
fn safe_run(args: &[&str], code: i32, kind: Kind) -> String {
    let (status, out, err) = run(args);
    assert_eq!(status, code, "{args:?}\n{err}");
    assert_safe(&format!("{args:?} stdout"), &out, kind);
    assert_safe(&format!("{args:?} stderr"), &err, Kind::Text);
    out
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn analyze_in_every_format_shows_no_raw_control_character() {
    for format in ["table", "markdown", "html", "json"] {
        safe_run(&["analyze", ORG, "--all", "--format", format], 0, Kind::Text);
    }
    safe_run(&["analyze", ORG, "--format", "csv"], 0, Kind::Csv);
    // Colour on: the only escape sequences are the table's own.
    let (_, coloured, _) = run(&["analyze", ORG, "--color", "always"]);
    assert!(!coloured.contains("\x1b[2J") && !coloured.contains("\x1b]0;"), "{coloured}");
}

#[test]
fn json_keeps_every_string_exact() {
    let report = json(&safe_run(&["analyze", ORG, "--format", "json"], 0, Kind::Text));
    assert_eq!(report["organization"], ORGANIZATION);
    let dept = |id: &str| report["departments"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap().clone();
    let sales = dept("sales");
    assert_eq!(sales["name"], SALES);
    assert_eq!(sales["lead"], "Lead\0 \x7f \r \u{85} \u{202e}");
    assert_eq!(sales["description"], "first line\nsecond line\t\u{2066}isolate\u{2069}");
    assert_eq!(sales["tags"], serde_json::json!(["tag\x1b[31m", "##[stop-commands]tok"]));
    assert_eq!(sales["meta"]["note"], "meta\0value\u{202e}");
    assert_eq!(sales["weakest_link"]["what"], SALES_WHAT);
    assert_eq!(dept("ops")["name"], OPS);
    assert_eq!(dept("it")["name"], IT);
    assert_eq!(dept("legal")["name"], LEGAL);
    let c0: String = (0u8..0x20).map(char::from).collect();
    let c1: String = (0x80u32..0xa0).filter_map(char::from_u32).collect();
    assert_eq!(dept("hr")["name"], format!("C0 {c0} C1 {c1}"));

    let trace = json(&safe_run(&["trace", ORG, "sales", "--format", "json"], 0, Kind::Text));
    assert_eq!(trace["chains"][0]["handoffs"][0]["what"], SALES_WHAT);

    let check = json(&safe_run(&["check", ORG, "--format", "json"], 1, Kind::Text));
    let messages: Vec<&str> =
        check["findings"].as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert!(messages.contains(&format!("{LEGAL} names no lead").as_str()), "{messages:?}");
    assert!(messages.contains(&format!("{IT} names no lead").as_str()), "{messages:?}");

    let whatif = json(&safe_run(&["whatif", ORG, "--remove", "sales", "--format", "json"], 0, Kind::Text));
    let wanted = format!("the strongest chain of {OPS} is only 50% strong, below 60%");
    let gone: Vec<&Value> = ["improvements", "no_longer_apply", "other_changes"]
        .iter()
        .flat_map(|list| whatif[list].as_array().unwrap())
        .filter(|i| i["kind"] == "fixed-finding")
        .collect();
    assert!(gone.iter().any(|f| f["message"].as_str().unwrap().ends_with(&wanted)), "{gone:?}");
}

#[test]
fn trace_shows_every_department_safely() {
    for dept in ["sales", "ops", "it", "hr", "legal"] {
        safe_run(&["trace", ORG, dept], 0, Kind::Text);
        safe_run(&["trace", ORG, dept, "--to", "shop"], 0, Kind::Text);
    }
    // An unknown department, and did-you-mean hints that quote the org's names.
    safe_run(&["trace", ORG, "\x1b[2J\n::error::x ##[error]y"], 2, Kind::Text);
    safe_run(&["trace", ORG, "sales", "--to", "walkin\u{202e}"], 2, Kind::Text);
    safe_run(&["graph", ORG, "--focus", "salse"], 2, Kind::Text);
}

#[test]
fn check_in_every_format_shows_no_raw_control_character() {
    for format in ["text", "json", "sarif", "junit", "markdown"] {
        safe_run(&["check", ORG, "--format", format], 1, Kind::Text);
    }
    let annotations = safe_run(&["check", ORG, "--format", "github"], 1, Kind::Github);
    // One annotation per finding, and nothing else a runner would act on.
    let check = json(&run(&["check", ORG, "--format", "json"]).1);
    let findings = check["findings"].as_array().unwrap().len();
    assert!(findings > 10);
    assert_eq!(annotations.lines().filter(|l| l.starts_with("::")).count(), findings, "{annotations}");
    assert!(annotations.lines().all(intended_annotation), "{annotations}");
}

#[test]
fn diff_and_whatif_show_no_raw_control_character() {
    let tmp = tempfile::tempdir().unwrap();
    let org = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ORG)).unwrap();
    // A worse org, under a file name with control characters in it.
    let new = tmp.path().join("new\x1b[2J\n::error::x ##[error]y \u{202e}.yaml");
    std::fs::write(&new, org.replace("quality: 0.6\n", "quality: 0.3\n").replace("        quality: 0.9\n", ""))
        .unwrap();
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join(ORG);
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    for format in ["text", "markdown", "json"] {
        let out = safe_run(&["diff", old, new, "--format", format], 0, Kind::Text);
        assert!(out.contains("got worse") || out.contains("regressions"), "{out}");
        for scenario in [["--remove", "sales"], ["--cut", "ops:sales"]] {
            safe_run(&["whatif", ORG, scenario[0], scenario[1], "--format", format], 0, Kind::Text);
        }
    }
}

#[test]
fn graphs_show_no_raw_control_character() {
    for format in ["dot", "mermaid"] {
        safe_run(&["graph", ORG, "--format", format], 0, Kind::Text);
        safe_run(&["graph", ORG, "--format", format, "--focus", "ops", "--depth", "1"], 0, Kind::Text);
    }
}

/// The fixture, broken: an unknown key and an unknown `to:` id with
/// controls in them, raw bidi controls and a legacy command in the source
/// lines that the diagnostics quote.
fn broken(dir: &Path) -> String {
    let org = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ORG)).unwrap();
    let extra = concat!(
        "  - id: legal\n",
        "    \"\\e[2J\\n::error::key\\u202e\": 1   # ##[error]comment \u{202e} raw\n",
        "    serves:\n",
        "      - to: \"nowhere\\e[2J\\n::error file=README.md,line=1::pwned\\u202e\"\n",
        "        what: \"raw \u{202e} bidi \u{2066} and ##[warning]x\"\n",
    );
    let path = dir.join("broken\x1b[31m.yaml");
    std::fs::write(&path, org.replace("  - id: legal\n", extra)).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn load_errors_show_no_raw_control_character() {
    let tmp = tempfile::tempdir().unwrap();
    let org = broken(tmp.path());
    let (_, _, err) = run(&["analyze", &org]);
    assert!(err.contains("unknown-key") && err.contains("unknown-id"), "{err}");
    for args in [
        vec!["analyze", &org],
        vec!["analyze", &org, "--format", "json"],
        vec!["trace", &org, "sales"],
        vec!["graph", &org],
        vec!["whatif", &org, "--remove", "sales"],
    ] {
        safe_run(&args, 2, Kind::Text);
    }
    for format in ["text", "json", "sarif", "junit", "markdown"] {
        safe_run(&["check", &org, "--format", format], 2, Kind::Text);
    }
    safe_run(&["check", &org, "--format", "github"], 2, Kind::Github);
    // The caret still points at the key, after the escapes before it.
    let (_, _, err) = run(&["check", &org]);
    let source = err.lines().position(|l| l.contains(r#""\e[2J\n::error::key\u202e": 1"#)).unwrap();
    let line = err.lines().nth(source).unwrap();
    let caret = err.lines().nth(source + 1).unwrap();
    assert_eq!(caret.find('^'), line.find('"'), "{line}\n{caret}");
    // The JSON keeps the unknown id exact.
    let report = json(&run(&["check", &org, "--format", "json"]).1);
    let unknown = report["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "unknown-id").unwrap();
    assert!(unknown["message"].as_str().unwrap().contains(r"nowhere\u{1b}[2J\n::error"), "{unknown}");
}

#[test]
fn junit_sarif_and_json_still_parse() {
    // Warnings are failures only at --fail-on warning (JUnit follows it).
    let junit = safe_run(&["check", ORG, "--format", "junit", "--fail-on", "warning"], 1, Kind::Text);
    let suites = crate::check::junit_with_unique_names(&junit);
    assert!(suites.failures > 10);
    let no_lead = suites.suites.iter().find(|s| s.name == "no-lead").unwrap();
    assert!(no_lead.cases.iter().any(|c| c.original_name == "no-lead:legal"), "{no_lead:?}");
    let sarif = json(&safe_run(&["check", ORG, "--format", "sarif"], 1, Kind::Text));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["message"]["text"].as_str().unwrap().starts_with(r"Legal\0\u{1b}[31m red")));
    for args in [&["analyze", ORG, "--format", "json"][..], &["whatif", ORG, "--remove", "ops", "--format", "json"]] {
        json(&safe_run(args, 0, Kind::Text));
    }
}

fn rendered(program: &str, args: &[&str], input: &str, output: &Path) -> std::process::Output {
    std::process::Command::new(program).args(args).arg("-i").arg(input).arg("-o").arg(output).output().unwrap()
}

#[test]
#[ignore = "needs graphviz (dot)"]
fn graphviz_reads_the_dot_of_the_org() {
    let dot = safe_run(&["graph", ORG], 0, Kind::Text);
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("graphviz is not installed");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), dot.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("<svg") && svg.contains(r"\u{1b}[2J\n::error"), "{svg}");
}

#[test]
#[ignore = "needs mermaid-cli (mmdc) and chromium"]
fn mermaid_cli_reads_the_mermaid_of_the_org() {
    let mmdc = std::env::var("SERVCHAIN_MMDC").unwrap_or_else(|_| "mmdc".to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("puppeteer.json");
    std::fs::write(&config, r#"{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu"]}"#)
        .unwrap();
    let (input, output) = (tmp.path().join("chain.mmd"), tmp.path().join("chain.svg"));
    std::fs::write(&input, safe_run(&["graph", ORG, "--format", "mermaid"], 0, Kind::Text)).unwrap();
    let out = rendered(&mmdc, &["-p", config.to_str().unwrap()], input.to_str().unwrap(), &output);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = std::fs::read_to_string(&output).unwrap();
    assert!(svg.contains("<svg") && !svg.contains("Syntax error"), "mermaid could not parse it");
    assert!(svg.contains(r"\u{1b}[2J\n::error"), "the escaped name is drawn");
}
