//! The offer to restore changes recovered from a session that did not close normally.

use egui::Modal;

use super::App;
use crate::document::Document;
use crate::present::audit::{value, what};
use crate::tr;

impl App {
    pub(super) fn recovery_modal(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        let Some((recovery, changes)) = &self.recovered else {
            return;
        };
        let mut answer = None;
        Modal::new(egui::Id::unique("recovered")).show(ctx, |ui| {
            ui.set_max_width(720.0);
            ui.heading(lang.t(
                "Unsaved changes were recovered",
                "Se recuperaron cambios sin guardar",
            ));
            let file = recovery.original.as_ref().map_or_else(
                || {
                    lang.t("a project never saved", "un proyecto nunca guardado")
                        .to_owned()
                },
                |p| p.display().to_string(),
            );
            let places = if changes.len() == 1 {
                lang.t("one place", "un lugar").to_owned()
            } else {
                tr!(lang, "{} places", "{} lugares", changes.len())
            };
            let written = &recovery.written;
            ui.label(tr!(
                lang,
                "rbf-targets did not close normally. Changes to {file}, kept at {written} (UTC), \
                 differ from the last saved version in {places}:",
                "rbf-targets no se cerró normalmente. Los cambios en {file}, guardados a las \
                 {written} (UTC), difieren de la última versión guardada en {places}:"
            ));
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .show(ui, |ui| {
                    for change in changes.iter().take(200) {
                        let (where_, from, to) = (
                            what(&change.place, &change.item, lang),
                            value(&change.from, lang),
                            value(&change.to, lang),
                        );
                        ui.label(tr!(
                            lang,
                            "{where_}: {from} to {to}",
                            "{where_}: {from} a {to}"
                        ));
                    }
                });
            ui.horizontal(|ui| {
                if ui.button(lang.t("Restore them", "Restaurarlos")).clicked() {
                    answer = Some(true);
                }
                if ui.button(lang.t("Discard them", "Descartarlos")).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some((recovery, _)) = self.recovered.take() {
                    let original = recovery.original.clone();
                    self.replace_document(Document::restored(recovery.project, original));
                    self.set_status(
                        lang.t(
                            "Restored the recovered changes; save to keep them.",
                            "Cambios recuperados restaurados; guarde para conservarlos.",
                        ),
                        true,
                    );
                }
            }
            Some(false) => {
                self.recovered = None;
                self.discard_recovery();
            }
            None => {}
        }
    }
}
