//! How a document's title (or file name) names a kind of document: with the kind's own
//! words ("Design Document", "Code Review: ..."), with them as its topic ("compiler-team
//! design meetings"), or with a word that fits most documents ("Analysis").

use super::lexicon::LazyRegex;

/// Title words that fit most documents: a weaker signal than a kind's own words. "Tests" names
/// a topic ("Code, docs, and tests: ..."), "Test" the document ("Skills Migration Test").
const WEAK_TITLE: &[&str] = &["analysis", "report", "summary", "results", "study", "tests"];

fn weak_title(m: &str) -> bool {
    WEAK_TITLE.contains(&m.trim().to_ascii_lowercase().as_str())
}

/// How a title's match of a kind's title pattern names the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Named {
    /// A word that fits most documents ("Analysis", "Report"): a weaker signal.
    Weak,
    /// The kind's own word as the title's topic ("design meetings"): as strong a signal of
    /// the kind, but not the document saying what it is ([`topical`]).
    Topic,
    /// The kind's own words naming the document ("Design Document", "Code Review: ...").
    Document,
}

/// The strongest match of a kind's title pattern and how it names the kind: one naming the
/// document before a topical one before a weak one. `lower` is `title` lowercased
/// ([`ascii_folded`]).
pub(crate) fn title_match<'t>(
    re: &LazyRegex,
    title: &'t str,
    lower: Option<&str>,
) -> Option<(&'t str, Named)> {
    let mut best: Option<(&'t str, Named)> = None;
    for m in re.find_iter(title, lower) {
        // A match in the lowercased title spans the same bytes of the title.
        let (end, m) = (m.end(), &title[m.range()]);
        let named = if weak_title(m) {
            Named::Weak
        } else if topical(&title[end..]) {
            Named::Topic
        } else {
            return Some((m, Named::Document));
        };
        if best.is_none_or(|b| named > b.1) {
            best = Some((m, named));
        }
    }
    best
}

/// Whether a kind's word in a title, followed by `rest`, names the topic rather than the
/// document: the words after it, up to punctuation or a connector, end on a noun that is no
/// kind of document ("design meetings", "Our Test Infra: ...", "Vulnerability Management for
/// Go"). One that ends on a document noun ("Design Document", "Test Implementation Summary",
/// "Incident Disclosure"), or nothing after it ("Code Review: ...", "Tutorial for beginners",
/// "Handover 2026-02-20"), names the document.
fn topical(rest: &str) -> bool {
    const DOCUMENT: &[&str] = &[
        "report",
        "summary",
        "result",
        "doc",
        "document",
        "documentation",
        "review",
        "finding",
        "proposal",
        "plan",
        "note",
        "analysis",
        "assessment",
        "audit",
        "study",
        "overview",
        "draft",
        "spec",
        "specification",
        "record",
        "decision",
        "writeup",
        "memo",
        "brief",
        "paper",
        "guide",
        "tutorial",
        "manual",
        "handbook",
        "walkthrough",
        "retrospective",
        "postmortem",
        "investigation",
        "log",
        "checklist",
        "comparison",
        "evaluation",
        "verification",
        "rfc",
        "adr",
        "kep",
        "design",
        "survey",
        "benchmark",
        "test",
        "qa",
        "disclosure",
        "update",
        "announcement",
        "statement",
        "notice",
        "advisory",
        "recap",
    ];
    const CONNECTOR: &[&str] = &[
        "for", "of", "on", "in", "with", "to", "about", "from", "at", "by", "and", "or", "vs",
        "versus", "the", "a", "an", "into", "using", "via",
    ];
    let mut head: Option<String> = None;
    for token in rest.split(' ').filter(|t| !t.is_empty()) {
        let word = token.trim_end_matches(|c: char| !c.is_alphanumeric());
        let lower = word.to_lowercase();
        // Punctuation before the word ("- PM Agent", "(v2)") ends the phrase too.
        if !token.starts_with(char::is_alphanumeric) || CONNECTOR.contains(&lower.as_str()) {
            break;
        }
        // A version ("v2", "V1.41") numbers the document, as a number does.
        let version = lower.strip_prefix('v').is_some_and(|n| {
            n.starts_with(|c: char| c.is_ascii_digit())
                && n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        });
        if word.chars().any(char::is_alphabetic) && !version {
            head = Some(lower);
        }
        // Punctuation inside or after the word ends the phrase ("Infra:", "v1.2,").
        if word.len() < token.len() || !word.chars().all(|c| c.is_alphanumeric() || c == '-') {
            break;
        }
    }
    head.is_some_and(|w| {
        let stem = w.strip_suffix('s').unwrap_or(&w);
        !DOCUMENT.contains(&w.as_str()) && !DOCUMENT.contains(&stem)
    })
}

/// `text` with ASCII letters lowercased, for a case-insensitive pattern run case-sensitively
/// ([`LazyRegex::find_iter`]); `None` when it holds a character outside ASCII that
/// case-folds to an ASCII letter (KELVIN SIGN, LONG S), as `Document::folded_text`.
pub(crate) fn ascii_folded(text: &str) -> Option<String> {
    (!text.contains(['\u{212A}', '\u{17F}'])).then(|| text.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_after_a_kind_word_say_whether_it_names_the_document() {
        // What follows ends on a noun that is no document: the title's topic.
        for rest in [
            " meetings",
            " meeting: min const generics",
            " Infra: November 2024",
            " Rust 2018",
            " Management for Go",
            " launch 2019",
        ] {
            assert!(topical(rest), "{rest:?}");
        }
        // A document noun, a connector, punctuation, a number or nothing: the document.
        for rest in [
            "",
            " Document",
            " Implementation Summary",
            " Disclosure",
            " v2 — V1.41 Hygiene Convergence",
            " analysis: keeping the cache warm",
            " Reports",
            ": the importer",
            " - PM Agent",
            " for beginners",
            " and Implementation of the cache",
            " 2026-02-20",
            " (v2)",
        ] {
            assert!(!topical(rest), "{rest:?}");
        }
    }

    #[test]
    fn a_title_naming_the_document_wins_over_a_topical_one() {
        let re = LazyRegex::new(r"(?i)\b(?:design|rfc)\b");
        let named = |t: &str| title_match(&re, t, ascii_folded(t).as_deref()).map(|m| m.1);
        assert_eq!(named("Design meetings"), Some(Named::Topic));
        assert_eq!(named("Design meetings: the RFC"), Some(Named::Document));
        assert_eq!(named("Cache design"), Some(Named::Document));
        assert_eq!(named("Cache"), None);
    }
}
