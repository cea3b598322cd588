//! The Problems window: every problem with the inputs; a click goes to its sheet.

use egui::RichText;

use super::{App, Tab};
use crate::model::{Location, Severity};
use crate::present::problem::sentence;

impl App {
    pub(super) fn problems_window(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        let mut open = self.show_problems;
        let mut go_to = None;
        egui::Window::new(lang.t("Problems", "Problemas"))
            .open(&mut open)
            .default_size([640.0, 320.0])
            .show(ctx, |ui| {
                let problems = &self.document.outcome().problems;
                if problems.is_empty() {
                    ui.label(lang.t(
                        "No problems: every input is usable.",
                        "Sin problemas: todos los datos son utilizables.",
                    ));
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for problem in problems {
                        let color = match problem.severity {
                            Severity::Error => ui.visuals().error_fg_color,
                            Severity::Warning => ui.visuals().warn_fg_color,
                        };
                        let kind = if problem.is_error() {
                            lang.t("Error", "Error")
                        } else {
                            lang.t("Warning", "Advertencia")
                        };
                        let sentence = sentence(problem, lang);
                        let text = RichText::new(format!("{kind}: {sentence}")).color(color);
                        if ui
                            .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
                            .clicked()
                        {
                            go_to = Some(match problem.location {
                                Location::Condition(_) => Tab::Values,
                                _ => Tab::Targets,
                            });
                        }
                    }
                });
            });
        self.show_problems = open;
        if let Some(tab) = go_to {
            self.tab = tab;
        }
    }
}
