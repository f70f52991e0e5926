//! The optional semantic judge: after the rules have scored an artifact, a command (Claude
//! Code headless by default) answers the rubric's `judge:` questions, and its verdict is
//! blended into the dimensions (`score` mode) or shown beside them (`advise` mode). Rules'
//! gates still fail an artifact whatever the judge says; a judge that fails is never a pass.
//!
//! Pieces: [`settings`] (manifest + flags), [`context`] (the prompt), [`process`] (the run,
//! with a timeout), [`verdict`] (parsing), [`cache`] (verdicts already paid for), [`blend`].

mod blend;
pub mod cache;
mod context;
mod process;
pub mod settings;
pub mod types;
pub mod verdict;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::outcome::ArtifactReport;
use crate::project::Project;
use crate::rubric::Rubric;
use crate::scaffold::render::Renderer;

pub use context::TEMPLATE;
pub use settings::{DEFAULT_COMMAND, DEFAULT_TIMEOUT_S, Request, Settings, split_command};
pub use types::{ArtifactJudge, DimensionPart, Source, Summary};

/// An artifact the judge will look at: its index in the report list and its prompt.
struct Job {
    index: usize,
    rubric: Arc<Rubric>,
    key: String,
    prompt: String,
    cached: Option<verdict::Verdict>,
    /// Lines of the artifact (a lossy read keeps every line break): a judge finding past them
    /// is placed on line 0.
    lines: usize,
}

/// Judges `artifacts` (already scored by the rules, sorted by path) and blends or attaches the
/// verdicts. A broken prompt template is an error (exit 2); everything else that goes wrong
/// is a finding on the artifact.
pub fn apply(
    project: Option<&Project>,
    settings: &Settings,
    artifacts: &mut [ArtifactReport],
    rubric_for: impl Fn(&str) -> Option<Arc<Rubric>>,
) -> anyhow::Result<Summary> {
    let root = project.map(|p| p.root.as_path());
    let renderer = Renderer::new(root);
    let template = context::template_source(root);
    let mut summary = Summary {
        mode: settings.mode,
        command: settings.display(),
        calls: 0,
        cached: 0,
        over_cap: 0,
        failed: 0,
        fresh: Vec::new(),
    };
    let mut jobs = Vec::new();
    for (index, a) in artifacts.iter_mut().enumerate() {
        if a.error.is_some() || a.score.is_none() {
            continue;
        }
        let Some(rubric) = rubric_for(&a.rubric) else {
            continue;
        };
        if rubric.judge.is_empty() {
            a.judge = Some(ArtifactJudge::without(Source::NoQuestions, a.score));
            continue;
        }
        let Ok((text, _)) = crate::fsx::read_text_lossy(&a.file, crate::fsx::MAX_FILE_BYTES) else {
            continue;
        };
        let prompt = context::build(
            &renderer,
            project,
            a.task.as_deref(),
            &a.path,
            &text,
            &rubric,
        )?;
        let key = cache::key(&cache::KeyParts {
            artifact: &text,
            upstream: &prompt.upstream,
            rubric: &rubric.name,
            questions: &rubric.judge,
            template: &template,
            prompt: &prompt.text,
            command: &settings.command,
        });
        let cached = root.and_then(|r| cache::get(r, &key));
        jobs.push(Job {
            index,
            rubric,
            key,
            prompt: prompt.text,
            cached,
            lines: text.lines().count(),
        });
    }
    let mut budget = settings.max_calls.unwrap_or(u32::MAX);
    let mut to_call = Vec::new();
    let mut capped = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        if job.cached.is_some() {
            summary.cached += 1;
        } else if budget > 0 {
            budget -= 1;
            to_call.push(i);
        } else {
            capped.push(i);
        }
    }
    let dir = root.map_or_else(|| Path::new(".").to_path_buf(), Path::to_path_buf);
    let argv = settings.argv();
    let answers: Vec<(usize, Result<verdict::Verdict, String>)> = to_call
        .par_iter()
        .map(|&i| {
            let job = &jobs[i];
            let asked: Vec<&str> = job.rubric.judge.iter().map(|q| q.dimension).collect();
            let answer = process::run(&argv, &dir, &job.prompt, settings.timeout)
                .and_then(|out| verdict::parse(&out, &asked));
            (i, answer)
        })
        .collect();
    summary.calls = u32::try_from(to_call.len()).unwrap_or(u32::MAX);
    let mut results: Vec<(usize, Source, Result<verdict::Verdict, String>)> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        if let Some(v) = &job.cached {
            results.push((i, Source::Cached, Ok(v.clone())));
        }
    }
    for (i, answer) in answers {
        if let Ok(v) = &answer {
            summary.fresh.push((jobs[i].key.clone(), v.clone()));
        } else {
            summary.failed += 1;
        }
        results.push((i, Source::Called, answer));
    }
    summary.over_cap = u32::try_from(capped.len()).unwrap_or(u32::MAX);
    for i in capped {
        let why = format!(
            "not judged: this run reached judge.max_calls ({}); run review again to judge it (verdicts so far are cached)",
            settings.max_calls.unwrap_or_default()
        );
        results.push((i, Source::OverCap, Err(why)));
    }
    for (i, source, answer) in results {
        let job = &jobs[i];
        let a = &mut artifacts[job.index];
        blend::attach(a, &job.rubric, job.lines, settings.mode, source, answer);
    }
    Ok(summary)
}
