//! Every output format of every command that prints a report: each supported (command,
//! format) pair renders something its consumers can parse, every other pair is refused by
//! `--format` with exit 2 and the list of formats the command has, and the JSON of `status`
//! and `plan` keeps its shape. A new format adds one arm to `assert_well_formed`.

use std::fs;
use std::path::{Path, PathBuf};

use agentpack::report::format::{Format, formats_for};
use agentpack::report::subject::Kind;
use clap::ValueEnum as _;

use crate::common::{code, run, stderr, stdout};

const KINDS: [Kind; 5] = [
    Kind::Check,
    Kind::Review,
    Kind::Status,
    Kind::Plan,
    Kind::Doctor,
];

fn name(format: Format) -> String {
    format.to_possible_value().unwrap().get_name().to_string()
}

/// A scaffolded project with one failing artifact, so `review` has findings to render.
fn project(tmp: &Path) -> PathBuf {
    assert_eq!(code(&run(tmp, &["init", "demo"])), 0);
    let dir = tmp.join("demo");
    fs::write(
        dir.join("artifacts/research-output.md"),
        "# Notes\n\nSome findings without sources.\n",
    )
    .unwrap();
    dir
}

/// The command line of `kind` in `format`; `review` writes nothing so runs stay independent.
fn args(kind: Kind, format: Format) -> Vec<String> {
    let mut args = vec![kind.command().to_string()];
    if kind == Kind::Review {
        args.push("--no-feedback".into());
    }
    args.extend(["--format".into(), name(format)]);
    args
}

fn assert_well_formed(kind: Kind, format: Format, text: &str) {
    let what = format!("{} --format {}", kind.command(), name(format));
    assert!(!text.trim().is_empty(), "{what}: empty output");
    match format {
        Format::Text => assert!(text.ends_with('\n'), "{what}: {text}"),
        Format::Json => {
            let json: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
            assert_eq!(json["version"], 1, "{what}");
        }
        Format::Sarif => {
            let json: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
            assert_eq!(json["version"], "2.1.0", "{what}");
            assert!(json["runs"][0]["results"].is_array(), "{what}");
        }
        Format::Junit => {
            let mut reader = quick_xml::Reader::from_str(text);
            let mut cases = 0;
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                        if e.name().0 == "testcase" =>
                    {
                        cases += 1
                    }
                    Ok(_) => {}
                    Err(e) => panic!("{what}: not well-formed XML: {e}\n{text}"),
                }
            }
            assert!(cases > 0, "{what}: no test case\n{text}");
        }
        Format::Github => {
            for line in text.lines() {
                assert!(
                    // Workflow commands, then plain summary lines for the log.
                    line.starts_with("::")
                        || line.contains(" checked: ")
                        || line.starts_with("agentpack"),
                    "{what}: not a workflow command: {line}"
                );
            }
        }
        Format::Markdown => assert!(
            text.starts_with(&format!("## agentpack {}\n", kind.command())),
            "{what}: {text}"
        ),
        Format::Mermaid => assert!(text.starts_with("flowchart"), "{what}: {text}"),
    }
}

#[test]
fn every_supported_pair_renders_and_parses() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    for kind in KINDS {
        for format in formats_for(kind) {
            let args = args(kind, format);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run(&dir, &args);
            assert!(
                matches!(code(&out), 0 | 1),
                "{args:?}: exit {}: {}",
                code(&out),
                stderr(&out)
            );
            assert_well_formed(kind, format, &stdout(&out));
        }
    }
    // `check` with findings, outside a project.
    let fixtures = crate::common::repo().join("tests/fixtures/agents/legacy-tool");
    for format in formats_for(Kind::Check) {
        let out = run(
            &crate::common::repo(),
            &[
                "check",
                fixtures.to_str().unwrap(),
                "--format",
                &name(format),
            ],
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_well_formed(Kind::Check, format, &stdout(&out));
    }
}

#[test]
fn unsupported_pairs_exit_2_naming_the_supported_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let mut refused = 0;
    for kind in KINDS {
        let supported = formats_for(kind);
        for format in Format::value_variants() {
            if supported.contains(format) {
                continue;
            }
            refused += 1;
            let args = args(kind, *format);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run(&dir, &args);
            assert_eq!(code(&out), 2, "{args:?}");
            assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
            let err = stderr(&out);
            let names: Vec<String> = supported.iter().map(|f| name(*f)).collect();
            assert!(
                err.contains(&format!("[possible values: {}]", names.join(", "))),
                "{args:?}: {err}"
            );
        }
    }
    assert!(refused >= 6, "status, plan and check refuse some formats");
    assert!(
        !dir.join(".agentpack/logs/reviews.jsonl").exists(),
        "a refused format runs nothing"
    );
}

#[test]
fn status_and_plan_json_shapes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&stdout(&run(&dir, args))).unwrap()
    };
    let status = json(&["status", "--format", "json"]);
    let keys: Vec<&str> = status
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["version", "tasks", "progress", "skipped_lines", "runs"]
    );
    let task = status["tasks"][0].as_object().unwrap();
    let keys: Vec<&str> = task.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "id",
            "agent",
            "output",
            "needs",
            "state",
            "score",
            "iteration"
        ]
    );
    assert_eq!(status["tasks"][0]["state"], "unreviewed");
    assert_eq!(
        status["progress"],
        serde_json::json!({ "approved": 0, "total": 3, "percent": 0 })
    );

    let plan = json(&["plan", "--format", "json"]);
    let keys: Vec<&str> = plan
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["version", "waves"]);
    let task = plan["waves"][0][0].as_object().unwrap();
    let keys: Vec<&str> = task.keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "agent", "output", "needs", "rubric"]);
}
