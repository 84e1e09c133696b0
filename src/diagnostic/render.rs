//! Diagnostics for a terminal, the way rustc and ruff show them: a header,
//! `--> file:line:col`, the offending source line with a caret, and help.
//! Colour is always emitted here; the caller's `anstream` writer strips it
//! when stderr is not a terminal or `NO_COLOR` is set.
//!
//! Messages quote user text (names, ids, keys, file names) and the excerpt
//! is the file's own line, so all of it is made display-safe first
//! ([`crate::display`]): annotate-snippets would pass a line break, C1 and
//! some bidi controls through, and `##[` or a leading `::` reach a CI log.

use super::{Diagnostic, Label, Severity, shown};
use crate::display::{one_line, one_line_marked};
use crate::source::{SourceMap, floor_char_boundary};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::borrow::Cow;

/// Renders the diagnostics a person is shown ([`shown::for_people`]), a
/// line for each kind left out, then a one-line count of every error and
/// warning.
pub fn render_all(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    let (shown, omitted) = shown::for_people(diags);
    for d in shown {
        out.push_str(&render(d, sources));
        out.push_str("\n\n");
    }
    for o in &omitted {
        out.push_str(&format!("note: {} (`check --format json` lists every one)\n\n", o.sentence(sources)));
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.iter().filter(|d| d.severity == Severity::Warning).count();
    if errors > 0 {
        out.push_str(&format!(
            "error: the org could not be loaded: {}{}\n",
            plural(errors, "error"),
            if warnings > 0 { format!(", {}", plural(warnings, "warning")) } else { String::new() }
        ));
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// Renders one diagnostic with its source lines.
pub fn render(d: &Diagnostic, sources: &SourceMap) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let message = one_line(&d.message);
    let help = d.help.as_deref().map(one_line);
    let mut group = Group::with_title(level.primary_title(&*message).id(d.code.as_str()));
    let snippets: Vec<Excerpt> = d
        .primary
        .iter()
        .map(|l| (l, AnnotationKind::Primary))
        .chain(d.secondary.iter().map(|l| (l, AnnotationKind::Context)))
        .filter_map(|(label, kind)| Excerpt::of(label, kind, sources))
        .collect();
    if snippets.is_empty() {
        // Nothing to quote: the title, then the help on a line of its own.
        let mut out = Renderer::styled().render(&[group]);
        if let Some(help) = &help {
            let style = anstyle::Style::new().bold();
            out.push_str(&format!("\n  {style}help{style:#}: {help}"));
        }
        return out;
    }
    for ex in &snippets {
        group = group.element(
            Snippet::source(ex.line.as_str())
                .line_start(ex.line_no)
                .path(&*ex.path)
                .annotation(ex.kind.span(ex.start..ex.end).label(&*ex.note)),
        );
    }
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(&**help));
    }
    let mut out = Renderer::styled().render(&[group]);
    // A window of a long line puts the label at another column of the text
    // shown than of the file: name the file's column.
    for ex in snippets.iter().filter(|ex| ex.shown_col != ex.col) {
        let shown = format!("{}:{}:{}", ex.path, ex.line_no, ex.shown_col);
        out = out.replacen(&shown, &format!("{}:{}:{}", ex.path, ex.line_no, ex.col), 1);
    }
    out
}

/// How much of a long line is shown on each side of a label.
const WINDOW: usize = 100;

/// One label cut down to (a window of) the line it sits on, so rendering
/// stays cheap however large the file or long the line.
struct Excerpt<'a> {
    path: Cow<'a, str>,
    line: String,
    line_no: usize,
    /// The label's column in the file, and in the line as shown.
    col: usize,
    shown_col: usize,
    start: usize,
    end: usize,
    note: Cow<'a, str>,
    kind: AnnotationKind,
}

impl<'a> Excerpt<'a> {
    fn of(label: &'a Label, kind: AnnotationKind, sources: &'a SourceMap) -> Option<Self> {
        let file = sources.get(label.loc.file)?;
        let (line_no, col) = file.line_col(label.loc.offset);
        let text = file.text.as_str();
        let offset = floor_char_boundary(text, label.loc.start().min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        let start = (offset - line_start).min(line.len());
        // A label over a huge value (a 64 MB id) marks only its start.
        let len = (label.loc.len as usize).clamp(1, 2 * WINDOW);
        let end = ceil_char_boundary(line, (start + len).min(line.len())).max(start);
        let from = floor_char_boundary(line, start.saturating_sub(WINDOW));
        let to = ceil_char_boundary(line, (end + WINDOW).min(line.len()));
        let before = if from > 0 { "..." } else { "" };
        let after = if to < line.len() { "..." } else { "" };
        let shown = format!("{before}{}{after}", &line[from..to]);
        // The caret's ends move with the escapes before them.
        let mut span = [start - from + before.len(), end - from + before.len()];
        let shown = one_line_marked(&shown, &mut span).into_owned();
        Some(Excerpt {
            shown_col: shown[..span[0]].chars().count() + 1,
            path: one_line(&file.name),
            line: shown,
            line_no: line_no as usize,
            col: col as usize,
            start: span[0],
            end: span[1],
            note: one_line(&label.note),
            kind,
        })
    }
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}
