//! What gets reviewed, and against which rubric. In a project without paths: the newest
//! revision of each workflow output (missing ones are pending) and every other markdown file
//! under `artifacts/` by the manifest's `review.rules`. With paths: those files, folders
//! walked for `*.md`. Older revisions and the feedback file are never reviewed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Serialize;

use crate::project::artifact::{next_revision, split_revision, task_revisions};
use crate::project::{Project, Task};
use crate::rubric::GENERIC;
use crate::rubric::fit::Why;

/// What the command line (or a hook) asks of a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Forces one rubric (name or file) for every target.
    pub rubric: Option<String>,
    /// Overrides the rubric's and the manifest's threshold.
    pub threshold: Option<u32>,
    /// The semantic judge of this run (`review --judge`); `None`: rules only.
    pub judge: Option<super::judge::settings::Settings>,
}

/// Folder of a project that holds artifacts.
pub const ARTIFACTS_DIR: &str = crate::project::artifact::ARTIFACTS_DIR;
/// File names that are review output, not artifacts.
const FEEDBACK_NAMES: [&str; 2] = ["feedback.md", "feedback.agentpack.md"];

/// One file to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Where to read it.
    pub file: PathBuf,
    /// As shown and recorded: relative to the project root (`/`-separated), or as given.
    pub path: String,
    /// History key: the path of the first revision (`artifacts/x.md` for `artifacts/x.v3.md`).
    pub key: String,
    pub task: Option<String>,
    pub rubric: String,
    /// 1 for `x.md`, N for `x.vN.md`.
    pub revision: u32,
    /// Where the next revision goes (`artifacts/x.v4.md`); `None` outside a project.
    pub next_revision: Option<String>,
    /// Why `rubric` was chosen when review detected the kind of document (no rubric named,
    /// not a workflow output): "tutorial or guide: title mentions ...".
    pub detected: Option<String>,
    /// Nobody named a rubric: [`run`](super::run) detects the kind of document from the file
    /// it parses for scoring (each file is read and parsed once) and sets `rubric` and
    /// `detected` in its report. Until then `rubric` is `generic`, which is also what a file
    /// that cannot be read is reported with.
    pub detect: bool,
}

/// Detects the rubric of a parsed file nobody named one for; (rubric, reason, the outcomes
/// of its `roles` checks already evaluated on `doc` with `env`, for `score::score_known`, and
/// whether the kind chosen was guessed: no title or heading names it, `Env::kind_guessed`).
/// When other kinds come close, the one whose core parts the document has is chosen among
/// them (`rubric_for` gives a rubric by name). A kind chosen by a guess whose core parts the
/// document mostly lacks is dropped for `generic` ([`GUESS_FIT`]), unless its evidence
/// checks fail the document.
pub(crate) fn detect<R: std::ops::Deref<Target = crate::rubric::Rubric>>(
    doc: &crate::document::Document,
    file: &Path,
    env: &crate::rubric::rules::Env,
    rubric_for: impl Fn(&str) -> Option<R>,
) -> (String, String, crate::rubric::fit::Parts, bool) {
    let (name, reason, parts, guessed) = choose(doc, file, env, &rubric_for);
    if !guessed {
        return (name, reason, parts, guessed);
    }
    let Some(rubric) = rubric_for(&name) else {
        return (name, reason, parts, guessed);
    };
    let fit = if parts.is_empty() {
        crate::rubric::fit::parts_fit(&rubric, doc, env).0
    } else {
        crate::rubric::fit::fit_of(&rubric, &parts).0
    };
    // Its evidence checks (a debug report's verified fix, a review's `path:line`) hold
    // whatever the kind's parts: a document they fail keeps the kind.
    if fit >= GUESS_FIT || crate::rubric::fit::evidence_fails(&rubric, doc, env) {
        return (name, reason, parts, guessed);
    }
    let reason = format!(
        "{reason}; no title or heading names that kind and it has {:.0}% of its parts: scored as {GENERIC}",
        fit * 100.0
    );
    (GENERIC.to_string(), reason, Vec::new(), false)
}

/// The share of a guessed kind's core parts (`fit::parts_fit`) under which the guess, not the
/// document, is taken to be wrong: a blog post about design meetings, guessed a design doc
/// from its title's topic, has no problem statement, design or alternatives to fail on.
const GUESS_FIT: f64 = 0.5;

/// [`detect`] before the check of a guessed kind's parts.
fn choose<R: std::ops::Deref<Target = crate::rubric::Rubric>>(
    doc: &crate::document::Document,
    file: &Path,
    env: &crate::rubric::rules::Env,
    rubric_for: impl Fn(&str) -> Option<R>,
) -> (String, String, crate::rubric::fit::Parts, bool) {
    let d = crate::rubric::detect::detect_doc(doc, &file.to_string_lossy());
    let reason = format!("detected {}: {}", d.kind, d.reason);
    // Whether the candidate at `i` (the detected kind, then each close kind) was guessed.
    let guessed = |i: usize| !d.named.get(i).copied().unwrap_or(true);
    if d.close.is_empty() {
        return (d.rubric, reason, Vec::new(), guessed(0));
    }
    let names: Vec<String> = std::iter::once(d.rubric.clone())
        .chain(d.close.iter().map(|(r, _)| r.clone()))
        .collect();
    let (chosen, parts, why) =
        crate::rubric::fit::best_fit(doc, env, &names, &d.evidence, rubric_for).unwrap_or((
            &d.rubric,
            Vec::new(),
            Why::Parts,
        ));
    let Some(at) = d.close.iter().position(|(r, _)| r == chosen) else {
        return (d.rubric, reason, parts, guessed(0));
    };
    let others: Vec<&str> = d.close.iter().map(|(_, k)| k.as_str()).collect();
    let because = match why {
        Why::Parts => "the kind whose parts it has",
        Why::Evidence => "whose parts it has but whose evidence it lacks",
    };
    let reason = format!(
        "{reason}; {} comes close ({}): scored as {}, {because}",
        if others.len() == 1 {
            "another kind"
        } else {
            "other kinds"
        },
        others.join(", "),
        d.close[at].1
    );
    (d.close[at].0.clone(), reason, parts, guessed(at + 1))
}

/// A workflow output that does not exist yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pending {
    pub task: String,
    pub agent: String,
    pub path: String,
    pub rubric: String,
}

/// What one run reviews.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub targets: Vec<Target>,
    pub pending: Vec<Pending>,
    /// Paths that could not be walked or found, with the reason; they count as failed.
    pub problems: Vec<(String, String)>,
    /// The whole project was selected (feedback for artifacts not seen can be dropped).
    pub whole_project: bool,
}

fn rel_string(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn is_feedback(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FEEDBACK_NAMES.contains(&n))
}

/// Markdown files below `dir`, sorted; walk errors (symlink loops, permissions) reported.
fn walk_markdown(dir: &Path, problems: &mut Vec<(String, String)>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "md") && !is_feedback(p) {
                    files.push(p.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(err) => {
                // Shown relative to the folder above the one walked (`artifacts/loop`), never
                // as an absolute path.
                let base = dir.parent().unwrap_or(dir);
                let at = crate::fsx::display_in(err.path().unwrap_or(dir), base);
                let why = if err.loop_ancestor().is_some() {
                    "symlink loop; remove the link or point it elsewhere".to_string()
                } else {
                    err.io_error()
                        .map_or_else(|| err.to_string(), ToString::to_string)
                };
                problems.push((at, why));
            }
        }
    }
    files
}

/// Review rules of the manifest, compiled. The manifest validator refused bad globs when the
/// project was loaded, so one that does not compile here is skipped, not fatal.
fn review_rules(project: &Project) -> anyhow::Result<Vec<(GlobMatcher, String)>> {
    Ok(project
        .manifest
        .review
        .rules
        .iter()
        .filter_map(|r| Some((Glob::new(&r.glob).ok()?.compile_matcher(), r.rubric.clone())))
        .collect())
}

struct Resolver<'a> {
    project: &'a Project,
    rules: Vec<(GlobMatcher, String)>,
    forced: Option<&'a str>,
}

impl Resolver<'_> {
    fn task_for(&self, key: &str) -> Option<&Task> {
        self.project
            .manifest
            .workflow
            .iter()
            .find(|t| t.key() == key)
    }

    /// A target for the project-relative `rel` (an artifact inside the project).
    fn target(&self, file: PathBuf, rel: &str) -> Target {
        let (key, revision) = split_revision(rel);
        let default = self
            .project
            .manifest
            .review
            .default_rubric
            .as_deref()
            .unwrap_or(GENERIC);
        let task = self.task_for(&key);
        let mut detect = false;
        let rubric = match (self.forced, task) {
            (Some(r), _) => r.to_string(),
            (None, Some(t)) => t.rubric.clone().unwrap_or_else(|| default.to_string()),
            (None, None) => match self.rules.iter().find(|(m, _)| m.is_match(rel)) {
                Some((_, r)) => r.clone(),
                None if self.project.manifest.review.default_rubric.is_none() => {
                    detect = true;
                    GENERIC.to_string()
                }
                None => default.to_string(),
            },
        };
        Target {
            file,
            path: rel.to_string(),
            next_revision: Some(next_revision(&key, revision)),
            key,
            task: task.map(|t| t.id.clone()),
            rubric,
            revision,
            detected: None,
            detect,
        }
    }
}

/// Keeps the newest revision of each group of `(rel, file)` pairs.
fn newest(files: Vec<(String, PathBuf)>) -> Vec<(String, PathBuf)> {
    let mut groups: BTreeMap<String, (u32, String, PathBuf)> = BTreeMap::new();
    for (rel, file) in files {
        let (key, n) = split_revision(&rel);
        let slot = groups
            .entry(key)
            .or_insert((0, String::new(), PathBuf::new()));
        if n > slot.0 {
            *slot = (n, rel, file);
        }
    }
    groups
        .into_values()
        .map(|(_, rel, file)| (rel, file))
        .collect()
}

/// Chooses the targets of one run.
pub fn select(
    project: Option<&Project>,
    paths: &[PathBuf],
    opts: &Options,
) -> anyhow::Result<Selection> {
    let mut sel = Selection {
        whole_project: paths.is_empty(),
        ..Selection::default()
    };
    let Some(project) = project else {
        if paths.is_empty() {
            anyhow::bail!(
                "no {} here or in a parent folder; name the files to review, or run `agentpack init`",
                crate::project::MANIFEST
            );
        }
        for (file, shown) in expand(paths, &mut sel.problems) {
            let (rubric, detect) = match &opts.rubric {
                Some(r) => (r.clone(), false),
                None => (GENERIC.to_string(), true),
            };
            let (_, revision) = split_revision(&shown);
            sel.targets.push(Target {
                file,
                key: shown.clone(),
                path: shown,
                task: None,
                rubric,
                revision,
                next_revision: None,
                detected: None,
                detect,
            });
        }
        return Ok(sel);
    };
    let resolver = Resolver {
        project,
        rules: review_rules(project)?,
        forced: opts.rubric.as_deref(),
    };
    let root = &project.root;
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    let relative = |file: &Path| -> Option<String> {
        let canon = file.canonicalize().ok()?;
        canon.strip_prefix(&canon_root).ok().map(rel_string)
    };
    let found: Vec<(String, PathBuf)> = if paths.is_empty() {
        let files = walk_markdown(&root.join(ARTIFACTS_DIR), &mut sel.problems);
        let mut found: Vec<(String, PathBuf)> = files
            .into_iter()
            .filter_map(|f| Some((relative(&f)?, f)))
            .collect();
        for task in &project.manifest.workflow {
            found.extend(
                task_revisions(root, &task.output)
                    .into_iter()
                    .filter(|(r, _)| !found.iter().any(|(o, _)| o == r))
                    .collect::<Vec<_>>(),
            );
        }
        newest(found)
    } else {
        expand(paths, &mut sel.problems)
            .into_iter()
            .map(|(f, shown)| (relative(&f).unwrap_or(shown), f))
            .collect()
    };
    for (rel, file) in found {
        sel.targets.push(resolver.target(file, &rel));
    }
    if paths.is_empty() {
        for task in &project.manifest.workflow {
            let key = task.key();
            if !sel.targets.iter().any(|t| t.key == key) {
                let default = project
                    .manifest
                    .review
                    .default_rubric
                    .as_deref()
                    .unwrap_or(GENERIC);
                sel.pending.push(Pending {
                    task: task.id.clone(),
                    agent: task.agent.clone(),
                    path: key.to_string(),
                    rubric: opts
                        .rubric
                        .clone()
                        .or_else(|| task.rubric.clone())
                        .unwrap_or_else(|| default.to_string()),
                });
            }
        }
    }
    sel.targets.sort_by(|a, b| a.path.cmp(&b.path));
    sel.targets.dedup_by(|a, b| a.path == b.path);
    Ok(sel)
}

/// Files named on the command line, folders walked; each with the path as shown.
fn expand(paths: &[PathBuf], problems: &mut Vec<(String, String)>) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            out.extend(walk_markdown(path, problems).into_iter().map(|f| {
                let shown = rel_string(&f);
                (
                    f,
                    shown
                        .strip_prefix("./")
                        .map(str::to_string)
                        .unwrap_or(shown),
                )
            }));
        } else if path.exists() || path.is_symlink() {
            out.push((path.clone(), rel_string(path)));
        } else {
            problems.push((rel_string(path), "no such file or folder".into()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_revision_wins() {
        let files = ["a/x.md", "a/x.v2.md", "a/x.v10.md", "a/y.md"]
            .map(|p| (p.to_string(), PathBuf::from(p)))
            .to_vec();
        let kept: Vec<String> = newest(files).into_iter().map(|(r, _)| r).collect();
        assert_eq!(kept, ["a/x.v10.md", "a/y.md"]);
    }
}
