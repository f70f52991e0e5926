//! The lexicon review reads documents with: roles (the parts a kind of document needs) and how
//! each is recognised, stock filler phrases, and the signals of each kind of document. The
//! built-in one is `templates/rubrics/lexicon.yaml`; a rubric's `roles:` map extends it.

use std::sync::{Arc, OnceLock};

use indexmap::IndexMap;
use serde::Deserialize;

pub use super::citations::{Citations, citations};
pub(crate) use super::matching::regex;
pub use super::matching::{LazyRegex, PatternSet};
use super::names::{HeadingNames, NameIndex, SharedNames, names_part};
use super::structures;
pub use super::structures::{STRUCTURES, structure};
use crate::document::{Document, text};

/// How one role is written down (YAML).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    #[serde(default)]
    pub headings: Vec<String>,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub structure: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub min: Option<usize>,
    /// A heading counts only when its section matches this regex (e.g. sources cite something).
    #[serde(default)]
    pub section: Option<String>,
    /// Content counts only when it says the part is done: "should be verified" is no
    /// verification (`prose::unmet`).
    #[serde(default)]
    pub asserted: bool,
}

/// A role ready to match.
#[derive(Debug, Clone)]
pub struct Role {
    pub name: String,
    pub headings: Vec<String>,
    /// `headings`, split into words once and indexed.
    heading_words: HeadingNames,
    pub labels: Vec<String>,
    /// `labels`, split into words once.
    label_words: Vec<text::Words>,
    pub structure: Vec<String>,
    /// Compiled when a document is searched for them (most roles are found by a heading).
    pub patterns: Vec<LazyRegex>,
    pub min: usize,
    /// Compiled on first use (lowercase and case-sensitive for the lowercased text when it
    /// folds, as the patterns are).
    pub section: Option<LazyRegex>,
    /// [`RoleSpec::asserted`].
    pub asserted: bool,
    /// The same for roles compiled from the same spec: where a document keeps what
    /// [`Role::find`] found ([`Document::memo`]).
    id: u64,
}

/// Where a role was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A heading; its section range.
    Heading(std::ops::Range<usize>, String),
    /// A bold label or another place, at an offset, and how it was recognised.
    At(usize, String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindFile {
    rubric: String,
    name: String,
    title: String,
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    roles: IndexMap<String, RoleSpec>,
    filler: Vec<String>,
    praise: Vec<String>,
    hedges: Vec<String>,
    kinds: Vec<KindFile>,
}

/// A document kind's signals, for choosing a rubric.
#[derive(Debug)]
pub struct KindSignals {
    pub rubric: String,
    pub name: String,
    /// Compiled on first use (lowercase and case-sensitive, for the lowercased title).
    pub title: LazyRegex,
    pub headings: Vec<String>,
    /// `headings`, split into words once.
    pub heading_words: Vec<text::Words>,
    /// Compiled when the scan of every kind's patterns (`detect`) says one may match.
    pub patterns: Vec<LazyRegex>,
    /// Roles whose presence says what the document is (a review cites code locations).
    pub roles: Vec<String>,
}

/// The built-in lexicon.
#[derive(Debug)]
pub struct Lexicon {
    pub roles: IndexMap<String, RoleSpec>,
    /// The filler rule's patterns, compiled when a rubric with that rule first runs.
    pub filler: LazyRegex,
    /// Self-praise and self-grading (regexes, joined).
    pub praise: LazyRegex,
    pub hedges: LazyRegex,
    pub kinds: Vec<KindSignals>,
    /// Every kind's `heading_words`, in order, indexed together.
    pub kind_headings: NameIndex,
    /// The kind (its position in `kinds`) of each name in `kind_headings`.
    pub kind_of_heading: Vec<usize>,
}

/// The built-in lexicon (parsed once; the file is embedded and tested).
pub fn builtin() -> Arc<Lexicon> {
    static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEX.get_or_init(|| {
        let text = crate::assets::embedded("review/lexicon.yaml").unwrap_or("");
        Arc::new(parse(text).unwrap_or_else(|e| panic!("built-in lexicon: {e}")))
    })
    .clone()
}

fn parse(text: &str) -> Result<Lexicon, String> {
    let file: LexiconFile = crate::yaml::parse(text, 0).map_err(|e| e.message)?;
    let phrases: Vec<String> = file
        .filler
        .iter()
        .map(|p| regex::escape(p.trim()))
        .collect();
    let filler = LazyRegex::new(&format!(r"(?i)\b(?:{})", phrases.join("|")));
    let praise = LazyRegex::new(&format!(r"(?i)\b(?:{})", file.praise.join("|")));
    let hedges: Vec<String> = file
        .hedges
        .iter()
        .map(|p| regex::escape(p.trim()))
        .collect();
    let hedges = LazyRegex::new(&format!(r"(?i)\b(?:{})\b", hedges.join("|")));
    let mut kinds = Vec::new();
    for k in file.kinds {
        kinds.push(KindSignals {
            rubric: k.rubric,
            name: k.name,
            title: LazyRegex::new(&k.title),
            heading_words: k.headings.iter().map(|h| text::Words::new(h)).collect(),
            headings: k.headings,
            patterns: k.patterns.iter().map(|p| LazyRegex::new(p)).collect(),
            roles: k.roles,
        });
    }
    let kind_headings =
        NameIndex::new(kinds.iter().flat_map(|k| k.heading_words.clone()).collect());
    let kind_of_heading = kinds
        .iter()
        .enumerate()
        .flat_map(|(i, k)| std::iter::repeat_n(i, k.heading_words.len()))
        .collect();
    Ok(Lexicon {
        roles: file.roles,
        filler,
        praise,
        hedges,
        kinds,
        kind_headings,
        kind_of_heading,
    })
}

/// A built-in role, compiled once.
pub fn builtin_role(name: &str) -> Option<&'static Role> {
    // Each role is compiled on first use: a run needs few of them.
    type Slot = (String, OnceLock<Option<Role>>);
    static ROLES: OnceLock<Vec<Slot>> = OnceLock::new();
    let roles = ROLES.get_or_init(|| {
        builtin()
            .roles
            .keys()
            .map(|n| (n.clone(), OnceLock::new()))
            .collect()
    });
    let (_, slot) = roles.iter().find(|(n, _)| n == name)?;
    slot.get_or_init(|| compile_role(name, None).ok()).as_ref()
}

/// Compiles role `name` from the built-in spec merged with a rubric's extension.
pub fn compile_role(name: &str, extra: Option<&RoleSpec>) -> Result<Role, String> {
    let lex = builtin();
    let base = lex.roles.get(name);
    if base.is_none() && extra.is_none() {
        let known: Vec<&str> = lex.roles.keys().map(String::as_str).collect();
        return Err(format!(
            "unknown role `{name}`; define it under `roles:` or use one of: {}",
            known.join(", ")
        ));
    }
    let mut spec = base.cloned().unwrap_or_default();
    if let Some(x) = extra {
        // A rubric's own patterns are compiled now: a bad one is an error of the rubric.
        for p in &x.patterns {
            regex(p)?;
        }
        spec.labels.extend(x.labels.iter().cloned());
        spec.structure.extend(x.structure.iter().cloned());
        spec.patterns.extend(x.patterns.iter().cloned());
        spec.min = x.min.or(spec.min);
        spec.section = x.section.clone().or(spec.section);
        spec.asserted |= x.asserted;
        // The rubric's headings come first: fixes name the first one.
        let mut headings = x.headings.clone();
        headings.extend(spec.headings.drain(..).filter(|h| !x.headings.contains(h)));
        spec.headings = headings;
    }
    if let Some(bad) = spec
        .structure
        .iter()
        .find(|s| structures::described(s).is_none())
    {
        let known: Vec<&str> = STRUCTURES.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "role `{name}`: unknown structure `{bad}`; expected one of: {}",
            known.join(", ")
        ));
    }
    // A rubric's own section pattern is compiled now too (after the structures, the order its
    // errors always came in); the built-in one on first use.
    if let Some(p) = extra.and_then(|x| x.section.as_deref()) {
        regex(p)?;
    }
    Ok(Role {
        id: spec_id(&spec),
        name: name.to_string(),
        heading_words: HeadingNames::new(
            spec.headings.iter().map(|h| text::Words::new(h)).collect(),
            Some(heading_names()),
        ),
        headings: spec.headings,
        label_words: spec.labels.iter().map(|l| text::Words::new(l)).collect(),
        labels: spec.labels,
        structure: spec.structure,
        patterns: spec.patterns.iter().map(|p| LazyRegex::new(p)).collect(),
        min: spec.min.unwrap_or(1).max(1),
        section: spec.section.as_deref().map(LazyRegex::new),
        asserted: spec.asserted,
    })
}

/// Every built-in role's headings and every kind's, compared with a document's headings once
/// for all roles and for kind detection.
pub(crate) fn heading_names() -> &'static SharedNames {
    static NAMES: OnceLock<SharedNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let lex = builtin();
        let roles = (lex.roles.values().flat_map(|s| &s.headings)).map(|h| text::Words::new(h));
        let kinds = lex
            .kinds
            .iter()
            .flat_map(|k| k.heading_words.iter().cloned());
        SharedNames::new(roles.chain(kinds))
    })
}

/// A number per distinct role spec (after a rubric's extension is merged): roles compiled from
/// equal specs find the same thing in a document.
fn spec_id(spec: &RoleSpec) -> u64 {
    static IDS: OnceLock<std::sync::Mutex<std::collections::HashMap<RoleSpec, u64>>> =
        OnceLock::new();
    let mut ids = IDS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let next = ids.len() as u64;
    *ids.entry(spec.clone()).or_insert(next)
}

impl Role {
    /// Where the role is in `doc`, or `None`. Found once per document and role: detection,
    /// fit and the roles rule ask for the same roles.
    pub fn find(&self, doc: &Document) -> Option<Found> {
        doc.memo(self.id, || self.search(doc))
    }

    /// Whether heading `i` of `doc` names the role as a part ([`names_part`]).
    pub fn names_heading(&self, doc: &Document, i: usize) -> bool {
        let (have, named) = (&doc.heading_words()[i], self.heading_words.for_doc(doc));
        named.any(i, have, |w| names_part(have, w))
    }

    /// [`Role::find`], without the memo.
    fn search(&self, doc: &Document) -> Option<Found> {
        // The title (the first H1) names the document, not one of its parts.
        let title = doc
            .headings
            .first()
            .filter(|h| h.level == 1)
            .map(|h| h.span.start);
        let named = self.heading_words.for_doc(doc);
        for (i, (h, have)) in doc.headings.iter().zip(doc.heading_words()).enumerate() {
            if Some(h.span.start) == title {
                continue;
            }
            if named.any(i, have, |w| !hypothetical(have, w)) {
                let range = Document::section_range(h);
                // What a reader sees of it: a template's guidance left in `<!-- -->` is no content.
                let body = doc.text.get(h.span.end..range.end).unwrap_or("");
                let shown = super::leftover_context::without_comments(body);
                // The lowercased text of the same bytes, when nothing was taken out.
                let lower = match shown {
                    std::borrow::Cow::Borrowed(_) => {
                        (doc.folded_text()).and_then(|l| l.get(h.span.end..h.span.end + body.len()))
                    }
                    std::borrow::Cow::Owned(_) => None,
                };
                let body = shown.as_ref();
                let filled = match &self.section {
                    Some(re) => re.is_match(body, lower),
                    None => text::has_words(body, 3) || body.contains("```") || body.contains('|'),
                };
                if filled {
                    return Some(Found::Heading(range, h.text.clone()));
                }
            }
        }
        // What a section of expectations ("Expected Results", "Success Criteria") says is not
        // what happened: its labels and content do not make the part.
        let unreal: Vec<std::ops::Range<usize>> = doc
            .headings
            .iter()
            .zip(doc.heading_words())
            .filter(|(_, w)| w.words.iter().any(|w| HYPOTHETICAL.contains(&w.as_str())))
            .map(|(h, _)| Document::section_range(h))
            .collect();
        for (m, have) in doc.metadata.iter().zip(doc.metadata_key_words()) {
            if unreal.iter().any(|r| r.contains(&m.offset)) {
                continue;
            }
            // A label names the part when it starts with the role's words: `**Regulatory
            // Environment:**` is a finding, not the environment the work ran in.
            if (!m.value.is_empty() || opens_a_block(doc, m.offset)) && self.labelled(have) {
                return Some(Found::At(m.offset, format!("**{}**", m.key)));
            }
        }
        for s in &self.structure {
            if let Some(at) = structure(doc, s) {
                return Some(Found::At(at, s.clone()));
            }
        }
        if !self.patterns.is_empty() {
            let (mut n, mut first, lower) = (0, None, doc.folded_text());
            for p in &self.patterns {
                for m in p.find_iter(doc.text, lower) {
                    if m.start() < doc.body_start
                        // A pattern that starts with a backtick is written for inline code.
                        || (doc.in_code(m.start()) && !m.as_str().starts_with('`'))
                        || unreal.iter().any(|r| r.contains(&m.start()))
                        || super::leftover_context::in_html_comment(doc, m.start())
                        // "should be verified" asks for the part; it is not there.
                        || (self.asserted && super::prose::unmet(doc.text, m.start()))
                    {
                        continue;
                    }
                    first.get_or_insert(m.start());
                    n += 1;
                    if n >= self.min {
                        return first.map(|at| Found::At(at, "its content".into()));
                    }
                }
            }
        }
        None
    }

    /// Whether a bold label of these words names the part: it starts with a label's words
    /// (`**Regulatory Environment:**` is a finding, not the environment the work ran in).
    fn labelled(&self, have: &text::Words) -> bool {
        // The cheap tests first: most labels of a document start with none of the words.
        self.label_words.iter().any(|l| {
            have.words.first() == l.words.first()
                && have.len_as_words() <= l.len_as_words() + 1
                && text::heading_words_match_loose(have, l)
        })
    }

    /// Whether `**name**:` over the part's content makes the part.
    pub fn takes_label(&self, name: &str) -> bool {
        self.labelled(&text::Words::new(name))
    }
}

/// Words that make a heading an expectation rather than the part itself: "Expected Results"
/// are not results, "Simulated Benchmarks" not benchmarks (unless the role names them so).
const HYPOTHETICAL: &[&str] = &[
    "expected",
    "planned",
    "anticipated",
    "projected",
    "hypothetical",
    "simulated",
    "criteria",
];

fn hypothetical(have: &text::Words, want: &text::Words) -> bool {
    have.words
        .iter()
        .any(|w| HYPOTHETICAL.contains(&w.as_str()) && !want.words.contains(w))
}

/// Whether the label line at `at` (`**Prerequisites**:`, `Expected:`) has its content in the
/// block the parser found right under it: a list, a code block or a table.
fn opens_a_block(doc: &Document, at: usize) -> bool {
    let t = doc.text;
    let Some(nl) = t[at..].find('\n') else {
        return false;
    };
    let rest = &t[at + nl + 1..];
    let next = t.len() - rest.trim_start().len();
    doc.list_items.iter().any(|(s, _)| s.start == next)
        || doc.code_blocks.iter().any(|c| c.span.start == next)
        || doc.tables.iter().any(|r| r.start == next)
}

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;
