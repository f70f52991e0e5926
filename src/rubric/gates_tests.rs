//! Tests of the gates (kept apart so `gates.rs` stays readable).

use super::*;

/// The ids of the gates `text` fails.
pub(super) fn ids(text: &str) -> Vec<&'static str> {
    check(&Document::parse(text)).iter().map(|g| g.id).collect()
}

const BODY: &str = "This paragraph has plenty of ordinary words in it so that the body is not empty at all. It talks about the parser and the cache in some detail, and it ends properly.\n";

#[test]
fn placeholders_fire_outside_code_and_maths() {
    for p in [
        "{Continue...}",
        "{Topic}",
        "<insert example here>",
        "[Your Name]",
        "[TODO]",
        "[2-3 paragraphs summarizing the results]",
        "This is to be completed.",
        "Examples to be added later.",
        "(to be written)",
        "*To be completed*",
        // A marker set in emphasis is still a marker.
        "***TODO: Finish this section***",
        "_TBD_",
        "- **Owner**: __TBD__",
        "| Owner | _TBD_ |\n|---|---|\n| Ana | _TBD_ |",
        "You MUST answer.",
        // Slot words glued to a name or text are still slots.
        "It was a bright morning.{Continue...}",
        "A {Company}-specific plan",
        "See (below){Continue with the analysis}",
        "{Name=your name}",
        // Link syntax the parser did not resolve, a slot before a colon, a brace after one.
        "Signed: [Your Name][]",
        "See [TODO][1] for the plan",
        "[describe the fix]: finish the rollback steps",
        "Title:{Topic}",
        "A {Company, Product} plan",
        "A {Company Name, etc.} plan",
        // Names of a template's slots in a set or a map are still slots.
        "A {VendorName, ProductName} review",
        "From {Current System -> Target System}",
        // Capitalised words listed as prose, or a hint in brackets, may be a template's slots.
        "Sign it {Name, Date}",
        "{Summary of the findings [2-3 paragraphs]}",
        "{Topic + Subtopic}",
        // A slot after a label's colon is still a slot.
        "Author: {name}",
        "Author:{Name}",
        "Author:{author_name}",
        "Contact:{email} for questions",
        // A quoted template is still a slot: a result left unfilled reads the same.
        "Report format: \"p95 dropped from {before} ms to {after} ms\"",
        // The same in Chinese: "to be added", "fill in the background here", "to be added".
        "【待补充】",
        "项目背景（此处填写项目背景）",
        "- 待补充",
    ] {
        assert_eq!(
            ids(&format!("# T\n\n{BODY}\n{p}\n\n{BODY}")),
            ["leftover-text"],
            "{p}"
        );
    }
    for p in [
        // A status that is still open ("Owner: to be decided") is an answer, not a slot.
        "负责人：待定，下周确认。",
        "`{Topic}`",
        "$Y_{t-1}$",
        "GET /api/v1/targets/{id}",
        "x^{2} and a_{i}",
        "[Your Name](https://x.example)",
        "> \"You are the interpretability agent... Your job is to infer the objective.\"",
        "The prompt says \"Your task is to list the risks\"",
        "1. **You MUST call `ack()`** on every event or the server retries it",
        "The plugin needs to be added to the devDependencies of the project",
        "Each new rule has to be written as a test first, and the list is to be completed by hand",
        // An aside in brackets that the sentence goes on after.
        "Our (yet to be written) regression tests will describe the graph",
        // Templates inside names, and attribute lists: not slots.
        "Candles go out on `market` subject market.candle.{tf} and",
        "Each run writes report-{date}.md and {name}.json",
        // A key schema: names joined by colons.
        "Keys follow patterns:{pdf_id}:{page}:{patch} for every page",
        "Open [the docs](https://x.example){target=\"_blank\"} or ![logo](l.png){width=300}",
        // Link syntax and Rust path groups: not slots.
        "It is feature-gated, as [described here][18875].\n\n[18875]: https://x.example/18875\n\nSee",
        "Reserved, as the [list of keywords] says.\n\n[list of keywords]: https://x.example/keywords\n\nSee",
        "Add the constants i8::{MAX, MIN} and u8::{MAX, MIN}",
        "The type is one of {int, uint, double, duration, string, bytes}",
        "It takes {policy definition, policy binding} pairs",
        // Identifiers and notation in braces.
        "The probe is one of {Liveness,Readiness,Startup}",
        "The URL splits into {scheme, userInfo, host, port}",
        "The ratio is {memoryRequest \\over memoryCapacity}",
        "Each batch holds {x+3} items and prints {map[NodeLogQuery:true]}",
        // LaTeX arguments written without `$`.
        "New = before * \\frac{deploymentMaxReplicas}{deploymentMaxReplicasBeforeScale}",
    ] {
        assert!(
            ids(&format!("# T\n\n{BODY}\n{p} here.\n\n{BODY}")).is_empty(),
            "{p}"
        );
    }
}

#[test]
fn contradiction_token_answers_and_restart() {
    let ready = format!(
        "# T\n\n{BODY}\n{BODY}\nThe release is ready for production.\n\n- [ ] run the load test\n- [ ] check the logs\n"
    );
    assert_eq!(ids(&ready), ["contradiction"]);
    // The same verdict with the work done is no contradiction.
    assert!(ids(&ready.replace("[ ]", "[x]")).is_empty());
    // A verdict under its condition owns the open work; one in quotes is only mentioned.
    for qualified in [
        "ready for production once the load test passes",
        "ready for production after fixing the two items below",
        "not yet what \"ready for production\" means",
    ] {
        let text = ready.replace("ready for production", qualified);
        assert!(ids(&text).is_empty(), "{qualified}: {:?}", ids(&text));
    }
    let form = format!(
        "# T\n\n{BODY}\n{BODY}\n- What else was considered?\n\n    None.\n\n- What is the cost of not doing it?\n\n    None.\n"
    );
    assert_eq!(ids(&form), ["leftover-text"]);
    let twice = format!(
        "# Caching at the edge\n\n{BODY}\n## Results\n\nReads from the edge cache took four milliseconds in the median and nine at the tail. Writes went to the origin as before, and the hit rate stayed above the target all week.\n\n# Caching at the edge: a summary\n\nThe parser and the cache were rewritten in May.\n"
    );
    assert_eq!(ids(&twice), ["repetition"]);
}

#[test]
fn your_job_is_to_answering_your_job_is_not_to_is_an_argument() {
    let argued = format!(
        "# Why not Envoy\n\n{BODY}\nI would argue that's not a real requirement. Your job is not to adopt a\nparticular piece of technology. Your job is to solve a problem.\n\n{BODY}"
    );
    assert!(ids(&argued).is_empty(), "{:?}", ids(&argued));
    // Instructions stay prompt text: after a label, after another sentence, and when the
    // negation stands in another paragraph.
    for prompt in [
        "**Instructions:** Your task is to write a rollout plan for the cache.",
        "You are working on the cache service. Your task is to write a rollout plan.",
        "Your job is not to guess.\n\nYour job is to write the rollout plan for the cache.",
    ] {
        let doc = format!("# Plan\n\n{BODY}\n{prompt}\n\n{BODY}");
        assert_eq!(ids(&doc), ["leftover-text"], "{prompt}");
    }
}

#[test]
fn a_trailing_paragraph_of_unicode_spaces_is_not_the_last_block() {
    // A paragraph of NBSP is a block to markdown but blank to the eye: the gates read the
    // block before it (this once panicked with a slice that began after its end).
    let fuzzed = "e t b r S\nR w 5 n 3\nC\n\nm o e e\nC i\n\ns p\no d l e s r s e\ne w 1 n 3.\rn\ns e\nm c a 7 P\n\n\u{a0}";
    let _ = ids(fuzzed);
    assert!(ids(&format!("# T\n\n{BODY}\n{BODY}\n\u{a0}\n")).is_empty());
    assert_eq!(
        ids(&format!(
            "# T\n\n{BODY}\n{BODY}\nSee the notes (in the wiki\n\n\u{a0}\u{a0}\n"
        )),
        ["truncated"]
    );
}

#[test]
fn truncation_empty_and_repetition() {
    assert_eq!(
        ids(&format!("# T\n\n{BODY}\n{BODY}\n```rust\nfn main() {{\n")),
        ["truncated"]
    );
    assert_eq!(
        ids(&format!(
            "# T\n\n{BODY}\n{BODY}\n| a | b |\n|---|---|\n| 1 | 2"
        )),
        ["truncated"]
    );
    assert_eq!(
        ids(&format!(
            "# T\n\n{BODY}\n{BODY}\nAnd then the parser was rewritten so that"
        )),
        ["truncated"]
    );
    // Cut after one word: a function word cannot end a text, a sign-off can.
    assert_eq!(
        ids(&format!(
            "# T\n\n{BODY}\n{BODY}\n## Next\n\nThe index was rebuilt twice during the week.\n\nOn"
        )),
        ["truncated"]
    );
    assert!(ids(&format!("# T\n\n{BODY}\n{BODY}\n## Next\n\nThe index was rebuilt twice during the week.\n\nThanks")).is_empty());
    // A word in capitals is a name ("OR", "ON"), not a cut.
    assert!(
        ids(&format!(
            "# T\n\n{BODY}\n{BODY}\n## Next\n\nThe index was rebuilt twice during the week.\n\nON"
        ))
        .is_empty()
    );
    assert_eq!(ids("# T\n\n## A\n\n## B\n\nshort.\n"), ["empty-body"]);
    assert_eq!(
        ids(&format!("# T\n\n{BODY}\n{BODY}\n{BODY}\n{BODY}")),
        ["repetition"]
    );
    assert!(ids(&format!("# T\n\n{BODY}\nThe cache was rewritten in May, and reads got faster.\n\nSee the notes for the numbers we measured.\n")).is_empty());
}

/// A label that leads a sentence (`- **Validation**: Confirmed. ...`) is prose as well as a
/// label: a review written as labelled items has a body. Labels holding a field's value
/// (`- **Type**: PR-level comment`) are not prose, so a document of only those has none.
#[test]
fn labelled_sentences_are_a_body_and_labelled_values_are_not() {
    let item = |label: &str, value: &str| format!("- **{label}**: {value}\n");
    let sentences = [
        item(
            "Comment",
            "The formatter always writes \"tasks\", whatever the count is.",
        ),
        item(
            "Validation",
            "Confirmed. Line 17 of the formatter hardcodes the plural form.",
        ),
        item(
            "Reason",
            "Both forms are evaluated on every render, so nothing is saved.",
        ),
        item(
            "Fix",
            "Compute the noun from the count before the summary is built.",
        ),
    ]
    .concat();
    assert!(ids(&format!("# Review\n\n## Issue 1\n\n{sentences}")).is_empty());
    // The same as paragraphs of their own.
    let paragraphs = sentences.replace("- ", "").replace('\n', "\n\n");
    assert!(ids(&format!("# Review\n\n## Issue 1\n\n{paragraphs}")).is_empty());
    let fields = [
        item("Type", "PR-level discussion comment"),
        item("Reviewer", "@claude"),
        item("Date", "2026-02-19"),
        item("Status", "Confirmed and fixed in the second iteration"),
    ]
    .concat();
    assert_eq!(
        ids(&format!("# Review\n\n## Issue 1\n\n{fields}")),
        ["empty-body"]
    );
}

#[test]
fn a_pattern_skipped_for_want_of_its_literal_could_not_match() {
    let samples = [
        "Examples to be added.",
        "Examples TO BE COMPLETED later",
        "(to be determined)",
        "TODO: write the intro",
        "***TODO: Finish this section***",
        "- **Fix**: TBD",
        "  FIXME",
        "Section todo",
        "content TBD",
        "You are a research assistant.",
        "you are an expert writer",
        "# Title",
        "## Section Title",
        "# Heading",
    ];
    for (re, what, literal) in patterns() {
        let Some(literal) = literal else { continue };
        let (re, literal) = (re.get(), literal.get());
        let hits: Vec<_> = samples.iter().filter(|s| re.is_match(s)).collect();
        assert!(!hits.is_empty(), "no sample for {re} ({what})");
        for s in hits {
            assert!(literal.is_match(s), "{re} matches {s:?} without {literal}");
        }
    }
}

#[test]
fn false_alarms_of_real_good_documents() {
    // A blog whose every section is a `#` heading: one shared word is not a second title.
    let blog = format!(
        "# One year of Nushell\n\n{BODY}\n# History\n\nThe shell started as a weekend project and grew a team of twelve regular contributors over the year.\n\n## Contributors\n\nMore than a hundred people sent patches, most of them for the table views and the plugins.\n\n# What is Nushell?\n\nNushell is a shell whose pipelines carry tables instead of text, so commands agree on columns.\n"
    );
    assert!(ids(&blog).is_empty(), "{:?}", ids(&blog));
    // A readiness label whose value says no is the opposite of a verdict.
    let not_ready = format!(
        "# T\n\n{BODY}\n- [ ] fix the path check\n- [ ] fix the cleanup\n\n**Production Ready**: ❌ **Not yet** (fix 3 critical issues first)\n"
    );
    assert!(
        ids(&not_ready).is_empty(),
        "{:?}",
        check(&Document::parse(&not_ready))
    );
    assert_eq!(
        ids(&not_ready.replace("❌ **Not yet**", "✅ **Yes**")),
        ["contradiction"]
    );
    // An audit's ❌ marks missing features; they do not contradict a passing test suite.
    let audit = format!(
        "# T\n\n{BODY}\n- ❌ Baseline persistence (resets every run)\n- ❌ Storage in the database\n\n1. ✅ Deleted the old module and verified all tests pass\n\n{BODY}"
    );
    assert!(ids(&audit).is_empty(), "{:?}", ids(&audit));
    assert_eq!(
        ids(&audit.replace("Storage in the database", "test_storage failed")),
        ["contradiction"]
    );
    // A sign-off in emphasis after a rule needs no full stop.
    let signed = format!(
        "# T\n\n{BODY}\n{BODY}\n---\n*This completes the comprehensive audit of domain services integration*\n"
    );
    assert!(ids(&signed).is_empty(), "{:?}", ids(&signed));
    assert_eq!(
        ids(&signed
            .replace("*This", "This")
            .replace("integration*", "integration")),
        ["truncated"]
    );
    // A tagline of a few words after a closing rule is a footer, not a cut sentence.
    let footer = format!("# T\n\n{BODY}\n{BODY}\n---\n\nPart of the Charm toolkit family\n");
    assert!(ids(&footer).is_empty(), "{:?}", ids(&footer));
    assert_eq!(
        ids(&footer.replace("\n---\n", "\n")),
        ["truncated"],
        "without the rule it ends the text"
    );
    // A sign-off or a credit line closes the text; it needs no full stop.
    let ending = |line: &str| ids(&format!("# T\n\n{BODY}\n{BODY}\n{line}\n"));
    for line in [
        "Cheers,\\\nRyan",
        "> Cheers,\\\n> Ryan",
        "Photos by Steve Francia",
        "— Ryan",
        "Happy hacking",
        // Thanks, wishes and farewells, with lowercase names and words after them.
        "Thanks to amit",
        "thanks, ravi",
        "Merry Christmas",
        "Happy new year",
        "Kudos to the whole team",
        "Cheers from Zürich",
        "Best,\\\nThe Zig team",
        "Hugs,\\\nMei",
        "See you at the next release",
        "More soon, stay tuned",
        "That's a wrap",
        "The end",
        "— the infra team",
        "Xoxo,\nGabe",
    ] {
        assert!(ending(line).is_empty(), "{line}: {:?}", ending(line));
    }
    // Not a sentence that goes on, nor a cut sentence a sign-off follows.
    for line in [
        "Thanks to the team we shipped the release on",
        "The photos were taken by the team and",
        "Best regards, the fix for the remaining",
        "We patch that branch and re-run the\n\nCheers,\\\nRyan",
        // A closing word opens these, but they stop where no sentence ends.
        "Thanks to the",
        "See you at the",
        "Thanks to caching,",
        "Thanksgiving traffic doubled our",
        "— and the",
    ] {
        assert_eq!(ending(line), ["truncated"], "{line}");
    }
    // A sign-off block of two or more fields holds values, not sentences.
    let fields = format!(
        "# T\n\n{BODY}\n{BODY}\n**Reviewer:** Independent code reviewer\n**Developer performance:** Excellent - consistently improving, responsive to feedback, delivering quality work\n"
    );
    assert!(ids(&fields).is_empty(), "{:?}", ids(&fields));
    let one_field = format!(
        "# T\n\n{BODY}\n{BODY}\n**Developer performance:** Excellent - consistently improving, responsive to feedback, delivering quality work\n"
    );
    assert_eq!(ids(&one_field), ["truncated"]);
    // The same in another script: fields whose labels are Chinese, after a closing rule.
    let signed_cjk = format!(
        "# T\n\n{BODY}\n{BODY}\n---\n\n**测试执行人**: GitHub Copilot  \n**测试日期**: 2026-02-15  \n**CZSC 版本**: 0.10.10  \n**作者**：测试代理\n"
    );
    assert!(ids(&signed_cjk).is_empty(), "{:?}", ids(&signed_cjk));
    // A field followed by a sentence that stops is no block of fields.
    let mixed = format!(
        "# T\n\n{BODY}\n{BODY}\n**测试日期**: 2026-02-15\nThe release waits for the two workflows to pass on the new versions and\n"
    );
    assert_eq!(ids(&mixed), ["truncated"]);
    // A checklist naming the markers it scanned for holds none of them.
    let scanned = format!(
        "# T\n\n{BODY}\nScanned for:\n\n- TODO/FIXME comments: none\n- FIXME/TODO markers: none\n- TODO/FIXME/HACK: only 2 in lib/ (`player.ex:986`).\n- TODO/FIXME: 0\n\n{BODY}"
    );
    assert!(ids(&scanned).is_empty(), "{:?}", ids(&scanned));
    assert_eq!(
        ids(&scanned.replace("TODO/FIXME comments", "TODO: comments")),
        ["leftover-text"],
        "a marker that starts an item is still one (\"TODO comments\" names markers)"
    );
    let searched =
        format!("# T\n\n{BODY}\nSearched the source comments (TODO/FIXME/XXX) for more.\n\n{BODY}");
    assert!(ids(&searched).is_empty(), "{:?}", ids(&searched));
    for left in [
        "TODO/FIXME: write the rollback steps before the release.",
        "TODO/FIXME: no-op rollback first, then the steps.",
        "TODO/TBD: no rollout plan yet, fill in after the staging test.",
        "- TODO/FIXME: 2 open questions on key eviction, answer before sign-off",
        "- TBD/TODO",
        "The rollback steps [TODO] come next.",
        "Customer impact estimate: [TODO/TBD]",
    ] {
        let text = format!("# T\n\n{BODY}\n## Rollback\n\n{left}\n\n{BODY}");
        assert_eq!(ids(&text), ["leftover-text"], "{left}");
    }
}

#[test]
fn contents_find_sections_whose_anchors_differ_only_by_hyphens() {
    // GitHub anchors `## 🚀 Quick Start` as `#-quick-start`; the contents link `#quick-start`.
    let sections = format!(
        "# T\n\n- [🚀 Quick Start](#quick-start)\n- [📥 Download](#download)\n- [⚙️ Pipeline](#pipeline)\n\n## 🚀 Quick Start\n\n{BODY}\n## 📥 Download\n\nThe data sets come from the project's bucket, one archive per scene, and unpack into the workspace folder.\n\n## ⚙️ Pipeline\n\nEach run aligns the poses first, then fuses the depth maps and scores the result against the scans.\n"
    );
    assert!(ids(&sections).is_empty(), "{:?}", ids(&sections));
    // Sections the contents promise and the document lacks still fail it.
    let download = sections.find("## 📥").unwrap();
    let pipeline = sections.find("## ⚙️").unwrap();
    // Their paragraphs kept under the first heading, so only the sections go.
    let cut = format!(
        "{}{}{}",
        &sections[..download],
        &sections[download + "## 📥 Download\n\n".len()..pipeline],
        &sections[pipeline + "## ⚙️ Pipeline\n\n".len()..]
    );
    assert_eq!(ids(&cut), ["truncated"]);
}

#[test]
fn contents_find_sections_by_underscored_anchors_heading_ids_and_tag_ids() {
    let paragraphs = [
        "The change turns a shared loop variable into one per iteration, which fixes closures.",
        "The scavenger returns huge pages to the system only when they are wholly free.",
        "Each proposal lists the API it adds and the packages that have to change for it.",
    ];
    // Three contents links of one style, and the three sections they point at.
    let doc = |link: &dyn Fn(usize) -> String, section: &dyn Fn(usize) -> String| {
        let mut text = String::from("# T\n\n");
        for n in 0..3 {
            text.push_str(&format!("- [part {n}](#{})\n", link(n)));
        }
        text.push_str(&format!("\n{BODY}\n"));
        for (n, p) in paragraphs.iter().enumerate() {
            text.push_str(&format!("{}\n\n{p}\n\n", section(n)));
        }
        text
    };
    let underscored = doc(&|n| format!("appendix_part-{n}"), &|n| {
        format!("## Appendix: part {n}")
    });
    let heading_ids = doc(&|n| format!("p{n}"), &|n| format!("### Part {n} {{#p{n}}}"));
    let tag_ids = doc(&|n| format!("{n}"), &|n| {
        format!("<span id=\"{n}\"></span>")
    });
    for text in [&underscored, &heading_ids, &tag_ids] {
        assert!(ids(text).is_empty(), "{:?}\n{text}", ids(text));
        // Anchors nothing defines still fail it.
        let broken = text.replace("](#", "](#missing-");
        assert_eq!(ids(&broken), ["truncated"], "{broken}");
    }
}

#[test]
fn every_leftover_pattern_is_known_to_the_literal_scan() {
    for (re, _, _) in patterns() {
        assert!(
            super::super::leftover_scan::Held::entry(re.as_str()).is_some(),
            "{}",
            re.as_str()
        );
    }
}

/// Pieces of leftover text in several spellings (case, Unicode spaces and digits, the two
/// characters that case-fold onto ASCII letters), for the scan's proptest.
const LEFTOVER_PIECES: &[&str] = &[
    "【待补充】",
    "\n- 待填写\n",
    "add evidence screenshots here",
    "{Continue...}",
    "{topic}",
    "{ x }",
    "<insert example here>",
    "< ADD a figure>",
    "<\u{a0}your name>",
    "[Your Name]",
    "[ TODO later]",
    "[\u{2003}placeholder]",
    "[todo]",
    "[2-3 paragraphs summarizing]",
    "[ 4 to 5 sentences]",
    "[\u{664}-\u{665} words]",
    "[1]",
    "to be completed.",
    "TO BE ADDED",
    "to be filled in later",
    "(to be determined)",
    "[ To Be Confirmed ]",
    "TODO: write",
    "***TODO: Finish this section***",
    "_TBD_",
    "- **Fix**: TBD",
    "  FIXME",
    "- \n  TODO",
    "\n\n- \n\n**Owner**:\n\n  FIXME",
    "**Owner**: TODO TBD",
    "* **x** TBD",
    "body\n \t\ntodo",
    "**Note**:\n\nTBD",
    "(TODO: x)",
    "[PLACEHOLDER]",
    "content TBD",
    "Section\u{a0}todo",
    "details\n\ntbd",
    "| TODO |",
    "| _TBD_ |",
    "|\nTBD\n|",
    "|  \n\n TODO *\n \n |",
    "| TODO | TBD |",
    "(FIXME later)",
    "add the chart HERE.",
    "Paste logs here",
    "You MUST",
    "you must",
    "Assume that the current date is",
    "as an AI language model",
    "You are a research assistant",
    "you are an expert writer",
    "Your task is to",
    "Lorem Ipsum",
    "insert the chart here",
    "continue with the analysis...",
    "YYYY-MM-DD",
    "NN%",
    "<!-- TODO -->",
    "<!--fill",
    "# Title",
    "## Section Title",
    "# Heading",
    "\u{212a}",
    "\u{17f}",
    "lo\u{17f}e",
    "title",
    "heading",
    "|",
    "[",
    "<",
    "{",
    "...",
    "here",
    "the cache was rewritten",
];

proptest::proptest! {
    /// The one-pass literal scan skips only patterns that find nothing: the findings are
    /// those of running every pattern.
    #[test]
    fn the_literal_scan_changes_no_leftover_finding(
        parts in proptest::collection::vec(
            (0..LEFTOVER_PIECES.len(), proptest::sample::select(vec![" ", "\n", "\n\n", "- ", "**x**: ", "", "\t", "\u{a0}"])),
            0..12,
        ),
    ) {
        let mut text = String::from("# T\n\n");
        for (i, sep) in parts {
            text.push_str(LEFTOVER_PIECES[i]);
            text.push_str(sep);
        }
        let doc = Document::parse(&text);
        proptest::prop_assert_eq!(leftover_text_with(&doc, true), leftover_text_with(&doc, false), "{:?}", text);
    }
}

#[test]
fn the_literal_scan_keeps_every_pattern_a_piece_matches() {
    for piece in LEFTOVER_PIECES {
        let text = format!("# T\n\n{BODY}\n{piece}\n\n{BODY}");
        let doc = Document::parse(&text);
        let held = super::super::leftover_scan::Held::scan(&doc);
        for (re, _, _) in patterns() {
            if re.get().is_match(&text) {
                assert!(
                    super::super::leftover_scan::Held::entry(re.as_str())
                        .is_none_or(|e| held.may_match(e)),
                    "{} matches {piece:?}",
                    re.as_str()
                );
            }
        }
    }
}
