//! Each kind of bad input gives its own problem, in words, and the rest keeps computing.

use rbf_targets::i18n::Lang;
use rbf_targets::io::el_salvador_sample;
use rbf_targets::model::{Field, Location, Project, Severity, compute};
use rbf_targets::present::problem::{reason, sentence};

fn sample() -> Project {
    el_salvador_sample().expect("the embedded sample loads")
}

/// Applies `change` to the sample and returns the problems on `location`/`field`.
fn problems_after(
    change: impl FnOnce(&mut Project),
    location: Location,
    field: Field,
) -> Vec<String> {
    let mut project = sample();
    change(&mut project);
    let outcome = compute(&project);
    outcome
        .problems
        .iter()
        .filter(|p| p.location == location && p.field == field)
        .map(|p| sentence(p, Lang::En))
        .collect()
}

/// A change to the sample that makes one input bad.
type Change = Box<dyn FnOnce(&mut Project)>;

#[test]
fn each_kind_of_bad_input_has_its_own_message() {
    let cases: Vec<(Change, Location, Field, &str)> = vec![
        (
            Box::new(|p| p.indicators[2].baseline = 1.3),
            Location::Indicator(2),
            Field::Baseline,
            "Targets row 3 (Minimum of four antenatal care visits), baseline: 130.0% is outside \
                0%–100%",
        ),
        (
            Box::new(|p| p.indicators[0].baseline = -0.1),
            Location::Indicator(0),
            Field::Baseline,
            "baseline: -10.0% is outside 0%–100%",
        ),
        (
            Box::new(|p| p.indicators[4].population = 0.0),
            Location::Indicator(4),
            Field::Population,
            "Targets row 5 (Prevalence of anemia in children aged 6-23 months), population: 0 is \
                not a population",
        ),
        (
            Box::new(|p| p.indicators[4].population = -5.0),
            Location::Indicator(4),
            Field::Population,
            "population: -5 is not a population",
        ),
        (
            Box::new(|p| p.conditions[1].population = 0.0),
            Location::Condition(1),
            Field::Population,
            "Values row 2 (Perinatal conditions), population: 0 is not a population",
        ),
        (
            Box::new(|p| p.conditions[1].dalys = -1.0),
            Location::Condition(1),
            Field::Dalys,
            "Values row 2 (Perinatal conditions), DALYs: -1 is not a number of DALYs",
        ),
        (
            Box::new(|p| p.program.total_cost = 0.0),
            Location::Program,
            Field::TotalCost,
            "Targets, total program cost: 0 is not a cost",
        ),
        (
            Box::new(|p| p.program.gni_per_capita = -3.0),
            Location::Program,
            Field::GniPerCapita,
            "GNI per capita: -3 is not an income",
        ),
        (
            Box::new(|p| p.program.total_cost = f64::INFINITY),
            Location::Program,
            Field::TotalCost,
            "a value that is not a finite number is not a cost",
        ),
        // NaN is how a value not found in an imported workbook is held: the cell asks for it.
        (
            Box::new(|p| p.program.total_cost = f64::NAN),
            Location::Program,
            Field::TotalCost,
            "total program cost: no value; enter the total program cost",
        ),
        (
            Box::new(|p| p.indicators[1].condition = "Injuries".into()),
            Location::Indicator(1),
            Field::Condition,
            "condition: \"Injuries\" is not a condition of the Values sheet",
        ),
        (
            Box::new(|p| p.indicators[6].negotiated_target = Some(1.2)),
            Location::Indicator(6),
            Field::NegotiatedTarget,
            "negotiated target: 120.0% is outside 0%–100%",
        ),
        (
            Box::new(|p| p.indicators[3].weight = -1.0),
            Location::Indicator(3),
            Field::Weight,
            "weight: -1 is not a weight",
        ),
        (
            Box::new(|p| p.program.floor = 0.97),
            Location::Program,
            Field::Floor,
            "the floor 97.0% is above the ceiling 95.0%",
        ),
        (
            Box::new(|p| p.program.horizon_years = 0),
            Location::Program,
            Field::HorizonYears,
            "0 years is not a horizon",
        ),
        (
            Box::new(|p| p.program.discount_rate = 1.5),
            Location::Program,
            Field::DiscountRate,
            "150.0% is outside 0%–100%",
        ),
        (
            Box::new(|p| p.conditions[2].name = "Maternal conditions".into()),
            Location::Condition(2),
            Field::Name,
            "another condition above is also called \"Maternal conditions\"",
        ),
        (
            Box::new(|p| p.indicators.clear()),
            Location::Program,
            Field::Indicators,
            "there are no indicators",
        ),
        (
            Box::new(|p| {
                for i in &mut p.indicators {
                    i.weight = 0.0
                }
            }),
            Location::Program,
            Field::Indicators,
            "no indicator carries any benefit (Σ w·N·V is zero)",
        ),
    ];
    for (change, location, field, expected) in cases {
        let found = problems_after(change, location, field);
        assert!(
            found.iter().any(|m| m.contains(expected)),
            "expected a problem containing {expected:?} on {location:?}/{field:?}, found {found:?}"
        );
    }
}

#[test]
fn a_bad_row_is_left_out_and_the_rest_keeps_computing() {
    let mut project = sample();
    project.indicators[2].baseline = 1.3;
    let outcome = compute(&project);
    assert_eq!(outcome.excluded_rows, vec![2]);
    assert!(outcome.indicators[2].targets.is_none());
    assert!(outcome.minimum_impact.is_some());
    for (i, row) in outcome.indicators.iter().enumerate() {
        if i != 2 {
            assert!(row.targets.is_some(), "row {i} should still compute");
        }
    }
}

#[test]
fn a_bad_condition_stops_only_its_indicators() {
    let mut project = sample();
    project.conditions[1].population = 0.0; // perinatal: rows 2, 3 and 10
    let outcome = compute(&project);
    assert_eq!(outcome.excluded_rows, vec![1, 2, 9]);
    assert!(outcome.conditions[1].is_none());
    assert!(outcome.conditions[0].is_some() && outcome.conditions[2].is_some());
    assert!(outcome.minimum_impact.is_some_and(f64::is_finite));
}

#[test]
fn a_bad_program_input_keeps_values_and_counterfactuals() {
    let mut project = sample();
    project.program.total_cost = -1.0;
    let outcome = compute(&project);
    assert!(outcome.minimum_impact.is_none());
    assert!(outcome.benefit_cost_ratio.is_none());
    assert!(outcome.conditions.iter().all(Option::is_some));
    assert!(
        outcome
            .indicators
            .iter()
            .all(|r| r.counterfactual.is_some() && r.value.is_some())
    );
}

#[test]
fn warnings_do_not_stop_the_computation() {
    let mut project = sample();
    project.indicators[0].negotiated_target = Some(0.97); // above the 95 % ceiling
    project.indicators[5].annual_change = Some(0.5); // 50 points a year: probably a typo
    let outcome = compute(&project);
    let warnings: Vec<_> = outcome
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect();
    assert!(
        warnings.iter().any(|p| p.field == Field::NegotiatedTarget
            && reason(p, Lang::En).contains("above the ceiling"))
    );
    assert!(
        warnings.iter().any(
            |p| p.field == Field::AnnualChange && reason(p, Lang::En).contains("type \"0.5%\"")
        )
    );
    assert!(outcome.errors().next().is_none());
    assert!(outcome.indicators.iter().all(|r| r.targets.is_some()));
}
