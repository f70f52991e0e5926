//! RV016 `open-items`: a report does not present its own to-do list as its result. A
//! checklist whose boxes are mostly unticked is work nobody has done yet: a test plan posing as
//! a test report, a fix write-up that ends in a list of chores.

use std::sync::OnceLock;

use regex::Regex;

use super::kind::{Env, Finding, Kind, Outcome, ParamError, Params, Rule};
use crate::document::Document;
use crate::rules::RuleDoc;

pub(crate) const KIND: Kind = Kind {
    doc: RuleDoc {
        code: "RV016",
        name: "open-items",
        summary: "A report's checklists are ticked: unticked boxes are work still to do, not results",
        doc: DOC,
    },
    compile,
    params: &["max"],
};

const DOC: &str = "\
## What it does

Counts the checklist items of the document (`- [ ]` open, `- [x]` done, outside code). When
more than `max` items are open and the open ones outnumber the done ones, the work the report
describes has not been done: its results are expectations. Each open item past `max` costs a
third of the check.

## Why

A test report that lists \"Startup test: no agent loaded\" as an unticked box has not run the
test; a debug report that ends in a checklist of chores has not verified anything. A report
states what happened; a plan belongs in a plan.

Open items in the section the report gives to what comes next (headed Next Steps, Action
Items, Follow-ups, Roadmap, What's next, Looking ahead or Future Work) are its plan in its
place and do not count.

## Parameters

- `max` (optional, default 3): open items allowed before the check costs anything.

## Example

```yaml
- { id: done, rule: open-items, dimension: accuracy, weight: 2 }
```
";

#[derive(Debug)]
struct OpenItems {
    max: usize,
}

fn compile(p: &mut Params) -> Result<Box<dyn Rule>, ParamError> {
    let max = p.opt_count("max")?.unwrap_or(3);
    Ok(Box::new(OpenItems {
        max: usize::try_from(max).unwrap_or(usize::MAX),
    }))
}

/// Whether a heading names the section a report gives to what comes next ("Next Steps",
/// "5. Action Items", "What’s next?"): numbering, emoji and punctuation aside.
fn plan_heading(text: &str) -> bool {
    let name: String = text
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .replace('’', "'")
        .to_lowercase();
    [
        "next steps",
        "action items",
        "follow-ups",
        "follow-up",
        "follow ups",
        "roadmap",
        "what's next",
        "looking ahead",
        "future work",
    ]
    .contains(&name.as_str())
}

fn checkbox() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[([ xX])\]").expect("static regex")
    })
}

impl Rule for OpenItems {
    fn evaluate(&self, doc: &Document, _env: &Env) -> Outcome {
        let body = doc.body_start.min(doc.text.len());
        let (mut open, mut done) = (Vec::new(), 0usize);
        for c in checkbox().captures_iter(&doc.text[body..]) {
            let (Some(all), Some(mark)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if doc.in_code(body + all.start()) {
                continue;
            }
            if mark.as_str() == " " {
                open.push(body + mark.start());
            } else {
                done += 1;
            }
        }
        // Open items in the section the report gives to what comes next (Next Steps, Action
        // Items, Follow-ups) are its plan, in the place a plan belongs: they are not results
        // the report failed to reach. Looked up only when the count would cost something.
        let mut planned = 0;
        if open.len() > self.max && open.len() > done {
            let before = open.len();
            open.retain(|at| {
                !doc.headings
                    .iter()
                    .any(|h| (h.span.end..h.section_end).contains(at) && plan_heading(&h.text))
            });
            planned = before - open.len();
        }
        let summary = if planned > 0 {
            format!(
                "{} open ({planned} more in the plan section) and {done} done checklist items",
                open.len()
            )
        } else {
            format!("{} open and {done} done checklist items", open.len())
        };
        if open.len() <= self.max || open.len() <= done {
            return Outcome::new(1.0, summary, Vec::new());
        }
        let over = open.len() - self.max;
        let findings = vec![Finding::new(
            open[0],
            format!(
                "{} of the {} checklist items are unticked: the report lists work still to do as its content",
                open.len(),
                open.len() + done
            ),
            "do the work and report what happened (commands, output, figures), or move the open items to a plan",
        )];
        Outcome::new((1.0 - over as f64 / 3.0).max(0.0), summary, findings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fraction(text: &str) -> f64 {
        super::super::fraction_of(&OpenItems { max: 3 }, text)
    }

    #[test]
    fn an_unticked_checklist_is_not_a_result() {
        let plan = "# Test\n\n- [ ] startup\n- [ ] run\n- [ ] cache\n- [ ] rollback\n- [ ] tokens\n- [ ] docs\n";
        assert!(fraction(plan) <= 0.0);
        let four = "# Test\n\n- [ ] a\n- [ ] b\n- [ ] c\n- [ ] d\n";
        assert!((fraction(four) - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn ticked_lists_few_open_items_and_code_do_not_count() {
        let done =
            "# Report\n\n- [x] a\n- [x] b\n- [x] c\n- [ ] d\n- [ ] e\n- [ ] f\n- [ ] g\n- [x] h\n";
        assert_eq!(fraction(done), 1.0);
        let left = "# Handover\n\n- [ ] rotate the key\n- [ ] tag the release\n";
        assert_eq!(fraction(left), 1.0);
        let code = "# T\n\n```md\n- [ ] a\n- [ ] b\n- [ ] c\n- [ ] d\n- [ ] e\n```\n";
        assert_eq!(fraction(code), 1.0);
        // The same open items as the report's next steps are its plan, not its results.
        let ahead = "# Report\n\nThe proxy serves the dashboard over HTTPS on port 443.\n\n## Next Steps\n\n- [ ] run the E2E tests on macOS\n- [ ] run them on Linux\n- [ ] document the DNS setup\n- [ ] add a setup helper\n";
        assert_eq!(fraction(ahead), 1.0);
        let checklist = ahead.replace("## Next Steps", "## Verification");
        assert!(fraction(&checklist) < 1.0);
        // Every plan section counts, not only the first heading a role names; a section of
        // what was not done is no plan.
        let later = ahead.replace(
            "## Next Steps",
            "## Conclusion\n\nDone.\n\n## 5. Action Items",
        );
        assert_eq!(fraction(&later), 1.0);
        let not_done = ahead.replace("## Next Steps", "## Not done");
        assert!(fraction(&not_done) < 1.0);
    }
}
