//! The history: every change enters through [`Document::apply`] (the gate, then one undo step
//! and its audit entries); undo and redo replay the inverse edits and are logged too.

use crate::model::audit::{AuditEntry, Change, Deed};

use super::edit::changes;
use super::gate::Refusal;
use super::{Document, Edit};

/// One undo step.
#[derive(Clone, Debug)]
pub(super) struct Step {
    pub(super) deed: Deed,
    pub(super) undo: Edit,
    pub(super) redo: Edit,
    /// Consecutive edits of one cell share a key and become one step while typing.
    pub(super) merge_key: Option<String>,
    pub(super) id: u64,
    /// Where this step's entries start in the audit log (merged keystrokes rewrite them).
    pub(super) audit_start: usize,
}

impl Document {
    /// Appends one entry per change, stamped now.
    fn record(&mut self, deed: &Deed, changes: Vec<Change>) {
        let at = (self.clock)();
        for change in changes {
            self.project.audit.push(AuditEntry {
                at,
                user: self.user.clone(),
                deed: deed.clone(),
                place: change.place,
                item: change.item,
                indicator: change.indicator,
                from: change.from,
                to: change.to,
                reason: self.reason.clone(),
            });
        }
    }

    /// Applies one change through the gate, records it for undo and recomputes; returns false
    /// (and records nothing) when the change would not change anything, names a missing row or
    /// is refused (then [`Self::take_refusal`] says why). `merge_key` lets consecutive
    /// keystrokes in one cell form one undo step.
    pub fn apply(&mut self, edit: Edit, deed: Deed, merge_key: Option<&str>) -> bool {
        if edit.is_noop(&self.project) {
            return false;
        }
        let edit = self.linked(edit);
        if let Some(why) = self.check(&edit) {
            self.refusal = Some(Refusal { at: None, why });
            return false;
        }
        self.enter(edit, deed, merge_key)
    }

    /// Records an edit the gate let in.
    pub(super) fn enter(&mut self, edit: Edit, deed: Deed, merge_key: Option<&str>) -> bool {
        let before = self.row_before(&edit);
        self.enter_from(edit, deed, merge_key, before)
    }

    /// [`Self::enter`], given the Targets row the edit changes alone as it was when the
    /// outcome was last computed (`None`: compute the whole project).
    pub(super) fn enter_from(
        &mut self,
        edit: Edit,
        deed: Deed,
        merge_key: Option<&str>,
        before: Option<(usize, crate::model::Indicator)>,
    ) -> bool {
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
            let (start, old, new, deed) = (
                last.audit_start,
                last.undo.clone(),
                last.redo.clone(),
                last.deed.clone(),
            );
            self.project.audit.truncate(start);
            let changes = changes(&old, &new, &self.project);
            self.record(&deed, changes);
        } else {
            let changes = changes(&undo, &redo, &self.project);
            let audit_start = self.project.audit.len();
            self.record(&deed, changes);
            self.undo.push(Step {
                deed,
                undo,
                redo,
                merge_key: merge_key.map(str::to_owned),
                id: self.next_id,
                audit_start,
            });
            self.next_id += 1;
        }
        self.open_for_merge = merge_key.is_some();
        self.recompute_from(before);
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
    pub fn undo_deed(&self) -> Option<&Deed> {
        self.undo.last().map(|s| &s.deed)
    }

    /// What Redo would redo.
    pub fn redo_deed(&self) -> Option<&Deed> {
        self.redo.last().map(|s| &s.deed)
    }

    /// Undoes the last step; returns what it did.
    pub fn undo(&mut self) -> Option<Deed> {
        let step = self.undo.pop()?;
        self.open_for_merge = false;
        let before = self.row_before(&step.undo);
        if step.undo.clone().apply(&mut self.project).is_none() {
            self.undo.push(step);
            return None;
        }
        let changes = changes(&step.redo, &step.undo, &self.project);
        self.record(&Deed::Undo(Box::new(step.deed.clone())), changes);
        let deed = step.deed.clone();
        self.redo.push(step);
        self.recompute_from(before);
        Some(deed)
    }

    /// Redoes the last undone step; returns what it did.
    pub fn redo(&mut self) -> Option<Deed> {
        let mut step = self.redo.pop()?;
        self.open_for_merge = false;
        let before = self.row_before(&step.redo);
        if step.redo.clone().apply(&mut self.project).is_none() {
            self.redo.push(step);
            return None;
        }
        let changes = changes(&step.undo, &step.redo, &self.project);
        step.audit_start = self.project.audit.len();
        self.record(&Deed::Redo(Box::new(step.deed.clone())), changes);
        let deed = step.deed.clone();
        self.undo.push(step);
        self.recompute_from(before);
        Some(deed)
    }

    /// Why the gate refused the last change, taken once.
    pub fn take_refusal(&mut self) -> Option<Refusal> {
        self.refusal.take()
    }
}
