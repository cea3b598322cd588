//! MODEL.md §2: from inputs to d, targets, benefits and the benefit-cost ratio.

use std::collections::HashSet;

use super::links::Links;
use super::problem::{Field, Location, Problem, ProblemKind};
use super::{Bound, Direction, Program, Project, Timing};

/// Computed columns of one Values row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConditionValues {
    /// D_j / P_j.
    pub dalys_per_capita: f64,
    /// v_j = k·G·D_j/P_j: value of one full unit (100 points) of improvement for one person.
    pub unit_value: f64,
    /// V_j = v_j·A: present value, the tool's "Value (20 yrs, 12% discount rate)".
    pub present_value: f64,
}

/// The value side of one Targets row: what a unit of impact on it is worth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IndicatorValue {
    /// v_j(i).
    pub unit_value: f64,
    /// V_j(i).
    pub present_value: f64,
    /// u_i = N_i·V_j(i): benefit per unit of impact.
    pub benefit_per_unit: f64,
}

/// The target side of one Targets row, computed once d is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Targets {
    /// M_i = c_i + s_i·w_i·d (note eq. 4).
    pub model_target: f64,
    /// M̃_i: the model target held at the ceiling or floor.
    pub bounded_target: f64,
    /// Which bound, if any, M̃_i was held at.
    pub bound: Option<Bound>,
    /// F_i: the negotiated target if set, else M̃_i.
    pub final_target: f64,
    /// Δ_i = s_i·(F_i − c_i): the impact the program must cause.
    pub impact: f64,
    /// Δ_i·u_i.
    pub benefit: f64,
    /// Share of the total benefit B; `None` when B is not positive.
    pub share_of_benefit: Option<f64>,
}

/// Computed columns of one Targets row; `None` where an input it depends on has an error.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct IndicatorOutcome {
    /// c_i = b_i + L·a_i, held within 0–100 %.
    pub counterfactual: Option<f64>,
    pub value: Option<IndicatorValue>,
    pub targets: Option<Targets>,
}

/// Everything the model computes for a project.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// A: present value of 1 a year over the horizon.
    pub present_value_factor: Option<f64>,
    /// One entry per Values row.
    pub conditions: Vec<Option<ConditionValues>>,
    /// One entry per Targets row.
    pub indicators: Vec<IndicatorOutcome>,
    /// Σ w_i·u_i over the rows that are computed.
    pub weighted_benefit_per_unit: f64,
    /// d: minimum common impact (note eq. 3).
    pub minimum_impact: Option<f64>,
    /// B = Σ Δ_i·u_i.
    pub total_benefit: Option<f64>,
    /// B / C (note eq. 1 holds when it is at least 1).
    pub benefit_cost_ratio: Option<f64>,
    /// B − R·C: positive is a surplus, negative a shortfall.
    pub surplus: Option<f64>,
    /// Rows whose model target is held at a bound.
    pub rows_at_bound: usize,
    /// Rows left out of d and B because of an error in them or in their condition.
    pub excluded_rows: Vec<usize>,
    pub problems: Vec<Problem>,
}

impl Outcome {
    /// Problems that stop something from being computed.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// The problem, if any, on one cell (errors first).
    pub fn problem_at(&self, location: Location, field: Field) -> Option<&Problem> {
        let mut on_cell = self
            .problems
            .iter()
            .filter(|p| p.location == location && p.field == field);
        let first = on_cell.next()?;
        if first.is_error() {
            Some(first)
        } else {
            Some(on_cell.find(|p| p.is_error()).unwrap_or(first))
        }
    }
}

/// A = Σ_{t=1..H} (1+r)^-t, times (1+r) when benefits come at the start of the year.
pub fn present_value_factor(rate: f64, horizon_years: u32, timing: Timing) -> f64 {
    let h = f64::from(horizon_years);
    let end_of_year = if rate == 0.0 {
        h
    } else {
        (1.0 - (1.0 + rate).powf(-h)) / rate
    };
    match timing {
        Timing::EndOfYear => end_of_year,
        Timing::StartOfYear => end_of_year * (1.0 + rate),
    }
}

/// The cells that hold an error, for quick look-up while computing.
pub(super) struct ErrorCells(HashSet<(Location, Field)>);

impl ErrorCells {
    pub(super) fn new<'p>(problems: impl IntoIterator<Item = &'p Problem>) -> Self {
        Self(
            problems
                .into_iter()
                .filter(|p| p.is_error())
                .map(|p| (p.location, p.field))
                .collect(),
        )
    }

    pub(super) fn any(&self, location: Location, fields: &[Field]) -> bool {
        // Most projects have no errors at all: skip the hashing then.
        !self.0.is_empty()
            && fields
                .iter()
                .any(|&field| self.0.contains(&(location, field)))
    }
}

/// c = b + L·a, held within 0–100 %: a trend that would take a proportion past either end
/// stops there (the note is silent; validation warns when this happens).
pub fn counterfactual(baseline: f64, years: f64, annual_change: f64) -> f64 {
    (baseline + years * annual_change).clamp(0.0, 1.0)
}

/// The model target held at the bound of its direction, and which bound.
pub(crate) fn bounded(
    program: &Program,
    direction: Direction,
    target: f64,
) -> (f64, Option<Bound>) {
    match direction {
        Direction::Higher if target > program.ceiling => (program.ceiling, Some(Bound::Ceiling)),
        Direction::Lower if target < program.floor => (program.floor, Some(Bound::Floor)),
        _ => (target, None),
    }
}

/// The problem raised when the inputs are finite but their products are not.
fn out_of_range(total_benefit: bool) -> Problem {
    Problem::error(
        Location::Program,
        "",
        Field::Indicators,
        ProblemKind::TooLarge { total_benefit },
    )
}

/// Computes every number of MODEL.md §2 that its inputs allow.
pub fn compute(project: &Project) -> Outcome {
    // Each indicator's condition row, looked up once for validation and computation.
    compute_with(project, &project.program, &Links::of(project))
}

/// [`compute`] with `program` in place of the project's program, given each indicator's
/// condition row: what-if scenarios and the sensitivity analysis vary the program without
/// copying the indicators.
pub(crate) fn compute_with(project: &Project, program: &Program, links: &Links) -> Outcome {
    let mut problems = super::validate::validate_linked(project, program, links);
    let errors = ErrorCells::new(&problems);
    let program_error = |fields: &[Field]| errors.any(Location::Program, fields);

    let present_value_factor =
        (!program_error(&[Field::DiscountRate, Field::HorizonYears])).then(|| {
            present_value_factor(program.discount_rate, program.horizon_years, program.timing)
        });
    let values_usable = !program_error(&[Field::GniPerCapita, Field::DalyMultiple]);

    let conditions: Vec<Option<ConditionValues>> = project
        .conditions
        .iter()
        .enumerate()
        .map(|(j, condition)| {
            let a = present_value_factor?;
            let own_error = errors.any(
                Location::Condition(j),
                &[Field::Dalys, Field::Population, Field::Name],
            );
            if own_error || !values_usable {
                return None;
            }
            let dalys_per_capita = condition.dalys / condition.population;
            let unit_value = program.daly_multiple * program.gni_per_capita * dalys_per_capita;
            Some(ConditionValues {
                dalys_per_capita,
                unit_value,
                present_value: unit_value * a,
            })
        })
        .collect();

    let trend_usable = !program_error(&[Field::ProgramYears, Field::DefaultAnnualChange]);
    let mut indicators: Vec<IndicatorOutcome> = project
        .indicators
        .iter()
        .enumerate()
        .map(|(i, indicator)| {
            let at = Location::Indicator(i);
            let counterfactual = row_counterfactual(program, indicator, at, &errors, trend_usable);
            let condition = links.condition_of(i).and_then(|j| conditions[j]);
            let value = condition
                .filter(|_| !errors.any(at, &[Field::Population, Field::Condition]))
                .map(|c| IndicatorValue {
                    unit_value: c.unit_value,
                    present_value: c.present_value,
                    benefit_per_unit: indicator.population * c.present_value,
                });
            IndicatorOutcome {
                counterfactual,
                value,
                targets: None,
            }
        })
        .collect();

    // A row takes part in d and B only when every input it depends on is sound.
    let (usable, excluded_rows): (Vec<usize>, Vec<usize>) =
        (0..indicators.len()).partition(|&i| row_usable(&indicators[i], i, &errors));

    let weighted_benefit_per_unit: f64 = usable
        .iter()
        .map(|&i| {
            project.indicators[i].weight * indicators[i].value.map_or(0.0, |v| v.benefit_per_unit)
        })
        .sum();

    let cost_usable = !errors.any(Location::Program, &[Field::TotalCost, Field::RequiredRatio]);
    let sum_usable = weighted_benefit_per_unit.is_finite() && weighted_benefit_per_unit > 0.0;
    if !usable.is_empty() && !sum_usable {
        problems.push(Problem::error(
            Location::Program,
            "",
            Field::Indicators,
            ProblemKind::NoBenefit,
        ));
    }
    let bounds_usable = !program_error(&[Field::Ceiling, Field::Floor]);
    let mut minimum_impact = (cost_usable && sum_usable && bounds_usable)
        .then(|| program.required_ratio * program.total_cost / weighted_benefit_per_unit);
    if minimum_impact.is_some_and(|d| !d.is_finite()) {
        minimum_impact = None;
        problems.push(out_of_range(false));
    }

    let mut rows_at_bound = 0;
    let mut total_benefit = None;
    // Negotiated targets on the wrong side of their counterfactual.
    let mut wrong_way: Vec<(usize, WrongWay)> = Vec::new();
    if let Some(d) = minimum_impact {
        let mut sum = 0.0;
        for &i in &usable {
            let outcome = &mut indicators[i];
            let (Some(c), Some(value)) = (outcome.counterfactual, outcome.value) else {
                continue;
            };
            let row = row_targets(program, &project.indicators[i], c, value, d);
            rows_at_bound += usize::from(row.at_bound);
            let Some(targets) = row.targets else {
                continue;
            };
            sum += targets.benefit;
            if let Some(wrong) = row.wrong_way {
                wrong_way.push((i, wrong));
            }
            outcome.targets = Some(targets);
        }
        set_shares(&mut indicators, sum);
        if sum.is_finite() {
            total_benefit = Some(sum);
        } else {
            problems.push(out_of_range(true));
        }
    }

    for (i, wrong) in wrong_way {
        problems.push(wrong.problem(project, i));
    }

    let benefit_cost_ratio = total_benefit.map(|b| benefit_cost_ratio(program, b));
    let surplus = total_benefit.map(|b| surplus(program, b));

    Outcome {
        present_value_factor,
        conditions,
        indicators,
        weighted_benefit_per_unit,
        minimum_impact,
        total_benefit,
        benefit_cost_ratio,
        surplus,
        rows_at_bound,
        excluded_rows,
        problems,
    }
}

/// B / C.
pub(super) fn benefit_cost_ratio(program: &Program, total_benefit: f64) -> f64 {
    total_benefit / program.total_cost
}

/// B − R·C.
pub(super) fn surplus(program: &Program, total_benefit: f64) -> f64 {
    total_benefit - program.required_ratio * program.total_cost
}

/// c_i of row `i` (at `at`), unless an input it depends on has an error.
pub(super) fn row_counterfactual(
    program: &Program,
    indicator: &super::Indicator,
    at: Location,
    errors: &ErrorCells,
    trend_usable: bool,
) -> Option<f64> {
    (trend_usable && !errors.any(at, &[Field::Baseline, Field::AnnualChange])).then(|| {
        counterfactual(
            indicator.baseline,
            program.program_years,
            indicator.effective_annual_change(program),
        )
    })
}

/// True when row `i` takes part in d and B: every input it depends on is sound.
pub(super) fn row_usable(outcome: &IndicatorOutcome, i: usize, errors: &ErrorCells) -> bool {
    outcome.counterfactual.is_some()
        && outcome.value.is_some()
        && !errors.any(
            Location::Indicator(i),
            &[Field::Weight, Field::NegotiatedTarget],
        )
}

/// A negotiated target on the wrong side of its counterfactual.
#[derive(Clone, Copy, Debug)]
pub(super) struct WrongWay {
    counterfactual: f64,
    target: f64,
    /// The benefit the program loses by it.
    lost: f64,
}

impl WrongWay {
    /// The warning on row `i`'s negotiated target.
    pub(super) fn problem(self, project: &Project, i: usize) -> Problem {
        let indicator = &project.indicators[i];
        let kind = ProblemKind::WrongWay {
            target: self.target,
            counterfactual: self.counterfactual,
            lower_is_better: indicator.direction == Direction::Lower,
            lost: self.lost,
            currency: project.metadata.currency().to_owned(),
        };
        Problem::warning(
            Location::Indicator(i),
            &indicator.name,
            Field::NegotiatedTarget,
            kind,
        )
    }
}

/// One usable row once d is known.
pub(super) struct RowTargets {
    /// The model target is held at a bound (counted even when the rest is not finite).
    pub(super) at_bound: bool,
    /// `None` when a product is not finite: the row is then left out of B.
    pub(super) targets: Option<Targets>,
    pub(super) wrong_way: Option<WrongWay>,
}

/// The targets of a usable row with counterfactual `c` and `value`, given d; its share of B
/// is set once B is known ([`set_shares`]).
pub(super) fn row_targets(
    program: &Program,
    indicator: &super::Indicator,
    c: f64,
    value: IndicatorValue,
    d: f64,
) -> RowTargets {
    let s = indicator.direction.sign();
    let model_target = c + s * indicator.weight * d;
    let (bounded_target, bound) = bounded(program, indicator.direction, model_target);
    let final_target = indicator.negotiated_target.unwrap_or(bounded_target);
    let impact = s * (final_target - c);
    let benefit = impact * value.benefit_per_unit;
    let finite = [model_target, final_target, impact, benefit]
        .iter()
        .all(|v| v.is_finite());
    let wrong_way =
        (finite && indicator.negotiated_target.is_some() && impact < -1e-12).then_some(WrongWay {
            counterfactual: c,
            target: final_target,
            lost: -benefit,
        });
    RowTargets {
        at_bound: bound.is_some(),
        targets: finite.then_some(Targets {
            model_target,
            bounded_target,
            bound,
            final_target,
            impact,
            benefit,
            share_of_benefit: None,
        }),
        wrong_way,
    }
}

/// B: the benefits of the rows that have targets, summed in row order.
pub(super) fn total_of(indicators: impl Iterator<Item = Option<Targets>>) -> f64 {
    let mut sum = 0.0;
    for targets in indicators.flatten() {
        sum += targets.benefit;
    }
    sum
}

/// Each row's share of B (none when B is not positive).
pub(super) fn set_shares(indicators: &mut [IndicatorOutcome], sum: f64) {
    let positive = sum > 0.0;
    for outcome in indicators {
        if let Some(targets) = &mut outcome.targets {
            targets.share_of_benefit = positive.then(|| targets.benefit / sum);
        }
    }
}
