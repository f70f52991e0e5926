//! Column alignment for the human tables: widths are measured in terminal columns with
//! `unicode-width`, so names with wide or combining characters still line up.

use unicode_width::UnicodeWidthStr as _;

/// How many terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` padded with spaces to `columns` (on the left when `right`-aligned).
pub fn pad(text: &str, columns: usize, right: bool) -> String {
    let fill = " ".repeat(columns.saturating_sub(width(text)));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// Widest a column is padded to: a longer cell (a 70,000-character task id) runs over its
/// column instead of padding every other row to its width.
pub const MAX_COLUMN: usize = 100;

/// Column widths of a table whose cells are separated by two spaces.
#[derive(Debug, Clone)]
pub struct Table {
    widths: Vec<usize>,
    right: Vec<bool>,
}

impl Table {
    /// Measures `header` and `rows`; the columns listed in `right` are right-aligned.
    pub fn new<R: AsRef<[String]>>(header: &[&str], rows: &[R], right: &[usize]) -> Table {
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for row in rows {
            for (w, cell) in widths.iter_mut().zip(row.as_ref()) {
                *w = (*w).max(width(cell).min(MAX_COLUMN));
            }
        }
        let right = (0..widths.len()).map(|i| right.contains(&i)).collect();
        Table { widths, right }
    }

    /// One line of the table, trailing blanks trimmed. `style` gets each cell's index and text
    /// and returns it painted; padding stays outside the paint so colours keep columns aligned.
    pub fn line<S: AsRef<str>>(
        &self,
        cells: &[S],
        style: impl Fn(usize, &str) -> String,
    ) -> String {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let text = cell.as_ref();
                let columns = self.widths.get(i).copied().unwrap_or(0);
                let fill = " ".repeat(columns.saturating_sub(width(text)));
                let painted = style(i, text);
                if self.right.get(i).copied().unwrap_or(false) {
                    format!("{fill}{painted}")
                } else {
                    format!("{painted}{fill}")
                }
            })
            .collect();
        padded.join("  ").trim_end().to_string()
    }

    /// One unpainted line.
    pub fn plain<S: AsRef<str>>(&self, cells: &[S]) -> String {
        self.line(cells, |_, text| text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let rows = vec![
            vec!["日本".to_string(), "1".to_string()],
            vec!["ab".to_string(), "22".to_string()],
        ];
        let table = Table::new(&["NAME", "N"], &rows, &[1]);
        assert_eq!(table.plain(&["NAME", "N"]), "NAME   N");
        assert_eq!(table.plain(&rows[0]), "日本   1");
        assert_eq!(table.plain(&rows[1]), "ab    22");
        assert_eq!(pad("é", 3, false), "é  ");
    }

    #[test]
    fn a_huge_cell_runs_over_its_column() {
        let long = "r".repeat(70_000);
        let rows = vec![
            vec![long.clone(), "1".to_string()],
            vec!["a".to_string(), "2".to_string()],
        ];
        let table = Table::new(&["ID", "N"], &rows, &[]);
        assert_eq!(table.plain(&rows[0]), format!("{long}  1"));
        assert_eq!(table.plain(&rows[1]).len(), MAX_COLUMN + 3);
    }
}
