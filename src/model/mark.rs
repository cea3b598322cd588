//! The mark: a moment the parties agreed on ("opened", "end of day 1") and the project as it
//! stood then. What differs from it is highlighted in the grids, the presenter window and the
//! live view, and listed (with the audit entries made since) in "Changes since the mark" and
//! the exported Changes sheet.

use serde::{Deserialize, Serialize};

use super::audit::Change;
use super::{Field, Indicator, Location, Outcome, Project};

/// A named moment and the project of that moment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mark {
    /// What the parties call it; empty for the mark set when the file was opened.
    pub name: String,
    /// Seconds since 1970-01-01 UTC when it was set.
    pub at: u64,
    /// How many entries the audit log held when it was set.
    pub audit_len: usize,
    /// The project as it stood, without its audit log and mark.
    pub project: Box<Project>,
    /// Each Targets row's final target then; `None` where it could not be computed.
    pub final_targets: Vec<Option<f64>>,
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

/// Final targets closer than this (a millionth of a point) are the same target.
const SAME: f64 = 1e-8;

impl Mark {
    /// The project as it stands, under `name`, at `at` (seconds since 1970).
    pub fn capture(project: &Project, outcome: &Outcome, name: &str, at: u64) -> Self {
        let snapshot = Project {
            audit: Vec::new(),
            mark: None,
            ..project.clone()
        };
        Self {
            name: name.trim().to_owned(),
            at,
            audit_len: project.audit.len(),
            project: Box::new(snapshot),
            final_targets: (0..project.indicators.len())
                .map(|i| final_target(outcome, i))
                .collect(),
        }
    }

    /// How `what` at `at` differs from the mark, if it does: a program input, a Values row's
    /// DALYs or population, or a Targets row's input or final target. A row added since the
    /// mark differs in every field.
    pub fn difference(
        &self,
        project: &Project,
        outcome: &Outcome,
        at: Location,
        what: Marked,
    ) -> Option<Difference> {
        let (then, now, known) = match (at, what) {
            (Location::Program, Marked::Input(field)) => (
                self.project.program.value(field),
                project.program.value(field),
                true,
            ),
            (Location::Condition(j), Marked::Input(field)) => {
                let condition = project.conditions.get(j)?;
                let rows = &self.project.conditions;
                let marked = row_for(rows, j, &condition.name, |c| &c.name).map(|k| &rows[k]);
                let value = |c: &super::Condition| match field {
                    Field::Dalys => Some(c.dalys),
                    Field::Population => Some(c.population),
                    _ => None,
                };
                value(condition)?;
                (marked.and_then(value), value(condition), marked.is_some())
            }
            (Location::Indicator(i), what) => {
                let indicator = project.indicators.get(i)?;
                let marked = row_for(&self.project.indicators, i, &indicator.name, |m| &m.name);
                let (then, now) = match what {
                    Marked::Input(field) => {
                        let then = marked.and_then(|k| input(&self.project.indicators[k], field));
                        (then.flatten(), input(indicator, field)?)
                    }
                    Marked::FinalTarget => (
                        marked.and_then(|k| self.final_targets.get(k).copied().flatten()),
                        final_target(outcome, i),
                    ),
                };
                (then, now, marked.is_some())
            }
            _ => return None,
        };
        let same = match (what, then, now) {
            (Marked::FinalTarget, Some(a), Some(b)) => (a - b).abs() < SAME,
            _ => known && then == now,
        };
        (!same).then_some(Difference { what, then, now })
    }

    /// Every input that differs from the mark, as the audit log words a change (rows compared
    /// by position).
    pub fn changes(&self, project: &Project) -> Vec<Change> {
        super::audit::changes(&self.project, project)
    }

    /// The Targets rows whose final target differs from the mark.
    pub fn final_target_changes(
        &self,
        project: &Project,
        outcome: &Outcome,
    ) -> Vec<(usize, Difference)> {
        (0..project.indicators.len())
            .filter_map(|i| {
                let at = Location::Indicator(i);
                Some((
                    i,
                    self.difference(project, outcome, at, Marked::FinalTarget)?,
                ))
            })
            .collect()
    }
}

/// The row of the mark's `rows` that row `row` (named `name`) stands for: the same row when it
/// has the same name, else the row of that name; `None` for a row added since.
fn row_for<T>(rows: &[T], row: usize, name: &str, name_of: fn(&T) -> &String) -> Option<usize> {
    match rows.get(row) {
        Some(marked) if name_of(marked) == name => Some(row),
        _ => rows.iter().position(|m| name_of(m) == name),
    }
}

/// A Targets input of `indicator` as a number: `Some(None)` for an optional input left empty
/// (the model's target, the default trend), `None` for a field the row does not have.
fn input(indicator: &Indicator, field: Field) -> Option<Option<f64>> {
    Some(match field {
        Field::Population => Some(indicator.population),
        Field::Baseline => Some(indicator.baseline),
        Field::AnnualChange => indicator.annual_change,
        Field::Weight => Some(indicator.weight),
        Field::NegotiatedTarget => indicator.negotiated_target,
        Field::Locked => Some(if indicator.locked { 1.0 } else { 0.0 }),
        _ => return None,
    })
}

fn final_target(outcome: &Outcome, row: usize) -> Option<f64> {
    outcome
        .indicators
        .get(row)
        .and_then(|o| o.targets.as_ref())
        .map(|t| t.final_target)
}
