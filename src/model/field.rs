//! Where an input lives: the program inputs or a row of the Values or Targets sheet, and which
//! of its fields. Problems, the audit log and the window's cells all name inputs this way.

use serde::{Deserialize, Serialize};

/// Where an input is: the program inputs, a Values row or a Targets row (0-based index).
/// Ordered as validation lists problems: the program, then the Values rows, then the Targets
/// rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Location {
    Program,
    Condition(usize),
    Indicator(usize),
}

impl Location {
    /// 1-based row number within its table; `None` for program inputs.
    pub fn row_number(self) -> Option<usize> {
        match self {
            Location::Program => None,
            Location::Condition(i) | Location::Indicator(i) => Some(i + 1),
        }
    }
}

/// An input field; the same names are used in JSON output and in the grids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    Timing,
    SensitivityRanges,
    TrancheRule,
    TargetPrecision,
    Direction,
    Locked,
    Test,
    SurveyDesign,
    ProgramName,
    Country,
    Currency,
    Notes,
    Sources,
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
            Field::Measurement(_) | Field::MeasurementPart(..) => "measurement",
            Field::SurveyBudget => "survey_budget",
            Field::TrancheThreshold => "tranche_threshold",
            Field::TrancheAmount => "tranche_amount",
            Field::SensitivityRange(_) => "sensitivity_range",
            Field::RoundName(_) => "round_name",
            Field::RoundMonths(_) => "round_months",
            Field::Timing => "timing",
            Field::SensitivityRanges => "sensitivity",
            Field::TrancheRule => "tranche",
            Field::TargetPrecision => "target_precision",
            Field::Direction => "direction",
            Field::Locked => "locked",
            Field::Test => "test",
            Field::SurveyDesign => "survey",
            Field::ProgramName => "program_name",
            Field::Country => "country",
            Field::Currency => "currency",
            Field::Notes => "notes",
            Field::Sources => "sources",
        }
    }
}
