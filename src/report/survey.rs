//! The `survey` commands' outputs: the questionnaire (CSV, Markdown), the
//! scorecards and the trend (text, Markdown; JSON is serde's). User text goes
//! through the display-safe helpers every report uses.

use super::csv::field;
use super::format::percent;
use super::markdown;
use crate::display::one_line;
use crate::load::survey::Scale;
use crate::model::Org;
use crate::survey::HandoffRef;
use crate::survey::summary::Summary;
use crate::survey::template::{self, HEADER};
use crate::survey::trend::Trend;
use std::fmt::Write;

/// User text in running Markdown, display-safe first.
fn inline(s: &str) -> String {
    markdown::inline(&one_line(s))
}

/// User text in a Markdown table cell, display-safe first.
fn cell(s: &str) -> String {
    markdown::cell(&one_line(s))
}

/// The CSV questionnaire: a long survey with the score left blank.
pub fn template_csv(org: &Org) -> String {
    let mut out = Vec::new();
    out.extend_from_slice((HEADER.join(",") + "\r\n").as_bytes());
    for row in template::rows(org) {
        for (i, f) in row.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Writing into memory cannot fail.
            let _ = field(&mut out, f);
        }
        out.extend_from_slice(b"\r\n");
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One printable page per rater department.
pub fn template_markdown(org: &Org, scale: &Scale) -> String {
    let title = org.organization.as_deref().unwrap_or("Internal-customer survey");
    let mut out = String::new();
    for (i, page) in template::pages(org).iter().enumerate() {
        if i > 0 {
            out.push_str("\n<div style=\"page-break-after: always\"></div>\n\n");
        }
        let rater = org.department(page.rater);
        let _ = write!(
            out,
            "# {}: {} rates its suppliers\n\nName (optional): ____________________\n\n\
             For each question, answer {}; write N/A if you don't know.\n\n",
            inline(title),
            inline(&rater.name),
            inline(&scale.describe()),
        );
        for (n, &h) in page.handoffs.iter().enumerate() {
            let ho = org.handoff(h);
            let supplier = inline(&org.department(ho.from).name);
            let question = match ho.what.as_deref() {
                Some(w) => format!("How well does {supplier}'s *{}* meet your needs?", inline(w)),
                None => format!("How well does what {supplier} hands you meet your needs?"),
            };
            let _ = write!(
                out,
                "{}. {question}\n\n   Answer: ________   Comment: ______________________________\n\n",
                n + 1
            );
        }
    }
    if out.is_empty() {
        out.push_str("No handoffs between departments: there is nothing for internal customers to rate.\n");
    }
    out
}

fn named(h: &HandoffRef) -> String {
    crate::clip::clip(&h.label, crate::clip::MESSAGE).into_owned()
}

fn answers(n: usize) -> String {
    if n == 1 { "1 answer".to_owned() } else { format!("{n} answers") }
}

fn opt(q: Option<f64>) -> String {
    q.map_or_else(|| "-".to_owned(), percent)
}

/// Left-aligned columns, two spaces apart.
fn columns(rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..rows.first().map_or(0, Vec::len))
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in rows {
        let line: Vec<String> = r.iter().zip(&widths).map(|(x, w)| format!("{x:<w$}")).collect();
        let _ = writeln!(out, "  {}", line.join("  ").trim_end());
    }
    out
}

pub fn summary_text(s: &Summary) -> String {
    let mut out = format!(
        "Supplier scorecards (waves {}): each department as its internal customers rate it, worst first.\n",
        one_line(&s.waves.join(", "))
    );
    let mut rows = vec![vec!["Supplier".into(), "Quality".into(), "Answers".into(), "Worst-rated deliverable".into()]];
    for sup in &s.suppliers {
        let worst =
            sup.worst.as_ref().map_or("-".to_owned(), |w| format!("{} ({})", named(&w.handoff), percent(w.quality)));
        rows.push(vec![
            one_line(&sup.name).into_owned(),
            opt(sup.quality),
            sup.responses.to_string(),
            one_line(&worst).into_owned(),
        ]);
    }
    out += &columns(&rows);
    let c = &s.coverage;
    let _ = write!(
        out,
        "\nCoverage in {} (a mean needs at least {} answers; below that only the count is shown):\n",
        one_line(c.wave.as_deref().unwrap_or("-")),
        c.min_responses.unwrap_or(0)
    );
    if c.thin.is_empty() {
        out += "  Every handoff between departments has enough answers.\n";
    } else {
        let _ = writeln!(out, "  {} handoffs with too few answers:", c.thin.len());
        for t in &c.thin {
            let _ = writeln!(out, "    {}: {}", one_line(&named(&t.handoff)), answers(t.responses));
        }
    }
    out += "\nAnswers per rater department:\n";
    let rows: Vec<Vec<String>> =
        c.raters.iter().map(|r| vec![one_line(&r.name).into_owned(), r.responses.to_string()]).collect();
    out += &columns(&rows);
    out
}

pub fn summary_markdown(s: &Summary) -> String {
    let mut out = format!(
        "# Supplier scorecards\n\nWaves: {}. Each department as its internal customers rate it, worst first.\n\n",
        inline(&s.waves.join(", "))
    );
    out += "| Supplier | Quality | Answers | Worst-rated deliverable |\n|---|---:|---:|---|\n";
    for sup in &s.suppliers {
        let worst =
            sup.worst.as_ref().map_or("-".to_owned(), |w| format!("{} ({})", named(&w.handoff), percent(w.quality)));
        let _ = writeln!(out, "| {} | {} | {} | {} |", cell(&sup.name), opt(sup.quality), sup.responses, cell(&worst));
    }
    let c = &s.coverage;
    let _ = write!(
        out,
        "\n## Coverage in {}\n\nA mean needs at least {} answers; below that only the count is shown.\n\n",
        inline(c.wave.as_deref().unwrap_or("-")),
        c.min_responses.unwrap_or(0)
    );
    out += "| Handoff with too few answers | Answers |\n|---|---:|\n";
    for t in &c.thin {
        let _ = writeln!(out, "| {} | {} |", cell(&named(&t.handoff)), t.responses);
    }
    out += "\n| Rater department | Answers |\n|---|---:|\n";
    for r in &c.raters {
        let _ = writeln!(out, "| {} | {} |", cell(&r.name), r.responses);
    }
    out
}

fn signed(c: Option<f64>) -> String {
    match c {
        Some(x) if x < 0.0 => format!("-{}", percent(-x)),
        Some(x) => format!("+{}", percent(x)),
        None => "-".to_owned(),
    }
}

fn trend_rows(t: &Trend) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let mut head = vec!["Handoff".to_owned()];
    head.extend(t.waves.iter().cloned());
    head.push("Change".to_owned());
    let mut handoffs = vec![head];
    for h in &t.handoffs {
        let mut row = vec![named(&h.handoff)];
        row.extend(h.values.iter().map(|v| opt(*v)));
        row.push(signed(h.change));
        handoffs.push(row);
    }
    let mut head = vec!["Department".to_owned()];
    head.extend(t.waves.iter().map(|w| format!("{w} strength / rolled")));
    head.push("Change".to_owned());
    let mut departments = vec![head];
    for d in &t.departments {
        let mut row = vec![d.name.clone()];
        row.extend(d.strength.iter().zip(&d.rolled_quality).map(|(s, r)| format!("{} / {}", opt(*s), opt(*r))));
        row.push(format!("{} / {}", signed(d.change), signed(d.rolled_change)));
        departments.push(row);
    }
    (handoffs, departments)
}

pub fn trend_text(t: &Trend) -> String {
    let (handoffs, departments) = trend_rows(t);
    let safe = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter().map(|r| r.into_iter().map(|c| one_line(&c).into_owned()).collect()).collect()
    };
    let mut out = String::from(
        "Handoffs per survey wave (a mean only where the wave had enough answers), biggest drops first:\n",
    );
    out += &columns(&safe(handoffs));
    out += "\nDepartments per wave (strength / rolled quality as of each wave), biggest drops first:\n";
    out += &columns(&safe(departments));
    out
}

fn markdown_table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(out, "| {} |", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
        if i == 0 {
            let align: Vec<&str> = (0..r.len()).map(|c| if c == 0 { "---" } else { "---:" }).collect();
            let _ = writeln!(out, "|{}|", align.join("|"));
        }
    }
    out
}

pub fn trend_markdown(t: &Trend) -> String {
    let (handoffs, departments) = trend_rows(t);
    format!(
        "# Survey trend\n\n## Handoffs\n\nA mean only where the wave had enough answers; biggest drops first.\n\n{}\n\
         ## Departments\n\nStrength / rolled quality as of each wave; biggest drops first.\n\n{}",
        markdown_table(&handoffs),
        markdown_table(&departments)
    )
}
