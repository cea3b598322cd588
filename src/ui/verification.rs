//! The Verification tab: survey inputs per indicator, the sample each final target needs, the
//! minimum detectable target with the planned sample, and the survey budget.

use crate::schema::labels;
use egui::{Align, ComboBox, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::Action;
use super::cells::{
    CellBuffers, NumberKind, bound_color, computed_cell, computed_text, error_fill, header_cells,
    number_cell, schema_titles,
};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::{Field, Indicator, Location, Program, RowVerification, TestKind, verification};
use crate::present::verification::{cannot_verify, test, test_short};
use crate::schema::{Column as _, VerificationColumn as V};
use crate::text::{format_amount, format_percent};
use crate::tr;

/// The grid's columns, after the row number.
const COLUMNS: [V; 14] = [
    V::Indicator,
    V::PlannedN,
    V::ClusterSize,
    V::Icc,
    V::Deff,
    V::Alpha,
    V::Power,
    V::Test,
    V::DeffUsed,
    V::RequiredN,
    V::DetectableTarget,
    V::MinimumAcceptable,
    V::Verdict,
    V::Budget,
];

fn edit(row: usize, indicator: &Indicator, change: impl FnOnce(&mut Indicator)) -> Edit {
    let mut value = indicator.clone();
    change(&mut value);
    Edit::Indicator { row, value }
}

/// What the tab keeps between frames: the verification of every row, for one revision of the
/// document (each row solves for its detectable target).
#[derive(Debug, Default)]
pub struct VerificationState {
    cache: Option<(u64, Vec<Option<RowVerification>>)>,
}

/// The Verification tab.
pub fn verification_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    state: &mut VerificationState,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    let outcome = document.outcome();
    if state
        .cache
        .as_ref()
        .is_none_or(|(revision, _)| *revision != document.revision())
    {
        state.cache = Some((document.revision(), verification(project, outcome)));
    }
    let rows = state
        .cache
        .as_ref()
        .map(|(_, rows)| rows.clone())
        .unwrap_or_default();
    ui.horizontal(|ui| {
        ui.label(lang.t(
            "Survey budget (respondents per round)",
            "Presupuesto de la encuesta (encuestados por ronda)",
        ))
        .on_hover_text(lang.t(
            "Leave empty when there is no budget in respondents",
            "Deje vacío si no hay presupuesto en encuestados",
        ));
        let key = (Location::Program, Field::SurveyBudget);
        ui.scope(|ui| {
            ui.set_width(110.0);
            let problem = outcome.problem_at(Location::Program, Field::SurveyBudget);
            if let Some(typed) = number_cell(
                ui,
                buffers,
                key,
                project.program.survey_budget,
                NumberKind::Count,
                true,
                lang.t("none", "ninguno"),
                labels::SURVEY_BUDGET.get(lang),
                problem,
            ) {
                actions.push(Action::CellEdit {
                    cell: key,
                    edit: Edit::Program(Program {
                        survey_budget: typed,
                        ..project.program.clone()
                    }),
                });
            }
        });
        let needed: f64 = rows
            .iter()
            .flatten()
            .filter_map(|r| r.required_sample_size)
            .sum();
        ui.label(tr!(
            lang,
            "The final targets need {} respondents in all.",
            "Las metas finales necesitan {} encuestados en total.",
            format_amount(needed)
        ));
        if let Some(budget) = project.program.survey_budget {
            let over = rows
                .iter()
                .flatten()
                .filter(|r| r.fits_budget == Some(false))
                .count();
            let text = if over == 0 {
                RichText::new(tr!(
                    lang,
                    "All fit within {}.",
                    "Todas caben en {}.",
                    format_amount(budget)
                ))
            } else {
                RichText::new(tr!(
                    lang,
                    "{over} indicators do not fit within {}.",
                    "{over} indicadores no caben en {}.",
                    format_amount(budget)
                ))
                .color(error_fill(ui))
                .strong()
            };
            ui.label(text);
        }
    });
    ui.label(
        RichText::new(lang.t(
            "Sample sizes: α two-sided, pooled variance, no continuity \
        correction (as R's power.prop.test); the test used is shown in each row.",
            "Tamaños de muestra: \
        α bilateral, varianza combinada, sin corrección por continuidad (como power.prop.test de \
        R); la prueba usada se muestra en cada fila.",
        ))
        .weak(),
    );
    egui::ScrollArea::horizontal()
        .id_salt("verification-h")
        .show(ui, |ui| table(ui, lang, document, &rows, buffers, actions));
}

fn verdict(lang: Lang, row: &RowVerification) -> (String, bool) {
    if row.cannot_be_verified {
        (cannot_verify(lang).to_owned(), false)
    } else {
        match row.verifiable {
            Some(true) => (
                lang.t(
                    "verifiable with the planned sample",
                    "verificable con la muestra planificada",
                )
                .to_owned(),
                true,
            ),
            Some(false) => (
                lang.t(
                    "the planned sample is too small for the final target",
                    "la muestra planificada es muy pequeña para la meta final",
                )
                .to_owned(),
                false,
            ),
            None => (
                lang.t("no planned sample", "sin muestra planificada")
                    .to_owned(),
                true,
            ),
        }
    }
}

fn table(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    rows: &[Option<RowVerification>],
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    let outcome = document.outcome();
    ui.spacing_mut().item_spacing.x = 4.0;
    let titles = schema_titles(lang, &COLUMNS, None);
    // No column narrower than the longest word of its title: titles wrap between words.
    let least: Vec<f32> = titles
        .iter()
        .map(|(title, _)| super::cells::longest_word_width(ui, title))
        .collect();
    let width = |k: usize, initial: f32| Column::initial(initial.max(least[k])).at_least(least[k]);
    let mut builder = TableBuilder::new(ui)
        .id_salt("verification")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(24.0))
        .column(Column::initial(230.0).clip(true));
    for k in 2..8 {
        builder = builder.column(width(k, 64.0).clip(true));
    }
    builder
        .column(width(8, 130.0))
        .column(width(9, 52.0))
        .column(width(10, 78.0))
        .column(width(11, 90.0))
        .column(width(12, 90.0))
        .column(width(13, 280.0).clip(true))
        .column(width(14, 92.0))
        .header(40.0, |mut header| header_cells(&mut header, &titles))
        .body(|body| {
            body.rows(ui_row_height(), project.indicators.len(), |mut row| {
                let i = row.index();
                let n = i + 1;
                let indicator = &project.indicators[i];
                let design = &indicator.survey;
                let at = Location::Indicator(i);
                let result = rows.get(i).cloned().flatten();
                row.col(|ui| {
                    ui.label(n.to_string());
                });
                row.col(|ui| {
                    ui.label(&indicator.name).on_hover_text(&indicator.name);
                });
                let mut cell =
                    |ui: &mut Ui,
                     field: Field,
                     value: Option<f64>,
                     kind: NumberKind,
                     optional: bool,
                     column: V,
                     set: &dyn Fn(&mut Indicator, Option<f64>)| {
                        let key = (at, field);
                        if let Some(typed) = number_cell(
                            ui,
                            buffers,
                            key,
                            value,
                            kind,
                            optional,
                            if optional { "—" } else { "" },
                            &column.cell_name(i, lang),
                            outcome.problem_at(at, field),
                        ) {
                            if !optional && typed.is_none() {
                                return;
                            }
                            actions.push(Action::CellEdit {
                                cell: key,
                                edit: edit(i, indicator, |v| set(v, typed)),
                            });
                        }
                    };
                row.col(|ui| {
                    cell(
                        ui,
                        Field::PlannedSample,
                        design.planned_n,
                        NumberKind::Count,
                        true,
                        V::PlannedN,
                        &|v, x| v.survey.planned_n = x,
                    )
                });
                row.col(|ui| {
                    cell(
                        ui,
                        Field::ClusterSize,
                        Some(design.cluster_size),
                        NumberKind::Plain,
                        false,
                        V::ClusterSize,
                        &|v, x| v.survey.cluster_size = x.unwrap_or(1.0),
                    )
                });
                row.col(|ui| {
                    cell(
                        ui,
                        Field::Icc,
                        Some(design.icc),
                        NumberKind::Plain,
                        false,
                        V::Icc,
                        &|v, x| v.survey.icc = x.unwrap_or(0.0),
                    )
                });
                row.col(|ui| {
                    cell(
                        ui,
                        Field::DesignEffect,
                        design.deff,
                        NumberKind::Plain,
                        true,
                        V::Deff,
                        &|v, x| v.survey.deff = x,
                    )
                });
                row.col(|ui| {
                    cell(
                        ui,
                        Field::Alpha,
                        Some(design.alpha),
                        NumberKind::Percent,
                        false,
                        V::Alpha,
                        &|v, x| v.survey.alpha = x.unwrap_or(0.05),
                    )
                });
                row.col(|ui| {
                    cell(
                        ui,
                        Field::Power,
                        Some(design.power),
                        NumberKind::Percent,
                        false,
                        V::Power,
                        &|v, x| v.survey.power = x.unwrap_or(0.9),
                    )
                });
                row.col(|ui| {
                    let mut test = design.test;
                    ComboBox::from_id_salt(("test", i))
                        .selected_text(test_short(test, lang))
                        .width(ui.available_width())
                        .show_ui(ui, |ui| {
                            for kind in [TestKind::TwoProportions, TestKind::OneSample] {
                                ui.selectable_value(&mut test, kind, self::test(kind, lang));
                            }
                        })
                        .response
                        .accessible_name(V::Test.cell_name(i, lang));
                    if test != design.test {
                        actions.push(Action::Edit {
                            edit: edit(i, indicator, |v| v.survey.test = test),
                            deed: Deed::Edit {
                                at: Location::Indicator(i),
                                field: Field::Test,
                            },
                        });
                    }
                });
                let Some(result) = result else {
                    for _ in 0..6 {
                        row.col(|ui| {
                            computed_cell(
                                ui,
                                "—",
                                Some(lang.t(
                                    "Not computed: see Problems",
                                    "No calculado: vea Problemas",
                                )),
                            )
                        });
                    }
                    return;
                };
                let percent =
                    |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format_percent(v, 1));
                row.col(|ui| computed_cell(ui, format!("{:.2}", result.design_effect), None));
                row.col(|ui| {
                    let text = result
                        .required_sample_size
                        .map_or_else(|| "—".to_owned(), |n| format!("{}", n.ceil()));
                    let hover = tr!(
                        lang,
                        "{} test; unrounded {}",
                        "prueba {}; sin redondear {}",
                        test_short(result.test, lang),
                        result
                            .required_sample_size
                            .map_or_else(|| "—".to_owned(), |n| format!("{n:.4}"))
                    );
                    computed_cell(ui, text, Some(&hover));
                });
                row.col(|ui| computed_cell(ui, percent(result.minimum_detectable_target), None));
                row.col(|ui| computed_cell(ui, percent(result.minimum_acceptable_target), None));
                row.col(|ui| {
                    let (text, good) = verdict(lang, &result);
                    let rich = if good {
                        RichText::new(text)
                    } else {
                        RichText::new(text).color(bound_color(ui)).strong()
                    };
                    computed_text(ui, rich);
                });
                row.col(|ui| {
                    let text = match result.fits_budget {
                        Some(true) => lang.t("fits", "cabe"),
                        Some(false) => lang.t("does not fit", "no cabe"),
                        None => "—",
                    };
                    computed_cell(ui, text, None);
                });
            });
        });
}

fn ui_row_height() -> f32 {
    30.0
}
