//! The rows of the tables: conditions from the Values table, indicators from the Targets table,
//! each indicator linked to its condition and given its direction from the best evidence the
//! workbook holds; the census sheet kept as it is.

use super::cells::Cell;

use super::book::Book;
use super::evaluate::CellId;
use super::evidence::referenced_cells;
use super::formula::{Expr, column_name};
use super::layout::{Table, Tables};
use super::report::{AnyColumn, DirectionHow, LinkHow, Note, What};
use super::vocabulary::normalize;
use super::{Read, Reading};
use crate::model::{CensusTable, Condition, Direction, Indicator, Program, TableCell};
use crate::schema::{Kind, TargetsColumn, ValuesColumn};

/// A condition and where it came from.
pub struct ConditionRow {
    pub condition: Condition,
    /// The sheet row of the Values table.
    pub row: u32,
    /// The unit value the workbook gives for it, if any.
    pub unit_value: Option<f64>,
}

/// The conditions of the Values table.
pub fn read_conditions(
    reading: &mut Reading<'_>,
    values: &Table<ValuesColumn>,
) -> Vec<ConditionRow> {
    let sheet = values.sheet;
    let name_col = values
        .col(ValuesColumn::Condition)
        .unwrap_or(values.span().0);
    for column in [ValuesColumn::Dalys, ValuesColumn::Population] {
        if values.col(column).is_none() {
            reading.report.notes.push(Note::MissingColumn {
                column: AnyColumn::Values(column),
            });
        }
    }
    let mut conditions = Vec::new();
    for &row in &values.rows {
        let text = |c: Option<u32>| {
            c.and_then(|c| reading.text((sheet, row, c)))
                .unwrap_or_default()
        };
        let name = text(Some(name_col));
        let group = text(values.col(ValuesColumn::Group));
        let mut number = |column: ValuesColumn| {
            values.col(column).and_then(|c| {
                reading.required(
                    (sheet, row, c),
                    What::Column(AnyColumn::Values(column)),
                    Kind::Count,
                )
            })
        };
        let dalys = number(ValuesColumn::Dalys).unwrap_or(f64::NAN);
        let population = number(ValuesColumn::Population).unwrap_or(f64::NAN);
        let unit_value = values.col(ValuesColumn::UnitValue).and_then(|c| {
            match reading.number((sheet, row, c), Kind::Money) {
                Read::Number(v) => Some(v),
                _ => None,
            }
        });
        conditions.push(ConditionRow {
            condition: Condition {
                id: 0,
                name,
                group,
                dalys,
                population,
            },
            row,
            unit_value,
        });
    }
    conditions
}

/// The indicators of the Targets table.
pub fn read_indicators(
    reading: &mut Reading<'_>,
    targets: &Table<TargetsColumn>,
    values: Option<&Table<ValuesColumn>>,
    conditions: &[ConditionRow],
    program: &Program,
) -> Vec<Indicator> {
    use TargetsColumn as T;
    let sheet = targets.sheet;
    let name_col = targets.col(T::Indicator).unwrap_or(targets.span().0);
    for column in [T::Population, T::Baseline] {
        if targets.col(column).is_none() {
            reading.report.notes.push(Note::MissingColumn {
                column: AnyColumn::Targets(column),
            });
        }
    }
    let has_trend = targets.col(T::AnnualChange).is_some();
    if !has_trend {
        reading.report.notes.push(Note::NoTrendColumn);
    }
    let final_as_negotiated = targets.col(T::NegotiatedTarget).is_none()
        && targets.col(T::FinalTarget).is_some_and(|c| {
            targets
                .rows
                .iter()
                .all(|&r| reading.book.sheets[sheet].formula(r, c).is_none())
        });
    let mut indicators = Vec::with_capacity(targets.rows.len());
    // Each row notes at least how it was linked and which way is better.
    reading.report.notes.reserve(2 * targets.rows.len());
    for (i, &row) in targets.rows.iter().enumerate() {
        let cell = |col: u32| -> CellId { (sheet, row, col) };
        let name = reading.text(cell(name_col)).unwrap_or_default();
        let uses_default = refers_to_default(reading, targets, row);
        let mut required = |column: T, kind: Kind| {
            targets.col(column).and_then(|c| {
                reading.required(cell(c), What::Column(AnyColumn::Targets(column)), kind)
            })
        };
        let population = required(T::Population, Kind::Count).unwrap_or(f64::NAN);
        let baseline = required(T::Baseline, Kind::Percent).unwrap_or(f64::NAN);
        let annual_change = if uses_default {
            None
        } else {
            required(T::AnnualChange, Kind::Percent)
        };
        let weight = required(T::Weight, Kind::Plain).unwrap_or(1.0);
        let negotiated_target = if final_as_negotiated {
            required(T::FinalTarget, Kind::Percent)
        } else {
            required(T::NegotiatedTarget, Kind::Percent)
        };
        if has_trend && annual_change.is_none() {
            reading.report.notes.push(Note::DefaultTrend { row: i });
        }
        let locked = targets
            .col(T::Locked)
            .and_then(|c| reading.text(cell(c)))
            .is_some_and(|t| parse_flag(&t));
        let condition = link(reading, targets, values, conditions, program, row, i);
        let direction = direction(reading, targets, row, i, baseline, annual_change, program);
        indicators.push(Indicator {
            name,
            condition,
            direction,
            population,
            baseline,
            annual_change,
            weight,
            negotiated_target,
            locked,
            ..Indicator::default()
        });
    }
    indicators
}

/// True when the row's annual change is a formula of the default annual change (±a₀), as the
/// export writes a row that uses the default.
fn refers_to_default(reading: &Reading<'_>, targets: &Table<TargetsColumn>, row: u32) -> bool {
    let Some(&(_, a0)) = reading
        .input_cells
        .iter()
        .find(|(input, _)| *input == crate::schema::ProgramInput::DefaultAnnualChange)
    else {
        return false;
    };
    let Some(col) = targets.col(TargetsColumn::AnnualChange) else {
        return false;
    };
    let Some(expr) = reading.eval.expression((targets.sheet, row, col)) else {
        return false;
    };
    let inner = match &expr {
        Expr::Neg(inner) => inner.as_ref(),
        other => other,
    };
    let Expr::Ref(r) = inner else { return false };
    let sheet = match &r.sheet {
        Some(name) => reading.book.sheet_index(name),
        None => Some(targets.sheet),
    };
    sheet == Some(a0.0) && (r.row, r.col) == (a0.1, a0.2)
}

/// The condition of indicator `i` (sheet row `row`): from its unit-value formula, else the
/// condition column, else a unit value equal to one condition's.
fn link(
    reading: &mut Reading<'_>,
    targets: &Table<TargetsColumn>,
    values: Option<&Table<ValuesColumn>>,
    conditions: &[ConditionRow],
    program: &Program,
    row: u32,
    i: usize,
) -> String {
    use TargetsColumn as T;
    let sheet = targets.sheet;
    let book = reading.book;
    let found = |condition: &Condition, how: LinkHow, reading: &mut Reading<'_>| {
        reading.report.notes.push(Note::Linked {
            row: i,
            condition: condition.name.clone(),
            how,
        });
        condition.name.clone()
    };
    // 1. The unit-value (or present-value) formula points at a Values row.
    if let Some(values) = values {
        for col in [targets.col(T::UnitValue), targets.col(T::PresentValue)]
            .into_iter()
            .flatten()
        {
            let Some(expr) = reading.eval.expression((sheet, row, col)) else {
                continue;
            };
            for r in referenced_cells(&expr) {
                let target_sheet = match &r.sheet {
                    Some(name) => book.sheet_index(name),
                    None => Some(sheet),
                };
                if target_sheet == Some(values.sheet)
                    && let Some(c) = conditions.iter().find(|c| c.row == r.row)
                {
                    let how = LinkHow::UnitValueFormula {
                        column: column_name(col),
                    };
                    return found(&c.condition, how, reading);
                }
            }
        }
    }
    // 2. A condition column.
    if let Some(col) = targets.col(T::Condition)
        && let Some(text) = reading.text((sheet, row, col))
    {
        let wanted = normalize(&text);
        if let Some(c) = conditions
            .iter()
            .find(|c| normalize(&c.condition.name) == wanted)
        {
            return found(&c.condition, LinkHow::ConditionColumn, reading);
        }
        reading.report.notes.push(Note::NotLinked {
            row: i,
            text: Some(text.clone()),
        });
        return text;
    }
    // 3. A unit value equal to one condition's.
    if let Some(col) = targets.col(T::UnitValue)
        && let Read::Number(value) = reading.number((sheet, row, col), Kind::Money)
    {
        let matching: Vec<&ConditionRow> = conditions
            .iter()
            .filter(|c| {
                let v = c.unit_value.unwrap_or_else(|| {
                    program.daly_multiple * program.gni_per_capita * c.condition.dalys
                        / c.condition.population
                });
                v.is_finite() && (v - value).abs() <= 1e-9 * v.abs().max(1.0)
            })
            .collect();
        if let [only] = matching[..] {
            return found(&only.condition, LinkHow::EqualUnitValue, reading);
        }
    }
    reading
        .report
        .notes
        .push(Note::NotLinked { row: i, text: None });
    String::new()
}

/// The direction of indicator `i`: the direction column, else the sign of d in its target
/// formula, else its target (cached or computed) against its counterfactual, else higher.
#[allow(clippy::too_many_arguments)]
fn direction(
    reading: &mut Reading<'_>,
    targets: &Table<TargetsColumn>,
    row: u32,
    i: usize,
    baseline: f64,
    annual_change: Option<f64>,
    program: &Program,
) -> Direction {
    use TargetsColumn as T;
    let sheet = targets.sheet;
    let found = |direction: Direction, how: DirectionHow, reading: &mut Reading<'_>| {
        reading.report.notes.push(Note::Direction {
            row: i,
            direction,
            how,
        });
        direction
    };
    if let Some(col) = targets.col(T::Direction)
        && let Some(direction) = reading
            .text((sheet, row, col))
            .as_deref()
            .and_then(parse_direction)
    {
        return found(direction, DirectionHow::Column, reading);
    }
    if let Some(col) = targets.col(T::ModelTarget)
        && let Some(expr) = reading.eval.expression((sheet, row, col))
        && let Some(sign) = sign_of_d(reading, targets, row, &expr)
    {
        let direction = if sign < 0.0 {
            Direction::Lower
        } else {
            Direction::Higher
        };
        return found(
            direction,
            DirectionHow::TargetFormula {
                column: column_name(col),
            },
            reading,
        );
    }
    // A computed target may pass 100 % (1.02): read it as it is, not by the typing rule.
    if let Some(col) = targets.col(T::ModelTarget)
        && let Read::Number(target) = reading.number((sheet, row, col), Kind::Plain)
        && baseline.is_finite()
    {
        let years = if program.program_years.is_finite() {
            program.program_years
        } else {
            0.0
        };
        let counterfactual =
            baseline + years * annual_change.filter(|a| a.is_finite()).unwrap_or(0.0);
        if target < counterfactual - 1e-12 {
            return found(Direction::Lower, DirectionHow::CachedTarget, reading);
        }
        if target > counterfactual + 1e-12 {
            return Direction::Higher;
        }
    }
    reading.report.notes.push(Note::DirectionAssumed { row: i });
    Direction::Higher
}

/// The sign of d in a target formula `baseline ± d + change × length`: the term that refers to
/// the d column of the same row, or to a cell computed with SUMPRODUCT.
fn sign_of_d(
    reading: &Reading<'_>,
    targets: &Table<TargetsColumn>,
    row: u32,
    expr: &Expr,
) -> Option<f64> {
    let sheet = targets.sheet;
    let d_col = targets.col(TargetsColumn::MinimumImpact);
    let book: &Book = reading.book;
    for (sign, term) in expr.terms() {
        let Expr::Ref(r) = term else { continue };
        let target_sheet = match &r.sheet {
            Some(name) => book.sheet_index(name)?,
            None => sheet,
        };
        let is_d_column = target_sheet == sheet && r.row == row && Some(r.col) == d_col;
        let is_d_formula = book.sheets[target_sheet]
            .formula(r.row, r.col)
            .is_some_and(|f| f.to_ascii_uppercase().contains("SUMPRODUCT"));
        if is_d_column || is_d_formula {
            return Some(sign);
        }
    }
    None
}

fn parse_direction(text: &str) -> Option<Direction> {
    let text = normalize(text);
    const LOWER: [&str; 8] = [
        "lower",
        "lower is better",
        "decrease",
        "down",
        "menor",
        "menos",
        "mas bajo",
        "disminuir",
    ];
    const HIGHER: [&str; 8] = [
        "higher",
        "higher is better",
        "increase",
        "up",
        "mayor",
        "mas",
        "mas alto",
        "aumentar",
    ];
    // The word alone, or followed by a space and more.
    let opens = |w: &&str| {
        text.strip_prefix(*w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    if LOWER.iter().any(opens) {
        Some(Direction::Lower)
    } else if HIGHER.iter().any(opens) {
        Some(Direction::Higher)
    } else {
        None
    }
}

fn parse_flag(text: &str) -> bool {
    matches!(
        normalize(text).as_str(),
        "yes"
            | "y"
            | "true"
            | "x"
            | "1"
            | "locked"
            | "si"
            | "s"
            | "verdadero"
            | "bloqueada"
            | "fijada"
    )
}

/// The census sheet ("Census data", "Datos censales"), kept as the workbook holds it.
pub fn read_census(book: &Book, tables: &Tables) -> Option<CensusTable> {
    let exclude = [
        tables.targets.as_ref().map(|t| t.sheet),
        tables.values.as_ref().map(|t| t.sheet),
    ];
    let (_, sheet) = book.sheets.iter().enumerate().find(|(i, s)| {
        !exclude.contains(&Some(*i))
            && [
                "census data",
                "datos censales",
                "census",
                "censo",
                "datos del censo",
            ]
            .contains(&normalize(&s.name).as_str())
    })?;
    let (r0, r1) = sheet.row_span()?;
    let (c0, c1) = sheet.col_span()?;
    let rows = (r0..=r1)
        .map(|r| {
            (c0..=c1)
                .map(|c| match sheet.value(r, c) {
                    Cell::Float(f) => TableCell::Number(f),
                    Cell::Int(i) => TableCell::Number(i as f64),
                    Cell::Empty => TableCell::Empty,
                    other => TableCell::Text(super::cells::data(other).to_string()),
                })
                .collect()
        })
        .collect();
    Some(CensusTable {
        sheet_name: sheet.name.clone(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_direction;
    use crate::model::Direction;

    /// A direction is its word alone or followed by more words, in either language, in any
    /// case or accent; a word that only starts the same way is no direction.
    #[test]
    fn directions_are_read_from_their_words() {
        for (text, expected) in [
            ("lower", Some(Direction::Lower)),
            ("Lower is better", Some(Direction::Lower)),
            ("MENOR es mejor", Some(Direction::Lower)),
            ("Más bajo", Some(Direction::Lower)),
            ("higher", Some(Direction::Higher)),
            ("up (coverage)", Some(Direction::Higher)),
            ("Mayor", Some(Direction::Higher)),
            ("upper", None),
            ("lowering", None),
            ("downward", None),
            ("", None),
        ] {
            assert_eq!(parse_direction(text), expected, "{text:?}");
        }
    }
}
