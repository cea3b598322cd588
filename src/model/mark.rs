//! The mark: a moment the parties agreed on ("opened", "end of day 1") and the figures as they
//! stood then. What differs from it is highlighted in the grids, the presenter window and the
//! live view, and the audit entries made since it are "the changes since the mark".

use serde::{Deserialize, Serialize};

use super::{Field, Outcome, Program, Project};

/// A named moment and the inputs and targets of that moment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mark {
    /// What the parties call it; empty for the mark set when the file was opened.
    pub name: String,
    /// Seconds since 1970-01-01 UTC when it was set.
    pub at: u64,
    /// How many entries the audit log held when it was set.
    pub audit_len: usize,
    pub program: Program,
    /// One entry per Targets row of that moment.
    pub indicators: Vec<MarkedRow>,
}

/// One Targets row as it stood at the mark.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MarkedRow {
    pub indicator: String,
    pub population: f64,
    pub baseline: f64,
    pub annual_change: Option<f64>,
    pub weight: f64,
    pub negotiated_target: Option<f64>,
    pub locked: bool,
    /// The final target then; `None` when it could not be computed.
    pub final_target: Option<f64>,
}

/// What differs: an input, or the final target the inputs give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marked {
    Input(Field),
    FinalTarget,
}

/// A figure that differs from the mark: what it was and what it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Difference {
    pub what: Marked,
    pub then: Option<f64>,
    pub now: Option<f64>,
}

/// The Targets fields the mark compares, in the grid's order.
pub const MARKED_FIELDS: [Field; 6] = [
    Field::Population,
    Field::Baseline,
    Field::AnnualChange,
    Field::Weight,
    Field::NegotiatedTarget,
    Field::Locked,
];

/// Final targets closer than this (a millionth of a point) are the same target.
const SAME: f64 = 1e-8;

impl Mark {
    /// The project as it stands, under `name`, at `at` (seconds since 1970).
    pub fn capture(project: &Project, outcome: &Outcome, name: &str, at: u64) -> Self {
        let indicators = project
            .indicators
            .iter()
            .enumerate()
            .map(|(i, indicator)| MarkedRow {
                indicator: indicator.name.clone(),
                population: indicator.population,
                baseline: indicator.baseline,
                annual_change: indicator.annual_change,
                weight: indicator.weight,
                negotiated_target: indicator.negotiated_target,
                locked: indicator.locked,
                final_target: final_target(outcome, i),
            })
            .collect();
        Self {
            name: name.trim().to_owned(),
            at,
            audit_len: project.audit.len(),
            program: project.program.clone(),
            indicators,
        }
    }

    /// The row of the mark that Targets row `row` (named `name`) stands for: the same row
    /// when it has the same name, else the row of that name; `None` for a row added since.
    pub fn row_for(&self, row: usize, name: &str) -> Option<&MarkedRow> {
        match self.indicators.get(row) {
            Some(marked) if marked.indicator == name => Some(marked),
            _ => self.indicators.iter().find(|m| m.indicator == name),
        }
    }

    /// How Targets row `row` differs from the mark, field by field (a row added since the
    /// mark differs in every field), the final target last.
    pub fn differences(&self, project: &Project, outcome: &Outcome, row: usize) -> Vec<Difference> {
        MARKED_FIELDS
            .iter()
            .map(|&field| Marked::Input(field))
            .chain([Marked::FinalTarget])
            .filter_map(|what| self.difference(project, outcome, row, what))
            .collect()
    }

    /// How `what` of Targets row `row` differs from the mark, if it does.
    pub fn difference(
        &self,
        project: &Project,
        outcome: &Outcome,
        row: usize,
        what: Marked,
    ) -> Option<Difference> {
        let indicator = project.indicators.get(row)?;
        let marked = self.row_for(row, &indicator.name);
        let flag = |b: bool| Some(if b { 1.0 } else { 0.0 });
        let (then, now) = match what {
            Marked::Input(Field::Population) => {
                (marked.map(|m| m.population), Some(indicator.population))
            }
            Marked::Input(Field::Baseline) => {
                (marked.map(|m| m.baseline), Some(indicator.baseline))
            }
            Marked::Input(Field::AnnualChange) => (
                marked.and_then(|m| m.annual_change),
                indicator.annual_change,
            ),
            Marked::Input(Field::Weight) => (marked.map(|m| m.weight), Some(indicator.weight)),
            Marked::Input(Field::NegotiatedTarget) => (
                marked.and_then(|m| m.negotiated_target),
                indicator.negotiated_target,
            ),
            Marked::Input(Field::Locked) => {
                (marked.and_then(|m| flag(m.locked)), flag(indicator.locked))
            }
            Marked::Input(_) => return None,
            Marked::FinalTarget => (
                marked.and_then(|m| m.final_target),
                final_target(outcome, row),
            ),
        };
        let same = match (what, then, now) {
            (Marked::FinalTarget, Some(a), Some(b)) => (a - b).abs() < SAME,
            _ => marked.is_some() && then == now,
        };
        (!same).then_some(Difference { what, then, now })
    }

    /// The program inputs that differ from the mark: (field, then, now).
    pub fn program_differences(&self, program: &Program) -> Vec<Difference> {
        let pairs = [
            (
                Field::TotalCost,
                self.program.total_cost,
                program.total_cost,
            ),
            (
                Field::ProgramYears,
                self.program.program_years,
                program.program_years,
            ),
            (
                Field::GniPerCapita,
                self.program.gni_per_capita,
                program.gni_per_capita,
            ),
            (
                Field::DalyMultiple,
                self.program.daly_multiple,
                program.daly_multiple,
            ),
            (
                Field::DiscountRate,
                self.program.discount_rate,
                program.discount_rate,
            ),
            (
                Field::HorizonYears,
                f64::from(self.program.horizon_years),
                f64::from(program.horizon_years),
            ),
            (Field::Ceiling, self.program.ceiling, program.ceiling),
            (Field::Floor, self.program.floor, program.floor),
            (
                Field::RequiredRatio,
                self.program.required_ratio,
                program.required_ratio,
            ),
            (
                Field::DefaultAnnualChange,
                self.program.default_annual_change,
                program.default_annual_change,
            ),
        ];
        pairs
            .into_iter()
            .filter(|(_, then, now)| then != now)
            .map(|(field, then, now)| Difference {
                what: Marked::Input(field),
                then: Some(then),
                now: Some(now),
            })
            .collect()
    }
}

fn final_target(outcome: &Outcome, row: usize) -> Option<f64> {
    outcome
        .indicators
        .get(row)
        .and_then(|o| o.targets.as_ref())
        .map(|t| t.final_target)
}
