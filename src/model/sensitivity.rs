//! MODEL.md §4: d and every bounded target with each parameter at its low and high value,
//! recomputed (not interpolated).

use serde::{Deserialize, Serialize};
use strum::{EnumIter, IntoEnumIterator};

use super::compute::compute_with;
use super::links::Links;
use super::{Program, Project};

/// A parameter the sensitivity analysis varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Parameter {
    DiscountRate,
    Horizon,
    DalyMultiple,
    ProgramYears,
    Cost,
    Gni,
    DefaultAnnualChange,
}

impl Parameter {
    /// Key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Parameter::DiscountRate => "discount_rate",
            Parameter::Horizon => "horizon_years",
            Parameter::DalyMultiple => "daly_multiple",
            Parameter::ProgramYears => "program_years",
            Parameter::Cost => "total_cost",
            Parameter::Gni => "gni_per_capita",
            Parameter::DefaultAnnualChange => "default_annual_change",
        }
    }

    /// True for parameters shown as percentages.
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            Parameter::DiscountRate | Parameter::DefaultAnnualChange
        )
    }

    /// The parameter's value in `program`.
    pub fn value(self, program: &Program) -> f64 {
        match self {
            Parameter::DiscountRate => program.discount_rate,
            Parameter::Horizon => f64::from(program.horizon_years),
            Parameter::DalyMultiple => program.daly_multiple,
            Parameter::ProgramYears => program.program_years,
            Parameter::Cost => program.total_cost,
            Parameter::Gni => program.gni_per_capita,
            Parameter::DefaultAnnualChange => program.default_annual_change,
        }
    }

    /// `program` with the parameter set to `value` (a horizon is rounded to whole years).
    pub fn set(self, program: &Program, value: f64) -> Program {
        let mut changed = program.clone();
        match self {
            Parameter::DiscountRate => changed.discount_rate = value,
            Parameter::Horizon => {
                changed.horizon_years = if value.is_finite() && value >= 0.0 {
                    value.round().min(1000.0) as u32
                } else {
                    0
                }
            }
            Parameter::DalyMultiple => changed.daly_multiple = value,
            Parameter::ProgramYears => changed.program_years = value,
            Parameter::Cost => changed.total_cost = value,
            Parameter::Gni => changed.gni_per_capita = value,
            Parameter::DefaultAnnualChange => changed.default_annual_change = value,
        }
        changed
    }
}

/// The low and high value of each parameter. L is varied by years added, C and G by factors;
/// the others by their values (defaults: MODEL.md §4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SensitivityRanges {
    pub discount_rate: (f64, f64),
    pub horizon_years: (f64, f64),
    pub daly_multiple: (f64, f64),
    /// Years added to L.
    pub program_years_change: (f64, f64),
    /// Factors applied to C.
    pub cost_factor: (f64, f64),
    /// Factors applied to G.
    pub gni_factor: (f64, f64),
    pub default_annual_change: (f64, f64),
}

impl Default for SensitivityRanges {
    fn default() -> Self {
        Self {
            discount_rate: (0.03, 0.12),
            horizon_years: (10.0, 30.0),
            daly_multiple: (1.0, 3.0),
            program_years_change: (-1.0, 1.0),
            cost_factor: (0.8, 1.2),
            gni_factor: (0.8, 1.2),
            default_annual_change: (0.0, 0.02),
        }
    }
}

impl SensitivityRanges {
    /// The range as stored (values, years added or factors).
    pub fn range(&self, parameter: Parameter) -> (f64, f64) {
        match parameter {
            Parameter::DiscountRate => self.discount_rate,
            Parameter::Horizon => self.horizon_years,
            Parameter::DalyMultiple => self.daly_multiple,
            Parameter::ProgramYears => self.program_years_change,
            Parameter::Cost => self.cost_factor,
            Parameter::Gni => self.gni_factor,
            Parameter::DefaultAnnualChange => self.default_annual_change,
        }
    }

    pub fn range_mut(&mut self, parameter: Parameter) -> &mut (f64, f64) {
        match parameter {
            Parameter::DiscountRate => &mut self.discount_rate,
            Parameter::Horizon => &mut self.horizon_years,
            Parameter::DalyMultiple => &mut self.daly_multiple,
            Parameter::ProgramYears => &mut self.program_years_change,
            Parameter::Cost => &mut self.cost_factor,
            Parameter::Gni => &mut self.gni_factor,
            Parameter::DefaultAnnualChange => &mut self.default_annual_change,
        }
    }

    /// How the stored range is expressed.
    pub fn unit(parameter: Parameter) -> RangeUnit {
        match parameter {
            Parameter::ProgramYears => RangeUnit::YearsAdded,
            Parameter::Cost | Parameter::Gni => RangeUnit::Factor,
            _ => RangeUnit::Value,
        }
    }

    /// The parameter's actual low and high values for `program`.
    pub fn values(&self, parameter: Parameter, program: &Program) -> (f64, f64) {
        let (low, high) = self.range(parameter);
        let base = parameter.value(program);
        match Self::unit(parameter) {
            RangeUnit::Value => (low, high),
            RangeUnit::YearsAdded => (base + low, base + high),
            RangeUnit::Factor => (base * low, base * high),
        }
    }
}

/// How a sensitivity range is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeUnit {
    Value,
    YearsAdded,
    Factor,
}

/// The model under one parameter setting.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub value: f64,
    pub minimum_impact: Option<f64>,
    pub benefit_cost_ratio: Option<f64>,
    /// M̃_i for each indicator (`None` where not computable).
    pub bounded_targets: Vec<Option<f64>>,
}

/// One parameter at its low and high value.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityRow {
    pub parameter: Parameter,
    pub low: Scenario,
    pub high: Scenario,
}

impl SensitivityRow {
    /// |d(high) − d(low)|, the length of the tornado bar (0 when either is missing).
    pub fn swing(&self) -> f64 {
        match (self.low.minimum_impact, self.high.minimum_impact) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        }
    }
}

/// The model recomputed with `program` in place of the project's program.
pub fn scenario(project: &Project, program: Program, value: f64) -> Scenario {
    scenario_linked(project, &program, &Links::of(project), value)
}

/// [`scenario`], given each indicator's condition row.
fn scenario_linked(project: &Project, program: &Program, links: &Links, value: f64) -> Scenario {
    let outcome = compute_with(project, program, links);
    Scenario {
        value,
        minimum_impact: outcome.minimum_impact,
        benefit_cost_ratio: outcome.benefit_cost_ratio,
        bounded_targets: outcome
            .indicators
            .iter()
            .map(|r| r.targets.map(|t| t.bounded_target))
            .collect(),
    }
}

/// Every parameter of MODEL.md §4 at its low and high value.
pub fn sensitivity(project: &Project) -> Vec<SensitivityRow> {
    let program = &project.program;
    let links = Links::of(project);
    Parameter::iter()
        .map(|parameter| {
            let (low, high) = program.sensitivity.values(parameter, program);
            let at =
                |value| scenario_linked(project, &parameter.set(program, value), &links, value);
            SensitivityRow {
                parameter,
                low: at(low),
                high: at(high),
            }
        })
        .collect()
}
