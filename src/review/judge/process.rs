//! Running the judge command: the prompt on stdin, the verdict from stdout, a hard timeout.
//! The command runs in its own process group so a timeout ends the scripts it started too.
//! The judge's own network use is its business; agentpack opens no connection.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Most of the judge's stdout kept (a verdict is a few kilobytes).
const MAX_OUTPUT: u64 = 4 * 1024 * 1024;

/// Runs `command` in `dir` with `input` on stdin; `Ok(stdout)` on exit 0, `Err(why)` on a
/// spawn failure, a non-zero exit or a timeout.
pub fn run(
    command: &[String],
    dir: &Path,
    input: &str,
    timeout: Duration,
) -> Result<String, String> {
    let (program, args) = command.split_first().ok_or("the judge command is empty")?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        cmd.process_group(0);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?;
    let stdin = child.stdin.take();
    let input = input.to_string();
    // A judge that never reads its stdin must not block the writer: write on a thread.
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                kill(&mut child);
                return Err(format!(
                    "the judge did not answer within {} s (judge.timeout_s)",
                    timeout.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                kill(&mut child);
                return Err(format!("cannot wait for the judge: {e}"));
            }
        }
    };
    let _ = writer.join();
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if status.success() {
        Ok(out)
    } else {
        let code = status
            .code()
            .map_or_else(|| "a signal".to_string(), |c| format!("code {c}"));
        let tail = err.trim();
        let tail = tail
            .char_indices()
            .nth_back(300)
            .map_or(tail, |(i, _)| &tail[i..]);
        Err(if tail.is_empty() {
            format!("the judge exited with {code}")
        } else {
            format!("the judge exited with {code}: {tail}")
        })
    }
}

/// Reads a pipe to its end on a thread (bounded), so a chatty judge never fills it and stalls.
fn reader<R: std::io::Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(pipe) = pipe {
            let _ = pipe.take(MAX_OUTPUT).read_to_end(&mut buf);
        }
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Ends the judge and everything it started (its process group), then reaps it.
fn kill(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the child leads
        // (process_group(0) above); it touches no memory of ours.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str, timeout_ms: u64) -> Result<String, String> {
        let cmd = ["sh".to_string(), "-c".to_string(), script.to_string()];
        run(
            &cmd,
            Path::new("."),
            "the prompt",
            Duration::from_millis(timeout_ms),
        )
    }

    #[test]
    fn stdin_in_stdout_out_failures_named() {
        assert_eq!(sh("cat", 5000).unwrap(), "the prompt");
        assert_eq!(
            sh("echo broken >&2; exit 3", 5000).unwrap_err(),
            "the judge exited with code 3: broken"
        );
        let started = Instant::now();
        let err = sh("sleep 30 & wait", 300).unwrap_err();
        assert!(err.contains("did not answer"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(
            run(
                &["/no/such/judge".into()],
                Path::new("."),
                "",
                Duration::from_secs(1)
            )
            .is_err()
        );
    }
}
