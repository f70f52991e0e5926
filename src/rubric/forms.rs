//! Template sections filled in with a token: a heading whose whole body is `N/A` or `TBD`.
//! Two or more, when they are a fifth of the sections or more, mean a form was filled in
//! rather than its parts written, the same as two template questions answered with a token
//! ([`super::consistency::token_answers`]). One is an honest "does not apply", and so are a
//! few in a long document whose other sections are written (a Kubernetes enhancement
//! proposal of twenty sections answering "Version Skew Strategy: Not applicable"). "None" is
//! left out, "Breaking changes: None" is an answer, but not under a question: "What are the
//! known failure modes?" answered "None." is a token.

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

/// Bodies that answer a question heading ("What are the known failure modes?") without
/// saying anything; under other headings they are answers ("Breaking changes: None").
const ANSWER_TOKENS: &[&str] = &["none", "nothing", "no answer"];

/// The share of the sections (below the title) at which sections holding only a token say
/// the document is a form filled in.
const FORM_SHARE: usize = 5;

/// The findings when two or more sections hold only a token and they are a fifth of the
/// sections or more.
pub(crate) fn token_sections(doc: &Document) -> Vec<Finding> {
    let t = doc.text;
    let mut out = Vec::new();
    let mut sections = 0;
    for (i, h) in doc.headings.iter().enumerate() {
        if h.level < 2 {
            continue;
        }
        sections += 1;
        // The section's own text: up to the next heading of any level.
        let end = doc
            .headings
            .get(i + 1)
            .map_or(t.len(), |next| next.span.start);
        let Some(body) = t.get(h.span.end..end) else {
            continue;
        };
        // The template's guidance in an HTML comment above the answer is not read.
        let body = super::leftover_context::without_comments(body);
        let token = body
            .trim()
            .trim_start_matches(['-', '*', '+'])
            .trim()
            .trim_matches(['*', '_'])
            .trim_end_matches('.')
            .trim();
        if !token.is_empty()
            && token.len() <= 20
            && (TOKENS.iter().any(|w| token.eq_ignore_ascii_case(w))
                || (h.text.trim_end().ends_with('?')
                    && ANSWER_TOKENS.iter().any(|w| token.eq_ignore_ascii_case(w))))
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
    if out.len() >= 2 && out.len() * FORM_SHARE >= sections {
        out
    } else {
        Vec::new()
    }
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
    fn a_token_under_the_template_guidance_comment_is_a_token() {
        let guided = format!(
            "{HEAD}## Drawbacks\n\n<!--\nWhy should this not be done?\n-->\nN/A\n\n## Alternatives\n\n<!-- What else was considered? -->\n\nN/A\n"
        );
        assert_eq!(count(&guided), 2);
    }

    #[test]
    fn question_headings_answered_none_count_by_share() {
        let form = format!(
            "{HEAD}## What else was considered?\n\nNone.\n\n## What are the failure modes?\n\nNothing.\n"
        );
        assert_eq!(count(&form), 2);
        // The same gate answers them, not the question check as well (one root cause).
        assert!(crate::rubric::consistency::token_answers(&Document::parse(&form)).is_empty());
        // Among the written answers of a long questionnaire, two are honest.
        let written: String = (1..=9)
            .map(|i| format!("###### Question {i}?\n\nAnswer {i} says what happens.\n\n"))
            .collect();
        assert_eq!(count(&format!("{form}{written}")), 0);
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
        // Two that do not apply among the many written sections of a long proposal.
        let written: String = (1..=9)
            .map(|i| format!("## Part {i}\n\nPart {i} says what it decides.\n\n"))
            .collect();
        assert_eq!(
            count(&format!(
                "{HEAD}{written}## Upgrade strategy\n\nNot applicable\n\n## Version skew\n\nN/A\n"
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
