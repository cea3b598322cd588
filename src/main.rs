//! `rbf-targets`: arguments and the window; nothing else.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rbf_targets::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => {
            // The window arrives with the negotiation desk; until then show the help.
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
