//! How a last paragraph that ends on a link reads: the link's text, a link that is the whole
//! value of a field, a sentence that points the reader to the link (see `ending`).

use std::sync::OnceLock;

use regex::Regex;

use crate::document::text;

/// `s` without the target of the link it ends on (`... [Thanks!](https://x)` gives
/// `... [Thanks!`): what the reader sees end there is the link's text. `s` may be the
/// paragraph's last line only, and the link's text start on a line before it.
pub(super) fn before_link_target(s: &str) -> &str {
    link_target(s).map_or(s, |target| &s[..target])
}

/// Whether `token`, a text's last, is a URL written out that stops inside itself: on `-` or
/// `%`, which no finished address ends with. (`?` may end the sentence, `=` and `&` a
/// documented query, `https://` alone a scheme named as such.) In code, in `<>` or as a
/// link's target it ends on its closing mark instead.
pub(super) fn cut_url(token: &str) -> bool {
    token.contains("://") && token.ends_with(['-', '%'])
}

/// Whether `text` (trimmed at its end) stops inside the address its last token opens (after
/// `(`, `<`, `[` or a link's `](`): inside its host, when the host has no dot and the text
/// before it has an address whose host starts with it and goes on (`https://gi` after
/// `https://github.com/...`; a dotless intranet host, `http://jenkins`, is whole), or inside
/// its scheme where only an address goes (`[ry]: ht`, `[docs](htt`, `<http`; after `: ` or a
/// list marker "http" is a word, a protocol's name).
pub(super) fn cut_address(text: &str) -> bool {
    let token_at = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &text[token_at..];
    let opened = token.rfind("](").map_or(0, |i| i + 2);
    let url = token[opened..].trim_start_matches(['(', '<', '[']);
    let at = text.len() - url.len();
    let lower = url.to_ascii_lowercase();
    if let Some((scheme, host)) = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.strip_prefix(s).map(|h| (s, h)))
    {
        let bare_host =
            !host.is_empty() && host.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
        if !bare_host {
            return false;
        }
        // Asked only of a bare host, which few documents end on: it reads the whole text.
        let start = format!("{scheme}{host}");
        return text[..at]
            .to_ascii_lowercase()
            .match_indices(&start)
            .any(|(i, _)| {
                text.as_bytes()
                    .get(i + start.len())
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
            });
    }
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let only_address =
        line.ends_with("](") || line.ends_with('<') || line.trim_end().ends_with("]:");
    only_address
        && url.len() >= 2
        && url.bytes().all(|c| !c.is_ascii_uppercase())
        && ("https://".starts_with(&lower) || "http://".starts_with(&lower))
}

/// Where the link `s` ends on starts: the `[` that opens its text (brackets inside the text
/// nest) and the `](` that opens its target.
fn last_link(s: &str) -> Option<(usize, usize)> {
    let target = link_target(s)?;
    text_start(&s[..target]).map(|open| (open, target))
}

/// Where the target of the link `s` ends on starts (its `](`). The target is a destination
/// without spaces (or any in `<>`) and an optional title, one string in quotes or brackets:
/// `[text](url "title")`. A `)` after the link that closes a bracket around it
/// (`(and [Thanks!](url))`) is read past.
fn link_target(s: &str) -> Option<usize> {
    let inner = s.strip_suffix(')')?;
    let target = inner.rfind("](")?;
    let dest = &inner[target + 2..];
    let (url, title, bracketed) = match dest.strip_prefix('<') {
        Some(rest) => {
            let close = rest.find('>')?;
            (&rest[..close], rest[close + 1..].trim_start(), true)
        }
        None => {
            let (url, title) = dest
                .split_once(char::is_whitespace)
                .map_or((dest, ""), |(u, t)| (u, t.trim_start()));
            (url, title, false)
        }
    };
    let titled = title.is_empty()
        || [('"', '"'), ('\'', '\''), ('(', ')')]
            .iter()
            .any(|&(o, c)| {
                title.len() >= 2
                    && title.starts_with(o)
                    && title.ends_with(c)
                    && !title[1..title.len() - 1].contains(c)
            });
    // A `)` the destination does not open closes the link early, unless it is one of the
    // `)`s at the end, with no title, that close brackets around the link.
    let surplus = url
        .matches(')')
        .count()
        .saturating_sub(url.matches('(').count());
    let closing = url.len() - url.trim_end_matches(')').len();
    let unopened = surplus > 0 && !(title.is_empty() && closing >= surplus);
    let spaced = !bracketed && url.contains(char::is_whitespace);
    (!spaced && !unopened && titled).then_some(target)
}

/// Where the `[` that opens a link's text is, `text` being what comes before its `](`: the
/// `[` that the text's last `]` closes with, brackets nesting and `\`-escaped ones skipped.
fn text_start(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    // A bracket after an odd run of backslashes is escaped.
    let escaped = |i: usize| b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
    let mut depth = 0usize;
    for i in (0..b.len()).rev() {
        match b[i] {
            b']' if !escaped(i) => depth += 1,
            b'[' if !escaped(i) => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// Whether the last sentence of `par` only points the reader to the link it ends on: "More
/// information can be found in the [PR #6234](url)", "The steps are described in
/// [RUNBOOK.md](url)", "For details, see [the design](url)", "For further information
/// consult the [manual](url)". A clause that opens on
/// "because", "if", "until", "using"... (even with a comma: "Because X, and Y is tracked
/// at [..]"), or a relative clause ("the work that is tracked in [..]"), ends on a link and is
/// cut before its main clause.
pub(super) fn points_to_link(par: &str) -> bool {
    static POINTS_TO: OnceLock<Regex> = OnceLock::new();
    let points_to = POINTS_TO.get_or_init(|| {
        super::lexicon::regex(
            r"(?i)(?:\b(?:is|are|was|were|be|been)\s+(?:found|described|documented|tracked|listed|explained|detailed|discussed|summari[sz]ed|available|published|recorded)\s+(?:in|at|on|under|from|via)(?:\s+the)?|(?:^|,)\s*(?:for (?:more |further )?(?:details|information|more),?\s+)?(?:please\s+)?(?:see(?:\s+also)?|consult|refer to|visit|check(?:\s+out)?|read)(?:\s+the)?)[\s*_]*$",
        )
        .expect("static regex")
    });
    let p = par.trim_end().trim_end_matches(['*', '_']);
    let Some((open, target)) = last_link(p) else {
        return false;
    };
    // A sentence ended inside the link's text, and another begun after it, is the text the
    // paragraph stops on ("see [the notes. The rollout then stalled because the](url)").
    if text::sentences(&p[open + 1..target]).len() >= 2 {
        return false;
    }
    // The sentence the link closes (a full stop inside the link's text ends none). When the
    // text before the link ends a sentence, that sentence ends on no pointer below.
    let before = &p[..open];
    let Some(&(from, _)) = text::sentences(before).last() else {
        return false;
    };
    let last = &p[from..];
    let Some(m) = points_to.find(&before[from..]) else {
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
