//! Tests of the kind rubrics' data-only checks (lexicon roles used with `when:`), through the
//! built-in rubric a user gets.

use super::rules::Env;
use super::score::score;
use crate::document::Document;

fn gated(rubric: &str, text: &str, check: &str) -> bool {
    let rubric = super::load(rubric, None).unwrap();
    let card = score(&rubric, &Document::parse(text), &Env::default());
    card.checks.iter().any(|c| c.id == check && c.gate)
}

const CAUSE: &str = "# Crash on start\n\n## Symptom\n\nThe service exits with code 3 on start since the upgrade to 2.4, on every host we run.\n\n## Root Cause\n\nThe config loader reads `timeout` as seconds while 2.4 writes milliseconds, so the first health check fails.\n";

#[test]
fn a_debug_report_that_leaves_its_cause_open_and_unverified_fails() {
    for open in [
        "\n## Potential Causes\n\n1. The loader.\n2. The health check.\n",
        "\nWe still need to investigate what changed in the loader.\n",
        "\n## Options\n\n### Option 1: Revert\n\nGo back to 2.3.\n\n### Option 2: Patch\n\nConvert the unit.\n",
        "\n## Testing Required\n\nRun the start-up suite on 2.4.\n",
    ] {
        let text = format!("{CAUSE}{open}");
        assert!(gated("any-debug-report", &text, "resolved"), "{open}");
        let verified = format!(
            "{text}\n## Verification\n\nWith the unit converted the service starts, and the start-up suite now passes.\n"
        );
        assert!(!gated("any-debug-report", &verified, "resolved"), "{open}");
    }
    // A cause stated and nothing left open requires nothing more of this check.
    assert!(!gated("any-debug-report", CAUSE, "resolved"));
}

#[test]
fn a_past_attempt_to_fix_is_not_a_proposed_fix() {
    // A post-mortem telling what was tried is not proposing a fix that needs verifying.
    let tried = format!(
        "{CAUSE}\nDuring the second attempt we tried to fix this, but the tokens were wrong again.\n"
    );
    assert!(!gated("any-debug-report", &tried, "verified"));
    let proposed = format!("{CAUSE}\nThe way to fix this is to convert the unit in the loader.\n");
    assert!(gated("any-debug-report", &proposed, "verified"));
}

const DESIGN: &str = "# Design: cache the rendered pages\n\n## Problem\n\nEvery request renders its page again, which takes 180 ms at the 95th percentile and keeps four workers busy at peak.\n\n## Design\n\nRendered pages go into an LRU cache keyed by path and the content's revision, so that an edit invalidates only its own pages. The cache holds 512 MB per worker.\n";

/// The alternatives weighed are a core part of a design: a design doc that names none fails,
/// under a heading or in its prose.
#[test]
fn a_design_doc_that_weighs_no_alternatives_fails() {
    assert!(gated("any-design-doc", DESIGN, "weighed"));
    let card = score(
        &super::load("any-design-doc", None).unwrap(),
        &Document::parse(DESIGN),
        &Env::default(),
    );
    assert!(card.score < 80.0, "{}", card.score);
    let weighed = card.checks.iter().find(|c| c.id == "weighed").unwrap();
    assert!(
        weighed
            .summary
            .ends_with("its alternatives part is missing"),
        "{}",
        weighed.summary
    );
    for weighed in [
        "\n## Alternatives Considered\n\nA CDN in front of the workers: it cannot see revisions, so an edit would serve stale pages for the TTL.\n",
        "\n## Alternates considered\n\nRendering ahead of time on each commit: 40,000 pages take 20 minutes, longer than edits wait today.\n",
        "\nWe considered a CDN instead of a cache in the workers, and rejected it because it cannot see revisions. Alternatively the pages could be rendered on each commit, but 40,000 pages take 20 minutes.\n",
        "\nThe cache lives in the workers rather than in a CDN, which cannot see revisions. The trade-off is memory: 512 MB per worker, against 20 minutes to render every page on each commit.\n",
        "\n## Evaluation\n\n| Option | Pros | Cons |\n|---|---|---|\n| CDN | no memory in the workers | cannot see revisions |\n| Worker LRU | sees revisions | 512 MB per worker |\n",
        "\n## Related work\n\nThe docs site renders on each commit; for 40,000 pages that takes 20 minutes, longer than an edit may wait.\n",
    ] {
        let text = format!("{DESIGN}{weighed}");
        assert!(!gated("any-design-doc", &text, "weighed"), "{weighed}");
    }
    // One phrase in passing weighs nothing.
    for passing in [
        "\nThe cache is checked before rather than after the session lookup.\n",
        "\nThe key uses the revision instead of the timestamp.\n",
        // A design section named for its choices is the design, not the alternatives.
        "\n## Design Choices\n\nThe LRU holds 512 MB per worker and is keyed by path and revision.\n",
        // Figures set side by side weigh no design.
        "\nA hit takes 11 ms versus 12 ms for a miss, compared with 180 ms today.\n",
        // The chosen design's own costs are its limitations, not other designs weighed.
        "\n## Drawbacks\n\nEach worker holds 512 MB more, and a deploy starts with a cold cache.\n",
    ] {
        let text = format!("{DESIGN}{passing}");
        assert!(gated("any-design-doc", &text, "weighed"), "{passing}");
    }
}
