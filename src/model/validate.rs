//! Validation of every input (MODEL.md §6): each problem names its sheet, row and field and
//! what is wrong ([`ProblemKind`]). An error excludes what depends on the cell from the
//! computation; a warning is shown but changes nothing.

use std::collections::HashSet;

use super::links::Links;
use super::problem::{Field, Location, PrecisionPart, Problem, ProblemKind};
use super::{Bound, Direction, Indicator, Program, Project, Spread, TrancheRule};

fn finite_positive(value: f64) -> bool {
    value.is_finite() && value > 0.0
}

fn proportion(value: f64) -> bool {
    value.is_finite() && (0.0..=1.0).contains(&value)
}

/// NaN is how an input with no value is held (one a workbook did not give).
fn missing_or(value: f64, invalid: ProblemKind) -> ProblemKind {
    if value.is_nan() {
        ProblemKind::Missing
    } else {
        invalid
    }
}

/// Every problem with the inputs of `project`, in sheet order.
pub fn validate(project: &Project) -> Vec<Problem> {
    validate_linked(project, &project.program, &Links::of(project))
}

/// [`validate`] with `program` in place of the project's program, given each indicator's
/// condition row.
pub(crate) fn validate_linked(project: &Project, program: &Program, links: &Links) -> Vec<Problem> {
    let mut problems = Vec::new();
    program_rules(program, project.indicators.is_empty(), &mut problems);
    condition_rules(project, &mut problems);
    for (i, indicator) in project.indicators.iter().enumerate() {
        indicator_rules(
            project,
            program,
            links.condition_of(i).is_some(),
            i,
            indicator,
            &mut problems,
        );
    }
    problems
}

fn program_rules(p: &Program, has_no_indicators: bool, problems: &mut Vec<Problem>) {
    let mut error = |field: Field, kind: ProblemKind| {
        problems.push(Problem::error(Location::Program, "", field, kind))
    };
    let invalid = |value: f64| ProblemKind::Invalid { value };
    if !finite_positive(p.total_cost) {
        error(
            Field::TotalCost,
            missing_or(p.total_cost, invalid(p.total_cost)),
        );
    }
    if !(p.program_years.is_finite() && p.program_years >= 0.0) {
        let kind = missing_or(p.program_years, invalid(p.program_years));
        error(Field::ProgramYears, kind);
    }
    if !finite_positive(p.gni_per_capita) {
        let kind = missing_or(p.gni_per_capita, invalid(p.gni_per_capita));
        error(Field::GniPerCapita, kind);
    }
    if !finite_positive(p.daly_multiple) {
        error(Field::DalyMultiple, invalid(p.daly_multiple));
    }
    if !(p.discount_rate.is_finite() && (0.0..1.0).contains(&p.discount_rate)) {
        let value = p.discount_rate;
        error(
            Field::DiscountRate,
            ProblemKind::OutsideProportion { value },
        );
    }
    if p.horizon_years == 0 || p.horizon_years > 200 {
        let value = p.horizon_years;
        error(Field::HorizonYears, ProblemKind::Years { value });
    }
    if !proportion(p.ceiling) {
        error(
            Field::Ceiling,
            ProblemKind::OutsideProportion { value: p.ceiling },
        );
    }
    if !proportion(p.floor) {
        error(
            Field::Floor,
            ProblemKind::OutsideProportion { value: p.floor },
        );
    } else if proportion(p.ceiling) && p.floor > p.ceiling {
        let kind = ProblemKind::FloorAboveCeiling {
            floor: p.floor,
            ceiling: p.ceiling,
        };
        error(Field::Floor, kind);
    }
    if !finite_positive(p.required_ratio) {
        error(Field::RequiredRatio, invalid(p.required_ratio));
    }
    if !(p.default_annual_change.is_finite() && (-1.0..=1.0).contains(&p.default_annual_change)) {
        error(Field::DefaultAnnualChange, invalid(p.default_annual_change));
    }
    if has_no_indicators {
        error(Field::Indicators, ProblemKind::NoIndicators);
    }
    if let Some(budget) = p.survey_budget
        && !finite_positive(budget)
    {
        error(Field::SurveyBudget, invalid(budget));
    }
    if !(p.tranche_amount.is_finite() && p.tranche_amount >= 0.0) {
        error(Field::TrancheAmount, invalid(p.tranche_amount));
    }
    match &p.tranche {
        TrancheRule::AllOrNothing { threshold } if !proportion(*threshold) => {
            let value = *threshold;
            error(
                Field::TrancheThreshold,
                ProblemKind::OutsideProportion { value },
            );
        }
        TrancheRule::Steps(steps)
            if steps
                .iter()
                .any(|(share, paid)| !proportion(*share) || !proportion(*paid)) =>
        {
            error(Field::TrancheThreshold, ProblemKind::TrancheSteps);
        }
        _ => {}
    }
}

/// The rules of the Values rows: a name, unique among the conditions (trimmed), DALYs of 0 or
/// more and a population above zero.
fn condition_rules(project: &Project, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (j, condition) in project.conditions.iter().enumerate() {
        let at = Location::Condition(j);
        let name = condition.name.as_str();
        let mut error = |field, kind| problems.push(Problem::error(at, name, field, kind));
        if name.trim().is_empty() {
            error(Field::Name, ProblemKind::NoName);
        } else if !seen.insert(name.trim()) {
            let name = name.trim().to_owned();
            error(
                Field::Name,
                ProblemKind::DuplicateName { name, above: true },
            );
        }
        if !(condition.dalys.is_finite() && condition.dalys >= 0.0) {
            let value = condition.dalys;
            error(
                Field::Dalys,
                missing_or(value, ProblemKind::Invalid { value }),
            );
        }
        if !finite_positive(condition.population) {
            let value = condition.population;
            error(
                Field::Population,
                missing_or(value, ProblemKind::Invalid { value }),
            );
        }
    }
}

/// The rules of one Targets row (`linked`: its condition was found).
fn indicator_rules(
    project: &Project,
    program: &Program,
    linked: bool,
    i: usize,
    indicator: &Indicator,
    problems: &mut Vec<Problem>,
) {
    let at = Location::Indicator(i);
    let name = indicator.name.as_str();
    let mut error = |field, kind| problems.push(Problem::error(at, name, field, kind));
    if !linked {
        let condition = indicator.condition.trim();
        let kind = if condition.is_empty() {
            ProblemKind::NoCondition
        } else {
            ProblemKind::UnknownCondition {
                name: condition.to_owned(),
            }
        };
        error(Field::Condition, kind);
    }
    if !finite_positive(indicator.population) {
        let value = indicator.population;
        error(
            Field::Population,
            missing_or(value, ProblemKind::Invalid { value }),
        );
    }
    if !proportion(indicator.baseline) {
        let value = indicator.baseline;
        let kind = missing_or(value, ProblemKind::OutsideProportion { value });
        error(Field::Baseline, kind);
    }
    if let Some(change) = indicator.annual_change
        && !(change.is_finite() && (-1.0..=1.0).contains(&change))
    {
        error(Field::AnnualChange, ProblemKind::Invalid { value: change });
    }
    if !(indicator.weight.is_finite() && indicator.weight >= 0.0) {
        let value = indicator.weight;
        error(Field::Weight, ProblemKind::Invalid { value });
    }
    if let Some(target) = indicator.negotiated_target
        && !proportion(target)
    {
        let kind = ProblemKind::OutsideProportion { value: target };
        error(Field::NegotiatedTarget, kind);
    }
    let mut warning = |field, kind| problems.push(Problem::warning(at, name, field, kind));
    if let Some(target) = indicator.negotiated_target.filter(|t| proportion(*t)) {
        let beyond = match indicator.direction {
            Direction::Higher if target > program.ceiling => {
                Some((Bound::Ceiling, program.ceiling))
            }
            Direction::Lower if target < program.floor => Some((Bound::Floor, program.floor)),
            _ => None,
        };
        if let Some((bound, at)) = beyond {
            let kind = ProblemKind::BeyondBound { target, bound, at };
            warning(Field::NegotiatedTarget, kind);
        }
    }
    if let Some(change) = indicator.annual_change
        && change.is_finite()
        && change.abs() > 0.2
    {
        warning(Field::AnnualChange, ProblemKind::FastTrend { change });
    }
    survey_rules(project, i, indicator, problems);
    let counterfactual =
        indicator.baseline + program.program_years * indicator.effective_annual_change(program);
    if proportion(indicator.baseline)
        && program.program_years.is_finite()
        && counterfactual.is_finite()
        && !(0.0..=1.0).contains(&counterfactual)
    {
        let kind = ProblemKind::CounterfactualHeld {
            reached: counterfactual,
            years: program.program_years,
            counted: counterfactual.clamp(0.0, 1.0),
        };
        problems.push(Problem::warning(at, name, Field::Counterfactual, kind));
    }
}

/// The problems row `i` would have with `indicator` in it (the document checks an edit of one
/// row with this before it enters).
pub fn indicator_problems(project: &Project, i: usize, indicator: &Indicator) -> Vec<Problem> {
    let linked = Links::finds(project, indicator);
    row_problems(project, linked, i, indicator)
}

/// The problems of Targets row `i` holding `indicator` (`linked`: its condition is found), in
/// the order [`validate`] lists them.
pub(crate) fn row_problems(
    project: &Project,
    linked: bool,
    i: usize,
    indicator: &Indicator,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let program = &project.program;
    indicator_rules(project, program, linked, i, indicator, &mut problems);
    problems
}

/// The problems Values row `j` would have with `condition` in it (its name compared with
/// every other row's, above and below).
pub fn condition_problems(
    project: &Project,
    j: usize,
    condition: &super::Condition,
) -> Vec<Problem> {
    let mut conditions = project.conditions.clone();
    if let Some(slot) = conditions.get_mut(j) {
        *slot = condition.clone();
    }
    let scratch = Project {
        conditions,
        indicators: Vec::new(),
        ..Project::default()
    };
    let mut problems = Vec::new();
    condition_rules(&scratch, &mut problems);
    problems.retain(|p| p.location == Location::Condition(j) && p.field != Field::Name);
    let name = condition.name.trim();
    let at = Location::Condition(j);
    if name.is_empty() {
        problems.push(Problem::error(
            at,
            &condition.name,
            Field::Name,
            ProblemKind::NoName,
        ));
    } else if let Some(k) = scratch
        .conditions
        .iter()
        .position(|c| c.name.trim() == name)
        .filter(|&k| k != j)
        .or_else(|| {
            let mut below = scratch.conditions.iter().skip(j + 1);
            below.position(|c| c.name.trim() == name).map(|k| k + j + 1)
        })
    {
        let kind = ProblemKind::DuplicateName {
            name: name.to_owned(),
            above: k < j,
        };
        problems.push(Problem::error(at, &condition.name, Field::Name, kind));
    }
    problems
}

/// The problems the program inputs would have as `program`.
pub fn program_problems(project: &Project, program: &Program) -> Vec<Problem> {
    let mut problems = Vec::new();
    program_rules(program, project.indicators.is_empty(), &mut problems);
    problems
}

/// The verification inputs and measurements of indicator `i`.
fn survey_rules(project: &Project, i: usize, indicator: &Indicator, problems: &mut Vec<Problem>) {
    let at = Location::Indicator(i);
    let name = indicator.name.as_str();
    let design = &indicator.survey;
    let mut error = |field, kind| problems.push(Problem::error(at, name, field, kind));
    let invalid = |value: f64| ProblemKind::Invalid { value };
    if let Some(n) = design.planned_n
        && !finite_positive(n)
    {
        error(Field::PlannedSample, invalid(n));
    }
    if !(design.cluster_size.is_finite() && design.cluster_size >= 1.0) {
        error(Field::ClusterSize, invalid(design.cluster_size));
    }
    if !proportion(design.icc) {
        error(Field::Icc, invalid(design.icc));
    }
    if let Some(deff) = design.deff
        && !finite_positive(deff)
    {
        error(Field::DesignEffect, invalid(deff));
    }
    if !(design.alpha.is_finite() && design.alpha > 0.0 && design.alpha < 1.0) {
        error(Field::Alpha, invalid(design.alpha));
    }
    if !(design.power.is_finite() && design.power > 0.0 && design.power < 1.0) {
        error(Field::Power, invalid(design.power));
    }
    if let Some(se) = design.counterfactual_se
        && !(se.is_finite() && se >= 0.0)
    {
        error(Field::CounterfactualSe, invalid(se));
    }
    if !(indicator.payment_weight.is_finite() && indicator.payment_weight >= 0.0) {
        error(Field::PaymentWeight, invalid(indicator.payment_weight));
    }
    for (k, measurement) in indicator.measurements.iter().enumerate() {
        let Some(m) = measurement else { continue };
        let round = project.rounds.get(k).map(|r| r.name.clone());
        if !proportion(m.estimate) {
            let kind = ProblemKind::Estimate {
                round: round.clone(),
                value: m.estimate,
            };
            error(Field::MeasurementPart(k, 0), kind);
        }
        // Each value of the precision is checked in its own cell: part 1 (SE, n or low) and
        // part 2 (DEFF or high).
        let (first, second) = match m.spread {
            Spread::StandardError(se) => (
                (se.is_finite() && se >= 0.0, PrecisionPart::StandardError),
                (true, PrecisionPart::StandardError),
            ),
            Spread::Sample { n, deff } => (
                (finite_positive(n), PrecisionPart::SampleSize),
                (finite_positive(deff), PrecisionPart::DesignEffect),
            ),
            Spread::Interval { low, high } => (
                (proportion(low), PrecisionPart::IntervalLow),
                (proportion(high) && low <= high, PrecisionPart::IntervalHigh),
            ),
        };
        for (part, (ok, which)) in [(1, first), (2, second)] {
            if !ok {
                let kind = ProblemKind::Precision {
                    round: round.clone(),
                    part: which,
                };
                error(Field::MeasurementPart(k, part), kind);
            }
        }
    }
    if indicator.measurements.len() > project.rounds.len() {
        let kind = ProblemKind::TooManyMeasurements {
            measurements: indicator.measurements.len(),
            rounds: project.rounds.len(),
        };
        error(Field::Measurement(project.rounds.len()), kind);
    }
}
