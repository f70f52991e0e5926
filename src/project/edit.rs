//! Surgical edits of the manifest text. `add` and `remove` change the manifest as data
//! (agents, workflow tasks, `needs`, review rules); [`rewrite`] turns that change into the
//! few lines to insert, replace or delete, located through the spanned mirror of the
//! validator, so the user's comments, order and formatting survive. The edited text is read
//! back by the one validator and must give exactly the intended manifest; a layout this
//! editor does not handle (flow-style sections, anchors) gives `None`, never a wrong file.

use std::path::Path;

use super::manifest::{AgentConfig, Manifest, ReviewRule, Task};
use super::validate::{self, Marks};
use crate::yaml::scalar;

/// One replacement of the lines `start..end` (0-based; equal bounds insert), applied bottom
/// up; `seq` keeps insertions at the same line in the order they were planned.
struct Edit {
    start: usize,
    end: usize,
    lines: Vec<String>,
    seq: usize,
}

/// A key and the lines of its value: `key` is the key's line, `end` is one past the last
/// content line of its block value.
#[derive(Debug, Clone, Copy)]
struct Section {
    key: usize,
    end: usize,
    indent: usize,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The value written on the key's own line, without a trailing comment.
fn inline_value(line: &str) -> &str {
    let rest = line.split_once(':').map_or("", |(_, v)| v);
    let rest = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest,
    };
    rest.trim()
}

/// The key `key` at exactly `indent` among `lines[from..to]`, with its block.
fn keyed(lines: &[&str], from: usize, to: usize, at: usize, key: &str) -> Option<Section> {
    let k = (from..to).find(|&i| {
        let l = lines[i];
        indent(l) == at
            && l[at..]
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
    })?;
    let mut end = k + 1;
    for (i, l) in lines.iter().enumerate().take(to).skip(k + 1) {
        if !is_content(l) {
            continue;
        }
        // An indentless sequence keeps its `-` at the key's column.
        if indent(l) > at || (indent(l) == at && l[at..].starts_with('-')) {
            end = i + 1;
        } else {
            break;
        }
    }
    Some(Section {
        key: k,
        end,
        indent: at,
    })
}

/// The entries of a block value: (start, end) line ranges, each from its first line to its
/// last content line; and the entries' indent.
fn entries(lines: &[&str], s: Section) -> (Option<usize>, Vec<(usize, usize)>) {
    let body: Vec<usize> = (s.key + 1..s.end)
        .filter(|&i| is_content(lines[i]))
        .collect();
    let Some(&first) = body.first() else {
        return (None, Vec::new());
    };
    let child = indent(lines[first]);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &i in &body {
        if indent(lines[i]) == child {
            out.push((i, i + 1));
        } else if let Some(last) = out.last_mut() {
            last.1 = i + 1;
        }
    }
    (Some(child), out)
}

/// A lone `[]` or `{}` written under the key (as the manifest template does): an empty
/// block the first added entry replaces. Returns its line, and the list without it.
fn placeholder(lines: &[&str], list: Vec<(usize, usize)>) -> (Option<usize>, Vec<(usize, usize)>) {
    if let [(a, b)] = list[..]
        && b == a + 1
    {
        let t = lines[a].trim();
        let t = t.split(" #").next().unwrap_or(t).trim();
        if t == "[]" || t == "{}" {
            return (Some(a), Vec::new());
        }
    }
    (None, list)
}

/// The entry holding `line` (1-based, as the spanned mirror gives it).
fn entry_at(entries: &[(usize, usize)], line: Option<usize>) -> Option<(usize, usize)> {
    let l = line?.checked_sub(1)?;
    entries.iter().copied().find(|&(s, e)| s <= l && l < e)
}

fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| scalar(s)).collect();
    format!("[{}]", items.join(", "))
}

fn agent_line(pad: usize, name: &str, cfg: &AgentConfig) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &cfg.catalog {
        parts.push(format!("catalog: {}", scalar(c)));
    }
    if let Some(m) = &cfg.model {
        parts.push(format!("model: {}", scalar(m)));
    }
    if let Some(c) = &cfg.color {
        parts.push(format!("color: {}", scalar(c)));
    }
    if let Some(t) = &cfg.tools {
        parts.push(format!("tools: {}", flow_list(t)));
    }
    if let Some(d) = &cfg.description {
        parts.push(format!("description: {}", scalar(d)));
    }
    let body = if parts.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", parts.join(", "))
    };
    format!("{}{}: {body}", " ".repeat(pad), scalar(name))
}

fn task_lines(dash: usize, key: usize, t: &Task) -> Vec<String> {
    let d = " ".repeat(dash);
    let k = " ".repeat(key);
    let gap = " ".repeat(key.saturating_sub(dash + 2));
    let mut out = vec![format!("{d}-{gap} id: {}", scalar(&t.id))];
    out.push(format!("{k}agent: {}", scalar(&t.agent)));
    if !t.needs.is_empty() {
        out.push(format!("{k}needs: {}", flow_list(&t.needs)));
    }
    out.push(format!("{k}output: {}", scalar(&t.output)));
    if let Some(r) = &t.rubric {
        out.push(format!("{k}rubric: {}", scalar(r)));
    }
    if let Some(desc) = &t.description {
        out.push(format!("{k}description: {}", scalar(desc)));
    }
    if !t.acceptance.is_empty() {
        out.push(format!("{k}acceptance:"));
        for c in &t.acceptance {
            out.push(format!("{k}  - {}", scalar(c)));
        }
    }
    out
}

fn rule_line(dash: usize, r: &ReviewRule) -> String {
    format!(
        "{}- {{ glob: {}, rubric: {} }}",
        " ".repeat(dash),
        scalar(&r.glob),
        scalar(&r.rubric)
    )
}

/// `key: []` (or `{}`) on its own line, opened into `key:` so block items can follow.
fn open_empty(line: &str) -> Option<String> {
    let v = inline_value(line);
    if v != "[]" && v != "{}" {
        return None;
    }
    let i = line.find(v)?;
    Some(format!("{}{}", &line[..i].trim_end(), &line[i + v.len()..]))
}

/// The lines `start..end` of one entry.
type Lines = (usize, usize);

struct Editor<'a> {
    lines: Vec<&'a str>,
    edits: Vec<Edit>,
    /// Lines holding a lone `[]` or `{}` under a key.
    placeholders: Vec<usize>,
}

impl Editor<'_> {
    fn push(&mut self, start: usize, end: usize, lines: Vec<String>) {
        let seq = self.edits.len();
        self.edits.push(Edit {
            start,
            end,
            lines,
            seq,
        });
    }

    fn finish(mut self) -> String {
        self.edits
            .sort_by(|a, b| b.start.cmp(&a.start).then(b.seq.cmp(&a.seq)));
        let mut lines: Vec<String> = self.lines.iter().map(|l| l.to_string()).collect();
        for e in self.edits {
            lines.splice(e.start..e.end, e.lines);
        }
        lines.join("\n")
    }

    /// Key `key` at the top level, with its entries; `None` when it is written inline with
    /// content (flow style), which this editor leaves alone.
    fn top(&mut self, key: &str) -> Option<(Section, Option<usize>, Vec<Lines>)> {
        let s = keyed(&self.lines, 0, self.lines.len(), 0, key)?;
        let (child, list) = self.entries(s);
        let v = inline_value(self.lines[s.key]);
        if !v.is_empty() && !(list.is_empty() && (v == "[]" || v == "{}")) {
            return None;
        }
        Some((s, child, list))
    }

    /// The entries of `s`; a placeholder (`[]` alone under the key) is dropped, and deleted
    /// once something is added.
    fn entries(&mut self, s: Section) -> (Option<usize>, Vec<(usize, usize)>) {
        let (child, list) = entries(&self.lines, s);
        let (at, list) = placeholder(&self.lines, list);
        if let Some(at) = at {
            self.placeholders.push(at);
        }
        (child, list)
    }

    /// Removes entries and adds lines after the last kept one; opens `key: []` and closes a
    /// block left empty.
    fn rework(
        &mut self,
        s: Section,
        list: &[(usize, usize)],
        removed: &[(usize, usize)],
        added: Vec<String>,
        empty: &str,
    ) {
        // A block left empty is written as the manifest template writes it: `[]` (or `{}`)
        // alone under the key, which is also what adding to it later replaces.
        let emptied = list.len() == removed.len() && added.is_empty();
        for (i, &(a, b)) in removed.iter().enumerate() {
            let keep = if emptied && i == 0 {
                vec![format!("{}{empty}", " ".repeat(indent(self.lines[a])))]
            } else {
                Vec::new()
            };
            self.push(a, b, keep);
        }
        if added.is_empty() {
            return;
        }
        match list.last() {
            Some(&(_, end)) => self.push(end, end, added),
            None => {
                if let Some(&p) = self.placeholders.iter().find(|&&p| p > s.key && p < s.end) {
                    self.push(p, p + 1, Vec::new());
                }
                let line = self.lines[s.key];
                let opened = open_empty(line).unwrap_or_else(|| line.to_string());
                self.push(
                    s.key,
                    s.key + 1,
                    std::iter::once(opened).chain(added).collect(),
                );
            }
        }
    }
}

/// The manifest `text` (read as `old`) edited in place into `new`: agents, workflow tasks
/// and review rules added or removed, and the `needs` of kept tasks changed; everything else
/// must be equal. `None` when the change or the layout is beyond this editor.
pub fn rewrite(text: &str, old: &Manifest, new: &Manifest) -> Option<String> {
    let same = |a: &Manifest, b: &Manifest| {
        a.version == b.version
            && a.name == b.name
            && a.description == b.description
            && a.pack == b.pack
            && a.threshold == b.threshold
            && a.max_iterations == b.max_iterations
            && a.hooks == b.hooks
            && a.check == b.check
            && a.vars == b.vars
            && a.judge == b.judge
            && a.review.default_rubric == b.review.default_rubric
    };
    if !same(old, new) || text.contains('\r') || text.contains('\t') {
        return None;
    }
    let marks = Marks::read(text);
    let mut ed = Editor {
        lines: text.split('\n').collect(),
        edits: Vec::new(),
        placeholders: Vec::new(),
    };
    edit_agents(&mut ed, &marks, old, new)?;
    edit_workflow(&mut ed, &marks, old, new)?;
    edit_rules(&mut ed, &marks, old, new)?;
    let edited = ed.finish();
    let back = validate::parse(Path::new(super::MANIFEST), &edited).ok()?;
    (back == *new).then_some(edited)
}

fn edit_agents(ed: &mut Editor, marks: &Marks, old: &Manifest, new: &Manifest) -> Option<()> {
    if old.agents == new.agents {
        return Some(());
    }
    let (s, child, list) = ed.top("agents")?;
    let mut removed = Vec::new();
    for (name, cfg) in &old.agents {
        match new.agents.get(name) {
            Some(c) if c == cfg => {}
            Some(_) => return None,
            None => removed.push(entry_at(&list, Some(marks.agent(name).0))?),
        }
    }
    let kept: Vec<&String> = old
        .agents
        .keys()
        .filter(|n| new.agents.contains_key(*n))
        .collect();
    let pad = child.unwrap_or(s.indent + 2);
    let added: Vec<String> = new
        .agents
        .iter()
        .skip(kept.len())
        .map(|(n, c)| agent_line(pad, n, c))
        .collect();
    // New agents go last; the kept ones must still lead, in their order.
    if !new.agents.keys().take(kept.len()).eq(kept.iter().copied()) {
        return None;
    }
    ed.rework(s, &list, &removed, added, "{}");
    Some(())
}

fn edit_workflow(ed: &mut Editor, marks: &Marks, old: &Manifest, new: &Manifest) -> Option<()> {
    if old.workflow == new.workflow {
        return Some(());
    }
    let (s, child, list) = ed.top("workflow")?;
    let block = |i: usize| entry_at(&list, marks.line(true, i));
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for (i, t) in old.workflow.iter().enumerate() {
        match new.workflow.iter().find(|n| n.id == t.id) {
            None => removed.push(block(i)?),
            Some(n) => {
                let mut same = n.clone();
                same.needs.clone_from(&t.needs);
                if same != *t {
                    return None;
                }
                kept.push(t.id.as_str());
                if n.needs != t.needs {
                    set_needs(ed, block(i)?, &n.needs)?;
                }
            }
        }
    }
    let new_kept: Vec<&str> = new
        .workflow
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| old.workflow.iter().any(|t| t.id == *id))
        .collect();
    if new_kept != kept {
        return None;
    }
    let dash = child.unwrap_or(s.indent + 2);
    // The keys of an item follow its dash at the column the user chose.
    let key = list
        .first()
        .map(|&(a, _)| {
            let l = &ed.lines[a][dash + 1..];
            dash + 1 + (l.len() - l.trim_start().len())
        })
        .unwrap_or(dash + 2);
    let mut tail = Vec::new();
    for (j, t) in new.workflow.iter().enumerate() {
        if old.workflow.iter().any(|o| o.id == t.id) {
            continue;
        }
        let lines = task_lines(dash, key, t);
        let next = new.workflow[j + 1..]
            .iter()
            .find_map(|n| old.workflow.iter().position(|o| o.id == n.id));
        match next {
            Some(i) => {
                // Above the comment lines that introduce the next task, not between them.
                let (mut start, _) = block(i)?;
                while start > s.key + 1 && {
                    let l = ed.lines[start - 1];
                    l.trim_start().starts_with('#') && indent(l) <= dash
                } {
                    start -= 1;
                }
                ed.push(start, start, lines);
            }
            None => tail.extend(lines),
        }
    }
    ed.rework(s, &list, &removed, tail, "[]");
    Some(())
}

/// Rewrites the `needs` of the task whose item spans `lines a..b`.
fn set_needs(ed: &mut Editor, (a, b): (usize, usize), needs: &[String]) -> Option<()> {
    let first = ed.lines[a];
    let dash = indent(first);
    let after = &first[dash + 1..];
    let key = if after.trim().is_empty() {
        (a + 1..b)
            .find(|&i| is_content(ed.lines[i]))
            .map(|i| indent(ed.lines[i]))?
    } else {
        dash + 1 + (after.len() - after.trim_start().len())
    };
    let at = (a..b).find(|&i| {
        let l = ed.lines[i];
        l.len() > key && (indent(l) == key || i == a) && l[key..].starts_with("needs:")
    });
    let value = flow_list(needs);
    match at {
        Some(i) => {
            let line = ed.lines[i];
            let v = inline_value(line);
            // A block list under the key ends at the next line at the key's column or less.
            let mut end = i + 1;
            if v.is_empty() {
                while end < b
                    && (!is_content(ed.lines[end]) || indent(ed.lines[end]) > key || {
                        let l = ed.lines[end];
                        indent(l) == key && l[key..].starts_with('-')
                    })
                {
                    end += 1;
                }
            } else if v.starts_with('{') || (v.starts_with('[') && !v.ends_with(']')) {
                return None;
            }
            // The comment keeps the spaces that align it.
            let comment = line
                .find(" #")
                .map_or("", |c| &line[line[..c].trim_end().len()..]);
            let head = &line[..line.find("needs:")?];
            let replaced = if needs.is_empty() && i != a {
                Vec::new()
            } else {
                vec![format!("{head}needs: {value}{comment}")]
            };
            ed.push(i, end, replaced);
        }
        None if needs.is_empty() => {}
        None => ed.push(
            a + 1,
            a + 1,
            vec![format!("{}needs: {value}", " ".repeat(key))],
        ),
    }
    Some(())
}

fn edit_rules(ed: &mut Editor, marks: &Marks, old: &Manifest, new: &Manifest) -> Option<()> {
    let (o, n) = (&old.review.rules, &new.review.rules);
    if o == n {
        return Some(());
    }
    let kept: Vec<&ReviewRule> = o.iter().filter(|r| n.contains(r)).collect();
    if !n.iter().take(kept.len()).eq(kept.iter().copied()) {
        return None;
    }
    let added = &n[kept.len()..];
    let Some(review) = keyed(&ed.lines, 0, ed.lines.len(), 0, "review") else {
        // No `review:` at all: append one.
        let mut lines = vec!["review:".to_string(), "  rules:".to_string()];
        lines.extend(added.iter().map(|r| rule_line(4, r)));
        let end = ed.lines.len() - usize::from(ed.lines.last() == Some(&""));
        ed.push(end, end, lines);
        return Some(());
    };
    if !inline_value(ed.lines[review.key]).is_empty() {
        return None;
    }
    let (child, _) = entries(&ed.lines, review);
    let child = child.unwrap_or(2);
    let s = keyed(&ed.lines, review.key + 1, review.end, child, "rules")?;
    let (items_at, list) = ed.entries(s);
    let v = inline_value(ed.lines[s.key]);
    // Only an empty `rules: []` may stand on the key's line; other inline values are flow style.
    let empty = v.is_empty() || (list.is_empty() && v == "[]");
    if !empty {
        return None;
    }
    let mut removed = Vec::new();
    for (i, r) in o.iter().enumerate() {
        if !n.contains(r) {
            removed.push(entry_at(&list, marks.line(false, i))?);
        }
    }
    let dash = items_at.unwrap_or(child + 2);
    let lines = added.iter().map(|r| rule_line(dash, r)).collect();
    ed.rework(s, &list, &removed, lines, "[]");
    Some(())
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
