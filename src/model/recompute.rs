//! One Targets row changed: the outcome brought up to date from the outcome before the change,
//! without validating and computing every other row again. This is what keeps a keystroke in
//! a 10,000-row grid cheap; it applies only where the result is bit for bit what [`compute`]
//! gives (a property test holds it to that), and says so, so that the caller computes the
//! whole project in every other case.
//!
//! d = R·C / Σ w_i·u_i depends on a row only through its weight, its population and its
//! condition, and on whether the row takes part at all. A change that keeps those leaves d
//! and every other row's targets as they were; the row's own targets, B (summed again in row
//! order, as [`compute`] sums it), each row's share of B, and the row's problems change.
//!
//! [`compute`]: super::compute

use super::compute::{
    ErrorCells, RowTargets, benefit_cost_ratio, row_counterfactual, row_targets, row_usable,
    set_shares, surplus, total_of,
};
use super::problem::{Field, Location, Problem, ProblemKind};
use super::{Indicator, IndicatorOutcome, Links, Outcome, Project, validate};

/// Brings `outcome` — what [`super::compute`] gave for `project` with `before` in row `i` —
/// up to date with `project` as it is now, where only row `i` may differ. Returns false, and
/// leaves `outcome` untouched, when the change may move d or which rows take part (a weight,
/// a population, a condition, a row that joins or leaves) or when B is not finite: the
/// caller then computes the whole project.
pub fn recompute_row(
    project: &Project,
    i: usize,
    before: &Indicator,
    outcome: &mut Outcome,
) -> bool {
    let Some(after) = project.indicators.get(i) else {
        return false;
    };
    let same_shape = outcome.indicators.len() == project.indicators.len();
    let (Some(d), Some(_)) = (outcome.minimum_impact, outcome.total_benefit) else {
        return false;
    };
    if !same_shape || moves_d(before, after) {
        return false;
    }
    let at = Location::Indicator(i);
    let row_problems = validate::row_problems(project, Links::finds(project, after), i, after);
    let program_problems = outcome
        .problems
        .iter()
        .take_while(|p| p.location == Location::Program);
    let errors = ErrorCells::new(program_problems.chain(&row_problems));
    let program = &project.program;
    let trend_usable = !errors.any(
        Location::Program,
        &[Field::ProgramYears, Field::DefaultAnnualChange],
    );
    let old = outcome.indicators[i];
    let mut row = IndicatorOutcome {
        counterfactual: row_counterfactual(program, after, at, &errors, trend_usable),
        // The population and the condition are as they were.
        value: old.value,
        targets: None,
    };
    let usable = row_usable(&row, i, &errors);
    if usable != outcome.excluded_rows.binary_search(&i).is_err() {
        return false;
    }
    let mut wrong_way = None;
    if usable {
        let (Some(c), Some(value)) = (row.counterfactual, row.value) else {
            return false;
        };
        let RowTargets {
            targets,
            wrong_way: wrong,
            ..
        } = row_targets(program, after, c, value, d);
        // A row with a product out of range is counted at its bound but left out of B:
        // rare enough to leave to the whole computation.
        if targets.is_none() || old.targets.is_none() {
            return false;
        }
        row.targets = targets;
        wrong_way = wrong;
    }
    let rows = outcome.indicators.iter().enumerate();
    let sum = total_of(rows.map(|(k, r)| if k == i { row.targets } else { r.targets }));
    if !sum.is_finite() {
        return false;
    }

    let bound = |r: &IndicatorOutcome| usize::from(r.targets.is_some_and(|t| t.bound.is_some()));
    outcome.rows_at_bound = outcome.rows_at_bound - bound(&old) + bound(&row);
    outcome.indicators[i] = row;
    set_shares(&mut outcome.indicators, sum);
    outcome.total_benefit = Some(sum);
    outcome.benefit_cost_ratio = Some(benefit_cost_ratio(program, sum));
    outcome.surplus = Some(surplus(program, sum));
    let wrong_way = wrong_way.map(|w| w.problem(project, i));
    replace_row_problems(&mut outcome.problems, i, row_problems, wrong_way);
    true
}

/// True when going from `before` to `after` may change d: its weight, its population or its
/// condition changed.
fn moves_d(before: &Indicator, after: &Indicator) -> bool {
    before.weight.to_bits() != after.weight.to_bits()
        || before.population.to_bits() != after.population.to_bits()
        || before.condition != after.condition
        || before.condition_id != after.condition_id
}

/// Puts row `i`'s problems in place of the ones it had, where [`super::compute`] lists them:
/// the validation's problems in sheet order, then the warnings on negotiated targets on the
/// wrong side of their counterfactual, by row (the only problems the computation adds while d
/// and B are finite).
fn replace_row_problems(
    problems: &mut Vec<Problem>,
    i: usize,
    row: Vec<Problem>,
    wrong_way: Option<Problem>,
) {
    let at = Location::Indicator(i);
    let is_wrong_way = |p: &Problem| matches!(p.kind, ProblemKind::WrongWay { .. });
    let split = problems.len()
        - problems
            .iter()
            .rev()
            .take_while(|p| is_wrong_way(p))
            .count();
    let wrong = &problems[split..];
    let place = split + wrong.partition_point(|p| p.location < at);
    let had = problems.get(place).is_some_and(|p| p.location == at);
    match (had, wrong_way) {
        (true, Some(problem)) => problems[place] = problem,
        (true, None) => {
            problems.remove(place);
        }
        (false, Some(problem)) => problems.insert(place, problem),
        (false, None) => {}
    }
    let checked = &problems[..split];
    let start = checked.partition_point(|p| p.location < at);
    let end = start
        + checked[start..]
            .iter()
            .take_while(|p| p.location == at)
            .count();
    problems.splice(start..end, row);
}
