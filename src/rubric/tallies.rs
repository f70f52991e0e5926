//! A findings report whose own tally of severities disagrees with the findings it lists: the
//! summary says 8 critical and 12 high, the findings marked so are 3 and 9. The reader cannot
//! tell which is right, and a tally written before (or without) the findings is a sign the
//! report was not checked against itself. [`super::gates::check`] raises it as a
//! contradiction.

use std::sync::OnceLock;

use regex::Regex;

use super::rules::Finding;
use crate::document::Document;

/// The severities a tally counts, in the order a report lists them.
const LEVELS: [&str; 4] = ["critical", "high", "medium", "low"];

/// Findings marked with a severity: fewer than this and there is nothing to tally.
const MIN_MARKED: usize = 3;

/// Nouns a tally counts ("12 critical vulnerabilities", "**High issues:** 4").
const NOUNS: &str =
    "issues?|vulnerabilit(?:y|ies)|findings?|concerns?|bugs?|problems?|risks?|defects?|weaknesses";

/// Counts per severity, in [`LEVELS`] order.
type Counts = [usize; 4];

/// The severity a word names, in any case: `moderate` is `medium`. Read for every heading of
/// every document, so compared in place rather than lowercased into a copy.
fn level(word: &str) -> Option<usize> {
    let word = if word.eq_ignore_ascii_case("moderate") {
        "medium"
    } else {
        word
    };
    LEVELS.iter().position(|l| l.eq_ignore_ascii_case(word))
}

/// The severity a value or heading opens with, past marks, emoji and brackets
/// (`🔴 **CRITICAL**`, `[High]`), when a word boundary follows it.
fn leading_level(text: &str) -> Option<(usize, &str)> {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    Some((level(&text[..end])?, &text[end..]))
}

/// Findings marked with a severity: `Severity: High` lines when there are enough of them,
/// else headings that open with a severity and a separator (`### 1.1 Critical: SQL
/// injection`, `### [HIGH] Token leak`; not `### Medium-term`): none when fewer than
/// [`MIN_MARKED`].
fn marked(doc: &Document) -> Option<Counts> {
    let mut labels = [0; 4];
    for m in &doc.metadata {
        let key = m.key.trim_matches(|c: char| !c.is_alphanumeric());
        if key.eq_ignore_ascii_case("severity")
            && let Some((l, _)) = leading_level(&m.value)
        {
            labels[l] += 1;
        }
    }
    if labels.iter().sum::<usize>() >= MIN_MARKED {
        return Some(labels);
    }
    let mut heads = [0; 4];
    for h in doc.headings.iter().filter(|h| h.level >= 2) {
        // Past a number or an identifier (`1.1`, `C-2:`), the severity and its separator.
        let text = h.text.trim_start();
        let text = match text.split_once(' ') {
            Some((id, rest)) if id.chars().any(|c| c.is_ascii_digit()) => rest,
            _ => text,
        };
        if let Some((l, after)) = leading_level(text)
            && separated(after)
        {
            heads[l] += 1;
        }
    }
    (heads.iter().sum::<usize>() >= MIN_MARKED).then_some(heads)
}

/// Whether what follows a severity in a heading separates it from the title: a colon, a
/// closing bracket, or a dash with spaces around it.
fn separated(after: &str) -> bool {
    let after = after.trim_start_matches('*');
    after.starts_with([':', ']', ')'])
        || [" - ", " – ", " — ", " | "]
            .iter()
            .any(|s| after.starts_with(s))
}

/// A count the document states for one severity, and where.
struct Stated {
    level: usize,
    count: usize,
    at: usize,
}

/// Every count the document states for each severity, in document order: `**Critical:** 8`,
/// a table row `| High | 12 |`, prose "12 critical vulnerabilities".
fn stated(doc: &Document) -> Vec<Stated> {
    static PROSE: OnceLock<Regex> = OnceLock::new();
    static KEY: OnceLock<Regex> = OnceLock::new();
    static ROW: OnceLock<Regex> = OnceLock::new();
    let prose = PROSE.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)\b(\d{{1,3}})\**[ \t]+\**(critical|high|medium|moderate|low)(?:[- ](?:severity|priority|risk))?[ \t]+(?:{NOUNS})\b"
        ))
        .expect("static regex")
    });
    let key = KEY.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)^(critical|high|medium|moderate|low)(?:[- ](?:severity|priority|risk))?(?:[ \t]+(?:{NOUNS}))?$"
        ))
        .expect("static regex")
    });
    let row = ROW.get_or_init(|| {
        Regex::new(&format!(
            r"(?im)^[ \t]*\|[^|\n\w]*(critical|high|medium|moderate|low)(?:[- ](?:severity|priority|risk))?(?:[ \t]+(?:{NOUNS}))?[^|\n\w]*\|[ \t*]*(\d{{1,3}})[ \t*]*\|"
        ))
        .expect("static regex")
    });
    let mut out = Vec::new();
    for m in &doc.metadata {
        let name = m.key.trim_matches(|c: char| !c.is_alphanumeric());
        let value = m
            .value
            .trim_matches(|c: char| c == '*' || c.is_whitespace());
        if let (Some(c), Ok(count)) = (key.captures(name), value.parse()) {
            out.extend(level(&c[1]).map(|level| Stated {
                level,
                count,
                at: m.offset,
            }));
        }
    }
    for (re, (l, n)) in [(prose, (2, 1)), (row, (1, 2))] {
        for c in re.captures_iter(doc.text) {
            let at = c.get(0).map_or(0, |m| m.start());
            if at < doc.body_start || doc.in_code(at) {
                continue;
            }
            if let (Some(level), Ok(count)) = (level(&c[l]), c[n].parse()) {
                out.push(Stated { level, count, at });
            }
        }
    }
    out.sort_by_key(|s| s.at);
    out
}

/// A tally of severities that disagrees with the findings marked with them on two
/// severities or more (a count that matches any one stated for its severity agrees: a
/// before-and-after table states two).
pub(crate) fn severity_tally(doc: &Document) -> Option<Finding> {
    let counts = marked(doc)?;
    let stated = stated(doc);
    // Per severity, the first count stated when none agrees with the findings marked so.
    let mut wrong = Vec::new();
    for (l, &marked) in counts.iter().enumerate() {
        let mut said = stated.iter().filter(|s| s.level == l).peekable();
        let first = said.peek().copied();
        if let Some(first) = first
            && said.all(|s| s.count != marked)
        {
            wrong.push((first, marked));
        }
    }
    if wrong.len() < 2 {
        return None;
    }
    let at = wrong.iter().map(|(s, _)| s.at).min()?;
    let told: Vec<String> = wrong
        .iter()
        .map(|(s, marked)| format!("{} {} ({marked} marked so)", s.count, LEVELS[s.level]))
        .collect();
    Some(Finding::new(
        at,
        format!(
            "the tally of findings by severity disagrees with the findings listed: {}",
            told.join(", ")
        ),
        "count the findings as marked and state those counts, or mark each finding with the severity the tally gives it",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(text: &str) -> Option<Finding> {
        severity_tally(&Document::parse(text))
    }

    fn findings(levels: &[&str]) -> String {
        levels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("### Finding {i}\n\n**Severity:** {l}\n\nThe handler at `src/api.rs:{i}` trusts its input.\n\n"))
            .collect()
    }

    #[test]
    fn a_summary_that_miscounts_its_findings_contradicts_them() {
        let doc = format!(
            "# Audit\n\n## Summary\n\n**Critical:** 3\n**High:** 1\n**Medium:** 1\n\n## Findings\n\n{}",
            findings(&["Critical", "High", "High", "Medium", "Medium"])
        );
        let f = tally(&doc).expect("miscounted");
        assert!(
            f.message.contains("3 critical (1 marked so)"),
            "{}",
            f.message
        );
        assert!(
            f.message.contains("1 medium (2 marked so)"),
            "{}",
            f.message
        );
        assert_eq!(doc[f.offset..].lines().next(), Some("**Critical:** 3"));
    }

    #[test]
    fn a_summary_that_counts_its_findings_right_stands() {
        let doc = format!(
            "# Audit\n\nThe audit found **1 critical issue**, 2 high-severity issues and 2 medium issues.\n\n| Severity | Count |\n|---|---|\n| 🔴 Critical | 1 |\n| High | 2 |\n\n## Findings\n\n{}",
            findings(&["CRITICAL", "HIGH", "High", "Medium", "🟡 Medium"])
        );
        assert_eq!(tally(&doc), None);
    }

    #[test]
    fn prose_and_table_tallies_are_read_against_severity_headings() {
        let heads = "### 1.1 Critical: SQL injection\n\nText.\n\n### 1.2 High: Token leak\n\nText.\n\n### [HIGH] Open redirect\n\nText.\n\n### Medium-term plan\n\nText.\n";
        let prose = format!(
            "# Audit\n\nThis audit identifies **5 critical vulnerabilities** and 4 high-severity issues.\n\n{heads}"
        );
        assert!(tally(&prose).is_some());
        let table = format!(
            "# Audit\n\n| Level | Issues |\n|---|---|\n| **Critical** | 4 |\n| High | 6 |\n\n{heads}"
        );
        assert!(tally(&table).is_some());
        // One severity off is a slip, not a report at odds with itself.
        let one = format!("# Audit\n\nWe found 1 critical issue and 4 high issues.\n\n{heads}");
        assert_eq!(tally(&one), None);
    }

    #[test]
    fn no_tally_without_findings_marked_or_in_code() {
        // Fewer than three findings marked: nothing to hold a tally to.
        let few = "# Audit\n\n**Critical:** 5\n**High:** 5\n\n**Severity:** High\n";
        assert_eq!(tally(few), None);
        let code = format!(
            "# Audit\n\n```\nCritical: 9\nHigh: 9\n```\n\n{}",
            findings(&["Critical", "High", "Low"])
        );
        assert_eq!(tally(&code), None);
    }
}
