//! The degradations of a good document the harness generates: placeholders left in, truncated
//! to 40%, two core sections deleted, prose rewritten as content-free sentences, padded by
//! repetition.

/// Paragraph-ish blocks: runs of non-blank lines (fences kept whole).
pub fn blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut fence = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if !fence && line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn is_heading(block: &str) -> bool {
    block.starts_with('#') && block.lines().count() == 1
}

pub fn is_prose(block: &str) -> bool {
    let t = block.trim_start();
    !(is_heading(block)
        || t.starts_with("```")
        || t.starts_with("~~~")
        || t.starts_with('|')
        || t.starts_with("---")
        || t.starts_with('<'))
}

const FILLER: [&str; 12] = [
    "This section provides a comprehensive overview of the key considerations involved.",
    "It is important to note that many factors play a crucial role in achieving success.",
    "By leveraging best practices, teams can unlock significant value and drive meaningful results.",
    "Overall, the approach offers a robust and scalable foundation for the future.",
    "There are various aspects that should be carefully considered in this context.",
    "In today's fast-paced world, staying ahead of the curve is more important than ever.",
    "This ensures a seamless experience and delivers outstanding outcomes for all stakeholders.",
    "Furthermore, a holistic strategy helps organizations navigate the complex landscape effectively.",
    "These insights highlight the importance of continuous improvement and innovation.",
    "Ultimately, success depends on a thoughtful combination of planning and execution.",
    "The findings demonstrate that a well-rounded approach yields the best possible results.",
    "As a result, stakeholders can make informed decisions with confidence and clarity.",
];

/// The five degradations of a good document.
pub fn degrade(text: &str) -> Vec<(&'static str, String)> {
    let bl = blocks(text);
    let mut out = Vec::new();
    // Placeholders left in: three template leftovers spread through the body.
    let leftovers = [
        "{Continue with detailed analysis of the remaining points...}",
        "[2-3 paragraphs summarizing the main results]",
        "<insert example here>",
    ];
    let mut with = bl.clone();
    for (i, p) in leftovers.iter().enumerate() {
        let at = (with.len() * (i + 1) / 4).max(1).min(with.len());
        with.insert(at, format!("{p}\n"));
    }
    out.push(("placeholders", with.join("\n")));
    // Truncated to 40% of its bytes.
    let mut cut = text.len() * 2 / 5;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    out.push(("truncated", text[..cut].to_string()));
    // Two core sections deleted: the two largest top-level sections.
    out.push(("missing-sections", drop_sections(text)));
    // Content-free: every prose block rewritten as fluent generic sentences.
    let mut k = 0;
    let free: Vec<String> = bl
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            if i == 0 && is_heading(b) || is_heading(b) {
                return Some(b.clone());
            }
            if !is_prose(b) {
                return None;
            }
            let n = (b.split_whitespace().count() / 15).clamp(1, 4);
            let s: Vec<&str> = (0..n)
                .map(|_| {
                    k += 1;
                    FILLER[(k * 7) % FILLER.len()]
                })
                .collect();
            Some(format!("{}\n", s.join(" ")))
        })
        .collect();
    out.push(("content-free", free.join("\n")));
    // Padded by repetition: prose blocks appended again until the text is half as long again.
    let words = text.split_whitespace().count();
    let prose: Vec<&String> = bl
        .iter()
        .filter(|b| is_prose(b) && !is_heading(b))
        .collect();
    let mut padded = text.trim_end().to_string();
    let mut added = 0;
    let mut i = 0;
    while added < words / 2 && !prose.is_empty() {
        let b = prose[i % prose.len()];
        padded.push_str("\n\n");
        padded.push_str(b.trim_end());
        added += b.split_whitespace().count().max(1);
        i += 1;
    }
    padded.push('\n');
    out.push(("padded", padded));
    out
}

/// Removes the two largest sections at the top heading level below the title.
pub fn drop_sections(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut fence = false;
    let mut heads: Vec<(usize, usize)> = Vec::new(); // (line, level)
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if !fence && t.starts_with('#') {
            let level = t.chars().take_while(|c| *c == '#').count();
            if t[level..].starts_with(' ') {
                heads.push((i, level));
            }
        }
    }
    let level = if heads.iter().filter(|h| h.1 == 2).count() >= 3 {
        2
    } else {
        heads
            .iter()
            .map(|h| h.1)
            .filter(|l| *l > 1)
            .min()
            .unwrap_or(1)
    };
    let mut sections: Vec<(usize, usize)> = Vec::new();
    for (n, &(start, lv)) in heads.iter().enumerate() {
        if lv != level {
            continue;
        }
        let end = heads[n + 1..]
            .iter()
            .find(|h| h.1 <= level)
            .map_or(lines.len(), |h| h.0);
        sections.push((start, end));
    }
    sections.sort_by_key(|(s, e)| {
        std::cmp::Reverse(lines[*s..*e].iter().map(|l| l.len()).sum::<usize>())
    });
    sections.truncate(2);
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !sections.iter().any(|(s, e)| (s..e).contains(&i)))
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join("\n")
}
