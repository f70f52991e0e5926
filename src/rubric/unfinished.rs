//! More signs that a document stops before it is finished, for the `truncated` gate: its last
//! prose sentence is cut off (it stops on a comma, an open bracket or a word a sentence cannot
//! end on); its last line ends on a separator with nothing after it (`` - `compose.yml` - ``);
//! it is a table's header row with no table under it; or a list announced by a lead-in (`... in
//! three places:`) stops after its first item. A finished list has two items or more; a finished
//! line does not end on the dash that introduces its description; a finished table has its
//! delimiter row and rows.

use super::cut_word::emoticon;
use super::ending::{Tail, ends_sentence, tail};
use super::prose;
use super::rules::Finding;
use super::sign_off::{SENTENCE_END_WORDS, closing_matter, sign_off};
use crate::document::{Document, text};

/// The finding when the document's end shows it was cut off.
pub(crate) fn cut_off(doc: &Document) -> Option<Finding> {
    if let Some(f) = header_only(doc).or_else(|| super::appendix::missing_appendix(doc)) {
        return Some(f);
    }
    let (Tail::Line(line_start, line), end) = tail(doc)? else {
        return None;
    };
    let core = line.trim_end_matches(['*', '_']).trim_end();
    // "name - description" with the description missing: the dash follows a space.
    // A line set between the same dashes ("— End of Report —", "-- end --") is a decoration.
    let decorated = ["—", "–", "--"]
        .iter()
        .any(|d| core.starts_with(d) && core.ends_with(d))
        && core.contains(char::is_alphanumeric);
    let sep = [" -", " –", " —"].iter().any(|s| core.ends_with(s)) && core.len() > 2 && !decorated;
    if sep && !doc.in_code(line_start + line.len().saturating_sub(1)) {
        return Some(Finding::new(
            line_start,
            "the document stops on a separator with nothing after it: it is cut off",
            "finish the text and the sections it leaves out",
        ));
    }
    lone_item(doc, end)
}

/// The last prose block is a sentence cut off: it stops on a comma, an open bracket or a
/// word a sentence cannot end on, or a paragraph stops on a lowercase word or a digit.
pub(crate) fn last_sentence(doc: &Document) -> Option<Finding> {
    let blocks = prose::blocks(doc);
    // A sign-off or credit line after the text ("Cheers,\\ Ryan") closes it: the sentence
    // before it is the one read.
    let blocks = match blocks.split_last() {
        Some((last, rest)) if sign_off(last.source.trim()) && !rest.is_empty() => rest,
        _ => blocks,
    };
    let b = blocks.last()?;
    let later = doc
        .code_blocks
        .iter()
        .map(|c| c.span.start)
        .chain(doc.tables.iter().map(|x| x.start))
        .chain(doc.headings.iter().map(|h| h.span.start))
        .any(|s| s > b.span.start);
    let src = b.source.trim_end();
    let words = text::count_words(src);
    let is_item = src.trim_start().starts_with(['-', '*', '+'])
        || src
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
    let last = src.chars().next_back().unwrap_or('.');
    let last_word = src
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let dangling = SENTENCE_END_WORDS.contains(&last_word.as_str());
    let url_after_stop = super::ending::url_after_stop(src);
    let open = matches!(last, ',' | ';' | '(' | '-' | '–' | '[' | '&' | '/');
    // A list item written as prose (it has a full stop inside) ends like prose.
    let unmarked = src
        .trim_start()
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')')
        })
        .trim_start();
    let prose_item = is_item
        && unmarked
            .trim_end()
            .trim_end_matches(|c: char| c.is_alphanumeric())
            .contains(". ");
    // Earlier items of the same list end with a full stop and this one does not: the item
    // before it at the same level (its marker as far in), past the nested items of earlier
    // siblings (a nested item's full stop says nothing of its parent's siblings).
    // A question before it is no full stop it lacks, nor is an exclamation inside the
    // brackets an item closes on ("* Immediate mode (just call `.mesh()`!)").
    let siblings_end = sibling_before(doc.text, blocks).is_some_and(|s| {
        let s = s.trim_end();
        ends_sentence(s)
            && !s
                .trim_end_matches(['"', '\'', '*', '_', '`'])
                .ends_with("!)")
            && !s
                .trim_end_matches(['"', '\'', ')', ']', '*', '_', '`'])
                .ends_with(['?', '？'])
    });
    let cut = if is_item && !prose_item {
        open || dangling || siblings_end && last.is_alphanumeric()
    } else {
        open || dangling || last.is_alphanumeric() && (last.is_lowercase() || last.is_ascii_digit())
    };
    // A web address alone on the last line, under the line that names it ("Revenue
    // Analysis" then its dashboard's URL), is a reference written out, not a sentence.
    let url_line = src.rsplit_once('\n').is_some_and(|(before, line)| {
        let line = line.trim();
        (line.starts_with("https://") || line.starts_with("http://"))
            && !line.contains(char::is_whitespace)
            && !before.trim().is_empty()
    });
    // A face closes a sentence as a stop does ("Stay anonymous on the interwebs :p").
    let face = src.split_whitespace().next_back().is_some_and(emoticon);
    let cut = cut && !url_after_stop && !url_line && !face;
    // One word is cut off only when a paragraph stops on a word that cannot end a text
    // ("On", not "Thanks", nor a list's last item "OR").
    let shouted = src.trim().len() > 1 && !src.trim().chars().any(char::is_lowercase);
    let one_word_cut = dangling && !is_item && !shouted;
    // A short answer under a heading ("None so far", "Not yet") is whole without a stop.
    let answer = !is_item
        && !dangling
        && words <= 4
        && !src.contains(',')
        && src
            .split_whitespace()
            .next()
            .is_some_and(|w| matches!(w, "None" | "No" | "Not" | "Nothing" | "N/A"));
    // A paragraph whose lines each open with a label in brackets and a colon or dash
    // (`[RFC1592] - amend ...`, `[2]: url)`) is a list of references, not a sentence (a
    // list item opening with one, `[09:19] @Kat begins`, is still read).
    let references = !is_item && super::ending::reference_lines(src);
    // A short line after a closing rule (`---`) below the last section is a footer or a
    // tagline ("Part of Charm", "Made with love"), not a sentence.
    let last_heading = doc.headings.last().map_or(doc.body_start, |h| h.span.end);
    let footer = !src.contains('\n')
        && words < 8
        && doc.text[last_heading.min(b.span.start)..b.span.start]
            .lines()
            .any(closing_rule);
    (!later
        && !footer
        && !answer
        && !closing_matter(doc, src, b.span.start)
        && !references
        && cut
        && (words >= 2 || one_word_cut)
        && !super::ending::in_citations(doc, b.span.start))
    .then(|| {
        Finding::new(
            b.span.start,
            "the last sentence is cut off",
            "finish the sentence and the sections it leaves out",
        )
    })
}

/// Whether `line`, trimmed and without its spaces, is `---`, `***` or `___` (a space is
/// never part of another character, so its bytes are read).
fn closing_rule(line: &str) -> bool {
    let mut marks = line.trim().bytes().filter(|&b| b != b' ');
    let first = marks.next();
    matches!(first, Some(b'-' | b'*' | b'_'))
        && marks.next() == first
        && marks.next() == first
        && marks.next().is_none()
}

/// The text of the list item before the last prose block at its level (or its parent, for a
/// first nested item), when the blocks between them are items nested deeper, all in one run
/// of the list.
fn sibling_before<'t>(t: &str, blocks: &[prose::Block<'t>]) -> Option<&'t str> {
    let (last, before) = blocks.split_last()?;
    let own = indent(t, last.span.start);
    let mut next = last.span.start;
    for prev in before.iter().rev() {
        let p = prev.source.trim_end();
        let item = p
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '*' | '+'));
        if prev.span.end + 4 < next || !item {
            return None;
        }
        // The same level, or the parent of a first nested item: compared, as a sibling.
        if indent(t, prev.span.start) <= own {
            return Some(p);
        }
        next = prev.span.start;
    }
    None
}

/// How far in the line holding `at` starts its text (a list item's marker), in bytes.
fn indent(t: &str, at: usize) -> usize {
    let line = &t[t[..at].rfind('\n').map_or(0, |i| i + 1)..];
    line.len() - line.trim_start().len()
}

/// The last line is a row of cells that no table holds: the table stops at its header.
fn header_only(doc: &Document) -> Option<Finding> {
    let t = doc.text;
    let end = t.trim_end().len();
    let line_start = t[..end].rfind('\n').map_or(0, |i| i + 1);
    let row = t[line_start..end].trim();
    let cells = row.starts_with('|') && row.matches('|').count() >= 3;
    (cells
        && line_start >= doc.body_start
        && !doc.tables.iter().any(|x| x.contains(&line_start))
        && !doc.in_code(line_start))
    .then(|| {
        Finding::new(
            line_start,
            "the document stops at a table's header row, before its rows: it is cut off",
            "finish the table and the sections it leaves out",
        )
    })
}

/// The last list item is the first and only item of a list that a lead-in ending in `:`
/// announces, and nothing follows it. A label of a word or two (`Notes:`, `Open question:`)
/// and "as follows:" announce no number of items, and often have one.
fn lone_item(doc: &Document, end: usize) -> Option<Finding> {
    let t = doc.text;
    let (i, (last, depth)) = doc
        .list_items
        .iter()
        .enumerate()
        .max_by_key(|(_, (s, _))| s.start)?;
    // A nested list of one under an item is a detail of that item.
    if last.end < end || *depth > 1 {
        return None;
    }
    // Nothing but the item (and its own nested items) after its start.
    let later = doc
        .headings
        .iter()
        .map(|h| h.span.start)
        .chain(doc.code_blocks.iter().map(|c| c.span.start))
        .chain(doc.tables.iter().map(|x| x.start))
        .any(|s| s > last.start);
    if later {
        return None;
    }
    // An earlier item of the same list ends where this one starts.
    if super::ending::siblings_before(doc, i).next().is_some() {
        return None;
    }
    let before = t
        .get(doc.body_start.min(last.start)..last.start)?
        .trim_end();
    let lead = before.trim_end_matches(['*', '_']).trim_end();
    if !lead.ends_with(':')
        || lead.ends_with("::")
        || !announces_list(lead)
        || super::ending::in_citations(doc, last.start)
    {
        return None;
    }
    Some(Finding::new(
        last.start,
        "the document stops after the first item of a list its lead-in announces: it is cut off",
        "finish the list and the sections it leaves out",
    ))
}

/// Whether a lead-in announces a list rather than labels one item: more than two words in
/// its last sentence, and not "as follows".
fn announces_list(lead: &str) -> bool {
    let sentence = lead
        .trim_end_matches(':')
        .rsplit(['.', '!', '?', '\n'])
        .next()
        .unwrap_or(lead)
        .to_lowercase();
    sentence.split_whitespace().count() > 2 && !sentence.trim_end().ends_with("as follows")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fires(text: &str) -> bool {
        cut_off(&Document::parse(text)).is_some()
    }

    const HEAD: &str =
        "# Report\n\n## Findings\n\nThe build was slow on every machine we tried.\n\n";

    #[test]
    fn a_list_cut_after_its_first_item_fires() {
        assert!(fires(&format!(
            "{HEAD}The SDK calls it in three places:\n\n1. `src/a.ts` at startup\n"
        )));
        assert!(fires(&format!(
            "{HEAD}This release makes 2 changes:\n- `bd list` uses Dolt\n"
        )));
        assert!(fires(&format!(
            "{HEAD}Related bugs were filed in the epic:\n- `bd list` does not use Dolt\n"
        )));
        assert!(fires(&format!(
            "{HEAD}Follow these steps:\n1. Install it.\n"
        )));
        // A label, or "as follows", announces no number of items (Go and Rust proposals).
        for lead in [
            "Notes:",
            "Since it was accepted, the RFC has been updated as follows:",
            "Open question:",
        ] {
            assert!(
                !fires(&format!("{HEAD}{lead}\n- `bd list` does not use Dolt\n")),
                "{lead}"
            );
        }
    }

    #[test]
    fn finished_lists_and_one_item_lists_without_a_lead_in_do_not() {
        assert!(!fires(&format!(
            "{HEAD}Related bugs were filed in the epic:\n- `bd list` does not use Dolt\n- `gt list` does not either\n"
        )));
        assert!(!fires(&format!(
            "{HEAD}Next we will look at caching.\n\n- Measure the cache first.\n"
        )));
        assert!(!fires(&format!(
            "{HEAD}## Sources\n\nRead more:\n- [The book](https://example.com)\n"
        )));
        // A nested list of one under a finished item is not the end of a cut list.
        assert!(!fires(&format!(
            "{HEAD}Steps:\n\n1. Build it.\n2. Run it:\n   - `cargo run`\n"
        )));
    }

    #[test]
    fn a_last_item_without_the_full_stop_its_siblings_have() {
        let last = |text: &str| last_sentence(&Document::parse(text)).is_some();
        // Its siblings end with a full stop: this one is cut off.
        assert!(last(&format!(
            "{HEAD}Goals:\n\n* The engine mixes sounds on its own thread.\n* It never blocks that thread\n"
        )));
        // Its siblings do, each with a nested item between: still cut off.
        assert!(last(&format!(
            "{HEAD}Goals:\n\n* The engine mixes sounds on its own thread.\n    * It owns the voices.\n* Playback stops when a voice ends.\n    * The mixer frees it.\n* It never blocks that thread\n"
        )));
        // A first nested item is held to its parent's full stop.
        assert!(last(&format!(
            "{HEAD}Limits:\n\n* The loop stops after five calls.\n    * The bound is a constant in the code and the deploy setting is ignored\n"
        )));
        // Only a nested item of an earlier sibling does: a list of short names, finished.
        assert!(!last(&format!(
            "{HEAD}Non-goals:\n\n* No File I/O\n    * Games load their own assets.\n* Don't Spawn Threads\n    * The audio backend spawns the audio thread.\n* Don't Block Threads\n"
        )));
        // A question before a phrase is no full stop the phrase lacks (open questions of an
        // RFC: "Should this extend to octal?" then "Details of the new `Formatter` API").
        assert!(!last(&format!(
            "{HEAD}Unresolved questions:\n\n* Should this be extended to octal and binary too?\n* Details of the new `Formatter` API\n"
        )));
    }

    #[test]
    fn a_web_address_alone_under_its_name_ends_the_text() {
        let last = |text: &str| last_sentence(&Document::parse(text)).is_some();
        // A loose list of dashboards, each named on one line and linked on the next: the
        // last one ends on its address, written out with no full stop.
        let links = format!(
            "{HEAD}Dashboards:\n\n- Revenue is not broadly diversified across the categories.\n- Revenue by month\n  https://example.com/viz/Revenue-2025\n\n- Parking citations (2021-2025)\n  https://example.com/viz/Citations-Overview"
        );
        assert!(!last(&links));
        // The same item cut before its address is still cut off, as is a sentence that
        // runs on to a word after its address.
        assert!(last(&links.replace(
            "\n  https://example.com/viz/Citations-Overview",
            " and the cit"
        )));
        assert!(last(
            &links.replace("-Overview", "-Overview shows the trend over the")
        ));
    }

    #[test]
    fn a_table_cut_after_its_header_fires() {
        let lead = format!("{HEAD}Require one row per affected behavior:\n\n");
        assert!(fires(&format!(
            "{lead}| Current usage | Target change | Source | Required migration | \n"
        )));
        assert!(!fires(&format!(
            "{lead}| Usage | Change |\n|---|---|\n| `init()` | renamed |\n"
        )));
        assert!(!fires(&format!("{lead}```text\n| a | b |\n```\n")));
    }

    #[test]
    fn a_line_ending_on_its_separator_fires() {
        assert!(fires(&format!(
            "{HEAD}Templates:\n- `traefik.yml` - static configuration\n- `compose.yml` - \n"
        )));
        assert!(!fires(&format!(
            "{HEAD}Templates:\n- `traefik.yml` - static configuration\n- `compose.yml` - the container\n"
        )));
        assert!(!fires(&format!(
            "{HEAD}The range is 1-2 -\n\n```\nx -\n```\n"
        )));
    }
}
