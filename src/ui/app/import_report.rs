//! The report of the last workbook imported: how each table and input was read.

use egui::RichText;

use super::App;
use crate::io::import::LineKind;
use crate::tr;

impl App {
    pub(super) fn import_window(&mut self, ctx: &egui::Context) {
        let Some((path, report)) = &self.import_report else {
            return;
        };
        let lang = self.lang;
        let mut open = true;
        egui::Window::new(lang.t("Import report", "Informe de importación"))
            .open(&mut open)
            .default_size([760.0, 420.0])
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(tr!(
                        lang,
                        "How {} was read",
                        "Cómo se leyó {}",
                        path.display()
                    ))
                    .strong(),
                );
                let agrees = report.differences.as_ref().is_none_or(Vec::is_empty);
                let color = if agrees {
                    ui.visuals().text_color()
                } else {
                    ui.visuals().warn_fg_color
                };
                ui.label(RichText::new(report.comparison(lang)).color(color));
                for d in report.differences.iter().flatten() {
                    ui.label(crate::present::import::difference_line(lang, d));
                }
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (kind, text) in report.lines(lang) {
                        let (kind, color) = match kind {
                            LineKind::Read => (lang.t("Read", "Leído"), ui.visuals().text_color()),
                            LineKind::Inferred => {
                                (lang.t("Inferred", "Inferido"), ui.visuals().text_color())
                            }
                            LineKind::Warning => {
                                (lang.t("Warning", "Advertencia"), ui.visuals().warn_fg_color)
                            }
                        };
                        ui.add(
                            egui::Label::new(RichText::new(format!("{kind}: {text}")).color(color))
                                .wrap(),
                        );
                    }
                });
            });
        if !open {
            self.import_report = None;
        }
    }
}
