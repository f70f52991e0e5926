//! How a last paragraph that ends on a link reads: the link's text, a link that is the whole
//! value of a field, a sentence that points the reader to the link (see `ending`).

use std::sync::OnceLock;

use regex::Regex;

use crate::document::text;

/// `s` without the target of the link it ends on (`... [Thanks!](https://x)` gives
/// `... [Thanks!`): what the reader sees end there is the link's text.
pub(super) fn before_link_target(s: &str) -> &str {
    s.rfind("](")
        .filter(|&i| s.ends_with(')') && !s[i..].contains(char::is_whitespace))
        .map_or(s, |i| &s[..i])
}

/// Whether the last sentence of `par` only points the reader to the link it ends on: "More
/// information can be found in the [PR #6234](url)", "The steps are described in
/// [RUNBOOK.md](url)", "For details, see [the design](url)". A clause that opens on
/// "because", "if", "until", "using"... (even with a comma: "Because X, and Y is tracked
/// at [..]"), or a relative clause ("the work that is tracked in [..]"), ends on a link and is
/// cut before its main clause.
pub(super) fn points_to_link(par: &str) -> bool {
    static POINTS_TO: OnceLock<Regex> = OnceLock::new();
    let points_to = POINTS_TO.get_or_init(|| {
        super::lexicon::regex(
            r"(?i)(?:\b(?:is|are|was|were|be|been)\s+(?:found|described|documented|tracked|listed|explained|detailed|discussed|summari[sz]ed|available|published|recorded)\s+(?:in|at|on|under|from|via)(?:\s+the)?|(?:^|,)\s*(?:for (?:more )?(?:details|information|more),?\s+)?(?:please\s+)?see(?:\s+also)?(?:\s+the)?)[\s*_]*$",
        )
        .expect("static regex")
    });
    let Some(&(from, _)) = text::sentences(par).last() else {
        return false;
    };
    let last = par[from..].trim_end().trim_end_matches(['*', '_']);
    let shown = before_link_target(last);
    if shown.len() == last.len() {
        return false;
    }
    let Some(m) = shown
        .rfind('[')
        .and_then(|open| points_to.find(&shown[..open]))
    else {
        return false;
    };
    let first = last
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let subordinate = matches!(
        first.as_str(),
        "because"
            | "if"
            | "until"
            | "unless"
            | "since"
            | "using"
            | "when"
            | "while"
            | "although"
            | "though"
            | "as"
            | "after"
            | "before"
            | "once"
            | "whether"
            | "given"
    );
    let relative = matches!(
        super::prose::word_before(last, m.start())
            .to_lowercase()
            .as_str(),
        "that" | "which" | "who"
    );
    !subordinate && !relative
}

/// Whether `value` is one markdown link and nothing else: `[text](url)`.
pub(super) fn only_a_link(value: &str) -> bool {
    value.starts_with('[')
        && value.ends_with(')')
        && value.matches("](").count() == 1
        && value.find("](").is_some_and(|i| !value[..i].contains(']'))
}
