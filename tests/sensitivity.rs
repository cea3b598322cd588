//! MODEL.md §4: every parameter at its low and high value, recomputed; checked against the
//! proportionality of d written out by hand.

use rbf_targets::io::el_salvador_sample;
use rbf_targets::model::{Parameter, Timing, compute, present_value_factor, sensitivity};

#[test]
fn d_moves_as_the_formula_says() {
    let project = el_salvador_sample().expect("sample");
    let base = compute(&project).minimum_impact.expect("d");
    let rows = sensitivity(&project);
    assert_eq!(rows.len(), 7);
    let d = |parameter: Parameter, high: bool| {
        let row = rows.iter().find(|r| r.parameter == parameter).expect("row");
        let scenario = if high { &row.high } else { &row.low };
        scenario.minimum_impact.expect("d")
    };
    // d = R·C / (Σ N·k·G·D/P · A): d ∝ C, ∝ 1/k, ∝ 1/G, ∝ 1/A.
    let a = |r, h| present_value_factor(r, h, Timing::EndOfYear);
    assert!((d(Parameter::DiscountRate, false) - base * a(0.12, 20) / a(0.03, 20)).abs() < 1e-12);
    assert!(
        (d(Parameter::DiscountRate, true) - base).abs() < 1e-15,
        "12% is the base rate"
    );
    assert!((d(Parameter::Horizon, false) - base * a(0.12, 20) / a(0.12, 10)).abs() < 1e-12);
    assert!((d(Parameter::Horizon, true) - base * a(0.12, 20) / a(0.12, 30)).abs() < 1e-12);
    assert!((d(Parameter::DalyMultiple, true) - base / 3.0).abs() < 1e-12);
    assert!((d(Parameter::Cost, false) - base * 0.8).abs() < 1e-12);
    assert!((d(Parameter::Cost, true) - base * 1.2).abs() < 1e-12);
    assert!((d(Parameter::Gni, false) - base / 0.8).abs() < 1e-12);
    // L and a₀ leave d alone but move the counterfactuals and so the targets.
    assert_eq!(d(Parameter::ProgramYears, true), base);
    assert_eq!(d(Parameter::DefaultAnnualChange, false), base);
    let years = rows
        .iter()
        .find(|r| r.parameter == Parameter::ProgramYears)
        .expect("L");
    // mcpr: 0.42 + 4·0.01 + d at L = 4, 0.42 + 2·0.01 + d at L = 2.
    assert!((years.high.bounded_targets[0].expect("t") - (0.46 + base)).abs() < 1e-12);
    assert!((years.low.bounded_targets[0].expect("t") - (0.44 + base)).abs() < 1e-12);
    assert_eq!(years.low.value, 2.0);
    // With a₀ = 0, rows without a trend of their own stay at their baseline + d.
    let a0 = rows
        .iter()
        .find(|r| r.parameter == Parameter::DefaultAnnualChange)
        .expect("a0");
    assert!((a0.low.bounded_targets[0].expect("t") - (0.42 + base)).abs() < 1e-12);
    // Anemia keeps its own trend (−0.7 points a year).
    assert!((a0.low.bounded_targets[4].expect("t") - (0.43 - 0.021 - base)).abs() < 1e-12);
    // The tornado's widest bar is k (1 to 3): d falls to a third.
    let widest = rows
        .iter()
        .max_by(|a, b| a.swing().total_cmp(&b.swing()))
        .expect("rows");
    assert_eq!(widest.parameter, Parameter::DalyMultiple);
}
