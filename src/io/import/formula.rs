//! Spreadsheet formulas as the importer reads them: Excel's syntax (and LibreOffice's ODF
//! syntax, rewritten to it), parsed into an expression tree within Excel's own limits, so that
//! no formula, however long or deeply nested, can exhaust the stack or the time of an import.

use std::fmt;

/// Excel's longest formula, in characters.
pub const MAX_FORMULA_CHARS: usize = 8192;
/// Excel's deepest nesting of parentheses and function calls.
pub const MAX_NESTING: usize = 64;

/// A reference to one cell: optional sheet name, 0-based row and column.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CellRef {
    pub sheet: Option<String>,
    pub row: u32,
    pub col: u32,
}

/// A rectangle of cells, inclusive; whole columns or rows run to the sheet's last cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeRef {
    pub sheet: Option<String>,
    pub first: (u32, u32),
    pub last: (u32, u32),
}

impl RangeRef {
    /// The single column the range spans, if it spans one.
    pub fn column(&self) -> Option<u32> {
        (self.first.1 == self.last.1).then_some(self.first.1)
    }
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A parsed formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Number(f64),
    Text(String),
    Bool(bool),
    /// An error literal such as `#N/A`.
    Error(String),
    Ref(CellRef),
    Range(RangeRef),
    /// Unary minus (an odd number of minus signs in a row).
    Neg(Box<Expr>),
    /// A trailing `%`: divides by 100.
    Percent(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A function call, its name in upper case without Excel's `_xlfn.` prefix.
    Call(String, Vec<Expr>),
    /// A defined name ("Cost"), resolved through the workbook's names.
    Name(String),
}

/// Why a formula was not parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormulaError {
    /// Longer than Excel allows.
    TooLong { chars: usize },
    /// Nested deeper than Excel allows.
    TooDeep,
    /// Not a formula this reader understands (the position, in characters).
    Syntax { at: usize },
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormulaError::TooLong { chars } => write!(f, "too long ({chars} characters)"),
            FormulaError::TooDeep => write!(f, "nested more than {MAX_NESTING} levels"),
            FormulaError::Syntax { at } => write!(f, "unreadable at character {at}"),
        }
    }
}

/// Parses a formula as a workbook stores it (with or without its leading `=`; LibreOffice's
/// `of:=[.A1]` syntax too).
pub fn parse(formula: &str) -> Result<Expr, FormulaError> {
    let chars = formula.chars().count();
    if chars > MAX_FORMULA_CHARS {
        return Err(FormulaError::TooLong { chars });
    }
    let text = if let Some(odf) = formula.trim().strip_prefix("of:") {
        odf_to_excel(odf)
    } else {
        formula.to_owned()
    };
    let tokens = tokenize(text.trim().trim_start_matches('='))?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        depth: 0,
    };
    let expr = parser.comparison()?;
    if parser.at != tokens.len() {
        return Err(FormulaError::Syntax {
            at: parser.position(),
        });
    }
    Ok(expr)
}

/// Rewrites LibreOffice's ODF formula syntax as Excel's: `[.B8]` → `B8`,
/// `[$Values.F6]` → `Values!F6`, `[.C8:.C17]` → `C8:C17`, `['Census data'.B2]` →
/// `'Census data'!B2`. Text in quotes is left alone.
pub fn odf_to_excel(formula: &str) -> String {
    let mut out = String::with_capacity(formula.len());
    let mut chars = formula.chars().peekable();
    let mut in_text = false;
    while let Some(c) = chars.next() {
        if in_text {
            out.push(c);
            if c == '"' {
                in_text = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_text = true;
                out.push(c);
            }
            '[' => {
                let mut inner = String::new();
                let mut quoted = false;
                for d in chars.by_ref() {
                    if d == '\'' {
                        quoted = !quoted;
                    }
                    if d == ']' && !quoted {
                        break;
                    }
                    inner.push(d);
                }
                let parts: Vec<String> = split_outside_quotes(&inner, ':')
                    .into_iter()
                    .map(|part| odf_address(&part))
                    .collect();
                // A range keeps the sheet of its first end only.
                let mut joined = parts.first().cloned().unwrap_or_default();
                for part in parts.iter().skip(1) {
                    joined.push(':');
                    joined.push_str(part.rsplit('!').next().unwrap_or(part));
                }
                out.push_str(&joined);
            }
            _ => out.push(c),
        }
    }
    out
}

fn split_outside_quotes(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c == separator && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// `.B8` → `B8`; `$Values.F6` → `Values!F6`; `'Census data'.B2` → `'Census data'!B2`.
fn odf_address(part: &str) -> String {
    let part = part.trim().trim_start_matches('$');
    match part.rfind('.') {
        Some(0) => part[1..].to_owned(),
        Some(dot) => {
            let sheet = &part[..dot];
            let cell = &part[dot + 1..];
            format!("{sheet}!{cell}")
        }
        None => part.to_owned(),
    }
}

/// A token of a formula.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(f64),
    Text(String),
    Bool(bool),
    Error(String),
    Ref(CellRef),
    Range(RangeRef),
    /// A function name (followed by `(`).
    Function(String),
    /// A defined name.
    Name(String),
    Op(&'static str),
    Open,
    Close,
    Comma,
}

const OPERATORS: [&str; 13] = [
    "<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%",
];

fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let fail = || FormulaError::Syntax { at: start };
        match c {
            ' ' | '\n' | '\r' | '\t' => i += 1,
            '(' => {
                tokens.push((Token::Open, start));
                i += 1;
            }
            ')' => {
                tokens.push((Token::Close, start));
                i += 1;
            }
            ',' | ';' => {
                tokens.push((Token::Comma, start));
                i += 1;
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(fail()),
                        Some('"') if chars.get(i + 1) == Some(&'"') => {
                            text.push('"');
                            i += 2;
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some(&d) => {
                            text.push(d);
                            i += 1;
                        }
                    }
                }
                tokens.push((Token::Text(text), start));
            }
            '#' => {
                let mut error = String::new();
                while i < chars.len() && !matches!(chars[i], ',' | ';' | ')' | ' ') {
                    error.push(chars[i]);
                    i += 1;
                    if error.ends_with('!') || error.ends_with('?') || error == "#N/A" {
                        break;
                    }
                }
                tokens.push((Token::Error(error), start));
            }
            c if c.is_ascii_digit()
                || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) =>
            {
                // A number, unless it starts a row range such as 3:5.
                let mut j = i;
                while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                    j += 1;
                }
                if j < chars.len() && matches!(chars[j], 'e' | 'E') {
                    let mut k = j + 1;
                    if k < chars.len() && matches!(chars[k], '+' | '-') {
                        k += 1;
                    }
                    if k < chars.len() && chars[k].is_ascii_digit() {
                        j = k;
                        while j < chars.len() && chars[j].is_ascii_digit() {
                            j += 1;
                        }
                    }
                }
                if chars.get(j) == Some(&':') {
                    let (token, next) = reference(&chars, i).ok_or_else(fail)?;
                    tokens.push((token, start));
                    i = next;
                } else {
                    let number: String = chars[i..j].iter().collect();
                    tokens.push((Token::Number(number.parse().map_err(|_| fail())?), start));
                    i = j;
                }
            }
            _ => {
                let next = chars.get(i + 1).copied();
                if let Some(op) = OPERATORS.iter().find(|op| {
                    let mut want = op.chars();
                    want.next() == Some(c) && want.next().is_none_or(|d| Some(d) == next)
                }) {
                    tokens.push((Token::Op(op), start));
                    i += op.chars().count();
                    continue;
                }
                // A function name, a boolean, or a reference (possibly with a sheet name).
                let mut j = i;
                while j < chars.len()
                    && (chars[j].is_alphanumeric() || matches!(chars[j], '_' | '.' | '$'))
                {
                    j += 1;
                }
                let word: String = chars[i..j].iter().collect();
                if !word.is_empty() && chars.get(j) == Some(&'(') && !word.contains('$') {
                    let name = word.to_ascii_uppercase();
                    let name = name.strip_prefix("_XLFN.").unwrap_or(&name).to_owned();
                    tokens.push((Token::Function(name), start));
                    i = j;
                    continue;
                }
                match word.to_ascii_uppercase().as_str() {
                    "TRUE" | "VERDADERO" if chars.get(j) != Some(&'!') => {
                        tokens.push((Token::Bool(true), start));
                        i = j;
                        continue;
                    }
                    "FALSE" | "FALSO" if chars.get(j) != Some(&'!') => {
                        tokens.push((Token::Bool(false), start));
                        i = j;
                        continue;
                    }
                    _ => {}
                }
                match reference(&chars, i) {
                    Some((token, next)) => {
                        tokens.push((token, start));
                        i = next;
                    }
                    // A defined name such as "Cost".
                    None if !word.is_empty() && !word.contains('$') => {
                        tokens.push((Token::Name(word), start));
                        i = j;
                    }
                    None => return Err(fail()),
                }
            }
        }
    }
    Ok(tokens)
}

/// Reads a reference or range starting at `i`: `F6`, `$F$6`, `Values!F6`, `'Census data'!B2`,
/// `C8:C17`, `A:A`, `3:5`. Returns the token and the index after it.
fn reference(chars: &[char], i: usize) -> Option<(Token, usize)> {
    let mut j = i;
    let mut sheet = None;
    if chars.get(j) == Some(&'\'') {
        let mut name = String::new();
        j += 1;
        loop {
            match chars.get(j)? {
                '\'' if chars.get(j + 1) == Some(&'\'') => {
                    name.push('\'');
                    j += 2;
                }
                '\'' => {
                    j += 1;
                    break;
                }
                &c => {
                    name.push(c);
                    j += 1;
                }
            }
        }
        if chars.get(j) != Some(&'!') {
            return None;
        }
        j += 1;
        sheet = Some(name);
    } else {
        // An unquoted sheet name is a word followed by '!'.
        let mut k = j;
        while k < chars.len() && (chars[k].is_alphanumeric() || matches!(chars[k], '_' | '.')) {
            k += 1;
        }
        if k > j && chars.get(k) == Some(&'!') {
            sheet = Some(chars[j..k].iter().collect());
            j = k + 1;
        }
    }
    let (first, next) = address(chars, j)?;
    j = next;
    if chars.get(j) == Some(&':') {
        // The second end may repeat the sheet name.
        let mut k = j + 1;
        if let Some(bang) = chars[k..]
            .iter()
            .take(64)
            .position(|c| *c == '!')
            .filter(|p| {
                chars[k..k + p]
                    .iter()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '\'' | ' '))
            })
        {
            k += bang + 1;
        }
        let (last, next) = address(chars, k)?;
        let (first, last) = match (first, last) {
            (Address::Cell(r1, c1), Address::Cell(r2, c2)) => {
                ((r1.min(r2), c1.min(c2)), (r1.max(r2), c1.max(c2)))
            }
            (Address::Column(c1), Address::Column(c2)) => ((0, c1.min(c2)), (u32::MAX, c1.max(c2))),
            (Address::Row(r1), Address::Row(r2)) => ((r1.min(r2), 0), (r1.max(r2), u32::MAX)),
            _ => return None,
        };
        return Some((Token::Range(RangeRef { sheet, first, last }), next));
    }
    match first {
        Address::Cell(row, col) => Some((Token::Ref(CellRef { sheet, row, col }), j)),
        _ => None,
    }
}

enum Address {
    Cell(u32, u32),
    Column(u32),
    Row(u32),
}

/// `$F$6`, `F`, `6` at `i`: a cell, a column or a row.
fn address(chars: &[char], mut i: usize) -> Option<(Address, usize)> {
    if chars.get(i) == Some(&'$') {
        i += 1;
    }
    let letters_start = i;
    while i < chars.len() && chars[i].is_ascii_alphabetic() {
        i += 1;
    }
    let letters: String = chars[letters_start..i].iter().collect();
    if letters.len() > 3 {
        return None;
    }
    if chars.get(i) == Some(&'$') {
        i += 1;
    }
    let digits_start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    let digits: String = chars[digits_start..i].iter().collect();
    // Letters or digits must not run on into a name such as "SUMX".
    if chars
        .get(i)
        .is_some_and(|c| c.is_alphanumeric() || *c == '_')
    {
        return None;
    }
    let col = (!letters.is_empty()).then(|| {
        letters
            .to_ascii_uppercase()
            .bytes()
            .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1))
            - 1
    });
    let row = if digits.is_empty() {
        None
    } else {
        Some(digits.parse::<u32>().ok()?.checked_sub(1)?)
    };
    match (row, col) {
        (Some(row), Some(col)) => Some((Address::Cell(row, col), i)),
        (None, Some(col)) => Some((Address::Column(col), i)),
        (Some(row), None) => Some((Address::Row(row), i)),
        (None, None) => None,
    }
}

struct Parser<'t> {
    tokens: &'t [(Token, usize)],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn position(&self) -> usize {
        self.tokens
            .get(self.at)
            .map_or_else(|| self.tokens.last().map_or(0, |(_, p)| p + 1), |(_, p)| *p)
    }

    fn fail(&self) -> FormulaError {
        FormulaError::Syntax {
            at: self.position(),
        }
    }

    fn op(&self) -> Option<&'static str> {
        match self.peek() {
            Some(Token::Op(op)) => Some(op),
            _ => None,
        }
    }

    fn binary(
        &mut self,
        ops: &[(&str, BinOp)],
        next: fn(&mut Self) -> Result<Expr, FormulaError>,
    ) -> Result<Expr, FormulaError> {
        let mut left = next(self)?;
        while let Some(op) = self.op().and_then(|o| ops.iter().find(|(s, _)| *s == o)) {
            self.at += 1;
            let right = next(self)?;
            left = Expr::Binary(op.1, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn comparison(&mut self) -> Result<Expr, FormulaError> {
        const OPS: [(&str, BinOp); 6] = [
            ("=", BinOp::Eq),
            ("<>", BinOp::Ne),
            ("<", BinOp::Lt),
            ("<=", BinOp::Le),
            (">", BinOp::Gt),
            (">=", BinOp::Ge),
        ];
        self.binary(&OPS, Self::concat)
    }

    fn concat(&mut self) -> Result<Expr, FormulaError> {
        self.binary(&[("&", BinOp::Concat)], Self::sum)
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        self.binary(&[("+", BinOp::Add), ("-", BinOp::Sub)], Self::product)
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        self.binary(&[("*", BinOp::Mul), ("/", BinOp::Div)], Self::power)
    }

    fn power(&mut self) -> Result<Expr, FormulaError> {
        self.binary(&[("^", BinOp::Pow)], Self::unary)
    }

    /// Signs before an operand, counted in a loop (a formula of a thousand minus signs is one
    /// negation or none, not a thousand nested calls).
    fn unary(&mut self) -> Result<Expr, FormulaError> {
        let mut negative = false;
        while let Some(op @ ("-" | "+")) = self.op() {
            negative ^= op == "-";
            self.at += 1;
        }
        let mut operand = self.primary()?;
        while self.op() == Some("%") {
            self.at += 1;
            operand = Expr::Percent(Box::new(operand));
        }
        Ok(if negative {
            Expr::Neg(Box::new(operand))
        } else {
            operand
        })
    }

    fn primary(&mut self) -> Result<Expr, FormulaError> {
        let token = self.peek().cloned().ok_or_else(|| self.fail())?;
        self.at += 1;
        Ok(match token {
            Token::Number(n) => Expr::Number(n),
            Token::Text(text) => Expr::Text(text),
            Token::Bool(b) => Expr::Bool(b),
            Token::Error(e) => Expr::Error(e),
            Token::Ref(r) => Expr::Ref(r),
            Token::Range(r) => Expr::Range(r),
            Token::Name(name) => Expr::Name(name),
            Token::Open => {
                self.enter()?;
                let inner = self.comparison()?;
                self.expect_close()?;
                self.depth -= 1;
                inner
            }
            Token::Function(name) => {
                self.enter()?;
                if self.peek() != Some(&Token::Open) {
                    return Err(self.fail());
                }
                self.at += 1;
                let mut args = Vec::new();
                if self.peek() == Some(&Token::Close) {
                    self.at += 1;
                } else {
                    loop {
                        // An empty argument, as in PV(0.12,20,-B8,,0).
                        if matches!(self.peek(), Some(Token::Comma | Token::Close)) {
                            args.push(Expr::Text(String::new()));
                        } else {
                            args.push(self.comparison()?);
                        }
                        match self.peek() {
                            Some(Token::Comma) => self.at += 1,
                            Some(Token::Close) => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(self.fail()),
                        }
                    }
                }
                self.depth -= 1;
                Expr::Call(name, args)
            }
            _ => {
                self.at -= 1;
                return Err(self.fail());
            }
        })
    }

    fn enter(&mut self) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            Err(FormulaError::TooDeep)
        } else {
            Ok(())
        }
    }

    fn expect_close(&mut self) -> Result<(), FormulaError> {
        if self.peek() == Some(&Token::Close) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.fail())
        }
    }
}

impl Expr {
    /// True when the expression holds a defined name.
    pub fn has_name(&self) -> bool {
        match self {
            Expr::Name(_) => true,
            Expr::Neg(inner) | Expr::Percent(inner) => inner.has_name(),
            Expr::Binary(_, a, b) => a.has_name() || b.has_name(),
            Expr::Call(_, args) => args.iter().any(Expr::has_name),
            _ => false,
        }
    }

    /// Calls `visit` on every cell reference and range in the expression.
    pub fn references<'e>(&'e self, visit: &mut impl FnMut(Reference<'e>)) {
        match self {
            Expr::Ref(r) => visit(Reference::Cell(r)),
            Expr::Range(r) => visit(Reference::Range(r)),
            Expr::Neg(inner) | Expr::Percent(inner) => inner.references(visit),
            Expr::Binary(_, a, b) => {
                a.references(visit);
                b.references(visit);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.references(visit)),
            Expr::Number(_) | Expr::Text(_) | Expr::Bool(_) | Expr::Error(_) | Expr::Name(_) => {}
        }
    }

    /// The additive terms of the expression at its top level, each with its sign:
    /// `H8-G8+I8*E8` gives (+1, H8), (−1, G8), (+1, I8*E8).
    pub fn terms(&self) -> Vec<(f64, &Expr)> {
        let mut terms = Vec::new();
        let mut pending = vec![(1.0, self)];
        while let Some((sign, expr)) = pending.pop() {
            match expr {
                Expr::Binary(BinOp::Add, a, b) => {
                    pending.push((sign, b));
                    pending.push((sign, a));
                }
                Expr::Binary(BinOp::Sub, a, b) => {
                    pending.push((-sign, b));
                    pending.push((sign, a));
                }
                Expr::Neg(inner) => pending.push((-sign, inner)),
                other => terms.push((sign, other)),
            }
        }
        terms
    }

    /// The factors of a product at the top of the expression: `I8*E8` gives [I8, E8].
    pub fn factors(&self) -> Vec<&Expr> {
        let mut factors = Vec::new();
        let mut pending = vec![self];
        while let Some(expr) = pending.pop() {
            match expr {
                Expr::Binary(BinOp::Mul, a, b) => {
                    pending.push(b);
                    pending.push(a);
                }
                other => factors.push(other),
            }
        }
        factors
    }

    /// The first call of `function` in the expression, if any.
    pub fn find_call(&self, function: &str) -> Option<&[Expr]> {
        let mut pending = vec![self];
        while let Some(expr) = pending.pop() {
            match expr {
                Expr::Call(name, args) if name == function => return Some(args),
                Expr::Call(_, args) => pending.extend(args.iter().rev()),
                Expr::Neg(inner) | Expr::Percent(inner) => pending.push(inner),
                Expr::Binary(_, a, b) => {
                    pending.push(b);
                    pending.push(a);
                }
                _ => {}
            }
        }
        None
    }
}

/// A reference found in a formula.
#[derive(Clone, Copy, Debug)]
pub enum Reference<'e> {
    Cell(&'e CellRef),
    Range(&'e RangeRef),
}

/// "A" for column 0, "AB" for 27.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
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
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// Parses "F6", "$F$6", "Values!F6", "'Census data'!$B$2".
pub fn parse_cell_ref(text: &str) -> Option<CellRef> {
    let chars: Vec<char> = text.trim().chars().collect();
    match reference(&chars, 0)? {
        (Token::Ref(r), end) if end == chars.len() => Some(r),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
