//! Evaluating the formulas an import needs, within bounds: each cell is evaluated at most once
//! (memoized), references are followed with an explicit stack instead of recursion (a chain of
//! a million cells cannot overflow the stack), a circular reference is an error that names its
//! cells, and a budget caps the total work. Where a formula cannot be evaluated, the result the
//! workbook cached for it is used, and the caller is told why.

use std::collections::HashMap;
use std::rc::Rc;

use super::cells::Cell;
use rustc_hash::FxHashMap;

use super::book::Book;
use super::formula::{CellRef, Expr, FormulaError, RangeRef, Reference, parse};
use operators::{binary, scalar_function};

mod operators;

/// A cell of the workbook: sheet index, row and column (0-based).
pub type CellId = (usize, u32, u32);

/// Units of work an import may spend on formulas: cells visited, ranges walked, expression
/// nodes evaluated. Ten times what a 10,000-indicator workbook needs; spent in well under a
/// second on a 2-core laptop (a chain of 120,000 formulas, each referring to the last).
pub const WORK_BUDGET: u64 = 1_500_000;

/// A value as a spreadsheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    Bool(bool),
    Empty,
    /// An error value such as `#DIV/0!`.
    Error(String),
}

impl Value {
    fn from_data(cell: Cell<'_>) -> Value {
        match cell {
            Cell::Float(f) => Value::Number(f),
            Cell::Int(i) => Value::Number(i as f64),
            Cell::String(s) => Value::Text(s.to_owned()),
            Cell::Bool(b) => Value::Bool(b),
            Cell::Empty => Value::Empty,
            Cell::Error(e) => Value::Error(e.to_string()),
            Cell::DateTime(d) => Value::Number(d.as_f64()),
            Cell::DateTimeIso(s) | Cell::DurationIso(s) => Value::Text(s.to_owned()),
        }
    }

    /// The value as a number in arithmetic: empty is 0, TRUE is 1, numeric text is its
    /// number; anything else is `#VALUE!`.
    fn number(&self) -> Result<f64, Value> {
        match self {
            Value::Number(n) => Ok(*n),
            Value::Empty => Ok(0.0),
            Value::Bool(b) => Ok(f64::from(u8::from(*b))),
            Value::Text(t) => {
                let t = t.trim();
                let (digits, scale) = match t.strip_suffix('%') {
                    Some(d) => (d.trim(), 0.01),
                    None => (t, 1.0),
                };
                digits
                    .parse::<f64>()
                    .map(|n| n * scale)
                    .map_err(|_| Value::Error("#VALUE!".into()))
            }
            Value::Error(_) => Err(self.clone()),
        }
    }
}

/// Why a formula was not evaluated.
#[derive(Clone, Debug, PartialEq)]
pub enum EvalError {
    /// The formula of `cell` is too long, too deep or unreadable.
    Formula { cell: CellId, error: FormulaError },
    /// The formula of `cell` uses a function this program does not evaluate.
    Unsupported { cell: CellId, function: String },
    /// The cells of a circular reference, in the order they refer to each other.
    Circular { cells: Vec<CellId> },
    /// The work budget ran out while evaluating `cell`.
    Budget { cell: CellId },
    /// The formula of `cell` gave an error value (`#REF!`) where the workbook cached a number.
    ErrorValue { cell: CellId, error: String },
}

/// A cell's value and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Evaluated {
    /// A value typed in the cell.
    Literal(Value),
    /// The cell's formula, evaluated here.
    Computed(Value),
    /// The result the workbook cached for the formula, since it could not be evaluated.
    Cached { value: Value, why: EvalError },
    /// Neither: the formula could not be evaluated and no result was cached (or it is part of
    /// a circular reference, which never yields a number).
    Failed(EvalError),
}

impl Evaluated {
    /// The value, if there is one.
    pub fn value(&self) -> Option<&Value> {
        match self {
            Evaluated::Literal(v) | Evaluated::Computed(v) | Evaluated::Cached { value: v, .. } => {
                Some(v)
            }
            Evaluated::Failed(_) => None,
        }
    }

    /// True when the value came from the cell's formula (evaluated here or cached).
    pub fn from_formula(&self) -> bool {
        !matches!(self, Evaluated::Literal(_))
    }
}

/// A formula cell's outcome: its value, or why there is none.
type Outcome = Result<Value, EvalError>;

/// A range of a sheet: sheet index, first and last (row, column).
type RangeKey = (usize, (u32, u32), (u32, u32));

/// A formula cell being evaluated, or done.
enum Slot {
    Pending,
    Done(Outcome),
}

/// Work units a formula cell costs to set up (parsing it, finding its references), on top of
/// one unit per expression node and per cell of a range.
const FRAME_COST: u64 = 8;

/// One cell waiting for the cells its formula refers to.
struct Frame {
    cell: CellId,
    expr: Rc<Expr>,
    dependencies: Vec<CellId>,
    next: usize,
}

/// Evaluates the cells of one workbook, remembering every result.
pub struct Evaluator<'b> {
    book: &'b Book,
    memo: FxHashMap<CellId, Slot>,
    /// Ranges already read, by sheet and corners: a formula filled down a column reads the
    /// same range in every row.
    ranges: FxHashMap<RangeKey, Rc<Block>>,
    /// Parsed defined names.
    names: HashMap<String, Option<Rc<Expr>>>,
    spent: u64,
    budget: u64,
}

impl<'b> Evaluator<'b> {
    pub fn new(book: &'b Book) -> Self {
        Self::with_budget(book, WORK_BUDGET)
    }

    pub fn with_budget(book: &'b Book, budget: u64) -> Self {
        Self {
            book,
            memo: FxHashMap::default(),
            ranges: FxHashMap::default(),
            names: HashMap::new(),
            spent: 0,
            budget,
        }
    }

    pub fn book(&self) -> &'b Book {
        self.book
    }

    /// The work spent so far.
    pub fn spent(&self) -> u64 {
        self.spent
    }

    /// The value of a cell: its formula evaluated, else its cached result, else its literal.
    pub fn cell(&mut self, cell: CellId) -> Evaluated {
        let (sheet, row, col) = cell;
        let Some(s) = self.book.sheets.get(sheet) else {
            return Evaluated::Literal(Value::Empty);
        };
        if s.formula(row, col).is_none() {
            return Evaluated::Literal(Value::from_data(s.value(row, col)));
        }
        if !self.book.formulas_exact && !matches!(s.value(row, col), Cell::Empty) {
            // A format whose formulas are read only approximately: its saved result stands.
            return Evaluated::Computed(Value::from_data(s.value(row, col)));
        }
        let outcome = self.formula_cell(cell);
        self.with_cache(cell, outcome)
    }

    /// The parsed formula of a cell, if it has one and it parses.
    pub fn expression(&self, cell: CellId) -> Option<Expr> {
        let (sheet, row, col) = cell;
        let formula = self.book.sheets.get(sheet)?.formula(row, col)?;
        parse(formula).ok()
    }

    /// An outcome with the cached result put in for a formula that could not be evaluated (a
    /// circular reference excepted: it never yields a number).
    fn with_cache(&self, (sheet, row, col): CellId, outcome: Outcome) -> Evaluated {
        let cached = Value::from_data(self.book.sheets[sheet].value(row, col));
        match outcome {
            // An error here where the workbook computed a number (an external link, say).
            Ok(Value::Error(error)) if matches!(cached, Value::Number(_)) => Evaluated::Cached {
                value: cached,
                why: EvalError::ErrorValue {
                    cell: (sheet, row, col),
                    error,
                },
            },
            Ok(value) => Evaluated::Computed(value),
            Err(why @ EvalError::Circular { .. }) => Evaluated::Failed(why),
            Err(why) if cached != Value::Empty => Evaluated::Cached { value: cached, why },
            Err(why) => Evaluated::Failed(why),
        }
    }

    /// The outcome of a formula cell, following its references with an explicit stack.
    fn formula_cell(&mut self, root: CellId) -> Outcome {
        match self.memo.get(&root) {
            Some(Slot::Done(done)) => return done.clone(),
            Some(Slot::Pending) => return Err(EvalError::Budget { cell: root }),
            None => {}
        }
        let mut stack: Vec<Frame> = Vec::new();
        self.push(root, &mut stack);
        while let Some(top) = stack.last_mut() {
            if self.spent > self.budget {
                // Out of budget: every cell still waiting fails (its cached result may serve).
                for frame in stack.drain(..) {
                    let error = EvalError::Budget { cell: frame.cell };
                    self.memo.insert(frame.cell, Slot::Done(Err(error)));
                }
                break;
            }
            if top.next < top.dependencies.len() {
                let dependency = top.dependencies[top.next];
                top.next += 1;
                match self.memo.get(&dependency) {
                    Some(Slot::Done(_)) => {}
                    Some(Slot::Pending) => {
                        // A circular reference: every cell from the dependency's frame up.
                        let start = stack.iter().position(|f| f.cell == dependency).unwrap_or(0);
                        let cells: Vec<CellId> = stack[start..].iter().map(|f| f.cell).collect();
                        for frame in stack.drain(start..) {
                            let error = EvalError::Circular {
                                cells: cells.clone(),
                            };
                            self.memo.insert(frame.cell, Slot::Done(Err(error)));
                        }
                    }
                    None => self.push(dependency, &mut stack),
                }
                continue;
            }
            // Every dependency is known: evaluate this cell.
            let Some(frame) = stack.pop() else { break };
            let outcome = self.evaluate_frame(&frame);
            self.memo.insert(frame.cell, Slot::Done(outcome));
        }
        match self.memo.get(&root) {
            Some(Slot::Done(done)) => done.clone(),
            _ => Err(EvalError::Budget { cell: root }),
        }
    }

    /// Starts evaluating `cell`: its frame goes on the stack, or its error into the memo.
    fn push(&mut self, cell: CellId, stack: &mut Vec<Frame>) {
        self.spent += FRAME_COST;
        match self.frame(cell) {
            Ok(frame) => {
                self.memo.insert(cell, Slot::Pending);
                stack.push(frame);
            }
            Err(error) => {
                self.memo.insert(cell, Slot::Done(Err(error)));
            }
        }
    }

    /// The frame of a formula cell: its parsed formula and the formula cells it refers to.
    fn frame(&mut self, cell: CellId) -> Result<Frame, EvalError> {
        let (sheet, row, col) = cell;
        let formula = self.book.sheets[sheet].formula(row, col).unwrap_or("");
        let expr = parse(formula).map_err(|error| EvalError::Formula { cell, error })?;
        let expr = if expr.has_name() {
            self.resolve_names(expr, 0)
        } else {
            expr
        };
        let expr = Rc::new(expr);
        let mut dependencies = Vec::new();
        // A reference to a sheet that does not exist evaluates to #REF!: no dependency.
        expr.references(&mut |reference| match reference {
            Reference::Cell(r) => {
                if let Some(s) = self.sheet_of(r.sheet.as_deref(), sheet)
                    && self.book.sheets[s].formula(r.row, r.col).is_some()
                {
                    dependencies.push((s, r.row, r.col));
                }
            }
            Reference::Range(r) => {
                if let Some(s) = self.sheet_of(r.sheet.as_deref(), sheet) {
                    self.formula_cells_in(s, r, &mut dependencies);
                }
            }
        });
        if dependencies.len() > 1 {
            dependencies.sort_unstable();
            dependencies.dedup();
        }
        Ok(Frame {
            cell,
            expr,
            dependencies,
            next: 0,
        })
    }

    /// Puts the definitions of defined names in place of the names (a few levels deep).
    fn resolve_names(&mut self, expr: Expr, depth: u32) -> Expr {
        match expr {
            Expr::Name(name) if depth < 4 => {
                let definition = self
                    .names
                    .entry(name.to_ascii_uppercase())
                    .or_insert_with(|| {
                        self.book
                            .name(&name)
                            .and_then(|f| parse(f).ok())
                            .map(Rc::new)
                    })
                    .clone();
                match definition {
                    Some(def) => self.resolve_names((*def).clone(), depth + 1),
                    None => Expr::Error("#NAME?".into()),
                }
            }
            Expr::Neg(inner) => Expr::Neg(Box::new(self.resolve_names(*inner, depth))),
            Expr::Percent(inner) => Expr::Percent(Box::new(self.resolve_names(*inner, depth))),
            Expr::Binary(op, a, b) => Expr::Binary(
                op,
                Box::new(self.resolve_names(*a, depth)),
                Box::new(self.resolve_names(*b, depth)),
            ),
            Expr::Call(name, args) => Expr::Call(
                name,
                args.into_iter()
                    .map(|a| self.resolve_names(a, depth))
                    .collect(),
            ),
            Expr::Name(_) => Expr::Error("#NAME?".into()),
            other => other,
        }
    }

    fn sheet_of(&self, name: Option<&str>, current: usize) -> Option<usize> {
        match name {
            None => Some(current),
            Some(name) => self.book.sheet_index(name),
        }
    }

    /// The cells of `range` that hold formulas, clipped to where the sheet has any.
    fn formula_cells_in(&mut self, sheet: usize, range: &RangeRef, out: &mut Vec<CellId>) {
        let s = &self.book.sheets[sheet];
        let Some(((r0, c0), (r1, c1))) = s.formula_span() else {
            return;
        };
        let rows = range.first.0.max(r0)..=range.last.0.min(r1);
        let cols = range.first.1.max(c0)..=range.last.1.min(c1);
        for row in rows {
            for col in cols.clone() {
                self.spent += 1;
                if self.spent > self.budget {
                    return;
                }
                if s.formula(row, col).is_some() {
                    out.push((sheet, row, col));
                }
            }
        }
    }

    fn evaluate_frame(&mut self, frame: &Frame) -> Outcome {
        // A dependency that failed makes this cell fail the same way, unless that cell has a
        // cached result to stand in for it (a circular reference never does).
        for &dependency in &frame.dependencies {
            if let Some(Slot::Done(Err(error))) = self.memo.get(&dependency) {
                let error = error.clone();
                match self.with_cache(dependency, Err(error.clone())) {
                    Evaluated::Cached { .. } => {}
                    _ => return Err(error),
                }
            }
        }
        let mut context = Context {
            evaluator: self,
            cell: frame.cell,
        };
        context.value(&frame.expr)
    }
}

/// Evaluation of one cell's expression, its dependencies already known.
struct Context<'e, 'b> {
    evaluator: &'e mut Evaluator<'b>,
    cell: CellId,
}

/// Values of a function's arguments.
enum Argument {
    Single(Value),
    Range(Rc<Block>),
}

/// The cells of a range that can hold anything: the range as written, cut at the sheet's last
/// used row and column (what lies beyond is empty), row by row.
struct Block {
    cells: Vec<Value>,
    /// Rows and columns kept.
    rows: usize,
    cols: usize,
    /// Rows and columns as written (whole columns count Excel's 1,048,576 rows).
    declared: (u64, u64),
}

impl Block {
    fn get(&self, row: usize, col: usize) -> &Value {
        static EMPTY: Value = Value::Empty;
        if row < self.rows && col < self.cols {
            &self.cells[row * self.cols + col]
        } else {
            &EMPTY
        }
    }
}

/// Excel's last row and column, for whole-column and whole-row ranges.
const EXCEL_ROWS: u64 = 1_048_576;
const EXCEL_COLS: u64 = 16_384;

impl Context<'_, '_> {
    fn spend(&mut self) -> Result<(), EvalError> {
        self.evaluator.spent += 1;
        if self.evaluator.spent > self.evaluator.budget {
            Err(EvalError::Budget { cell: self.cell })
        } else {
            Ok(())
        }
    }

    /// The value of a referenced cell (its formula already evaluated).
    fn cell_value(&mut self, cell: CellId) -> Value {
        let (sheet, row, col) = cell;
        let book = self.evaluator.book;
        let s = &book.sheets[sheet];
        let saved_stands = !book.formulas_exact && !matches!(s.value(row, col), Cell::Empty);
        if s.formula(row, col).is_none() || saved_stands {
            return Value::from_data(s.value(row, col));
        }
        let outcome = match self.evaluator.memo.get(&cell) {
            Some(Slot::Done(Ok(value))) => return value.clone(),
            Some(Slot::Done(Err(error))) => Err(error.clone()),
            _ => Err(EvalError::Budget { cell }),
        };
        match self.evaluator.with_cache(cell, outcome) {
            Evaluated::Literal(v) | Evaluated::Computed(v) | Evaluated::Cached { value: v, .. } => {
                v
            }
            Evaluated::Failed(_) => Value::Error("#VALUE!".into()),
        }
    }

    fn reference(&mut self, r: &CellRef) -> Value {
        match self.evaluator.sheet_of(r.sheet.as_deref(), self.cell.0) {
            Some(sheet) => self.cell_value((sheet, r.row, r.col)),
            None => Value::Error("#REF!".into()),
        }
    }

    fn range(&mut self, r: &RangeRef) -> Result<Argument, EvalError> {
        let Some(sheet) = self.evaluator.sheet_of(r.sheet.as_deref(), self.cell.0) else {
            return Ok(Argument::Single(Value::Error("#REF!".into())));
        };
        let declared = |first: u32, last: u32, max: u64| {
            if last == u32::MAX {
                max.saturating_sub(u64::from(first))
            } else {
                u64::from(last - first) + 1
            }
        };
        let declared = (
            declared(r.first.0, r.last.0, EXCEL_ROWS),
            declared(r.first.1, r.last.1, EXCEL_COLS),
        );
        let key = (sheet, r.first, r.last);
        if let Some(block) = self.evaluator.ranges.get(&key) {
            return Ok(Argument::Range(Rc::clone(block)));
        }
        let s = &self.evaluator.book.sheets[sheet];
        let (Some((_, r1)), Some((_, c1))) = (s.row_span(), s.col_span()) else {
            return Ok(Argument::Range(Rc::new(Block {
                cells: Vec::new(),
                rows: 0,
                cols: 0,
                declared,
            })));
        };
        // Beyond the sheet's last used row and column every cell is empty.
        let last = (r.last.0.min(r1), r.last.1.min(c1));
        let rows = last.0.checked_sub(r.first.0).map_or(0, |d| d as usize + 1);
        let cols = last.1.checked_sub(r.first.1).map_or(0, |d| d as usize + 1);
        let mut cells = Vec::with_capacity(rows.saturating_mul(cols).min(1 << 20));
        for row in 0..rows as u32 {
            for col in 0..cols as u32 {
                self.spend()?;
                cells.push(self.cell_value((sheet, r.first.0 + row, r.first.1 + col)));
            }
        }
        let block = Rc::new(Block {
            cells,
            rows,
            cols,
            declared,
        });
        self.evaluator.ranges.insert(key, Rc::clone(&block));
        Ok(Argument::Range(block))
    }

    fn value(&mut self, expr: &Expr) -> Outcome {
        self.spend()?;
        Ok(match expr {
            Expr::Number(n) => Value::Number(*n),
            Expr::Text(t) => Value::Text(t.clone()),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Error(e) => Value::Error(e.clone()),
            Expr::Name(_) => Value::Error("#NAME?".into()),
            Expr::Ref(r) => self.reference(r),
            Expr::Range(r) => match self.range(r)? {
                // A range used as a single value: its one cell, else #VALUE!.
                Argument::Range(block) if block.declared == (1, 1) => block.get(0, 0).clone(),
                Argument::Single(v) => v,
                Argument::Range(_) => Value::Error("#VALUE!".into()),
            },
            Expr::Neg(inner) => match self.value(inner)?.number() {
                Ok(n) => Value::Number(-n),
                Err(e) => e,
            },
            Expr::Percent(inner) => match self.value(inner)?.number() {
                Ok(n) => Value::Number(n / 100.0),
                Err(e) => e,
            },
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.value(a)?, self.value(b)?);
                binary(*op, &a, &b)
            }
            Expr::Call(name, args) => self.call(name, args)?,
        })
    }

    fn arguments(&mut self, args: &[Expr]) -> Result<Vec<Argument>, EvalError> {
        args.iter()
            .map(|a| match a {
                Expr::Range(r) => self.range(r),
                other => self.value(other).map(Argument::Single),
            })
            .collect()
    }

    /// The numbers of the arguments as SUM counts them: numbers in ranges (text and empty
    /// cells skipped), and single values converted.
    fn numbers(&mut self, args: &[Expr]) -> Result<Result<Vec<f64>, Value>, EvalError> {
        let mut numbers = Vec::new();
        for argument in self.arguments(args)? {
            match argument {
                Argument::Single(v) => match v.number() {
                    Ok(n) => numbers.push(n),
                    Err(e) => return Ok(Err(e)),
                },
                Argument::Range(block) => {
                    for cell in block.cells.iter().cloned() {
                        match cell {
                            Value::Number(n) => numbers.push(n),
                            Value::Error(_) => return Ok(Err(cell)),
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(Ok(numbers))
    }

    fn scalars(&mut self, args: &[Expr]) -> Result<Result<Vec<f64>, Value>, EvalError> {
        let mut numbers = Vec::new();
        for a in args {
            match self.value(a)?.number() {
                Ok(n) => numbers.push(n),
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(Ok(numbers))
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> Outcome {
        let number = |r: Result<f64, Value>| match r {
            Ok(n) if n.is_finite() => Value::Number(n),
            Ok(_) => Value::Error("#NUM!".into()),
            Err(e) => e,
        };
        Ok(match name {
            "SUM" | "AVERAGE" | "MIN" | "MAX" | "PRODUCT" | "COUNT" => {
                let values = match self.numbers(args)? {
                    Ok(v) => v,
                    Err(e) => return Ok(e),
                };
                let result = match name {
                    "SUM" => Ok(values.iter().sum()),
                    "PRODUCT" => Ok(values.iter().product()),
                    "COUNT" => Ok(values.len() as f64),
                    "AVERAGE" if values.is_empty() => Err(Value::Error("#DIV/0!".into())),
                    "AVERAGE" => Ok(values.iter().sum::<f64>() / values.len() as f64),
                    "MIN" => Ok(values.iter().copied().fold(f64::INFINITY, f64::min)),
                    _ => Ok(values.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
                };
                let result = result.map(|v: f64| {
                    if v.is_infinite() && values.is_empty() {
                        0.0
                    } else {
                        v
                    }
                });
                number(result)
            }
            "SUMPRODUCT" => {
                let mut blocks = Vec::new();
                for argument in self.arguments(args)? {
                    blocks.push(match argument {
                        Argument::Single(v) => Rc::new(Block {
                            cells: vec![v],
                            rows: 1,
                            cols: 1,
                            declared: (1, 1),
                        }),
                        Argument::Range(block) => block,
                    });
                }
                let Some(shape) = blocks.first().map(|b| b.declared) else {
                    return Ok(Value::Error("#VALUE!".into()));
                };
                if blocks.iter().any(|b| b.declared != shape) {
                    return Ok(Value::Error("#VALUE!".into()));
                }
                // Cells past any block's used part are empty there, so their product is 0.
                let rows = blocks.iter().map(|b| b.rows).min().unwrap_or(0);
                let cols = blocks.iter().map(|b| b.cols).min().unwrap_or(0);
                let mut sum = 0.0;
                for row in 0..rows {
                    for col in 0..cols {
                        let mut product = 1.0;
                        for block in &blocks {
                            match block.get(row, col) {
                                Value::Number(n) => product *= n,
                                error @ Value::Error(_) => return Ok(error.clone()),
                                _ => product = 0.0,
                            }
                        }
                        sum += product;
                    }
                }
                number(Ok(sum))
            }
            "PV" | "NPV" | "ABS" | "ROUND" | "ROUNDUP" | "ROUNDDOWN" | "POWER" | "SQRT" => {
                if name == "NPV" {
                    let Some((rate, rest)) = args.split_first() else {
                        return Ok(Value::Error("#VALUE!".into()));
                    };
                    let rate = match self.value(rate)?.number() {
                        Ok(r) => r,
                        Err(e) => return Ok(e),
                    };
                    let flows = match self.numbers(rest)? {
                        Ok(v) => v,
                        Err(e) => return Ok(e),
                    };
                    let npv = flows
                        .iter()
                        .enumerate()
                        .map(|(t, v)| v / (1.0 + rate).powi(t as i32 + 1))
                        .sum();
                    return Ok(number(Ok(npv)));
                }
                let values = match self.scalars(args)? {
                    Ok(v) => v,
                    Err(e) => return Ok(e),
                };
                number(scalar_function(name, &values))
            }
            "IF" => {
                let condition = match args.first() {
                    Some(c) => self.value(c)?,
                    None => return Ok(Value::Error("#VALUE!".into())),
                };
                let truth = match condition {
                    Value::Bool(b) => b,
                    other => match other.number() {
                        Ok(n) => n != 0.0,
                        Err(e) => return Ok(e),
                    },
                };
                let branch = if truth { args.get(1) } else { args.get(2) };
                match branch {
                    Some(b) => self.value(b)?,
                    None => Value::Bool(false),
                }
            }
            "IFERROR" => {
                let first = match args.first() {
                    Some(a) => self.value(a)?,
                    None => return Ok(Value::Error("#VALUE!".into())),
                };
                match (first, args.get(1)) {
                    (Value::Error(_), Some(fallback)) => self.value(fallback)?,
                    (value, _) => value,
                }
            }
            other => {
                return Err(EvalError::Unsupported {
                    cell: self.cell,
                    function: other.to_owned(),
                });
            }
        })
    }
}

#[cfg(test)]
mod tests;
