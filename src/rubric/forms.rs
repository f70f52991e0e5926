//! Template sections filled in with a token: a heading whose whole body is `N/A` or `TBD`.
//! Two or more mean a form was filled in rather than its parts written, the same as two
//! template questions answered with a token ([`super::consistency::token_answers`]); one is
//! an honest "does not apply". "None" is left out: "Breaking changes: None" is an answer.

use super::rules::Finding;
use crate::document::Document;

/// Bodies that fill a section without saying anything.
const TOKENS: &[&str] = &[
    "n/a",
    "na",
    "tbd",
    "tbc",
    "not applicable",
    "to be determined",
];

/// The findings when two or more sections hold only a token.
pub(crate) fn token_sections(doc: &Document) -> Vec<Finding> {
    let t = doc.text;
    let mut out = Vec::new();
    for (i, h) in doc.headings.iter().enumerate() {
        if h.level < 2 {
            continue;
        }
        // The section's own text: up to the next heading of any level.
        let end = doc
            .headings
            .get(i + 1)
            .map_or(t.len(), |next| next.span.start);
        let Some(body) = t.get(h.span.end..end) else {
            continue;
        };
        let token = body
            .trim()
            .trim_start_matches(['-', '*', '+'])
            .trim()
            .trim_matches(['*', '_'])
            .trim_end_matches('.')
            .trim();
        if !token.is_empty()
            && token.len() <= 20
            && TOKENS.iter().any(|w| token.eq_ignore_ascii_case(w))
        {
            out.push(Finding::new(
                h.span.start,
                format!(
                    "the template section \"{}\" is filled in with `{token}`",
                    h.text
                ),
                "write what was considered for it and why, or remove the section",
            ));
        }
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> usize {
        token_sections(&Document::parse(text)).len()
    }

    const HEAD: &str =
        "# zPages\n\n## Motivation\n\nDebug pages show what the process collected.\n\n";

    #[test]
    fn two_sections_filled_with_a_token_fire() {
        assert_eq!(
            count(&format!(
                "{HEAD}## Open questions\n\nN/A\n\n## Future possibilities\n\n*TBD.*\n"
            )),
            2
        );
    }

    #[test]
    fn one_token_answers_and_none_do_not() {
        // One section that does not apply is an honest answer.
        assert_eq!(count(&format!("{HEAD}## Prior art\n\nN/A\n")), 0);
        // "None" answers a question such as breaking changes.
        assert_eq!(
            count(&format!(
                "{HEAD}## Breaking changes\n\nNone.\n\n## Deprecations\n\nNone.\n"
            )),
            0
        );
        // A section whose text is under its subsections is not empty.
        assert_eq!(
            count(&format!(
                "{HEAD}## Design\n\n### API\n\nN/A for now, see below: the API is `open()`.\n\n## Risks\n\nN/A\n"
            )),
            0
        );
    }
}
