//! Import of the IDB target-setting workbook and of any workbook laid out like it, in English
//! or Spanish, saved by Excel or LibreOffice (.xlsx, .xlsm, .xls, .ods).
//!
//! The seams of the work, one module each: [`archive`] opens the file and reads its sheets;
//! [`layout`] finds the Values and Targets tables by the meaning of their headers
//! ([`vocabulary`]), the tool's formulas and, last, the tool's column letters, and sorts the
//! rows under each header; [`inputs`] finds the program inputs; [`rows`] reads the conditions
//! and indicators and infers links and directions; [`check`] compares the workbook's cached
//! results with this program's. Formulas are parsed ([`formula`]) and evaluated ([`evaluate`])
//! within bounds. Everything read, inferred or missing goes into the typed [`report`].
//!
//! A workbook that cannot be read at all (not a workbook, password-protected, damaged, no
//! table anywhere) is refused; anything else opens, with what is missing marked for the user
//! to type in.

pub mod archive;
pub mod book;
pub mod cells;
mod check;
pub mod evaluate;
mod evidence;
pub mod formula;
mod formulas;
#[doc(hidden)]
pub mod fuzzing;
mod inputs;
pub mod layout;
pub mod report;
mod rows;
pub mod vocabulary;

use std::path::Path;

use crate::i18n::Lang;
use crate::model::Project;
use crate::schema::Kind;
use crate::tr;
use book::{Book, SheetError};
use evaluate::{CellId, Evaluated, Evaluator, Value};
pub use layout::Choices;
use report::{AnyColumn, FormulaProblem, Note, What};
pub use report::{ImportReport, LineKind};

pub use archive::{MAX_UNZIPPED_BYTES, MAX_WORKBOOK_BYTES, read_book};

/// A project read from a workbook, with the report of how.
#[derive(Clone, Debug)]
pub struct Import {
    pub project: Project,
    pub report: ImportReport,
}

/// Why a workbook could not be imported at all. The open document is never changed by one.
#[derive(Debug)]
pub enum ImportError {
    /// The file cannot be opened.
    Open {
        file: String,
        reason: String,
    },
    /// It is not a workbook this program reads.
    NotAWorkbook {
        file: String,
        reason: String,
    },
    Encrypted {
        file: String,
    },
    TooLarge {
        file: String,
        size: u64,
    },
    /// A part of the archive would expand too much (`None`: all parts together).
    Expands {
        file: String,
        part: Option<String>,
        size: u64,
    },
    Sheet {
        file: String,
        sheet: String,
        reason: SheetError,
    },
    /// No sheet holds a Values or Targets table.
    NoTable {
        file: String,
        sheets: Vec<String>,
    },
}

impl ImportError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Open { file, reason } => {
                tr!(
                    lang,
                    "cannot read {file}: {reason}",
                    "no se puede leer {file}: {reason}"
                )
            }
            ImportError::NotAWorkbook { file, reason } => tr!(
                lang,
                "cannot read {file}: it is not a workbook this program can read ({reason}); \
                    expected an .xlsx, .xls or .ods file saved by Excel or LibreOffice",
                "no se puede leer {file}: no es un libro que este programa pueda leer ({reason}); \
                    se esperaba un archivo .xlsx, .xls u .ods guardado por Excel o LibreOffice"
            ),
            ImportError::Encrypted { file } => tr!(
                lang,
                "{file} is password-protected; open it in Excel or LibreOffice, remove the \
                    password and save it again",
                "{file} está protegido con contraseña; ábralo en Excel o LibreOffice, quite la \
                    contraseña y guárdelo de nuevo"
            ),
            ImportError::TooLarge { file, size } => tr!(
                lang,
                "{file} is too large for a target-setting workbook ({size} bytes; at most \
                    {MAX_WORKBOOK_BYTES})",
                "{file} es demasiado grande para un libro de fijación de metas ({size} bytes; \
                    como máximo {MAX_WORKBOOK_BYTES})"
            ),
            ImportError::Expands { file, part, size } => {
                let part = part
                    .clone()
                    .unwrap_or_else(|| lang.t("all parts", "todas las partes").to_owned());
                tr!(
                    lang,
                    "{file} is refused: its {part} would expand to {size} bytes (at most \
                        {MAX_UNZIPPED_BYTES}, and at most 200 times their packed size); it is \
                        damaged or not a real workbook",
                    "{file} se rechaza: su {part} se expandiría a {size} bytes (como máximo \
                        {MAX_UNZIPPED_BYTES}, y como máximo 200 veces su tamaño comprimido); \
                        está dañado o no es un libro real"
                )
            }
            ImportError::Sheet {
                file,
                sheet,
                reason,
            } => {
                let reason = match reason {
                    SheetError::TooLarge { rows, columns } => tr!(
                        lang,
                        "its cells span {rows} rows by {columns} columns, more than this program \
                            reads ({} cells)",
                        "sus celdas abarcan {rows} filas por {columns} columnas, más de lo que \
                            este programa lee ({} celdas)",
                        book::MAX_SHEET_CELLS
                    ),
                    SheetError::TooManyCells => tr!(
                        lang,
                        "the workbook holds more than {} cells, more than a target-setting \
                            workbook needs",
                        "el libro tiene más de {} celdas, más de lo que necesita un libro de \
                            fijación de metas",
                        crate::text::format_number(book::MAX_BOOK_CELLS as f64)
                    ),
                    SheetError::Unreadable(reason) => reason.clone(),
                };
                tr!(
                    lang,
                    "{file}: sheet \"{sheet}\" cannot be read: {reason}",
                    "{file}: la hoja \"{sheet}\" no se puede leer: {reason}"
                )
            }
            ImportError::NoTable { file, sheets } => tr!(
                lang,
                "{file}: no Targets or Values table was found in its sheets ({}); expected a \
                    header row with columns such as Indicator, Baseline and Population, or \
                    Condition, DALYs and Population",
                "{file}: no se encontró una tabla Metas ni Valores en sus hojas ({}); se esperaba \
                    una fila de encabezado con columnas como Indicador, Línea de base y \
                    Población, o Condición, AVAD y Población",
                sheets.join(", ")
            ),
        }
    }
}

/// Imports a workbook file with no columns chosen by hand.
pub fn import_xlsx(path: &Path) -> Result<Import, ImportError> {
    import_workbook(path, &Choices::default())
}

/// Imports a workbook file, with the columns `choices` assigns by hand.
pub fn import_workbook(path: &Path, choices: &Choices) -> Result<Import, ImportError> {
    let book = read_book(path)?;
    import_book(&book, &path.display().to_string(), choices)
}

/// Imports from sheets already read (the import preview re-runs this as columns are chosen).
pub fn import_book(book: &Book, file: &str, choices: &Choices) -> Result<Import, ImportError> {
    let tables = layout::find_tables(book, choices);
    if tables.targets.is_none() && tables.values.is_none() {
        return Err(ImportError::NoTable {
            file: file.to_owned(),
            sheets: book
                .sheets
                .iter()
                .map(|s| format!("\"{}\"", s.name))
                .collect(),
        });
    }
    let mut reading = Reading {
        book,
        eval: Evaluator::new(book),
        report: ImportReport::default(),
        noted: Default::default(),
        input_cells: Vec::new(),
    };
    if let Some(values) = &tables.values {
        reading
            .report
            .tables
            .push(values.report(book, AnyColumn::Values));
    } else {
        reading.report.notes.push(Note::NoValuesTable);
    }
    if let Some(targets) = &tables.targets {
        reading
            .report
            .tables
            .push(targets.report(book, AnyColumn::Targets));
    }
    let labels = inputs::Labels::new(book, &tables);
    let conditions = tables
        .values
        .as_ref()
        .map(|v| rows::read_conditions(&mut reading, v))
        .unwrap_or_default();
    let (program, metadata) = inputs::read_program(&mut reading, &tables, &labels, &conditions);
    let indicators = match &tables.targets {
        Some(targets) => rows::read_indicators(
            &mut reading,
            targets,
            tables.values.as_ref(),
            &conditions,
            &program,
        ),
        None => Vec::new(),
    };
    let census = rows::read_census(book, &tables);
    if let Some(census) = &census {
        reading.report.notes.push(Note::Census {
            sheet: census.sheet_name.clone(),
            rows: census.rows.len(),
            columns: census.rows.iter().map(Vec::len).max().unwrap_or(0),
        });
    }
    let mut project = Project {
        metadata,
        program,
        conditions: conditions.into_iter().map(|c| c.condition).collect(),
        indicators,
        census,
        ..Project::default()
    };
    crate::io::xlsx_analyses::read_analyses(book, &mut project);
    // Conditions get ids in sheet order and indicators link to them by name, as a project
    // file of the same rows has them.
    crate::model::links::assign_ids(&mut project);
    let mut report = reading.report;
    if let Some(targets) = &tables.targets {
        // The d the workbook shows beside its label, if it has one.
        let d_label = labels
            .find(book, crate::schema::TargetsColumn::MinimumImpact)
            .map(|(_, value)| value);
        check::compare_cached(
            book,
            &project,
            targets,
            tables.values.as_ref(),
            d_label,
            &mut report,
        );
    }
    Ok(Import { project, report })
}

/// A number as a cell gave it.
#[derive(Clone, Debug, PartialEq)]
pub enum Read {
    Empty,
    Number(f64),
    /// Text or an error value that is not a number.
    NotANumber(String),
    /// A formula that could not be evaluated (noted in the report).
    Failed,
}

/// Reading state: the workbook, its formulas and the report.
pub struct Reading<'b> {
    pub book: &'b Book,
    pub eval: Evaluator<'b>,
    pub report: ImportReport,
    /// Cells whose formula problem is already in the report.
    noted: rustc_hash::FxHashSet<CellId>,
    /// The cell each program input was read from.
    pub input_cells: Vec<(crate::schema::ProgramInput, CellId)>,
}

impl Reading<'_> {
    /// "Targets!J8".
    pub fn address(&self, (sheet, row, col): CellId) -> String {
        self.book.address(sheet, row, col)
    }

    /// A cell's value; a formula that could not be evaluated is noted in the report (once).
    pub fn value(&mut self, cell: CellId) -> Option<Value> {
        let evaluated = self.eval.cell(cell);
        let first_time = matches!(evaluated, Evaluated::Cached { .. } | Evaluated::Failed(_))
            && self.noted.insert(cell);
        let problem = |why: &evaluate::EvalError| {
            FormulaProblem::from_error(why, cell, |c| self.book.address(c.0, c.1, c.2))
        };
        match evaluated {
            Evaluated::Literal(v) | Evaluated::Computed(v) => Some(v),
            Evaluated::Cached { value, why } => {
                if first_time {
                    let note = Note::CachedResult {
                        cell: self.address(cell),
                        problem: problem(&why),
                    };
                    self.report.notes.push(note);
                }
                Some(value)
            }
            Evaluated::Failed(why) => {
                if first_time {
                    let note = Note::FormulaFailed {
                        cell: self.address(cell),
                        problem: problem(&why),
                    };
                    self.report.notes.push(note);
                }
                None
            }
        }
    }

    /// A cell read as a number of `kind`: in a percent column a number above 1 is a
    /// percentage (62 is 62 %), and text follows the typing rule ("42%", "42 %", "0,42").
    pub fn number(&mut self, cell: CellId, kind: Kind) -> Read {
        let Some(value) = self.value(cell) else {
            return Read::Failed;
        };
        match value {
            Value::Number(n) => Read::Number(match kind {
                Kind::Percent if n.abs() > 1.0 => n / 100.0,
                _ => n,
            }),
            Value::Empty => Read::Empty,
            Value::Text(text) if text.trim().is_empty() => Read::Empty,
            Value::Text(text) => {
                let parsed = match kind {
                    Kind::Percent => crate::text::parse_percent(&text),
                    _ => crate::text::parse_number(&text),
                };
                parsed.map_or(Read::NotANumber(text), Read::Number)
            }
            Value::Bool(b) => Read::NotANumber(b.to_string().to_uppercase()),
            Value::Error(e) => Read::NotANumber(e),
        }
    }

    /// A number the model needs: `None` when empty; a cell that is not a number is noted
    /// and reads as NaN, so that the model marks it for the user to type in.
    pub fn required(&mut self, cell: CellId, what: What, kind: Kind) -> Option<f64> {
        match self.number(cell, kind) {
            Read::Number(n) => Some(n),
            Read::Empty => None,
            Read::Failed => Some(f64::NAN),
            Read::NotANumber(found) => {
                let cell = self.address(cell);
                self.report
                    .notes
                    .push(Note::NotANumber { cell, found, what });
                Some(f64::NAN)
            }
        }
    }

    /// The cell's text, for names and labels.
    pub fn text(&self, (sheet, row, col): CellId) -> Option<String> {
        self.book.sheets.get(sheet)?.text(row, col)
    }
}

/// A number in a cell as a saved value (no formulas evaluated): the analysis sheets the export
/// writes hold values only.
pub fn saved_number(book: &Book, sheet: usize, row: u32, col: u32, kind: Kind) -> Option<f64> {
    let data = book.sheets.get(sheet)?.value(row, col);
    match data {
        cells::Cell::String(s) => match kind {
            Kind::Percent => crate::text::parse_percent(s).ok(),
            _ => crate::text::parse_number(s).ok(),
        },
        number => number.number(),
    }
    .map(|n| {
        if kind == Kind::Percent && n.abs() > 1.0 {
            n / 100.0
        } else {
            n
        }
    })
}

/// English, for `?` into a boxed error and for logs; what a person reads is made with
/// `message(lang)` in their language.
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ImportError {}
