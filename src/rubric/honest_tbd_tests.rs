//! Tests of the leftover-text gate's honest TBD ([`super::super::honest_tbd`]) and of where its
//! findings point.

use super::*;

fn leftovers(text: &str) -> Vec<String> {
    leftover_text(&Document::parse(text))
        .into_iter()
        .map(|f| f.message)
        .collect()
}

const BODY: &str = "The proposal moves the cache into the parser, which saves one pass over each file and keeps the memory bounded.\n";

#[test]
fn a_value_known_later_is_no_leftover() {
    for head in [
        "---\ntitle: Scoped secrets\napprovers:\n  - TBD\n---\n",
        "**Pull Request**: TBD\n\n",
        "- **Sponsor**: TBD\n- **Review Date**: TBD\n\n",
        "Implementation PR / Tracking Issue: TBD\n\n",
    ] {
        let text = format!("{head}# Scoped secrets\n\n{BODY}");
        assert_eq!(leftovers(&text), Vec::<String>::new(), "{head}");
        // The same field after the text, a blank line before it.
        if head.starts_with("---") {
            continue;
        }
        let text = format!("# Scoped secrets\n\n{BODY}\n{head}");
        assert_eq!(leftovers(&text), Vec::<String>::new(), "{head}");
    }
}

#[test]
fn a_few_tbd_cells_of_a_filled_table_are_no_leftover() {
    let table = "| Repo | PR | Status |\n|---|---|---|\n| toolhive | TBD | Pending |\n| registry | #412 | Merged |\n| docs | #88 | Merged |\n";
    assert_eq!(
        leftovers(&format!("# Rollout\n\n{BODY}\n{table}")),
        Vec::<String>::new()
    );
}

#[test]
fn content_left_as_tbd_still_counts() {
    let unfilled = "| Test | Result |\n|---|---|\n| parse | TBD |\n| cache | TBD |\n";
    for text in [
        format!("# Report\n\n{BODY}\n{unfilled}"),
        format!("# Report\n\n{BODY}\n**Results**: TBD\n"),
        format!("# Report\n\n{BODY}\n## Test Plan\n\nTBD\n"),
    ] {
        assert!(!leftovers(&text).is_empty(), "{text}");
    }
}

#[test]
fn a_finding_points_at_the_line_of_its_text() {
    let text = format!("# Proposal\n\n{BODY}\n**Results**: TBD\n");
    let found = leftover_text(&Document::parse(&text));
    let doc = Document::parse(&text);
    assert_eq!(doc.line(found[0].offset), 5);
}
