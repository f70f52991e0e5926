//! Tests of the truncated gate's signs at the very end of a document: an empty last section
//! (`gates::truncation`, `closing_heading`), a word cut off (`text::is_fragment`) and a link's
//! address cut off (`link_end::cut_address`), both read by `ending::last_line`; kept beside
//! the gates' tests so they can read which gates a document fails.

use super::tests::ids;

const BODY: &str = "We considered the options, measured their availability and ran the datasets \
    through the parser twice. The cache kept every page it read, and the second run took a \
    third of the time of the first. The numbers are in the appendix, with the commands.\n";

const MORE: &str = "Nothing else changed between the runs (the log is at https://github.com/acme/pipeline), so the gain is the cache's alone, a consideration for the next release.\n";

#[test]
fn an_empty_last_section_is_cut_unless_it_is_optional() {
    let doc = |last: &str| format!("# Plan\n\n## Design\n\n{BODY}\n{BODY}\n{BODY}\n## {last}\n\n");
    assert!(ids(&doc("Rollout")).contains(&"truncated"));
    for optional in [
        "Infrastructure Needed (Optional)",
        "Infrastructure Needed [optional]",
    ] {
        assert!(!ids(&doc(optional)).contains(&"truncated"), "{optional}");
    }
    // A note set as a heading, a sentence, is no section left empty; a title with a stop is.
    let note = "#### NOTE: This post is also on [my website](https://example.com/post).";
    assert!(!ids(&doc(&note[5..])).contains(&"truncated"));
    let note_last = format!("# Plan\n\n## Design\n\n{BODY}\n{BODY}\n{note}\n");
    assert!(
        !ids(&note_last).contains(&"truncated"),
        "{:?}",
        ids(&note_last)
    );
    assert!(ids(&doc("Rollout.")).contains(&"truncated"));
    assert!(ids(&doc("Step 4: Deploy the service to production.")).contains(&"truncated"));
    // A heading that is a field stating a verdict holds its value; a step's title does not.
    for verdict in ["Self-Check: PASSED", "Status: DONE ✅", "Review: approved"] {
        assert!(!ids(&doc(verdict)).contains(&"truncated"), "{verdict}");
    }
    assert!(ids(&doc("Step 4: Deploy")).contains(&"truncated"));
    // Parts written as `#` headings: the last one, cut off with nothing under it, is a cut;
    // a lone title is not.
    let tips = format!(
        "# Tip 1: Read the issue\n\n{BODY}\n{BODY}\n# Tip 2: Don't copy-paste code without unde"
    );
    assert!(ids(&tips).contains(&"truncated"), "{:?}", ids(&tips));
    assert!(!ids("# Release notes\n").contains(&"truncated"));
    // A slide deck's closing slide is no part left empty.
    for closing in ["Questions?", "Thank you!", "Thanks", "The End", "Q&A"] {
        let deck = format!("# Build pipeline\n\n{BODY}\n---\n\n# {closing}\n");
        assert!(!ids(&deck).contains(&"truncated"), "{closing}");
    }
}

#[test]
fn a_last_word_or_address_cut_off_is_a_cut() {
    // Each ends with the line break a finished file has (`a_file_that_stops_mid_line_is_cut`).
    let stops = |last: &str| format!("# Notes\n\n{BODY}\n{MORE}\n- The parser\n- {last}\n");
    // The last part of a compound counts as a word where the text has the longer word as a
    // compound's part too ("Cache-consider" after "well-considered"); "Wi-Fi" after "first"
    // and "re-run" after "running" are whole.
    for cut in [
        "Considerati",
        "A well-considered plan\n- Cache-consider",
        // Lowercasing lengthens "İ": offsets stay in the lowercased text.
        "İİ in a well-considered plan\n- Cache-consider",
        "See [the guide](https://gi",
        "[docs]: ht",
    ] {
        let found = ids(&stops(cut));
        assert!(found.contains(&"truncated"), "{cut}: {found:?}");
    }
    for whole in [
        "Considered",
        "Cache-considered",
        "Read-only",
        "The first board on Wi-Fi",
        "Running it twice, then re-run",
        "The dataset",
        "Graduated to GA",
        "See https://github.com/a/b",
        "Cheers,\nTheo",
        "CI: http://jenkins",
        "Scheme: https",
    ] {
        let found = ids(&stops(whole));
        assert!(!found.contains(&"truncated"), "{whole}: {found:?}");
    }
}

#[test]
fn a_file_that_stops_mid_line_is_cut() {
    // Steps a reader follows, items without full stops, as tutorials write them.
    let steps = format!(
        "# Install\n\n{BODY}\n## From GitHub\n\nUse this for pre-release versions:\n\n\
        1. Open the admin page\n2. Go to the **Adapters** tab\n3. Switch to the **Custom** tab\n"
    );
    let gated = |text: &str| ids(text).contains(&"truncated");
    // A stream stopped by an output limit leaves its last line open: no line break, and a
    // last word that is no word.
    assert!(gated(&format!("{steps}4. Paste the repositor")));
    // With the line break a writer ends a file with, the same item may be whole ("repositor"
    // is no word, but nothing else says the file was cut).
    assert!(!gated(&format!("{steps}4. Paste the repositor\n")));
    // Many finished files lack the line break: a last word that is a word, new or not, a
    // word used before, an acronym, a word the list lacks whole, are no sign.
    assert!(!gated(&format!("{steps}4. Run the health checks")));
    assert!(!gated(&format!("{steps}4. Open the **Custom** tab")));
    assert!(!gated(&format!("{steps}4. Install the build marked GA")));
    assert!(!gated(&format!("{steps}4. Apply it with kubectl")));
    assert!(!gated(&format!(
        "{steps}4. Paste the link from the release page into the form "
    )));
    // A space after the last word is no sign by itself, nor an excuse; nor is white space
    // after the line break.
    assert!(gated(&format!("{steps}4. Paste the repositor ")));
    assert!(!gated(&format!("{steps}4. Paste the repositor\n ")));
    // Nor a word of a document in another language, never used before in it.
    let fr = "# Guide\n\nLes utilisateurs configurent les environnements de développement avec les \
        stratégies existantes pour chaque test, puis vérifient les couleurs des terminaux et les \
        journaux avant chaque mise en production de la nouvelle version.\n\n\
        - Configuration des environnements\n- Suivez les conventions de nommage habituelles";
    assert!(!gated(fr));
    // An item that ends a sentence, a field or a sign-off is finished without a line break
    // (the field's value and the name are lowercase cuts of words otherwise).
    assert!(!gated(&format!("{steps}4. Paste the repository address.")));
    assert!(!gated(&format!("{steps}\n**Status:** approv")));
    assert!(!gated(&format!("{steps}\n**Author:** jdoe")));
    assert!(!gated(&format!("{steps}\nThanks,\nmari")));
    // A label leading a sentence is no field.
    assert!(gated(&format!(
        "{steps}4. **Verdict**: the stricter assessment wins for determinati"
    )));
    // A word cut as it opens its sentence is capitalised ("Consequences for your ..."), and
    // cut all the same when it is long enough to be no name.
    assert!(gated(&format!(
        "{steps}
The hashes live in one file.

Consequen"
    )));
    assert!(gated(&format!("{steps}4. Consequen")));
    assert!(gated(&format!(
        "{steps}
The hashes live in one file. **Consequen"
    )));
    // A capitalised word inside a sentence may be a name, and a short one opening it too
    // ("Astrid" starts "astride").
    assert!(!gated(&format!("{steps}4. Send the logs to Consequen")));
    assert!(!gated(&format!(
        "{steps}
The hashes live in one file.

Astrid"
    )));
}
