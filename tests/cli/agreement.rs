//! Agent prompts and rubrics agree: for every pack, the rendered agent files name every section
//! and header field their rubric requires, so an agent that follows its prompt is not marked
//! down for a heading it was never asked to write.

use std::path::Path;

use crate::common::{code, run, stderr};

/// The rubric an agent file says it is scored against (`... against the `NAME` rubric`).
fn rubric_of(agent: &str) -> Option<String> {
    let at = agent.find("against the `")? + "against the `".len();
    let rest = &agent[at..];
    Some(rest[..rest.find('`')?].to_string())
}

/// Headings (`## X`) and header fields (`**X**:`) the agent is told to write.
fn asked(agent: &str) -> (Vec<String>, Vec<String>) {
    let mut headings = Vec::new();
    let mut fields = Vec::new();
    for line in agent.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("## ").or_else(|| t.strip_prefix("### ")) {
            headings.push(h.trim().to_lowercase());
        }
        if let Some(rest) = t.strip_prefix("**")
            && let Some(end) = rest.find("**:")
        {
            fields.push(rest[..end].to_lowercase());
        }
    }
    (headings, fields)
}

/// Every `A|B` section of `required-sections` checks and every `Key|Alt` metadata field of the
/// rubric's YAML, as lists of alternatives.
fn required(rubric: &str) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let text = agentpack::assets::embedded(&format!("rubrics/{rubric}.yaml"))
        .unwrap_or_else(|| panic!("no built-in rubric {rubric}"));
    let doc: serde_json::Value = serde_saphyr::from_str(text).expect("rubric yaml");
    let alts = |s: &str| {
        s.split('|')
            .map(|a| a.trim().to_lowercase())
            .collect::<Vec<_>>()
    };
    let mut sections = Vec::new();
    let mut fields = Vec::new();
    for check in doc["checks"].as_array().into_iter().flatten() {
        match check["rule"].as_str() {
            Some("required-sections") => {
                for s in check["sections"].as_array().into_iter().flatten() {
                    sections.push(alts(s.as_str().unwrap_or("")));
                }
            }
            Some("metadata") => {
                for k in check["fields"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k)
                {
                    fields.push(alts(k));
                }
            }
            _ => {}
        }
    }
    (sections, fields)
}

#[test]
fn every_pack_renders_agents_that_match_their_rubrics() {
    let packs_dir = crate::common::repo().join("templates/packs");
    let mut packs: Vec<String> = std::fs::read_dir(&packs_dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| e.path().file_stem()?.to_str().map(str::to_string))
        .collect();
    packs.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    for pack in &packs {
        let tmp = tempfile::tempdir().unwrap();
        let out = run(tmp.path(), &["init", "demo", "--pack", pack]);
        assert_eq!(code(&out), 0, "{pack}: {}", stderr(&out));
        let agents = tmp.path().join("demo/.claude/agents");
        for entry in std::fs::read_dir(&agents).unwrap().filter_map(Result::ok) {
            let agent = std::fs::read_to_string(entry.path()).unwrap();
            let Some(rubric) = rubric_of(&agent) else {
                continue;
            };
            let name = Path::new(&entry.file_name()).display().to_string();
            let (headings, header) = asked(&agent);
            let (sections, fields) = required(&rubric);
            checked += sections.len() + fields.len();
            for alts in sections {
                if !alts.iter().any(|a| headings.contains(a)) {
                    problems.push(format!("{pack}/{name}: rubric `{rubric}` requires section {alts:?}, the prompt never asks for it"));
                }
            }
            for alts in fields {
                if !alts.iter().any(|a| header.contains(a)) {
                    problems.push(format!("{pack}/{name}: rubric `{rubric}` requires header field {alts:?}, the prompt never asks for it"));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} requirements checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
