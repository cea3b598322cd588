//! What an import did, as typed values: the tables found and how each column was recognised,
//! the rows skipped and why, where each program input came from, and what was inferred or
//! could not be read. Text is made only when the report is shown, in the reader's language;
//! notes about consecutive rows that say the same thing are shown as one line.

use crate::schema::labels;
use serde::Serialize;

use super::evaluate::EvalError;
use crate::i18n::Lang;
use crate::model::Direction;
use crate::schema::{Column, ProgramInput, TargetsColumn, ValuesColumn};
use crate::text::{format_number, format_percent};
use crate::tr;

/// Which table of the IDB tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Values,
    Targets,
}

impl TableKind {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            TableKind::Values => labels::VALUES_SHEET.get(lang),
            TableKind::Targets => labels::TARGETS_SHEET.get(lang),
        }
    }
}

/// A column of either table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnyColumn {
    Targets(TargetsColumn),
    Values(ValuesColumn),
}

impl AnyColumn {
    pub fn key(self) -> &'static str {
        match self {
            AnyColumn::Targets(c) => c.key(),
            AnyColumn::Values(c) => c.key(),
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            AnyColumn::Targets(c) => c.title().get(lang),
            AnyColumn::Values(c) => c.title().get(lang),
        }
    }
}

/// A column or a program input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Column(AnyColumn),
    Input(ProgramInput),
}

impl What {
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            What::Column(c) => c.title(lang),
            What::Input(i) => i.title().get(lang),
        }
    }
}

/// How a column was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Its header's words.
    Words,
    /// The workbook's formulas refer to it as the tool's formulas do.
    Formula,
    /// Both.
    WordsAndFormula,
    /// Its place in the IDB tool's layout (Appendix 2), the last resort.
    Position,
    /// Chosen by hand in the import preview or with `--map`.
    Chosen,
}

impl Evidence {
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Evidence::Words => lang.t("its header", "su encabezado"),
            Evidence::Formula => lang.t("the formulas", "las fórmulas"),
            Evidence::WordsAndFormula => lang.t(
                "its header and the formulas",
                "su encabezado y las fórmulas",
            ),
            Evidence::Position => lang.t(
                "its position in the IDB tool (Appendix 2)",
                "su posición en la herramienta del BID (Apéndice 2)",
            ),
            Evidence::Chosen => lang.t("chosen by hand", "elegida a mano"),
        }
    }
}

/// A header cell of a table and the column it was taken for.
#[derive(Clone, Debug, PartialEq)]
pub struct MappedColumn {
    /// 0-based column of the sheet.
    pub col: u32,
    pub header: String,
    /// `None`: not used (not recognised, or ignored by choice).
    pub column: Option<AnyColumn>,
    pub how: Option<Evidence>,
    /// From 0 to 1: how sure the recognition is.
    pub confidence: f64,
}

/// Why a row under a table's header was not read as one of its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A label and nothing else, above rows of the table.
    Heading,
    /// Empty, between rows of the table.
    Blank,
    /// A total ("Total", "Suma").
    Total,
    /// Text under the table.
    Note,
    /// Numbers without a name.
    NoName,
}

impl SkipReason {
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            SkipReason::Heading => lang.t("a group heading", "un título de grupo"),
            SkipReason::Blank => lang.t("blank", "vacía"),
            SkipReason::Total => lang.t("a total", "un total"),
            SkipReason::Note => lang.t("a note under the table", "una nota bajo la tabla"),
            SkipReason::NoName => lang.t("numbers without a name", "números sin nombre"),
        }
    }
}

/// A row skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct SkippedRow {
    /// 0-based row of the sheet.
    pub row: u32,
    pub why: SkipReason,
    /// Its first text, to recognise it.
    pub text: String,
}

impl SkippedRow {
    /// "12 skipped, a group heading: "Child health"" (the row number, why, and its text if
    /// any).
    pub fn describe(&self, lang: Lang) -> String {
        let why = self.why.describe(lang);
        let row = self.row + 1;
        let skipped = lang.t("skipped", "omitida");
        if self.text.is_empty() {
            format!("{row} {skipped}, {why}")
        } else {
            format!("{row} {skipped}, {why}: \"{}\"", self.text)
        }
    }
}

/// A table found.
#[derive(Clone, Debug, PartialEq)]
pub struct TableReport {
    pub kind: TableKind,
    pub sheet: String,
    /// 0-based row of the header.
    pub header_row: u32,
    pub columns: Vec<MappedColumn>,
    /// Rows read as the table's rows.
    pub rows: usize,
    pub skipped: Vec<SkippedRow>,
}

/// Where a program input came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A labelled cell.
    Label { cell: String, label: String },
    /// A column of the Targets or Values table.
    Column { cell: String },
    /// A cell a formula of the tool refers to (the cost in d's formula, say).
    Formula { cell: String, formula_cell: String },
    /// The arguments of `PV(…)` in the present-value column.
    PvArguments { cell: String },
    /// The header "Value (20 yrs, 12% discount rate)".
    Header { cell: String, header: String },
    /// Worked out from the unit values, DALYs and populations of the Values table.
    UnitValues { conditions: usize },
    /// Not in the workbook: the model's default.
    Default,
    /// Not in the workbook and no default: to be typed in.
    Missing,
    /// Its label was found, but its cell holds no usable number (see the notes): to be typed
    /// in.
    Unusable { cell: String, label: String },
}

impl Source {
    /// Where, in a few words: "Metas!B6 (labelled "Total cost")", "default".
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Source::Label { cell, label } => {
                tr!(
                    lang,
                    "{cell}, labelled \"{label}\"",
                    "{cell}, rotulado \"{label}\""
                )
            }
            Source::Column { cell } => tr!(
                lang,
                "{cell}, a column of the table",
                "{cell}, una columna de la tabla"
            ),
            Source::Formula { cell, formula_cell } => tr!(
                lang,
                "{cell}, used by the formula in {formula_cell}",
                "{cell}, que usa la fórmula de {formula_cell}"
            ),
            Source::PvArguments { cell } => tr!(
                lang,
                "the PV() formula in {cell}",
                "la fórmula PV() de {cell}"
            ),
            Source::Header { cell, .. } => {
                tr!(lang, "the header in {cell}", "el encabezado de {cell}")
            }
            Source::UnitValues { .. } => lang
                .t(
                    "worked out from the unit values",
                    "calculado de los valores unitarios",
                )
                .to_owned(),
            Source::Default => lang
                .t(
                    "not in the workbook: the default",
                    "no está en el libro: el valor por defecto",
                )
                .to_owned(),
            Source::Missing => lang
                .t("not found: type it in", "no se encontró: escríbalo")
                .to_owned(),
            Source::Unusable { cell, .. } => tr!(
                lang,
                "{cell} holds no usable number: type it in",
                "{cell} no tiene un número utilizable: escríbalo"
            ),
        }
    }
}

/// A program input and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct InputReport {
    pub input: ProgramInput,
    /// The number read, or `None` for text inputs and missing ones.
    pub value: Option<f64>,
    pub source: Source,
}

/// Why a formula was not evaluated, with cells as addresses ("Values!B3").
#[derive(Clone, Debug, PartialEq)]
pub enum FormulaProblem {
    TooLong {
        chars: usize,
    },
    TooDeep,
    Syntax,
    Unsupported {
        function: String,
    },
    Circular {
        cells: Vec<String>,
    },
    Budget,
    ErrorValue {
        error: String,
    },
    /// The cell's formula depends on `cell`, which has the problem.
    Depends {
        cell: String,
        problem: Box<FormulaProblem>,
    },
}

impl FormulaProblem {
    /// The problem of cell `read`, whose evaluation ended in `error` (its own, or one of a
    /// cell it depends on).
    pub fn from_error(
        error: &EvalError,
        read: (usize, u32, u32),
        address: impl Fn((usize, u32, u32)) -> String,
    ) -> Self {
        let origin = match error {
            EvalError::Circular { cells } if cells.contains(&read) => read,
            EvalError::Circular { cells } => cells.first().copied().unwrap_or(read),
            EvalError::Formula { cell, .. }
            | EvalError::Unsupported { cell, .. }
            | EvalError::Budget { cell }
            | EvalError::ErrorValue { cell, .. } => *cell,
        };
        let problem = Self::own(error, &address);
        if origin == read {
            problem
        } else {
            FormulaProblem::Depends {
                cell: address(origin),
                problem: Box::new(problem),
            }
        }
    }

    fn own(error: &EvalError, address: impl Fn((usize, u32, u32)) -> String) -> Self {
        use super::formula::FormulaError;
        match error {
            EvalError::Formula { error, .. } => match error {
                FormulaError::TooLong { chars } => FormulaProblem::TooLong { chars: *chars },
                FormulaError::TooDeep => FormulaProblem::TooDeep,
                FormulaError::Syntax { .. } => FormulaProblem::Syntax,
            },
            EvalError::Unsupported { function, .. } => FormulaProblem::Unsupported {
                function: function.clone(),
            },
            EvalError::Circular { cells } => FormulaProblem::Circular {
                cells: cells.iter().map(|&c| address(c)).collect(),
            },
            EvalError::Budget { .. } => FormulaProblem::Budget,
            EvalError::ErrorValue { error, .. } => FormulaProblem::ErrorValue {
                error: error.clone(),
            },
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        match self {
            FormulaProblem::TooLong { chars } => tr!(
                lang,
                "its formula is {chars} characters long, more than Excel allows (8,192)",
                "su fórmula tiene {chars} caracteres, más de lo que Excel permite (8.192)"
            ),
            FormulaProblem::TooDeep => lang
                .t(
                    "its formula is nested more than 64 levels deep, more than Excel allows",
                    "su fórmula tiene más de 64 niveles de anidamiento, más de lo que Excel \
                        permite",
                )
                .to_owned(),
            FormulaProblem::Syntax => lang
                .t("its formula cannot be read", "su fórmula no se puede leer")
                .to_owned(),
            FormulaProblem::Unsupported { function } => tr!(
                lang,
                "its formula uses {function}, which this program does not evaluate",
                "su fórmula usa {function}, que este programa no evalúa"
            ),
            FormulaProblem::Circular { cells } => tr!(
                lang,
                "it is part of a circular reference: {} (each refers to the next, the last to the \
                    first)",
                "forma parte de una referencia circular: {} (cada una remite a la siguiente, la \
                    última a la primera)",
                cells.join(", ")
            ),
            FormulaProblem::Budget => lang
                .t(
                    "its formulas take more work than an import allows",
                    "sus fórmulas requieren más trabajo del que una importación permite",
                )
                .to_owned(),
            FormulaProblem::ErrorValue { error } => tr!(
                lang,
                "its formula gives {error} here",
                "su fórmula da {error} aquí"
            ),
            FormulaProblem::Depends { cell, problem } => tr!(
                lang,
                "it depends on {cell}, which cannot be evaluated: {}",
                "depende de {cell}, que no se puede evaluar: {}",
                problem.describe(lang)
            ),
        }
    }
}

/// How an indicator was linked to its condition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LinkHow {
    /// Its unit-value formula points at the Values row of the condition.
    UnitValueFormula { column: String },
    /// The condition column names it.
    ConditionColumn,
    /// Its unit value equals the condition's.
    EqualUnitValue,
}

/// How an indicator's direction was found.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DirectionHow {
    /// The direction column.
    Column,
    /// The sign of d in its target formula.
    TargetFormula { column: String },
    /// Its cached target lies below its counterfactual.
    CachedTarget,
}

/// Something the import worked out or could not read, worth the reader's attention.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Indicator `row` (0-based) is linked to `condition`.
    Linked {
        row: usize,
        condition: String,
        how: LinkHow,
    },
    /// Indicator `row` could not be linked.
    NotLinked { row: usize, text: Option<String> },
    Direction {
        row: usize,
        direction: Direction,
        how: DirectionHow,
    },
    /// No direction column, formula or cached target said: higher is better assumed.
    DirectionAssumed { row: usize },
    /// No annual change for the row: the program default applies.
    DefaultTrend { row: usize },
    /// No annual-change column at all.
    NoTrendColumn,
    /// A cell that should hold a number does not.
    NotANumber {
        cell: String,
        found: String,
        what: What,
    },
    /// A formula was not evaluated; its cached result was used.
    CachedResult {
        cell: String,
        problem: FormulaProblem,
    },
    /// A formula was not evaluated and there was no cached result: the value is missing.
    FormulaFailed {
        cell: String,
        problem: FormulaProblem,
    },
    /// The rows of a column that should agree do not; the first was used.
    Disagree {
        input: ProgramInput,
        first: (String, f64),
        other: (String, f64),
    },
    /// No Values table was found.
    NoValuesTable,
    /// A table has no column for something its rows need.
    MissingColumn { column: AnyColumn },
    /// The census sheet, kept as it is.
    Census {
        sheet: String,
        rows: usize,
        columns: usize,
    },
}

impl Note {
    /// True for notes the user should check (shown as warnings).
    pub fn is_warning(&self) -> bool {
        !matches!(
            self,
            Note::Linked { .. }
                | Note::Direction { .. }
                | Note::DefaultTrend { .. }
                | Note::Census { .. }
        )
    }

    /// The row a per-row note is about, and what the note says apart from the row (notes
    /// with the same key on consecutive rows are shown as one line).
    pub(crate) fn row_and_key(&self) -> Option<(usize, String)> {
        match self {
            Note::Linked { row, how, .. } => Some((*row, format!("link {how:?}"))),
            Note::Direction {
                row,
                direction,
                how,
            } => Some((*row, format!("direction {direction:?} {how:?}"))),
            Note::DefaultTrend { row } => Some((*row, "trend".into())),
            Note::DirectionAssumed { row } => Some((*row, "assumed".into())),
            Note::NotLinked { row, text } => Some((*row, format!("not linked {text:?}"))),
            _ => None,
        }
    }
}

/// A computed result the workbook held that differs from this program's.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub column: AnyColumn,
    /// The row's name, if any.
    pub row: String,
    /// "Targets!J8".
    pub cell: String,
    pub workbook: f64,
    pub ours: f64,
}

/// What the import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub tables: Vec<TableReport>,
    pub inputs: Vec<InputReport>,
    pub notes: Vec<Note>,
    /// `None` when the workbook held no computed results to compare with.
    pub differences: Option<Vec<Difference>>,
    /// How many computed results were compared.
    pub compared: usize,
}

/// What kind of line of the shown report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A figure read from a cell, a table found.
    Read,
    /// Something worked out from formulas or values, with how.
    Inferred,
    /// Something the user should check.
    Warning,
}

impl ImportReport {
    /// The inputs that could not be found.
    pub fn missing_inputs(&self) -> impl Iterator<Item = ProgramInput> + '_ {
        self.inputs
            .iter()
            .filter(|i| matches!(i.source, Source::Missing | Source::Unusable { .. }))
            .map(|i| i.input)
    }

    /// The table of `kind`, if found.
    pub fn table(&self, kind: TableKind) -> Option<&TableReport> {
        self.tables.iter().find(|t| t.kind == kind)
    }
}

impl InputReport {
    /// The value as the input shows it (a percentage for a rate), if there is one.
    pub fn shown(&self) -> Option<String> {
        self.value.map(|v| match self.input.kind() {
            crate::schema::Kind::Percent => format_percent(v, 2),
            _ => format_number(v),
        })
    }
}
