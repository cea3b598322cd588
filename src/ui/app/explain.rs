//! "How this number is computed", docked below the grid.

use egui::{RichText, Ui};

use super::App;

impl App {
    /// The formula of the computed cell last clicked, with its numbers and their sources; it
    /// follows every edit while open.
    /// Docked below the grid, so that it never covers the row it explains nor the ratio.
    pub(super) fn explain_panel(&mut self, ui: &mut Ui) {
        let lang = self.lang;
        let Some((row, column)) = self.explaining else {
            return;
        };
        let explanation = crate::present::explain::explain(
            self.document.project(),
            self.document.outcome(),
            row,
            column,
            lang,
        );
        let mut open = true;
        egui::Panel::bottom("explain")
            .resizable(true)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(
                            lang.t("How this number is computed", "Cómo se calcula este número"),
                        )
                        .strong(),
                    );
                    if ui.button(lang.t("Close", "Cerrar")).clicked() {
                        open = false;
                    }
                });
                match &explanation {
                    Some(explanation) => {
                        ui.label(RichText::new(&explanation.title).strong());
                        ui.add(
                            egui::Label::new(
                                RichText::new(&explanation.formula)
                                    .monospace()
                                    .strong()
                                    .size(ui.text_style_height(&egui::TextStyle::Monospace) * 1.4),
                            )
                            .wrap(),
                        );
                        ui.label(lang.t(
                            "Where the numbers come from:",
                            "De dónde vienen los números:",
                        ));
                        for source in &explanation.sources {
                            ui.add(egui::Label::new(format!("• {source}")).wrap());
                        }
                    }
                    None => {
                        ui.label(lang.t(
                            "This number is not computed: an input it depends on has an error \
                             (see View, Problems).",
                            "Este número no se calcula: un dato del que depende tiene un error \
                             (vea Ver, Problemas).",
                        ));
                    }
                }
            });
        if !open {
            self.explaining = None;
        }
    }
}
