//! `check` and `explain` as a user runs them: every rule fixture under tests/fixtures/agents
//! and tests/fixtures/projects (one snapshot each), every output format, project rules, hostile input, every built-in
//! pack, and the real agent corpus, which must produce no error.

use std::fs;
use std::path::Path;

use crate::common::{agentpack, code, repo, run, stderr, stdout};

/// `check` on one path from the repository root, as the user sees it.
fn check_output(args: &[&str]) -> String {
    let out = run(&repo(), &[&["check"], args].concat());
    format!("exit: {}\n{}{}", code(&out), stdout(&out), stderr(&out))
}

#[test]
fn rule_fixtures() {
    insta::glob!("../fixtures/agents", "**/*.md", |path| {
        let rel = path
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        insta::assert_snapshot!(check_output(&[&rel]));
    });
}

/// Every project fixture under tests/fixtures/projects/<rule>/<case>/: `check` run in the
/// project, one snapshot each. Together with `rule_fixtures` every lint has one (a unit test
/// of the lint registry fails otherwise).
#[test]
fn project_fixtures() {
    insta::glob!("../fixtures/projects", "*/*/agentpack.yaml", |path| {
        let out = run(path.parent().unwrap(), &["check"]);
        insta::assert_snapshot!(format!(
            "exit: {}\n{}{}",
            code(&out),
            stdout(&out),
            stderr(&out)
        ));
    });
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn duplicate_names_in_one_tree_but_not_across_plugins() {
    let tmp = tempfile::tempdir().unwrap();
    let agent = "---\nname: reviewer\ndescription: Reviews code. Use after changes.\n---\n";
    write(tmp.path(), ".claude/agents/reviewer.md", agent);
    write(tmp.path(), ".claude/agents/old/reviewer-v1.md", agent);
    write(tmp.path(), "plugins/a/agents/reviewer.md", agent);
    write(tmp.path(), "plugins/b/agents/reviewer.md", agent);
    let out = run(tmp.path(), &["check", "."]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains(".claude/agents/old/reviewer-v1.md:2:1: AG009 warning: `name: reviewer` is also declared in .claude/agents/reviewer.md, which Claude Code loads instead"),
        "{text}"
    );
    assert_eq!(text.matches("AG009").count(), 1, "{text}");
}

#[test]
fn every_format_renders_the_same_findings() {
    let dir = "tests/fixtures/agents/no-tool-resolves";
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&repo(), &["check", dir, "--format", "json"]))).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["files"], 2);
    assert_eq!(json["summary"]["errors"], 2);
    let first = &json["diagnostics"][0];
    for key in [
        "path", "line", "column", "code", "severity", "message", "fix",
    ] {
        assert!(
            first.get(key).is_some(),
            "json diagnostic lacks {key}: {first}"
        );
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&run(&repo(), &["check", dir, "--format", "sarif"]))).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "no-tool-resolves")
    );
    insta::assert_snapshot!("junit", check_output(&[dir, "--format", "junit"]));
    insta::assert_snapshot!("markdown", check_output(&[dir, "--format", "markdown"]));

    let tmp = tempfile::tempdir().unwrap();
    let summary = tmp.path().join("summary.md");
    let out = agentpack(&repo())
        .args(["check", dir, "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with("::error file=tests/fixtures/agents/no-tool-resolves/"),
        "{text}"
    );
    assert!(
        fs::read_to_string(&summary).unwrap().contains("| error |"),
        "summary table written"
    );
}

#[test]
fn strict_fails_on_warnings() {
    let file = "tests/fixtures/agents/legacy-tool/ls-multiedit.md";
    assert_eq!(code(&run(&repo(), &["check", file])), 0);
    assert_eq!(code(&run(&repo(), &["check", file, "--strict"])), 1);
    assert_eq!(code(&run(&repo(), &["check", "no/such/path"])), 2);
}

#[test]
fn huge_description_is_read_and_oversized_file_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let big = format!(
        "---\nname: big\ndescription: Use when testing. {}\n---\n",
        "x".repeat(10_000_000)
    );
    write(tmp.path(), "agents/big.md", &big);
    let out = run(tmp.path(), &["check", "agents/big.md"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains(
            "AG026 error: the file is 10000050 bytes, over Claude Code's limit of 1048576 bytes"
        ),
        "{}",
        stdout(&out)
    );
    write(
        tmp.path(),
        "agents/bigger.md",
        &format!("{big}{}", "y".repeat(1_000_000)),
    );
    let out = run(tmp.path(), &["check", "agents/bigger.md"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("AG026 error: the file is 11000050 bytes"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn explain_by_code_name_and_list() {
    let out = run(&repo(), &["explain", "ag004"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).starts_with("AG004 invalid-yaml (error)"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("## Use instead"));
    assert_eq!(
        stdout(&run(&repo(), &["explain", "invalid-yaml"])),
        stdout(&out)
    );
    let out = run(&repo(), &["explain", "AG999"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("agentpack explain --list"),
        "{}",
        stderr(&out)
    );
    let out = run(&repo(), &["explain", "--list"]);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).lines().any(|l| l.starts_with("AM004")),
        "{}",
        stdout(&out)
    );
}

/// Real agents copied from two public collections (MIT, see their LICENSE.upstream): every
/// one loads in Claude Code (tests/fixtures/claude-code/verdicts.json), so no error.
#[test]
fn real_corpus_has_no_errors() {
    let out = run(
        &repo(),
        &[
            "check",
            "tests/fixtures/claude-code/corpus",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json output");
    let errors: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(
        errors.is_empty(),
        "errors on files Claude Code loads: {errors:#?}"
    );
    assert_eq!(code(&out), 0);
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    for expected in ["AG020", "AG022", "AG024"] {
        assert!(
            codes.contains(&expected),
            "legacy names, tools: [] and Task are in the corpus; {expected} missing"
        );
    }
}

#[test]
fn fix_is_atomic_idempotent_and_previewed() {
    let tmp = tempfile::tempdir().unwrap();
    let agent = "---\r\nname: a\r\ndescription: Reviews. Triggers on: review\r\ntools: Read, LS, MultiEdit, Task\r\nmodel: Sonnet\r\n---\r\nBody\r\n";
    write(tmp.path(), ".claude/agents/a.md", agent);
    let out = run(tmp.path(), &["check", ".claude/agents", "--diff"]);
    assert_eq!(code(&out), 1, "a preview with changes exits 1");
    assert!(
        stdout(&out).contains("+tools: Read, Glob, Edit, Agent"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join(".claude/agents/a.md")).unwrap(),
        agent,
        "--diff writes nothing"
    );
    let before = run(tmp.path(), &["check", ".claude/agents"]);
    assert_eq!(
        code(&before),
        1,
        "CRLF defeats the retry: {}",
        stdout(&before)
    );
    let out = run(tmp.path(), &["check", ".claude/agents", "--fix"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("1 file fixed"), "{}", stderr(&out));
    let fixed = fs::read_to_string(tmp.path().join(".claude/agents/a.md")).unwrap();
    assert!(fixed.contains("description: \"Reviews. Triggers on: review\"\ntools: Read, Glob, Edit, Agent\nmodel: sonnet\n"), "{fixed}");
    let again = run(tmp.path(), &["check", ".claude/agents", "--fix"]);
    assert!(
        stderr(&again).contains("0 files fixed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join(".claude/agents/a.md")).unwrap(),
        fixed
    );
    assert_eq!(
        code(&run(tmp.path(), &["check", ".claude/agents", "--diff"])),
        0
    );
}

#[cfg(unix)]
#[test]
fn symlinked_agents_are_checked_and_each_file_once() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("common")).unwrap();
    fs::create_dir_all(root.join(".claude/agents")).unwrap();
    fs::write(
        root.join("common/foo.md"),
        "---\nname: foo\ndescription: Foo. Use when x.\nmodel: sonet\n---\nbody\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../../common/foo.md", root.join(".claude/agents/foo.md")).unwrap();
    std::os::unix::fs::symlink("../../nope.md", root.join(".claude/agents/broken.md")).unwrap();
    let out = crate::common::run(root, &["check", ".claude/agents", "./.claude/agents"]);
    let text = crate::common::stdout(&out);
    assert_eq!(crate::common::code(&out), 1, "{text}");
    assert!(
        text.contains(".claude/agents/foo.md:4:8: AG014"),
        "the linked file is linted: {text}"
    );
    assert_eq!(
        text.matches("broken.md").count(),
        1,
        "a broken link is reported once: {text}"
    );
    assert!(text.contains("2 files checked"), "{text}");
}

#[test]
fn broken_project_rubric_is_reported_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p"])), 0);
    let p = tmp.path().join("p");
    fs::create_dir_all(p.join(".agentpack/rubrics")).unwrap();
    fs::write(
        p.join(".agentpack/rubrics/house.yaml"),
        "name: house\ndimensions: { completeness: 1, accuracy: 1, clarity: 1, coherence: 1, format: 1 }\nchecks:\n  - { id: x, rule: no-such-rule, dimension: format }\n",
    )
    .unwrap();
    let out = run(&p, &["check"]);
    let text = stdout(&out);
    assert_eq!(code(&out), 1, "{text}");
    assert!(text.contains(".agentpack/rubrics/house.yaml:4:"), "{text}");
    assert!(text.contains("no-such-rule"), "{text}");
}

#[test]
fn manifest_selects_and_ignores_rules_per_path() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let out = run(tmp.path(), &["init", "p", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    std::fs::create_dir_all(dir.join(".claude/agents/vendor")).unwrap();
    let vendored = "---\nname: old-helper\ndescription: Use this agent when you need a vendored helper to list files in the repository.\ntools: LS, Grep\n---\nYou list files.\n";
    std::fs::write(dir.join(".claude/agents/vendor/old.md"), vendored).unwrap();
    let shown = |dir: &std::path::Path| stdout(&run(dir, &["check", "--format", "json"]));
    assert!(
        shown(&dir).contains("\"AG020\""),
        "the legacy tool is reported"
    );

    let manifest = std::fs::read_to_string(dir.join("agentpack.yaml")).unwrap();
    let with = |section: &str| {
        std::fs::write(dir.join("agentpack.yaml"), format!("{manifest}{section}")).unwrap();
    };
    with("check:\n  per_path_ignores:\n    \".claude/agents/vendor/**\": [legacy-tool]\n");
    assert!(
        !shown(&dir).contains("\"AG020\""),
        "ignored in vendored files"
    );
    with("check:\n  ignore: [AG02]\n");
    assert!(
        !shown(&dir).contains("\"AG020\""),
        "a prefix ignores the family"
    );
    with("check:\n  select: [PJ]\n");
    assert!(
        !shown(&dir).contains("\"AG020\""),
        "only manifest rules selected"
    );
    with("check:\n  select: [AG]\n");
    assert!(shown(&dir).contains("\"AG020\""), "agent rules selected");

    with("check:\n  ignore: [ag-020]\n");
    let out = run(&dir, &["check"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("agentpack.yaml:") && stdout(&out).contains("`ag-020` names no rule"),
        "{}",
        stdout(&out)
    );
}
