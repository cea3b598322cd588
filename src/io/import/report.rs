//! What an import did, as typed values: the tables found and how each column was recognised,
//! the rows skipped and why, where each program input came from, and what was inferred or
//! could not be read. Text is made only when the report is shown, in the reader's language;
//! notes about consecutive rows that say the same thing are shown as one line.

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
            TableKind::Values => lang.t("Values", "Valores"),
            TableKind::Targets => lang.t("Targets", "Metas"),
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
                    "su fórmula tiene más de 64 niveles de anidamiento, más de lo que Excel permite",
                )
                .to_owned(),
            FormulaProblem::Syntax => lang
                .t(
                    "its formula cannot be read",
                    "su fórmula no se puede leer",
                )
                .to_owned(),
            FormulaProblem::Unsupported { function } => tr!(
                lang,
                "its formula uses {function}, which this program does not evaluate",
                "su fórmula usa {function}, que este programa no evalúa"
            ),
            FormulaProblem::Circular { cells } => tr!(
                lang,
                "it is part of a circular reference: {} (each refers to the next, the last to the first)",
                "forma parte de una referencia circular: {} (cada una remite a la siguiente, la última a la primera)",
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
    fn row_and_key(&self) -> Option<(usize, String)> {
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

    /// The note as a sentence about `rows` (one row, or `several`).
    fn text(&self, lang: Lang, rows: &str, several: bool) -> String {
        match self {
            Note::Linked { condition, how, .. } => {
                let how = match how {
                    LinkHow::UnitValueFormula { column } => tr!(
                        lang,
                        "from the unit-value formula in column {column}",
                        "por la fórmula del valor unitario en la columna {column}"
                    ),
                    LinkHow::ConditionColumn => {
                        lang.t("from the condition column", "por la columna de condición").into()
                    }
                    LinkHow::EqualUnitValue => lang
                        .t(
                            "because its unit value equals the condition's",
                            "porque su valor unitario es igual al de la condición",
                        )
                        .into(),
                };
                if several {
                    tr!(lang, "{rows}: condition {how}", "{rows}: condición {how}")
                } else {
                    tr!(lang, "{rows}: condition \"{condition}\" {how}", "{rows}: condición \"{condition}\" {how}")
                }
            }
            Note::NotLinked { text, .. } => match text {
                Some(text) => tr!(
                    lang,
                    "{rows}: \"{text}\" is not a condition of the Values table; choose one",
                    "{rows}: \"{text}\" no es una condición de la tabla Valores; elija una"
                ),
                None => tr!(
                    lang,
                    "{rows}: no condition found; choose one in the Targets sheet",
                    "{rows}: no se encontró la condición; elija una en la hoja Metas"
                ),
            },
            Note::Direction { direction, how, .. } => {
                let word = match direction {
                    Direction::Higher => lang.t("higher is better", "más es mejor"),
                    Direction::Lower => lang.t("lower is better", "menos es mejor"),
                };
                let how = match how {
                    DirectionHow::Column => {
                        lang.t("from the direction column", "por la columna de dirección").into()
                    }
                    DirectionHow::TargetFormula { column } => tr!(
                        lang,
                        "from the sign of d in the target formula of column {column}",
                        "por el signo de d en la fórmula de la meta de la columna {column}"
                    ),
                    DirectionHow::CachedTarget => lang
                        .t(
                            "since the workbook's target lies below the counterfactual",
                            "porque la meta del libro está por debajo del contrafactual",
                        )
                        .into(),
                };
                format!("{rows}: {word}, {how}")
            }
            Note::DirectionAssumed { .. } => tr!(
                lang,
                "{rows}: nothing says whether higher or lower is better; higher is assumed — check it",
                "{rows}: nada indica si más o menos es mejor; se supone más — revíselo"
            ),
            Note::DefaultTrend { .. } => tr!(
                lang,
                "{rows}: no annual change; the default a₀ applies",
                "{rows}: sin cambio anual; se aplica el valor por defecto a₀"
            ),
            Note::NoTrendColumn => lang
                .t(
                    "No annual-change column was found: every row uses the default a₀.",
                    "No se encontró la columna de cambio anual: todas las filas usan el valor por defecto a₀.",
                )
                .into(),
            Note::NotANumber { cell, found, what } => tr!(
                lang,
                "{cell}: \"{found}\" is not a number ({}); left empty to be typed in",
                "{cell}: \"{found}\" no es un número ({}); se deja vacío para escribirlo",
                what.title(lang)
            ),
            Note::CachedResult { cell, problem } => tr!(
                lang,
                "{cell}: {}; the result the workbook saved was used",
                "{cell}: {}; se usó el resultado guardado en el libro",
                problem.describe(lang)
            ),
            Note::FormulaFailed { cell, problem } => tr!(
                lang,
                "{cell}: {}, and the workbook saved no result; the value is left empty",
                "{cell}: {}, y el libro no guardó resultado; el valor queda vacío",
                problem.describe(lang)
            ),
            Note::Disagree { input, first, other } => tr!(
                lang,
                "{}: {} holds {} but {} holds {}; the first was used",
                "{}: {} tiene {} pero {} tiene {}; se usó el primero",
                input.title().get(lang),
                first.0,
                format_number(first.1),
                other.0,
                format_number(other.1)
            ),
            Note::MissingColumn { column } => tr!(
                lang,
                "No \"{}\" column was found: each row needs one; type the values in",
                "No se encontró la columna \"{}\": cada fila la necesita; escriba los valores",
                column.title(lang)
            ),
            Note::Census { sheet, rows, columns } => tr!(
                lang,
                "Census data: sheet \"{sheet}\", {rows} rows × {columns} columns, kept as it is",
                "Datos censales: hoja \"{sheet}\", {rows} filas × {columns} columnas, se conservan tal cual"
            ),
            Note::NoValuesTable => lang
                .t(
                    "No Values table was found (Condition, DALYs, Population): indicators have no condition to link to.",
                    "No se encontró la tabla Valores (Condición, AVAD, Población): los indicadores no tienen condición a la cual vincularse.",
                )
                .into(),
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

/// "Row 3", "Rows 1–10,000" or "Rows 1–4, 6–10" for sorted row indices.
fn rows_text(lang: Lang, rows: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &row in rows {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ => runs.push((row, row)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .map(|&(first, last)| {
            let n = |r: usize| format_number((r + 1) as f64);
            if first == last {
                n(first)
            } else {
                format!("{}–{}", n(first), n(last))
            }
        })
        .collect();
    if rows.len() == 1 {
        tr!(lang, "Row {}", "Fila {}", shown.join(", "))
    } else {
        tr!(lang, "Rows {}", "Filas {}", shown.join(", "))
    }
}

impl ImportReport {
    /// The inputs that could not be found.
    pub fn missing_inputs(&self) -> impl Iterator<Item = ProgramInput> + '_ {
        self.inputs
            .iter()
            .filter(|i| matches!(i.source, Source::Missing | Source::Unusable { .. }))
            .map(|i| i.input)
    }

    /// The lines the user should check, in `lang`.
    pub fn warnings(&self, lang: Lang) -> Vec<String> {
        self.lines(lang)
            .into_iter()
            .filter(|(kind, _)| *kind == LineKind::Warning)
            .map(|(_, text)| text)
            .collect()
    }

    /// The table of `kind`, if found.
    pub fn table(&self, kind: TableKind) -> Option<&TableReport> {
        self.tables.iter().find(|t| t.kind == kind)
    }

    /// The report as lines in `lang`: tables and their columns, program inputs, skipped rows,
    /// then the notes, per-row notes that say the same on consecutive rows merged.
    pub fn lines(&self, lang: Lang) -> Vec<(LineKind, String)> {
        let mut lines = Vec::new();
        for table in &self.tables {
            let columns: Vec<String> = table
                .columns
                .iter()
                .filter_map(|c| {
                    let column = c.column?;
                    Some(tr!(
                        lang,
                        "{} \"{}\" is {} ({})",
                        "{} \"{}\" es {} ({})",
                        super::formula::column_name(c.col),
                        c.header,
                        column.title(lang),
                        c.how.map_or("", |h| h.describe(lang))
                    ))
                })
                .collect();
            lines.push((
                LineKind::Read,
                tr!(
                    lang,
                    "{} table in sheet \"{}\", header in row {}, {} rows: {}",
                    "Tabla {} en la hoja \"{}\", encabezado en la fila {}, {} filas: {}",
                    table.kind.name(lang),
                    table.sheet,
                    table.header_row + 1,
                    table.rows,
                    columns.join("; ")
                ),
            ));
            let ignored: Vec<String> = table
                .columns
                .iter()
                .filter(|c| c.column.is_none())
                .map(|c| format!("{} \"{}\"", super::formula::column_name(c.col), c.header))
                .collect();
            if !ignored.is_empty() {
                lines.push((
                    LineKind::Read,
                    tr!(
                        lang,
                        "{} table: columns not used: {}",
                        "Tabla {}: columnas no usadas: {}",
                        table.kind.name(lang),
                        ignored.join(", ")
                    ),
                ));
            }
            for skipped in &table.skipped {
                lines.push((
                    LineKind::Inferred,
                    tr!(
                        lang,
                        "{} row {}",
                        "{} fila {}",
                        table.sheet,
                        skipped.describe(lang)
                    ),
                ));
            }
        }
        for input in &self.inputs {
            lines.push(input_line(lang, input));
        }
        lines.extend(self.note_lines(lang));
        lines
    }

    /// The notes as lines in `lang`, per-row notes that say the same on consecutive rows
    /// merged ("Rows 1–10,000: condition from the unit-value formula in column B").
    pub fn note_lines(&self, lang: Lang) -> Vec<(LineKind, String)> {
        let kind = |note: &Note| {
            if note.is_warning() {
                LineKind::Warning
            } else {
                LineKind::Inferred
            }
        };
        let mut lines = Vec::new();
        // Per-row notes that say the same thing, gathered by what they say, in the order each
        // was first said.
        let mut groups: Vec<(String, &Note, Vec<usize>)> = Vec::new();
        for note in &self.notes {
            match note.row_and_key() {
                Some((row, key)) => match groups.iter_mut().find(|(k, _, _)| *k == key) {
                    Some((_, _, rows)) => rows.push(row),
                    None => groups.push((key, note, vec![row])),
                },
                None => lines.push((kind(note), note.text(lang, "", false))),
            }
        }
        for (_, note, mut rows) in groups {
            rows.sort_unstable();
            rows.dedup();
            let several = rows.len() > 1;
            lines.push((
                kind(note),
                note.text(lang, &rows_text(lang, &rows), several),
            ));
        }
        lines
    }

    /// The comparison with the workbook's cached results, in one sentence.
    pub fn comparison(&self, lang: Lang) -> String {
        match &self.differences {
            None => lang
                .t(
                    "The workbook held no computed results to compare with.",
                    "El libro no tenía resultados calculados con qué comparar.",
                )
                .to_owned(),
            Some(list) if list.is_empty() => tr!(
                lang,
                "All {} computed results the workbook held agree with this program's within 1e-9.",
                "Los {} resultados calculados del libro coinciden con los de este programa dentro de 1e-9.",
                self.compared
            ),
            Some(list) => tr!(
                lang,
                "{} of {} computed results differ by more than 1e-9:",
                "{} de {} resultados calculados difieren en más de 1e-9:",
                list.len(),
                self.compared
            ),
        }
    }

    /// The report as text, one line each, in `lang` (the command line prints this).
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (kind, text) in self.lines(lang) {
            let kind = match kind {
                LineKind::Read => lang.t("read", "leído"),
                LineKind::Inferred => lang.t("inferred", "inferido"),
                LineKind::Warning => lang.t("warning", "advertencia"),
            };
            out.push_str(&format!("{kind}: {text}\n"));
        }
        out.push_str(&self.comparison(lang));
        out.push('\n');
        for d in self.differences.iter().flatten() {
            out.push_str(&difference_line(lang, d));
            out.push('\n');
        }
        out
    }
}

/// "  Model target of Anemia (Targets!J9): workbook 0.33, this program 0.3301".
pub fn difference_line(lang: Lang, d: &Difference) -> String {
    tr!(
        lang,
        "  {} of {} ({}): workbook {}, this program {}",
        "  {} de {} ({}): libro {}, este programa {}",
        d.column.title(lang),
        d.row,
        d.cell,
        d.workbook,
        d.ours
    )
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

fn input_line(lang: Lang, input: &InputReport) -> (LineKind, String) {
    let what = input.input.title().get(lang);
    let value = input.shown();
    let shown = value.clone().unwrap_or_default();
    match &input.source {
        Source::Label { cell, label } => (
            LineKind::Read,
            if value.is_some() {
                tr!(
                    lang,
                    "{what} = {shown} from {cell} (labelled \"{label}\")",
                    "{what} = {shown} de {cell} (rotulado \"{label}\")"
                )
            } else {
                tr!(
                    lang,
                    "{what} from {cell} (labelled \"{label}\")",
                    "{what} de {cell} (rotulado \"{label}\")"
                )
            },
        ),
        Source::Column { cell } => (
            LineKind::Read,
            tr!(
                lang,
                "{what} = {shown} from {cell}",
                "{what} = {shown} de {cell}"
            ),
        ),
        Source::Formula { cell, formula_cell } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown} from {cell}, which the formula in {formula_cell} uses as the tool does",
                "{what} = {shown} de {cell}, que la fórmula de {formula_cell} usa como lo hace la herramienta"
            ),
        ),
        Source::PvArguments { cell } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown} from the PV() formula in {cell}",
                "{what} = {shown} de la fórmula PV() en {cell}"
            ),
        ),
        Source::Header { cell, header } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown} from the header \"{header}\" in {cell}",
                "{what} = {shown} del encabezado \"{header}\" en {cell}"
            ),
        ),
        Source::UnitValues { conditions } => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what} = {shown}, worked out from the unit values, DALYs and populations of {conditions} conditions",
                "{what} = {shown}, calculado de los valores unitarios, AVAD y poblaciones de {conditions} condiciones"
            ),
        ),
        Source::Default => (
            LineKind::Inferred,
            tr!(
                lang,
                "{what}: not in the workbook; the default {shown} is used",
                "{what}: no está en el libro; se usa el valor por defecto {shown}"
            ),
        ),
        Source::Unusable { cell, label } => (
            LineKind::Warning,
            tr!(
                lang,
                "{what}: {cell} (labelled \"{label}\") holds no usable number; type it in",
                "{what}: {cell} (rotulado \"{label}\") no tiene un número utilizable; escríbalo"
            ),
        ),
        Source::Missing => (
            LineKind::Warning,
            tr!(
                lang,
                "{what}: not found in the workbook (no label, column or formula gives it); type it in",
                "{what}: no se encontró en el libro (ninguna etiqueta, columna o fórmula lo da); escríbalo"
            ),
        ),
    }
}
