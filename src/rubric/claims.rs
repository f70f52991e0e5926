//! What a document claims about its own results, against what it shows. A success verdict
//! ("all tests pass", "100% pass rate", "5/5 successful", "✅ PASSED", "production ready",
//! "Known issues: none", a self-assigned grade) is a claim; the document shows it with command
//! output, a log, a results table of named tests with measured times, or a link to the run.
//! [`unshown_success`] flags verdicts with none of that behind them; [`failures`] and
//! [`all_pass`] let [`super::consistency::premature_verdict`] flag a verdict the document's
//! own content contradicts.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::leftover_context::{back, forward};
use super::lexicon::regex;
use super::line_before::LastLine;
use super::matching::BodyScan;
use super::rules::Finding;
use crate::document::Document;

/// Readiness verdicts ("ready for production"), also what
/// [`super::consistency::premature_verdict`] holds against the open work.
pub(crate) const READY: &str = r"(?i)\b(?:ready for (?:production|deployment|release|merge)|production[- ]ready|ready to (?:ship|merge|deploy))\b";

/// The blanket passes (all tests pass, 100% pass rate, N/N passed, no known issues), written
/// once: [`ALL_PASS`] is them alone and [`VERDICT`] starts with them.
macro_rules! blanket_passes {
    () => {
        r"(?i)\ball (?:\d+ )?(?:unit |integration |e2e )?(?:tests?|checks?|scenarios?|test cases?) (?:have |are |were )?(?:pass(?:ed|ing|es)?|succeeded|green)\b|\b100\s?% (?:pass(?:ing|ed)?|success(?:ful)?|tests? pass(?:ing|ed)?)\b|\b(?:pass(?:ing)?|success) rate\W{0,12}100\s?%|\b(?:tests?|checks?|gates?)\**[ \t]*:\**[ \t]*(?:✅[ \t]*)?all (?:pass(?:ed|ing)?|green|succeeded)\b|\b\d+\s*/\s*\d+ (?:tests? |checks? |scenarios? )?(?:pass(?:ed|ing)?|successful|succeeded)\b|\bknown issues\W{0,4}none\b|\bno known (?:issues|bugs)\b"
    };
}

/// The other success verdicts: blanket passes, completion stamps, self-assigned grades, clean
/// results ("no issues found", "did not identify any"); [`patterns`] joins them to [`READY`].
const VERDICT: &str = concat!(
    blanket_passes!(),
    r"|\bmission accomplished\b|\bfully (?:functional|operational|tested|verified)\b|\b(?:status|verdict|result|outcome)\**[ \t]*:\**[ \t]*(?:✅[ \t]*)?\**(?:pass(?:ed)?|complete[d]?|success(?:ful)?|approved)\b|✅[ \t]*\**(?:pass(?:ed)?|complete[d]?|success(?:ful)?|verified)\b|\b100\s?% (?:complete|(?:test |code )?coverage)\b|\b(?:grade|rating|score)\**[ \t]*:\**[ \t]*(?:A[+-]?|(?:[89](?:\.\d)?|10)/10|\d{2,3}/100|5/5)(?:[^\w/]|$)|⭐{4,}|\b(?:no|zero) (?:new )?(?:security |critical |major |known |significant )?(?:issues|defects|vulnerabilities|problems|bugs|errors|regressions|findings) (?:were |was |have been |has been )?(?:found|identified|detected|reported|observed)\b|\bdid not (?:identify|find|detect|reveal|uncover) any\b|\ball (?:requirements|features|tasks|objectives|goals|acceptance criteria|criteria) (?:have been |were |are )?(?:met|completed|implemented|satisfied|achieved|delivered)\b|\b(?:works|working|functions) (?:perfectly|flawlessly)\b|\bflawless(?:ly)?\b|\bexceed(?:s|ed|ing)? (?:all )?(?:expectations|targets|requirements)\b|\b(?:found|identified|detected) no (?:security |critical |major )?(?:issues|defects|vulnerabilities|problems|bugs)\b"
);

/// The blanket claims a single reported failure contradicts (a subset of [`VERDICT`]).
const ALL_PASS: &str = blanket_passes!();

/// A failure, or a part the document says was not done: failed checks, errors that happened
/// (`KeyError: 'x'`, "raised a KeyError", "failed with `TypeError`"; an error class named as
/// part of an interface, "`LLMUnavailableError` contract", is none), tracebacks, "not
/// tested", "timed out", "skipped", "2 failed", "did not pass", "errored".
const FAILURE: &str = r"❌|\bFAIL(?:ED|S)?\b|\b[A-Z][A-Za-z]+Error:|\b(?:got|threw|thrown|raised|hit|encountered|with|without|fails|failed|an?) `?[A-Z][A-Za-z]+Error\b|\bTraceback\b|(?i:\b(?:not|never) (?:yet )?(?:tested|verified|run|implemented)\b|\buntested\b|\btimed out\b|\bskipped\b|\b[1-9]\d* tests? failed\b|\b[1-9]\d* failed(?:[,.;)]|(?m:$))|\bdid not pass\b|\berrored\b)";

/// Words that put a failure out of the claim's reach: it was there before, is unrelated, was
/// expected, or is one a reader may meet (a troubleshooting section: "If something goes
/// wrong", "Common errors").
const EXCUSE: &str = r"(?i)pre-?existing|unrelated|\bexpected\b|\bknown (?:issue|failure|flak)|\bflaky\b|before the fix|out of scope|intentional|troubleshoot|\bif (?:something|anything|things|it) (?:goes|go) wrong\b|\bcommon (?:errors|issues|problems|mistakes|pitfalls)\b";

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
    // Only a verdict in the body counts: every claim is looked for there. Detection's scan
    // says whether one may match; only then is the body searched.
    if cut_word {
        return false;
    }
    let may = BodyScan::of(doc).is_none_or(|s| s.verdict);
    !(may && pattern(0).is_match(&t[body..]))
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
    // What is read of a match's line is read once per line, not once per match (a line of
    // thousands of verdicts took seconds).
    let lines = LastLine::default();
    let facts = |at: usize| lines.get(doc, at, |line| line_facts(t, line));
    // Each call asks for one pattern: its own scan is cheaper than a set scan first.
    pattern(i)
        .find_iter(t)
        .filter(|m| m.start() >= body && !doc.in_code(m.start()))
        .filter(|m| {
            i == 2
                || !m.as_str().starts_with(|c: char| c.is_ascii_digit())
                || whole_count(m.as_str())
        })
        .filter(|m| {
            i != 2
                || !zero_after(&t[m.end()..])
                    && !facts(m.start()).above_a_rule
                    && !super::prose::failure_denied(t, m.start())
                    && !super::prose::failure_left(t, m.start(), m.end())
        })
        .filter(|m| {
            i == 2
                || !super::prose::denied(t, m.start(), m.end())
                    && !super::prose::wished(t, m.start())
                    && !super::prose::expected(t, m.start())
        })
        .filter(|m| i == 2 || !quoted(t, m))
        .filter(|m| i != 1 || !scoped(&t[m.end()..]))
        .filter(|m| i != 0 || !describes_a_subject(t, m, facts(m.start()).comparison))
        .collect()
}

/// A verdict between quotation marks is mentioned, not claimed: a rule quoting the phrase it
/// forbids (Never say "all tests pass" without the output).
fn quoted(t: &str, m: &regex::Match) -> bool {
    let before = t[..m.start()].chars().next_back();
    let after = t[m.end()..].chars().next();
    matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('\''), Some('\''))
            | (Some('‘'), Some('’'))
    )
}

/// What a claim's line tells about it.
#[derive(Clone, Copy)]
struct LineFacts {
    /// A table's header row (a column named "Failed" is no failure).
    above_a_rule: bool,
    /// A row of a comparison table (four or more columns).
    comparison: bool,
}

fn line_facts(t: &str, line: Range<usize>) -> LineFacts {
    let next = t[line.end..]
        .trim_start_matches('\n')
        .lines()
        .next()
        .unwrap_or("");
    let text = &t[line];
    LineFacts {
        above_a_rule: next.trim_start().starts_with('|') && next.contains("---"),
        comparison: text.trim_start().starts_with('|') && text.matches('|').count() >= 5,
    }
}

/// A verdict word used of something the document describes rather than of its own result:
/// an attribute ("a production-ready SDK") or a cell of a comparison table (`comparison`,
/// its line's fact).
fn describes_a_subject(t: &str, m: &regex::Match, comparison: bool) -> bool {
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
    attribute || comparison
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
    count_failures(doc, of_tests, None)
}

/// The failures of tests ([`failures`]) held against a blanket pass (`claim`): a few tests
/// skipped, counted on the claim's own line ("all tests passed (179 tests, 1 skipped)"), are
/// disclosed with it, not held against it ([`few_skipped`]).
pub(crate) fn failures_against(doc: &Document, claim: &regex::Match) -> usize {
    count_failures(doc, true, Some(doc.line_span(claim.start())))
}

fn count_failures(doc: &Document, of_tests: bool, claim_line: Option<Range<usize>>) -> usize {
    let t = doc.text;
    let excuse = pattern(3);
    // A line or heading holding many failure words is read once, not once per word (a line
    // of thousands of `❌` took seconds): answers are kept per line and per heading.
    let lines = LastLine::default();
    let mut heading_seen: Vec<Option<(bool, bool)>> = vec![None; doc.headings.len()];
    let parents = parents(doc);
    let mut heading_says = |i: usize| {
        *heading_seen[i].get_or_insert_with(|| {
            let text = &doc.headings[i].text;
            (excuse.is_match(text), past(text))
        })
    };
    claims(doc, 2)
        .iter()
        .filter(|m| {
            let Range { start: ls, end: le } = doc.line_span(m.start());
            let [line_excused, line_about_tests, heading_line] =
                lines.get(doc, m.start(), |line| {
                    let line = &t[line];
                    [
                        excuse.is_match(line),
                        about_tests(line),
                        line.trim_start().starts_with('#'),
                    ]
                });
            let heading = enclosing(doc, &parents, m.start())
                .next()
                .map(&mut heading_says);
            // Any section heading it is under may tell the story ("## Timeline" over "### Step
            // 2"); the title speaks of the whole document.
            let told = enclosing(doc, &parents, m.start())
                .any(|i| doc.headings[i].level >= 2 && heading_says(i).1);
            let excused = line_excused || heading.is_some_and(|h| h.0) || told;
            let ambiguous = m.as_str() == "❌" || m.as_str().ends_with("implemented");
            // A heading that marks an attempt or a step as failed is no failed test. What is
            // read around the word is bounded (a heading line is short).
            let failed_step = heading_line && {
                let before = &t[back(t, m.start(), AROUND).max(ls)..m.start()];
                let after = &t[m.end()..forward(t, m.end(), AROUND).min(le)];
                !about_tests(&format!("{before}{after}"))
            };
            let not_a_test = of_tests && ((ambiguous && !line_about_tests) || failed_step);
            let disclosed = claim_line
                .as_ref()
                .is_some_and(|l| l.contains(&m.start()) && few_skipped(t, l.start, m));
            !excused && !not_a_test && !disclosed
        })
        .count()
}

/// A few tests skipped, counted in the parenthesis that closes right after the word: "(68
/// files, 179 tests, 1 skipped)", a tenth of the tests or fewer. Which tests were skipped, or
/// why, is more than a count, and stays held against the claim.
fn few_skipped(t: &str, line_start: usize, m: &regex::Match) -> bool {
    if !m.as_str().eq_ignore_ascii_case("skipped") || !t[m.end()..].starts_with(')') {
        return false;
    }
    let Some(open) = t[line_start..m.start()].rfind('(') else {
        return false;
    };
    let inside = &t[line_start + open + 1..m.start()];
    let number_before = |s: &str| -> Option<u64> {
        let s = s.trim_end();
        let digits = s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        s[s.len() - digits..].parse().ok()
    };
    let Some(skipped) = number_before(inside) else {
        return false;
    };
    let tests = inside
        .match_indices("test")
        .filter_map(|(at, _)| number_before(&inside[..at]))
        .max();
    tests.is_some_and(|n| skipped * 10 <= n)
}

/// How far around a failure word its heading line is read.
const AROUND: usize = 256;

/// The section tree of a document's headings: for each heading, the heading it sits under
/// (the nearest one before it of a higher level).
fn parents(doc: &Document) -> Vec<Option<usize>> {
    let mut open: Vec<usize> = Vec::new();
    let mut parents = Vec::with_capacity(doc.headings.len());
    for (i, h) in doc.headings.iter().enumerate() {
        while open
            .last()
            .is_some_and(|&j| doc.headings[j].level >= h.level)
        {
            open.pop();
        }
        parents.push(open.last().copied());
        open.push(i);
    }
    parents
}

/// Indices of the headings whose sections hold `at`, innermost first: the last heading at or
/// before it, then the headings it sits under.
fn enclosing<'d>(
    doc: &'d Document,
    parents: &'d [Option<usize>],
    at: usize,
) -> impl Iterator<Item = usize> + 'd {
    let last = doc.headings.partition_point(|h| h.span.start <= at);
    std::iter::successors(last.checked_sub(1), |&i| parents[i])
        .filter(move |&i| at < doc.headings[i].section_end)
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

/// Whether the document shows what a verdict rests on: what ran ([`shows_output`]), or places
/// a reader can check (`path:line` twice).
fn shows_a_run(doc: &Document) -> bool {
    // A review's clean verdict rests on what was read: `path:line` references.
    shows_output(doc) || pattern(7).find_iter(doc.text).take(2).count() >= 2
}

/// Whether the document shows what ran: output in a code block, a table of named results
/// with measured times, or a link to a CI run or log.
fn shows_output(doc: &Document) -> bool {
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
    output_block || result_rows >= 2 || run_link
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

/// Work ticked done item by item (`- ✅ Query service rewritten`), four items or more, in a
/// document that shows nothing at all behind them: no link, no code, no file, no output.
pub(crate) fn ticked_and_bare(doc: &Document) -> Option<Finding> {
    // Most documents hold a link or code, or no tick at all: nothing to read then.
    const TICKS: [char; 3] = ['✅', '✔', '☑'];
    if !doc.links.is_empty() || !doc.code_spans.is_empty() {
        return None;
    }
    let t = doc.text;
    let has_tick = TICKS.iter().any(|c| {
        let mut buf = [0; 4];
        memchr::memmem::find(t.as_bytes(), c.encode_utf8(&mut buf).as_bytes()).is_some()
    });
    if !has_tick {
        return None;
    }
    let body = doc.body_start.min(t.len());
    let ticked: Vec<usize> = doc
        .list_items
        .iter()
        .map(|(span, _)| span.start)
        .filter(|&at| at >= body)
        .filter(|&at| {
            let line = t[at..].lines().next().unwrap_or("");
            let rest = line.trim_start_matches(|c: char| {
                c.is_whitespace() || c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')')
            });
            rest.starts_with(TICKS)
        })
        .collect();
    if ticked.len() < 4 || shows_a_run(doc) {
        return None;
    }
    Some(Finding::new(
        ticked[0],
        format!(
            "{} items ticked done and nothing that shows them: no link, commit, file, command or output",
            ticked.len()
        ),
        "show what each item rests on: the commit or pull request, the file changed, the command run and its output",
    ))
}

#[cfg(test)]
#[path = "claims_tests.rs"]
mod tests;
