//! Reading in parts gives exactly what the one-thread reader gives, or
//! declines: on generated orgs, hand-written odd ones, and hostile edits.

use super::*;
use crate::load::file;
use crate::synth::{Shape, org_yaml};
use proptest::prelude::*;

/// The one-thread reader's fragment and diagnostics, as text.
fn serial(text: &str) -> String {
    let mut diags = Vec::new();
    let frag = file::read_with(text, FileId(0), Reader::new(text, FileId(0)), &mut Parts::default(), &mut diags);
    format!("{frag:#?}\n{diags:#?}")
}

fn parallel(text: &str, every: usize, parts: usize) -> Option<String> {
    let parts = in_parts(text, FileId(0), every, parts)?;
    file::read_in_parts(text, FileId(0), parts).map(|(frag, diags)| format!("{frag:#?}\n{diags:#?}"))
}

/// Reading in parts gives the same as the one-thread reader, if it reads.
fn same_or_declined(text: &str, every: usize, parts: usize) -> bool {
    parallel(text, every, parts).is_none_or(|p| {
        assert_eq!(p, serial(text), "read in parts differs from read whole:\n{text}");
        true
    })
}

fn same(text: &str, every: usize, parts: usize) {
    let p = parallel(text, every, parts).unwrap_or_else(|| panic!("declined to read in parts:\n{text}"));
    assert_eq!(p, serial(text), "read in parts differs from read whole:\n{text}");
}

#[test]
fn generated_orgs_read_in_parts_as_whole() {
    for (departments, seed) in [(5, 1), (40, 2), (200, 3), (1000, 4)] {
        let text = org_yaml(Shape { departments, customers: 3, seed });
        for (every, parts) in [(1, 2), (1, 7), (300, 3), (1, 10_000)] {
            same(&text, every, parts);
        }
    }
}

#[test]
fn the_floors_pieces_start_at_items_and_cover_the_file_once() {
    assert!(pieces(&org_yaml(Shape::new(300))).is_none(), "a small file is read on one thread");
    let text = org_yaml(Shape { departments: 20_000, customers: 3, seed: 7 });
    assert!(text.len() >= MIN_BYTES);
    let Some(Pieces { parts, skeleton }) = pieces(&text) else {
        assert!(threads::available() < 2, "a big file is read in parts on more than one core");
        return;
    };
    assert!(parts.len() > 1);
    for p in &parts {
        assert!(text[p.clone()].starts_with("  - "), "a part starts at an item");
    }
    // Parts and skeleton together are the whole file, once.
    let mut all: Vec<Range<usize>> = parts.iter().chain(&skeleton).cloned().collect();
    all.sort_by_key(|r| r.start);
    assert_eq!(all.first().map(|r| r.start), Some(0));
    assert_eq!(all.last().map(|r| r.end), Some(text.len()));
    assert!(all.windows(2).all(|w| w[0].end == w[1].start), "pieces overlap or leave a gap");
}

#[test]
fn cuts_fall_on_items_and_cover_the_lists() {
    let text = org_yaml(Shape::new(300));
    let found = scan(&text, 1).expect("both lists found");
    assert_eq!(found.iter().map(|f| f.list).collect::<Vec<_>>(), [List::Departments]);
    let f = &found[0];
    assert!(text[f.key..].starts_with("departments:\n"));
    assert!(text[f.body.clone()].starts_with("  - id: dept-0\n"));
    let parts = cut(f, 2000);
    assert!(parts.len() > 10);
    assert_eq!(parts.first().map(|r| r.start), Some(f.body.start));
    assert_eq!(parts.last().map(|r| r.end), Some(f.body.end));
    for pair in parts.windows(2) {
        assert_eq!(pair[0].end, pair[1].start);
        assert!(text[pair[1].clone()].starts_with("  - id: dept-"), "a cut inside an item");
    }
}

const ODD: &str = "\
# an org written by hand
version: 1
handoffs:
- from: a
  to: b
  quality: 0.5

# between items
- {from: b, to: shoppers, what: 'the \"order\"'}
- from: c
  to: a
  quality: 2
departments:
- id: a
  serves: [{to: b, quality: 0.9}]
- id: b
  name: \"B,
    continued\"
  bogus: 1
- id: a
  name: given twice
  name: again
- serves:
    - to: a
- id: c
  description: |
    departments:
    - id: not-a-department
customers:
  - id: shoppers
";

#[test]
fn odd_but_valid_and_broken_records_read_in_parts_as_whole() {
    same(ODD, 1, 50);
    same(&ODD.replace('\n', "\r\n"), 1, 50);
    same(ODD.trim_end(), 1, 50);
}

#[test]
fn the_reader_of_every_file_gives_what_the_one_thread_reader_gives() {
    let texts = [ODD, "departments:\n  - &a {id: a}\n  - id: b\n    serves: [*a]\n"];
    for text in texts.into_iter().chain([org_yaml(Shape::new(300)).as_str()]) {
        let mut diags = Vec::new();
        let frag = file::read_from(text, FileId(0), 0, &mut diags);
        assert_eq!(format!("{frag:#?}\n{diags:#?}"), serial(text), "{text}");
    }
}

#[test]
fn what_a_part_cannot_read_alone_goes_to_the_one_thread_reader() {
    let declined = [
        // An anchor in one part, its alias in another.
        "departments:\n  - &a {id: a}\n  - id: b\n    serves: [*a]\n",
        // A quoted text that holds what looks like a list.
        "organization: \"x\ndepartments:\n  - id: a\n\"\ndepartments:\n  - id: b\n",
        // A flow mapping at the root.
        "{\ndepartments:\n  - id: a\n}\n",
        // A tab in indentation.
        "departments:\n  - id: a\n\t- id: b\n",
        // A second document.
        "departments:\n- id: a\n---\ndepartments:\n- id: b\n",
        // Broken YAML in a part.
        "departments:\n  - id: a\n  - id: [b\n  - id: c\n",
        // A line less indented than the items.
        "departments:\n    - id: a\n  - id: b\n",
    ];
    for text in declined {
        assert!(parallel(text, 1, 10).is_none(), "read in parts:\n{text}");
    }
}

/// Pieces that make YAML mean something else, or break it.
const HOSTILE: &[&str] = &[
    "  - &a id: x\n",
    "    serves: *a\n",
    "  \"open\n",
    "'\n",
    "departments:\n",
    "handoffs:\n",
    "- id: z\n",
    "  - id: z\n",
    "---\n",
    "...\n",
    "  foo: bar\n",
    "\t\n",
    " - id: y\n",
    "# c\n",
    "  - [a,\n",
    "    name: |\n",
    "      - id: inside\n",
    "   \n",
    "  -\n",
    "- \n",
    "{\n",
    "customers: [\n",
    "    id: twice\n",
    "%YAML 1.1\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn hostile_edits_read_in_parts_as_whole_or_not_at_all(
        seed in 0u64..50,
        departments in 1usize..40,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..HOSTILE.len()), 0..4),
        every in 1usize..400,
        parts in 1usize..12,
    ) {
        let text = org_yaml(Shape { departments, customers: 2, seed });
        let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
        for (at, piece) in edits {
            lines.insert(at.index(lines.len() + 1), HOSTILE[piece]);
        }
        let unedited = lines.len() == text.split_inclusive('\n').count();
        let text = lines.concat();
        prop_assert!(same_or_declined(&text, every, parts));
        prop_assert!(!unedited || parallel(&text, every, parts).is_some(), "a generated org declined");
    }
}
