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
use crate::model::explain::Column as Computed;
use crate::model::{Bound, Direction, Field, Indicator, Location};
use crate::text::{format_amount, format_percent};

const PROGRAM_INPUTS: [ProgramInput; 6] = [
    ProgramInput {
        field: Field::TotalCost,
        label: "Total program cost",
        kind: NumberKind::Amount,
        tooltip: "C: donor plus counterpart funding (and any performance tranche)",
    },
    ProgramInput {
        field: Field::ProgramYears,
        label: "Program length (years)",
        kind: NumberKind::Plain,
        tooltip: "L: years over which the counterfactual trend runs",
    },
    ProgramInput {
        field: Field::Ceiling,
        label: "Ceiling",
        kind: NumberKind::Percent,
        tooltip: "Highest target allowed for a higher-is-better indicator (95% in SM2015)",
    },
    ProgramInput {
        field: Field::Floor,
        label: "Floor",
        kind: NumberKind::Percent,
        tooltip: "Lowest target allowed for a lower-is-better indicator",
    },
    ProgramInput {
        field: Field::RequiredRatio,
        label: "Required benefit-cost ratio",
        kind: NumberKind::Plain,
        tooltip: "R: 1 means benefits must at least cover the cost",
    },
    ProgramInput {
        field: Field::DefaultAnnualChange,
        label: "Default annual change",
        kind: NumberKind::Percent,
        tooltip: "a₀: yearly change without the program where no trend is known (note, footnote 18); lower-is-better rows use −a₀",
    },
];

/// Column titles and what each column is.
const COLUMNS: [(&str, &str); 18] = [
    ("#", "Row"),
    ("Indicator", "Payment indicator"),
    ("Condition", "Values row whose DALYs the indicator improves"),
    (
        "Better",
        "Whether a higher or a lower level is the improvement",
    ),
    ("N", "Population reached by the indicator"),
    ("Baseline", "b: level before the program"),
    (
        "Annual change",
        "a: yearly change without the program, in points; empty uses the default a₀",
    ),
    ("Weight", "w: priority weight (1 = equal)"),
    (
        "= Counterfactual",
        "c = b + L·a: level expected without the program",
    ),
    ("= Model target", "M = c ± w·d (note eq. 4)"),
    ("= Bounded", "Model target held at the ceiling or floor"),
    (
        "Negotiated target",
        "The agreed target; empty uses the model",
    ),
    (
        "Lock",
        "A locked row keeps its target when the others are rebalanced",
    ),
    (
        "= Final target",
        "The negotiated target if set, else the bounded model target",
    ),
    (
        "= Impact",
        "Change the program must cause, in points: ±(final − counterfactual)",
    ),
    ("= Benefit", "Impact × N × V"),
    ("= Share", "Share of the total benefit"),
    (
        "Actions",
        "Goal seek; the … menu resets to the model target, inserts, duplicates, moves and deletes",
    ),
];

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
    program_inputs_ui(ui, document, buffers, &PROGRAM_INPUTS, actions);
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
            .button("Add indicator")
            .on_hover_text("Add a row at the end of the Targets sheet")
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: document.project().indicators.len(),
                    value: new_indicator(document),
                },
                label: "Add indicator".to_owned(),
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
fn new_indicator(document: &Document) -> Indicator {
    Indicator {
        name: format!("Indicator {}", document.project().indicators.len() + 1),
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
    ui.spacing_mut().item_spacing.x = 4.0;
    TableBuilder::new(ui)
        .id_salt("targets")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(24.0))
        .column(Column::initial(230.0).at_least(120.0).clip(true))
        .column(Column::initial(150.0).at_least(80.0).clip(true))
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
        .column(Column::initial(112.0).at_least(100.0))
        .header(40.0, |mut header| header_cells(&mut header, &COLUMNS))
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
                    if explained_cell(ui, text, hover, &format!("{} row {n}", column.title())) {
                        clicked.set(Some(column));
                    }
                };

                row.col(|ui| {
                    ui.label(n.to_string());
                });
                row.col(|ui| {
                    if let Some(name) = text_cell(ui, buffers, (at, Field::Name), &indicator.name, "name", &format!("Indicator row {n}"), problem(Field::Name)) {
                        actions.push(Action::CellEdit {
                            cell: (at, Field::Name),
                            edit: indicator_edit(i, indicator, |v| v.name = name),
                            label: format!("Rename indicator {n}"),
                        });
                    }
                });
                row.col(|ui| {
                    let mut chosen = indicator.condition.clone();
                    let has_problem = problem(Field::Condition).is_some();
                    let shown = if chosen.is_empty() { "(choose)".to_owned() } else { chosen.clone() };
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
                        .accessible_name(format!("Condition row {n}"));
                    if let Some(p) = problem(Field::Condition) {
                        response.on_hover_text(p.reason.as_str());
                    }
                    if chosen != indicator.condition {
                        actions.push(Action::Edit {
                            edit: indicator_edit(i, indicator, |v| v.condition = chosen),
                            label: format!("Link indicator {n} to a condition"),
                        });
                    }
                });
                row.col(|ui| {
                    let mut direction = indicator.direction;
                    let label = |d: Direction| match d {
                        Direction::Higher => "higher",
                        Direction::Lower => "lower",
                    };
                    ComboBox::from_id_salt(("direction", i))
                        .selected_text(label(direction))
                        .width(ui.available_width())
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut direction, Direction::Higher, "higher is better");
                            ui.selectable_value(&mut direction, Direction::Lower, "lower is better");
                        })
                        .response
                        .accessible_name(format!("Direction row {n}"));
                    if direction != indicator.direction {
                        actions.push(Action::Edit {
                            edit: indicator_edit(i, indicator, |v| v.direction = direction),
                            label: format!("Change direction of row {n}"),
                        });
                    }
                });
                let mut number = |ui: &mut Ui, field: Field, value: Option<f64>, kind: NumberKind, optional: bool, hint: &str, column: &str, set: &dyn Fn(&mut Indicator, Option<f64>)| {
                    let key = (at, field);
                    if let Some(typed) = number_cell(ui, buffers, key, value, kind, optional, hint, &format!("{column} row {n}"), problem(field)) {
                        if !optional && typed.is_none() {
                            return;
                        }
                        actions.push(Action::CellEdit {
                            cell: key,
                            edit: indicator_edit(i, indicator, |v| set(v, typed)),
                            label: format!("Edit {} of row {n}", column.to_lowercase()),
                        });
                    }
                };
                row.col(|ui| number(ui, Field::Population, Some(indicator.population), NumberKind::Count, false, "", "N", &|v, x| v.population = x.unwrap_or_default()));
                row.col(|ui| number(ui, Field::Baseline, Some(indicator.baseline), NumberKind::Percent, false, "", "Baseline", &|v, x| v.baseline = x.unwrap_or_default()));
                let default_change = format!("({})", format_percent(indicator.direction.sign() * project.program.default_annual_change, 1));
                row.col(|ui| number(ui, Field::AnnualChange, indicator.annual_change, NumberKind::Percent, true, &default_change, "Annual change", &|v, x| v.annual_change = x));
                row.col(|ui| number(ui, Field::Weight, Some(indicator.weight), NumberKind::Plain, false, "", "Weight", &|v, x| v.weight = x.unwrap_or_default()));
                row.col(|ui| {
                    explained(ui, computed.counterfactual.map_or_else(dash, |c| format_percent(c, 1)).into(), None, Computed::Counterfactual);
                });
                row.col(|ui| {
                    explained(ui, targets.map_or_else(dash, |t| format_percent(t.model_target, 1)).into(), None, Computed::ModelTarget);
                });
                row.col(|ui| match targets {
                    Some(t) if t.bound.is_some() => {
                        let (word, bound_name) = match t.bound {
                            Some(Bound::Floor) => ("floor", "floor"),
                            _ => ("ceiling", "ceiling"),
                        };
                        let text = RichText::new(format!("{} {word}", format_percent(t.bounded_target, 1))).color(bound_color(ui)).strong();
                        let hover = format!("Held at the {bound_name}: the model target is {}", format_percent(t.model_target, 1));
                        explained(ui, text, Some(&hover), Computed::Bounded);
                    }
                    Some(t) => explained(ui, format_percent(t.bounded_target, 1).into(), None, Computed::Bounded),
                    None => explained(ui, dash().into(), None, Computed::Bounded),
                });
                row.col(|ui| number(ui, Field::NegotiatedTarget, indicator.negotiated_target, NumberKind::Percent, true, "model", "Negotiated target", &|v, x| v.negotiated_target = x));
                row.col(|ui| {
                    let mut locked = indicator.locked;
                    let response = ui.checkbox(&mut locked, "").accessible_name(format!("Lock row {n}"));
                    let response = response.on_hover_text(if indicator.locked { "Locked: a rebalance keeps this target" } else { "Lock this row's target" });
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
                    if ui.small_button("Goal seek").accessible_name(format!("Goal seek row {n}")).on_hover_text("Set this row's target so that the benefit-cost ratio is exactly the required one, all other rows as they are").clicked() {
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
            .button("Reset to model target")
            .on_hover_text("Clear the negotiated target and unlock: the model target applies again")
            .clicked()
        {
            actions.push(Action::ResetRow(i));
        }
        ui.separator();
        if ui.button("Insert a row below").clicked() {
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: i + 1,
                    value: new_indicator(document),
                },
                label: format!("Insert indicator below row {n}"),
            });
        }
        if ui.button("Duplicate row").clicked() {
            let mut copy = indicator.clone();
            copy.name = format!("{} (copy)", copy.name);
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: i + 1,
                    value: copy,
                },
                label: format!("Duplicate row {n}"),
            });
        }
        if ui
            .add_enabled(i > 0, egui::Button::new("Move up"))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::MoveIndicator { from: i, to: i - 1 },
                label: format!("Move row {n} up"),
            });
        }
        if ui
            .add_enabled(i + 1 < rows, egui::Button::new("Move down"))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::MoveIndicator { from: i, to: i + 1 },
                label: format!("Move row {n} down"),
            });
        }
        ui.separator();
        if ui.button("Delete row").clicked() {
            actions.push(Action::Edit {
                edit: Edit::RemoveIndicator { row: i },
                label: format!("Delete indicator {n}"),
            });
        }
    })
    .response
    .accessible_name(format!("Row menu row {n}"));
}
