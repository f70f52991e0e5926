//! Template sections filled in with a token: a heading whose whole body is `N/A` or `TBD`.
//! Two or more, when they are a fifth of the sections or more or one of them is a part every
//! design has (alternatives, limitations), mean a form was filled in
//! rather than its parts written, the same as two template questions answered with a token
//! ([`super::consistency::token_answers`]). One is an honest "does not apply", and so are a
//! few in a long document whose other sections are written (a Kubernetes enhancement
//! proposal of twenty sections answering "Version Skew Strategy: Not applicable"). "None" is
//! left out, "Breaking changes: None" is an answer, but not under a question: "What are the
//! known failure modes?" answered "None." is a token.

use super::lexicon;
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

/// The roles whose section answered with a token is no honest "does not apply": every
/// design weighs alternatives and has limits.
const CORE_ROLES: &[&str] = &["alternatives", "limitations"];

/// A section whose whole body is a token.
struct TokenSection {
    at: usize,
    heading: String,
    token: String,
    /// The heading names one of the [`CORE_ROLES`] ("Alternatives Considered", "Risks").
    core: bool,
}

/// The sections whose whole body is a token, and the number of sections below the title.
fn token_bodies(doc: &Document) -> (Vec<TokenSection>, usize) {
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
        let question = h.text.trim_end().ends_with('?');
        if !token.is_empty()
            && token.len() <= 20
            && (TOKENS.iter().any(|w| token.eq_ignore_ascii_case(w))
                || (question && ANSWER_TOKENS.iter().any(|w| token.eq_ignore_ascii_case(w))))
        {
            let core = CORE_ROLES
                .iter()
                .filter_map(|r| lexicon::builtin_role(r))
                .any(|role| role.names_heading(doc, i));
            out.push(TokenSection {
                at: h.span.start,
                heading: h.text.clone(),
                token: token.to_string(),
                core,
            });
        }
    }
    (out, sections)
}

/// The findings when two or more sections hold only a token and they are a fifth of the
/// sections or more, or one of them is a core part (alternatives, limitations).
pub(crate) fn token_sections(doc: &Document) -> Vec<Finding> {
    let (found, sections) = token_bodies(doc);
    let core = found.iter().any(|f| f.core);
    if found.len() < 2 || !core && found.len() * FORM_SHARE < sections {
        return Vec::new();
    }
    found
        .into_iter()
        .map(|f| {
            Finding::new(
                f.at,
                format!(
                    "the template section \"{}\" is filled in with `{}`",
                    f.heading, f.token
                ),
                "write what was considered for it and why, or remove the section",
            )
        })
        .collect()
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
    fn alternatives_or_risks_answered_with_a_token_count_whatever_the_share() {
        let written: String = (1..=12)
            .map(|i| format!("## Part {i}\n\nPart {i} says what it decides.\n\n"))
            .collect();
        let core = format!(
            "{HEAD}{written}## Alternatives Considered\n\nN/A\n\n## Version skew\n\nNot applicable\n"
        );
        assert_eq!(count(&core), 2);
        // One core part alone is still one honest answer.
        assert_eq!(count(&format!("{HEAD}{written}## Risks\n\nN/A\n")), 0);
    }

    #[test]
    fn a_question_heading_and_a_question_in_prose_answered_none_are_one_form() {
        let text = format!(
            "{HEAD}## What was measured?\n\nNone.\n\n## Open points\n\n- **Who signs off?**\n\n  None.\n"
        );
        let doc = Document::parse(&text);
        assert_eq!(
            crate::rubric::consistency::token_answers(&doc).len(),
            1,
            "{text}"
        );
        // The heading's section holds the bold question too (a27 of the review's cases).
        let shared = format!(
            "{HEAD}### What alternatives were considered?\n\nNone.\n\n**What are the risks?**\n\nNone.\n\n### How will this be tested?\n\nBy the suite.\n"
        );
        assert_eq!(
            crate::rubric::consistency::token_answers(&Document::parse(&shared)).len(),
            1
        );
        // One question in prose alone is one honest answer.
        let one = format!("{HEAD}## Open points\n\n- **Who signs off?**\n\n  None.\n");
        assert!(crate::rubric::consistency::token_answers(&Document::parse(&one)).is_empty());
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
