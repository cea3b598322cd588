//! The Targets grid: one row per payment indicator with its inputs, the computed targets and
//! the negotiation actions; the first two columns stay in place while the rest scroll.

use egui::{Align, ComboBox, Id, RichText, Ui};

use super::{TargetsView, indicator_edit, new_indicator};
use crate::document::{Document, Edit};
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::mark::Marked;
use crate::model::{Bound, Direction, Field, Indicator, Location};
use crate::present::explain::Column as Computed;
use crate::schema::{Column, TargetsColumn as T};
use crate::text::{format_amount, format_percent, format_target};
use crate::tr;
use crate::ui::Action;
use crate::ui::cells::{
    CellBuffers, NumberKind, bound_color, dash, explained_cell, locked_cell, number_cell, text_cell,
};

/// A column of the grid: the row number, a column of the Targets table, or the row's actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Row,
    Data(T),
    Actions,
}

/// The grid's columns, in order; the first two stay in place while the rest scroll.
const COLUMNS: [Col; 18] = [
    Col::Row,
    Col::Data(T::Indicator),
    Col::Data(T::Condition),
    Col::Data(T::Direction),
    Col::Data(T::Population),
    Col::Data(T::Baseline),
    Col::Data(T::AnnualChange),
    Col::Data(T::Weight),
    Col::Data(T::Counterfactual),
    Col::Data(T::ModelTarget),
    Col::Data(T::BoundedTarget),
    Col::Data(T::NegotiatedTarget),
    Col::Data(T::Locked),
    Col::Data(T::FinalTarget),
    Col::Data(T::Impact),
    Col::Data(T::Benefit),
    Col::Data(T::Share),
    Col::Actions,
];

/// Each column's title and what it is, from the schema.
fn columns(lang: Lang) -> Vec<(String, &'static str)> {
    COLUMNS
        .iter()
        .map(|column| match column {
            Col::Row => ("#".to_owned(), lang.t("Row", "Fila")),
            Col::Data(c) => (c.grid_title(lang), c.describe().get(lang)),
            Col::Actions => (
                lang.t("Actions", "Acciones").to_owned(),
                lang.t(
                    "Goal seek; the … menu resets to the model target, inserts, duplicates, \
                     moves and deletes",
                    "Buscar objetivo; el menú … vuelve a la meta del modelo, inserta, duplica, \
                     mueve y borra",
                ),
            ),
        })
        .collect()
}

/// The grid's columns and their widths (initial, least): no narrower than the longest word of
/// their title, so that titles wrap between words only.
fn table_columns(
    ui: &Ui,
    titles: &[(String, &str)],
    actions_width: f32,
) -> Vec<egui_table::Column> {
    let word_width = |title: &str| crate::ui::cells::longest_word_width(ui, title);
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
        .map(|(i, (&(initial, least), (title, _)))| {
            let least = least.max(word_width(title));
            egui_table::Column::new(initial.max(least))
                .range(least..=1200.0)
                .resizable(i != 0)
                .id(Id::unique(("targets-column", i)))
        })
        .collect()
}

pub(super) fn targets_table(
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
    columns: Vec<(String, &'static str)>,
}

impl egui_table::TableDelegate for TargetsGrid<'_> {
    fn header_cell_ui(&mut self, ui: &mut Ui, cell: &egui_table::HeaderCellInfo) {
        let Some((title, tooltip)) = self.columns.get(cell.col_range.start) else {
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
                    response.on_hover_text(*tooltip);
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
        let (document, lang) = (self.document, self.lang);
        // The cell's content 2 points inside its rectangle, centred vertically, laid out in
        // the table's own Ui for the cell (left to right, centred): a child Ui per cell would
        // double the grid's widgets.
        let mut draw = |ui: &mut Ui| {
            ui.set_max_width(ui.max_rect().width() - 2.0);
            ui.add_space(2.0);
            self.cell(ui, i, column);
        };
        match marked_field(column) {
            Some(what) => {
                let at = Location::Indicator(i);
                crate::ui::marked::marked(ui, document, lang, (at, what), draw);
            }
            None => draw(ui),
        }
    }

    fn default_row_height(&self) -> f32 {
        self.row_height
    }
}

/// The figure of the mark a column shows, for the columns the mark compares.
fn marked_field(column: Col) -> Option<Marked> {
    Some(match column {
        Col::Data(T::FinalTarget) => Marked::FinalTarget,
        Col::Data(T::Population) => Marked::Input(Field::Population),
        Col::Data(T::Baseline) => Marked::Input(Field::Baseline),
        Col::Data(T::AnnualChange) => Marked::Input(Field::AnnualChange),
        Col::Data(T::Weight) => Marked::Input(Field::Weight),
        Col::Data(T::NegotiatedTarget) => Marked::Input(Field::NegotiatedTarget),
        Col::Data(T::Locked) => Marked::Input(Field::Locked),
        _ => return None,
    })
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
            if explained_cell(ui, lang, text, hover, &column.column().cell_name(i, lang)) {
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
            Col::Data(T::Indicator) => {
                let name = T::Indicator.cell_name(i, lang);
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
            Col::Data(T::Condition) => {
                let mut chosen = indicator.condition.clone();
                let has_problem = problem(Field::Condition).is_some();
                let shown = if chosen.is_empty() {
                    lang.t("(choose)", "(elegir)").to_owned()
                } else {
                    chosen.clone()
                };
                let text = if has_problem {
                    RichText::new(shown)
                        .color(crate::ui::cells::error_fill(ui))
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
                    .accessible_name(T::Condition.cell_name(i, lang));
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
            Col::Data(T::Direction) => {
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
                        .accessible_name(T::Direction.cell_name(i, lang));
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
            Col::Data(T::Population) => self.number(
                ui,
                i,
                Field::Population,
                Some(indicator.population),
                NumberKind::Count,
                false,
                "",
                T::Population,
                &|v, x| v.population = x.unwrap_or_default(),
            ),
            Col::Data(T::Baseline) => self.number(
                ui,
                i,
                Field::Baseline,
                Some(indicator.baseline),
                NumberKind::Percent,
                false,
                "",
                T::Baseline,
                &|v, x| v.baseline = x.unwrap_or_default(),
            ),
            Col::Data(T::AnnualChange) => {
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
                    T::AnnualChange,
                    &|v, x| v.annual_change = x,
                );
            }
            Col::Data(T::Weight) => self.number(
                ui,
                i,
                Field::Weight,
                Some(indicator.weight),
                NumberKind::Plain,
                false,
                "",
                T::Weight,
                &|v, x| v.weight = x.unwrap_or_default(),
            ),
            Col::Data(T::Counterfactual) => explained(
                ui,
                computed
                    .counterfactual
                    .map_or_else(dash, |c| format_percent(c, 1))
                    .into(),
                None,
                Computed::Counterfactual,
                self.actions,
            ),
            Col::Data(T::ModelTarget) => explained(
                ui,
                targets
                    .map_or_else(dash, |t| format_percent(t.model_target, 1))
                    .into(),
                None,
                Computed::ModelTarget,
                self.actions,
            ),
            Col::Data(T::BoundedTarget) => match targets {
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
            Col::Data(T::NegotiatedTarget) => self.number(
                ui,
                i,
                Field::NegotiatedTarget,
                indicator.negotiated_target,
                NumberKind::Target,
                true,
                lang.t("model", "modelo"),
                T::NegotiatedTarget,
                &|v, x| v.negotiated_target = x,
            ),
            Col::Data(T::Locked) => {
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
            Col::Data(T::FinalTarget) => {
                let text = targets.map_or_else(dash, |t| format_target(t.final_target));
                explained(
                    ui,
                    RichText::new(text).strong(),
                    None,
                    Computed::FinalTarget,
                    self.actions,
                );
            }
            Col::Data(T::Impact) => explained(
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
            Col::Data(T::Benefit) => explained(
                ui,
                targets
                    .map_or_else(dash, |t| format_amount(t.benefit))
                    .into(),
                None,
                Computed::Benefit,
                self.actions,
            ),
            Col::Data(T::Share) => explained(
                ui,
                targets
                    .and_then(|t| t.share_of_benefit)
                    .map_or_else(dash, |s| format_percent(s, 1))
                    .into(),
                None,
                Computed::Share,
                self.actions,
            ),
            // Program-level columns of the Targets table are not in the grid.
            Col::Data(T::UnitValue | T::PresentValue | T::ProgramYears)
            | Col::Data(T::TotalCost | T::MinimumImpact) => {}
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
        column: T,
        set: &dyn Fn(&mut Indicator, Option<f64>),
    ) {
        let lang = self.lang;
        let project = self.document.project();
        let indicator = &project.indicators[i];
        let at = Location::Indicator(i);
        let key = (at, field);
        let name = column.cell_name(i, lang);
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
