//! `agentpack completions SHELL` and `agentpack man`, generated from the clap definitions so
//! they can never drift from the real flags (`lib.rs` hands over the built command).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Shell to generate completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &Args, mut cmd: clap::Command) -> anyhow::Result<ExitCode> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "agentpack", &mut buf);
    crate::report::print(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(cmd: clap::Command) -> anyhow::Result<ExitCode> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf)?;
    crate::report::print(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}
