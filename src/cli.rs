//! The command line: `rbf-targets [FILE]` opens the window; `rbf-targets compute FILE`
//! prints the model's results without one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;
use crate::io::{ExportOptions, export_xlsx_meanwhile, open_project};
use crate::model::{TestKind, compute, required_sample_size};
use crate::report::{ComputeReport, text_table};
use crate::tr;

/// Set, defend and verify performance targets of results-based-financing health programs.
#[derive(Debug, Parser)]
#[command(
    name = "rbf-targets",
    version,
    about,
    // A project file and a command do not go together; --lang goes with either.
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project (.ron) or workbook (.xlsx) to open in the window; without it the last file
    /// opened, or the El Salvador sample, opens.
    pub file: Option<PathBuf>,
    /// Language of the window, the messages and exported workbooks: en or es. Without it,
    /// the window uses the language last chosen in its View menu, and otherwise (and the
    /// commands always) the system's locale.
    #[arg(long, global = true, value_name = "en|es")]
    pub lang: Option<crate::i18n::Lang>,
    /// Share a read-only live view of the figures with the room from this address and port
    /// (0.0.0.0:8750 for every network of this computer); the link, with its access code, is
    /// printed. It stops when the window closes.
    #[arg(long, value_name = "ADDR:PORT")]
    pub share: Option<std::net::SocketAddr>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute d, every target and the benefit-cost ratio of a project, and print them.
    ///
    /// Exit status: 0 when computed, 1 when the file cannot be read or an input is invalid
    /// (the messages on standard error name the sheet, row and field), 2 on a usage error.
    Compute {
        /// Project file (.ron) or workbook laid out like the IDB tool (.xlsx).
        file: PathBuf,
        /// Print one JSON object (schema rbf-targets/compute/1) instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write the final target sheets to this .xlsx, with live formulas.
        #[arg(long, value_name = "OUT.xlsx")]
        out: Option<PathBuf>,
        /// For a workbook: read the column headed HEADER as FIELD (a machine name such as
        /// baseline, annual_change, population, total_cost; or ignore). Repeatable.
        #[arg(long = "map", value_name = "HEADER=FIELD", value_parser = parse_choice)]
        map: Vec<(String, Option<String>)>,
    },
    /// Respondents needed per survey round to tell P2 from P1 (MODEL.md §5).
    ///
    /// Two proportions with pooled variance and no continuity correction, as R's
    /// power.prop.test; with --one-sample, one sample against a fixed P1.
    SampleSize {
        /// Level without the program (the counterfactual), a proportion or percentage.
        #[arg(long, value_parser = parse_level)]
        p1: f64,
        /// Target level, a proportion or percentage.
        #[arg(long, value_parser = parse_level)]
        p2: f64,
        /// Two-sided significance level.
        #[arg(long, default_value_t = 0.05, value_parser = parse_probability)]
        alpha: f64,
        /// Power, 1 − β.
        #[arg(long, default_value_t = 0.9, value_parser = parse_probability)]
        power: f64,
        /// Design effect.
        #[arg(long, default_value_t = 1.0, value_parser = parse_positive)]
        deff: f64,
        /// Test against a fixed P1 instead of two survey estimates.
        #[arg(long)]
        one_sample: bool,
    },
}

/// `HEADER=field` of `--map`.
fn parse_choice(text: &str) -> Result<(String, Option<String>), String> {
    crate::io::Choices::parse_choice(text)
}

/// Runs a subcommand with its messages in `lang`, and returns the process's exit status.
pub fn run(command: Command, lang: Lang) -> ExitCode {
    match command {
        Command::Compute {
            file,
            json,
            out,
            map,
        } => {
            let mut choices = crate::io::Choices::default();
            for (header, field) in &map {
                choices.choose(header, field.as_deref());
            }
            run_compute(&file, json, out.as_deref(), &choices, lang)
        }
        Command::SampleSize {
            p1,
            p2,
            alpha,
            power,
            deff,
            one_sample,
        } => {
            let test = if one_sample {
                TestKind::OneSample
            } else {
                TestKind::TwoProportions
            };
            match required_sample_size(p1, p2, alpha, power, deff, test) {
                Some(n) => {
                    println!(
                        "{}",
                        tr!(
                            lang,
                            "n = {n:.4} per round ({} test, alpha {alpha}, power {power}, \
                             DEFF {deff})",
                            "n = {n:.4} por ronda (prueba {}, alfa {alpha}, potencia {power}, \
                             DEFF {deff})",
                            crate::present::verification::test_short(test, lang)
                        )
                    );
                    println!(
                        "{}",
                        tr!(
                            lang,
                            "n rounded up = {}",
                            "n redondeada hacia arriba = {}",
                            n.ceil()
                        )
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "{}",
                        tr!(
                            lang,
                            "rbf-targets: p1 and p2 are equal; no sample can tell them apart",
                            "rbf-targets: p1 y p2 son iguales; ninguna muestra puede distinguirlos"
                        )
                    );
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn run_compute(
    file: &Path,
    json: bool,
    out: Option<&Path>,
    choices: &crate::io::Choices,
    lang: Lang,
) -> ExitCode {
    let mut timing = Stopwatch::from_env();
    let (project, import) = match open_project(file, choices) {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!("rbf-targets: {}", error.message(lang));
            return ExitCode::from(1);
        }
    };
    timing.lap("read and import");
    let outcome = compute(&project);
    timing.lap("compute");
    let print = || print_results(file, &project, &outcome, import.as_ref(), json, lang);
    // With a workbook to write, the results are printed while it is written: the export
    // leaves a core free once its analysis sheets are done.
    let (printed, exported) = match out {
        Some(out) => {
            let options = ExportOptions {
                lang,
                ..ExportOptions::default()
            };
            let mut printed = Ok(());
            let exported = export_xlsx_meanwhile(&project, out, options, || printed = print());
            (printed, Some((out, exported)))
        }
        None => (print(), None),
    };
    timing.lap(if out.is_some() {
        "print and export"
    } else {
        "print"
    });
    if let Err(error) = printed {
        eprintln!(
            "{}",
            tr!(
                lang,
                "rbf-targets: cannot write the result: {error}",
                "rbf-targets: no se puede escribir el resultado: {error}"
            )
        );
        return ExitCode::from(1);
    }
    let mut invalid = false;
    for problem in outcome.errors() {
        let sentence = crate::present::problem::sentence(problem, lang);
        eprintln!("rbf-targets: {sentence}");
        invalid = true;
    }
    if let Some((out, exported)) = exported {
        match exported {
            Ok(()) => {
                if !json {
                    eprintln!("{}", tr!(lang, "Wrote {}", "Escrito {}", out.display()));
                }
            }
            Err(error) => {
                eprintln!("rbf-targets: {}", error.message(lang));
                invalid = true;
            }
        }
    }
    if invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The import report (on standard error) and the results (a table, or JSON) on standard
/// output.
fn print_results(
    file: &Path,
    project: &crate::model::Project,
    outcome: &crate::model::Outcome,
    import: Option<&crate::io::ImportReport>,
    json: bool,
    lang: Lang,
) -> std::io::Result<()> {
    if let Some(import) = import {
        if json {
            // Standard output holds the JSON; what the user should check goes to standard
            // error.
            for warning in import.warnings(lang) {
                eprintln!("rbf-targets: {warning}");
            }
        } else {
            eprint!(
                "{}",
                tr!(
                    lang,
                    "Import of {}:\n{}",
                    "Importación de {}:\n{}",
                    file.display(),
                    import.to_text(lang)
                )
            );
        }
    }
    if json {
        let mut report = ComputeReport::new(project, outcome, lang);
        report.import = import.map(|i| crate::report::ImportJson::new(i, lang));
        serde_json::to_string_pretty(&report)
            .map_err(std::io::Error::other)
            .and_then(|text| writeln!(std::io::stdout(), "{text}"))
    } else {
        write!(std::io::stdout(), "{}", text_table(project, outcome, lang))
    }
}

/// With `RBF_TIMING` set, the wall time of each stage of `compute` on standard error (for the
/// README's Performance figures; developer output, in English).
struct Stopwatch(Option<std::time::Instant>);

impl Stopwatch {
    fn from_env() -> Self {
        Self(std::env::var_os("RBF_TIMING").map(|_| std::time::Instant::now()))
    }

    fn lap(&mut self, stage: &str) {
        if let Some(start) = &mut self.0 {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            eprintln!("timing: {stage} {ms:.1} ms");
            *start = std::time::Instant::now();
        }
    }
}

/// A level typed as a proportion or a percentage ("0.25", "25", "25%").
/// Argument values are read before `--lang` is known: their messages follow the system's
/// locale.
fn parse_level(text: &str) -> Result<f64, String> {
    let lang = Lang::from_system();
    let value = crate::text::parse_percent(text).map_err(|e| e.message(lang))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(tr!(
            lang,
            "{text} is outside 0%–100%",
            "{text} está fuera de 0%–100%"
        ))
    }
}

fn parse_probability(text: &str) -> Result<f64, String> {
    let lang = Lang::from_system();
    let value = crate::text::parse_number(text).map_err(|e| e.message(lang))?;
    if value > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(tr!(
            lang,
            "{text} is not between 0 and 1 (e.g. 0.05 or 0.9)",
            "{text} no está entre 0 y 1 (p. ej. 0.05 o 0.9)"
        ))
    }
}

fn parse_positive(text: &str) -> Result<f64, String> {
    let lang = Lang::from_system();
    let value = crate::text::parse_number(text).map_err(|e| e.message(lang))?;
    if value > 0.0 {
        Ok(value)
    } else {
        Err(tr!(
            lang,
            "{text} is not more than zero",
            "{text} no es mayor que cero"
        ))
    }
}
