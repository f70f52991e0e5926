//! Which judge a run uses: the manifest's `judge:` block, and the flags that override it for
//! one run (`--judge`, `--judge-command`, `--judge-mode`, `--no-judge`).

use std::path::Path;
use std::time::Duration;

use crate::project::{JudgeMode, Manifest};

/// The judge when none is configured: Claude Code headless, one turn, no tools, the answer in
/// the `--output-format json` envelope, no session saved. Checked against Claude Code 2.1.332.
pub const DEFAULT_COMMAND: [&str; 9] = [
    "claude",
    "-p",
    "--output-format",
    "json",
    "--tools",
    "",
    "--max-turns",
    "1",
    "--no-session-persistence",
];
/// Seconds a judge may take per artifact when the manifest does not say.
pub const DEFAULT_TIMEOUT_S: u64 = 180;

/// The judge of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// As written (the cache key and the report use this form).
    pub command: Vec<String>,
    /// Where a relative program (`./judge.sh`) is found: the project root for the manifest's
    /// command, the current folder for `--judge-command`.
    pub base: std::path::PathBuf,
    pub mode: JudgeMode,
    pub timeout: Duration,
    pub max_calls: Option<u32>,
}

/// What the command line asks for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `--judge`: run the configured judge, or the default one.
    pub judge: bool,
    /// `--judge-command 'CMD ARGS'`.
    pub command: Option<String>,
    /// `--judge-mode`.
    pub mode: Option<JudgeMode>,
    /// `--no-judge`.
    pub off: bool,
}

impl Settings {
    /// The judge of a run, `None` for none. `root` is the project root (a relative program in
    /// the manifest is found there), `cwd` where the command line was given.
    pub fn resolve(
        manifest: Option<&Manifest>,
        root: &Path,
        cwd: &Path,
        req: &Request,
    ) -> anyhow::Result<Option<Settings>> {
        let config = manifest.and_then(|m| m.judge.as_ref());
        if req.off {
            return Ok(None);
        }
        let configured = config.is_some_and(|c| c.for_review());
        if !(req.judge || req.command.is_some() || req.mode.is_some() || configured) {
            return Ok(None);
        }
        let (command, base, mode) = match &req.command {
            Some(line) => {
                let words = split_command(line).map_err(|why| {
                    anyhow::anyhow!("--judge-command {line:?}: {why}; write e.g. --judge-command './judge.sh --strict'")
                })?;
                (words, cwd, req.mode.unwrap_or_default())
            }
            None => {
                let command = config
                    .and_then(|c| c.command.clone())
                    .unwrap_or_else(|| DEFAULT_COMMAND.iter().map(ToString::to_string).collect());
                let mode = req.mode.or(config.and_then(|c| c.mode)).unwrap_or_default();
                (command, root, mode)
            }
        };
        Ok(Some(Settings {
            command,
            base: base.to_path_buf(),
            mode,
            timeout: Duration::from_secs(
                config
                    .and_then(|c| c.timeout_s)
                    .unwrap_or(DEFAULT_TIMEOUT_S),
            ),
            max_calls: config.and_then(|c| c.max_calls),
        }))
    }

    /// The command as a shell would show it.
    pub fn display(&self) -> String {
        self.command
            .iter()
            .map(|w| {
                if !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c))
                {
                    w.clone()
                } else {
                    format!("'{}'", w.replace('\'', r"'\''"))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Settings {
    /// The command to run: a program given as a relative path (`./judge.sh`) is taken from
    /// [`Settings::base`]; a bare name is looked up on PATH as usual.
    pub fn argv(&self) -> Vec<String> {
        let mut command = self.command.clone();
        if let Some(program) = command.first_mut()
            && program.contains('/')
            && Path::new(program.as_str()).is_relative()
        {
            *program = self
                .base
                .join(program.as_str())
                .to_string_lossy()
                .into_owned();
        }
        command
    }
}

/// Splits a command line as a POSIX shell would, for quoting only: words, `'...'`, `"..."`,
/// and backslash escapes. No expansion of any kind.
pub fn split_command(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("a ' quote is not closed".into()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("a \" quote is not closed".into()),
                        },
                        Some(c) => w.push(c),
                        None => return Err("a \" quote is not closed".into()),
                    }
                }
            }
            '\\' => {
                let w = word.get_or_insert_with(String::new);
                if let Some(c) = chars.next() {
                    w.push(c);
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    if words.is_empty() {
        return Err("the command is empty".into());
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::JudgeConfig;

    #[test]
    fn splits_like_a_shell() {
        assert_eq!(
            split_command(r#"./judge --name 'a b' "c \"d\"" e\ f ''"#).unwrap(),
            ["./judge", "--name", "a b", "c \"d\"", "e f", ""]
        );
        assert!(split_command("  ").is_err());
        assert!(split_command("a 'b").is_err());
    }

    fn manifest(judge: Option<JudgeConfig>) -> Manifest {
        let mut m: Manifest = crate::yaml::parse("version: 1\nname: p\n", 0).unwrap();
        m.judge = judge;
        m
    }

    #[test]
    fn flags_and_manifest_combine() {
        let (root, cwd) = (Path::new("/p"), Path::new("/p/sub"));
        let get = |m: &Manifest, req: Request| Settings::resolve(Some(m), root, cwd, &req).unwrap();
        let none = manifest(None);
        assert_eq!(get(&none, Request::default()), None);
        let default = get(
            &none,
            Request {
                judge: true,
                ..Request::default()
            },
        )
        .unwrap();
        assert_eq!(default.command, DEFAULT_COMMAND);
        assert_eq!(default.mode, JudgeMode::Score);
        let configured = manifest(Some(JudgeConfig {
            command: Some(vec!["./j.sh".into()]),
            mode: Some(JudgeMode::Advise),
            timeout_s: Some(5),
            max_calls: Some(2),
            hook: None,
        }));
        let s = get(&configured, Request::default()).unwrap();
        assert_eq!(
            (s.argv()[0].as_str(), s.mode, s.max_calls),
            ("/p/./j.sh", JudgeMode::Advise, Some(2))
        );
        assert_eq!(s.command, ["./j.sh"]);
        assert_eq!(
            get(
                &configured,
                Request {
                    off: true,
                    judge: true,
                    ..Request::default()
                }
            ),
            None
        );
        // --judge-command runs in score mode unless --judge-mode says otherwise.
        let cli = get(
            &configured,
            Request {
                command: Some("./f x".into()),
                ..Request::default()
            },
        )
        .unwrap();
        assert_eq!(
            (cli.argv(), cli.mode, cli.timeout.as_secs()),
            (
                vec!["/p/sub/./f".to_string(), "x".into()],
                JudgeMode::Score,
                5
            )
        );
        let hook_only = manifest(Some(JudgeConfig {
            hook: Some(true),
            ..JudgeConfig::default()
        }));
        assert_eq!(get(&hook_only, Request::default()), None);
    }
}
