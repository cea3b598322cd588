//! The Charts tab: per indicator, baseline → counterfactual → bounded model target → final
//! target; and each indicator's share of the total benefit. Each chart has a one-line reading
//! in words under it, for the back of the room and for screen readers.

use crate::schema::{Column as _, TargetsColumn};
use egui::{Color32, RichText, Stroke, Ui};
use egui_plot::{Bar, BarChart, Corner, Legend, Plot};

use crate::document::Document;
use crate::i18n::Lang;
use crate::model::{Outcome, Project};
use crate::text::format_percent;
use crate::tr;

const SHARE_COLOR: Color32 = Color32::from_rgb(40, 110, 190);

/// The four levels of one row, in percent; `None` where the row is not computed.
fn levels(project: &Project, outcome: &Outcome, row: usize) -> Option<[f64; 4]> {
    let indicator = project.indicators.get(row)?;
    let computed = outcome.indicators.get(row)?;
    let targets = computed.targets?;
    Some([
        indicator.baseline,
        computed.counterfactual?,
        targets.bounded_target,
        targets.final_target,
    ])
}

/// The row (0-based) that carries the largest share of the total benefit, and the share.
pub fn largest_share(outcome: &Outcome) -> Option<(usize, f64)> {
    outcome
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(i, row)| Some((i, row.targets?.share_of_benefit?)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// The row whose final target asks the program for the largest change over its baseline.
fn largest_step(project: &Project, outcome: &Outcome) -> Option<(usize, f64)> {
    (0..project.indicators.len())
        .filter_map(|i| {
            let [baseline, _, _, target] = levels(project, outcome, i)?;
            Some((i, (target - baseline).abs()))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// "3 Minimum of four antenatal…": the row number and the start of its name, for an axis.
fn short_name(project: &Project, row: usize) -> String {
    let name = project.indicators.get(row).map_or("", |i| i.name.trim());
    let mut short: String = name.chars().take(28).collect();
    if name.chars().count() > 28 {
        short.push('…');
    }
    format!("{} {short}", row + 1)
}

/// Where row `row` of `rows` sits on an axis: left to right, or top to bottom when `top_down`.
fn position(row: usize, rows: usize, top_down: bool) -> f64 {
    if top_down {
        (rows - 1 - row) as f64
    } else {
        row as f64
    }
}

/// Row labels on an axis of one bar (or group of bars) per row.
fn row_axis(
    lang: Lang,
    project: &Project,
    top_down: bool,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + 'static {
    let rows = project.indicators.len();
    // Side by side, names would overlap: a row number only (the bars name the row on hover).
    let names: Vec<String> = (0..rows)
        .map(|i| {
            if top_down {
                short_name(project, i)
            } else {
                tr!(lang, "row {}", "fila {}", i + 1)
            }
        })
        .collect();
    move |mark, _| {
        let index = mark.value.round();
        if (mark.value - index).abs() < 1e-6 && index >= 0.0 && (index as usize) < rows {
            let row = if top_down {
                rows - 1 - index as usize
            } else {
                index as usize
            };
            names.get(row).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// The Charts tab.
pub fn charts_ui(ui: &mut Ui, lang: Lang, document: &Document) {
    let project = document.project();
    let outcome = document.outcome();
    let height = ((ui.available_height() - 120.0) / 2.0).max(220.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(
            RichText::new(lang.t("Targets by indicator", "Metas por indicador"))
                .strong()
                .size(18.0),
        );
        targets_chart(ui, lang, project, outcome, height);
        let step = largest_step(project, outcome).map_or_else(
            || {
                lang.t(
                    "No row is computed: see Problems.",
                    "No se calcula ninguna fila: vea Problemas.",
                )
                .to_owned()
            },
            |(row, step)| {
                tr!(
                    lang,
                    "Largest step from baseline to final target: row {}, {:.1} points.",
                    "Mayor paso de la línea de base a la meta final: fila {}, {:.1} puntos.",
                    row + 1,
                    step * 100.0
                )
            },
        );
        ui.label(step);
        ui.add_space(12.0);
        ui.label(
            RichText::new(lang.t("Share of the total benefit", "Parte del beneficio total"))
                .strong()
                .size(18.0),
        );
        share_chart(ui, lang, project, outcome, height);
        let share = largest_share(outcome).map_or_else(
            || {
                lang.t(
                    "The total benefit is not positive: no shares to show.",
                    "El beneficio total no es positivo: no hay partes que mostrar.",
                )
                .to_owned()
            },
            |(row, share)| {
                tr!(
                    lang,
                    "Largest share of the benefit: row {}, {}.",
                    "Mayor parte del beneficio: fila {}, {}.",
                    row + 1,
                    format_percent(share, 1)
                )
            },
        );
        ui.label(share);
    });
}

fn targets_chart(ui: &mut Ui, lang: Lang, project: &Project, outcome: &Outcome, height: f32) {
    let series_names: [(&str, Color32); 4] = [
        (
            TargetsColumn::Baseline.title().get(lang),
            Color32::from_rgb(150, 150, 150),
        ),
        (
            TargetsColumn::Counterfactual.title().get(lang),
            Color32::from_rgb(120, 170, 220),
        ),
        (
            lang.t("Model target (bounded)", "Meta del modelo (acotada)"),
            Color32::from_rgb(40, 110, 190),
        ),
        (
            TargetsColumn::FinalTarget.title().get(lang),
            Color32::from_rgb(230, 140, 40),
        ),
    ];
    let mut series: [Vec<Bar>; 4] = Default::default();
    for row in 0..project.indicators.len() {
        let Some(values) = levels(project, outcome, row) else {
            continue;
        };
        for (k, value) in values.into_iter().enumerate() {
            let x = row as f64 + (k as f64 - 1.5) * 0.2;
            let color = series_names[k].1;
            series[k].push(
                Bar::new(x, value * 100.0)
                    .width(0.18)
                    .fill(color)
                    .stroke(Stroke::new(1.0, color))
                    .name(format!(
                        "{}\n{}: {}",
                        short_name(project, row),
                        series_names[k].0,
                        format_percent(value, 1)
                    )),
            );
        }
    }
    Plot::new("targets-chart")
        .height(height)
        // In the headroom above 100 %, where no bar reaches.
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        // Headroom above 100 % for the legend.
        .include_y(125.0)
        .y_axis_label(lang.t("level (%)", "nivel (%)"))
        .x_axis_formatter(row_axis(lang, project, false))
        .show(ui, |plot| {
            for (bars, (name, color)) in series.into_iter().zip(series_names) {
                plot.bar_chart(BarChart::new(name, bars).color(color));
            }
        });
}

fn share_chart(ui: &mut Ui, lang: Lang, project: &Project, outcome: &Outcome, height: f32) {
    let rows = project.indicators.len();
    let bars: Vec<Bar> = outcome
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(row, computed)| {
            let share = computed.targets?.share_of_benefit?;
            Some(
                Bar::new(position(row, rows, true), share * 100.0)
                    .width(0.6)
                    .fill(SHARE_COLOR)
                    .stroke(Stroke::new(1.0, SHARE_COLOR))
                    .name(format!(
                        "{}: {}",
                        short_name(project, row),
                        format_percent(share, 1)
                    )),
            )
        })
        .collect();
    Plot::new("share-chart")
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_x(0.0)
        .x_axis_label(lang.t(
            "share of the total benefit (%)",
            "parte del beneficio total (%)",
        ))
        .y_axis_formatter(row_axis(lang, project, true))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new(lang.t("share of benefit", "parte del beneficio"), bars)
                    .horizontal()
                    .color(SHARE_COLOR),
            );
        });
}
