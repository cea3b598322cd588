//! Program-level inputs shown above the grids (C, L, GNI per capita, …).

use egui::Ui;

use super::Action;
use super::cells::{CellBuffers, NumberKind, number_cell};
use crate::document::{Document, Edit};
use crate::i18n::t;
use crate::model::{Field, Location, Program};
use crate::tf;

/// One program input: which field, its label, how it is typed, and a tooltip.
pub struct ProgramInput {
    pub field: Field,
    pub label: &'static str,
    pub kind: NumberKind,
    pub tooltip: &'static str,
}

/// The value of a program field as a number.
fn get(program: &Program, field: Field) -> f64 {
    match field {
        Field::TotalCost => program.total_cost,
        Field::ProgramYears => program.program_years,
        Field::GniPerCapita => program.gni_per_capita,
        Field::DalyMultiple => program.daly_multiple,
        Field::DiscountRate => program.discount_rate,
        Field::HorizonYears => f64::from(program.horizon_years),
        Field::Ceiling => program.ceiling,
        Field::Floor => program.floor,
        Field::RequiredRatio => program.required_ratio,
        Field::DefaultAnnualChange => program.default_annual_change,
        _ => f64::NAN,
    }
}

/// The program with one field set, or why the value cannot be stored there.
fn set(program: &Program, field: Field, value: f64) -> Result<Program, String> {
    let mut program = program.clone();
    match field {
        Field::TotalCost => program.total_cost = value,
        Field::ProgramYears => program.program_years = value,
        Field::GniPerCapita => program.gni_per_capita = value,
        Field::DalyMultiple => program.daly_multiple = value,
        Field::DiscountRate => program.discount_rate = value,
        Field::HorizonYears => {
            if value.fract() != 0.0 || !(1.0..=200.0).contains(&value) {
                return Err(tf!(
                    "{value} is not a whole number of years from 1 to 200",
                    "{value} no es un número entero de años de 1 a 200"
                ));
            }
            // In range and whole, so the conversion is exact.
            program.horizon_years = value as u32;
        }
        Field::Ceiling => program.ceiling = value,
        Field::Floor => program.floor = value,
        Field::RequiredRatio => program.required_ratio = value,
        Field::DefaultAnnualChange => program.default_annual_change = value,
        _ => {
            return Err(t(
                "this is not a program input",
                "esto no es un dato del programa",
            )
            .to_owned());
        }
    }
    Ok(program)
}

/// Labelled cells for `inputs`, laid out in a wrapping row.
pub fn program_inputs_ui(
    ui: &mut Ui,
    document: &Document,
    buffers: &mut CellBuffers,
    inputs: &[ProgramInput],
    actions: &mut Vec<Action>,
) {
    let program = &document.project().program;
    ui.horizontal_wrapped(|ui| {
        for input in inputs {
            let key = (Location::Program, input.field);
            ui.label(input.label).on_hover_text(input.tooltip);
            let problem = document
                .outcome()
                .problem_at(Location::Program, input.field);
            let width = if input.kind == NumberKind::Amount {
                110.0
            } else {
                70.0
            };
            ui.scope(|ui| {
                ui.set_width(width);
                let typed = number_cell(
                    ui,
                    buffers,
                    key,
                    Some(get(program, input.field)),
                    input.kind,
                    false,
                    "",
                    input.label,
                    problem,
                );
                if let Some(Some(value)) = typed {
                    match set(program, input.field, value) {
                        Ok(changed) => actions.push(Action::CellEdit {
                            cell: key,
                            edit: Edit::Program(changed),
                            label: tf!("Edit {}", "Editar {}", input.label),
                        }),
                        Err(reason) => buffers.reject(key, reason),
                    }
                }
            });
            ui.add_space(12.0);
        }
    });
}
