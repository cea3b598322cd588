//! Grid cells: editable numbers and text, and computed values that look different and cannot be
//! edited. A cell keeps the text being typed; text that does not parse or that the model
//! rejects stays red with the reason on hover, and the model keeps its last good value.

use std::collections::HashMap;

use egui::text::CCursorRange;
use egui::{Align, Color32, Id, RichText, TextEdit, Ui};

use crate::i18n::Lang;
use crate::model::{Field, Location, Problem, Severity};
use crate::paste::Grid;
use crate::text::{
    ParseError, format_amount, format_number, format_percent, parse_number, parse_percent,
};
use crate::tr;

/// A cell of the document: which row (or the program inputs) and which field.
pub type CellKey = (Location, Field);

/// The unique merge key of a cell, so that keystrokes in it form one undo step.
pub fn merge_key(key: CellKey) -> String {
    format!("{:?}/{:?}", key.0, key.1)
}

/// How a number cell reads and shows its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A proportion shown as a percentage (the rule of `crate::text`).
    Percent,
    /// Money, rounded to the unit.
    Amount,
    /// People or DALYs.
    Count,
    /// A plain number: weights, ratios, years.
    Plain,
    /// A target: a percentage shown with the decimals it was agreed with (57.25 %).
    Target,
}

impl NumberKind {
    fn parse(self, text: &str) -> Result<f64, ParseError> {
        match self {
            NumberKind::Percent | NumberKind::Target => parse_percent(text),
            NumberKind::Amount | NumberKind::Count | NumberKind::Plain => parse_number(text),
        }
    }

    /// The value as a cell shows it; never "NaN" or "inf".
    pub fn format(self, value: f64) -> String {
        if !value.is_finite() {
            return String::new();
        }
        match self {
            NumberKind::Percent => format_percent(value, 1),
            NumberKind::Target => crate::text::format_target(value),
            NumberKind::Amount | NumberKind::Count => format_amount(value),
            NumberKind::Plain => format_number(value),
        }
    }
}

/// A block of Values or Targets cells chosen with Shift+click or Shift+↑/↓, for Ctrl+C: rows
/// and columns (indices into [`Grid::columns`]) from the anchor to the extent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub grid: Grid,
    pub anchor: (usize, usize),
    pub extent: (usize, usize),
}

impl Selection {
    pub fn rows(&self) -> std::ops::RangeInclusive<usize> {
        self.anchor.0.min(self.extent.0)..=self.anchor.0.max(self.extent.0)
    }

    pub fn columns(&self) -> std::ops::RangeInclusive<usize> {
        self.anchor.1.min(self.extent.1)..=self.anchor.1.max(self.extent.1)
    }

    pub fn contains(&self, row: usize, column: usize) -> bool {
        self.rows().contains(&row) && self.columns().contains(&column)
    }

    /// True when the block is more than one cell (one cell copies as its text field does).
    pub fn is_block(&self) -> bool {
        self.anchor != self.extent
    }

    /// The grid of cell `key` and its (row, column), if it is in a column a block covers.
    pub fn cell_of(key: CellKey) -> Option<(Grid, (usize, usize))> {
        let (grid, row) = Grid::of(key.0)?;
        grid.column_of(key.1).map(|column| (grid, (row, column)))
    }
}

/// Text being typed in a cell, and why the model does not take it (if it does not).
#[derive(Clone, Debug, Default)]
struct Buffer {
    text: String,
    error: Option<String>,
}

/// The text of cells being edited, by cell.
#[derive(Debug, Default)]
pub struct CellBuffers {
    buffers: HashMap<CellKey, Buffer>,
    /// The last rejected cell and why, for the status line: a hover tooltip is invisible to a
    /// room reading the projector.
    last_rejection: Option<(CellKey, String)>,
    /// Cells just clicked: their text is selected when the text field appears.
    select_on_edit: std::collections::HashSet<CellKey>,
    /// The cell that last took the keyboard focus, so that keys can be routed to it without
    /// searching the grid for its id.
    last_focused: Option<CellKey>,
    /// The block of Targets cells Ctrl+C copies, when more than the focused cell is chosen.
    pub selection: Option<Selection>,
    /// Text typed this frame that is not a value at all: the document goes back to the value
    /// before typing until it is corrected.
    unreadable: Option<(CellKey, ParseError)>,
    /// The language the cells' messages are written in (the window's).
    pub lang: Lang,
}

impl CellBuffers {
    /// No cell being edited; messages in `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            ..Self::default()
        }
    }

    /// Moves the keyboard focus to `key`'s cell, its text selected so that typing replaces
    /// it, as a spreadsheet does when the arrow keys or Enter move to another cell.
    pub fn focus_cell(&mut self, ctx: &egui::Context, key: CellKey) {
        self.selection = None;
        ctx.memory_mut(|m| m.request_focus(cell_id(key)));
        self.select_on_edit.insert(key);
        self.last_focused = Some(key);
    }

    /// The cell that last took the keyboard focus.
    pub fn last_focused(&self) -> Option<CellKey> {
        self.last_focused
    }

    fn is_selected(&self, key: CellKey) -> bool {
        // Most frames have no block: the cell is not looked up then.
        let Some(selection) = self.selection.filter(Selection::is_block) else {
            return false;
        };
        Selection::cell_of(key).is_some_and(|(grid, (row, column))| {
            selection.grid == grid && selection.contains(row, column)
        })
    }

    /// The cell whose widget is `id`, if it is the one that last took the focus.
    pub fn cell_with_id(&self, id: Id) -> Option<CellKey> {
        self.last_focused.filter(|&key| cell_id(key) == id)
    }

    /// Marks the text typed in `key` as rejected, with the reason.
    pub fn reject(&mut self, key: CellKey, reason: String) {
        self.buffers.entry(key).or_default().error = Some(reason.clone());
        self.last_rejection = Some((key, reason));
    }

    /// Marks the text typed in `key` as not a value at all (it does not parse).
    fn refuse_text(&mut self, key: CellKey, error: ParseError) {
        self.reject(key, error.message(self.lang));
        self.unreadable = Some((key, error));
    }

    /// Text typed this frame that does not parse, taken once.
    pub fn take_unreadable(&mut self) -> Option<(CellKey, ParseError)> {
        self.unreadable.take()
    }

    /// Marks the text typed in `key` as taken by the model.
    pub fn accept(&mut self, key: CellKey) {
        if let Some(buffer) = self.buffers.get_mut(&key) {
            buffer.error = None;
        }
        if self.last_rejection.as_ref().is_some_and(|(k, _)| *k == key) {
            self.last_rejection = None;
        }
    }

    /// Forgets every typed text, e.g. after undo or opening a file.
    pub fn clear(&mut self) {
        self.buffers.clear();
        self.last_rejection = None;
    }

    /// "Targets row 2, baseline: …" for the last text a cell did not take.
    pub fn rejection_message(&self) -> Option<String> {
        let lang = self.lang;
        let ((location, field), reason) = self.last_rejection.as_ref()?;
        let place = crate::present::problem::place(*location, lang);
        let field = crate::present::problem::field_label(*field, lang);
        Some(tr!(
            lang,
            "{place}, {field}: {reason} — leaving the cell keeps the value it held before typing.",
            "{place}, {field}: {reason} — al salir de la celda se conserva el valor que tenía \
             antes."
        ))
    }

    /// The reason the text typed in a cell was rejected, if it was.
    pub fn rejection(&self, key: CellKey) -> Option<&str> {
        self.buffers.get(&key).and_then(|b| b.error.as_deref())
    }
}

/// Colours that stay readable on a projector in both themes.
pub fn error_fill(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(110, 20, 20)
    } else {
        Color32::from_rgb(255, 200, 200)
    }
}

pub fn warning_fill(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(100, 75, 0)
    } else {
        Color32::from_rgb(255, 236, 179)
    }
}

/// Colour of text that flags a bound.
pub fn bound_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 180, 60)
    } else {
        Color32::from_rgb(170, 90, 0)
    }
}

/// An editable number cell. `value` is `None` for an empty optional cell; `hint` is shown
/// when it is empty. Returns what was typed when it parses (`Some(None)`: an optional cell was
/// emptied); text that does not parse stays in the cell, red, with the reason on hover.
#[allow(clippy::too_many_arguments)]
pub fn number_cell(
    ui: &mut Ui,
    buffers: &mut CellBuffers,
    key: CellKey,
    value: Option<f64>,
    kind: NumberKind,
    optional: bool,
    hint: &str,
    name: &str,
    problem: Option<&Problem>,
) -> Option<Option<f64>> {
    let formatted = value.map(|v| kind.format(v)).unwrap_or_default();
    let typed = text_cell_inner(
        ui,
        buffers,
        key,
        &formatted,
        hint,
        name,
        problem,
        Align::Max,
    )?;
    let result = if optional && typed.trim().is_empty() {
        Ok(None)
    } else {
        kind.parse(&typed).map(Some)
    };
    match result {
        Ok(parsed) => {
            buffers.accept(key);
            Some(parsed)
        }
        Err(error) => {
            buffers.refuse_text(key, error);
            None
        }
    }
}

/// An editable text cell; returns the new text when it changed.
pub fn text_cell(
    ui: &mut Ui,
    buffers: &mut CellBuffers,
    key: CellKey,
    value: &str,
    hint: &str,
    name: &str,
    problem: Option<&Problem>,
) -> Option<String> {
    let typed = text_cell_inner(ui, buffers, key, value, hint, name, problem, Align::Min)?;
    buffers.accept(key);
    Some(typed)
}

/// The widget id of an editable cell, the same whether it is shown as text or being edited.
pub fn cell_id(key: CellKey) -> Id {
    Id::unique(("cell", key))
}

#[allow(clippy::too_many_arguments)]
fn text_cell_inner(
    ui: &mut Ui,
    buffers: &mut CellBuffers,
    key: CellKey,
    value: &str,
    hint: &str,
    name: &str,
    problem: Option<&Problem>,
    align: Align,
) -> Option<String> {
    let id = cell_id(key);
    let focused = ui.memory(|m| m.has_focus(id));
    // Once the cell is left and the model took its text, show the model's own formatting.
    if !focused && buffers.buffers.get(&key).is_some_and(|b| b.error.is_none()) {
        buffers.buffers.remove(&key);
    }
    let mut text = buffers
        .buffers
        .get(&key)
        .map_or_else(|| value.to_owned(), |b| b.text.clone());
    let rejection = buffers.rejection(key).map(str::to_owned);
    let lang = buffers.lang;
    let reason = |p: &Problem| crate::present::problem::reason(p, lang);
    let error = rejection.clone().or_else(|| {
        problem
            .filter(|p| p.severity == Severity::Error)
            .map(reason)
    });
    let warning = problem
        .filter(|p| p.severity == Severity::Warning)
        .map(reason);
    let fill = if error.is_some() {
        Some(error_fill(ui))
    } else if warning.is_some() {
        Some(warning_fill(ui))
    } else if buffers.is_selected(key) {
        Some(ui.visuals().selection.bg_fill.gamma_multiply(0.5))
    } else {
        None
    };
    if !focused {
        // A cell not being edited is drawn as text in a box, not as a text field: a grid shows
        // hundreds of cells and only one is edited at a time. A click (or Tab) focuses the id,
        // and the next frame shows the text field in its place with its text selected.
        display_cell(
            ui,
            buffers,
            key,
            id,
            &text,
            hint,
            name,
            fill,
            align,
            error.as_ref().or(warning.as_ref()),
        );
        return None;
    }
    // A cell entered from another (Enter, an arrow, a click) has its text selected before the
    // text field sees this frame's keys, so that what is typed replaces it even when it
    // arrives in the same frame as the move.
    let entered = buffers.select_on_edit.remove(&key);
    if entered {
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(CCursorRange::select_all_str(&text)));
        state.store(ui.ctx(), id);
    }
    let mut edit = TextEdit::singleline(&mut text)
        .id(id)
        .hint_text(hint)
        .align(egui::Align2([align, Align::Center]))
        .desired_width(ui.available_width());
    if let Some(fill) = fill {
        edit = edit.background_color(fill);
    }
    let mut output = edit.show(ui);
    if (entered || output.response.gained_focus()) && !output.response.changed() {
        // As in a spreadsheet, typing into a cell replaces what it held.
        output
            .state
            .cursor
            .set_char_range(Some(CCursorRange::select_all_str(&text)));
        output.state.clone().store(ui.ctx(), id);
    } else if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F2)) {
        // F2 edits in place: the cursor goes to the end of the text instead of replacing it.
        let end = egui::text::CCursor::new(text.chars().count());
        output
            .state
            .cursor
            .set_char_range(Some(CCursorRange::one(end)));
        output.state.clone().store(ui.ctx(), id);
    }
    let mut response = output.response.response.clone().accessible_name(name);
    if let Some(reason) = error.as_ref().or(warning.as_ref()) {
        response = response.on_hover_text(reason.as_str());
    }
    if response.changed() {
        buffers.buffers.insert(
            key,
            Buffer {
                text: text.clone(),
                error: None,
            },
        );
        return Some(text);
    }
    None
}

/// A cell that is not being edited: its text in an input-looking box.
#[allow(clippy::too_many_arguments)]
fn display_cell(
    ui: &mut Ui,
    buffers: &mut CellBuffers,
    key: CellKey,
    id: Id,
    text: &str,
    hint: &str,
    name: &str,
    fill: Option<Color32>,
    align: Align,
    hover: Option<&String>,
) {
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    // The space only: the one widget is the cell's own, with its id.
    let (_, rect) = ui.allocate_space(size);
    let response = ui.interact(rect, id, egui::Sense::click());
    let visuals = ui.style().interact(&response);
    let painter = ui.painter_at(rect);
    painter.rect(
        rect,
        visuals.corner_radius,
        fill.unwrap_or(ui.visuals().extreme_bg_color),
        visuals.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let (shown, color) = if text.is_empty() {
        (hint, ui.visuals().weak_text_color())
    } else {
        (text, ui.visuals().text_color())
    };
    let margin = 4.0;
    // Cut with "…" when it does not fit; the whole text shows on hover.
    let galley = egui::WidgetText::from(RichText::new(shown).color(color)).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        rect.width() - 2.0 * margin,
        egui::TextStyle::Body,
    );
    let cut = galley.elided;
    let x = match align {
        Align::Max => rect.right() - margin - galley.size().x,
        _ => rect.left() + margin,
    };
    let y = rect.center().y - galley.size().y / 2.0;
    painter.galley(egui::pos2(x, y), galley, color);
    let mut response = response.accessible_name(name);
    if let Some(reason) = hover {
        response = response.on_hover_text(reason.as_str());
    } else if cut {
        response = response.on_hover_text(text);
    }
    if response.clicked() || response.has_focus() {
        // Shift+click on another Targets cell chooses the block from the cell that had the
        // focus to this one, as in a spreadsheet.
        if response.clicked() && ui.input(|i| i.modifiers.shift) {
            let from = buffers
                .selection
                .map(|s| (s.grid, s.anchor))
                .or_else(|| buffers.last_focused.and_then(Selection::cell_of));
            buffers.selection = match (from, Selection::cell_of(key)) {
                (Some((grid, anchor)), Some((same, extent))) if grid == same => Some(Selection {
                    grid,
                    anchor,
                    extent,
                }),
                _ => None,
            };
        } else {
            buffers.selection = None;
        }
        response.request_focus();
        buffers.select_on_edit.insert(key);
        buffers.last_focused = Some(key);
        ui.ctx().request_repaint();
    }
}

/// An input of a locked row: its value, not editable, named like the cell it stands for.
pub fn locked_cell(ui: &mut Ui, lang: Lang, text: &str, name: &str, align: Align) {
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, false, name));
    let painter = ui.painter_at(rect);
    painter.rect_stroke(
        rect,
        2.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let galley = egui::WidgetText::from(RichText::new(text).color(ui.visuals().text_color()))
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            rect.width() - 8.0,
            egui::TextStyle::Body,
        );
    let x = match align {
        Align::Max => rect.right() - 4.0 - galley.size().x,
        _ => rect.left() + 4.0,
    };
    painter.galley(
        egui::pos2(x, rect.center().y - galley.size().y / 2.0),
        galley,
        ui.visuals().text_color(),
    );
    response.accessible_name(name).on_hover_text(tr!(
        lang,
        "{text} — locked: the target was agreed. Untick Lock to edit.",
        "{text} — fijada: la meta fue acordada. Desmarque Fijar para editar."
    ));
}

/// A computed value: not editable, on a tinted background, right-aligned.
pub fn computed_cell(ui: &mut Ui, text: impl Into<RichText>, hover: Option<&str>) {
    computed_frame(ui, |ui| {
        let response = ui.label(text.into());
        if let Some(hover) = hover {
            response.on_hover_text(hover);
        }
    });
}

/// The tinted, right-aligned frame of a computed number.
fn computed_frame<R>(ui: &mut Ui, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    let fill = ui.visuals().faint_bg_color;
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(4, 2))
        .show(ui, |ui| {
            ui.with_layout(egui::Layout::right_to_left(Align::Center), add_contents)
                .inner
        })
        .inner
}

/// A computed number that explains itself: clicking it (or Enter on it) asks for its formula.
/// Returns true when clicked.
///
/// Painted directly rather than as a frame around a button: a Targets grid shows seven of
/// these in every visible row, and a frame and a button each lay out a child of their own.
pub fn explained_cell(
    ui: &mut Ui,
    lang: Lang,
    text: impl Into<RichText>,
    hover: Option<&str>,
    accessible_name: &str,
) -> bool {
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    let (_, rect) = ui.allocate_space(size);
    // The one widget: focusable (Tab, then Enter) like a button, and named like the cell.
    let response = ui.interact(
        rect,
        Id::unique(("explained", accessible_name)),
        egui::Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, accessible_name));
    let visuals = ui.visuals();
    let fill = if response.hovered() || response.has_focus() {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        visuals.faint_bg_color
    };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, fill);
    if response.has_focus() {
        painter.rect_stroke(
            rect,
            0.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let margin = 4.0;
    let galley = egui::WidgetText::from(text.into()).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        rect.width() - 2.0 * margin,
        egui::TextStyle::Body,
    );
    let position = egui::pos2(
        rect.right() - margin - galley.size().x,
        rect.center().y - galley.size().y / 2.0,
    );
    // The brighter text of a widget, as the button these cells once were had.
    painter.galley(position, galley, visuals.widgets.inactive.text_color());
    // The tooltip's text is made only while the pointer is on the cell.
    let response = response.on_hover_ui(|ui| {
        if let Some(hover) = hover {
            ui.label(hover);
        }
        ui.label(lang.t(
            "Click to see how it is computed.",
            "Haga clic para ver cómo se calcula.",
        ));
    });
    response.clicked()
}

/// A computed sentence: not editable, tinted, left-aligned, the whole text on hover.
pub fn computed_text(ui: &mut Ui, text: impl Into<RichText>) {
    let text = text.into();
    let full = text.text().to_owned();
    let fill = ui.visuals().faint_bg_color;
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(4, 2))
        .show(ui, |ui| {
            let response = ui.add(egui::Label::new(text).truncate());
            if !full.is_empty() {
                response.on_hover_text(full);
            }
        });
}

/// The header cells of a grid: each title bold (computed columns, whose title starts with
/// "=", in italics), wrapped, with what the column is on hover.
pub fn header_cells(header: &mut egui_extras::TableRow<'_, '_>, columns: &[(String, &str)]) {
    for (title, tooltip) in columns {
        header.col(|ui| {
            let text = if title.starts_with('=') {
                RichText::new(title).italics()
            } else {
                RichText::new(title)
            };
            let response = ui.add(egui::Label::new(text.strong()).wrap());
            if !tooltip.is_empty() {
                response.on_hover_text(*tooltip);
            }
        });
    }
}

/// Grid titles of `columns` from the schema ("= " before a computed one) with what each is,
/// between the row number's "#" and, if given, a last column of the grid's own.
pub fn schema_titles<C: crate::schema::Column>(
    lang: Lang,
    columns: &[C],
    last: Option<(&'static str, &'static str)>,
) -> Vec<(String, &'static str)> {
    let mut titles = vec![("#".to_owned(), lang.t("Row", "Fila"))];
    titles.extend(
        columns
            .iter()
            .map(|c| (c.grid_title(lang), c.describe().get(lang))),
    );
    titles.extend(last.map(|(title, tooltip)| (title.to_owned(), tooltip)));
    titles
}

/// The width of the longest word of a column title, with room for margins and italics: a
/// column at least this wide wraps its title between words only.
pub fn longest_word_width(ui: &Ui, title: &str) -> f32 {
    title
        .split_whitespace()
        .map(|word| {
            egui::WidgetText::from(RichText::new(word).strong())
                .into_galley(ui, None, f32::INFINITY, egui::TextStyle::Body)
                .size()
                .x
        })
        .fold(0.0, f32::max)
        + 18.0
}

/// What a cell shows when there is no value.
pub fn dash() -> String {
    "—".to_owned()
}
