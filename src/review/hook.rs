//! The SubagentStop policy: which of the stopping agent's outputs to review, and what to
//! tell Claude Code. Below the threshold the stop is blocked with the fixes as the agent's
//! next instruction; after `max_iterations` rounds, or when the agent stopped again without
//! revising, the agent may stop and the user is told instead.
//!
//! Claude Code's side, as of 2.1.332: the hook is matched on `agent_type` with an exact-name
//! list; a command hook may run 600 s by default (agentpack's settings set 60 s); the client
//! honours at most 8 consecutive blocks of SubagentStop before it overrides them, so
//! `max_iterations` (3 by default) keeps the hook well under that cap; and when the user
//! interrupts a subagent, SubagentStop still runs, with 5 s, and cannot block: the review is
//! then recorded but the agent stops regardless.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diag::{Diagnostic, Severity};

use super::select::Options;
use super::session;
use crate::project::history::Status;
use crate::project::{Manifest, Project, Task};

/// The fields of the hook payload we use; every one is optional (older versions send fewer).
#[derive(Debug, Default, Deserialize)]
pub struct Payload {
    #[serde(default)]
    pub cwd: Option<PathBuf>,
    #[serde(default)]
    pub agent_type: Option<String>,
    #[serde(default)]
    pub stop_hook_active: Option<bool>,
    /// The subagent run (`SubagentStop` only).
    #[serde(default)]
    pub agent_id: Option<String>,
    /// The subagent's own transcript; `""` in diskless sessions.
    #[serde(default)]
    pub agent_transcript_path: Option<String>,
    /// The subagent's last answer: names the file it says it wrote.
    #[serde(default)]
    pub last_assistant_message: Option<String>,
}

impl Payload {
    /// Markdown paths the agent's last answer names (`artifacts/x.md`, `./notes/y.md`),
    /// normalised, in order.
    pub fn mentioned_markdown(&self) -> Vec<String> {
        let Some(msg) = self.last_assistant_message.as_deref() else {
            return Vec::new();
        };
        msg.split(|c: char| c.is_whitespace() || "`'\"()[]<>,;*".contains(c))
            .map(|w| w.trim_end_matches(['.', ':', '!', '?']))
            .filter(|w| w.len() > 3 && w.ends_with(".md") && !w.contains("://"))
            .map(crate::project::artifact::key)
            .collect()
    }
}

/// Payloads are small; a larger one is not a hook payload.
pub const MAX_PAYLOAD: u64 = 1024 * 1024;

/// Parses the hook payload; empty input is an empty payload.
pub fn parse_payload(bytes: &[u8]) -> anyhow::Result<Payload> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| anyhow::anyhow!("hook input is not UTF-8"))?;
    if text.trim().is_empty() {
        return Ok(Payload::default());
    }
    serde_json::from_str(text)
        .map_err(|e| anyhow::anyhow!("hook input is not the JSON object Claude Code sends: {e}"))
}

/// The agent's own name: plugin agents arrive as `plugin:name`.
pub fn agent_name(agent_type: &str) -> &str {
    agent_type.rsplit(':').next().unwrap_or(agent_type).trim()
}

/// The workflow tasks owned by `agent`.
pub fn tasks_for<'a>(manifest: &'a Manifest, agent: &str) -> Vec<&'a Task> {
    manifest
        .workflow
        .iter()
        .filter(|t| t.agent == agent)
        .collect()
}

/// What the review said about one output, as much as the hook needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub path: String,
    pub score: f64,
    pub threshold: u32,
    pub passed: bool,
    pub escalated: bool,
    /// The agent was already sent back and stopped again without changing the artifact.
    pub unrevised: bool,
    pub iteration: u32,
    pub max_iterations: u32,
    /// What to fix, most important first.
    pub problems: Vec<Diagnostic>,
    /// Where the next revision goes.
    pub revision_path: String,
    pub feedback_path: String,
}

/// Problems listed in a block reason: enough to act on, short enough to stay an instruction.
const MAX_PROBLEMS: usize = 8;

/// What the hook prints: a block decision, a message for the user, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Block(String),
    Escalate(String),
    Allow,
}

/// Decides from the verdicts of the agent's outputs.
pub fn decide(verdicts: &[Verdict]) -> Outcome {
    let failing: Vec<&Verdict> = verdicts.iter().filter(|v| !v.passed).collect();
    if failing.is_empty() {
        return Outcome::Allow;
    }
    // Blocking again would repeat an instruction the agent already ignored (and burn the
    // user's budget until Claude Code's own cap), so those go to the user too.
    if failing.iter().all(|v| v.escalated || v.unrevised) {
        let mut msg = String::new();
        for v in &failing {
            if v.escalated {
                let _ = write!(
                    msg,
                    "agentpack: {} is still at {:.0}/100 (threshold {}) after {} refinement rounds; it is escalated to you. See {} for the open problems. ",
                    v.path, v.score, v.threshold, v.max_iterations, v.feedback_path
                );
            } else {
                let _ = write!(
                    msg,
                    "agentpack: the agent stopped again without revising {} (still {:.0}/100, threshold {}); it needs your attention. See {} for the open problems. ",
                    v.path, v.score, v.threshold, v.feedback_path
                );
            }
        }
        return Outcome::Escalate(msg.trim_end().to_string());
    }
    let mut reason = String::new();
    for v in failing.iter().filter(|v| !v.escalated && !v.unrevised) {
        let _ = writeln!(
            reason,
            "agentpack review: {} scored {:.0}/100, under the threshold of {} (round {} of {}).",
            v.path, v.score, v.threshold, v.iteration, v.max_iterations
        );
        let _ = writeln!(
            reason,
            "Write the revision to {}: keep what works and fix only these problems:",
            v.revision_path
        );
        for problem in v.problems.iter().take(MAX_PROBLEMS) {
            let (line, message) = (problem.line, &problem.message);
            let at = if line > 0 {
                format!("line {line}: ")
            } else {
                String::new()
            };
            match problem.fix.as_deref().filter(|f| !f.is_empty()) {
                Some(fix) => {
                    let stop = if message.ends_with(['.', '!', '?']) {
                        ""
                    } else {
                        "."
                    };
                    let _ = writeln!(reason, "- {at}{message}{stop} Fix: {fix}");
                }
                None => {
                    let _ = writeln!(reason, "- {at}{message}");
                }
            }
        }
        if v.problems.len() > MAX_PROBLEMS {
            let _ = writeln!(
                reason,
                "- ... {} more in {}",
                v.problems.len() - MAX_PROBLEMS,
                v.feedback_path
            );
        }
        let _ = writeln!(reason, "The full feedback is in {}.", v.feedback_path);
    }
    Outcome::Block(reason.trim_end().to_string())
}

/// Renders the outcome as the JSON Claude Code reads on stdout (empty for `Allow`).
pub fn render(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Block(reason) => {
            let mut s = serde_json::json!({ "decision": "block", "reason": reason }).to_string();
            s.push('\n');
            s
        }
        Outcome::Escalate(message) => {
            let mut s = serde_json::json!({ "systemMessage": message }).to_string();
            s.push('\n');
            s
        }
        Outcome::Allow => String::new(),
    }
}

/// Reviews the stopping agent's outputs as `agentpack review` would (history and feedback
/// included, under the review lock) and decides. `None` agent type: nothing to do.
pub fn subagent_stop(project: &Project, payload: &Payload) -> anyhow::Result<Outcome> {
    let Some(agent_type) = payload.agent_type.as_deref() else {
        return Ok(Outcome::Allow);
    };
    let stop_active = payload.stop_hook_active.unwrap_or(false);
    let agent = agent_name(agent_type);
    let verdicts = review_outputs(project, agent, stop_active)?;
    if verdicts.is_empty()
        && !stop_active
        && let Some(block) = misplaced_output(project, agent, payload)
    {
        return Ok(block);
    }
    Ok(decide(&verdicts))
}

/// An agent whose workflow outputs do not exist, but whose last answer names a markdown file
/// under `artifacts/` that is no task's output: nothing would ever review that file, so the
/// agent is sent back once to save its work where the workflow expects it. Files of other
/// tasks (inputs it read) and feedback files never count.
fn misplaced_output(project: &Project, agent: &str, payload: &Payload) -> Option<Outcome> {
    use crate::project::artifact::split_revision;
    let expected: Vec<String> = tasks_for(&project.manifest, agent)
        .iter()
        .map(|t| t.key())
        .collect();
    let outputs: Vec<String> = project.manifest.workflow.iter().map(|t| t.key()).collect();
    let written = payload.mentioned_markdown().into_iter().find(|m| {
        let name = m.rsplit('/').next().unwrap_or(m);
        m.starts_with(&format!("{}/", super::select::ARTIFACTS_DIR))
            && !["feedback.md", "feedback.agentpack.md"].contains(&name)
            && !outputs.contains(&split_revision(m).0)
            && crate::fsx::join_inside(&project.root, m).is_ok_and(|p| p.is_file())
    })?;
    let wanted = expected.first()?;
    Some(Outcome::Block(format!(
        "agentpack review: your workflow output {wanted} does not exist, and your last answer names {written}. Save your artifact as {wanted} so it can be reviewed and handed on."
    )))
}

/// Reviews the newest revision of each existing output of `agent`, writing feedback and
/// history as `agentpack review` does.
fn review_outputs(
    project: &Project,
    agent: &str,
    stop_active: bool,
) -> anyhow::Result<Vec<Verdict>> {
    use super::feedback;
    // The newest revision of each of the agent's outputs that exists; nothing else.
    let paths: Vec<PathBuf> = tasks_for(&project.manifest, agent)
        .iter()
        .filter_map(|t| crate::project::artifact::newest_revision(&project.root, &t.output))
        .map(|rel| project.root.join(rel))
        .collect();
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let done = session::review(Some(project), &paths, &Options::default(), true)?;
    if let Some(err) = done.unrecorded {
        return Err(err);
    }
    let outcome = done.outcome;
    let feedback_path = match &done.feedback {
        Some(feedback::Action::Written(path) | feedback::Action::WrittenBeside { path, .. }) => {
            crate::fsx::display_in(path, &project.root)
        }
        _ => crate::project::FEEDBACK_PATH.to_string(),
    };
    Ok(outcome
        .artifacts
        .iter()
        .map(|a| {
            let mut problems: Vec<Diagnostic> = a.ranked().into_iter().cloned().collect();
            if let Some(error) = &a.error {
                let whole = Diagnostic::new("", Severity::Error, &a.path, error.clone());
                problems.insert(0, whole);
            }
            Verdict {
                path: a.path.clone(),
                score: a.score.unwrap_or(0.0),
                threshold: a.threshold,
                passed: a.passed(),
                escalated: a.status == Status::Escalate,
                unrevised: stop_active && a.resubmitted,
                iteration: a.iteration,
                max_iterations: outcome.max_iterations,
                problems,
                revision_path: a.next_revision.clone().unwrap_or_else(|| a.path.clone()),
                feedback_path: feedback_path.clone(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: usize, message: &str) -> Diagnostic {
        Diagnostic::new(
            "RV001",
            Severity::Error,
            "artifacts/research-output.md",
            message,
        )
        .at(line, 1)
    }

    fn verdict(score: f64, passed: bool, escalated: bool) -> Verdict {
        Verdict {
            path: "artifacts/research-output.md".into(),
            score,
            threshold: 80,
            passed,
            escalated,
            unrevised: false,
            iteration: 1,
            max_iterations: 3,
            problems: vec![
                problem(12, "Section `Sources` is missing.")
                    .with_fix("Add a `## Sources` section."),
                problem(0, "Average sentence is 31 words."),
            ],
            revision_path: "artifacts/research-output.v2.md".into(),
            feedback_path: "artifacts/feedback.md".into(),
        }
    }

    #[test]
    fn payload_fields_are_all_optional() {
        let p = parse_payload(b"").unwrap();
        assert!(p.agent_type.is_none());
        let p =
            parse_payload(br#"{"agent_type": "my-plugin:researcher", "cwd": "/x", "extra": 1}"#)
                .unwrap();
        assert_eq!(agent_name(p.agent_type.as_deref().unwrap()), "researcher");
        let p = parse_payload(br#"{"agent_type": "researcher", "agent_id": "a1", "agent_transcript_path": "", "last_assistant_message": "I wrote artifacts/research-output.v2.md."}"#).unwrap();
        assert_eq!(p.mentioned_markdown(), ["artifacts/research-output.v2.md"]);
        let err = parse_payload(b"{not json").unwrap_err().to_string();
        assert!(err.contains("line 1 column 2"), "{err}");
    }

    #[test]
    fn below_threshold_blocks_with_fixes_and_revision_path() {
        let Outcome::Block(reason) = decide(&[verdict(62.0, false, false)]) else {
            panic!("expected a block")
        };
        assert!(
            reason.contains("scored 62/100, under the threshold of 80 (round 1 of 3)"),
            "{reason}"
        );
        assert!(reason.contains("artifacts/research-output.v2.md"));
        assert!(
            reason.contains(
                "- line 12: Section `Sources` is missing. Fix: Add a `## Sources` section."
            )
        );
        assert!(reason.contains("- Average sentence is 31 words."));
        let json: serde_json::Value =
            serde_json::from_str(&render(&Outcome::Block(reason))).unwrap();
        assert_eq!(json["decision"], "block");
    }

    #[test]
    fn passing_or_escalated_lets_the_agent_stop() {
        assert_eq!(decide(&[verdict(91.0, true, false)]), Outcome::Allow);
        assert_eq!(decide(&[]), Outcome::Allow);
        let Outcome::Escalate(msg) = decide(&[verdict(55.0, false, true)]) else {
            panic!("expected an escalation")
        };
        assert!(msg.contains("escalated to you"), "{msg}");
        let json: serde_json::Value =
            serde_json::from_str(&render(&Outcome::Escalate(msg))).unwrap();
        assert!(json.get("decision").is_none());
        assert_eq!(render(&Outcome::Allow), "");
    }

    #[test]
    fn stopping_again_without_a_revision_goes_to_the_user() {
        let mut v = verdict(62.0, false, false);
        v.unrevised = true;
        let Outcome::Escalate(msg) = decide(&[v]) else {
            panic!("an ignored instruction is not repeated")
        };
        assert!(
            msg.contains("stopped again without revising artifacts/research-output.md"),
            "{msg}"
        );
    }

    #[test]
    fn long_problem_lists_are_cut_with_a_pointer() {
        let mut v = verdict(40.0, false, false);
        v.problems = (1..=20)
            .map(|i| problem(i, &format!("problem {i}")))
            .collect();
        let Outcome::Block(reason) = decide(&[v]) else {
            panic!()
        };
        assert!(reason.contains("problem 8") && !reason.contains("problem 9\n"));
        assert!(reason.contains("... 12 more in artifacts/feedback.md"));
    }
}
