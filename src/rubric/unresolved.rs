//! The `unresolved-cause` gate: a document titled as an investigation (root cause, debugging,
//! incident, post-mortem) that leaves its cause open (candidate causes, options to try, "need
//! to investigate", testing still required) and shows nothing that verifies one. It is a plan
//! posing as a finding, whatever rubric scores it.

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::{self, Found};
use super::rules::Finding;
use crate::document::Document;

/// A title that promises an answer to "why did it fail?".
const TITLE: &str = r"(?i)\b(?:investigation|root[- ]cause|debug(?:ging)?|bug report|incident|post-?mortem|troubleshooting|failure analysis)\b";

/// The finding when the document's title promises a cause it leaves open, unverified.
pub(crate) fn open_investigation(doc: &Document) -> Option<Finding> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let title = doc.headings.first().filter(|h| h.level == 1)?;
    let re = RE.get_or_init(|| lexicon::regex(TITLE).expect("static regex"));
    if !re.is_match(&title.text) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
