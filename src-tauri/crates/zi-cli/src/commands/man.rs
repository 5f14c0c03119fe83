//! `zi man`: the `zi(1)` man page on stdout, or with `--dir` one page per command (`zi.1`,
//! `zi-enrich.1`, `zi-scim-status.1`, …) written into a folder, each file's path printed.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::Man;
use zi_core::{CoreError, Result};

use crate::cli::{Cli, ManArgs};

pub fn man(args: &ManArgs) -> Result<()> {
    let command = Cli::command();
    match &args.dir {
        None => {
            let mut page = Vec::new();
            Man::new(command)
                .render(&mut page)
                .map_err(|e| CoreError::Invalid(format!("Could not render the man page: {e}")))?;
            crate::output::emit_raw(&page);
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
            // Built once so that each subcommand knows its full name (`zi-scim-status`).
            let mut command = command.disable_help_subcommand(true);
            command.build();
            let mut written = Vec::new();
            write_pages(command, dir, &mut written)?;
            for path in written {
                crate::output::emit(path.display());
            }
        }
    }
    Ok(())
}

/// The page of `command`, then those of its visible subcommands, depth first.
fn write_pages(command: clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let subcommands: Vec<clap::Command> = command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .cloned()
        .collect();
    let page = Man::new(command);
    let path = dir.join(page.get_filename());
    page.generate_to(dir).map_err(|e| write_error(&path, &e))?;
    written.push(path);
    for sub in subcommands {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}

fn write_error(path: &Path, error: &std::io::Error) -> CoreError {
    CoreError::Write {
        path: path.display().to_string(),
        detail: error.to_string(),
    }
}
