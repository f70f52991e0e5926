//! What the gate code documents: every gate, for `explain` and `docs/rules.md`.

/// Documentation of the gate code ([`super::gates::CODE`]).
pub const DOC: &str = "\
## What it does

Fails an artifact, whatever its checks score, when it has:

- `leftover-text`: template or prompt text left in: `{Continue...}`, `{Topic}`, `<insert ...>`,
  `[Your Name]`, `[TODO]`, `[PLACEHOLDER]`, `[2-3 paragraphs ...]`, \"to be completed\", a `TODO`
  line, `YYYY-MM-DD`, prompt text (\"You MUST\", \"Assume that the current date is\"; not quoted
  or in bold). Never in code (HTML `<code>` and `<pre>` too), maths (`$...$`, `_{...}`,
  `^{...}`), URL templates (`/{id}`), the label of a defined reference link, or the label of a
  link reference definition or an escaped piece of its URL (`?title=[insert+name]`); inside
  a closed HTML comment only where the section holds nothing else.
- `truncated`: an unclosed code fence or table row, a last sentence cut off, a last section
  with nothing under it, or a table of contents listing sections that are not there; a last
  line that stops on a word cut in two, a dangling \"the\", an empty list item, a list item
  of one letter after longer ones, a lead-in ending in `:`, or a list item without the full
  stop the document's other items have; or an end in the lone first subsection of a section
  where earlier sections have several, with no conclusion, next steps or sources; a list
  its lead-in (`...:`, three words or more, not a label nor \"as follows\") announces that
  stops after one item, or a last line ending on a separator (`` `a.yml` - ``). Not a short
  answer (\"None so far\"), a closing smiley, lines of bracketed references
  (`[RFC1592] - amend ...`), or a link whose text ends the sentence (`[Thanks!](url)`); nor
  is an emoji shortcode (`:wave:`) or a URL ending in `:` a lead-in.
- `empty-body`: under 40 words or four sentences of prose (tables and code alone do not
  explain themselves), or most sections empty.
- `repetition`: more than 20% of the prose sentences repeat earlier ones, blocks of eight
  words or more (label lines too) repeated until they hold over a fifth of the text, or the
  document starts over with a second title restating the first.
- `contradiction`: a verdict of readiness (\"ready for production\", \"ready to merge\") in a
  document that lists open or failed work (two or more pending steps, unchecked items, open
  investigations, failures, \"not tested\", \"timed out\"), or a blanket pass (\"all tests
  pass\", \"5/5 passed\") in one that reports a failure, or a status that closes the work
  (`status: Done` in the front matter, `**Status:** Complete`, also Fixed, Resolved) over two
  or more boxes left unchecked under the document's own criteria for it (Definition of Done,
  Acceptance Criteria), not set aside on their line (N/A, optional, dropped, struck
  through). Failures marked pre-existing, unrelated or expected do not count, nor a few
  tests skipped in a count right after the claim (\"all tests passed (179 tests, 1
  skipped)\"). Also a tally of findings by severity
  (`**Critical:** 8`, \"12 critical vulnerabilities\", a table row `| High | 12 |`) that
  disagrees on two severities or more with the findings marked so (`**Severity:** High`
  lines, or headings such as `### 1.1 Critical: ...`; three or more of them).
- `unshown-success`: two or more success verdicts (\"✅ PASSED\", \"100% pass rate\",
  \"production ready\", \"Known issues: none\", a self-assigned grade) and nothing that shows
  them: no command output, no table of named tests with times, no run link, file line or
  commit; or four or more list items ticked done (`- ✅ ...`) in a document with no link, no
  code and nothing else that shows them.
- `pasted-together`: the same section heading twice under one parent, or a heading that
  starts in the middle of a line (several outputs stuck together).
- `hollow-structure`: a \"Table of Contents\" heading with nothing under it, six or more
  numbered references of which the body cites fewer than half, two or more numbered
  citations (`[1]`, `[2]`) in a document that defines none and has no sources part, or a
  figure the text refers to (\"Figure 1 shows...\") in a document with no image, no diagram
  and no caption of it.
- `unresolved-cause`: a document titled as an investigation (root cause, debugging, incident,
  post-mortem) that leaves its cause open (\"potential causes\", \"need to investigate\",
  \"Option 1\"/\"Option 2\" headings, \"Testing Required\", \"Questions to investigate\") and shows
  nothing verified, or whose own next steps still have to identify the cause; or a document
  titled as a fix or an investigation whose testing section is only a plan (every line a step
  still to do: \"1. Rebuild the image\", \"Should use the cache\") with no run and no verified
  result anywhere, or that stamps the fix done (\"Fixed 6 critical bugs\", \"Status: ✅
  Implementation Complete\") while two or more of its lines say the testing is still pending
  (\"Unit tests: Pending\", \"Pending local testing\").

Two or more template questions answered with a token (\"None.\", \"N/A\"), or template sections
holding only `N/A` or `TBD` (or `None` under a question heading; HTML comments are not read)
when they are a fifth of the sections or more or one is an alternatives or limitations part,
count as leftover template text, as does an instruction to the writer (\"add evidence
screenshots here\"); so do leftovers of the writing process: chat framing addressed to the
requester in the first or last paragraph (\"I'll let you know once...\", \"Would you like me
to...\"), the writing brief or notes about the draft
(\"**Goal**: ~1,200 words\", \"Behind-the-scenes notes\"), and a front-matter field left at
its template value (`issue-number: XX`).

A check may raise a gate too (`filler` when most sentences are filler, `roles` with `gate_at`).
The score is capped at 60% of what the checks gave and below 60, so the artifact is not
APPROVED; gate findings come first in the feedback.

## Why

A document with a placeholder in it, or cut off in the middle, is not finished, however well
its finished parts score.
";
