//! Workbooks made from arbitrary bytes, for fuzzing the importer past the archive layer: the
//! bytes choose sheets, cells, header words from the columns' own vocabulary, numbers, text
//! numbers and formulas from a small grammar (references, ranges, functions known and unknown,
//! deep nesting, long sign chains, cycles). `fuzz/` drives this with cargo-fuzz; the normal test
//! run replays the committed corpus through the same functions.

use crate::schema::labels;
use calamine::Data;

use super::book::{Book, Sheet};
use super::{Choices, import_book};
use crate::schema::{Column, ProgramInput, TargetsColumn, ValuesColumn};

/// Reads bytes one at a time; zeros once they run out.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        let byte = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    fn pick<'t>(&mut self, choices: &'t [&'t str]) -> &'t str {
        choices[usize::from(self.next()) % choices.len()]
    }
}

const SHEET_NAMES: [&str; 8] = [
    labels::VALUES_SHEET.en,
    labels::TARGETS_SHEET.en,
    labels::VALUES_SHEET.es,
    labels::TARGETS_SHEET.es,
    labels::CENSUS_SHEET.en,
    "Hoja1",
    labels::SENSITIVITY_SHEET.en,
    labels::ROUNDS_SHEET.es,
];

const FUNCTIONS: [&str; 12] = [
    "SUM",
    "SUMPRODUCT",
    "PV",
    "NPV",
    "IF",
    "ROUND",
    "ABS",
    "MIN",
    "MAX",
    "VLOOKUP",
    "IFERROR",
    "AVERAGE",
];

/// Words a header or label may hold: every title and wording of every column and input, and
/// some that mean nothing here.
fn words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    for c in TargetsColumn::iter() {
        words.extend([c.title().en, c.title().es]);
        words.extend(c.vocabulary());
    }
    for c in ValuesColumn::iter() {
        words.extend([c.title().en, c.title().es]);
        words.extend(c.vocabulary());
    }
    for c in ProgramInput::iter() {
        words.extend([c.title().en, c.title().es]);
        words.extend(c.vocabulary());
    }
    words.extend([
        "Total",
        "Note: sources",
        "",
        " ",
        "(vi)",
        "42%",
        "0,42",
        "n/a",
        "—",
    ]);
    words
}

use strum::IntoEnumIterator;

/// A formula from the grammar, at most `depth` levels deep.
fn formula(bytes: &mut Bytes<'_>, sheets: &[&str], depth: u32) -> String {
    let reference = |bytes: &mut Bytes<'_>| {
        let col = (b'A' + bytes.next() % 12) as char;
        let row = 1 + u32::from(bytes.next() % 30);
        match bytes.next() % 4 {
            0 => format!(
                "'{}'!${col}${row}",
                sheets[usize::from(bytes.next()) % sheets.len()]
            ),
            1 => format!("${col}${row}"),
            _ => format!("{col}{row}"),
        }
    };
    if depth == 0 {
        return match bytes.next() % 3 {
            0 => format!("{}", f64::from(bytes.next()) / 10.0),
            _ => reference(bytes),
        };
    }
    match bytes.next() % 10 {
        0 => format!(
            "{}{}",
            "-".repeat(usize::from(bytes.next())),
            formula(bytes, sheets, depth - 1)
        ),
        1 => {
            let n = usize::from(bytes.next() % 80);
            format!(
                "{}{}{}",
                "(".repeat(n),
                formula(bytes, sheets, depth - 1),
                ")".repeat(n)
            )
        }
        2 | 3 => {
            let name = bytes.pick(&FUNCTIONS);
            let count = 1 + bytes.next() % 4;
            let args: Vec<String> = (0..count)
                .map(|_| {
                    if bytes.next().is_multiple_of(3) {
                        let col = (b'A' + bytes.next() % 12) as char;
                        format!(
                            "{col}{}:{col}{}",
                            1 + bytes.next() % 10,
                            10 + bytes.next() % 30
                        )
                    } else {
                        formula(bytes, sheets, depth - 1)
                    }
                })
                .collect();
            let separator = if bytes.next().is_multiple_of(2) {
                ","
            } else {
                ";"
            };
            format!("{name}({})", args.join(separator))
        }
        4 => format!("\"{}\"", bytes.pick(&["a", "42%", "", "x\"\"y"])),
        _ => {
            let op = bytes.pick(&["+", "-", "*", "/", "^", "&", "=", "<>", "%"]);
            format!(
                "{}{op}{}",
                formula(bytes, sheets, depth - 1),
                formula(bytes, sheets, depth - 1)
            )
        }
    }
}

/// The values and formulas of one sheet being built.
type SheetCells = (Vec<((u32, u32), Data)>, Vec<((u32, u32), String)>);

/// A workbook built from `data`.
pub fn book_from_bytes(data: &[u8]) -> Book {
    let mut bytes = Bytes { data, at: 0 };
    let words = words();
    let count = 1 + usize::from(bytes.next() % 3);
    let names: Vec<&str> = (0..count).map(|_| bytes.pick(&SHEET_NAMES)).collect();
    let mut cells: Vec<SheetCells> = vec![(Vec::new(), Vec::new()); count];
    let mut budget = 4000;
    while !bytes.done() && budget > 0 {
        budget -= 1;
        let sheet = usize::from(bytes.next()) % count;
        let at = (u32::from(bytes.next() % 40), u32::from(bytes.next() % 16));
        let (values, formulas) = &mut cells[sheet];
        match bytes.next() % 8 {
            0 | 1 => {
                let raw = u16::from_le_bytes([bytes.next(), bytes.next()]);
                let value = match bytes.next() % 6 {
                    0 => f64::from(raw),
                    1 => f64::from(raw) / 1000.0,
                    2 => -f64::from(raw),
                    3 => f64::from(raw) * 1e300,
                    4 => f64::from(raw) * 1e-300,
                    _ => f64::from(raw % 100) / 100.0,
                };
                values.push((at, Data::Float(value)));
            }
            2 | 3 => values.push((at, Data::String(bytes.pick(&words).to_owned()))),
            4 => {
                let text = bytes.pick(&["42%", "42 %", "0,42", "9,750,000", "-0.7%", "abc", "1e5"]);
                values.push((at, Data::String(text.to_owned())));
            }
            5 => values.push((at, Data::Error(calamine::CellErrorType::Div0))),
            _ => {
                let depth = u32::from(bytes.next() % 5);
                let text = formula(&mut bytes, &names, depth);
                if bytes.next().is_multiple_of(2) {
                    values.push((at, Data::Float(f64::from(bytes.next()))));
                }
                formulas.push((at, text));
            }
        }
    }
    let sheets = names
        .iter()
        .zip(cells)
        .map(|(name, (values, formulas))| Sheet::from_cells(name, values, formulas))
        .collect();
    Book::new(sheets)
}

/// Imports the workbook built from `data` and computes its project: must never panic, hang or
/// show a number that is not finite as one.
pub fn import_bytes(data: &[u8]) {
    let book = book_from_bytes(data);
    if let Ok(import) = import_book(&book, "fuzz.xlsx", &Choices::default()) {
        let _ = import.report.to_text(crate::i18n::Lang::En);
        let _ = import.report.to_text(crate::i18n::Lang::Es);
        let _ = crate::model::compute(&import.project);
    }
}

/// Parses and evaluates `data` as one formula, in a sheet that holds a few values.
pub fn formula_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let values = vec![
        ((0, 1), Data::Float(3370.0)),
        ((1, 1), Data::String("42%".into())),
        ((2, 1), Data::Float(0.12)),
    ];
    let formulas = vec![((0, 0), text.clone()), ((1, 0), format!("A1+{text}"))];
    let book = Book::new(vec![Sheet::from_cells(
        labels::VALUES_SHEET.en,
        values,
        formulas,
    )]);
    let mut evaluator = super::evaluate::Evaluator::new(&book);
    let _ = evaluator.cell((0, 0, 0));
    let _ = evaluator.cell((0, 1, 0));
    let _ = super::formula::parse(&text);
}

/// Loads `data` as a project file and computes it.
pub fn project_bytes(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(project) = crate::io::load_str(text, "fuzz.ron")
    {
        let _ = crate::model::compute(&project);
    }
}
