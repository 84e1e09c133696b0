//! Every kind of load error in SPEC §1 is reported with its code, a
//! plain-words message, its line and column, and a fix where one exists.

use crate::{at, load_err, load_ok};
use servchain::diagnostic::{Code, Diagnostic, Severity};

/// The single diagnostic with `code`, asserting where it points.
fn expect(diags: &[Diagnostic], code: Code, line: u32, col: u32) -> Diagnostic {
    let found: Vec<_> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one {code}, got: {diags:#?}");
    let d = found[0].clone();
    let loc = d.loc().unwrap_or_else(|| panic!("{code} has no location"));
    assert_eq!(at(loc), (line, col), "{code}: {}", d.message);
    assert_eq!(d.severity, Severity::Error);
    d
}

fn help(d: &Diagnostic) -> &str {
    d.help.as_deref().unwrap_or("")
}

const VALID_TAIL: &str = "customers: [{id: shoppers}]\n";

#[test]
fn yaml_syntax_errors_point_at_the_break() {
    let diags = load_err("departments:\n  - id: a\n    name: [unclosed\n");
    let d = expect(&diags, Code::YamlSyntax, 3, 11);
    assert_eq!(d.message, "this is not valid YAML: unclosed bracket '['");
}

#[test]
fn tabs_in_indentation_are_a_syntax_error() {
    let diags = load_err("departments:\n\t- id: a\n");
    let d = expect(&diags, Code::YamlSyntax, 2, 1);
    assert!(d.message.contains("tab"), "{}", d.message);
}

#[test]
fn duplicate_keys_are_refused() {
    let diags = load_err("departments:\n  - id: a\n    id: b\n");
    let d = expect(&diags, Code::YamlSyntax, 3, 5);
    assert!(d.message.contains("duplicate mapping key"), "{}", d.message);
}

#[test]
fn wrong_types_name_the_field_and_what_was_found() {
    let diags = load_err(
        "customers: [{id: c}]\ndepartments:\n  - id: a\n    headcount: many\n    serves: {to: c}\n    tags: 5\n    meta: [x]\n  - just-a-string\n",
    );
    let d = diags.iter().find(|d| d.message.starts_with("`headcount`")).unwrap();
    assert_eq!(d.message, "`headcount` must be a whole number of 0 or more, but it is the text \"many\"");
    assert_eq!(at(d.loc().unwrap()), (4, 16));
    let msgs: Vec<_> = diags.iter().filter(|d| d.code == Code::WrongType).map(|d| d.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.starts_with("`serves` must be a list")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("`tags` must be a list")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("`meta` must be a mapping")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("each entry here must be a department")), "{msgs:?}");
    assert_eq!(msgs.len(), 5, "every wrong type is reported in one run: {msgs:?}");
}

#[test]
fn a_file_that_is_not_a_mapping_is_refused() {
    let diags = load_err("- id: a\n");
    let d = expect(&diags, Code::WrongType, 1, 1);
    assert!(d.message.contains("must be a mapping"), "{}", d.message);
}

#[test]
fn unknown_keys_suggest_the_nearest_field() {
    let diags =
        load_err("departments:\n  - id: a\n    nmae: A\n    serves:\n      - to: customer\n        qualty: 0.9\n");
    let d = diags.iter().find(|d| d.message.contains("`nmae`")).unwrap();
    assert_eq!((d.code, at(d.loc().unwrap())), (Code::UnknownKey, (3, 5)));
    assert_eq!(help(d), "did you mean \"name\"?");
    let d = diags.iter().find(|d| d.message.contains("`qualty`")).unwrap();
    assert_eq!(at(d.loc().unwrap()), (6, 9));
    assert_eq!(help(d), "did you mean \"quality\"?");
}

#[test]
fn unknown_keys_without_a_near_miss_list_the_fields_and_meta() {
    let diags = load_err("departments:\n  - id: a\n    budget: 100\n");
    let d = expect(&diags, Code::UnknownKey, 3, 5);
    assert!(help(&d).contains("id, name, lead, headcount"), "{}", help(&d));
    assert!(help(&d).contains("meta:"), "{}", help(&d));
}

#[test]
fn top_level_unknown_keys_are_reported() {
    let diags = load_err("departmnts:\n  - id: a\n");
    let d = expect(&diags, Code::UnknownKey, 1, 1);
    assert_eq!(help(&d), "did you mean \"departments\"?");
}

#[test]
fn a_department_without_an_id_is_reported_at_its_first_key() {
    let diags = load_err("departments:\n  - id: a\n    serves: [{to: customer}]\n  - name: Nameless\n");
    let d = expect(&diags, Code::MissingField, 4, 5);
    assert_eq!(d.message, "this department has no `id`");
}

#[test]
fn a_handoff_without_a_receiver_is_reported() {
    let diags = load_err("departments:\n  - id: a\n    serves:\n      - what: Reports\n");
    let d = expect(&diags, Code::MissingField, 4, 9);
    assert_eq!(d.message, "this handoff has no `to`");
}

#[test]
fn invalid_ids_say_why_and_offer_a_valid_one() {
    let diags = load_err("departments:\n  - id: Customer Support\n");
    let d = expect(&diags, Code::InvalidId, 2, 9);
    assert!(d.message.contains("contains ' '"), "{}", d.message);
    assert!(help(&d).contains("\"customer-support\""), "{}", help(&d));
    let long = "x".repeat(64);
    let diags = load_err(&format!("departments:\n  - id: {long}\n"));
    assert!(expect(&diags, Code::InvalidId, 2, 9).message.contains("64 characters"));
    let diags = load_err("departments:\n  - id: -lead\n");
    assert!(expect(&diags, Code::InvalidId, 2, 9).message.contains("must start with a letter or digit"));
}

#[test]
fn duplicate_ids_name_both_places() {
    let diags = load_err(&format!("{VALID_TAIL}departments:\n  - id: a\n    serves: [{{to: shoppers}}]\n  - id: a\n"));
    let d = expect(&diags, Code::DuplicateId, 5, 9);
    assert_eq!(d.message, "the id \"a\" is defined twice");
    let first = &d.secondary[0];
    assert_eq!(at(first.loc), (3, 9));
    assert!(first.note.contains("first defined"));
}

#[test]
fn departments_and_customers_share_one_id_space() {
    let diags = load_err("customers: [{id: shoppers}]\ndepartments:\n  - id: shoppers\n");
    let d = expect(&diags, Code::DuplicateId, 3, 9);
    assert!(d.secondary[0].note.contains("as a customer"), "{:?}", d.secondary);
}

#[test]
fn the_implicit_customer_id_is_taken() {
    let diags = load_err("departments:\n  - id: customer\n");
    let d = expect(&diags, Code::DuplicateId, 2, 9);
    assert!(help(&d).contains("implicit") || help(&d).contains("gets one customer"), "{}", help(&d));
}

#[test]
fn handoffs_to_unknown_ids_suggest_the_nearest_id() {
    let diags = load_err(&format!("{VALID_TAIL}departments:\n  - id: support\n    serves: [{{to: shopers}}]\n"));
    let d = expect(&diags, Code::UnknownId, 4, 19);
    assert_eq!(d.message, "the receiver \"shopers\" is not a department or customer of this org");
    assert_eq!(help(&d), "did you mean \"shoppers\"?");
}

#[test]
fn handoffs_from_unknown_ids_are_reported() {
    let diags = load_err(&format!(
        "{VALID_TAIL}departments:\n  - id: support\n    serves: [{{to: shoppers}}]\nhandoffs:\n  - from: suport\n    to: shoppers\n"
    ));
    let d = expect(&diags, Code::UnknownId, 6, 11);
    assert!(d.message.starts_with("the supplier \"suport\""), "{}", d.message);
    assert_eq!(help(&d), "did you mean \"support\"?");
}

#[test]
fn ids_are_case_sensitive_but_a_case_slip_is_suggested() {
    let diags = load_err(&format!("{VALID_TAIL}departments:\n  - id: it\n    serves: [{{to: Shoppers}}]\n"));
    assert_eq!(help(&expect(&diags, Code::UnknownId, 4, 19)), "did you mean \"shoppers\"?");
}

#[test]
fn a_handoff_from_a_customer_is_refused() {
    let diags = load_err(&format!(
        "{VALID_TAIL}departments:\n  - id: a\n    serves: [{{to: shoppers}}]\nhandoffs:\n  - from: shoppers\n    to: a\n"
    ));
    let d = expect(&diags, Code::HandoffFromCustomer, 6, 11);
    assert!(d.message.contains("\"shoppers\""));
}

#[test]
fn customers_have_no_serves() {
    let diags = load_err("customers:\n  - id: shoppers\n    serves: [{to: a}]\ndepartments:\n  - id: a\n");
    let d = expect(&diags, Code::CustomerServes, 3, 13);
    assert!(d.message.contains("customers serve no one"));
}

#[test]
fn a_department_cannot_serve_itself() {
    let diags = load_err(&format!("{VALID_TAIL}departments:\n  - id: a\n    serves:\n      - to: a\n"));
    let d = expect(&diags, Code::SelfHandoff, 5, 13);
    assert_eq!(d.message, "the department \"a\" serves itself");
}

#[test]
fn the_same_handoff_twice_is_refused_naming_both() {
    let yaml = format!(
        "{VALID_TAIL}departments:\n  - id: a\n    serves:\n      - to: shoppers\n        what: Goods\nhandoffs:\n  - from: a\n    to: shoppers\n    what: Goods\n"
    );
    let d = expect(&load_err(&yaml), Code::DuplicateHandoff, 8, 5);
    assert_eq!(at(d.secondary[0].loc).0, 5);
    // Different `what` makes two links.
    let ok = yaml.replace("    what: Goods\n", "    what: Returns\n").replacen("what: Returns", "what: Goods", 1);
    assert_eq!(load_ok(&ok).org.handoffs.len(), 2);
}

#[test]
fn qualities_outside_the_unit_interval_are_refused() {
    let cases: &[(&str, &str)] = &[
        ("1.5", "quality 1.5 is outside 0..1"),
        ("-0.1", "quality -0.1 is outside 0..1"),
        ("93", "quality 93 is outside 0..1"),
        ("\"150%\"", "quality \"150%\" is outside 0%..100%"),
        (".nan", "quality is not a number (NaN)"),
        ("high", "quality \"high\" is not a number or a percentage"),
        ("true", "`quality` must be a number from 0 to 1 or a percentage, but it is the value true"),
    ];
    for (value, message) in cases {
        let diags = load_err(&format!(
            "departments:\n  - id: a\n    serves:\n      - to: customer\n        quality: {value}\n"
        ));
        let d = diags.iter().find(|d| d.code == Code::InvalidQuality || d.code == Code::WrongType).unwrap();
        assert_eq!(d.message, *message, "for {value}");
        assert_eq!(at(d.loc().unwrap()), (5, 18), "for {value}");
    }
    let diags = load_err("departments:\n  - id: a\n    serves:\n      - to: customer\n        quality: 93\n");
    assert!(help(&diags[0]).contains("\"93%\""), "a likely percentage gets a fix: {}", help(&diags[0]));
}

#[test]
fn lead_times_must_parse_and_not_be_negative() {
    let cases: &[(&str, &str)] = &[
        ("-2h", "lead time \"-2h\" is negative"),
        ("soon", "lead time \"soon\" is not a duration"),
        ("4", "lead time 4 has no unit"),
    ];
    for (value, message) in cases {
        let diags = load_err(&format!(
            "departments:\n  - id: a\n    serves:\n      - to: customer\n        lead_time: {value}\n"
        ));
        let d = expect(&diags, Code::InvalidLeadTime, 5, 20);
        assert!(d.message.starts_with(message), "{} vs {message}", d.message);
        assert!(help(&d).len() > 10);
    }
}

#[test]
fn an_org_without_departments_is_refused() {
    let d = expect(&load_err("organization: Empty Inc.\ncustomers: [{id: c}]\n"), Code::NoDepartments, 1, 1);
    assert_eq!(d.message, "the org has no departments");
    expect(&load_err("departments: []\n"), Code::NoDepartments, 1, 1);
}

#[test]
fn an_empty_file_is_refused() {
    for text in ["", "\n\n", "# only a comment\n"] {
        let d = expect(&load_err(text), Code::EmptyFile, 1, 1);
        assert_eq!(d.message, "org.yaml is empty");
    }
}

#[test]
fn a_file_that_is_not_utf8_points_at_the_first_bad_byte() {
    let Err(e) = servchain::load::load_bytes("org.yaml", b"departments:\n  - id: caf\xe9\n") else { panic!() };
    crate::remember(&e.sources);
    let d = expect(&e.diagnostics, Code::NotUtf8, 2, 12);
    assert_eq!(d.message, "org.yaml is not UTF-8 text");
    let Err(e) = servchain::load::load_bytes("org.yaml", b"\xff\xfed\x00") else { panic!() };
    assert!(e.diagnostics[0].message.contains("UTF-16"));
}

#[test]
fn unsupported_versions_are_refused() {
    let d = expect(
        &load_err("version: 2\ndepartments: [{id: a, serves: [{to: customer}]}]\n"),
        Code::UnsupportedVersion,
        1,
        10,
    );
    assert!(help(&d).contains("version 1"));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let diags = load_err(
        "departments:\n  - id: a\n    nmae: A\n    serves:\n      - to: b\n        quality: 2\n  - id: a b\n  - id: c\n    serves: [{to: c}]\n",
    );
    let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::UnknownKey, Code::UnknownId, Code::InvalidQuality, Code::InvalidId, Code::SelfHandoff],
        "{diags:#?}"
    );
}

#[test]
fn diagnostics_render_with_the_source_line_and_a_caret() {
    let Err(e) = servchain::load::load_str("org.yaml", "departments:\n  - id: a\n    serves: [{to: shopers}]\n") else {
        panic!()
    };
    let text = servchain::diagnostic::render_all(&e.diagnostics, &e.sources);
    let plain = anstream::adapter::strip_str(&text).to_string();
    assert!(plain.contains("error[unknown-id]: the receiver \"shopers\""), "{plain}");
    assert!(plain.contains("--> org.yaml:3:19"), "{plain}");
    assert!(plain.contains("3 |     serves: [{to: shopers}]"), "{plain}");
    assert!(plain.contains("^^^^^^^ no such id"), "{plain}");
    assert!(plain.contains("error: the org could not be loaded: 1 error"), "{plain}");
}

#[test]
fn a_list_given_a_mapping_is_reported_at_the_mapping() {
    let diags = load_err("departments:\n  id: a\n  name: A\n");
    let d = expect(&diags, Code::WrongType, 2, 3);
    assert!(d.message.starts_with("`departments` must be a list"), "{}", d.message);
}

#[test]
fn a_tab_is_reported_on_its_own_line() {
    let diags = load_err("departments:\n  - id: a\n    serves:\n      - to: customer\n\tname: x\n");
    let d = expect(&diags, Code::YamlSyntax, 5, 1);
    assert!(help(&d).contains("tab"), "{}", help(&d));
}

#[test]
fn a_missing_space_after_a_colon_is_suggested() {
    let entry = "departments:\n  - id: a\n    serves:\n      - to: customer\n        quality:0.8\n";
    let d = expect(&load_err(entry), Code::YamlSyntax, 5, 9);
    assert_eq!(help(&d), "YAML needs a space after the colon: write `quality: 0.8`");
    let alone = "departments:\n  - id: a\n    serves:\n      - quality:0.8\n";
    let d = expect(&load_err(alone), Code::WrongType, 4, 9);
    assert_eq!(help(&d), "YAML needs a space after the colon: write `quality: 0.8`");
}

/// A handoff as the property below writes it: from department `from`, to
/// node `to` (departments first, then customers), with `what` if any.
type Written = (usize, usize, Option<&'static str>);

/// Each handoff given again, as (its line, the first one's line), found by
/// brute force over the list the YAML writes.
fn repeats_by_brute_force(handoffs: &[Written], line: impl Fn(usize) -> u32) -> Vec<(u32, u32)> {
    let mut found = Vec::new();
    for (i, h) in handoffs.iter().enumerate() {
        // A handoff to its own supplier is refused as such, never a repeat.
        if h.0 == h.1 {
            continue;
        }
        if let Some(first) = handoffs[..i].iter().position(|g| g == h) {
            found.push((line(i), line(first)));
        }
    }
    found.sort_unstable();
    found
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

    /// Repeats are found by ends and `what` together: a customer and a
    /// department with the same number, or the same ends with another
    /// `what`, are different handoffs.
    #[test]
    fn every_repeated_handoff_is_reported_with_the_first(
        handoffs in proptest::collection::vec(
            (0..3usize, 0..5usize, proptest::sample::select(vec![None, Some("A"), Some("B")])),
            0..24,
        )
    ) {
        const HEAD: usize = 9;
        let node = |n: usize| if n < 3 { format!("d{n}") } else { format!("c{}", n - 3) };
        let mut yaml = String::from("customers:\n  - id: c0\n  - id: c1\ndepartments:\n");
        for d in 0..3 {
            yaml += &format!("  - id: d{d}\n");
        }
        yaml += "handoffs:\n";
        for &(from, to, what) in &handoffs {
            yaml += &format!("  - from: {}\n    to: {}\n    what: {}\n", node(from), node(to), what.unwrap_or("null"));
        }
        let diags = match servchain::load::load_str("org.yaml", &yaml) {
            Ok(loaded) => { crate::remember(&loaded.sources); loaded.warnings }
            Err(e) => { crate::remember(&e.sources); e.diagnostics }
        };
        let mut reported: Vec<(u32, u32)> = diags
            .iter()
            .filter(|d| d.code == Code::DuplicateHandoff)
            .map(|d| (at(d.loc().unwrap()).0, at(d.secondary[0].loc).0))
            .collect();
        reported.sort_unstable();
        let line = |i: usize| (HEAD + 3 * i) as u32;
        proptest::prop_assert_eq!(reported, repeats_by_brute_force(&handoffs, line), "{}", yaml);
    }
}

/// A big org's handoffs are looked up on every core, in blocks; those that
/// do not resolve are still each reported at their line, in one run.
#[test]
fn a_big_orgs_bad_handoffs_are_each_reported_at_their_line() {
    let yaml = servchain::synth::org_yaml(servchain::synth::Shape::new(40_000));
    let (mut text, mut expected, mut serves) = (String::new(), Vec::new(), 0);
    for (i, line) in yaml.lines().enumerate() {
        let (line_no, mut line) = (i as u32 + 1, line.to_owned());
        if let Some(id) = line.strip_prefix("      - to: ") {
            serves += 1;
            if serves % 4999 == 0 {
                line = format!("      - to: nobody-{id}");
                expected.push((Code::UnknownId, line_no, 13));
            }
        }
        text += &line;
        text.push('\n');
    }
    assert!(serves > 1 << 16, "{serves} handoffs are too few to be looked up on every core");
    let first = text.lines().count() as u32 + 2;
    text += "handoffs:\n  - from: customer-0\n    to: dept-1\n  - from: dept-3\n    to: dept-3\n  - from: ghost\n    to: dept-1\n";
    expected.extend([
        (Code::HandoffFromCustomer, first, 11),
        (Code::SelfHandoff, first + 3, 9),
        (Code::UnknownId, first + 4, 11),
    ]);
    let found: Vec<(Code, u32, u32)> = load_err(&text)
        .iter()
        .map(|d| {
            let (line, col) = at(d.loc().unwrap());
            (d.code, line, col)
        })
        .collect();
    assert_eq!(found, expected);
}
