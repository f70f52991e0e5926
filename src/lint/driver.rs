//! Linting a set of files: the agent files (parse stage, then every agent rule of the
//! registry, in parallel), the rules across agents, and in a project the manifest and
//! `AGENTS.md`. Returns what was read and the sorted findings.

use std::path::{Path, PathBuf};

use super::agents_md::{self, AgentsMd};
use super::discover::{self, Candidate};
use super::model::{AgentFile, AgentInfo};
use super::parse::{self, unreadable_file};
use super::project;
use super::rule::Check;
use super::rules::{LINTS, missing_agents_md};
use crate::diag::{Diagnostic, Severity};
use crate::project::Manifest;

/// What `check` looked at and found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files read (agent files, manifest, AGENTS.md).
    pub files: Vec<PathBuf>,
    /// Sorted findings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Lints the agent files below `paths` (files or folders, anywhere).
pub fn check_paths(paths: &[PathBuf]) -> anyhow::Result<Outcome> {
    let files = discover::agent_files(paths)?;
    let mut outcome = Outcome::default();
    outcome.files = lint_all(&files, &mut outcome.diagnostics).files;
    crate::diag::sort(&mut outcome.diagnostics);
    Ok(outcome)
}

/// Lints a project: `.claude/agents/**`, the manifest (if any) and `AGENTS.md`.
pub fn check_project(root: &Path, manifest: Option<&Path>) -> anyhow::Result<Outcome> {
    let files = discover::project_agent_files(root)?;
    let mut outcome = Outcome::default();
    let linted = lint_all(&files, &mut outcome.diagnostics);
    outcome.files = linted.files;
    let agents = linted.agents;
    if let Some(manifest_path) = manifest {
        outcome.files.push(manifest_path.to_path_buf());
        let parsed =
            project::check_manifest(root, manifest_path, &agents, &mut outcome.diagnostics);
        outcome
            .diagnostics
            .extend(project::check_rubric_files(root));
        let path = root.join(agents_md::FILE);
        if path.is_file() {
            outcome.files.push(path.clone());
        }
        lint_agents_md(&path, parsed.as_ref(), &agents, &mut outcome.diagnostics);
        if let Some(manifest) = &parsed {
            super::rules::hook_mismatch::check(
                root,
                manifest_path,
                manifest,
                &mut outcome.diagnostics,
            );
            super::select::apply(&mut outcome.diagnostics, &manifest.check, root);
        }
    }
    crate::diag::sort(&mut outcome.diagnostics);
    Ok(outcome)
}

/// `AGENTS.md` must exist; when the manifest parsed, the `AGENTS.md` rules run on it.
fn lint_agents_md(
    path: &Path,
    manifest: Option<&Manifest>,
    agents: &[AgentInfo],
    out: &mut Vec<Diagnostic>,
) {
    if let Some(d) = missing_agents_md::check(path) {
        out.push(d);
        return;
    }
    let Some(manifest) = manifest else { return };
    let text = match crate::fsx::read_text(path, crate::fsx::MAX_FILE_BYTES) {
        Ok(t) => t,
        Err(e) => {
            out.push(unreadable_file::diag(path, &e));
            return;
        }
    };
    // With agentpack's block in it, the rules read only the block: the rest is the user's
    // (notes for other tools, their own agents) and agentpack has no say in it. Lines
    // outside are blanked, so positions stay those of the file.
    let text = match crate::scaffold::managed::find(agents_md::FILE, &text) {
        Ok(Some(span)) => blank_outside(&text, span),
        _ => text,
    };
    let md = AgentsMd {
        path,
        text: &text,
        manifest,
        agents,
    };
    for rule in LINTS {
        if let Check::AgentsMd(check) = rule.check {
            check(&md, out);
        }
    }
}

/// `text` with every line outside `span` emptied (its line break kept).
fn blank_outside(text: &str, span: std::ops::Range<usize>) -> String {
    let blank = |part: &str| "\n".repeat(part.matches('\n').count());
    format!(
        "{}{}{}",
        blank(&text[..span.start]),
        &text[span.clone()],
        blank(&text[span.end..])
    )
}

/// Runs every agent rule of the registry on one parsed file.
fn lint_agent(file: &AgentFile, out: &mut Vec<Diagnostic>) {
    for rule in LINTS {
        if let Check::Agent(check) = rule.check {
            check(file, out);
        }
    }
}

/// Lints one agent file's text; `None` when it is not an agent (or cannot be parsed).
pub(crate) fn lint_text(
    cand: &Candidate,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<AgentInfo> {
    let file = parse::parse(cand, text, out)?;
    lint_agent(&file, out);
    Some(AgentInfo::new(cand, &file))
}

/// The result of linting a set of candidates.
#[derive(Debug, Default)]
pub(crate) struct Linted {
    /// Files that turned out to be agent files (including broken ones).
    pub files: Vec<PathBuf>,
    /// The agents that parsed.
    pub agents: Vec<AgentInfo>,
}

/// Codes whose error means the client skips the agent (so it takes no part in duplicates).
const SKIP_CODES: &[&str] = &["AG006", "AG007", "AG010", "AG029"];

/// Lints every candidate (in parallel), then the rules across agents.
pub(crate) fn lint_all(cands: &[Candidate], out: &mut Vec<Diagnostic>) -> Linted {
    use rayon::prelude::*;
    let results: Vec<(&Candidate, Vec<Diagnostic>, Option<AgentInfo>)> = cands
        .par_iter()
        .map(|cand| {
            let mut diags = Vec::new();
            let info = match unreadable_file::read(cand) {
                Ok((text, lossy)) => {
                    let start = diags.len();
                    let info = lint_text(cand, &text, &mut diags);
                    if let Some(d) = lossy.filter(|_| info.is_some()) {
                        diags.push(d);
                    }
                    info.map(|mut info| {
                        info.skipped = diags[start..].iter().any(|d| {
                            d.severity == Severity::Error && SKIP_CODES.contains(&d.code.as_str())
                        });
                        info
                    })
                }
                Err(d) => {
                    diags.extend(d.filter(|_| cand.in_agents_dir));
                    None
                }
            };
            (cand, diags, info)
        })
        .collect();
    let mut linted = Linted::default();
    for (cand, diags, info) in results {
        if cand.in_agents_dir || info.is_some() || !diags.is_empty() {
            linted.files.push(cand.path.clone());
        }
        out.extend(diags);
        linted.agents.extend(info);
    }
    for rule in LINTS {
        if let Check::Agents(check) = rule.check {
            check(&linted.agents, out);
        }
    }
    linted
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cand(plugin: bool) -> Candidate {
        Candidate {
            path: PathBuf::from(if plugin {
                "plugins/p/agents/a.md"
            } else {
                ".claude/agents/a.md"
            }),
            in_agents_dir: true,
            plugin,
            tree: PathBuf::from(".claude/agents"),
        }
    }

    #[test]
    fn positions_point_at_values_and_entries() {
        let text =
            "---\nname: a\ndescription: Use when x.\ntools:\n  - Read\n  - Web_Search\n---\n";
        let mut out = Vec::new();
        let info = lint_text(&cand(false), text, &mut out).unwrap();
        assert_eq!(info.name.as_deref(), Some("a"));
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            (out[0].code.as_str(), out[0].line, out[0].column),
            ("AG019", 6, 5)
        );
    }

    #[test]
    fn hostile_frontmatter_is_a_finding() {
        for text in [
            "---\nname: [[[[\n---\n",
            "---\n: x\n---\n",
            "---\nname: a\n  bad indent: x\n---\n",
            "---\r\nname: a\r\ndescription: x: y\r\n---\r\n",
            "---\nname: &a x\ndescription: *a\n---\n",
            "---\n\"\\uZZZZ\": 1\n---\n",
        ] {
            let mut out = Vec::new();
            lint_text(&cand(false), text, &mut out);
            assert!(!out.is_empty(), "{text:?} gave no finding");
        }
    }

    proptest! {
        #[test]
        fn linter_never_panics(
            body in "(---\r?\n)?((name|description|tools|model|color|maxTurns|hooks|x)(: ?)[ -~]{0,30}\r?\n|  - [ -~]{0,10}\n|[ -~]{0,20}\n){0,8}(---\n)?\\PC{0,20}",
            plugin in any::<bool>(),
        ) {
            let mut out = Vec::new();
            let _ = lint_text(&cand(plugin), &body, &mut out);
            for d in &out {
                prop_assert!(d.line <= body.lines().count() + 2, "{d:?}");
            }
        }
    }
}
