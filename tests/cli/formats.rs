//! The formats people read and tools render: Markdown with Mermaid, CSV,
//! DOT, Mermaid and the self-contained HTML page. Tests that need Graphviz
//! or Chromium are ignored unless asked for; `.ci/run` installs both and
//! runs them.

use crate::{in_repo, repo_stdout, stdout_with_stdin};
use std::path::Path;
use std::process::Command;

const EXAMPLES: [&str; 4] = [
    "examples/problems.yaml",
    "examples/northwind-retail.yaml",
    "examples/st-marys-hospital.yaml",
    "examples/acme-software",
];

#[test]
fn markdown_csv_dot_and_mermaid_of_the_problems_example() {
    insta::assert_snapshot!(
        "markdown-problems",
        repo_stdout(&["analyze", "examples/problems.yaml", "--format", "markdown"])
    );
    insta::assert_snapshot!("csv-problems", repo_stdout(&["analyze", "examples/problems.yaml", "--format", "csv"]));
    insta::assert_snapshot!("dot-problems", repo_stdout(&["graph", "examples/problems.yaml"]));
    insta::assert_snapshot!(
        "mermaid-problems",
        repo_stdout(&["graph", "examples/problems.yaml", "--format", "mermaid"])
    );
}

#[test]
fn csv_has_one_row_per_department_and_quotes_what_needs_it() {
    let yaml = "customers: [{id: c}]\ndepartments:\n  - id: a\n    name: \"Sales, \\\"East\\\"\"\n    serves: [{to: c, quality: 0.5}]\n  - id: b\n";
    let text = stdout_with_stdin(&["analyze", "-", "--format", "csv"], yaml);
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("id,name,reaches_customer,cut_off_reason,hops,strength"));
    // Worst first: the cut-off department leads.
    assert!(lines[2].starts_with("a,\"Sales, \"\"East\"\"\",true,,1,0.5,0.5,"), "{}", lines[2]);
    assert!(lines[2].ends_with(",a > c"), "{}", lines[2]);
    assert!(lines[1].starts_with("b,b,false,no-handoffs,,,,"), "{}", lines[1]);
}

#[test]
fn any_department_name_survives_mermaid_and_dot() {
    let yaml = "customers: [{id: c, name: \"The \\\"end\\\" <customer>\"}]\ndepartments:\n  - id: a\n    name: \"R&D #1 | \\\"core\\\" [x]\"\n    serves: [{to: c, what: \"fix \\\"it\\\"; now\", quality: 0.5}]\n";
    let mermaid = stdout_with_stdin(&["graph", "-", "--format", "mermaid"], yaml);
    assert!(mermaid.contains(r#"n0["R&D #35;1 | #quot;core#quot; [x]<br/>50%"]:::weak"#), "{mermaid}");
    assert!(mermaid.contains(r#"n1(["The #quot;end#quot; #lt;customer#gt;"]):::customer"#), "{mermaid}");
    assert!(mermaid.contains(r#"n0 ==>|"fix #quot;it#quot;; now, 50%"| n1"#), "{mermaid}");
    assert!(mermaid.contains("linkStyle 0 stroke:#c62828"), "the weak handoff is marked: {mermaid}");
    let dot = stdout_with_stdin(&["graph", "-"], yaml);
    assert!(dot.contains(r#""a" [label="R&D #1 | \"core\" [x]\n50%""#), "{dot}");
}

#[test]
fn graph_focus_draws_only_the_neighbourhood() {
    let all = repo_stdout(&["graph", "examples/northwind-retail.yaml"]);
    let near = repo_stdout(&["graph", "examples/northwind-retail.yaml", "--focus", "warehouse", "--depth", "1"]);
    let nodes = |dot: &str| dot.lines().filter(|l| l.contains("fillcolor") && !l.contains("legend")).count();
    assert!(nodes(&near) < nodes(&all), "{near}");
    assert!(near.contains("\"warehouse\" [label="));
    assert!(
        near.contains("Showing 12 of 27 departments: those within 1 handoff of Warehouse & Distribution."),
        "{near}"
    );
    in_repo()
        .args(["graph", "examples/northwind-retail.yaml", "--focus", "wharehouse"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean \"warehouse\"?"));
}

#[test]
fn the_html_report_is_self_contained() {
    for ex in EXAMPLES {
        let html = repo_stdout(&["analyze", ex, "--format", "html"]);
        assert!(html.starts_with("<!doctype html>"));
        for banned in ["<link", "src=", "@import", "url(http", "href=\"http"] {
            assert!(!html.contains(banned), "{ex}: {banned}");
        }
        // One inline script (search, zoom, highlighting), nothing loaded.
        assert_eq!(html.matches("<script").count(), 1, "{ex}");
        assert!(html.contains("<script>\n"), "{ex}: the script is inline");
        // The only URL is the SVG namespace, which is a name, not a request.
        let urls = html.matches("http").count();
        assert_eq!(urls, html.matches("http://www.w3.org/2000/svg").count(), "{ex}");
        assert!(html.contains("<svg") && html.contains("class=\"chart\""), "{ex}");
    }
}

#[test]
fn a_big_org_is_drawn_in_part_but_listed_in_full() {
    let yaml = servchain::synth::org_yaml(servchain::synth::Shape::new(500));
    let html = stdout_with_stdin(&["analyze", "-", "--format", "html"], &yaml);
    let note = html.split("<figcaption>").nth(1).unwrap();
    assert!(note.starts_with("Showing ") && note.contains(" of 500 departments"), "{}", &note[..120]);
    // The screen's drawing; print may repeat its parts, per customer.
    let figure = html.split("<figure class=\"chain-figure").nth(1).unwrap().split("</figure>").next().unwrap();
    let drawn = figure.matches("<g class=\"node ").count();
    assert!(drawn < 120, "{drawn} nodes drawn");
    let departments = html.split("<section id=\"departments\">").nth(1).unwrap().split("</section>").next().unwrap();
    assert_eq!(departments.matches("<tr>").count(), 501, "a header and a row per department");
}

fn have(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

#[test]
#[ignore = "needs graphviz (dot)"]
fn graphviz_renders_the_dot_of_every_example() {
    assert!(have("dot"), "graphviz is not installed");
    let tmp = tempfile::tempdir().unwrap();
    for ex in EXAMPLES {
        let dot = tmp.path().join("chain.dot");
        let png = tmp.path().join("chain.png");
        std::fs::write(&dot, repo_stdout(&["graph", ex])).unwrap();
        let status = Command::new("dot").arg("-Tpng").arg(&dot).arg("-o").arg(&png).status().unwrap();
        assert!(status.success(), "{ex}");
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000, "{ex}: {} bytes", bytes.len());
    }
}

fn chromium(args: &[&str], page: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

#[test]
#[ignore = "needs chromium"]
fn chromium_renders_the_html_report_to_png_and_pdf() {
    assert!(have("chromium"), "chromium is not installed");
    let tmp = tempfile::tempdir().unwrap();
    for ex in EXAMPLES {
        let page = tmp.path().join("report.html");
        let (png, pdf) = (tmp.path().join("report.png"), tmp.path().join("report.pdf"));
        std::fs::write(&page, repo_stdout(&["analyze", ex, "--format", "html"])).unwrap();
        let shot = chromium(&["--window-size=1280,1600", &format!("--screenshot={}", png.display())], &page);
        assert!(shot.status.success(), "{ex}: {}", String::from_utf8_lossy(&shot.stderr));
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 50_000, "{ex}: {} bytes", bytes.len());
        let print = chromium(&[&format!("--print-to-pdf={}", pdf.display())], &page);
        assert!(print.status.success(), "{ex}: {}", String::from_utf8_lossy(&print.stderr));
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF") && bytes.len() > 20_000, "{ex}: {} bytes", bytes.len());
    }
}

#[test]
#[ignore = "needs mermaid-cli (mmdc) and chromium"]
fn mermaid_cli_renders_the_mermaid_of_every_example() {
    let mmdc = std::env::var("SERVCHAIN_MMDC").unwrap_or_else(|_| "mmdc".to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("puppeteer.json");
    std::fs::write(&config, r#"{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu"]}"#)
        .unwrap();
    for ex in EXAMPLES {
        let (input, output) = (tmp.path().join("chain.mmd"), tmp.path().join("chain.svg"));
        std::fs::write(&input, repo_stdout(&["graph", ex, "--format", "mermaid"])).unwrap();
        let out =
            Command::new(&mmdc).arg("-p").arg(&config).arg("-i").arg(&input).arg("-o").arg(&output).output().unwrap();
        assert!(out.status.success(), "{ex}: {}", String::from_utf8_lossy(&out.stderr));
        let svg = std::fs::read_to_string(&output).unwrap();
        assert!(svg.contains("<svg") && svg.len() > 10_000, "{ex}: {} bytes", svg.len());
        assert!(!svg.contains("Syntax error"), "{ex}: mermaid could not parse it");
    }
}
