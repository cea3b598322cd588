//! The command palette: type part of a command's name, Enter runs it.

use strum::IntoEnumIterator;

use super::App;
use crate::ui::Action;
use crate::ui::commands::UiCommand;

impl App {
    /// The palette: a filter box and the commands whose name contains what is typed.
    pub(super) fn palette_window(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let lang = self.lang;
        let Some(filter) = self.palette.as_mut() else {
            return;
        };
        let mut open = true;
        let mut chosen = None;
        egui::Window::new(lang.t("Commands", "Comandos"))
            .open(&mut open)
            .collapsible(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                let response = ui
                    .add(
                        egui::TextEdit::singleline(filter)
                            .hint_text(lang.t(
                                "type part of a command, then Enter",
                                "escriba parte de un comando y pulse Enter",
                            ))
                            .desired_width(420.0),
                    )
                    .accessible_name(lang.t("Find a command", "Buscar un comando"));
                response.request_focus();
                let needle = filter.to_lowercase();
                let matching: Vec<UiCommand> = UiCommand::iter()
                    .filter(|c| {
                        *c != UiCommand::CommandPalette
                            && c.label(lang).to_lowercase().contains(&needle)
                    })
                    .collect();
                for command in &matching {
                    let shortcut = command.shortcut_text(lang).unwrap_or_default();
                    if ui
                        .add(egui::Button::new(command.label(lang)).shortcut_text(shortcut))
                        .on_hover_text(command.tooltip(lang))
                        .clicked()
                    {
                        chosen = Some(*command);
                    }
                }
                if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    chosen = matching.first().copied();
                }
            });
        if chosen.is_some() || !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.palette = None;
        }
        if let Some(command) = chosen {
            actions.push(Action::Command(command));
        }
    }
}
