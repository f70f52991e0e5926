//! The built-in structural recognisers a lexicon role may name (`structure:` in
//! `templates/review/lexicon.yaml`): a lead paragraph, ordered steps, a trailing list of links,
//! a table, a table of results, a table that weighs options (pros and cons), code, shell
//! commands, program output, `path:line` references; and the fenced divs (`:::: solution`)
//! that box a part of a page.

use super::citations::citations;
use crate::document::{Document, text};

/// Built-in structural recognisers a role may name, each with how a fix names it (after "or":
/// what to write for a role it makes).
pub const STRUCTURES: &[(&str, &str)] = &[
    ("lead", "an opening paragraph of two or three sentences"),
    ("ordered-steps", "numbered steps"),
    ("link-list", "a closing list of links"),
    ("table", "a table"),
    (
        "results-table",
        "a table of each item with its result (a `Result` or `Status` column)",
    ),
    (
        "pros-cons",
        "a table of each option's pros and cons, or a `Pros:` and a `Cons:` label",
    ),
    ("code", "a code block"),
    ("shell", "a shell code block of the commands"),
    ("output", "a code block of what they print"),
    (
        "code-refs",
        "`<path>:<line>` references to the code each point is about",
    ),
];

/// How a fix names structure `name` ([`STRUCTURES`]); `None` for no structure.
pub fn described(name: &str) -> Option<&'static str> {
    STRUCTURES.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

fn is_shell(lang: &str) -> bool {
    matches!(
        lang.to_ascii_lowercase().as_str(),
        "bash"
            | "sh"
            | "shell"
            | "console"
            | "zsh"
            | "powershell"
            | "ps1"
            | "cmd"
            | "bat"
            | "fish"
            | "terminal"
            | "shell-session"
    )
}

/// A built-in structural recogniser: the offset where it matched.
pub fn structure(doc: &Document, name: &str) -> Option<usize> {
    match name {
        "lead" => {
            let first_section = doc
                .headings
                .iter()
                .find(|h| {
                    h.level >= 2
                        || doc
                            .headings
                            .first()
                            .is_some_and(|t| t.level == 1 && h.span.start > t.span.start)
                })
                .map_or(doc.text.len(), |h| h.span.start);
            // The opening is everything before the first section: a short sentence and the
            // list of what the reader will do make a lead as well as one long paragraph.
            let opening: Vec<_> = doc
                .paragraphs
                .iter()
                .filter(|p| p.span.start < first_section && !p.meta_only)
                .collect();
            // An item's words include its nested items': those are not counted again.
            let mut counted = 0..0;
            let items: usize = doc
                .list_items
                .iter()
                .filter(|(span, _)| span.start < first_section && span.start >= doc.body_start)
                .filter(|(span, _)| {
                    let nested = counted.contains(&span.start) && span.end <= counted.end;
                    if !nested {
                        counted = span.clone();
                    }
                    !nested
                })
                .map(|(span, _)| text::count_words(doc.text.get(span.clone()).unwrap_or("")))
                .sum();
            let words = opening.iter().map(|p| p.words).sum::<usize>() + items;
            (words >= 20)
                .then(|| opening.first().map(|p| p.span.start))
                .flatten()
        }
        "ordered-steps" => {
            let steps = doc
                .headings
                .iter()
                .filter(|h| {
                    let t = h.text.trim_start();
                    t.to_ascii_lowercase().starts_with("step")
                        || t.chars().next().is_some_and(|c| c.is_ascii_digit())
                })
                .count();
            if steps >= 2 {
                return doc.headings.first().map(|h| h.span.start);
            }
            ordered_list(doc, 3)
        }
        "link-list" => link_list(doc),
        "table" => doc.tables.first().map(|t| t.start),
        "results-table" => doc
            .tables
            .iter()
            .find(|t| reports_results(doc.text.get(t.start..t.end).unwrap_or("")))
            .map(|t| t.start),
        "pros-cons" => doc
            .tables
            .iter()
            .find(|t| weighs_options(doc.text.get(t.start..t.end).unwrap_or("")))
            .map(|t| t.start)
            .or_else(|| pros_cons_labels(doc)),
        "code" => doc.code_blocks.first().map(|c| c.span.start),
        "shell" => doc
            .code_blocks
            .iter()
            .find(|c| {
                c.lang.as_deref().is_some_and(is_shell) || {
                    let body = doc.text.get(c.span.clone()).unwrap_or("");
                    body.lines()
                        .skip(usize::from(c.fenced))
                        .any(|l| l.trim_start().starts_with("$ "))
                }
            })
            .map(|c| c.span.start),
        "output" => doc
            .code_blocks
            .iter()
            .find(|c| {
                c.lang.as_deref().is_some_and(|l| {
                    matches!(
                        l.to_ascii_lowercase().as_str(),
                        "console"
                            | "text"
                            | "txt"
                            | "output"
                            | "log"
                            | "shell-session"
                            | "plaintext"
                    )
                }) || {
                    // A transcript: a `$ ` prompt line followed by a line that is not one.
                    let body = doc.text.get(c.span.clone()).unwrap_or("");
                    let mut prompt = false;
                    body.lines().skip(usize::from(c.fenced)).any(|l| {
                        let t = l.trim_start();
                        let printed = prompt
                            && !t.is_empty()
                            && !t.starts_with("$ ")
                            && !t.starts_with("```");
                        prompt = t.starts_with("$ ");
                        printed
                    })
                }
            })
            .map(|c| c.span.start),
        "code-refs" => super::code_refs::find(doc),
        _ => None,
    }
}

/// The names of what speaks for an option, and against it.
const FOR: &[&str] = &[
    "pros",
    "pro",
    "advantages",
    "benefits",
    "upsides",
    "strengths",
];
const AGAINST: &[&str] = &[
    "cons",
    "con",
    "disadvantages",
    "drawbacks",
    "downsides",
    "weaknesses",
];

/// A line that opens with a label of what speaks for an option and a later one that opens with
/// what speaks against it (`**Pros:**` then `**Cons:**`, `PROs:`, `#### Cons`, `- Cons: big`):
/// an option weighed in prose. "Pro tip:" is no label.
fn pros_cons_labels(doc: &Document) -> Option<usize> {
    let label = |line: &str, names: &[&str]| {
        let t = line.trim_start_matches(|c: char| !c.is_alphanumeric());
        let end = t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len());
        let rest = t[end..].trim_start_matches(['*', '_', ' ']).trim_end();
        names.iter().any(|n| t[..end].eq_ignore_ascii_case(n))
            && (rest.is_empty() || rest.starts_with(':'))
    };
    let (mut pros, mut at) = (None, 0);
    for line in doc.text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if start < doc.body_start || doc.in_code(start) {
            continue;
        }
        match pros {
            None if label(line, FOR) => pros = Some(start),
            Some(_) if label(line, AGAINST) => return pros,
            _ => {}
        }
    }
    None
}

/// Whether a table reports a result per row: its header names a `Result`, `Status`, `Outcome`
/// or `Verdict` column, over two rows or more (an acceptance table: each criterion, its
/// evidence, "Proven").
fn reports_results(table: &str) -> bool {
    let mut rows = table.lines().filter(|l| {
        l.chars()
            .any(|c| !matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    });
    let Some(header) = rows.next() else {
        return false;
    };
    let named = header.trim().trim_matches('|').split('|').any(|cell| {
        let name = cell.trim().trim_matches(|c: char| !c.is_alphanumeric());
        ["result", "results", "status", "outcome", "verdict"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n))
    });
    named && rows.nth(1).is_some()
}

/// Whether a table weighs two or more options against each other: a column for what speaks
/// for each (Pros, Advantages, Benefits, Upsides, Strengths) and one for what speaks against
/// it (Cons, Disadvantages, Drawbacks, Downsides, Weaknesses) over two or more rows, or such
/// rows under two or more options' columns. Marks around a name (`**Pros**`, `✅ Pros`,
/// `Pros:`) are read through.
fn weighs_options(table: &str) -> bool {
    fn cells(line: &str) -> impl Iterator<Item = &str> {
        line.trim().trim_matches('|').split('|').map(str::trim)
    }
    let is = |cell: &str, names: &[&str]| {
        let name = cell.trim_matches(|c: char| !c.is_alphanumeric());
        names.iter().any(|n| name.eq_ignore_ascii_case(n))
    };
    // The rows with text, the alignment row (`|---|:--:|`) left out.
    let mut rows = table.lines().filter(|l| {
        l.chars()
            .any(|c| !matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    });
    let Some(header) = rows.next() else {
        return false;
    };
    // The rows below the header, read again for each question (no copy of them is kept).
    let by_column = cells(header).any(|c| is(c, FOR))
        && cells(header).any(|c| is(c, AGAINST))
        && rows.clone().nth(1).is_some();
    let firsts = || rows.clone().filter_map(|r| cells(r).next());
    let by_row = firsts().any(|c| is(c, FOR))
        && firsts().any(|c| is(c, AGAINST))
        && cells(header).skip(1).filter(|c| !c.is_empty()).count() >= 2;
    by_column || by_row
}

/// An ordered list of at least `n` items, by its first item.
fn ordered_list(doc: &Document, n: usize) -> Option<usize> {
    let mut run = 0;
    let mut start = 0;
    for (span, depth) in &doc.list_items {
        if *depth != 1 {
            continue;
        }
        let src = doc.text.get(span.clone()).unwrap_or("").trim_start();
        if src.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            if run == 0 {
                start = span.start;
            }
            run += 1;
            if run >= n {
                return Some(start);
            }
        } else {
            run = 0;
        }
    }
    None
}

/// Citation lines: a list whose items are mostly links, reference definitions, footnote
/// definitions or `[n] Title URL` lines (at least two).
fn link_list(doc: &Document) -> Option<usize> {
    let c = citations(doc);
    if c.definitions.len() >= 2 {
        return c.definitions.first().copied();
    }
    let with_link = doc
        .list_items
        .iter()
        .filter(|(span, _)| {
            let s = doc.text.get(span.clone()).unwrap_or("");
            s.contains("http://") || s.contains("https://") || s.contains("](")
        })
        .map(|(s, _)| s.start)
        .collect::<Vec<_>>();
    if with_link.len() >= 2 {
        return Some(with_link[0]);
    }
    // Sources cited inline as they are used: three or more distinct outside links.
    let mut outside: Vec<&str> = doc
        .links
        .iter()
        .filter(|l| !l.image && (l.dest.starts_with("http://") || l.dest.starts_with("https://")))
        .map(|l| l.dest.as_str())
        .collect();
    outside.sort_unstable();
    outside.dedup();
    (outside.len() >= 3)
        .then(|| {
            doc.links
                .iter()
                .find(|l| l.dest.starts_with("http"))
                .map(|l| l.offset)
        })
        .flatten()
}

/// The spans of the outermost fenced divs (Pandoc, MyST, Docusaurus): from a line of three
/// colons or more and a name (`:::: solution`, `:::note`) to the line of colons alone that
/// closes it, outside code. Few documents hold any.
pub(super) fn fenced_divs(doc: &Document) -> Vec<std::ops::Range<usize>> {
    let t = doc.text;
    let mut out = Vec::new();
    if !t.contains(":::") {
        return out;
    }
    let (mut depth, mut open_at) = (0usize, 0usize);
    let mut at = 0;
    for line in t.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let l = line.trim();
        if !l.starts_with(":::") || doc.in_code(start) {
            continue;
        }
        if l.trim_start_matches(':').trim().is_empty() {
            if depth == 1 {
                out.push(open_at..at);
            }
            depth = depth.saturating_sub(1);
        } else {
            if depth == 0 {
                open_at = start;
            }
            depth += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_a_result_per_row_reports_results() {
        let acceptance = "| # | Criterion | Evidence | **Result** |\n|---|---|---|---|\n| 1 | Clean install | `npm ci` | Proven. |\n| 2 | Replay | `src/sim/` tests | Proven. |\n";
        assert!(reports_results(acceptance));
        assert!(reports_results(
            "| Task | Status |\n|---|---|\n| Parser | done |\n| Docs | open |\n"
        ));
        // Figures with no result column, or one row only, report no results.
        for table in [
            "| Metric | Before | After |\n|---|---|---|\n| p50 | 180 ms | 11 ms |\n| p99 | 900 ms | 40 ms |\n",
            "| Task | Status |\n|---|---|\n| Parser | done |\n",
        ] {
            assert!(!reports_results(table), "{table}");
        }
        let text = format!("# Audit\n\nDate: 2026-07-12.\n\n{acceptance}");
        let doc = Document::parse(&text);
        assert_eq!(
            structure(&doc, "results-table"),
            doc.tables.first().map(|t| t.start)
        );
    }

    #[test]
    fn a_table_of_pros_and_cons_weighs_options() {
        let by_column = "| Option | **Pros** | Cons |\n|---|---|---|\n| A | fast | big |\n| B | small | slow |\n";
        assert!(weighs_options(by_column));
        let by_row = "| | Redis | Postgres |\n|---|---|---|\n| Advantages | fast | one less service |\n| Disadvantages | one more service | slower |\n";
        assert!(weighs_options(by_row));
        // Marks around the names are read through.
        assert!(weighs_options(
            "| Option | ✅ Pros | ❌ Cons: |\n|---|---|---|\n| A | x | y |\n| B | z | w |\n"
        ));
        // Options listed, only what speaks for them, one option, or none (a template's empty
        // table) weigh nothing.
        for table in [
            "| Option | Default |\n|---|---|\n| `--fast` | off |\n| `--slow` | on |\n",
            "| Feature | Pros |\n|---|---|\n| cache | fast |\n| index | small |\n",
            "| Option | Pros | Cons |\n|---|---|---|\n| LRU | fast | memory |\n",
            "| Option | Pros | Cons |\n|---|---|---|\n",
            "| | LRU |\n|---|---|\n| Pros | fast |\n| Cons | memory |\n",
        ] {
            assert!(!weighs_options(table), "{table}");
        }
        let text = format!("# D\n\nText.\n\n{by_column}");
        let doc = Document::parse(&text);
        let at = structure(&doc, "pros-cons");
        assert!(at.is_some());
        assert_eq!(at, doc.tables.first().map(|t| t.start));
    }

    #[test]
    fn a_pros_label_then_a_cons_label_weighs_an_option() {
        let weighed = |body: &str| {
            let text = format!("# Proposal\n\nWe build the images with one template.\n\n{body}");
            structure(&Document::parse(&text), "pros-cons").is_some()
        };
        assert!(weighed(
            "## Alt 1: Docker Bake\n\n**Pros:**\n- one tool\n\n**Cons:**\n- slow on CI\n"
        ));
        assert!(weighed("### Gatekeeper\n\nPROs: mature\n\nCONs: heavy\n"));
        assert!(weighed("#### Pros\n\nfast\n\n#### Drawbacks\n\nbig\n"));
        // Only what speaks for it, the two in the wrong order, "Pro tip", or labels in code.
        for body in [
            "**Pros:** one tool, no daemon\n",
            "**Cons:** slow\n\n**Pros:** fast\n",
            "Pro tip: cache the layers.\n\nCons of this are few.\n",
            "```text\nPros: fast\nCons: big\n```\n",
        ] {
            assert!(!weighed(body), "{body}");
        }
    }
}
