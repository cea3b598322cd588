//! The Scenarios tab: save the negotiated targets under a name, compare scenarios side by side
//! (targets, d, benefit-cost ratio, differences highlighted) and restore one as one undo step.

use crate::schema::{Column as _, TargetsColumn};
use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::Action;
use super::cells::{bound_color, computed_cell, dash};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::{Outcome, compute};
use crate::text::format_percent;
use crate::tr;

/// What the tab keeps between frames.
#[derive(Debug, Default)]
pub struct ScenariosState {
    /// The name typed for the next scenario.
    pub name: String,
    /// Each scenario computed, for one revision of the document.
    cache: Option<(u64, Vec<Outcome>)>,
}

/// The Scenarios tab.
pub fn scenarios_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    state: &mut ScenariosState,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    ui.horizontal(|ui| {
        let label = ui.label(lang.t("Scenario name", "Nombre del escenario"));
        ui.add(
            egui::TextEdit::singleline(&mut state.name)
                .hint_text(lang.t("e.g. government proposal", "p. ej. propuesta del gobierno"))
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        let name = state.name.trim().to_owned();
        if ui
            .add_enabled(
                !name.is_empty(),
                egui::Button::new(lang.t(
                    "Save current targets as a scenario",
                    "Guardar las metas \
                    actuales como escenario",
                )),
            )
            .on_hover_text(lang.t(
                "Keep the negotiated targets and locks as they are now under this name",
                "Conservar las metas \
                negociadas y las filas fijadas tal como están, con este nombre",
            ))
            .clicked()
        {
            actions.push(Action::SaveScenario(name));
            state.name.clear();
        }
    });
    if project.scenarios.is_empty() {
        ui.label(lang.t(
            "No scenarios yet. Save the targets of each proposal to compare them here.",
            "Aún no hay escenarios. Guarde las metas de cada propuesta para compararlas aquí.",
        ));
        return;
    }
    if state
        .cache
        .as_ref()
        .is_none_or(|(revision, _)| *revision != document.revision())
    {
        let outcomes = project
            .scenarios
            .iter()
            .map(|s| compute(&s.applied_to(project)))
            .collect();
        state.cache = Some((document.revision(), outcomes));
    }
    let outcomes = state
        .cache
        .as_ref()
        .map(|(_, o)| o.clone())
        .unwrap_or_default();
    let current = document.outcome();
    ui.label(
        RichText::new(lang.t(
            "Final targets; a target that differs from the current one is highlighted.",
            "Metas finales; se resalta una meta que difiere de la actual.",
        ))
        .weak(),
    );
    egui::ScrollArea::horizontal()
        .id_salt("scenarios-h")
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("scenarios")
                .striped(true)
                .cell_layout(Layout::left_to_right(Align::Center))
                .column(Column::initial(300.0).clip(true))
                .column(Column::initial(110.0))
                .columns(Column::initial(170.0), project.scenarios.len())
                .header(56.0, |mut header| {
                    header.col(|ui| {
                        ui.strong(TargetsColumn::Indicator.title().get(lang));
                    });
                    header.col(|ui| {
                        ui.strong(lang.t("Current", "Actual"));
                    });
                    for (k, scenario) in project.scenarios.iter().enumerate() {
                        header.col(|ui| {
                            ui.vertical(|ui| {
                                ui.strong(&scenario.name);
                                ui.horizontal(|ui| {
                                    if ui
                                        .small_button(lang.t("Restore", "Restaurar"))
                                        .accessible_name(tr!(
                                            lang,
                                            "Restore scenario {}",
                                            "Restaurar escenario {}",
                                            scenario.name
                                        ))
                                        .on_hover_text(lang.t(
                                            "Put this scenario's targets and locks \
                                        back (one undo step)",
                                            "Volver a poner las \
                                        metas y filas fijadas de este escenario (un paso de \
                                        deshacer)",
                                        ))
                                        .clicked()
                                    {
                                        actions.push(Action::RestoreScenario(k));
                                    }
                                    if ui
                                        .small_button(lang.t("Delete", "Borrar"))
                                        .accessible_name(tr!(
                                            lang,
                                            "Delete scenario {}",
                                            "Borrar escenario {}",
                                            scenario.name
                                        ))
                                        .clicked()
                                    {
                                        let mut scenarios = project.scenarios.clone();
                                        scenarios.remove(k);
                                        actions.push(Action::Edit {
                                            edit: Edit::Scenarios(scenarios),
                                            deed: Deed::DeleteScenario {
                                                name: scenario.name.clone(),
                                            },
                                        });
                                    }
                                });
                            });
                        });
                    }
                })
                .body(|body| {
                    let rows = project.indicators.len() + 2;
                    body.rows(26.0, rows, |mut row| {
                        let i = row.index();
                        let pick = |o: &Outcome| -> (String, Option<f64>) {
                            match i {
                                0 => (
                                    TargetsColumn::MinimumImpact.title().get(lang).to_owned(),
                                    o.minimum_impact,
                                ),
                                1 => (
                                    lang.t("Benefit-cost ratio", "Relación beneficio-costo")
                                        .to_owned(),
                                    o.benefit_cost_ratio,
                                ),
                                _ => {
                                    let k = i - 2;
                                    (
                                        project.indicators[k].name.clone(),
                                        o.indicators
                                            .get(k)
                                            .and_then(|r| r.targets)
                                            .map(|t| t.final_target),
                                    )
                                }
                            }
                        };
                        let show = |v: Option<f64>| match (i, v) {
                            (1, Some(r)) => format!("{r:.2}"),
                            (_, Some(v)) => format_percent(v, 1),
                            (_, None) => dash(),
                        };
                        let (name, now) = pick(current);
                        row.col(|ui| {
                            if i < 2 {
                                ui.strong(name);
                            } else {
                                ui.label(name);
                            }
                        });
                        row.col(|ui| computed_cell(ui, RichText::new(show(now)).strong(), None));
                        for outcome in &outcomes {
                            let (_, value) = pick(outcome);
                            row.col(|ui| {
                                let differs = match (now, value) {
                                    (Some(a), Some(b)) => (a - b).abs() > 1e-12,
                                    (a, b) => a.is_some() != b.is_some(),
                                };
                                let text = RichText::new(show(value));
                                let text = if differs {
                                    text.color(bound_color(ui)).strong()
                                } else {
                                    text
                                };
                                computed_cell(ui, text, None);
                            });
                        }
                    });
                });
        });
}
