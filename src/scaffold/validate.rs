//! Validate before writing: the agent files and `AGENTS.md` a run is about to write must pass
//! `check` without errors (the same rules, run on the texts in memory), or nothing is
//! written. Each error names the rendered file and line and, best effort, the template line
//! it came from: the line of the file's template or of a template it includes (the
//! project's overrides first) whose literal text matches the rendered line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::plan::{Action, Generated, Plan};
use crate::assets::{Found, TEMPLATES};
use crate::diag::{Diagnostic, Severity};
use crate::project::Manifest;

/// One error `check` would report, with where it likely comes from.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// Path relative to the project root.
    pub diag: Diagnostic,
    /// `templates/partials/x.md.j2:3` or `built-in template agents/writer.md.j2:12`.
    pub source: Option<String>,
}

/// Whether `check` lints the file at `path` (relative) as an agent definition.
fn is_agent(path: &str) -> bool {
    path.starts_with(".claude/agents/") && path.ends_with(".md")
}

/// The errors `check` would report in the agent files and `AGENTS.md` among `files` (each
/// as it would be on disk), linted together against `manifest`; only errors in `report`
/// paths are returned. With `agreement`, every finding on `AGENTS.md` counts too (a roster
/// or an output it fails to name is a warning for `check`, a failure for `templates test`).
pub(crate) fn errors(
    root: &Path,
    manifest: &Manifest,
    files: &[&Generated],
    report: &BTreeSet<&str>,
    agreement: bool,
) -> Vec<Problem> {
    let agents: Vec<(PathBuf, &str)> = files
        .iter()
        .filter(|f| is_agent(&f.path))
        .map(|f| (root.join(&f.path), f.content.as_str()))
        .collect();
    let agents_md = files
        .iter()
        .find(|f| f.path == crate::lint::agents_md::FILE)
        .map(|f| (root.join(&f.path), f.content.as_str()));
    let diags = crate::lint::driver::check_texts(
        root,
        manifest,
        &agents,
        agents_md.as_ref().map(|(p, t)| (p.as_path(), *t)),
    );
    diags
        .into_iter()
        .filter(|d| {
            d.severity == Severity::Error
                || (agreement && d.path == root.join(crate::lint::agents_md::FILE))
        })
        .filter_map(|mut d| {
            let rel = d.path.strip_prefix(root).unwrap_or(&d.path);
            let rel = rel.to_string_lossy().replace('\\', "/");
            let file = files.iter().find(|f| f.path == rel)?;
            if !report.contains(rel.as_str()) {
                return None;
            }
            d.path = PathBuf::from(&rel);
            let source = locate(root, file, d.line);
            Some(Problem { diag: d, source })
        })
        .collect()
}

/// Refuses (an error naming each problem) a plan that would write an agent file or
/// `AGENTS.md` that fails `check`. Files with conflict markers are the user's to resolve.
pub(crate) fn refuse_broken(root: &Path, manifest: &Manifest, plan: &Plan) -> anyhow::Result<()> {
    // Every agent file and AGENTS.md as it will be after the run.
    let after: Vec<Generated> = plan
        .files
        .iter()
        .map(|f| {
            let mut g = f.file.clone();
            if !f.action.writes()
                && let Some(old) = &f.old
            {
                g.content = old.clone();
            }
            g
        })
        .collect();
    let written: BTreeSet<&str> = plan
        .files
        .iter()
        .filter(|f| f.action.writes() && f.action != Action::Marked)
        .map(|f| f.file.path.as_str())
        .collect();
    let refs: Vec<&Generated> = after.iter().collect();
    let problems = errors(root, manifest, &refs, &written, false);
    if problems.is_empty() {
        return Ok(());
    }
    anyhow::bail!(
        "{}\nnothing was written: fix the template (or the manifest), then run again; `agentpack templates test` shows every rendered file",
        describe(&problems)
    )
}

/// The problems as lines: `path:line:col: error[CODE] message`, then where it came from.
fn describe(problems: &[Problem]) -> String {
    let mut out = format!(
        "what the templates render would not pass `agentpack check` ({} error{}):",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        out.push_str(&format!("\n  {}", p.lines().join("\n    ")));
    }
    out
}

impl Problem {
    /// `path:line:col: error[CODE] message`, then `rendered from TEMPLATE:LINE` when known.
    pub(crate) fn lines(&self) -> Vec<String> {
        let d = &self.diag;
        let mut out = vec![format!(
            "{}:{}:{}: {}[{}] {}",
            d.path.display(),
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            d.message
        )];
        out.extend(self.source.as_ref().map(|s| format!("rendered from {s}")));
        out
    }
}

/// The template line that most likely rendered `line` of `file` (1-based; 0: the whole file
/// comes from its template).
fn locate(root: &Path, file: &Generated, line: usize) -> Option<String> {
    if file.template.is_empty() {
        return None;
    }
    let templates = sources(root, &file.template);
    let rendered = match line {
        0 => return templates.first().map(|t| t.display.clone()),
        n => file.content.lines().nth(n - 1)?,
    };
    let mut best: Option<(bool, usize, String)> = None;
    for t in &templates {
        for (i, tline) in t.text.lines().enumerate() {
            let Some(weight) = matches(tline, rendered) else {
                continue;
            };
            let key = (t.is_override, weight);
            if best.as_ref().is_none_or(|(o, w, _)| key > (*o, *w)) {
                best = Some((t.is_override, weight, format!("{}:{}", t.display, i + 1)));
            }
        }
    }
    best.map(|(_, _, at)| at)
        .or_else(|| templates.first().map(|t| t.display.clone()))
}

struct Source {
    display: String,
    text: String,
    is_override: bool,
}

/// The template `name` and every template it includes, recursively, as the renderer would
/// load them.
fn sources(root: &Path, name: &str) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    let mut todo = vec![TEMPLATES.normalize(name).to_string()];
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) || seen.len() > 50 {
            continue;
        }
        let (display, text, is_override) = match TEMPLATES.find(Some(root), &name) {
            Some(Found::Override(path)) => {
                let Ok(text) = crate::fsx::read_text(&path, crate::fsx::MAX_FILE_BYTES) else {
                    continue;
                };
                let rel = path.strip_prefix(root).unwrap_or(&path);
                (rel.display().to_string(), text, true)
            }
            Some(Found::Builtin(text)) => (
                format!("built-in template {}", TEMPLATES.builtin_path(&name)),
                text.to_string(),
                false,
            ),
            None => continue,
        };
        todo.extend(included(&text));
        out.push(Source {
            display,
            text,
            is_override,
        });
    }
    out
}

/// Names in `{% include "x" %}` (and import, extends, from) tags.
fn included(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("{%") {
        let tag = text[at + 2..].trim_start_matches(['-', '+']).trim_start();
        let Some(rest) = ["include", "import", "extends", "from"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = rest[1..].find(quote) {
            out.push(TEMPLATES.normalize(&rest[1..1 + end]).to_string());
        }
    }
    out
}

/// Whether template line `tline` can render `rendered`: its literal pieces (outside
/// `{{ }}`, `{% %}`, `{# #}`) occur in order, anchored at both ends where the line starts or
/// ends with text. Returns the literal length (more is more specific); `None` for no match
/// or a line that is only tags.
fn matches(tline: &str, rendered: &str) -> Option<usize> {
    let mut pieces = Vec::new();
    let mut rest = tline;
    let mut starts_with_tag = false;
    let mut ends_with_tag = false;
    loop {
        let next = ["{{", "{%", "{#"]
            .iter()
            .filter_map(|open| rest.find(open).map(|i| (i, *open)))
            .min();
        match next {
            None => {
                pieces.push(rest);
                break;
            }
            Some((i, open)) => {
                if i == 0 && pieces.is_empty() {
                    starts_with_tag = true;
                }
                pieces.push(&rest[..i]);
                let close = match open {
                    "{{" => "}}",
                    "{%" => "%}",
                    _ => "#}",
                };
                match rest[i..].find(close) {
                    Some(e) => rest = &rest[i + e + 2..],
                    None => return None,
                }
                if rest.is_empty() {
                    ends_with_tag = true;
                    break;
                }
            }
        }
    }
    let literal: usize = pieces.iter().map(|p| p.trim().len()).sum();
    if literal == 0 {
        return None;
    }
    let tags = tline.contains("{{") || tline.contains("{%") || tline.contains("{#");
    if !tags {
        return (tline.trim_end() == rendered.trim_end()).then_some(literal);
    }
    let mut at = 0;
    for (i, piece) in pieces.iter().enumerate() {
        if piece.is_empty() {
            continue;
        }
        let found = rendered[at..].find(piece)? + at;
        if i == 0 && !starts_with_tag && found != 0 {
            return None;
        }
        at = found + piece.len();
    }
    if !ends_with_tag && !pieces.last().is_some_and(|p| rendered.ends_with(p)) {
        return None;
    }
    Some(literal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_lines_match_what_they_render() {
        assert_eq!(matches("name: {{ agent.name }}", "name: writer"), Some(5));
        assert_eq!(matches("name {{ agent.name }}", "name writer"), Some(4));
        assert_eq!(matches("name: {{ agent.name }}", "model: x"), None);
        assert_eq!(matches("{% if x %}", "anything"), None);
        assert_eq!(matches("---", "---"), Some(3));
        assert_eq!(matches("a {{ x }} b", "a 1 b"), Some(2));
        assert_eq!(matches("a {{ x }} b", "a 1 c"), None);
    }

    #[test]
    fn includes_are_found() {
        let text =
            "{% include \"partials/agent-frontmatter.md.j2\" %}\n{%- import 'm.j2' as m %}\n";
        assert_eq!(
            included(text),
            ["partials/agent-frontmatter.md", "m"].map(String::from)
        );
    }
}
