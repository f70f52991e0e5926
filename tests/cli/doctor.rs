//! `agentpack doctor` and `init`'s PATH warning: each health check catches its problem
//! (PATH controlled through the environment), a healthy project exits 0, and the report
//! says where and what to do.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{agentpack, code, stderr, stdout};

/// A freshly scaffolded project: `init` writes CLAUDE.md importing AGENTS.md, the hook
/// entry and `/agentpack-review`, so it is healthy as it is.
fn healthy_project(tmp: &Path) -> PathBuf {
    let out = agentpack(tmp).args(["init", "p"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    tmp.join("p")
}

/// An empty folder to stand for a PATH without agentpack.
fn empty_path(tmp: &Path) -> PathBuf {
    let dir = tmp.join("empty-bin");
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn doctor(dir: &Path, args: &[&str], path: Option<&Path>) -> Output {
    let mut cmd = agentpack(dir);
    cmd.arg("doctor").args(args);
    if let Some(path) = path {
        cmd.env("PATH", path);
    }
    cmd.output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// The status of check `id` and the codes it found.
fn check(report: &serde_json::Value, id: &str) -> (String, Vec<String>) {
    let c = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}: {report}"));
    let codes = c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    (c["status"].as_str().unwrap().to_string(), codes)
}

#[test]
fn freshly_scaffolded_project_is_healthy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = healthy_project(tmp.path());
    let out = doctor(&dir, &[], None);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("      ok  path: "), "{text}");
    assert!(
        text.contains("      ok  claude-md: CLAUDE.md imports AGENTS.md"),
        "{text}"
    );
    assert!(text.ends_with("healthy: no problems found\n"), "{text}");
    let report = json(&doctor(&dir, &["--format", "json"], None));
    assert_eq!(report["version"], 1);
    assert_eq!(report["healthy"], true);
}

#[test]
fn missing_path_entry_is_a_problem_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = healthy_project(tmp.path());
    let out = doctor(&dir, &[], Some(&empty_path(tmp.path())));
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let text = stdout(&out);
    let bin = Path::new(env!("CARGO_BIN_EXE_agentpack")).parent().unwrap();
    assert!(
        text.contains("DR001 error: `agentpack` is not on PATH"),
        "{text}"
    );
    assert!(
        text.contains(&format!("or add {} to PATH", bin.display())),
        "{text}"
    );
    assert!(text.ends_with("1 problem found\n"), "{text}");
    let report = json(&doctor(
        &dir,
        &["--format", "json"],
        Some(&empty_path(tmp.path())),
    ));
    assert_eq!(report["healthy"], false);
    assert_eq!(
        check(&report, "path"),
        ("problem".into(), vec!["DR001".into()])
    );
    assert_eq!(check(&report, "hook").0, "ok");
}

#[test]
fn broken_settings_json_is_reported_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = healthy_project(tmp.path());
    fs::write(
        dir.join(".claude/settings.json"),
        "{\n  \"hooks\": {},\n}\n",
    )
    .unwrap();
    let out = doctor(&dir, &[], None);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.contains(".claude/settings.json:3:1: DR002 error: invalid JSON: trailing comma"),
        "{text}"
    );
    assert!(
        text.contains(" skipped  hook: .claude/settings.json cannot be used (see above)"),
        "{text}"
    );
}

#[test]
fn hook_entry_must_agree_with_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = healthy_project(tmp.path());
    // hooks on (the default), entry gone.
    fs::write(dir.join(".claude/settings.json"), "{}\n").unwrap();
    let report = json(&doctor(&dir, &["--format", "json"], None));
    assert_eq!(
        check(&report, "hook"),
        ("problem".into(), vec!["DR003".into()])
    );

    // Entry back, but the matcher no longer names the workflow agents.
    let out = agentpack(&dir).args(["init"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let settings = fs::read_to_string(dir.join(".claude/settings.json")).unwrap();
    fs::write(
        dir.join(".claude/settings.json"),
        settings.replace("researcher|", ""),
    )
    .unwrap();
    let out = doctor(&dir, &["--format", "json"], None);
    assert_eq!(code(&out), 1);
    assert_eq!(
        check(&json(&out), "hook"),
        ("problem".into(), vec!["DR005".into()])
    );

    // hooks: false in the manifest while the entry is still there.
    fs::write(dir.join(".claude/settings.json"), settings).unwrap();
    let manifest = fs::read_to_string(dir.join("agentpack.yaml")).unwrap();
    let off: String = manifest
        .lines()
        .filter(|l| !l.starts_with("hooks:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.join("agentpack.yaml"), format!("{off}hooks: false\n")).unwrap();
    let report = json(&doctor(&dir, &["--format", "json"], None));
    assert_eq!(
        check(&report, "hook"),
        ("problem".into(), vec!["DR004".into()])
    );
}

#[test]
fn claude_md_must_import_agents_md() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = healthy_project(tmp.path());
    fs::write(
        dir.join("CLAUDE.md"),
        "# Notes\n\nSee `@AGENTS.md` some day.\n",
    )
    .unwrap();
    let out = doctor(&dir, &[], None);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("CLAUDE.md: DR006 error: CLAUDE.md does not import AGENTS.md"),
        "{}",
        stdout(&out)
    );
    fs::remove_file(dir.join("CLAUDE.md")).unwrap();
    let report = json(&doctor(&dir, &["--format", "json"], None));
    assert_eq!(
        check(&report, "claude-md"),
        ("problem".into(), vec!["DR006".into()])
    );
}

#[test]
fn command_named_like_a_builtin_collides() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = healthy_project(tmp.path());
    fs::create_dir_all(dir.join(".claude/commands")).unwrap();
    fs::write(dir.join(".claude/commands/review.md"), "Review things\n").unwrap();
    fs::create_dir_all(dir.join(".claude/skills/Init")).unwrap();
    fs::write(
        dir.join(".claude/skills/Init/SKILL.md"),
        "---\nname: Init\n---\n",
    )
    .unwrap();
    fs::write(dir.join(".claude/commands/agentpack-review.md"), "ok\n").unwrap();
    let out = doctor(&dir, &[], None);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.contains(".claude/commands/review.md: DR007 error: it defines `/review`"),
        "{text}"
    );
    assert!(text.contains("`/agentpack-review`"), "{text}");
    assert!(
        text.contains(".claude/skills/Init/SKILL.md: DR007"),
        "{text}"
    );
    assert!(!text.contains("agentpack-review.md:"), "{text}");
}

#[test]
fn outside_a_project_it_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = doctor(tmp.path(), &[], None);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("DR008 error: no agentpack.yaml in "),
        "{}",
        stdout(&out)
    );
    fs::write(
        tmp.path().join("agentpack.yaml"),
        "version: 1\nname: x\nbogus: 1\n",
    )
    .unwrap();
    let out = doctor(tmp.path(), &[], None);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("agentpack.yaml:3:1"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn report_of_a_broken_project() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = healthy_project(tmp.path());
    fs::write(dir.join("CLAUDE.md"), "# Notes\n").unwrap();
    fs::write(
        dir.join(".claude/settings.json"),
        "{\"hooks\": {\"SubagentStop\": {}}}\n",
    )
    .unwrap();
    let out = doctor(&dir, &[], Some(&empty_path(tmp.path())));
    assert_eq!(code(&out), 1);
    let bin = Path::new(env!("CARGO_BIN_EXE_agentpack")).parent().unwrap();
    let text = stdout(&out).replace(&bin.display().to_string(), "[BIN]");
    insta::assert_snapshot!("doctor_broken", text);
}

#[test]
fn init_warns_when_agentpack_is_not_on_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = agentpack(tmp.path())
        .args(["init", "p"])
        .env("PATH", empty_path(tmp.path()))
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    let bin = Path::new(env!("CARGO_BIN_EXE_agentpack")).parent().unwrap();
    assert!(err.contains("warning: `agentpack` is not on PATH"), "{err}");
    assert!(err.contains("exit 127"), "{err}");
    assert!(
        err.contains(&format!("or add {} to PATH", bin.display())),
        "{err}"
    );
    // On PATH (the helper puts the binary's folder first): no warning.
    let out = agentpack(tmp.path()).args(["init", "q"]).output().unwrap();
    assert!(!stderr(&out).contains("not on PATH"), "{}", stderr(&out));
    // A clash with the user's own agent writes nothing, so there is no hook to warn about.
    let own = tmp.path().join("r/.claude/agents");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("researcher.md"),
        "---\nname: researcher\ndescription: Ours\n---\nMine.\n",
    )
    .unwrap();
    let out = agentpack(tmp.path())
        .args(["init", "r"])
        .env("PATH", empty_path(tmp.path()))
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("not on PATH"), "{}", stderr(&out));
}
