//! The command line: `rbf-targets [FILE]` opens the window; `rbf-targets compute FILE`
//! prints the model's results without one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::model::{Project, compute};
use crate::report::{ComputeReport, text_table};

/// Set, defend and verify performance targets of results-based-financing health programs.
#[derive(Debug, Parser)]
#[command(
    name = "rbf-targets",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project to open in the window (.ron); without it the El Salvador sample opens.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute d, every target and the benefit-cost ratio of a project, and print them.
    ///
    /// Exit status: 0 when computed, 1 when the file cannot be read or an input is invalid
    /// (the messages on standard error name the sheet, row and field), 2 on a usage error.
    Compute {
        /// Project file (.ron).
        file: PathBuf,
        /// Print one JSON object (schema rbf-targets/compute/1) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Opens any project file the program understands.
pub fn open_project(path: &Path) -> anyhow::Result<Project> {
    Ok(crate::io::load(path)?)
}

/// Runs a subcommand and returns the process's exit status.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Compute { file, json } => run_compute(&file, json),
    }
}

fn run_compute(file: &Path, json: bool) -> ExitCode {
    let project = match open_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("rbf-targets: {error:#}");
            return ExitCode::from(1);
        }
    };
    let outcome = compute(&project);
    let printed = if json {
        let report = ComputeReport::new(&project, &outcome);
        serde_json::to_string_pretty(&report)
            .map_err(std::io::Error::other)
            .and_then(|text| writeln!(std::io::stdout(), "{text}"))
    } else {
        write!(std::io::stdout(), "{}", text_table(&project, &outcome))
    };
    if let Err(error) = printed {
        eprintln!("rbf-targets: cannot write the result: {error}");
        return ExitCode::from(1);
    }
    let mut invalid = false;
    for problem in outcome.errors() {
        eprintln!("rbf-targets: {problem}");
        invalid = true;
    }
    if invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
