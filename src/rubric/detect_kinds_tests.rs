//! Kind detection on the built-in lexicon's data: signals a user would expect to decide the
//! kind, and words that name a topic rather than a kind of document.

use super::detect::{detect, kind_scores};
use super::lexicon;
use crate::document::Document;

/// "Review" alone names a topic (a review loop, a literature review, a `last_review_date`
/// field), not a code review: a design of a review process stays a design doc.
#[test]
fn a_review_topic_is_not_a_code_review() {
    let design = "---\nlast_review_date: 2025-01-10\n---\n\n# Document Review System Design\n\n\
        ## Overview\n\nThe writer hands each spec to a reviewer agent before planning starts.\n\n\
        ## Review loop\n\nThe reviewer reads `spec.md` and `plan.md` and returns issues.\n\n\
        ## Spec review process\n\nEach chunk is checked against the template in `docs/spec.md`.\n\n\
        ## Plan review\n\nThe plan is checked for tasks without a test.\n";
    assert_eq!(detect(design, "x.md").rubric, "any-design-doc");
    // A code review keeps its own headings.
    let review = "# Code review of PR #12\n\n## Review Summary\n\nTwo bugs.\n\n## Findings\n\n\
        - `src/a.rs:10` unwraps user input.\n- `src/b.rs:22` drops the error.\n\n## Verdict\n\n\
        Request changes.\n";
    assert_eq!(detect(review, "x.md").rubric, "any-code-review");
}

/// A Chinese title names its kind as an English one does ("综合审查报告": a review report).
#[test]
fn a_chinese_title_names_its_kind() {
    let review = "# 动态参数 - 综合审查报告\n\n## 执行摘要\n\n发现了两个严重问题。\n\n## 关键问题\n\n\
        - `src/cli.ts:68` 文件过大。\n- `src/a.ts:105` 缺少输入验证。\n\n## 结论\n\n不可发布。\n";
    assert_eq!(detect(review, "x.md").rubric, "any-code-review");
    let debug = "# 训练 NaN 问题排查\n\n## 现象\n\n第 3 步 loss 变为 NaN。\n\n## 根因\n\n\
        张量并行时溢出。\n\n## 修复\n\n改用 fp32 累加。\n\n## 验证\n\n重跑 100 步无 NaN。\n";
    assert_eq!(detect(debug, "x.md").rubric, "any-debug-report");
}

/// An agent's "Implementation Summary" (in its title or as `IMPLEMENTATION_SUMMARY.md`) is the
/// final report of a task, however many setup and configuration headings it has.
#[test]
fn an_implementation_summary_is_a_final_report() {
    let body = "\n\n## Installation\n\n```bash\nnpm install\n```\n\n\
        ## Container Configuration\n\nThe image runs as user 1000.\n\n\
        ## Security Configuration\n\nTokens are read from the keychain.\n\n\
        ## Completed\n\nThe coordinator, its queue and the status bar; 12 tests pass.\n";
    let titled = format!("# IDE Coordinator Implementation Summary{body}");
    assert_eq!(detect(&titled, "notes.md").rubric, "any-final-report");
    let named = format!("# IDE Coordinator{body}");
    assert_eq!(
        detect(&named, "docs/IMPLEMENTATION_SUMMARY.md").rubric,
        "any-final-report"
    );
}

/// A completion, acceptance or milestone audit checks a piece of work against what it was to
/// deliver: the final report of that work, not a code review ("audit" alone still names one).
#[test]
fn a_completion_audit_is_a_final_report() {
    let body = "\n\nAudit date: 2026-07-12.\n\n| # | Criterion | Evidence | Result |\n\
        |---|---|---|---|\n| 1 | Clean install | `README.md`, `npm ci` | Proven. |\n\
        | 2 | Replay is deterministic | `src/simulation/` tests | Proven. |\n\n\
        ## Scope confirmation\n\nPhase 1 delivered the playtest; audio and saves remain outside \
        the current claim.\n";
    for title in [
        "First Light completion audit",
        "v1.0 Milestone Audit",
        "Acceptance report",
    ] {
        assert_eq!(
            detect(&format!("# {title}{body}"), "x.md").rubric,
            "any-final-report",
            "{title}"
        );
    }
    assert_eq!(
        detect(&format!("# Security audit{body}"), "x.md").rubric,
        "any-code-review"
    );
}

/// Most reports say what something affects and where it stands: an "Impact" or a "Context"
/// section is no evidence of a debug report or a design doc.
#[test]
fn impact_and_context_name_no_kind() {
    let doc = "# Sort performance\n\n## Context\n\nThe frame library sorts 20,000 rows in 59.3 ms.\n\n\
        ## Measurements\n\n| rows | ms |\n|---|---|\n| 1,000 | 2.45 |\n| 20,000 | 59.3 |\n\n\
        ## Impact\n\nSorting is 40% of a pipeline run.\n";
    let doc = crate::document::Document::parse(doc);
    let scores = super::detect::kind_scores(&doc, "x.md", false);
    let lex = super::lexicon::builtin();
    for kind in ["any-debug-report", "any-design-doc"] {
        let i = lex.kinds.iter().position(|k| k.rubric == kind).expect(kind);
        let why = scores[i].as_ref().map(|s| s.1.as_str()).unwrap_or("");
        assert!(!why.contains("headings"), "{kind}: {why}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Detection's scan of the body answers, for checks that would scan it again, whether a
    /// verdict, praise or hedges, a filler phrase or a claim may be there
    /// (`matching::BodyScan`). Every built-in rubric scores a document the same with those
    /// answers kept as with the checks' own scans.
    #[test]
    fn scores_are_the_same_after_detection_scanned_the_body(
        parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::strategy::Just("---\ntitle: Report\nstatus: passed\n---\n"),
            proptest::strategy::Just("# Benchmark report\n\n"),
            proptest::strategy::Just("\n## Findings\n\n"),
            proptest::strategy::Just("The cache holds 42% of reads, according to the survey. "),
            proptest::strategy::Just("Revenue grew 3 million USD [1]. "),
            proptest::strategy::Just("Contact our support team for details. "),
            proptest::strategy::Just("It is important to note that best practices matter. "),
            proptest::strategy::Just("An excellent, robust, production-ready design. "),
            proptest::strategy::Just("It may need some care. "),
            proptest::strategy::Just("All tests passed. Ready to merge. "),
            proptest::strategy::Just("The parser reads `index.md` once and keeps each heading's span. "),
            proptest::strategy::Just("| Metric | Value |\n|---|---|\n| p99 | 12% |\n"),
            proptest::strategy::Just("\n```\nall tests passed 5%\n```\n"),
            proptest::strategy::Just("[1]: https://example.com/a\n"),
            proptest::strategy::Just("\n\n"),
        ], 1..12),
    ) {
        let text = parts.concat();
        let env = crate::rubric::rules::Env::default();
        for name in crate::rubric::builtin_names() {
            let rubric = crate::rubric::load(name, None).expect("built-in rubric");
            let alone = crate::rubric::score::score(&rubric, &Document::parse(&text), &env);
            let doc = Document::parse(&text);
            crate::rubric::detect::kind_scores(&doc, "r.md", true);
            let after = crate::rubric::score::score(&rubric, &doc, &env);
            proptest::prop_assert_eq!(&after, &alone, "{} on {:?}", name, text);
        }
    }
}

/// The reason kind detection gives the design doc kind for a title and one line above a code
/// block.
fn design_reason(title: &str, line: &str) -> String {
    let design = lexicon::builtin()
        .kinds
        .iter()
        .position(|k| k.rubric == "any-design-doc")
        .unwrap();
    let text = format!(
        "# {title}\n\nThe trait:\n\n```rust\ntrait Float {{}}\n```\n\n{line}\n\n```rust\nimpl Float for f32 {{}}\n```\n"
    );
    kind_scores(&Document::parse(&text), "x.md", false)[design]
        .clone()
        .unwrap()
        .1
}

/// "Leads to this implementation:" above a code block is a sentence, not an Implementation
/// section of a design doc.
#[test]
fn a_sentence_that_leads_into_code_is_no_label() {
    let why = |line: &str| design_reason("Associated constants", line);
    assert!(!why("Leads to this implementation:").contains("headings"));
    assert!(!why("- And then we get this implementation:").contains("headings"));
    // A label, bold or short, still names the part.
    for label in [
        "**Leads to this implementation:**",
        "Implementation:",
        "- **Implementation**:",
    ] {
        assert!(why(label).contains("headings"), "{label}");
    }
}

/// A kind's word that the title is about ("design meetings") counts as much as a title naming
/// the kind, but the document is not named as one: it is scored as the kind, and not failed for
/// lacking the kind's parts.
#[test]
fn a_title_about_design_meetings_is_no_design_doc_by_name() {
    assert_eq!(
        design_reason("Upcoming compiler-team design meetings", ""),
        "title names \"design\" as its topic"
    );
    assert_eq!(
        design_reason("Firewheel Design Document", ""),
        "title names \"Design\""
    );
    let post = "# Upcoming compiler-team design meetings\n\nIn the compiler team we hold a \
        design meeting every Friday. This post lists the meetings planned for December, with \
        the proposals each will read, so that anyone who wants to join can read them first.\n\n\
        - Dec 6: the query system's incremental cache.\n- Dec 13: the new trait solver.\n";
    let doc = Document::parse(post);
    let d = detect(post, "x.md");
    assert_eq!(d.rubric, "any-design-doc");
    let rubric = crate::rubric::load(&d.rubric, None).unwrap();
    let guessed = crate::rubric::rules::Env {
        kind_guessed: true,
        ..Default::default()
    };
    let named = crate::rubric::rules::Env::default();
    let parts_gated = |env| {
        crate::rubric::score::score(&rubric, &doc, env)
            .checks
            .iter()
            .any(|c| ["parts", "weighed"].contains(&c.id.as_str()) && c.gate)
    };
    // Named by the title (the old reading), a parts gate fails it; guessed, none does.
    assert!(parts_gated(&named));
    assert!(!parts_gated(&guessed));
    assert!(!d.named[0], "{d:?}");
}

/// "Run" in a heading names a run of a program or an experiment ("Run Status", "Active run",
/// "Dry run") as often as a tutorial's step: it is no sign of a tutorial.
#[test]
fn a_run_of_a_program_is_no_tutorial_step() {
    let run = "# Single-team 100-update run\n\n## Problem\n\nThe trainer crashed on the second \
        update with a tensor size mismatch.\n\n## Solution\n\nThe buffer is sized from the batch.\n\n\
        ## Run Status\n\nThe run reached update 40 of 100; 3 tests passed.\n\n## Active run\n\n\
        Throughput is 1,900 steps per second.\n\n## Planned Next Steps\n\nFinish the run.\n";
    assert_ne!(detect(run, "x.md").rubric, "any-tutorial");
    // A tutorial keeps its steps.
    let tutorial = "# Getting started\n\n## Prerequisites\n\nPython 3.12.\n\n## Install\n\n\
        ```bash\npip install acme\n```\n\n## Running\n\n```bash\nacme serve\n```\n";
    assert_eq!(detect(tutorial, "x.md").rubric, "any-tutorial");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// A heading names the same kinds read through the names shared with the roles as looked
    /// up in the kinds' own index.
    #[test]
    fn shared_heading_names_give_the_kinds_own_index_gives(
        picks in proptest::collection::vec((0usize..1000, 0usize..4), 1..12),
    ) {
        let lex = lexicon::builtin();
        let names: Vec<&String> = lex.kinds.iter().flat_map(|k| &k.headings).collect();
        let roles: Vec<&String> = lex.roles.values().flat_map(|r| &r.headings).collect();
        let mut text = String::from("# Title\n\n");
        for (i, how) in picks {
            let name = match how % 2 {
                0 => names[i % names.len()],
                _ => roles[i % roles.len()],
            };
            // As written, inside a longer heading, with a typo, or opening a finding's title.
            let heading = match how {
                0 | 1 => name.clone(),
                2 => format!("Key {name} and more"),
                _ => {
                    // Split at a character (a name may be Chinese).
                    let half = name.char_indices().nth(name.chars().count() / 2).map_or(0, |(i, _)| i);
                    format!("{}x{} notes on the first part of it", &name[..half], &name[half..])
                }
            };
            text.push_str(&format!("## {heading}\n\nSome words here.\n\n"));
        }
        let doc = Document::parse(&text);
        let by_heading = lexicon::heading_names().matches_by_heading(&doc);
        for (i, words) in doc.heading_words().iter().enumerate() {
            proptest::prop_assert_eq!(
                super::detect::kinds_named(words, Some(&by_heading[i])),
                super::detect::kinds_named(words, None),
                "{:?}", doc.headings[i].text
            );
        }
    }
}
