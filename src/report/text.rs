//! Human output, coloured on a terminal. `check` prints each finding as
//! `path:line:col: CODE severity: message` with its source line below (annotate-snippets, as
//! rustc and ruff do); `review` a score table and the top findings; `status` the task table;
//! `plan` the waves.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::style::{Color, Term, paint};
use super::subject::{self, Kind, Subject, change_text, location, score_text, status_cells};
use super::table::{Table, pad, width};
use crate::diag::{Diagnostic, Severity};
use crate::project::Task;
use crate::project::state::{Overview, State};
use crate::review::{ArtifactReport, Outcome, Status};

pub(super) const SUBJECTS: &[Kind] = &[
    Kind::Check,
    Kind::Review,
    Kind::Status,
    Kind::Plan,
    Kind::Doctor,
];

/// Findings shown per failing artifact in review output without `-v`.
const TOP: usize = 5;
/// Source lines longer than this are not quoted (a 10 MB one-line description, say).
const MAX_QUOTED_LINE: usize = 4096;

pub(super) fn render(subject: &Subject<'_>, term: &Term) -> anyhow::Result<String> {
    let text = match *subject {
        Subject::Check { outcome, .. } => check(outcome, term),
        Subject::Review {
            outcome,
            feedback,
            root,
        } => review(outcome, term, &subject::feedback_note(feedback, root)),
        Subject::Status(overview) => status(overview, term.color),
        Subject::Plan { tasks, waves } => plan(tasks, waves, term.color),
        Subject::Doctor(health) => super::doctor::text(health, term),
    };
    Ok(crate::report::common::terminal_safe(&text))
}

fn severity_color(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Blue,
    }
}

/// `check`: one block per finding; `quiet` keeps errors only.
fn check(o: &crate::lint::Outcome, term: &Term) -> String {
    let renderer = if term.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut sources = Sources::default();
    let mut out = String::new();
    for d in &o.diagnostics {
        if term.quiet && d.severity != Severity::Error {
            continue;
        }
        let head = paint(
            term.color,
            severity_color(d.severity),
            &format!("{} {}:", d.code, d.severity),
        );
        let header = format!("{}: {head} {}", location(d), d.message);
        match sources.line(d).map(|line| snippet(&renderer, d, line)) {
            Some(block) => {
                // A quoted source line stands apart from its neighbours.
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                let _ = writeln!(out, "{header}\n{block}\n");
            }
            None => {
                let _ = writeln!(out, "{header}");
                if let Some(fix) = &d.fix {
                    let _ = writeln!(out, "  {} {fix}", paint(term.color, Color::Cyan, "fix:"));
                }
            }
        }
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(&subject::check_summary(o));
    out.push('\n');
    out
}

/// The source line under a finding, its span underlined, and the fix as a note.
fn snippet(renderer: &Renderer, d: &Diagnostic, line: &str) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let mut group = Group::with_level(level).element(
        Snippet::source(line)
            .line_start(d.line)
            .annotation(AnnotationKind::Primary.span(span(line, d.column))),
    );
    if let Some(fix) = &d.fix {
        group = group.element(Level::HELP.with_name("fix").message(fix.as_str()));
    }
    renderer.render(&[group])
}

/// The bytes of `line` to underline: the word starting at the 1-based character `column`
/// (without a trailing `,`, `;` or `:`), or the whole line when there is no column.
fn span(line: &str, column: usize) -> Range<usize> {
    if column == 0 {
        let start = line.len() - line.trim_start().len();
        return start..line.trim_end().len().max(start);
    }
    let start = line
        .char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i);
    let word = line[start..]
        .split(char::is_whitespace)
        .next()
        .unwrap_or_default();
    // `key:` and `Tool,` point at the key and the tool, not at the punctuation after them.
    let mut trimmed = word.trim_end_matches([',', ';', ':']);
    // A closing quote whose opening quote is before the column (`| `ghost` |` at `g`).
    for quote in ['`', '"', '\''] {
        if !trimmed.starts_with(quote) {
            trimmed = trimmed.strip_suffix(quote).unwrap_or(trimmed);
        }
    }
    let word = if trimmed.is_empty() { word } else { trimmed };
    start..start + word.len()
}

/// The files findings point into, each read once with where its lines start (a file with
/// thousands of findings is not split again for each); `None` when unreadable or not UTF-8.
#[derive(Default)]
struct Sources {
    files: HashMap<std::path::PathBuf, Option<(String, Vec<usize>)>>,
}

impl Sources {
    fn line(&mut self, d: &Diagnostic) -> Option<&str> {
        if d.line == 0 {
            return None;
        }
        let (text, starts) = self
            .files
            .entry(d.path.clone())
            .or_insert_with(|| {
                read_source(&d.path).map(|text| {
                    let starts = std::iter::once(0)
                        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                        .collect();
                    (text, starts)
                })
            })
            .as_ref()?;
        // `text.split('\n').nth(d.line - 1)`.
        let start = *starts.get(d.line - 1)?;
        let end = starts.get(d.line).map_or(text.len(), |next| next - 1);
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        (line.len() <= MAX_QUOTED_LINE).then_some(line)
    }
}

fn read_source(path: &Path) -> Option<String> {
    let len = std::fs::metadata(path).ok()?.len();
    if len > crate::fsx::MAX_FILE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

fn status_color(status: Status) -> Color {
    match status {
        Status::Approved => Color::Green,
        Status::NeedsRefinement => Color::Yellow,
        Status::Escalate | Status::Error => Color::Red,
    }
}

/// `review`: the score table, pending outputs, the top findings of each failing artifact.
fn review(outcome: &Outcome, term: &Term, note: &str) -> String {
    let mut out = String::new();
    if !term.quiet {
        let rows: Vec<[String; 5]> = outcome
            .artifacts
            .iter()
            .map(|a| {
                [
                    a.path.clone(),
                    a.rubric.clone(),
                    score_text(a.score),
                    a.status.as_str().to_string(),
                    change_text(a.change),
                ]
            })
            .collect();
        let header = ["PATH", "RUBRIC", "SCORE", "STATUS", "CHANGE"];
        let table = Table::new(&header, &rows, &[2, 4]);
        if !rows.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                paint(term.color, Color::Bold, &table.plain(&header))
            );
        }
        for (row, a) in rows.iter().zip(&outcome.artifacts) {
            // Colour only the status cell.
            let line = table.line(row, |i, cell| match i {
                3 => paint(term.color, status_color(a.status), cell),
                _ => cell.to_string(),
            });
            let _ = writeln!(out, "{line}");
        }
        for a in outcome.artifacts.iter().filter(|a| a.detected.is_some()) {
            let why = a.detected.as_deref().unwrap_or_default();
            let _ = writeln!(
                out,
                "{} {}: {} rubric, {why}",
                paint(term.color, Color::Dim, "rubric"),
                a.path,
                a.rubric
            );
        }
        for p in &outcome.pending {
            let _ = writeln!(
                out,
                "{} {}  (task {}, agent {}: not written yet)",
                paint(term.color, Color::Dim, "pending"),
                p.path,
                p.task,
                p.agent
            );
        }
        super::judge_text::parts(&mut out, outcome, term);
        for a in &outcome.artifacts {
            findings_block(&mut out, a, term);
        }
    }
    let failed = outcome.failed().count();
    let total = outcome.artifacts.len();
    let verdict = if total == 0 {
        "nothing to review".to_string()
    } else if failed == 0 {
        paint(
            term.color,
            Color::Green,
            &format!("{total} of {total} passed"),
        )
    } else {
        let text = format!(
            "{} of {total} passed, {failed} below the bar",
            total - failed
        );
        paint(term.color, Color::Red, &text)
    };
    let pending = if outcome.pending.is_empty() {
        String::new()
    } else {
        format!(", {} pending", outcome.pending.len())
    };
    let _ = writeln!(out, "\n{verdict}{pending} ({})", outcome.threshold_label());
    super::judge_text::summary(&mut out, outcome, term);
    if !note.is_empty() {
        let _ = writeln!(out, "{note}");
    }
    out
}

fn findings_block(out: &mut String, a: &ArtifactReport, term: &Term) {
    if a.findings.is_empty() || (a.passed() && !term.verbose) {
        return;
    }
    let ranked = a.ranked();
    let shown = if term.verbose {
        ranked.len()
    } else {
        ranked.len().min(TOP)
    };
    let _ = writeln!(
        out,
        "\n{}  {}",
        paint(term.color, Color::Bold, &a.path),
        score_text(a.score)
    );
    for f in &ranked[..shown] {
        let at = if f.line > 0 {
            format!("{}:{}", f.line, f.column)
        } else {
            "-".to_string()
        };
        let _ = writeln!(
            out,
            "  {at:<7} {} {:<14} {}",
            paint(term.color, Color::Cyan, &f.code),
            f.check.as_deref().unwrap_or_default(),
            f.message
        );
        let _ = writeln!(
            out,
            "  {:<7} {} {}",
            "",
            paint(term.color, Color::Dim, "fix:"),
            f.fix_text()
        );
    }
    if shown < ranked.len() {
        let _ = writeln!(
            out,
            "  ... and {} more (-v shows all)",
            ranked.len() - shown
        );
    }
}

/// `status`: one line per task, tinted by its state, then the progress.
fn status(o: &Overview, color: bool) -> String {
    let cells: Vec<[String; 7]> = o.tasks.iter().map(status_cells).collect();
    let header = ["TASK", "AGENT", "OUTPUT", "NEEDS", "STATE", "SCORE", "ITER"];
    let table = Table::new(&header, &cells, &[]);
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint(color, Color::Bold, &table.plain(&header)));
    for (row, r) in cells.iter().zip(&o.tasks) {
        let tint = match r.state {
            State::Approved => Color::Green,
            State::NeedsRefinement | State::Unreviewed => Color::Yellow,
            State::Escalated => Color::Red,
            State::Pending | State::Blocked => Color::Dim,
        };
        let _ = writeln!(out, "{}", paint(color, tint, &table.plain(row)));
    }
    let p = &o.progress;
    let _ = writeln!(
        out,
        "\nProgress: {}/{} tasks approved ({}%)",
        p.approved, p.total, p.percent
    );
    for line in subject::run_lines(&o.runs) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// `plan`: one block per wave, one line per task.
fn plan(tasks: &[Task], waves: &[Vec<usize>], color: bool) -> String {
    let mut out = String::new();
    let id_width = tasks.iter().map(|t| width(&t.id)).max().unwrap_or(0);
    let agent_width = tasks.iter().map(|t| width(&t.agent)).max().unwrap_or(0);
    for (n, wave) in waves.iter().enumerate() {
        let parallel = if wave.len() > 1 {
            format!(" ({} tasks in parallel)", wave.len())
        } else {
            String::new()
        };
        let title = format!("Wave {}{parallel}", n + 1);
        let _ = writeln!(out, "{}", paint(color, Color::Bold, &title));
        for &i in wave {
            let t = &tasks[i];
            let needs = if t.needs.is_empty() {
                String::new()
            } else {
                format!("  (needs {})", t.needs.join(", "))
            };
            let line = format!(
                "  {}  {}  -> {}{needs}",
                pad(&t.id, id_width, false),
                pad(&t.agent, agent_width, false),
                t.output
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    let _ = writeln!(out, "\n{} tasks in {} waves", tasks.len(), waves.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_is_the_word_at_the_column() {
        assert_eq!(span("model: sonét x", 8), 7..13);
        assert_eq!(span("  name: x  ", 0), 2..9);
        assert_eq!(span("ab", 5), 2..2);
        assert_eq!(span("tools: Read, LS", 8), 7..11);
        assert_eq!(span("needs: [a]", 1), 0..5);
        assert_eq!(span("x ::", 3), 2..4);
        assert_eq!(span("| `ghost` |", 4), 3..8);
        assert_eq!(span("a: \"x\"", 4), 3..6);
    }

    #[test]
    fn snippet_quotes_the_line_with_the_fix() {
        let d = Diagnostic::new("AG014", Severity::Error, "a.md", "unknown model")
            .at(4, 8)
            .with_fix("use `model: sonnet`");
        let text = snippet(&Renderer::plain(), &d, "model: sonet");
        assert_eq!(
            text,
            "  |\n4 | model: sonet\n  |        ^^^^^\n  |\n  = fix: use `model: sonnet`"
        );
    }
}
