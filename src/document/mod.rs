//! The open document: the project, what the model computes from it, the edit history and the
//! dirty flag. Every change passes through one gate ([`Document::apply`], or
//! [`Document::type_value`] while a cell is being typed), which refuses what would break an
//! agreed row or bring in an error, records the change for undo and in the audit log, and
//! recomputes the model.
//!
//! - [`edit`]: one change and its inverse;
//! - `gate`: what is refused, and links by id;
//! - `history`: undo, redo and the audit trail;
//! - `typing`: a cell edit as one transaction;
//! - `actions`: rebalance, goal seek, locks, scenarios.

mod actions;
pub mod edit;
mod gate;
mod history;
mod mark;
mod typing;

use std::path::{Path, PathBuf};

use crate::model::mark::Mark;
use crate::model::{Indicator, Outcome, Project, compute, links, recompute_row};

pub use actions::Report;
pub use edit::Edit;
pub use gate::{Refusal, Why};

/// Seconds since 1970-01-01 00:00 UTC, for the audit log.
pub type Clock = fn() -> u64;

/// The system's clock.
pub fn system_clock() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The project being negotiated, with its history.
#[derive(Debug)]
pub struct Document {
    project: Project,
    outcome: Outcome,
    path: Option<PathBuf>,
    undo: Vec<history::Step>,
    redo: Vec<history::Step>,
    /// Id of the step on top of the undo stack when last saved (0: the opened state).
    saved_at: u64,
    next_id: u64,
    /// The last step may take more keystrokes of its cell until sealed.
    open_for_merge: bool,
    /// Counts every change of the project (edits, undo, redo), for caches of derived results.
    revision: u64,
    /// Who is making the changes, for the audit log.
    user: String,
    /// Why, for the changes made from now on ("agreed with the ministry, day 2").
    reason: String,
    /// A value being typed in a cell, previewed in the project but not yet committed.
    typing: Option<typing::Typing>,
    /// The revision of the last committed change (typing previews do not count).
    committed_revision: u64,
    /// Why the gate refused the last change, if it did.
    refusal: Option<Refusal>,
    /// When changes happen, for the audit log.
    clock: Clock,
    /// The project as it was opened: the mark until the parties set one.
    opened: Mark,
}

impl Document {
    /// A document on `project`; its conditions get ids and its indicators link to them.
    pub fn new(mut project: Project, path: Option<PathBuf>) -> Self {
        links::assign_ids(&mut project);
        let outcome = compute(&project);
        let opened = Mark::capture(&project, &outcome, "", system_clock());
        Self {
            opened,
            project,
            outcome,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            saved_at: 0,
            next_id: 1,
            open_for_merge: false,
            revision: 0,
            user: default_user(),
            reason: String::new(),
            typing: None,
            committed_revision: 0,
            refusal: None,
            clock: system_clock,
        }
    }

    /// A document restored from a recovery file: it holds changes not saved to `path`.
    pub fn restored(project: Project, path: Option<PathBuf>) -> Self {
        let mut document = Self::new(project, path);
        document.saved_at = u64::MAX;
        document
    }

    /// The same document stamping its audit entries with `clock` (tests use a fixed time).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self.opened.at = clock();
        self
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Everything the model computes for the current project.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Who the audit log names for the changes made from now on.
    pub fn set_user(&mut self, user: &str) {
        self.user = user.trim().to_owned();
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// The reason recorded with the changes made from now on (empty for none).
    pub fn set_reason(&mut self, reason: &str) {
        self.reason = reason.trim().to_owned();
    }

    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Changes whenever the project changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Row `i` as it is now, when `edit` changes that one Targets row: what
    /// [`Self::recompute_from`] needs to bring the outcome up to date after it.
    fn row_before(&self, edit: &Edit) -> Option<(usize, Indicator)> {
        let Edit::Indicator { row, .. } = edit else {
            return None;
        };
        Some((*row, self.project.indicators.get(*row)?.clone()))
    }

    /// Recomputes the outcome after a change. `before`: the one Targets row the change made,
    /// as it was when the outcome was last computed; the outcome is then brought up to date
    /// from that row alone where that gives the same numbers (a keystroke in a large grid),
    /// and computed whole otherwise.
    fn recompute_from(&mut self, before: Option<(usize, Indicator)>) {
        let updated =
            before.is_some_and(|(i, row)| recompute_row(&self.project, i, &row, &mut self.outcome));
        if !updated {
            self.outcome = compute(&self.project);
        }
        debug_assert!(
            !updated || same(&self.outcome, &compute(&self.project)),
            "a row's recompute differs from the whole computation"
        );
        self.changed();
    }

    /// Counts a change of the project whose outcome is already up to date.
    fn changed(&mut self) {
        self.revision += 1;
        if self.typing.is_none() {
            self.committed_revision = self.revision;
        }
    }

    /// The revision of the last committed change: what autosave writes follows this, not the
    /// previews of typing.
    pub fn committed_revision(&self) -> u64 {
        self.committed_revision
    }

    /// True when the project differs from what was last opened or saved.
    pub fn is_dirty(&self) -> bool {
        self.undo.last().map_or(0, |s| s.id) != self.saved_at
    }

    /// The file name, or `None` before the first save.
    pub fn file_name(&self) -> Option<String> {
        let name = self.path.as_ref()?.file_name()?;
        Some(name.to_string_lossy().into_owned())
    }

    /// Records that the project was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        let point = self.save_point();
        self.mark_saved_at(path, point);
    }

    /// Where the history is now: a save written from the project as it is now records this
    /// point with [`Self::mark_saved_at`] once written, even if more changes came meanwhile.
    pub fn save_point(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.id)
    }

    /// Records that the project as it was at `point` was saved to `path`.
    pub fn mark_saved_at(&mut self, path: PathBuf, point: u64) {
        self.path = Some(path);
        self.saved_at = point;
        if self.save_point() == point {
            self.open_for_merge = false;
        }
    }
}

/// True when two outcomes hold the same numbers and problems (a value missing, NaN, equal to
/// itself).
fn same(a: &Outcome, b: &Outcome) -> bool {
    a == b || format!("{a:?}") == format!("{b:?}")
}

/// The computer's user name, for the audit log until the user sets one.
fn default_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".to_owned())
}

#[cfg(test)]
mod tests;
