//! Tests of the lexicon: roles by heading, label and structure; citations.

use super::*;

#[test]
fn builtin_lexicon_parses_and_every_role_compiles() {
    let lex = builtin();
    for name in lex.roles.keys() {
        compile_role(name, None).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(
        lex.filler
            .is_match("It is important to note that this matters.")
    );
}

#[test]
fn roles_by_heading_label_and_structure() {
    let doc = Document::parse(
        "# T\n\nA lead paragraph that sets the scene with enough words to count as an introduction here, and a few more words so it is long enough.\n\n**Prerequisites**: Python 3.12\n\n## Additional Resources\n\n- [a](https://a.example)\n- [b](https://b.example)\n",
    );
    let find = |r: &str| compile_role(r, None).unwrap().find(&doc);
    assert!(matches!(find("overview"), Some(Found::At(_, _))));
    assert!(matches!(find("sources"), Some(Found::Heading(_, _))));
    assert!(matches!(find("prerequisites"), Some(Found::At(_, _))));
    assert!(find("alternatives").is_none());
}

#[test]
fn citations_resolve() {
    let doc = Document::parse(
        "Text [1] and [2] and `a[3]`.\n\n[1] Smith. Paper title. https://x.example\n\n[^n]: note\n",
    );
    let c = citations(&doc);
    assert_eq!(c.defined, ["1", "^n"]);
    let used: Vec<&str> = c.markers.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(used, ["1", "2"]);
}
