//! No import cycles between the files of `src/`: a file that uses another is
//! not used by it, directly or round a loop, so the files form layers that
//! read (and change) from the bottom up. A path `crate::…`, `super::…` or
//! `self::…` in a file's code (not its comments, not its `#[cfg(test)] mod
//! tests`, not a `*tests.rs` file) uses the file of its longest prefix that
//! names a module file. A parent's bare `child::item` paths are not counted:
//! a module declares its children, that is no layer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each file of `src/` (`src/load/fs.rs`), with the files it uses.
type Graph = BTreeMap<String, Vec<String>>;

#[test]
fn no_file_in_src_is_part_of_an_import_cycle() {
    let cycles = cycles(&graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")));
    assert!(cycles.is_empty(), "import cycles between files in src/:\n{}", cycles.join("\n"));
}

/// Files stay small enough to read in one sitting (issue 13): none in
/// `src/` (code, tests beside it, the report's script) over this.
const MAX_LINES: usize = 400;

#[test]
fn no_file_in_src_is_over_400_lines() {
    let long: Vec<String> = files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .into_iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(&path).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines; split them by meaning:\n{}", long.join("\n"));
}

#[test]
fn the_graph_holds_the_uses_written_in_src() {
    let graph = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let uses = |file: &str| graph.get(file).cloned().unwrap_or_default();
    // `use super::local::Local;`, `use super::queue::{…}`: a path to an item
    // of a sibling; `use super::yaml::{self, …}`: a module with braces;
    // `use crate::threads;`: a crate-level module.
    for (file, used) in [
        ("src/analysis/labels.rs", "src/analysis/local.rs"),
        ("src/analysis/labels.rs", "src/analysis/queue.rs"),
        ("src/load/parallel.rs", "src/load/yaml/mod.rs"),
        ("src/load/parallel.rs", "src/threads.rs"),
    ] {
        assert!(uses(file).iter().any(|u| u == used), "{file} uses {used}, the graph says {:?}", uses(file));
    }
}

#[test]
fn a_cycle_is_found() {
    let graph: Graph = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec!["a"])]
        .into_iter()
        .map(|(f, to)| (f.to_owned(), to.into_iter().map(str::to_owned).collect()))
        .collect();
    assert_eq!(cycles(&graph), ["a -> b -> c -> a"]);
}

fn graph(src: &Path) -> Graph {
    let files = rust_files(src);
    let module_files: BTreeMap<Vec<String>, String> = files.iter().map(|f| (module(src, f), name(src, f))).collect();
    let mut graph = Graph::new();
    for file in &files {
        let (me, here) = (name(src, file), module(src, file));
        let mut uses: Vec<String> = paths(&code(&std::fs::read_to_string(file).unwrap()))
            .iter()
            .filter_map(|path| resolve(&here, path, &module_files))
            .filter(|used| *used != me)
            .collect();
        uses.sort();
        uses.dedup();
        graph.insert(me, uses);
    }
    graph
}

/// Every `*.rs` file under `dir` but the `*tests.rs` ones.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let code = |p: &PathBuf| {
        p.file_name().map(|n| n.to_string_lossy()).is_some_and(|n| n.ends_with(".rs") && !n.ends_with("tests.rs"))
    };
    files(dir).into_iter().filter(code).collect()
}

/// Every file under `dir`, in its subdirectories too.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// `src/load/fs.rs`, as the messages show it.
fn name(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    format!("src/{}", rel.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/"))
}

/// The module a file is: `src/load/fs.rs` and `src/load/mod.rs` are
/// `load::fs` and `load`; `src/lib.rs` and `src/main.rs` the crate.
fn module(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    if (parts.len() == 1 && ["lib", "main"].contains(&parts[0].as_str())) || parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// A file's code: its comments and its `#[cfg(test)] mod tests` left out.
fn code(text: &str) -> String {
    let mut code = text;
    for (at, _) in text.match_indices("#[cfg(test)]") {
        if text[at + "#[cfg(test)]".len()..].trim_start().starts_with("mod tests") {
            code = &text[..at];
            break;
        }
    }
    code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The paths that start with `crate`, `super` or `self`, as their segments:
/// `use super::{Body, name}` gives `["super"]`, the module the names are in.
fn paths(code: &str) -> Vec<Vec<&str>> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter(|word| word.contains("::"))
        .map(|word| word.split("::").filter(|s| !s.is_empty()).collect::<Vec<_>>())
        .filter(|path| matches!(path.first(), Some(&("crate" | "super" | "self"))))
        .collect()
}

/// The file of the longest prefix of `path` that names a module file, seen
/// from the module `here`.
fn resolve(here: &[String], path: &[&str], module_files: &BTreeMap<Vec<String>, String>) -> Option<String> {
    let mut module: Vec<String> = match path[0] {
        "crate" => Vec::new(),
        _ => here.to_vec(),
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        module.pop();
        while rest.first() == Some(&"super") {
            module.pop();
            rest = &rest[1..];
        }
    }
    let mut found = module_files.get(&module).cloned();
    for segment in rest {
        module.push((*segment).to_owned());
        found = module_files.get(&module).cloned().or(found);
    }
    found
}

/// Each cycle a depth-first walk meets, as `a -> b -> a`.
fn cycles(graph: &Graph) -> Vec<String> {
    fn walk<'a>(
        graph: &'a Graph,
        file: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
        out: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|&f| f == file) {
            out.push([&path[at..], &[file]].concat().join(" -> "));
            return;
        }
        if done.contains(&file) {
            return;
        }
        path.push(file);
        for used in graph.get(file).into_iter().flatten() {
            walk(graph, used, path, done, out);
        }
        path.pop();
        done.push(file);
    }
    let (mut done, mut out) = (Vec::new(), Vec::new());
    for file in graph.keys() {
        walk(graph, file, &mut Vec::new(), &mut done, &mut out);
    }
    out
}
