//! Dispatch: every change the window makes to the document is an [`Action`] applied here,
//! and every command of the menus, shortcuts and palette runs here.

use std::path::Path;

use strum::IntoEnumIterator;

use super::chrome::{PROJECTOR_ZOOM, projector_visuals};
use super::{App, Pending};
use crate::document::Report;
use crate::i18n::Lang;
use crate::model::NegotiationError;
use crate::model::audit::Deed;
use crate::present;
use crate::tr;
use crate::ui::Action;
use crate::ui::cells::merge_key;
use crate::ui::commands::UiCommand;
use crate::ui::files::FilePurpose;

impl App {
    fn run_command(&mut self, command: UiCommand, ctx: &egui::Context) {
        let lang = self.lang;
        match command {
            UiCommand::New => self.guarded(Pending::New, ctx),
            UiCommand::Open => self.guarded(Pending::Open, ctx),
            UiCommand::Save => match self.document.path().map(Path::to_owned) {
                Some(path) => {
                    self.save_to(path, None);
                }
                None => self.dialogs.request(FilePurpose::SaveAs, None, self.lang),
            },
            UiCommand::SaveAs => {
                self.dialogs
                    .request(FilePurpose::SaveAs, self.document.path(), self.lang)
            }
            UiCommand::Export => {
                self.dialogs
                    .request(FilePurpose::Export, self.document.path(), self.lang)
            }
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => {
                if let Some(deed) = self.document.undo() {
                    self.buffers.clear();
                    let done = present::audit::deed(&deed, lang);
                    self.set_status(tr!(lang, "Undone: {done}.", "Deshecho: {done}."), true);
                }
            }
            UiCommand::Redo | UiCommand::RedoAlternative => {
                if let Some(deed) = self.document.redo() {
                    self.buffers.clear();
                    let done = present::audit::deed(&deed, lang);
                    self.set_status(tr!(lang, "Redone: {done}.", "Rehecho: {done}."), true);
                }
            }
            UiCommand::Rebalance => {
                let result = self.document.rebalance();
                self.buffers.clear();
                self.report(result);
            }
            UiCommand::LockNegotiated => {
                self.document.lock_negotiated();
            }
            UiCommand::UnlockAll => {
                self.document.unlock_all();
            }
            UiCommand::ShowValues
            | UiCommand::ShowTargets
            | UiCommand::ShowSensitivity
            | UiCommand::ShowVerification
            | UiCommand::ShowRounds
            | UiCommand::ShowLog
            | UiCommand::ShowScenarios
            | UiCommand::ShowCharts
            | UiCommand::ShowCensus => {
                if let Some(tab) = command.tab() {
                    self.tab = tab;
                }
            }
            UiCommand::ShowProblems => self.show_problems = !self.show_problems,
            UiCommand::About => self.show_about = true,
            UiCommand::InsertRow => self.insert_or_delete_row(true, ctx),
            UiCommand::DeleteRow => self.insert_or_delete_row(false, ctx),
            UiCommand::SwitchLanguage => {
                let other = match self.lang {
                    Lang::En => Lang::Es,
                    Lang::Es => Lang::En,
                };
                self.set_language(other);
                self.set_status(
                    other.t(
                        "The window, its messages and exported workbooks are now in English.",
                        "La ventana, sus mensajes y los libros exportados están ahora en español.",
                    ),
                    true,
                );
            }
            UiCommand::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            UiCommand::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            UiCommand::ZoomReset => ctx.set_zoom_factor(if self.projector.is_some() {
                PROJECTOR_ZOOM
            } else {
                1.0
            }),
            UiCommand::ProjectorMode => match self.projector.take() {
                Some(saved) => {
                    ctx.set_visuals(saved);
                    ctx.set_zoom_factor(1.0);
                    self.targets_view.open_inputs = Some(true);
                }
                None => {
                    self.projector = Some(ctx.global_style().visuals.clone());
                    ctx.set_visuals(projector_visuals());
                    ctx.set_zoom_factor(PROJECTOR_ZOOM);
                    // The rows need the room on a projector; the inputs' header still says them.
                    self.targets_view.open_inputs = Some(false);
                }
            },
            UiCommand::CommandPalette => self.palette = Some(String::new()),
            UiCommand::PresenterWindow => self.room.presenter = !self.room.presenter,
            UiCommand::ShareWithRoom => self.room.share_window = true,
            UiCommand::MarkAgreed => self.room.mark_name = Some(String::new()),
            UiCommand::ChangesSinceMark => self.room.changes_window = true,
        }
    }

    /// Commits the value being typed in a cell, if any; a value the gate refused leaves the
    /// cell as it was before typing, and the status line says why.
    pub(super) fn commit_typing(&mut self) {
        let lang = self.lang;
        if let Some(Err(refused)) = self.document.commit_typing() {
            self.buffers.clear();
            let refusal = present::refusal(&refused, lang);
            self.set_status(
                tr!(
                    lang,
                    "{refusal} — the cell keeps the value it held before typing.",
                    "{refusal} — la celda conserva el valor que tenía antes de escribir."
                ),
                false,
            );
        }
    }

    /// The one place where the frame's actions change the document.
    pub(super) fn apply(&mut self, action: Action, ctx: &egui::Context) {
        let lang = self.lang;
        // Anything but typing commits the cell being typed first (Undo then undoes it, and
        // Redo brings it back).
        if !matches!(
            action,
            Action::CellEdit { .. } | Action::RenameCondition { .. } | Action::CancelTyping
        ) {
            self.commit_typing();
        }
        match action {
            Action::Command(command) => self.run_command(command, ctx),
            Action::CellEdit { cell, edit } => {
                let deed = Deed::Edit {
                    at: cell.0,
                    field: cell.1,
                };
                match self.document.type_value(&merge_key(cell), cell, edit, deed) {
                    Ok(()) => self.buffers.accept(cell),
                    Err(why) => self.buffers.reject(cell, present::why(&why, lang)),
                }
            }
            Action::RenameCondition { cell, row, name } => {
                if let Some(edit) = self.document.rename_condition_edit(row, name) {
                    let deed = Deed::Edit {
                        at: cell.0,
                        field: cell.1,
                    };
                    if let Err(why) = self.document.type_value(&merge_key(cell), cell, edit, deed) {
                        self.buffers.reject(cell, present::why(&why, lang));
                    }
                }
            }
            Action::Edit { edit, deed } => {
                if !self.document.apply(edit, deed, None)
                    && let Some(refusal) = self.document.take_refusal()
                {
                    self.set_status(present::refusal(&refusal, lang), false);
                }
                self.buffers.clear();
            }
            Action::SetLocked { row, locked } => {
                if !self.document.set_locked(row, locked)
                    && let Some(refusal) = self.document.take_refusal()
                {
                    self.set_status(present::refusal(&refusal, lang), false);
                }
            }
            Action::GoalSeek(row) => {
                let result = self.document.goal_seek(row);
                self.buffers.clear();
                self.report(result);
            }
            Action::OpenRecent(path) => self.guarded(Pending::OpenPath(path), ctx),
            Action::SaveScenario(name) => {
                if self.document.save_scenario(&name) {
                    self.set_status(
                        tr!(
                            lang,
                            "Saved the current targets as the scenario \"{name}\".",
                            "Metas actuales guardadas como el escenario \"{name}\"."
                        ),
                        true,
                    );
                }
            }
            Action::RestoreScenario(index) => {
                let name = self
                    .document
                    .project()
                    .scenarios
                    .get(index)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                self.document.restore_scenario(index);
                self.buffers.clear();
                self.set_status(
                    tr!(
                        lang,
                        "Restored the scenario \"{name}\".",
                        "Escenario \"{name}\" restaurado."
                    ),
                    true,
                );
            }
            Action::Explain { row, column } => self.explaining = Some((row, column)),
            Action::ResetRow(row) => {
                self.document.reset_to_model(row);
                self.buffers.clear();
            }
            Action::CommitTyping => self.document.seal(),
            Action::CancelTyping => {
                if self.document.cancel_typing() {
                    self.buffers.clear();
                    self.set_status(
                        lang.t(
                            "Typing cancelled: the cell holds its value again.",
                            "Escritura cancelada: la celda recupera su valor.",
                        ),
                        true,
                    );
                }
            }
            Action::Paste { edit, deed } => {
                let done = present::audit::deed(&deed, lang);
                let pasted = self.document.apply(edit, deed, None);
                self.document.seal();
                self.buffers.clear();
                match self.document.take_refusal().filter(|_| !pasted) {
                    Some(refusal) => {
                        let refusal = present::refusal(&refusal, lang);
                        self.set_status(
                            tr!(
                                lang,
                                "Nothing was pasted: {refusal}",
                                "No se pegó nada: {refusal}"
                            ),
                            false,
                        );
                    }
                    None => self.set_status(format!("{done}."), true),
                }
            }
            Action::Attribution { user, reason } => {
                self.document.set_user(&user);
                self.document.set_reason(&reason);
            }
            Action::SetMark(name) => {
                self.document.set_mark(&name);
                let shown = match name.trim() {
                    "" => lang.t("(no name)", "(sin nombre)").to_owned(),
                    name => name.to_owned(),
                };
                self.set_status(
                    tr!(
                        lang,
                        "Marked as agreed: “{shown}”. Changes from now on are highlighted.",
                        "Marcado como acordado: «{shown}». Los cambios desde ahora se resaltan."
                    ),
                    true,
                );
            }
        }
    }

    /// What a negotiation action did, on the status line.
    fn report(&mut self, result: Result<Report, NegotiationError>) {
        let lang = self.lang;
        match result {
            Ok(report) => {
                let text = present::negotiation::report(&report, lang);
                self.set_status(text, report.reached());
            }
            Err(error) => self.set_status(present::negotiation::error(&error, lang), false),
        }
    }

    pub(super) fn shortcuts(&self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        // Most specific first, so that Ctrl+Shift+Z is not taken for Ctrl+Z.
        let mut commands: Vec<_> = UiCommand::iter()
            .filter_map(|c| c.shortcut().map(|s| (c, s)))
            .collect();
        commands.sort_by_key(|(_, s)| {
            std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.alt as u8)
        });
        for (command, shortcut) in commands {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                actions.push(Action::Command(command));
            }
        }
    }
}
