//! Many hooks and reviews finishing at the same moment on one project: the review session's
//! lock must keep every history line whole, lose none, keep a feedback section for every
//! failing artifact and count rounds right.

use std::fs;
use std::path::Path;
use std::process::{Child, Stdio};

use crate::common::{agentpack, code, repo, run, start_hook, stderr, stdout};

const AGENTS: usize = 8;

/// Eight agents with one output each; one output is written `./artifacts/...`.
fn manifest() -> String {
    let mut m = String::from("version: 1\nname: busy\nagents:\n");
    for i in 0..AGENTS {
        m.push_str(&format!("  ag{i}: {{}}\n"));
    }
    m.push_str("workflow:\n");
    for i in 0..AGENTS {
        let dot = if i == 1 { "./" } else { "" };
        m.push_str(&format!(
            "  - {{ id: t{i}, agent: ag{i}, output: {dot}artifacts/o{i}.md, rubric: research-report }}\n"
        ));
    }
    m
}

fn hook(dir: &Path, agent: &str) -> Child {
    let payload = serde_json::json!({
        "hook_event_name": "SubagentStop",
        "agent_type": agent,
        "cwd": dir,
        "stop_hook_active": false,
    });
    start_hook(dir, payload.to_string().as_bytes())
}

fn review(dir: &Path) -> Child {
    agentpack(dir)
        .args(["review", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("review starts")
}

/// Waits for every child; each exits 0 or 1 (a gate) and prints nothing on stderr.
fn wait_all(children: Vec<Child>) {
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            matches!(code(&out), 0 | 1),
            "{}{}",
            stdout(&out),
            stderr(&out)
        );
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    }
}

fn sections(dir: &Path) -> Vec<String> {
    let text = fs::read_to_string(dir.join("artifacts/feedback.md")).unwrap_or_default();
    let mut found: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("<!-- artifact: ")?.strip_suffix(" -->"))
        .map(str::to_string)
        .collect();
    found.sort();
    found
}

#[test]
fn concurrent_hooks_and_reviews_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("artifacts")).unwrap();
    fs::write(dir.join("agentpack.yaml"), manifest()).unwrap();
    let failing =
        fs::read_to_string(repo().join("examples/artifacts/research-report/placeholders.md"))
            .unwrap();
    for i in 0..AGENTS {
        fs::write(dir.join(format!("artifacts/o{i}.md")), &failing).unwrap();
    }
    fs::write(dir.join("artifacts/notes.md"), "# Notes\n\nTODO\n").unwrap();
    let outputs: Vec<String> = (0..AGENTS).map(|i| format!("artifacts/o{i}.md")).collect();
    let mut everything = outputs.clone();
    everything.push("artifacts/notes.md".into());
    everything.sort();
    let history = dir.join(".agentpack/logs/reviews.jsonl");
    let mut expected_lines = 0;
    for round in 1..=3usize {
        // Each round revises `o0`, so only its round counter moves.
        if round > 1 {
            let revised = format!("{failing}\nRevision {round}.\n");
            fs::write(dir.join("artifacts/o0.md"), revised).unwrap();
        }
        // Hooks alone, starting from no feedback file: every agent's section must survive.
        let _ = fs::remove_file(dir.join("artifacts/feedback.md"));
        wait_all(
            (0..2 * AGENTS)
                .map(|i| hook(dir, &format!("ag{}", i % AGENTS)))
                .collect(),
        );
        expected_lines += 2 * AGENTS;
        assert_eq!(
            sections(dir),
            outputs,
            "round {round}: hooks lost a section"
        );
        // Hooks and whole-project reviews together: the reviews' section for the
        // non-workflow notes survives the hooks' rewrites too.
        let mut children: Vec<Child> = (0..2 * AGENTS)
            .map(|i| hook(dir, &format!("ag{}", i % AGENTS)))
            .collect();
        children.extend((0..4).map(|_| review(dir)));
        wait_all(children);
        expected_lines += 2 * AGENTS + 4 * (AGENTS + 1);
        assert_eq!(
            sections(dir),
            everything,
            "round {round}: a section was lost"
        );

        let text = fs::read_to_string(&history).unwrap();
        let entries: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        assert_eq!(entries.len(), expected_lines, "round {round}");
        // Every new version of `a` is one more round; the others never changed.
        let mut versions_of_a: Vec<&str> = Vec::new();
        for e in &entries {
            let path = e["path"].as_str().unwrap();
            let hash = e["hash"].as_str().unwrap();
            let rounds = if path == "artifacts/o0.md" {
                if !versions_of_a.contains(&hash) {
                    versions_of_a.push(hash);
                }
                versions_of_a.iter().position(|h| *h == hash).unwrap() + 1
            } else {
                1
            };
            assert_eq!(e["iteration"], rounds, "{e}");
            assert_eq!(e["key"], path, "keys are normalised: {e}");
        }
    }
    let status = run(dir, &["status", "--format", "json"]);
    assert_eq!(code(&status), 0, "{}", stderr(&status));
    let status: serde_json::Value = serde_json::from_str(&stdout(&status)).unwrap();
    let states: Vec<&str> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["state"].as_str().unwrap())
        .collect();
    // `./artifacts/o1.md` is the same artifact as `artifacts/o1.md`: reviewed, not
    // unreviewed; `o0` was revised in each of three rounds without passing: escalated.
    let mut expected = vec!["needs-refinement"; AGENTS];
    expected[0] = "escalated";
    assert_eq!(states, expected, "{status}");
}
