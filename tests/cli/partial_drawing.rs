//! A big org is drawn in part: the same part under the same caption in
//! Graphviz and the HTML page (Mermaid and Markdown draw fewer, the same
//! way), and every number the caption states counts boxes in the drawing,
//! checked against the JSON report. `graph --all` draws everything;
//! Markdown folds long "who" lists into `<details>` instead of cutting them.

use crate::stdout_with_stdin;
use servchain::report::format::percent;
use servchain::synth::{Shape, org_yaml};
use std::collections::{BTreeMap, BTreeSet};

/// A drawn node: its id and whether it is a customer or cut off.
#[derive(Debug)]
struct Drawn {
    id: String,
    customer: bool,
    cut_off: bool,
}

/// The nodes of a DOT drawing, legend left out.
fn dot_nodes(dot: &str) -> Vec<Drawn> {
    dot.lines()
        .filter(|l| l.contains("fillcolor=") && !l.contains("legend_") && l.trim_start().starts_with('"'))
        .map(|l| Drawn {
            id: l.split('"').nth(1).unwrap().to_owned(),
            customer: l.contains("shape=ellipse"),
            cut_off: l.contains("fillcolor=\"#e4e4e4\""),
        })
        .collect()
}

/// The nodes of a Mermaid flowchart, by their Mermaid names (`n3`), and the
/// ids they stand for, read back through their labels' names.
fn mermaid_nodes(mermaid: &str, ids_by_name: &BTreeMap<String, String>) -> Vec<Drawn> {
    mermaid
        .lines()
        .filter(|l| l.contains("\"]:::") || l.contains("\"]):::"))
        .map(|l| {
            let label = l.split('"').nth(1).unwrap();
            let name = label.split("<br/>").next().unwrap();
            Drawn {
                id: ids_by_name.get(name).cloned().unwrap_or_else(|| name.to_owned()),
                customer: l.ends_with(":::customer"),
                cut_off: l.ends_with(":::cutoff"),
            }
        })
        .collect()
}

/// The caption of a DOT drawing (its label after the organization's line),
/// its wrapped lines joined again.
fn dot_caption(dot: &str) -> Option<String> {
    let label =
        dot.lines().find(|l| l.contains("graph [rankdir"))?.split("label=\"").nth(1)?.split("\", labelloc").next()?;
    let (_, caption) = label.split_once("\\n")?;
    Some(caption.replace("\\n", " "))
}

/// The caption of a Mermaid drawing, from the comments under its title
/// (which says how much it shows, as the caption begins).
fn mermaid_caption(mermaid: &str) -> Option<String> {
    let title = mermaid.strip_prefix("---\ntitle: \"")?.split("\"\n---\n").next()?;
    let lines: Vec<&str> = mermaid.lines().filter_map(|l| l.strip_prefix("  %% ")).collect();
    let caption = lines.join(" ");
    let head = caption.split_once(": ")?.0.replacen("Showing", "showing", 1);
    assert!(title.ends_with(&format!(", {head}")), "{title} over {caption}");
    Some(caption)
}

/// What a caption says, number by number.
#[derive(Debug, Default, PartialEq)]
struct Said {
    shown: usize,
    total: usize,
    customers: Option<(usize, usize)>,
    weakest: usize,
    range: String,
    spofs: usize,
    both: usize,
    on_chains: usize,
    cut_off: usize,
    cut_off_total: usize,
}

/// The word before `needle` in `text`, as a number (`the`, `one`: 1).
fn number_before(text: &str, needle: &str) -> Option<usize> {
    let before = &text[..text.find(needle)?];
    let word = before.trim_end().rsplit([' ', '(']).next()?;
    Some(if word == "the" || word == "one" { 1 } else { word.parse().unwrap_or_else(|_| panic!("{word:?} in {text}")) })
}

fn parse(caption: &str) -> Said {
    let head = caption.strip_prefix("Showing ").unwrap_or_else(|| panic!("{caption}"));
    let (counts, list) = head.split_once(": ").unwrap();
    let mut words = counts.split(' ');
    let shown = words.next().unwrap().parse().unwrap();
    let total = number_before(counts, " departments").unwrap();
    let customers = counts.contains("customers").then(|| {
        let of = counts.split(" and ").nth(1).unwrap();
        (of.split(' ').next().unwrap().parse().unwrap(), number_before(of, " customers").unwrap())
    });
    // "the one cut off …", "both cut off …", "all 10 cut off …" or "6 of the 10 cut off …".
    let cut = list.rsplit([',']).flat_map(|p| p.split(" and ")).find(|p| p.contains(" cut off"));
    let (cut_off, cut_off_total) = match cut.map(|p| p.trim().split(' ').collect::<Vec<_>>()) {
        None => (0, 0),
        Some(w) if w[..2] == ["the", "one"] => (1, 1),
        Some(w) if w[0] == "both" => (2, 2),
        Some(w) if w[0] == "all" => (w[1].parse().unwrap(), w[1].parse().unwrap()),
        Some(w) => (w[0].parse().unwrap(), w[3].parse().unwrap()),
    };
    Said {
        shown,
        total,
        customers,
        weakest: number_before(list, " weakest (").unwrap_or(0),
        range: list.split("(strength ").nth(1).map_or(String::new(), |r| r.split(')').next().unwrap().to_owned()),
        spofs: number_before(list, " biggest single point").unwrap_or(0),
        both: number_before(list, " of them also among the weakest")
            .unwrap_or(usize::from(list.contains("(also among"))),
        on_chains: number_before(list, " more on their strongest chains").unwrap_or(0),
        cut_off,
        cut_off_total,
    }
}

/// The JSON report of `yaml`.
fn json(yaml: &str) -> serde_json::Value {
    serde_json::from_str(&stdout_with_stdin(&["analyze", "-", "--format", "json"], yaml)).unwrap()
}

fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_owned()).collect()
}

/// Checks every number of `caption` against the `drawn` nodes and the JSON
/// report `j`: the parts add up to what is drawn, each part is the start
/// of the list it names, the others drawn are on those departments' chains.
fn assert_caption_counts(caption: &str, drawn: &[Drawn], j: &serde_json::Value) {
    let said = parse(caption);
    let departments: Vec<&Drawn> = drawn.iter().filter(|d| !d.customer).collect();
    let drawn_ids: BTreeSet<&str> = drawn.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(said.shown, departments.len(), "{caption}");
    assert_eq!(said.total, j["summary"]["departments"].as_u64().unwrap() as usize, "{caption}");
    assert_eq!(
        said.weakest + said.spofs - said.both + said.on_chains + said.cut_off,
        said.shown,
        "{said:?}: {caption}"
    );

    // The weakest: the first departments of the worst-first order that reach a customer.
    let mut live: Vec<&serde_json::Value> =
        j["departments"].as_array().unwrap().iter().filter(|d| d["reaches_customer"] == true).collect();
    let key = |d: &serde_json::Value| (d["strength"].as_f64().unwrap(), d["rolled_quality"].as_f64().unwrap());
    live.sort_by(|a, b| key(a).partial_cmp(&key(b)).unwrap().then(a["id"].as_str().cmp(&b["id"].as_str())));
    let weakest: Vec<&serde_json::Value> = live[..said.weakest].to_vec();
    for d in &weakest {
        assert!(drawn_ids.contains(d["id"].as_str().unwrap()), "{} not drawn: {caption}", d["id"]);
    }
    if let (Some(first), Some(last)) = (weakest.first(), weakest.last()) {
        let (lo, hi) = (percent(key(first).0), percent(key(last).0));
        assert_eq!(said.range, if lo == hi { lo } else { format!("{lo} to {hi}") }, "{caption}");
    }
    // The biggest single points of failure, biggest first.
    let spofs = ids(&j["single_points_of_failure"]);
    let spofs = &spofs[..said.spofs];
    for s in spofs {
        assert!(drawn_ids.contains(s.as_str()), "{s} not drawn: {caption}");
    }
    let weakest_ids: BTreeSet<&str> = weakest.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(said.both, spofs.iter().filter(|s| weakest_ids.contains(s.as_str())).count(), "{caption}");
    // Every other live department drawn is on one of their strongest chains.
    let by_id: BTreeMap<&str, &serde_json::Value> =
        j["departments"].as_array().unwrap().iter().map(|d| (d["id"].as_str().unwrap(), d)).collect();
    let named: BTreeSet<&str> = weakest_ids.iter().copied().chain(spofs.iter().map(String::as_str)).collect();
    let on_chains: BTreeSet<&str> = named
        .iter()
        .flat_map(|id| by_id[id]["chain"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()))
        .collect();
    let others: Vec<&&Drawn> = departments.iter().filter(|d| !d.cut_off && !named.contains(d.id.as_str())).collect();
    assert_eq!(others.len(), said.on_chains, "{caption}");
    for d in others {
        assert!(on_chains.contains(d.id.as_str()), "{} is drawn for no reason the caption gives", d.id);
    }
    // The cut-off departments: the first of the cut-off list, and how many there are.
    let cut = ids(&j["cut_off"]);
    assert_eq!(said.cut_off_total, cut.len(), "{caption}");
    let drawn_cut: Vec<&str> = departments.iter().filter(|d| d.cut_off).map(|d| d.id.as_str()).collect();
    let mut first_cut: Vec<&str> = cut[..said.cut_off].iter().map(String::as_str).collect();
    first_cut.sort();
    let mut drawn_sorted = drawn_cut.clone();
    drawn_sorted.sort();
    assert_eq!(drawn_sorted, first_cut, "{caption}");
    // Customers: all of them, or as many as the caption says.
    let customers = drawn.iter().filter(|d| d.customer).count();
    let all = j["summary"]["customers"].as_u64().unwrap() as usize;
    assert_eq!(said.customers.unwrap_or((all, all)), (customers, all), "{caption}");
}

fn names_to_ids(j: &serde_json::Value) -> BTreeMap<String, String> {
    j["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["name"].as_str().unwrap().to_owned(), d["id"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn the_caption_counts_what_graphviz_and_mermaid_draw() {
    for (n, seed) in [(40, 1), (400, 1), (400, 7), (150, 3)] {
        let yaml = org_yaml(Shape { seed, ..Shape::new(n) });
        let j = json(&yaml);
        let dot = stdout_with_stdin(&["graph", "-"], &yaml);
        let drawn = dot_nodes(&dot);
        match dot_caption(&dot) {
            Some(caption) => assert_caption_counts(&caption, &drawn, &j),
            None => assert!(n <= 60 && drawn.len() == n + 3, "{n}: {} drawn without a caption", drawn.len()),
        }
        let mermaid = stdout_with_stdin(&["graph", "-", "--format", "mermaid"], &yaml);
        let caption = mermaid_caption(&mermaid).unwrap_or_else(|| panic!("{n}: no caption:\n{mermaid}"));
        assert_caption_counts(&caption, &mermaid_nodes(&mermaid, &names_to_ids(&j)), &j);
    }
}

#[test]
fn html_and_graphviz_draw_the_same_part_under_the_same_caption_and_markdown_as_mermaid() {
    let yaml = org_yaml(Shape::new(400));
    let dot = stdout_with_stdin(&["graph", "-"], &yaml);
    let caption = dot_caption(&dot).unwrap();
    assert!(caption.ends_with(" servchain graph --all draws every department."), "{caption}");
    let shown = caption.trim_end_matches(" servchain graph --all draws every department.");

    let html = stdout_with_stdin(&["analyze", "-", "--format", "html"], &yaml);
    let figcaption = html.split("<figcaption>").nth(1).unwrap().split("</figcaption>").next().unwrap();
    assert_eq!(figcaption, format!("{shown} The tables list every department."));
    // Print repeats nodes in per-customer drawings: count the screen drawing's.
    let screen = html.split("<figure class=\"chain-figure").nth(1).unwrap().split("</figure>").next().unwrap();
    let html_nodes = screen.matches("<g class=\"node ").count();
    assert_eq!(html_nodes, dot_nodes(&dot).len(), "the same nodes");

    let mermaid = stdout_with_stdin(&["graph", "-", "--format", "mermaid"], &yaml);
    let title = mermaid_caption(&mermaid).unwrap();
    let markdown = stdout_with_stdin(&["analyze", "-", "--format", "markdown"], &yaml);
    let shown = title.trim_end_matches(" servchain graph --all draws every department.");
    assert!(markdown.contains(&format!("\n_{shown} The tables list every department._\n")), "{shown}");
    let block = markdown.split("```mermaid\n").nth(1).unwrap().split("```").next().unwrap();
    let drawing = mermaid.split_once("---\nflowchart").map(|(_, b)| format!("flowchart{b}")).unwrap();
    let drawing: String = drawing.lines().filter(|l| !l.starts_with("  %% ")).map(|l| format!("{l}\n")).collect();
    assert_eq!(block, drawing, "the same drawing, its caption under it");
}

#[test]
fn graph_draws_a_big_org_in_part_and_all_of_it_with_all() {
    let yaml = org_yaml(Shape::new(400));
    let departments = |d: &[Drawn]| d.iter().filter(|d| !d.customer).count();
    let part = dot_nodes(&stdout_with_stdin(&["graph", "-"], &yaml));
    assert!((50..=60).contains(&departments(&part)), "{} departments drawn", departments(&part));
    let all = stdout_with_stdin(&["graph", "-", "--all"], &yaml);
    assert_eq!(departments(&dot_nodes(&all)), 400);
    assert_eq!(dot_nodes(&all).len(), 403);
    assert_eq!(dot_caption(&all), None, "nothing left out, nothing to say");
    let mermaid = stdout_with_stdin(&["graph", "-", "--format", "mermaid", "--all"], &yaml);
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert_eq!(mermaid.lines().filter(|l| l.contains("\"]:::") || l.contains("\"]):::")).count(), 403);
    // A small org is drawn whole by default.
    let small = org_yaml(Shape::new(40));
    assert_eq!(dot_nodes(&stdout_with_stdin(&["graph", "-"], &small)).len(), 43);
    crate::servchain().args(["graph", "-", "--all", "--focus", "dept-1"]).write_stdin(small).assert().code(2);
}

#[test]
fn mermaid_draws_at_most_25_departments_above_25() {
    for n in [25, 26, 40, 400, 3000] {
        let yaml = org_yaml(Shape::new(n));
        let j = json(&yaml);
        for mermaid in [
            stdout_with_stdin(&["graph", "-", "--format", "mermaid"], &yaml),
            stdout_with_stdin(&["analyze", "-", "--format", "markdown"], &yaml),
        ] {
            let drawn = mermaid_nodes(&mermaid, &names_to_ids(&j));
            let departments = drawn.iter().filter(|d| !d.customer).count();
            if n <= 25 {
                assert_eq!(departments, n);
                assert!(!mermaid.contains("Showing "), "{n}: drawn whole, no caption");
            } else {
                assert!((15..=25).contains(&departments), "{n}: {departments} departments drawn");
                assert!(drawn.iter().filter(|d| d.customer).count() <= 3);
            }
        }
    }
}

#[test]
fn markdown_explains_the_drawing_colours_and_lines() {
    let markdown = stdout_with_stdin(&["analyze", "-", "--format", "markdown"], &org_yaml(Shape::new(30)));
    let after = markdown.split("```mermaid\n").nth(1).unwrap().split("\n## ").next().unwrap();
    let boxes = after.lines().find(|l| l.starts_with("Boxes: ")).expect("a legend of the boxes");
    for class in servchain::report::diagram::Class::ALL {
        assert!(boxes.contains(class.legend()), "{boxes}");
    }
    assert!(boxes.contains("single point of failure"), "{boxes}");
    let lines = after.lines().find(|l| l.starts_with("Lines: ")).expect("a legend of the lines");
    for style in ["red, quality below 70%", "thick, a critical handoff", "dotted, unrated"] {
        assert!(lines.contains(style), "{lines}");
    }
}

/// The names in a Markdown "who" cell: the summary's and the folded list's.
fn who(cell: &str) -> (Vec<String>, usize) {
    let split = |s: &str| s.split(", ").map(str::to_owned).collect::<Vec<_>>();
    match cell.strip_prefix("<details><summary>") {
        None => (split(cell), 0),
        Some(rest) => {
            let (summary, folded) = rest.trim_end_matches("</details>").split_once("</summary>").unwrap();
            let (shown, more) = summary.rsplit_once(" and ").unwrap();
            let more: usize = more.trim_end_matches(" more").parse().unwrap();
            let mut names = split(shown);
            names.extend(split(folded));
            (names, more)
        }
    }
}

#[test]
fn markdown_who_cells_list_every_department() {
    let yaml = org_yaml(Shape::new(400));
    let j = json(&yaml);
    let markdown = stdout_with_stdin(&["analyze", "-", "--format", "markdown"], &yaml);
    let name: BTreeMap<&str, &str> = j["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["name"].as_str().unwrap()))
        .collect();
    let mut folded = 0;
    for (section, key) in
        [("## Single points of failure", "single_points_of_failure"), ("## Critical handoffs", "critical_handoffs")]
    {
        let table = markdown.split(section).nth(1).unwrap().split("\n## ").next().unwrap();
        let rows: Vec<&str> = table
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| Department |") && !l.starts_with("| Handoff |"))
            .collect();
        let expected = j[key].as_array().unwrap();
        assert_eq!(rows.len(), expected.len(), "{section}");
        for (row, e) in rows.iter().zip(expected) {
            let cell = row.trim_end_matches(" |").rsplit(" | ").next().unwrap();
            let (mut names, more) = who(cell);
            let mut want: Vec<String> =
                e["affected"].as_array().unwrap().iter().map(|id| name[id.as_str().unwrap()].to_owned()).collect();
            names.sort();
            want.sort();
            assert_eq!(names, want, "{row}");
            assert_eq!(more, want.len().saturating_sub(5), "{row}");
            folded += usize::from(more > 0);
        }
    }
    assert!(folded > 0, "some cell has more than five names");
}

#[test]
#[ignore = "needs graphviz"]
fn graphviz_lays_out_a_big_orgs_partial_drawing_with_the_customers_rightmost() {
    for seed in [1, 7] {
        let dot = stdout_with_stdin(&["graph", "-"], &org_yaml(Shape { seed, ..Shape::new(400) }));
        let (customers, departments) = crate::dot_layout::positions(&dot);
        assert_eq!(departments.len(), dot_nodes(&dot).iter().filter(|d| !d.customer).count(), "every box placed");
        assert!(!customers.is_empty() && departments.len() <= 60);
        let rightmost = departments.iter().map(|(x, _)| *x).fold(f64::MIN, f64::max);
        for (x, c) in &customers {
            assert!(*x > rightmost, "seed {seed}: customer {c} at x={x}, a department at x={rightmost}");
        }
    }
}

#[test]
#[ignore = "needs mermaid-cli (mmdc) and chromium"]
fn mermaid_cli_renders_the_partial_drawing_of_a_big_org() {
    let mmdc = std::env::var("SERVCHAIN_MMDC").unwrap_or_else(|_| "mmdc".to_owned());
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("puppeteer.json");
    std::fs::write(&config, r#"{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu"]}"#)
        .unwrap();
    for n in [40, 400] {
        let mermaid = stdout_with_stdin(&["graph", "-", "--format", "mermaid"], &org_yaml(Shape::new(n)));
        let drawn = mermaid.lines().filter(|l| l.contains("\"]:::") || l.contains("\"]):::")).count();
        let (input, output) = (tmp.path().join("chain.mmd"), tmp.path().join("chain.svg"));
        std::fs::write(&input, &mermaid).unwrap();
        let out = std::process::Command::new(&mmdc)
            .args(["-p", config.to_str().unwrap(), "-i", input.to_str().unwrap(), "-o", output.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{n}: {}", String::from_utf8_lossy(&out.stderr));
        let svg = std::fs::read_to_string(&output).unwrap();
        assert!(!svg.contains("Syntax error"), "{n}: mermaid could not parse it");
        assert_eq!(svg.matches("class=\"node ").count(), drawn, "{n}: every node drawn, and no more");
        assert!(drawn <= 25 + 3, "{n}: {drawn} nodes");
        let title = mermaid.split("title: \"").nth(1).unwrap().split('"').next().unwrap();
        assert!(svg.contains(title), "{n}: the drawing's title says how much it shows");
    }
}
