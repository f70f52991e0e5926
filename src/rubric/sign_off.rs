//! A document's closing block that needs no full stop (see `unfinished::last_sentence`): a
//! sign-off ("Cheers,\\ Ryan"), a credit line ("Photos by Steve Francia"), thanks, wishes and
//! farewells ("Thanks to amit", "Merry Christmas", "— the infra team"). The sentence before it
//! is the one read.

use super::matching;
use crate::document::{Document, text};

/// Words a sentence cannot end on: a text that stops after one was cut off.
pub(super) const SENTENCE_END_WORDS: [&str; 20] = [
    "the", "a", "an", "of", "to", "and", "or", "with", "for", "in", "on", "by", "that", "is",
    "are", "from", "as", "at", "which", "but",
];

/// Whether `src`, a block of at most six words on at most two lines, is a sign-off or a
/// credit line: a greeting before a comma or a line break and then only a name ("Cheers,\\
/// Ryan", "Best regards,"), a credit and a name ("Photos by Steve Francia"), a dash before a
/// name ("— Ryan"), "Happy hacking", or another closing line ([`closing`]).
pub(super) fn sign_off(src: &str) -> bool {
    if src.lines().count() > 2 {
        return false;
    }
    if credit_line(src) {
        return true;
    }
    if text::count_words(src) > 6 {
        return false;
    }
    const GREETINGS: [&str; 7] = [
        "Best regards",
        "Cheers",
        "Thanks",
        "Regards",
        "Sincerely",
        "Yours",
        "Best",
    ];
    const CREDITS: [&str; 6] = [
        "Photos",
        "Photo",
        "Images",
        "Illustrations",
        "Written",
        "Posted",
    ];
    // Words of a name: each starts with a capital (`&` and `and` join two names; a quote's
    // `>` is no word).
    let name = |rest: &str| {
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '\\' | '!' | '.' | '>'))
            .filter(|w| !w.is_empty() && !matches!(*w, "&" | "and"))
            .collect();
        words.len() <= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    if let Some(rest) = after_dash(src) {
        return !rest.trim().is_empty() && name(rest) || closing(src);
    }
    let greeting = GREETINGS.iter().any(|g| {
        src.strip_prefix(g).is_some_and(|rest| {
            (rest.is_empty() || rest.starts_with([',', '!', '\\', '\n'])) && name(rest)
        })
    });
    let credit = CREDITS.iter().any(|c| {
        src.strip_prefix(c)
            .and_then(|rest| rest.strip_prefix(" by "))
            .is_some_and(&name)
    });
    let wish = src.starts_with("Happy ") && src.split_whitespace().count() == 2;
    // A greeting in any language on its own line, then a name: a short capitalised line of
    // words that ends on a comma ("Met vriendelijke groet,", "С уважением,"), then one of one
    // to three words.
    let signed = src.split_once('\n').is_some_and(|(greeting, who)| {
        let words: Vec<&str> = greeting.split_whitespace().collect();
        greeting.trim().ends_with(',')
            && greeting.starts_with(char::is_uppercase)
            && (1..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.trim_end_matches(',').chars().all(char::is_alphabetic))
            && (1..=3).contains(&who.split_whitespace().count())
            && !who.contains(|c: char| c.is_ascii_digit())
            && ends_where_a_sentence_may(who)
            && name(who)
    });
    greeting
        || credit
        || wish
        || signed
        || closing(src)
        || invitation(src)
        || end_marker(src)
        || trailer(src)
}

/// Whether `block`, the last block of prose (at `at`), is matter that closes a text and needs
/// no full stop: a footnote's definition on one line (`[^1]: Excludes internal test
/// accounts`), or a note in a GitHub alert (`> [!NOTE]`, `> **Warning**`). Its last sentence
/// must look whole: three words or more, and not stopping on a word no sentence ends on (a
/// note cut off, "This functi", still reads as cut).
pub(super) fn closing_matter(doc: &Document, block: &str, at: usize) -> bool {
    let block = block.trim();
    // The last line, without the quote's marks or the footnote's label.
    let last = block
        .lines()
        .next_back()
        .unwrap_or("")
        .trim_start_matches(['>', ' ']);
    let last = footnote_text(last).unwrap_or(last);
    let whole = text::sentences(last)
        .last()
        .is_some_and(|&(_, words)| words >= 3)
        && ends_where_a_sentence_may(last);
    if !whole {
        return false;
    }
    let line = doc.line_span(at);
    let footnote = footnote_text(&doc.text[line.clone()]).is_some() && !block.contains('\n');
    // The quote's lines, up from this one.
    let alert = doc.text[..line.end]
        .rsplit('\n')
        .map(str::trim_start)
        .take_while(|l| l.starts_with('>'))
        .any(|l| {
            let l = l.trim_start_matches(['>', ' ']).to_ascii_lowercase();
            let marked = [
                "[!note]",
                "[!tip]",
                "[!important]",
                "[!warning]",
                "[!caution]",
            ];
            marked.iter().any(|m| l.starts_with(m))
                || ["**note**", "**warning**", "**important**", "**tip**"].contains(&l.trim_end())
        });
    footnote || alert
}

/// The text of a footnote's definition line (`[^1]: Excludes test accounts`), as citations
/// read one ([`matching::definition`]).
fn footnote_text(line: &str) -> Option<&str> {
    matching::definition(line)
        .filter(|d| d.colon && d.label.is_some_and(|l| l.len() > 1 && l.starts_with('^')))
        .map(|d| d.rest)
}

/// Whether `src`, one line, is a pull request's trailer: a closing keyword and the issues it
/// names ("Fixes #1187", "Closes #311, #312", "Depends on owner/repo#12"), or a carbon copy
/// ("cc @security-team for the token handling").
fn trailer(src: &str) -> bool {
    if src.contains('\n') || text::count_words(src) > 10 {
        return false;
    }
    let lower = src.trim_start_matches('/').to_lowercase();
    if let Some(rest) = lower.strip_prefix("cc") {
        return rest.starts_with([' ', ':'])
            && rest.trim_start_matches([' ', ':']).starts_with('@');
    }
    const KEYWORDS: [&str; 20] = [
        "fixes",
        "fix",
        "fixed",
        "closes",
        "close",
        "closed",
        "resolves",
        "resolve",
        "resolved",
        "refs",
        "ref",
        "see",
        "related to",
        "relates to",
        "part of",
        "depends on",
        "blocked by",
        "follow-up to",
        "supersedes",
        "reverts",
    ];
    KEYWORDS.iter().any(|k| {
        lower
            .strip_prefix(k)
            .and_then(|r| r.strip_prefix([' ', ':']))
            .is_some_and(|refs| {
                let refs: Vec<&str> = refs
                    .split([' ', ','])
                    .filter(|w| !w.is_empty() && *w != "and")
                    .collect();
                !refs.is_empty()
                    && refs.iter().all(|r| {
                        let number = r.rsplit_once('#').is_some_and(|(repo, n)| {
                            !n.is_empty()
                                && n.bytes().all(|b| b.is_ascii_digit())
                                && !repo.contains(char::is_whitespace)
                        });
                        // A link to an issue or pull request ends on its number.
                        let link = (r.starts_with("https://") || r.starts_with("http://"))
                            && r.ends_with(|c: char| c.is_ascii_digit());
                        number || link
                    })
            })
    })
}

/// What follows a dash that opens `src` ("— Ryan", "-- the infra team"), if one does.
fn after_dash(src: &str) -> Option<&str> {
    src.strip_prefix(['—', '–'])
        .or_else(|| src.strip_prefix("--"))
}

/// Thanks, wishes and farewells that open a closing line whatever follows them ("Thanks to
/// amit", "Merry Christmas", "See you at the next release", "Best,\\ The Zig team").
const CLOSINGS: &[&str] = &[
    "thanks",
    "thank you",
    "thx",
    "cheers",
    "kudos",
    "merry",
    "happy",
    "xoxo",
    "hugs",
    "with love",
    "love,",
    "best,",
    "best wishes",
    "warm regards",
    "warmly",
    "regards",
    "greetings",
    "bye",
    "see you",
    "stay tuned",
    "more soon",
    "over and out",
    "peace out",
    "onwards",
    "take care",
    "until next time",
    "that's a wrap",
    "that's all",
    "the end",
    "ciao",
    "cheerio",
    "sincerely",
    "ttyl",
    "many thanks",
    "special thanks",
    "huge thanks",
    "big thanks",
    "with thanks",
    // The commonest in other languages.
    "merci",
    "danke",
    "grazie",
    "gracias",
    "muchas gracias",
    "obrigado",
    "obrigada",
    "saludos",
    "saluti",
    "cordiali saluti",
    "mit freundlichen",
    "liebe grüße",
    "viele grüße",
    "beste grüße",
    "bis bald",
    "hasta luego",
    "hasta pronto",
    "un abrazo",
    "abraços",
    "au revoir",
    "à bientôt",
    "a presto",
    "tschüss",
    "prost",
];

/// Whether `src`, a short block (see [`sign_off`]), is a closing line: it opens with one of
/// [`CLOSINGS`] (a whole word), or with a dash before words ("— the infra team"), and does
/// not stop where no sentence ends (on a comma or on "the": "Thanks to the" is cut).
fn closing(src: &str) -> bool {
    let lower = src.to_lowercase();
    let opens = CLOSINGS.iter().any(|c| {
        lower.strip_prefix(c).is_some_and(|rest| {
            c.ends_with(',') || !rest.starts_with(|ch: char| ch.is_alphanumeric() || ch == '\'')
        })
    }) || after_dash(&lower).is_some_and(|rest| !rest.trim().is_empty());
    opens && ends_where_a_sentence_may(src)
}

/// Whether `src` stops where a sentence may: not on a comma, a dash or an opening bracket,
/// nor on a word no sentence ends on ("Thanks to the").
fn ends_where_a_sentence_may(src: &str) -> bool {
    let last_word = src.rsplit(char::is_whitespace).next().unwrap_or("");
    !src.ends_with([',', ';', '(', '-', '–', '[', '&', '/', ':'])
        && !SENTENCE_END_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(last_word))
}

/// Participles a credit line opens with ("Generated by Claude Code", "Reviewed by steph").
const CREDITED: &[&str] = &[
    "generated",
    "prepared",
    "written",
    "compiled",
    "reviewed",
    "produced",
    "created",
    "edited",
    "maintained",
    "authored",
    "drafted",
    "updated",
    "merged",
    "approved",
    "assembled",
    "translated",
    "proofread",
    "posted",
    "published",
    "built",
    "made",
];

/// What a credit line may name before its participle ("This report was generated by ...").
const CREDITED_WORKS: &[&str] = &[
    "report", "document", "analysis", "review", "summary", "page", "post", "doc", "docs", "notes",
    "results", "output", "content", "file",
];

/// The other words a credit line may put before its participle, around a work of
/// [`CREDITED_WORKS`] ("This report was automatically generated by ...").
const CREDITED_BEFORE: &[&str] = &[
    "this",
    "the",
    "was",
    "is",
    "has",
    "been",
    "automatically",
    "auto",
    "originally",
    "first",
    "and",
];

/// Whether `src`, one line of at most ten words and no comma, credits who or what made the
/// document: a participle of [`CREDITED`], then "by", "with", "using", "via" or "on" and at
/// least one word ("🤖 Generated with Claude Code", "Generated on 2025-01-10"), after nothing
/// or after a work ("Report prepared by the research agent", "This report was generated by
/// ..."; not "This is compiled using ..."); or "Last" and the participle before a date ("Last
/// updated 2025-01-10"). It ends where a sentence may.
fn credit_line(src: &str) -> bool {
    if src.contains(['\n', ',', ';']) || text::count_words(src) > 10 {
        return false;
    }
    let lower = src
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some(p) = words.iter().take(5).position(|w| CREDITED.contains(w)) else {
        return false;
    };
    let before = &words[..p];
    let after = &words[p + 1..];
    let by = after
        .first()
        .is_some_and(|w| matches!(*w, "by" | "with" | "using" | "via" | "on") && after.len() >= 2);
    let dated = before == ["last"] && !after.is_empty();
    let made = before.is_empty()
        || before.iter().any(|w| CREDITED_WORKS.contains(w))
            && before
                .iter()
                .all(|w| CREDITED_WORKS.contains(w) || CREDITED_BEFORE.contains(w));
    (by && made || dated) && ends_where_a_sentence_may(src)
}

/// Whether `src` marks the end of the text: "End of report", "End of the document" (its
/// last word is whole, though the text may hold longer words it starts: "reported").
pub(super) fn end_marker(src: &str) -> bool {
    let lower = src
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    lower.strip_prefix("end of ").is_some_and(|rest| {
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        !rest.is_empty()
            && rest != "the"
            && rest.split_whitespace().count() <= 2
            && rest.chars().all(|c| c.is_alphabetic() || c == ' ')
    })
}

/// Whether `src` invites a reply: "Feedback welcome", "Questions and PRs are always
/// welcome!", "Open to feedback", "Let me know what you think".
fn invitation(src: &str) -> bool {
    let lower = src.trim_end_matches(['.', '!']).to_lowercase();
    const ASKED: &[&str] = &[
        "feedback",
        "comments",
        "questions",
        "suggestions",
        "contributions",
        "prs",
        "pull",
        "requests",
        "issues",
        "ideas",
        "thoughts",
        "corrections",
        "and",
        "are",
        "is",
        "very",
        "always",
        "most",
        "all",
        "more",
        "than",
        "ever",
        "your",
        "any",
    ];
    let welcome = lower.strip_suffix(" welcome").is_some_and(|asked| {
        let words: Vec<&str> = asked.split_whitespace().collect();
        !words.is_empty() && words.iter().all(|w| ASKED.contains(w))
    });
    welcome
        || [
            "open to feedback",
            "let me know what you think",
            "let us know what you think",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_lines_open_with_a_whole_closing_word_and_end_where_a_sentence_may() {
        for line in [
            "Thanks to amit",
            "Kudos, all",
            "See you in Lisbon",
            "— the infra team",
        ] {
            assert!(closing(line), "{line}");
        }
        for line in [
            "Thanksgiving traffic",
            "Happily the cache",
            "Thanks to the",
            "See you at",
            "Cheers from all of",
            "Thanks to caching,",
            "—",
        ] {
            assert!(!closing(line), "{line}");
        }
    }

    #[test]
    fn credit_lines_name_who_or_what_made_the_text() {
        for line in [
            "Generated by Claude Code",
            "🤖 Generated with Claude Code",
            "*Report prepared by the research agent*",
            "This report was automatically generated by the orchestrator",
            "Reviewed by steph",
            "Generated on 2025-01-10",
            "Last updated 2025-01-10",
        ] {
            assert!(credit_line(line), "{line}");
            assert!(sign_off(line), "{line}");
        }
        for line in [
            // What the participle follows is prose, or the line stops where no sentence does.
            "The results were generated by the new pipeline",
            "Generated by running the suite on",
            "Reviewed by",
            "Updated",
            "Built with Rust and",
            "Generated by the pipeline,",
            "This is compiled using a maker variable",
            "Written by host, consumed",
            "Generated by the pipeline that runs every night on the cluster we share",
        ] {
            assert!(!credit_line(line), "{line}");
        }
    }

    #[test]
    fn a_greeting_line_and_a_name_sign_off_in_any_language() {
        for block in [
            "Cordialement,\nClaire",
            "С уважением,\nАлексей",
            "Met vriendelijke groet,\nSanne",
        ] {
            assert!(sign_off(block), "{block}");
        }
        for block in [
            "In the end,\nThe",
            "Then we measured it again and again,\nNone",
            "Cordialement,\nclaire",
            "Results,\nTable 3",
        ] {
            assert!(!sign_off(block), "{block}");
        }
    }

    #[test]
    fn trailers_name_issues_or_copy_people() {
        for line in [
            "Fixes #1187",
            "Closes #311, #312",
            "Resolves owner/repo#12 and #13",
            "Refs https://github.com/o/r/issues/4",
            "cc @security-team for the token handling",
            "/cc @ada @bilal",
        ] {
            assert!(trailer(line), "{line}");
        }
        for line in [
            "Fixes the",
            "Fixes #1187 and the",
            "Closes the loop on #311",
            "cc the team",
            "Fixed",
            "See https://exa",
        ] {
            assert!(!trailer(line), "{line}");
        }
    }

    #[test]
    fn footnotes_and_alerts_close_a_text_when_their_sentence_is_whole() {
        let closes = |tail: &str| {
            let text = format!("# T\n\nThe cache holds 40 entries.[^1]\n\n{tail}\n");
            let doc = Document::parse(&text);
            let at = text.find(tail.lines().last().unwrap()).unwrap();
            closing_matter(&doc, tail, at)
        };
        assert!(closes("[^1]: Init duration as reported by CloudWatch"));
        assert!(closes(
            "> [!NOTE]\n> The numbers were collected on a shared runner"
        ));
        assert!(closes(
            "> **Warning**\n> Do not lower the keep-alive below the idle timeout"
        ));
        // Cut off: two words, or stopping on "the"; a quote that is no alert.
        assert!(!closes("[^1]: Unfortunately some"));
        assert!(!closes("> [!WARNING]\n> This functi"));
        assert!(!closes("> [!NOTE]\n> The numbers were collected on the"));
        assert!(!closes("> The numbers were collected on a shared runner"));
    }

    #[test]
    fn invitations_and_end_markers_close_a_text() {
        for line in [
            "Feedback welcome",
            "Questions and PRs are always welcome!",
            "Open to feedback on all of this",
            "Let me know what you think",
        ] {
            assert!(invitation(line), "{line}");
        }
        for line in ["Welcome", "You are welcome", "Feedback from users was"] {
            assert!(!invitation(line), "{line}");
        }
        for line in ["End of report", "— End of the document —", "END OF FILE"] {
            assert!(end_marker(line), "{line}");
        }
        for line in ["End of", "End of the", "End of v1.32 development cycle"] {
            assert!(!end_marker(line), "{line}");
        }
    }
}
