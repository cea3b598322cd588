//! The one gate every change passes: an edit that would change an agreed (locked) row, or bring
//! in an error the project did not have, is refused and the project keeps its last good value.
//! The gate also links indicators to conditions by id: a condition name chosen or typed in a
//! Targets row links the row to that condition, and a new condition gets an id of its own.

use std::collections::HashSet;

use crate::model::{
    Condition, Field, Indicator, Location, Problem, condition_problems, indicator_problems,
    program_problems, validate,
};
use crate::text::ParseError;

use super::{Document, Edit};

/// Why the gate refused a change.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// The row (0-based) is locked: its target was agreed.
    Locked { row: usize },
    /// The change would bring in this error.
    Problem(Box<Problem>),
    /// Text typed in a cell that is not a value.
    Unreadable(ParseError),
}

/// A refused change: the cell it was made in, when there is one, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub at: Option<(Location, Field)>,
    pub why: Why,
}

/// True when two versions of an indicator differ in what its agreed target depends on (a
/// locked row keeps these; its survey, measurements and payment weight stay editable).
fn target_inputs_differ(a: &Indicator, b: &Indicator) -> bool {
    a.name != b.name
        || a.condition != b.condition
        || a.condition_id != b.condition_id
        || a.direction != b.direction
        || a.population.to_bits() != b.population.to_bits()
        || a.baseline.to_bits() != b.baseline.to_bits()
        || a.annual_change.map(f64::to_bits) != b.annual_change.map(f64::to_bits)
        || a.weight.to_bits() != b.weight.to_bits()
        || a.negotiated_target.map(f64::to_bits) != b.negotiated_target.map(f64::to_bits)
}

/// A problem as a key that compares NaN values equal (a missing value stays the same problem).
fn key(problem: &Problem) -> String {
    format!(
        "{:?}/{:?}/{:?}",
        problem.location, problem.field, problem.kind
    )
}

/// The first error of `after` that `before` does not have.
fn first_new_error(before: &[Problem], after: Vec<Problem>) -> Option<Problem> {
    let known: HashSet<String> = before.iter().filter(|p| p.is_error()).map(key).collect();
    after
        .into_iter()
        .find(|p| p.is_error() && !known.contains(&key(p)))
}

impl Document {
    /// Why the gate refuses `edit`, or `None` when it may enter.
    pub(super) fn check(&self, edit: &Edit) -> Option<Why> {
        if let Some(row) = self.locked_row_changed(edit) {
            return Some(Why::Locked { row });
        }
        self.new_error(edit).map(|p| Why::Problem(Box::new(p)))
    }

    /// The locked row an edit would change the agreed target inputs of, if any (unlocking
    /// itself is allowed, and so are a locked row's survey and measurements).
    fn locked_row_changed(&self, edit: &Edit) -> Option<usize> {
        let indicators = &self.project.indicators;
        match edit {
            Edit::Indicator { row, value } => {
                let current = indicators.get(*row)?;
                (current.locked && value.locked && target_inputs_differ(current, value))
                    .then_some(*row)
            }
            Edit::RemoveIndicator { row } => {
                indicators.get(*row).filter(|i| i.locked).map(|_| *row)
            }
            Edit::Batch(edits) => edits.iter().find_map(|e| self.locked_row_changed(e)),
            _ => None,
        }
    }

    /// An error `edit` would bring in: each row or the program inputs compared before and
    /// after; a batch of such edits by the whole project's validation.
    fn new_error(&self, edit: &Edit) -> Option<Problem> {
        let project = &self.project;
        match edit {
            Edit::Indicator { row, value } => {
                let current = project.indicators.get(*row)?;
                let before = indicator_problems(project, *row, current);
                first_new_error(&before, indicator_problems(project, *row, value))
            }
            Edit::Condition { row, value } => {
                let current = project.conditions.get(*row)?;
                let before = condition_problems(project, *row, current);
                first_new_error(&before, condition_problems(project, *row, value))
            }
            Edit::Program(program) => {
                let before = program_problems(project, &project.program);
                first_new_error(&before, program_problems(project, program))
            }
            Edit::Batch(edits) if edits.iter().all(is_row_edit) => {
                let mut after = project.clone();
                edit.clone().apply(&mut after)?;
                first_new_error(&validate(project), validate(&after))
            }
            _ => None,
        }
    }

    /// `edit` with its links by id: an indicator whose condition name changed is linked to
    /// the condition of that name (as the batch leaves the names); a new condition gets a new
    /// id.
    pub(super) fn linked(&self, edit: Edit) -> Edit {
        let mut conditions = self.project.conditions.clone();
        if let Edit::Batch(edits) = &edit {
            for edit in edits {
                if let Edit::Condition { row, value } = edit
                    && let Some(slot) = conditions.get_mut(*row)
                {
                    *slot = value.clone();
                }
            }
        }
        self.link(edit, &conditions)
    }

    fn link(&self, edit: Edit, conditions: &[Condition]) -> Edit {
        let project = &self.project;
        match edit {
            Edit::Indicator { row, mut value } => {
                let renamed = project
                    .indicators
                    .get(row)
                    .is_none_or(|i| i.condition.trim() != value.condition.trim());
                if renamed || value.condition_id == 0 {
                    value.condition_id = id_named(conditions, &value.condition);
                }
                Edit::Indicator { row, value }
            }
            Edit::InsertIndicator { row, mut value } => {
                value.condition_id = id_named(conditions, &value.condition);
                Edit::InsertIndicator { row, value }
            }
            Edit::InsertCondition { row, mut value } => {
                if value.id == 0 || project.conditions.iter().any(|c| c.id == value.id) {
                    value.id = project.conditions.iter().map(|c| c.id).max().unwrap_or(0) + 1;
                }
                Edit::InsertCondition { row, value }
            }
            Edit::Batch(edits) => Edit::Batch(
                edits
                    .into_iter()
                    .map(|e| self.link(e, conditions))
                    .collect(),
            ),
            other => other,
        }
    }
}

fn is_row_edit(edit: &Edit) -> bool {
    matches!(
        edit,
        Edit::Indicator { .. } | Edit::Condition { .. } | Edit::Program(_)
    )
}

/// The id of the condition named `name` (trimmed), or 0 when there is none.
fn id_named(conditions: &[Condition], name: &str) -> u64 {
    let name = name.trim();
    conditions
        .iter()
        .find(|c| c.name.trim() == name)
        .map_or(0, |c| c.id)
}
