use super::*;
use proptest::prelude::*;

/// Every character the rule names, listed apart from `is_unsafe`.
fn named() -> Vec<char> {
    let mut v: Vec<char> = (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32).collect();
    v.extend(['\u{61c}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}']);
    v.extend(('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}'));
    v
}

#[test]
fn clean_text_comes_back_borrowed_and_unchanged() {
    for s in [
        "",
        "Customer Support",
        "R&D | <b>\"core\"</b> `x` *y*",
        "C:\\teams\\e\\u{1b}",
        "日本語の部署 עברית",
        "dev 👩\u{200d}💻 team",
        "a:b::c :: d",
        "# heading #[x] ## [y] #vso[z]",
        "\u{a0}:not two",
    ] {
        assert!(matches!(one_line(s), Cow::Borrowed(b) if b == s), "{s:?}");
    }
}

#[test]
fn every_named_character_is_escaped_as_rust_writes_it() {
    for c in named() {
        assert!(is_unsafe(c), "{c:?}");
        let s = format!("a{c}b");
        let debug = format!("{s:?}");
        assert_eq!(one_line(&s), debug.trim_matches('"'), "{c:?}");
    }
    assert_eq!(
        one_line("\x1b[2J\n::error file=README.md,line=1::pwned"),
        r"\u{1b}[2J\n::error file=README.md,line=1::pwned"
    );
    assert_eq!(
        one_line("nul\0 tab\t cr\r del\x7f nel\u{85} csi\u{9b}"),
        r"nul\0 tab\t cr\r del\u{7f} nel\u{85} csi\u{9b}"
    );
    assert_eq!(one_line("Sales\u{202e}live\u{202c}"), r"Sales\u{202e}live\u{202c}");
}

#[test]
fn text_that_would_start_a_workflow_command_does_not() {
    assert_eq!(one_line("::error::pwned"), r"\u{3a}:error::pwned");
    assert_eq!(one_line("   ::warning::x"), r"   \u{3a}:warning::x");
    assert_eq!(one_line("\u{a0}\u{3000}::x"), "\u{a0}\u{3000}\\u{3a}:x");
    // An escaped tab is no white space a runner trims: nothing more to do.
    assert_eq!(one_line("\t::x"), r"\t::x");
    assert_eq!(one_line(":x"), ":x");
}

#[test]
fn legacy_commands_anywhere_in_the_text_are_broken_up() {
    assert_eq!(one_line("x ##[error]pwned"), r"x #\u{23}[error]pwned");
    assert_eq!(one_line("###[a]"), r"##\u{23}[a]");
    assert_eq!(one_line("##[a]##[b]"), r"#\u{23}[a]#\u{23}[b]");
    assert_eq!(one_line("##vso[task.setvariable variable=a]b"), r"#\u{23}vso[task.setvariable variable=a]b");
    assert_eq!(one_line("##teamcity[message text='x']"), r"#\u{23}teamcity[message text='x']");
    assert_eq!(one_line("##vso"), "##vso");
    assert_eq!(one_line("## vso["), "## vso[");
}

#[test]
fn marks_move_with_the_text_they_point_into() {
    let mut marks = [0, 1, 2, 3, 4];
    assert_eq!(one_line_marked("a\x1bbc", &mut marks), r"a\u{1b}bc");
    assert_eq!(marks, [0, 1, 7, 8, 9]);
    let mut marks = [1, 3];
    assert!(matches!(one_line_marked("abc", &mut marks), Cow::Borrowed(_)));
    assert_eq!(marks, [1, 3]);
    // Unordered marks, and marks on multi-byte characters.
    let mut marks = [8, 0, 5];
    assert_eq!(one_line_marked("é\u{202e}éz", &mut marks), r"é\u{202e}éz");
    assert_eq!(marks, [13, 0, 10]);
}

#[test]
fn an_owned_clean_string_is_reused() {
    let s = String::from("Customer Support");
    let ptr = s.as_ptr();
    let same = one_line_owned(s);
    assert_eq!(same.as_ptr(), ptr);
    assert_eq!(one_line_owned("a\nb".to_owned()), r"a\nb");
}

/// Text with every kind of trouble in it, and plenty of clean text.
pub(super) fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-z :#\\[\\]\\\\]{0,6}",
        2 => proptest::sample::select(named()).prop_map(String::from),
        1 => proptest::sample::select(vec!["::", "##[", "##vso[", " \u{a0}", "\u{3000}", "é", "👩\u{200d}💻"])
            .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn the_result_never_holds_a_control_or_a_command(s in text()) {
        let out = one_line(&s);
        prop_assert!(!out.chars().any(is_unsafe), "{out:?}");
        prop_assert!(!out.chars().any(|c| named().contains(&c)), "{out:?}");
        let start = out.trim_start();
        prop_assert!(!start.starts_with("::"), "{out:?}");
        for (i, _) in out.match_indices("##") {
            let rest = out[i + 2..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
            prop_assert!(!rest.starts_with('['), "{out:?}");
        }
        prop_assert_eq!(one_line(&out), out.clone(), "idempotent");
    }

    #[test]
    fn clean_text_is_unchanged(s in "[^\\x00-\\x1f\\x7f-\\u{9f}\\u{61c}\\u{200e}\\u{200f}\\u{2028}-\\u{202e}\\u{2066}-\\u{2069}#:]{0,40}") {
        prop_assert!(matches!(one_line(&s), Cow::Borrowed(b) if b == s));
    }

    #[test]
    fn marks_land_on_the_same_characters(s in text(), picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..4)) {
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let mut marks: Vec<usize> = picks.iter().map(|p| bounds[p.index(bounds.len())]).collect();
        let before = marks.clone();
        let out = one_line_marked(&s, &mut marks);
        prop_assert_eq!(&out, &one_line(&s));
        for (&m, &moved) in before.iter().zip(&marks) {
            prop_assert!(out.is_char_boundary(moved));
            match s[m..].chars().next() {
                None => prop_assert_eq!(moved, out.len()),
                Some(c) if !is_unsafe(c) && c != '#' && c != ':' => prop_assert!(out[moved..].starts_with(c)),
                Some(_) => {}
            }
            // Escapes only ever lengthen the text before a mark.
            prop_assert!(moved >= m);
        }
    }
}
