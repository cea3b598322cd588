//! The Targets sheet: program inputs C, L, ceiling, floor, R and a₀, then one row per payment
//! indicator with its inputs, the computed targets and the negotiation actions.

mod grid;

use egui::{ComboBox, RichText, Ui};

use super::Action;
use super::cells::{CellBuffers, NumberKind};
use super::commands::UiCommand;
use super::program::{ProgramInput, program_inputs_ui};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::{Field, Indicator, Location, TargetPrecision};
use crate::schema::{self, Words};
use crate::text::{format_amount, format_percent};
use crate::tr;

fn program_inputs() -> [ProgramInput; 6] {
    [
        ProgramInput {
            input: schema::ProgramInput::TotalCost,
            kind: NumberKind::Amount,
            tooltip: Words::new(
                "C: donor plus counterpart funding (and any performance tranche)",
                "C: financiamiento del donante más la contrapartida (y cualquier tramo de \
                    desempeño)",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::ProgramYears,
            kind: NumberKind::Plain,
            tooltip: Words::new(
                "L: years over which the counterfactual trend runs",
                "L: años durante los que corre la tendencia contrafactual",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::Ceiling,
            kind: NumberKind::Percent,
            tooltip: Words::new(
                "Highest target allowed for a higher-is-better indicator (95% in SM2015)",
                "Meta más alta permitida para un indicador en que más es mejor (95% en SM2015)",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::Floor,
            kind: NumberKind::Percent,
            tooltip: Words::new(
                "Lowest target allowed for a lower-is-better indicator",
                "Meta más baja permitida para un indicador en que menos es mejor",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::RequiredRatio,
            kind: NumberKind::Plain,
            tooltip: Words::new(
                "R: 1 means benefits must at least cover the cost",
                "R: 1 significa que los beneficios deben al menos cubrir el costo",
            ),
        },
        ProgramInput {
            input: schema::ProgramInput::DefaultAnnualChange,
            kind: NumberKind::Percent,
            tooltip: Words::new(
                "a₀: yearly change without the program where no trend is known (note, footnote \
                    18); lower-is-better rows use −a₀",
                "a₀: cambio anual sin el programa donde no se conoce la tendencia (nota, nota al \
                    pie 18); las filas en que menos es mejor usan −a₀",
            ),
        },
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
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    view: &mut TargetsView,
    actions: &mut Vec<Action>,
) {
    let program = &document.project().program;
    // Closed, the header still says what the inputs are, in one line.
    let currency = document.currency();
    let gist = tr!(
        lang,
        "Program inputs — cost {currency} {} · {} years · ceiling {} · floor {} · required ratio \
            {} · default change {}",
        "Datos del programa — costo {currency} {} · {} años · techo {} · piso {} · relación \
            exigida {} · cambio por defecto {}",
        format_amount(program.total_cost),
        crate::text::format_number(program.program_years),
        format_percent(program.ceiling, 1),
        format_percent(program.floor, 1),
        crate::text::format_number(program.required_ratio),
        format_percent(program.default_annual_change, 1)
    );
    egui::CollapsingHeader::new(RichText::new(gist).strong())
        .id_salt("targets-program-inputs")
        .default_open(true)
        .open(view.open_inputs.take())
        .show(ui, |ui| {
            program_inputs_ui(ui, lang, document, buffers, &program_inputs(), actions);
        });
    ui.horizontal_wrapped(|ui| {
        for command in [
            UiCommand::Rebalance,
            UiCommand::LockNegotiated,
            UiCommand::UnlockAll,
        ] {
            if ui
                .button(command.label(lang))
                .on_hover_text(command.tooltip(lang))
                .clicked()
            {
                actions.push(Action::Command(command));
            }
        }
        if ui
            .button(lang.t("Add indicator", "Agregar indicador"))
            .on_hover_text(lang.t(
                "Add a row at the end of the Targets sheet",
                "Agregar una fila al final de la hoja Metas",
            ))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: document.project().indicators.len(),
                    value: new_indicator(lang, document),
                },
                deed: Deed::AddRow(Location::Indicator(document.project().indicators.len())),
            });
        }
        ui.separator();
        precision_ui(ui, lang, program, actions);
    });
    ui.add_space(2.0);
    grid::targets_table(ui, lang, document, buffers, view, actions);
}

/// "Targets to the nearest: 0.1 point / 1 point / exact", a project setting.
fn precision_ui(
    ui: &mut Ui,
    lang: Lang,
    program: &crate::model::Program,
    actions: &mut Vec<Action>,
) {
    let words = |p: TargetPrecision| match p {
        TargetPrecision::Tenth => lang.t("0.1 point", "0.1 punto"),
        TargetPrecision::Whole => lang.t("1 point", "1 punto"),
        TargetPrecision::Exact => lang.t("unrounded", "sin redondear"),
    };
    ui.label(lang.t(
        "Agreed targets to the nearest",
        "Metas acordadas al más cercano",
    ))
    .on_hover_text(lang.t(
        "Rebalance, goal seek and locking set targets at this precision, rounded toward \
                improvement so that the required ratio still holds; targets typed by hand keep \
                what was typed",
        "Reequilibrar, buscar objetivo y fijar dan metas con esta precisión, redondeadas \
                hacia la mejora para que la relación exigida se siga cumpliendo; las metas \
                escritas a mano conservan lo escrito",
    ));
    let mut chosen = program.target_precision;
    ComboBox::from_id_salt("target-precision")
        .selected_text(words(chosen))
        .show_ui(ui, |ui| {
            for p in [
                TargetPrecision::Tenth,
                TargetPrecision::Whole,
                TargetPrecision::Exact,
            ] {
                ui.selectable_value(&mut chosen, p, words(p));
            }
        })
        .response
        .accessible_name(lang.t(
            "Agreed targets to the nearest",
            "Metas acordadas al más cercano",
        ));
    if chosen != program.target_precision {
        actions.push(Action::Edit {
            edit: Edit::Program(crate::model::Program {
                target_precision: chosen,
                ..program.clone()
            }),
            deed: Deed::Edit {
                at: Location::Program,
                field: Field::TargetPrecision,
            },
        });
    }
}

/// What the Targets grid remembers between frames.
#[derive(Debug, Default)]
pub struct TargetsView {
    /// Scroll back to the first columns on the next frame (the window's first frame, so that
    /// it never opens scrolled to the right).
    pub scroll_home: bool,
    /// Open or close the program inputs on the next frame (projector mode closes them, to
    /// leave the room to the rows).
    pub open_inputs: Option<bool>,
}

/// A new indicator linked to the first condition.
pub(super) fn new_indicator(lang: Lang, document: &Document) -> Indicator {
    Indicator {
        name: tr!(
            lang,
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
