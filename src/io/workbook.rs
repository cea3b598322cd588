//! A workbook read with calamine, and what the importer needs to read it by meaning: header
//! text normalized for matching, A1 references, and a small evaluator for the arithmetic
//! formulas of the IDB tool, so that a workbook saved without cached results reads the same as
//! one saved by Excel.

use std::io::{Read, Seek};

use calamine::{Data, Range, Reader, Sheets};

use crate::text::{parse_number, parse_percent};
use crate::tf;

/// Sheets larger than this are refused rather than read.
pub const MAX_SHEET_CELLS: usize = 5_000_000;

/// One worksheet: cached values and formulas, addressed by 0-based (row, column).
pub struct Sheet {
    pub name: String,
    values: Range<Data>,
    formulas: Range<String>,
}

/// Why a sheet could not be read.
#[derive(Debug)]
pub struct SheetError {
    pub sheet: String,
    pub reason: String,
}

impl Sheet {
    /// Reads a sheet; with `max_row`, stops after that row (0-based) where the format allows.
    pub fn read<RS: Read + Seek>(
        book: &mut Sheets<RS>,
        name: &str,
        max_row: Option<u32>,
    ) -> Result<Self, SheetError> {
        let fail = |reason: String| SheetError {
            sheet: name.to_owned(),
            reason,
        };
        if let Sheets::Xlsx(xlsx) = book {
            return Self::read_xlsx(xlsx, name, max_row).map_err(fail);
        }
        let values = book
            .worksheet_range(name)
            .map_err(|e| fail(e.to_string()))?;
        let (height, width) = values.get_size();
        if height.saturating_mul(width) > MAX_SHEET_CELLS {
            return Err(fail(tf!(
                "it spans {height} rows by {width} columns, more than this program reads ({MAX_SHEET_CELLS} cells)",
                "abarca {height} filas por {width} columnas, más de lo que este programa lee ({MAX_SHEET_CELLS} celdas)"
            )));
        }
        // Not every format stores formulas; a sheet without them reads as values only.
        let formulas = book.worksheet_formula(name).unwrap_or_default();
        Ok(Self {
            name: name.to_owned(),
            values,
            formulas,
        })
    }

    /// Reads an xlsx sheet in one pass over its XML (values and formulas together), refusing
    /// it before anything large is allocated when its cells span more than
    /// [`MAX_SHEET_CELLS`].
    fn read_xlsx<RS: Read + Seek>(
        xlsx: &mut calamine::Xlsx<RS>,
        name: &str,
        max_row: Option<u32>,
    ) -> Result<Self, String> {
        let mut reader = xlsx
            .worksheet_cells_reader(name)
            .map_err(|e| e.to_string())?;
        let mut values = Vec::new();
        let mut formulas = Vec::new();
        let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
        while let Some(cell) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
            let (row, col) = cell.pos;
            if max_row.is_some_and(|max| row > max) {
                break;
            }
            rows = (rows.0.min(row), rows.1.max(row));
            cols = (cols.0.min(col), cols.1.max(col));
            let span = (u64::from(rows.1 - rows.0) + 1) * (u64::from(cols.1 - cols.0) + 1);
            if span > MAX_SHEET_CELLS as u64 {
                return Err(tf!(
                    "its cells span {} rows by {} columns, more than this program reads ({MAX_SHEET_CELLS} cells)",
                    "sus celdas abarcan {} filas por {} columnas, más de lo que este programa lee ({MAX_SHEET_CELLS} celdas)",
                    rows.1 - rows.0 + 1,
                    cols.1 - cols.0 + 1
                ));
            }
            if cell.value != calamine::DataRef::Empty {
                values.push(calamine::Cell::new(cell.pos, Data::from(cell.value)));
            }
            if let Some(formula) = cell.formula.filter(|f| !f.trim().is_empty()) {
                formulas.push(calamine::Cell::new(cell.pos, formula));
            }
        }
        Ok(Self {
            name: name.to_owned(),
            values: Range::from_sparse(values),
            formulas: Range::from_sparse(formulas),
        })
    }

    /// A sheet from values alone (tests and generated data).
    #[cfg(test)]
    pub fn from_cells(
        name: &str,
        cells: &[((u32, u32), Data)],
        formulas: &[((u32, u32), &str)],
    ) -> Self {
        let values = Range::from_sparse(
            cells
                .iter()
                .map(|((r, c), v)| calamine::Cell::new((*r, *c), v.clone()))
                .collect(),
        );
        let formulas = Range::from_sparse(
            formulas
                .iter()
                .map(|((r, c), f)| calamine::Cell::new((*r, *c), (*f).to_owned()))
                .collect(),
        );
        Self {
            name: name.to_owned(),
            values,
            formulas,
        }
    }

    /// (first row, last row) of the used range, inclusive; `None` for an empty sheet.
    pub fn row_span(&self) -> Option<(u32, u32)> {
        let start = [self.values.start(), self.formulas.start()]
            .into_iter()
            .flatten()
            .map(|s| s.0)
            .min()?;
        let end = [self.values.end(), self.formulas.end()]
            .into_iter()
            .flatten()
            .map(|e| e.0)
            .max()?;
        Some((start, end))
    }

    /// (first column, last column) of the used range, inclusive.
    pub fn col_span(&self) -> Option<(u32, u32)> {
        let start = [self.values.start(), self.formulas.start()]
            .into_iter()
            .flatten()
            .map(|s| s.1)
            .min()?;
        let end = [self.values.end(), self.formulas.end()]
            .into_iter()
            .flatten()
            .map(|e| e.1)
            .max()?;
        Some((start, end))
    }

    /// The cached value of a cell (a formula's last result, if the workbook saved one).
    pub fn value(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.values.get_value((row, col)).unwrap_or(&EMPTY)
    }

    /// The formula of a cell, without its leading "=".
    pub fn formula(&self, row: u32, col: u32) -> Option<&str> {
        self.formulas
            .get_value((row, col))
            .map(|f| f.trim().trim_start_matches('='))
            .filter(|f| !f.is_empty())
    }

    /// The cell as text, for labels and names.
    pub fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.value(row, col) {
            Data::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Data::Float(f) => Some(crate::text::format_number(*f)),
            Data::Int(i) => Some(i.to_string()),
            Data::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Every cell with a formula, as (row, column, formula).
    pub fn formula_cells(&self) -> impl Iterator<Item = (u32, u32, &str)> {
        self.formulas
            .used_cells()
            .filter(|(_, _, f)| !f.trim().is_empty())
            .map(|(r, c, f)| {
                let (r0, c0) = self.formulas.start().unwrap_or((0, 0));
                (
                    r as u32 + r0,
                    c as u32 + c0,
                    f.trim().trim_start_matches('='),
                )
            })
    }
}

/// The sheets of a workbook.
pub struct Book {
    pub sheets: Vec<Sheet>,
}

/// How a number in a cell is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberRule {
    Plain,
    /// The percent rule of `crate::text`: numbers of 1 or more are percentages.
    Percent,
}

/// What a cell held, read as a number.
#[derive(Clone, Debug, PartialEq)]
pub enum CellNumber {
    /// No value at all.
    Empty,
    /// A number; `from_formula` when it was computed from the cell's formula.
    Number { value: f64, from_formula: bool },
    /// Something that is not a number (the text, for messages).
    NotANumber(String),
}

impl Book {
    pub fn sheet_index(&self, name: &str) -> Option<usize> {
        let wanted = normalize(name);
        self.sheets
            .iter()
            .position(|s| normalize(&s.name) == wanted)
    }

    /// True when some formula cell has a cached result other than 0: a workbook saved by a
    /// library that writes no results has none (or zeros).
    pub fn has_cached_results(&self) -> bool {
        self.sheets.iter().any(|sheet| {
            sheet
                .formula_cells()
                .any(|(r, c, _)| match sheet.value(r, c) {
                    Data::Float(f) => *f != 0.0,
                    Data::Int(i) => *i != 0,
                    Data::String(s) => !s.is_empty(),
                    _ => false,
                })
        })
    }

    /// The number in a cell: the formula evaluated when it is simple arithmetic, else the
    /// cached result, else the literal value (text such as "42%" or "0,42" included).
    pub fn number(&self, sheet: usize, row: u32, col: u32, rule: NumberRule) -> CellNumber {
        self.number_at_depth(sheet, row, col, rule, 0)
    }

    fn number_at_depth(
        &self,
        sheet: usize,
        row: u32,
        col: u32,
        rule: NumberRule,
        depth: u32,
    ) -> CellNumber {
        let Some(s) = self.sheets.get(sheet) else {
            return CellNumber::Empty;
        };
        if let Some(formula) = s.formula(row, col)
            && depth < 32
            && let Some(value) = (Evaluator {
                book: self,
                sheet,
                depth,
            })
            .evaluate(formula)
        {
            return CellNumber::Number {
                value,
                from_formula: true,
            };
        }
        let from_formula = s.formula(row, col).is_some();
        match s.value(row, col) {
            Data::Float(f) => CellNumber::Number {
                value: apply_rule(*f, rule),
                from_formula,
            },
            Data::Int(i) => CellNumber::Number {
                value: apply_rule(*i as f64, rule),
                from_formula,
            },
            Data::String(text) if text.trim().is_empty() => CellNumber::Empty,
            Data::String(text) => {
                let parsed = match rule {
                    NumberRule::Plain => parse_number(text),
                    NumberRule::Percent => parse_percent(text),
                };
                parsed.map_or_else(
                    |_| CellNumber::NotANumber(text.clone()),
                    |value| CellNumber::Number {
                        value,
                        from_formula,
                    },
                )
            }
            Data::Empty => CellNumber::Empty,
            Data::Bool(b) => CellNumber::NotANumber(b.to_string()),
            Data::Error(e) => CellNumber::NotANumber(format!("the error {e}")),
            other => CellNumber::NotANumber(other.to_string()),
        }
    }
}

/// A number stored in a percent column: above 1 it was typed as a percentage (62 → 62%);
/// 1 itself is 100%, since workbooks store levels as proportions. Text cells follow the rule
/// of `crate::text` instead.
fn apply_rule(value: f64, rule: NumberRule) -> f64 {
    match rule {
        NumberRule::Percent if value.abs() > 1.0 => value / 100.0,
        _ => value,
    }
}

/// Header and label text reduced for matching: lower case, no accents, no parenthesised
/// units, punctuation as spaces, single spaces. "Valor unitario (vi)" → "valor unitario".
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => {
                let plain = match c {
                    'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
                    'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
                    'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
                    'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
                    'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
                    'ñ' | 'Ñ' => 'n',
                    'ç' | 'Ç' => 'c',
                    c if c.is_alphanumeric() => c,
                    _ => ' ',
                };
                out.extend(plain.to_lowercase());
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "A" for column 0, "AB" for 27.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        name.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// "F6" for (5, 5).
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// A reference in a formula: optional sheet name, 0-based row and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRef {
    pub sheet: Option<String>,
    pub row: u32,
    pub col: u32,
}

/// Parses "F6", "$F$6", "Values!F6", "'Census data'!$B$2".
pub fn parse_cell_ref(text: &str) -> Option<CellRef> {
    let text = text.trim();
    let (sheet, cell) = match text.rfind('!') {
        Some(bang) => {
            let sheet = text[..bang].trim();
            let sheet = sheet
                .strip_prefix('\'')
                .and_then(|s| s.strip_suffix('\''))
                .map_or_else(|| sheet.to_owned(), |s| s.replace("''", "'"));
            (Some(sheet), &text[bang + 1..])
        }
        None => (None, text),
    };
    let cell = cell.replace('$', "");
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &cell[letters.len()..];
    if letters.is_empty()
        || letters.len() > 3
        || digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let col = letters
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = digits.parse().ok()?;
    (row >= 1).then_some(CellRef {
        sheet,
        row: row - 1,
        col,
    })
}

/// A token of a formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Number(f64),
    Ref(CellRef),
    Op(char),
    Open,
    Close,
    Comma,
    /// A function name or anything else the evaluator does not know.
    Word(String),
}

/// Splits a formula into tokens; `None` when it holds something unreadable (strings).
pub fn tokenize(formula: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = formula.trim().trim_start_matches('=').chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' => i += 1,
            '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<' | '>' | '%' => {
                tokens.push(Token::Op(c));
                i += 1;
            }
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            ',' | ';' => {
                tokens.push(Token::Comma);
                i += 1;
            }
            '"' => return None,
            c if c.is_ascii_digit() || c == '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                if i < chars.len() && (chars[i] == 'E' || chars[i] == 'e') {
                    i += 1;
                    if i < chars.len() && (chars[i] == '+' || chars[i] == '-') {
                        i += 1;
                    }
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let text: String = chars[start..i].iter().collect();
                tokens.push(Token::Number(text.parse().ok()?));
            }
            _ => {
                // A reference (possibly with a sheet, quoted or not) or a word.
                let start = i;
                if c == '\'' {
                    i += 1;
                    while i < chars.len() {
                        if chars[i] == '\'' {
                            if chars.get(i + 1) == Some(&'\'') {
                                i += 2;
                                continue;
                            }
                            break;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                while i < chars.len()
                    && (chars[i].is_alphanumeric()
                        || matches!(chars[i], '$' | '!' | '_' | '.' | ':'))
                {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                if text.is_empty() {
                    return None;
                }
                match parse_cell_ref(&text) {
                    Some(reference) if !text.contains(':') => tokens.push(Token::Ref(reference)),
                    _ => tokens.push(Token::Word(text)),
                }
            }
        }
    }
    Some(tokens)
}

/// Evaluates + − × ÷, parentheses, numbers and references; anything else gives `None`.
struct Evaluator<'a> {
    book: &'a Book,
    sheet: usize,
    depth: u32,
}

impl Evaluator<'_> {
    fn evaluate(&self, formula: &str) -> Option<f64> {
        let tokens = tokenize(formula)?;
        let mut position = 0;
        let value = self.expression(&tokens, &mut position)?;
        (position == tokens.len() && value.is_finite()).then_some(value)
    }

    fn expression(&self, tokens: &[Token], at: &mut usize) -> Option<f64> {
        let mut value = self.term(tokens, at)?;
        while let Some(Token::Op(op @ ('+' | '-'))) = tokens.get(*at) {
            *at += 1;
            let right = self.term(tokens, at)?;
            value = if *op == '+' {
                value + right
            } else {
                value - right
            };
        }
        Some(value)
    }

    fn term(&self, tokens: &[Token], at: &mut usize) -> Option<f64> {
        let mut value = self.factor(tokens, at)?;
        while let Some(Token::Op(op @ ('*' | '/'))) = tokens.get(*at) {
            *at += 1;
            let right = self.factor(tokens, at)?;
            value = if *op == '*' {
                value * right
            } else {
                value / right
            };
        }
        Some(value)
    }

    fn factor(&self, tokens: &[Token], at: &mut usize) -> Option<f64> {
        let token = tokens.get(*at)?.clone();
        *at += 1;
        let value = match token {
            Token::Op('-') => -self.factor(tokens, at)?,
            Token::Op('+') => self.factor(tokens, at)?,
            Token::Number(n) => n,
            Token::Open => {
                let value = self.expression(tokens, at)?;
                if tokens.get(*at) != Some(&Token::Close) {
                    return None;
                }
                *at += 1;
                value
            }
            Token::Ref(reference) => {
                let sheet = match &reference.sheet {
                    Some(name) => self.book.sheet_index(name)?,
                    None => self.sheet,
                };
                match self.book.number_at_depth(
                    sheet,
                    reference.row,
                    reference.col,
                    NumberRule::Plain,
                    self.depth + 1,
                ) {
                    CellNumber::Number { value, .. } => value,
                    CellNumber::Empty => 0.0,
                    CellNumber::NotANumber(_) => return None,
                }
            }
            _ => return None,
        };
        // A trailing percent sign divides by 100, as in Excel.
        if tokens.get(*at) == Some(&Token::Op('%')) {
            *at += 1;
            return Some(value / 100.0);
        }
        Some(value)
    }
}

/// The sign (+1 or −1) of the additive term of `formula` that contains a reference matching
/// `is_target`, at the top level of the formula: `H8-G8+I8*E8` gives −1 for G8.
pub fn sign_of_term_with(formula: &str, is_target: impl Fn(&CellRef) -> bool) -> Option<f64> {
    let tokens = tokenize(formula)?;
    let mut depth = 0i32;
    let mut sign = 1.0;
    let mut term_start = true;
    for token in &tokens {
        match token {
            Token::Open => depth += 1,
            Token::Close => depth -= 1,
            Token::Op(op @ ('+' | '-')) if depth == 0 => {
                if term_start {
                    if *op == '-' {
                        sign = -sign;
                    }
                } else {
                    sign = if *op == '-' { -1.0 } else { 1.0 };
                    term_start = true;
                }
                continue;
            }
            Token::Ref(reference) if depth == 0 && is_target(reference) => return Some(sign),
            _ => {}
        }
        term_start = false;
    }
    None
}

/// Arguments of the first call of `function` in `formula`, as formulas: `PV(0.12,20,-B8)`
/// gives ["0.12", "20", "-B8"].
pub fn function_arguments(formula: &str, function: &str) -> Option<Vec<String>> {
    let upper = formula.to_ascii_uppercase();
    let wanted = format!("{}(", function.to_ascii_uppercase());
    let mut search = 0;
    let start = loop {
        let found = upper[search..].find(&wanted)? + search;
        let preceded_by_letter = upper[..found]
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '.');
        if !preceded_by_letter {
            break found + wanted.len();
        }
        search = found + 1;
    };
    let mut depth = 0;
    let mut args = Vec::new();
    let mut current = String::new();
    for c in formula[start..].chars() {
        match c {
            '(' => {
                depth += 1;
                current.push(c);
            }
            ')' if depth == 0 => {
                args.push(current.trim().to_owned());
                return Some(args);
            }
            ')' => {
                depth -= 1;
                current.push(c);
            }
            ',' | ';' if depth == 0 => args.push(std::mem::take(&mut current).trim().to_owned()),
            _ => current.push(c),
        }
    }
    None
}

impl Book {
    /// Evaluates a formula written in the context of `sheet` (for PV arguments and the like).
    pub fn evaluate_in(&self, sheet: usize, formula: &str) -> Option<f64> {
        Evaluator {
            book: self,
            sheet,
            depth: 0,
        }
        .evaluate(formula)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_headers() {
        assert_eq!(normalize("Valor unitario (vi)"), "valor unitario");
        assert_eq!(normalize("  Value (20 yrs, 12% discount rate) "), "value");
        assert_eq!(normalize("Línea de Base"), "linea de base");
        assert_eq!(normalize("AÑOS"), "anos");
        assert_eq!(normalize("DALYs per-capita"), "dalys per capita");
    }

    #[test]
    fn references() {
        assert_eq!(
            parse_cell_ref("F6"),
            Some(CellRef {
                sheet: None,
                row: 5,
                col: 5
            })
        );
        assert_eq!(
            parse_cell_ref("'Values'!$F$6"),
            Some(CellRef {
                sheet: Some("Values".into()),
                row: 5,
                col: 5
            })
        );
        assert_eq!(
            parse_cell_ref("Valores!AB10").map(|r| (r.row, r.col)),
            Some((9, 27))
        );
        assert_eq!(parse_cell_ref("PV"), None);
        assert_eq!(cell_name(5, 27), "AB6");
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }

    #[test]
    fn direction_from_the_sign_of_d() {
        let is_g8 = |r: &CellRef| r.col == 6 && r.row == 7;
        assert_eq!(sign_of_term_with("H8-G8+I8*E8", is_g8), Some(-1.0));
        assert_eq!(sign_of_term_with("=H8+G8+I8*E8", is_g8), Some(1.0));
        assert_eq!(sign_of_term_with("G8+H8", is_g8), Some(1.0));
        assert_eq!(sign_of_term_with("-G8+H8", is_g8), Some(-1.0));
        assert_eq!(sign_of_term_with("H8-I8*G8", is_g8), Some(-1.0));
        assert_eq!(sign_of_term_with("H8+I8*E8", is_g8), None);
    }

    #[test]
    fn function_arguments_of_pv() {
        assert_eq!(
            function_arguments("=PV(0.12,20,-B8)", "PV"),
            Some(vec!["0.12".to_owned(), "20".to_owned(), "-B8".to_owned()])
        );
        assert_eq!(function_arguments("NPV(0.1,A1:A3)", "PV"), None);
        assert_eq!(
            function_arguments("B8*PV($B$2;$B$3;-1)", "pv").map(|a| a.len()),
            Some(3)
        );
    }

    #[test]
    fn evaluating_arithmetic_across_sheets() {
        let values = Sheet::from_cells(
            "Values",
            &[
                ((5, 2), Data::Float(500.0)),
                ((5, 3), Data::Float(10_000.0)),
                ((1, 1), Data::Float(2000.0)),
            ],
            &[((5, 5), "$B$2*C6/D6")],
        );
        let targets = Sheet::from_cells(
            "Targets",
            &[((7, 1), Data::Float(0.0))],
            &[((7, 1), "Values!F6"), ((7, 2), "-(B8+1)*2%")],
        );
        let book = Book {
            sheets: vec![values, targets],
        };
        assert_eq!(
            book.number(1, 7, 1, NumberRule::Plain),
            CellNumber::Number {
                value: 100.0,
                from_formula: true
            }
        );
        assert_eq!(book.evaluate_in(1, "-(B8+1)*2%"), Some(-2.02));
        assert_eq!(book.evaluate_in(1, "SUM(B8)"), None);
    }
}
