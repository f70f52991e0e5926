//! What a document claims about its own results, against what it shows. A success verdict
//! ("all tests pass", "100% pass rate", "5/5 successful", "✅ PASSED", "production ready",
//! "Known issues: none", a self-assigned grade) is a claim; the document shows it with command
//! output, a log, a results table of named tests with measured times, or a link to the run.
//! [`unshown_success`] flags verdicts with none of that behind them; [`failures`] and
//! [`all_pass`] let [`super::consistency::premature_verdict`] flag a verdict the document's
//! own content contradicts.

use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::regex;
use super::matching::BodyScan;
use super::rules::Finding;
use crate::document::Document;

/// Readiness verdicts ("ready for production"), also what
/// [`super::consistency::premature_verdict`] holds against the open work.
pub(crate) const READY: &str = r"(?i)\b(?:ready for (?:production|deployment|release|merge)|production[- ]ready|ready to (?:ship|merge|deploy))\b";

/// The other success verdicts: blanket passes, completion stamps, self-assigned grades, clean
/// results ("no issues found", "did not identify any"); [`patterns`] joins them to [`READY`].
const VERDICT: &str = r"(?i)\ball (?:\d+ )?(?:unit |integration |e2e )?(?:tests?|checks?|scenarios?|test cases?) (?:have |are |were )?(?:pass(?:ed|ing|es)?|succeeded|green)\b|\b100\s?% (?:pass(?:ing|ed)?|success(?:ful)?|tests? pass(?:ing|ed)?)\b|\b(?:pass(?:ing)?|success) rate\W{0,6}100\s?%|\b\d+\s*/\s*\d+ (?:tests? |checks? |scenarios? )?(?:pass(?:ed|ing)?|successful|succeeded)\b|\bmission accomplished\b|\bknown issues\W{0,4}none\b|\bno known (?:issues|bugs)\b|\bfully (?:functional|operational|tested|verified)\b|\b(?:status|verdict|result|outcome)\**[ \t]*:\**[ \t]*(?:✅[ \t]*)?\**(?:pass(?:ed)?|complete[d]?|success(?:ful)?|approved)\b|✅[ \t]*\**(?:pass(?:ed)?|complete[d]?|success(?:ful)?|verified)\b|\b100\s?% (?:complete|(?:test |code )?coverage)\b|\b(?:grade|rating|score)\**[ \t]*:\**[ \t]*(?:A[+-]?|(?:[89](?:\.\d)?|10)/10|\d{2,3}/100|5/5)(?:[^\w/]|$)|⭐{4,}|\b(?:no|zero) (?:new )?(?:security |critical |major |known |significant )?(?:issues|defects|vulnerabilities|problems|bugs|errors|regressions|findings) (?:were |was |have been |has been )?(?:found|identified|detected|reported|observed)\b|\bdid not (?:identify|find|detect|reveal|uncover) any\b|\ball (?:requirements|features|tasks|objectives|goals|acceptance criteria|criteria) (?:have been |were |are )?(?:met|completed|implemented|satisfied|achieved|delivered)\b|\b(?:works|working|functions) (?:perfectly|flawlessly)\b|\bflawless(?:ly)?\b|\bexceed(?:s|ed|ing)? (?:all )?(?:expectations|targets|requirements)\b|\b(?:found|identified|detected) no (?:security |critical |major )?(?:issues|defects|vulnerabilities|problems|bugs)\b";

/// The blanket claims a single reported failure contradicts (a subset of [`VERDICT`]).
const ALL_PASS: &str = r"(?i)\ball (?:\d+ )?(?:unit |integration |e2e )?(?:tests?|checks?|scenarios?|test cases?) (?:have |are |were )?(?:pass(?:ed|ing|es)?|succeeded|green)\b|\b100\s?% (?:pass(?:ing|ed)?|success(?:ful)?|tests? pass(?:ing|ed)?)\b|\b(?:pass(?:ing)?|success) rate\W{0,6}100\s?%|\b\d+\s*/\s*\d+ (?:tests? |checks? |scenarios? )?(?:pass(?:ed|ing)?|successful|succeeded)\b|\bknown issues\W{0,4}none\b|\bno known (?:issues|bugs)\b";

/// A failure, or a part the document says was not done: failed checks, errors, tracebacks,
/// "not tested", "timed out", "skipped".
const FAILURE: &str = r"❌|\bFAIL(?:ED|S)?\b|\b[A-Z][A-Za-z]+Error\b|\bTraceback\b|(?i:\b(?:not|never) (?:yet )?(?:tested|verified|run|implemented)\b|\buntested\b|\btimed out\b|\bskipped\b)";

/// Words that put a failure out of the claim's reach: it was there before, is unrelated, or
/// was expected.
const EXCUSE: &str = r"(?i)pre-?existing|unrelated|\bexpected\b|\bknown (?:issue|failure|flak)|\bflaky\b|before the fix|out of scope|intentional";

/// Output a reader can check: a block that is not source code and reads like a run's output.
const OUTPUT: &str = r"(?im)\b(?:pass(?:ed)?|ok|fail(?:ed|ures?)?|error|warning|test result|running \d|finished|\d+ (?:tests?|passed|failed|examples?))\b|✓|✔";

/// A measured time in a table row (`4m37s`, `120 ms`).
const DURATION: &str = r"\b\d+(?:\.\d+)?[ \t]?(?:ms|µs|ns|s|sec|min)\b|\b\d+m\d+s\b";

const RESULT: &str = r"(?i)\b(?:pass(?:ed)?|fail(?:ed)?|ok|error|skipped)\b|✅|❌";

/// A place a reader can check: a `path:line` reference (`src/parse.rs:42`), a line of a named
/// file (`` `presets.py` line 105 ``), a function of a named file (`` `parsers.py`,
/// `parse_toml()` ``, `` `load()` in `config.py` ``) or a commit (`commit a1b2c3d`).
const PLACE: &str = r"[\w./-]+\.[A-Za-z]{1,5}(?::\d+|`?,?[ \t]+(?:at[ \t]+)?lines?[ \t]+\d+|`[ \t]*(?:[,:|—–-][ \t]*)?`[A-Za-z_][\w.:]*\(\)`)|`[A-Za-z_][\w.:]*\(\)`[ \t]+in[ \t]+`[\w./-]+\.[A-Za-z]{1,5}`|(?i:\bcommits?)\W{0,3}[0-9a-f]{7,40}\b";

/// Pattern `i` of the verdict (0, [`READY`] and [`VERDICT`] joined), [`ALL_PASS`], [`FAILURE`],
/// [`EXCUSE`], [`OUTPUT`], [`DURATION`], [`RESULT`] and [`PLACE`], each compiled when first
/// used: most documents hold no verdict, and only the verdict scan runs on them.
fn pattern(i: usize) -> &'static Regex {
    static RE: [OnceLock<Regex>; 8] = [const { OnceLock::new() }; 8];
    RE[i].get_or_init(|| {
        let verdict;
        let p = match i {
            0 => {
                verdict = format!("{READY}|{VERDICT}");
                verdict.as_str()
            }
            1 => ALL_PASS,
            2 => FAILURE,
            3 => EXCUSE,
            4 => OUTPUT,
            5 => DURATION,
            6 => RESULT,
            _ => PLACE,
        };
        regex(p).expect("static regex")
    })
}

/// Whether the document holds no success verdict at all, readiness ("ready to merge") and
/// blanket passes ("all tests pass") included: then neither [`unshown_success`] nor
/// [`super::consistency::premature_verdict`] can fire, and one scan saves theirs. The joined
/// verdict pattern matches wherever one of its parts does; the readiness scan starts at the
/// body, where a word byte just before could make it match alone, so then the answer is no.
pub(crate) fn no_verdict(doc: &Document) -> bool {
    let t = doc.text;
    let body = doc.body_start.min(t.len());
    let cut_word = body > 0 && {
        let b = t.as_bytes()[body - 1];
        b.is_ascii_alphanumeric() || b == b'_'
    };
    // Only a verdict in the body counts: every claim is looked for there.
    !cut_word && !BodyScan::of(doc).map_or_else(|| pattern(0).is_match(&t[body..]), |s| s.verdict)
}

/// The verdict pattern (pattern 0) as compiled, for a scan of several patterns at once.
pub(crate) fn verdict_pattern() -> String {
    super::matching::ascii_boundaries(&format!("{READY}|{VERDICT}"))
}

/// Matches of pattern `i` in the body, outside code, that are real claims: "3/5 passed" is no
/// blanket claim, "Failed: 0" no failure.
fn claims<'t>(doc: &Document<'t>, i: usize) -> Vec<regex::Match<'t>> {
    let t = doc.text;
    let body = doc.body_start.min(t.len());
    // Each call asks for one pattern: its own scan is cheaper than a set scan first.
    pattern(i)
        .find_iter(t)
        .filter(|m| m.start() >= body && !doc.in_code(m.start()))
        .filter(|m| {
            i == 2
                || !m.as_str().starts_with(|c: char| c.is_ascii_digit())
                || whole_count(m.as_str())
        })
        .filter(|m| i != 2 || !zero_after(&t[m.end()..]) && !header_row(t, m.start()))
        .filter(|m| i == 2 || !super::prose::denied(t, m.start(), m.end()))
        .filter(|m| i != 1 || !scoped(&t[m.end()..]))
        .filter(|m| i != 0 || !describes_a_subject(t, m))
        .collect()
}

/// A verdict word used of something the document describes rather than of its own result:
/// an attribute ("a production-ready SDK") or a cell of a comparison table (four or more
/// columns: products, frameworks or options side by side).
fn describes_a_subject(t: &str, m: &regex::Match) -> bool {
    let attribute = m.as_str().to_lowercase().starts_with("production")
        && t[m.end()..]
            .strip_prefix(' ')
            .and_then(|r| r.split(|c: char| !c.is_alphabetic()).next())
            .is_some_and(|w| {
                !w.is_empty()
                    && !matches!(
                        w.to_lowercase().as_str(),
                        "and" | "or" | "but" | "now" | "yet" | "as" | "for" | "with" | "status"
                    )
            });
    let ls = t[..m.start()].rfind('\n').map_or(0, |i| i + 1);
    let line = t[ls..].lines().next().unwrap_or("");
    let comparison = line.trim_start().starts_with('|') && line.matches('|').count() >= 5;
    attribute || comparison
}

/// Whether the line at `at` is a table's header row (a column named "Failed" is no failure).
fn header_row(t: &str, at: usize) -> bool {
    let line_end = t[at..].find('\n').map_or(t.len(), |i| at + i);
    let next = t[line_end..]
        .trim_start_matches('\n')
        .lines()
        .next()
        .unwrap_or("");
    next.trim_start().starts_with('|') && next.contains("---")
}

/// "5/5 passed" claims everything; "3/5 passed" does not.
fn whole_count(s: &str) -> bool {
    let Some((a, rest)) = s.split_once('/') else {
        return true;
    };
    let num = |x: &str| -> String { x.chars().filter(char::is_ascii_digit).collect() };
    let b: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    // A grade ("10/10") or a ratio at the end of the claim.
    let tail = a.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
    b.is_empty() || num(tail) == b
}

/// "FAILED: 0", "Skipped | 0": a count of none.
fn zero_after(rest: &str) -> bool {
    let r = rest.trim_start_matches(['*', ':', '|', ' ', '\t', '_']);
    r.starts_with('0') && !r[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// The first word of `rest` (letters up to the first other character), lowercased: the word
/// after a claim, which may limit it.
pub(super) fn first_word(rest: &str) -> String {
    rest.split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// "All tests pass on Linux": a claim limited to part of the runs.
fn scoped(rest: &str) -> bool {
    let next = first_word(rest.trim_start_matches(['*', ' ']));
    matches!(
        next.as_str(),
        "on" | "in" | "for" | "except" | "under" | "with" | "locally" | "when" | "once" | "after"
    )
}

/// Failures the document reports, leaving out those it marks as pre-existing, unrelated or
/// expected (on their line or in their section's heading). With `of_tests`, only failures of
/// tests count: a `❌` or "not implemented" counts on a line about tests or runs, since an
/// audit's `❌ Baseline persistence` is a finding about the code, not a failed test.
pub(crate) fn failures(doc: &Document, of_tests: bool) -> usize {
    let t = doc.text;
    let excuse = pattern(3);
    claims(doc, 2)
        .iter()
        .filter(|m| {
            let ls = t[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let le = t[m.end()..].find('\n').map_or(t.len(), |i| m.end() + i);
            let heading = doc
                .headings
                .iter()
                .rfind(|h| h.span.start <= m.start() && m.start() < h.section_end);
            let line = &t[ls..le];
            let ambiguous = m.as_str() == "❌" || m.as_str().ends_with("implemented");
            // Any section heading it is under may tell the story ("## Timeline" over "### Step
            // 2"); the title speaks of the whole document.
            let told = doc
                .headings
                .iter()
                .filter(|h| h.level >= 2 && h.span.start <= m.start() && m.start() < h.section_end)
                .any(|h| past(&h.text));
            let excused =
                excuse.is_match(line) || heading.is_some_and(|h| excuse.is_match(&h.text)) || told;
            // A heading that marks an attempt or a step as failed is no failed test.
            let failed_step = line.trim_start().starts_with('#')
                && !about_tests(&format!("{}{}", &t[ls..m.start()], &t[m.end()..le]));
            let not_a_test = of_tests && ((ambiguous && !about_tests(line)) || failed_step);
            !excused && !not_a_test
        })
        .count()
}

/// Whether a section's heading tells the story of the work rather than its result: it opens
/// with "Attempt", "Timeline" or "History", or with "Previous", "Earlier" or "Failed" before
/// "attempts" ("Timeline of Investigation", "Attempt 2: Marshal Call", "Previous attempts",
/// not "Results (compared with the previous release)"). The failures it reports are what the
/// work overcame, not what the verdict leaves out.
fn past(heading: &str) -> bool {
    let h = heading.to_ascii_lowercase();
    let mut words = text_words(&h).filter(|w| !w.bytes().all(|b| b.is_ascii_digit()));
    match words.next() {
        Some("attempt" | "attempts" | "timeline" | "history") => true,
        Some("previous" | "earlier" | "failed") => {
            matches!(words.next(), Some("attempt" | "attempts"))
        }
        _ => false,
    }
}

/// The words of a lowercased text.
fn text_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a line speaks of tests (a result row, a suite, a check, a build).
fn about_tests(line: &str) -> bool {
    let l = line.to_lowercase();
    [
        "test", "check", "scenario", "suite", "build", "pass", "fail",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// The first blanket success claim ("all tests pass", "100% pass rate", "5/5 passed").
pub(crate) fn all_pass<'t>(doc: &Document<'t>) -> Option<regex::Match<'t>> {
    claims(doc, 1).into_iter().next()
}

/// Whether the document shows a run: output in a code block, a table of named results with
/// measured times, or a link to a CI run or log.
fn shows_a_run(doc: &Document) -> bool {
    let t = doc.text;
    let (output, duration, result) = (pattern(4), pattern(5), pattern(6));
    let source = |lang: &str| {
        matches!(
            lang,
            "python"
                | "py"
                | "rust"
                | "rs"
                | "js"
                | "javascript"
                | "ts"
                | "typescript"
                | "go"
                | "java"
                | "c"
                | "cpp"
                | "yaml"
                | "yml"
                | "json"
                | "toml"
                | "html"
                | "css"
                | "sql"
                | "dockerfile"
                | "mermaid"
                | "diff"
                | "ini"
                | "xml"
                | "jsx"
                | "tsx"
        )
    };
    let output_block = doc.code_blocks.iter().any(|c| {
        let body = &t[c.span.clone()];
        !c.lang.as_deref().is_some_and(|l| source(&l.to_lowercase()))
            && body.trim().lines().count() >= 3
            && output.is_match(body)
    });
    let result_rows = doc
        .tables
        .iter()
        .flat_map(|r| t[r.clone()].lines())
        .filter(|row| result.is_match(row) && duration.is_match(row))
        .count();
    let run_link = doc.links.iter().any(|l| {
        [
            "/actions/runs/",
            "/builds/",
            "/jobs/",
            "/logs/",
            "/pipelines/",
        ]
        .iter()
        .any(|p| l.dest.contains(p))
    });
    // A review's clean verdict rests on what was read: `path:line` references.
    let places = pattern(7).find_iter(t).take(2).count();
    output_block || result_rows >= 2 || run_link || places >= 2
}

/// Two or more success verdicts with nothing in the document that shows a run behind them:
/// no output, no results of named tests with measured times, no link to the run.
pub(crate) fn unshown_success(doc: &Document) -> Option<Finding> {
    let verdicts = claims(doc, 0);
    if verdicts.len() < 2 || shows_a_run(doc) {
        return None;
    }
    let first = verdicts[0];
    Some(Finding::new(
        first.start(),
        format!(
            "{} success verdicts (\"{}\"...) and nothing that shows them: no command output, log, results of named tests or link to the run",
            verdicts.len(),
            first.as_str().trim()
        ),
        "show what the verdict rests on: the command run and its output, the tests with their results, or the measurements and how they were taken",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The parser was rewritten to read the input once and keep the spans of every heading, so the rules no longer scan the text again.\n";

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
        let audit =
            format!("# Audit\n\n{BODY}\n**Status:** passed\n\nAll requirements satisfied.\n");
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
        let results =
            "## Results (compared with the previous release)\n\n- test_login_retry: FAILED\n";
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
        // A verdict the document denies is honest reporting of the failures.
        assert!(!contradiction(&format!(
            "# R\n\n{BODY}\nThe change is not ready to merge.\n\nTwo tests FAILED and one timed out.\n"
        )));
        // A scoped claim next to a failure elsewhere is honest reporting.
        assert!(!contradiction(&format!(
            "# R\n\n{BODY}\nAll tests pass on Linux.\n\nThe Windows job FAILED.\n"
        )));
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
}
