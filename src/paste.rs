//! Pasting a block copied from Excel or LibreOffice into the Targets sheet: tab-separated
//! columns, one line per row, numbers as the spreadsheet shows them ("62%", "0,62", "9,750").
//! The whole block becomes one undo step, or nothing changes and the message says which cell
//! of the block could not be read.

use crate::document::Edit;
use crate::i18n::t;
use crate::model::{Field, Indicator, Project};
use crate::text::{parse_number, parse_percent};
use crate::tf;

/// The editable Targets columns a block fills from left to right, with their titles.
pub fn target_columns() -> [(Field, &'static str); 6] {
    [
        (Field::Name, t("Indicator", "Indicador")),
        (Field::Population, "N"),
        (Field::Baseline, t("Baseline", "Línea de base")),
        (Field::AnnualChange, t("Annual change", "Cambio anual")),
        (Field::Weight, t("Weight", "Peso")),
        (
            Field::NegotiatedTarget,
            t("Negotiated target", "Meta negociada"),
        ),
    ]
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

/// Targets rows `rows` and columns `columns` (indices into [`target_columns`]) as a
/// spreadsheet copies them: cells split by tabs, rows ended by line breaks, percentages with a
/// percent sign. Pasting the text back into the same cells changes nothing.
pub fn copy_block(
    project: &Project,
    rows: std::ops::RangeInclusive<usize>,
    columns: std::ops::RangeInclusive<usize>,
) -> String {
    let fields = target_columns();
    let percent =
        |v: Option<f64>| v.map_or_else(String::new, |v| format!("{}%", copied_number(v * 100.0)));
    let mut text = String::new();
    for indicator in rows.filter_map(|row| project.indicators.get(row)) {
        let cells: Vec<String> = columns
            .clone()
            .filter_map(|column| fields.get(column))
            .map(|(field, _)| match field {
                Field::Name => indicator.name.replace(['\t', '\n', '\r'], " "),
                Field::Population => copied_number(indicator.population),
                Field::Baseline => percent(Some(indicator.baseline)),
                Field::AnnualChange => percent(indicator.annual_change),
                Field::Weight => copied_number(indicator.weight),
                Field::NegotiatedTarget => percent(indicator.negotiated_target),
                _ => String::new(),
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

/// Sets one cell of `indicator` from pasted text.
fn set_cell(indicator: &mut Indicator, field: Field, text: &str) -> Result<(), String> {
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
        _ => {
            return Err(t(
                "this column cannot be pasted into",
                "no se puede pegar en esta columna",
            )
            .to_owned());
        }
    }
    Ok(())
}

/// The edit that pastes `text` with its top-left cell at Targets row `row` (0-based), column
/// `field`; an error in words when the block does not fit or a cell cannot be read.
pub fn paste_into_targets(
    project: &Project,
    row: usize,
    field: Field,
    text: &str,
) -> Result<Paste, String> {
    let block = parse_block(text);
    let columns = target_columns();
    let first_column = columns.iter().position(|(f, _)| *f == field).ok_or(t(
        "Paste into the Indicator, N, Baseline, Annual change, Weight or Negotiated target column.",
        "Pegue en la columna Indicador, N, Línea de base, Cambio anual, Peso o Meta negociada.",
    ))?;
    let rows = project.indicators.len();
    if row + block.len() > rows {
        return Err(tf!(
            "The pasted block has {} rows but the Targets sheet has {} from row {} down; add rows \
             first. Nothing was changed.",
            "El bloque pegado tiene {} filas pero la hoja Metas tiene {} desde la fila {} hacia abajo; \
             agregue filas primero. No se cambió nada.",
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
            columns[first_column..]
                .iter()
                .map(|(_, title)| *title)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut edits = Vec::with_capacity(block.len());
    for (line, cells) in block.iter().enumerate() {
        let target_row = row + line;
        let mut indicator = project.indicators[target_row].clone();
        for (offset, cell) in cells.iter().enumerate() {
            let (column_field, title) = columns[first_column + offset];
            set_cell(&mut indicator, column_field, cell).map_err(|reason| {
                tf!(
                    "Cannot paste: line {} of the block, column {} ({title} of Targets row {}): \
                     {reason}. Nothing was changed.",
                    "No se puede pegar: línea {} del bloque, columna {} ({title} de Metas fila {}): \
                     {reason}. No se cambió nada.",
                    line + 1,
                    offset + 1,
                    target_row + 1
                )
            })?;
        }
        edits.push(Edit::Indicator {
            row: target_row,
            value: indicator,
        });
    }
    let summary = if block.len() == 1 && widest == 1 {
        tf!(
            "Pasted {} of row {}",
            "Pegado {} de la fila {}",
            columns[first_column].1.to_lowercase(),
            row + 1
        )
    } else {
        tf!(
            "Pasted {} × {} cells into Targets rows {}–{} from {}",
            "Pegadas {} × {} celdas en Metas filas {}–{} desde {}",
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
