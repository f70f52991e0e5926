//! RV012 `roles`: the parts a kind of document needs are there, however they are spelt.

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rubric::lexicon::{self, Found, Role};
use crate::rubric::structures;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV012",
        name: "roles",
        summary: "The parts its kind needs (overview, steps, findings, sources, ...) are there, however they are spelt",
        doc: DOC,
    },
    compile,
    params: &["require", "gate_at", "gate_when", "when"],
};

const DOC: &str = "\
## What it does

Looks for each role the rubric requires: by a heading from the role's lexicon (Introduction,
Overview, Abstract, TL;DR ... for `overview`; References, Further Reading, Additional
Resources, See also ... for `sources`), by a bold-label pseudo-section (`**Prerequisites**:`),
or by structure (an opening paragraph, numbered steps, a trailing list of links, shell code
blocks, `path:line` references). Each missing role costs once. With `gate_at: N`, N or more
missing roles fail the document whatever else it scores.

Roles and their lexicon live in `templates/review/lexicon.yaml`; a rubric adds its own or
extends one under a top-level `roles:` map (`headings`, `labels`, `structure`, `patterns`,
`min`). A missing role's fix names the section to add (the role's first heading; headings a
rubric adds come first) and another form that makes it: a bold label the role takes, else
the structure that makes it (\"an opening paragraph\", \"a table\"); a role with no heading,
a code review's `locations`, is named by its structure (`<path>:<line>` references).

## Why

A good document titled \"Key Takeaways\" instead of \"Key Findings\" has its findings; a document
without any findings does not, whatever its headings say.

## Parameters

- `require`: list of role names
- `gate_at` (optional): number of missing roles that fails the document
- `gate_when` (optional): a role; the missing roles fail the document only where that role
  is found (they still cost their points everywhere). A code review without locations fails
  when it calls itself a review, not when it was read as one from weaker signs:
  `require: [locations], gate_at: 1, gate_when: called-review`.
- `when` (optional): a role; the check applies only to documents where that role is found
  (full marks otherwise). A debug report that proposes a fix must show it verified:
  `require: [verification], when: proposed-fix`; a tutorial that runs commands must show what
  they print: `require: [output], when: commands`.

The fraction is roles found / roles required.

## Example

```yaml
- { id: parts, rule: roles, dimension: completeness, weight: 3,
    require: [overview, findings, sources], gate_at: 2 }
```
";

#[derive(Debug)]
struct Roles {
    roles: Vec<Role>,
    /// For each of `roles`, what a missing one's finding says and its fix (written once: a
    /// rubric is compiled once and evaluated on every document).
    missing: Vec<(String, String)>,
    gate_at: Option<u64>,
    /// The role whose presence lets the missing roles fail the document.
    gate_when: Option<Role>,
    /// The role whose presence makes the requirement apply.
    when: Option<Role>,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let names = p.strings("require")?;
    let mut roles = Vec::new();
    for (name, (line, column)) in names {
        let extra = p.roles.and_then(|r| r.get(&name));
        let role = lexicon::compile_role(&name, extra).map_err(|message| ParamError {
            line,
            column,
            message,
        })?;
        roles.push(role);
    }
    let gate_at = p.opt_count("gate_at")?;
    let gate_when = optional_role(p, "gate_when")?;
    let when = optional_role(p, "when")?;
    let missing = roles
        .iter()
        .map(|role| (format!("no {} part", spoken(role)), fix(role)))
        .collect();
    Ok(Box::new(Roles {
        roles,
        missing,
        gate_at,
        gate_when,
        when,
    }))
}

/// The role named by the optional parameter `key`, with the rubric's additions to it.
fn optional_role<'a>(p: &mut Params<'a>, key: &'a str) -> Result<Option<Role>, ParamError> {
    let Some(name) = p.opt_string(key)? else {
        return Ok(None);
    };
    let extra = p.roles.and_then(|r| r.get(&name));
    lexicon::compile_role(&name, extra)
        .map(Some)
        .map_err(|message| p.error(None, message))
}

/// How a message names a role: its name in words (`root-cause` is "root cause").
fn spoken(role: &Role) -> String {
    role.name.replace('-', " ")
}

/// What to add for a missing role, in forms that make it: its first heading as a section,
/// and another way it is recognised (that heading as a bold label where a label of it counts,
/// else its first label, else a structure that makes it). A role with no heading names its
/// label or structure alone; one found only by its wording is named.
fn fix(role: &Role) -> String {
    let heading = role.headings.first();
    let label = heading
        .filter(|h| role.takes_label(h))
        .or(role.labels.first())
        .map(|l| format!("a `**{l}**:` paragraph"));
    let structure = role
        .structure
        .iter()
        .find_map(|s| structures::described(s))
        .map(str::to_string);
    match (heading, label.or(structure)) {
        (Some(h), Some(other)) => format!("add a `## {h}` section (or {other}) with that content"),
        (Some(h), None) => format!("add a `## {h}` section with that content"),
        (None, Some(other)) => format!("add {other}"),
        (None, None) => format!("add the {} part", spoken(role)),
    }
}

impl Rule for Roles {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let mut findings = Vec::new();
        if let Some(when) = &self.when
            && when.find(doc).is_none()
        {
            return Outcome::new(
                1.0,
                format!("no {} part, so nothing to require", spoken(when)),
                findings,
            );
        }
        let mut found = Vec::new();
        for (role, (message, fix)) in self.roles.iter().zip(&self.missing) {
            match role.find(doc) {
                Some(Found::Heading(_, how) | Found::At(_, how)) => found.push((role, how)),
                None => findings.push(Finding::new(doc.body_start, message.clone(), fix.clone())),
            }
        }
        let total = self.roles.len();
        let missing = findings.len();
        let summary = if missing == 0 {
            // "all N parts present: name (how), ...", written only when it is the summary.
            let mut all = format!("all {total} parts present: ");
            for (i, (role, how)) in found.iter().enumerate() {
                if i > 0 {
                    all.push_str(", ");
                }
                all.push_str(&role.name);
                all.push_str(" (");
                all.push_str(how);
                all.push(')');
            }
            all
        } else {
            format!("{} of {total} parts present", total - missing)
        };
        let gate = self
            .gate_at
            .filter(|&n| missing as u64 >= n)
            .filter(|_| {
                self.gate_when
                    .as_ref()
                    .is_none_or(|r| r.find(doc).is_some())
            })
            .map(|_| match &self.roles[..] {
                [role] => format!("its {} part is missing", spoken(role)),
                _ => format!("{missing} of the {total} core parts of this kind are missing"),
            });
        let mut out = Outcome::new(
            (total - missing) as f64 / total.max(1) as f64,
            summary,
            findings,
        );
        out.gate = gate;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fraction(text: &str) -> f64 {
        let rubric = crate::rubric::parse(
            "name: t\ndimensions: { accuracy: 1 }\nchecks:\n  - { id: v, rule: roles, dimension: accuracy, require: [verification], when: proposed-fix }\n",
            "test",
        )
        .unwrap();
        let doc = Document::parse(text);
        rubric.checks[0]
            .rule
            .evaluate(&doc, &Env::default())
            .fraction
    }

    #[test]
    fn a_proposed_fix_must_be_verified() {
        let proposed = "# Bug\n\n## Recommended Fix\n\nCheck the state before marking it failed.\n";
        assert_eq!(fraction(proposed), 0.0);
        let verified = format!(
            "{proposed}\n## Verification\n\nThe new test now passes and the status no longer flips.\n"
        );
        assert_eq!(fraction(&verified), 1.0);
    }

    /// The sections and bold labels a fix names (`## X`, `**X**:`).
    fn forms(fix: &str) -> Vec<String> {
        let re = regex::Regex::new(r"`(## [^`]+|\*\*[^`]+\*\*:)`").unwrap();
        re.captures_iter(fix).map(|c| c[1].to_string()).collect()
    }

    /// `base`, then `form` over some content.
    fn with(base: &str, form: &str) -> String {
        let content = "See [the guide](https://example.com/guide) and the notes in the appendix for the details of it.";
        let sep = if form.starts_with("##") { "\n\n" } else { " " };
        format!("{base}{form}{sep}{content}\n")
    }

    /// `base` (a `# T` title first) with structure `s` where a part is found by it, as a fix
    /// describes it ([`structures::described`]).
    fn with_structure(base: &str, s: &str) -> String {
        let sample = match s {
            "lead" => {
                let lead = "This document describes how the cache in the workers keeps rendered pages. It says what it stores, for how long, and what a miss costs the editors.";
                return base.replacen("# T\n\n", &format!("# T\n\n{lead}\n\n"), 1);
            }
            "table" => {
                "| Metric | Before | After |\n|---|---|---|\n| p50 | 180 ms | 11 ms |\n| p99 | 900 ms | 40 ms |\n"
            }
            "code-refs" => {
                "The parser drops the last row at `src/main.rs:42`; the caller ignores it at `src/lib.rs:7`.\n"
            }
            _ => panic!("a fix names structure `{s}`: give this test a sample of it"),
        };
        format!("{base}{sample}")
    }

    #[test]
    fn every_fix_followed_as_written_makes_the_part() {
        // Every built-in rubric's roles checks, with the rubric's own headings: the section,
        // label or structure each fix names makes the missing part; an unrelated label does not.
        // The second document holds what checks that apply only `when` a part is there ask
        // about (a proposed fix, an open cause, commands), so their fixes are followed too.
        let plain = "# T\n\n## Notes\n\nSome words about other things.\n\n";
        let triggers = "# T\n\n## Notes\n\nThe proposed fix is to check the state first; the root cause is still unknown.\n\n```bash\nmake test\n```\n\n";
        let env = Env::default();
        let mut followed = std::collections::BTreeSet::new();
        for base in [plain, triggers] {
            let bare = Document::parse(base);
            for name in crate::rubric::builtin_names() {
                let rubric = crate::rubric::load(name, None).unwrap();
                for check in rubric.checks.iter().filter(|c| c.kind.doc.name == "roles") {
                    for f in check.rule.evaluate(&bare, &env).findings {
                        let still_missing = |text: &str| {
                            let doc = Document::parse(text);
                            let out = check.rule.evaluate(&doc, &env);
                            out.findings.iter().any(|g| g.message == f.message)
                        };
                        let forms = forms(&f.fix);
                        assert!(
                            !forms.is_empty() || !f.fix.contains('#'),
                            "{name}: {}",
                            f.fix
                        );
                        // A structure the fix describes, written in.
                        for (st, _) in structures::STRUCTURES
                            .iter()
                            .filter(|(_, d)| f.fix.contains(d))
                        {
                            assert!(
                                !still_missing(&with_structure(base, st)),
                                "{name} {}: {st} from \"{}\" does not make it",
                                check.id,
                                f.fix
                            );
                            followed.insert((name, check.id.clone(), (*st).to_string()));
                        }
                        for form in forms {
                            assert!(
                                !still_missing(&with(base, &form)),
                                "{name} {}: `{form}` from \"{}\" does not make it",
                                check.id,
                                f.fix
                            );
                            followed.insert((name, check.id.clone(), form));
                        }
                        assert!(
                            still_missing(&with(base, "**Aside**:")),
                            "{name}: {}",
                            f.message
                        );
                    }
                }
            }
        }
        // The checks of outputs, verified fixes and resolved causes are among them.
        for id in ["outcomes", "verified", "resolved"] {
            assert!(
                followed.iter().any(|(_, c, _)| c == id),
                "{id} not followed"
            );
        }
        // Structures are followed too: an opening paragraph, a table, `path:line` references.
        for st in ["lead", "table", "code-refs"] {
            assert!(
                followed.iter().any(|(_, _, f)| f == st),
                "{st} not followed"
            );
        }
        assert!(followed.len() >= 85, "{} fixes followed", followed.len());
    }

    #[test]
    fn a_part_found_by_its_shape_is_named_by_it() {
        // A code review's locations have no heading: the fix names `path:line` references,
        // not a `## locations` section (which would not make the part).
        let role = lexicon::compile_role("locations", None).unwrap();
        let text = fix(&role);
        assert!(
            text.contains("`<path>:<line>`") && !text.contains("##"),
            "{text}"
        );
        let doc = Document::parse(
            "# Review\n\nThe parser drops the last row at `src/main.rs:42`; the caller ignores it at `src/lib.rs:7`.\n",
        );
        assert!(role.find(&doc).is_some());
        // Where the first heading is no label the role takes, the fix names a label it takes.
        let overview = lexicon::compile_role("overview", None).unwrap();
        assert!(!overview.takes_label("Introduction"));
        assert_eq!(
            fix(&overview),
            "add a `## Introduction` section (or a `**Summary**:` paragraph) with that content"
        );
    }

    #[test]
    fn a_review_without_locations_fails_only_when_it_calls_itself_one() {
        let rubric = crate::rubric::load("any-code-review", None).unwrap();
        let check = rubric
            .checks
            .iter()
            .find(|c| c.id == "kind-evidence")
            .unwrap();
        let body = "\n\n## Findings\n\nThe middleware checks the bucket before each handler runs.\n\n## Verdict\n\nApprove.\n";
        let outcome = |title: &str| {
            let text = format!("# {title}{body}");
            check
                .rule
                .evaluate(&Document::parse(&text), &Env::default())
        };
        let review = outcome("Code Review: rate limiting (PR #88)");
        assert_eq!(review.fraction, 0.0);
        assert!(review.gate.is_some());
        // Read as a review from a weaker sign (an audit, a Verdict heading): the part still
        // costs, but does not fail the document alone.
        let audit = outcome("Documentation claims audit");
        assert_eq!(audit.fraction, 0.0);
        assert!(audit.gate.is_none());
        // With locations, neither costs.
        let located = format!(
            "# Code Review{body}\nThe bucket is never evicted (`api/bucket.go:42`, `api/server.go:7`).\n"
        );
        let outcome = check
            .rule
            .evaluate(&Document::parse(&located), &Env::default());
        assert_eq!(outcome.fraction, 1.0);
    }

    #[test]
    fn without_a_proposed_fix_nothing_is_required() {
        // An incident report telling what was done, not proposing a fix.
        let done =
            "# Outage\n\n## Resolution\n\nWe cleared the directory and restarted the server.\n";
        assert_eq!(fraction(done), 1.0);
    }
}
