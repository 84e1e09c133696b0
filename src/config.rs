//! `servchain.toml`, the project's configuration: found in the current
//! directory or the nearest parent (it also marks the project root), read
//! as a located TOML tree, and checked with the same field helper as the org
//! file, so unknown keys and wrong types are located errors with "did you
//! mean".

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::format::Record;
use crate::load::fields::Fields;
use crate::model::{Node, NodeValue};
use crate::source::{FileId, Loc, SourceMap};
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The file's name.
pub const FILE_NAME: &str = "servchain.toml";

/// A checked `servchain.toml`. Paths in it are resolved against its directory.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file itself.
    pub file: PathBuf,
    pub paths: Vec<PathBuf>,
    pub exclude: Vec<String>,
    pub policy: Option<PathBuf>,
    /// An inline `[rules]` table, as a `policy:` mapping holding `rules`.
    pub rules: Option<Node>,
    pub baseline: Option<PathBuf>,
    /// `None` for `never`.
    pub fail_on: Option<Option<Severity>>,
    pub strict_baseline: bool,
}

/// The nearest `servchain.toml` at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Reads the config file at `path` into `sources`: the config, or every
/// problem it has.
pub fn read(path: &Path, sources: &mut SourceMap) -> Result<Config, Vec<Diagnostic>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![Diagnostic::error(Code::IoError, format!("cannot read {}: {e}", path.display()))])?;
    let id = sources.add(path.display().to_string(), text);
    let text = sources.get(id).map(|f| f.text.as_str()).unwrap_or_default();
    parse(text, id, path)
}

/// Checks the text of a config file registered in a source map as `file`.
pub fn parse(text: &str, file: FileId, path: &Path) -> Result<Config, Vec<Diagnostic>> {
    let at = |span: std::ops::Range<usize>| Loc::new(file, span.start, span.end.saturating_sub(span.start));
    let table = DeTable::parse(text).map_err(|e| {
        let loc = at(e.span().unwrap_or(0..0));
        vec![
            Diagnostic::error(Code::ConfigSyntax, format!("{} is not valid TOML: {}", path.display(), e.message()))
                .at(loc, "here")
                .help(Code::ConfigSyntax.help()),
        ]
    })?;
    let root = node(DeValue::Table(table.get_ref().clone()), at(table.span()), &at);
    let NodeValue::Map(entries) = root.value else { return Err(Vec::new()) };
    let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let resolve = |p: String| if dir.as_os_str().is_empty() { PathBuf::from(p) } else { dir.join(p) };
    let mut diags = Vec::new();
    let mut fields = Fields::new(Record::Config, root.loc, entries);
    let mut config = Config { file: path.to_path_buf(), ..Config::default() };
    if let Some(n) = fields.take("paths") {
        config.paths = texts(&n, "paths", &mut diags).into_iter().map(resolve).collect();
    }
    if let Some(n) = fields.take("exclude") {
        config.exclude = texts(&n, "exclude", &mut diags);
    }
    config.policy = fields.take("policy").and_then(|n| text_of(&n, "policy", &mut diags)).map(resolve);
    config.baseline = fields.take("baseline").and_then(|n| text_of(&n, "baseline", &mut diags)).map(resolve);
    if let Some((key, n)) = fields.take_with_key("rules") {
        config.rules = Some(Node { value: NodeValue::Map(vec![("rules".to_owned(), key, n)]), loc: key });
    }
    if let Some(n) = fields.take("fail-on") {
        match text_of(&n, "fail-on", &mut diags).as_deref() {
            Some("error") => config.fail_on = Some(Some(Severity::Error)),
            Some("warning") => config.fail_on = Some(Some(Severity::Warning)),
            Some("never") => config.fail_on = Some(None),
            Some(other) => diags.push(
                Diagnostic::error(
                    Code::InvalidSeverity,
                    format!("`fail-on` is error, warning or never, not {other:?}"),
                )
                .at(n.loc, "here")
                .help_opt(crate::suggest::did_you_mean(other, ["error", "warning", "never"]))
                .help_opt(Some("write fail-on = \"error\", \"warning\" or \"never\"".to_owned())),
            ),
            None => {}
        }
    }
    if let Some(n) = fields.take("strict-baseline") {
        match n.value {
            NodeValue::Bool(b) => config.strict_baseline = b,
            _ => diags.push(wrong_type("strict-baseline", "true or false", &n)),
        }
    }
    fields.finish(&mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    if config.policy.is_some() && config.rules.is_some() {
        let loc = config.rules.as_ref().map_or(root.loc, |n| n.loc);
        return Err(vec![
            Diagnostic::error(Code::UnknownKey, "servchain.toml gives both `policy` and `[rules]`")
                .at(loc, "here")
                .help("keep one: a policy file, or the rules inline"),
        ]);
    }
    Ok(config)
}

fn wrong_type(key: &str, expected: &str, n: &Node) -> Diagnostic {
    Diagnostic::error(
        Code::WrongType,
        format!("`{key}` must be {expected}, but it is {}", crate::load::describe_value(&n.value)),
    )
    .at(n.loc, "here")
}

fn text_of(n: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match &n.value {
        NodeValue::Str(s) => Some(s.clone()),
        _ => {
            diags.push(wrong_type(key, "a string", n));
            None
        }
    }
}

fn texts(n: &Node, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    match &n.value {
        NodeValue::Seq(items) => items.iter().filter_map(|i| text_of(i, key, diags)).collect(),
        // One path needs no list.
        NodeValue::Str(s) => vec![s.clone()],
        _ => {
            diags.push(wrong_type(key, "a list of strings", n));
            Vec::new()
        }
    }
}

/// A TOML value as the loader's located tree, so the policy and the field
/// helper read it as they read YAML.
fn node(value: DeValue<'_>, loc: Loc, at: &dyn Fn(std::ops::Range<usize>) -> Loc) -> Node {
    let value = match value {
        DeValue::String(s) => NodeValue::Str(s.into_owned()),
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) if n >= 0 => NodeValue::UInt(n as u64),
            Ok(n) => NodeValue::Int(n),
            Err(_) => NodeValue::Str(i.as_str().to_owned()),
        },
        DeValue::Float(f) => f.as_str().replace('_', "").parse().map_or(NodeValue::Null, NodeValue::Float),
        DeValue::Boolean(b) => NodeValue::Bool(b),
        DeValue::Datetime(d) => NodeValue::Str(d.to_string()),
        DeValue::Array(items) => NodeValue::Seq(
            items
                .into_iter()
                .map(|v| {
                    let l = at(v.span());
                    node(v.into_inner(), l, at)
                })
                .collect(),
        ),
        DeValue::Table(t) => {
            let mut entries: Vec<(String, Loc, Node)> = t
                .into_iter()
                .map(|(k, v)| {
                    let (key_loc, value_loc) = (at(k.span()), at(v.span()));
                    (k.into_inner().into_owned(), key_loc, node(v.into_inner(), value_loc, at))
                })
                .collect();
            entries.sort_by_key(|(_, l, _)| l.offset);
            NodeValue::Map(entries)
        }
    };
    Node { value, loc }
}
