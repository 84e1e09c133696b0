//! Diagnostics for a terminal, the way rustc and ruff show them: a header,
//! `--> file:line:col`, the offending source line with a caret, and help.
//! Colour is always emitted here; the caller's `anstream` writer strips it
//! when stderr is not a terminal or `NO_COLOR` is set.

use super::{Diagnostic, Label, Severity};
use crate::source::{SourceMap, floor_char_boundary};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Renders every diagnostic, then a one-line count of errors and warnings.
pub fn render_all(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&render(d, sources));
        out.push_str("\n\n");
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
    let mut group = Group::with_title(level.primary_title(&d.message).id(d.code));
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
        if let Some(help) = &d.help {
            let style = anstyle::Style::new().bold();
            out.push_str(&format!("\n  {style}help{style:#}: {help}"));
        }
        return out;
    }
    for ex in &snippets {
        group = group.element(
            Snippet::source(ex.line)
                .line_start(ex.line_no)
                .path(ex.path)
                .annotation(ex.kind.span(ex.start..ex.end).label(ex.note)),
        );
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help));
    }
    Renderer::styled().render(&[group])
}

/// One label cut down to the line it sits on, so rendering stays cheap
/// however large the file is.
struct Excerpt<'a> {
    path: &'a str,
    line: &'a str,
    line_no: usize,
    start: usize,
    end: usize,
    note: &'a str,
    kind: AnnotationKind,
}

impl<'a> Excerpt<'a> {
    fn of(label: &'a Label, kind: AnnotationKind, sources: &'a SourceMap) -> Option<Self> {
        let file = sources.get(label.loc.file)?;
        let text = file.text.as_str();
        let offset = floor_char_boundary(text, label.loc.offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        let start = (offset - line_start).min(line.len());
        let end = floor_char_boundary(line, (start + label.loc.len.max(1)).min(line.len()));
        Some(Excerpt {
            path: &file.name,
            line,
            line_no: label.loc.line as usize,
            start,
            end: end.max(start),
            note: &label.note,
            kind,
        })
    }
}
