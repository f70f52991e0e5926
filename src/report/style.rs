//! Terminal style: whether to colour each stream, how verbose to be, and the few styles we
//! paint with. Colour is decided once (the flag, else `anstream`'s reading of the environment
//! and the terminal), so no renderer looks at the environment itself.

use anstyle::{AnsiColor, Style};

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// How this run prints: colour per stream and verbosity.
#[derive(Debug, Clone, Copy, Default)]
pub struct Term {
    /// Colour on standard output.
    pub color: bool,
    /// Colour on standard error.
    pub color_err: bool,
    pub quiet: bool,
    pub verbose: bool,
}

impl Term {
    /// Decides colour per stream: `--color always|never`, else what `anstream` reads from the
    /// environment (`NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`, `TERM=dumb`) and the terminal.
    pub fn new(choice: ColorChoice, quiet: bool, verbose: bool) -> Self {
        fn auto<S: anstream::stream::RawStream>(stream: &S) -> bool {
            anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
        }
        let (color, color_err) = match choice {
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
            ColorChoice::Auto => (auto(&std::io::stdout()), auto(&std::io::stderr())),
        };
        Term {
            color,
            color_err,
            quiet,
            verbose,
        }
    }
}

/// A style we paint with; only the few the reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Red,
    Green,
    Yellow,
    Blue,
    Cyan,
    Bold,
    Dim,
}

impl Color {
    fn style(self) -> Style {
        let fg = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
        match self {
            Color::Red => fg(AnsiColor::Red).bold(),
            Color::Green => fg(AnsiColor::Green).bold(),
            Color::Yellow => fg(AnsiColor::Yellow).bold(),
            Color::Blue => fg(AnsiColor::Blue).bold(),
            Color::Cyan => fg(AnsiColor::Cyan),
            Color::Bold => Style::new().bold(),
            Color::Dim => Style::new().dimmed(),
        }
    }
}

/// Wraps `text` in `color` when `enabled`.
pub fn paint(enabled: bool, color: Color, text: &str) -> String {
    if enabled {
        let style = color.style();
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_is_plain_when_disabled() {
        assert_eq!(paint(false, Color::Red, "x"), "x");
        assert_eq!(paint(true, Color::Red, "x"), "\x1b[1m\x1b[31mx\x1b[0m");
    }
}
