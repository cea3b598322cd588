//! The Rounds tab: measurement rounds, rules 1 and 2 per indicator with the reason when not
//! met, the weighted share met and the performance tranche; a chart per indicator.

use crate::schema::labels;
use egui::{Align, ComboBox, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{HLine, Legend, Line, MarkerShape, Plot, Points};

use super::Action;
use super::cells::{
    CellBuffers, NumberKind, bound_color, computed_cell, computed_text, header_cells, number_cell,
    schema_titles, text_cell,
};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::{
    Field, Indicator, Location, Measurement, Program, Round, RoundOutcome, Spread, TrancheRule,
    evaluate_round,
};
use crate::schema::{Column as _, RoundColumn, RoundsColumn};
use crate::text::{format_amount, format_percent};
use crate::tr;

/// What the tab keeps between frames.
#[derive(Debug, Default)]
pub struct RoundsState {
    pub selected_round: usize,
    pub chart_row: usize,
    /// Every round evaluated, for one revision of the document.
    cache: Option<(u64, Vec<RoundOutcome>)>,
}

impl RoundsState {
    fn evaluated(&mut self, document: &Document) -> Vec<RoundOutcome> {
        if self
            .cache
            .as_ref()
            .is_none_or(|(revision, _)| *revision != document.revision())
        {
            let project = document.project();
            let rounds = (0..project.rounds.len())
                .map(|k| evaluate_round(project, document.outcome(), k))
                .collect();
            self.cache = Some((document.revision(), rounds));
        }
        self.cache
            .as_ref()
            .map(|(_, rounds)| rounds.clone())
            .unwrap_or_default()
    }
}

fn indicator_edit(row: usize, indicator: &Indicator, change: impl FnOnce(&mut Indicator)) -> Edit {
    let mut value = indicator.clone();
    change(&mut value);
    Edit::Indicator { row, value }
}

/// The Rounds tab.
pub fn rounds_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    state: &mut RoundsState,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    egui::ScrollArea::vertical()
        .id_salt("rounds-v")
        .show(ui, |ui| {
            tranche_ui(ui, lang, document, buffers, actions);
            ui.separator();
            ui.horizontal(|ui| {
                ui.heading(lang.t("Measurement rounds", "Rondas de medición"));
                if ui
                    .button(lang.t("Add round", "Agregar ronda"))
                    .on_hover_text(lang.t(
                        "Add a measurement \
                round (e.g. 18, 24 or 36 months)",
                        "Agregar una ronda \
                de medición (p. ej. 18, 24 o 36 meses)",
                    ))
                    .clicked()
                {
                    let mut rounds = project.rounds.clone();
                    let months = rounds.last().map_or(18.0, |r| r.months + 6.0);
                    rounds.push(Round {
                        name: tr!(lang, "{months} months", "{months} meses"),
                        months,
                    });
                    actions.push(Action::Edit {
                        edit: Edit::Rounds(rounds),
                        deed: Deed::AddRound,
                    });
                    state.selected_round = project.rounds.len();
                }
            });
            if project.rounds.is_empty() {
                ui.label(lang.t(
                    "No rounds yet. Add one to enter survey estimates and see which \
                targets are met.",
                    "Aún no hay rondas. \
                Agregue una para ingresar estimaciones de encuesta y ver qué metas se cumplen.",
                ));
                return;
            }
            state.selected_round = state.selected_round.min(project.rounds.len() - 1);
            rounds_list(ui, lang, document, buffers, state, actions);
            ui.separator();
            round_table(ui, lang, document, buffers, state, actions);
            ui.separator();
            chart(ui, lang, document, state);
        });
}

fn tranche_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    let program = &document.project().program;
    let outcome = document.outcome();
    ui.heading(labels::PERFORMANCE_TRANCHE.get(lang));
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.t("Amount", "Monto"));
        let key = (Location::Program, Field::TrancheAmount);
        ui.scope(|ui| {
            ui.set_width(110.0);
            if let Some(Some(amount)) = number_cell(
                ui,
                buffers,
                key,
                Some(program.tranche_amount),
                NumberKind::Amount,
                false,
                "",
                lang.t("Tranche amount", "Monto del tramo"),
                outcome.problem_at(Location::Program, Field::TrancheAmount),
            ) {
                actions.push(Action::CellEdit {
                    cell: key,
                    edit: Edit::Program(Program {
                        tranche_amount: amount,
                        ..program.clone()
                    }),
                });
            }
        });
        ui.label(lang.t("Rule", "Regla"));
        let kind = match program.tranche {
            TrancheRule::AllOrNothing { .. } => 0,
            TrancheRule::Continuous => 1,
            TrancheRule::Steps(_) => 2,
        };
        let mut chosen = kind;
        let names = [
            lang.t("all or nothing (SMI)", "todo o nada (SMI)"),
            lang.t("continuous", "continua"),
            lang.t("steps", "escalones"),
        ];
        ComboBox::from_id_salt("tranche-rule")
            .selected_text(names[kind])
            .show_ui(ui, |ui| {
                for (k, name) in names.iter().enumerate() {
                    ui.selectable_value(&mut chosen, k, *name);
                }
            })
            .response
            .accessible_name(labels::TRANCHE_RULE.get(lang));
        if chosen != kind {
            let tranche = match chosen {
                0 => TrancheRule::AllOrNothing { threshold: 0.8 },
                1 => TrancheRule::Continuous,
                _ => TrancheRule::Steps(vec![(0.5, 0.5), (0.8, 1.0)]),
            };
            actions.push(Action::Edit {
                edit: Edit::Program(Program {
                    tranche,
                    ..program.clone()
                }),
                deed: Deed::Edit {
                    at: Location::Program,
                    field: Field::TrancheRule,
                },
            });
        }
        if let TrancheRule::AllOrNothing { threshold } = program.tranche {
            ui.label(lang.t(
                "Share of targets required θ",
                "Proporción de metas exigida θ",
            ));
            let key = (Location::Program, Field::TrancheThreshold);
            ui.scope(|ui| {
                ui.set_width(70.0);
                if let Some(Some(theta)) = number_cell(
                    ui,
                    buffers,
                    key,
                    Some(threshold),
                    NumberKind::Percent,
                    false,
                    "",
                    labels::SHARE_REQUIRED.get(lang),
                    outcome.problem_at(Location::Program, Field::TrancheThreshold),
                ) {
                    actions.push(Action::CellEdit {
                        cell: key,
                        edit: Edit::Program(Program {
                            tranche: TrancheRule::AllOrNothing { threshold: theta },
                            ..program.clone()
                        }),
                    });
                }
            });
        }
        ui.label(
            RichText::new(crate::present::verification::tranche(
                &program.tranche,
                lang,
            ))
            .weak(),
        );
    });
}

fn rounds_list(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    state: &mut RoundsState,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    let all = state.evaluated(document);
    egui::Grid::new("rounds-list")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for column in [
                RoundColumn::Round,
                RoundColumn::Months,
                RoundColumn::WeightedShareMet,
                RoundColumn::TranchePaid,
            ] {
                ui.strong(column.title().get(lang));
            }
            ui.label("");
            ui.label("");
            ui.end_row();
            for (k, round) in project.rounds.iter().enumerate() {
                let Some(evaluated) = all.get(k).cloned() else {
                    continue;
                };
                let key = (Location::Program, Field::RoundName(k));
                ui.scope(|ui| {
                    ui.set_width(140.0);
                    if let Some(name) = text_cell(
                        ui,
                        buffers,
                        key,
                        &round.name,
                        lang.t("name", "nombre"),
                        &tr!(lang, "Round name {}", "Nombre de la ronda {}", k + 1),
                        None,
                    ) {
                        let mut rounds = project.rounds.clone();
                        rounds[k].name = name;
                        actions.push(Action::CellEdit {
                            cell: key,
                            edit: Edit::Rounds(rounds),
                        });
                    }
                });
                let key = (Location::Program, Field::RoundMonths(k));
                ui.scope(|ui| {
                    ui.set_width(60.0);
                    if let Some(Some(months)) = number_cell(
                        ui,
                        buffers,
                        key,
                        Some(round.months),
                        NumberKind::Plain,
                        false,
                        "",
                        &tr!(lang, "Round months {}", "Meses de la ronda {}", k + 1),
                        None,
                    ) {
                        let mut rounds = project.rounds.clone();
                        rounds[k].months = months;
                        actions.push(Action::CellEdit {
                            cell: key,
                            edit: Edit::Rounds(rounds),
                        });
                    }
                });
                let threshold = match project.program.tranche {
                    TrancheRule::AllOrNothing { threshold } => Some(threshold),
                    _ => None,
                };
                let share = RichText::new(format_percent(evaluated.weighted_share_met, 1)).strong();
                let share = match threshold {
                    Some(t) if evaluated.weighted_share_met + 1e-12 < t => {
                        share.color(bound_color(ui))
                    }
                    _ => share,
                };
                ui.label(share);
                ui.label(format!(
                    "{} ({})",
                    format_amount(evaluated.tranche_paid),
                    format_percent(evaluated.paid_fraction, 0)
                ));
                if ui
                    .selectable_label(state.selected_round == k, lang.t("Show", "Mostrar"))
                    .clicked()
                {
                    state.selected_round = k;
                }
                if ui
                    .button(lang.t("Delete", "Borrar"))
                    .on_hover_text(lang.t(
                        "Delete this round and its estimates",
                        "Borrar esta ronda y sus estimaciones",
                    ))
                    .clicked()
                {
                    let mut rounds = project.rounds.clone();
                    rounds.remove(k);
                    let mut edits = vec![Edit::Rounds(rounds)];
                    for (i, indicator) in project.indicators.iter().enumerate() {
                        if indicator.measurements.len() > k {
                            edits.push(indicator_edit(i, indicator, |v| {
                                v.measurements.remove(k);
                            }));
                        }
                    }
                    actions.push(Action::Edit {
                        edit: Edit::Batch(edits),
                        deed: Deed::DeleteRound {
                            name: round.name.clone(),
                        },
                    });
                }
                ui.end_row();
            }
        });
}

/// Kind of precision typed for a measurement.
fn spread_kind(spread: &Spread) -> usize {
    match spread {
        Spread::StandardError(_) => 0,
        Spread::Sample { .. } => 1,
        Spread::Interval { .. } => 2,
    }
}

/// The columns of a round's table, after the row number.
const COLUMNS: [RoundsColumn; 12] = [
    RoundsColumn::Indicator,
    RoundsColumn::Target,
    RoundsColumn::Counterfactual,
    RoundsColumn::Estimate,
    RoundsColumn::Precision,
    RoundsColumn::First,
    RoundsColumn::Second,
    RoundsColumn::PaymentWeight,
    RoundsColumn::Rule1,
    RoundsColumn::Rule2,
    RoundsColumn::Met,
    RoundsColumn::WhyNot,
];

fn round_table(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    state: &mut RoundsState,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    let outcome = document.outcome();
    let k = state.selected_round;
    let round = &project.rounds[k];
    let Some(evaluated) = state.evaluated(document).get(k).cloned() else {
        return;
    };
    ui.heading(tr!(
        lang,
        "{} ({} months)",
        "{} ({} meses)",
        round.name,
        round.months
    ));
    ui.label(tr!(
        lang,
        "Weighted share of targets met: {}. Rule: {}. Tranche paid: {}.",
        "Proporción ponderada de metas cumplidas: {}. Regla: {}. Tramo pagado: {}.",
        format_percent(evaluated.weighted_share_met, 1),
        crate::present::verification::tranche(&project.program.tranche, lang),
        format_amount(evaluated.tranche_paid)
    ));
    let titles = schema_titles(lang, &COLUMNS, None);
    egui::ScrollArea::horizontal()
        .id_salt("round-h")
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            TableBuilder::new(ui)
                .id_salt(("round", k))
                .striped(true)
                .cell_layout(Layout::left_to_right(Align::Center))
                .column(Column::exact(24.0))
                .column(Column::initial(230.0).clip(true))
                .columns(Column::initial(84.0), 3)
                .column(Column::initial(90.0))
                .columns(Column::initial(72.0), 3)
                .columns(Column::initial(62.0), 3)
                .column(Column::initial(420.0).clip(true))
                .header(40.0, |mut header| header_cells(&mut header, &titles))
                .body(|body| {
                    body.rows(30.0, project.indicators.len(), |mut row| {
                        let i = row.index();
                        let n = i + 1;
                        let indicator = &project.indicators[i];
                        let at = Location::Indicator(i);
                        let measurement = indicator.measurements.get(k).copied().flatten();
                        let compliance = evaluated.rows.get(i).cloned().flatten();
                        let targets = outcome.indicators[i].targets;
                        row.col(|ui| {
                            ui.label(n.to_string());
                        });
                        row.col(|ui| {
                            if ui
                                .selectable_label(state.chart_row == i, &indicator.name)
                                .on_hover_text(lang.t(
                                    "Show this indicator's chart below",
                                    "Mostrar el gráfico de este indicador abajo",
                                ))
                                .clicked()
                            {
                                state.chart_row = i;
                            }
                        });
                        row.col(|ui| {
                            computed_cell(
                                ui,
                                targets.map_or_else(
                                    || "—".to_owned(),
                                    |t| format_percent(t.final_target, 1),
                                ),
                                None,
                            )
                        });
                        row.col(|ui| {
                            computed_cell(
                                ui,
                                outcome.indicators[i]
                                    .counterfactual
                                    .map_or_else(|| "—".to_owned(), |c| format_percent(c, 1)),
                                None,
                            )
                        });
                        let set_measurement = |value: Option<Measurement>| {
                            indicator_edit(i, indicator, |v| {
                                if v.measurements.len() <= k {
                                    v.measurements.resize(k + 1, None);
                                }
                                v.measurements[k] = value;
                            })
                        };
                        let default_spread = Spread::Sample {
                            n: indicator.survey.planned_n.unwrap_or(100.0),
                            deff: indicator.survey.design_effect(),
                        };
                        row.col(|ui| {
                            let key = (at, Field::MeasurementPart(k, 0));
                            if let Some(typed) = number_cell(
                                ui,
                                buffers,
                                key,
                                measurement.map(|m| m.estimate),
                                NumberKind::Percent,
                                true,
                                "—",
                                &RoundsColumn::Estimate.cell_name(i, lang),
                                outcome.problem_at(at, Field::MeasurementPart(k, 0)),
                            ) {
                                let value = typed.map(|estimate| Measurement {
                                    estimate,
                                    spread: measurement.map_or(default_spread, |m| m.spread),
                                });
                                actions.push(Action::CellEdit {
                                    cell: key,
                                    edit: set_measurement(value),
                                });
                            }
                        });
                        let Some(m) = measurement else {
                            for _ in 0..3 {
                                row.col(|_| {});
                            }
                            row.col(|ui| computed_cell(ui, "", None));
                            row.col(|ui| computed_cell(ui, "", None));
                            row.col(|ui| {
                                computed_cell(
                                    ui,
                                    RichText::new(lang.t("no", "no")).color(bound_color(ui)),
                                    None,
                                )
                            });
                            row.col(|ui| {
                                computed_text(
                                    ui,
                                    lang.t("not measured in this round", "no medido en esta ronda"),
                                )
                            });
                            return;
                        };
                        row.col(|ui| {
                            let kind = spread_kind(&m.spread);
                            let mut chosen = kind;
                            let names = [
                                lang.t("SE", "EE"),
                                lang.t("n & DEFF", "n y DEFF"),
                                lang.t("95% CI", "IC 95%"),
                            ];
                            ComboBox::from_id_salt(("spread", k, i))
                                .selected_text(names[kind])
                                .width(ui.available_width())
                                .show_ui(ui, |ui| {
                                    for (j, name) in names.iter().enumerate() {
                                        ui.selectable_value(&mut chosen, j, *name);
                                    }
                                })
                                .response
                                .accessible_name(RoundsColumn::Precision.cell_name(i, lang));
                            if chosen != kind {
                                let y = m.estimate;
                                let se = compliance
                                    .as_ref()
                                    .and_then(|c| c.standard_error)
                                    .unwrap_or(0.02);
                                let spread = match chosen {
                                    0 => Spread::StandardError(se),
                                    1 => default_spread,
                                    _ => Spread::Interval {
                                        low: (y - 1.96 * se).max(0.0),
                                        high: (y + 1.96 * se).min(1.0),
                                    },
                                };
                                actions.push(Action::Edit {
                                    edit: set_measurement(Some(Measurement { spread, ..m })),
                                    deed: Deed::Edit {
                                        at: Location::Indicator(i),
                                        field: Field::MeasurementPart(k, 1),
                                    },
                                });
                            }
                        });
                        let (a, b, kinds): (f64, Option<f64>, (NumberKind, NumberKind)) =
                            match m.spread {
                                Spread::StandardError(se) => {
                                    (se, None, (NumberKind::Percent, NumberKind::Plain))
                                }
                                Spread::Sample { n, deff } => {
                                    (n, Some(deff), (NumberKind::Count, NumberKind::Plain))
                                }
                                Spread::Interval { low, high } => {
                                    (low, Some(high), (NumberKind::Percent, NumberKind::Percent))
                                }
                            };
                        for (part, value, kind) in [(1, Some(a), kinds.0), (2, b, kinds.1)] {
                            row.col(|ui| {
                                let Some(value) = value else { return };
                                let key = (at, Field::MeasurementPart(k, part));
                                if let Some(Some(typed)) = number_cell(
                                    ui,
                                    buffers,
                                    key,
                                    Some(value),
                                    kind,
                                    false,
                                    "",
                                    &if part == 1 {
                                        RoundsColumn::First
                                    } else {
                                        RoundsColumn::Second
                                    }
                                    .cell_name(i, lang),
                                    outcome.problem_at(at, Field::MeasurementPart(k, part)),
                                ) {
                                    let spread = match (m.spread, part) {
                                        (Spread::StandardError(_), _) => {
                                            Spread::StandardError(typed)
                                        }
                                        (Spread::Sample { deff, .. }, 1) => {
                                            Spread::Sample { n: typed, deff }
                                        }
                                        (Spread::Sample { n, .. }, _) => {
                                            Spread::Sample { n, deff: typed }
                                        }
                                        (Spread::Interval { high, .. }, 1) => {
                                            Spread::Interval { low: typed, high }
                                        }
                                        (Spread::Interval { low, .. }, _) => {
                                            Spread::Interval { low, high: typed }
                                        }
                                    };
                                    actions.push(Action::CellEdit {
                                        cell: key,
                                        edit: set_measurement(Some(Measurement { spread, ..m })),
                                    });
                                }
                            });
                        }
                        row.col(|ui| {
                            let key = (at, Field::PaymentWeight);
                            if let Some(Some(weight)) = number_cell(
                                ui,
                                buffers,
                                key,
                                Some(indicator.payment_weight),
                                NumberKind::Plain,
                                false,
                                "",
                                &RoundsColumn::PaymentWeight.cell_name(i, lang),
                                outcome.problem_at(at, Field::PaymentWeight),
                            ) {
                                actions.push(Action::CellEdit {
                                    cell: key,
                                    edit: indicator_edit(i, indicator, |v| {
                                        v.payment_weight = weight
                                    }),
                                });
                            }
                        });
                        let yes_no = |ui: &Ui, value: Option<bool>| match value {
                            Some(true) => RichText::new(lang.t("yes", "sí")),
                            Some(false) => RichText::new(lang.t("no", "no")).color(bound_color(ui)),
                            None => RichText::new("—"),
                        };
                        let c = compliance.as_ref();
                        row.col(|ui| computed_cell(ui, yes_no(ui, c.map(|c| c.rule1)), None));
                        row.col(|ui| computed_cell(ui, yes_no(ui, c.map(|c| c.rule2)), None));
                        row.col(|ui| {
                            computed_cell(ui, yes_no(ui, c.map(|c| c.met)).strong(), None)
                        });
                        row.col(|ui| {
                            let reason = c.map_or_else(String::new, |c| {
                                crate::present::verification::shortfalls(&c.shortfalls, lang)
                            });
                            computed_cell(
                                ui,
                                reason.clone(),
                                (!reason.is_empty()).then_some(reason.as_str()),
                            );
                        });
                    });
                });
        });
}

fn chart(ui: &mut Ui, lang: Lang, document: &Document, state: &mut RoundsState) {
    let project = document.project();
    let outcome = document.outcome();
    if project.indicators.is_empty() {
        return;
    }
    state.chart_row = state.chart_row.min(project.indicators.len() - 1);
    let i = state.chart_row;
    let indicator = &project.indicators[i];
    ui.heading(tr!(
        lang,
        "{}: baseline, counterfactual, target and rounds",
        "{}: línea de base, contrafactual, meta y rondas",
        indicator.name
    ));
    let row = &outcome.indicators[i];
    let (Some(c), Some(targets)) = (row.counterfactual, row.targets) else {
        ui.label(lang.t(
            "Not computed: see Problems.",
            "No calculado: vea Problemas.",
        ));
        return;
    };
    let end = project.program.program_years * 12.0;
    let mut estimates = Vec::new();
    for (k, round) in project.rounds.iter().enumerate() {
        if let Some(Some(m)) = indicator.measurements.get(k) {
            estimates.push([round.months, m.estimate * 100.0]);
        }
    }
    Plot::new(("indicator-chart", i))
        .height(240.0)
        .legend(Legend::default().follow_insertion_order(true))
        .x_axis_label(lang.t(
            "months from the start of the program",
            "meses desde el inicio del programa",
        ))
        .y_axis_label("%")
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(
                Line::new(
                    lang.t(
                        "counterfactual (no program)",
                        "contrafactual (sin programa)",
                    ),
                    vec![[0.0, indicator.baseline * 100.0], [end, c * 100.0]],
                )
                .width(2.0),
            );
            plot.hline(
                HLine::new(
                    tr!(
                        lang,
                        "target {}",
                        "meta {}",
                        format_percent(targets.final_target, 1)
                    ),
                    targets.final_target * 100.0,
                )
                .width(2.0),
            );
            plot.points(
                Points::new(
                    lang.t("baseline", "línea de base"),
                    vec![[0.0, indicator.baseline * 100.0]],
                )
                .radius(6.0)
                .shape(MarkerShape::Square),
            );
            plot.points(
                Points::new(lang.t("rounds", "rondas"), estimates)
                    .radius(6.0)
                    .shape(MarkerShape::Circle)
                    .filled(true),
            );
        });
}
