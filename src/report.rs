//! What `compute` prints: the JSON object (schema `rbf-targets/compute/1`; fields are only
//! ever added, never renamed) and the human-readable table.

use crate::i18n::Lang;
use crate::schema::TargetsColumn;
use crate::tr;
use serde::Serialize;

use crate::io::ImportReport;
use crate::io::import::report::{Evidence, LineKind, Source};
use crate::model::{
    Bound, Outcome, Problem, Project, Severity, evaluate_round, sensitivity, verification,
};
use crate::present::verification::shortfalls;
use crate::schema::Column;
use crate::text::{format_amount, format_number, format_percent};

/// Name and version of the JSON schema.
pub const COMPUTE_FORMAT: &str = "rbf-targets/compute/1";

/// The whole result of `compute --json`.
#[derive(Debug, Serialize)]
pub struct ComputeReport {
    pub format: &'static str,
    pub minimum_impact: Option<f64>,
    pub present_value_factor: Option<f64>,
    pub total_cost: f64,
    pub total_benefit: Option<f64>,
    pub benefit_cost_ratio: Option<f64>,
    pub surplus: Option<f64>,
    pub required_ratio: f64,
    pub weighted_benefit_per_unit: f64,
    pub rows_at_bound: usize,
    pub indicators: Vec<IndicatorReport>,
    pub problems: Vec<ProblemReport>,
    /// Measurement rounds (absent when the project has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds: Option<Vec<RoundReport>>,
    /// d and every bounded target with each parameter at its low and high value.
    pub sensitivity: Vec<SensitivityReport>,
    /// How a workbook was read (absent for a project file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportJson>,
}

/// The import report of a workbook in the JSON output.
#[derive(Debug, Serialize)]
pub struct ImportJson {
    pub read: Vec<String>,
    pub inferred: Vec<String>,
    pub warnings: Vec<String>,
    /// Null when the workbook held no computed results.
    pub differences: Option<Vec<DifferenceJson>>,
    pub compared: usize,
    /// Each table found, with the column each header was taken for and how.
    pub tables: Vec<TableJson>,
    /// Where each program input came from; `source` is "missing" for one not found.
    pub inputs: Vec<InputJson>,
    /// The machine names of the program inputs not found (to be typed in).
    pub missing: Vec<&'static str>,
}

/// A table found in the workbook.
#[derive(Debug, Serialize)]
pub struct TableJson {
    /// "values" or "targets".
    pub table: crate::io::import::report::TableKind,
    pub sheet: String,
    /// 1-based.
    pub header_row: u32,
    pub rows: usize,
    pub columns: Vec<ColumnJson>,
    pub skipped_rows: Vec<SkippedJson>,
}

/// A header of a table and the column used for it.
#[derive(Debug, Serialize)]
pub struct ColumnJson {
    /// "H".
    pub column: String,
    pub header: String,
    /// The column's machine name (as `--map` takes it), null when not used.
    pub field: Option<&'static str>,
    /// "words", "formula", "words_and_formula", "position" or "chosen"; null when not used.
    pub how: Option<Evidence>,
    pub confidence: f64,
}

/// A row under a table's header that was not read as one of its rows.
#[derive(Debug, Serialize)]
pub struct SkippedJson {
    /// 1-based.
    pub row: u32,
    pub why: crate::io::import::report::SkipReason,
    pub text: String,
}

/// A program input and where it came from.
#[derive(Debug, Serialize)]
pub struct InputJson {
    pub input: &'static str,
    pub value: Option<f64>,
    /// "label", "column", "formula", "pv_arguments", "header", "unit_values", "default" or
    /// "missing".
    pub source: &'static str,
    /// The cell it was read from, if any.
    pub cell: Option<String>,
}

/// A cached result of the workbook that differs from ours.
#[derive(Debug, Serialize)]
pub struct DifferenceJson {
    pub what: String,
    pub cell: String,
    pub workbook: f64,
    pub ours: f64,
}

impl ImportJson {
    /// The report, its free text in `lang`.
    pub fn new(report: &ImportReport, lang: crate::i18n::Lang) -> Self {
        let lines = report.lines(lang);
        let of = |kind: LineKind| {
            lines
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, text)| text.clone())
                .collect()
        };
        Self {
            read: of(LineKind::Read),
            inferred: of(LineKind::Inferred),
            warnings: of(LineKind::Warning),
            differences: report.differences.as_ref().map(|list| {
                list.iter()
                    .map(|d| DifferenceJson {
                        what: format!("{}, {}", d.column.key(), d.row),
                        cell: d.cell.clone(),
                        workbook: d.workbook,
                        ours: d.ours,
                    })
                    .collect()
            }),
            compared: report.compared,
            tables: report
                .tables
                .iter()
                .map(|t| TableJson {
                    table: t.kind,
                    sheet: t.sheet.clone(),
                    header_row: t.header_row + 1,
                    rows: t.rows,
                    columns: t
                        .columns
                        .iter()
                        .map(|c| ColumnJson {
                            column: crate::io::import::formula::column_name(c.col),
                            header: c.header.clone(),
                            field: c.column.map(|c| c.key()),
                            how: c.how,
                            confidence: (c.confidence * 1000.0).round() / 1000.0,
                        })
                        .collect(),
                    skipped_rows: t
                        .skipped
                        .iter()
                        .map(|s| SkippedJson {
                            row: s.row + 1,
                            why: s.why,
                            text: s.text.clone(),
                        })
                        .collect(),
                })
                .collect(),
            inputs: report
                .inputs
                .iter()
                .map(|i| {
                    let (source, cell) = match &i.source {
                        Source::Label { cell, .. } => ("label", Some(cell.clone())),
                        Source::Column { cell } => ("column", Some(cell.clone())),
                        Source::Formula { cell, .. } => ("formula", Some(cell.clone())),
                        Source::PvArguments { cell } => ("pv_arguments", Some(cell.clone())),
                        Source::Header { cell, .. } => ("header", Some(cell.clone())),
                        Source::UnitValues { .. } => ("unit_values", None),
                        Source::Default => ("default", None),
                        Source::Missing => ("missing", None),
                        Source::Unusable { cell, .. } => ("missing", Some(cell.clone())),
                    };
                    InputJson {
                        input: i.input.key(),
                        value: i.value,
                        source,
                        cell,
                    }
                })
                .collect(),
            missing: report.missing_inputs().map(|i| i.key()).collect(),
        }
    }
}

/// One Targets row in the JSON report.
#[derive(Debug, Serialize)]
pub struct IndicatorReport {
    pub name: String,
    pub condition: String,
    pub direction: &'static str,
    pub population: f64,
    pub baseline: f64,
    pub annual_change: f64,
    /// True when the row has no trend of its own and uses s·a₀.
    pub annual_change_is_default: bool,
    pub counterfactual: Option<f64>,
    pub unit_value: Option<f64>,
    pub present_value: Option<f64>,
    pub benefit_per_unit: Option<f64>,
    pub weight: f64,
    pub model_target: Option<f64>,
    pub bounded_target: Option<f64>,
    pub bound_applied: Option<bool>,
    /// "ceiling", "floor" or null.
    pub bound: Option<&'static str>,
    pub negotiated_target: Option<f64>,
    pub locked: bool,
    pub final_target: Option<f64>,
    pub impact: Option<f64>,
    pub benefit: Option<f64>,
    pub share_of_benefit: Option<f64>,
    /// Respondents needed to tell the final target from the counterfactual.
    pub required_sample_size: Option<f64>,
    /// The test the sample size is for.
    pub sample_size_test: &'static str,
    pub design_effect: f64,
    pub planned_sample_size: Option<f64>,
    /// The smallest target the planned sample can tell from the counterfactual.
    pub minimum_detectable_target: Option<f64>,
    pub minimum_acceptable_target: Option<f64>,
    /// Null without a planned sample.
    pub verifiable: Option<bool>,
    pub cannot_be_verified: bool,
    pub payment_weight: f64,
}

/// One measurement round in the JSON report.
#[derive(Debug, Serialize)]
pub struct RoundReport {
    pub name: String,
    pub months: f64,
    pub weighted_share_met: f64,
    pub paid_fraction: f64,
    pub tranche_paid: f64,
    pub indicators: Vec<RoundIndicatorReport>,
}

/// One indicator at one round.
#[derive(Debug, Serialize)]
pub struct RoundIndicatorReport {
    pub name: String,
    pub estimate: Option<f64>,
    pub standard_error: Option<f64>,
    pub rule1: Option<bool>,
    pub rule2: Option<bool>,
    pub met: Option<bool>,
    pub reason: Option<String>,
}

/// One parameter of the sensitivity analysis.
#[derive(Debug, Serialize)]
pub struct SensitivityReport {
    pub parameter: &'static str,
    pub low_value: f64,
    pub high_value: f64,
    pub minimum_impact_low: Option<f64>,
    pub minimum_impact_high: Option<f64>,
    pub bounded_targets_low: Vec<Option<f64>>,
    pub bounded_targets_high: Vec<Option<f64>>,
}

/// One problem in the JSON report.
#[derive(Debug, Serialize)]
pub struct ProblemReport {
    pub sheet: &'static str,
    /// 1-based row of the sheet's table; null for program inputs.
    pub row: Option<usize>,
    pub field: &'static str,
    pub severity: &'static str,
    pub message: String,
}

/// The sheet's name in the IDB Excel tool's English, the same in every language (JSON
/// `problems[].sheet`).
fn sheet_key(location: crate::model::Location) -> &'static str {
    use crate::schema::labels;
    match location {
        crate::model::Location::Program | crate::model::Location::Indicator(_) => {
            labels::TARGETS_SHEET.en
        }
        crate::model::Location::Condition(_) => labels::VALUES_SHEET.en,
    }
}

impl ProblemReport {
    /// The problem with its message in `lang` (the other fields are the same in every
    /// language).
    pub fn new(problem: &Problem, lang: Lang) -> Self {
        Self {
            sheet: sheet_key(problem.location),
            row: problem.location.row_number(),
            field: problem.field.key(),
            severity: match problem.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: crate::present::problem::sentence(problem, lang),
        }
    }
}

fn bound_name(bound: Bound) -> &'static str {
    match bound {
        Bound::Ceiling => "ceiling",
        Bound::Floor => "floor",
    }
}

impl ComputeReport {
    /// The report of `outcome`, its messages in `lang`.
    pub fn new(project: &Project, outcome: &Outcome, lang: Lang) -> Self {
        let program = &project.program;
        let verification = verification(project, outcome);
        let indicators = project
            .indicators
            .iter()
            .zip(&outcome.indicators)
            .zip(&verification)
            .map(|((indicator, row), verified)| {
                let targets = row.targets;
                IndicatorReport {
                    name: indicator.name.clone(),
                    condition: indicator.condition.clone(),
                    direction: indicator.direction.as_str(),
                    population: indicator.population,
                    baseline: indicator.baseline,
                    annual_change: indicator.effective_annual_change(program),
                    annual_change_is_default: indicator.annual_change.is_none(),
                    counterfactual: row.counterfactual,
                    unit_value: row.value.map(|v| v.unit_value),
                    present_value: row.value.map(|v| v.present_value),
                    benefit_per_unit: row.value.map(|v| v.benefit_per_unit),
                    weight: indicator.weight,
                    model_target: targets.map(|t| t.model_target),
                    bounded_target: targets.map(|t| t.bounded_target),
                    bound_applied: targets.map(|t| t.bound.is_some()),
                    bound: targets.and_then(|t| t.bound).map(bound_name),
                    negotiated_target: indicator.negotiated_target,
                    locked: indicator.locked,
                    final_target: targets.map(|t| t.final_target),
                    impact: targets.map(|t| t.impact),
                    benefit: targets.map(|t| t.benefit),
                    share_of_benefit: targets.and_then(|t| t.share_of_benefit),
                    required_sample_size: verified.as_ref().and_then(|v| v.required_sample_size),
                    // A value other programs match on: the same in every language.
                    sample_size_test: crate::present::verification::test(
                        indicator.survey.test,
                        Lang::En,
                    ),
                    design_effect: indicator.survey.design_effect(),
                    planned_sample_size: indicator.survey.planned_n,
                    minimum_detectable_target: verified
                        .as_ref()
                        .and_then(|v| v.minimum_detectable_target),
                    minimum_acceptable_target: verified
                        .as_ref()
                        .and_then(|v| v.minimum_acceptable_target),
                    verifiable: verified.as_ref().and_then(|v| v.verifiable),
                    cannot_be_verified: verified.as_ref().is_some_and(|v| v.cannot_be_verified),
                    payment_weight: indicator.payment_weight,
                }
            })
            .collect();
        Self {
            format: COMPUTE_FORMAT,
            minimum_impact: outcome.minimum_impact,
            present_value_factor: outcome.present_value_factor,
            total_cost: program.total_cost,
            total_benefit: outcome.total_benefit,
            benefit_cost_ratio: outcome.benefit_cost_ratio,
            surplus: outcome.surplus,
            required_ratio: program.required_ratio,
            weighted_benefit_per_unit: outcome.weighted_benefit_per_unit,
            rows_at_bound: outcome.rows_at_bound,
            indicators,
            problems: outcome
                .problems
                .iter()
                .map(|p| ProblemReport::new(p, lang))
                .collect(),
            rounds: (!project.rounds.is_empty()).then(|| {
                project
                    .rounds
                    .iter()
                    .enumerate()
                    .map(|(k, round)| {
                        let evaluated = evaluate_round(project, outcome, k);
                        RoundReport {
                            name: round.name.clone(),
                            months: round.months,
                            weighted_share_met: evaluated.weighted_share_met,
                            paid_fraction: evaluated.paid_fraction,
                            tranche_paid: evaluated.tranche_paid,
                            indicators: project
                                .indicators
                                .iter()
                                .zip(&evaluated.rows)
                                .map(|(indicator, row)| RoundIndicatorReport {
                                    name: indicator.name.clone(),
                                    estimate: row.as_ref().and_then(|r| r.estimate),
                                    standard_error: row.as_ref().and_then(|r| r.standard_error),
                                    rule1: row.as_ref().map(|r| r.rule1),
                                    rule2: row.as_ref().map(|r| r.rule2),
                                    met: row.as_ref().map(|r| r.met),
                                    reason: row.as_ref().and_then(|r| {
                                        let why = shortfalls(&r.shortfalls, lang);
                                        (!why.is_empty()).then_some(why)
                                    }),
                                })
                                .collect(),
                        }
                    })
                    .collect()
            }),
            sensitivity: sensitivity(project)
                .into_iter()
                .map(|row| SensitivityReport {
                    parameter: row.parameter.key(),
                    low_value: row.low.value,
                    high_value: row.high.value,
                    minimum_impact_low: row.low.minimum_impact,
                    minimum_impact_high: row.high.minimum_impact,
                    bounded_targets_low: row.low.bounded_targets,
                    bounded_targets_high: row.high.bounded_targets,
                })
                .collect(),
            import: None,
        }
    }
}

fn or_dash(value: Option<f64>, show: impl Fn(f64) -> String) -> String {
    value.map_or_else(|| "—".to_owned(), show)
}

fn pct(value: Option<f64>) -> String {
    or_dash(value, |v| format_percent(v, 1))
}

/// Cuts `text` to `width` characters, marking the cut.
fn fit(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= width {
        text.into()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut.into()
    }
}

/// The human-readable table of `compute`.
pub fn text_table(project: &Project, outcome: &Outcome, lang: Lang) -> String {
    use std::fmt::Write as _;
    let program = &project.program;
    let currency = project.metadata.currency();
    let mut out = String::new();
    let title = project.metadata.title();
    if !title.is_empty() {
        out.push_str(&format!("{title}\n\n"));
    }
    let lines = [
        (
            lang.t("Total program cost C", "Costo total del programa C"),
            format!("{currency} {}", format_amount(program.total_cost)),
        ),
        (
            lang.t("Present value factor A", "Factor de valor presente A"),
            or_dash(outcome.present_value_factor, |a| format!("{a:.6}")),
        ),
        (
            "Σ w·N·V",
            format!(
                "{currency} {}",
                format_amount(outcome.weighted_benefit_per_unit)
            ),
        ),
        (
            TargetsColumn::MinimumImpact.title().get(lang),
            or_dash(outcome.minimum_impact, |d| {
                tr!(
                    lang,
                    "{d:.4} ({:.2} points)",
                    "{d:.4} ({:.2} puntos)",
                    d * 100.0
                )
            }),
        ),
        (
            lang.t("Total benefit B", "Beneficio total B"),
            or_dash(outcome.total_benefit, |b| {
                format!("{currency} {}", format_amount(b))
            }),
        ),
        (
            lang.t("Benefit-cost ratio", "Relación beneficio-costo"),
            or_dash(outcome.benefit_cost_ratio, |r| {
                tr!(
                    lang,
                    "{r:.3} (required {})",
                    "{r:.3} (exigida {})",
                    format_number(program.required_ratio)
                )
            }),
        ),
        (
            lang.t("Surplus (+) / shortfall (−)", "Excedente (+) / déficit (−)"),
            or_dash(outcome.surplus, |s| {
                format!("{currency} {}", format_amount(s))
            }),
        ),
        (
            lang.t("Rows at a bound", "Filas en un límite"),
            outcome.rows_at_bound.to_string(),
        ),
    ];
    for (label, value) in lines {
        out.push_str(&format!("{label:<30} {value}\n"));
    }
    out.push('\n');
    let header = format!(
        "{:>2}  {:<44} {:<6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>14}\n",
        "#",
        TargetsColumn::Indicator.title().get(lang),
        TargetsColumn::Direction.title().get(lang),
        "N",
        lang.t("Basel.", "L. base"),
        lang.t("Counterf", "Contraf."),
        lang.t("Model", "Modelo"),
        lang.t("Bounded", "Acotada"),
        lang.t("Negot.", "Negoc."),
        lang.t("Final", "Final"),
        TargetsColumn::Impact.title().get(lang),
        TargetsColumn::Benefit.title().get(lang)
    );
    out.push_str(&header);
    out.push_str(&format!("{}\n", "─".repeat(header.chars().count() - 1)));
    for (i, (indicator, row)) in project
        .indicators
        .iter()
        .zip(&outcome.indicators)
        .enumerate()
    {
        let targets = row.targets;
        let bounded = match targets {
            Some(t) if t.bound.is_some() => format!("{}*", format_percent(t.bounded_target, 1)),
            Some(t) => format_percent(t.bounded_target, 1),
            None => "—".to_owned(),
        };
        let negotiated = match indicator.negotiated_target {
            Some(target) if indicator.locked => format!("{} L", format_percent(target, 1)),
            Some(target) => format_percent(target, 1),
            None => String::new(),
        };
        // Written straight into the table: one allocation less per row of a 10,000-row table.
        let _ = writeln!(
            out,
            "{:>2}  {:<44} {:<6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>14}",
            i + 1,
            fit(&indicator.name, 44),
            match indicator.direction {
                crate::model::Direction::Higher => lang.t("higher", "mayor"),
                crate::model::Direction::Lower => lang.t("lower", "menor"),
            },
            format_amount(indicator.population),
            format_percent(indicator.baseline, 1),
            pct(row.counterfactual),
            pct(targets.map(|t| t.model_target)),
            bounded,
            negotiated,
            pct(targets.map(|t| t.final_target)),
            or_dash(targets.map(|t| t.impact * 100.0), |v| format!("{v:.1}")),
            or_dash(targets.map(|t| t.benefit), format_amount),
        );
    }
    out.push_str(lang.t(
        "\n* held at the ceiling or floor; L locked; impact in percentage points\n",
        "\n* detenida en el techo o el piso; L fijada; impacto en puntos porcentuales\n",
    ));
    if !outcome.problems.is_empty() {
        out.push_str(lang.t("\nProblems:\n", "\nProblemas:\n"));
        for problem in &outcome.problems {
            let kind = crate::present::problem::severity(problem.severity, lang);
            let sentence = crate::present::problem::sentence(problem, lang);
            out.push_str(&format!("  {kind}: {sentence}\n"));
        }
    }
    out
}
