//! Writing-process leftovers, part of the leftover-text gate: what an agent wrote for its
//! requester or for itself rather than for the reader. Chat framing at the start or end
//! ("Thanks for the confirmation... I'll let you know once it is ready", "Would you like me
//! to shorten it?"), the writing brief or notes about the draft ("**Goal**: ~1,200 words",
//! "## Behind-the-scenes notes", "Word count: 1,050 words"), and front-matter fields left at a
//! template value (`issue-number: XX`).

use std::sync::OnceLock;

use regex::Regex;

use super::line_before::LineBefore;
use super::prose;
use super::rules::Finding;
use crate::document::Document;

/// Sentences addressed to whoever asked for the document, not to its reader.
const CHAT: &str = r#"(?i)\b(?:let me know if you(?:'d| would)? (?:like|want|need) (?:me to|any (?:changes|adjustments|revisions|edits))|would you like me to|do you want me to|I(?:'|’| wi)ll let you know (?:once|when|as soon)|thanks? (?:you )?for (?:the|your) (?:detailed |quick )?(?:confirmation|clarification|request)|(?:sure|certainly|absolutely|of course)[!,.] here(?: is|'s|’s| are)|here(?: is|'s|’s) your (?:updated|revised|requested|rewritten) )|(?:\A|[.!?]["')\]”’*_]*\s+|\n)[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?want me to\b"#;

/// The writing brief or a tally about the draft: a length target or count given as a label
/// at the start of a paragraph or list item.
const BRIEF: &str = r"(?i)\A[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:word count|word target|word budget|target length|length|goal|target)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*~?[ \t]*\d[\d,]*(?:[ \t]*[–-][ \t]*~?[ \t]*\d[\d,]*)?[ \t]+words\b";

/// A section of notes for the writer or editor, by its heading.
const NOTES: &str = r"(?i)\A(?:behind[- ]the[- ]scenes[ \t]+notes\b|(?:writer'?s|drafting) notes\b|notes (?:to|for) (?:the )?(?:editor|writer|agent|requester)\b)";

/// A front-matter field whose value is still the template's sample.
/// (Keys are ASCII: a Unicode `\w` under a bound costs tens of milliseconds to compile.)
const FIELD: &str = r#"(?m)^[A-Za-z0-9_-]{1,40}:[ \t]*["']?(?:XX+|X+-X+)["']?[ \t]*$"#;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| crate::rubric::lexicon::regex(pattern).expect("static regex"))
}

/// What the leftover-text gate calls an agent's prompt left in the document.
pub(crate) const PROMPT_TEXT: &str = "prompt text";

/// Whether a prompt-text match at `at` is quoted or stressed for the reader rather than
/// left in: on a blockquote line, inside quotation marks, or inside bold emphasis
/// (`**You MUST call ack()**`). A document that quotes an agent's prompt shows its evidence.
pub(crate) fn quoted_prompt(before: &mut LineBefore, at: usize, what: &str) -> bool {
    if what != PROMPT_TEXT {
        return false;
    }
    let seen = before.at(at);
    seen.quoted_line || seen.quotes % 2 == 1 || seen.curly_open || seen.bold % 2 == 1
}

/// Whether "Your job is to ..." at `at` (the match `m`) answers "your job is not to ..."
/// earlier in its paragraph: an argument with the reader ("Your job is not to adopt a
/// technology. Your job is to solve a problem."), not an agent's instructions.
pub(crate) fn argued(t: &str, at: usize, m: &str) -> bool {
    let lower = m.to_ascii_lowercase();
    let Some(noun) = ["task", "job", "goal"]
        .into_iter()
        .find(|n| lower.starts_with(&format!("your {n} is to")))
    else {
        return false;
    };
    // The paragraph so far: back to a blank line, at most 2 KB.
    let before = &t[super::leftover_context::back(t, at, 2048)..at];
    let paragraph = before.rfind("\n\n").map_or(before, |i| &before[i..]);
    let paragraph = paragraph.to_ascii_lowercase();
    [
        " is not to",
        " isn't to",
        " isn’t to",
        "'s not to",
        "’s not to",
    ]
    .iter()
    .any(|not| paragraph.contains(&format!("your {noun}{not}")))
}

/// Leftovers of the writing process, in document order.
pub(crate) fn leftovers(doc: &Document) -> Vec<Finding> {
    static CHAT_RE: OnceLock<Regex> = OnceLock::new();
    static BRIEF_RE: OnceLock<Regex> = OnceLock::new();
    static NOTES_RE: OnceLock<Regex> = OnceLock::new();
    static FIELD_RE: OnceLock<Regex> = OnceLock::new();
    let mut out = Vec::new();
    // Chat framing counts only in the first and last prose blocks: where a reply to the
    // requester opens or closes.
    let blocks = prose::blocks(doc);
    let ends = blocks
        .first()
        .into_iter()
        .chain(blocks.last().filter(|_| blocks.len() > 1));
    for b in ends {
        if let Some(m) = regex(&CHAT_RE, CHAT).find(b.source) {
            let at = b.span.start + m.start();
            if !doc.in_code(at) {
                out.push(Finding::new(
                    at,
                    format!(
                        "a message to the requester left in: `{}`",
                        m.as_str()
                            .trim_start_matches(|c: char| !c.is_alphanumeric())
                    ),
                    "delete the chat framing; the document speaks to its reader",
                ));
            }
        }
    }
    // The brief and notes are looked for where they start: at a paragraph, list item or
    // heading, so the text is not scanned again.
    // Label paragraphs (`**Goal**: ...`) are metadata, not prose blocks: every paragraph and
    // list item is looked at.
    let starts = doc
        .paragraphs
        .iter()
        .map(|p| p.span.clone())
        .chain(doc.list_items.iter().map(|(span, _)| span.clone()));
    let brief = starts.filter_map(|span| {
        let text = doc.text.get(span.clone())?;
        if !may_be_brief(text) {
            return None;
        }
        regex(&BRIEF_RE, BRIEF)
            .find(text)
            .map(|m| (span.start, m.as_str()))
    });
    let notes = doc
        .headings
        .iter()
        .filter(|h| may_be_notes(&h.text))
        .filter_map(|h| {
            regex(&NOTES_RE, NOTES)
                .find(&h.text)
                .map(|m| (h.span.start, m.as_str()))
        });
    for (at, text) in brief.chain(notes) {
        if !doc.in_code(at) {
            let shown: String = text.trim().chars().take(60).collect();
            out.push(Finding::new(
                at,
                format!("the writing brief or notes about the draft left in: `{shown}`"),
                "delete the brief and the notes about the draft; keep only what the reader needs",
            ));
        }
    }
    let body = doc.body_start.min(doc.text.len());
    for m in regex(&FIELD_RE, FIELD).find_iter(&doc.text[..body]) {
        out.push(Finding::new(
            m.start(),
            format!(
                "a metadata field left at its template value: `{}`",
                m.as_str().trim()
            ),
            "fill in the real value, or remove the field",
        ));
    }
    out.sort_by_key(|f| f.offset);
    // A list item's paragraph starts where the item does.
    out.dedup_by_key(|f| f.offset);
    out
}

/// Whether `text` can start as [`BRIEF`] does: past the white space, the one bullet and the
/// bold it allows first, one of its labels' first words. Most paragraphs do not, and skip the
/// regex. (Only that much is skipped: a line of `- - - ...` markers is read once.)
fn may_be_brief(text: &str) -> bool {
    // What `BRIEF` allows before its words: white space, one list marker, bold.
    let rest = text.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix(['-', '*', '+'])
        .filter(|r| r.starts_with([' ', '\t']))
        .map_or(rest, |r| r.trim_start_matches([' ', '\t']));
    let rest = rest
        .strip_prefix("**")
        .or_else(|| rest.strip_prefix("__"))
        .unwrap_or(rest)
        .as_bytes();
    ["word", "target", "length", "goal"].iter().any(|w| {
        rest.get(..w.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// Whether a heading can open as [`NOTES`] does: with the first letter of `behind`, `writer`,
/// `drafting` or `notes` (none of which a character outside ASCII case-folds to). Most
/// headings are not searched.
fn may_be_notes(heading: &str) -> bool {
    let first = heading.as_bytes().first().map(u8::to_ascii_lowercase);
    matches!(first, Some(b'b' | b'w' | b'd' | b'n'))
}

/// Whether `word` is a marker of unfinished work a list of them names.
fn is_marker(word: &str) -> bool {
    matches!(word, "TODO" | "TBD" | "FIXME" | "XXX" | "HACK")
}

/// Whether the text after a marker (`TODO`) names markers as a category: a noun for them,
/// joined to other markers or not ("TODO comments found in hero.gd", "TODO/FIXME comments",
/// "TODO/TBD markers": what a scan looked for), or other markers joined to it and a count
/// ("TODO/FIXME/HACK: only 2 in lib/", "**TODO/FIXME:** None found": a bold label's marks
/// around the colon are passed over).
pub(super) fn names_markers(after: &str) -> bool {
    let mut rest = after;
    let mut joined = false;
    while let Some(r) = rest.strip_prefix('/') {
        let marker = r.bytes().take_while(u8::is_ascii_uppercase).count();
        if !is_marker(&r[..marker]) {
            return false;
        }
        rest = &r[marker..];
        joined = true;
    }
    let noun: String = rest
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    // `TODO/FIXME/HACK: only 2 in lib/`, `TODO/FIXME: none`: only a count, with nothing after
    // it but where the markers are ("in lib/", "(a.rs:9)").
    let counted = rest
        .trim_start_matches(['*', '_'])
        .strip_prefix(':')
        .is_some_and(|value| {
            let value = value
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches(['*', '_'])
                .trim()
                .to_ascii_lowercase();
            let value = value.strip_prefix("only ").unwrap_or(&value);
            let digits = value.len() - value.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let after = match digits {
                0 => ["none", "zero"].iter().find_map(|w| value.strip_prefix(w)),
                n => Some(&value[n..]),
            };
            after.is_some_and(|after| {
                let after = after.trim_start_matches(['.', ' ']);
                after.is_empty()
                    || after.starts_with("in ")
                    || after.starts_with("found")
                    || after.starts_with('(')
            })
        });
    joined && counted
        || rest.starts_with([' ', '\t'])
            && matches!(
                noun.to_ascii_lowercase().as_str(),
                "comment" | "comments" | "marker" | "markers" | "tag" | "tags" | "note" | "notes"
            )
}

/// Whether a bracket holds only markers joined and follows the noun it lists, `comments
/// (TODO/FIXME/XXX)`: the markers named (what was searched for), not one left in (a value
/// `[TODO/TBD]` is).
pub(super) fn marker_list(before: &str, bracket: &str) -> bool {
    let noun = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !matches!(
        noun.as_str(),
        "comment" | "comments" | "marker" | "markers" | "tag" | "tags"
    ) {
        return false;
    }
    let inner = bracket
        .strip_prefix(['(', '['])
        .and_then(|b| b.strip_suffix([')', ']']));
    inner.is_some_and(|inner| {
        let markers: Vec<&str> = inner.split(['/', ',']).map(str::trim).collect();
        markers.len() >= 2 && markers.iter().all(|m| is_marker(m))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> usize {
        leftovers(&Document::parse(text)).len()
    }

    #[test]
    fn markers_named_by_a_scan_are_not_left_in() {
        let leftover = |line: &str| {
            let t = format!(
                "# Audit\n\nThe loader was read end to end and its tests were run.\n\n{line}\n\nEverything else is in order.\n"
            );
            super::super::gates::check(&Document::parse(&t))
                .iter()
                .any(|g| g.id == "leftover-text")
        };
        assert!(!leftover("- **TODO/FIXME:** None found in production code"));
        assert!(!leftover("- TODO comments found (`hero.gd` line 492)"));
        assert!(!leftover(
            "- TODO markers for the migration are in `schema.sql`"
        ));
        assert!(leftover("- **TODO/FIXME:** write the rollback steps"));
        assert!(leftover("- TODO: add the latency table"));
        assert!(leftover("- **Latency:** TODO"));
        assert!(leftover("- TODO write the rollback steps"));
    }

    const BODY: &str = "The cache grew to 4 GB under load.\n\nWe capped it at 1 GB.\n";

    proptest::proptest! {
        /// The quick test before the brief's regex skips only texts it cannot match.
        #[test]
        fn the_brief_prefilter_skips_no_match(
            text in "[ \t*_+-]{0,4}(?:[Ww]ord count|TARGET length|goal|Length|target|word budget|x)[*_]{0,2}[ \t]*:[ \t*~]{0,3}[0-9,]{1,5}(?:[ \t]*[–-][ \t]*[0-9]{1,4})?[ \t]+words?",
        ) {
            let re = Regex::new(&BRIEF.replace(r"\b", r"(?-u:\b)")).unwrap();
            if re.is_match(&text) {
                proptest::prop_assert!(may_be_brief(&text), "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        /// The quick test before the notes' regex skips only headings it cannot match.
        #[test]
        fn the_notes_prefilter_skips_no_match(
            text in "(?:[BbWwDdNnſK ]|behind|ehind|[- ]the[- ]scenes|writer'?s|drafting| notes|notes (?:to|for) (?:the )?editor|ſ|K|x){0,5}",
        ) {
            let re = Regex::new(&NOTES.replace(r"\b", r"(?-u:\b)")).unwrap();
            if re.is_match(&text) {
                proptest::prop_assert!(may_be_notes(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn chat_framing_at_either_end_is_found() {
        let opening = format!(
            "# R\n\nThanks for the detailed confirmation. I'll gather the papers.\n\n{BODY}"
        );
        assert_eq!(found(&opening), 1);
        let closing = format!("# R\n\n{BODY}\nLet me know if you'd like me to shorten it.\n");
        assert_eq!(found(&closing), 1);
        let reply = format!("# R\n\nSure! Here is the report.\n\n{BODY}");
        assert_eq!(found(&reply), 1);
        let yours = format!("# R\n\nHere is your revised summary.\n\n{BODY}");
        assert_eq!(found(&yours), 1);
        // The short spoken form, opening the last paragraph or after its first sentence.
        for ask in [
            "Phases done. Want me to resume the paused test, or stop here?",
            "Want me to run the other four tools as well?",
            "The rest is in the runbook (see step 4). Want me to run it?",
            "The old queue is no longer needed.\nWant me to schedule its shutdown?",
            "- Want me to schedule its shutdown?",
            "**Want me to schedule its shutdown?**",
        ] {
            assert_eq!(found(&format!("# R\n\n{BODY}\n{ask}\n")), 1, "{ask}");
        }
    }

    #[test]
    fn the_same_words_in_the_middle_or_in_code_are_not_framing() {
        let middle = format!(
            "# R\n\n{BODY}\nThe bot replies \"let me know if it fails\" to users.\n\n{BODY}"
        );
        assert_eq!(found(&middle), 0);
        let code = format!("# R\n\n{BODY}\n`let me know if you need more`\n");
        assert_eq!(found(&code), 0);
        for closing in [
            "Feel free to reach out on the forum.",
            "Let me know if you have questions about the setup.",
            // A revision announced to readers, not a reply to a requester.
            "Here is the revised plan, after the review on 3 March.",
            // Someone else's wish, reported.
            "The maintainers want me to keep the old flag for a release.",
        ] {
            assert_eq!(
                found(&format!("# R\n\n{BODY}\n{closing}\n")),
                0,
                "{closing}"
            );
        }
    }

    #[test]
    fn the_brief_and_notes_about_the_draft_are_found() {
        let brief =
            format!("# Post\n\n**Goal**: ~1,200–1,500 words. Written for engineers.\n\n{BODY}");
        assert_eq!(found(&brief), 1);
        let notes = format!(
            "# Post\n\n{BODY}\n## Behind-the-scenes notes\n\n- **Word count**: ~1,050 words in the body.\n"
        );
        assert_eq!(found(&notes), 2);
    }

    #[test]
    fn word_counts_as_data_and_ordinary_notes_are_not_leftovers() {
        let data = format!(
            "# Corpus\n\n{BODY}\nThe median answer length is 1,200 words.\n\n## Notes\n\nRuns used 8 threads.\n"
        );
        assert_eq!(found(&data), 0);
        // A section on how something works behind the scenes is content, not notes.
        for heading in [
            "Editor's note",
            "Agent notes",
            "Notes for reviewers",
            "Behind-the-Scenes Example: Retrieving Model Information",
            "Behind the scenes",
        ] {
            assert_eq!(
                found(&format!("# Post\n\n## {heading}\n\n{BODY}")),
                0,
                "{heading}"
            );
        }
    }

    #[test]
    fn a_front_matter_field_left_at_its_sample_value_is_found() {
        assert_eq!(
            found(&format!(
                "---\ntitle: Subshells\nissue-number: XX\n---\n\n{BODY}"
            )),
            1
        );
        assert_eq!(
            found(&format!(
                "---\ntitle: Subshells\nissue-number: 91\n---\n\n{BODY}"
            )),
            0
        );
        // `TBD` in front matter is a decision still open (the body's TBD lines are gated
        // elsewhere); in the body, `Key: XX` is text (a Roman numeral, a grade), not a field.
        assert_eq!(found(&format!("---\nmilestone: TBD\n---\n\n{BODY}")), 0);
        assert_eq!(found(&format!("# R\n\nChapter: XX\n\n{BODY}")), 0);
    }
}
