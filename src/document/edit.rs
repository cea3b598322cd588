//! One change to a project, its inverse, and what it changes in the audit log's terms.

use crate::model::audit::{self, Change, Collector, Item, Place, Value};
use crate::model::{Condition, Indicator, Location, Metadata, Program, Project, Round, Scenario};

/// One change to a project. Applying an edit returns its inverse, which is how undo works.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Program(Program),
    Metadata(Metadata),
    Condition {
        row: usize,
        value: Condition,
    },
    Indicator {
        row: usize,
        value: Indicator,
    },
    InsertCondition {
        row: usize,
        value: Condition,
    },
    RemoveCondition {
        row: usize,
    },
    MoveCondition {
        from: usize,
        to: usize,
    },
    InsertIndicator {
        row: usize,
        value: Indicator,
    },
    RemoveIndicator {
        row: usize,
    },
    MoveIndicator {
        from: usize,
        to: usize,
    },
    /// The list of measurement rounds.
    Rounds(Vec<Round>),
    /// The list of saved scenarios.
    Scenarios(Vec<Scenario>),
    /// Several edits applied as one undo step, in order.
    Batch(Vec<Edit>),
}

impl Edit {
    /// True when applying the edit would leave `project` as it is.
    pub(super) fn is_noop(&self, project: &Project) -> bool {
        match self {
            Edit::Program(value) => project.program == *value,
            Edit::Metadata(value) => project.metadata == *value,
            Edit::Rounds(value) => project.rounds == *value,
            Edit::Scenarios(value) => project.scenarios == *value,
            Edit::Condition { row, value } => project.conditions.get(*row) == Some(value),
            Edit::Indicator { row, value } => project.indicators.get(*row) == Some(value),
            Edit::MoveCondition { from, to } | Edit::MoveIndicator { from, to } => from == to,
            Edit::InsertCondition { .. }
            | Edit::RemoveCondition { .. }
            | Edit::InsertIndicator { .. }
            | Edit::RemoveIndicator { .. } => false,
            Edit::Batch(edits) => edits.iter().all(|edit| edit.is_noop(project)),
        }
    }

    /// Applies the edit and returns the edit that undoes it, or `None` (and leaves the project
    /// unchanged) when a row it names does not exist.
    pub(super) fn apply(self, project: &mut Project) -> Option<Edit> {
        fn set<T>(rows: &mut [T], row: usize, value: T) -> Option<T> {
            rows.get_mut(row).map(|slot| std::mem::replace(slot, value))
        }
        fn insert<T>(rows: &mut Vec<T>, row: usize, value: T) -> Option<()> {
            (row <= rows.len()).then(|| rows.insert(row, value))
        }
        fn remove<T>(rows: &mut Vec<T>, row: usize) -> Option<T> {
            (row < rows.len()).then(|| rows.remove(row))
        }
        fn move_row<T>(rows: &mut Vec<T>, from: usize, to: usize) -> Option<()> {
            if from >= rows.len() || to >= rows.len() {
                return None;
            }
            let item = rows.remove(from);
            rows.insert(to, item);
            Some(())
        }
        Some(match self {
            Edit::Program(value) => Edit::Program(std::mem::replace(&mut project.program, value)),
            Edit::Metadata(value) => {
                Edit::Metadata(std::mem::replace(&mut project.metadata, value))
            }
            Edit::Rounds(value) => Edit::Rounds(std::mem::replace(&mut project.rounds, value)),
            Edit::Scenarios(value) => {
                Edit::Scenarios(std::mem::replace(&mut project.scenarios, value))
            }
            Edit::Condition { row, value } => {
                let value = set(&mut project.conditions, row, value)?;
                Edit::Condition { row, value }
            }
            Edit::Indicator { row, value } => {
                let value = set(&mut project.indicators, row, value)?;
                Edit::Indicator { row, value }
            }
            Edit::InsertCondition { row, value } => {
                insert(&mut project.conditions, row, value)?;
                Edit::RemoveCondition { row }
            }
            Edit::RemoveCondition { row } => {
                let value = remove(&mut project.conditions, row)?;
                Edit::InsertCondition { row, value }
            }
            Edit::MoveCondition { from, to } => {
                move_row(&mut project.conditions, from, to)?;
                Edit::MoveCondition { from: to, to: from }
            }
            Edit::InsertIndicator { row, value } => {
                insert(&mut project.indicators, row, value)?;
                Edit::RemoveIndicator { row }
            }
            Edit::RemoveIndicator { row } => {
                let value = remove(&mut project.indicators, row)?;
                Edit::InsertIndicator { row, value }
            }
            Edit::MoveIndicator { from, to } => {
                move_row(&mut project.indicators, from, to)?;
                Edit::MoveIndicator { from: to, to: from }
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(project) {
                        Some(inverse) => inverses.push(inverse),
                        None => {
                            // Roll back what was applied so the batch is all or nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(project);
                            }
                            return None;
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }

    /// Edits that may merge with the next edit of the same cell (typing, one key at a time).
    pub(super) fn can_merge(&self) -> bool {
        matches!(
            self,
            Edit::Program(_)
                | Edit::Metadata(_)
                | Edit::Condition { .. }
                | Edit::Indicator { .. }
                | Edit::Rounds(_)
        )
    }
}

/// What an edit changes, from the values it replaces (`old`, its inverse) to the values it
/// sets (`new`).
pub(super) fn changes(old: &Edit, new: &Edit, project: &Project) -> Vec<Change> {
    let mut c = Collector::default();
    collect(&mut c, old, new, project);
    c.changes
}

fn collect(c: &mut Collector, old: &Edit, new: &Edit, project: &Project) {
    match (old, new) {
        (Edit::Program(a), Edit::Program(b)) => audit::program_changes(c, a, b),
        (Edit::Condition { row, value: a }, Edit::Condition { value: b, .. }) => {
            audit::condition_changes(c, *row, a, b)
        }
        (Edit::Indicator { row, value: a }, Edit::Indicator { value: b, .. }) => {
            audit::indicator_changes(c, *row, a, b, &project.rounds)
        }
        (Edit::Metadata(a), Edit::Metadata(b)) => audit::metadata_changes(c, a, b),
        (Edit::Scenarios(a), Edit::Scenarios(b)) => {
            let names =
                |list: &[Scenario]| Value::Names(list.iter().map(|s| s.name.clone()).collect());
            c.item(&Place::Scenarios, "", Item::Scenarios, names(a), names(b));
        }
        (Edit::Rounds(a), Edit::Rounds(b)) => audit::round_changes(c, a, b),
        (Edit::Batch(olds), Edit::Batch(news)) => {
            // The inverse of a batch lists its inverses in reverse order.
            for (new, old) in news.iter().zip(olds.iter().rev()) {
                collect(c, old, new, project);
            }
        }
        (_, Edit::InsertCondition { row, value }) => {
            audit::row_change(c, Location::Condition(*row), &value.name, true)
        }
        (Edit::InsertCondition { row, value }, Edit::RemoveCondition { .. }) => {
            audit::row_change(c, Location::Condition(*row), &value.name, false)
        }
        (_, Edit::InsertIndicator { row, value }) => {
            audit::row_change(c, Location::Indicator(*row), &value.name, true)
        }
        (Edit::InsertIndicator { row, value }, Edit::RemoveIndicator { .. }) => {
            audit::row_change(c, Location::Indicator(*row), &value.name, false)
        }
        (_, Edit::MoveCondition { from, to }) => audit::order_change(c, true, "", *from, *to),
        (_, Edit::MoveIndicator { from, to }) => {
            let name = project.indicators.get(*to).map_or("", |i| i.name.as_str());
            audit::order_change(c, false, name, *from, *to)
        }
        _ => {}
    }
}
