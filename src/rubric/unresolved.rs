//! The `unresolved-cause` gate: a document titled as an investigation (root cause, debugging,
//! incident, post-mortem) that leaves its cause open (candidate causes, options to try, "need
//! to investigate", testing still required) and shows nothing that verifies one; or one titled
//! as a fix or an investigation whose testing is only a plan, with nothing anywhere that shows
//! the fix working. It is a plan posing as a finding, whatever rubric scores it.

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::{self, Found};
use super::matching::LazyRegex;
use super::rules::Finding;
use super::title::ascii_folded;
use crate::document::Document;

/// A title that promises an answer to "why did it fail?".
const TITLE: &str = r"(?i)\b(?:investigation|root[- ]cause|debug(?:ging)?|bug report|incident|post-?mortem|troubleshooting|failure analysis)\b";

/// The finding when the document's title promises a cause it leaves open, unverified.
pub(crate) fn open_investigation(doc: &Document) -> Option<Finding> {
    static RE: OnceLock<LazyRegex> = OnceLock::new();
    let title = doc.headings.first().filter(|h| h.level == 1)?;
    if !titled(RE.get_or_init(|| LazyRegex::new(TITLE)), &title.text) {
        return None;
    }
    let at = |found: Found| match found {
        Found::Heading(range, _) => range.start,
        Found::At(at, _) => at,
    };
    // Finding the cause listed as a step still to do: no verification elsewhere closes it.
    let at = match lexicon::builtin_role("cause-to-find")?.find(doc) {
        Some(found) => at(found),
        None => {
            let open = at(lexicon::builtin_role("open-cause")?.find(doc)?);
            if lexicon::builtin_role("verification")?.find(doc).is_some() {
                return None;
            }
            open
        }
    };
    Some(Finding::new(
        at,
        "the investigation leaves its cause open (candidate causes, options or checks still to do) and shows nothing that verifies one",
        "find the cause and show what confirms it (a reproduction, a log, a test that fails before the fix and passes after), or present the document as a plan",
    ))
}

/// A title of a fix or an investigation, for [`planned_testing`].
const FIX_TITLE: &str = r"(?i)\b(?:fix|fixes|fixed|bug|(?:bug|hot)-?fix(?:es)?|regression|rca|investigation|root[- ]cause|debug(?:ging)?|incident|post-?mortem|troubleshooting)\b";

/// A heading of the part that tests or verifies.
const TESTING: &str = r"(?i)\b(?:tests?|testing|verif(?:y|ied|ication)|validation)\b";

/// A line of a plan: it opens (after its list marker, check box or bold label) with a verb of
/// something still to do, says what should or will happen, or that it has not happened yet.
/// A box left unchecked (`- [ ] Regression test passes`) is one too ([`own_lines`]).
const PLAN: &str = r"(?i)^(?:should|will|would|must|needs? to|to be|re-?build|re-?run|run|test|verify|check|confirm|ensure|deploy|restart|build|install|execute|monitor|watch|add|create|write|try)\b|\b(?:should|will|would)\b|\bnot yet\b|^_?pending\b";

/// What shows a fix working, outside headings and code. "Confirmed" only with the fix
/// working in the words after it: "confirmed the issue was not in the cache" confirms a
/// hypothesis about the cause.
const VERIFIED: &str = r"(?i)\b(?:verified|confirmed[^.\n]{0,60}?\b(?:fix|fixed|resolved|pass(?:es|ed)?|works?|working|succeeds|succeeded|no longer|gone|correct(?:ly)?)|no longer (?:reproduces|occurs|fails|happens|crashes)|now (?:passes|works|returns|succeeds)|tests? (?:now )?pass(?:es|ed)?|passed|succeeded|back online|back to normal|restored)\b";

/// Output of a run that passed.
const PASS: &str = r"(?i)\b(?:pass(?:ed|es|ing)?|ok|success(?:ful)?|succeeded)\b|✓|✔|✅";

/// The finding when a document titled as a fix or an investigation tests its fix only in the
/// future: a testing or verification section whose every line is a step still to do ("1.
/// Rebuild the image", "Should use the cache", "- [ ] run the suite"), and nothing anywhere
/// that shows a verified result: no phrase of one, no output of a passing run.
pub(crate) fn planned_testing(doc: &Document) -> Option<Finding> {
    static RE: OnceLock<LazyRegex> = OnceLock::new();
    let title = doc.headings.first().filter(|h| h.level == 1)?;
    if !titled(RE.get_or_init(|| LazyRegex::new(FIX_TITLE)), &title.text) {
        return None;
    }
    let [testing, plan, pass] = [0, 1, 2].map(planned_testing_pattern);
    // Run case-sensitively on the lowercased text (`matching::fold_pattern`): the same
    // matches, and a regex that costs about a sixth as much to build.
    static VERIFIED_RE: OnceLock<LazyRegex> = OnceLock::new();
    let verified = VERIFIED_RE.get_or_init(|| LazyRegex::new(VERIFIED));
    let t = doc.text;
    let planned = doc.headings.iter().find(|h| {
        h.level >= 2 && testing.is_match(&h.text) && {
            let lines = own_lines(doc, h.span.end..h.section_end);
            lines.len() >= 2 && lines.iter().all(|&(l, open)| open || plan.is_match(l))
        }
    })?;
    let body = doc.body_start.min(t.len());
    // Not in a heading, nor in a box left unchecked: "- [ ] Regression test passes" is what
    // should happen.
    let lower = doc.folded_text().map(|l| &l[body..]);
    let said = verified.find_iter(&t[body..], lower).any(|m| {
        let at = body + m.start();
        let line = t[doc.line_span(at)].trim_start();
        !doc.in_code(at) && !line.starts_with('#') && !item_text(line).1
    });
    // Output (not source code) that reports a pass; an error's output is the symptom, not
    // the fix working.
    let passing = doc.code_blocks.iter().any(|c| {
        let output = c.lang.as_deref().is_none_or(|l| {
            matches!(
                l.to_ascii_lowercase().as_str(),
                "text"
                    | "txt"
                    | "plaintext"
                    | "console"
                    | "shell"
                    | "sh"
                    | "bash"
                    | "zsh"
                    | "output"
                    | "log"
                    | "terminal"
            )
        });
        output && pass.is_match(&t[c.span.clone()])
    });
    if said || passing {
        return None;
    }
    Some(Finding::new(
        planned.span.start,
        format!(
            "\"{}\" only plans the testing, and nothing shows the fix working",
            planned.text
        ),
        "run the tests or reproduce the case with the fix in, and report what happened (the command and its result)",
    ))
}

/// A line that says testing or verification is still pending: "Unit tests: Pending", "- [ ]
/// Integration tests pass (pending)", "Pending local testing on macOS", "CI: not yet run".
const PENDING: &str = r"(?im)^.*\b(?:tests?|testing|verification|validation|ci|qa)\b[^\n]{0,60}\b(?:pending|not yet (?:run|tested|verified|performed|done))\b|^.*\bpending (?:local |manual |ci |further )?(?:tests?|testing|verification|validation)\b";

/// A stamp that the fix is done: "Fixed 6 critical bugs", "(FIXED)", "Status: ✅ Implementation
/// Complete", "✅ Resolved".
const DONE: &str = r"(?i)\b(?:status|result|outcome)\**[ \t]*:\**[ \t]*(?:✅[ \t]*)?\**(?:implementation |fix |work )?(?:complete[d]?|fixed|resolved|done)\b|\bfixed (?:all )?\d+ (?:critical |major )?(?:bugs|issues|problems|errors)\b|\((?:FIXED|RESOLVED|COMPLETE)\)|✅[ \t]*\**(?:fixed|resolved|complete[d]?|done)\b|\bimplementation complete\b|\bfully (?:fixed|resolved)\b";

/// The finding when a document titled as a fix stamps the fix done ("Fixed 6 critical bugs",
/// "Status: ✅ Implementation Complete") while two or more of its lines say the testing is
/// still pending: the stamp claims what the document says has not been checked.
pub(crate) fn pending_testing(doc: &Document) -> Option<Finding> {
    static RE: OnceLock<LazyRegex> = OnceLock::new();
    let title = doc.headings.first().filter(|h| h.level == 1)?;
    if !titled(RE.get_or_init(|| LazyRegex::new(FIX_TITLE)), &title.text) {
        return None;
    }
    let [pending, done] = [3, 4].map(planned_testing_pattern);
    let t = doc.text;
    let body = doc.body_start.min(t.len());
    let outside = |m: &regex::Match| !doc.in_code(body + m.start());
    let stamp = done.find_iter(&t[body..]).find(outside)?;
    let pending = pending.find_iter(&t[body..]).filter(outside).count();
    (pending >= 2).then(|| {
        Finding::new(
            body + stamp.start(),
            format!(
                "\"{}\" while {pending} lines say the testing is still pending",
                stamp.as_str()
            ),
            "run the pending tests and report what they showed, or say the fix is not verified yet",
        )
    })
}

/// Whether `title` matches the case-insensitive title pattern `re`, run case-sensitively on
/// the title lowercased where that finds the same ([`ascii_folded`]): compiled that way, the
/// pattern costs a sixth of the instructions to build (under a million against about 4.5
/// million with Unicode case folding), paid by every run that reads a `#` title.
fn titled(re: &LazyRegex, title: &str) -> bool {
    re.is_match(title, ascii_folded(title).as_deref())
}

/// Pattern `i` of [`planned_testing`] and [`pending_testing`] after their title: [`TESTING`],
/// [`PLAN`], [`PASS`] (and [`VERIFIED`], a [`LazyRegex`] there), [`PENDING`], [`DONE`], each
/// compiled only once a document has a title of a fix or an investigation: most runs hold
/// none, and the first four cost about 14 million instructions to build.
fn planned_testing_pattern(i: usize) -> &'static Regex {
    static RE: [OnceLock<Regex>; 5] = [const { OnceLock::new() }; 5];
    RE[i].get_or_init(|| {
        lexicon::regex([TESTING, PLAN, PASS, PENDING, DONE][i]).expect("static regex")
    })
}

/// A line's text past its list marker and check box, and whether the box is left unchecked
/// (`- [ ] Regression test passes`, `1. [ ] ...`).
fn item_text(line: &str) -> (&str, bool) {
    let s = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let s = s.trim_start_matches(['-', '+', '.', ')', ' ']);
    let s = s.strip_prefix("* ").unwrap_or(s).trim_start();
    match s.strip_prefix("[ ]") {
        Some(rest) => (rest.trim_start(), true),
        None => (s.strip_prefix("[x]").unwrap_or(s).trim_start(), false),
    }
}

/// The lines of a section that say something, each past its list marker and check box, and
/// whether its box is left unchecked: not blank, not headings, not code, not a lead-in ending
/// in `:` (`**Automated:**` too).
fn own_lines<'t>(doc: &Document<'t>, span: std::ops::Range<usize>) -> Vec<(&'t str, bool)> {
    let t = doc.text;
    let mut at = span.start;
    let mut out = Vec::new();
    for line in t[span].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let s = line.trim();
        if s.is_empty() || s.starts_with('#') || s.ends_with(':') || doc.in_code(start) {
            continue;
        }
        let (s, open) = item_text(s);
        // A bold label's line is read whole past its opening marks (`Retry**: should
        // succeed`); one with nothing after its label leads into what follows.
        let value = s.strip_prefix("**").and_then(|r| r.split_once("**"));
        if value.is_some_and(|(_, rest)| rest.trim_start_matches(':').trim().is_empty()) {
            continue;
        }
        out.push((s.trim_start_matches('*'), open));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`VERIFIED`] runs folded (on the lowercased text), as its [`LazyRegex`] is meant to.
    #[test]
    fn verified_pattern_folds() {
        assert!(crate::rubric::matching::fold_pattern(VERIFIED).is_some());
    }

    const BODY: &str =
        "## Problem\n\nMerges do not reach origin after the refinery runs, on every rig we use.\n";

    fn fires(text: &str) -> bool {
        open_investigation(&Document::parse(text)).is_some()
    }

    #[test]
    fn an_investigation_with_its_cause_open_and_nothing_verified_fires() {
        assert!(fires(&format!(
            "# Investigation: auto-push\n\n{BODY}\n### Potential Causes\n\n1. The hook.\n2. The queue.\n"
        )));
        assert!(fires(&format!(
            "# Root Cause: recursion\n\n{BODY}\nSomething prevented it before (need to investigate what).\n"
        ))); // Questions still to investigate, and nothing verified.
        assert!(fires(&format!(
            "# Investigation: the link\n\n{BODY}\n## Questions to Investigate\n\n1. Why is it hidden?\n"
        )));
        // A verification section does not close a cause the next steps still have to find.
        assert!(fires(&format!(
            "# Investigation: time zones\n\n{BODY}\n## Next Steps\n\n1. Wait for the CI run.\n2. **Identify root cause** from its logs.\n\n## Verification\n\nAll tests pass on Deno.\n"
        )));
    }

    #[test]
    fn a_fix_whose_testing_is_only_planned_fires() {
        let planned = |title: &str, more: &str| {
            let doc = format!(
                "# {title}\n\n{BODY}\n## The Fix\n\nRemoved the `user` field from the request builder in `client.py`.\n\n```\nError code: 400 - unsupported parameter\n```\n{more}\n## Testing\n\nAfter applying the fix:\n\n1. Rebuild the Docker image\n2. Test with a model that uses the new API\n3. **Retry**: should succeed without the error\n"
            );
            planned_testing(&Document::parse(&doc)).is_some()
        };
        assert!(planned("Responses API parameter fix", ""));
        assert!(planned("Root cause analysis: JSON regression", ""));
        // Another title; a verified result, or the output of a passing run, anywhere.
        assert!(!planned("Responses API notes", ""));
        assert!(!planned(
            "Responses API parameter fix",
            "\nThe request now succeeds on the staging model.\n"
        ));
        assert!(!planned(
            "Responses API parameter fix",
            "\n```console\n$ pytest tests/test_client.py\n3 passed in 0.41s\n```\n"
        ));
        // A bug fix's verification left as unchecked boxes and "not yet": the boxes say what
        // should pass, a hypothesis confirmed about the cause is no fix verified, and a bold
        // lead-in is no line of its own.
        let unchecked = |verification: &str| {
            let doc = format!(
                "# Bugfix Report: metadata dropped\n\n{BODY}\nHypotheses tested: confirmed the issue was not in the store.\n\n## Verification\n\n{verification}"
            );
            planned_testing(&Document::parse(&doc)).is_some()
        };
        let boxes = "**Automated:**\n- [ ] Regression test passes\n- [ ] Full test suite passes\n\n**Manual verification:**\n- Not yet performed\n";
        assert!(unchecked(boxes));
        assert!(!unchecked(&boxes.replace("[ ]", "[x]")));
        assert!(!unchecked(&format!(
            "{boxes}\nConfirmed the fix works on the staging build.\n"
        )));
        // A testing section that reports what ran is no plan.
        let ran = format!(
            "# Parameter fix\n\n{BODY}\n## Testing\n\n- Ran the client suite against the staging model.\n- Checked the request log for the field.\n"
        );
        assert!(planned_testing(&Document::parse(&ran)).is_none());
    }

    #[test]
    fn a_fix_stamped_done_while_its_testing_is_pending_fires() {
        let pending = "## Testing Status\n\n- Syntax check: all files compile\n- **Unit tests:** Pending (pytest not installed here)\n- [ ] Integration tests pass (pending)\n";
        let stamped = |title: &str, stamp: &str, testing: &str| {
            let doc = format!(
                "# {title}\n\n{BODY}\n## Summary\n\n{stamp}\n\nThe import in `memory.py:735` had one dot too many.\n\n{testing}"
            );
            pending_testing(&Document::parse(&doc)).is_some()
        };
        assert!(stamped(
            "Bug Fixes: issues 441-447",
            "Fixed 6 critical bugs.",
            pending
        ));
        assert!(stamped(
            "IWYU macOS Fix Summary",
            "**Status:** ✅ Implementation Complete",
            "**Tested:** Pending local testing on macOS\n**CI Status:** ⏳ Pending GitHub Actions verification\n"
        ));
        // One pending line, no stamp of the fix done, another title, or the pending lines in
        // a code block: nothing claimed against the testing.
        let one = pending.replace("- [ ] Integration tests pass (pending)\n", "");
        assert!(!stamped(
            "Bug Fixes: issues 441-447",
            "Fixed 6 critical bugs.",
            &one
        ));
        assert!(!stamped(
            "Bug Fixes: issues 441-447",
            "Six bugs are addressed below.",
            pending
        ));
        assert!(!stamped(
            "Memory service notes",
            "Fixed 6 critical bugs.",
            pending
        ));
        let quoted = format!("```text\n{pending}```\n");
        assert!(!stamped(
            "Bug Fixes: issues 441-447",
            "Fixed 6 critical bugs.",
            &quoted
        ));
    }

    #[test]
    fn a_verified_cause_another_title_or_a_closed_cause_does_not() {
        let open = "\n### Potential Causes\n\n1. The hook.\n2. The queue.\n";
        let verified = format!(
            "# Investigation: auto-push\n\n{BODY}{open}\n## Verification\n\nWith the hook fixed, the merge now reaches origin and the test passes.\n"
        );
        assert!(!fires(&verified));
        // Candidate causes in a survey are its subject, not an unfinished investigation.
        assert!(!fires(&format!(
            "# Why builds are slow: a survey\n\n{BODY}{open}"
        )));
        assert!(!fires(&format!(
            "# Investigation: auto-push\n\n{BODY}\nThe hook exits early because the remote is unset.\n"
        )));
    }
}
