//! Crash consistency: `init`, `add` and `review` stopped at every write point (the binary's
//! `AGENTPACK_TEST_CRASH_AT=N` test hook aborts at the N-th, as a `kill -9` would), then run
//! again. The re-run must succeed without `--force` and leave exactly what an uninterrupted
//! run leaves: no temporary file, no stale lock (a later `init --threshold` sees no edit), a
//! history whose every line parses. `archive` stopped anywhere loses no file: the re-run
//! finishes the move into the one run folder.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::{agentpack, code, repo, run, stderr, stdout, tree};

/// Copies the folder `from` to `to` (files and folders; projects here have no links).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn is_temp(rel: &str) -> bool {
    rel.rsplit('/')
        .next()
        .is_some_and(|n| n.starts_with(".agentpack-") && n.ends_with(".tmp"))
}

/// Ages the temporary files a killed run left, as if the re-run came a while later.
fn age_temps(dir: &Path) -> usize {
    let mut found = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if is_temp(&entry.file_name().to_string_lossy()) {
            let file = fs::File::options().write(true).open(entry.path()).unwrap();
            file.set_modified(SystemTime::now() - Duration::from_secs(3600))
                .unwrap();
            found += 1;
        }
    }
    found
}

/// The tree without the history (its lines carry times), checked separately.
fn files(dir: &Path) -> Vec<(String, String)> {
    tree(dir)
        .into_iter()
        .filter(|(rel, _)| rel != ".agentpack/logs/reviews.jsonl")
        .collect()
}

/// Paths whose content differs (or that only one side has), with the first differing line.
fn differences(got: &[(String, String)], want: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    let all: std::collections::BTreeSet<&String> = got.iter().chain(want).map(|(p, _)| p).collect();
    for path in all {
        let find =
            |v: &[(String, String)]| v.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone());
        let (g, w) = (find(got), find(want));
        if g != w {
            let (g, w) = (g.unwrap_or_default(), w.unwrap_or_default());
            let line = g
                .lines()
                .zip(w.lines())
                .find(|(a, b)| a != b)
                .map_or_else(String::new, |(a, b)| format!("\n  got:  {a}\n  want: {b}"));
            out.push(format!("{path}{line}"));
        }
    }
    out
}

fn history_lines(dir: &Path) -> usize {
    let text = fs::read_to_string(dir.join(".agentpack/logs/reviews.jsonl")).unwrap_or_default();
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    }
    text.lines().count()
}

/// Runs `args` in `dir` stopped at write point `n`: `None` when it was stopped (its temporary
/// files aged, as if the re-run came a while later), its output when it ran to its end first.
fn stop_at(dir: &Path, args: &[&str], n: usize) -> Option<std::process::Output> {
    let out = agentpack(dir)
        .args(args)
        .env("AGENTPACK_TEST_CRASH_AT", n.to_string())
        .output()
        .unwrap();
    if out.status.code().is_some() {
        return Some(out);
    }
    age_temps(dir);
    None
}

/// A project `seed/p` whose research output fails review; returns the seed and the failing
/// text.
fn failing_seed(tmp: &Path) -> (std::path::PathBuf, String) {
    let seed = tmp.join("seed");
    fs::create_dir_all(&seed).unwrap();
    assert_eq!(code(&run(&seed, &["init", "p", "-q"])), 0);
    let failing =
        fs::read_to_string(repo().join("examples/artifacts/research-report/placeholders.md"))
            .unwrap();
    fs::write(seed.join("p/artifacts/research-output.md"), &failing).unwrap();
    (seed, failing)
}

/// Runs `args` in `cwd` of a copy of `seed` stopped at every write point in turn; `project`
/// is where the project is inside the copy. Returns the number of write points.
fn crash_everywhere(seed: &Path, work: &Path, project: &str, args: &[&str], ok: &[i32]) -> usize {
    let reference = work.join("reference");
    copy_tree(seed, &reference);
    let out = run(&reference, args);
    assert!(ok.contains(&code(&out)), "{}{}", stdout(&out), stderr(&out));
    let expected = files(&reference.join(project));
    let expected_lines = history_lines(&reference.join(project));
    for n in 1..400 {
        let dir = work.join(format!("crash-{n}"));
        copy_tree(seed, &dir);
        if let Some(out) = stop_at(&dir, args, n) {
            assert!(ok.contains(&code(&out)), "{}", stderr(&out));
            fs::remove_dir_all(&dir).unwrap();
            return n - 1;
        }
        let out = run(&dir, args);
        let p = dir.join(project);
        assert!(
            ok.contains(&code(&out)),
            "re-run after a stop at write point {n}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        let differ = differences(&files(&p), &expected);
        assert!(
            differ.is_empty(),
            "after a stop at write point {n}: {differ:#?}"
        );
        let lines = history_lines(&p);
        assert!(
            lines == expected_lines || lines == 2 * expected_lines,
            "write point {n}: {lines} history lines, {expected_lines} expected"
        );
        if p.join(".agentpack/agentpack.lock").exists() && !args.contains(&"review") {
            let out = run(&p, &["init", "--threshold", "70", "-q"]);
            assert_eq!(
                code(&out),
                0,
                "stale lock after a stop at write point {n}: {}",
                stdout(&out)
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }
    panic!("{args:?} never ran to its end");
}

#[test]
fn crash_at_every_write_point_of_init() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = tmp.path().join("seed");
    fs::create_dir_all(&seed).unwrap();
    let points = crash_everywhere(
        &seed,
        tmp.path(),
        "p",
        &["init", "p", "--examples", "-q"],
        &[0],
    );
    assert!(points > 30, "{points} write points");
}

#[test]
fn crash_at_every_write_point_of_add() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = tmp.path().join("seed");
    fs::create_dir_all(&seed).unwrap();
    assert_eq!(code(&run(&seed, &["init", "p", "--examples", "-q"])), 0);
    let points = crash_everywhere(
        &seed,
        tmp.path(),
        "p",
        &["-C", "p", "add", "editor", "reviewer", "-q"],
        &[0],
    );
    assert!(points > 20, "{points} write points");
}

#[test]
fn crash_at_every_write_point_of_review() {
    let tmp = tempfile::tempdir().unwrap();
    let (seed, _) = failing_seed(tmp.path());
    fs::write(seed.join("p/artifacts/notes.md"), "# Notes\n\nTODO\n").unwrap();
    let points = crash_everywhere(&seed, tmp.path(), "p", &["-C", "p", "review", "-q"], &[1]);
    assert!(points >= 5, "{points} write points");
}

#[test]
fn crash_at_every_write_point_of_the_layout_move() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = tmp.path().join("seed");
    fs::create_dir_all(&seed).unwrap();
    crate::existing::legacy_project(&seed);
    let points = crash_everywhere(&seed, tmp.path(), "p", &["-C", "p", "init", "-q"], &[0]);
    assert!(points > 10, "{points} write points");
}

#[test]
fn crash_at_every_write_point_of_init_in_an_existing_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = tmp.path().join("seed");
    fs::create_dir_all(&seed).unwrap();
    crate::existing::service_repo(&seed);
    let points = crash_everywhere(
        &seed,
        tmp.path(),
        "svc",
        &["-C", "svc", "init", "--prefix", "ap-", "-q"],
        &[0],
    );
    assert!(points > 20, "{points} write points");
}

/// The workspace of an archived project, and the one run's files (without `run.json`, whose
/// times differ) relative to its folder, whatever the folder's date.
fn archived_state(dir: &Path) -> [Vec<(String, String)>; 2] {
    let runs = dir.join(agentpack::project::run::RUNS_DIR);
    let folders: Vec<_> = fs::read_dir(&runs)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(folders.len(), 1, "one run folder: {folders:?}");
    let record: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(folders[0].path().join("run.json")).unwrap())
            .unwrap();
    assert_eq!(record["complete"], true, "{record}");
    let run = tree(&folders[0].path())
        .into_iter()
        .filter(|(rel, _)| rel != "run.json")
        .collect();
    let workspace = tree(dir)
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with(agentpack::project::run::RUNS_DIR))
        .collect();
    [workspace, run]
}

#[test]
fn crash_at_every_write_point_of_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let (seed, failing) = failing_seed(tmp.path());
    let p = seed.join("p");
    assert_eq!(code(&run(&p, &["review", "-q"])), 1);
    fs::write(
        p.join("artifacts/research-output.v2.md"),
        failing + "\nv2\n",
    )
    .unwrap();
    assert_eq!(code(&run(&p, &["review", "-q"])), 1);
    let reference = tmp.path().join("reference");
    copy_tree(&seed, &reference);
    let args = ["-C", "p", "archive", "q3", "-q"];
    assert_eq!(code(&run(&reference, &args)), 0);
    let expected = archived_state(&reference.join("p"));
    assert_eq!(expected[1].len(), 4, "{:?}", expected[1]);
    for n in 1..100 {
        let dir = tmp.path().join(format!("crash-{n}"));
        copy_tree(&seed, &dir);
        if let Some(out) = stop_at(&dir, &args, n) {
            assert_eq!(code(&out), 0, "{}", stderr(&out));
            assert!(n > 10, "{n} write points");
            return;
        }
        let out = run(&dir, &args);
        assert_eq!(
            code(&out),
            0,
            "re-run after a stop at write point {n}: {}",
            stderr(&out)
        );
        let got = archived_state(&dir.join("p"));
        assert_eq!(got, expected, "after a stop at write point {n}");
        let temps: Vec<_> = tree(&dir).into_iter().filter(|(r, _)| is_temp(r)).collect();
        assert!(temps.is_empty(), "write point {n}: {temps:?}");
        fs::remove_dir_all(&dir).unwrap();
    }
    panic!("archive never ran to its end");
}

#[test]
fn crash_at_every_write_point_of_remove() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = tmp.path().join("seed");
    fs::create_dir_all(&seed).unwrap();
    assert_eq!(code(&run(&seed, &["init", "p", "--examples", "-q"])), 0);
    assert_eq!(code(&run(&seed.join("p"), &["add", "editor", "-q"])), 0);
    // A re-run after the removal completed says the agent is no longer there (exit 2);
    // the tree must still be what one uninterrupted run leaves.
    let points = crash_everywhere(
        &seed,
        tmp.path(),
        "p",
        &["-C", "p", "remove", "editor", "-q"],
        &[0, 2],
    );
    assert!(points > 10, "{points} write points");
}
