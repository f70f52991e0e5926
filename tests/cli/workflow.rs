//! `check`, `status` and `plan` on scaffolded projects: every built-in pack passes `check`
//! cleanly, its plan and status are snapshots, and a broken manifest or AGENTS.md is reported
//! with lines and fixes.

use std::fs;
use std::path::Path;

use crate::common::{code, redact, run, stderr, stdout};

fn scaffold(tmp: &Path, pack: &str) -> std::path::PathBuf {
    let out = run(tmp, &["init", "demo", "--pack", pack]);
    assert_eq!(code(&out), 0, "{pack}: {}", stderr(&out));
    tmp.join("demo")
}

fn shown(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    redact(
        &format!("exit: {}\n{}{}", code(&out), stdout(&out), stderr(&out)),
        dir,
    )
}

#[test]
fn every_pack_passes_check_and_has_a_plan_and_status() {
    for (pack, _) in agentpack::scaffold::catalog::packs() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = scaffold(tmp.path(), pack);
        let out = run(&dir, &["check"]);
        assert_eq!(code(&out), 0, "{pack}: {}", stdout(&out));
        assert!(
            stdout(&out).contains(" checked: 0 errors, 0 warnings, 0 notes"),
            "{pack}: {}",
            stdout(&out)
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(pack.as_str());
        settings.bind(|| {
            insta::assert_snapshot!("plan", shown(&dir, &["plan"]));
            insta::assert_snapshot!("plan_json", shown(&dir, &["plan", "--format", "json"]));
            insta::assert_snapshot!("status", shown(&dir, &["status"]));
        });
        let mermaid = stdout(&run(&dir, &["plan", "--format", "mermaid"]));
        let agents_md = fs::read_to_string(dir.join("AGENTS.md")).unwrap();
        assert!(
            agents_md.contains(&mermaid),
            "{pack}: plan --format mermaid is the diagram of AGENTS.md"
        );
    }
}

#[test]
fn status_follows_outputs_revisions_and_history() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = scaffold(tmp.path(), "software");
    let art = dir.join("artifacts");
    for f in [
        "architecture.md",
        "implementation-notes.md",
        "implementation-notes.v2.md",
        "test-report.md",
    ] {
        fs::write(art.join(f), "# x\n").unwrap();
    }
    let log = [
        r#"{"time":"2026-01-01T00:00:00Z","path":"artifacts/architecture.md","rubric":"architecture","score":91,"status":"APPROVED","iteration":1}"#,
        r#"{"time":"2026-01-01T00:01:00Z","path":"artifacts/implementation-notes.md","rubric":"implementation-notes","score":62.5,"status":"NEEDS_REFINEMENT","iteration":1}"#,
        r#"{"time":"2026-01-01T00:02:00Z","path":"artifacts/implementation-notes.v2.md","rubric":"implementation-notes","score":70,"status":"ESCALATE","iteration":3}"#,
        "{broken",
    ];
    fs::create_dir_all(dir.join(".agentpack/logs")).unwrap();
    fs::write(dir.join(".agentpack/logs/reviews.jsonl"), log.join("\n")).unwrap();
    insta::assert_snapshot!("status_with_history", shown(&dir, &["status"]));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&dir, &["status", "--format", "json"]))).unwrap();
    assert_eq!(json["progress"]["percent"], 16);
    assert_eq!(json["skipped_lines"], 1);
    assert_eq!(json["tasks"][1]["state"], "escalated");
    assert_eq!(
        json["tasks"][1]["output"],
        "artifacts/implementation-notes.v2.md"
    );
    assert_eq!(json["tasks"][2]["state"], "unreviewed");
}

#[test]
fn broken_manifest_and_agents_md_are_reported_with_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = scaffold(tmp.path(), "research-writing");
    let manifest = fs::read_to_string(dir.join("agentpack.yaml")).unwrap();
    let broken = manifest
        .replacen("rubric: research-report", "rubric: research-reprot", 1)
        .replacen(
            "output: artifacts/final-output.md",
            "output: ../final-output.md",
            1,
        )
        .replacen("agent: writer", "agent: writter", 1)
        .replacen("needs: [write]", "needs: [write, synthesize]", 1);
    assert_ne!(broken, manifest);
    fs::write(dir.join("agentpack.yaml"), broken).unwrap();
    let agents_md = fs::read_to_string(dir.join("AGENTS.md")).unwrap();
    fs::write(
        dir.join("AGENTS.md"),
        agents_md.replace("| `writer` |", "| `ghost` |"),
    )
    .unwrap();
    fs::remove_file(dir.join(".claude/agents/researcher.md")).unwrap();
    insta::assert_snapshot!("broken_project", shown(&dir, &["check"]));
    let plan = run(&dir, &["plan"]);
    assert_eq!(code(&plan), 2);
    assert!(
        stderr(&plan).contains("agentpack.yaml:"),
        "{}",
        stderr(&plan)
    );
}

#[test]
fn unparsable_manifest_is_a_finding_with_position() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = scaffold(tmp.path(), "research-writing");
    let manifest = fs::read_to_string(dir.join("agentpack.yaml")).unwrap();
    fs::write(
        dir.join("agentpack.yaml"),
        manifest.replacen("threshold:", "threshhold:", 1),
    )
    .unwrap();
    fs::remove_file(dir.join("AGENTS.md")).unwrap();
    insta::assert_snapshot!("unknown_manifest_key", shown(&dir, &["check"]));
}

#[test]
fn status_and_plan_need_a_project() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in ["status", "plan", "check"] {
        let out = run(tmp.path(), &[cmd]);
        assert_eq!(code(&out), 2, "{cmd}");
        assert!(
            stderr(&out).contains("agentpack") || stderr(&out).contains("nothing to check"),
            "{cmd}: {}",
            stderr(&out)
        );
    }
}
