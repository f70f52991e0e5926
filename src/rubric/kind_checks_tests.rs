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
