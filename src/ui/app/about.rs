//! About rbf-targets.

use super::App;

impl App {
    pub(super) fn about_window(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        egui::Window::new(lang.t("About rbf-targets", "Acerca de rbf-targets"))
            .open(&mut self.show_about)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!("rbf-targets {}", env!("CARGO_PKG_VERSION")));
                ui.label(lang.t(
                    "Sets performance targets for results-based-financing health programs with \
                     the cost-benefit method of IDB technical note IDB-TN-983 (2016): the \
                     program must cause at least d = R·C / Σ w·N·V points of change on every \
                     indicator so that benefits cover the cost.",
                    "Fija metas de desempeño para programas de salud con financiamiento basado \
                     en resultados con el método de costo-beneficio de la nota técnica del BID \
                     IDB-TN-983 (2016): el programa debe causar al menos d = R·C / Σ w·N·V \
                     puntos de cambio en cada indicador para que los beneficios cubran el costo.",
                ));
                ui.label(lang.t(
                    "The El Salvador sample follows Table 1 of the note; its Values (DALYs, \
                     populations, GNI per capita) are illustrative, chosen to reproduce the \
                     note's published results.",
                    "El ejemplo de El Salvador sigue el Cuadro 1 de la nota; sus Valores (AVAD, \
                     poblaciones, INB per cápita) son ilustrativos, elegidos para reproducir \
                     los resultados publicados de la nota.",
                ));
            });
    }
}
