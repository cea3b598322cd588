//! Negotiation actions on the document, each one undo step: rebalance, goal seek, locks,
//! scenarios, renaming a condition.

use crate::model::audit::Deed;
use crate::model::{
    Condition, Indicator, Links, NegotiationError, RebalanceStatus, Scenario, TargetPrecision,
    goal_seek, rebalance,
};

use super::{Document, Edit};

/// What a negotiation action did, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    /// Rebalanced: the ratio now, and the one required.
    Rebalanced {
        precision: TargetPrecision,
        ratio: Option<f64>,
        required: f64,
    },
    /// The locked rows alone exceed the requirement: the free rows are at their counterfactual.
    LockedExceed { surplus: f64, currency: String },
    /// Even with every unlocked row at its bound benefits fall short: nothing was changed.
    CannotBalance {
        shortfall: f64,
        currency: String,
        locked: bool,
    },
    /// Goal seek on 0-based `row` reached the required ratio with `target`.
    GoalReached {
        row: usize,
        target: f64,
        precision: TargetPrecision,
        ratio: Option<f64>,
        required: f64,
    },
    /// Even at its bound `target` the row leaves benefits short.
    GoalShort {
        row: usize,
        target: f64,
        shortfall: f64,
        currency: String,
    },
    /// Even at `target` the other rows exceed the requirement.
    GoalOver {
        row: usize,
        target: f64,
        surplus: f64,
        currency: String,
    },
    /// The row is locked; goal seek leaves it alone.
    RowLocked { row: usize },
}

impl Report {
    /// False when the action could not reach its goal (shortfall, bound, lock).
    pub fn reached(&self) -> bool {
        matches!(
            self,
            Report::Rebalanced { .. } | Report::LockedExceed { .. } | Report::GoalReached { .. }
        )
    }
}

impl Document {
    fn indicator_with(&self, row: usize, change: impl FnOnce(&mut Indicator)) -> Option<Edit> {
        let mut value = self.project.indicators.get(row)?.clone();
        change(&mut value);
        Some(Edit::Indicator { row, value })
    }

    /// MODEL.md §3 rebalance, as one undo step, the targets set at the project's precision
    /// (rounded toward improvement, so that the required ratio still holds). When even the
    /// bounds cannot close the gap nothing is changed, and the shortfall is reported.
    pub fn rebalance(&mut self) -> Result<Report, NegotiationError> {
        let result = rebalance(&self.project)?;
        let currency = self.currency();
        if let RebalanceStatus::Shortfall { shortfall } = result.status {
            let locked = self.project.indicators.iter().any(|i| i.locked);
            return Ok(Report::CannotBalance {
                shortfall,
                currency,
                locked,
            });
        }
        let precision = self.project.program.target_precision;
        let edits: Vec<Edit> = result
            .targets
            .iter()
            .filter_map(|&(row, target)| {
                let direction = self.project.indicators.get(row)?.direction;
                let target = precision.round_toward(target, direction);
                self.indicator_with(row, |i| i.negotiated_target = Some(target))
            })
            .collect();
        self.apply(Edit::Batch(edits), Deed::Rebalance, None);
        Ok(match result.status {
            RebalanceStatus::Surplus { surplus } => Report::LockedExceed { surplus, currency },
            _ => Report::Rebalanced {
                precision,
                ratio: self.outcome.benefit_cost_ratio,
                required: self.project.program.required_ratio,
            },
        })
    }

    /// Goal seek on one row, as one undo step, the target set at the project's precision.
    /// A locked row is refused.
    pub fn goal_seek(&mut self, row: usize) -> Result<Report, NegotiationError> {
        if self.project.indicators.get(row).is_some_and(|i| i.locked) {
            return Ok(Report::RowLocked { row });
        }
        let seek = goal_seek(&self.project, row)?;
        let precision = self.project.program.target_precision;
        let direction = self.project.indicators[row].direction;
        let target = if seek.reached() {
            precision.round_toward(seek.target, direction)
        } else {
            seek.target
        };
        if let Some(edit) = self.indicator_with(row, |i| i.negotiated_target = Some(target)) {
            self.apply(edit, Deed::GoalSeek { row }, None);
        }
        let currency = self.currency();
        Ok(if seek.reached() {
            Report::GoalReached {
                row,
                target,
                precision,
                ratio: self.outcome.benefit_cost_ratio,
                required: self.project.program.required_ratio,
            }
        } else if seek.remaining_surplus < 0.0 {
            let shortfall = -seek.remaining_surplus;
            Report::GoalShort {
                row,
                target,
                shortfall,
                currency,
            }
        } else {
            let surplus = seek.remaining_surplus;
            Report::GoalOver {
                row,
                target,
                surplus,
                currency,
            }
        })
    }

    /// Locks or unlocks one row. Locking a row without a negotiated target fixes its current
    /// final target as the negotiated one, at the project's precision (toward improvement),
    /// so that it no longer moves with d.
    pub fn set_locked(&mut self, row: usize, locked: bool) -> bool {
        let final_target = self
            .outcome
            .indicators
            .get(row)
            .and_then(|o| o.targets)
            .map(|t| t.final_target);
        let precision = self.project.program.target_precision;
        let Some(edit) = self.indicator_with(row, |i| {
            i.locked = locked;
            if locked && i.negotiated_target.is_none() {
                i.negotiated_target = final_target.map(|t| precision.round_toward(t, i.direction));
            }
        }) else {
            return false;
        };
        let deed = if locked {
            Deed::Lock { row }
        } else {
            Deed::Unlock { row }
        };
        self.apply(edit, deed, None)
    }

    /// Locks every row that has a negotiated target (one undo step).
    pub fn lock_negotiated(&mut self) -> bool {
        let edits = (0..self.project.indicators.len())
            .filter(|&row| self.project.indicators[row].negotiated_target.is_some())
            .filter_map(|row| self.indicator_with(row, |i| i.locked = true))
            .collect();
        self.apply(Edit::Batch(edits), Deed::LockNegotiated, None)
    }

    /// Unlocks every row (one undo step).
    pub fn unlock_all(&mut self) -> bool {
        let edits = (0..self.project.indicators.len())
            .filter_map(|row| self.indicator_with(row, |i| i.locked = false))
            .collect();
        self.apply(Edit::Batch(edits), Deed::UnlockAll, None)
    }

    /// Saves the current negotiated targets and locks as a scenario (replacing one of the same
    /// name).
    pub fn save_scenario(&mut self, name: &str) -> bool {
        let mut scenarios = self.project.scenarios.clone();
        let scenario = Scenario::capture(&self.project, name.trim());
        match scenarios.iter_mut().find(|s| s.name == scenario.name) {
            Some(existing) => *existing = scenario,
            None => scenarios.push(scenario),
        }
        let deed = Deed::SaveScenario {
            name: name.trim().to_owned(),
        };
        self.apply(Edit::Scenarios(scenarios), deed, None)
    }

    /// Restores a scenario's targets and locks, as one undo step.
    pub fn restore_scenario(&mut self, index: usize) -> bool {
        let Some(scenario) = self.project.scenarios.get(index) else {
            return false;
        };
        let applied = scenario.applied_to(&self.project);
        let deed = Deed::RestoreScenario {
            name: scenario.name.clone(),
        };
        let edits = applied
            .indicators
            .into_iter()
            .enumerate()
            .map(|(row, value)| Edit::Indicator { row, value })
            .collect();
        self.apply(Edit::Batch(edits), deed, None)
    }

    /// Clears the negotiated target of a row (and unlocks it): the model target applies again.
    pub fn reset_to_model(&mut self, row: usize) -> bool {
        let Some(edit) = self.indicator_with(row, |i| {
            i.negotiated_target = None;
            i.locked = false;
        }) else {
            return false;
        };
        self.apply(edit, Deed::ResetToModel { row }, None)
    }

    /// Renames a condition, as one step; its indicators stay linked (by id) and show the new
    /// name.
    pub fn rename_condition(&mut self, row: usize, name: String, merge_key: Option<&str>) -> bool {
        let Some(edit) = self.rename_condition_edit(row, name) else {
            return false;
        };
        let deed = Deed::Edit {
            at: crate::model::Location::Condition(row),
            field: crate::model::Field::Name,
        };
        self.apply(edit, deed, merge_key)
    }

    /// The edit that renames condition `row` and the condition name its indicators show.
    pub fn rename_condition_edit(&self, row: usize, name: String) -> Option<Edit> {
        let condition = self.project.conditions.get(row)?;
        let mut edits = vec![Edit::Condition {
            row,
            value: Condition {
                name: name.clone(),
                ..condition.clone()
            },
        }];
        let links = Links::of(&self.project);
        for (i, indicator) in self.project.indicators.iter().enumerate() {
            if links.condition_of(i) == Some(row) {
                edits.push(Edit::Indicator {
                    row: i,
                    value: Indicator {
                        condition: name.clone(),
                        condition_id: condition.id,
                        ..indicator.clone()
                    },
                });
            }
        }
        Some(Edit::Batch(edits))
    }

    /// The project's currency, "US$" when it has none.
    pub fn currency(&self) -> String {
        self.project.metadata.currency().to_owned()
    }
}
