//! Validation of every input (MODEL.md §6): each problem names its sheet, row and field and
//! says in words what was expected. An error excludes what depends on the cell from the
//! computation; a warning is shown but changes nothing.

use std::collections::HashSet;
use std::fmt;

use super::{Direction, Project};
use crate::text::{format_number, format_percent};

/// Where a problem is: the program inputs, a Values row or a Targets row (0-based index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    Program,
    Condition(usize),
    Indicator(usize),
}

impl Location {
    /// Name of the sheet the input lives in, as in the IDB Excel tool.
    pub fn sheet(self) -> &'static str {
        match self {
            Location::Program | Location::Indicator(_) => "Targets",
            Location::Condition(_) => "Values",
        }
    }

    /// 1-based row number within its table; `None` for program inputs.
    pub fn row_number(self) -> Option<usize> {
        match self {
            Location::Program => None,
            Location::Condition(i) | Location::Indicator(i) => Some(i + 1),
        }
    }
}

/// An input field; the same names are used in JSON output and in the grids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    TotalCost,
    ProgramYears,
    GniPerCapita,
    DalyMultiple,
    DiscountRate,
    HorizonYears,
    Ceiling,
    Floor,
    RequiredRatio,
    DefaultAnnualChange,
    /// The set of indicators as a whole (none, or none carrying benefit).
    Indicators,
    Name,
    Group,
    Dalys,
    Population,
    Condition,
    Baseline,
    AnnualChange,
    Weight,
    NegotiatedTarget,
    Counterfactual,
    PlannedSample,
    ClusterSize,
    Icc,
    DesignEffect,
    Alpha,
    Power,
    CounterfactualSe,
    PaymentWeight,
    /// The estimate of measurement round k.
    Measurement(usize),
    SurveyBudget,
    TrancheThreshold,
    TrancheAmount,
    /// A bound of the sensitivity analysis: parameter index × 2 + (0 low, 1 high).
    SensitivityRange(usize),
    /// A cell of a measurement: round k, part (0 estimate, 1 and 2 the precision's values).
    MeasurementPart(usize, usize),
    /// The name or months of round k.
    RoundName(usize),
    RoundMonths(usize),
}

impl Field {
    /// Machine name used in JSON (`problems[].field`).
    pub fn key(self) -> &'static str {
        match self {
            Field::TotalCost => "total_cost",
            Field::ProgramYears => "program_years",
            Field::GniPerCapita => "gni_per_capita",
            Field::DalyMultiple => "daly_multiple",
            Field::DiscountRate => "discount_rate",
            Field::HorizonYears => "horizon_years",
            Field::Ceiling => "ceiling",
            Field::Floor => "floor",
            Field::RequiredRatio => "required_ratio",
            Field::DefaultAnnualChange => "default_annual_change",
            Field::Indicators => "indicators",
            Field::Name => "name",
            Field::Group => "group",
            Field::Dalys => "dalys",
            Field::Population => "population",
            Field::Condition => "condition",
            Field::Baseline => "baseline",
            Field::AnnualChange => "annual_change",
            Field::Weight => "weight",
            Field::NegotiatedTarget => "negotiated_target",
            Field::Counterfactual => "counterfactual",
            Field::PlannedSample => "planned_sample_size",
            Field::ClusterSize => "cluster_size",
            Field::Icc => "icc",
            Field::DesignEffect => "design_effect",
            Field::Alpha => "alpha",
            Field::Power => "power",
            Field::CounterfactualSe => "counterfactual_se",
            Field::PaymentWeight => "payment_weight",
            Field::Measurement(_) => "measurement",
            Field::SurveyBudget => "survey_budget",
            Field::TrancheThreshold => "tranche_threshold",
            Field::TrancheAmount => "tranche_amount",
            Field::SensitivityRange(_) => "sensitivity_range",
            Field::MeasurementPart(..) => "measurement",
            Field::RoundName(_) => "round_name",
            Field::RoundMonths(_) => "round_months",
        }
    }

    /// Column or input label a negotiator sees.
    pub fn label(self) -> &'static str {
        match self {
            Field::TotalCost => "total program cost",
            Field::ProgramYears => "program length (years)",
            Field::GniPerCapita => "GNI per capita",
            Field::DalyMultiple => "value of a DALY (× GNI per capita)",
            Field::DiscountRate => "discount rate",
            Field::HorizonYears => "horizon (years)",
            Field::Ceiling => "ceiling",
            Field::Floor => "floor",
            Field::RequiredRatio => "required benefit-cost ratio",
            Field::DefaultAnnualChange => "default annual change",
            Field::Indicators => "indicators",
            Field::Name => "name",
            Field::Group => "population group",
            Field::Dalys => "DALYs",
            Field::Population => "population",
            Field::Condition => "condition",
            Field::Baseline => "baseline",
            Field::AnnualChange => "annual change",
            Field::Weight => "weight",
            Field::NegotiatedTarget => "negotiated target",
            Field::Counterfactual => "counterfactual",
            Field::PlannedSample => "planned sample size",
            Field::ClusterSize => "cluster size m",
            Field::Icc => "intraclass correlation ρ",
            Field::DesignEffect => "design effect",
            Field::Alpha => "significance α",
            Field::Power => "power",
            Field::CounterfactualSe => "standard error of the counterfactual",
            Field::PaymentWeight => "payment weight",
            Field::Measurement(_) => "measurement",
            Field::SurveyBudget => "survey budget",
            Field::TrancheThreshold => "share of targets required",
            Field::TrancheAmount => "performance tranche",
            Field::SensitivityRange(_) => "sensitivity range",
            Field::MeasurementPart(..) => "measurement",
            Field::RoundName(_) => "round name",
            Field::RoundMonths(_) => "months",
        }
    }
}

/// How much a problem matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// What depends on the cell is not computed.
    Error,
    /// Shown to the user; the computation goes on.
    Warning,
}

/// One problem with one input cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub location: Location,
    pub field: Field,
    pub severity: Severity,
    /// Name of the row, when it has one, to help find it.
    pub row_name: String,
    /// What is wrong and what was expected, without the location.
    pub reason: String,
}

impl Problem {
    fn error(location: Location, row_name: &str, field: Field, reason: String) -> Self {
        Self {
            location,
            field,
            severity: Severity::Error,
            row_name: row_name.to_owned(),
            reason,
        }
    }

    fn warning(location: Location, row_name: &str, field: Field, reason: String) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(location, row_name, field, reason)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// "Targets row 3 (Anemia), baseline: 130.0% is outside 0%–100%; …"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.location.sheet())?;
        if let Some(row) = self.location.row_number() {
            write!(f, " row {row}")?;
            if !self.row_name.is_empty() {
                write!(f, " ({})", self.row_name)?;
            }
        }
        write!(f, ", {}: {}", self.field.label(), self.reason)
    }
}

fn finite_positive(value: f64) -> bool {
    value.is_finite() && value > 0.0
}

fn proportion(value: f64) -> bool {
    value.is_finite() && (0.0..=1.0).contains(&value)
}

/// A number for a message: never "NaN" or "inf" without saying what it is.
fn shown(value: f64) -> String {
    if value.is_finite() {
        format_number(value)
    } else {
        "a value that is not a finite number".to_owned()
    }
}

fn shown_percent(value: f64) -> String {
    if (value * 100.0).is_finite() {
        format_percent(value, 1)
    } else {
        "a value that is not a finite number".to_owned()
    }
}

/// Every problem with the inputs of `project`, in sheet order.
pub fn validate(project: &Project) -> Vec<Problem> {
    let index = super::compute::condition_index(project);
    let links: Vec<Option<usize>> = project
        .indicators
        .iter()
        .map(|i| index.get(i.condition.trim()).copied())
        .collect();
    validate_linked(project, &links)
}

/// [`validate`], given each indicator's condition row (`None`: not found).
pub(crate) fn validate_linked(project: &Project, links: &[Option<usize>]) -> Vec<Problem> {
    let mut problems = Vec::new();
    validate_program(
        &project.program,
        project.indicators.is_empty(),
        &mut problems,
    );
    validate_conditions(project, &mut problems);
    validate_indicators(project, links, &mut problems);
    problems
}

fn validate_program(p: &super::Program, has_no_indicators: bool, problems: &mut Vec<Problem>) {
    let at = Location::Program;
    let mut error =
        |field: Field, reason: String| problems.push(Problem::error(at, "", field, reason));
    if !finite_positive(p.total_cost) {
        error(
            Field::TotalCost,
            format!(
                "{} is not a cost; enter the total program cost, more than zero",
                shown(p.total_cost)
            ),
        );
    }
    if !(p.program_years.is_finite() && p.program_years >= 0.0) {
        error(
            Field::ProgramYears,
            format!(
                "{} is not a length; enter the program length in years (0 or more)",
                shown(p.program_years)
            ),
        );
    }
    if !finite_positive(p.gni_per_capita) {
        error(
            Field::GniPerCapita,
            format!(
                "{} is not an income; enter the GNI per capita, more than zero",
                shown(p.gni_per_capita)
            ),
        );
    }
    if !finite_positive(p.daly_multiple) {
        error(
            Field::DalyMultiple,
            format!(
                "{} is not a multiple; enter how many times GNI per capita one DALY is worth (1 to 3)",
                shown(p.daly_multiple)
            ),
        );
    }
    if !(p.discount_rate.is_finite() && (0.0..1.0).contains(&p.discount_rate)) {
        error(
            Field::DiscountRate,
            format!(
                "{} is outside 0%–100%; enter a yearly rate such as 12%",
                shown_percent(p.discount_rate)
            ),
        );
    }
    if p.horizon_years == 0 || p.horizon_years > 200 {
        error(
            Field::HorizonYears,
            format!(
                "{} years is not a horizon; enter 1 to 200 years",
                p.horizon_years
            ),
        );
    }
    if !proportion(p.ceiling) {
        error(
            Field::Ceiling,
            format!("{} is outside 0%–100%", shown_percent(p.ceiling)),
        );
    }
    if !proportion(p.floor) {
        error(
            Field::Floor,
            format!("{} is outside 0%–100%", shown_percent(p.floor)),
        );
    } else if proportion(p.ceiling) && p.floor > p.ceiling {
        error(
            Field::Floor,
            format!(
                "the floor {} is above the ceiling {}; the floor bounds lower-is-better targets from below",
                shown_percent(p.floor),
                shown_percent(p.ceiling)
            ),
        );
    }
    if !finite_positive(p.required_ratio) {
        error(
            Field::RequiredRatio,
            format!(
                "{} is not a ratio; enter the benefit-cost ratio required, more than zero (1 = benefits cover costs)",
                shown(p.required_ratio)
            ),
        );
    }
    if !(p.default_annual_change.is_finite() && (-1.0..=1.0).contains(&p.default_annual_change)) {
        error(
            Field::DefaultAnnualChange,
            format!(
                "{} is not a yearly change between −100% and 100%",
                shown_percent(p.default_annual_change)
            ),
        );
    }
    if has_no_indicators {
        error(
            Field::Indicators,
            "there are no indicators; add at least one row to the Targets sheet".to_owned(),
        );
    }
    if let Some(budget) = p.survey_budget
        && !finite_positive(budget)
    {
        error(
            Field::SurveyBudget,
            format!(
                "{} is not a number of respondents; enter more than zero",
                shown(budget)
            ),
        );
    }
    if !(p.tranche_amount.is_finite() && p.tranche_amount >= 0.0) {
        error(
            Field::TrancheAmount,
            format!(
                "{} is not an amount; enter 0 or more",
                shown(p.tranche_amount)
            ),
        );
    }
    match &p.tranche {
        super::TrancheRule::AllOrNothing { threshold } if !proportion(*threshold) => {
            error(
                Field::TrancheThreshold,
                format!("{} is outside 0%–100%", shown_percent(*threshold)),
            );
        }
        super::TrancheRule::Steps(steps)
            if steps
                .iter()
                .any(|(share, paid)| !proportion(*share) || !proportion(*paid)) =>
        {
            error(
                Field::TrancheThreshold,
                "every step needs a share met and a fraction paid between 0% and 100%".to_owned(),
            );
        }
        _ => {}
    }
}

fn validate_conditions(project: &Project, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (j, condition) in project.conditions.iter().enumerate() {
        let at = Location::Condition(j);
        let name = condition.name.as_str();
        if name.trim().is_empty() {
            problems.push(Problem::error(
                at,
                name,
                Field::Name,
                "the condition has no name; indicators link to conditions by name".to_owned(),
            ));
        } else if !seen.insert(name.trim()) {
            problems.push(Problem::error(
                at,
                name,
                Field::Name,
                format!("another condition above is also called \"{}\"; names must be unique so that indicators link to one", name.trim()),
            ));
        }
        if !(condition.dalys.is_finite() && condition.dalys >= 0.0) {
            problems.push(Problem::error(
                at,
                name,
                Field::Dalys,
                format!(
                    "{} is not a number of DALYs; enter 0 or more",
                    shown(condition.dalys)
                ),
            ));
        }
        if !finite_positive(condition.population) {
            problems.push(Problem::error(
                at,
                name,
                Field::Population,
                format!(
                    "{} is not a population; enter the size of the group, more than zero",
                    shown(condition.population)
                ),
            ));
        }
    }
}

fn validate_indicators(project: &Project, links: &[Option<usize>], problems: &mut Vec<Problem>) {
    for (i, indicator) in project.indicators.iter().enumerate() {
        let linked = links.get(i).copied().flatten().is_some();
        validate_indicator(project, linked, i, indicator, problems);
    }
}

/// Problems of `indicator` as row `i` of `project`.
fn validate_indicator(
    project: &Project,
    linked: bool,
    i: usize,
    indicator: &super::Indicator,
    problems: &mut Vec<Problem>,
) {
    let program = &project.program;
    let at = Location::Indicator(i);
    let name = indicator.name.as_str();
    let mut error =
        |field: Field, reason: String| problems.push(Problem::error(at, name, field, reason));
    if !linked {
        let reason = if indicator.condition.trim().is_empty() {
            "no condition is chosen; pick the Values row whose DALYs this indicator improves"
                .to_owned()
        } else {
            format!(
                "\"{}\" is not a condition of the Values sheet",
                indicator.condition.trim()
            )
        };
        error(Field::Condition, reason);
    }
    if !finite_positive(indicator.population) {
        error(
            Field::Population,
            format!(
                "{} is not a population; enter the number of people reached, more than zero",
                shown(indicator.population)
            ),
        );
    }
    if !proportion(indicator.baseline) {
        error(
            Field::Baseline,
            format!("{} is outside 0%–100%", shown_percent(indicator.baseline)),
        );
    }
    if let Some(change) = indicator.annual_change
        && !(change.is_finite() && (-1.0..=1.0).contains(&change))
    {
        error(
            Field::AnnualChange,
            format!(
                "{} is not a yearly change between −100% and 100%",
                shown_percent(change)
            ),
        );
    }
    if !(indicator.weight.is_finite() && indicator.weight >= 0.0) {
        error(
            Field::Weight,
            format!(
                "{} is not a weight; enter 0 or more (1 = equal priority)",
                shown(indicator.weight)
            ),
        );
    }
    if let Some(target) = indicator.negotiated_target {
        if !proportion(target) {
            error(
                Field::NegotiatedTarget,
                format!("{} is outside 0%–100%", shown_percent(target)),
            );
        } else {
            let beyond = match indicator.direction {
                Direction::Higher if target > program.ceiling => {
                    Some(("above the ceiling", program.ceiling))
                }
                Direction::Lower if target < program.floor => {
                    Some(("below the floor", program.floor))
                }
                _ => None,
            };
            if let Some((side, bound)) = beyond {
                problems.push(Problem::warning(
                    at,
                    name,
                    Field::NegotiatedTarget,
                    format!(
                        "{} is {side} of {}",
                        shown_percent(target),
                        shown_percent(bound)
                    ),
                ));
            }
        }
    }
    if let Some(change) = indicator.annual_change
        && change.is_finite()
        && change.abs() > 0.2
    {
        problems.push(Problem::warning(
            at,
            name,
            Field::AnnualChange,
            format!(
                "{} points a year is a very fast trend; to enter a trend of {} points a year type \"{}%\"",
                format_number(change * 100.0),
                format_number(change),
                format_number(change)
            ),
        ));
    }
    validate_survey(project, i, indicator, problems);
    let counterfactual =
        indicator.baseline + program.program_years * indicator.effective_annual_change(program);
    if proportion(indicator.baseline)
        && program.program_years.is_finite()
        && counterfactual.is_finite()
        && !(0.0..=1.0).contains(&counterfactual)
    {
        problems.push(Problem::warning(
            at,
            name,
            Field::Counterfactual,
            format!(
                "the trend takes the indicator to {} in {} years, outside 0%–100%; the counterfactual is counted as {}. Check the annual change",
                format_percent(counterfactual, 1),
                format_number(program.program_years),
                format_percent(counterfactual.clamp(0.0, 1.0), 0)
            ),
        ));
    }
}

/// The problems row `i` would have with `indicator` in it (a cell checks a value with this
/// before the value enters the document).
pub fn indicator_problems(
    project: &Project,
    i: usize,
    indicator: &super::Indicator,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let linked = project
        .conditions
        .iter()
        .any(|c| c.name.trim() == indicator.condition.trim());
    validate_indicator(project, linked, i, indicator, &mut problems);
    problems
}

/// The problems Values row `j` would have with `condition` in it.
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
    validate_conditions(&scratch, &mut problems);
    let same_name = |k: usize| k != j && scratch.conditions[k].name.trim() == condition.name.trim();
    if !condition.name.trim().is_empty() && (0..scratch.conditions.len()).any(same_name) {
        problems.push(Problem::error(
            Location::Condition(j),
            &condition.name,
            Field::Name,
            format!(
                "another condition is also called \"{}\"; names must be unique",
                condition.name.trim()
            ),
        ));
    }
    problems.retain(|p| p.location == Location::Condition(j));
    problems
}

/// The problems the program inputs would have as `program`.
pub fn program_problems(project: &Project, program: &super::Program) -> Vec<Problem> {
    let mut problems = Vec::new();
    validate_program(program, project.indicators.is_empty(), &mut problems);
    problems
}

/// The verification inputs and measurements of indicator `i`.
fn validate_survey(
    project: &Project,
    i: usize,
    indicator: &super::Indicator,
    problems: &mut Vec<Problem>,
) {
    let at = Location::Indicator(i);
    let name = indicator.name.as_str();
    let design = &indicator.survey;
    let mut error =
        |field: Field, reason: String| problems.push(Problem::error(at, name, field, reason));
    if let Some(n) = design.planned_n
        && !finite_positive(n)
    {
        error(
            Field::PlannedSample,
            format!(
                "{} is not a number of respondents; enter more than zero",
                shown(n)
            ),
        );
    }
    if !(design.cluster_size.is_finite() && design.cluster_size >= 1.0) {
        error(
            Field::ClusterSize,
            format!(
                "{} is not a cluster size; enter 1 or more respondents per cluster",
                shown(design.cluster_size)
            ),
        );
    }
    if !proportion(design.icc) {
        error(
            Field::Icc,
            format!(
                "{} is not an intraclass correlation; enter a value from 0 to 1",
                shown(design.icc)
            ),
        );
    }
    if let Some(deff) = design.deff
        && !finite_positive(deff)
    {
        error(
            Field::DesignEffect,
            format!(
                "{} is not a design effect; enter more than zero (1 = simple random sample)",
                shown(deff)
            ),
        );
    }
    if !(design.alpha.is_finite() && design.alpha > 0.0 && design.alpha < 1.0) {
        error(
            Field::Alpha,
            format!(
                "{} is not a significance level; enter e.g. 5%",
                shown_percent(design.alpha)
            ),
        );
    }
    if !(design.power.is_finite() && design.power > 0.0 && design.power < 1.0) {
        error(
            Field::Power,
            format!(
                "{} is not a power; enter e.g. 90% (80% the lowest acceptable)",
                shown_percent(design.power)
            ),
        );
    }
    if let Some(se) = design.counterfactual_se
        && !(se.is_finite() && se >= 0.0)
    {
        error(
            Field::CounterfactualSe,
            format!(
                "{} is not a standard error; enter 0 or more",
                shown_percent(se)
            ),
        );
    }
    if !(indicator.payment_weight.is_finite() && indicator.payment_weight >= 0.0) {
        error(
            Field::PaymentWeight,
            format!(
                "{} is not a weight; enter 0 or more",
                shown(indicator.payment_weight)
            ),
        );
    }
    for (k, measurement) in indicator.measurements.iter().enumerate() {
        let Some(m) = measurement else { continue };
        let round = project
            .rounds
            .get(k)
            .map_or_else(|| format!("round {}", k + 1), |r| r.name.clone());
        if !proportion(m.estimate) {
            error(
                Field::MeasurementPart(k, 0),
                format!(
                    "{round}: the estimate {} is outside 0%–100%",
                    shown_percent(m.estimate)
                ),
            );
        }
        // Each value of the precision is checked in its own cell: part 1 (SE, n or low) and
        // part 2 (DEFF or high).
        let (first_ok, second_ok) = match m.spread {
            super::Spread::StandardError(se) => (se.is_finite() && se >= 0.0, true),
            super::Spread::Sample { n, deff } => (finite_positive(n), finite_positive(deff)),
            super::Spread::Interval { low, high } => {
                (proportion(low), proportion(high) && low <= high)
            }
        };
        let expected = match m.spread {
            super::Spread::StandardError(_) => ("a standard error of 0 or more", ""),
            super::Spread::Sample { .. } => (
                "a number of respondents above zero",
                "a design effect above zero",
            ),
            super::Spread::Interval { .. } => (
                "a lower bound within 0%–100%",
                "an upper bound within 0%–100%, at least the lower bound",
            ),
        };
        if !first_ok {
            error(
                Field::MeasurementPart(k, 1),
                format!("{round}: expected {}", expected.0),
            );
        }
        if !second_ok {
            error(
                Field::MeasurementPart(k, 2),
                format!("{round}: expected {}", expected.1),
            );
        }
    }
    if indicator.measurements.len() > project.rounds.len() {
        error(
            Field::Measurement(project.rounds.len()),
            format!(
                "{} measurements for {} rounds; a measurement has no round",
                indicator.measurements.len(),
                project.rounds.len()
            ),
        );
    }
}
