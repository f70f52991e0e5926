//! The Claude Code integration: the SubagentStop hook settings `init` merges, and the
//! `hook subagent-stop` command.

use std::fs;

use crate::common::{code, run, stderr, stdout};

#[test]
fn init_merges_the_hook_into_existing_settings_keeping_every_key() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".claude")).unwrap();
    let user = r#"{
    "permissions": { "allow": ["Bash(npm test)"] },
    "hooks": {
        "PreToolUse": [ { "matcher": "Bash", "hooks": [ { "type": "command", "command": "./guard.sh" } ] } ],
        "SubagentStop": [ { "matcher": "^other$", "hooks": [ { "type": "command", "command": "./other.sh" } ] } ]
    },
    "env": { "FOO": "1" }
}
"#;
    fs::write(p.join(".claude/settings.json"), user).unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("     merge .claude/settings.json"),
        "{}",
        stdout(&out)
    );
    let merged: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(p.join(".claude/settings.json")).unwrap())
            .unwrap();
    assert_eq!(merged["permissions"]["allow"][0], "Bash(npm test)");
    assert_eq!(merged["env"]["FOO"], "1");
    assert_eq!(
        merged["hooks"]["PreToolUse"][0]["hooks"][0]["command"],
        "./guard.sh"
    );
    let stop = merged["hooks"]["SubagentStop"].as_array().unwrap();
    assert_eq!(stop.len(), 2);
    assert_eq!(stop[0]["hooks"][0]["command"], "./other.sh");
    assert_eq!(stop[1]["matcher"], "researcher|writer|orchestrator");
    assert_eq!(
        stop[1]["hooks"][0]["command"],
        "agentpack hook subagent-stop"
    );

    // A second run finds the hook in place and changes nothing.
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("0 updated"), "{}", stdout(&out));
}

#[test]
fn empty_settings_file_gets_the_hook() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".claude")).unwrap();
    fs::write(p.join(".claude/settings.json"), "").unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = fs::read_to_string(p.join(".claude/settings.json")).unwrap();
    assert!(text.contains("agentpack hook subagent-stop"), "{text}");
}

#[test]
fn invalid_settings_json_is_an_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".claude")).unwrap();
    fs::write(
        p.join(".claude/settings.json"),
        "{\n  \"model\": \"opus\",\n}\n",
    )
    .unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(".claude/settings.json:3:1: invalid JSON"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(p.join(".claude/settings.json")).unwrap(),
        "{\n  \"model\": \"opus\",\n}\n"
    );
    assert!(!p.join("AGENTS.md").exists(), "nothing written half-way");
}

#[test]
fn edited_hook_entry_is_a_conflict_and_no_hooks_skips_settings() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let settings = tmp.path().join("p/.claude/settings.json");
    let edited = fs::read_to_string(&settings).unwrap().replace("60", "30");
    fs::write(&settings, &edited).unwrap();
    let out = run(tmp.path(), &["init", "p"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("  conflict .claude/settings.json"),
        "{}",
        stdout(&out)
    );
    assert_eq!(fs::read_to_string(&settings).unwrap(), edited);

    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["init", "p", "--no-hooks"]);
    assert_eq!(code(&out), 0);
    assert!(!tmp.path().join("p/.claude/settings.json").exists());
    let manifest = fs::read_to_string(tmp.path().join("p/agentpack.yaml")).unwrap();
    assert!(manifest.contains("hooks: false"), "{manifest}");
    // Remembered: a plain re-run does not add the hook.
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    assert!(!tmp.path().join("p/.claude/settings.json").exists());
}

fn hook(dir: &std::path::Path, payload: &str) -> (i32, String, String) {
    let path = crate::common::repo()
        .join("tests/fixtures/hooks")
        .join(payload);
    let out = crate::common::start_hook(dir, &fs::read(&path).unwrap())
        .wait_with_output()
        .unwrap();
    (code(&out), stdout(&out), stderr(&out))
}

fn shown(result: &(i32, String, String), dir: &std::path::Path) -> String {
    let (code, out, err) = result;
    let out = match serde_json::from_str::<serde_json::Value>(out) {
        Ok(v) => serde_json::to_string_pretty(&v).unwrap(),
        Err(_) => out.clone(),
    };
    crate::common::redact(
        &format!("exit: {code}\n--- stdout\n{out}\n--- stderr\n{err}"),
        dir,
    )
}

fn example(rubric: &str, kind: &str) -> String {
    fs::read_to_string(crate::common::repo().join(format!("examples/artifacts/{rubric}/{kind}.md")))
        .unwrap()
}

/// A scaffolded project whose researcher wrote its output format with the placeholders left in.
fn project_with_failing_research() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let p = tmp.path().join("p");
    let failing = example("research-report", "placeholders");
    fs::write(p.join("artifacts/research-output.md"), failing).unwrap();
    (tmp, p)
}

/// The refinement loop as Claude Code drives it: each stop of the researcher is reviewed;
/// below the threshold it is sent back, after max_iterations rounds the user is told.
#[test]
fn hook_walks_block_block_escalate_then_passes_once_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let p = tmp.path().join("p");
    let artifacts = p.join("artifacts");

    // Nothing written yet: the agent may stop.
    let r = hook(&p, "researcher.json");
    assert_eq!(r, (0, String::new(), String::new()));

    fs::write(
        artifacts.join("research-output.md"),
        example("research-report", "placeholders"),
    )
    .unwrap();
    let r = hook(&p, "researcher.json");
    insta::assert_snapshot!("hook_round_1_block", shown(&r, &p));
    assert!(
        p.join("artifacts/feedback.md").is_file(),
        "feedback written as review does"
    );

    // Stopping again without writing the revision: not blocked a second time, the user is told.
    let r = hook(&p, "researcher-active.json");
    let v: serde_json::Value = serde_json::from_str(&r.1).unwrap_or_else(|_| panic!("{r:?}"));
    assert!(v.get("decision").is_none(), "{r:?}");
    let msg = v["systemMessage"].as_str().unwrap();
    assert!(msg.contains("stopped again without revising"), "{msg}");

    fs::write(
        artifacts.join("research-output.v2.md"),
        example("research-report", "missing-sections"),
    )
    .unwrap();
    let r = hook(&p, "researcher-active.json");
    let v: serde_json::Value = serde_json::from_str(&r.1).unwrap();
    assert_eq!(v["decision"], "block");
    assert!(
        v["reason"].as_str().unwrap().contains("(round 2 of 3)"),
        "{}",
        r.1
    );
    assert!(
        v["reason"]
            .as_str()
            .unwrap()
            .contains("artifacts/research-output.v3.md"),
        "{}",
        r.1
    );

    let third = example("research-report", "missing-sections").replace("## ", "## Notes on ");
    fs::write(artifacts.join("research-output.v3.md"), third).unwrap();
    let r = hook(&p, "researcher-active.json");
    insta::assert_snapshot!("hook_round_3_escalate", shown(&r, &p));

    fs::write(
        artifacts.join("research-output.v4.md"),
        example("research-report", "good"),
    )
    .unwrap();
    let r = hook(&p, "researcher.json");
    assert_eq!(
        r,
        (0, String::new(), String::new()),
        "a passing artifact lets the agent stop"
    );
    assert!(
        !p.join("artifacts/feedback.md").exists(),
        "generated feedback is removed once all pass"
    );
    let history = fs::read_to_string(p.join(".agentpack/logs/reviews.jsonl")).unwrap();
    assert_eq!(history.lines().count(), 5, "{history}");
}

#[test]
fn hook_uses_payload_cwd_and_plugin_agent_names() {
    let (tmp, p) = project_with_failing_research();
    // Run from elsewhere: the payload's cwd finds the project.
    let payload = format!(
        r#"{{"agent_type": "my-plugin:researcher", "cwd": {:?}}}"#,
        p.display().to_string()
    );
    fs::write(tmp.path().join("payload.json"), payload).unwrap();
    let path = tmp.path().join("payload.json");
    let r = hook(tmp.path(), path.to_str().unwrap());
    let v: serde_json::Value = serde_json::from_str(&r.1).unwrap_or_else(|_| panic!("{r:?}"));
    assert_eq!(v["decision"], "block");
}

#[test]
fn hook_lets_unknown_agents_and_odd_input_through_and_fails_softly() {
    let (tmp, p) = project_with_failing_research();
    for payload in ["unknown-agent.json", "minimal.json"] {
        assert_eq!(
            hook(&p, payload),
            (0, String::new(), String::new()),
            "{payload}"
        );
    }
    // Outside any project: nothing to review.
    assert_eq!(
        hook(tmp.path(), "researcher.json"),
        (0, String::new(), String::new())
    );
    // Bad stdin and a broken manifest are the hook's own failures: exit 1, never 2.
    let r = hook(&p, "truncated.json");
    insta::assert_snapshot!("hook_bad_stdin", shown(&r, &p));
    fs::write(p.join("agentpack.yaml"), "version: 1\nname: [\n").unwrap();
    let r = hook(&p, "researcher.json");
    assert_eq!(r.0, 1, "{r:?}");
    assert!(r.2.contains("agentpack.yaml:"), "{r:?}");
    assert!(r.1.is_empty());
}

/// The refinement loop with the real Claude Code against a loopback mock of the Messages
/// API (scripts/claude-oracle/e2e.mjs). Opt-in: needs node, `unshare` and the client, so it
/// runs only with `CLAUDE_E2E=1` (`CLAUDE_BIN` reuses an installed client; otherwise the
/// script installs the pinned one from npm): `CLAUDE_E2E=1 cargo test --test cli e2e -- --ignored`.
#[test]
#[ignore = "needs the real Claude Code client; run with CLAUDE_E2E=1 -- --ignored"]
fn e2e_refinement_loop_with_the_real_client() {
    crate::common::real_client_script("e2e.mjs");
}

/// A researcher that saved its report under another name is sent back once to save it where
/// the workflow expects it (nothing would ever review the other file); not a second time.
#[test]
fn hook_sends_a_misplaced_output_back_once() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let p = tmp.path().join("p");
    fs::write(
        p.join("artifacts/quantum-notes.md"),
        example("research-report", "good"),
    )
    .unwrap();
    let stop = |active: bool| {
        let payload = serde_json::json!({
            "hook_event_name": "SubagentStop",
            "agent_type": "researcher",
            "cwd": p,
            "stop_hook_active": active,
            "last_assistant_message": "Done. I wrote the report to `artifacts/quantum-notes.md`.",
        });
        let out = crate::common::run_hook(&p, &payload);
        (code(&out), stdout(&out))
    };
    let (exit, out) = stop(false);
    assert_eq!(exit, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["decision"], "block");
    let reason = json["reason"].as_str().unwrap();
    assert!(
        reason.contains("artifacts/research-output.md")
            && reason.contains("artifacts/quantum-notes.md"),
        "{reason}"
    );
    assert_eq!(
        stop(true),
        (0, String::new()),
        "never blocked twice in a row"
    );
}

/// What an agent read (another task's output, AGENTS.md, feedback) is never taken for its
/// misplaced output.
#[test]
fn hook_does_not_mistake_inputs_for_a_misplaced_output() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p", "--examples"])), 0);
    let p = tmp.path().join("p");
    fs::remove_file(p.join("artifacts/synthesis-output.md")).unwrap();
    let payload = serde_json::json!({
        "agent_type": "writer",
        "cwd": p,
        "last_assistant_message": "I read artifacts/research-output.md and AGENTS.md.",
    });
    let out = crate::common::run_hook(&p, &payload);
    assert_eq!((code(&out), stdout(&out)), (0, String::new()));
}
