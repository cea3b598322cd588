//! Program-level inputs shown above the grids (C, L, GNI per capita, …), labelled with the
//! schema's titles.

use egui::Ui;

use super::Action;
use super::cells::{CellBuffers, NumberKind, number_cell};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::mark::Marked;
use crate::model::{Field, Location, Program};
use crate::schema::{self, Column, Words};
use crate::tr;

/// One program input shown above a grid: which input, how it is typed, and a tooltip.
pub struct ProgramInput {
    pub input: schema::ProgramInput,
    pub kind: NumberKind,
    pub tooltip: Words,
}

impl ProgramInput {
    fn field(&self) -> Field {
        self.input.field().unwrap_or(Field::TotalCost)
    }
}

/// The program with one field set; `None` when the value cannot be held by the field at all
/// (a horizon is a whole number of years). Whether the value is usable is the document's
/// gate's question.
fn set(program: &Program, field: Field, value: f64) -> Option<Program> {
    let mut program = program.clone();
    match field {
        Field::TotalCost => program.total_cost = value,
        Field::ProgramYears => program.program_years = value,
        Field::GniPerCapita => program.gni_per_capita = value,
        Field::DalyMultiple => program.daly_multiple = value,
        Field::DiscountRate => program.discount_rate = value,
        Field::HorizonYears => {
            if value.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&value) {
                return None;
            }
            // Whole and within u32, so the conversion is exact.
            program.horizon_years = value as u32;
        }
        Field::Ceiling => program.ceiling = value,
        Field::Floor => program.floor = value,
        Field::RequiredRatio => program.required_ratio = value,
        Field::DefaultAnnualChange => program.default_annual_change = value,
        _ => return None,
    }
    Some(program)
}

/// Labelled cells for `inputs`, laid out in a wrapping row.
pub fn program_inputs_ui(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    inputs: &[ProgramInput],
    actions: &mut Vec<Action>,
) {
    let program = &document.project().program;
    ui.horizontal_wrapped(|ui| {
        for input in inputs {
            let field = input.field();
            let key = (Location::Program, field);
            let label = input.input.title().get(lang);
            ui.label(label).on_hover_text(input.tooltip.get(lang));
            let problem = document.outcome().problem_at(Location::Program, field);
            let width = if input.kind == NumberKind::Amount {
                110.0
            } else {
                70.0
            };
            ui.scope(|ui| {
                ui.set_width(width);
                let value = program.value(field);
                let marked = (Location::Program, Marked::Input(field));
                let typed = super::marked::marked(ui, document, lang, marked, |ui| {
                    number_cell(
                        ui, buffers, key, value, input.kind, false, "", label, problem,
                    )
                });
                if let Some(Some(value)) = typed {
                    match set(program, field, value) {
                        Some(changed) => actions.push(Action::CellEdit {
                            cell: key,
                            edit: Edit::Program(changed),
                        }),
                        None => buffers.reject(
                            key,
                            tr!(
                                lang,
                                "{value} is not a whole number of years",
                                "{value} no es un número entero de años"
                            ),
                        ),
                    }
                }
            });
            ui.add_space(12.0);
        }
    });
}
