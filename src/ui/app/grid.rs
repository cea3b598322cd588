//! Spreadsheet keys in the Values and Targets grids: moving between cells with Enter and the
//! arrows, Esc, inserting and deleting rows, choosing a block of Targets cells, copying it and
//! pasting one.

use egui::Context;

use super::{App, Tab};
use crate::document::Edit;
use crate::model::audit::Deed;
use crate::paste::{Grid, copy_block, paste_block};
use crate::present;
use crate::tr;
use crate::ui::cells::{CellKey, Selection, cell_id};
use crate::ui::{Action, targets, values};

/// Where this frame's events must stop so that each goes to the cell that had the focus when
/// it arrived: a key that moves between cells (Enter, the arrows, Esc, F2) after text was
/// typed waits for the next frame, as does a second such key; anything after Tab waits too,
/// since egui moves the focus for Tab at the end of the frame.
fn first_event_for_next_frame(events: &[egui::Event]) -> usize {
    use egui::{Event, Key};
    let mut typed = false;
    let mut moved = false;
    for (k, event) in events.iter().enumerate() {
        match event {
            Event::Text(_)
            | Event::Paste(_)
            | Event::Key {
                key: Key::Backspace | Key::Delete,
                pressed: true,
                ..
            } => typed = true,
            Event::Key {
                key: Key::Enter | Key::ArrowUp | Key::ArrowDown | Key::Escape | Key::F2,
                pressed: true,
                ..
            } => {
                if typed || moved {
                    return k;
                }
                moved = true;
            }
            Event::Key {
                key: Key::Tab,
                pressed: true,
                ..
            } => return k + 1,
            // A shortcut (Ctrl+Z, Ctrl+S…) after typing acts on what was typed.
            Event::Key {
                pressed: true,
                modifiers,
                ..
            } if modifiers.command && (typed || moved) => return k,
            Event::PointerButton { pressed: true, .. } if typed || moved => return k,
            _ => {}
        }
    }
    events.len()
}

impl App {
    /// Puts back the events held over from the last frame, and holds over those of this frame
    /// that must reach a grid cell only after the focus has moved (see
    /// [`first_event_for_next_frame`]).
    pub(super) fn order_events(&mut self, ctx: &Context) {
        let grid_cell_focused = ctx
            .memory(|m| m.focused())
            .and_then(|focus| self.focused_grid_cell(focus))
            .is_some();
        let held = std::mem::take(&mut self.held_events);
        ctx.input_mut(|input| {
            let mut events = held;
            events.append(&mut input.events);
            if grid_cell_focused {
                let cut = first_event_for_next_frame(&events);
                self.held_events = events.split_off(cut);
            }
            input.events = events;
        });
        if !self.held_events.is_empty() {
            ctx.request_repaint();
        }
    }

    /// Routes this frame's grid keys to the cell being edited, before the cell's own text field
    /// sees them; what they change in the document is applied at once, through [`Self::apply`].
    pub(super) fn grid_keys(&mut self, ctx: &Context) {
        let focus = ctx.memory(|m| m.focused());
        // Esc puts back what a grid cell held before typing began. egui has already taken
        // the focus away, so the cell is the one focused in the last frame.
        if focus.is_none() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.buffers.selection = None;
            if self
                .last_focus
                .and_then(|f| self.focused_grid_cell(f))
                .is_some()
            {
                self.apply(Action::CancelTyping, ctx);
            }
        }
        // A new focus (Tab, a click elsewhere) commits the value typed in the cell that had it.
        if focus != self.last_focus {
            self.apply(Action::CommitTyping, ctx);
            self.last_focus = focus;
        }
        if let Some(cell) = focus.and_then(|focus| self.focused_grid_cell(focus)) {
            self.extend_selection(ctx, cell);
            self.copy_selection(ctx);
            if let Some(paste) = self.paste_block(ctx, cell) {
                self.apply(paste, ctx);
            }
            self.move_between_cells(ctx, cell);
        }
    }

    /// The tab that shows `grid`.
    fn tab_of(grid: Grid) -> Tab {
        match grid {
            Grid::Values => Tab::Values,
            Grid::Targets => Tab::Targets,
        }
    }

    /// The cell of the Values or Targets grid whose widget is `focus`, if it is one and its
    /// sheet is shown.
    fn focused_grid_cell(&self, focus: egui::Id) -> Option<CellKey> {
        let cell = self.buffers.cell_with_id(focus)?;
        let (grid, _) = Selection::cell_of(cell)?;
        (self.tab == Self::tab_of(grid)).then_some(cell)
    }

    /// As in a spreadsheet: the up and down arrows, Enter and Shift+Enter move to the same
    /// column of the row above or below.
    fn move_between_cells(&mut self, ctx: &Context, (location, field): CellKey) {
        let Some((grid, row)) = Grid::of(location) else {
            return;
        };
        let rows = grid.rows(self.document.project());
        let at = |row| (grid.location(row), field);
        let (up, down) = ctx.input_mut(|input| {
            let up = input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp)
                || input.consume_key(egui::Modifiers::SHIFT, egui::Key::Enter);
            let down = input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown)
                || input.consume_key(egui::Modifiers::NONE, egui::Key::Enter);
            (up, down)
        });
        let target = if up {
            row.checked_sub(1)
        } else if down {
            Some(row + 1).filter(|&next| next < rows)
        } else {
            None
        };
        if up || down {
            // Enter and the arrows commit the value typed before moving.
            self.commit_typing();
        }
        if let Some(target) = target {
            self.buffers.focus_cell(ctx, at(target));
        } else if down && row + 1 == rows {
            // Enter on the last row ends the edit, as it did before.
            ctx.memory_mut(|m| m.surrender_focus(cell_id(at(row))));
        }
    }

    /// Inserts a row below, or deletes, the row of the cell being edited in the Values or
    /// Targets sheet; the focus goes to the same column of the new row (or of the row that
    /// takes the deleted one's place).
    pub(super) fn insert_or_delete_row(&mut self, insert: bool, ctx: &Context) {
        let lang = self.lang;
        let cell = self.buffers.last_focused().and_then(|(location, field)| {
            let (grid, row) = Grid::of(location)?;
            (self.tab == Self::tab_of(grid)).then_some((grid, row, field))
        });
        self.commit_typing();
        let Some((grid, row, field)) = cell else {
            self.set_status(
                lang.t(
                    "Click a cell of the row first (Values or Targets sheet), then insert or \
                        delete.",
                    "Primero haga clic en una celda de la fila (hoja Valores o Metas) y luego \
                        inserte o borre.",
                ),
                false,
            );
            return;
        };
        let rows = grid.rows(self.document.project());
        if !insert && row >= rows {
            return;
        }
        let at = grid.location(row);
        let (edit, deed) = match (grid, insert) {
            (Grid::Targets, true) => {
                let value = targets::new_indicator(lang, &self.document);
                let row = row + 1;
                (Edit::InsertIndicator { row, value }, Deed::InsertBelow(at))
            }
            (Grid::Targets, false) => (Edit::RemoveIndicator { row }, Deed::Delete(at)),
            (Grid::Values, true) => {
                let value = values::new_condition(lang, &self.document);
                let row = row + 1;
                (Edit::InsertCondition { row, value }, Deed::InsertBelow(at))
            }
            (Grid::Values, false) => (Edit::RemoveCondition { row }, Deed::Delete(at)),
        };
        let done = present::audit::deed(&deed, lang);
        if !self.document.apply(edit, deed, None) {
            if let Some(refusal) = self.document.take_refusal() {
                self.set_status(present::refusal(&refusal, lang), false);
            }
            return;
        }
        self.document.seal();
        self.buffers.clear();
        self.set_status(format!("{done}."), true);
        // The new row, or the one that took the deleted row's place (the last, at the end).
        let rows = grid.rows(self.document.project());
        let focus = if insert {
            row + 1
        } else {
            row.min(rows.saturating_sub(1))
        };
        if rows > 0 {
            self.buffers.focus_cell(ctx, (grid.location(focus), field));
        }
    }

    /// Shift+↑ and Shift+↓ choose a block of rows from the focused cell, as in a spreadsheet
    /// (the focus stays where the block started).
    fn extend_selection(&mut self, ctx: &Context, cell: CellKey) {
        let (up, down) = ctx.input_mut(|input| {
            (
                input.consume_key(egui::Modifiers::SHIFT, egui::Key::ArrowUp),
                input.consume_key(egui::Modifiers::SHIFT, egui::Key::ArrowDown),
            )
        });
        let Some((grid, here)) = Selection::cell_of(cell).filter(|_| up || down) else {
            return;
        };
        let rows = grid.rows(self.document.project());
        let mut selection =
            self.buffers
                .selection
                .filter(|s| s.grid == grid)
                .unwrap_or(Selection {
                    grid,
                    anchor: here,
                    extent: here,
                });
        selection.extent.0 = if up {
            selection.extent.0.saturating_sub(1)
        } else {
            (selection.extent.0 + 1).min(rows.saturating_sub(1))
        };
        self.buffers.selection = Some(selection);
    }

    /// Ctrl+C with a block chosen copies it as a spreadsheet does (tab-separated), taken before
    /// the focused cell's text field copies only its own text.
    fn copy_selection(&mut self, ctx: &Context) {
        let lang = self.lang;
        let Some(selection) = self.buffers.selection.filter(Selection::is_block) else {
            return;
        };
        let copy = ctx.input_mut(|input| {
            let mut copy = false;
            input.events.retain(|event| match event {
                egui::Event::Copy => {
                    copy = true;
                    false
                }
                egui::Event::Key {
                    key: egui::Key::C,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.command => {
                    copy = true;
                    false
                }
                _ => true,
            });
            copy
        });
        if !copy {
            return;
        }
        let text = copy_block(
            self.document.project(),
            selection.grid,
            selection.rows(),
            selection.columns(),
        );
        ctx.copy_text(text);
        let (rows, columns) = (selection.rows().count(), selection.columns().count());
        self.set_status(
            tr!(
                lang,
                "Copied {rows} × {columns} cells; paste them into a spreadsheet or another row.",
                "Copiadas {rows} × {columns} celdas; péguelas en una hoja de cálculo o en otra \
                    fila."
            ),
            true,
        );
    }

    /// A paste into a grid cell, taken before the cell's text field sees it: the block (one
    /// cell or many, copied from a spreadsheet) fills the grid from that cell down and to the
    /// right, as one undo step. A block that does not fit or read changes nothing and says why.
    fn paste_block(&mut self, ctx: &Context, (location, field): CellKey) -> Option<Action> {
        let lang = self.lang;
        let (grid, row) = Grid::of(location)?;
        let text = ctx.input_mut(|input| {
            let mut pasted = None;
            input.events.retain(|event| match event {
                egui::Event::Paste(text) => {
                    pasted = Some(text.clone());
                    false
                }
                _ => true,
            });
            pasted
        })?;
        match paste_block(self.document.project(), grid, row, field, &text, lang) {
            Ok(paste) => Some(Action::Paste {
                edit: paste.edit,
                deed: paste.deed,
            }),
            Err(message) => {
                self.set_status(message, false);
                None
            }
        }
    }
}
