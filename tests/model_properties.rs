//! Invariants of the model over random projects (proptest).

use proptest::prelude::*;
use rbf_targets::i18n::Lang;
use rbf_targets::model::{
    Condition, Direction, Indicator, Program, Project, RebalanceStatus, compute, goal_seek,
    rebalance, recompute_row,
};

fn condition() -> impl Strategy<Value = Condition> {
    (1.0..1e6f64, 1e3..1e7f64).prop_map(|(dalys, population)| Condition {
        dalys,
        population,
        ..Condition::default()
    })
}

fn indicator(conditions: usize) -> impl Strategy<Value = Indicator> {
    (
        0..conditions,
        any::<bool>(),
        1.0..1e6f64,
        0.0..1.0f64,
        proptest::option::of(-0.05..0.05f64),
        0.2..3.0f64,
        any::<bool>(),
        0.0..1.0f64,
    )
        .prop_map(
            |(j, lower, population, baseline, annual_change, weight, locked, negotiated)| {
                Indicator {
                    name: "row".into(),
                    condition: format!("Condition {j}"),
                    direction: if lower {
                        Direction::Lower
                    } else {
                        Direction::Higher
                    },
                    population,
                    baseline,
                    annual_change,
                    weight,
                    negotiated_target: locked.then_some(negotiated),
                    locked,
                    ..Indicator::default()
                }
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (1usize..5)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec(condition(), n),
                proptest::collection::vec(indicator(n), 1..12),
                1e4..1e8f64,
                100.0..20_000.0f64,
                0.0..0.2f64,
                1u32..40,
                0.0..5.0f64,
                0.5..3.0f64,
                0.8..1.0f64,
                0.0..0.2f64,
            )
        })
        .prop_map(
            |(
                mut conditions,
                indicators,
                cost,
                gni,
                rate,
                horizon,
                years,
                ratio,
                ceiling,
                floor,
            )| {
                for (j, c) in conditions.iter_mut().enumerate() {
                    c.name = format!("Condition {j}");
                }
                Project {
                    program: Program {
                        total_cost: cost,
                        gni_per_capita: gni,
                        discount_rate: rate,
                        horizon_years: horizon,
                        program_years: years,
                        required_ratio: ratio,
                        ceiling,
                        floor,
                        ..Program::default()
                    },
                    conditions,
                    indicators,
                    ..Project::default()
                }
            },
        )
}

fn relative_gap(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

fn all_finite(outcome: &rbf_targets::model::Outcome) -> bool {
    let scalars = [
        outcome.minimum_impact,
        outcome.total_benefit,
        outcome.benefit_cost_ratio,
        outcome.surplus,
        outcome.present_value_factor,
    ];
    scalars.iter().flatten().all(|v| v.is_finite())
        && outcome.indicators.iter().all(|row| {
            row.counterfactual.is_none_or(f64::is_finite)
                && row.targets.is_none_or(|t| {
                    [
                        t.model_target,
                        t.bounded_target,
                        t.final_target,
                        t.impact,
                        t.benefit,
                    ]
                    .iter()
                    .all(|v| v.is_finite())
                })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every target at its unbounded model level gives BCR = R: Σ s·(M − c)·u = R·C.
    #[test]
    fn model_level_targets_give_the_required_ratio(mut project in project()) {
        for indicator in &mut project.indicators {
            indicator.negotiated_target = None;
        }
        let outcome = compute(&project);
        prop_assert!(all_finite(&outcome));
        let mut benefit = 0.0;
        for (indicator, row) in project.indicators.iter().zip(&outcome.indicators) {
            let (Some(c), Some(value), Some(targets)) =
                (row.counterfactual, row.value, row.targets)
            else {
                continue;
            };
            let impact = indicator.direction.sign() * (targets.model_target - c);
            benefit += impact * value.benefit_per_unit;
        }
        if outcome.minimum_impact.is_some() {
            let ratio = benefit / project.program.total_cost;
            prop_assert!(relative_gap(ratio, project.program.required_ratio) < 1e-9, "BCR {ratio}");
            // With no bound in play the program's own ratio is R too.
            if outcome.rows_at_bound == 0 {
                let own = outcome.benefit_cost_ratio.unwrap_or(f64::NAN);
                prop_assert!(relative_gap(own, project.program.required_ratio) < 1e-9, "BCR {own}");
            }
        }
    }

    /// Lock any subset and rebalance: BCR = R whenever feasible, bounds hold, no NaN.
    #[test]
    fn rebalance_meets_the_ratio_within_bounds(mut project in project()) {
        let Ok(result) = rebalance(&project) else { return Ok(()); };
        prop_assert!(result.shared_impact.is_finite() && result.shared_impact >= 0.0);
        let program = project.program.clone();
        for &(row, target) in &result.targets {
            prop_assert!(target.is_finite());
            match project.indicators[row].direction {
                Direction::Higher => prop_assert!(target <= program.ceiling + 1e-12),
                Direction::Lower => prop_assert!(target >= program.floor - 1e-12),
            }
            project.indicators[row].negotiated_target = Some(target);
        }
        let outcome = compute(&project);
        prop_assert!(all_finite(&outcome));
        let ratio = outcome.benefit_cost_ratio.unwrap_or(f64::NAN);
        match result.status {
            RebalanceStatus::Balanced => {
                let gap = relative_gap(ratio, program.required_ratio);
                prop_assert!(gap < 1e-9, "BCR {ratio}");
            }
            RebalanceStatus::Surplus { surplus } => {
                prop_assert!(surplus > 0.0 && ratio > program.required_ratio);
                prop_assert_eq!(result.shared_impact, 0.0);
            }
            RebalanceStatus::Shortfall { shortfall } => {
                prop_assert!(shortfall > 0.0 && shortfall.is_finite());
                prop_assert!(ratio < program.required_ratio);
                // Only infeasible when every free row is held at its bound.
                prop_assert_eq!(result.at_bound.len(), result.targets.len());
            }
        }
    }

    /// Goal seek on any row gives BCR = R, or says by how much it falls short at the bound.
    #[test]
    fn goal_seek_meets_the_ratio(mut project in project(), pick in any::<prop::sample::Index>()) {
        let row = pick.index(project.indicators.len());
        let Ok(seek) = goal_seek(&project, row) else { return Ok(()); };
        prop_assert!(seek.target.is_finite() && (0.0..=1.0).contains(&seek.target));
        project.indicators[row].negotiated_target = Some(seek.target);
        let outcome = compute(&project);
        let ratio = outcome.benefit_cost_ratio.unwrap_or(f64::NAN);
        if seek.reached() {
            prop_assert!(relative_gap(ratio, project.program.required_ratio) < 1e-9, "BCR {ratio}");
        } else {
            let surplus = outcome.surplus.unwrap_or(f64::NAN);
            prop_assert!(relative_gap(surplus, seek.remaining_surplus) < 1e-6);
        }
    }

    /// Any numbers at all, NaN and infinity included, give problems, never a panic or a NaN.
    #[test]
    fn arbitrary_numbers_never_panic_or_show_nan(
        cost in any::<f64>(), gni in any::<f64>(), population in any::<f64>(),
        baseline in any::<f64>(), dalys in any::<f64>(), weight in any::<f64>(),
    ) {
        let project = Project {
            program: Program { total_cost: cost, gni_per_capita: gni, ..Program::default() },
            conditions: vec![Condition {
                name: "C".into(),
                dalys,
                population: 1e5,
                ..Condition::default()
            }],
            indicators: vec![Indicator {
                condition: "C".into(), population, baseline, weight, ..Indicator::default()
            }],
            ..Project::default()
        };
        let outcome = compute(&project);
        prop_assert!(all_finite(&outcome));
        for problem in &outcome.problems {
            let text = rbf_targets::present::problem::sentence(problem, Lang::En);
            prop_assert!(!text.contains("NaN") && !text.contains("inf"), "{}", text);
        }
    }
}

/// A keystroke's new version of one row: any value, valid or not, in the fields a negotiation
/// types, and now and then a change of what d depends on (0: weight, 1: population, 2:
/// condition).
#[derive(Clone, Debug)]
struct RowChange {
    name: Option<String>,
    baseline: f64,
    annual_change: Option<f64>,
    negotiated_target: Option<f64>,
    lower: bool,
    moves_d: u8,
}

fn row_change() -> impl Strategy<Value = RowChange> {
    let proportion = prop_oneof![0.0..1.0f64, -0.5..1.5f64, Just(f64::NAN)];
    let trend = prop_oneof![-0.05..0.05f64, -0.3..0.3f64, Just(f64::NAN)];
    (
        proptest::option::of("[a-z]{1,8}"),
        proportion,
        proptest::option::of(trend),
        proptest::option::of(-0.2..1.2f64),
        any::<bool>(),
        0u8..8,
    )
        .prop_map(
            |(name, baseline, annual_change, negotiated_target, lower, moves_d)| RowChange {
                name,
                baseline,
                annual_change,
                negotiated_target,
                lower,
                moves_d,
            },
        )
}

impl RowChange {
    fn apply(&self, indicator: &mut Indicator) {
        if let Some(name) = &self.name {
            indicator.name.clone_from(name);
        }
        indicator.baseline = self.baseline;
        indicator.annual_change = self.annual_change;
        indicator.negotiated_target = self.negotiated_target;
        indicator.direction = if self.lower {
            Direction::Lower
        } else {
            Direction::Higher
        };
        match self.moves_d {
            0 => indicator.weight *= 1.5,
            1 => indicator.population += 1.0,
            2 => indicator.condition = "Condition 0".into(),
            _ => {}
        }
    }
}

/// Numbers and problems compared as written, so that a missing value (NaN) equals itself.
fn written(outcome: &rbf_targets::model::Outcome) -> String {
    format!("{outcome:?}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// One row changed: the outcome brought up to date from that row alone is the whole
    /// computation, bit for bit; where it declines, the outcome is left as it was.
    #[test]
    fn a_row_recomputed_alone_is_the_whole_computation(
        project in project(),
        pick in any::<prop::sample::Index>(),
        change in row_change(),
    ) {
        let i = pick.index(project.indicators.len());
        let mut outcome = compute(&project);
        let before_change = written(&outcome);
        let mut changed = project.clone();
        change.apply(&mut changed.indicators[i]);
        if recompute_row(&changed, i, &project.indicators[i], &mut outcome) {
            prop_assert_eq!(written(&outcome), written(&compute(&changed)));
        } else {
            prop_assert_eq!(written(&outcome), before_change);
        }
    }

    /// A valid baseline or negotiated target typed in a row that takes part is always brought
    /// up to date from that row alone (the case a keystroke in the grid is).
    #[test]
    fn a_valid_keystroke_is_recomputed_from_its_row(
        project in project(),
        pick in any::<prop::sample::Index>(),
        baseline in 0.0..1.0f64,
        target in proptest::option::of(0.0..1.0f64),
    ) {
        let i = pick.index(project.indicators.len());
        let mut outcome = compute(&project);
        let takes_part = outcome.indicators[i].targets.is_some();
        let mut changed = project.clone();
        changed.indicators[i].baseline = baseline;
        changed.indicators[i].negotiated_target = target;
        let updated = recompute_row(&changed, i, &project.indicators[i], &mut outcome);
        prop_assert_eq!(written(&outcome), written(&compute(&changed)));
        if takes_part && outcome.total_benefit.is_some() {
            prop_assert!(updated);
        }
    }
}
