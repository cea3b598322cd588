//! "Explain this number": a computed Targets cell as its formula with the actual numbers, and
//! where each input came from. Built from the same inputs and [`Outcome`] the grid shows, so
//! the sentence and the cell never disagree.

use super::{Direction, Outcome, Project};
use crate::text::{format_amount, format_decimal, format_percent};

/// The computed columns of the Targets sheet that can be explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Counterfactual,
    ModelTarget,
    Bounded,
    FinalTarget,
    Impact,
    Benefit,
    Share,
}

impl Column {
    /// The column's title in the grid, without its "= " mark.
    pub fn title(self) -> &'static str {
        match self {
            Column::Counterfactual => "Counterfactual",
            Column::ModelTarget => "Model target",
            Column::Bounded => "Bounded",
            Column::FinalTarget => "Final target",
            Column::Impact => "Impact",
            Column::Benefit => "Benefit",
            Column::Share => "Share",
        }
    }
}

/// One computed number, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// "Model target, row 3: Institutional deliveries".
    pub title: String,
    /// The formula with symbols, then with the numbers, then the result.
    pub formula: String,
    /// Where each input came from, one line each.
    pub sources: Vec<String>,
}

/// Points of a proportion: 0.079 → "7.90 pts".
fn points(proportion: f64) -> String {
    format!("{:.2} pts", proportion * 100.0)
}

/// `(+x)` or `(−x)` for a signed term inside a formula.
fn signed(text: String, negative: bool) -> String {
    if negative {
        format!("− {text}")
    } else {
        format!("+ {text}")
    }
}

/// Explains the number in `column` of Targets row `row`; `None` when the row does not exist or
/// the number is not computed (an input it depends on has an error; the cell shows a dash).
pub fn explain(
    project: &Project,
    outcome: &Outcome,
    row: usize,
    column: Column,
) -> Option<Explanation> {
    let indicator = project.indicators.get(row)?;
    let computed = outcome.indicators.get(row)?;
    let program = &project.program;
    let n = row + 1;
    let title = format!("{}, row {n}: {}", column.title(), indicator.name);
    let lower = indicator.direction == Direction::Lower;

    let baseline = format!(
        "b = {}: baseline typed in Targets row {n}",
        format_percent(indicator.baseline, 1)
    );
    let annual_change = indicator.effective_annual_change(program);
    let trend = match indicator.annual_change {
        Some(a) => format!(
            "a = {} a year: annual change typed in Targets row {n}",
            points(a)
        ),
        None => format!(
            "a = {} a year: no annual change typed in row {n}, so the default a₀ = {} of the Targets inputs{}",
            points(annual_change),
            points(program.default_annual_change),
            if lower {
                ", negative because lower is better"
            } else {
                ""
            }
        ),
    };
    let years = format!(
        "L = {} years: program length, Targets inputs",
        program.program_years
    );
    let d_line = |d: f64| {
        format!(
            "d = R·C / Σ w·N·V = {} × {} / {} = {}: minimum common impact (note eq. 3), on the Summary",
            program.required_ratio,
            format_amount(program.total_cost),
            format_amount(outcome.weighted_benefit_per_unit),
            points(d)
        )
    };
    let weight = format!(
        "w = {:.2}: weight typed in Targets row {n}",
        indicator.weight
    );
    let value_line = |present_value: f64| {
        let j = project
            .conditions
            .iter()
            .position(|c| c.name.trim() == indicator.condition.trim());
        format!(
            "V = {} per person: present value of condition \"{}\"{} (DALYs valued at GNI per capita, discounted)",
            format_decimal(present_value, 2),
            indicator.condition.trim(),
            j.map_or_else(String::new, |j| format!(", Values row {}", j + 1))
        )
    };
    let final_source = |t: &super::Targets| match indicator.negotiated_target {
        Some(f) => format!(
            "F = {}: negotiated target typed in Targets row {n}",
            format_percent(f, 1)
        ),
        None => format!(
            "F = {}: no negotiated target, so the bounded model target",
            format_percent(t.bounded_target, 1)
        ),
    };

    let (formula, sources) = match column {
        Column::Counterfactual => {
            let c = computed.counterfactual?;
            let raw = indicator.baseline + program.program_years * annual_change;
            let held = if (raw - c).abs() > 1e-12 {
                format!(
                    " (held at {} since a proportion stays within 0–100%)",
                    format_percent(c, 1)
                )
            } else {
                String::new()
            };
            (
                format!(
                    "c = b + L·a = {} {} = {}{held}",
                    format_percent(indicator.baseline, 1),
                    signed(
                        format!(
                            "{} × {}",
                            program.program_years,
                            points(annual_change.abs())
                        ),
                        annual_change < 0.0
                    ),
                    format_percent(raw, 1)
                ),
                vec![baseline, years, trend],
            )
        }
        Column::ModelTarget => {
            let t = computed.targets?;
            let c = computed.counterfactual?;
            let d = outcome.minimum_impact?;
            (
                format!(
                    "M = c {} w·d = {} {} = {}",
                    if lower { "−" } else { "+" },
                    format_percent(c, 1),
                    signed(format!("{:.2} × {}", indicator.weight, points(d)), lower),
                    format_percent(t.model_target, 1)
                ),
                vec![
                    format!(
                        "c = {}: counterfactual, level expected without the program (b + L·a)",
                        format_percent(c, 1)
                    ),
                    weight,
                    d_line(d),
                ],
            )
        }
        Column::Bounded => {
            let t = computed.targets?;
            // The bound of the row's direction: a higher-is-better row can only reach the
            // ceiling, a lower-is-better one the floor.
            let (rule, name, bound) = if lower {
                ("max", "floor", program.floor)
            } else {
                ("min", "ceiling", program.ceiling)
            };
            let formula = format!(
                "M̃ = {rule}(M, {name}) = {rule}({}, {}) = {}",
                format_percent(t.model_target, 1),
                format_percent(bound, 1),
                format_percent(t.bounded_target, 1)
            );
            let bound = format!("{name} = {}: Targets inputs", format_percent(bound, 1));
            (
                formula,
                vec![
                    format!("M = {}: model target", format_percent(t.model_target, 1)),
                    bound,
                ],
            )
        }
        Column::FinalTarget => {
            let t = computed.targets?;
            let formula = match indicator.negotiated_target {
                Some(_) => format!(
                    "F = negotiated target = {}",
                    format_percent(t.final_target, 1)
                ),
                None => format!(
                    "F = M̃ (no negotiated target) = {}",
                    format_percent(t.final_target, 1)
                ),
            };
            (formula, vec![final_source(&t)])
        }
        Column::Impact => {
            let t = computed.targets?;
            let c = computed.counterfactual?;
            let formula = if lower {
                format!(
                    "Δ = c − F = {} − {} = {}",
                    format_percent(c, 1),
                    format_percent(t.final_target, 1),
                    points(t.impact)
                )
            } else {
                format!(
                    "Δ = F − c = {} − {} = {}",
                    format_percent(t.final_target, 1),
                    format_percent(c, 1),
                    points(t.impact)
                )
            };
            (
                formula,
                vec![
                    final_source(&t),
                    format!("c = {}: counterfactual", format_percent(c, 1)),
                ],
            )
        }
        Column::Benefit => {
            let t = computed.targets?;
            let value = computed.value?;
            (
                format!(
                    "benefit = Δ × N × V = {:.4} × {} × {} = {}",
                    t.impact,
                    format_amount(indicator.population),
                    format_decimal(value.present_value, 2),
                    format_amount(t.benefit)
                ),
                vec![
                    format!(
                        "Δ = {} = {:.4}: impact (one point is 0.01)",
                        points(t.impact),
                        t.impact
                    ),
                    format!(
                        "N = {}: population typed in Targets row {n}",
                        format_amount(indicator.population)
                    ),
                    value_line(value.present_value),
                ],
            )
        }
        Column::Share => {
            let t = computed.targets?;
            let share = t.share_of_benefit?;
            let total = outcome.total_benefit?;
            (
                format!(
                    "share = benefit / B = {} / {} = {}",
                    format_amount(t.benefit),
                    format_amount(total),
                    format_percent(share, 1)
                ),
                vec![format!(
                    "B = {}: total benefit of all rows, on the Summary",
                    format_amount(total)
                )],
            )
        }
    };
    Some(Explanation {
        title,
        formula,
        sources,
    })
}
