//! The workflow DAG: dependency waves (tasks in one wave can run in parallel), cycle
//! detection with the cycle spelled out, and the mermaid flowchart AGENTS.md and
//! `agentpack plan` show.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::manifest::Task;

/// Why a workflow is not a DAG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    /// `task` needs `missing`, which no task defines.
    UnknownNeed { task: String, missing: String },
    /// The ids along a cycle, first repeated at the end: `a -> b -> a`.
    Cycle(Vec<String>),
}

impl std::fmt::Display for GraphError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GraphError::UnknownNeed { task, missing } => {
                write!(
                    f,
                    "task `{task}` needs `{missing}`, which is not a task of the workflow"
                )
            }
            GraphError::Cycle(ids) => write!(f, "the workflow has a cycle: {}", ids.join(" -> ")),
        }
    }
}

/// Groups task indices into waves: wave 0 needs nothing, wave n needs only earlier waves.
/// Within a wave, tasks keep manifest order.
pub fn waves(tasks: &[Task]) -> Result<Vec<Vec<usize>>, GraphError> {
    let index: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    for t in tasks {
        if let Some(missing) = t.needs.iter().find(|n| !index.contains_key(n.as_str())) {
            return Err(GraphError::UnknownNeed {
                task: t.id.clone(),
                missing: missing.clone(),
            });
        }
    }
    // Kahn's algorithm: linear in tasks and edges, so a workflow of 16,000 tasks is instant.
    let mut waiting: Vec<usize> = tasks.iter().map(|t| t.needs.len()).collect();
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
    for (i, t) in tasks.iter().enumerate() {
        for n in &t.needs {
            readers[index[n.as_str()]].push(i);
        }
    }
    let mut level: Vec<Option<usize>> = vec![None; tasks.len()];
    let mut ready: Vec<usize> = (0..tasks.len()).filter(|&i| waiting[i] == 0).collect();
    let mut depth = vec![0usize; tasks.len()];
    let mut placed = 0;
    while let Some(i) = ready.pop() {
        level[i] = Some(depth[i]);
        placed += 1;
        for &r in &readers[i] {
            depth[r] = depth[r].max(depth[i] + 1);
            waiting[r] -= 1;
            if waiting[r] == 0 {
                ready.push(r);
            }
        }
    }
    if placed < tasks.len() {
        return Err(GraphError::Cycle(find_cycle(tasks, &index, &level)));
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, l) in level.iter().enumerate() {
        let l = l.unwrap_or_default();
        if out.len() <= l {
            out.resize_with(l + 1, Vec::new);
        }
        out[l].push(i);
    }
    Ok(out)
}

fn find_cycle(
    tasks: &[Task],
    index: &HashMap<&str, usize>,
    level: &[Option<usize>],
) -> Vec<String> {
    // Every unplaced task has an unplaced need; following those must revisit a task.
    let Some(start) = (0..tasks.len()).find(|&i| level[i].is_none()) else {
        return Vec::new();
    };
    let mut path = vec![start];
    let mut on_path: HashMap<usize, usize> = HashMap::from([(start, 0)]);
    let mut cur = start;
    loop {
        let next = tasks[cur]
            .needs
            .iter()
            .map(|n| index[n.as_str()])
            .find(|&j| level[j].is_none())
            .unwrap_or(start);
        if let Some(&pos) = on_path.get(&next) {
            // `path` follows needs; print it in flow order (a -> b: b needs a).
            let mut cycle: Vec<String> = path[pos..]
                .iter()
                .rev()
                .map(|&i| tasks[i].id.clone())
                .collect();
            cycle.push(cycle[0].clone());
            return cycle;
        }
        on_path.insert(next, path.len());
        path.push(next);
        cur = next;
    }
}

/// The workflow as a mermaid `flowchart LR`: one node per task (id, agent, output), one
/// edge per dependency. Node ids are positional (`t0`, `t1`, ...) so no task id can collide
/// with another or with a mermaid keyword; labels are escaped.
pub fn mermaid(tasks: &[Task]) -> String {
    let label = |s: &str| {
        s.replace('"', "#quot;")
            .replace('<', "#lt;")
            .replace('>', "#gt;")
    };
    let index: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut out = String::from("flowchart LR\n");
    for (i, t) in tasks.iter().enumerate() {
        let who = if t.agent == t.id {
            label(&t.id)
        } else {
            format!("{}<br/>{}", label(&t.id), label(&t.agent))
        };
        let _ = writeln!(out, "    t{i}[\"{who}<br/>{}\"]", label(&t.output));
    }
    for (i, t) in tasks.iter().enumerate() {
        for n in &t.needs {
            if let Some(j) = index.get(n.as_str()) {
                let _ = writeln!(out, "    t{j} --> t{i}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 20,000-task chain took minutes with a scan per wave; linear now. The bound is a hang
    /// guard far above the linear run time, not a speed test.
    #[test]
    fn long_chain_is_linear() {
        let ids: Vec<String> = (0..20_000).map(|i| format!("t{i}")).collect();
        let mut tasks = vec![task(&ids[0], &[])];
        for i in 1..ids.len() {
            tasks.push(task(&ids[i], &[&ids[i - 1]]));
        }
        let start = std::time::Instant::now();
        let waves = waves(&tasks).unwrap();
        assert_eq!(waves.len(), 20_000);
        assert_eq!(waves[19_999], [19_999]);
        tasks[0].needs.push(ids[19_999].clone());
        assert!(matches!(super::waves(&tasks), Err(GraphError::Cycle(c)) if c.len() == 20_001));
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "{:?}",
            start.elapsed()
        );
    }

    fn task(id: &str, needs: &[&str]) -> Task {
        Task {
            id: id.into(),
            agent: "a".into(),
            needs: needs.iter().map(|s| s.to_string()).collect(),
            output: format!("artifacts/{id}.md"),
            rubric: None,
            description: None,
            acceptance: Vec::new(),
        }
    }

    #[test]
    fn waves_group_parallel_tasks() {
        let tasks = [
            task("a", &[]),
            task("b", &["a"]),
            task("c", &["a"]),
            task("d", &["b", "c"]),
        ];
        assert_eq!(waves(&tasks).unwrap(), vec![vec![0], vec![1, 2], vec![3]]);
    }

    #[test]
    fn cycle_is_spelled_out() {
        let tasks = [task("a", &[]), task("b", &["c"]), task("c", &["b"])];
        let err = waves(&tasks).unwrap_err();
        assert_eq!(err.to_string(), "the workflow has a cycle: c -> b -> c");
        let tasks = [task("a", &["c"]), task("b", &["a"]), task("c", &["b"])];
        assert_eq!(
            waves(&tasks).unwrap_err().to_string(),
            "the workflow has a cycle: b -> c -> a -> b"
        );
        let tasks = [task("x", &["x"])];
        assert_eq!(
            waves(&tasks).unwrap_err(),
            GraphError::Cycle(vec!["x".into(), "x".into()])
        );
    }

    #[test]
    fn unknown_need_is_named() {
        let err = waves(&[task("a", &["zzz"])]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "task `a` needs `zzz`, which is not a task of the workflow"
        );
    }

    #[test]
    fn mermaid_ids_never_collide_and_labels_are_escaped() {
        let mut tasks = vec![
            task("a-b", &[]),
            task("a_b", &["a-b"]),
            task("end", &["a_b"]),
        ];
        tasks[2].agent = "x\"y".into();
        let text = mermaid(&tasks);
        assert!(
            text.contains("    t0[\"a-b<br/>a<br/>artifacts/a-b.md\"]"),
            "{text}"
        );
        assert!(
            text.contains("    t2[\"end<br/>x#quot;y<br/>artifacts/end.md\"]"),
            "{text}"
        );
        assert!(text.contains("    t0 --> t1\n    t1 --> t2\n"), "{text}");
    }
}
