//! Tests of how a document ends (kept apart so `ending.rs` stays readable).

use super::*;
use crate::rubric::outline_end::{CLOSING, is_closing};

const BODY: &str = "This paragraph has plenty of ordinary words in it so that the body is not empty at all. It talks about the parser and the cache, which is available in detail.\n\n";

fn fires(tail: &str) -> bool {
    let text = format!("# T\n\n{BODY}{tail}");
    cut_off(&Document::parse(&text)).is_some()
}

#[test]
fn full_stops_of_other_scripts_end_a_sentence() {
    for done in [
        "测试全部通过。",
        "完成了！",
        "对吗？",
        "“完成。”",
        "「完成了。」",
        "परीक्षण सफल रहा।",
        "ការធ្វើតេស្តបានជោគជ័យ។",
        "စမ်းသပ်မှုအောင်မြင်သည်။",
        "هل نجح الاختبار؟",
    ] {
        assert!(ends_sentence(done), "{done}");
    }
    assert!(!ends_sentence("测试全部通过"));
}

#[test]
fn a_script_without_full_stops_is_not_cut_for_want_of_one() {
    let thai = "ผลของ Workflow เหล่านั้นต้องผ่านก่อนถือว่า Release พร้อมใช้งานจริง และต้องตรวจสอบอีกครั้งหลังจาก Push Repository แล้ว\n";
    assert!(!fires(thai));
    // The same length of English without its full stop is cut off.
    assert!(fires(
        "The results of those workflows must pass before the release is considered ready for real use by anyone\n"
    ));
}

#[test]
fn a_field_ending_on_its_link_is_not_a_sentence() {
    assert!(!fires(
        "Come and join the fun!\n\nImage credit: [Bernard Spragg. NZ](https://www.flickr.com/photos/volvob12b/)\n"
    ));
    // A paragraph of sentences that stops on a link still is cut, behind a label too.
    assert!(fires(
        "The cache is rebuilt on start. The figures are in [the Spragg. report](https://example.com/r)\n"
    ));
    assert!(fires(
        "Note: The cache is rebuilt on start. The figures are in [the weekly report](https://example.com/r)\n"
    ));
}

#[test]
fn a_bare_marker_or_a_lead_in_at_the_end_is_a_cut() {
    assert!(fires("- one thing here\n-"));
    assert!(fires("## Next\n\n#"));
    assert!(fires("The fix is as follows:\n"));
    assert!(fires("**Fix:**\n"));
    // A finished list or paragraph is not.
    assert!(!fires("- one thing here\n- another thing\n"));
    assert!(!fires("The fix is as follows: cache the parse.\n"));
}

#[test]
fn a_word_cut_in_two_or_a_dangling_word_is_a_cut() {
    assert!(fires(
        "**Fix:** monitor the releases for a fixed version; once ava"
    ));
    assert!(fires("The cache was rewritten in May.\n\nThe"));
    assert!(fires("- no restart l"));
    // One letter more is a name, a product or a plural, not a cut.
    assert!(!fires("It took some time to set up.\n\nThanks,\nTim"));
    assert!(!fires("State is kept in Vuex.\n\n- Framework: Vue"));
    // Whole words the document uses, names and acronyms are not.
    assert!(!fires("- check the parser\n- keep the cache"));
    assert!(!fires("- Log in"));
    assert!(!fires("- Fix it"));
    assert!(!fires("- see the API"));
}

#[test]
fn a_smiley_ends_a_sentence() {
    assert!(!fires(
        "My apologies if I forgot you. Pull requests are welcome :)\n"
    ));
    assert!(fires(
        "My apologies if I forgot you. Pull requests are welcome (see the guide\n"
    ));
    assert!(fires(
        "My apologies if I forgot you. Thanks to the team who helped with the :)\n"
    ));
}

#[test]
fn a_one_letter_item_after_a_longer_one_is_a_cut() {
    // An item of one letter after one of several words is the start of one cut off.
    assert!(fires("- Explicit release is immediate\n- P"));
    assert!(fires("1. Explicit release is immediate\n2. T"));
    // `I` is a word; in a list of short items one letter is whole: a language, an option,
    // a grade.
    assert!(!fires("- Explicit release is immediate\n- I"));
    assert!(!fires("- Rust\n- Go\n- C"));
    assert!(!fires("- A\n- B"));
    assert!(!fires("- XS\n- S\n- M (the most common size)\n- L"));
    // Nor is a word of two letters that a longer word of the text starts with, by one
    // letter: `Go` and `got`, `id` and `ids` (a plural).
    assert!(!fires("We got there.\n\n- Written in Go"));
    assert!(!fires("The ids are unique.\n\n- Keyed by id"));
}

#[test]
fn a_paragraph_ends_with_a_full_stop() {
    assert!(fires(
        "But valid output is not enough. The code inside matters too.\nI"
    ));
    assert!(fires(
        "We have for several years enabled two-factor checks for the whole GitHub"
    ));
    assert!(fires(
        "It reuses an older algorithm. It was built for the [snapshot library](https://x.example)"
    ));
    assert!(!fires(
        "It was built for the [snapshot library](https://x.example)\n"
    ));
    // Nor is a citation, which ends on its year.
    assert!(!fires(
        "## References\n\nJ. Keiser, D. Lemire, Validating UTF-8 in less than one instruction per byte, Software 51 (5), 2021\n"
    ));
    // A short sign-off line is not a cut.
    assert!(!fires("Thanks for reading\n"));
    assert!(!fires("**Tested by**: the QA agent\n"));
}

#[test]
fn list_items_follow_the_documents_own_punctuation() {
    let stops = "- The parser reads the file once and keeps it.\n- The cache is checked before every read.\n- The writer flushes after each record it writes.\n- The index is rebuilt when a file changes.\n";
    assert!(fires(&format!(
        "{stops}- The report lists every file that was"
    )));
    assert!(fires(&format!(
        "{stops}- The report lists every file that changed"
    )));
    assert!(!fires(&format!(
        "{stops}- The report lists every file that changed.\n"
    )));
    // Items without full stops may end without one.
    let bare = "- the parser reads the file once\n- the cache is checked before every read\n- the writer flushes after each record\n- the index is rebuilt when a file changes\n";
    assert!(!fires(&format!(
        "{bare}- the report lists every changed file\n"
    )));
}

/// Sections under `headings`, each holding `body`, in order.
fn outline(headings: &[&str], body: &str) -> String {
    headings.iter().map(|h| format!("{h}\n\n{body}")).collect()
}

/// [`cut_off`] of `text` read as a document.
fn cut(text: &str) -> Option<Finding> {
    cut_off(&Document::parse(text))
}

#[test]
fn a_lone_first_subsection_with_nothing_closing_is_a_cut() {
    let part = |headings: &[&str]| outline(headings, BODY);
    let two = part(&[
        "## 1. Design",
        "### 1.1 Parser",
        "### 1.2 Cache",
        "## 2. Results",
    ]);
    assert!(cut(&format!("# T\n\n{two}{}", part(&["### 2.1 Speed"]))).is_some());
    // A second part, a closing section, or sections without parts before: finished.
    for tail in [
        part(&["### 2.1 Speed", "### 2.2 Memory"]),
        part(&["### 2.1 Speed", "## 3. Conclusion"]),
        part(&["### 2.1 Speed", "## License", "### Contribution"]),
        // The section introduces its one part in prose of its own: an aside.
        format!("\n{BODY}\n{}", part(&["### An example: ripgrep"])),
        // Its one part has parts of its own: developed, and ending in its second.
        part(&["### 2.1 Speed", "#### Cold start", "#### Warm start"]),
    ] {
        assert!(cut(&format!("# T\n\n{two}{tail}")).is_none(), "{tail}");
    }
    let flat = part(&["## 1. Design", "## 2. Results", "### 2.1 Speed"]);
    assert!(cut(&format!("# T\n\n{flat}")).is_none());
}

#[test]
fn a_last_section_that_is_only_its_bold_lead_is_a_cut() {
    let full = |headings: &[&str]| outline(headings, &BODY.repeat(2));
    let before = full(&["## 1. Summary", "## 2. What worked", "## 3. What did not"]);
    let ends =
        |heading: &str, tail: &str| cut(&format!("# Post-mortem\n\n{before}{heading}\n\n{tail}"));
    let lead = "**v1 shipped a protocol, not an integration surface.**\n";
    let found = ends("## 4. Root Cause", lead);
    assert!(
        found
            .as_ref()
            .is_some_and(|f| f.message.contains("4. Root Cause")),
        "{found:?}"
    );
    assert!(ends("## 4 Root Cause", "__Cut here.__\n").is_some());
    // A subsection numbered on from its siblings, under the last section.
    let parts = full(&["## 1. Design", "### 1.1 Parser", "### 1.2 Index"]);
    assert!(cut(&format!("# Report\n\n{parts}### 1.3 Cache\n\n{lead}")).is_some());
    // Finished endings: a short plain answer, a lead with text after it, bold inside a
    // sentence or in two pieces, a lead over a list, a table, code, HTML or a quote, a bold
    // link, and a lead that is no emphasis.
    for done in [
        "None.\n",
        "**v1 shipped a protocol.** The SDK came later.\n",
        "**v1 shipped a protocol.**\n\nThe SDK came later, and every consumer paid for it.\n",
        "It shipped **a protocol**, not an integration surface.\n",
        "**a** and **b**.\n",
        "**Parser** and **cache**\n",
        "**Causes:**\n\n- no SDK\n- no registry\n",
        "**Timings:**\n\n| step | ms |\n|---|---|\n| parse | 4 |\n",
        "**Run it:**\n\n```sh\nmake\n```\n",
        "**The trace:**\n\n<details><pre>frame 1</pre></details>\n",
        "> **Do not run this against production.**\n",
        "**[Get the latest release](https://example.com/releases).**\n",
        "** spaced **\n",
    ] {
        assert!(ends("## 4. Root Cause", done).is_none(), "{done}");
    }
    // A last heading that does not number on from the one before: a README's status, a
    // changelog's version, an answer, a sign-off, a number that skips.
    for heading in [
        "## Status",
        "## [1.0.0] - 2020-01-01",
        "## 0.1.0",
        "## Is it free?",
        "## Key takeaway",
        "## Wrapping up",
        "## 7. Root Cause",
        "## 3.1 Root Cause",
    ] {
        assert!(ends(heading, lead).is_none(), "{heading}");
    }
    // A closing section anywhere, or a section beside it that is short, or one alone.
    let closing = full(&["## 4. Conclusion"]);
    assert!(
        cut(&format!(
            "# Post-mortem\n\n{before}{closing}## 5. Root Cause\n\n{lead}"
        ))
        .is_none()
    );
    let (summary, worked) = (full(&["## 1. Summary"]), full(&["## 3. What worked"]));
    let short = format!("{summary}## 2. Status\n\nDone.\n\n{worked}## 4. Root Cause\n\n{lead}");
    assert!(cut(&format!("# Post-mortem\n\n{short}")).is_none());
    assert!(
        cut(&format!(
            "# Post-mortem\n\n{summary}## 2. Root Cause\n\n{lead}"
        ))
        .is_none()
    );
}

/// [`is_closing`] as it was written first: every occurrence of every word checked.
fn is_closing_by_search(heading: &str) -> bool {
    let h = heading.to_lowercase();
    CLOSING.iter().any(|c| {
        h.match_indices(c).any(|(i, _)| {
            let before = h[..i].chars().next_back();
            let after = h[i + c.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }) && !h.contains("executive summary")
}

#[test]
fn closing_headings_are_whole_words() {
    for h in [
        "5. Conclusions",
        "Summary and Next Steps",
        "Executive Summary",
        "Resourceful design",
        "Pre-conclusion",
        "sourcesources",
        "Sources",
        "What's next?",
        "Wrap-up",
        "Ünïcode Summary",
        "ßummary",
        "FAQ",
        "Non-licensed code",
        "See Also: links",
    ] {
        assert_eq!(is_closing(h), is_closing_by_search(h), "{h}");
    }
    assert!(is_closing("5. Conclusions") && !is_closing("Resourceful design"));
}

proptest::proptest! {
    #[test]
    fn closing_matches_the_search(h in "[a-zA-Z' .:-]{0,12}(summary|SOURCES|Next Steps|wrap-up|faq|Executive Summary)?[a-zA-ZÜß' .-]{0,12}") {
        proptest::prop_assert_eq!(is_closing(&h), is_closing_by_search(&h));
    }
}

#[test]
fn an_indented_code_block_left_open_is_a_cut() {
    assert!(fires(
        "Write it like this:\n\n    if err != nil {\n        return err\n"
    ));
    assert!(!fires(
        "Write it like this:\n\n    if err != nil {\n        return err\n    }\n"
    ));
}

/// The gates a document fails when `tail` closes a body of ordinary prose.
fn ending(tail: &str) -> Vec<&'static str> {
    let text = format!("# T\n\n## Findings\n\n{GATES_BODY}\n{GATES_BODY}\n{tail}");
    crate::rubric::gates::check(&Document::parse(&text))
        .iter()
        .map(|g| g.id)
        .collect()
}

/// The paragraph the gates' tests close: one that ends properly.
const GATES_BODY: &str = "This paragraph has plenty of ordinary words in it so that the body is not empty at all. It talks about the parser and the cache in some detail, and it ends properly.\n";

#[test]
fn a_link_after_a_sentence_is_no_cut_sentence() {
    // A URL after a finished sentence, with or without a trailing slash.
    for url in [
        "https://libgit2.github.io",
        "https://developertoolsweekly.com/",
    ] {
        let bio = format!("Curator of Developer Tools Weekly, a newsletter about tools. {url}\n");
        assert!(ending(&bio).is_empty(), "{bio}");
    }
    // A closing URL as the object of its sentence, in a paragraph or a list item: writers
    // leave the full stop off so that it is not read as part of the link.
    for tail in [
        "For more details, see https://github.com/org/repo/pull/1243#issuecomment-540758654\n",
        "- Graduation to beta is tracked in https://github.com/org/repo/pull/64046\n",
    ] {
        assert!(ending(tail).is_empty(), "{tail}");
    }
    // Three words at least, and an address that ends as a whole one does: a bare host or a
    // path cut inside a word may be cut.
    assert_eq!(
        ending("The discussion continued on https://github.com\n"),
        ["truncated"]
    );
    assert_eq!(
        ending("The paper is at https://example.edu/papers/wadler.pdf\n"),
        Vec::<&str>::new()
    );
    // A sentence cut before its link is still cut.
    assert_eq!(
        ending("The newsletter about tools is at https://developertoolsweekly.com/ and\n"),
        ["truncated"]
    );
}

#[test]
fn a_short_answer_or_a_list_of_references_is_no_cut_sentence() {
    // "None so far" answers its heading; the same words opening a sentence cut off do not.
    assert!(ending("## Unresolved questions\n\nNone so far\n").is_empty());
    assert!(ending("## Open questions\n\nNot yet\n").is_empty());
    assert_eq!(
        ending("## Open questions\n\nNone of the caches were flushed before we\n"),
        ["truncated"]
    );
    assert_eq!(ending("## Rollback\n\nNo rollback is\n"), ["truncated"]);
    assert_eq!(
        ending("## Open questions\n\nNot yet, pending\n"),
        ["truncated"]
    );
    assert_eq!(
        ending("## Blockers\n\nNothing is blocking us except\n"),
        ["truncated"]
    );
    // Lines opening with a citation key and a dash, or a label, a colon and a URL, are
    // references; a note in brackets is not.
    assert!(ending("[RFC1592] - amend to require that tuple fields be sized\n").is_empty());
    assert_eq!(
        ending("[Update]: the team will wait for the vendor until\n"),
        ["truncated"]
    );
    // A timeline's item opening with its time is still read as the sentence it is.
    assert_eq!(
        ending(
            "- [08:57] Kat notices that the statuses are stale.\n- [09:02] Kat opens a rollback for the change.\n- [09:19] Kat begins\n"
        ),
        ["truncated"]
    );
}

#[test]
fn a_cut_in_a_link_or_among_unstopped_lines_is_still_cut() {
    // A paragraph cut inside its link's address, or after it on a comma.
    for tail in [
        "The original issue, with the logs, is at https://github.com/kubernetes/kuber\n",
        "The logs are at https://x.dev/logs, and the\n",
        "The logs are at https://x.dev/logs,\n",
        // Inside the host of an address the text has whole, or in the scheme where only an
        // address goes.
        "The logs are at https://github.com/a/b.\n\n- [examples]: https://gi\n",
        "See [the docs](https://doc.rs) and [the guide](https://doc\n",
        "[ry]: ht\n",
        "See <htt\n",
    ] {
        assert_eq!(ending(tail), ["truncated"], "{tail}");
    }
    // A finished address, an intranet host, a protocol's name.
    for tail in [
        "[docs]: https://github.com/a/b\n",
        "[local]: http://localhost\n",
        "[ci]: http://jenkins\n",
        "- CI server: http://jenkins\n",
        "## Protocols\n\n- ftp\n- http\n- https\n",
        "- Port: 443\n- Scheme: https\n",
        "- Transport: HTTPS\n",
        "The API is served over plain http.\n",
        "Note: ht.\n",
    ] {
        assert!(ending(tail).is_empty(), "{tail}: {:?}", ending(tail));
    }
    // Short lines without a stop ("No issues found in ...") say nothing of a paragraph cut
    // off after them.
    let lines = "Prepared by the platform security team for release 3.4\n\n## Authentication\n\nNo issues found in the token validation path\n\n## Authorization\n\n";
    assert_eq!(
        ending(&format!(
            "{lines}The admin console checks roles on every request, but the export endpoint skips the check when\n"
        )),
        ["truncated"]
    );
}

#[test]
fn a_link_whose_text_ends_the_sentence_ends_the_document() {
    let thanks = "Many people came together to create Rust 1.17. We couldn't have done it without all of you. [Thanks!](https://thanks.rust-lang.org/rust/1.17.0)\n";
    assert!(ending(thanks).is_empty());
    let again = "We couldn't have done it without all of you. [Thanks!](https://x.dev/1) (and [Thanks again!](https://x.dev/2))\n";
    assert!(ending(again).is_empty());
    // The link's text may start on a line before the last.
    let wrapped = "We will improve after this release. Thanks to everyone who [helped us ship\nthis release!](https://x.dev/2359)\n";
    assert!(ending(wrapped).is_empty());
    // A link in the middle of a sentence still leaves it without its end.
    assert_eq!(
        ending(
            "We shipped the parser. The details are in [the design notes](https://x.dev/notes)\n"
        ),
        ["truncated"]
    );
}

#[test]
fn a_shortcode_or_a_url_ending_in_a_colon_is_no_lead_in() {
    assert!(ending("Everyone can get involved! Say hi on the forum! :wave:\n").is_empty());
    let definition = "[scoped-doc]: https://docs.example.org/scoped/index.html#examples:\n";
    assert!(
        ending(&format!(
            "See the [scoped docs][scoped-doc].\n\n{definition}"
        ))
        .is_empty()
    );
    assert_eq!(
        ending("To install it, follow these steps:\n"),
        ["truncated"]
    );
}

#[test]
fn a_last_sentence_that_points_to_a_link_ends_the_document() {
    for done in [
        "We updated the spec file to pin the gem versions. The necessary changes can be found in the [PR #6234](https://x.dev/pull/6234)\n",
        "We pinned the gem versions. For details, see [the design notes](https://x.dev/notes)\n",
        "We pinned the gems on every host. The changes can be found in\n[PR #6234](https://x.dev/pull/6234)\n",
        "We pinned the gems. For details, see **[the design notes](https://x.dev/notes)**\n",
        // A full stop or brackets in the link's text, a title after its target.
        "We pinned the gems. For details, see [Fig. 3 of the v1.2 notes](https://x.dev/notes)\n",
        "We pinned the gems. For details, see [the [draft] design](https://x.dev/notes)\n",
        "We pinned the gems. For details, see [the design](https://x.dev/notes \"Design\")\n",
        "We pinned the gems. For details, see [the design](<docs/release notes.md>)\n",
    ] {
        assert!(ending(done).is_empty(), "{done}");
    }
    // A clause cut before its main clause, or a link nothing points to, is still cut.
    for tail in [
        "We pinned the gems. Because the breakdown is described in [PLAT-3381](https://x.dev/3381)\n",
        "We pinned the gems. The regression was introduced in [PR #812](https://x.dev/812)\n",
        "We pinned the gems. The upstream discussion about it (see [pnpm#8224](https://x.dev/8224))\n",
        "We pinned the gems. The follow-up work that is tracked in [PLAT-3381](https://x.dev/3381)\n",
        "We pinned the gems. Because the breakdown is described in [v1.2. notes](https://x.dev/n)\n",
        "We pinned the gems. The regression came with [the [v2] parser](https://x.dev/p \"v2\")\n",
        // A cut sentence inside the link's text, or a title that is no one string.
        "We pinned the gems. For details, see [the notes. The rollout then stalled because the](https://x.dev/n)\n",
        "We pinned the gems. For details, see [the notes](https://x.dev/n \"a\" and then we \"b\")\n",
        "We pinned the gems. For details, see [the [draft] notes on the](https://x.dev/n)\n",
    ] {
        assert_eq!(ending(tail), ["truncated"], "{tail}");
    }
}

#[test]
fn a_paragraph_of_one_letter_is_a_cut() {
    // The first letter of a paragraph's first word, capital or not.
    for tail in ["W", "I", "A\n", "t"] {
        assert!(fires(tail), "{tail:?}");
    }
    // A letter ending a sentence, or a short answer word, is not.
    assert!(!fires("We ship plan B"));
    assert!(!fires("NA"));
    assert!(!fires("No"));
}

#[test]
fn a_web_address_cut_inside_is_a_cut() {
    for tail in [
        "- Hardening notes: https://openai.com/index/hardening-",
        "See the dashboard at https://grafana.example.com/d/abc?var=50%",
    ] {
        assert!(fires(tail), "{tail:?}");
    }
    // A finished address, one in code or angle brackets, a sentence's question mark after it,
    // a documented query or a scheme named alone, is not cut.
    for tail in [
        "- Hardening notes: https://openai.com/index/hardening/",
        "- Hardening notes: https://openai.com/index/hardening",
        "The search is `https://example.com/find?q=`",
        "The search is <https://example.com/find?q=>",
        "Did you see the thread at https://github.com/org/repo/discussions?",
        "- Search endpoint: https://api.example.com/v1/find?q=",
        "- Any WebDAV server: https://",
    ] {
        assert!(!fires(tail), "{tail:?}");
    }
}

#[test]
fn a_label_line_without_the_stop_its_earlier_ones_have_is_a_cut() {
    let findings = "### 1. Shell injection\n\n**Problem:** the title is pasted into a `run:` block.\n\n**Fix:** Pass the title through an environment variable.\n\n### 2. Token in logs\n\n**Problem:** the token is printed on failure.\n\n**Fix:** Mask it with `add-mask` before the step runs.\n\n### 3. Unpinned action\n\n**Problem:** the action is taken from `main`.\n\n";
    assert!(fires(&format!(
        "{findings}**Fix:** Pin the action to a comm"
    )));
    assert!(!fires(&format!(
        "{findings}**Fix:** Pin the action to a commit."
    )));
    // A closing field of another label is not held to the findings' stops.
    assert!(!fires(&format!(
        "{findings}**Fix:** Pin the action to a commit.\n\n**Verdict:** Request changes"
    )));
}

#[test]
fn a_word_cut_at_its_apostrophe_is_a_cut() {
    for tail in [
        "The retry works on a laptop, but CI runners are slower than they'",
        "The fix isn'",
    ] {
        assert!(fires(tail), "{tail:?}");
    }
    // A plural's possessive, a quote closed, a dropped g, a section's one-letter or number
    // answer, or a word of another script, is not.
    for tail in [
        "Tom",
        "The numbers come from the users'.",
        "He called it 'fast.'",
        "Happy hackin'",
        "## Grade\n\nB",
        "## Open failures\n\n0",
        "끝",
    ] {
        assert!(!fires(tail), "{tail:?}");
    }
}

#[test]
fn a_quote_closed_at_the_end_is_no_cut_apostrophe() {
    assert!(!fires(
        "- To add one, open the menu and choose 'Add new item'"
    ));
}

#[test]
fn a_fence_or_a_quote_opened_at_the_end_is_a_cut() {
    assert!(fires("Run it like this:\n\n``"));
    assert!(fires("The two words mean what the spec calls \""));
    assert!(!fires("The two words mean what the spec calls \"old\"."));
}

#[test]
fn a_label_line_in_a_numbered_list_or_a_quote_is_held_to_its_stops_too() {
    let numbered = "1. **Fix:** Quote the title before it reaches the shell.\n2. **Fix:** Mask the token in the logs.\n3. **Fix:** Pin the act";
    assert!(fires(numbered));
    let quoted = "> **Fix:** Quote the title before it reaches the shell.\n>\n> **Fix:** Mask the token in the logs.\n>\n> **Fix:** Pin the act";
    assert!(fires(quoted));
}
