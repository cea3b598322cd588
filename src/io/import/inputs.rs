//! The program inputs: found by their labels outside the tables (scored like headers), else in
//! a column of the Targets or Values table, else in the cell a formula of the tool uses for it
//! (the cost in d's formula, GNI per capita in the unit value's), else worked out; an input
//! that is found nowhere is marked missing, for the user to type in.

use super::cells::Cell;
use rustc_hash::FxHashMap;

use super::book::Book;
use super::evaluate::{CellId, Value};
use super::layout::{Table, Tables};
use super::report::{InputReport, Note, Source, What};
use super::rows::ConditionRow;
use super::vocabulary::{Header, Vocabulary, header};
use super::{Read, Reading};
use crate::model::{Metadata, Program, Timing};
use crate::schema::{Column, Kind, ProgramInput, TargetsColumn, ValuesColumn};

/// A label scoring at least this names its input.
const LABEL_THRESHOLD: f64 = 0.75;

/// The text cells outside the tables, each read as a header, to look labels up in.
pub struct Labels {
    /// Each text cell outside the tables, with the index of its text in `texts`.
    cells: Vec<(CellId, usize)>,
    /// The distinct texts' header words: a label repeated on many rows is scored once.
    texts: Vec<Header>,
    /// Sheets in the order labels are looked for: the Targets sheet, the Values sheet, then
    /// the others.
    order: Vec<usize>,
}

impl Labels {
    pub fn new(book: &Book, tables: &Tables) -> Self {
        let covered = |sheet: usize, row: u32, col: u32| {
            tables
                .targets
                .as_ref()
                .is_some_and(|t| t.covers(sheet, row, col))
                || tables
                    .values
                    .as_ref()
                    .is_some_and(|t| t.covers(sheet, row, col))
        };
        let mut cells = Vec::new();
        let mut texts = Vec::new();
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        for (sheet, s) in book.sheets.iter().enumerate() {
            let (Some((r0, r1)), Some((c0, c1))) = (s.row_span(), s.col_span()) else {
                continue;
            };
            if tables.set_aside[sheet] {
                continue;
            }
            for row in r0..=r1.min(r0 + 2000) {
                for col in c0..=c1.min(c0 + 60) {
                    if let Cell::String(text) = s.value(row, col)
                        && !text.trim().is_empty()
                        && text.len() < 120
                        && !covered(sheet, row, col)
                    {
                        let index = *seen.entry(text).or_insert_with(|| {
                            texts.push(header(text));
                            texts.len() - 1
                        });
                        cells.push(((sheet, row, col), index));
                    }
                }
            }
        }
        let mut order: Vec<usize> = [
            tables.targets.as_ref().map(|t| t.sheet),
            tables.values.as_ref().map(|t| t.sheet),
        ]
        .into_iter()
        .flatten()
        .collect();
        order.dedup();
        let rest: Vec<usize> = (0..book.sheets.len())
            .filter(|s| !order.contains(s))
            .collect();
        order.extend(rest);
        Self {
            cells,
            texts,
            order,
        }
    }

    /// The label of `input` that scores best (in sheet order, then top to bottom), with the
    /// cell holding its value: to its right (up to four cells) or below it.
    pub fn find<C: Column>(&self, book: &Book, input: C) -> Option<(CellId, CellId)> {
        let vocabulary = Vocabulary::<C>::of_all();
        let words = vocabulary.iter().find(|v| v.column == input)?;
        let numeric = !matches!(input.kind(), Kind::Text | Kind::Choice);
        let scores: Vec<f64> = self.texts.iter().map(|h| words.score(h)).collect();
        let mut best: Option<(f64, usize, CellId, CellId)> = None;
        for &((sheet, row, col), text) in &self.cells {
            let score = scores[text];
            if score < LABEL_THRESHOLD {
                continue;
            }
            // The best score wins; among equals, the earlier sheet, then the top-left cell.
            let rank = self
                .order
                .iter()
                .position(|&s| s == sheet)
                .unwrap_or(usize::MAX);
            let better = best.as_ref().is_none_or(|(b, r, at, _)| {
                score > *b + 1e-9
                    || ((score - b).abs() <= 1e-9 && (rank, (row, col)) < (*r, (at.1, at.2)))
            });
            if !better {
                continue;
            }
            if let Some(value) = value_cell(book, (sheet, row, col), numeric) {
                best = Some((score, rank, (sheet, row, col), value));
            }
        }
        best.map(|(_, _, label, value)| (label, value))
    }
}

/// The cell holding a label's value: the first to its right (up to four cells) or the one
/// below that holds a value (a number, for a numeric input).
fn value_cell(book: &Book, (sheet, row, col): CellId, numeric: bool) -> Option<CellId> {
    let s = &book.sheets[sheet];
    let holds = |r: u32, c: u32| {
        if s.is_blank(r, c) {
            return false;
        }
        if !numeric || s.formula(r, c).is_some() {
            return true;
        }
        match s.value(r, c) {
            Cell::Float(_) | Cell::Int(_) => true,
            Cell::String(t) => {
                crate::text::parse_number(t).is_ok() || crate::text::parse_percent(t).is_ok()
            }
            _ => false,
        }
    };
    (col + 1..=col + 4)
        .find(|&c| holds(row, c))
        .map(|c| (sheet, row, c))
        .or_else(|| holds(row + 1, col).then_some((sheet, row + 1, col)))
}

/// Reading the program inputs and the metadata.
struct Inputs<'r, 'b> {
    reading: &'r mut Reading<'b>,
    labels: &'r Labels,
    /// Labelled cells that held no usable number, by input.
    unusable: Vec<(ProgramInput, Source)>,
}

impl Inputs<'_, '_> {
    /// The input from its label, if one is found and its cell holds a number.
    fn labelled(&mut self, input: ProgramInput) -> Option<f64> {
        let (label, cell) = self.labels.find(self.reading.book, input)?;
        let kind = input.kind();
        let unusable = |inputs: &mut Self| {
            let source = Source::Unusable {
                cell: inputs.reading.address(cell),
                label: inputs.reading.text(label).unwrap_or_default(),
            };
            inputs.unusable.push((input, source));
        };
        let value = match self.reading.number(cell, kind) {
            Read::Number(n) => n,
            Read::NotANumber(found) => {
                let at = self.reading.address(cell);
                self.reading.report.notes.push(Note::NotANumber {
                    cell: at,
                    found,
                    what: What::Input(input),
                });
                unusable(self);
                return None;
            }
            Read::Failed => {
                unusable(self);
                return None;
            }
            Read::Empty => return None,
        };
        let source = Source::Label {
            cell: self.reading.address(cell),
            label: self.reading.text(label).unwrap_or_default(),
        };
        self.record(input, Some(value), source);
        self.reading.input_cells.push((input, cell));
        Some(value)
    }

    fn labelled_text(&mut self, input: ProgramInput) -> Option<String> {
        let (label, cell) = self.labels.find(self.reading.book, input)?;
        let text = self.reading.text(cell)?;
        let source = Source::Label {
            cell: self.reading.address(cell),
            label: self.reading.text(label).unwrap_or_default(),
        };
        self.record(input, None, source);
        Some(text)
    }

    fn record(&mut self, input: ProgramInput, value: Option<f64>, source: Source) {
        self.reading.report.inputs.push(InputReport {
            input,
            value,
            source,
        });
    }

    /// The first number in a table column, noting when the rows disagree.
    fn column<C: Column>(
        &mut self,
        table: &Table<C>,
        column: C,
        input: ProgramInput,
        kind: Kind,
    ) -> Option<f64> {
        let col = table.col(column)?;
        let mut first: Option<(f64, CellId)> = None;
        for &row in &table.rows {
            let cell = (table.sheet, row, col);
            let Read::Number(value) = self.reading.number(cell, kind) else {
                continue;
            };
            match first {
                None => first = Some((value, cell)),
                Some((v, at)) if (v - value).abs() > 1e-12 * v.abs().max(1.0) => {
                    let note = Note::Disagree {
                        input,
                        first: (self.reading.address(at), v),
                        other: (self.reading.address(cell), value),
                    };
                    self.reading.report.notes.push(note);
                    break;
                }
                Some(_) => {}
            }
        }
        let (value, cell) = first?;
        let source = Source::Column {
            cell: self.reading.address(cell),
        };
        self.record(input, Some(value), source);
        Some(value)
    }

    /// The number in a cell a formula of the tool names.
    fn formula_cell(
        &mut self,
        input: ProgramInput,
        named: Option<(CellId, CellId)>,
    ) -> Option<f64> {
        let (cell, formula_cell) = named?;
        let Read::Number(value) = self.reading.number(cell, input.kind()) else {
            return None;
        };
        let source = Source::Formula {
            cell: self.reading.address(cell),
            formula_cell: self.reading.address(formula_cell),
        };
        self.record(input, Some(value), source);
        Some(value)
    }

    fn missing(&mut self, input: ProgramInput) -> f64 {
        let source = self
            .unusable
            .iter()
            .find(|(i, _)| *i == input)
            .map_or(Source::Missing, |(_, s)| s.clone());
        self.record(input, None, source);
        f64::NAN
    }

    fn default(&mut self, input: ProgramInput, value: f64) -> f64 {
        self.record(input, Some(value), Source::Default);
        value
    }
}

/// The program inputs and metadata of a workbook.
pub fn read_program(
    reading: &mut Reading<'_>,
    tables: &Tables,
    labels: &Labels,
    conditions: &[ConditionRow],
) -> (Program, Metadata) {
    use ProgramInput as P;
    let defaults = Program::default();
    let mut inputs = Inputs {
        reading,
        labels,
        unusable: Vec::new(),
    };
    let targets = tables.targets.as_ref();
    let values = tables.values.as_ref();
    let mut program = Program::default();

    program.total_cost = inputs
        .labelled(P::TotalCost)
        .or_else(|| {
            targets
                .and_then(|t| inputs.column(t, TargetsColumn::TotalCost, P::TotalCost, Kind::Money))
        })
        .or_else(|| inputs.formula_cell(P::TotalCost, tables.cost_cell))
        .unwrap_or_else(|| inputs.missing(P::TotalCost));
    program.program_years = inputs
        .labelled(P::ProgramYears)
        .or_else(|| {
            targets.and_then(|t| {
                inputs.column(t, TargetsColumn::ProgramYears, P::ProgramYears, Kind::Plain)
            })
        })
        .or_else(|| inputs.formula_cell(P::ProgramYears, tables.years_cell))
        .unwrap_or_else(|| inputs.missing(P::ProgramYears));
    program.daly_multiple = inputs
        .labelled(P::DalyMultiple)
        .unwrap_or_else(|| inputs.default(P::DalyMultiple, defaults.daly_multiple));
    program.gni_per_capita = inputs
        .labelled(P::GniPerCapita)
        .or_else(|| {
            values.and_then(|v| {
                inputs.column(v, ValuesColumn::GniPerCapita, P::GniPerCapita, Kind::Money)
            })
        })
        .or_else(|| inputs.formula_cell(P::GniPerCapita, tables.gni_cell))
        .or_else(|| infer_gni(&mut inputs, conditions, program.daly_multiple))
        .unwrap_or_else(|| inputs.missing(P::GniPerCapita));

    // Discount rate and horizon: labels, else the PV() of the present-value column, else its
    // header ("Value (20 yrs, 12% discount rate)"), else the note's defaults.
    let rate = inputs.labelled(P::DiscountRate);
    let horizon = inputs.labelled(P::HorizonYears);
    let pv = targets.and_then(|t| pv_arguments(inputs.reading, t));
    let from_header = targets.and_then(|t| header_discounting(inputs.reading.book, t));
    program.discount_rate = match (rate, &pv, &from_header) {
        (Some(r), _, _) => r,
        (None, Some((r, _, _, cell)), _) => {
            inputs.record(
                P::DiscountRate,
                Some(*r),
                Source::PvArguments { cell: cell.clone() },
            );
            *r
        }
        (None, None, Some((r, _, cell, text))) if r.is_some() => {
            let r = r.unwrap_or(defaults.discount_rate);
            inputs.record(
                P::DiscountRate,
                Some(r),
                Source::Header {
                    cell: cell.clone(),
                    header: text.clone(),
                },
            );
            r
        }
        _ => inputs.default(P::DiscountRate, defaults.discount_rate),
    };
    let horizon = match (horizon, &pv, &from_header) {
        (Some(h), _, _) => Some(h),
        (None, Some((_, h, _, cell)), _) => {
            inputs.record(
                P::HorizonYears,
                Some(*h),
                Source::PvArguments { cell: cell.clone() },
            );
            Some(*h)
        }
        (None, None, Some((_, Some(h), cell, text))) => {
            inputs.record(
                P::HorizonYears,
                Some(*h),
                Source::Header {
                    cell: cell.clone(),
                    header: text.clone(),
                },
            );
            Some(*h)
        }
        _ => None,
    };
    program.horizon_years = match horizon.filter(|h| h.is_finite() && *h >= 1.0 && *h <= 200.0) {
        Some(h) => h.round() as u32,
        None => {
            inputs.default(P::HorizonYears, f64::from(defaults.horizon_years));
            defaults.horizon_years
        }
    };
    program.timing = match inputs.labelled_text(P::Timing) {
        Some(text) if starts_year(&text) => Timing::StartOfYear,
        Some(_) => Timing::EndOfYear,
        None if pv.as_ref().is_some_and(|(_, _, start, _)| *start) => Timing::StartOfYear,
        None => Timing::EndOfYear,
    };
    program.ceiling = inputs.labelled(P::Ceiling).unwrap_or(defaults.ceiling);
    program.floor = inputs.labelled(P::Floor).unwrap_or(defaults.floor);
    program.required_ratio = inputs
        .labelled(P::RequiredRatio)
        .unwrap_or(defaults.required_ratio);
    program.default_annual_change = inputs
        .labelled(P::DefaultAnnualChange)
        .unwrap_or(defaults.default_annual_change);

    let mut metadata = Metadata {
        program_name: inputs.labelled_text(P::ProgramName).unwrap_or_default(),
        country: inputs.labelled_text(P::Country).unwrap_or_default(),
        currency: inputs.labelled_text(P::Currency).unwrap_or_default(),
        notes: inputs.labelled_text(P::Notes).unwrap_or_default(),
        sources: Vec::new(),
    };
    // Sources: one a line, from the cell beside the label down to the first empty one.
    if let Some((_, (sheet, first, col))) = labels.find(inputs.reading.book, P::Sources) {
        let s = &inputs.reading.book.sheets[sheet];
        let mut row = first;
        while let Some(line) = s.text(row, col) {
            metadata.sources.push(line);
            row += 1;
        }
    }
    if metadata.currency.trim().is_empty() {
        metadata.currency = "US$".to_owned();
    }
    (program, metadata)
}

/// True when a timing label's text says benefits come at the start of the year.
fn starts_year(text: &str) -> bool {
    let text = super::vocabulary::normalize(text);
    ["start", "beginning", "inicio", "comienzo", "principio"]
        .iter()
        .any(|w| text.contains(w))
}

/// GNI per capita from the Values table's unit values: v = k·G·D/P, so G = v·P/(k·D), when
/// every condition gives the same.
fn infer_gni(inputs: &mut Inputs<'_, '_>, conditions: &[ConditionRow], k: f64) -> Option<f64> {
    let estimates: Vec<f64> = conditions
        .iter()
        .filter_map(|c| {
            let v = c.unit_value?;
            let g = v * c.condition.population / (k * c.condition.dalys);
            g.is_finite().then_some(g)
        })
        .collect();
    let first = *estimates.first()?;
    if estimates
        .iter()
        .any(|g| (g - first).abs() > 1e-6 * first.abs().max(1.0))
    {
        return None;
    }
    inputs.record(
        ProgramInput::GniPerCapita,
        Some(first),
        Source::UnitValues {
            conditions: estimates.len(),
        },
    );
    Some(first)
}

/// The rate, periods and type of the first `PV(…)` in the present-value column, evaluated,
/// with the cell they come from.
fn pv_arguments(
    reading: &mut Reading<'_>,
    targets: &Table<TargetsColumn>,
) -> Option<(f64, f64, bool, String)> {
    let col = targets.col(TargetsColumn::PresentValue)?;
    for &row in targets.rows.iter().take(20) {
        let cell = (targets.sheet, row, col);
        let Some(expr) = reading.eval.expression(cell) else {
            continue;
        };
        let Some(args) = expr.find_call("PV") else {
            continue;
        };
        let mut number = |i: usize| -> Option<f64> {
            let arg = args.get(i)?;
            literal_or_cell(reading, targets.sheet, arg)
        };
        let (Some(rate), Some(periods)) = (number(0), number(1)) else {
            continue;
        };
        let start = number(4).is_some_and(|t| t != 0.0);
        return Some((rate, periods, start, reading.address(cell)));
    }
    None
}

/// The number an argument gives: a literal, a negated literal, or a cell's value.
fn literal_or_cell(
    reading: &mut Reading<'_>,
    sheet: usize,
    arg: &super::formula::Expr,
) -> Option<f64> {
    use super::formula::Expr;
    match arg {
        Expr::Number(n) => Some(*n),
        Expr::Neg(inner) => literal_or_cell(reading, sheet, inner).map(|n| -n),
        Expr::Percent(inner) => literal_or_cell(reading, sheet, inner).map(|n| n / 100.0),
        Expr::Ref(r) => {
            let s = match &r.sheet {
                Some(name) => reading.book.sheet_index(name)?,
                None => sheet,
            };
            match reading.value((s, r.row, r.col))? {
                Value::Number(n) => Some(n),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Rate and horizon written in the present-value header: "Value (20 yrs, 12% discount rate)",
/// "Valor (20 años, tasa de descuento 12%)".
#[allow(clippy::type_complexity)]
fn header_discounting(
    book: &Book,
    targets: &Table<TargetsColumn>,
) -> Option<(Option<f64>, Option<f64>, String, String)> {
    let col = targets.col(TargetsColumn::PresentValue)?;
    let text = book.sheets[targets.sheet].text(targets.header_row, col)?;
    let lower = text.to_lowercase();
    let mut rate = None;
    let mut years = None;
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',')
            {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect::<String>().replace(',', ".");
            let Ok(value) = number.parse::<f64>() else {
                continue;
            };
            let rest: String = chars[i..].iter().collect::<String>();
            let rest = rest.trim_start();
            if rest.starts_with('%') {
                rate = Some(value / 100.0);
            } else if ["yr", "year", "ano", "año"]
                .iter()
                .any(|w| rest.starts_with(w))
            {
                years = Some(value);
            }
        } else {
            i += 1;
        }
    }
    if rate.is_none() && years.is_none() {
        return None;
    }
    Some((
        rate,
        years,
        book.address(targets.sheet, targets.header_row, col),
        text,
    ))
}
