//! The Sensitivity tab: editable low/high ranges, d and every bounded target at each, a
//! tornado chart of d, and "what if" sliders that change nothing until applied.

use crate::schema::{Column as _, TargetsColumn};
use egui::{Align, Color32, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Plot, VLine};

use super::Action;
use super::cells::{CellBuffers, NumberKind, computed_cell, number_cell};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::sensitivity::{RangeUnit, scenario};
use crate::model::{
    Field, Location, Parameter, Program, SensitivityRanges, SensitivityRow, sensitivity,
};
use crate::present;
use crate::text::{format_amount, format_number, format_percent};
use crate::tr;
use strum::IntoEnumIterator;

/// What the tab keeps between frames.
#[derive(Debug, Default)]
pub struct SensitivityState {
    /// The analysis, and the document revision it was computed for.
    cache: Option<(u64, Vec<SensitivityRow>)>,
    /// The what-if program, and the revision it started from.
    what_if: Option<(u64, Program)>,
}

fn show_value(parameter: Parameter, value: f64) -> String {
    if parameter.is_percent() {
        format_percent(value, 1)
    } else if parameter == Parameter::Cost || parameter == Parameter::Gni {
        format_amount(value)
    } else {
        format_number(value)
    }
}

fn short(parameter: Parameter) -> &'static str {
    match parameter {
        Parameter::DiscountRate => "r",
        Parameter::Horizon => "H",
        Parameter::DalyMultiple => "k",
        Parameter::ProgramYears => "L",
        Parameter::Cost => "C",
        Parameter::Gni => "G",
        Parameter::DefaultAnnualChange => "a₀",
    }
}

/// The Sensitivity tab.
pub fn sensitivity_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    state: &mut SensitivityState,
    actions: &mut Vec<Action>,
) {
    let revision = document.revision();
    if state.cache.as_ref().is_none_or(|(r, _)| *r != revision) {
        state.cache = Some((revision, sensitivity(document.project())));
    }
    let rows = state
        .cache
        .as_ref()
        .map(|(_, rows)| rows.clone())
        .unwrap_or_default();
    egui::ScrollArea::vertical()
        .id_salt("sensitivity-v")
        .show(ui, |ui| {
            ui.columns(2, |columns| {
                columns[0].heading(lang.t("Ranges", "Rangos"));
                ranges_ui(&mut columns[0], lang, document, buffers, actions);
                columns[1].heading(lang.t(
                    "Tornado: d at the low and high value of each parameter",
                    "Tornado: d con el valor bajo y alto de cada parámetro",
                ));
                tornado_ui(&mut columns[1], lang, document, &rows);
            });
            ui.separator();
            ui.heading(lang.t(
                "d and every bounded target at each parameter's low and high value",
                "d y cada meta acotada con el valor bajo y alto de cada parámetro",
            ));
            ui.label(lang.t(
                "Recomputed with one parameter changed at a time; the other inputs as in \
            the project.",
                "Recalculado cambiando un parámetro a la vez; los demás datos como en el proyecto.",
            ));
            egui::ScrollArea::horizontal()
                .id_salt("sensitivity-h")
                .show(ui, |ui| results_table(ui, lang, document, &rows));
            ui.separator();
            what_if_ui(ui, lang, document, state, actions);
        });
}

fn ranges_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    let program = &document.project().program;
    egui::Grid::new("ranges")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for title in [
                lang.t("Parameter", "Parámetro"),
                lang.t("Low", "Bajo"),
                lang.t("High", "Alto"),
                lang.t("Tried", "Probado"),
                "",
            ] {
                ui.strong(title);
            }
            ui.end_row();
            for (index, parameter) in Parameter::iter().enumerate() {
                ui.label(present::parameter(parameter, lang));
                let (low, high) = program.sensitivity.range(parameter);
                let unit = SensitivityRanges::unit(parameter);
                let kind = if parameter.is_percent() {
                    NumberKind::Percent
                } else {
                    NumberKind::Plain
                };
                for (side, value) in [(0, low), (1, high)] {
                    let key = (Location::Program, Field::SensitivityRange(index * 2 + side));
                    let name = format!(
                        "{} {}",
                        present::parameter(parameter, lang),
                        if side == 0 {
                            lang.t("low", "bajo")
                        } else {
                            lang.t("high", "alto")
                        }
                    );
                    ui.scope(|ui| {
                        ui.set_width(70.0);
                        if let Some(Some(typed)) =
                            number_cell(ui, buffers, key, Some(value), kind, false, "", &name, None)
                        {
                            let mut changed = program.clone();
                            let range = changed.sensitivity.range_mut(parameter);
                            if side == 0 {
                                range.0 = typed;
                            } else {
                                range.1 = typed;
                            }
                            actions.push(Action::CellEdit {
                                cell: key,
                                edit: Edit::Program(changed),
                            });
                        }
                    });
                }
                let (a, b) = program.sensitivity.values(parameter, program);
                ui.label(tr!(
                    lang,
                    "{} to {}",
                    "{} a {}",
                    show_value(parameter, a),
                    show_value(parameter, b)
                ));
                ui.label(
                    RichText::new(match unit {
                        RangeUnit::Value => "",
                        RangeUnit::YearsAdded => lang.t("years added to L", "años sumados a L"),
                        RangeUnit::Factor => {
                            lang.t("× the project's value", "× el valor del proyecto")
                        }
                    })
                    .weak(),
                );
                ui.end_row();
            }
        });
}

fn tornado_ui(ui: &mut Ui, lang: Lang, document: &Document, rows: &[SensitivityRow]) {
    let Some(base) = document.outcome().minimum_impact else {
        ui.label(lang.t(
            "d cannot be computed: see Problems.",
            "d no se puede calcular: vea Problemas.",
        ));
        return;
    };
    let mut ordered: Vec<&SensitivityRow> = rows.iter().collect();
    ordered.sort_by(|a, b| a.swing().total_cmp(&b.swing()));
    let labels: Vec<String> = ordered
        .iter()
        .map(|r| present::parameter(r.parameter, lang).to_owned())
        .collect();
    // One bar from the project's d to the d at one end of a parameter's range.
    let bar = |y: usize, row: &SensitivityRow, end: &str, d: f64| {
        Bar::new(y as f64, (d - base) * 100.0)
            .base_offset(base * 100.0)
            .name(tr!(
                lang,
                "{} {end}: d = {:.2} points",
                "{} {end}: d = {:.2} puntos",
                present::parameter(row.parameter, lang),
                d * 100.0
            ))
    };
    let mut low_bars = Vec::new();
    let mut high_bars = Vec::new();
    for (y, row) in ordered.iter().enumerate() {
        if let Some(d) = row.low.minimum_impact {
            low_bars.push(bar(y, row, lang.t("low", "bajo"), d));
        }
        if let Some(d) = row.high.minimum_impact {
            high_bars.push(bar(y, row, lang.t("high", "alto"), d));
        }
    }
    Plot::new("tornado")
        .height(260.0)
        .legend(Legend::default().follow_insertion_order(true))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_label(lang.t("d (percentage points)", "d (puntos porcentuales)"))
        .y_axis_formatter(move |mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                labels.get(index as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new(lang.t("low value", "valor bajo"), low_bars)
                    .horizontal()
                    .color(Color32::from_rgb(70, 130, 210))
                    .width(0.6),
            );
            plot.bar_chart(
                BarChart::new(lang.t("high value", "valor alto"), high_bars)
                    .horizontal()
                    .color(Color32::from_rgb(230, 140, 40))
                    .width(0.6),
            );
            plot.vline(
                VLine::new(
                    tr!(
                        lang,
                        "project d = {:.2}",
                        "d del proyecto = {:.2}",
                        base * 100.0
                    ),
                    base * 100.0,
                )
                .color(Color32::GRAY),
            );
        });
}

fn results_table(ui: &mut Ui, lang: Lang, document: &Document, rows: &[SensitivityRow]) {
    let project = document.project();
    let outcome = document.outcome();
    let percent = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format_percent(v, 1));
    TableBuilder::new(ui)
        .id_salt("sensitivity-results")
        .striped(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::initial(250.0).clip(true))
        .column(Column::initial(64.0))
        .columns(Column::initial(66.0), rows.len() * 2)
        .header(40.0, |mut header| {
            header.col(|ui| {
                ui.strong(TargetsColumn::Indicator.title().get(lang));
            });
            header.col(|ui| {
                ui.strong(lang.t("Project", "Proyecto"));
            });
            for row in rows {
                for scenario in [&row.low, &row.high] {
                    header.col(|ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!(
                                    "{} = {}",
                                    short(row.parameter),
                                    show_value(row.parameter, scenario.value)
                                ))
                                .strong(),
                            )
                            .wrap(),
                        )
                        .on_hover_text(present::parameter(row.parameter, lang));
                    });
                }
            }
        })
        .body(|body| {
            body.rows(26.0, project.indicators.len() + 1, |mut table_row| {
                let i = table_row.index();
                if i == 0 {
                    table_row.col(|ui| {
                        ui.strong(TargetsColumn::MinimumImpact.title().get(lang));
                    });
                    table_row.col(|ui| {
                        computed_cell(
                            ui,
                            RichText::new(percent(outcome.minimum_impact)).strong(),
                            None,
                        )
                    });
                    for row in rows {
                        for scenario in [&row.low, &row.high] {
                            table_row.col(|ui| {
                                computed_cell(
                                    ui,
                                    RichText::new(percent(scenario.minimum_impact)).strong(),
                                    None,
                                )
                            });
                        }
                    }
                    return;
                }
                let k = i - 1;
                table_row.col(|ui| {
                    ui.label(&project.indicators[k].name);
                });
                table_row.col(|ui| {
                    computed_cell(
                        ui,
                        percent(outcome.indicators[k].targets.map(|t| t.bounded_target)),
                        None,
                    )
                });
                for row in rows {
                    for scenario in [&row.low, &row.high] {
                        table_row.col(|ui| {
                            computed_cell(
                                ui,
                                percent(scenario.bounded_targets.get(k).copied().flatten()),
                                None,
                            )
                        });
                    }
                }
            });
        });
}

fn what_if_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    state: &mut SensitivityState,
    actions: &mut Vec<Action>,
) {
    let program = &document.project().program;
    let revision = document.revision();
    if state
        .what_if
        .as_ref()
        .is_none_or(|(base, _)| *base != revision)
    {
        state.what_if = Some((revision, program.clone()));
    }
    let Some((_, what_if)) = state.what_if.as_mut() else {
        return;
    };
    ui.heading(lang.t("What if", "Qué pasaría si"));
    ui.label(lang.t(
        "Move a slider to see the effect at once; the project changes only when you apply.",
        "Mueva un control para ver el efecto al instante; el proyecto cambia solo cuando aplica.",
    ));
    let before = *what_if == *program;
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::Slider::new(&mut what_if.discount_rate, 0.0..=0.3)
                .text(lang.t(
                    "Discount rate r, what if",
                    "Tasa de descuento r, simulación",
                ))
                .custom_formatter(|v, _| format_percent(v, 1)),
        );
        let mut horizon = f64::from(what_if.horizon_years);
        ui.add(
            egui::Slider::new(&mut horizon, 1.0..=50.0)
                .step_by(1.0)
                .text(lang.t(
                    "Horizon H (years), what if",
                    "Horizonte H (años), simulación",
                )),
        );
        what_if.horizon_years = horizon as u32;
        ui.add(
            egui::Slider::new(&mut what_if.daly_multiple, 0.5..=5.0).text(lang.t(
                "Value of a DALY k (× GNI), what if",
                "Valor de un AVAD k (× INB), simulación",
            )),
        );
        ui.add(
            egui::Slider::new(&mut what_if.program_years, 0.5..=10.0).text(lang.t(
                "Program length L (years), what if",
                "Duración del programa L (años), simulación",
            )),
        );
        let cost = program.total_cost.max(1.0);
        ui.add(
            egui::Slider::new(&mut what_if.total_cost, cost * 0.5..=cost * 1.5)
                .text(lang.t("Total cost C, what if", "Costo total C, simulación"))
                .custom_formatter(|v, _| format_amount(v)),
        );
        let gni = program.gni_per_capita.max(1.0);
        ui.add(
            egui::Slider::new(&mut what_if.gni_per_capita, gni * 0.5..=gni * 1.5)
                .text(lang.t("GNI per capita G, what if", "INB per cápita G, simulación"))
                .custom_formatter(|v, _| format_amount(v)),
        );
        ui.add(
            egui::Slider::new(&mut what_if.default_annual_change, -0.05..=0.05)
                .text(lang.t(
                    "Default annual change a₀, what if",
                    "Cambio anual por defecto a₀, simulación",
                ))
                .custom_formatter(|v, _| format_percent(v, 1)),
        );
    });
    let preview = scenario(document.project(), what_if.clone(), 0.0);
    let outcome = document.outcome();
    let show = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or_else(|| "—".to_owned(), f);
    ui.horizontal(|ui| {
        ui.label(tr!(
            lang,
            "d: {} now, {} with these values",
            "d: {} ahora, {} con estos valores",
            show(outcome.minimum_impact, &|d| tr!(
                lang,
                "{:.2} points",
                "{:.2} puntos",
                d * 100.0
            )),
            show(preview.minimum_impact, &|d| tr!(
                lang,
                "{:.2} points",
                "{:.2} puntos",
                d * 100.0
            ))
        ));
        ui.separator();
        ui.label(tr!(
            lang,
            "Benefit-cost ratio: {} now, {} with these values",
            "Relación beneficio-costo: {} ahora, {} con estos valores",
            show(outcome.benefit_cost_ratio, &|r| format!("{r:.2}")),
            show(preview.benefit_cost_ratio, &|r| format!("{r:.2}"))
        ));
    });
    ui.horizontal(|ui| {
        let changed = !before;
        if ui
            .add_enabled(
                changed,
                egui::Button::new(lang.t(
                    "Apply what-if values to the project",
                    "Aplicar los valores simulados al proyecto",
                )),
            )
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::Program(what_if.clone()),
                deed: Deed::ApplyWhatIf,
            });
        }
        if ui
            .add_enabled(
                changed,
                egui::Button::new(lang.t(
                    "Back to the project's values",
                    "Volver a los valores del proyecto",
                )),
            )
            .clicked()
        {
            *what_if = program.clone();
        }
    });
}
