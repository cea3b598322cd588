//! The summary that is always visible: cost, Σ N·V, d, benefits and, large, the benefit-cost
//! ratio, green when it meets the requirement and red below.

use egui::{Color32, RichText, Ui};

use super::Action;
use super::commands::UiCommand;
use crate::document::Document;
use crate::i18n::Lang;
use crate::text::{format_amount, format_number};
use crate::tr;

/// Green and red that read on a projector in both themes.
fn verdict_color(ui: &Ui, good: bool) -> Color32 {
    match (good, ui.visuals().dark_mode) {
        (true, true) => Color32::from_rgb(90, 210, 110),
        (true, false) => Color32::from_rgb(0, 120, 40),
        (false, true) => Color32::from_rgb(255, 110, 100),
        (false, false) => Color32::from_rgb(190, 20, 20),
    }
}

/// Text of the benefit-cost ratio as the summary shows it: two decimals, or as many as it
/// takes to be visibly below the required ratio when it is (0.996, never "1.00").
pub fn ratio_text(ratio: f64, required: f64) -> String {
    crate::text::format_ratio(ratio, required)
}

/// Text of d as the summary shows it: points and the proportion.
pub fn impact_text(lang: Lang, d: f64) -> String {
    tr!(
        lang,
        "{:.2} points (d = {d:.4})",
        "{:.2} puntos (d = {d:.4})",
        d * 100.0
    )
}

/// One figure of the band: a small label over a value, never wrapped.
fn figure(ui: &mut Ui, label: &str, value: String, hover: &str) {
    ui.vertical(|ui| {
        ui.add(egui::Label::new(RichText::new(label).size(12.0)).extend());
        ui.add(egui::Label::new(RichText::new(value).strong().size(17.0)).extend())
            .on_hover_text(hover);
    });
    ui.separator();
}

/// The summary band: the benefit-cost ratio and its verdict, the surplus or shortfall and d,
/// the problems, and the other figures behind "More". One line that never wraps, so that it
/// reads on a projector at 1280 × 720.
pub fn summary_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    more: &mut bool,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    let outcome = document.outcome();
    let program = &project.program;
    let currency = project.metadata.currency();
    let money = |v: Option<f64>| {
        v.map_or_else(
            || "—".to_owned(),
            |v| format!("{currency} {}", format_amount(v)),
        )
    };
    let required = program.required_ratio;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(lang.t("Benefit-cost ratio", "Relación beneficio-costo"))
                        .size(12.0),
                )
                .extend(),
            );
            match outcome.benefit_cost_ratio {
                Some(ratio) => {
                    let good = ratio >= required;
                    let verdict = crate::present::verdict(good, required, lang);
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(ratio_text(ratio, required))
                                    .size(30.0)
                                    .strong()
                                    .color(verdict_color(ui, good)),
                            )
                            .extend(),
                        )
                        .on_hover_text(tr!(
                            lang,
                            "Total benefit ÷ total cost. Required: at least {} (note eq. 1).",
                            "Beneficio total ÷ \
                                    costo total. Exigida: al menos {} (nota, ec. 1).",
                            format_number(required)
                        ));
                        ui.add(
                            egui::Label::new(
                                RichText::new(verdict)
                                    .size(13.0)
                                    .color(verdict_color(ui, good)),
                            )
                            .extend(),
                        );
                    });
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.add(egui::Label::new(RichText::new("—").size(30.0).strong()).extend());
                        ui.add(
                            egui::Label::new(lang.t(
                                "cannot be computed: see Problems",
                                "no se puede calcular: vea Problemas",
                            ))
                            .extend(),
                        );
                    });
                }
            }
        });
        ui.separator();
        let (label, amount) = crate::present::surplus(outcome.surplus, lang);
        let shown = money(amount);
        figure(
            ui,
            label,
            shown,
            lang.t(
                "Total benefit minus the required ratio times the cost",
                "Beneficio total \
            menos la relación exigida por el costo",
            ),
        );
        figure(
            ui,
            lang.t("Minimum common impact", "Impacto mínimo común"),
            outcome
                .minimum_impact
                .map_or_else(|| "—".to_owned(), |d| impact_text(lang, d)),
            lang.t(
                "d = R·C / Σ w·N·V: the change every indicator must show for benefits to cover \
                the cost (note eq. 3)",
                "d = R·C / Σ w·N·V: \
                el cambio que cada indicador debe mostrar para que los beneficios cubran el \
                costo (nota, ec. 3)",
            ),
        );
        let errors = outcome.errors().count();
        let warnings = outcome.problems.len() - errors;
        ui.vertical(|ui| {
            ui.add(
                egui::Label::new(RichText::new(lang.t("Problems", "Problemas")).size(12.0))
                    .extend(),
            );
            let text = if warnings > 0 {
                tr!(
                    lang,
                    "{errors} ({warnings} warnings)",
                    "{errors} ({warnings} advertencias)"
                )
            } else {
                errors.to_string()
            };
            let mut rich = RichText::new(text).strong().size(16.0);
            if errors > 0 {
                rich = rich.color(verdict_color(ui, false));
            }
            if ui
                .button(rich)
                .on_hover_text(UiCommand::ShowProblems.tooltip(lang))
                .clicked()
            {
                actions.push(Action::Command(UiCommand::ShowProblems));
            }
        });
        ui.separator();
        let toggle = if *more {
            lang.t("Fewer figures", "Menos cifras")
        } else {
            lang.t("More figures", "Más cifras")
        };
        if ui
            .button(toggle)
            .on_hover_text(lang.t(
                "The cost, Σ N·V, the total benefit and the rows at a bound",
                "El costo, Σ N·V, el \
                beneficio total y las filas en un límite",
            ))
            .clicked()
        {
            *more = !*more;
        }
    });
    if !*more {
        return;
    }
    ui.horizontal(|ui| {
        figure(
            ui,
            lang.t("Total program cost C", "Costo total del programa C"),
            money(Some(program.total_cost)),
            lang.t(
                "Donor plus counterpart funding",
                "Financiamiento del donante más la contrapartida",
            ),
        );
        figure(
            ui,
            "Σ N·V",
            money(Some(outcome.weighted_benefit_per_unit)),
            lang.t(
                "Benefit of one full unit of change on every indicator (weighted)",
                "Beneficio de una unidad completa de cambio en cada indicador (ponderado)",
            ),
        );
        figure(
            ui,
            lang.t("Total benefit", "Beneficio total"),
            money(outcome.total_benefit),
            lang.t(
                "Σ impact × N × V over the rows that can be computed",
                "Σ impacto × N × V en las filas que se pueden calcular",
            ),
        );
        figure(
            ui,
            lang.t("Rows at a bound", "Filas en un límite"),
            outcome.rows_at_bound.to_string(),
            lang.t(
                "Indicators whose model target is held at the ceiling or floor",
                "Indicadores cuya meta del modelo se detiene en el techo o el piso",
            ),
        );
        if !outcome.excluded_rows.is_empty() {
            ui.add(
                egui::Label::new(
                    RichText::new(match outcome.excluded_rows.len() {
                        1 => lang
                            .t(
                                "1 row left out of d and benefits",
                                "1 fila excluida de d y de los beneficios",
                            )
                            .to_owned(),
                        n => tr!(
                            lang,
                            "{n} rows left out of d and benefits",
                            "{n} filas excluidas de d y de los beneficios"
                        ),
                    })
                    .color(verdict_color(ui, false)),
                )
                .extend(),
            );
        }
    });
}
