//! The model against independent figures: the note's Table 1 and hand calculations written out
//! here.

use rbf_targets::io::el_salvador_sample;
use rbf_targets::model::{
    Condition, Direction, Indicator, Program, Project, RebalanceStatus, Timing, compute, goal_seek,
    present_value_factor, rebalance,
};

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance
}

macro_rules! assert_close {
    ($actual:expr, $expected:expr, $tolerance:expr) => {{
        let (a, e): (f64, f64) = ($actual, $expected);
        assert!(
            close(a, e, $tolerance),
            "{} = {a}, expected {e} ± {}",
            stringify!($actual),
            $tolerance
        );
    }};
}

/// Rounds to `decimals` the way the note prints its table.
fn rounded(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Table 1 of IDB-TN-983: (baseline, model target, final target, lower is better, annual
/// change). The trends of rows 2 and 5 are inferred in MODEL.md §2; the rest use 1 point.
const TABLE_1: [(f64, f64, f64, bool, f64); 10] = [
    (0.42, 0.53, 0.62, false, 0.01),
    (0.85, 1.02, 0.95, false, 0.03),
    (0.49, 0.60, 0.64, false, 0.01),
    (0.75, 0.86, 0.85, false, 0.01),
    (0.43, 0.33, 0.33, true, -0.007),
    (0.89, 1.00, 0.95, false, 0.01),
    (0.39, 0.50, 0.60, false, 0.01),
    (0.07, 0.18, 0.27, false, 0.01),
    (0.55, 0.66, 0.70, false, 0.01),
    (0.82, 0.93, 0.90, false, 0.01),
];

/// The note's baselines with one condition, N = 1 for every row and C chosen so that
/// d = 0.079 exactly: Σ N·V = 10·A, so C = 0.079·10·A.
fn table_1_project(ceiling: f64) -> Project {
    let a = present_value_factor(0.12, 20, Timing::EndOfYear);
    Project {
        program: Program {
            total_cost: 0.079 * 10.0 * a,
            program_years: 3.0,
            gni_per_capita: 1.0,
            ceiling,
            ..Program::default()
        },
        conditions: vec![Condition {
            name: "All".into(),
            group: "Everyone".into(),
            dalys: 1.0,
            population: 1.0,
            ..Condition::default()
        }],
        indicators: TABLE_1
            .iter()
            .enumerate()
            .map(|(i, &(baseline, _, _, lower, trend))| Indicator {
                name: format!("Indicator {}", i + 1),
                condition: "All".into(),
                direction: if lower {
                    Direction::Lower
                } else {
                    Direction::Higher
                },
                population: 1.0,
                baseline,
                annual_change: Some(trend),
                ..Indicator::default()
            })
            .collect(),
        ..Project::default()
    }
}

#[test]
fn table_1_column_2_from_the_baselines_with_d_0_079() {
    let outcome = compute(&table_1_project(1.0));
    assert_close!(outcome.minimum_impact.unwrap_or(f64::NAN), 0.079, 1e-12);
    for (row, &(_, model, _, _, _)) in outcome.indicators.iter().zip(&TABLE_1) {
        let target = row.targets.map_or(f64::NAN, |t| t.model_target);
        assert_eq!(rounded(target, 2), model, "model target {target}");
    }
}

#[test]
fn with_the_95_percent_ceiling_1_02_and_1_00_become_0_95() {
    let outcome = compute(&table_1_project(0.95));
    let bounded: Vec<f64> = outcome
        .indicators
        .iter()
        .map(|row| rounded(row.targets.map_or(f64::NAN, |t| t.bounded_target), 2))
        .collect();
    assert_eq!(
        bounded,
        vec![0.53, 0.95, 0.60, 0.86, 0.33, 0.95, 0.50, 0.18, 0.66, 0.93]
    );
    assert_eq!(outcome.rows_at_bound, 2);
}

#[test]
fn the_sample_reproduces_the_three_published_results() -> Result<(), Box<dyn std::error::Error>> {
    let sample = el_salvador_sample()?;
    let outcome = compute(&sample);
    assert!(outcome.errors().next().is_none(), "{:?}", outcome.problems);

    // 1. d = 0.079 to three decimals.
    let d = outcome.minimum_impact.ok_or("no d")?;
    assert_eq!(rounded(d, 3), 0.079, "d = {d}");

    // 2. Model targets equal Table 1 column 2 to two decimals.
    for (row, &(_, model, negotiated, _, _)) in outcome.indicators.iter().zip(&TABLE_1) {
        let targets = row.targets.ok_or("row not computed")?;
        assert_eq!(rounded(targets.model_target, 2), model);
        // The sample's negotiated targets are Table 1 column 3.
        assert_close!(targets.final_target, negotiated, 1e-12);
    }

    // 3. The negotiated targets give a benefit-cost ratio of 1.6 to one decimal.
    let ratio = outcome.benefit_cost_ratio.ok_or("no ratio")?;
    assert_eq!(rounded(ratio, 1), 1.6, "BCR = {ratio}");

    // Cost as the SM2015 operation states it.
    assert_eq!(
        sample.program.total_cost,
        4_875_000.0 + 3_250_000.0 + 1_625_000.0
    );
    Ok(())
}

#[test]
fn present_value_factor_by_hand() {
    // r = 10 %, H = 2: 1/1.1 + 1/1.21 = 2.1/1.21.
    assert_close!(
        present_value_factor(0.10, 2, Timing::EndOfYear),
        2.1 / 1.21,
        1e-15
    );
    // Start of year: one year less discounting, 1 + 1/1.1.
    assert_close!(
        present_value_factor(0.10, 2, Timing::StartOfYear),
        1.0 + 1.0 / 1.1,
        1e-14
    );
    // r = 0: A = H.
    assert_eq!(present_value_factor(0.0, 20, Timing::EndOfYear), 20.0);
    // The tool's "Value (20 yrs, 12% discount rate)" factor, Excel PV(0.12, 20, -1) = 7.469443624.
    assert_close!(
        present_value_factor(0.12, 20, Timing::EndOfYear),
        7.469_443_624,
        1e-9
    );
}

/// Two indicators worked by hand:
/// r = 10 %, H = 2 ⇒ A = 2.1/1.21 = 1.735537190.
/// One condition: D = 500, P = 10,000, G = 2,000, k = 1 ⇒ D/P = 0.05, v = 100, V = 173.5537190.
/// Row 1: higher, N = 1,000, b = 0.40, a = +0.02, L = 2 ⇒ c = 0.44, u = 173,553.7190.
/// Row 2: lower,  N = 500,   b = 0.30, no trend (a = −a₀ = −0.01) ⇒ c = 0.28, u = 86,776.8595.
/// C = 50,000 ⇒ d = 50,000 / 260,330.5785 = (1.21/2.1)/3 = 0.1920634921.
fn hand_project() -> Project {
    Project {
        program: Program {
            total_cost: 50_000.0,
            program_years: 2.0,
            gni_per_capita: 2_000.0,
            discount_rate: 0.10,
            horizon_years: 2,
            ..Program::default()
        },
        conditions: vec![Condition {
            name: "Condition".into(),
            group: "Group".into(),
            dalys: 500.0,
            population: 10_000.0,
            ..Condition::default()
        }],
        indicators: vec![
            Indicator {
                name: "Coverage".into(),
                condition: "Condition".into(),
                population: 1_000.0,
                baseline: 0.40,
                annual_change: Some(0.02),
                ..Indicator::default()
            },
            Indicator {
                name: "Prevalence".into(),
                condition: "Condition".into(),
                direction: Direction::Lower,
                population: 500.0,
                baseline: 0.30,
                ..Indicator::default()
            },
        ],
        ..Project::default()
    }
}

#[test]
fn hand_calculation_values_d_and_targets() {
    let outcome = compute(&hand_project());
    let condition = outcome.conditions[0].expect("condition computed");
    assert_close!(condition.dalys_per_capita, 0.05, 1e-15);
    assert_close!(condition.unit_value, 100.0, 1e-12);
    assert_close!(condition.present_value, 173.553_719_008, 1e-9);

    let rows = &outcome.indicators;
    assert_close!(rows[0].counterfactual.unwrap_or(f64::NAN), 0.44, 1e-15);
    assert_close!(rows[1].counterfactual.unwrap_or(f64::NAN), 0.28, 1e-15);
    assert_close!(
        rows[0].value.map_or(f64::NAN, |v| v.benefit_per_unit),
        173_553.719_008,
        1e-6
    );
    assert_close!(
        rows[1].value.map_or(f64::NAN, |v| v.benefit_per_unit),
        86_776.859_504,
        1e-6
    );

    assert_close!(
        outcome.minimum_impact.unwrap_or(f64::NAN),
        0.192_063_492_06,
        1e-11
    );
    // M₁ = 0.44 + 0.1920634921; M₂ = 0.28 − 0.1920634921.
    assert_close!(
        rows[0].targets.map_or(f64::NAN, |t| t.model_target),
        0.632_063_492_06,
        1e-11
    );
    assert_close!(
        rows[1].targets.map_or(f64::NAN, |t| t.model_target),
        0.087_936_507_94,
        1e-11
    );
    // All at model level: B = C, BCR = 1, no surplus.
    assert_close!(outcome.benefit_cost_ratio.unwrap_or(f64::NAN), 1.0, 1e-12);
    assert_close!(outcome.surplus.unwrap_or(f64::NAN), 0.0, 1e-8);
}

#[test]
fn hand_calculation_negotiated_target_changes_the_ratio() {
    let mut project = hand_project();
    project.indicators[0].negotiated_target = Some(0.70);
    let outcome = compute(&project);
    // Δ₁ = 0.70 − 0.44 = 0.26 ⇒ 45,123.96694; Δ₂ = d ⇒ 16,666.66667 (= C/3).
    // B = 61,790.63361; BCR = 1.235812672; surplus = 11,790.63361.
    assert_close!(
        outcome.total_benefit.unwrap_or(f64::NAN),
        61_790.633_61,
        1e-4
    );
    assert_close!(
        outcome.benefit_cost_ratio.unwrap_or(f64::NAN),
        1.235_812_672,
        1e-9
    );
    assert_close!(outcome.surplus.unwrap_or(f64::NAN), 11_790.633_61, 1e-4);
    let share = outcome.indicators[0]
        .targets
        .and_then(|t| t.share_of_benefit)
        .unwrap_or(f64::NAN);
    assert_close!(share, 45_123.966_94 / 61_790.633_61, 1e-9);
}

#[test]
fn hand_calculation_goal_seek_and_rebalance_agree() {
    let mut project = hand_project();
    project.indicators[0].negotiated_target = Some(0.70);
    // Row 2 must bring 50,000 − 45,123.96694 = 4,876.03306: Δ₂ = 4,876.03306 / 86,776.85950
    // = 0.0561904762, so F₂ = 0.28 − 0.0561904762 = 0.2238095238.
    let seek = goal_seek(&project, 1).expect("goal seek");
    assert_close!(seek.target, 0.223_809_523_8, 1e-9);
    assert!(seek.reached());

    project.indicators[0].locked = true;
    let result = rebalance(&project).expect("rebalance");
    assert_eq!(result.status, RebalanceStatus::Balanced);
    assert_eq!(result.targets.len(), 1);
    assert_eq!(result.targets[0].0, 1);
    assert_close!(result.targets[0].1, 0.223_809_523_8, 1e-9);
    assert_close!(result.shared_impact, 0.056_190_476_2, 1e-9);
}

#[test]
fn hand_calculation_weights_and_required_ratio() {
    let mut project = hand_project();
    project.indicators[0].weight = 2.0;
    // Σ w·u = 2·173,553.7190 + 86,776.8595 = 433,884.2975 ⇒ d = 0.1152380952.
    let outcome = compute(&project);
    let d = outcome.minimum_impact.unwrap_or(f64::NAN);
    assert_close!(d, 0.115_238_095_2, 1e-9);
    // M₁ = 0.44 + 2·d = 0.6704761905.
    assert_close!(
        outcome.indicators[0]
            .targets
            .map_or(f64::NAN, |t| t.model_target),
        0.670_476_190_5,
        1e-9
    );
    assert_close!(outcome.benefit_cost_ratio.unwrap_or(f64::NAN), 1.0, 1e-12);

    project.program.required_ratio = 1.5;
    let outcome = compute(&project);
    assert_close!(outcome.minimum_impact.unwrap_or(f64::NAN), 1.5 * d, 1e-12);
    assert_close!(outcome.benefit_cost_ratio.unwrap_or(f64::NAN), 1.5, 1e-12);
}

#[test]
fn the_ceiling_holds_a_target_and_lowers_the_ratio() {
    let mut project = hand_project();
    project.indicators[0].baseline = 0.90;
    // c₁ = 0.94, M₁ = 1.1320634921 > 0.95 ⇒ held at 0.95: Δ₁ = 0.01.
    // B = 0.01·173,553.7190 + 0.1920634921·86,776.8595 = 1,735.5372 + 16,666.6667 = 18,402.2039.
    let outcome = compute(&project);
    let targets = outcome.indicators[0].targets.expect("targets");
    assert_eq!(targets.bounded_target, 0.95);
    assert!(targets.bound.is_some());
    assert_close!(
        outcome.total_benefit.unwrap_or(f64::NAN),
        18_402.203_9,
        1e-3
    );
    assert_close!(
        outcome.surplus.unwrap_or(f64::NAN),
        18_402.203_9 - 50_000.0,
        1e-3
    );
}

#[test]
fn rebalancing_the_sample_holds_two_rows_at_the_ceiling() -> Result<(), Box<dyn std::error::Error>>
{
    let mut sample = el_salvador_sample()?;
    for indicator in &mut sample.indicators {
        indicator.negotiated_target = None;
    }
    let result = rebalance(&sample)?;
    assert_eq!(result.status, RebalanceStatus::Balanced);
    // Antenatal care before the first trimester and MMR vaccination pass 95 %.
    assert_eq!(result.at_bound, vec![1, 5]);
    // The other eight rows share more than d = 0.079 to make up for them.
    assert!(
        result.shared_impact > 0.079,
        "d' = {}",
        result.shared_impact
    );
    for (row, target) in &result.targets {
        sample.indicators[*row].negotiated_target = Some(*target);
    }
    let outcome = compute(&sample);
    assert_close!(outcome.benefit_cost_ratio.unwrap_or(f64::NAN), 1.0, 1e-9);
    Ok(())
}

#[test]
fn rebalance_reports_a_shortfall_when_no_free_row_can_close_it()
-> Result<(), Box<dyn std::error::Error>> {
    let mut sample = el_salvador_sample()?;
    // Lock nine rows at their counterfactual (no impact); only exclusive breastfeeding is free.
    let outcome = compute(&sample);
    for (i, indicator) in sample.indicators.iter_mut().enumerate() {
        if i != 8 {
            indicator.negotiated_target = outcome.indicators[i].counterfactual;
            indicator.locked = true;
        }
    }
    let result = rebalance(&sample)?;
    // Breastfeeding alone (N = 2,681, V ≈ 1,024) would need Δ = C / u ≈ 3.5, far past 100 %:
    // it is held at the 95 % ceiling and the rest is a shortfall.
    let RebalanceStatus::Shortfall { shortfall } = result.status else {
        panic!("expected a shortfall, got {:?}", result.status);
    };
    assert!(shortfall.is_finite() && shortfall > 0.0);
    assert_eq!(result.targets, vec![(8, 0.95)]);
    let report = rbf_targets::document::Report::CannotBalance {
        shortfall,
        currency: "US$".into(),
        locked: true,
    };
    let text = rbf_targets::present::negotiation::report(&report, rbf_targets::i18n::Lang::En);
    assert!(text.contains("fall short by US$"), "{text}");
    Ok(())
}

#[test]
fn rebalance_with_every_row_locked_reports_without_nan() -> Result<(), Box<dyn std::error::Error>> {
    let mut sample = el_salvador_sample()?;
    for indicator in &mut sample.indicators {
        indicator.locked = true;
        indicator.negotiated_target = Some(0.5);
    }
    let result = rebalance(&sample)?;
    assert!(result.targets.is_empty());
    assert!(result.shared_impact.is_finite());
    match result.status {
        RebalanceStatus::Shortfall { shortfall } => assert!(shortfall.is_finite()),
        RebalanceStatus::Surplus { surplus } => assert!(surplus.is_finite()),
        RebalanceStatus::Balanced => {}
    }
    Ok(())
}

/// "Explain this number" on Table 1, row 1: b = 42 %, L = 3, a = 1 point, d = 0.079, so
/// c = 0.42 + 3 × 0.01 = 0.45 and M = 0.45 + 0.079 = 0.529 (the note's 0.53).
#[test]
fn explaining_row_1_writes_the_formula_with_the_notes_numbers() {
    use rbf_targets::i18n::Lang;
    use rbf_targets::present::explain::{Column, explain};
    let project = table_1_project(1.0);
    let outcome = compute(&project);
    let text = |column| {
        let e = explain(&project, &outcome, 0, column, Lang::En).expect("row 1 is computed");
        assert!(e.title.contains("row 1: Indicator 1"), "{}", e.title);
        e
    };
    let c = text(Column::Counterfactual);
    assert_eq!(c.formula, "c = b + L·a = 42.0% + 3 × 1.00 pts = 45.0%");
    assert!(
        c.sources
            .iter()
            .any(|s| s.contains("baseline typed in Targets row 1"))
    );
    let m = text(Column::ModelTarget);
    assert_eq!(m.formula, "M = c + w·d = 45.0% + 1.00 × 7.90 pts = 52.9%");
    assert!(
        m.sources
            .iter()
            .any(|s| s.starts_with("d = R·C / Σ w·N·V") && s.contains("= 7.90 pts"))
    );
    // No negotiated target: F is the bounded model target; Δ = F − c = 7.9 points.
    let f = text(Column::FinalTarget);
    assert_eq!(f.formula, "F = M̃ (no negotiated target) = 52.9%");
    assert_eq!(
        text(Column::Impact).formula,
        "Δ = F − c = 52.9% − 45.0% = 7.90 pts"
    );
    // The benefit is Δ × N × V with N = 1 and V = A (one DALY per person at GNI 1): 0.079·A.
    let a = present_value_factor(0.12, 20, Timing::EndOfYear);
    let benefit = text(Column::Benefit).formula;
    assert!(
        benefit.starts_with("benefit = Δ × N × V = 0.0790 × 1 × "),
        "{benefit}"
    );
    use rbf_targets::text::{format_amount as shown, format_decimal};
    assert!(
        benefit.ends_with(&format!(
            " × {} = {}",
            format_decimal(a, 2),
            shown(0.079 * a)
        )),
        "{benefit}"
    );
    // At the 100 % ceiling row 2 (c = 94 %) only gains 6 points, so B = (9 × 0.079 + 0.06)·A
    // = 0.771·A and row 1 carries 0.079 / 0.771 = 10.25 % of it.
    let share = text(Column::Share).formula;
    let expected = format!(
        "share = benefit / B = {} / {} = 10.2%",
        shown(0.079 * a),
        shown(0.771 * a)
    );
    assert_eq!(share, expected);
}

/// Lower-is-better row 5 (b = 43 %, a = −0.7 points) and ceiling row 2 (M = 102 % held at 95 %).
#[test]
fn explaining_a_lower_row_and_a_bounded_row() {
    use rbf_targets::i18n::Lang;
    use rbf_targets::present::explain::{Column, explain};
    let project = table_1_project(0.95);
    let outcome = compute(&project);
    let formula =
        |row, column| explain(&project, &outcome, row, column, Lang::En).map(|e| e.formula);
    // c = 0.43 − 3 × 0.007 = 0.409; M = 0.409 − 0.079 = 0.330; Δ = c − F = 7.9 points.
    assert_eq!(
        formula(4, Column::Counterfactual).as_deref(),
        Some("c = b + L·a = 43.0% − 3 × 0.70 pts = 40.9%")
    );
    assert_eq!(
        formula(4, Column::ModelTarget).as_deref(),
        Some("M = c − w·d = 40.9% − 1.00 × 7.90 pts = 33.0%")
    );
    assert_eq!(
        formula(4, Column::Impact).as_deref(),
        Some("Δ = c − F = 40.9% − 33.0% = 7.90 pts")
    );
    // Row 2: c = 0.85 + 3 × 0.03 = 0.94; M = 1.019, held at the 95 % ceiling.
    assert_eq!(
        formula(1, Column::Bounded).as_deref(),
        Some("M̃ = min(M, ceiling) = min(101.9%, 95.0%) = 95.0%")
    );
    // A row that does not exist, and a row whose baseline is an error, explain nothing.
    assert_eq!(formula(10, Column::ModelTarget), None);
    let mut broken = project.clone();
    broken.indicators[0].baseline = f64::NAN;
    let outcome = compute(&broken);
    assert_eq!(
        explain(&broken, &outcome, 0, Column::Counterfactual, Lang::En),
        None
    );
}
