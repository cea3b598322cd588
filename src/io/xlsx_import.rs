//! Import of the IDB target-setting workbook, and of any workbook laid out like it, in English
//! or Spanish: tables are found by their header text, program inputs by their labels, and
//! links (indicator → condition) and directions from formulas. Everything read, inferred or
//! assumed is reported.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use thiserror::Error;

use super::workbook::{
    Book, CellNumber, CellRef, NumberRule, Sheet, cell_name, column_name, function_arguments,
    normalize, sign_of_term_with,
};
use crate::i18n::t;
use crate::model::{
    CensusTable, Condition, Direction, Indicator, Metadata, Program, Project, TableCell, Timing,
    compute,
};
use crate::text::{format_number, format_percent};
use crate::tf;

/// Workbooks larger than this are refused before they are opened.
pub const MAX_WORKBOOK_BYTES: u64 = 100 * 1024 * 1024;

/// One line of the import report.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportLine {
    pub kind: LineKind,
    pub text: String,
}

/// What kind of line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A figure read from a cell.
    Read,
    /// Something worked out from formulas or values, with how.
    Inferred,
    /// Something the user should check.
    Warning,
}

/// A computed result the workbook held that differs from ours.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub what: String,
    /// "Targets!J8".
    pub cell: String,
    pub workbook: f64,
    pub ours: f64,
}

/// What the import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub lines: Vec<ReportLine>,
    /// `None` when the workbook held no computed results to compare with.
    pub differences: Option<Vec<Difference>>,
    /// How many computed results were compared.
    pub compared: usize,
}

impl ImportReport {
    fn read(&mut self, text: impl Into<String>) {
        self.lines.push(ReportLine {
            kind: LineKind::Read,
            text: text.into(),
        });
    }
    fn inferred(&mut self, text: impl Into<String>) {
        self.lines.push(ReportLine {
            kind: LineKind::Inferred,
            text: text.into(),
        });
    }
    fn warn(&mut self, text: impl Into<String>) {
        self.lines.push(ReportLine {
            kind: LineKind::Warning,
            text: text.into(),
        });
    }

    pub fn warnings(&self) -> impl Iterator<Item = &ReportLine> {
        self.lines.iter().filter(|l| l.kind == LineKind::Warning)
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            let kind = match line.kind {
                LineKind::Read => t("read", "leído"),
                LineKind::Inferred => t("inferred", "inferido"),
                LineKind::Warning => t("warning", "advertencia"),
            };
            writeln!(f, "{kind}: {}", line.text)?;
        }
        match &self.differences {
            None => writeln!(
                f,
                "{}",
                t(
                    "The workbook held no computed results to compare with.",
                    "El libro no tenía resultados calculados con qué comparar."
                )
            ),
            Some(list) if list.is_empty() => writeln!(
                f,
                "{}",
                tf!(
                    "All {} computed results the workbook held agree with this program's within 1e-9.",
                    "Los {} resultados calculados del libro coinciden con los de este programa dentro de 1e-9.",
                    self.compared
                )
            ),
            Some(list) => {
                writeln!(
                    f,
                    "{}",
                    tf!(
                        "{} of {} computed results differ by more than 1e-9:",
                        "{} de {} resultados calculados difieren en más de 1e-9:",
                        list.len(),
                        self.compared
                    )
                )?;
                for d in list {
                    writeln!(
                        f,
                        "{}",
                        tf!(
                            "  {} ({}): workbook {}, this program {}",
                            "  {} ({}): libro {}, este programa {}",
                            d.what,
                            d.cell,
                            d.workbook,
                            d.ours
                        )
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// A project read from a workbook, with the report of how.
#[derive(Clone, Debug)]
pub struct Import {
    pub project: Project,
    pub report: ImportReport,
}

/// A cell that does not hold what its column needs.
#[derive(Clone, Debug, PartialEq)]
pub struct BadCell {
    pub sheet: String,
    pub cell: String,
    pub found: String,
    pub expected: String,
}

impl fmt::Display for BadCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = tf!(
            "sheet \"{}\", cell {}: {} is not {}",
            "hoja \"{}\", celda {}: {} no es {}",
            self.sheet,
            self.cell,
            self.found,
            self.expected
        );
        write!(f, "{message}")
    }
}

/// Why a workbook could not be imported. The open document is never changed by a failure.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{}", tf!("cannot read {}: {}", "no se puede leer {}: {}", .file, .reason))]
    Open { file: String, reason: String },
    #[error(
        "{}",
        tf!(
            "{} is password-protected; open it in Excel or LibreOffice, remove the password and save it again",
            "{} está protegido con contraseña; ábralo en Excel o LibreOffice, quite la contraseña y guárdelo de nuevo",
            .file
        )
    )]
    Encrypted { file: String },
    #[error(
        "{}",
        tf!(
            "{} is too large for a target-setting workbook ({} bytes; at most {})",
            "{} es demasiado grande para un libro de fijación de metas ({} bytes; como máximo {})",
            .file,
            .size,
            MAX_WORKBOOK_BYTES
        )
    )]
    TooLarge { file: String, size: u64 },
    #[error(
        "{}",
        tf!(
            "{} is refused: its {} would expand to {} bytes (at most {}, and at most 200 times their packed size); it is damaged or not a real workbook",
            "{} se rechaza: su {} se expandiría a {} bytes (como máximo {}, y como máximo 200 veces su tamaño comprimido); está dañado o no es un libro real",
            .file,
            .part,
            .size,
            MAX_UNZIPPED_BYTES
        )
    )]
    Expands {
        file: String,
        part: String,
        size: u64,
    },
    #[error(
        "{}",
        tf!(
            "{}: sheet \"{}\" cannot be read: {}",
            "{}: la hoja \"{}\" no se puede leer: {}",
            .file,
            .sheet,
            .reason
        )
    )]
    Sheet {
        file: String,
        sheet: String,
        reason: String,
    },
    #[error(
        "{}",
        tf!(
            "{}: no {} table found; expected a sheet named {} or a table whose header row has the columns {}",
            "{}: no se encontró la tabla {}; se esperaba una hoja llamada {} o una tabla cuya fila de encabezado tenga las columnas {}",
            .file,
            .table,
            .names,
            .columns
        )
    )]
    MissingTable {
        file: String,
        table: &'static str,
        names: &'static str,
        columns: &'static str,
    },
    #[error(
        "{}",
        tf!(
            "{}, sheet \"{}\": the {} table (header in row {}) has no rows under its header",
            "{}, hoja \"{}\": la tabla {} (encabezado en la fila {}) no tiene filas bajo el encabezado",
            .file,
            .sheet,
            .table,
            .row
        )
    )]
    EmptyTable {
        file: String,
        sheet: String,
        table: &'static str,
        row: u32,
    },
    #[error(
        "{}",
        tf!(
            "{}: the {} was not found; expected {}",
            "{}: no se encontró {}; se esperaba {}",
            .file,
            .what,
            .expected
        )
    )]
    MissingInput {
        file: String,
        what: &'static str,
        expected: &'static str,
    },
    #[error(
        "{}",
        tf!(
            "{}: {} cell(s) do not hold what their column needs:\n{}",
            "{}: {} celda(s) no contienen lo que su columna necesita:\n{}",
            .file,
            .cells.len(),
            list_cells(.cells)
        )
    )]
    BadCells { file: String, cells: Vec<BadCell> },
}

fn list_cells(cells: &[BadCell]) -> String {
    let mut lines: Vec<String> = cells.iter().take(12).map(|c| format!("  {c}")).collect();
    if cells.len() > 12 {
        lines.push(format!("  … and {} more", cells.len() - 12));
    }
    lines.join("\n")
}

/// A column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Col {
    Name,
    Condition,
    Direction,
    UnitValue,
    PresentValue,
    Population,
    Years,
    Cost,
    D,
    Baseline,
    AnnualChange,
    Weight,
    Target,
    Negotiated,
    Final,
    Locked,
    Group,
    Dalys,
    Gni,
}

type ColumnSpec = (Col, &'static [&'static str]);

/// The columns of a table that were recognised, with their 0-based column index.
type Columns = Vec<(Col, u32)>;

/// A cell of the workbook: sheet index and (row, column).
type SheetCell = (usize, (u32, u32));

const TARGET_COLUMNS: &[ColumnSpec] = &[
    (
        Col::Name,
        &[
            "indicator",
            "indicators",
            "payment indicator",
            "payment indicators",
            "indicador",
            "indicadores",
            "indicador de pago",
            "indicadores de pago",
        ],
    ),
    (
        Col::Condition,
        &[
            "condition",
            "health condition",
            "linked condition",
            "condicion",
            "condicion de salud",
        ],
    ),
    (
        Col::Direction,
        &[
            "better",
            "direction",
            "improvement",
            "direccion",
            "sentido",
            "mejor",
        ],
    ),
    (Col::UnitValue, &["unit value", "valor unitario"]),
    (
        Col::PresentValue,
        &[
            "value",
            "present value",
            "npv",
            "net present value",
            "valor",
            "valor presente",
            "vpn",
            "valor presente neto",
        ],
    ),
    (
        Col::Population,
        &[
            "population",
            "n",
            "number of individuals",
            "individuals",
            "beneficiaries",
            "population reached",
            "poblacion",
            "numero de individuos",
            "individuos",
            "beneficiarios",
            "poblacion objetivo",
        ],
    ),
    (
        Col::Years,
        &[
            "years",
            "length of program",
            "program length",
            "anos",
            "duracion",
            "duracion del programa",
        ],
    ),
    (
        Col::Cost,
        &[
            "cost",
            "total cost",
            "program cost",
            "costo",
            "costo total",
            "costo del programa",
        ],
    ),
    (
        Col::D,
        &[
            "d",
            "minimum impact",
            "minimum common impact",
            "impacto minimo",
            "impacto minimo comun",
        ],
    ),
    (
        Col::Baseline,
        &[
            "baseline",
            "baseline level",
            "linea de base",
            "linea base",
            "nivel de base",
        ],
    ),
    (
        Col::AnnualChange,
        &[
            "annual change",
            "trend",
            "annual trend",
            "historical trend",
            "cambio anual",
            "tendencia",
            "tendencia anual",
            "tendencia historica",
        ],
    ),
    (
        Col::Weight,
        &["weight", "priority weight", "peso", "ponderacion"],
    ),
    (
        Col::Target,
        &[
            "target",
            "targets",
            "model target",
            "estimated target",
            "model estimated targets",
            "meta",
            "metas",
            "meta del modelo",
            "meta estimada",
        ],
    ),
    (
        Col::Negotiated,
        &[
            "negotiated target",
            "agreed target",
            "meta negociada",
            "meta acordada",
        ],
    ),
    (Col::Final, &["final target", "final targets", "meta final"]),
    (Col::Locked, &["locked", "lock", "bloqueada", "bloqueo"]),
];

const VALUE_COLUMNS: &[ColumnSpec] = &[
    (
        Col::Name,
        &[
            "condition",
            "conditions",
            "health condition",
            "cause",
            "condicion",
            "condiciones",
            "causa",
            "condicion de salud",
        ],
    ),
    (
        Col::Group,
        &[
            "population group",
            "age sex group",
            "age gender group",
            "age group",
            "group",
            "grupo",
            "grupo poblacional",
            "grupo de poblacion",
            "grupo de edad",
            "grupo de edad y sexo",
        ],
    ),
    (
        Col::Dalys,
        &[
            "dalys",
            "daly",
            "total dalys",
            "avad",
            "avisa",
            "total avad",
            "avad totales",
        ],
    ),
    (
        Col::Population,
        &[
            "population",
            "total population",
            "poblacion",
            "poblacion total",
        ],
    ),
    (Col::UnitValue, &["unit value", "valor unitario"]),
    (
        Col::PresentValue,
        &["value", "present value", "valor", "valor presente"],
    ),
    (
        Col::Gni,
        &[
            "gni per capita",
            "gni",
            "inb per capita",
            "ingreso nacional bruto per capita",
        ],
    ),
];

/// Labels of program inputs.
const COST_LABELS: &[&str] = &[
    "total program cost",
    "total cost",
    "program cost",
    "cost",
    "costo total del programa",
    "costo total",
    "costo del programa",
    "costo",
];
const YEARS_LABELS: &[&str] = &[
    "program length",
    "length of program",
    "years",
    "duracion del programa",
    "duracion",
    "anos",
];
const GNI_LABELS: &[&str] = &[
    "gni per capita",
    "gni",
    "inb per capita",
    "ingreso nacional bruto per capita",
    "ingreso nacional bruto",
];
const K_LABELS: &[&str] = &[
    "value of a daly",
    "value of one daly",
    "valor de un avad",
    "valor de un avisa",
];
const RATE_LABELS: &[&str] = &["discount rate", "tasa de descuento"];
const HORIZON_LABELS: &[&str] = &[
    "horizon",
    "horizon years",
    "benefit horizon",
    "horizonte",
    "horizonte anos",
];
const CEILING_LABELS: &[&str] = &["ceiling", "maximum target", "techo", "tope", "meta maxima"];
const FLOOR_LABELS: &[&str] = &["floor", "minimum target", "piso", "meta minima"];
const RATIO_LABELS: &[&str] = &[
    "required benefit cost ratio",
    "required ratio",
    "razon beneficio costo requerida",
    "relacion beneficio costo requerida",
    "relacion beneficio costo exigida",
];
const A0_LABELS: &[&str] = &["default annual change", "cambio anual por defecto"];
const D_LABELS: &[&str] = &[
    "minimum common impact d",
    "minimum common impact",
    "minimum impact",
    "d",
    "impacto minimo comun d",
    "impacto minimo comun",
    "impacto minimo",
];
const TIMING_LABELS: &[&str] = &["benefits counted", "timing", "beneficios contados"];
const PROGRAM_LABELS: &[&str] = &["program", "program name", "programa", "nombre del programa"];
const COUNTRY_LABELS: &[&str] = &["country", "pais"];
const CURRENCY_LABELS: &[&str] = &["currency", "moneda"];
const NOTES_LABELS: &[&str] = &["notes", "notas"];
const SOURCES_LABELS: &[&str] = &["sources", "fuentes"];

/// A table found in a sheet.
struct Table {
    sheet: usize,
    header_row: u32,
    columns: Vec<(Col, u32)>,
    rows: Vec<u32>,
}

impl Table {
    fn col(&self, col: Col) -> Option<u32> {
        self.columns
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, i)| *i)
    }

    fn covers(&self, row: u32, col: u32) -> bool {
        // Data rows are contiguous under the header.
        let last = self.rows.last().copied().unwrap_or(self.header_row);
        (self.header_row..=last).contains(&row) && self.columns.iter().any(|(_, c)| *c == col)
    }
}

fn matches_column(text: &str, specs: &[ColumnSpec], taken: &[Col]) -> Option<Col> {
    let norm = normalize(text);
    if norm.is_empty() {
        return None;
    }
    specs
        .iter()
        .filter(|(col, _)| !taken.contains(col))
        .find(|(col, synonyms)| {
            synonyms.contains(&norm.as_str())
                || (*col == Col::Baseline
                    && synonyms.iter().any(|s| norm.starts_with(&format!("{s} "))))
        })
        .map(|(col, _)| *col)
}

/// The best header row of `sheet` for a table with `specs` that has every `required` column.
fn find_table(book: &Book, sheet: usize, specs: &[ColumnSpec], required: &[Col]) -> Option<Table> {
    let s = &book.sheets[sheet];
    let (first_row, last_row) = s.row_span()?;
    let (first_col, last_col) = s.col_span()?;
    let mut best: Option<(usize, u32, Columns)> = None;
    for row in first_row..=last_row.min(first_row + 500) {
        let mut columns = Vec::new();
        for col in first_col..=last_col.min(first_col + 200) {
            if let Data::String(text) = s.value(row, col) {
                let taken: Vec<Col> = columns.iter().map(|(c, _)| *c).collect();
                if let Some(found) = matches_column(text, specs, &taken) {
                    columns.push((found, col));
                }
            }
        }
        let complete = required.iter().all(|r| columns.iter().any(|(c, _)| c == r));
        if complete
            && best
                .as_ref()
                .is_none_or(|(score, _, _)| columns.len() > *score)
        {
            best = Some((columns.len(), row, columns));
        }
    }
    let (_, header_row, columns) = best?;
    let name_col = columns
        .iter()
        .find(|(c, _)| *c == Col::Name)
        .map(|(_, i)| *i)?;
    let mut rows = Vec::new();
    for row in header_row + 1..=last_row {
        if s.text(row, name_col).is_some() {
            rows.push(row);
        } else if !rows.is_empty() {
            break;
        }
    }
    Some(Table {
        sheet,
        header_row,
        columns,
        rows,
    })
}

/// The table in the sheet named one of `names`, else in any sheet that has its header.
fn locate(
    book: &Book,
    names: &[&str],
    specs: &[ColumnSpec],
    required: &[Col],
    exclude: Option<usize>,
) -> Option<Table> {
    let named = book
        .sheets
        .iter()
        .position(|s| names.contains(&normalize(&s.name).as_str()));
    if let Some(sheet) = named
        && let Some(table) = find_table(book, sheet, specs, required)
    {
        return Some(table);
    }
    (0..book.sheets.len())
        .filter(|&i| Some(i) != exclude)
        .find_map(|i| find_table(book, i, specs, required))
}

/// A labelled input: where the label is and the cell holding its value.
struct Labelled {
    sheet: usize,
    label_cell: (u32, u32),
    value_cell: (u32, u32),
}

/// Finds a cell labelled one of `labels` (outside the tables) and the first non-empty cell to
/// its right (up to four columns) or below it.
/// Every text cell outside the tables, by its normalized text: labels are looked up here
/// instead of scanning the sheets once per label.
struct LabelIndex {
    cells: HashMap<String, Vec<(usize, u32, u32)>>,
}

impl LabelIndex {
    fn new(book: &Book, tables: &[&Table]) -> Self {
        let mut cells: HashMap<String, Vec<(usize, u32, u32)>> = HashMap::new();
        for (sheet, s) in book.sheets.iter().enumerate() {
            let (Some((first_row, last_row)), Some((first_col, last_col))) =
                (s.row_span(), s.col_span())
            else {
                continue;
            };
            for row in first_row..=last_row.min(first_row + 2000) {
                for col in first_col..=last_col.min(first_col + 60) {
                    let Data::String(text) = s.value(row, col) else {
                        continue;
                    };
                    if tables
                        .iter()
                        .any(|t| t.sheet == sheet && t.covers(row, col))
                    {
                        continue;
                    }
                    cells
                        .entry(normalize(text))
                        .or_default()
                        .push((sheet, row, col));
                }
            }
        }
        Self { cells }
    }
}

/// Finds a cell labelled one of `labels` (outside the tables), in the first of `sheets` that
/// has one, and the first non-empty cell to its right (up to four columns) or below it.
fn find_label(
    book: &Book,
    sheets: &[usize],
    labels: &[&str],
    index: &LabelIndex,
) -> Option<Labelled> {
    let value_cell = |sheet: usize, row: u32, col: u32| {
        let s = &book.sheets[sheet];
        let non_empty =
            |r: u32, c: u32| !matches!(s.value(r, c), Data::Empty) || s.formula(r, c).is_some();
        (col + 1..=col + 4)
            .find(|&c| non_empty(row, c))
            .map(|c| (row, c))
            .or_else(|| non_empty(row + 1, col).then_some((row + 1, col)))
    };
    sheets.iter().find_map(|&sheet| {
        labels
            .iter()
            .filter_map(|label| index.cells.get(*label))
            .flatten()
            .filter(|(s, _, _)| *s == sheet)
            .filter_map(|&(s, row, col)| value_cell(s, row, col).map(|v| (row, col, v)))
            .min_by_key(|(row, col, _)| (*row, *col))
            .map(|(row, col, value_cell)| Labelled {
                sheet,
                label_cell: (row, col),
                value_cell,
            })
    })
}

fn at(book: &Book, sheet: usize, (row, col): (u32, u32)) -> String {
    format!("{}!{}", book.sheets[sheet].name, cell_name(row, col))
}

/// Reading state: the workbook, the report and the bad cells found so far.
struct Reading<'a> {
    book: &'a Book,
    report: ImportReport,
    bad: Vec<BadCell>,
}

impl Reading<'_> {
    fn bad(&mut self, sheet: usize, (row, col): (u32, u32), found: String, expected: &str) {
        self.bad.push(BadCell {
            sheet: self.book.sheets[sheet].name.clone(),
            cell: cell_name(row, col),
            found,
            expected: expected.to_owned(),
        });
    }

    /// A number from a cell; records a bad cell when it holds something else.
    fn number(
        &mut self,
        sheet: usize,
        cell: (u32, u32),
        rule: NumberRule,
        expected: &str,
    ) -> Option<f64> {
        match self.book.number(sheet, cell.0, cell.1, rule) {
            CellNumber::Number { value, .. } => Some(value),
            CellNumber::Empty => None,
            CellNumber::NotANumber(text) => {
                self.bad(sheet, cell, format!("\"{text}\""), expected);
                None
            }
        }
    }

    fn labelled_number(
        &mut self,
        sheets: &[usize],
        labels: &[&str],
        tables: &LabelIndex,
        rule: NumberRule,
        what: &str,
    ) -> Option<f64> {
        let found = find_label(self.book, sheets, labels, tables)?;
        let value = self.number(found.sheet, found.value_cell, rule, what)?;
        let label = self.book.sheets[found.sheet]
            .text(found.label_cell.0, found.label_cell.1)
            .unwrap_or_default();
        let shown = match rule {
            NumberRule::Percent => format_percent(value, 2),
            NumberRule::Plain => format_number(value),
        };
        self.report.read(tf!(
            "{what} = {shown} from {} (labelled \"{label}\")",
            "{what} = {shown} de {} (rotulado \"{label}\")",
            at(self.book, found.sheet, found.value_cell)
        ));
        Some(value)
    }

    fn labelled_text(
        &self,
        sheets: &[usize],
        labels: &[&str],
        tables: &LabelIndex,
    ) -> Option<(String, Labelled)> {
        let found = find_label(self.book, sheets, labels, tables)?;
        let text = self.book.sheets[found.sheet].text(found.value_cell.0, found.value_cell.1)?;
        Some((text, found))
    }

    /// The first number in a table column, warning when the rows disagree.
    fn column_number(
        &mut self,
        table: &Table,
        col: Col,
        rule: NumberRule,
        what: &str,
    ) -> Option<f64> {
        let c = table.col(col)?;
        let mut first: Option<(f64, u32)> = None;
        for &row in &table.rows {
            if let Some(value) = self.number(table.sheet, (row, c), rule, what) {
                match first {
                    None => first = Some((value, row)),
                    Some((v, r)) if (v - value).abs() > 1e-12 * v.abs().max(1.0) => {
                        self.report.warn(tf!(
                            "{what}: {} holds {} but {} holds {}; used the first",
                            "{what}: {} tiene {} pero {} tiene {}; se usó el primero",
                            at(self.book, table.sheet, (r, c)),
                            format_number(v),
                            at(self.book, table.sheet, (row, c)),
                            format_number(value)
                        ));
                        break;
                    }
                    Some(_) => {}
                }
            }
        }
        let (value, row) = first?;
        self.report.read(tf!(
            "{what} = {} from {}",
            "{what} = {} de {}",
            format_number(value),
            at(self.book, table.sheet, (row, c))
        ));
        Some(value)
    }
}

/// Imports a workbook file (.xlsx, .xlsm, .ods, .xls).
pub fn import_xlsx(path: &Path) -> Result<Import, ImportError> {
    let file = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| ImportError::Open {
            file: file.clone(),
            reason: e.to_string(),
        })?
        .len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(ImportError::TooLarge { file, size });
    }
    check_archive(path, &file)?;
    let mut workbook = open_workbook_auto(path).map_err(|error| match error {
        calamine::Error::Xlsx(calamine::XlsxError::Password) => ImportError::Encrypted { file: file.clone() },
        other => ImportError::Open {
            file: file.clone(),
            reason: tf!("it is not a workbook this program can read ({other}); expected an .xlsx file saved by Excel or LibreOffice", "no es un libro que este programa pueda leer ({other}); se esperaba un archivo .xlsx guardado por Excel o LibreOffice"),
        },
    })?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        // Only the ranges at the top of a Sensitivity sheet are read back.
        let max_row = ["sensitivity", "sensibilidad"]
            .contains(&normalize(&name).as_str())
            .then_some(12);
        match Sheet::read(&mut workbook, &name, max_row) {
            Ok(sheet) => sheets.push(sheet),
            Err(error) => {
                return Err(ImportError::Sheet {
                    file,
                    sheet: error.sheet,
                    reason: error.reason,
                });
            }
        }
    }
    import_book(&Book { sheets }, &file)
}

/// A workbook may expand to at most this much when unzipped.
pub const MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;

/// Refuses a zip archive (xlsx, ods) whose parts would expand beyond [`MAX_UNZIPPED_BYTES`] or
/// by more than 200 times (a "zip bomb"), from the sizes its directory declares, before
/// anything is decompressed. The decompressor stops at the declared size, so a part that lies
/// about it is cut short, not expanded.
fn check_archive(path: &Path, file: &str) -> Result<(), ImportError> {
    let Ok(handle) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::BufReader::new(handle)) else {
        return Ok(()); // Not a zip archive: the reader below says what it is not.
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(index) else {
            continue;
        };
        let (size, compressed) = (part.size(), part.compressed_size());
        total = total.saturating_add(size);
        if size > 16 * 1024 * 1024 && size / compressed.max(1) > 200 {
            return Err(ImportError::Expands {
                file: file.to_owned(),
                part: part.name().map(|n| n.into_owned()).unwrap_or_default(),
                size,
            });
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(ImportError::Expands {
            file: file.to_owned(),
            part: t("all parts", "todas las partes").to_owned(),
            size: total,
        });
    }
    Ok(())
}

/// Imports from sheets already read.
pub fn import_book(book: &Book, file: &str) -> Result<Import, ImportError> {
    let mut reading = Reading {
        book,
        report: ImportReport::default(),
        bad: Vec::new(),
    };

    let values = locate(
        book,
        &["values", "valores", "values sheet"],
        VALUE_COLUMNS,
        &[Col::Name, Col::Dalys, Col::Population],
        None,
    )
    .ok_or_else(|| ImportError::MissingTable {
        file: file.to_owned(),
        table: t("Values", "Valores"),
        names: "\"Values\" or \"Valores\"",
        columns: t(
            "Condition, DALYs and Population (Condición, AVAD, Población)",
            "Condición, AVAD y Población (Condition, DALYs, Population)",
        ),
    })?;
    let targets = locate(
        book,
        &["targets", "metas", "objetivos"],
        TARGET_COLUMNS,
        &[Col::Name, Col::Population, Col::Baseline],
        Some(values.sheet),
    )
    .ok_or_else(|| ImportError::MissingTable {
        file: file.to_owned(),
        table: t("Targets", "Metas"),
        names: "\"Targets\" or \"Metas\"",
        columns: t(
            "Indicator, Population and Baseline (Indicador, Población, Línea de base)",
            "Indicador, Población y Línea de base (Indicator, Population, Baseline)",
        ),
    })?;
    for (table, name) in [
        (&values, t("Values", "Valores")),
        (&targets, t("Targets", "Metas")),
    ] {
        if table.rows.is_empty() {
            return Err(ImportError::EmptyTable {
                file: file.to_owned(),
                sheet: book.sheets[table.sheet].name.clone(),
                table: name,
                row: table.header_row + 1,
            });
        }
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|(_, c)| {
                let header = book.sheets[table.sheet]
                    .text(table.header_row, *c)
                    .unwrap_or_default();
                tf!("\"{header}\" in {}", "\"{header}\" en {}", column_name(*c))
            })
            .collect();
        reading.report.read(tf!(
            "{name} table in sheet \"{}\", header in row {}, {} rows: {}",
            "tabla {name} en la hoja \"{}\", encabezado en la fila {}, {} filas: {}",
            book.sheets[table.sheet].name,
            table.header_row + 1,
            table.rows.len(),
            columns.join(", ")
        ));
    }
    let tables = LabelIndex::new(book, &[&values, &targets]);
    let label_sheets: Vec<usize> = {
        let mut order = vec![targets.sheet, values.sheet];
        order.extend((0..book.sheets.len()).filter(|i| *i != targets.sheet && *i != values.sheet));
        order
    };

    let program = read_program(&mut reading, &label_sheets, &tables, &values, &targets);
    let conditions = read_conditions(&mut reading, &values);
    let (indicators, d_cell) = read_indicators(
        &mut reading,
        &label_sheets,
        &tables,
        &values,
        &targets,
        &conditions,
        &program,
    );
    let program = program.ok_or_else(|| missing_cost(file))?;
    let census = read_census(&mut reading, &[values.sheet, targets.sheet]);
    let metadata = read_metadata(&reading, &label_sheets, &tables);

    if !reading.bad.is_empty() {
        return Err(ImportError::BadCells {
            file: file.to_owned(),
            cells: reading.bad,
        });
    }
    let mut project = Project {
        metadata,
        program,
        conditions: conditions.into_iter().map(|(c, _)| c).collect(),
        indicators,
        census,
        ..Project::default()
    };
    super::xlsx_analyses::read_analyses(book, &mut project);
    let mut report = reading.report;
    compare_cached(book, &project, &targets, d_cell, &mut report);
    Ok(Import { project, report })
}

fn missing_cost(file: &str) -> ImportError {
    ImportError::MissingInput {
        file: file.to_owned(),
        what: t("total program cost", "el costo total del programa"),
        expected: t(
            "a cell labelled \"Total cost\" or \"Costo total\" with the amount to its right, or a \"Cost\" column in the Targets table",
            "una celda rotulada \"Costo total\" o \"Total cost\" con el monto a su derecha, o una columna \"Costo\" en la tabla Metas",
        ),
    }
}

fn read_program(
    reading: &mut Reading<'_>,
    sheets: &[usize],
    tables: &LabelIndex,
    values: &Table,
    targets: &Table,
) -> Option<Program> {
    let mut program = Program::default();
    let book = reading.book;

    program.total_cost = reading
        .labelled_number(
            sheets,
            COST_LABELS,
            tables,
            NumberRule::Plain,
            t("Total program cost", "Costo total del programa"),
        )
        .or_else(|| {
            reading.column_number(
                targets,
                Col::Cost,
                NumberRule::Plain,
                t("Total program cost", "Costo total del programa"),
            )
        })?;

    match reading
        .labelled_number(
            sheets,
            YEARS_LABELS,
            tables,
            NumberRule::Plain,
            t("Program length (years)", "Duración del programa (años)"),
        )
        .or_else(|| {
            reading.column_number(
                targets,
                Col::Years,
                NumberRule::Plain,
                t("Program length (years)", "Duración del programa (años)"),
            )
        }) {
        Some(years) => program.program_years = years,
        None => reading.report.warn(t(
            "Program length not found; used 3 years, as in SM2015 El Salvador",
            "No se encontró la duración del programa; se usaron 3 años, como en SM2015 El Salvador",
        )),
    }

    let gni = reading
        .labelled_number(
            sheets,
            GNI_LABELS,
            tables,
            NumberRule::Plain,
            t("GNI per capita", "INB per cápita"),
        )
        .or_else(|| {
            reading.column_number(
                values,
                Col::Gni,
                NumberRule::Plain,
                t("GNI per capita", "INB per cápita"),
            )
        });
    if let Some(k) = reading.labelled_number(
        sheets,
        K_LABELS,
        tables,
        NumberRule::Plain,
        t(
            "Value of a DALY (× GNI per capita)",
            "Valor de un AVAD (× INB per cápita)",
        ),
    ) {
        program.daly_multiple = k;
    }

    // Discount rate and horizon: labels, else the PV() of a value column, else its header.
    let rate = reading.labelled_number(
        sheets,
        RATE_LABELS,
        tables,
        NumberRule::Percent,
        t("Discount rate", "Tasa de descuento"),
    );
    let horizon = reading.labelled_number(
        sheets,
        HORIZON_LABELS,
        tables,
        NumberRule::Plain,
        "Horizon (years)",
    );
    let timing = reading.labelled_text(sheets, TIMING_LABELS, tables);
    let from_pv = pv_arguments(book, values, targets);
    let from_header = header_discounting(book, values, targets);
    match (rate, &from_pv, &from_header) {
        (Some(r), _, _) => program.discount_rate = r,
        (None, Some((r, _, _, cell)), _) => {
            program.discount_rate = *r;
            reading.report.inferred(tf!(
                "Discount rate {} from the formula PV(…) in {cell}",
                "Tasa de descuento {} de la fórmula VA(…) en {cell}",
                format_percent(*r, 2)
            ));
        }
        (None, None, Some((r, _, cell))) if r.is_some() => {
            program.discount_rate = r.unwrap_or(program.discount_rate);
            reading.report.inferred(tf!(
                "Discount rate {} from the header text of {cell}",
                "Tasa de descuento {} del texto del encabezado de {cell}",
                format_percent(program.discount_rate, 2)
            ));
        }
        _ => reading.report.warn(t(
            "Discount rate not found; used the note's 12%",
            "No se encontró la tasa de descuento; se usó el 12% de la nota",
        )),
    }
    match (horizon, &from_pv, &from_header) {
        (Some(h), _, _) => program.horizon_years = whole_years(h),
        (None, Some((_, h, _, cell)), _) => {
            program.horizon_years = whole_years(*h);
            reading.report.inferred(tf!(
                "Horizon {} years from the formula PV(…) in {cell}",
                "Horizonte de {} años de la fórmula VA(…) en {cell}",
                program.horizon_years
            ));
        }
        (None, None, Some((_, Some(h), cell))) => {
            program.horizon_years = whole_years(*h);
            reading.report.inferred(tf!(
                "Horizon {} years from the header text of {cell}",
                "Horizonte de {} años del texto del encabezado de {cell}",
                program.horizon_years
            ));
        }
        _ => reading.report.warn(t(
            "Horizon not found; used the note's 20 years",
            "No se encontró el horizonte; se usaron los 20 años de la nota",
        )),
    }
    match (timing, &from_pv) {
        (Some((text, _)), _) => {
            let norm = normalize(&text);
            if norm.contains("start") || norm.contains("inicio") || norm.contains("begin") {
                program.timing = Timing::StartOfYear;
            }
        }
        (None, Some((_, _, true, cell))) => {
            program.timing = Timing::StartOfYear;
            reading.report.inferred(tf!(
                "Benefits at the start of each year: PV(…, 1) in {cell}",
                "Beneficios al inicio de cada año: VA(…, 1) en {cell}"
            ));
        }
        _ => {}
    }

    for (labels, what, rule, slot) in [
        (
            CEILING_LABELS,
            "Ceiling",
            NumberRule::Percent,
            &mut program.ceiling,
        ),
        (
            FLOOR_LABELS,
            "Floor",
            NumberRule::Percent,
            &mut program.floor,
        ),
        (
            RATIO_LABELS,
            t(
                "Required benefit-cost ratio",
                "Relación beneficio-costo exigida",
            ),
            NumberRule::Plain,
            &mut program.required_ratio,
        ),
        (
            A0_LABELS,
            t("Default annual change", "Cambio anual por defecto"),
            NumberRule::Percent,
            &mut program.default_annual_change,
        ),
    ] {
        if let Some(value) = reading.labelled_number(sheets, labels, tables, rule, what) {
            *slot = value;
        }
    }

    program.gni_per_capita = match gni {
        Some(g) => g,
        None => match infer_gni(reading, values, &program) {
            Some(g) => g,
            None => {
                reading.report.warn(t(
                    "GNI per capita not found; enter it in the Values sheet",
                    "No se encontró el INB per cápita; ingréselo en la hoja Valores",
                ));
                0.0
            }
        },
    };
    Some(program)
}

fn whole_years(h: f64) -> u32 {
    if h.is_finite() && h >= 0.0 {
        h.round().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// (rate, horizon, start-of-year, cell) from the first PV() in a value column.
fn pv_arguments(book: &Book, values: &Table, targets: &Table) -> Option<(f64, f64, bool, String)> {
    for table in [values, targets] {
        let Some(col) = table.col(Col::PresentValue) else {
            continue;
        };
        for &row in &table.rows {
            let Some(formula) = book.sheets[table.sheet].formula(row, col) else {
                continue;
            };
            let Some(args) = function_arguments(formula, "PV") else {
                continue;
            };
            let rate = args.first().and_then(|a| book.evaluate_in(table.sheet, a));
            let horizon = args.get(1).and_then(|a| book.evaluate_in(table.sheet, a));
            let start = args
                .get(4)
                .and_then(|a| book.evaluate_in(table.sheet, a))
                .is_some_and(|t| t != 0.0);
            if let (Some(rate), Some(horizon)) = (rate, horizon) {
                return Some((
                    rate,
                    horizon,
                    start,
                    format!("{} (={formula})", at(book, table.sheet, (row, col))),
                ));
            }
        }
    }
    None
}

/// Rate and horizon written in a header such as "Value (20 yrs, 12% discount rate)".
fn header_discounting(
    book: &Book,
    values: &Table,
    targets: &Table,
) -> Option<(Option<f64>, Option<f64>, String)> {
    for table in [targets, values] {
        let Some(col) = table.col(Col::PresentValue) else {
            continue;
        };
        let header = book.sheets[table.sheet].text(table.header_row, col)?;
        let lower = header.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '%' || c.is_alphabetic()))
            .filter(|w| !w.is_empty())
            .collect();
        let mut rate = None;
        let mut horizon = None;
        for (i, word) in words.iter().enumerate() {
            if let Some(number) = word.strip_suffix('%').and_then(|n| n.parse::<f64>().ok()) {
                rate = Some(number / 100.0);
            } else if let Ok(number) = word.parse::<f64>()
                && words
                    .get(i + 1)
                    .is_some_and(|next| ["yrs", "years", "anos", "años", "year"].contains(next))
            {
                horizon = Some(number);
            }
        }
        if rate.is_some() || horizon.is_some() {
            return Some((
                rate,
                horizon,
                at(book, table.sheet, (table.header_row, col)),
            ));
        }
    }
    None
}

/// G = v · P / (k · D) from a Values unit-value column, when the workbook gives no GNI.
fn infer_gni(reading: &mut Reading<'_>, values: &Table, program: &Program) -> Option<f64> {
    let book = reading.book;
    let (v_col, d_col, p_col) = (
        values.col(Col::UnitValue)?,
        values.col(Col::Dalys)?,
        values.col(Col::Population)?,
    );
    for &row in &values.rows {
        let get = |c| match book.number(values.sheet, row, c, NumberRule::Plain) {
            CellNumber::Number { value, .. } => Some(value),
            _ => None,
        };
        if let (Some(v), Some(d), Some(p)) = (get(v_col), get(d_col), get(p_col))
            && d > 0.0
            && v > 0.0
        {
            let g = v * p / (program.daly_multiple * d);
            reading.report.inferred(tf!(
                "GNI per capita {} from the unit value in {} (v = k·G·D/P)",
                "INB per cápita {} del valor unitario en {} (v = k·G·D/P)",
                format_number(g),
                at(book, values.sheet, (row, v_col))
            ));
            return Some(g);
        }
    }
    None
}

/// Conditions, with the workbook row each came from.
fn read_conditions(reading: &mut Reading<'_>, values: &Table) -> Vec<(Condition, u32)> {
    let sheet = values.sheet;
    let name_col = values.col(Col::Name).unwrap_or(0);
    let mut conditions = Vec::new();
    let mut names = HashSet::new();
    for &row in &values.rows {
        let name = reading.book.sheets[sheet]
            .text(row, name_col)
            .unwrap_or_default();
        let group = values
            .col(Col::Group)
            .and_then(|c| reading.book.sheets[sheet].text(row, c))
            .unwrap_or_default();
        let dalys = values.col(Col::Dalys).and_then(|c| {
            reading.number(
                sheet,
                (row, c),
                NumberRule::Plain,
                t("a number of DALYs", "un número de AVAD"),
            )
        });
        let population = values.col(Col::Population).and_then(|c| {
            reading.number(
                sheet,
                (row, c),
                NumberRule::Plain,
                t("a population", "una población"),
            )
        });
        if dalys.is_none() && population.is_none() {
            reading.report.warn(tf!(
                "{} (\"{name}\") has no DALYs and no population; read as a heading and skipped",
                "{} (\"{name}\") no tiene AVAD ni población; se leyó como título y se omitió",
                at(reading.book, sheet, (row, name_col))
            ));
            continue;
        }
        // A repeated name (the same condition for two age groups) gets its group appended so
        // that each row can be linked on its own.
        let mut unique = name.clone();
        if !names.insert(normalize(&unique)) {
            unique = format!("{name} ({group})");
            names.insert(normalize(&unique));
            reading.report.inferred(tf!(
                "Values row {} repeats the condition \"{name}\"; named it \"{unique}\"",
                "Valores fila {} repite la condición \"{name}\"; se la llamó \"{unique}\"",
                row + 1
            ));
        }
        conditions.push((
            Condition {
                name: unique,
                group,
                dalys: dalys.unwrap_or(f64::NAN),
                population: population.unwrap_or(f64::NAN),
            },
            row,
        ));
    }
    // Missing numbers stay NaN so that the model names the cell; report them as bad cells.
    for (condition, row) in &conditions {
        if condition.dalys.is_nan() {
            let col = values.col(Col::Dalys).unwrap_or(0);
            reading.bad(
                sheet,
                (*row, col),
                t("an empty cell", "una celda vacía").to_owned(),
                t("a number of DALYs", "un número de AVAD"),
            );
        }
        if condition.population.is_nan() {
            let col = values.col(Col::Population).unwrap_or(0);
            reading.bad(
                sheet,
                (*row, col),
                t("an empty cell", "una celda vacía").to_owned(),
                t("a population", "una población"),
            );
        }
    }
    conditions
}

fn parse_direction(text: &str) -> Option<Direction> {
    let norm = normalize(text);
    let trimmed = text.trim();
    let lower = [
        "lower",
        "lower is better",
        "down",
        "decrease",
        "menor",
        "menor es mejor",
        "reducir",
        "baja",
    ];
    let higher = [
        "higher",
        "higher is better",
        "up",
        "increase",
        "mayor",
        "mayor es mejor",
        "aumentar",
        "sube",
    ];
    if lower.contains(&norm.as_str()) || trimmed == "-1" || trimmed == "↓" {
        Some(Direction::Lower)
    } else if higher.contains(&norm.as_str()) || trimmed == "1" || trimmed == "+1" || trimmed == "↑"
    {
        Some(Direction::Higher)
    } else {
        None
    }
}

fn parse_flag(text: &str) -> bool {
    let norm = normalize(text);
    [
        "yes",
        "y",
        "x",
        "true",
        "1",
        "locked",
        "si",
        "s",
        "verdadero",
        "bloqueada",
    ]
    .contains(&norm.as_str())
}

#[allow(clippy::too_many_arguments)]
fn read_indicators(
    reading: &mut Reading<'_>,
    sheets: &[usize],
    tables: &LabelIndex,
    values: &Table,
    targets: &Table,
    conditions: &[(Condition, u32)],
    program: &Option<Program>,
) -> (Vec<Indicator>, Option<SheetCell>) {
    let book = reading.book;
    let sheet = targets.sheet;
    let s = &book.sheets[sheet];
    let name_col = targets.col(Col::Name).unwrap_or(0);
    let d_label = find_label(book, sheets, D_LABELS, tables);
    let a0_label = find_label(book, sheets, A0_LABELS, tables);
    let d_cell = d_label.as_ref().map(|l| (l.sheet, l.value_cell));
    let computed_v: Vec<Option<f64>> = conditions
        .iter()
        .map(|(c, _)| {
            let p = program.as_ref()?;
            let v = p.daly_multiple * p.gni_per_capita * c.dalys / c.population;
            v.is_finite().then_some(v)
        })
        .collect();

    let mut indicators = Vec::new();
    for &row in &targets.rows {
        let name = s.text(row, name_col).unwrap_or_default();
        let population = targets.col(Col::Population).and_then(|c| {
            reading.number(
                sheet,
                (row, c),
                NumberRule::Plain,
                t("a population", "una población"),
            )
        });
        let baseline = targets.col(Col::Baseline).and_then(|c| {
            reading.number(
                sheet,
                (row, c),
                NumberRule::Percent,
                t(
                    "a baseline level (a proportion or percentage)",
                    "un nivel de línea de base (una proporción o porcentaje)",
                ),
            )
        });
        if population.is_none() && baseline.is_none() {
            reading.report.warn(tf!(
                "{} (\"{name}\") has no population and no baseline; read as a heading and skipped", "{} (\"{name}\") no tiene población ni línea de base; se leyó como título y se omitió",
                at(book, sheet, (row, name_col))
            ));
            continue;
        }
        let n = indicators.len() + 1;
        let mut indicator = Indicator {
            name: name.clone(),
            ..Indicator::default()
        };
        match population {
            Some(p) => indicator.population = p,
            None => reading.bad(
                sheet,
                (row, targets.col(Col::Population).unwrap_or(0)),
                t("an empty cell", "una celda vacía").to_owned(),
                t("a population", "una población"),
            ),
        }
        match baseline {
            Some(b) => indicator.baseline = b,
            None => reading.bad(
                sheet,
                (row, targets.col(Col::Baseline).unwrap_or(0)),
                t("an empty cell", "una celda vacía").to_owned(),
                t("a baseline level", "un nivel de línea de base"),
            ),
        }

        if let Some(c) = targets.col(Col::AnnualChange) {
            let refers_to_default = s.formula(row, c).is_some_and(|f| {
                a0_label.as_ref().is_some_and(|l| {
                    sign_of_term_with(f, |r| points_to(book, sheet, r, l.sheet, l.value_cell))
                        .is_some()
                })
            });
            if !refers_to_default {
                indicator.annual_change = reading.number(
                    sheet,
                    (row, c),
                    NumberRule::Percent,
                    t(
                        "a yearly change (a proportion or percentage)",
                        "un cambio anual (una proporción o porcentaje)",
                    ),
                );
            }
        }
        if let Some(c) = targets.col(Col::Weight)
            && let Some(w) =
                reading.number(sheet, (row, c), NumberRule::Plain, t("a weight", "un peso"))
        {
            indicator.weight = w;
        }
        if let Some(c) = targets.col(Col::Negotiated) {
            indicator.negotiated_target = reading.number(
                sheet,
                (row, c),
                NumberRule::Percent,
                t(
                    "a target level (a proportion or percentage)",
                    "un nivel de meta (una proporción o porcentaje)",
                ),
            );
        } else if let Some(c) = targets.col(Col::Final)
            && s.formula(row, c).is_none()
        {
            indicator.negotiated_target = reading.number(
                sheet,
                (row, c),
                NumberRule::Percent,
                t(
                    "a target level (a proportion or percentage)",
                    "un nivel de meta (una proporción o porcentaje)",
                ),
            );
            if indicator.negotiated_target.is_some() && n == 1 {
                reading.report.inferred(t(
                    "Final targets typed as values are read as negotiated targets",
                    "Las metas finales escritas como valores se leen como metas negociadas",
                ));
            }
        }
        if let Some(c) = targets.col(Col::Locked) {
            indicator.locked = s.text(row, c).is_some_and(|t| parse_flag(&t));
        }

        indicator.condition =
            link_condition(reading, targets, values, conditions, &computed_v, row, n);
        indicator.direction = find_direction(reading, targets, d_cell, row, n, indicator.baseline);
        indicators.push(indicator);
    }
    (indicators, d_cell)
}

/// True when reference `r`, written in `from_sheet`, points at `cell` of `sheet`.
fn points_to(book: &Book, from_sheet: usize, r: &CellRef, sheet: usize, cell: (u32, u32)) -> bool {
    let target_sheet = match &r.sheet {
        Some(name) => book.sheet_index(name),
        None => Some(from_sheet),
    };
    target_sheet == Some(sheet) && (r.row, r.col) == cell
}

fn link_condition(
    reading: &mut Reading<'_>,
    targets: &Table,
    values: &Table,
    conditions: &[(Condition, u32)],
    computed_v: &[Option<f64>],
    row: u32,
    n: usize,
) -> String {
    let book = reading.book;
    let sheet = targets.sheet;
    let s = &book.sheets[sheet];
    // 1. The unit-value formula points at a Values row.
    for col in [targets.col(Col::UnitValue), targets.col(Col::PresentValue)]
        .into_iter()
        .flatten()
    {
        let Some(formula) = s.formula(row, col) else {
            continue;
        };
        let Some(tokens) = super::workbook::tokenize(formula) else {
            continue;
        };
        for token in tokens {
            if let super::workbook::Token::Ref(r) = token {
                let in_values = match &r.sheet {
                    Some(name) => book.sheet_index(name) == Some(values.sheet),
                    None => sheet == values.sheet,
                };
                if in_values
                    && let Some((condition, _)) = conditions.iter().find(|(_, vr)| *vr == r.row)
                {
                    reading.report.inferred(tf!(
                        "Row {n}: condition \"{}\" from the formula ={formula} in {}",
                        "Fila {n}: condición \"{}\" de la fórmula ={formula} en {}",
                        condition.name,
                        at(book, sheet, (row, col))
                    ));
                    return condition.name.clone();
                }
            }
        }
    }
    // 2. A condition column.
    if let Some(col) = targets.col(Col::Condition)
        && let Some(text) = s.text(row, col)
    {
        if let Some((condition, _)) = conditions
            .iter()
            .find(|(c, _)| normalize(&c.name) == normalize(&text))
        {
            return condition.name.clone();
        }
        reading.report.warn(tf!(
            "Row {n}: the condition \"{text}\" in {} is not in the Values table",
            "Fila {n}: la condición \"{text}\" en {} no está en la tabla Valores",
            at(book, sheet, (row, col))
        ));
        return text;
    }
    // 3. A unit value equal to one condition's.
    if let Some(col) = targets.col(Col::UnitValue)
        && let CellNumber::Number { value, .. } = book.number(sheet, row, col, NumberRule::Plain)
    {
        let matching: Vec<usize> = computed_v
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_some_and(|v| (v - value).abs() <= 1e-9 * v.abs().max(1.0)))
            .map(|(j, _)| j)
            .collect();
        if let [j] = matching[..] {
            reading.report.inferred(tf!(
                "Row {n}: condition \"{}\" because its unit value {} in {} equals that condition's", "Fila {n}: condición \"{}\" porque su valor unitario {} en {} es igual al de esa condición",
                conditions[j].0.name,
                format_number(value),
                at(book, sheet, (row, col))
            ));
            return conditions[j].0.name.clone();
        }
    }
    if let [(only, _)] = conditions {
        reading.report.inferred(tf!(
            "Row {n}: linked to \"{}\", the only condition",
            "Fila {n}: vinculada a \"{}\", la única condición",
            only.name
        ));
        return only.name.clone();
    }
    reading.report.warn(tf!(
        "Row {n}: no condition could be linked; choose it in the Targets sheet",
        "Fila {n}: no se pudo vincular ninguna condición; elíjala en la hoja Metas"
    ));
    String::new()
}

fn find_direction(
    reading: &mut Reading<'_>,
    targets: &Table,
    d_cell: Option<SheetCell>,
    row: u32,
    n: usize,
    baseline: f64,
) -> Direction {
    let book = reading.book;
    let sheet = targets.sheet;
    let s = &book.sheets[sheet];
    if let Some(col) = targets.col(Col::Direction)
        && let Some(text) = s.text(row, col)
    {
        if let Some(direction) = parse_direction(&text) {
            return direction;
        }
        reading.report.warn(tf!(
            "Row {n}: direction \"{text}\" in {} is not higher or lower",
            "Fila {n}: la dirección \"{text}\" en {} no es mayor ni menor",
            at(book, sheet, (row, col))
        ));
    }
    let d_col = targets.col(Col::D);
    let is_d = |r: &CellRef| {
        let same_row_d = r.sheet.is_none() && Some(r.col) == d_col && r.row == row;
        same_row_d || d_cell.is_some_and(|(ds, dc)| points_to(book, sheet, r, ds, dc))
    };
    let target_col = targets.col(Col::Target);
    if let Some(col) = target_col
        && let Some(formula) = s.formula(row, col)
        && let Some(sign) = sign_of_term_with(formula, is_d)
    {
        let direction = if sign < 0.0 {
            Direction::Lower
        } else {
            Direction::Higher
        };
        if direction == Direction::Lower {
            reading.report.inferred(tf!(
                "Row {n}: lower is better, from the sign of d in ={formula} ({})",
                "Fila {n}: menor es mejor, por el signo de d en ={formula} ({})",
                at(book, sheet, (row, col))
            ));
        }
        return direction;
    }
    if let Some(col) = target_col
        && let Data::Float(target) = s.value(row, col)
        && *target != 0.0
    {
        let direction = if *target < baseline {
            Direction::Lower
        } else {
            Direction::Higher
        };
        reading.report.inferred(tf!(
            "Row {n}: {} is better, since its target {} in {} is {} its baseline",
            "Fila {n}: {} es mejor, ya que su meta {} en {} está {} su línea de base",
            if direction == Direction::Lower {
                t("lower", "menor")
            } else {
                t("higher", "mayor")
            },
            format_percent(*target, 1),
            at(book, sheet, (row, col)),
            if direction == Direction::Lower {
                t("below", "por debajo de")
            } else {
                t("above", "por encima de")
            }
        ));
        return direction;
    }
    reading.report.warn(tf!(
        "Row {n} ({}): no direction column, formula or target says which way is better; assumed higher is better", "Fila {n} ({}): ninguna columna de dirección, fórmula o meta dice qué sentido es mejor; se supuso que mayor es mejor",
        at(book, sheet, (row, targets.col(Col::Name).unwrap_or(0)))
    ));
    Direction::Higher
}

fn read_census(reading: &mut Reading<'_>, exclude: &[usize]) -> Option<CensusTable> {
    let book = reading.book;
    let sheet = book
        .sheets
        .iter()
        .enumerate()
        .find(|(i, s)| {
            !exclude.contains(i)
                && [
                    "census data",
                    "datos censales",
                    "census",
                    "censo",
                    "datos del censo",
                ]
                .contains(&normalize(&s.name).as_str())
        })?
        .1;
    let (r0, r1) = sheet.row_span()?;
    let (c0, c1) = sheet.col_span()?;
    let rows: Vec<Vec<TableCell>> = (r0..=r1)
        .map(|r| {
            (c0..=c1)
                .map(|c| match sheet.value(r, c) {
                    Data::Float(f) => TableCell::Number(*f),
                    Data::Int(i) => TableCell::Number(*i as f64),
                    Data::Empty => TableCell::Empty,
                    other => TableCell::Text(other.to_string()),
                })
                .collect()
        })
        .collect();
    reading.report.read(tf!(
        "Census data: sheet \"{}\", {} rows × {} columns from {}, kept as it is",
        "Datos censales: hoja \"{}\", {} filas × {} columnas desde {}, se conservan tal cual",
        sheet.name,
        rows.len(),
        c1 - c0 + 1,
        cell_name(r0, c0)
    ));
    Some(CensusTable {
        sheet_name: sheet.name.clone(),
        rows,
    })
}

fn read_metadata(reading: &Reading<'_>, sheets: &[usize], tables: &LabelIndex) -> Metadata {
    let text = |labels| {
        reading
            .labelled_text(sheets, labels, tables)
            .map(|(t, _)| t)
            .unwrap_or_default()
    };
    let mut metadata = Metadata {
        program_name: text(PROGRAM_LABELS),
        country: text(COUNTRY_LABELS),
        currency: text(CURRENCY_LABELS),
        notes: text(NOTES_LABELS),
        sources: Vec::new(),
    };
    if metadata.currency.is_empty() {
        metadata.currency = "US$".to_owned();
    }
    if let Some(found) = find_label(reading.book, sheets, SOURCES_LABELS, tables) {
        let s = &reading.book.sheets[found.sheet];
        let (mut row, col) = found.value_cell;
        while let Some(line) = s.text(row, col) {
            metadata.sources.push(line);
            row += 1;
        }
    }
    metadata
}

/// Compares the results the workbook cached with ours; differences above 1e-9.
fn compare_cached(
    book: &Book,
    project: &Project,
    targets: &Table,
    d_cell: Option<SheetCell>,
    report: &mut ImportReport,
) {
    if !book.has_cached_results() {
        return;
    }
    let outcome = compute(project);
    let mut differences = Vec::new();
    let mut compared = 0;
    let mut check =
        |what: String, sheet: usize, cell: (u32, u32), ours: Option<f64>, relative: bool| {
            let (Data::Float(cached), Some(ours)) =
                (book.sheets[sheet].value(cell.0, cell.1), ours)
            else {
                return;
            };
            compared += 1;
            let scale = if relative { ours.abs().max(1.0) } else { 1.0 };
            if (cached - ours).abs() > 1e-9 * scale {
                differences.push(Difference {
                    what,
                    cell: at(book, sheet, cell),
                    workbook: *cached,
                    ours,
                });
            }
        };
    if let Some((sheet, cell)) = d_cell {
        check(
            t("minimum common impact d", "impacto mínimo común d").to_owned(),
            sheet,
            cell,
            outcome.minimum_impact,
            false,
        );
    }
    let mut i = 0;
    for &row in &targets.rows {
        // Rows read as headings were skipped; keep indices aligned by name.
        let Some(name) = book.sheets[targets.sheet].text(row, targets.col(Col::Name).unwrap_or(0))
        else {
            continue;
        };
        let Some(indicator) = project.indicators.get(i) else {
            break;
        };
        if indicator.name != name {
            continue;
        }
        let row_outcome = &outcome.indicators[i];
        let targets_of = row_outcome.targets;
        if let Some(col) = targets.col(Col::D) {
            check(
                format!("d, row {}", i + 1),
                targets.sheet,
                (row, col),
                outcome.minimum_impact,
                false,
            );
        }
        if let Some(col) = targets.col(Col::Target) {
            check(
                tf!("model target, row {}", "meta del modelo, fila {}", i + 1),
                targets.sheet,
                (row, col),
                targets_of.map(|t| t.model_target),
                false,
            );
        }
        if let Some(col) = targets.col(Col::UnitValue) {
            check(
                tf!("unit value, row {}", "valor unitario, fila {}", i + 1),
                targets.sheet,
                (row, col),
                row_outcome.value.map(|v| v.unit_value),
                true,
            );
        }
        if let Some(col) = targets.col(Col::PresentValue) {
            check(
                tf!("present value, row {}", "valor presente, fila {}", i + 1),
                targets.sheet,
                (row, col),
                row_outcome.value.map(|v| v.present_value),
                true,
            );
        }
        i += 1;
    }
    report.compared = compared;
    report.differences = Some(differences);
}
