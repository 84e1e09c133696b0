//! What broken or hostile YAML is reported as: libyaml-safer's errors
//! turned into located diagnostics with a fix where one is plain, and the
//! reader's own refusals (too many aliases, complex keys, duplicate keys).

use super::{MAX_ALIASES, Reader};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Loc;
use libyaml_safer::{Event, Mark};

impl Reader<'_> {
    pub(super) fn unexpected(&self, e: &Event) -> Diagnostic {
        let loc = self.loc(e.start_mark, e.end_mark);
        Diagnostic::error(Code::YamlSyntax, "this is not valid YAML here")
            .at(loc, "here")
            .help("check the indentation and quoting around this place")
    }

    pub(super) fn syntax_error(&self, e: &libyaml_safer::Error) -> Diagnostic {
        let at = |m: Option<Mark>| m.map_or(Loc::file_start(self.file), |m| self.loc(m, m));
        let problem = e.problem();
        let context = e.context().unwrap_or("");
        let mut loc = at(e.problem_mark());
        let at_eof = loc.start() >= self.text.len();
        let mut help = "check the indentation and quoting around this place".to_owned();
        let message = if self.text[loc.start().min(self.text.len())..].starts_with('\t') {
            help = "YAML indents with spaces only; replace the tab with spaces".to_owned();
            "a tab character where YAML expects indentation or a value".to_owned()
        } else if at_eof && problem.contains("','") {
            loc = at(e.context_mark());
            let (what, open) = if problem.contains(']') { ("bracket", '[') } else { ("brace", '{') };
            help = format!("close the {what} `{open}` opened here");
            format!("unclosed {what} '{open}'")
        } else if at_eof && context.contains("quoted scalar") {
            loc = at(e.context_mark());
            help = "close the quote opened here".to_owned();
            "unclosed quote".to_owned()
        } else if context.contains("simple key") {
            // Reported where the would-be key starts, not where the scan gave up.
            loc = at(e.context_mark());
            format!("{problem} {context}")
        } else if context.is_empty() {
            problem.to_owned()
        } else {
            format!("{problem} {context}")
        };
        if let Some(fix) = missing_space(self.text, loc) {
            help = fix;
        }
        if let libyaml_safer::ErrorKind::Reader = e.kind() {
            // The reader says where by byte offset only.
            let offset = reader_offset(e);
            loc = Loc::new(self.file, self.text_offset(offset, false).min(self.text.len()), 0);
        }
        Diagnostic::error(Code::YamlSyntax, format!("this is not valid YAML: {message}")).at(loc, "here").help(help)
    }
}

/// `key:value` on the line of `loc`: the space after the colon is missing.
pub fn missing_space(text: &str, loc: Loc) -> Option<String> {
    let start = text[..loc.start().min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let body = line.trim_start().trim_start_matches("- ").trim_start();
    let (key, value) = body.split_once(':')?;
    let plausible = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && value.chars().next().is_some_and(|c| !c.is_whitespace() && c != ':' && c != '/');
    plausible.then(|| format!("YAML needs a space after the colon: write `{key}: {value}`"))
}

fn reader_offset(e: &libyaml_safer::Error) -> usize {
    // libyaml-safer keeps a reader error's offset private; its text ends
    // with "(offset N, value V)".
    let text = e.to_string();
    text.rsplit_once("(offset ")
        .and_then(|(_, rest)| rest.split(',').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

pub(super) fn too_many(loc: Loc) -> Diagnostic {
    Diagnostic::error(Code::YamlLimit, "YAML anchors and aliases here expand to too much data").at(loc, "here").help(
        format!(
            "servchain bounds what one file may expand to, so that hostile YAML cannot exhaust memory; write the repeated parts out, or use fewer aliases (at most {MAX_ALIASES})"
        ),
    )
}

pub(super) fn too_many_anchors(loc: Loc) -> Diagnostic {
    Diagnostic::error(Code::YamlLimit, format!("more than {MAX_ALIASES} YAML anchors in one file"))
        .at(loc, "one anchor too many")
        .help(format!(
            "servchain bounds the anchors (`&name`) one file may mark, so that hostile YAML cannot exhaust memory; write the repeated parts out, or mark at most {MAX_ALIASES}"
        ))
}

pub(super) fn complex_key(loc: Loc) -> Diagnostic {
    Diagnostic::error(Code::YamlSyntax, "this is not valid YAML for an org file: a key that is a list or a mapping")
        .at(loc, "keys are plain text")
        .help("write keys as plain words, such as `id:` or `name:`")
}

pub fn duplicate_key(key: &str, loc: Loc) -> Diagnostic {
    Diagnostic::error(Code::YamlSyntax, format!("this is not valid YAML: duplicate mapping key `{key}`"))
        .at(loc, "given again here")
        .help("each key may appear once in a mapping; remove or merge the repeated one")
}
