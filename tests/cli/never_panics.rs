//! The loader answers any input with an org or located diagnostics: never a
//! panic, whatever bytes or YAML-shaped text it is fed.

use proptest::prelude::*;
use servchain::load::{load_bytes, load_str};

/// Every diagnostic of a failed load points into a file that exists, at a
/// line and column inside it.
fn check_located(result: Result<servchain::load::Loaded, servchain::load::LoadError>) {
    if let Err(e) = result {
        assert!(!e.diagnostics.is_empty());
        for d in &e.diagnostics {
            let loc = d.loc().expect("every diagnostic from text in memory is located");
            let file = e.sources.get(loc.file).expect("the file exists");
            let (line, col) = e.sources.line_col(loc);
            assert!(line >= 1 && col >= 1, "{d:?}");
            assert!(loc.start() <= file.text.len(), "{d:?}");
            assert!(line as usize <= file.text.lines().count().max(1) + 1, "{d:?}");
            // Rendering must not panic either.
            let _ = servchain::diagnostic::render(d, &e.sources);
        }
    }
}

/// Pieces that YAML org files are made of, to be put together at random.
fn yaml_line() -> impl Strategy<Value = String> {
    let indent = 0usize..8;
    let key = prop::sample::select(vec![
        "departments:",
        "customers:",
        "handoffs:",
        "- id:",
        "id:",
        "serves:",
        "- to:",
        "to:",
        "from:",
        "what:",
        "quality:",
        "lead_time:",
        "name:",
        "headcount:",
        "tags:",
        "meta:",
        "include:",
        "policy:",
        "rules:",
        "version:",
        "organization:",
        "- ",
        "? ",
        "&a ",
        "*a",
        "<<: *a",
        "---",
        "...",
        "#",
    ]);
    let value = prop::sample::select(vec![
        "",
        " a",
        " b",
        " customer",
        " 0.5",
        " 93%",
        " 150%",
        " -1",
        " .nan",
        " 4h",
        " -2h",
        " 1h 30m",
        " [a, b]",
        " {to: a}",
        " [",
        " }",
        " \"x",
        " 'y'",
        " ~",
        " null",
        " true",
        " 1e999",
        " 0x10",
        " é",
        " \t",
        " |",
        " >-",
        " &x",
        " *x",
        " !!str 5",
        " !!binary aGk=",
        " []",
        " {}",
    ]);
    (indent, key, value).prop_map(|(i, k, v)| format!("{}{k}{v}", " ".repeat(i)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_located(load_bytes("fuzz.yaml", &bytes));
    }

    #[test]
    fn yaml_shaped_text_never_panics(lines in prop::collection::vec(yaml_line(), 0..40)) {
        check_located(load_str("fuzz.yaml", &lines.join("\n")));
    }

    #[test]
    fn near_valid_orgs_never_panic(
        ids in prop::collection::vec("[a-c]{1,2}", 1..6),
        targets in prop::collection::vec("[a-c]{1,2}|customer", 0..10),
        qualities in prop::collection::vec(prop::option::of(-0.5f64..1.5), 0..10),
    ) {
        let mut yaml = String::from("departments:\n");
        for (i, id) in ids.iter().enumerate() {
            yaml += &format!("  - id: {id}\n    serves:\n");
            for (t, q) in targets.iter().zip(&qualities).skip(i).step_by(ids.len()) {
                yaml += &format!("      - to: {t}\n");
                if let Some(q) = q {
                    yaml += &format!("        quality: {q}\n");
                }
            }
        }
        check_located(load_str("fuzz.yaml", &yaml));
    }
}
