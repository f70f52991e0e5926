use super::*;

fn errors(text: &str) -> Vec<String> {
    match parse(text, "t.yaml") {
        Ok(_) => Vec::new(),
        Err(errs) => errs
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect(),
    }
}

const OK: &str = "name: t\ndimensions: { completeness: 1 }\nchecks:\n  - { id: s, rule: required-sections, dimension: completeness, sections: [A] }\n";

#[test]
fn every_builtin_rubric_loads() {
    let names = builtin_names();
    assert!(names.contains(&GENERIC), "{names:?}");
    for name in names {
        let rubric = load(name, None).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(rubric.name, name, "rubric name matches its file");
    }
}

#[test]
fn minimal_rubric_parses_with_defaults() {
    let r = parse(OK, "t").unwrap();
    assert_eq!(r.weights, [1.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(r.checks[0].weight, 1.0);
    assert_eq!(r.checks[0].kind.doc.code, "RV001");
}

#[test]
fn errors_point_at_the_problem() {
    let cases = [
        (
            OK.replace("name: t", "name: t\nbogus: 1"),
            "2:1: unknown field `bogus`",
        ),
        (
            OK.replace("required-sections", "required-section"),
            "4:20: unknown rule kind `required-section`",
        ),
        (
            OK.replace("sections: [A]", "sections: [A], extra: 1"),
            "4:79: check `s`: unknown parameter `extra`",
        ),
        (
            OK.replace("completeness: 1 }", "completeness: 0 }"),
            "2:29: weight of `completeness` must be a number above 0",
        ),
        (
            OK.replace("completeness: 1 }", "completeness: 1, taste: 2 }"),
            "2:32: unknown dimension `taste`",
        ),
        (
            OK.replace(
                "dimension: completeness,",
                "dimension: completeness, weight: -1,",
            ),
            "4:72: `weight` must be a number above 0",
        ),
        (
            OK.replace("dimension: completeness,", "dimension: clarity,"),
            "4:50: dimension `clarity` is not listed",
        ),
        (
            OK.replace("sections: [A]", "sections: []"),
            "4:74: check `s`: `sections` is empty",
        ),
        (
            OK.replace("name: t", "name: t\nthreshold: 101"),
            "2:12: threshold must be between 0 and 100",
        ),
    ];
    for (text, want) in cases {
        let got = errors(&text);
        assert!(
            got.iter().any(|e| e.starts_with(want)),
            "want {want}\n got {got:?}\n{text}"
        );
    }
}

#[test]
fn bad_regex_is_located_on_its_line() {
    let text = "name: t\ndimensions: { completeness: 1 }\nchecks:\n  - id: f\n    rule: forbid\n    dimension: completeness\n    patterns:\n      - 'ok'\n      - '(unclosed'\n";
    let got = errors(text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("9:10: check `f`: invalid regex `(unclosed`"),
        "{got:?}"
    );
}

#[test]
fn dimension_without_check_and_duplicate_ids() {
    let text = OK.replace("{ completeness: 1 }", "{ completeness: 1, format: 1 }");
    assert!(
        errors(&text)
            .iter()
            .any(|e| e.contains("dimension `format` has no check"))
    );
    let text = format!("{OK}  - {{ id: s, rule: anchors, dimension: completeness }}\n");
    assert!(
        errors(&text)
            .iter()
            .any(|e| e.starts_with("5:5: check id `s` is used twice")),
        "{:?}",
        errors(&text)
    );
}

#[test]
fn load_prefers_project_override_and_names_files() {
    let dir = tempfile::tempdir().unwrap();
    let rubrics = dir.path().join(RUBRIC_DIR);
    std::fs::create_dir_all(&rubrics).unwrap();
    std::fs::write(
        rubrics.join("generic.yaml"),
        OK.replace("name: t", "name: mine"),
    )
    .unwrap();
    assert_eq!(load("generic", Some(dir.path())).unwrap().name, "mine");
    std::fs::write(rubrics.join("broken.yaml"), "name: x\nchecks: 3\n").unwrap();
    let err = load("broken", Some(dir.path())).unwrap_err().to_string();
    assert!(err.contains("broken.yaml:2:"), "{err}");
    let diags = validate_file(&rubrics.join("broken.yaml"));
    assert_eq!(
        (diags.len(), diags[0].line, diags[0].code.as_str()),
        (1, 2, INVALID_RUBRIC)
    );
    let err = load("nope", None).unwrap_err().to_string();
    assert!(
        err.starts_with("unknown rubric `nope`; built-in rubrics: "),
        "{err}"
    );
}

#[test]
fn rule_docs_are_complete_and_ordered() {
    let docs = rule_docs();
    let codes: Vec<&str> = docs.iter().map(|d| d.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
    for d in &docs {
        assert!(
            d.doc.contains("## What it does") && d.doc.contains("## Why"),
            "{}",
            d.code
        );
    }
    for k in rules::KINDS {
        assert!(
            k.doc.doc.contains("## Parameters") && k.doc.doc.contains("## Example"),
            "{}",
            k.doc.code
        );
    }
}
