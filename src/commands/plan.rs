//! `agentpack plan`: the workflow as dependency waves. Tasks of one wave have everything they
//! need and can run in parallel. `mermaid` prints the same flowchart `init` writes into
//! AGENTS.md; `json` gives the waves as data.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use super::Ctx;
use crate::project::{Project, Task};
use crate::report::{Color, paint};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    Text,
    /// A mermaid `flowchart`, as in AGENTS.md.
    Mermaid,
    Json,
}

#[derive(Serialize)]
struct JsonTask<'a> {
    id: &'a str,
    agent: &'a str,
    output: &'a str,
    needs: &'a [String],
    rubric: Option<&'a str>,
}

/// The waves as text: one block per wave, one line per task.
pub fn text(tasks: &[Task], waves: &[Vec<usize>], color: bool) -> String {
    let mut out = String::new();
    let id_width = tasks.iter().map(|t| t.id.len()).max().unwrap_or(0);
    let agent_width = tasks.iter().map(|t| t.agent.len()).max().unwrap_or(0);
    for (n, wave) in waves.iter().enumerate() {
        let parallel = if wave.len() > 1 {
            format!(" ({} tasks in parallel)", wave.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}",
            paint(color, Color::Bold, &format!("Wave {}{parallel}", n + 1))
        );
        for &i in wave {
            let t = &tasks[i];
            let needs = if t.needs.is_empty() {
                String::new()
            } else {
                format!("  (needs {})", t.needs.join(", "))
            };
            let line = format!(
                "  {:<id_width$}  {:<agent_width$}  -> {}{needs}",
                t.id, t.agent, t.output
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    let _ = writeln!(out, "\n{} tasks in {} waves", tasks.len(), waves.len());
    out
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let project = Project::require(ctx.config.as_deref(), &crate::fsx::cwd()?)?;
    let tasks = &project.manifest.workflow;
    let waves = crate::project::workflow::waves(tasks).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}; run `agentpack check` for details",
            project.manifest_path.display()
        )
    })?;
    let out = match args.format {
        PlanFormat::Text => text(tasks, &waves, ctx.color),
        PlanFormat::Mermaid => crate::project::workflow::mermaid(tasks),
        PlanFormat::Json => {
            let waves: Vec<Vec<JsonTask>> = waves
                .iter()
                .map(|w| {
                    w.iter()
                        .map(|&i| {
                            let t = &tasks[i];
                            JsonTask {
                                id: &t.id,
                                agent: &t.agent,
                                output: &t.output,
                                needs: &t.needs,
                                rubric: t.rubric.as_deref(),
                            }
                        })
                        .collect()
                })
                .collect();
            let mut s =
                serde_json::to_string_pretty(&serde_json::json!({ "version": 1, "waves": waves }))?;
            s.push('\n');
            s
        }
    };
    crate::report::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
