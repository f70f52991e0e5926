//! Gates on what a document says about itself: a readiness verdict over work it lists as
//! still open, template questions answered with a token, and a second title restating the
//! first (the document starts over). [`super::gates`] runs them.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use super::rules::Finding;
use crate::document::Document;

/// Questions copied from a template and answered with a token (`None.`, `N/A`): two or more
/// mean the form was filled in rather than the questions answered. A question that is a
/// heading makes a template section, judged with the other sections by
/// [`super::forms::token_sections`] (a few token answers among many written sections are
/// honest ones).
pub(crate) fn token_answers(doc: &Document) -> Vec<Finding> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?mi)\?[*_]*[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:[-*+][ \t]+)?(?:none|n/a|nothing|tbd|not applicable|no answer)\.?[ \t]*$")
            .expect("static regex")
    });
    // A question heading answered so is judged with the other sections by `forms`; here it
    // is one more of the same form only beside a question in prose answered so.
    let (mut found, mut headed) = (Vec::new(), 0);
    for m in re.find_iter(doc.text) {
        if m.start() < doc.body_start || doc.in_code(m.start()) {
            continue;
        }
        if in_heading(doc, m.start()) {
            headed += 1;
            continue;
        }
        found.push(Finding::new(
            m.start(),
            "a template question answered with a token (\"None.\", \"N/A\")",
            "answer the question with what was considered and why, or remove it",
        ));
    }
    if found.len() >= 2 || !found.is_empty() && headed >= 1 {
        found
    } else {
        Vec::new()
    }
}

/// Whether `at` is in a heading's line.
fn in_heading(doc: &Document, at: usize) -> bool {
    doc.heading_above(at).is_some_and(|h| h.span.contains(&at))
}

/// A verdict of readiness ("ready for production") in a document that also lists open or
/// failed work on the same result (pending steps, unchecked items, "needs investigation",
/// failures, "not tested", "timed out"), or a blanket pass ("all tests pass", "5/5 passed")
/// in one that reports a failure. Failures marked pre-existing, unrelated or expected do not
/// count ([`super::claims::failures`]).
pub(crate) fn premature_verdict(doc: &Document) -> Option<Finding> {
    static READY: OnceLock<Regex> = OnceLock::new();
    static OPEN: OnceLock<Regex> = OnceLock::new();
    let ready = READY
        .get_or_init(|| crate::rubric::lexicon::regex(super::claims::READY).expect("static regex"));
    let open = OPEN.get_or_init(|| {
        crate::rubric::lexicon::regex(
            r"(?im)⏳|^[ \t]*[-*+][ \t]+\[ \][ \t]|\bneeds? (?:further |more )?investigation\b",
        )
        .expect("static regex")
    });
    let body = doc.body_start.min(doc.text.len());
    let outside = |m: &regex::Match| !doc.in_code(body + m.start());
    let Some(verdict) = ready
        .find_iter(&doc.text[body..])
        .filter(|m| !super::prose::denied(doc.text, body + m.start(), body + m.end()))
        .filter(|m| !conditional_or_quoted(&doc.text[body..], m))
        .filter(|m| !super::prose::expected(doc.text, body + m.start()))
        .find(outside)
    else {
        // A blanket pass ("all tests pass", "5/5 passed") is contradicted by one failure.
        let claim = super::claims::all_pass(doc)?;
        let failed = super::claims::failures_against(doc, &claim);
        if failed == 0 {
            return None;
        }
        return Some(Finding::new(
            claim.start(),
            format!(
                "\"{}\" while the document reports {failed} failures or parts not done (failed, errors, not tested, timed out, skipped)",
                claim.as_str()
            ),
            "report the failures in the verdict, or fix them and show the passing run",
        ));
    };
    // A box under a prerequisites heading is the reader's to tick, not work left open.
    let theirs = |m: &regex::Match| reader_checklist(doc, body + m.start());
    let pending = open
        .find_iter(&doc.text[body..])
        .filter(|m| outside(m) && !theirs(m))
        .count()
        + super::claims::failures(doc, false);
    (pending >= 2).then(|| {
        Finding::new(
            body + verdict.start(),
            format!(
                "\"{}\" while {pending} items of the work are still open or failed (pending steps, unchecked items, open investigations, failures)",
                verdict.as_str()
            ),
            "finish the open items and report their results, or state what is not ready yet",
        )
    })
}

/// A status that closes the work (`status: Done` in the front matter or `**Status:** ✅ Done`,
/// also Complete, Completed, Closed, Fixed, Resolved) over two or more boxes left unchecked
/// under the document's own criteria for it (a Definition of Done, Acceptance Criteria, exit
/// or success criteria): a task filed as done while its own criteria are open. Boxes the line
/// itself sets aside (N/A, not needed, optional, dropped, deferred, out of scope, struck
/// through) and boxes under other headings (follow-ups, post-release chores) are not open
/// criteria; failures are not counted here (a status closes the task, not a test run).
pub(crate) fn done_status_over_open_criteria(doc: &Document) -> Option<Finding> {
    static BOX: OnceLock<Regex> = OnceLock::new();
    static ASIDE: OnceLock<Regex> = OnceLock::new();
    static CRITERIA: OnceLock<Regex> = OnceLock::new();
    let status = doc.metadata.iter().find(|m| {
        let value = m.value.trim_start_matches(|c: char| !c.is_alphanumeric());
        m.key.eq_ignore_ascii_case("status")
            && matches!(
                value.trim_end().to_ascii_lowercase().as_str(),
                "done" | "complete" | "completed" | "closed" | "fixed" | "resolved"
            )
    })?;
    let open_box = BOX.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\[ \][ \t]+(.*)$").expect("static regex")
    });
    let aside = ASIDE.get_or_init(|| {
        Regex::new(r"(?i)~~|\bn/a\b|\bnot (?:needed|applicable|required|in scope)\b|\boptional\b|\bdropped\b|\bstretch\b|\bdeferred\b|\bout of scope\b|\bwon'?t do\b").expect("static regex")
    });
    let criteria = CRITERIA.get_or_init(|| {
        Regex::new(r"(?i)\bdefinition of done\b|\b(?:acceptance|exit|completion|success|done) criteria\b|\bdone when\b").expect("static regex")
    });
    let body = doc.body_start.min(doc.text.len());
    let open = open_box
        .captures_iter(&doc.text[body..])
        .filter(|c| {
            let at = body + c.get(0).map_or(0, |m| m.start());
            !doc.in_code(at)
                && !c.get(1).is_some_and(|rest| aside.is_match(rest.as_str()))
                && under_heading(doc, at, criteria)
        })
        .count();
    (open >= 2).then(|| {
        Finding::new(
            status.offset,
            format!(
                "\"{}: {}\" while {open} of its own criteria for done are unchecked",
                status.key,
                status.value.trim()
            ),
            "finish the open criteria and tick them, or set the status to what is true",
        )
    })
}

/// Whether the heading nearest above `at` matches `re`.
fn under_heading(doc: &Document, at: usize, re: &Regex) -> bool {
    doc.heading_above(at).is_some_and(|h| re.is_match(&h.text))
}

/// Whether `at` is under a heading of what a reader needs before starting ("Prerequisites",
/// "Before you begin", "What you'll need"): its boxes are a checklist for the
/// reader.
fn reader_checklist(doc: &Document, at: usize) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:prerequisites?|before you (?:begin|start)|what you(?:'ll| will)? need)\b",
        )
        .expect("static regex")
    });
    under_heading(doc, at, re)
}

/// A readiness verdict the text qualifies or only mentions: followed by its condition
/// ("production-ready after fixing 3 critical items", "ready to ship once the migration
/// lands"), which owns the open work, or in quotation marks ("what would mean \"ready to
/// ship\""), a phrase under discussion rather than the document's verdict.
fn conditional_or_quoted(t: &str, m: &regex::Match) -> bool {
    let next = super::claims::first_word(t[m.end()..].trim_start_matches(['*', '_', ' ']));
    let condition = matches!(
        next.as_str(),
        "after" | "once" | "when" | "if" | "pending" | "provided" | "upon" | "assuming" | "until"
    );
    condition || t[..m.start()].ends_with(['"', '\u{201C}'])
}

/// The document starts over: after its sections, a second title restating the first (two
/// drafts or two runs of a generator stuck together).
pub(crate) fn restart(doc: &Document) -> Option<Finding> {
    let first = doc.headings.first().filter(|h| h.level == 1)?;
    let key = |t: &str| -> HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let want = key(&first.text);
    if want.len() < 2 {
        return None;
    }
    let mut sections = false;
    for h in &doc.headings[1..] {
        if h.level >= 2 {
            sections = true;
        } else if sections && restates(key(&h.text).intersection(&want).count(), want.len()) {
            return Some(Finding::new(
                h.span.start,
                format!(
                    "the document starts over: \"{}\" restates the title after the sections",
                    h.text
                ),
                "keep one version of the document and merge what the other adds",
            ));
        }
    }
    None
}

/// Whether a heading sharing `common` of the title's `of` long words restates it: half of them,
/// and two at least (a blog's "What is Nushell?" under "One year of Nushell" shares one word,
/// not the title).
fn restates(common: usize, of: usize) -> bool {
    common >= 2 && common * 2 >= of
}

/// Claims the document does not show, outputs pasted together, hollow structure: each as
/// (gate id, summary, finding) for [`super::gates::check`]. Without `verdicts`
/// ([`super::claims::no_verdict`]) there are no claims to check.
pub(crate) fn more_gates(
    doc: &Document,
    verdicts: bool,
) -> impl Iterator<Item = (&'static str, &'static str, Finding)> {
    [
        (
            "unshown-success",
            "success verdicts with nothing that shows them",
            verdicts
                .then(|| super::claims::unshown_success(doc))
                .flatten()
                .or_else(|| super::claims::ticked_and_bare(doc)),
        ),
        (
            "pasted-together",
            "several outputs pasted together",
            super::outline::pasted(doc),
        ),
        (
            "hollow-structure",
            "structure with nothing behind it",
            super::outline::hollow(doc)
                .or_else(|| super::outline::dangling_citations(doc))
                .or_else(|| super::outline::missing_figure(doc)),
        ),
    ]
    .into_iter()
    .filter_map(|(id, summary, f)| Some((id, summary, f?)))
}
