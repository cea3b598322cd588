//! The open document: the project, what the model computes from it, the edit history and the
//! dirty flag. Every change passes through [`Document::apply`], which records it for undo and
//! recomputes the model.

use std::path::{Path, PathBuf};

use crate::i18n::t;
use crate::model::audit::{self, AuditEntry, Change, Collector};
use crate::model::{
    Condition, Indicator, Metadata, NegotiationError, Outcome, Problem, Program, Project,
    RebalanceStatus, Round, Scenario, compute, condition_problems, goal_seek, indicator_problems,
    program_problems, rebalance,
};
use crate::tf;

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
    fn is_noop(&self, project: &Project) -> bool {
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
    fn apply(self, project: &mut Project) -> Option<Edit> {
        fn set<T>(rows: &mut [T], row: usize, value: T) -> Option<T> {
            rows.get_mut(row).map(|slot| std::mem::replace(slot, value))
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
            Edit::Condition { row, value } => Edit::Condition {
                row,
                value: set(&mut project.conditions, row, value)?,
            },
            Edit::Indicator { row, value } => Edit::Indicator {
                row,
                value: set(&mut project.indicators, row, value)?,
            },
            Edit::InsertCondition { row, value } => {
                if row > project.conditions.len() {
                    return None;
                }
                project.conditions.insert(row, value);
                Edit::RemoveCondition { row }
            }
            Edit::RemoveCondition { row } => {
                if row >= project.conditions.len() {
                    return None;
                }
                Edit::InsertCondition {
                    row,
                    value: project.conditions.remove(row),
                }
            }
            Edit::MoveCondition { from, to } => {
                move_row(&mut project.conditions, from, to)?;
                Edit::MoveCondition { from: to, to: from }
            }
            Edit::InsertIndicator { row, value } => {
                if row > project.indicators.len() {
                    return None;
                }
                project.indicators.insert(row, value);
                Edit::RemoveIndicator { row }
            }
            Edit::RemoveIndicator { row } => {
                if row >= project.indicators.len() {
                    return None;
                }
                Edit::InsertIndicator {
                    row,
                    value: project.indicators.remove(row),
                }
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
    fn can_merge(&self) -> bool {
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

/// One undo step.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    undo: Edit,
    redo: Edit,
    /// Consecutive edits of one cell share a key and become one step while typing.
    merge_key: Option<String>,
    id: u64,
    /// Where this step's entries start in the audit log (merged keystrokes rewrite them).
    audit_start: usize,
}

/// What an edit changes, in words, from the values it replaces (`old`, its inverse) to the
/// values it sets (`new`).
fn edit_changes(old: &Edit, new: &Edit, project: &Project) -> Vec<Change> {
    let mut c = Collector::default();
    collect_edit_changes(&mut c, old, new, project);
    c.changes
}

fn collect_edit_changes(c: &mut Collector, old: &Edit, new: &Edit, project: &Project) {
    match (old, new) {
        (Edit::Program(a), Edit::Program(b)) => audit::program_changes(c, a, b),
        (Edit::Condition { row, value: a }, Edit::Condition { value: b, .. }) => {
            audit::condition_changes(c, *row, a, b)
        }
        (Edit::Indicator { row, value: a }, Edit::Indicator { value: b, .. }) => {
            audit::indicator_changes(c, *row, a, b, &project.rounds)
        }
        (Edit::Metadata(a), Edit::Metadata(b)) => {
            let before = Project {
                metadata: a.clone(),
                ..Project::default()
            };
            let after = Project {
                metadata: b.clone(),
                ..Project::default()
            };
            c.changes.extend(audit::changes(&before, &after));
        }
        (Edit::Scenarios(a), Edit::Scenarios(b)) => {
            let show = |list: &[Scenario]| {
                list.iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            c.field(
                t("Scenarios", "Escenarios"),
                "",
                t("saved scenarios", "escenarios guardados"),
                show(a),
                show(b),
            );
        }
        (Edit::Rounds(a), Edit::Rounds(b)) => audit::round_changes(c, a, b),
        (Edit::Batch(olds), Edit::Batch(news)) => {
            // The inverse of a batch lists its inverses in reverse order.
            for (new, old) in news.iter().zip(olds.iter().rev()) {
                collect_edit_changes(c, old, new, project);
            }
        }
        (_, Edit::InsertCondition { row, value }) => c.field(
            &tf!("Values row {}", "Valores fila {}", row + 1),
            "",
            t("row", "fila"),
            t("(new)", "(nueva)").into(),
            value.name.clone(),
        ),
        (Edit::InsertCondition { row, value }, Edit::RemoveCondition { .. }) => c.field(
            &tf!("Values row {}", "Valores fila {}", row + 1),
            "",
            t("row", "fila"),
            value.name.clone(),
            t("(removed)", "(eliminada)").into(),
        ),
        (_, Edit::InsertIndicator { row, value }) => c.field(
            &tf!("Targets row {}", "Metas fila {}", row + 1),
            &value.name,
            t("row", "fila"),
            t("(new)", "(nueva)").into(),
            value.name.clone(),
        ),
        (Edit::InsertIndicator { row, value }, Edit::RemoveIndicator { .. }) => c.field(
            &tf!("Targets row {}", "Metas fila {}", row + 1),
            &value.name,
            t("row", "fila"),
            value.name.clone(),
            t("(removed)", "(eliminada)").into(),
        ),
        (_, Edit::MoveCondition { from, to }) => c.field(
            t("Values", "Valores"),
            "",
            t("row order", "orden de filas"),
            tf!("row {}", "fila {}", from + 1),
            tf!("row {}", "fila {}", to + 1),
        ),
        (_, Edit::MoveIndicator { from, to }) => {
            let name = project
                .indicators
                .get(*to)
                .map(|i| i.name.clone())
                .unwrap_or_default();
            c.field(
                t("Targets", "Metas"),
                &name,
                t("row order", "orden de filas"),
                tf!("row {}", "fila {}", from + 1),
                tf!("row {}", "fila {}", to + 1),
            )
        }
        _ => {}
    }
}

/// What a negotiation action did, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionReport {
    pub message: String,
    /// False when the action could not reach its goal (shortfall, bound).
    pub reached: bool,
}

/// The project being negotiated, with its history.
#[derive(Debug)]
pub struct Document {
    project: Project,
    outcome: Outcome,
    path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
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
    typing: Option<Typing>,
    /// The revision of the last committed change (typing previews do not count).
    committed_revision: u64,
    /// Why the gate refused the last edit, if it did.
    refusal: Option<String>,
}

/// A value being typed in a cell (MODEL.md's "a cell edit is one transaction"): the project
/// holds the typed value so that every figure previews it, while the history, the audit log
/// and autosave see nothing until it is committed (Enter, Tab, an arrow, a click elsewhere).
#[derive(Debug)]
struct Typing {
    /// The cell, as its merge key.
    cell: String,
    label: String,
    /// Restores the value the cell held before typing began; `None` while the project holds
    /// that value (nothing accepted typed yet, or the last value was refused).
    restore: Option<Edit>,
    /// Why the last value typed was refused, if it was.
    refused: Option<String>,
    /// The cell's location and field, to say where a refusal happened.
    at: Option<(crate::model::Location, crate::model::Field)>,
}

/// A value typed in a cell that was refused when committed: the cell and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub at: Option<(crate::model::Location, crate::model::Field)>,
    pub reason: String,
}

/// True when two versions of an indicator differ in what its agreed target depends on (a
/// locked row keeps these; its survey, measurements and payment weight stay editable).
fn target_inputs_differ(a: &Indicator, b: &Indicator) -> bool {
    a.name != b.name
        || a.condition != b.condition
        || a.direction != b.direction
        || a.population.to_bits() != b.population.to_bits()
        || a.baseline.to_bits() != b.baseline.to_bits()
        || a.annual_change.map(f64::to_bits) != b.annual_change.map(f64::to_bits)
        || a.weight.to_bits() != b.weight.to_bits()
        || a.negotiated_target.map(f64::to_bits) != b.negotiated_target.map(f64::to_bits)
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let outcome = compute(&project);
        Self {
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
        }
    }

    /// A document restored from a recovery file: it holds changes not saved to `path`.
    pub fn restored(project: Project, path: Option<PathBuf>) -> Self {
        let mut document = Self::new(project, path);
        document.saved_at = u64::MAX;
        document
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

    fn record(&mut self, action: &str, changes: Vec<Change>) {
        let time = audit::now_utc();
        for change in changes {
            self.project.audit.push(AuditEntry {
                time: time.clone(),
                user: self.user.clone(),
                action: action.to_owned(),
                what: change.what,
                indicator: change.indicator,
                old: change.old,
                new: change.new,
                reason: self.reason.clone(),
            });
        }
    }

    /// Changes whenever the project changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Recomputes the outcome without changing the project, so that its messages follow the
    /// language in use (see [`crate::i18n`]); caches keyed on the revision refresh too.
    pub fn recompute_messages(&mut self) {
        self.recompute();
    }

    fn recompute(&mut self) {
        self.outcome = compute(&self.project);
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

    /// The project as last committed: without a value still being typed.
    pub fn committed_project(&self) -> std::borrow::Cow<'_, Project> {
        match self.typing.as_ref().and_then(|t| t.restore.clone()) {
            Some(restore) => {
                let mut project = self.project.clone();
                let _ = restore.apply(&mut project);
                std::borrow::Cow::Owned(project)
            }
            None => std::borrow::Cow::Borrowed(&self.project),
        }
    }

    /// True while a value typed in a cell waits to be committed.
    pub fn is_typing(&self) -> bool {
        self.typing.is_some()
    }

    /// Why the gate refused the last edit, taken once.
    pub fn take_refusal(&mut self) -> Option<String> {
        self.refusal.take()
    }

    /// The locked row an edit would change the agreed target inputs of, if any: the gate
    /// refuses such edits (unlock the row to edit it). Unlocking itself is allowed.
    fn locked_row_changed(&self, edit: &Edit) -> Option<usize> {
        match edit {
            Edit::Indicator { row, value } => {
                let current = self.project.indicators.get(*row)?;
                (current.locked && value.locked && target_inputs_differ(current, value))
                    .then_some(*row)
            }
            Edit::RemoveIndicator { row } => self
                .project
                .indicators
                .get(*row)
                .filter(|i| i.locked)
                .map(|_| *row),
            Edit::Batch(edits) => edits.iter().find_map(|e| self.locked_row_changed(e)),
            _ => None,
        }
    }

    fn locked_refusal(row: usize) -> String {
        tf!(
            "row {} is locked: its target was agreed. Unlock it to change it.",
            "la fila {} está fijada: su meta fue acordada. Libérela para cambiarla.",
            row + 1
        )
    }

    /// Previews a value typed in a cell (`cell` its merge key, `at` its location and field):
    /// the project holds it and every figure follows, until [`Self::commit_typing`] or
    /// [`Self::cancel_typing`]. A value the model refuses in that cell is not held — the value
    /// before typing is — and the reason is returned.
    pub fn type_value(
        &mut self,
        cell: &str,
        at: (crate::model::Location, crate::model::Field),
        edit: Edit,
        label: &str,
    ) -> Result<(), String> {
        if self.typing.as_ref().is_some_and(|t| t.cell != cell) {
            let _ = self.commit_typing();
        }
        let typing = self.typing.get_or_insert_with(|| Typing {
            cell: cell.to_owned(),
            label: label.to_owned(),
            restore: None,
            refused: None,
            at: Some(at),
        });
        typing.label = label.to_owned();
        let refusal = match self.locked_row_changed(&edit) {
            Some(row) => Some(Self::locked_refusal(row)),
            None => self.problems_after(&edit).and_then(|problems| {
                problems
                    .into_iter()
                    .find(|p| p.is_error() && p.location == at.0 && p.field == at.1)
                    .map(|p| p.reason)
            }),
        };
        match refusal {
            Some(reason) => {
                self.revert_typing();
                if let Some(typing) = &mut self.typing {
                    typing.refused = Some(reason.clone());
                }
                self.recompute();
                Err(reason)
            }
            None => {
                let Some(inverse) = edit.apply(&mut self.project) else {
                    return Err(String::new());
                };
                if let Some(typing) = &mut self.typing {
                    // The first value held: its inverse brings back the value before typing.
                    typing.restore.get_or_insert(inverse);
                    typing.refused = None;
                }
                self.recompute();
                Ok(())
            }
        }
    }

    /// Text typed in `cell` that is not a value at all: the value before typing is held again
    /// (until the text is corrected), and committing then keeps it.
    pub fn typing_refused(
        &mut self,
        cell: &str,
        at: (crate::model::Location, crate::model::Field),
        reason: String,
    ) {
        if self.typing.as_ref().is_some_and(|t| t.cell != cell) {
            let _ = self.commit_typing();
        }
        self.typing.get_or_insert_with(|| Typing {
            cell: cell.to_owned(),
            label: String::new(),
            restore: None,
            refused: None,
            at: Some(at),
        });
        self.revert_typing();
        if let Some(typing) = &mut self.typing {
            typing.refused = Some(reason);
        }
        self.recompute();
    }

    /// Puts back the value before typing (the typing goes on).
    fn revert_typing(&mut self) {
        if let Some(restore) = self.typing.as_mut().and_then(|t| t.restore.take()) {
            let _ = restore.apply(&mut self.project);
        }
    }

    /// Commits the value typed: one undo step and one audit entry. `None` when nothing was
    /// being typed; `Some(Err(reason))` when the last value was refused, and the cell keeps
    /// the value it held before typing began.
    pub fn commit_typing(&mut self) -> Option<Result<(), Refused>> {
        let typing = self.typing.take()?;
        if let Some(reason) = typing.refused {
            self.recompute();
            return Some(Err(Refused {
                at: typing.at,
                reason,
            }));
        }
        let Some(restore) = typing.restore else {
            return Some(Ok(()));
        };
        // Back to the value before typing, then the typed value as a recorded step.
        if let Some(redo) = restore.apply(&mut self.project) {
            self.apply(redo, &typing.label, None);
        }
        Some(Ok(()))
    }

    /// Throws the typing away (Esc): the value before typing comes back, and nothing is left
    /// in the history or the audit log. False when nothing was being typed.
    pub fn cancel_typing(&mut self) -> bool {
        if self.typing.is_none() {
            return false;
        }
        self.revert_typing();
        self.typing = None;
        self.recompute();
        true
    }

    /// True when the project differs from what was last opened or saved.
    pub fn is_dirty(&self) -> bool {
        self.undo.last().map_or(0, |s| s.id) != self.saved_at
    }

    /// The name shown in the title bar: the file name, or the program's name before the
    /// first save.
    pub fn display_name(&self) -> String {
        if let Some(name) = self.path.as_ref().and_then(|p| p.file_name()) {
            return name.to_string_lossy().into_owned();
        }
        let program = self.project.metadata.program_name.trim();
        if program.is_empty() {
            t("Untitled", "Sin título").to_owned()
        } else {
            tf!(
                "{program} (not saved to a file)",
                "{program} (no guardado en un archivo)"
            )
        }
    }

    /// Records that the project was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_at = self.undo.last().map_or(0, |s| s.id);
        self.open_for_merge = false;
    }

    /// Applies one change, records it for undo and recomputes; returns false (and records
    /// nothing) when the change would not change anything or names a missing row.
    /// `merge_key` lets consecutive keystrokes in one cell form one undo step.
    pub fn apply(&mut self, edit: Edit, label: &str, merge_key: Option<&str>) -> bool {
        if edit.is_noop(&self.project) {
            return false;
        }
        if let Some(row) = self.locked_row_changed(&edit) {
            self.refusal = Some(Self::locked_refusal(row));
            return false;
        }
        let redo = edit.clone();
        let Some(undo) = edit.apply(&mut self.project) else {
            return false;
        };
        self.redo.clear();
        let merges = self.open_for_merge
            && merge_key.is_some()
            && redo.can_merge()
            && self.undo.last().is_some_and(|last| {
                last.merge_key.as_deref() == merge_key && last.id != self.saved_at
            });
        if merges {
            // Typing on in the same cell: one step, one set of entries from the value before
            // the first keystroke to the value now.
            let Some(last) = self.undo.last_mut() else {
                return false;
            };
            last.redo = redo;
            let (start, old, new, action) = (
                last.audit_start,
                last.undo.clone(),
                last.redo.clone(),
                last.label.clone(),
            );
            self.project.audit.truncate(start);
            let changes = edit_changes(&old, &new, &self.project);
            self.record(&action, changes);
        } else {
            let changes = edit_changes(&undo, &redo, &self.project);
            let audit_start = self.project.audit.len();
            self.undo.push(Step {
                label: label.to_owned(),
                undo,
                redo,
                merge_key: merge_key.map(str::to_owned),
                id: self.next_id,
                audit_start,
            });
            self.next_id += 1;
            self.record(label, changes);
        }
        self.open_for_merge = merge_key.is_some();
        self.recompute();
        true
    }

    /// Ends the current typing step: the next keystroke starts a new undo step.
    pub fn seal(&mut self) {
        self.open_for_merge = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop()?;
        self.open_for_merge = false;
        match step.undo.clone().apply(&mut self.project) {
            Some(_) => {
                let label = step.label.clone();
                let changes = edit_changes(&step.redo, &step.undo, &self.project);
                self.record(&tf!("Undo: {label}", "Deshacer: {label}"), changes);
                self.redo.push(step);
                self.recompute();
                Some(label)
            }
            None => {
                self.undo.push(step);
                None
            }
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.redo.pop()?;
        self.open_for_merge = false;
        match step.redo.clone().apply(&mut self.project) {
            Some(_) => {
                let label = step.label.clone();
                let changes = edit_changes(&step.undo, &step.redo, &self.project);
                let mut step = step;
                step.audit_start = self.project.audit.len();
                self.record(&tf!("Redo: {label}", "Rehacer: {label}"), changes);
                self.undo.push(step);
                self.recompute();
                Some(label)
            }
            None => {
                self.redo.push(step);
                None
            }
        }
    }

    /// The problems the project would have after `edit`, without applying it: lets a cell
    /// check a value against the model's validation before it enters the document. Edits of
    /// one row or of the program inputs check only that; `None` when a row does not exist.
    pub fn problems_after(&self, edit: &Edit) -> Option<Vec<Problem>> {
        let project = &self.project;
        match edit {
            Edit::Indicator { row, value } => {
                (*row < project.indicators.len()).then(|| indicator_problems(project, *row, value))
            }
            Edit::Condition { row, value } => {
                (*row < project.conditions.len()).then(|| condition_problems(project, *row, value))
            }
            Edit::Program(program) => Some(program_problems(project, program)),
            other => {
                let mut preview = project.clone();
                other.clone().apply(&mut preview)?;
                Some(crate::model::validate(&preview))
            }
        }
    }

    fn indicator_with(&self, row: usize, change: impl FnOnce(&mut Indicator)) -> Option<Edit> {
        let mut value = self.project.indicators.get(row)?.clone();
        change(&mut value);
        Some(Edit::Indicator { row, value })
    }

    /// The benefit-cost ratio shown in a message, with enough digits to tell it from R.
    fn ratio_now(&self) -> String {
        match self.outcome.benefit_cost_ratio {
            Some(ratio) => crate::text::format_ratio(ratio, self.project.program.required_ratio),
            None => "—".to_owned(),
        }
    }

    /// What "at the precision" says in a message.
    fn precision_words(&self) -> String {
        match self.project.program.target_precision {
            crate::model::TargetPrecision::Tenth => t(
                " (targets to the nearest 0.1 point)",
                " (metas al 0.1 punto más cercano)",
            )
            .to_owned(),
            crate::model::TargetPrecision::Whole => t(
                " (targets to the nearest point)",
                " (metas al punto más cercano)",
            )
            .to_owned(),
            crate::model::TargetPrecision::Exact => String::new(),
        }
    }

    /// MODEL.md §3 rebalance, as one undo step, the targets set at the project's precision
    /// (rounded toward improvement, so that the required ratio still holds). When even the
    /// bounds cannot close the gap nothing is changed, and the shortfall is reported.
    pub fn rebalance(&mut self) -> Result<ActionReport, NegotiationError> {
        let result = rebalance(&self.project)?;
        let currency = self.currency();
        if let RebalanceStatus::Shortfall { shortfall } = result.status {
            let locked = self.project.indicators.iter().any(|i| i.locked);
            let advice = if locked {
                t(
                    " Unlock a row or lower the locked targets.",
                    " Libere una fila o baje las metas fijadas.",
                )
            } else {
                t(
                    " Lower the cost, raise a bound, or add indicators.",
                    " Baje el costo, suba un límite o agregue indicadores.",
                )
            };
            return Ok(ActionReport {
                message: tf!(
                    "Cannot balance: even with every unlocked row at its bound, benefits fall short by {currency} {}. Nothing was changed.{advice}",
                    "No se puede equilibrar: aun con cada fila libre en su límite, a los beneficios les faltan {currency} {}. No se cambió nada.{advice}",
                    crate::text::format_amount(shortfall)
                ),
                reached: false,
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
        self.apply(
            Edit::Batch(edits),
            t("Rebalance unlocked rows", "Reequilibrar filas no fijadas"),
            None,
        );
        let message = match result.status {
            RebalanceStatus::Surplus { .. } => result.status.describe(&currency),
            _ => tf!(
                "Rebalanced{}: the benefit-cost ratio is {} (required {}).",
                "Reequilibrado{}: la relación beneficio-costo es {} (exigida {}).",
                self.precision_words(),
                self.ratio_now(),
                crate::text::format_number(self.project.program.required_ratio)
            ),
        };
        Ok(ActionReport {
            message,
            reached: true,
        })
    }

    /// Goal seek on one row, as one undo step, the target set at the project's precision.
    /// A locked row is refused.
    pub fn goal_seek(&mut self, row: usize) -> Result<ActionReport, NegotiationError> {
        if self.project.indicators.get(row).is_some_and(|i| i.locked) {
            return Ok(ActionReport {
                message: tf!("Row {}", "Fila {}", row + 1) + ": " + &Self::locked_refusal(row),
                reached: false,
            });
        }
        let seek = goal_seek(&self.project, row)?;
        let precision = self.project.program.target_precision;
        let direction = self.project.indicators[row].direction;
        let rounded = if seek.reached() {
            precision.round_toward(seek.target, direction)
        } else {
            seek.target
        };
        if let Some(edit) = self.indicator_with(row, |i| i.negotiated_target = Some(rounded)) {
            self.apply(
                edit,
                &tf!("Goal seek row {}", "Buscar objetivo fila {}", row + 1),
                None,
            );
        }
        let currency = self.currency();
        let target = crate::text::format_target(rounded);
        let message = if seek.reached() {
            tf!(
                "Row {}: a target of {target}{} brings the benefit-cost ratio to {}.",
                "Fila {}: una meta de {target}{} lleva la relación beneficio-costo a {}.",
                row + 1,
                self.precision_words(),
                self.ratio_now()
            )
        } else if seek.remaining_surplus < 0.0 {
            tf!(
                "Row {}: even at its bound ({target}) benefits fall short by {currency} {}.",
                "Fila {}: aun en su límite ({target}) a los beneficios les faltan {currency} {}.",
                row + 1,
                crate::text::format_amount(-seek.remaining_surplus)
            )
        } else {
            tf!(
                "Row {}: even at {target} the other rows exceed the requirement by {currency} {}.",
                "Fila {}: aun en {target} las demás filas superan lo exigido en {currency} {}.",
                row + 1,
                crate::text::format_amount(seek.remaining_surplus)
            )
        };
        Ok(ActionReport {
            message,
            reached: seek.reached(),
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
        let label = if locked {
            t("Lock row", "Fijar fila")
        } else {
            t("Unlock row", "Liberar fila")
        };
        self.apply(edit, &format!("{label} {}", row + 1), None)
    }

    /// Locks every row that has a negotiated target (one undo step).
    pub fn lock_negotiated(&mut self) -> bool {
        let edits = (0..self.project.indicators.len())
            .filter(|&row| self.project.indicators[row].negotiated_target.is_some())
            .filter_map(|row| self.indicator_with(row, |i| i.locked = true))
            .collect();
        self.apply(
            Edit::Batch(edits),
            t(
                "Lock rows with a negotiated target",
                "Fijar filas con meta negociada",
            ),
            None,
        )
    }

    /// Unlocks every row (one undo step).
    pub fn unlock_all(&mut self) -> bool {
        let edits = (0..self.project.indicators.len())
            .filter_map(|row| self.indicator_with(row, |i| i.locked = false))
            .collect();
        self.apply(
            Edit::Batch(edits),
            t("Unlock all rows", "Liberar todas las filas"),
            None,
        )
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
        self.apply(
            Edit::Scenarios(scenarios),
            &tf!("Save scenario {}", "Guardar escenario {}", name.trim()),
            None,
        )
    }

    /// Restores a scenario's targets and locks, as one undo step.
    pub fn restore_scenario(&mut self, index: usize) -> bool {
        let Some(scenario) = self.project.scenarios.get(index) else {
            return false;
        };
        let applied = scenario.applied_to(&self.project);
        let label = tf!(
            "Restore scenario {}",
            "Restaurar escenario {}",
            scenario.name
        );
        let edits = applied
            .indicators
            .into_iter()
            .enumerate()
            .map(|(row, value)| Edit::Indicator { row, value })
            .collect();
        self.apply(Edit::Batch(edits), &label, None)
    }

    /// Clears the negotiated target of a row (and unlocks it): the model target applies again.
    pub fn reset_to_model(&mut self, row: usize) -> bool {
        let Some(edit) = self.indicator_with(row, |i| {
            i.negotiated_target = None;
            i.locked = false;
        }) else {
            return false;
        };
        self.apply(
            edit,
            &tf!(
                "Reset row {} to the model target",
                "Volver la fila {} a la meta del modelo",
                row + 1
            ),
            None,
        )
    }

    /// Renames a condition and every indicator linked to it, as one step.
    pub fn rename_condition(&mut self, row: usize, name: String, merge_key: Option<&str>) -> bool {
        let Some(edit) = self.rename_condition_edit(row, name) else {
            return false;
        };
        self.apply(
            edit,
            &tf!("Rename condition {}", "Renombrar condición {}", row + 1),
            merge_key,
        )
    }

    /// The edit that renames condition `row` and the links of its indicators.
    pub fn rename_condition_edit(&self, row: usize, name: String) -> Option<Edit> {
        let condition = self.project.conditions.get(row)?;
        let old = condition.name.clone();
        let mut edits = vec![Edit::Condition {
            row,
            value: Condition {
                name: name.clone(),
                ..condition.clone()
            },
        }];
        for (i, indicator) in self.project.indicators.iter().enumerate() {
            if indicator.condition == old {
                edits.push(Edit::Indicator {
                    row: i,
                    value: Indicator {
                        condition: name.clone(),
                        ..indicator.clone()
                    },
                });
            }
        }
        Some(Edit::Batch(edits))
    }

    fn currency(&self) -> String {
        let currency = self.project.metadata.currency.trim();
        if currency.is_empty() {
            "US$".to_owned()
        } else {
            currency.to_owned()
        }
    }
}

/// The computer's user name, for the audit log until the user sets one.
fn default_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::el_salvador_sample;

    fn document() -> Document {
        Document::new(el_salvador_sample().expect("sample"), None)
    }

    /// The project's inputs, without the audit log (which only ever grows).
    fn inputs(project: &Project) -> Project {
        Project {
            audit: Vec::new(),
            ..project.clone()
        }
    }

    #[test]
    fn undo_and_redo_restore_exactly() {
        let mut doc = document();
        let before = inputs(doc.project());
        let mut changed = before.indicators[0].clone();
        changed.baseline = 0.5;
        assert!(doc.apply(
            Edit::Indicator {
                row: 0,
                value: changed
            },
            "Edit",
            None
        ));
        let after = inputs(doc.project());
        assert!(doc.is_dirty());
        doc.undo();
        assert_eq!(inputs(doc.project()), before);
        assert!(!doc.is_dirty());
        doc.redo();
        assert_eq!(inputs(doc.project()), after);
        // The log kept all three: the edit, its undo and its redo.
        let log: Vec<(&str, &str, &str)> = doc
            .project()
            .audit
            .iter()
            .map(|e| (e.action.as_str(), e.old.as_str(), e.new.as_str()))
            .collect();
        assert_eq!(
            log,
            vec![
                ("Edit", "42.00%", "50.00%"),
                ("Undo: Edit", "50.00%", "42.00%"),
                ("Redo: Edit", "42.00%", "50.00%")
            ]
        );
    }

    #[test]
    fn the_audit_log_records_who_what_and_why() {
        let mut doc = document();
        doc.set_user("Ana (MINSAL)");
        doc.set_reason("agreed with the ministry, day 2");
        let mut value = doc.project().indicators[6].clone();
        value.negotiated_target = Some(0.58);
        doc.apply(
            Edit::Indicator { row: 6, value },
            "Edit negotiated target of row 7",
            None,
        );
        let entry = doc.project().audit.last().cloned().unwrap_or_default();
        assert_eq!(entry.user, "Ana (MINSAL)");
        assert_eq!(entry.reason, "agreed with the ministry, day 2");
        assert_eq!(
            entry.what,
            "Targets row 7 (Parasite treatment in children aged 12-59 months), negotiated target"
        );
        assert_eq!(
            entry.indicator,
            "Parasite treatment in children aged 12-59 months"
        );
        assert_eq!(
            (entry.old.as_str(), entry.new.as_str()),
            ("60.00%", "58.00%")
        );
        assert_eq!(entry.time.len(), 19);
        // A rebalance records every target it moved, as one action.
        doc.rebalance().expect("rebalance");
        // Eight targets moved; antenatal care and MMR were already at the 95% ceiling.
        let rebalanced = doc
            .project()
            .audit
            .iter()
            .filter(|e| e.action == "Rebalance unlocked rows")
            .count();
        assert_eq!(rebalanced, 8);
    }

    #[test]
    fn a_no_op_edit_records_nothing() {
        let mut doc = document();
        let same = doc.project().indicators[3].clone();
        assert!(!doc.apply(
            Edit::Indicator {
                row: 3,
                value: same
            },
            "Edit",
            None
        ));
        assert!(!doc.can_undo());
        assert!(!doc.is_dirty());
    }

    #[test]
    fn keystrokes_in_one_cell_are_one_step_until_sealed() {
        let mut doc = document();
        for baseline in [0.5, 0.55, 0.555] {
            let mut value = doc.project().indicators[0].clone();
            value.baseline = baseline;
            doc.apply(
                Edit::Indicator { row: 0, value },
                "Edit baseline",
                Some("baseline 0"),
            );
        }
        doc.seal();
        let mut value = doc.project().indicators[0].clone();
        value.baseline = 0.6;
        doc.apply(
            Edit::Indicator { row: 0, value },
            "Edit baseline",
            Some("baseline 0"),
        );
        // Typing 0.5, 0.55, 0.555 is one entry from the value before to the value typed.
        let typed: Vec<(&str, &str)> = doc
            .project()
            .audit
            .iter()
            .map(|e| (e.old.as_str(), e.new.as_str()))
            .collect();
        assert_eq!(typed, vec![("42.00%", "55.50%"), ("55.50%", "60.00%")]);
        doc.undo();
        assert_eq!(doc.project().indicators[0].baseline, 0.555);
        doc.undo();
        assert_eq!(doc.project().indicators[0].baseline, 0.42);
        assert!(!doc.can_undo());
    }

    #[test]
    fn rebalance_is_one_undo_step() -> Result<(), NegotiationError> {
        let mut project = el_salvador_sample().expect("sample");
        project.program.target_precision = crate::model::TargetPrecision::Exact;
        let mut doc = Document::new(project, None);
        let before = inputs(doc.project());
        doc.set_locked(0, true);
        doc.set_locked(6, true);
        let after_locks = inputs(doc.project());
        let report = doc.rebalance()?;
        assert!(report.reached, "{}", report.message);
        let ratio = doc.outcome().benefit_cost_ratio.unwrap_or(f64::NAN);
        assert!((ratio - 1.0).abs() < 1e-9, "BCR {ratio}");
        doc.undo();
        assert_eq!(inputs(doc.project()), after_locks);
        doc.undo();
        doc.undo();
        assert_eq!(inputs(doc.project()), before);
        Ok(())
    }

    #[test]
    fn renaming_a_condition_keeps_its_indicators_linked() {
        let mut doc = document();
        doc.rename_condition(0, "Maternal".into(), None);
        assert_eq!(doc.project().indicators[0].condition, "Maternal");
        assert_eq!(doc.project().indicators[3].condition, "Maternal");
        assert!(doc.outcome().errors().next().is_none());
        doc.undo();
        assert_eq!(doc.project().indicators[0].condition, "Maternal conditions");
    }

    #[test]
    fn edits_naming_missing_rows_change_nothing() {
        let mut doc = document();
        assert!(!doc.apply(Edit::RemoveIndicator { row: 99 }, "Delete", None));
        assert!(!doc.apply(Edit::MoveCondition { from: 0, to: 9 }, "Move", None));
        assert!(!doc.apply(
            Edit::Batch(vec![
                Edit::RemoveIndicator { row: 0 },
                Edit::RemoveIndicator { row: 99 }
            ]),
            "Delete",
            None
        ));
        assert_eq!(doc.project().indicators.len(), 10);
        assert!(!doc.can_undo());
    }
}
