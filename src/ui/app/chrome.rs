//! The window's chrome: menus, the status line, the title, and projector mode.

use egui::{Color32, RichText, Ui};

use super::App;
use crate::present::audit::deed;
use crate::tr;
use crate::ui::Action;
use crate::ui::commands::{UiCommand, shortcut_text};

impl App {
    /// Projector mode as the last session left it: its theme and zoom together, so that a
    /// restart is never at the projector's zoom in the other theme.
    pub(super) fn restore_projector(mut self, ctx: &egui::Context, on: bool) -> Self {
        if on {
            self.projector = Some(ctx.global_style().visuals.clone());
            ctx.set_visuals(projector_visuals());
            ctx.set_zoom_factor(PROJECTOR_ZOOM);
            self.targets_view.open_inputs = Some(false);
        } else if ctx.zoom_factor() >= PROJECTOR_ZOOM {
            ctx.set_zoom_factor(1.0);
        }
        self
    }

    fn menu_item(&self, ui: &mut Ui, command: UiCommand, enabled: bool, actions: &mut Vec<Action>) {
        let lang = self.lang;
        let mut button = egui::Button::new(command.label(lang));
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(shortcut_text(&shortcut, lang));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip(lang))
            .clicked()
        {
            actions.push(Action::Command(command));
        }
    }

    pub(super) fn menu_bar(&self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let lang = self.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.t("File", "Archivo"), |ui| {
                for command in [
                    UiCommand::New,
                    UiCommand::Open,
                    UiCommand::Save,
                    UiCommand::SaveAs,
                    UiCommand::Export,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                ui.menu_button(lang.t("Open recent", "Abrir reciente"), |ui| {
                    if self.recent.is_empty() {
                        ui.label(lang.t("No files yet", "Aún no hay archivos"));
                    }
                    for path in &self.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenRecent(path.clone()));
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, UiCommand::Quit, true, actions);
            });
            ui.menu_button(lang.t("Edit", "Editar"), |ui| {
                let undo = self.document.undo_deed().map(|d| {
                    let done = deed(d, lang);
                    tr!(lang, "Undo: {done}", "Deshacer: {done}")
                });
                let redo = self.document.redo_deed().map(|d| {
                    let done = deed(d, lang);
                    tr!(lang, "Redo: {done}", "Rehacer: {done}")
                });
                self.menu_item(ui, UiCommand::Undo, self.document.can_undo(), actions);
                if let Some(undo) = undo {
                    ui.label(RichText::new(undo).small().weak());
                }
                self.menu_item(ui, UiCommand::Redo, self.document.can_redo(), actions);
                if let Some(redo) = redo {
                    ui.label(RichText::new(redo).small().weak());
                }
                ui.separator();
                for command in [
                    UiCommand::Rebalance,
                    UiCommand::LockNegotiated,
                    UiCommand::UnlockAll,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                for command in [UiCommand::InsertRow, UiCommand::DeleteRow] {
                    self.menu_item(ui, command, true, actions);
                }
            });
            ui.menu_button(lang.t("View", "Ver"), |ui| {
                for command in [
                    UiCommand::ShowValues,
                    UiCommand::ShowTargets,
                    UiCommand::ShowProblems,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                for command in [
                    UiCommand::ZoomIn,
                    UiCommand::ZoomOut,
                    UiCommand::ZoomReset,
                    UiCommand::ProjectorMode,
                    UiCommand::CommandPalette,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                for command in [
                    UiCommand::PresenterWindow,
                    UiCommand::ShareWithRoom,
                    UiCommand::MarkAgreed,
                    UiCommand::ChangesSinceMark,
                ] {
                    self.menu_item(ui, command, true, actions);
                }
                ui.separator();
                self.menu_item(ui, UiCommand::SwitchLanguage, true, actions);
            });
            ui.menu_button(lang.t("Help", "Ayuda"), |ui| {
                self.menu_item(ui, UiCommand::About, true, actions);
            });
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let lang = self.lang;
        ui.horizontal(|ui| {
            if let Some(rejection) = self.buffers.rejection_message() {
                ui.label(
                    RichText::new(rejection)
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                );
            } else if let Some(status) = &self.status {
                let color = if status.good {
                    ui.visuals().text_color()
                } else {
                    ui.visuals().error_fg_color
                };
                ui.label(RichText::new(&status.text).color(color));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(done) = self.document.undo_deed() {
                    let done = deed(done, lang);
                    ui.label(RichText::new(tr!(lang, "Undo: {done}", "Deshacer: {done}")).weak());
                }
                ui.separator();
                let reason = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.reason)
                            .hint_text(lang.t(
                                "optional: why (kept in the log)",
                                "opcional: por qué (queda en la bitácora)",
                            ))
                            .desired_width(260.0),
                    )
                    .accessible_name(lang.t("Reason for the changes", "Motivo de los cambios"));
                if reason.changed() {
                    actions.push(Action::Attribution {
                        user: self.user.clone(),
                        reason: self.reason.clone(),
                    });
                }
                ui.label(lang.t("Reason", "Motivo"));
            });
        });
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        // A value still being typed is an unsaved change too.
        let changed = self.document.is_dirty() || self.document.is_typing();
        let dirty = if changed { " •" } else { "" };
        let title = format!("{}{dirty} — rbf-targets", self.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// How much projector mode enlarges everything.
pub(super) const PROJECTOR_ZOOM: f32 = 1.5;

/// Black on white with strong strokes, for a projector in a lit room.
pub(super) fn projector_visuals() -> egui::Visuals {
    let mut visuals = egui::Visuals::light();
    visuals.override_text_color = Some(Color32::BLACK);
    visuals.panel_fill = Color32::WHITE;
    visuals.window_fill = Color32::WHITE;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.faint_bg_color = Color32::from_gray(235);
    visuals.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.5, Color32::BLACK);
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, Color32::from_gray(60));
    visuals
}
