//! The Targets sheet: program inputs C, L, ceiling, floor, R and a₀, then one row per payment
//! indicator with its inputs, the computed targets and the negotiation actions.

use egui::{Align, ComboBox, Id, Layout, RichText, Ui};

use super::Action;
use super::cells::{
    CellBuffers, NumberKind, bound_color, dash, explained_cell, locked_cell, number_cell, text_cell,
};
use super::commands::UiCommand;
use super::program::{ProgramInput, program_inputs_ui};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::{Bound, Direction, Field, Indicator, Location, TargetPrecision};
use crate::present::explain::Column as Computed;
use crate::schema::{self, Words};
use crate::text::{format_amount, format_percent, format_target};
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

/// Column titles and what each column is.
fn columns(lang: Lang) -> [(&'static str, &'static str); 18] {
    [
        ("#", lang.t("Row", "Fila")),
        (
            lang.t("Indicator", "Indicador"),
            lang.t("Payment indicator", "Indicador de pago"),
        ),
        (
            lang.t("Condition", "Condición"),
            lang.t(
                "Values row whose DALYs the indicator improves",
                "Fila de Valores cuyos AVAD mejora el indicador",
            ),
        ),
        (
            lang.t("Better", "Mejor"),
            lang.t(
                "Whether a higher or a lower level is the improvement",
                "Si la mejora es un nivel mayor o menor",
            ),
        ),
        (
            "N",
            lang.t(
                "Population reached by the indicator",
                "Población alcanzada por el indicador",
            ),
        ),
        (
            lang.t("Baseline", "Línea de base"),
            lang.t("b: level before the program", "b: nivel antes del programa"),
        ),
        (
            lang.t("Annual change", "Cambio anual"),
            lang.t(
                "a: yearly change without the program, in points; empty uses the default a₀",
                "a: cambio anual sin el programa, en puntos; vacío usa el valor por defecto a₀",
            ),
        ),
        (
            lang.t("Weight", "Peso"),
            lang.t(
                "w: priority weight (1 = equal)",
                "w: peso de prioridad (1 = igual)",
            ),
        ),
        (
            lang.t("= Counterfactual", "= Contrafactual"),
            lang.t(
                "c = b + L·a: level expected without the program",
                "c = b + L·a: nivel esperado sin el programa",
            ),
        ),
        (
            lang.t("= Model target", "= Meta del modelo"),
            lang.t("M = c ± w·d (note eq. 4)", "M = c ± w·d (nota, ec. 4)"),
        ),
        (
            lang.t("= Bounded", "= Acotada"),
            lang.t(
                "Model target held at the ceiling or floor",
                "Meta del modelo detenida en el techo o el piso",
            ),
        ),
        (
            lang.t("Negotiated target", "Meta negociada"),
            lang.t(
                "The agreed target; empty uses the model",
                "La meta acordada; vacío usa el modelo",
            ),
        ),
        (
            lang.t("Lock", "Fijar"),
            lang.t(
                "A locked row keeps its target when the others are rebalanced",
                "Una fila fijada conserva su meta cuando se reequilibran las demás",
            ),
        ),
        (
            lang.t("= Final target", "= Meta final"),
            lang.t(
                "The negotiated target if set, else the bounded model target",
                "La meta negociada si existe; si no, la meta del modelo acotada",
            ),
        ),
        (
            lang.t("= Impact", "= Impacto"),
            lang.t(
                "Change the program must cause, in points: ±(final − counterfactual)",
                "Cambio que el programa debe causar, en puntos: ±(final − contrafactual)",
            ),
        ),
        (
            lang.t("= Benefit", "= Beneficio"),
            lang.t("Impact × N × V", "Impacto × N × V"),
        ),
        (
            lang.t("= Share", "= Parte"),
            lang.t("Share of the total benefit", "Parte del beneficio total"),
        ),
        (
            lang.t("Actions", "Acciones"),
            lang.t(
                "Goal seek; the … menu resets to the model target, inserts, duplicates, moves and \
                    deletes",
                "Buscar objetivo; el menú … vuelve a la meta del modelo, inserta, duplica, mueve \
                    y borra",
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
    targets_table(ui, lang, document, buffers, view, actions);
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

/// The grid's columns, in order; the first two stay in place while the rest scroll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Row,
    Indicator,
    Condition,
    Direction,
    Population,
    Baseline,
    AnnualChange,
    Weight,
    Counterfactual,
    ModelTarget,
    Bounded,
    Negotiated,
    Lock,
    Final,
    Impact,
    Benefit,
    Share,
    Actions,
}

const COLUMNS: [Col; 18] = [
    Col::Row,
    Col::Indicator,
    Col::Condition,
    Col::Direction,
    Col::Population,
    Col::Baseline,
    Col::AnnualChange,
    Col::Weight,
    Col::Counterfactual,
    Col::ModelTarget,
    Col::Bounded,
    Col::Negotiated,
    Col::Lock,
    Col::Final,
    Col::Impact,
    Col::Benefit,
    Col::Share,
    Col::Actions,
];

/// The grid's columns and their widths (initial, least): no narrower than the longest word of
/// their title, so that titles wrap between words only.
fn table_columns(ui: &Ui, titles: &[(&str, &str)], actions_width: f32) -> Vec<egui_table::Column> {
    let word_width = |title: &str| super::cells::longest_word_width(ui, title);
    let widths: [(f32, f32); 18] = [
        (32.0, 28.0),
        (210.0, 120.0),
        (130.0, 80.0),
        (80.0, 70.0),
        (78.0, 56.0),
        (72.0, 56.0),
        (96.0, 70.0),
        (56.0, 44.0),
        (98.0, 60.0),
        (72.0, 56.0),
        (104.0, 70.0),
        (96.0, 70.0),
        (44.0, 40.0),
        (88.0, 60.0),
        (72.0, 50.0),
        (96.0, 60.0),
        (64.0, 50.0),
        (actions_width, actions_width),
    ];
    widths
        .iter()
        .zip(titles)
        .enumerate()
        .map(|(i, (&(initial, least), &(title, _)))| {
            let least = least.max(word_width(title));
            egui_table::Column::new(initial.max(least))
                .range(least..=1200.0)
                .resizable(i != 0)
                .id(Id::unique(("targets-column", i)))
        })
        .collect()
}

fn targets_table(
    ui: &mut Ui,
    lang: Lang,
    document: &Document,
    buffers: &mut CellBuffers,
    view: &mut TargetsView,
    actions: &mut Vec<Action>,
) {
    // The actions column holds the goal-seek button and the row menu, whatever the language.
    let goal_seek = egui::WidgetText::from(lang.t("Goal seek", "Buscar objetivo"))
        .into_galley(ui, None, f32::INFINITY, egui::TextStyle::Button)
        .size()
        .x;
    let actions_width = goal_seek + 2.0 * ui.spacing().button_padding.x + 48.0;
    let row_height = ui.spacing().interact_size.y + 5.0;
    // Column widths are remembered per project (by its file, or its name before a save).
    let project_key = document.path().map_or_else(
        || document.project().metadata.program_name.clone(),
        |p| p.display().to_string(),
    );
    let titles = columns(lang);
    let table_columns = table_columns(ui, &titles, actions_width);
    let mut table = egui_table::Table::new()
        .id_salt(("targets", project_key))
        .num_rows(document.project().indicators.len() as u64)
        .columns(table_columns.clone())
        .num_sticky_cols(2)
        .headers([egui_table::HeaderRow::new(40.0)])
        .auto_size_mode(egui_table::AutoSizeMode::Never);
    // A project seen for the first time starts with these widths (egui_table would otherwise
    // size every column to its content); after that, the widths dragged are kept.
    let id = table.get_id(ui);
    if egui_table::TableState::load(ui.ctx(), id).is_none() {
        let mut state = egui_table::TableState::default();
        for (i, column) in table_columns.iter().enumerate() {
            state.col_widths.insert(column.id_for(i), column.current);
        }
        state.store(ui.ctx(), id);
    }
    if std::mem::take(&mut view.scroll_home) && !document.project().indicators.is_empty() {
        table = table
            .scroll_to_column(2, Some(Align::LEFT))
            .scroll_to_row(0, Some(Align::TOP));
    }
    let mut delegate = TargetsGrid {
        lang,
        document,
        buffers,
        actions,
        row_height,
        columns: titles,
    };
    table.show(ui, &mut delegate);
}

/// Draws the Targets grid's cells for egui_table.
struct TargetsGrid<'a> {
    lang: Lang,
    document: &'a Document,
    buffers: &'a mut CellBuffers,
    actions: &'a mut Vec<Action>,
    row_height: f32,
    columns: [(&'static str, &'static str); 18],
}

impl egui_table::TableDelegate for TargetsGrid<'_> {
    fn header_cell_ui(&mut self, ui: &mut Ui, cell: &egui_table::HeaderCellInfo) {
        let Some(&(title, tooltip)) = self.columns.get(cell.col_range.start) else {
            return;
        };
        egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(4, 2))
            .show(ui, |ui| {
                let text = if title.starts_with('=') {
                    RichText::new(title).italics()
                } else {
                    RichText::new(title)
                };
                // Titles wrap at words only: a column is at least as wide as its longest word.
                let response = ui.add(egui::Label::new(text.strong()).wrap());
                if !tooltip.is_empty() {
                    response.on_hover_text(tooltip);
                }
            });
    }

    fn row_ui(&mut self, ui: &mut Ui, row_nr: u64) {
        if row_nr % 2 == 1 {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().faint_bg_color);
        }
    }

    fn cell_ui(&mut self, ui: &mut Ui, cell: &egui_table::CellInfo) {
        let Some(&column) = COLUMNS.get(cell.col_nr) else {
            return;
        };
        let i = cell.row_nr as usize;
        egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(2, 2))
            .show(ui, |ui| {
                ui.set_height(self.row_height - 4.0);
                ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                    self.cell(ui, i, column);
                });
            });
    }

    fn default_row_height(&self) -> f32 {
        self.row_height
    }
}

impl TargetsGrid<'_> {
    fn cell(&mut self, ui: &mut Ui, i: usize, column: Col) {
        let lang = self.lang;
        let document = self.document;
        let project = document.project();
        let outcome = document.outcome();
        let Some(indicator) = project.indicators.get(i) else {
            return;
        };
        let computed = outcome.indicators.get(i).copied().unwrap_or_default();
        let targets = computed.targets;
        let at = Location::Indicator(i);
        let n = i + 1;
        let problem = |field| outcome.problem_at(at, field);
        let locked = indicator.locked;
        let explained = |ui: &mut Ui,
                         text: RichText,
                         hover: Option<&str>,
                         column: Computed,
                         actions: &mut Vec<Action>| {
            if explained_cell(
                ui,
                lang,
                text,
                hover,
                &tr!(lang, "{} row {n}", "{} fila {n}", column.title(lang)),
            ) {
                actions.push(Action::Explain { row: i, column });
            }
        };
        match column {
            Col::Row => {
                let text = if locked {
                    tr!(lang, "{n} (locked)", "{n} (fijada)")
                } else {
                    n.to_string()
                };
                ui.label(n.to_string()).on_hover_text(text);
            }
            Col::Indicator => {
                let name = tr!(lang, "Indicator row {n}", "Indicador fila {n}");
                if locked {
                    locked_cell(ui, lang, &indicator.name, &name, Align::Min);
                } else if let Some(new) = text_cell(
                    ui,
                    self.buffers,
                    (at, Field::Name),
                    &indicator.name,
                    lang.t("name", "nombre"),
                    &name,
                    problem(Field::Name),
                ) {
                    self.actions.push(Action::CellEdit {
                        cell: (at, Field::Name),
                        edit: indicator_edit(i, indicator, |v| v.name = new),
                    });
                }
            }
            Col::Condition => {
                let mut chosen = indicator.condition.clone();
                let has_problem = problem(Field::Condition).is_some();
                let shown = if chosen.is_empty() {
                    lang.t("(choose)", "(elegir)").to_owned()
                } else {
                    chosen.clone()
                };
                let text = if has_problem {
                    RichText::new(shown)
                        .color(super::cells::error_fill(ui))
                        .strong()
                } else {
                    RichText::new(shown)
                };
                let response = ui
                    .add_enabled_ui(!locked, |ui| {
                        ComboBox::from_id_salt(("condition", i))
                            .selected_text(text)
                            .width(ui.available_width())
                            .truncate()
                            .show_ui(ui, |ui| {
                                for condition in &project.conditions {
                                    ui.selectable_value(
                                        &mut chosen,
                                        condition.name.clone(),
                                        format!("{} — {}", condition.name, condition.group),
                                    );
                                }
                            })
                            .response
                    })
                    .inner
                    .accessible_name(tr!(lang, "Condition row {n}", "Condición fila {n}"));
                let response = response.on_hover_text(indicator.condition.as_str());
                if let Some(p) = problem(Field::Condition) {
                    response.on_hover_text(crate::present::problem::reason(p, lang));
                }
                if chosen != indicator.condition {
                    self.actions.push(Action::Edit {
                        edit: indicator_edit(i, indicator, |v| v.condition = chosen),
                        deed: Deed::Edit {
                            at,
                            field: Field::Condition,
                        },
                    });
                }
            }
            Col::Direction => {
                let mut direction = indicator.direction;
                ui.add_enabled_ui(!locked, |ui| {
                    ComboBox::from_id_salt(("direction", i))
                        .selected_text(direction_word(lang, direction))
                        .width(ui.available_width())
                        .show_ui(ui, |ui| {
                            ui.selectable_value(
                                &mut direction,
                                Direction::Higher,
                                lang.t("higher is better", "mayor es mejor"),
                            );
                            ui.selectable_value(
                                &mut direction,
                                Direction::Lower,
                                lang.t("lower is better", "menor es mejor"),
                            );
                        })
                        .response
                        .accessible_name(tr!(lang, "Direction row {n}", "Dirección fila {n}"));
                });
                if direction != indicator.direction {
                    self.actions.push(Action::Edit {
                        edit: indicator_edit(i, indicator, |v| v.direction = direction),
                        deed: Deed::Edit {
                            at,
                            field: Field::Direction,
                        },
                    });
                }
            }
            Col::Population => self.number(
                ui,
                i,
                Field::Population,
                Some(indicator.population),
                NumberKind::Count,
                false,
                "",
                "N",
                &|v, x| v.population = x.unwrap_or_default(),
            ),
            Col::Baseline => self.number(
                ui,
                i,
                Field::Baseline,
                Some(indicator.baseline),
                NumberKind::Percent,
                false,
                "",
                lang.t("Baseline", "Línea de base"),
                &|v, x| v.baseline = x.unwrap_or_default(),
            ),
            Col::AnnualChange => {
                // The default trend reads as a default, with its sign: "default +1.0%".
                let default = indicator.direction.sign() * project.program.default_annual_change;
                let sign = if default >= 0.0 { "+" } else { "" };
                let hint = tr!(
                    lang,
                    "{sign}{} default",
                    "{sign}{} por defecto",
                    format_percent(default, 1)
                );
                self.number(
                    ui,
                    i,
                    Field::AnnualChange,
                    indicator.annual_change,
                    NumberKind::Percent,
                    true,
                    &hint,
                    lang.t("Annual change", "Cambio anual"),
                    &|v, x| v.annual_change = x,
                );
            }
            Col::Weight => self.number(
                ui,
                i,
                Field::Weight,
                Some(indicator.weight),
                NumberKind::Plain,
                false,
                "",
                lang.t("Weight", "Peso"),
                &|v, x| v.weight = x.unwrap_or_default(),
            ),
            Col::Counterfactual => explained(
                ui,
                computed
                    .counterfactual
                    .map_or_else(dash, |c| format_percent(c, 1))
                    .into(),
                None,
                Computed::Counterfactual,
                self.actions,
            ),
            Col::ModelTarget => explained(
                ui,
                targets
                    .map_or_else(dash, |t| format_percent(t.model_target, 1))
                    .into(),
                None,
                Computed::ModelTarget,
                self.actions,
            ),
            Col::Bounded => match targets {
                Some(targets) if targets.bound.is_some() => {
                    let (word, hover) = match targets.bound {
                        Some(Bound::Floor) => (
                            lang.t("floor", "piso"),
                            tr!(
                                lang,
                                "Held at the floor: the model target is {}",
                                "Detenida en el piso: la meta del modelo es {}",
                                format_percent(targets.model_target, 1)
                            ),
                        ),
                        _ => (
                            lang.t("ceiling", "techo"),
                            tr!(
                                lang,
                                "Held at the ceiling: the model target is {}",
                                "Detenida en el techo: la meta del modelo es {}",
                                format_percent(targets.model_target, 1)
                            ),
                        ),
                    };
                    let text = RichText::new(format!(
                        "{} {word}",
                        format_percent(targets.bounded_target, 1)
                    ))
                    .color(bound_color(ui))
                    .strong();
                    explained(ui, text, Some(&hover), Computed::Bounded, self.actions);
                }
                Some(t) => explained(
                    ui,
                    format_percent(t.bounded_target, 1).into(),
                    None,
                    Computed::Bounded,
                    self.actions,
                ),
                None => explained(ui, dash().into(), None, Computed::Bounded, self.actions),
            },
            Col::Negotiated => self.number(
                ui,
                i,
                Field::NegotiatedTarget,
                indicator.negotiated_target,
                NumberKind::Target,
                true,
                lang.t("model", "modelo"),
                lang.t("Negotiated target", "Meta negociada"),
                &|v, x| v.negotiated_target = x,
            ),
            Col::Lock => {
                let mut checked = locked;
                let response = ui.checkbox(&mut checked, "").accessible_name(tr!(
                    lang,
                    "Lock row {n}",
                    "Fijar fila {n}"
                ));
                let response = response.on_hover_text(if locked {
                    lang.t(
                        "Locked: the target was \
                    agreed; a rebalance keeps it, and its cells cannot be typed over. Untick to \
                    edit.",
                        "Fijada: la meta fue \
                    acordada; el reequilibrio la conserva y sus celdas no se pueden \
                    sobrescribir. Desmarque para editar.",
                    )
                } else {
                    lang.t("Lock this row's target", "Fijar la meta de esta fila")
                });
                if response.changed() {
                    self.actions.push(Action::SetLocked {
                        row: i,
                        locked: checked,
                    });
                }
            }
            Col::Final => {
                let text = targets.map_or_else(dash, |t| format_target(t.final_target));
                explained(
                    ui,
                    RichText::new(text).strong(),
                    None,
                    Computed::FinalTarget,
                    self.actions,
                );
            }
            Col::Impact => explained(
                ui,
                targets
                    .map_or_else(dash, |t| {
                        tr!(lang, "{:.1} pts", "{:.1} pts", t.impact * 100.0)
                    })
                    .into(),
                None,
                Computed::Impact,
                self.actions,
            ),
            Col::Benefit => explained(
                ui,
                targets
                    .map_or_else(dash, |t| format_amount(t.benefit))
                    .into(),
                None,
                Computed::Benefit,
                self.actions,
            ),
            Col::Share => explained(
                ui,
                targets
                    .and_then(|t| t.share_of_benefit)
                    .map_or_else(dash, |s| format_percent(s, 1))
                    .into(),
                None,
                Computed::Share,
                self.actions,
            ),
            Col::Actions => {
                let seek = ui
                    .add_enabled(
                        !locked,
                        egui::Button::new(lang.t("Goal seek", "Buscar objetivo")).small(),
                    )
                    .accessible_name(tr!(lang, "Goal seek row {n}", "Buscar objetivo fila {n}"))
                    .on_hover_text(lang.t(
                        "Set this row's target so that the benefit-cost ratio \
                        is exactly the required one, all other rows as they are",
                        "Fijar la meta de \
                        esta fila para que la relación beneficio-costo sea exactamente la \
                        exigida, con las demás filas como están",
                    ));
                if seek.clicked() {
                    self.actions.push(Action::GoalSeek(i));
                }
                row_menu(
                    ui,
                    lang,
                    i,
                    project.indicators.len(),
                    indicator,
                    document,
                    self.actions,
                );
            }
        }
    }

    /// A number cell of row `i`: editable, or read-only when the row is locked.
    #[allow(clippy::too_many_arguments)]
    fn number(
        &mut self,
        ui: &mut Ui,
        i: usize,
        field: Field,
        value: Option<f64>,
        kind: NumberKind,
        optional: bool,
        hint: &str,
        column: &str,
        set: &dyn Fn(&mut Indicator, Option<f64>),
    ) {
        let lang = self.lang;
        let project = self.document.project();
        let indicator = &project.indicators[i];
        let at = Location::Indicator(i);
        let key = (at, field);
        let n = i + 1;
        let name = tr!(lang, "{column} row {n}", "{column} fila {n}");
        if indicator.locked {
            let text = value
                .map(|v| kind.format(v))
                .unwrap_or_else(|| hint.to_owned());
            locked_cell(ui, lang, &text, &name, Align::Max);
            return;
        }
        let problem = self.document.outcome().problem_at(at, field);
        if let Some(typed) = number_cell(
            ui,
            self.buffers,
            key,
            value,
            kind,
            optional,
            hint,
            &name,
            problem,
        ) {
            if !optional && typed.is_none() {
                return;
            }
            self.actions.push(Action::CellEdit {
                cell: key,
                edit: indicator_edit(i, indicator, |v| set(v, typed)),
            });
        }
    }
}

/// The word for a direction in the grid, as the export writes it.
pub fn direction_word(lang: Lang, direction: Direction) -> &'static str {
    match direction {
        Direction::Higher => lang.t("higher", "mayor"),
        Direction::Lower => lang.t("lower", "menor"),
    }
}

fn row_menu(
    ui: &mut Ui,
    lang: Lang,
    i: usize,
    rows: usize,
    indicator: &Indicator,
    document: &Document,
    actions: &mut Vec<Action>,
) {
    let n = i + 1;
    let locked = indicator.locked;
    ui.menu_button("…", |ui| {
        if ui
            .add_enabled(
                !locked,
                egui::Button::new(lang.t("Reset to model target", "Volver a la meta del modelo")),
            )
            .on_hover_text(lang.t(
                "Clear the negotiated target and unlock: the model target applies again",
                "Borrar la meta negociada y liberar: vuelve a aplicarse la meta del modelo",
            ))
            .clicked()
        {
            actions.push(Action::ResetRow(i));
        }
        ui.separator();
        if ui
            .button(lang.t("Insert a row below", "Insertar una fila debajo"))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: i + 1,
                    value: new_indicator(lang, document),
                },
                deed: Deed::InsertBelow(Location::Indicator(i)),
            });
        }
        if ui
            .button(lang.t("Duplicate row", "Duplicar fila"))
            .clicked()
        {
            let mut copy = indicator.clone();
            copy.name = tr!(lang, "{} (copy)", "{} (copia)", copy.name);
            actions.push(Action::Edit {
                edit: Edit::InsertIndicator {
                    row: i + 1,
                    value: copy,
                },
                deed: Deed::Duplicate(Location::Indicator(i)),
            });
        }
        if ui
            .add_enabled(i > 0, egui::Button::new(lang.t("Move up", "Subir")))
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::MoveIndicator { from: i, to: i - 1 },
                deed: Deed::Move {
                    at: Location::Indicator(i),
                    up: true,
                },
            });
        }
        if ui
            .add_enabled(
                i + 1 < rows,
                egui::Button::new(lang.t("Move down", "Bajar")),
            )
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::MoveIndicator { from: i, to: i + 1 },
                deed: Deed::Move {
                    at: Location::Indicator(i),
                    up: false,
                },
            });
        }
        ui.separator();
        if ui
            .add_enabled(
                !locked,
                egui::Button::new(lang.t("Delete row", "Borrar fila")),
            )
            .clicked()
        {
            actions.push(Action::Edit {
                edit: Edit::RemoveIndicator { row: i },
                deed: Deed::Delete(Location::Indicator(i)),
            });
        }
    })
    .response
    .accessible_name(tr!(lang, "Row menu row {n}", "Menú de la fila {n}"));
}
