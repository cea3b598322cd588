//! A cell edit is one transaction (MODEL.md): while a value is being typed the project holds
//! it, so that every figure previews it, but the history, the audit log and autosave see
//! nothing until it is committed (Enter, Tab, an arrow, a click elsewhere). A value the gate
//! refuses is not held; the cell's value before typing is, and committing keeps that.

use crate::model::audit::Deed;
use crate::model::{Field, Location};
use crate::text::ParseError;

use super::gate::{Refusal, Why};
use super::{Document, Edit};

/// A value being typed in a cell.
#[derive(Debug)]
pub(super) struct Typing {
    /// The cell, as its merge key.
    cell: String,
    /// The cell's location and field: what the step did and where a refusal happened.
    at: (Location, Field),
    deed: Deed,
    /// Restores the value the cell held before typing began; `None` while the project holds
    /// that value (nothing accepted typed yet, or the last value was refused).
    restore: Option<Edit>,
    /// Why the last value typed was refused, if it was.
    refused: Option<Why>,
}

impl Document {
    /// The typing in `cell`, committing the typing of another cell first.
    fn typing_in(&mut self, cell: &str, at: (Location, Field), deed: Deed) -> &mut Typing {
        if self.typing.as_ref().is_some_and(|t| t.cell != cell) {
            let _ = self.commit_typing();
        }
        let typing = self.typing.get_or_insert_with(|| Typing {
            cell: cell.to_owned(),
            at,
            deed: deed.clone(),
            restore: None,
            refused: None,
        });
        typing.deed = deed;
        typing
    }

    /// Previews a value typed in a cell (`cell` its merge key, `at` its location and field):
    /// the project holds it and every figure follows, until [`Self::commit_typing`] or
    /// [`Self::cancel_typing`]. A value the gate refuses is not held — the value before
    /// typing is — and why is returned.
    pub fn type_value(
        &mut self,
        cell: &str,
        at: (Location, Field),
        edit: Edit,
        deed: Deed,
    ) -> Result<(), Why> {
        self.typing_in(cell, at, deed);
        // Reverting and applying change this row alone when both edit the same Targets row.
        let restores = self.typing.as_ref().and_then(|t| t.restore.as_ref());
        let before = self
            .row_before(&edit)
            .filter(|(row, _)| restores.is_none_or(|r| edits_row(r, *row)));
        // Checked against the project as it was before typing began.
        self.revert_typing();
        let edit = self.linked(edit);
        if let Some(why) = self.check(&edit) {
            if let Some(typing) = &mut self.typing {
                typing.refused = Some(why.clone());
            }
            self.recompute_from(before);
            return Err(why);
        }
        let Some(inverse) = edit.apply(&mut self.project) else {
            self.recompute_from(before);
            return Ok(());
        };
        if let Some(typing) = &mut self.typing {
            typing.restore = Some(inverse);
            typing.refused = None;
        }
        self.recompute_from(before);
        Ok(())
    }

    /// The row the typing's restore changes, as it is now (`None` when the restore is not of
    /// one Targets row, or there is none).
    fn restore_row_before(&self) -> Option<(usize, crate::model::Indicator)> {
        let restore = self.typing.as_ref()?.restore.as_ref()?;
        self.row_before(restore)
    }

    /// Text typed in `cell` that is not a value at all: the value before typing is held again
    /// (until the text is corrected), and committing then keeps it.
    pub fn typing_refused(&mut self, cell: &str, at: (Location, Field), error: ParseError) {
        let deed = Deed::Edit {
            at: at.0,
            field: at.1,
        };
        self.typing_in(cell, at, deed);
        let reverts = self.typing.as_ref().is_some_and(|t| t.restore.is_some());
        let before = self.restore_row_before();
        self.revert_typing();
        if let Some(typing) = &mut self.typing {
            typing.refused = Some(Why::Unreadable(error));
        }
        if reverts {
            self.recompute_from(before);
        } else {
            // The project holds the value before typing already.
            self.changed();
        }
    }

    /// Puts back the value before typing (the typing goes on).
    fn revert_typing(&mut self) {
        if let Some(restore) = self.typing.as_mut().and_then(|t| t.restore.take()) {
            let _ = restore.apply(&mut self.project);
        }
    }

    /// Commits the value typed: one undo step and one audit entry. `None` when nothing was
    /// being typed; `Some(Err(refusal))` when the last value was refused, and the cell keeps
    /// the value it held before typing began.
    pub fn commit_typing(&mut self) -> Option<Result<(), Refusal>> {
        let typing = self.typing.take()?;
        if let Some(why) = typing.refused {
            // The project holds the value before typing, and its outcome.
            self.changed();
            let at = Some(typing.at);
            return Some(Err(Refusal { at, why }));
        }
        let Some(restore) = typing.restore else {
            return Some(Ok(()));
        };
        // The row the outcome was computed with: the typed value.
        let before = self.row_before(&restore);
        // Back to the value before typing, then the typed value as a recorded step.
        if let Some(redo) = restore.apply(&mut self.project) {
            self.enter_from(redo, typing.deed, None, before);
        }
        Some(Ok(()))
    }

    /// Throws the typing away (Esc): the value before typing comes back, and nothing is left
    /// in the history or the audit log. False when nothing was being typed.
    pub fn cancel_typing(&mut self) -> bool {
        let Some(typing) = &self.typing else {
            return false;
        };
        let reverts = typing.restore.is_some();
        let before = self.restore_row_before();
        self.revert_typing();
        self.typing = None;
        if reverts {
            self.recompute_from(before);
        } else {
            self.changed();
        }
        true
    }

    /// True while a value typed in a cell waits to be committed.
    pub fn is_typing(&self) -> bool {
        self.typing.is_some()
    }

    /// The project as last committed: without a value still being typed.
    pub fn committed_project(&self) -> std::borrow::Cow<'_, crate::model::Project> {
        match self.typing.as_ref().and_then(|t| t.restore.clone()) {
            Some(restore) => {
                let mut project = self.project.clone();
                let _ = restore.apply(&mut project);
                std::borrow::Cow::Owned(project)
            }
            None => std::borrow::Cow::Borrowed(&self.project),
        }
    }
}

/// True when `edit` changes Targets row `row` alone.
fn edits_row(edit: &Edit, row: usize) -> bool {
    matches!(edit, Edit::Indicator { row: r, .. } if *r == row)
}
