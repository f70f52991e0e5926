//! Finished documents whose last line has no full stop (sign-offs, changelog items, fields
//! and tags, recipe notes, contents lists, steps, acknowledgements) are never read as cut
//! off: each of `tests/fixtures/finished-endings.txt` passes the truncation gate. A rule
//! that reads an ending as a cut must leave these alone (a word-list rule that failed about
//! 250 such endings was taken out for it).

use super::gates;
use crate::document::Document;

const FIXTURE: &str = include_str!("../../tests/fixtures/finished-endings.txt");

/// Texts by name: a template's, or the ending that follows the named template.
type Named = Vec<(&'static str, String)>;

/// The templates by name and the (template, ending) pairs of the fixture.
fn cases() -> (Named, Named) {
    let mut templates: Vec<(&str, String)> = Vec::new();
    let mut endings = Vec::new();
    let mut in_endings = false;
    for line in FIXTURE.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("@@ template ") {
            templates.push((name.trim(), String::new()));
        } else if line.starts_with("@@ endings") {
            in_endings = true;
        } else if in_endings {
            let (name, ending) = line
                .trim_end_matches('\n')
                .split_once('\t')
                .expect("NAME<TAB>ending");
            endings.push((name, format!("{}\n", ending.replace("\\n", "\n"))));
        } else if let Some((_, text)) = templates.last_mut() {
            text.push_str(line);
        }
    }
    (templates, endings)
}

#[test]
fn finished_endings_are_not_cut_off() {
    let (templates, endings) = cases();
    assert_eq!(templates.len(), 8);
    assert!(endings.len() > 300, "{}", endings.len());
    let mut cut = Vec::new();
    for (name, ending) in &endings {
        let template = &templates
            .iter()
            .find(|(t, _)| t == name)
            .unwrap_or_else(|| panic!("no template {name}"))
            .1;
        let text = format!("{template}{ending}");
        if gates::check(&Document::parse(&text))
            .iter()
            .any(|g| g.id == "truncated")
        {
            cut.push(ending.trim_end().to_string());
        }
    }
    assert!(cut.is_empty(), "read as cut off: {cut:#?}");
}

#[test]
fn the_same_endings_cut_mid_word_are_cut_off() {
    // The fixture's endings are whole: a few cut inside their last word fail, so the test
    // above can fail.
    let (templates, _) = cases();
    let note = &templates.iter().find(|(t, _)| *t == "note").unwrap().1;
    for ending in [
        "Thanks to the\n",
        "We will publish the next release on\n",
        "Thanks again. See you at the\n",
    ] {
        let text = format!("{note}{ending}");
        assert!(
            gates::check(&Document::parse(&text))
                .iter()
                .any(|g| g.id == "truncated"),
            "{ending}"
        );
    }
}
