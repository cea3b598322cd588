//! Pasting a block copied from Excel or LibreOffice into the Targets sheet: tab-separated
//! columns, one line per row, numbers as the spreadsheet shows them ("62%", "0,62", "9,750").
//! The whole block becomes one undo step, or nothing changes and the message says which cell
//! of the block could not be read.

use crate::document::Edit;
use crate::model::{Field, Indicator, Project};
use crate::text::{parse_number, parse_percent};

/// The editable Targets columns a block fills from left to right, with their titles.
pub const TARGET_COLUMNS: [(Field, &str); 6] = [
    (Field::Name, "Indicator"),
    (Field::Population, "N"),
    (Field::Baseline, "Baseline"),
    (Field::AnnualChange, "Annual change"),
    (Field::Weight, "Weight"),
    (Field::NegotiatedTarget, "Negotiated target"),
];

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
            indicator.baseline = percent(text)?.ok_or("the cell is empty; expected a percentage")?
        }
        Field::AnnualChange => indicator.annual_change = percent(text)?,
        Field::NegotiatedTarget => indicator.negotiated_target = percent(text)?,
        _ => return Err("this column cannot be pasted into".to_owned()),
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
    let first_column = TARGET_COLUMNS.iter().position(|(f, _)| *f == field).ok_or(
        "Paste into the Indicator, N, Baseline, Annual change, Weight or Negotiated target column.",
    )?;
    let rows = project.indicators.len();
    if row + block.len() > rows {
        return Err(format!(
            "The pasted block has {} rows but the Targets sheet has {} from row {} down; add rows \
             first. Nothing was changed.",
            block.len(),
            rows.saturating_sub(row),
            row + 1
        ));
    }
    let widest = block.iter().map(Vec::len).max().unwrap_or(0);
    if first_column + widest > TARGET_COLUMNS.len() {
        return Err(format!(
            "The pasted block has {widest} columns but only {} editable columns start at {}: \
             {}. Nothing was changed.",
            TARGET_COLUMNS.len() - first_column,
            TARGET_COLUMNS[first_column].1,
            TARGET_COLUMNS[first_column..]
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
            let (column_field, title) = TARGET_COLUMNS[first_column + offset];
            set_cell(&mut indicator, column_field, cell).map_err(|reason| {
                format!(
                    "Cannot paste: line {} of the block, column {} ({title} of Targets row {}): \
                     {reason}. Nothing was changed.",
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
        format!(
            "Pasted {} of row {}",
            TARGET_COLUMNS[first_column].1.to_lowercase(),
            row + 1
        )
    } else {
        format!(
            "Pasted {} × {} cells into Targets rows {}–{} from {}",
            block.len(),
            widest,
            row + 1,
            row + block.len(),
            TARGET_COLUMNS[first_column].1
        )
    };
    Ok(Paste {
        edit: Edit::Batch(edits),
        summary,
    })
}
