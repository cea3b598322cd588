//! The Values sheet: GNI per capita, the value of a DALY, discounting, and one row per health
//! condition with its DALYs and population, then the computed value of one unit of improvement.

use egui::{Align, ComboBox, Layout, Ui};
use egui_extras::{Column, TableBuilder};

use super::Action;
use super::cells::{
    CellBuffers, NumberKind, computed_cell, dash, header_cells, number_cell, schema_titles,
    text_cell,
};
use super::marked::marked as marked_cell;
use super::program::{ProgramInput, program_inputs_ui};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::mark::Marked;
use crate::model::{Condition, Field, Location, Program, Timing};
use crate::schema::{self, Column as _, ValuesColumn, Words};
use crate::text::format_fixed;
use crate::tr;

fn program_inputs() -> [ProgramInput; 4] {
    [
        ProgramInput {
            input: schema::ProgramInput::GniPerCapita,
            kind: NumberKind::Amount,
            tooltip: Words::new(
                "G: gross national income per person (World Bank)",
                "G: ingreso nacional bruto por persona (Banco Mundial)",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::DalyMultiple,
            kind: NumberKind::Plain,
            tooltip: Words::new(
                "k: 1 is conservative, 3 the upper bound (WHO Commission on Macroeconomics and \
                    Health)",
                "k: 1 es conservador, 3 el límite superior (Comisión sobre Macroeconomía y Salud \
                    de la OMS)",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::DiscountRate,
            kind: NumberKind::Percent,
            tooltip: Words::new(
                "r: yearly discount rate of the benefit stream (12% in the note)",
                "r: tasa anual de descuento del flujo de beneficios (12% en la nota)",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::HorizonYears,
            kind: NumberKind::Plain,
            tooltip: Words::new(
                "H: years over which benefits accrue (20 in the note)",
                "H: años durante los que se acumulan los beneficios (20 en la nota)",
            ),
        },
    ]
}

/// The grid's columns, between the row number and the actions.
const COLUMNS: [ValuesColumn; 7] = [
    ValuesColumn::Condition,
    ValuesColumn::Group,
    ValuesColumn::Dalys,
    ValuesColumn::Population,
    ValuesColumn::DalysPerCapita,
    ValuesColumn::UnitValue,
    ValuesColumn::PresentValue,
];

fn columns(lang: Lang) -> Vec<(String, &'static str)> {
    let actions = (
        lang.t("Actions", "Acciones"),
        lang.t("Insert, delete and move", "Insertar, borrar y mover"),
    );
    schema_titles(lang, &COLUMNS, Some(actions))
}

/// The Values sheet.
pub fn values_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    actions: &mut Vec<Action>,
) {
    program_inputs_ui(ui, lang, document, buffers, &program_inputs(), actions);
    let program = &document.project().program;
    ui.horizontal(|ui| {
        let benefits_counted = schema::ProgramInput::Timing.title().get(lang);
        ui.label(benefits_counted).on_hover_text(lang.t(
            "End of year is Excel's PV and NPV, as in the note's tool",
            "Fin de año es VA y VNA de Excel, como en la herramienta de la nota",
        ));
        let mut timing = program.timing;
        ComboBox::from_id_salt("timing")
            .selected_text(timing_label(lang, timing))
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut timing,
                    Timing::EndOfYear,
                    timing_label(lang, Timing::EndOfYear),
                );
                ui.selectable_value(
                    &mut timing,
                    Timing::StartOfYear,
                    timing_label(lang, Timing::StartOfYear),
                );
            })
            .response
            .accessible_name(benefits_counted);
        if timing != program.timing {
            actions.push(Action::Edit {
                edit: Edit::Program(Program {
                    timing,
                    ..program.clone()
                }),
                deed: Deed::Edit {
                    at: Location::Program,
                    field: Field::Timing,
                },
            });
        }
        let factor = document
            .outcome()
            .present_value_factor
            .map_or_else(|| "—".to_owned(), |a| format!("{a:.6}"));
        ui.label(tr!(
            lang,
            "Present value factor A = {factor}",
            "Factor de valor presente A = {factor}"
        ))
        .on_hover_text(lang.t(
            "A = Σ (1+r)^−t for t = 1…H: present value of 1 a year",
            "A = Σ (1+r)^−t para t = 1…H: valor presente de 1 por año",
        ));
        if ui
            .button(lang.t("Add condition", "Agregar condición"))
            .on_hover_text(lang.t(
                "Add a row at the end of the Values sheet",
                "Agregar una fila al final de la hoja Valores",
            ))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::InsertCondition {
                    row: document.project().conditions.len(),
                    value: new_condition(lang, document),
                },
                deed: Deed::AddRow(Location::Condition(document.project().conditions.len())),
            });
        }
    });
    ui.add_space(4.0);
    egui::ScrollArea::horizontal()
        .id_salt("values-h")
        .show(ui, |ui| {
            values_table(ui, lang, document, buffers, actions);
        });
}

fn timing_label(lang: Lang, timing: Timing) -> &'static str {
    match timing {
        Timing::EndOfYear => lang.t("at the end of each year", "al final de cada año"),
        Timing::StartOfYear => lang.t("at the start of each year", "al inicio de cada año"),
    }
}

pub(super) fn new_condition(lang: Lang, document: &Document) -> Condition {
    Condition {
        name: tr!(
            lang,
            "Condition {}",
            "Condición {}",
            document.project().conditions.len() + 1
        ),
        ..Condition::default()
    }
}

fn values_table(
    ui: &mut Ui,
    lang: Lang,
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
        .header(40.0, |mut header| header_cells(&mut header, &columns(lang)))
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
                    if let Some(name) = text_cell(
                        ui,
                        buffers,
                        (at, Field::Name),
                        &condition.name,
                        lang.t("name", "nombre"),
                        &ValuesColumn::Condition.cell_name(j, lang),
                        problem(Field::Name),
                    ) {
                        actions.push(Action::RenameCondition {
                            cell: (at, Field::Name),
                            row: j,
                            name,
                        });
                    }
                });
                row.col(|ui| {
                    if let Some(group) = text_cell(
                        ui,
                        buffers,
                        (at, Field::Group),
                        &condition.group,
                        lang.t("e.g. Women 15-59", "p. ej. Mujeres 15-59"),
                        &ValuesColumn::Group.cell_name(j, lang),
                        problem(Field::Group),
                    ) {
                        actions.push(Action::CellEdit {
                            cell: (at, Field::Group),
                            edit: edit(&|v| v.group = group.clone()),
                        });
                    }
                });
                for (field, value, column) in [
                    (Field::Dalys, condition.dalys, ValuesColumn::Dalys),
                    (
                        Field::Population,
                        condition.population,
                        ValuesColumn::Population,
                    ),
                ] {
                    row.col(|ui| {
                        let marked = (at, Marked::Input(field));
                        let typed = marked_cell(ui, document, lang, marked, |ui| {
                            number_cell(
                                ui,
                                buffers,
                                (at, field),
                                Some(value),
                                NumberKind::Count,
                                false,
                                "",
                                &column.cell_name(j, lang),
                                problem(field),
                            )
                        });
                        if let Some(Some(typed)) = typed {
                            actions.push(Action::CellEdit {
                                cell: (at, field),
                                edit: edit(&|v| match field {
                                    Field::Dalys => v.dalys = typed,
                                    _ => v.population = typed,
                                }),
                            });
                        }
                    });
                }
                let values = outcome.conditions.get(j).copied().flatten();
                row.col(|ui| {
                    computed_cell(
                        ui,
                        values.map_or_else(dash, |v| format!("{:.6}", v.dalys_per_capita)),
                        None,
                    )
                });
                row.col(|ui| {
                    computed_cell(
                        ui,
                        values.map_or_else(dash, |v| format_fixed(v.unit_value, 2)),
                        None,
                    )
                });
                row.col(|ui| {
                    computed_cell(
                        ui,
                        values.map_or_else(dash, |v| format_fixed(v.present_value, 2)),
                        None,
                    )
                });
                row.col(|ui| {
                    let rows = project.conditions.len();
                    ui.menu_button("…", |ui| {
                        if ui
                            .button(lang.t("Insert a row below", "Insertar una fila debajo"))
                            .clicked()
                        {
                            actions.push(Action::Edit {
                                edit: Edit::InsertCondition {
                                    row: j + 1,
                                    value: new_condition(lang, document),
                                },
                                deed: Deed::InsertBelow(Location::Condition(j)),
                            });
                        }
                        if ui
                            .add_enabled(j > 0, egui::Button::new(lang.t("Move up", "Subir")))
                            .clicked()
                        {
                            actions.push(Action::Edit {
                                edit: Edit::MoveCondition { from: j, to: j - 1 },
                                deed: Deed::Move {
                                    at: Location::Condition(j),
                                    up: true,
                                },
                            });
                        }
                        if ui
                            .add_enabled(
                                j + 1 < rows,
                                egui::Button::new(lang.t("Move down", "Bajar")),
                            )
                            .clicked()
                        {
                            actions.push(Action::Edit {
                                edit: Edit::MoveCondition { from: j, to: j + 1 },
                                deed: Deed::Move {
                                    at: Location::Condition(j),
                                    up: false,
                                },
                            });
                        }
                        ui.separator();
                        let linked = project
                            .indicators
                            .iter()
                            .filter(|i| i.condition == condition.name)
                            .count();
                        let delete = ui.button(lang.t("Delete row", "Borrar fila"));
                        let delete = if linked > 0 {
                            delete.on_hover_text(tr!(
                                lang,
                                "{linked} indicators \
                            link to this condition; they will show a problem until relinked",
                                "{linked} \
                            indicadores están vinculados a esta condición; mostrarán un problema \
                            hasta que se vuelvan a vincular"
                            ))
                        } else {
                            delete
                        };
                        if delete.clicked() {
                            actions.push(Action::Edit {
                                edit: Edit::RemoveCondition { row: j },
                                deed: Deed::Delete(Location::Condition(j)),
                            });
                        }
                    })
                    .response
                    .accessible_name(tr!(
                        lang,
                        "Row menu condition {n}",
                        "Menú de la fila condición {n}"
                    ));
                });
            });
        });
}
