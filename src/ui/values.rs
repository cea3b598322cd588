//! The Values sheet: GNI per capita, the value of a DALY, discounting, and one row per health
//! condition with its DALYs and population, then the computed value of one unit of improvement.

use egui::{Align, ComboBox, Layout, Ui};
use egui_extras::{Column, TableBuilder};

use super::Action;
use super::cells::{
    CellBuffers, NumberKind, computed_cell, dash, header_cells, number_cell, text_cell,
};
use super::program::{ProgramInput, program_inputs_ui};
use crate::document::{Document, Edit};
use crate::model::{Condition, Field, Location, Program, Timing};
use crate::text::format_fixed;

const PROGRAM_INPUTS: [ProgramInput; 4] = [
    ProgramInput {
        field: Field::GniPerCapita,
        label: "GNI per capita",
        kind: NumberKind::Amount,
        tooltip: "G: gross national income per person (World Bank)",
    },
    ProgramInput {
        field: Field::DalyMultiple,
        label: "Value of a DALY (× GNI)",
        kind: NumberKind::Plain,
        tooltip: "k: 1 is conservative, 3 the upper bound (WHO Commission on Macroeconomics and Health)",
    },
    ProgramInput {
        field: Field::DiscountRate,
        label: "Discount rate",
        kind: NumberKind::Percent,
        tooltip: "r: yearly discount rate of the benefit stream (12% in the note)",
    },
    ProgramInput {
        field: Field::HorizonYears,
        label: "Horizon (years)",
        kind: NumberKind::Plain,
        tooltip: "H: years over which benefits accrue (20 in the note)",
    },
];

const COLUMNS: [(&str, &str); 9] = [
    ("#", "Row"),
    (
        "Condition",
        "Health condition; indicators link to it by this name",
    ),
    (
        "Population group",
        "Age-sex group the DALYs and the population refer to",
    ),
    (
        "DALYs",
        "D: total disability-adjusted life years for the condition in the group (WHO)",
    ),
    ("Population", "P: population of the group (census)"),
    ("= DALYs per capita", "D / P"),
    (
        "= Unit value v",
        "v = k · G · D / P: value of one full unit (100 points) of improvement for one person",
    ),
    (
        "= Value V (present)",
        "V = v · A: present value over the horizon at the discount rate",
    ),
    ("Actions", "Insert, delete and move"),
];

/// The Values sheet.
pub fn values_ui(
    ui: &mut Ui,
    document: &Document,
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    program_inputs_ui(ui, document, buffers, &PROGRAM_INPUTS, actions);
    let program = &document.project().program;
    ui.horizontal(|ui| {
        ui.label("Benefits counted")
            .on_hover_text("End of year is Excel's PV and NPV, as in the note's tool");
        let mut timing = program.timing;
        ComboBox::from_id_salt("timing")
            .selected_text(timing_label(timing))
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut timing,
                    Timing::EndOfYear,
                    timing_label(Timing::EndOfYear),
                );
                ui.selectable_value(
                    &mut timing,
                    Timing::StartOfYear,
                    timing_label(Timing::StartOfYear),
                );
            })
            .response
            .accessible_name("Timing of benefits");
        if timing != program.timing {
            actions.push(Action::Edit {
                edit: Edit::Program(Program {
                    timing,
                    ..program.clone()
                }),
                label: "Change timing of benefits".to_owned(),
            });
        }
        let factor = document
            .outcome()
            .present_value_factor
            .map_or_else(|| "—".to_owned(), |a| format!("{a:.6}"));
        ui.label(format!("Present value factor A = {factor}"))
            .on_hover_text("A = Σ (1+r)^−t for t = 1…H: present value of 1 a year");
        if ui
            .button("Add condition")
            .on_hover_text("Add a row at the end of the Values sheet")
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::InsertCondition {
                    row: document.project().conditions.len(),
                    value: new_condition(document),
                },
                label: "Add condition".to_owned(),
            });
        }
    });
    ui.add_space(4.0);
    egui::ScrollArea::horizontal()
        .id_salt("values-h")
        .show(ui, |ui| {
            values_table(ui, document, buffers, actions);
        });
}

fn timing_label(timing: Timing) -> &'static str {
    match timing {
        Timing::EndOfYear => "at the end of each year",
        Timing::StartOfYear => "at the start of each year",
    }
}

fn new_condition(document: &Document) -> Condition {
    Condition {
        name: format!("Condition {}", document.project().conditions.len() + 1),
        ..Condition::default()
    }
}

fn values_table(
    ui: &mut Ui,
    document: &Document,
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    let project = document.project();
    let outcome = document.outcome();
    let row_height = ui.spacing().interact_size.y + 8.0;
    TableBuilder::new(ui)
        .id_salt("values")
        .striped(true)
        .resizable(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(26.0))
        .column(Column::initial(240.0).at_least(120.0).clip(true))
        .column(Column::initial(220.0).at_least(100.0).clip(true))
        .columns(Column::initial(110.0).at_least(80.0).clip(true), 2)
        .columns(Column::initial(120.0).at_least(80.0).clip(true), 3)
        .column(Column::initial(90.0).at_least(90.0))
        .header(40.0, |mut header| header_cells(&mut header, &COLUMNS))
        .body(|body| {
            body.rows(row_height, project.conditions.len(), |mut row| {
                let j = row.index();
                let condition = &project.conditions[j];
                let at = Location::Condition(j);
                let n = j + 1;
                let problem = |field| outcome.problem_at(at, field);
                let edit = |change: &dyn Fn(&mut Condition)| {
                    let mut value = condition.clone();
                    change(&mut value);
                    Edit::Condition { row: j, value }
                };
                row.col(|ui| {
                    ui.label(n.to_string());
                });
                row.col(|ui| {
                    if let Some(name) = text_cell(ui, buffers, (at, Field::Name), &condition.name, "name", &format!("Condition row {n}"), problem(Field::Name)) {
                        actions.push(Action::RenameCondition { cell: (at, Field::Name), row: j, name });
                    }
                });
                row.col(|ui| {
                    if let Some(group) = text_cell(ui, buffers, (at, Field::Group), &condition.group, "e.g. Women 15-59", &format!("Population group row {n}"), problem(Field::Group)) {
                        actions.push(Action::CellEdit {
                            cell: (at, Field::Group),
                            edit: edit(&|v| v.group = group.clone()),
                            label: format!("Edit population group of row {n}"),
                        });
                    }
                });
                for (field, value, column) in [(Field::Dalys, condition.dalys, "DALYs"), (Field::Population, condition.population, "Population")] {
                    row.col(|ui| {
                        let typed = number_cell(ui, buffers, (at, field), Some(value), NumberKind::Count, false, "", &format!("{column} row {n}"), problem(field));
                        if let Some(Some(typed)) = typed {
                            actions.push(Action::CellEdit {
                                cell: (at, field),
                                edit: edit(&|v| match field {
                                    Field::Dalys => v.dalys = typed,
                                    _ => v.population = typed,
                                }),
                                label: format!("Edit {} of row {n}", column.to_lowercase()),
                            });
                        }
                    });
                }
                let values = outcome.conditions.get(j).copied().flatten();
                row.col(|ui| computed_cell(ui, values.map_or_else(dash, |v| format!("{:.6}", v.dalys_per_capita)), None));
                row.col(|ui| computed_cell(ui, values.map_or_else(dash, |v| format_fixed(v.unit_value, 2)), None));
                row.col(|ui| computed_cell(ui, values.map_or_else(dash, |v| format_fixed(v.present_value, 2)), None));
                row.col(|ui| {
                    let rows = project.conditions.len();
                    ui.menu_button("…", |ui| {
                        if ui.button("Insert a row below").clicked() {
                            actions.push(Action::Edit { edit: Edit::InsertCondition { row: j + 1, value: new_condition(document) }, label: format!("Insert condition below row {n}") });
                        }
                        if ui.add_enabled(j > 0, egui::Button::new("Move up")).clicked() {
                            actions.push(Action::Edit { edit: Edit::MoveCondition { from: j, to: j - 1 }, label: format!("Move condition {n} up") });
                        }
                        if ui.add_enabled(j + 1 < rows, egui::Button::new("Move down")).clicked() {
                            actions.push(Action::Edit { edit: Edit::MoveCondition { from: j, to: j + 1 }, label: format!("Move condition {n} down") });
                        }
                        ui.separator();
                        let linked = project.indicators.iter().filter(|i| i.condition == condition.name).count();
                        let delete = ui.button("Delete row");
                        let delete = if linked > 0 { delete.on_hover_text(format!("{linked} indicators link to this condition; they will show a problem until relinked")) } else { delete };
                        if delete.clicked() {
                            actions.push(Action::Edit { edit: Edit::RemoveCondition { row: j }, label: format!("Delete condition {n}") });
                        }
                    })
                    .response
                    .accessible_name(format!("Row menu condition {n}"));
                });
            });
        });
}
