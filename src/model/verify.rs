//! MODEL.md §5: sample sizes for verification surveys, the minimum detectable target,
//! compliance at each measurement round (rules 1 and 2) and the performance tranche.

use super::compute::Outcome;
use super::problem::{Field, Location};
use super::stats::{TestKind, minimum_detectable_change, normal_quantile, required_sample_size};
use super::{Direction, Measurement, Project, Spread, TrancheRule};

/// z for the two-sided 95% intervals of compliance rule 2.
fn z95() -> f64 {
    normal_quantile(0.975)
}

/// Verification of one indicator (MODEL.md §5, first two items).
#[derive(Clone, Debug, PartialEq)]
pub struct RowVerification {
    pub design_effect: f64,
    pub test: TestKind,
    /// Respondents needed to tell the final target from the counterfactual.
    pub required_sample_size: Option<f64>,
    /// c + s·MDE with the planned sample, when some change is detectable.
    pub minimum_detectable_target: Option<f64>,
    /// The more demanding of the bounded model target and the minimum detectable target.
    pub minimum_acceptable_target: Option<f64>,
    /// With a planned sample: whether it can tell the final target from the counterfactual.
    pub verifiable: Option<bool>,
    /// The detectable target passes the ceiling/floor (or nothing is detectable): the sample
    /// cannot verify this indicator.
    pub cannot_be_verified: bool,
    /// With a survey budget: whether this indicator's sample still fits, in table order.
    pub fits_budget: Option<bool>,
}

const SURVEY_FIELDS: [Field; 6] = [
    Field::PlannedSample,
    Field::ClusterSize,
    Field::Icc,
    Field::DesignEffect,
    Field::Alpha,
    Field::Power,
];

/// Verification of every indicator; `None` where the targets or the survey inputs have errors.
pub fn verification(project: &Project, outcome: &Outcome) -> Vec<Option<RowVerification>> {
    let program = &project.program;
    let mut used_budget = 0.0;
    project
        .indicators
        .iter()
        .zip(&outcome.indicators)
        .enumerate()
        .map(|(i, (indicator, row))| {
            let survey_error = outcome.problems.iter().any(|p| {
                p.is_error()
                    && p.location == Location::Indicator(i)
                    && SURVEY_FIELDS.contains(&p.field)
            });
            let (Some(c), Some(targets)) = (row.counterfactual, row.targets) else {
                return None;
            };
            if survey_error {
                return None;
            }
            let design = &indicator.survey;
            let deff = design.design_effect();
            let s = indicator.direction.sign();
            let required = required_sample_size(
                c,
                targets.final_target,
                design.alpha,
                design.power,
                deff,
                design.test,
            );
            let detectable = design.planned_n.map(|n| {
                minimum_detectable_change(c, s, n, design.alpha, design.power, deff, design.test)
                    .map(|mde| c + s * mde)
            });
            let minimum_detectable_target = detectable.flatten();
            let beyond_bound = match (indicator.direction, minimum_detectable_target) {
                (Direction::Higher, Some(t)) => t > program.ceiling + 1e-12,
                (Direction::Lower, Some(t)) => t < program.floor - 1e-12,
                (_, None) => detectable.is_some(),
            };
            let minimum_acceptable_target =
                minimum_detectable_target.map(|t| match indicator.direction {
                    Direction::Higher => t.max(targets.bounded_target),
                    Direction::Lower => t.min(targets.bounded_target),
                });
            let verifiable = design
                .planned_n
                .map(|n| !beyond_bound && required.is_some_and(|r| r <= n + 1e-9));
            let fits_budget = program.survey_budget.map(|budget| {
                let need = required.unwrap_or(f64::INFINITY);
                used_budget += need;
                used_budget <= budget + 1e-9
            });
            Some(RowVerification {
                design_effect: deff,
                test: design.test,
                required_sample_size: required,
                minimum_detectable_target,
                minimum_acceptable_target: if beyond_bound {
                    None
                } else {
                    minimum_acceptable_target
                },
                verifiable,
                cannot_be_verified: beyond_bound,
                fits_budget,
            })
        })
        .collect()
}

/// Compliance of one indicator at one round.
#[derive(Clone, Debug, PartialEq)]
pub struct RowCompliance {
    pub estimate: Option<f64>,
    pub standard_error: Option<f64>,
    /// The 95% interval of the estimate.
    pub interval: Option<(f64, f64)>,
    /// Rule 1: the estimate reaches the target.
    pub rule1: bool,
    /// Rule 2: the interval lies on the improving side of the counterfactual (or of its own
    /// interval when the counterfactual has a standard error).
    pub rule2: bool,
    pub met: bool,
    /// Why not met (empty when met).
    pub shortfalls: Vec<Shortfall>,
    pub payment_weight: f64,
    /// Progress from the counterfactual to the target, between 0 and 1.
    pub achievement: f64,
}

/// Why an indicator did not meet its target at a round.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shortfall {
    /// The round has no estimate for the indicator.
    NotMeasured,
    /// The estimate's precision cannot be computed from its n, DEFF or interval.
    NoPrecision,
    /// Rule 1: the estimate does not reach the target.
    Target {
        estimate: f64,
        target: f64,
        direction: Direction,
    },
    /// Rule 2: the 95 % interval reaches the counterfactual (or overlaps its interval when the
    /// counterfactual has a standard error).
    Counterfactual {
        low: f64,
        high: f64,
        counterfactual: f64,
        with_its_interval: bool,
    },
}

/// The result of one measurement round.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundOutcome {
    pub round: usize,
    pub rows: Vec<Option<RowCompliance>>,
    /// Σ weight·met / Σ weight.
    pub weighted_share_met: f64,
    /// Fraction of the tranche the rule pays.
    pub paid_fraction: f64,
    pub tranche_paid: f64,
}

fn interval_of(measurement: &Measurement) -> Option<(f64, f64, f64)> {
    let y = measurement.estimate;
    let z = z95();
    let (se, low, high) = match measurement.spread {
        Spread::StandardError(se) => (se, y - z * se, y + z * se),
        Spread::Sample { n, deff } => {
            let se = (deff * y * (1.0 - y) / n).sqrt();
            (se, y - z * se, y + z * se)
        }
        Spread::Interval { low, high } => ((high - low) / (2.0 * z), low, high),
    };
    [se, low, high]
        .iter()
        .all(|v| v.is_finite())
        .then_some((se, low, high))
}

/// Rules 1 and 2 for every indicator at round `round`, the weighted share met and the tranche.
pub fn evaluate_round(project: &Project, outcome: &Outcome, round: usize) -> RoundOutcome {
    let z = z95();
    let rows: Vec<Option<RowCompliance>> = project
        .indicators
        .iter()
        .zip(&outcome.indicators)
        .map(|(indicator, row)| {
            let (c, targets) = (row.counterfactual?, row.targets?);
            let target = targets.final_target;
            let s = indicator.direction.sign();
            let weight = if indicator.payment_weight.is_finite() {
                indicator.payment_weight.max(0.0)
            } else {
                0.0
            };
            let Some(measurement) = indicator.measurements.get(round).copied().flatten() else {
                return Some(RowCompliance {
                    estimate: None,
                    standard_error: None,
                    interval: None,
                    rule1: false,
                    rule2: false,
                    met: false,
                    shortfalls: vec![Shortfall::NotMeasured],
                    payment_weight: weight,
                    achievement: 0.0,
                });
            };
            let y = measurement.estimate;
            let Some((se, low, high)) = interval_of(&measurement) else {
                return Some(RowCompliance {
                    estimate: Some(y),
                    standard_error: None,
                    interval: None,
                    rule1: false,
                    rule2: false,
                    met: false,
                    shortfalls: vec![Shortfall::NoPrecision],
                    payment_weight: weight,
                    achievement: 0.0,
                });
            };
            let rule1 = s * (y - target) >= -1e-12;
            let counterfactual_margin = indicator
                .survey
                .counterfactual_se
                .map_or(0.0, |se_c| z * se_c);
            let rule2 = match indicator.direction {
                Direction::Higher => low > c + counterfactual_margin,
                Direction::Lower => high < c - counterfactual_margin,
            };
            let mut shortfalls = Vec::new();
            if !rule1 {
                let direction = indicator.direction;
                shortfalls.push(Shortfall::Target {
                    estimate: y,
                    target,
                    direction,
                });
            }
            if !rule2 {
                shortfalls.push(Shortfall::Counterfactual {
                    low,
                    high,
                    counterfactual: c,
                    with_its_interval: indicator.survey.counterfactual_se.is_some(),
                });
            }
            let span = s * (target - c);
            let achievement = if span > 0.0 {
                (s * (y - c) / span).clamp(0.0, 1.0)
            } else if rule1 {
                1.0
            } else {
                0.0
            };
            Some(RowCompliance {
                estimate: Some(y),
                standard_error: Some(se),
                interval: Some((low, high)),
                rule1,
                rule2,
                met: rule1 && rule2,
                shortfalls,
                payment_weight: weight,
                achievement,
            })
        })
        .collect();
    let total_weight: f64 = rows.iter().flatten().map(|r| r.payment_weight).sum();
    let share = |value: &dyn Fn(&RowCompliance) -> f64| {
        if total_weight > 0.0 {
            rows.iter()
                .flatten()
                .map(|r| r.payment_weight * value(r))
                .sum::<f64>()
                / total_weight
        } else {
            0.0
        }
    };
    let weighted_share_met = share(&|r| if r.met { 1.0 } else { 0.0 });
    let program = &project.program;
    let paid_fraction = match &program.tranche {
        TrancheRule::AllOrNothing { threshold } => {
            if weighted_share_met >= threshold - 1e-12 {
                1.0
            } else {
                0.0
            }
        }
        TrancheRule::Continuous => share(&|r| r.achievement),
        TrancheRule::Steps(steps) => steps
            .iter()
            .filter(|(at_least, _)| weighted_share_met >= at_least - 1e-12)
            .map(|(_, paid)| *paid)
            .fold(0.0, f64::max),
    };
    RoundOutcome {
        round,
        rows,
        weighted_share_met,
        paid_fraction,
        tranche_paid: paid_fraction * program.tranche_amount,
    }
}
