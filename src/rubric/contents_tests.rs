//! Tests of the truncated gate's contents sign (`outline_end::contents_cut_short`), kept
//! beside the gates' tests so they can read which gates a document fails.

use super::tests::ids as gates;

const TEXT: &str =
    "The exporter sends each batch to the collector, which retries twice and then drops it.";

/// Contents listing Goals, Metrics, Traces and Logs, and the sections given, each with
/// its own text.
fn proposal(sections: &[&str]) -> String {
    let mut out = String::from(
        "# Proposal\n\n## Contents\n\n- [Goals](#goals)\n- [Metrics](#metrics)\n- [Traces](#traces)\n- [Logs](#logs)\n\n",
    );
    for s in sections {
        out.push_str(&format!(
            "## {s}\n\nThe {s} part names what the agent sends for {s}, how often it flushes {s} data, and which backend keeps the {s} records.\n\n"
        ));
    }
    out
}

/// The last entries missing where the text stops inside the last one it has: a cut.
/// A stale entry in the middle, or text that goes on past that section, is not.
#[test]
fn contents_whose_last_entries_the_text_never_reaches_are_a_cut() {
    assert!(gates(&proposal(&["Goals", "Metrics", "Traces", "Logs"])).is_empty());
    assert_eq!(
        gates(&proposal(&["Goals", "Metrics", "Traces"])),
        ["truncated"]
    );
    assert_eq!(gates(&proposal(&["Goals", "Metrics"])), ["truncated"]);
    // A stale middle entry: Traces was dropped, Logs is there.
    assert!(gates(&proposal(&["Goals", "Metrics", "Logs"])).is_empty());
    // The last entry renamed: the text goes on past Traces.
    assert!(gates(&proposal(&["Goals", "Metrics", "Traces", "Logging"])).is_empty());
    // Links inside the text are no contents.
    let prose = proposal(&["Goals", "Metrics"]).replace(
        "## Contents\n\n- [Goals](#goals)\n- [Metrics](#metrics)\n- [Traces](#traces)\n- [Logs](#logs)",
        &format!("{TEXT} See [goals](#goals), [metrics](#metrics), [traces](#traces) and [logs](#logs)."),
    );
    assert!(gates(&prose).is_empty(), "{:?}", gates(&prose));
    // A link in the text before the contents does not hide them.
    let intro = proposal(&["Goals", "Metrics"]).replace(
        "## Contents",
        "The proposal starts from its [goals](#goals).\n\n## Contents",
    );
    assert_eq!(gates(&intro), ["truncated"]);
}

/// Entries whose section is there under another anchor are there: a repeated heading's
/// numbered anchor (`#logs-1`), an anchor copied percent-encoded, an unquoted HTML name.
#[test]
fn contents_entries_found_by_numbered_encoded_or_html_anchors_are_no_cut() {
    let section = |name: &str| {
        format!(
            "The {name} part says where the agent writes its {name} files. It also says how long the {name} files are kept.\n\n"
        )
    };
    let faq = format!(
        "# FAQ\n\n- [Windows](#windows)\n  - [Logs](#logs)\n- [Linux](#linux)\n  - [Logs](#logs-1)\n\n## Windows\n\n{}### Logs\n\n{}## Linux\n\n{}### Logs\n\n{}",
        section("Windows"),
        section("event"),
        section("Linux"),
        section("journal")
    );
    let encoded = format!(
        "# Handbuch\n\n- [Installation](#installation)\n- [Benutzung](#benutzung)\n  - [Übersicht](#%C3%BCbersicht)\n\n## Installation\n\n{}## Benutzung\n\n{}### Übersicht\n\n{}",
        section("install"),
        section("usage"),
        section("overview")
    );
    let named = format!(
        "# mqctl\n\n- [Install](#install)\n- [Commands](#commands)\n  - [peek](#cmd-peek)\n\n## Install\n\n{}## Commands\n\n<a name=cmd-peek></a>\n{}",
        section("install"),
        section("peek")
    );
    for doc in [faq, encoded, named] {
        assert!(gates(&doc).is_empty(), "{:?}: {doc}", gates(&doc));
    }
}

/// Anchors match their headings whatever a renderer makes of symbols and dots
/// (`## B - Fuzz Testing` is `#b---fuzz-testing` on GitHub; `## server.ws` is `#server-ws` on
/// a VitePress site), and a lettered part under an appendix heading (`### C. Claims`) is the
/// Appendix C the text refers to.
#[test]
fn anchors_and_appendices_match_however_they_are_spelled() {
    let sections = [
        "server.ws",
        "server.port",
        "server.host",
        "B - Fuzz Testing",
    ];
    let part = |s: &str| {
        format!(
            "The {s} part names what the agent sends for {s}, how often it flushes {s} data, and which backend keeps the {s} records."
        )
    };
    let mut text = format!("# Server options\n\n{TEXT}\n\n");
    for s in sections {
        text.push_str(&format!("## {s}\n\n{}\n\n", part(s)));
    }
    text.push_str(
        "See [`server.ws`](#server-ws), [`server.port`](#server-port), \
         [`server.host`](#server-host) and [the fuzzing notes](#b---fuzz-testing).\n",
    );
    assert!(gates(&text).is_empty(), "{:?}", gates(&text));
    assert_eq!(
        gates(
            &text
                .replace("## server.port", "## Ports")
                .replace("## server.host", "## Hosts")
                .replace("## server.ws", "## Sockets")
        ),
        ["truncated"]
    );
    let appendix = format!(
        "# Claims\n\n{TEXT} The claim flow is in Appendix C.\n\n## Appendix\n\n\
         ### A. Shapes\n\n{}\n\n### B. Sizes\n\n{}\n\n### C. Managed claims\n\n{}\n",
        part("shapes"),
        part("sizes"),
        part("claims")
    );
    assert!(gates(&appendix).is_empty(), "{:?}", gates(&appendix));
    assert_eq!(
        gates(&appendix.replace("### C. Managed claims", "### Cleanup")),
        ["truncated"]
    );
}
