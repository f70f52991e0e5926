//! `agentpack status` (being built).

use std::process::ExitCode;

use crate::term::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _ctx: &Ctx) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`agentpack status` is not available in this build yet")
}
