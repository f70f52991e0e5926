//! Runs: `archive` ends one request's run (outputs, revisions, feedback and history move into
//! `RUNS_DIR/<date>-<name>/`), the next request starts at round 1, a dry run writes
//! nothing, conflicts never lose or overwrite a file, and `status` shows the runs.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{code, repo, run, stderr, stdout, tree};

use agentpack::project::history::HISTORY_PATH as HISTORY;
use agentpack::project::run::RUNS_DIR as RUNS;

/// A research-writing project whose research output fails review.
fn project(tmp: &Path) -> PathBuf {
    assert_eq!(code(&run(tmp, &["init", "p", "-q"])), 0);
    let dir = tmp.join("p");
    write_draft(&dir, "artifacts/research-output.md", "");
    dir
}

/// A failing draft (the placeholder example), made distinct by `tag`.
fn write_draft(dir: &Path, rel: &str, tag: &str) {
    let text =
        fs::read_to_string(repo().join("examples/artifacts/research-report/placeholders.md"))
            .unwrap();
    fs::write(dir.join(rel), format!("{text}\n{tag}\n")).unwrap();
}

/// The iteration `review --format json` reports for `path`.
fn iteration(dir: &Path, path: &str) -> u64 {
    let out = run(dir, &["review", "--format", "json", path]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("review json");
    json["artifacts"][0]["iteration"].as_u64().unwrap()
}

/// The folders under `.agentpack/archive/`, sorted.
fn runs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join(RUNS))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn record(dir: &Path, run: &str) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(dir.join(RUNS).join(run).join("run.json")).unwrap())
        .unwrap()
}

#[test]
fn archive_moves_outputs_revisions_feedback_and_history_and_leaves_a_clean_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    assert_eq!(code(&run(&dir, &["review", "-q"])), 1);
    write_draft(&dir, "artifacts/research-output.v2.md", "v2");
    assert_eq!(code(&run(&dir, &["review", "-q"])), 1);
    assert!(dir.join("artifacts/feedback.md").is_file());
    fs::write(dir.join("artifacts/brief.txt"), "the user's own input\n").unwrap();
    let before: Vec<(String, String)> = tree(&dir);
    let history = fs::read_to_string(dir.join(HISTORY)).unwrap();

    let out = run(&dir, &["archive", "Market study Q3"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let [name] = runs(&dir).try_into().expect("one run folder");
    assert!(
        name.ends_with("-market-study-q3") && name.len() == "YYYY-MM-DD-market-study-q3".len(),
        "{name}"
    );
    let run_dir = dir.join(RUNS).join(&name);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("Archived 4 file(s) to {RUNS}/{name}/")),
        "{text}"
    );
    assert!(
        text.contains("keep artifacts/brief.txt (not an output of this run"),
        "{text}"
    );
    for rel in [
        "artifacts/research-output.md",
        "artifacts/research-output.v2.md",
        "artifacts/feedback.md",
    ] {
        assert!(!dir.join(rel).exists(), "{rel} left the workspace");
        let moved = fs::read_to_string(run_dir.join(rel)).unwrap();
        let original = &before.iter().find(|(p, _)| p == rel).unwrap().1;
        assert_eq!(&moved, original, "{rel} moved unchanged");
    }
    assert_eq!(
        fs::read_to_string(run_dir.join("reviews.jsonl")).unwrap(),
        history
    );
    assert!(!dir.join(HISTORY).exists());
    assert!(
        dir.join("artifacts/brief.txt").is_file(),
        "a file that is no output stays"
    );
    let rec = record(&dir, &name);
    assert_eq!(rec["complete"], true);
    assert_eq!(rec["name"], "market-study-q3");
    assert_eq!(rec["reviews"], 2);
    assert_eq!(rec["rounds"], 2);
    // Every file of before is either still in place or in the run, with the same content.
    let after = tree(&dir);
    for (rel, content) in &before {
        let archived = after.iter().find(|(p, _)| {
            p == rel
                || *p == format!("{RUNS}/{name}/{rel}")
                || (rel == HISTORY && *p == format!("{RUNS}/{name}/reviews.jsonl"))
        });
        assert_eq!(archived.map(|(_, c)| c), Some(content), "{rel} is kept");
    }
}

#[test]
fn after_archive_a_fresh_first_draft_is_round_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let key = "artifacts/research-output.md";
    assert_eq!(iteration(&dir, key), 1);
    for n in 2..=4 {
        write_draft(&dir, key, &format!("edit {n}"));
        assert_eq!(iteration(&dir, key), n);
    }
    // Without an archive, the next request's first draft would be round 5 of 3.
    assert_eq!(code(&run(&dir, &["archive", "first", "-q"])), 0);
    write_draft(&dir, key, "a new request");
    assert_eq!(iteration(&dir, key), 1, "the second run starts at round 1");
    let out = run(&dir, &["review", key]);
    assert!(
        stdout(&out).contains("NEEDS_REFINEMENT"),
        "a fresh draft is refined, not escalated: {}",
        stdout(&out)
    );
}

#[test]
fn dry_run_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    assert_eq!(code(&run(&dir, &["review", "-q"])), 1);
    let before = tree(&dir);
    let out = run(&dir, &["archive", "--dry-run", "q3"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("move artifacts/research-output.md"), "{text}");
    assert!(text.contains("move artifacts/feedback.md"), "{text}");
    assert!(text.contains(&format!("move {HISTORY} -> ")), "{text}");
    assert!(
        text.contains(&format!("Dry run: would move 3 file(s) to {RUNS}/")),
        "{text}"
    );
    assert_eq!(tree(&dir), before);
    assert!(!dir.join(RUNS).exists());
}

#[test]
fn nothing_to_archive_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(code(&run(tmp.path(), &["init", "p", "-q"])), 0);
    let dir = tmp.path().join("p");
    let before = tree(&dir);
    let out = run(&dir, &["archive"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Nothing to archive"),
        "{}",
        stdout(&out)
    );
    assert!(runs(&dir).is_empty());
    assert_eq!(tree(&dir), before);
    assert!(!dir.join(HISTORY).exists(), "no empty history left behind");
}

#[test]
fn a_taken_name_gets_a_suffix_and_the_old_run_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    assert_eq!(code(&run(&dir, &["archive", "q3", "-q"])), 0);
    let [first] = runs(&dir).try_into().unwrap();
    let old = tree(&dir.join(RUNS).join(&first));
    write_draft(&dir, "artifacts/research-output.md", "second");
    let out = run(&dir, &["archive", "q3"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(runs(&dir), [first.clone(), format!("{first}-2")]);
    assert_eq!(tree(&dir.join(RUNS).join(&first)), old);
    let second = fs::read_to_string(
        dir.join(RUNS)
            .join(format!("{first}-2"))
            .join("artifacts/research-output.md"),
    )
    .unwrap();
    assert!(second.ends_with("second\n"));
}

#[test]
fn archive_refuses_while_a_review_holds_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    assert_eq!(code(&run(&dir, &["review", "-q"])), 1);
    let before = tree(&dir);
    let held = fs::File::options()
        .append(true)
        .open(dir.join(HISTORY))
        .unwrap();
    held.lock().unwrap();
    let out = run(&dir, &["archive"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("a review is running"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&dir), before);
    drop(held);
    assert_eq!(code(&run(&dir, &["archive", "-q"])), 0);
    let [name] = runs(&dir).try_into().unwrap();
    assert!(
        name.ends_with("-research-topic"),
        "named after the output's title `# {{research topic}}`: {name}"
    );
}

#[test]
fn a_name_without_letters_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let out = run(&dir, &["archive", "../.."]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no letter or digit"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join(RUNS).exists());
}

#[test]
fn an_interrupted_archive_is_finished_and_a_newer_file_is_left_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    assert_eq!(code(&run(&dir, &["review", "-q"])), 1);
    // What a stop after the first move leaves: the journal says incomplete, one file moved.
    let run_dir = dir.join(RUNS).join("2026-01-02-old");
    fs::create_dir_all(run_dir.join("artifacts")).unwrap();
    fs::rename(
        dir.join("artifacts/feedback.md"),
        run_dir.join("artifacts/feedback.md"),
    )
    .unwrap();
    // ...and a file that exists on both sides (new work written since).
    fs::write(run_dir.join("artifacts/research-output.md"), "old\n").unwrap();
    let journal = serde_json::json!({
        "version": 1, "name": "old", "archived": "2026-01-02T00:00:00Z", "reviews": 1,
        "rounds": 1, "complete": false,
        "files": [
            {"from": "artifacts/feedback.md", "to": "artifacts/feedback.md"},
            {"from": "artifacts/research-output.md", "to": "artifacts/research-output.md"},
            {"from": HISTORY, "to": "reviews.jsonl"},
        ],
    });
    fs::write(run_dir.join("run.json"), journal.to_string()).unwrap();
    let status = stdout(&run(&dir, &["status"]));
    assert!(
        status.contains(&format!("Interrupted archive: {RUNS}/2026-01-02-old/")),
        "{status}"
    );

    let before = tree(&dir);
    let dry = stdout(&run(&dir, &["archive", "--dry-run", "new"]));
    assert!(
        dry.contains(&format!(
            "would finish the interrupted archive {RUNS}/2026-01-02-old/ (1 file(s) to move)"
        )),
        "{dry}"
    );
    assert!(
        !dry.contains(&format!("move {HISTORY}")),
        "the old run takes it: {dry}"
    );
    assert_eq!(tree(&dir), before, "a dry run finishes nothing");

    let out = run(&dir, &["archive", "new"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "finished the interrupted archive {RUNS}/2026-01-02-old/ (1 file(s) moved)"
        )),
        "{text}"
    );
    assert!(text.contains("left artifacts/research-output.md"), "{text}");
    assert_eq!(record(&dir, "2026-01-02-old")["complete"], true);
    assert!(
        run_dir.join("reviews.jsonl").is_file(),
        "the history went to the old run"
    );
    assert_eq!(
        fs::read_to_string(run_dir.join("artifacts/research-output.md")).unwrap(),
        "old\n",
        "never overwritten"
    );
    // The newer draft was left in the workspace, so it is the new run's.
    let names = runs(&dir);
    assert_eq!(names.len(), 2, "{names:?}");
    let new = names.iter().find(|n| n.ends_with("-new")).unwrap();
    assert!(
        fs::read_to_string(
            dir.join(RUNS)
                .join(new)
                .join("artifacts/research-output.md")
        )
        .unwrap()
        .contains("Executive Summary")
    );
}

#[test]
fn status_shows_the_current_run_and_archived_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let fresh = stdout(&run(&dir, &["status"]));
    assert!(
        !fresh.contains("Run:"),
        "nothing to say before a review: {fresh}"
    );
    assert_eq!(code(&run(&dir, &["review", "-q"])), 1);
    let text = stdout(&run(&dir, &["status"]));
    assert!(text.contains("Run: started 20"), "{text}");
    assert!(text.contains(", 1 review(s), highest round 1"), "{text}");
    assert!(text.contains("Archived runs: none"), "{text}");
    assert_eq!(code(&run(&dir, &["archive", "q3", "-q"])), 0);
    let text = stdout(&run(&dir, &["status"]));
    let [name] = runs(&dir).try_into().unwrap();
    assert!(text.contains("Run: no review yet"), "{text}");
    assert!(
        text.contains(&format!("Archived runs: 1 (latest {RUNS}/{name}/)")),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&dir, &["status", "--format", "json"]))).unwrap();
    assert_eq!(json["runs"]["archived"], 1);
    assert_eq!(json["runs"]["latest"], format!("{RUNS}/{name}"));
    assert_eq!(json["runs"]["current"]["reviews"], 0);
    let md = stdout(&run(&dir, &["status", "--format", "markdown"]));
    assert!(md.contains("- Archived runs: 1"), "{md}");
}

#[test]
fn reviews_racing_an_archive_lose_no_history_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    fs::create_dir_all(dir.join("notes")).unwrap();
    write_draft(&dir, "notes/draft.md", "");
    const REVIEWS: usize = 4;
    let reviews: Vec<_> = (0..REVIEWS)
        .map(|_| {
            crate::common::agentpack(&dir)
                .args(["review", "-q", "notes/draft.md"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // The archive lands somewhere among the reviews; while one holds the lock it refuses.
    loop {
        let out = run(&dir, &["archive", "race", "-q"]);
        if code(&out) == 0 {
            break;
        }
        assert!(
            stderr(&out).contains("a review is running"),
            "{}",
            stderr(&out)
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for review in reviews {
        let out = review.wait_with_output().unwrap();
        assert_eq!(code(&out), 1, "{}", stderr(&out));
    }
    let lines = |path: PathBuf| fs::read_to_string(path).unwrap_or_default().lines().count();
    let archived: usize = runs(&dir)
        .iter()
        .map(|name| lines(dir.join(RUNS).join(name).join("reviews.jsonl")))
        .sum();
    assert_eq!(
        archived + lines(dir.join(HISTORY)),
        REVIEWS,
        "every review's line is in the archived history or the new one"
    );
}

#[test]
fn a_project_of_the_old_layout_archives_its_history_from_the_old_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = crate::existing::legacy_project(tmp.path());
    let legacy = "logs/reviews.jsonl";
    let history = fs::read_to_string(dir.join(legacy)).unwrap();
    write_draft(&dir, "artifacts/research-output.md", "");
    let out = run(&dir, &["archive", "old", "-q"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let [name] = runs(&dir).try_into().unwrap();
    assert_eq!(
        fs::read_to_string(dir.join(RUNS).join(&name).join("reviews.jsonl")).unwrap(),
        history
    );
    assert!(!dir.join(legacy).exists() && !dir.join(HISTORY).exists());
    write_draft(&dir, "artifacts/research-output.md", "new request");
    assert_eq!(iteration(&dir, "artifacts/research-output.md"), 1);
}
