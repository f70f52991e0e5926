//! What the judge sees: the artifact with line numbers, the task's brief from the manifest and
//! the upstream artifacts the task `needs`, within a size budget, rendered through the prompt
//! template `judge/prompt.txt` (a project overrides it in `.agentpack/templates/judge/prompt.txt.j2`, as
//! any other template: `agentpack templates eject judge/prompt.txt`).

use std::path::Path;

use serde::Serialize;

use crate::assets::{Found, TEMPLATES};
use crate::project::Project;
use crate::rubric::Rubric;
use crate::scaffold::render::Renderer;

/// The prompt template's name.
pub const TEMPLATE: &str = "judge/prompt.txt";
/// Characters of the artifact the prompt carries at most.
const ARTIFACT_BUDGET: usize = 60_000;
/// Characters of all upstream artifacts together.
const UPSTREAM_BUDGET: usize = 40_000;

#[derive(Serialize)]
struct Brief<'a> {
    project: &'a str,
    project_description: Option<&'a str>,
    task: &'a str,
    agent: &'a str,
    agent_description: Option<&'a str>,
    /// The task's own description, when the manifest gives one.
    description: Option<&'a str>,
    /// The task's acceptance criteria from the manifest.
    acceptance: &'a [String],
    output: &'a str,
}

#[derive(Serialize)]
struct Shown {
    path: String,
    numbered: String,
    lines: usize,
    shown_lines: usize,
    truncated: bool,
}

#[derive(Serialize)]
struct Upstream {
    task: String,
    path: String,
    text: String,
    truncated: bool,
}

#[derive(Serialize)]
struct Context<'a> {
    brief: Option<Brief<'a>>,
    rubric: RubricView<'a>,
    questions: &'a [crate::rubric::judge::Question],
    artifact: Shown,
    upstream: Vec<Upstream>,
    omitted: Vec<String>,
}

#[derive(Serialize)]
struct RubricView<'a> {
    name: &'a str,
    description: &'a str,
}

/// A rendered prompt and what its cache key is made of besides the prompt itself.
pub struct Prompt {
    pub text: String,
    /// The upstream artifacts' contents, in `needs` order.
    pub upstream: Vec<String>,
}

/// The source of the prompt template in use (the project's override or the built-in).
pub fn template_source(root: Option<&Path>) -> String {
    match TEMPLATES.find(root, TEMPLATE) {
        Some(Found::Override(path)) => std::fs::read_to_string(path).unwrap_or_default(),
        Some(Found::Builtin(text)) => text.to_string(),
        None => String::new(),
    }
}

/// Renders the prompt for artifact `path` (`text` is its content) of workflow task `task`.
pub fn build(
    renderer: &Renderer,
    project: Option<&Project>,
    task: Option<&str>,
    path: &str,
    text: &str,
    rubric: &Rubric,
) -> anyhow::Result<Prompt> {
    let manifest = project.map(|p| &p.manifest);
    let task = task.and_then(|id| manifest?.workflow.iter().find(|t| t.id == id));
    let brief = manifest.zip(task).map(|(m, t)| Brief {
        project: &m.name,
        project_description: m.description.as_deref(),
        task: &t.id,
        agent: &t.agent,
        agent_description: m
            .agents
            .get(&t.agent)
            .and_then(|a| a.description.as_deref()),
        description: t.description.as_deref(),
        acceptance: &t.acceptance,
        output: &t.output,
    });
    let mut upstream = Vec::new();
    let mut omitted = Vec::new();
    let mut contents = Vec::new();
    if let (Some(project), Some(task)) = (project, task) {
        let mut budget = UPSTREAM_BUDGET;
        for need in &task.needs {
            let Some(up) = project.manifest.workflow.iter().find(|t| &t.id == need) else {
                continue;
            };
            let Some(rel) = crate::project::artifact::newest_revision(&project.root, &up.output)
            else {
                continue;
            };
            let Ok(file) = crate::fsx::join_inside(&project.root, &rel) else {
                continue;
            };
            let Ok((content, _)) = crate::fsx::read_text_lossy(&file, crate::fsx::MAX_FILE_BYTES)
            else {
                continue;
            };
            contents.push(content.clone());
            if budget < 200 {
                omitted.push(rel);
                continue;
            }
            let (kept, truncated) = cut(&content, budget);
            budget -= kept.len();
            upstream.push(Upstream {
                task: up.id.clone(),
                path: rel,
                text: kept.to_string(),
                truncated,
            });
        }
    }
    let ctx = Context {
        brief,
        rubric: RubricView {
            name: &rubric.name,
            description: &rubric.description,
        },
        questions: &rubric.judge,
        artifact: numbered(path, text),
        upstream,
        omitted,
    };
    Ok(Prompt {
        text: renderer.render(TEMPLATE, &ctx)?,
        upstream: contents,
    })
}

/// The artifact with right-aligned line numbers, cut to the budget at a line end.
fn numbered(path: &str, text: &str) -> Shown {
    let lines: Vec<&str> = text.lines().collect();
    let width = lines.len().to_string().len();
    let mut out = String::new();
    let mut shown = 0;
    for (i, line) in lines.iter().enumerate() {
        let next = format!("{:>width$} | {line}\n", i + 1);
        if out.len() + next.len() > ARTIFACT_BUDGET {
            break;
        }
        out.push_str(&next);
        shown = i + 1;
    }
    out.truncate(out.trim_end_matches('\n').len());
    Shown {
        path: path.to_string(),
        numbered: out,
        lines: lines.len(),
        shown_lines: shown,
        truncated: shown < lines.len(),
    }
}

/// At most `budget` bytes of `text`, cut at a line end when there is one.
fn cut(text: &str, budget: usize) -> (&str, bool) {
    if text.len() <= budget {
        return (text, false);
    }
    let mut end = budget;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind('\n').unwrap_or(end);
    (&text[..end], true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_and_cuts_at_line_ends() {
        let shown = numbered("a.md", "one\ntwo\n");
        assert_eq!(shown.numbered, "1 | one\n2 | two");
        let long: String = (1..=20_000).map(|i| format!("line {i}\n")).collect();
        let shown = numbered("a.md", &long);
        assert!(shown.truncated && shown.numbered.len() <= ARTIFACT_BUDGET);
        assert!(
            shown
                .numbered
                .ends_with(&format!("line {}", shown.shown_lines))
        );
        assert_eq!(cut("ab\ncd\nef", 7), ("ab\ncd", true));
        assert_eq!(cut("é", 1), ("", true));
    }
}
