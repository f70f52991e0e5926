//! The crate's shape, checked: imports go one way (no cycle between files of `src/`), nothing
//! below `commands/` reaches back into `cli` or `commands`, and files stay small enough to
//! read. A module path in a `use` or an expression counts as an import; `mod x;` does not.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::repo;

/// Every `src/**/*.rs` file: module path (`["review", "session"]`) -> (file, text without its
/// test module).
fn modules() -> BTreeMap<Vec<String>, (String, String)> {
    let src = repo().join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let mut parts: Vec<String> = rel
            .trim_end_matches(".rs")
            .split('/')
            .map(String::from)
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = match text.find("#[cfg(test)]\nmod tests") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        out.insert(parts, (format!("src/{rel}"), code));
    }
    out
}

/// The longest prefix of `path` that is a module file.
fn resolve<'a>(
    mods: &'a BTreeMap<Vec<String>, (String, String)>,
    path: &[String],
) -> Option<&'a str> {
    (0..=path.len())
        .rev()
        .find_map(|n| mods.get(&path[..n]).map(|(file, _)| file.as_str()))
}

/// File -> the files it imports.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let crate_ref = regex::Regex::new(r"\bcrate((?:::\w+)+)").unwrap();
    let super_ref = regex::Regex::new(r"\b((?:super::)+)((?:\w+::)*\w+)").unwrap();
    let child_ref = regex::Regex::new(r"(?:^|[^\w:])(\w+)::").unwrap();
    // `use super::{a, b::c}` and `use crate::x::{y, z}`: each item is one import.
    let group_ref =
        regex::Regex::new(r"\b((?:crate|super(?:::super)*)(?:::\w+)*)::\{([^{}]*)\}").unwrap();
    let mut graph = BTreeMap::new();
    for (me, (file, code)) in &mods {
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut to = BTreeSet::new();
        // A path that opens a group (`crate::x::{a, b}`) imports its items, not itself.
        let opens_group = |end: usize| code[end..].starts_with("::{");
        for c in crate_ref.captures_iter(&code) {
            if opens_group(c.get(0).unwrap().end()) {
                continue;
            }
            let path: Vec<String> = c[1].split("::").skip(1).map(String::from).collect();
            to.extend(resolve(&mods, &path));
        }
        let is_dir_module = file.ends_with("/mod.rs") || file == "src/lib.rs";
        let mut spelled: Vec<String> = Vec::new();
        for c in group_ref.captures_iter(&code) {
            for item in c[2].split(',') {
                let item = item.trim().split(" as ").next().unwrap_or_default().trim();
                if !item.is_empty() && item != "self" {
                    spelled.push(format!("{}::{item}", &c[1]));
                } else if item == "self" {
                    spelled.push(c[1].to_string());
                }
            }
        }
        for path in &spelled {
            let mut parts = path.split("::");
            let head = parts.next().unwrap_or_default();
            let rest: Vec<String> = parts.map(String::from).collect();
            let target = if head == "crate" {
                rest
            } else {
                let ups = 1 + rest.iter().take_while(|p| *p == "super").count();
                let rest: Vec<String> = rest.into_iter().skip_while(|p| p == "super").collect();
                let base = if is_dir_module {
                    me.len()
                } else {
                    me.len() - 1
                };
                let Some(keep) = base.checked_sub(ups - 1) else {
                    continue;
                };
                let mut t = me[..keep.min(me.len())].to_vec();
                t.extend(rest);
                t
            };
            to.extend(resolve(&mods, &target));
        }
        for c in super_ref.captures_iter(&code) {
            if opens_group(c.get(0).unwrap().end()) {
                continue;
            }
            let ups = c[1].matches("super::").count();
            let base = if is_dir_module {
                me.len()
            } else {
                me.len() - 1
            };
            let Some(keep) = base.checked_sub(ups - 1) else {
                continue;
            };
            let mut path: Vec<String> = me[..keep.min(me.len())].to_vec();
            path.extend(c[2].split("::").map(String::from));
            to.extend(resolve(&mods, &path));
        }
        if is_dir_module {
            for c in child_ref.captures_iter(&code) {
                let mut path = me.clone();
                path.push(c[1].to_string());
                if let Some((child, _)) = mods.get(&path) {
                    to.insert(child.as_str());
                }
            }
        }
        to.remove(file.as_str());
        graph.insert(file.clone(), to.into_iter().map(String::from).collect());
    }
    graph
}

/// The strongly connected components with more than one file (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn no_import_cycle_between_files() {
    let found = cycles(&imports());
    assert!(found.is_empty(), "import cycles: {found:#?}");
}

#[test]
fn cycle_finder_finds_a_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(cycles(&graph), [["a", "b", "c"]]);
}

#[test]
fn only_commands_and_the_entry_import_the_command_layer() {
    let top = ["src/lib.rs", "src/main.rs", "src/cli.rs"];
    let mut wrong = Vec::new();
    for (file, to) in imports() {
        if top.contains(&file.as_str()) || file.starts_with("src/commands/") {
            continue;
        }
        for t in to {
            if t == "src/cli.rs" || t.starts_with("src/commands/") {
                wrong.push(format!("{file} -> {t}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn files_stay_readable() {
    let mut wrong = Vec::new();
    for (file, _) in modules().values() {
        let lines = std::fs::read_to_string(repo().join(file))
            .unwrap()
            .lines()
            .count();
        let limit = if file.starts_with("src/commands/") {
            180
        } else {
            600
        };
        if lines > limit {
            wrong.push(format!("{file}: {lines} lines (limit {limit})"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
