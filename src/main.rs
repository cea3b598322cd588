//! `rbf-targets`: arguments and the window; nothing else.

use std::process::ExitCode;

use clap::Parser;
use rbf_targets::cli::{Cli, run};

fn main() -> ExitCode {
    let _ = rbf_targets::ui::STARTED.set(std::time::Instant::now());
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => match rbf_targets::ui::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("rbf-targets: {error:#}");
                ExitCode::from(1)
            }
        },
    }
}
