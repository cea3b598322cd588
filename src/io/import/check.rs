//! The results a workbook cached (d, unit and present values, model targets) compared with this
//! program's, so that a reader sees at once whether the import reproduced the workbook.

use super::cells::Cell;

use super::book::Book;
use super::layout::Table;
use super::report::{AnyColumn, Difference, ImportReport};
use crate::model::{Project, compute};
use crate::schema::{TargetsColumn, ValuesColumn};

/// Compares the numbers the workbook cached in computed columns with this program's; records
/// those that differ by more than 1e-9 (relative for money).
pub fn compare_cached(
    book: &Book,
    project: &Project,
    targets: &Table<TargetsColumn>,
    values: Option<&Table<ValuesColumn>>,
    d_label: Option<(usize, u32, u32)>,
    report: &mut ImportReport,
) {
    if !book.has_cached_results() {
        return;
    }
    let outcome = compute(project);
    let mut differences = Vec::new();
    let mut compared = 0;
    let mut check = |column: AnyColumn,
                     row: String,
                     sheet: usize,
                     cell: (u32, u32),
                     ours: Option<f64>,
                     relative: bool| {
        let (Cell::Float(cached), Some(ours)) = (book.sheets[sheet].value(cell.0, cell.1), ours)
        else {
            return;
        };
        compared += 1;
        let scale = if relative { ours.abs().max(1.0) } else { 1.0 };
        if (cached - ours).abs() > 1e-9 * scale {
            differences.push(Difference {
                column,
                row,
                cell: book.address(sheet, cell.0, cell.1),
                workbook: cached,
                ours,
            });
        }
    };
    if let Some((sheet, row, col)) = d_label {
        let column = AnyColumn::Targets(TargetsColumn::MinimumImpact);
        check(
            column,
            String::new(),
            sheet,
            (row, col),
            outcome.minimum_impact,
            false,
        );
    }
    for (i, &row) in targets.rows.iter().enumerate() {
        let (Some(indicator), Some(computed)) =
            (project.indicators.get(i), outcome.indicators.get(i))
        else {
            break;
        };
        let name = indicator.name.clone();
        let targets_of = computed.targets;
        let columns = [
            (TargetsColumn::MinimumImpact, outcome.minimum_impact, false),
            (
                TargetsColumn::ModelTarget,
                targets_of.map(|t| t.model_target),
                false,
            ),
            (
                TargetsColumn::UnitValue,
                computed.value.map(|v| v.unit_value),
                true,
            ),
            (
                TargetsColumn::PresentValue,
                computed.value.map(|v| v.present_value),
                true,
            ),
        ];
        for (column, ours, relative) in columns {
            if let Some(col) = targets.col(column) {
                check(
                    AnyColumn::Targets(column),
                    name.clone(),
                    targets.sheet,
                    (row, col),
                    ours,
                    relative,
                );
            }
        }
    }
    if let Some(values) = values {
        for (j, &row) in values.rows.iter().enumerate() {
            let (Some(condition), Some(Some(computed))) =
                (project.conditions.get(j), outcome.conditions.get(j))
            else {
                continue;
            };
            if let Some(col) = values.col(ValuesColumn::UnitValue) {
                let column = AnyColumn::Values(ValuesColumn::UnitValue);
                check(
                    column,
                    condition.name.clone(),
                    values.sheet,
                    (row, col),
                    Some(computed.unit_value),
                    true,
                );
            }
        }
    }
    report.compared = compared;
    report.differences = Some(differences);
}
