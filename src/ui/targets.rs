//! The Targets sheet: program inputs C, L, ceiling, floor, R and a₀, then one row per payment
//! indicator with its inputs, the computed targets and the negotiation actions.

use egui::{Align, ComboBox, Layout, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::Action;
use super::cells::{
    CellBuffers, NumberKind, bound_color, dash, explained_cell, header_cells, number_cell,
    text_cell,
};
use super::commands::UiCommand;
use super::program::{ProgramInput, program_inputs_ui};
use crate::document::{Document, Edit};
use crate::i18n::t;
use crate::model::explain::Column as Computed;
use crate::model::{Bound, Direction, Field, Indicator, Location};
use crate::text::{format_amount, format_percent};
use crate::tf;

fn program_inputs() -> [ProgramInput; 6] {
    [
        ProgramInput {
            field: Field::TotalCost,
            label: t("Total program cost", "Costo total del programa"),
            kind: NumberKind::Amount,
            tooltip: t(
                "C: donor plus counterpart funding (and any performance tranche)",
                "C: financiamiento del donante más la contrapartida (y cualquier tramo de desempeño)",
            ),
        },
        ProgramInput {
            field: Field::ProgramYears,
            label: t("Program length (years)", "Duración del programa (años)"),
            kind: NumberKind::Plain,
            tooltip: t(
                "L: years over which the counterfactual trend runs",
                "L: años durante los que corre la tendencia contrafactual",
            ),
        },
        ProgramInput {
            field: Field::Ceiling,
            label: t("Ceiling", "Techo"),
            kind: NumberKind::Percent,
            tooltip: t(
                "Highest target allowed for a higher-is-better indicator (95% in SM2015)",
                "Meta más alta permitida para un indicador en que más es mejor (95% en SM2015)",
            ),
        },
        ProgramInput {
            field: Field::Floor,
            label: t("Floor", "Piso"),
            kind: NumberKind::Percent,
            tooltip: t(
                "Lowest target allowed for a lower-is-better indicator",
                "Meta más baja permitida para un indicador en que menos es mejor",
            ),
        },
        ProgramInput {
            field: Field::RequiredRatio,
            label: t(
                "Required benefit-cost ratio",
                "Relación beneficio-costo exigida",
            ),
            kind: NumberKind::Plain,
            tooltip: t(
                "R: 1 means benefits must at least cover the cost",
                "R: 1 significa que los beneficios deben al menos cubrir el costo",
            ),
        },
        ProgramInput {
            field: Field::DefaultAnnualChange,
            label: t("Default annual change", "Cambio anual por defecto"),
            kind: NumberKind::Percent,
            tooltip: t(
                "a₀: yearly change without the program where no trend is known (note, footnote 18); lower-is-better rows use −a₀",
                "a₀: cambio anual sin el programa donde no se conoce la tendencia (nota, nota al pie 18); las filas en que menos es mejor usan −a₀",
            ),
        },
    ]
}

/// Column titles and what each column is.
fn columns() -> [(&'static str, &'static str); 18] {
    [
        ("#", t("Row", "Fila")),
        (
            t("Indicator", "Indicador"),
            t("Payment indicator", "Indicador de pago"),
        ),
        (
            t("Condition", "Condición"),
            t(
                "Values row whose DALYs the indicator improves",
                "Fila de Valores cuyos AVAD mejora el indicador",
            ),
        ),
        (
            t("Better", "Mejor"),
            t(
                "Whether a higher or a lower level is the improvement",
                "Si la mejora es un nivel más alto o más bajo",
            ),
        ),
        (
            "N",
            t(
                "Population reached by the indicator",
                "Población alcanzada por el indicador",
            ),
        ),
        (
            t("Baseline", "Línea de base"),
            t("b: level before the program", "b: nivel antes del programa"),
        ),
        (
            t("Annual change", "Cambio anual"),
            t(
                "a: yearly change without the program, in points; empty uses the default a₀",
                "a: cambio anual sin el programa, en puntos; vacío usa el valor por defecto a₀",
            ),
        ),
        (
            t("Weight", "Peso"),
            t(
                "w: priority weight (1 = equal)",
                "w: peso de prioridad (1 = igual)",
            ),
        ),
        (
            t("= Counterfactual", "= Contrafactual"),
            t(
                "c = b + L·a: level expected without the program",
                "c = b + L·a: nivel esperado sin el programa",
            ),
        ),
        (
            t("= Model target", "= Meta del modelo"),
            t("M = c ± w·d (note eq. 4)", "M = c ± w·d (nota, ec. 4)"),
        ),
        (
            t("= Bounded", "= Acotada"),
            t(
                "Model target held at the ceiling or floor",
                "Meta del modelo detenida en el techo o el piso",
            ),
        ),
        (
            t("Negotiated target", "Meta negociada"),
            t(
                "The agreed target; empty uses the model",
                "La meta acordada; vacío usa el modelo",
            ),
        ),
        (
            t("Lock", "Fijar"),
            t(
                "A locked row keeps its target when the others are rebalanced",
                "Una fila fijada conserva su meta cuando se reequilibran las demás",
            ),
        ),
        (
            t("= Final target", "= Meta final"),
            t(
                "The negotiated target if set, else the bounded model target",
                "La meta negociada si existe; si no, la meta del modelo acotada",
            ),
        ),
        (
            t("= Impact", "= Impacto"),
            t(
                "Change the program must cause, in points: ±(final − counterfactual)",
                "Cambio que el programa debe causar, en puntos: ±(final − contrafactual)",
            ),
        ),
        (
            t("= Benefit", "= Beneficio"),
            t("Impact × N × V", "Impacto × N × V"),
        ),
        (
            t("= Share", "= Parte"),
            t("Share of the total benefit", "Parte del beneficio total"),
        ),
        (
            t("Actions", "Acciones"),
            t(
                "Goal seek; the … menu resets to the model target, inserts, duplicates, moves and deletes",
                "Buscar objetivo; el menú … vuelve a la meta del modelo, inserta, duplica, mueve y borra",
            ),
        ),
    ]
}

fn indicator_edit(row: usize, indicator: &Indicator, change: impl FnOnce(&mut Indicator)) -> Edit {
    let mut value = indicator.clone();
    change(&mut value);
    Edit::Indicator { row, value }
}

/// The Targets sheet.
pub fn targets_ui(
    ui: &mut Ui,
    document: &Document,
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    program_inputs_ui(ui, document, buffers, &program_inputs(), actions);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        for command in [
            UiCommand::Rebalance,
            UiCommand::LockNegotiated,
            UiCommand::UnlockAll,
        ] {
            if ui
                .button(command.label())
                .on_hover_text(command.tooltip())
                .clicked()
            {
                actions.push(Action::Command(command));
            }
        }
        if ui
            .button(t("Add indicator", "Agregar indicador"))
            .on_hover_text(t(
                "Add a row at the end of the Targets sheet",
                "Agregar una fila al final de la hoja Metas",
            ))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: document.project().indicators.len(),
                    value: new_indicator(document),
                },
                label: t("Add indicator", "Agregar indicador").to_owned(),
            });
        }
    });
    ui.add_space(4.0);
    egui::ScrollArea::horizontal()
        .id_salt("targets-h")
        .show(ui, |ui| {
            targets_table(ui, document, buffers, actions);
        });
}

/// A new indicator linked to the first condition.
pub(super) fn new_indicator(document: &Document) -> Indicator {
    Indicator {
        name: tf!(
            "Indicator {}",
            "Indicador {}",
            document.project().indicators.len() + 1
        ),
        condition: document
            .project()
            .conditions
            .first()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        ..Indicator::default()
    }
}

fn targets_table(
    ui: &mut Ui,
    document: &Document,
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    let outcome = document.outcome();
    let row_height = ui.spacing().interact_size.y + 8.0;
    let percent = Column::initial(64.0).at_least(56.0).clip(true);
    // The actions column holds the goal-seek button and the row menu, whatever the language.
    let goal_seek = egui::WidgetText::from(t("Goal seek", "Buscar objetivo"))
        .into_galley(ui, None, f32::INFINITY, egui::TextStyle::Button)
        .size()
        .x;
    let actions_width = goal_seek + 2.0 * ui.spacing().button_padding.x + 36.0;
    ui.spacing_mut().item_spacing.x = 4.0;
    TableBuilder::new(ui)
        .id_salt("targets")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(24.0))
        .column(Column::initial(214.0).at_least(120.0).clip(true))
        .column(Column::initial(140.0).at_least(80.0).clip(true))
        .column(Column::initial(74.0).at_least(70.0))
        .column(Column::initial(70.0).at_least(56.0).clip(true))
        .columns(percent, 2)
        .column(Column::initial(50.0).at_least(44.0).clip(true))
        .column(Column::initial(98.0).at_least(60.0).clip(true))
        .column(percent)
        .column(Column::initial(100.0).at_least(70.0).clip(true))
        .column(Column::initial(80.0).at_least(60.0).clip(true))
        .column(Column::exact(36.0))
        .column(percent)
        .column(Column::initial(68.0).clip(true))
        .column(Column::initial(88.0).clip(true))
        .column(Column::initial(58.0).clip(true))
        .column(Column::initial(actions_width).at_least(actions_width))
        .header(40.0, |mut header| header_cells(&mut header, &columns()))
        .body(|body| {
            body.rows(row_height, project.indicators.len(), |mut row| {
                let i = row.index();
                let indicator = &project.indicators[i];
                let computed = outcome.indicators.get(i).copied().unwrap_or_default();
                let targets = computed.targets;
                let at = Location::Indicator(i);
                let n = i + 1;
                let problem = |field| outcome.problem_at(at, field);
                // The computed cell clicked in this row, if any (a Cell: the number closure
                // below holds `actions`).
                let clicked = std::cell::Cell::new(None);
                let explained = |ui: &mut Ui, text: RichText, hover: Option<&str>, column: Computed| {
                    if explained_cell(ui, text, hover, &tf!("{} row {n}", "{} fila {n}", column.title())) {
                        clicked.set(Some(column));
                    }
                };

                row.col(|ui| {
                    ui.label(n.to_string());
                });
                row.col(|ui| {
                    if let Some(name) = text_cell(ui, buffers, (at, Field::Name), &indicator.name, t("name", "nombre"), &tf!("Indicator row {n}", "Indicador fila {n}"), problem(Field::Name)) {
                        actions.push(Action::CellEdit {
                            cell: (at, Field::Name),
                            edit: indicator_edit(i, indicator, |v| v.name = name),
                            label: tf!("Rename indicator {n}", "Renombrar indicador {n}"),
                        });
                    }
                });
                row.col(|ui| {
                    let mut chosen = indicator.condition.clone();
                    let has_problem = problem(Field::Condition).is_some();
                    let shown = if chosen.is_empty() { t("(choose)", "(elegir)").to_owned() } else { chosen.clone() };
                    let text = if has_problem { RichText::new(shown).color(super::cells::error_fill(ui)).strong() } else { RichText::new(shown) };
                    let response = ComboBox::from_id_salt(("condition", i))
                        .selected_text(text)
                        .width(ui.available_width())
                        .show_ui(ui, |ui| {
                            for condition in &project.conditions {
                                ui.selectable_value(&mut chosen, condition.name.clone(), format!("{} — {}", condition.name, condition.group));
                            }
                        })
                        .response
                        .accessible_name(tf!("Condition row {n}", "Condición fila {n}"));
                    if let Some(p) = problem(Field::Condition) {
                        response.on_hover_text(p.reason.as_str());
                    }
                    if chosen != indicator.condition {
                        actions.push(Action::Edit {
                            edit: indicator_edit(i, indicator, |v| v.condition = chosen),
                            label: tf!("Link indicator {n} to a condition", "Vincular el indicador {n} a una condición"),
                        });
                    }
                });
                row.col(|ui| {
                    let mut direction = indicator.direction;
                    let label = |d: Direction| match d {
                        Direction::Higher => t("higher", "más alto"),
                        Direction::Lower => t("lower", "más bajo"),
                    };
                    ComboBox::from_id_salt(("direction", i))
                        .selected_text(label(direction))
                        .width(ui.available_width())
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut direction, Direction::Higher, t("higher is better", "más es mejor"));
                            ui.selectable_value(&mut direction, Direction::Lower, t("lower is better", "menos es mejor"));
                        })
                        .response
                        .accessible_name(tf!("Direction row {n}", "Dirección fila {n}"));
                    if direction != indicator.direction {
                        actions.push(Action::Edit {
                            edit: indicator_edit(i, indicator, |v| v.direction = direction),
                            label: tf!("Change direction of row {n}", "Cambiar la dirección de la fila {n}"),
                        });
                    }
                });
                let mut number = |ui: &mut Ui, field: Field, value: Option<f64>, kind: NumberKind, optional: bool, hint: &str, column: &str, set: &dyn Fn(&mut Indicator, Option<f64>)| {
                    let key = (at, field);
                    if let Some(typed) = number_cell(ui, buffers, key, value, kind, optional, hint, &tf!("{column} row {n}", "{column} fila {n}"), problem(field)) {
                        if !optional && typed.is_none() {
                            return;
                        }
                        actions.push(Action::CellEdit {
                            cell: key,
                            edit: indicator_edit(i, indicator, |v| set(v, typed)),
                            label: tf!("Edit {} of row {n}", "Editar {} de la fila {n}", column.to_lowercase()),
                        });
                    }
                };
                row.col(|ui| number(ui, Field::Population, Some(indicator.population), NumberKind::Count, false, "", "N", &|v, x| v.population = x.unwrap_or_default()));
                row.col(|ui| number(ui, Field::Baseline, Some(indicator.baseline), NumberKind::Percent, false, "", t("Baseline", "Línea de base"), &|v, x| v.baseline = x.unwrap_or_default()));
                let default_change = format!("({})", format_percent(indicator.direction.sign() * project.program.default_annual_change, 1));
                row.col(|ui| number(ui, Field::AnnualChange, indicator.annual_change, NumberKind::Percent, true, &default_change, t("Annual change", "Cambio anual"), &|v, x| v.annual_change = x));
                row.col(|ui| number(ui, Field::Weight, Some(indicator.weight), NumberKind::Plain, false, "", t("Weight", "Peso"), &|v, x| v.weight = x.unwrap_or_default()));
                row.col(|ui| {
                    explained(ui, computed.counterfactual.map_or_else(dash, |c| format_percent(c, 1)).into(), None, Computed::Counterfactual);
                });
                row.col(|ui| {
                    explained(ui, targets.map_or_else(dash, |t| format_percent(t.model_target, 1)).into(), None, Computed::ModelTarget);
                });
                row.col(|ui| match targets {
                    Some(targets) if targets.bound.is_some() => {
                        let (word, hover) = match targets.bound {
                            Some(Bound::Floor) => (t("floor", "piso"), tf!("Held at the floor: the model target is {}", "Detenida en el piso: la meta del modelo es {}", format_percent(targets.model_target, 1))),
                            _ => (t("ceiling", "techo"), tf!("Held at the ceiling: the model target is {}", "Detenida en el techo: la meta del modelo es {}", format_percent(targets.model_target, 1))),
                        };
                        let text = RichText::new(format!("{} {word}", format_percent(targets.bounded_target, 1))).color(bound_color(ui)).strong();
                        explained(ui, text, Some(&hover), Computed::Bounded);
                    }
                    Some(t) => explained(ui, format_percent(t.bounded_target, 1).into(), None, Computed::Bounded),
                    None => explained(ui, dash().into(), None, Computed::Bounded),
                });
                row.col(|ui| number(ui, Field::NegotiatedTarget, indicator.negotiated_target, NumberKind::Percent, true, t("model", "modelo"), t("Negotiated target", "Meta negociada"), &|v, x| v.negotiated_target = x));
                row.col(|ui| {
                    let mut locked = indicator.locked;
                    let response = ui.checkbox(&mut locked, "").accessible_name(tf!("Lock row {n}", "Fijar fila {n}"));
                    let response = response.on_hover_text(if indicator.locked { t("Locked: a rebalance keeps this target", "Fijada: el reequilibrio conserva esta meta") } else { t("Lock this row's target", "Fijar la meta de esta fila") });
                    if response.changed() {
                        actions.push(Action::SetLocked { row: i, locked });
                    }
                });
                row.col(|ui| {
                    let text = targets.map_or_else(dash, |t| format_percent(t.final_target, 1));
                    explained(ui, RichText::new(text).strong(), None, Computed::FinalTarget);
                });
                row.col(|ui| {
                    explained(ui, targets.map_or_else(dash, |t| format!("{:.1} pts", t.impact * 100.0)).into(), None, Computed::Impact);
                });
                row.col(|ui| {
                    explained(ui, targets.map_or_else(dash, |t| format_amount(t.benefit)).into(), None, Computed::Benefit);
                });
                row.col(|ui| {
                    explained(ui, targets.and_then(|t| t.share_of_benefit).map_or_else(dash, |s| format_percent(s, 1)).into(), None, Computed::Share);
                });
                row.col(|ui| {
                    if ui.small_button(t("Goal seek", "Buscar objetivo")).accessible_name(tf!("Goal seek row {n}", "Buscar objetivo fila {n}")).on_hover_text(t("Set this row's target so that the benefit-cost ratio is exactly the required one, all other rows as they are", "Fijar la meta de esta fila para que la relación beneficio-costo sea exactamente la exigida, con las demás filas como están")).clicked() {
                        actions.push(Action::GoalSeek(i));
                    }
                    row_menu(ui, i, project.indicators.len(), indicator, document, actions);
                });
                if let Some(column) = clicked.get() {
                    actions.push(Action::Explain { row: i, column });
                }
            });
        });
}

fn row_menu(
    ui: &mut Ui,
    i: usize,
    rows: usize,
    indicator: &Indicator,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let n = i + 1;
    ui.menu_button("…", |ui| {
        if ui
            .button(t("Reset to model target", "Volver a la meta del modelo"))
            .on_hover_text(t(
                "Clear the negotiated target and unlock: the model target applies again",
                "Borrar la meta negociada y liberar: vuelve a aplicarse la meta del modelo",
            ))
            .clicked()
        {
            actions.push(Action::ResetRow(i));
        }
        ui.separator();
        if ui
            .button(t("Insert a row below", "Insertar una fila debajo"))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: i + 1,
                    value: new_indicator(document),
                },
                label: tf!(
                    "Insert indicator below row {n}",
                    "Insertar indicador debajo de la fila {n}"
                ),
            });
        }
        if ui.button(t("Duplicate row", "Duplicar fila")).clicked() {
            let mut copy = indicator.clone();
            copy.name = tf!("{} (copy)", "{} (copia)", copy.name);
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: i + 1,
                    value: copy,
                },
                label: tf!("Duplicate row {n}", "Duplicar fila {n}"),
            });
        }
        if ui
            .add_enabled(i > 0, egui::Button::new(t("Move up", "Subir")))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::MoveIndicator { from: i, to: i - 1 },
                label: tf!("Move row {n} up", "Subir la fila {n}"),
            });
        }
        if ui
            .add_enabled(i + 1 < rows, egui::Button::new(t("Move down", "Bajar")))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::MoveIndicator { from: i, to: i + 1 },
                label: tf!("Move row {n} down", "Bajar la fila {n}"),
            });
        }
        ui.separator();
        if ui.button(t("Delete row", "Borrar fila")).clicked() {
            actions.push(Action::Edit {
                edit: Edit::RemoveIndicator { row: i },
                label: tf!("Delete indicator {n}", "Borrar indicador {n}"),
            });
        }
    })
    .response
    .accessible_name(tf!("Row menu row {n}", "Menú de la fila {n}"));
}
