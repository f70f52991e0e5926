//! The one manifest validator. `check` reports everything it finds; every command that loads
//! the project refuses the manifest on the schema and output errors (see [`blocks_loading`]).
//! Positions come from one place: a spanned mirror of the manifest read by the YAML facade.

use std::collections::HashMap;
use std::path::Path;

use globset::Glob;
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::manifest::Manifest;
use super::workflow::{self, GraphError};
use crate::diag::{Diagnostic, Severity};
use crate::yaml::{self, Spanned};

/// The manifest does not parse or breaks its schema (globs included).
pub const INVALID_MANIFEST: &str = "PJ001";
/// The workflow has a cycle or needs a task that does not exist.
pub const WORKFLOW_NOT_DAG: &str = "PJ002";
/// A task names an agent `agents:` does not declare.
pub const UNKNOWN_TASK_AGENT: &str = "PJ003";
/// A task output leaves the project or is shared by two tasks.
pub const INVALID_OUTPUT: &str = "PJ005";
/// A rubric name is neither built in nor in `.agentpack/rubrics/`.
pub const UNKNOWN_RUBRIC: &str = "PJ006";

/// Whether a finding makes the manifest unusable for every command (not only for `check`).
pub fn blocks_loading(d: &Diagnostic) -> bool {
    d.severity == Severity::Error && (d.code == INVALID_MANIFEST || d.code == INVALID_OUTPUT)
}

type Mark = Option<Spanned<IgnoredAny>>;

/// Where each value of the manifest was written; unknown positions are (1, 1).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Marks {
    version: Mark,
    threshold: Mark,
    max_iterations: Mark,
    agents: Option<IndexMap<String, Spanned<IgnoredAny>>>,
    workflow: Option<Vec<TaskMarks>>,
    review: Option<ReviewMarks>,
    check: Option<CheckMarks>,
    judge: Option<super::validate_judge::JudgeMarks>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CheckMarks {
    select: Option<Vec<Spanned<IgnoredAny>>>,
    ignore: Option<Vec<Spanned<IgnoredAny>>>,
    per_path_ignores: Option<IndexMap<String, Spanned<IgnoredAny>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TaskMarks {
    id: Mark,
    agent: Mark,
    needs: Mark,
    output: Mark,
    rubric: Mark,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReviewMarks {
    rules: Option<Vec<RuleMarks>>,
    default_rubric: Mark,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RuleMarks {
    glob: Mark,
    rubric: Mark,
}

fn pos(mark: &Mark) -> (usize, usize) {
    mark.as_ref().map_or((1, 1), yaml::position)
}

impl Marks {
    /// Reads the positions of `text`; a manifest that does not parse has none.
    pub fn read(text: &str) -> Marks {
        yaml::parse(text, 0).unwrap_or_default()
    }

    fn task(&self, i: usize) -> Option<&TaskMarks> {
        self.workflow.as_ref()?.get(i)
    }

    fn task_field(&self, i: usize, field: fn(&TaskMarks) -> &Mark) -> (usize, usize) {
        self.task(i).map_or((1, 1), |t| pos(field(t)))
    }

    /// Where rule spec `i` of `check.select` / `check.ignore` is written, or the entry of glob
    /// `i` of `check.per_path_ignores` (`list` names which).
    pub fn check_spec(&self, list: &str, i: usize) -> (usize, usize) {
        let check = self.check.as_ref();
        let at = match list {
            "select" => check.and_then(|c| c.select.as_ref()?.get(i)),
            "ignore" => check.and_then(|c| c.ignore.as_ref()?.get(i)),
            _ => check.and_then(|c| c.per_path_ignores.as_ref()?.get_index(i).map(|(_, v)| v)),
        };
        at.map_or((1, 1), yaml::position)
    }

    /// The line of task `i`'s `id` (`task`) or review rule `i`'s `glob`, for [`super::edit`].
    pub fn line(&self, task: bool, i: usize) -> Option<usize> {
        let mark = if task {
            self.task(i)?.id.as_ref()
        } else {
            self.review.as_ref()?.rules.as_ref()?.get(i)?.glob.as_ref()
        };
        mark.map(|m| yaml::position(m).0)
    }

    /// Where the entry of agent `name` under `agents:` is written.
    pub fn agent(&self, name: &str) -> (usize, usize) {
        self.agents
            .as_ref()
            .and_then(|a| a.get(name))
            .map_or((1, 1), yaml::position)
    }
}

/// The manifest (when it parses) and every problem found in it, sorted.
#[derive(Debug)]
pub struct Validated {
    pub manifest: Option<Manifest>,
    pub marks: Marks,
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates the manifest text of the project at `root` (`path` names it in findings).
pub fn validate(root: &Path, path: &Path, text: &str) -> Validated {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let at = |code: &str, (line, col): (usize, usize), msg: String, fix: &str| {
        Diagnostic::new(code, Severity::Error, path, msg)
            .at(line, col)
            .with_fix(fix)
    };
    if text.trim().is_empty() {
        out.push(at(
            INVALID_MANIFEST,
            (1, 1),
            "the manifest is empty".into(),
            "run `agentpack init` to write one",
        ));
        return Validated {
            manifest: None,
            marks: Marks::default(),
            diagnostics: out,
        };
    }
    let manifest: Manifest = match yaml::parse(text, 0) {
        Ok(m) => m,
        Err(e) => {
            out.push(at(
                INVALID_MANIFEST,
                (e.line, e.column),
                e.message,
                "see `agentpack explain PJ001` for the schema",
            ));
            return Validated {
                manifest: None,
                marks: Marks::default(),
                diagnostics: out,
            };
        }
    };
    let marks = Marks::read(text);
    if manifest.version != 1 {
        out.push(at(
            INVALID_MANIFEST,
            pos(&marks.version),
            format!(
                "unsupported version {}; this agentpack reads version 1",
                manifest.version
            ),
            "write `version: 1`",
        ));
    }
    if manifest.threshold.is_some_and(|t| t > 100) {
        out.push(at(
            INVALID_MANIFEST,
            pos(&marks.threshold),
            "threshold must be between 0 and 100".into(),
            "write a pass mark such as `threshold: 80`",
        ));
    }
    if manifest.max_iterations == Some(0) {
        out.push(at(
            INVALID_MANIFEST,
            pos(&marks.max_iterations),
            "max_iterations must be at least 1".into(),
            "write `max_iterations: 3`",
        ));
    }
    check_tasks(root, &manifest, &marks, &mut |d| out.push(d), path);
    out.extend(super::brief::check(text, &manifest, path, INVALID_MANIFEST));
    check_review(root, &manifest, &marks, &mut out, path);
    check_selection(&manifest, &marks, &mut out, path);
    super::validate_judge::check(
        INVALID_MANIFEST,
        &manifest,
        marks.judge.as_ref(),
        &mut out,
        path,
    );
    crate::diag::sort(&mut out);
    Validated {
        manifest: Some(manifest),
        marks,
        diagnostics: out,
    }
}

fn check_tasks(
    root: &Path,
    manifest: &Manifest,
    marks: &Marks,
    push: &mut dyn FnMut(Diagnostic),
    path: &Path,
) {
    let at = |code: &str, (line, col): (usize, usize), msg: String, fix: String| {
        Diagnostic::new(code, Severity::Error, path, msg)
            .at(line, col)
            .with_fix(fix)
    };
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut outputs: HashMap<String, &str> = HashMap::new();
    for (i, task) in manifest.workflow.iter().enumerate() {
        if ids.insert(task.id.as_str(), i).is_some() {
            push(at(
                INVALID_MANIFEST,
                marks.task_field(i, |t| &t.id),
                format!("task id `{}` is used twice", task.id),
                "give every task a unique id".into(),
            ));
        }
        if !manifest.agents.contains_key(&task.agent) {
            let fix = match crate::diag::nearest(&task.agent, manifest.agents.keys()) {
                Some(n) => format!("use `agent: {n}`"),
                None => format!(
                    "declare `{}` under `agents:` (or run `agentpack add {}`)",
                    task.agent, task.agent
                ),
            };
            push(at(
                UNKNOWN_TASK_AGENT,
                marks.task_field(i, |t| &t.agent),
                format!(
                    "task `{}` runs agent `{}`, which `agents:` does not declare",
                    task.id, task.agent
                ),
                fix,
            ));
        }
        let output_at = marks.task_field(i, |t| &t.output);
        let escape = crate::fsx::check_relative(&task.output).err().or_else(|| {
            crate::fsx::join_inside(root, &task.output)
                .err()
                .map(|e| e.to_string())
        });
        if let Some(msg) = escape {
            push(at(
                INVALID_OUTPUT,
                output_at,
                format!("task `{}`: {msg}", task.id),
                "write outputs below the project, e.g. `artifacts/NAME.md`".into(),
            ));
        } else if let Some(what) = generated_path(&task.key(), path) {
            push(at(
                INVALID_OUTPUT,
                output_at,
                format!(
                    "task `{}` writes `{}`, which is {what}; `init` would replace one with the other",
                    task.id, task.output
                ),
                "write outputs below artifacts/, e.g. `artifacts/NAME.md`".into(),
            ));
        } else if let Some(first) = outputs.insert(task.key(), task.id.as_str()) {
            push(at(
                INVALID_OUTPUT,
                output_at,
                format!(
                    "task `{}` writes `{}`, the output of task `{first}` too",
                    task.id, task.output
                ),
                "give each task its own output file".into(),
            ));
        }
    }
    if let Err(err) = workflow::waves(&manifest.workflow) {
        let index = |id: &str| manifest.workflow.iter().position(|t| t.id == id);
        let (line_col, fix) = match &err {
            GraphError::UnknownNeed { task, missing } => (
                index(task).map_or((1, 1), |i| marks.task_field(i, |t| &t.needs)),
                match crate::diag::nearest(missing, manifest.workflow.iter().map(|t| &t.id)) {
                    Some(n) => format!("use `{n}`"),
                    None => "name an existing task id in `needs`".into(),
                },
            ),
            GraphError::Cycle(ids) => (
                ids.first()
                    .and_then(|id| index(id))
                    .map_or((1, 1), |i| marks.task_field(i, |t| &t.needs)),
                "remove one `needs` edge of the cycle".into(),
            ),
        };
        push(at(WORKFLOW_NOT_DAG, line_col, err.to_string(), fix));
    }
}

/// What agentpack keeps at `key` (a normalised project path), when it is one of its own
/// files: a workflow output there would overwrite it or be overwritten by it.
fn generated_path(key: &str, manifest: &Path) -> Option<&'static str> {
    let lower = key.to_lowercase();
    let manifest_name = manifest
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase());
    if lower.starts_with(".claude/") || lower == ".claude" {
        Some("Claude Code's configuration (.claude/)")
    } else if lower == "agents.md" {
        Some("the generated AGENTS.md")
    } else if lower == super::manifest::MANIFEST || Some(&lower) == manifest_name.as_ref() {
        Some("the manifest")
    } else if super::layout::is_state(&lower) || lower == super::layout::legacy::LOCKFILE {
        Some("agentpack's own state (.agentpack/)")
    } else if lower == super::artifact::FEEDBACK_PATH || lower == "artifacts/feedback.agentpack.md"
    {
        Some("the review feedback file")
    } else if lower == ".gitkeep" || lower.ends_with("/.gitkeep") {
        Some("a generated .gitkeep")
    } else {
        None
    }
}

fn check_review(
    root: &Path,
    manifest: &Manifest,
    marks: &Marks,
    out: &mut Vec<Diagnostic>,
    path: &Path,
) {
    let rule_marks = marks.review.as_ref().and_then(|r| r.rules.as_ref());
    let rule_mark = |i: usize, field: fn(&RuleMarks) -> &Mark| {
        rule_marks
            .and_then(|r| r.get(i))
            .map_or((1, 1), |r| pos(field(r)))
    };
    let mut names: Vec<(&str, (usize, usize))> = Vec::new();
    for (i, task) in manifest.workflow.iter().enumerate() {
        if let Some(r) = &task.rubric {
            names.push((r, marks.task_field(i, |t| &t.rubric)));
        }
    }
    for (i, rule) in manifest.review.rules.iter().enumerate() {
        if let Err(e) = Glob::new(&rule.glob) {
            let (line, col) = rule_mark(i, |r| &r.glob);
            out.push(
                Diagnostic::new(
                    INVALID_MANIFEST,
                    Severity::Error,
                    path,
                    format!("invalid glob `{}`: {}", rule.glob, e.kind()),
                )
                .at(line, col)
                .with_fix(
                    "write a glob such as `artifacts/**/*.md` (`*`, `**`, `?`, `[ab]`, `{a,b}`)",
                ),
            );
        }
        names.push((&rule.rubric, rule_mark(i, |r| &r.rubric)));
    }
    if let Some(r) = &manifest.review.default_rubric {
        let at = marks
            .review
            .as_ref()
            .map_or((1, 1), |m| pos(&m.default_rubric));
        names.push((r, at));
    }
    let builtin = crate::rubric::builtin_names();
    for (name, (line, col)) in names {
        let local = crate::fsx::check_relative(name).is_ok()
            && root
                .join(crate::assets::RUBRICS.override_rel(root, name))
                .is_file();
        if builtin.contains(&name) || local {
            continue;
        }
        let fix = match crate::diag::nearest(name, builtin.iter()) {
            Some(n) => format!(
                "use `{n}`, or add {}/{name}.yaml",
                super::layout::RUBRICS_DIR
            ),
            None => format!(
                "add {}/{name}.yaml; `agentpack list rubrics` shows the built-in ones",
                super::layout::RUBRICS_DIR
            ),
        };
        out.push(
            Diagnostic::new(
                UNKNOWN_RUBRIC,
                Severity::Error,
                path,
                format!(
                    "rubric `{name}` is neither built in nor in {}/",
                    super::layout::RUBRICS_DIR
                ),
            )
            .at(line, col)
            .with_fix(fix),
        );
    }
}

/// Whether `spec` can name rules: a code or code prefix (`AG`, `AG02`, `AG020`) or a kebab-case
/// rule name (`legacy-tool`).
pub fn is_rule_spec(spec: &str) -> bool {
    let letters = spec.chars().take_while(char::is_ascii_uppercase).count();
    let code =
        letters == 2 && spec.len() <= 5 && spec[letters..].chars().all(|c| c.is_ascii_digit());
    let name = !spec.is_empty()
        && spec.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    code || name
}

/// A `check:` rule spec that names no rule, at its position.
pub fn unknown_rule_spec(path: &Path, spec: &str, (line, col): (usize, usize)) -> Diagnostic {
    Diagnostic::new(
        INVALID_MANIFEST,
        Severity::Error,
        path,
        format!(
            "`{spec}` names no rule: write a code (`AG020`), a prefix (`AG`) or a rule name (`legacy-tool`)"
        ),
    )
    .at(line, col)
    .with_fix("`agentpack explain --list` shows every code and name")
}

/// Every rule spec of the `check:` section with its position: (spec, line, column).
pub fn rule_specs<'a>(manifest: &'a Manifest, marks: &Marks) -> Vec<(&'a str, (usize, usize))> {
    let config = &manifest.check;
    let mut out = Vec::new();
    for (i, spec) in config.select.iter().enumerate() {
        out.push((spec.as_str(), marks.check_spec("select", i)));
    }
    for (i, spec) in config.ignore.iter().enumerate() {
        out.push((spec.as_str(), marks.check_spec("ignore", i)));
    }
    for (i, specs) in config.per_path_ignores.values().enumerate() {
        let at = marks.check_spec("per_path_ignores", i);
        out.extend(specs.iter().map(|s| (s.as_str(), at)));
    }
    out
}

fn check_selection(manifest: &Manifest, marks: &Marks, out: &mut Vec<Diagnostic>, path: &Path) {
    for (spec, at) in rule_specs(manifest, marks) {
        if !is_rule_spec(spec) {
            out.push(unknown_rule_spec(path, spec, at));
        }
    }
    for (i, glob) in manifest.check.per_path_ignores.keys().enumerate() {
        let at = marks.check_spec("per_path_ignores", i);
        if let Err(e) = Glob::new(glob) {
            out.push(
                Diagnostic::new(
                    INVALID_MANIFEST,
                    Severity::Error,
                    path,
                    format!("invalid glob `{glob}`: {}", e.kind()),
                )
                .at(at.0, at.1)
                .with_fix("write a glob such as `.claude/agents/vendor/**`"),
            );
        }
    }
}

/// Parses and validates manifest text; the first problem that makes it unusable is an
/// error naming `path`, line and column (`check` reports all of them).
pub fn parse(path: &Path, text: &str) -> anyhow::Result<Manifest> {
    let root = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let checked = validate(root, path, text);
    if let Some(d) = checked.diagnostics.iter().find(|d| blocks_loading(d)) {
        anyhow::bail!("{}:{}:{}: {}", path.display(), d.line, d.column, d.message);
    }
    checked
        .manifest
        .ok_or_else(|| anyhow::anyhow!("{}: the manifest cannot be read", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "version: 1\nname: demo\nagents:\n  writer: {}\n  researcher:\n    model: opus\nworkflow:\n  - id: research\n    agent: researcher\n    output: artifacts/r.md\n    rubric: research-report\n  - { id: write, agent: writer, needs: [research], output: artifacts/w.md }\n";

    #[test]
    fn parses_and_applies_defaults() {
        let m = parse(Path::new("agentpack.yaml"), GOOD).unwrap();
        assert_eq!(m.threshold(), 80);
        assert_eq!(m.max_iterations(), 3);
        assert_eq!(
            m.agents.keys().collect::<Vec<_>>(),
            ["writer", "researcher"]
        );
        assert_eq!(m.workflow[1].needs, ["research"]);
    }

    #[test]
    fn unknown_key_names_file_line_column() {
        let text = GOOD.replace("name: demo", "name: demo\nthreshhold: 70");
        let err = parse(Path::new("agentpack.yaml"), &text).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("agentpack.yaml:3:1: unknown field `threshhold`"),
            "{err}"
        );
    }

    #[test]
    fn escaping_output_is_refused_with_position() {
        let text = GOOD.replace("artifacts/w.md", "../w.md");
        let err = parse(Path::new("m.yaml"), &text).unwrap_err().to_string();
        assert!(err.starts_with("m.yaml:12:"), "{err}");
        assert!(err.contains("leaves the project"), "{err}");
    }

    #[test]
    fn output_naming_a_generated_file_is_refused() {
        for generated in [
            ".claude/settings.json",
            ".claude/agents/writer.md",
            "AGENTS.md",
            "./agents.md",
            "agentpack.yaml",
            "agentpack.lock",
            ".agentpack/logs/reviews.jsonl",
            ".agentpack/agentpack.lock",
            "artifacts/feedback.md",
            ".agentpack/templates/project/AGENTS.md.j2",
            "artifacts/.gitkeep",
        ] {
            let text = GOOD.replace("artifacts/w.md", generated);
            let err = parse(Path::new("m.yaml"), &text).unwrap_err().to_string();
            assert!(err.starts_with("m.yaml:12:"), "{generated}: {err}");
        }
    }

    #[test]
    fn control_character_in_output_is_refused() {
        let text = GOOD.replace("artifacts/w.md", "\"artifacts/\\u0000x.md\"");
        let err = parse(Path::new("m.yaml"), &text).unwrap_err().to_string();
        assert!(err.contains("control character U+0000"), "{err}");
    }

    #[test]
    fn bad_review_glob_is_refused_at_its_position() {
        let text = format!(
            "{GOOD}review:\n  rules:\n    - {{ glob: \"artifacts/[x.md\", rubric: generic }}\n"
        );
        let err = parse(Path::new("m.yaml"), &text).unwrap_err().to_string();
        assert!(
            err.starts_with("m.yaml:15:15: invalid glob `artifacts/[x.md`"),
            "{err}"
        );
    }

    #[test]
    fn threshold_range_is_checked() {
        let text = GOOD.replace("name: demo", "name: demo\nthreshold: 120");
        let err = parse(Path::new("m.yaml"), &text).unwrap_err().to_string();
        // The position of the offending value, not of its key.
        assert!(err.starts_with("m.yaml:3:12: threshold must be"), "{err}");
    }
}
