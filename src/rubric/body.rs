//! The empty-body gate: headings, tables and code without the prose that explains them.

use super::prose;
use super::rules::Finding;
use crate::document::{Document, text};

/// Fewer words of prose than this is no body: headings, commands and tables without the text
/// that explains them.
const MIN_BODY_WORDS: usize = 40;

/// Whether the prose holds at least `n` words (counting stops there).
fn has_prose_words(doc: &Document, n: usize) -> bool {
    let mut words = 0;
    prose::blocks(doc).iter().any(|b| {
        words += text::count_words(b.source);
        words >= n
    })
}

/// The full stops of Chinese and Japanese prose (`。！？`) that end a sentence inside a block:
/// the sentence split (`.`, `!`, `?` after a word) sees each such block as one sentence.
fn unspaced_stops(doc: &Document) -> usize {
    prose::blocks(doc)
        .iter()
        .map(|b| {
            let src = b.source.trim_end();
            let stops = src
                .chars()
                .filter(|c| matches!(c, '。' | '！' | '？'))
                .count();
            stops - usize::from(src.ends_with(['。', '！', '？']))
        })
        .sum()
}

/// Words of prose (paragraphs and list items, not headings or metadata), as a reader counts
/// them in Chinese and Japanese too ([`text::reader_words`]).
fn reader_prose_words(doc: &Document) -> usize {
    prose::blocks(doc)
        .iter()
        .map(|b| text::reader_words(b.source))
        .sum()
}

/// Words a table cell or a field's value needs to count as a sentence of prose.
const SENTENCE_WORDS: usize = 8;

/// Adds one sentence of `words` words to `tally` (sentences, words) when it is that long.
fn add_if_sentence(tally: &mut (usize, usize), words: usize) {
    if words >= SENTENCE_WORDS {
        *tally = (tally.0 + 1, tally.1 + words);
    }
}

/// Table cells that hold a sentence's worth of words: a report kept in tables (a task, its
/// decision and why) carries its prose in them. Counts such cells and their words.
fn table_prose(doc: &Document) -> (usize, usize) {
    let mut cells = (0, 0);
    for table in &doc.tables {
        for line in doc.text[table.clone()].lines() {
            for cell in line.trim().trim_matches('|').split('|') {
                let words = text::count_words(cell);
                add_if_sentence(&mut cells, words);
            }
        }
    }
    cells
}

/// Labelled lines whose value holds a sentence's worth of words (`- **Fix:** add the exit
/// code the caller checks, so a failed import stops the run`): a record of findings or a
/// triage kept as fields carries its prose in them. Counts such lines and their words.
fn field_prose(doc: &Document) -> (usize, usize) {
    let mut fields = (0, 0);
    let mut at = 0;
    for line in doc.text.split('\n') {
        let start = at;
        at += line.len() + 1;
        if start < doc.body_start || doc.in_code(start) {
            continue;
        }
        // A list item or a bold label: a bare `key: value` line is front matter or config.
        let line = line.trim_start();
        let bullet = line.starts_with(['-', '*', '+']) && line[1..].starts_with(' ');
        if !bullet && !line.starts_with("**") {
            continue;
        }
        let item = if bullet { line[1..].trim_start() } else { line };
        let Some((label, value)) = item.split_once(':') else {
            continue;
        };
        let label = label.trim_matches(['*', '_', ' ']);
        if label.is_empty() || label.len() > 40 || label.contains(['`', '[']) {
            continue;
        }
        let words = text::count_words(value.trim_start_matches(['*', '_']));
        add_if_sentence(&mut fields, words);
    }
    fields
}

/// A document without a body: under four sentences or forty words of prose (headings, code
/// and tables of figures only; table cells and labelled fields that hold sentences count as
/// prose), or more than half of four or more sections with nothing under them.
pub(super) fn empty_body(doc: &Document) -> Option<Finding> {
    let sentences = prose::sentences(doc).iter().take(4).count();
    // The words are counted in full only when the counts between spaces fall short: Chinese
    // and Japanese prose reads there as a sentence or two of a few words, so its full stops
    // and characters are counted then.
    if sentences < 4 || !has_prose_words(doc, MIN_BODY_WORDS) {
        let (cells, cell_words) = table_prose(doc);
        let (fields, field_words) = field_prose(doc);
        let sentences = sentences + unspaced_stops(doc) + cells + fields;
        let words = reader_prose_words(doc) + cell_words + field_words;
        if sentences < 4 || words < MIN_BODY_WORDS {
            return Some(Finding::new(
                doc.body_start,
                format!("only {sentences} sentences ({words} words) of prose: the body is missing"),
                "write the body the headings promise: what the tables and code show, and what follows from them",
            ));
        }
    }
    let sections: Vec<_> = doc.headings.iter().filter(|h| h.level >= 2).collect();
    if sections.len() >= 4 {
        let empty: Vec<_> = sections
            .iter()
            .filter(|h| {
                let r = h.span.end..h.section_end;
                doc.words_in(&r) == 0 && !doc.holds_block(&r)
            })
            .collect();
        if empty.len() * 2 > sections.len() {
            return Some(Finding::new(
                empty[0].span.start,
                format!(
                    "{} of {} sections have no text under them",
                    empty.len(),
                    sections.len()
                ),
                "write each section's content under its heading",
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "# Hygiene wave report\n\n**Status**: Done\n\n## Dispositions\n\n";

    #[test]
    fn a_report_kept_in_tables_of_sentences_has_a_body() {
        let rows = "| ID | Decision | Note |\n|---|---|---|\n\
            | R-03 | waived | Months cannot be converted to a fixed duration, so the parser logs a warning and returns nothing. |\n\
            | R-04 | resolved | The column alias suffix was already removed in the previous wave, with a comment. |\n\
            | R-05 | resolved | Saving memory already writes a temporary file and renames it over the old one. |\n\
            | R-06 | fixed | A size guard of 256 KiB now stops oversized digests before they are promoted. |\n";
        let text = format!("{HEAD}{rows}");
        assert_eq!(empty_body(&Document::parse(&text)), None);
    }

    #[test]
    fn tables_of_figures_alone_are_no_body() {
        let rows = "| Run | Tokens/s | Latency |\n|---|---|---|\n\
            | fp16 batch 1 | 1,204 | 41 ms |\n| fp16 batch 8 | 7,730 | 66 ms |\n\
            | fp16 batch 32 | 19,112 | 118 ms |\n| bf16 batch 32 | 18,950 | 120 ms |\n";
        let text = format!("{HEAD}{rows}\nSee above.\n");
        let found = empty_body(&Document::parse(&text)).expect("no body");
        assert!(found.message.contains("of prose"), "{}", found.message);
    }

    #[test]
    fn a_record_kept_in_labelled_fields_has_a_body() {
        let fields = "## Finding 1\n\n- **Classification:** Simple defect in the import script, found by the review.\n\
            - **Fix:** Add an exit code of one when the import fails so the caller stops the run.\n\n\
            ## Finding 2\n\n- **Classification:** A design gap in how retries are counted across runs.\n\
            - **Fix:** Count the retries per task and reset them when a task completes successfully.\n";
        assert_eq!(
            empty_body(&Document::parse(&format!("{HEAD}{fields}"))),
            None
        );
        // Bare `key: value` lines are front matter or configuration, not prose.
        let config = "title: Sentiment analysis and market predictions for the quarter ahead\n\
            description: How the model reads the news and what it predicts for the index\n\n\
            ```\nmodel = load()\n```\n";
        assert!(empty_body(&Document::parse(&format!("{HEAD}{config}"))).is_some());
    }
}
