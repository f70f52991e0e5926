//! Tests of the success and failure claims a document makes (kept apart so `claims.rs` stays
//! readable).

use super::*;

const BODY: &str = "The parser was rewritten to read the input once and keep the spans of every heading, so the rules no longer scan the text again.\n";

proptest::proptest! {
    /// The section tree finds the headings whose sections hold an offset, innermost
    /// first, as testing every heading does.
    #[test]
    fn enclosing_headings_are_those_whose_sections_hold_the_offset(
        text in r"(?:#{1,4} h\n|text\n|\n)*"
    ) {
        let doc = Document::parse(&text);
        let parents = parents(&doc);
        for at in 0..=text.len() {
            let want: Vec<usize> = (0..doc.headings.len())
                .rev()
                .filter(|&i| {
                    let h = &doc.headings[i];
                    h.span.start <= at && at < h.section_end
                })
                .collect();
            let got: Vec<usize> = enclosing(&doc, &parents, at).collect();
            proptest::prop_assert_eq!(got, want, "at {}", at);
        }
    }
}

fn unshown(text: &str) -> bool {
    unshown_success(&Document::parse(text)).is_some()
}

#[test]
fn bare_success_verdicts_fire_and_shown_runs_do_not() {
    let bare = format!(
        "# Report\n\n{BODY}\n## Results\n\n- **Status**: ✅ PASSED\n- **Pass Rate**: 100%\n\nThe feature is production ready.\n"
    );
    assert!(unshown(&bare));
    // The same verdicts with the run's output behind them.
    let shown = format!(
        "{bare}\n```\n$ cargo test\nrunning 12 tests\ntest result: ok. 12 passed; 0 failed\n```\n"
    );
    assert!(!unshown(&shown));
    // A table of named tests with measured times.
    let table = format!(
        "{bare}\n| Test | Time | Result |\n|---|---|---|\n| parse | 4m37s | PASSED |\n| cache | 120 ms | PASSED |\n"
    );
    assert!(!unshown(&table));
    // One verdict is a conclusion, not a pattern; verdicts inside code do not count.
    assert!(!unshown(&format!(
        "# Report\n\n{BODY}\nThe feature is production ready.\n"
    )));
    assert!(!unshown(&format!(
        "# Report\n\n{BODY}\n`all tests pass` and `production-ready` are labels.\n"
    )));
    // A clean review verdict, twice, with nothing that shows what was read.
    let clean = format!(
        "# Review\n\n{BODY}\nThe review did not identify any defects.\n\nNo security issues were found.\n"
    );
    assert!(unshown(&clean));
    assert!(!unshown(&format!(
        "{clean}\nRead `src/pad.js:12` and `src/pad.js:40`, where the length is checked.\n"
    )));
    // A denied verdict is no verdict.
    assert!(!unshown(&format!(
        "# Report\n\n{BODY}\nIt is not ready to merge, and not production ready.\n"
    )));
    // Verdict words used of the things a survey describes: an attribute, a comparison
    // table's cells.
    assert!(!unshown(&format!(
        "# Survey\n\n{BODY}\nThe Agents SDK is a production-ready SDK with tracing.\n\n| Name | Kind | Tool | Maturity |\n|---|---|---|---|\n| A | SDK | `a` | production-ready |\n| B | template | `b` | ready for deployment |\n"
    )));
    assert!(unshown(&format!(
        "# Report\n\n{BODY}\n| Check | Status |\n|---|---|\n| build | ✅ PASSED |\n\nThe service is production-ready.\n"
    )));
    // Places a reader can check: a named file's line and a commit.
    let audit = format!("# Audit\n\n{BODY}\n**Status:** passed\n\nAll requirements satisfied.\n");
    assert!(unshown(&audit));
    assert!(!unshown(&format!(
        "{audit}\nThe bypass in `settings.py` line 105 was fixed in commit `ac34a81`.\n"
    )));
    assert!(unshown(&format!(
        "{audit}\nThe settings page was fixed in one commit, on line with the plan.\n"
    )));
    // A function of a named file is a place too; a file or a function named alone is not.
    assert!(!unshown(&format!(
        "{audit}\nThe check lives in `auth/session.py`, `refresh()`; the cache in `purge()` in `cache.py`.\n"
    )));
    assert!(unshown(&format!(
        "{audit}\nThe check lives in `auth/session.py`; the cache is purged by `purge()`.\n"
    )));
    // A partial count is no blanket verdict.
    assert!(!unshown(&format!(
        "# Report\n\n{BODY}\n3/5 tests passed. Status: pending.\n"
    )));
}

#[test]
fn failures_skip_zero_counts_and_excused_lines() {
    let count = |s: &str| failures(&Document::parse(s), false);
    // Failed attempts told as the history of a fix are not failures left.
    let story = "# R\n\n## Timeline\n\n### Attempt 1: marshal call\n\n- **Result**: ❌ FAILED - still 0/5 valid\n\n## Fix\n\nAll tests passing.\n";
    assert_eq!(count(story), 0);
    assert_eq!(
        count(&story.replace("### Attempt 1: marshal call", "### Marshal call")),
        0
    );
    assert_eq!(
        count(&story.replace("## Timeline\n\n### Attempt 1: marshal call", "## Results")),
        2
    );
    // Results that mention an earlier release, or a title about attempts, tell no story.
    let results = "## Results (compared with the previous release)\n\n- test_login_retry: FAILED\n";
    assert_eq!(count(&format!("# R\n\n{results}")), 1);
    assert_eq!(
        count(&format!("# Login retry attempts: fix report\n\n{results}")),
        1
    );
    assert_eq!(count("# R\n\n- Failed: 0\n- Skipped: 0\n"), 0);
    assert_eq!(count("# R\n\nThe import FAILED with a NameError.\n"), 2);
    assert_eq!(
        count("# R\n\n## Pre-existing failures\n\n| lint | FAILED ❌ |\n"),
        0
    );
    assert_eq!(count("# R\n\nWindows was not tested.\n"), 1);
    // A failure an arrow leads away from to a pass, or one that cannot happen, is none left.
    assert_eq!(
        count("# R\n\n### security_checks — FAIL → PASS (0% → 100%)\n\n- lint: ❌ -> ✅\n"),
        0
    );
    assert_eq!(count("# R\n\n### security_checks — FAIL (0%)\n"), 1);
    assert_eq!(
        count("# R\n\nMade it the first field so it cannot be skipped.\n"),
        0
    );
    assert_eq!(count("# R\n\nThe GPU suite was skipped.\n"), 1);
    // An error named to say there was none.
    assert_eq!(count("# R\n\nNo KeyError issues, zero FAILED.\n"), 0);
    assert_eq!(count("# R\n\nThe loader raised a KeyError.\n"), 1);
    assert_eq!(count("# R\n\nIt cannot finish without KeyError.\n"), 1);
    assert_eq!(count("# R\n\n```text\nok\n```\n\nKeyError: 'region'\n"), 1);
    // An error class named as part of an interface is no error that happened.
    assert_eq!(
        count(
            "# R\n\n- The client raises `LLMUnavailableError` on exhaustion.\n- LLMUnavailableError contract for the fallback.\n"
        ),
        0
    );
    // Failures counted or told in words; failed attempts are no failed tests.
    assert_eq!(
        count("# R\n\n- `test_refund`: 1 failed\n- `test_key`: did not pass\n"),
        2
    );
    assert_eq!(
        count("# R\n\nThe integration job errored; 2 tests failed.\n"),
        2
    );
    assert_eq!(
        count("# R\n\nAfter 3 failed fix attempts we found it.\n"),
        0
    );
    // A heading that marks an earlier attempt as failed reports no failed test; one that
    // speaks of tests does.
    let tests = |s: &str| failures(&Document::parse(s), true);
    assert_eq!(tests("# R\n\n### Attempt 1: generic core (FAILED)\n"), 0);
    assert_eq!(tests("# R\n\n### Integration tests (FAILED)\n"), 1);
    assert_eq!(tests("# R\n\nAttempt 1 FAILED.\n"), 1);
    assert_eq!(
        count("# R\n\n| Suite | Skipped |\n|---|---|\n| unit | 1 |\n"),
        0
    );
}

#[test]
fn verdicts_contradicted_by_reported_failures() {
    let contradiction =
        |s: &str| super::super::consistency::premature_verdict(&Document::parse(s)).is_some();
    // A blanket pass with a failure in the document.
    assert!(contradiction(&format!(
        "# R\n\n{BODY}\n5/5 scenarios successful.\n\nScenario 3 FAILED with a NameError.\n"
    )));
    // Readiness over a matrix that was not run.
    assert!(contradiction(&format!(
        "# R\n\n{BODY}\nThe service is production ready.\n\n| macOS | not tested |\n| Windows | timed out |\n"
    )));
    // Failures the document marks as pre-existing, or counted as none, contradict nothing.
    assert!(!contradiction(&format!(
        "# R\n\n{BODY}\nAll tests pass.\n\n- Failed: 0\n"
    )));
    // The failed first attempt of a change is not a failed test.
    assert!(!contradiction(&format!(
        "# R\n\n{BODY}\n### Attempt 1: generic closures (FAILED)\n\n{BODY}\n## Tests\n\nAll existing tests pass.\n"
    )));
    assert!(!contradiction(&format!(
        "# R\n\n{BODY}\n## Ready for merge\n\n{BODY}\n### Pre-existing failures (unrelated)\n\n| lint | FAILED ❌ |\n| windows | FAILED ❌ |\n"
    )));
    // A guide's prerequisites are the reader's boxes to tick, and the errors its
    // troubleshooting section lists are ones a reader may meet: no open work, no failure.
    let guide = format!(
        "# Quick start\n\n{BODY}\n## Prerequisites\n\n- [ ] Node.js 18+ installed\n- [ ] An account created\n\n## Next\n\nThe full guide covers production-ready patterns.\n\n## If Something Goes Wrong\n\n**❌ \"Invalid API key\" error:** check the key.\n\n**❌ \"Network error\":** check the proxy.\n"
    );
    assert!(!contradiction(&guide));
    // The same boxes and errors in the work's own sections are open work and failures.
    assert!(contradiction(&guide.replace("Prerequisites", "Rollout")));
    assert!(contradiction(
        &guide.replace("If Something Goes Wrong", "Results")
    ));
    // A verdict the document denies is honest reporting of the failures.
    assert!(!contradiction(&format!(
        "# R\n\n{BODY}\nThe change is not ready to merge.\n\nTwo tests FAILED and one timed out.\n"
    )));
    // A pass asked for or waited on is a goal, not a verdict.
    let failing = "Two integration tests FAILED.";
    for goal in [
        "- Make all tests pass",
        "Merge once all tests pass.",
        "If all checks pass, it merges.",
    ] {
        assert!(
            !contradiction(&format!("# R\n\n{BODY}\n{failing}\n\n{goal}\n")),
            "{goal}"
        );
    }
    // A pass rate printed in a padded column, and "all passed" as a label's value.
    for claim in [
        "Pass Rate:       100% (executable tests)",
        "**Quality Gates:** All passed ✅",
    ] {
        assert!(
            contradiction(&format!("# R\n\n{BODY}\n{failing}\n\n{claim}\n")),
            "{claim}"
        );
    }
    for claim in ["All tests pass.", "I confirm all tests pass."] {
        assert!(
            contradiction(&format!("# R\n\n{BODY}\n{failing}\n\n{claim}\n")),
            "{claim}"
        );
    }
    // A scoped claim next to a failure elsewhere is honest reporting.
    assert!(!contradiction(&format!(
        "# R\n\n{BODY}\nAll tests pass on Linux.\n\nThe Windows job FAILED.\n"
    )));
    // A few tests skipped, counted right after the claim, are disclosed with it; skipped
    // elsewhere, named, explained or many, they are not.
    let skipped = |tail: &str| {
        contradiction(&format!(
            "# R\n\n{BODY}\nRan `npm test`: all tests passed {tail}\n"
        ))
    };
    assert!(!skipped("(68 files, 179 tests, 1 skipped)."));
    assert!(skipped(
        "(179 tests, 1 skipped).\n\nThe payments suite was skipped."
    ));
    assert!(skipped("(214 tests, 9 skipped: every refund test)."));
    assert!(skipped("(58 tests, 58 skipped)."));
    assert!(skipped("(<N> tests, <M> skipped)."));
    assert!(skipped("; the migration tests were skipped."));
}

#[test]
fn the_verdict_scan_skips_only_documents_where_no_claim_gate_fires() {
    let premature = |d: &Document| super::super::consistency::premature_verdict(d).is_some();
    for text in [
        format!("# R\n\n{BODY}\n5/5 scenarios successful.\n\nScenario 3 FAILED.\n"),
        format!(
            "# R\n\n{BODY}\nIt is production ready.\n\n| macOS | not tested |\n| Windows | timed out |\n"
        ),
        format!("# R\n\n{BODY}\nAll tests pass.\n\nThe import FAILED.\n"),
        format!(
            "# R\n\n{BODY}\n- **Status**: ✅ PASSED\n- **Pass Rate**: 100%\n\nReady to merge.\n"
        ),
    ] {
        let doc = Document::parse(&text);
        assert!(premature(&doc) || unshown_success(&doc).is_some(), "{text}");
        assert!(!no_verdict(&doc), "{text}");
    }
    let plain = format!("# R\n\n{BODY}\nTwo tests FAILED.\n");
    assert!(no_verdict(&Document::parse(&plain)));
}

proptest::proptest! {
    /// Whether the body holds a verdict is the same answer from kind detection's scan and
    /// from the gate's own, with front matter and letters that case-fold to ASCII; where it says none, no claim is found either.
    #[test]
    fn detection_and_the_gate_agree_on_verdicts(
        parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::strategy::Just("---\nstatus: passed\n---\n"),
            proptest::strategy::Just("All tests passed. "),
            proptest::strategy::Just("ready to merge"),
            proptest::strategy::Just("**Status**: ✅ PASSED\n"),
            proptest::strategy::Just("5/5 scenarios successful"),
            proptest::strategy::Just("Known issues: none. "),
            proptest::strategy::Just("⭐⭐⭐⭐⭐ "),
            proptest::strategy::Just("ALL TEſTS PASSED, marKed "),
            proptest::strategy::Just("\n```\nall tests pass\n```\n"),
            proptest::strategy::Just("# R\n\n"),
            proptest::strategy::Just("The parser reads the file. "),
            proptest::strategy::Just("\n\n"),
        ], 0..8),
    ) {
        let text = parts.concat();
        let alone = no_verdict(&Document::parse(&text));
        let doc = Document::parse(&text);
        crate::rubric::detect::kind_scores(&doc, "r.md", true);
        proptest::prop_assert_eq!(no_verdict(&doc), alone, "{:?}", text);
        if alone {
            let doc = Document::parse(&text);
            proptest::prop_assert!(claims(&doc, 0).is_empty(), "{:?}", text);
        }
    }
}

#[test]
fn scoped_and_partial_claims_are_not_blanket() {
    let first = |s: &str| all_pass(&Document::parse(s)).map(|m| m.as_str().to_string());
    assert_eq!(
        first("# R\n\nAll tests pass.\n").as_deref(),
        Some("All tests pass")
    );
    assert_eq!(first("# R\n\nAll tests pass on Linux.\n"), None);
    assert_eq!(first("# R\n\n4/5 tests passed.\n"), None);
    assert_eq!(first("# R\n\n5/5 passed.\n").as_deref(), Some("5/5 passed"));
}

#[test]
fn work_ticked_done_with_nothing_behind_it_fires() {
    let ticks = "- ✅ New search cluster provisioned\n- ✅ Query service rewritten\n- ✅ Autocomplete switched over\n- ✅ Old cluster scaled down\n";
    let text = format!(
        "# Sprint 14\n\nThe revamp is live for all users.\n\n{ticks}\nThe team did well.\n"
    );
    let bare = |t: &str| ticked_and_bare(&Document::parse(t)).is_some();
    assert!(bare(&text));
    // Three ticks, or something that shows the work: a link, code.
    assert!(!bare(&text.replace("- ✅ Old cluster scaled down\n", "")));
    assert!(!bare(&format!(
        "{text}\nMerged in [#412](https://example.org/pr/412).\n"
    )));
    assert!(!bare(&text.replace("Query service", "`query-svc`")));
}

#[test]
fn an_expected_outcome_or_an_open_item_is_no_claim() {
    // A plan's expected results and checklist items still to do are not results.
    let claims = |a: &str, b: &str| {
        let text =
            format!("# Plan\n\n{BODY}\n## Verify\n\n{a}all tests pass.\n\n{b}production ready.\n");
        let doc = Document::parse(&text);
        unshown_success(&doc).is_some()
            || super::super::consistency::premature_verdict(&doc).is_some()
    };
    assert!(claims("", "The feature is "));
    assert!(claims("Unexpected: ", "The feature is "));
    assert!(!claims("**Expected:** ", "Success criteria: "));
    assert!(!claims("- [ ] Verify that ", "- [ ] **Target:** "));
}

#[test]
fn a_quoted_verdict_is_mentioned_not_claimed() {
    // A rule quoting the phrase it forbids claims nothing; the same words unquoted do.
    let first = |s: &str| all_pass(&Document::parse(s)).map(|m| m.as_str().to_string());
    let rule =
        format!("# Rules\n\n{BODY}\nNever say {{q}} without pasting the `test result` line.\n");
    for (open, close) in [("\"", "\""), ("“", "”"), ("'", "'")] {
        let quoted = rule.replace("{q}", &format!("{open}all tests pass{close}"));
        assert_eq!(first(&quoted), None, "{quoted}");
    }
    assert_eq!(
        first(&rule.replace("{q}", "that all tests pass")).as_deref(),
        Some("all tests pass")
    );
}

#[test]
fn a_task_filed_done_over_its_open_criteria_contradicts_itself() {
    let open =
        |s: &str| super::super::consistency::done_status_over_open_criteria(&Document::parse(s));
    let task = |status: &str, boxes: &str| {
        format!(
            "---\ntitle: Investigate the flaky CI job\nstatus: {status}\n---\n\n## Description\n\n{BODY}\n## Definition of Done\n\n- {boxes} typecheck passes\n- {boxes} the scoped tests pass\n"
        )
    };
    let found = open(&task("Done", "[ ]")).expect("done over open criteria");
    assert!(found.message.contains("status: Done"), "{}", found.message);
    // A bold status line in the body closes the work as well as the front matter does.
    let bold =
        task("Open", "[ ]").replace("## Description", "**Status:** ✅ Done\n\n## Description");
    assert!(open(&bold).is_some());
    // Ticked boxes, a status that does not close the work, boxes the line sets aside, or
    // boxes under another heading (follow-ups, a reader's prerequisites) contradict nothing.
    assert!(open(&task("Done", "[x]")).is_none());
    assert!(open(&task("In Progress", "[ ]")).is_none());
    let aside = task("Done", "[ ]").replace(" passes\n", " passes (N/A: no TypeScript touched)\n");
    assert!(open(&aside).is_none());
    for heading in ["Next Steps", "Prerequisites"] {
        let elsewhere = task("Complete", "[ ]").replace("Definition of Done", heading);
        assert!(open(&elsewhere).is_none(), "{heading}");
    }
}
