//! `zi completions SHELL`: the shell's completion script for `zi`, on stdout, from the same
//! command definitions as `--help` (so it always matches this build's commands and options).

use clap::CommandFactory;
use zi_core::Result;

use crate::cli::{Cli, CompletionsArgs};

pub fn completions(args: &CompletionsArgs) -> Result<()> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, name, &mut script);
    crate::output::emit_raw(&script);
    Ok(())
}
