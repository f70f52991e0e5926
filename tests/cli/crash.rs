//! Crash consistency: `init`, `add` and `review` stopped at every write point (the binary's
//! `AGENTPACK_TEST_CRASH_AT=N` test hook aborts at the N-th, as a `kill -9` would), then run
//! again. The re-run must succeed without `--force` and leave exactly what an uninterrupted
//! run leaves: no temporary file, no stale lock (a later `init --threshold` sees no edit), a
//! history whose every line parses.

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
        let out = agentpack(&dir)
            .args(args)
            .env("AGENTPACK_TEST_CRASH_AT", n.to_string())
            .output()
            .unwrap();
        if out.status.code().is_some() {
            assert!(ok.contains(&code(&out)), "{}", stderr(&out));
            fs::remove_dir_all(&dir).unwrap();
            return n - 1;
        }
        age_temps(&dir);
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
    let seed = tmp.path().join("seed");
    fs::create_dir_all(&seed).unwrap();
    assert_eq!(code(&run(&seed, &["init", "p", "-q"])), 0);
    let failing =
        fs::read_to_string(repo().join("examples/artifacts/research-report/placeholders.md"))
            .unwrap();
    fs::write(seed.join("p/artifacts/research-output.md"), failing).unwrap();
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
