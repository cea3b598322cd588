//! Columns recognised by the formulas that refer to them: the IDB tool computes d from the
//! present values and populations, each target from the baseline, trend and d, and so on; a
//! column a formula uses in that place is that column, whatever its header says. As a last
//! resort, a column is taken by its place in the IDB tool's layout (Appendix 2).

use std::collections::HashMap;

use super::book::Book;
use super::evaluate::CellId;
use super::formula::{Expr, Reference};
use super::layout::{
    FORMULA_CONFIDENCE, HeaderCache, Mapped, POSITION_CONFIDENCE, Table, WORDS_THRESHOLD,
};
use super::report::Evidence;
use super::vocabulary::{Vocabulary, best_assignment};
use crate::schema::{Column, TargetsColumn, ValuesColumn};

/// The parsed formulas of a row's cells in the table's columns.
pub(super) fn row_formulas(
    book: &Book,
    sheet: usize,
    row: u32,
    (first, last): (u32, u32),
) -> Vec<(u32, Expr)> {
    let s = &book.sheets[sheet];
    (first..=last)
        .filter_map(|col| {
            let formula = s.formula(row, col)?;
            Some((col, super::formula::parse(formula).ok()?))
        })
        .collect()
}

/// The sheet column of a reference to the same row of the same sheet, if it is one.
pub(super) fn same_row(
    book: &Book,
    sheet: usize,
    row: u32,
    r: &super::formula::CellRef,
) -> Option<u32> {
    let same_sheet = r
        .sheet
        .as_deref()
        .is_none_or(|n| book.sheet_index(n) == Some(sheet));
    (same_sheet && r.row == row).then_some(r.col)
}

/// The cell a reference names, seen from `sheet`.
pub(super) fn cell_of(book: &Book, sheet: usize, r: &super::formula::CellRef) -> Option<CellId> {
    let s = match &r.sheet {
        Some(name) => book.sheet_index(name)?,
        None => sheet,
    };
    Some((s, r.row, r.col))
}

/// Takes formula evidence for a column: raises its score so the assignment prefers it.
pub(super) fn add_evidence<C: Column>(evidence: &mut HashMap<u32, C>, col: u32, column: C) {
    evidence.entry(col).or_insert(column);
}

/// Re-assigns a table's columns with formula evidence added to the word scores.
pub(super) fn reassign<C: Column>(book: &Book, table: &mut Table<C>, evidence: &HashMap<u32, C>) {
    if evidence.is_empty() {
        return;
    }
    let vocabulary = Vocabulary::<C>::of_all();
    // Header cells, and columns under the header with formulas but no header text.
    let mut cols: Vec<u32> = table.columns.iter().map(|m| m.col).collect();
    for col in evidence.keys() {
        if !cols.contains(col) {
            cols.push(*col);
        }
    }
    cols.sort_unstable();
    let mut cache = HeaderCache::default();
    let s = &book.sheets[table.sheet];
    let headers: Vec<String> = cols
        .iter()
        .map(|&col| s.text(table.header_row, col).unwrap_or_default())
        .collect();
    let previous: HashMap<u32, (Option<C>, Option<Evidence>)> = table
        .columns
        .iter()
        .map(|m| (m.col, (m.column, m.how)))
        .collect();
    let scores: Vec<Vec<f64>> = cols
        .iter()
        .zip(&headers)
        .map(|(col, text)| {
            let chosen = previous
                .get(col)
                .is_some_and(|(_, how)| *how == Some(Evidence::Chosen));
            vocabulary
                .iter()
                .map(|v| {
                    if chosen {
                        return if previous[col].0 == Some(v.column) {
                            2.0
                        } else {
                            0.0
                        };
                    }
                    let words = if text.is_empty() {
                        0.0
                    } else {
                        v.score(cache.get(text))
                    };
                    let formula = if evidence.get(col) == Some(&v.column) {
                        FORMULA_CONFIDENCE
                    } else {
                        0.0
                    };
                    // Agreeing evidence counts more than either alone.
                    if words >= WORDS_THRESHOLD && formula > 0.0 {
                        1.0 + words
                    } else {
                        words.max(formula)
                    }
                })
                .collect()
        })
        .collect();
    let assignment = best_assignment(&scores, WORDS_THRESHOLD);
    table.columns = cols
        .iter()
        .zip(&headers)
        .zip(&assignment)
        .enumerate()
        .map(|(i, ((&col, text), assigned))| {
            let column = assigned.map(|j| vocabulary[j].column);
            let chosen = previous
                .get(&col)
                .is_some_and(|(_, h)| *h == Some(Evidence::Chosen));
            let how = match assigned {
                _ if chosen => Some(Evidence::Chosen),
                Some(j) => {
                    let score = scores[i][*j];
                    let by_formula = evidence.get(&col) == Some(&vocabulary[*j].column);
                    Some(if by_formula && score > 1.0 {
                        Evidence::WordsAndFormula
                    } else if by_formula && (score - FORMULA_CONFIDENCE).abs() < 1e-12 {
                        Evidence::Formula
                    } else {
                        Evidence::Words
                    })
                }
                None => None,
            };
            let confidence = assigned.map_or(0.0, |j| match how {
                Some(Evidence::WordsAndFormula) | Some(Evidence::Chosen) => 1.0,
                _ => scores[i][j],
            });
            Mapped {
                col,
                header: text.clone(),
                column,
                how,
                confidence,
            }
        })
        .collect();
}

/// The factors of a product or quotient: `$B$4*$B$3*C6/D6` gives ([$B$4, $B$3, C6], [D6]).
pub(super) fn quotient(expr: &Expr) -> (Vec<&Expr>, Vec<&Expr>) {
    let mut numerator = Vec::new();
    let mut denominator = Vec::new();
    let mut pending = vec![(expr, true)];
    while let Some((e, up)) = pending.pop() {
        match e {
            Expr::Binary(super::formula::BinOp::Mul, a, b) => {
                pending.push((b, up));
                pending.push((a, up));
            }
            Expr::Binary(super::formula::BinOp::Div, a, b) => {
                pending.push((b, !up));
                pending.push((a, up));
            }
            other if up => numerator.push(other),
            other => denominator.push(other),
        }
    }
    (numerator, denominator)
}

/// Evidence in the Values table's formulas: DALYs per capita = DALYs / population; the unit
/// value = (k ×) GNI per capita × DALYs per capita (or × DALYs / population), GNI a cell
/// outside the table; the present value = unit value × A. Returns the GNI cell with the
/// formula that names it.
pub(super) fn values_evidence(
    book: &Book,
    table: &mut Table<ValuesColumn>,
) -> Option<(CellId, CellId)> {
    use ValuesColumn::*;
    let sheet = table.sheet;
    let mut evidence: HashMap<u32, ValuesColumn> = HashMap::new();
    let mut gni = None;
    for &row in table.rows.iter().take(5) {
        let formulas = row_formulas(book, sheet, row, table.span());
        // DALYs per capita first: the other formulas are recognised from it.
        for (col, expr) in &formulas {
            let (up, down) = quotient(expr);
            let in_row = |e: &Expr| match e {
                Expr::Ref(r) => same_row(book, sheet, row, r),
                _ => None,
            };
            if let ([a], [b]) = (&up[..], &down[..])
                && let (Some(x), Some(y)) = (in_row(a), in_row(b))
            {
                add_evidence(&mut evidence, x, Dalys);
                add_evidence(&mut evidence, y, Population);
                add_evidence(&mut evidence, *col, DalysPerCapita);
            }
        }
        for (col, expr) in &formulas {
            if evidence.get(col) == Some(&DalysPerCapita) {
                continue;
            }
            let (up, down) = quotient(expr);
            let mut same: Vec<u32> = Vec::new();
            let mut outside = Vec::new();
            for factor in up.iter().chain(&down) {
                if let Expr::Ref(r) = factor {
                    match same_row(book, sheet, row, r) {
                        Some(c) => same.push(c),
                        None => outside.push(r),
                    }
                }
            }
            let per_capita = same
                .iter()
                .any(|c| evidence.get(c) == Some(&DalysPerCapita))
                || (same.iter().any(|c| evidence.get(c) == Some(&Dalys))
                    && same.iter().any(|c| evidence.get(c) == Some(&Population)));
            let of_unit_value = same.len() == 1 && evidence.get(&same[0]) == Some(&UnitValue);
            if per_capita && !outside.is_empty() {
                add_evidence(&mut evidence, *col, UnitValue);
                // GNI per capita is the largest of the outside factors (k is 1 to 3).
                let value = |r: &super::formula::CellRef| {
                    let (s, rr, cc) = cell_of(book, sheet, r)?;
                    book.sheets[s].value(rr, cc).number().map(f64::abs)
                };
                let largest = outside
                    .iter()
                    .max_by(|a, b| value(a).unwrap_or(0.0).total_cmp(&value(b).unwrap_or(0.0)));
                if gni.is_none()
                    && let Some(r) = largest
                {
                    gni = cell_of(book, sheet, r).map(|c| (c, (sheet, row, *col)));
                }
            } else if of_unit_value || expr.find_call("PV").is_some() {
                add_evidence(&mut evidence, *col, PresentValue);
            }
        }
    }
    reassign(book, table, &evidence);
    gni
}

/// Evidence in the Targets table's formulas, as the IDB tool writes them:
/// present value = PV(r, H, −unit value); d = cost / SUMPRODUCT(present value, N);
/// target = baseline ± d + change × length; unit value = a Values cell.
/// Returns the cost and program-length cells the formulas name, when outside the table.
#[allow(clippy::type_complexity)]
pub(super) fn targets_evidence(
    book: &Book,
    table: &mut Table<TargetsColumn>,
    values: Option<&Table<ValuesColumn>>,
) -> (Option<(CellId, CellId)>, Option<(CellId, CellId)>) {
    use TargetsColumn::*;
    let sheet = table.sheet;
    let mut evidence: HashMap<u32, TargetsColumn> = HashMap::new();
    let mut cost = None;
    let mut years = None;
    let rows: Vec<u32> = table.rows.iter().take(6).copied().collect();
    let s = &book.sheets[sheet];
    // Values identical in every row (the program length, d) tell a constant from a variable.
    let constant = |col: u32| {
        let mut seen = table.rows.iter().filter_map(|&r| s.value(r, col).number());
        let first = seen.next();
        first.is_some() && seen.all(|v| Some(v) == first)
    };
    let has_formulas = |col: u32| {
        table
            .rows
            .iter()
            .take(6)
            .any(|&r| s.formula(r, col).is_some())
    };
    // First pass: present values, unit values and d.
    for &row in &rows {
        for (col, expr) in row_formulas(book, sheet, row, table.span()) {
            if let Some(args) = expr.find_call("PV") {
                let payment = args.get(2).map(|a| match a {
                    Expr::Neg(inner) => inner.as_ref(),
                    other => other,
                });
                if let Some(Expr::Ref(r)) = payment
                    && let Some(x) = same_row(book, sheet, row, r)
                {
                    add_evidence(&mut evidence, x, UnitValue);
                }
                // X*PV(r, H, -1): X is the unit value.
                for factor in expr.factors() {
                    if let Expr::Ref(r) = factor
                        && let Some(x) = same_row(book, sheet, row, r)
                    {
                        add_evidence(&mut evidence, x, UnitValue);
                    }
                }
                add_evidence(&mut evidence, col, PresentValue);
                continue;
            }
            if let Some(args) = expr.find_call("SUMPRODUCT")
                && let Expr::Binary(super::formula::BinOp::Div, numerator, _) = &expr
            {
                add_evidence(&mut evidence, col, MinimumImpact);
                let ranges: Vec<u32> = args
                    .iter()
                    .filter_map(|a| match a {
                        Expr::Range(r) => r.column(),
                        _ => None,
                    })
                    .collect();
                if let [a, b] = ranges[..] {
                    // The present value is computed; N is typed.
                    let (pv, n) = if has_formulas(a) && !has_formulas(b) {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    if has_formulas(pv) != has_formulas(n) {
                        add_evidence(&mut evidence, pv, PresentValue);
                        add_evidence(&mut evidence, n, Population);
                    }
                }
                if let Expr::Ref(r) = numerator.as_ref() {
                    match cell_of(book, sheet, r) {
                        Some((s2, r2, c2)) if s2 == sheet && table.rows.contains(&r2) => {
                            add_evidence(&mut evidence, c2, TotalCost);
                        }
                        Some(cell) => {
                            cost.get_or_insert((cell, (sheet, row, col)));
                        }
                        None => {}
                    }
                }
                continue;
            }
            if let Expr::Ref(r) = &expr
                && same_row(book, sheet, row, r).is_none()
            {
                // A link to another sheet's cell (the Values table's unit value).
                let into_values = values.is_some_and(|v| {
                    cell_of(book, sheet, r).is_some_and(|(s2, r2, c2)| v.covers(s2, r2, c2))
                });
                if into_values || r.sheet.is_some() {
                    add_evidence(&mut evidence, col, UnitValue);
                }
            }
        }
    }
    // Second pass: target = baseline ± d + change × length.
    for &row in &rows {
        for (col, expr) in row_formulas(book, sheet, row, table.span()) {
            let terms = expr.terms();
            let singles: Vec<u32> = terms
                .iter()
                .filter_map(|(_, t)| match t {
                    Expr::Ref(r) => same_row(book, sheet, row, r),
                    _ => None,
                })
                .collect();
            let products: Vec<Vec<&Expr>> = terms
                .iter()
                .filter(|(_, t)| matches!(t, Expr::Binary(super::formula::BinOp::Mul, ..)))
                .map(|(_, t)| t.factors())
                .collect();
            if singles.len() != 2 || products.len() != 1 || terms.len() != 3 {
                continue;
            }
            let d_col = singles
                .iter()
                .copied()
                .find(|c| evidence.get(c) == Some(&MinimumImpact))
                .or_else(|| {
                    singles
                        .iter()
                        .copied()
                        .find(|&c| constant(c) && has_formulas(c))
                });
            let Some(d_col) = d_col else { continue };
            let Some(baseline) = singles.iter().copied().find(|&c| c != d_col) else {
                continue;
            };
            add_evidence(&mut evidence, col, ModelTarget);
            add_evidence(&mut evidence, d_col, MinimumImpact);
            add_evidence(&mut evidence, baseline, Baseline);
            let factors: Vec<&super::formula::CellRef> = products[0]
                .iter()
                .filter_map(|f| match f {
                    Expr::Ref(r) => Some(r),
                    _ => None,
                })
                .collect();
            if let [a, b] = factors[..] {
                let in_row = |r: &super::formula::CellRef| same_row(book, sheet, row, r);
                match (in_row(a), in_row(b)) {
                    (Some(x), Some(y)) => {
                        let (length, change) = if constant(x) && !constant(y) {
                            (x, y)
                        } else {
                            (y, x)
                        };
                        add_evidence(&mut evidence, length, ProgramYears);
                        add_evidence(&mut evidence, change, AnnualChange);
                    }
                    (Some(change), None) | (None, Some(change)) => {
                        add_evidence(&mut evidence, change, AnnualChange);
                        let outside = if in_row(a).is_none() { a } else { b };
                        if let Some(cell) = cell_of(book, sheet, outside) {
                            years.get_or_insert((cell, (sheet, row, col)));
                        }
                    }
                    (None, None) => {}
                }
            }
        }
    }
    reassign(book, table, &evidence);
    (cost, years)
}

/// The IDB tool's column letters, for the inputs that neither words nor formulas found: only
/// columns under the header that nothing else claimed and that hold numbers.
pub(super) fn position_fallback(book: &Book, table: &mut Table<TargetsColumn>) {
    let Some(name_col) = table.col(TargetsColumn::Indicator) else {
        return;
    };
    let s = &book.sheets[table.sheet];
    for column in [
        TargetsColumn::Population,
        TargetsColumn::Baseline,
        TargetsColumn::AnnualChange,
    ] {
        if table.col(column).is_some() {
            continue;
        }
        let Some(letter) = column.appendix_letter() else {
            continue;
        };
        let col = name_col + letter;
        let numbers = table
            .rows
            .iter()
            .filter(|&&r| s.value(r, col).number().is_some() || s.formula(r, col).is_some())
            .count();
        if numbers * 2 < table.rows.len() || table.rows.is_empty() {
            continue;
        }
        match table.columns.iter_mut().find(|m| m.col == col) {
            Some(m) if m.column.is_none() && m.how.is_none() => {
                m.column = Some(column);
                m.how = Some(Evidence::Position);
                m.confidence = POSITION_CONFIDENCE;
            }
            Some(_) => {}
            None => {
                table.columns.push(Mapped {
                    col,
                    header: s.text(table.header_row, col).unwrap_or_default(),
                    column: Some(column),
                    how: Some(Evidence::Position),
                    confidence: POSITION_CONFIDENCE,
                });
                table.columns.sort_by_key(|m| m.col);
            }
        }
    }
}

/// Every reference in an expression that names a cell.
pub fn referenced_cells(expr: &Expr) -> Vec<&super::formula::CellRef> {
    let mut out = Vec::new();
    expr.references(&mut |r| {
        if let Reference::Cell(c) = r {
            out.push(c);
        }
    });
    out
}
