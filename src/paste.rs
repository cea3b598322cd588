//! Blocks of cells between the grids and a spreadsheet: a block copied from Excel or
//! LibreOffice pasted into the Values or Targets sheet (tab-separated columns, one line per
//! row, numbers as the spreadsheet shows them: "62%", "0,62", "9,750"), and a block of the
//! grid copied out the same way. A paste is one undo step, or nothing changes and the message
//! says which cell of the block could not be read.

use crate::document::Edit;
use crate::i18n::t;
use crate::model::{Condition, Field, Indicator, Location, Project};
use crate::text::{parse_number, parse_percent};
use crate::tf;

/// A sheet whose rows take and give blocks of cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grid {
    Values,
    Targets,
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
    pub fn columns(self) -> &'static [(Field, &'static str)] {
        match self {
            Grid::Values => {
                const EN: [(Field, &str); 4] = [
                    (Field::Name, "Condition"),
                    (Field::Group, "Population group"),
                    (Field::Dalys, "DALYs"),
                    (Field::Population, "Population"),
                ];
                const ES: [(Field, &str); 4] = [
                    (Field::Name, "Condición"),
                    (Field::Group, "Grupo de población"),
                    (Field::Dalys, "AVAD"),
                    (Field::Population, "Población"),
                ];
                pick(&EN, &ES)
            }
            Grid::Targets => {
                const EN: [(Field, &str); 6] = [
                    (Field::Name, "Indicator"),
                    (Field::Population, "N"),
                    (Field::Baseline, "Baseline"),
                    (Field::AnnualChange, "Annual change"),
                    (Field::Weight, "Weight"),
                    (Field::NegotiatedTarget, "Negotiated target"),
                ];
                const ES: [(Field, &str); 6] = [
                    (Field::Name, "Indicador"),
                    (Field::Population, "N"),
                    (Field::Baseline, "Línea de base"),
                    (Field::AnnualChange, "Cambio anual"),
                    (Field::Weight, "Peso"),
                    (Field::NegotiatedTarget, "Meta negociada"),
                ];
                pick(&EN, &ES)
            }
        }
    }

    /// The index of `field` among [`Self::columns`].
    pub fn column_of(self, field: Field) -> Option<usize> {
        self.columns().iter().position(|(f, _)| *f == field)
    }

    fn sheet(self) -> &'static str {
        match self {
            Grid::Values => t("Values", "Valores"),
            Grid::Targets => t("Targets", "Metas"),
        }
    }

    /// How many rows the grid has in `project`.
    pub fn rows(self, project: &Project) -> usize {
        match self {
            Grid::Values => project.conditions.len(),
            Grid::Targets => project.indicators.len(),
        }
    }
}

/// The English or the Spanish list, by the language in use (lists of pairs cannot be built
/// with [`t`] in a constant).
fn pick<T>(en: &'static [T], es: &'static [T]) -> &'static [T] {
    match crate::i18n::lang() {
        crate::i18n::Lang::En => en,
        crate::i18n::Lang::Es => es,
    }
}

/// The cells of a copied block: lines split at tabs. A spreadsheet ends the block with a line
/// break, which is not an empty last row.
pub fn parse_block(text: &str) -> Vec<Vec<&str>> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    text.split('\n')
        .map(|line| {
            line.strip_suffix('\r')
                .unwrap_or(line)
                .split('\t')
                .collect()
        })
        .collect()
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
/// percent sign. Pasting the text back into the same cells changes nothing.
pub fn copy_block(
    project: &Project,
    grid: Grid,
    rows: std::ops::RangeInclusive<usize>,
    columns: std::ops::RangeInclusive<usize>,
) -> String {
    let fields: Vec<Field> = columns
        .filter_map(|column| grid.columns().get(column).map(|(f, _)| *f))
        .collect();
    let percent =
        |v: Option<f64>| v.map_or_else(String::new, |v| format!("{}%", copied_number(v * 100.0)));
    let text_cell = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    let mut text = String::new();
    for row in rows.filter(|&row| row < grid.rows(project)) {
        let cells: Vec<String> = fields
            .iter()
            .map(|field| match (grid, field) {
                (Grid::Values, field) => {
                    let condition = &project.conditions[row];
                    match field {
                        Field::Name => text_cell(&condition.name),
                        Field::Group => text_cell(&condition.group),
                        Field::Dalys => copied_number(condition.dalys),
                        Field::Population => copied_number(condition.population),
                        _ => String::new(),
                    }
                }
                (Grid::Targets, field) => {
                    let indicator = &project.indicators[row];
                    match field {
                        Field::Name => text_cell(&indicator.name),
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
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    text
}

/// What a successful paste changes, and a sentence for the status line and the audit log.
#[derive(Debug)]
pub struct Paste {
    pub edit: Edit,
    pub summary: String,
}

fn cannot_paste_here() -> String {
    t(
        "this column cannot be pasted into",
        "no se puede pegar en esta columna",
    )
    .to_owned()
}

/// Sets one cell of `condition` from pasted text.
fn set_condition_cell(condition: &mut Condition, field: Field, text: &str) -> Result<(), String> {
    let text = text.trim();
    let number = |text: &str| parse_number(text).map_err(|e| e.to_string());
    match field {
        Field::Name => condition.name = text.to_owned(),
        Field::Group => condition.group = text.to_owned(),
        Field::Dalys => condition.dalys = number(text)?,
        Field::Population => condition.population = number(text)?,
        _ => return Err(cannot_paste_here()),
    }
    Ok(())
}

/// Sets one cell of `indicator` from pasted text.
fn set_indicator_cell(indicator: &mut Indicator, field: Field, text: &str) -> Result<(), String> {
    let text = text.trim();
    let optional = matches!(field, Field::AnnualChange | Field::NegotiatedTarget);
    let percent = |text: &str| {
        if optional && text.is_empty() {
            Ok(None)
        } else {
            parse_percent(text).map(Some).map_err(|e| e.to_string())
        }
    };
    match field {
        Field::Name => indicator.name = text.to_owned(),
        Field::Population => {
            indicator.population = parse_number(text).map_err(|e| e.to_string())?
        }
        Field::Weight => indicator.weight = parse_number(text).map_err(|e| e.to_string())?,
        Field::Baseline => {
            indicator.baseline = percent(text)?.ok_or(t(
                "the cell is empty; expected a percentage",
                "la celda está vacía; se esperaba un porcentaje",
            ))?
        }
        Field::AnnualChange => indicator.annual_change = percent(text)?,
        Field::NegotiatedTarget => indicator.negotiated_target = percent(text)?,
        _ => return Err(cannot_paste_here()),
    }
    Ok(())
}

/// The edit that pastes `text` into `grid` with its top-left cell at row `row` (0-based),
/// column `field`; an error in words when the block does not fit or a cell cannot be read.
/// Renaming a condition relinks the indicators that named it, in the same undo step.
pub fn paste_block(
    project: &Project,
    grid: Grid,
    row: usize,
    field: Field,
    text: &str,
) -> Result<Paste, String> {
    let block = parse_block(text);
    let columns = grid.columns();
    let titles = |from: usize| {
        columns[from..]
            .iter()
            .map(|(_, title)| *title)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sheet = grid.sheet();
    let first_column = grid.column_of(field).ok_or_else(|| {
        tf!(
            "Paste into one of the columns {} of the {sheet} sheet.",
            "Pegue en una de las columnas {} de la hoja {sheet}.",
            titles(0)
        )
    })?;
    let rows = grid.rows(project);
    if row + block.len() > rows {
        return Err(tf!(
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
        return Err(tf!(
            "The pasted block has {widest} columns but only {} editable columns start at {}: \
             {}. Nothing was changed.",
            "El bloque pegado tiene {widest} columnas pero solo {} columnas editables empiezan en {}: \
             {}. No se cambió nada.",
            columns.len() - first_column,
            columns[first_column].1,
            titles(first_column)
        ));
    }
    let cannot = |line: usize, offset: usize, title: &str, reason: String| {
        tf!(
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
            .map(|(offset, cell)| (offset, columns[first_column + offset], *cell));
        match grid {
            Grid::Targets => {
                let mut indicator = project.indicators[target_row].clone();
                for (offset, (column_field, title), cell) in cells {
                    set_indicator_cell(&mut indicator, column_field, cell)
                        .map_err(|reason| cannot(line, offset, title, reason))?;
                }
                edits.push(Edit::Indicator {
                    row: target_row,
                    value: indicator,
                });
            }
            Grid::Values => {
                let old = &project.conditions[target_row];
                let mut condition = old.clone();
                for (offset, (column_field, title), cell) in cells {
                    set_condition_cell(&mut condition, column_field, cell)
                        .map_err(|reason| cannot(line, offset, title, reason))?;
                }
                if condition.name.trim() != old.name.trim() {
                    renamed.push((old.name.trim(), condition.name.trim().to_owned()));
                }
                edits.push(Edit::Condition {
                    row: target_row,
                    value: condition,
                });
            }
        }
    }
    // Indicators follow their condition's new name, as when a name is typed in a cell.
    for (i, indicator) in project.indicators.iter().enumerate() {
        if let Some((_, new)) = renamed
            .iter()
            .find(|(old, _)| *old == indicator.condition.trim())
        {
            edits.push(Edit::Indicator {
                row: i,
                value: Indicator {
                    condition: new.clone(),
                    ..indicator.clone()
                },
            });
        }
    }
    let summary = if block.len() == 1 && widest == 1 {
        tf!(
            "Pasted {} of {sheet} row {}",
            "Pegado {} de {sheet} fila {}",
            columns[first_column].1.to_lowercase(),
            row + 1
        )
    } else if block.len() == 1 {
        tf!(
            "Pasted {widest} cells into {sheet} row {} from {}",
            "Pegadas {widest} celdas en {sheet} fila {} desde {}",
            row + 1,
            columns[first_column].1
        )
    } else {
        tf!(
            "Pasted {} × {} cells into {sheet} rows {}–{} from {}",
            "Pegadas {} × {} celdas en {sheet} filas {}–{} desde {}",
            block.len(),
            widest,
            row + 1,
            row + block.len(),
            columns[first_column].1
        )
    };
    Ok(Paste {
        edit: Edit::Batch(edits),
        summary,
    })
}
