//! The target-setting model of IDB technical note IDB-TN-983 ("Setting Targets for
//! Results-Based Financing Programs: A Simple Cost-Benefit Framework", 2016).
//!
//! Pure: no widgets, no files, no language, no clock. [`compute`] turns a [`Project`] into an
//! [`Outcome`]; [`negotiate`] holds rebalance and goal seek; [`validate`] the checks of every
//! input, whose findings are typed [`Problem`]s ([`problem`]); [`links`] ties each indicator
//! to its condition. Words for all of these are chosen in `crate::present`.
//! `MODEL.md` in the shared folder is the specification of every number here.

pub mod audit;
mod compute;
pub mod field;
pub mod links;
pub mod mark;
pub mod negotiate;
pub mod problem;
mod recompute;
pub mod sensitivity;
pub mod stats;
pub mod validate;
pub mod verify;

pub use audit::AuditEntry;
pub use compute::{
    ConditionValues, IndicatorOutcome, IndicatorValue, Outcome, Targets, compute, counterfactual,
    present_value_factor,
};
pub use field::{Field, Location};
pub use links::Links;
pub use negotiate::{
    GoalSeek, NegotiationError, Rebalance, RebalanceStatus, RowBlock, goal_seek, rebalance,
};
pub use problem::{PrecisionPart, Problem, ProblemKind, Severity};
pub use recompute::recompute_row;
pub use sensitivity::{Parameter, SensitivityRanges, SensitivityRow, sensitivity};
pub use stats::{TestKind, minimum_detectable_change, normal_quantile, required_sample_size};
pub use validate::{condition_problems, indicator_problems, program_problems, validate};
pub use verify::{
    RoundOutcome, RowCompliance, RowVerification, Shortfall, evaluate_round, verification,
};

use serde::{Deserialize, Serialize};

/// The currency of a project that names none.
pub const DEFAULT_CURRENCY: &str = "US$";

/// The version of the project file format this build writes. Version 2 added verification,
/// measurement rounds, the tranche and the audit log; version 3 made the audit log typed (it
/// reads in the reader's language) and linked indicators to conditions by id. Older files
/// migrate on load.
pub const FORMAT_VERSION: u32 = 3;

/// One negotiation: program parameters, the Values sheet (conditions) and the Targets sheet
/// (indicators), with the metadata that says where the figures come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// Version of the file format; always [`FORMAT_VERSION`] once loaded or saved.
    pub format_version: u32,
    pub metadata: Metadata,
    pub program: Program,
    /// Rows of the Values sheet.
    pub conditions: Vec<Condition>,
    /// Rows of the Targets sheet.
    pub indicators: Vec<Indicator>,
    /// Population figures imported with a workbook ("Census data"), kept to be written back.
    pub census: Option<CensusTable>,
    /// Measurement rounds (e.g. 18, 24, 36 months); each indicator holds its own estimates.
    pub rounds: Vec<Round>,
    /// Who changed what, when and why. Appended to by the document, never edited or undone.
    pub audit: Vec<AuditEntry>,
    /// Named sets of negotiated targets ("government proposal", "donor proposal").
    pub scenarios: Vec<Scenario>,
    /// The moment the parties marked as agreed ("end of day 1"), what changed since being
    /// shown; `None` until someone marks one (the window then compares with the file as
    /// opened).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<mark::Mark>,
}

fn is_zero(id: &u64) -> bool {
    *id == 0
}

/// A named set of negotiated targets and locks, kept to compare and restore.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    pub name: String,
    /// Per indicator, by name: its negotiated target (`None`: the model's) and lock.
    pub targets: Vec<ScenarioTarget>,
}

/// One indicator's target in a scenario.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScenarioTarget {
    pub indicator: String,
    pub negotiated_target: Option<f64>,
    pub locked: bool,
}

impl Scenario {
    /// The project's current negotiated targets and locks under `name`.
    pub fn capture(project: &Project, name: &str) -> Self {
        Self {
            name: name.to_owned(),
            targets: project
                .indicators
                .iter()
                .map(|i| ScenarioTarget {
                    indicator: i.name.clone(),
                    negotiated_target: i.negotiated_target,
                    locked: i.locked,
                })
                .collect(),
        }
    }

    /// `project` with this scenario's targets and locks (indicators matched by name; rows the
    /// scenario does not know keep theirs).
    pub fn applied_to(&self, project: &Project) -> Project {
        let mut applied = Project {
            audit: Vec::new(),
            ..project.clone()
        };
        for indicator in &mut applied.indicators {
            if let Some(target) = self.targets.iter().find(|t| t.indicator == indicator.name) {
                indicator.negotiated_target = target.negotiated_target;
                indicator.locked = target.locked;
            }
        }
        applied
    }
}

/// A sheet of population figures kept as the workbook held it (the IDB tool's "Census data").
/// The model does not compute with it; it is shown read-only and exported unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CensusTable {
    /// The sheet's name in the workbook it came from.
    pub sheet_name: String,
    /// The sheet's used range, row by row, from its top-left used cell.
    pub rows: Vec<Vec<TableCell>>,
}

/// One cell of a kept table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum TableCell {
    #[default]
    Empty,
    Number(f64),
    Text(String),
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            metadata: Metadata::default(),
            program: Program::default(),
            conditions: Vec::new(),
            indicators: Vec::new(),
            census: None,
            rounds: Vec::new(),
            audit: Vec::new(),
            scenarios: Vec::new(),
            mark: None,
        }
    }
}

/// Who and what the project is about, and where its figures come from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub program_name: String,
    pub country: String,
    /// Currency of costs and values, e.g. "US$".
    pub currency: String,
    pub notes: String,
    /// One line per figure or group of figures: what it is and where it comes from.
    pub sources: Vec<String>,
}

impl Metadata {
    /// The currency costs and values are in, [`DEFAULT_CURRENCY`] when none is given.
    pub fn currency(&self) -> &str {
        match self.currency.trim() {
            "" => DEFAULT_CURRENCY,
            currency => currency,
        }
    }

    /// "Program — Country", either left out when empty; empty when both are.
    pub fn title(&self) -> String {
        [self.program_name.trim(), self.country.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" — ")
    }
}

/// When the yearly benefits of the stream are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Benefits at the end of each year, as Excel's `NPV` and `PV` count them (the note's tool).
    #[default]
    EndOfYear,
    /// Benefits at the start of each year: one year less of discounting.
    StartOfYear,
}

/// Program-level inputs (MODEL.md §1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Program {
    /// C: total program cost, donor plus counterpart.
    pub total_cost: f64,
    /// L: program length in years, over which the counterfactual trend runs.
    pub program_years: f64,
    /// G: gross national income per capita.
    pub gni_per_capita: f64,
    /// k: value of one DALY as a multiple of G (1 conservative, 3 upper bound).
    pub daly_multiple: f64,
    /// r: discount rate of the benefit stream.
    pub discount_rate: f64,
    /// H: horizon of the benefit stream in years.
    pub horizon_years: u32,
    pub timing: Timing,
    /// Highest target allowed for a higher-is-better indicator.
    pub ceiling: f64,
    /// Lowest target allowed for a lower-is-better indicator.
    pub floor: f64,
    /// R: required benefit-cost ratio.
    pub required_ratio: f64,
    /// a₀: annual counterfactual change where no trend is known (note, footnote 18).
    pub default_annual_change: f64,
    /// Low and high values tried for each parameter in the sensitivity analysis.
    pub sensitivity: SensitivityRanges,
    /// Respondents the verification surveys can afford per round, if known.
    pub survey_budget: Option<f64>,
    /// The performance tranche and how much of it a round pays.
    pub tranche: TrancheRule,
    /// Amount of the performance tranche (SMI: 25% of the funding envelope).
    pub tranche_amount: f64,
    /// The precision agreed targets are set to by rebalance, goal seek and locking.
    pub target_precision: TargetPrecision,
}

impl Program {
    /// The value of a program input typed as a number (cost, length, GNI, rates, bounds, …);
    /// `None` for a field that is not one.
    pub fn value(&self, field: Field) -> Option<f64> {
        Some(match field {
            Field::TotalCost => self.total_cost,
            Field::ProgramYears => self.program_years,
            Field::GniPerCapita => self.gni_per_capita,
            Field::DalyMultiple => self.daly_multiple,
            Field::DiscountRate => self.discount_rate,
            Field::HorizonYears => f64::from(self.horizon_years),
            Field::Ceiling => self.ceiling,
            Field::Floor => self.floor,
            Field::RequiredRatio => self.required_ratio,
            Field::DefaultAnnualChange => self.default_annual_change,
            _ => return None,
        })
    }
}

/// How finely agreed targets are set: rebalance, goal seek and locking a row give targets at
/// this precision, rounded toward improvement so that the required ratio still holds. Targets
/// typed by hand keep what was typed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetPrecision {
    /// To the nearest 0.1 percentage point (81.0 %, 81.1 %).
    #[default]
    Tenth,
    /// To the nearest percentage point (81 %, 82 %).
    Whole,
    /// As computed, unrounded.
    Exact,
}

impl TargetPrecision {
    /// The step of a target, as a proportion (0.001 for a tenth of a point).
    pub fn step(self) -> Option<f64> {
        match self {
            TargetPrecision::Tenth => Some(0.001),
            TargetPrecision::Whole => Some(0.01),
            TargetPrecision::Exact => None,
        }
    }

    /// `target` at this precision, rounded toward improvement (up when higher is better, down
    /// when lower is), so that its benefit never falls; a target a rounding error away from a
    /// step is that step.
    pub fn round_toward(self, target: f64, direction: Direction) -> f64 {
        let Some(step) = self.step() else {
            return target;
        };
        let scale = 1.0 / step;
        let scaled = target * scale;
        let nearest = scaled.round();
        let steps = if (scaled - nearest).abs() < 1e-7 {
            nearest
        } else {
            match direction {
                Direction::Higher => scaled.ceil(),
                Direction::Lower => scaled.floor(),
            }
        };
        // Dividing by the scale gives the shortest decimal (0.81, not 0.8100000000000001).
        steps / scale
    }
}

impl Default for Program {
    fn default() -> Self {
        Self {
            total_cost: 0.0,
            program_years: 3.0,
            gni_per_capita: 0.0,
            daly_multiple: 1.0,
            discount_rate: 0.12,
            horizon_years: 20,
            timing: Timing::EndOfYear,
            ceiling: 0.95,
            floor: 0.0,
            required_ratio: 1.0,
            default_annual_change: 0.01,
            sensitivity: SensitivityRanges::default(),
            survey_budget: None,
            tranche: TrancheRule::default(),
            tranche_amount: 0.0,
            target_precision: TargetPrecision::Tenth,
        }
    }
}

/// One row of the Values sheet: a health condition j in one age-sex group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Condition {
    /// Stable id the indicators link to (0: none yet; see [`links::assign_ids`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub id: u64,
    /// Name shown and exported, e.g. "Maternal conditions".
    pub name: String,
    /// Age-sex group the DALYs and population refer to, e.g. "Women 15-59".
    pub group: String,
    /// D_j: total DALYs for the condition in the group.
    pub dalys: f64,
    /// P_j: population of the group.
    pub population: f64,
}

/// Which bound a target was held at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The ceiling of a higher-is-better indicator.
    Ceiling,
    /// The floor of a lower-is-better indicator.
    Floor,
}

/// A measurement round: a survey at some months from the start of the program.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Round {
    pub name: String,
    pub months: f64,
}

/// How precise an estimate is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Spread {
    /// The standard error, as reported by the survey.
    StandardError(f64),
    /// Respondents and design effect: SE = √(DEFF·Y(1−Y)/n).
    Sample { n: f64, deff: f64 },
    /// A 95% confidence interval.
    Interval { low: f64, high: f64 },
}

/// An indicator's estimate at one round.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// Y: the survey's estimate (proportion).
    pub estimate: f64,
    pub spread: Spread,
}

/// How much of the performance tranche a round pays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrancheRule {
    /// SMI: all when the weighted share of indicators met reaches the threshold θ, else nothing.
    AllOrNothing { threshold: f64 },
    /// In proportion to the weighted achievement: each indicator's progress from its
    /// counterfactual towards its target, between 0 and 1.
    Continuous,
    /// Steps: (share met at least, fraction of the tranche paid), e.g. 50% pays half, 80% all.
    Steps(Vec<(f64, f64)>),
}

impl Default for TrancheRule {
    fn default() -> Self {
        TrancheRule::AllOrNothing { threshold: 0.8 }
    }
}

/// Whether a higher or a lower level of an indicator is the improvement (s_i = ±1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Higher,
    Lower,
}

impl Direction {
    /// s_i: +1 when higher is better, −1 when lower is better.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Higher => 1.0,
            Direction::Lower => -1.0,
        }
    }

    /// The word used in files, JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
        }
    }
}

/// One row of the Targets sheet: a payment indicator i.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    pub name: String,
    /// Name of the linked condition j(i) in the Values sheet, as shown and exported.
    pub condition: String,
    /// Id of the linked condition (0: linked by name until ids are given).
    #[serde(skip_serializing_if = "is_zero")]
    pub condition_id: u64,
    /// s_i.
    pub direction: Direction,
    /// N_i: population reached.
    pub population: f64,
    /// b_i: baseline level (proportion).
    pub baseline: f64,
    /// a_i: annual counterfactual change in proportion points a year, signed;
    /// `None` means the program default s_i·a₀.
    pub annual_change: Option<f64>,
    /// w_i: priority weight.
    pub weight: f64,
    /// Negotiated target; `None` means "use the model".
    pub negotiated_target: Option<f64>,
    /// Agreed rows keep their target when the rest is rebalanced.
    pub locked: bool,
    /// How the indicator is verified (MODEL.md §5).
    pub survey: SurveyDesign,
    /// Weight of the indicator in the share of targets met (SMI: equal weights).
    pub payment_weight: f64,
    /// One entry per measurement round of the project, `None` where not measured.
    pub measurements: Vec<Option<Measurement>>,
}

/// The verification survey of one indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyDesign {
    /// Respondents the endline survey affords for this indicator, if planned.
    pub planned_n: Option<f64>,
    /// m: respondents per cluster.
    pub cluster_size: f64,
    /// ρ: intraclass correlation.
    pub icc: f64,
    /// A design effect given directly, used instead of 1 + (m − 1)·ρ.
    pub deff: Option<f64>,
    /// α, two-sided.
    pub alpha: f64,
    /// 1 − β (0.9 in SMI; 0.8 the lowest acceptable).
    pub power: f64,
    pub test: TestKind,
    /// Standard error of the counterfactual from the baseline survey, if known: then the two
    /// intervals must not overlap for rule 2.
    pub counterfactual_se: Option<f64>,
}

impl Default for SurveyDesign {
    fn default() -> Self {
        Self {
            planned_n: None,
            cluster_size: 1.0,
            icc: 0.0,
            deff: None,
            alpha: 0.05,
            power: 0.9,
            test: TestKind::TwoProportions,
            counterfactual_se: None,
        }
    }
}

impl SurveyDesign {
    /// DEFF = 1 + (m − 1)·ρ, or the design effect given directly.
    pub fn design_effect(&self) -> f64 {
        self.deff
            .unwrap_or(1.0 + (self.cluster_size - 1.0) * self.icc)
    }
}

impl Default for Indicator {
    fn default() -> Self {
        Self {
            name: String::new(),
            condition: String::new(),
            condition_id: 0,
            direction: Direction::Higher,
            population: 0.0,
            baseline: 0.0,
            annual_change: None,
            weight: 1.0,
            negotiated_target: None,
            locked: false,
            survey: SurveyDesign::default(),
            payment_weight: 1.0,
            measurements: Vec::new(),
        }
    }
}

impl Indicator {
    /// a_i in force: the row's own trend, or s_i·a₀ when it has none.
    pub fn effective_annual_change(&self, program: &Program) -> f64 {
        self.annual_change
            .unwrap_or(self.direction.sign() * program.default_annual_change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_and_a_currency_leave_out_what_is_empty() {
        let mut metadata = Metadata {
            program_name: "SM2015 ".to_owned(),
            country: " El Salvador".to_owned(),
            ..Metadata::default()
        };
        assert_eq!(metadata.title(), "SM2015 — El Salvador");
        assert_eq!(metadata.currency(), "US$");
        metadata.program_name = "  ".to_owned();
        metadata.currency = " MXN ".to_owned();
        assert_eq!(metadata.title(), "El Salvador");
        assert_eq!(metadata.currency(), "MXN");
        metadata.country.clear();
        assert_eq!(metadata.title(), "");
    }
}
