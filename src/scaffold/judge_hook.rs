//! The judge inside Claude Code: with `judge.hook: true` (`init --judge-hook`),
//! `.claude/settings.json` also gets one `agent`-type SubagentStop hook per workflow agent.
//! Claude Code runs a small verifier model (with tools, so it reads the artifact) that answers
//! `{ok, reason}`; `ok: false` blocks the stop and the agent receives the reason. The entries
//! are recognised by [`MARKER`] at the start of their prompt: re-running `init` replaces them,
//! and turning the switch off removes them. Everything else in the file is kept.

use std::path::Path;

use serde_json::{Value, json};

use crate::project::Manifest;

/// First words of every prompt agentpack writes; how its entries are recognised.
pub(crate) const MARKER: &str = "agentpack judge hook:";
/// Seconds Claude Code gives the verifier (its default for agent hooks is 60).
pub(crate) const TIMEOUT: u64 = 120;

/// The entries for `manifest`: one per workflow agent whose outputs' rubrics ask questions.
pub(crate) fn entries(root: &Path, manifest: &Manifest) -> Vec<Value> {
    let mut agents: Vec<&str> = Vec::new();
    for task in &manifest.workflow {
        if !agents.contains(&task.agent.as_str()) {
            agents.push(&task.agent);
        }
    }
    agents
        .into_iter()
        .filter_map(|agent| {
            let prompt = prompt(root, manifest, agent)?;
            Some(json!({
                "matcher": super::settings::matcher(&[agent.to_string()]),
                "hooks": [{ "type": "agent", "prompt": prompt, "timeout": TIMEOUT }],
            }))
        })
        .collect()
}

fn prompt(root: &Path, manifest: &Manifest, agent: &str) -> Option<String> {
    let default = manifest
        .review
        .default_rubric
        .as_deref()
        .unwrap_or(crate::rubric::GENERIC);
    let mut parts = Vec::new();
    for task in manifest.workflow.iter().filter(|t| t.agent == agent) {
        let name = task.rubric.as_deref().unwrap_or(default);
        let Ok(rubric) = crate::rubric::load(name, Some(root)) else {
            continue;
        };
        if rubric.judge.is_empty() {
            continue;
        }
        let stem = task.output.strip_suffix(".md").unwrap_or(&task.output);
        let questions: Vec<String> = rubric
            .judge
            .iter()
            .flat_map(|q| {
                q.questions
                    .iter()
                    .map(move |text| format!("- {}: {text}", q.dimension))
            })
            .collect();
        parts.push(format!(
            "Artifact {} (read the newest revision {stem}.vN.md instead when one exists); rubric `{}`: {}.\n{}",
            task.output,
            rubric.name,
            rubric.description.trim_end_matches('.'),
            questions.join("\n")
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "{MARKER} the `{agent}` subagent has just stopped. Read the artifact(s) it was asked to write and judge each against its questions, as a strict reviewer of content that rules cannot check.\n\n{}\n\nAnswer ok: true when every answer deserves at least 7 out of 10, or when the artifact does not exist (the command hook reports missing outputs). Otherwise answer ok: false with a reason under 120 words naming the lines to fix and what to write instead.",
        parts.join("\n\n")
    ))
}

fn is_ours(entry: &Value) -> bool {
    entry["hooks"].as_array().is_some_and(|hooks| {
        hooks.iter().any(|h| {
            h["type"] == "agent" && h["prompt"].as_str().is_some_and(|p| p.starts_with(MARKER))
        })
    })
}

/// `text` (the settings file, already holding the command hook) with agentpack's judge
/// entries set to `wanted`; `None` when nothing changes, so the file keeps its formatting.
pub(crate) fn apply(text: &str, wanted: &[Value]) -> anyhow::Result<Option<String>> {
    let mut root: Value = serde_json::from_str(text)?;
    let Some(stop) = root
        .pointer_mut("/hooks/SubagentStop")
        .and_then(Value::as_array_mut)
    else {
        return Ok(None);
    };
    let current: Vec<Value> = stop.iter().filter(|e| is_ours(e)).cloned().collect();
    if current == wanted {
        return Ok(None);
    }
    stop.retain(|e| !is_ours(e));
    stop.extend(wanted.iter().cloned());
    let mut out = serde_json::to_string_pretty(&root)?;
    out.push('\n');
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_replaced_and_removed_and_nothing_else_moves() {
        let text = r#"{"hooks": {"SubagentStop": [{"matcher": "x", "hooks": [{"type": "command", "command": "mine"}]}]}}"#;
        let ours = json!({"matcher": "writer", "hooks": [{"type": "agent", "prompt": format!("{MARKER} judge"), "timeout": TIMEOUT}]});
        let added = apply(text, std::slice::from_ref(&ours)).unwrap().unwrap();
        assert!(added.contains("mine") && added.contains(MARKER));
        assert_eq!(apply(&added, std::slice::from_ref(&ours)).unwrap(), None);
        let removed = apply(&added, &[]).unwrap().unwrap();
        assert!(removed.contains("mine") && !removed.contains(MARKER));
        assert_eq!(apply(text, &[]).unwrap(), None);
    }
}
