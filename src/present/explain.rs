//! "Explain this number": a computed Targets cell as its formula with the actual numbers, and
//! where each input came from. Built from the same inputs and [`Outcome`] the grid shows, so
//! the sentence and the cell never disagree.

use crate::i18n::Lang;
use crate::model::{Direction, Outcome, Project};
use crate::schema::{Column as _, TargetsColumn};
use crate::text::{format_amount, format_decimal, format_percent};
use crate::tr;

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
    /// The column of the Targets table this is.
    pub fn column(self) -> TargetsColumn {
        match self {
            Column::Counterfactual => TargetsColumn::Counterfactual,
            Column::ModelTarget => TargetsColumn::ModelTarget,
            Column::Bounded => TargetsColumn::BoundedTarget,
            Column::FinalTarget => TargetsColumn::FinalTarget,
            Column::Impact => TargetsColumn::Impact,
            Column::Benefit => TargetsColumn::Benefit,
            Column::Share => TargetsColumn::Share,
        }
    }

    /// The column's title, as the schema gives it.
    pub fn title(self, lang: Lang) -> &'static str {
        self.column().title().get(lang)
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
    lang: Lang,
) -> Option<Explanation> {
    let indicator = project.indicators.get(row)?;
    let computed = outcome.indicators.get(row)?;
    let program = &project.program;
    let n = row + 1;
    let title = tr!(
        lang,
        "{}, row {n}: {}",
        "{}, fila {n}: {}",
        column.title(lang),
        indicator.name
    );
    let lower = indicator.direction == Direction::Lower;

    let baseline = tr!(
        lang,
        "b = {}: baseline typed in Targets row {n}",
        "b = {}: línea de base ingresada en Metas fila {n}",
        format_percent(indicator.baseline, 1)
    );
    let annual_change = indicator.effective_annual_change(program);
    let trend = match indicator.annual_change {
        Some(a) => tr!(
            lang,
            "a = {} a year: annual change typed in Targets row {n}",
            "a = {} por año: cambio anual ingresado en Metas fila {n}",
            points(a)
        ),
        None => tr!(
            lang,
            "a = {} a year: no annual change typed in row {n}, so the default a₀ = {} of the \
                Targets inputs{}",
            "a = {} por año: no se ingresó cambio anual en la fila {n}, así que se usa el valor \
                por defecto a₀ = {} de los datos de Metas{}",
            points(annual_change),
            points(program.default_annual_change),
            if lower {
                lang.t(
                    ", negative because lower is better",
                    ", negativo porque menos es mejor",
                )
            } else {
                ""
            }
        ),
    };
    let years = tr!(
        lang,
        "L = {} years: program length, Targets inputs",
        "L = {} años: duración del programa, datos de Metas",
        program.program_years
    );
    let d_line = |d: f64| {
        tr!(
            lang,
            "d = R·C / Σ w·N·V = {} × {} / {} = {}: minimum common impact (note eq. 3), on the \
                Summary",
            "d = R·C / Σ w·N·V = {} × {} / {} = {}: impacto mínimo común (nota, ec. 3), en el \
                Resumen",
            program.required_ratio,
            format_amount(program.total_cost),
            format_amount(outcome.weighted_benefit_per_unit),
            points(d)
        )
    };
    let weight = tr!(
        lang,
        "w = {:.2}: weight typed in Targets row {n}",
        "w = {:.2}: peso ingresado en Metas fila {n}",
        indicator.weight
    );
    let value_line = |present_value: f64| {
        let j = project
            .conditions
            .iter()
            .position(|c| c.name.trim() == indicator.condition.trim());
        tr!(
            lang,
            "V = {} per person: present value of condition \"{}\"{} (DALYs valued at GNI per \
                capita, discounted)",
            "V = {} por persona: valor presente de la condición \"{}\"{} (AVAD valorados al INB \
                per cápita, descontados)",
            format_decimal(present_value, 2),
            indicator.condition.trim(),
            j.map_or_else(String::new, |j| tr!(
                lang,
                ", Values row {}",
                ", Valores fila {}",
                j + 1
            ))
        )
    };
    let final_source = |t: &crate::model::Targets| match indicator.negotiated_target {
        Some(f) => tr!(
            lang,
            "F = {}: negotiated target typed in Targets row {n}",
            "F = {}: meta negociada ingresada en Metas fila {n}",
            format_percent(f, 1)
        ),
        None => tr!(
            lang,
            "F = {}: no negotiated target, so the bounded model target",
            "F = {}: sin meta negociada, así que la meta del modelo acotada",
            format_percent(t.bounded_target, 1)
        ),
    };

    let (formula, sources) = match column {
        Column::Counterfactual => {
            let c = computed.counterfactual?;
            let raw = indicator.baseline + program.program_years * annual_change;
            let held = if (raw - c).abs() > 1e-12 {
                tr!(
                    lang,
                    " (held at {} since a proportion stays within 0–100%)",
                    " (detenido en {} porque una proporción se mantiene en 0–100%)",
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
                    tr!(
                        lang,
                        "c = {}: counterfactual, level expected without the program (b + L·a)",
                        "c = {}: contrafactual, nivel esperado sin el programa (b + L·a)",
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
                ("max", lang.t("floor", "piso"), program.floor)
            } else {
                ("min", lang.t("ceiling", "techo"), program.ceiling)
            };
            let formula = format!(
                "M̃ = {rule}(M, {name}) = {rule}({}, {}) = {}",
                format_percent(t.model_target, 1),
                format_percent(bound, 1),
                format_percent(t.bounded_target, 1)
            );
            let bound = tr!(
                lang,
                "{name} = {}: Targets inputs",
                "{name} = {}: datos de Metas",
                format_percent(bound, 1)
            );
            (
                formula,
                vec![
                    tr!(
                        lang,
                        "M = {}: model target",
                        "M = {}: meta del modelo",
                        format_percent(t.model_target, 1)
                    ),
                    bound,
                ],
            )
        }
        Column::FinalTarget => {
            let t = computed.targets?;
            let formula = match indicator.negotiated_target {
                Some(_) => tr!(
                    lang,
                    "F = negotiated target = {}",
                    "F = meta negociada = {}",
                    format_percent(t.final_target, 1)
                ),
                None => tr!(
                    lang,
                    "F = M̃ (no negotiated target) = {}",
                    "F = M̃ (sin meta negociada) = {}",
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
                    tr!(
                        lang,
                        "c = {}: counterfactual",
                        "c = {}: contrafactual",
                        format_percent(c, 1)
                    ),
                ],
            )
        }
        Column::Benefit => {
            let t = computed.targets?;
            let value = computed.value?;
            (
                tr!(
                    lang,
                    "benefit = Δ × N × V = {:.4} × {} × {} = {}",
                    "beneficio = Δ × N × V = {:.4} × {} × {} = {}",
                    t.impact,
                    format_amount(indicator.population),
                    format_decimal(value.present_value, 2),
                    format_amount(t.benefit)
                ),
                vec![
                    tr!(
                        lang,
                        "Δ = {} = {:.4}: impact (one point is 0.01)",
                        "Δ = {} = {:.4}: impacto (un punto es 0.01)",
                        points(t.impact),
                        t.impact
                    ),
                    tr!(
                        lang,
                        "N = {}: population typed in Targets row {n}",
                        "N = {}: población ingresada en Metas fila {n}",
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
                tr!(
                    lang,
                    "share = benefit / B = {} / {} = {}",
                    "parte = beneficio / B = {} / {} = {}",
                    format_amount(t.benefit),
                    format_amount(total),
                    format_percent(share, 1)
                ),
                vec![tr!(
                    lang,
                    "B = {}: total benefit of all rows, on the Summary",
                    "B = {}: beneficio total de todas las filas, en el Resumen",
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
