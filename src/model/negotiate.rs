//! MODEL.md §3: rebalance the unlocked rows, and goal seek on one row.

use super::compute::{Outcome, bounded, compute};
use super::problem::{Location, Problem};
use super::{Direction, Project};

/// Why a negotiation action cannot run.
#[derive(Clone, Debug, PartialEq)]
pub enum NegotiationError {
    /// d cannot be computed: the errors that stop it.
    NotComputable(Vec<Problem>),
    /// Goal seek on 1-based row `row` cannot run.
    RowNotComputable { row: usize, why: RowBlock },
    /// There is no indicator in 1-based row `row`.
    NoSuchRow(usize),
}

/// Why goal seek cannot move one row.
#[derive(Clone, Debug, PartialEq)]
pub enum RowBlock {
    /// The row's own inputs have errors.
    Problems(Vec<Problem>),
    /// The row's condition has a problem.
    Condition,
    /// The row carries no benefit (N·V is zero).
    NoBenefit,
}

/// How a rebalance ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RebalanceStatus {
    /// Benefits equal R·C.
    Balanced,
    /// The locked rows alone give more than R·C: free rows are at their counterfactual
    /// (d' is not allowed below 0) and benefits exceed R·C by this amount.
    Surplus { surplus: f64 },
    /// Every free row is at its bound or locked and benefits fall short of R·C by this amount.
    Shortfall { shortfall: f64 },
}

/// The result of a rebalance: new targets for the free rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Rebalance {
    /// (row, new final target) for every free row that takes part.
    pub targets: Vec<(usize, f64)>,
    /// d': the common impact shared by the free rows that are not at a bound.
    pub shared_impact: f64,
    /// Free rows held at their bound.
    pub at_bound: Vec<usize>,
    pub status: RebalanceStatus,
}

/// The result of goal seek on one row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GoalSeek {
    pub row: usize,
    /// The target of the row that brings BCR to R, held within its bounds.
    pub target: f64,
    /// Surplus (positive) or shortfall (negative) left in money once the row is at `target`:
    /// zero when the goal was reached.
    pub remaining_surplus: f64,
}

impl GoalSeek {
    pub fn reached(&self) -> bool {
        self.remaining_surplus == 0.0
    }
}

fn computable(project: &Project) -> Result<Outcome, NegotiationError> {
    let outcome = compute(project);
    if outcome.minimum_impact.is_none() {
        let errors = outcome.errors().cloned().collect();
        return Err(NegotiationError::NotComputable(errors));
    }
    Ok(outcome)
}

/// The range a target of this direction may take: up to the ceiling for higher-is-better,
/// down to the floor for lower-is-better, and never outside 0–100%.
fn clamp_target(project: &Project, direction: Direction, target: f64) -> f64 {
    match direction {
        Direction::Higher => target.clamp(0.0, project.program.ceiling),
        Direction::Lower => target.clamp(project.program.floor, 1.0),
    }
}

/// Locked rows keep their target; every free row gets `c_i + s_i·w_i·d'` with
/// `d' = (R·C − B_locked) / Σ_free w_i·u_i`, rows that would pass their bound held there and
/// d' solved again over the rest until stable. Rows with errors take no part.
pub fn rebalance(project: &Project) -> Result<Rebalance, NegotiationError> {
    let outcome = computable(project)?;
    let program = &project.program;
    let goal = program.required_ratio * program.total_cost;

    let mut fixed_benefit = 0.0;
    let mut free = Vec::new();
    for (i, (indicator, row)) in project
        .indicators
        .iter()
        .zip(&outcome.indicators)
        .enumerate()
    {
        let (Some(targets), Some(value)) = (row.targets, row.value) else {
            continue;
        };
        if indicator.locked {
            fixed_benefit += targets.benefit;
        } else {
            let c = row.counterfactual.unwrap_or(targets.final_target);
            free.push((i, c, value.benefit_per_unit));
        }
    }

    // held[k]: the bound free row k is held at, once its target would pass it.
    let mut held: Vec<Option<f64>> = vec![None; free.len()];
    let mut shared_impact;
    loop {
        let mut held_benefit = 0.0;
        let mut denominator = 0.0;
        for (&(i, c, u), hold) in free.iter().zip(&held) {
            let indicator = &project.indicators[i];
            match hold {
                Some(target) => held_benefit += indicator.direction.sign() * (target - c) * u,
                None => denominator += indicator.weight * u,
            }
        }
        let needed = goal - fixed_benefit - held_benefit;
        shared_impact = if denominator > 0.0 {
            (needed / denominator).max(0.0)
        } else {
            0.0
        };
        let mut newly_held = false;
        for (&(i, c, _), hold) in free.iter().zip(held.iter_mut()) {
            let indicator = &project.indicators[i];
            if hold.is_none()
                && let (at, Some(_)) = bounded(
                    program,
                    indicator.direction,
                    c + indicator.direction.sign() * indicator.weight * shared_impact,
                )
            {
                *hold = Some(at);
                newly_held = true;
            }
        }
        // Holding a row at its bound only raises d', so rows once held stay held.
        if !newly_held {
            break;
        }
    }

    let mut targets = Vec::with_capacity(free.len());
    let mut at_bound = Vec::new();
    let mut benefit = fixed_benefit;
    for (&(i, c, u), hold) in free.iter().zip(&held) {
        let indicator = &project.indicators[i];
        let s = indicator.direction.sign();
        let target = hold.unwrap_or(c + s * indicator.weight * shared_impact);
        if hold.is_some() {
            at_bound.push(i);
        }
        benefit += s * (target - c) * u;
        targets.push((i, target));
    }
    let difference = benefit - goal;
    let tolerance = 1e-9 * goal.abs().max(1.0);
    let status = if difference.abs() <= tolerance {
        RebalanceStatus::Balanced
    } else if difference > 0.0 {
        RebalanceStatus::Surplus {
            surplus: difference,
        }
    } else {
        RebalanceStatus::Shortfall {
            shortfall: -difference,
        }
    };
    Ok(Rebalance {
        targets,
        shared_impact,
        at_bound,
        status,
    })
}

/// The single target of row `row` that makes BCR = R given all other rows:
/// `F_k = c_k + s_k·(R·C − B_{−k}) / u_k`, held within its bounds.
pub fn goal_seek(project: &Project, row: usize) -> Result<GoalSeek, NegotiationError> {
    let indicator = project
        .indicators
        .get(row)
        .ok_or(NegotiationError::NoSuchRow(row + 1))?;
    let outcome = computable(project)?;
    let own = &outcome.indicators[row];
    let (Some(c), Some(value), Some(targets)) = (own.counterfactual, own.value, own.targets) else {
        let problems: Vec<Problem> = outcome
            .errors()
            .filter(|p| p.location == Location::Indicator(row))
            .cloned()
            .collect();
        let why = if problems.is_empty() {
            RowBlock::Condition
        } else {
            RowBlock::Problems(problems)
        };
        return Err(NegotiationError::RowNotComputable { row: row + 1, why });
    };
    if value.benefit_per_unit <= 0.0 {
        let why = RowBlock::NoBenefit;
        return Err(NegotiationError::RowNotComputable { row: row + 1, why });
    }
    let program = &project.program;
    let goal = program.required_ratio * program.total_cost;
    let others = outcome.total_benefit.unwrap_or(0.0) - targets.benefit;
    let s = indicator.direction.sign();
    let exact = c + s * (goal - others) / value.benefit_per_unit;
    let target = clamp_target(project, indicator.direction, exact);
    let benefit = others + s * (target - c) * value.benefit_per_unit;
    let remaining = benefit - goal;
    let tolerance = 1e-9 * goal.abs().max(1.0);
    Ok(GoalSeek {
        row,
        target,
        remaining_surplus: if remaining.abs() <= tolerance {
            0.0
        } else {
            remaining
        },
    })
}
