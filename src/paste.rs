//! Blocks of cells between the grids and a spreadsheet: a block copied from Excel or
//! LibreOffice pasted into the Values or Targets sheet (tab-separated columns, one line per
//! row, numbers as the spreadsheet shows them: "62%", "0,62", "9,750"; a cell holding a line
//! break or a tab comes quoted, as spreadsheets write it), and a block of the grid copied out
//! the same way. A paste is one undo step, or nothing changes and the message says which cell
//! of the block could not be read.

use crate::document::Edit;
use crate::i18n::Lang;
use crate::model::audit::Deed;
use crate::model::{Condition, Field, Indicator, Location, Project};
use crate::schema::{Column, TargetsColumn, ValuesColumn, Words};
use crate::text::{ParseError, parse_number, parse_percent};
use crate::tr;

/// A sheet whose rows take and give blocks of cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grid {
    Values,
    Targets,
}

/// The Values columns a block fills, from left to right.
const VALUES_COLUMNS: [ValuesColumn; 4] = [
    ValuesColumn::Condition,
    ValuesColumn::Group,
    ValuesColumn::Dalys,
    ValuesColumn::Population,
];

/// The Targets columns a block fills, from left to right.
const TARGETS_COLUMNS: [TargetsColumn; 6] = [
    TargetsColumn::Indicator,
    TargetsColumn::Population,
    TargetsColumn::Baseline,
    TargetsColumn::AnnualChange,
    TargetsColumn::Weight,
    TargetsColumn::NegotiatedTarget,
];

/// The field and title of a schema column that takes pasted text.
fn typed<C: Column>(column: C) -> (Field, Words) {
    (column.field().unwrap_or(Field::Name), column.title())
}

impl Grid {
    /// The grid a row of `location` belongs to, and the row.
    pub fn of(location: Location) -> Option<(Grid, usize)> {
        match location {
            Location::Condition(row) => Some((Grid::Values, row)),
            Location::Indicator(row) => Some((Grid::Targets, row)),
            Location::Program => None,
        }
    }

    /// Row `row` of this grid.
    pub fn location(self, row: usize) -> Location {
        match self {
            Grid::Values => Location::Condition(row),
            Grid::Targets => Location::Indicator(row),
        }
    }

    /// The editable columns a block fills from left to right, with their titles.
    pub fn columns(self) -> Vec<(Field, Words)> {
        match self {
            Grid::Values => VALUES_COLUMNS.into_iter().map(typed).collect(),
            Grid::Targets => TARGETS_COLUMNS.into_iter().map(typed).collect(),
        }
    }

    /// The index of `field` among [`Self::columns`].
    pub fn column_of(self, field: Field) -> Option<usize> {
        self.columns().iter().position(|(f, _)| *f == field)
    }

    fn sheet(self, lang: Lang) -> &'static str {
        crate::present::problem::sheet(self.location(0), lang)
    }

    /// How many rows the grid has in `project`.
    pub fn rows(self, project: &Project) -> usize {
        match self {
            Grid::Values => project.conditions.len(),
            Grid::Targets => project.indicators.len(),
        }
    }
}

/// The cells of a copied block: tab-separated, one line per row, a quoted cell kept whole
/// (with its line breaks and tabs). A spreadsheet ends the block with a line break, which is
/// not an empty last row.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let text = mark_empty_lines(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|record| match record {
            Ok(record) => record.iter().map(str::to_owned).collect(),
            // A line the reader cannot split (bytes that are not text) is one cell.
            Err(_) => vec![String::new()],
        })
        .collect();
    if rows.is_empty() && !text.is_empty() {
        return vec![vec![String::new()]];
    }
    rows
}

/// `text` with each empty line (outside quotes) holding an empty quoted cell: the csv reader
/// skips empty lines, but an empty row of a copied column is a row.
fn mark_empty_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let (mut quoted, mut empty) = (false, true);
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                empty = false;
            }
            '\n' if !quoted => {
                if empty {
                    out.push_str("\"\"");
                }
                empty = true;
            }
            '\r' if !quoted => {}
            _ => empty = false,
        }
        out.push(c);
    }
    out
}

/// A number as a copied cell holds it: every digit the value has (at most ten decimals), no
/// thousands separators, so that pasting it back gives the same value.
fn copied_number(value: f64) -> String {
    let text = format!("{value:.10}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// Rows `rows` and columns `columns` (indices into [`Grid::columns`]) of `grid` as a
/// spreadsheet copies them: cells split by tabs, rows ended by line breaks, percentages with a
/// percent sign, a cell with a tab or line break quoted. Pasting the text back into the same
/// cells changes nothing.
pub fn copy_block(
    project: &Project,
    grid: Grid,
    rows: std::ops::RangeInclusive<usize>,
    columns: std::ops::RangeInclusive<usize>,
) -> String {
    let all = grid.columns();
    let fields: Vec<Field> = columns
        .filter_map(|column| all.get(column).map(|(f, _)| *f))
        .collect();
    let percent =
        |v: Option<f64>| v.map_or_else(String::new, |v| format!("{}%", copied_number(v * 100.0)));
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows.filter(|&row| row < grid.rows(project)) {
        let cells: Vec<String> = fields
            .iter()
            .map(|field| match grid {
                Grid::Values => {
                    let condition = &project.conditions[row];
                    match field {
                        Field::Name => condition.name.clone(),
                        Field::Group => condition.group.clone(),
                        Field::Dalys => copied_number(condition.dalys),
                        Field::Population => copied_number(condition.population),
                        _ => String::new(),
                    }
                }
                Grid::Targets => {
                    let indicator = &project.indicators[row];
                    match field {
                        Field::Name => indicator.name.clone(),
                        Field::Population => copied_number(indicator.population),
                        Field::Baseline => percent(Some(indicator.baseline)),
                        Field::AnnualChange => percent(indicator.annual_change),
                        Field::Weight => copied_number(indicator.weight),
                        Field::NegotiatedTarget => percent(indicator.negotiated_target),
                        _ => String::new(),
                    }
                }
            })
            .collect();
        // Writing text to memory cannot fail.
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// What a successful paste changes, and what the history and the audit log call it.
#[derive(Debug)]
pub struct Paste {
    pub edit: Edit,
    pub deed: Deed,
}

/// Why one pasted cell cannot be read.
enum CellError {
    NotANumber(ParseError),
    EmptyBaseline,
    NotPasteable,
}

impl CellError {
    fn message(&self, lang: Lang) -> String {
        match self {
            CellError::NotANumber(error) => error.message(lang),
            CellError::EmptyBaseline => lang
                .t(
                    "the cell is empty; expected a percentage",
                    "la celda está vacía; se esperaba un porcentaje",
                )
                .to_owned(),
            CellError::NotPasteable => lang
                .t(
                    "this column cannot be pasted into",
                    "no se puede pegar en esta columna",
                )
                .to_owned(),
        }
    }
}

/// Sets one cell of `condition` from pasted text.
fn set_condition_cell(
    condition: &mut Condition,
    field: Field,
    text: &str,
) -> Result<(), CellError> {
    let text = text.trim();
    let number = |text: &str| parse_number(text).map_err(CellError::NotANumber);
    match field {
        Field::Name => condition.name = text.to_owned(),
        Field::Group => condition.group = text.to_owned(),
        Field::Dalys => condition.dalys = number(text)?,
        Field::Population => condition.population = number(text)?,
        _ => return Err(CellError::NotPasteable),
    }
    Ok(())
}

/// Sets one cell of `indicator` from pasted text.
fn set_indicator_cell(
    indicator: &mut Indicator,
    field: Field,
    text: &str,
) -> Result<(), CellError> {
    let text = text.trim();
    let optional = matches!(field, Field::AnnualChange | Field::NegotiatedTarget);
    let percent = |text: &str| {
        if optional && text.is_empty() {
            Ok(None)
        } else {
            parse_percent(text).map(Some).map_err(CellError::NotANumber)
        }
    };
    let number = |text: &str| parse_number(text).map_err(CellError::NotANumber);
    match field {
        Field::Name => indicator.name = text.to_owned(),
        Field::Population => indicator.population = number(text)?,
        Field::Weight => indicator.weight = number(text)?,
        Field::Baseline => indicator.baseline = percent(text)?.ok_or(CellError::EmptyBaseline)?,
        Field::AnnualChange => indicator.annual_change = percent(text)?,
        Field::NegotiatedTarget => indicator.negotiated_target = percent(text)?,
        _ => return Err(CellError::NotPasteable),
    }
    Ok(())
}

/// The edit that pastes `text` into `grid` with its top-left cell at row `row` (0-based),
/// column `field`; an error in words (in `lang`) when the block does not fit or a cell cannot
/// be read. Renaming a condition renames the condition its indicators show, in the same step.
pub fn paste_block(
    project: &Project,
    grid: Grid,
    row: usize,
    field: Field,
    text: &str,
    lang: Lang,
) -> Result<Paste, String> {
    let block = parse_block(text);
    let columns = grid.columns();
    let titles = |from: usize| {
        let titles: Vec<&str> = columns[from..].iter().map(|(_, t)| t.get(lang)).collect();
        titles.join(", ")
    };
    let sheet = grid.sheet(lang);
    let first_column = grid.column_of(field).ok_or_else(|| {
        tr!(
            lang,
            "Paste into one of the columns {} of the {sheet} sheet.",
            "Pegue en una de las columnas {} de la hoja {sheet}.",
            titles(0)
        )
    })?;
    let rows = grid.rows(project);
    if row + block.len() > rows {
        return Err(tr!(
            lang,
            "The pasted block has {} rows but the {sheet} sheet has {} from row {} down; add rows \
             first. Nothing was changed.",
            "El bloque pegado tiene {} filas pero la hoja {sheet} tiene {} desde la fila {} hacia \
             abajo; agregue filas primero. No se cambió nada.",
            block.len(),
            rows.saturating_sub(row),
            row + 1
        ));
    }
    let widest = block.iter().map(Vec::len).max().unwrap_or(0);
    if first_column + widest > columns.len() {
        return Err(tr!(
            lang,
            "The pasted block has {widest} columns but only {} editable columns start at {}: \
             {}. Nothing was changed.",
            "El bloque pegado tiene {widest} columnas pero solo {} columnas editables empiezan \
             en {}: {}. No se cambió nada.",
            columns.len() - first_column,
            columns[first_column].1.get(lang),
            titles(first_column)
        ));
    }
    let cannot = |line: usize, offset: usize, title: Words, error: CellError| {
        let (title, reason) = (title.get(lang), error.message(lang));
        tr!(
            lang,
            "Cannot paste: line {} of the block, column {} ({title} of {sheet} row {}): \
             {reason}. Nothing was changed.",
            "No se puede pegar: línea {} del bloque, columna {} ({title} de {sheet} fila {}): \
             {reason}. No se cambió nada.",
            line + 1,
            offset + 1,
            row + line + 1
        )
    };
    let mut edits = Vec::with_capacity(block.len());
    let mut renamed = Vec::new();
    for (line, cells) in block.iter().enumerate() {
        let target_row = row + line;
        let cells = cells
            .iter()
            .enumerate()
            .map(|(offset, cell)| (offset, columns[first_column + offset], cell.as_str()));
        match grid {
            Grid::Targets => {
                let mut indicator = project.indicators[target_row].clone();
                for (offset, (column_field, title), cell) in cells {
                    set_indicator_cell(&mut indicator, column_field, cell)
                        .map_err(|error| cannot(line, offset, title, error))?;
                }
                let value = indicator;
                edits.push(Edit::Indicator {
                    row: target_row,
                    value,
                });
            }
            Grid::Values => {
                let old = &project.conditions[target_row];
                let mut condition = old.clone();
                for (offset, (column_field, title), cell) in cells {
                    set_condition_cell(&mut condition, column_field, cell)
                        .map_err(|error| cannot(line, offset, title, error))?;
                }
                if condition.name.trim() != old.name.trim() {
                    renamed.push((target_row, condition.name.trim().to_owned()));
                }
                let value = condition;
                edits.push(Edit::Condition {
                    row: target_row,
                    value,
                });
            }
        }
    }
    // Indicators show their condition's new name, as when a name is typed in a cell.
    let links = crate::model::Links::of(project);
    for (i, indicator) in project.indicators.iter().enumerate() {
        let Some(j) = links.condition_of(i) else {
            continue;
        };
        if let Some((_, new)) = renamed.iter().find(|(row, _)| *row == j) {
            let value = Indicator {
                condition: new.clone(),
                condition_id: project.conditions[j].id,
                ..indicator.clone()
            };
            edits.push(Edit::Indicator { row: i, value });
        }
    }
    let deed = Deed::Paste {
        at: grid.location(row),
        field: columns[first_column].0,
        rows: block.len(),
        columns: widest,
    };
    Ok(Paste {
        edit: Edit::Batch(edits),
        deed,
    })
}
