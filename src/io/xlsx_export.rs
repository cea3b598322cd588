//! Export of the final target sheets as .xlsx with live formulas that reproduce the model, so
//! that Excel or LibreOffice recompute the same numbers; the computed values are cached too.
//! The layout is one the importer reads back (export then import gives every input back).

use std::path::Path;

use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::i18n::Lang;
use crate::tr;

use super::import::formula::column_name;
use targets::write_targets;
use values::write_values;

mod targets;
mod values;
use super::xlsx_analyses::{
    AnalysisFormats, header_row, words, write_audit, write_changes, write_rounds,
    write_sensitivity, write_verification,
};
use crate::model::{Direction, Outcome, Project, TableCell, Timing, compute};
use crate::schema::{Column, ProgramInput, TargetsColumn, ValuesColumn};

/// Why a workbook could not be exported.
#[derive(Debug)]
pub enum ExportError {
    /// The model cannot compute past these errors.
    Problems(Vec<crate::model::Problem>),
    Xlsx(XlsxError),
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl From<XlsxError> for ExportError {
    fn from(error: XlsxError) -> Self {
        ExportError::Xlsx(error)
    }
}

impl ExportError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::Problems(problems) => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| format!("  {}", crate::present::problem::sentence(p, lang)))
                    .collect();
                tr!(
                    lang,
                    "the project has problems the model cannot compute past; fix them before \
                     exporting:\n{}",
                    "el proyecto tiene problemas que impiden el cálculo; corríjalos antes de \
                     exportar:\n{}",
                    lines.join("\n")
                )
            }
            ExportError::Xlsx(error) => tr!(
                lang,
                "cannot build the workbook: {error}",
                "no se puede construir el libro: {error}"
            ),
            ExportError::Write { path, source } => tr!(
                lang,
                "cannot write {path}: {source}; nothing was written",
                "no se puede escribir {path}: {source}; no se escribió nada"
            ),
        }
    }
}

/// How to export.
#[derive(Clone, Copy, Debug)]
pub struct ExportOptions {
    /// The language of the sheets' names, titles and words.
    pub lang: Lang,
    /// Write the computed value of every formula (as Excel does) so that viewers that do not
    /// recompute show the numbers; off, formulas carry no results.
    pub cached_results: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            lang: Lang::En,
            cached_results: true,
        }
    }
}

// Targets sheet layout (0-based rows).
const T_PROGRAM: u32 = 0;
const T_COUNTRY: u32 = 1;
const T_CURRENCY: u32 = 2;
const T_DATE: u32 = 3;
const T_COST: u32 = 5;
const T_YEARS: u32 = 6;
const T_CEILING: u32 = 7;
const T_FLOOR: u32 = 8;
const T_RATIO: u32 = 9;
const T_A0: u32 = 10;
const T_D: u32 = 11;
const T_BENEFIT: u32 = 12;
const T_BCR: u32 = 13;
const T_SURPLUS: u32 = 14;
const T_HEADER: u32 = 16;
const T_FIRST: u32 = 17;

// Values sheet layout.
const V_GNI: u32 = 2;
const V_K: u32 = 3;
const V_RATE: u32 = 4;
const V_HORIZON: u32 = 5;
const V_TIMING: u32 = 6;
const V_FACTOR: u32 = 7;
const V_HEADER: u32 = 9;
const V_FIRST: u32 = 10;

/// "$B$12": the absolute reference of a value cell in column B.
fn b(row: u32) -> String {
    format!("$B${}", row + 1)
}

struct Formats {
    title: Format,
    label: Format,
    header: Format,
    percent: Format,
    percent_input: Format,
    money: Format,
    number: Format,
    plain: Format,
    impact: Format,
    /// Targets as agreed: one decimal, or the two or three they were agreed with.
    target: Format,
    target_input: Format,
    wrap: Format,
    name: Format,
    note: Format,
    line: Format,
}

impl Formats {
    fn new() -> Self {
        let input = Color::RGB(0xFFF8DC);
        Self {
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border(FormatBorder::Thin),
            percent: Format::new().set_num_format("0.0%"),
            percent_input: Format::new()
                .set_num_format("0.0%")
                .set_background_color(input),
            money: Format::new().set_num_format("#,##0"),
            number: Format::new().set_num_format("#,##0.00"),
            // Explicit, so that a plain cell never takes its column's format.
            plain: Format::new().set_num_format("General"),
            impact: Format::new().set_num_format("0.0000"),
            target: Format::new().set_num_format("0.0##%"),
            target_input: Format::new()
                .set_num_format("0.0##%")
                .set_background_color(input),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            name: Format::new().set_text_wrap(),
            note: Format::new().set_italic(),
            line: Format::new().set_border_bottom(FormatBorder::Thin),
        }
    }
}

/// Writes a formula with its cached result when asked, in `format`, or in its column's format
/// (`Worksheet::set_column_format`) when `None`.
fn formula<'a>(
    sheet: &mut Worksheet,
    options: ExportOptions,
    row: u32,
    col: u16,
    text: &str,
    result: Option<f64>,
    format: impl Into<Option<&'a Format>>,
) -> Result<(), XlsxError> {
    let mut f = Formula::new(text);
    if options.cached_results {
        // Written as rust_xlsxwriter writes a number cell (zmij's shortest digits).
        let mut digits = zmij::Buffer::new();
        let result = result
            .filter(|v| v.is_finite())
            .map(|v| digits.format_finite(v));
        f = f.set_result(result.unwrap_or_default());
    }
    match format.into() {
        Some(format) => sheet.write_formula_with_format(row, col, f, format)?,
        None => sheet.write_formula(row, col, f)?,
    };
    Ok(())
}

/// Text is always written as text: a name starting with "=", "+", "-" or "@" never becomes a
/// formula.
fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, col, value, format)?;
    Ok(())
}

/// The Targets and Values sheets' titles wrap to three lines.
const SHEET_HEADER_HEIGHT: f64 = 45.0;

/// The ratio's format: as many decimals as the window shows, so that a ratio just below the
/// requirement is never printed as meeting it ("0.996", not "1.00").
fn ratio_format(ratio: Option<f64>, required: f64) -> Format {
    let shown = ratio.map_or_else(String::new, |r| crate::text::format_ratio(r, required));
    let decimals = shown.split('.').nth(1).map_or(2, str::len).max(2);
    Format::new()
        .set_num_format(format!("0.{}", "0".repeat(decimals)))
        .set_bold()
}

/// The Targets columns the export writes, in order (A, B, …).
const TARGETS_EXPORTED: [TargetsColumn; 18] = [
    TargetsColumn::Indicator,
    TargetsColumn::Condition,
    TargetsColumn::Direction,
    TargetsColumn::UnitValue,
    TargetsColumn::PresentValue,
    TargetsColumn::Population,
    TargetsColumn::Baseline,
    TargetsColumn::AnnualChange,
    TargetsColumn::Weight,
    TargetsColumn::Counterfactual,
    TargetsColumn::ModelTarget,
    TargetsColumn::BoundedTarget,
    TargetsColumn::NegotiatedTarget,
    TargetsColumn::Locked,
    TargetsColumn::FinalTarget,
    TargetsColumn::Impact,
    TargetsColumn::Benefit,
    TargetsColumn::Share,
];

/// The Values columns the export writes, in order.
const VALUES_EXPORTED: [ValuesColumn; 7] = [
    ValuesColumn::Condition,
    ValuesColumn::Group,
    ValuesColumn::Dalys,
    ValuesColumn::Population,
    ValuesColumn::DalysPerCapita,
    ValuesColumn::UnitValue,
    ValuesColumn::PresentValue,
];

/// A column's or input's title in the language of the export.
fn title(column: impl Column, lang: Lang) -> &'static str {
    column.title().get(lang)
}

/// The title of the present-value column, with the horizon and rate it is computed at.
fn value_header(program: &crate::model::Program, lang: Lang) -> String {
    tr!(
        lang,
        "Value ({} yrs, {}% discount rate)",
        "Valor ({} años, tasa de descuento {}%)",
        program.horizon_years,
        crate::text::format_number(program.discount_rate * 100.0)
    )
}

/// Today's date, "YYYY-MM-DD" (UTC).
fn today() -> String {
    let now = crate::document::system_clock();
    crate::model::audit::utc_text(now)
        .chars()
        .take(10)
        .collect()
}

/// The workbook, built in memory ([`export_xlsx`] writes it straight to its file).
pub fn workbook_bytes(project: &Project, options: ExportOptions) -> Result<Vec<u8>, ExportError> {
    // Room for the archive as it is written (about 480 bytes an indicator at 10,000): pages
    // never written cost nothing, and the archive is not copied as it grows.
    let room = 64 * 1024 + 1024 * project.indicators.len().min(1_000_000);
    let mut bytes = Vec::with_capacity(room);
    write_workbook(
        project,
        options,
        std::io::Cursor::new(&mut bytes),
        &mut None,
    )?;
    Ok(bytes)
}

/// Work to run while a workbook is written, on the thread that has finished its sheets while
/// the Targets sheet and the archive still take one core (the command line prints its table
/// there). Taken out of the option when it runs.
type Meanwhile<'a> = Option<Box<dyn FnOnce() + Send + 'a>>;

/// Builds the workbook into `writer`. The three large sheets (Targets, Sensitivity,
/// Verification) are written row by row to temporary files rather than held as cells, on two
/// threads; the archive is compressed at the fastest level (a workbook of 10,000 indicators is
/// about 1.7 times the size it would be at the default level, and written in a fifth of the
/// time). `meanwhile` runs on the second thread once its sheets are written.
fn write_workbook(
    project: &Project,
    options: ExportOptions,
    writer: impl std::io::Write + Send,
    meanwhile: &mut Meanwhile<'_>,
) -> Result<(), ExportError> {
    let outcome = compute(project);
    let errors: Vec<crate::model::Problem> = outcome.errors().cloned().collect();
    if !errors.is_empty() {
        return Err(ExportError::Problems(errors));
    }
    let lang = options.lang;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(1);
    for name in [
        words::TARGETS_SHEET,
        words::SENSITIVITY_SHEET,
        words::VERIFICATION_SHEET,
    ] {
        workbook
            .add_worksheet_with_low_memory()?
            .set_name(name.get(lang))?;
    }
    let analysis = AnalysisFormats {
        lang,
        title: &formats.title,
        label: &formats.label,
        header: &formats.header,
        percent: &formats.percent,
        money: &formats.money,
        plain: &formats.plain,
    };
    let (targets, analyses) = workbook.worksheets_mut().split_at_mut(1);
    let (targets, analyses) = std::thread::scope(|scope| {
        let written = scope.spawn(|| {
            let written = match analyses {
                [sensitivity, verification] => {
                    write_sensitivity(sensitivity, project, &outcome, &analysis).and_then(|()| {
                        write_verification(verification, project, &outcome, &analysis)
                    })
                }
                _ => Ok(()),
            };
            if let Some(work) = meanwhile.take() {
                work();
            }
            written
        });
        let targets = write_targets(&mut targets[0], project, &outcome, options, &formats);
        (targets, written.join())
    });
    targets?;
    analyses.map_err(|_| XlsxError::ParameterError("a sheet's writer stopped".into()))??;
    let values = workbook.add_worksheet();
    values.set_name(words::VALUES_SHEET.get(lang))?;
    write_values(values, project, &outcome, options, &formats)?;
    // The Values sheet comes second, as in the IDB tool.
    let sheets = workbook.worksheets_mut();
    let values = sheets.remove(3);
    sheets.insert(1, values);
    if !project.rounds.is_empty() || project.program.tranche_amount > 0.0 {
        let sheet = workbook.add_worksheet();
        sheet.set_name(words::ROUNDS_SHEET.get(lang))?;
        write_rounds(sheet, project, &outcome, &analysis)?;
    }
    if !project.audit.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(words::AUDIT_SHEET.get(lang))?;
        write_audit(sheet, project, &analysis)?;
    }
    if let Some(mark) = &project.mark {
        let sheet = workbook.add_worksheet();
        sheet.set_name(words::CHANGES_SHEET.get(lang))?;
        write_changes(sheet, project, &outcome, mark, &analysis)?;
    }
    if let Some(census) = &project.census {
        // The census keeps its own name unless it is one of the names written above.
        let taken: Vec<String> = workbook.worksheets().iter().map(|w| w.name()).collect();
        let sheet = workbook.add_worksheet();
        let name = if census.sheet_name.trim().is_empty()
            || taken
                .iter()
                .any(|t| census.sheet_name.eq_ignore_ascii_case(t))
            || [words::CENSUS_SHEET.en, words::CENSUS_SHEET.es].contains(&census.sheet_name.trim())
        {
            // The census sheet of the IDB workbook in either language is named in the
            // language of the export.
            words::CENSUS_SHEET.get(lang)
        } else {
            census.sheet_name.as_str()
        };
        sheet.set_name(name)?;
        for (r, row) in census.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    TableCell::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                    TableCell::Text(t) => {
                        sheet.write_string(r, c, t)?;
                    }
                    TableCell::Empty => {}
                }
            }
        }
    }
    Ok(workbook.save_to_writer(writer)?)
}

/// Writes the workbook to `path` atomically.
pub fn export_xlsx(
    project: &Project,
    path: &Path,
    options: ExportOptions,
) -> Result<(), ExportError> {
    export(project, path, options, &mut None)
}

/// Writes the workbook to `path` atomically, running `meanwhile` while it is written (on the
/// thread that writes the analysis sheets, once they are written: the Targets sheet and the
/// archive leave a core free then). `meanwhile` runs exactly once, before this returns,
/// whether the workbook could be written or not.
pub fn export_xlsx_meanwhile(
    project: &Project,
    path: &Path,
    options: ExportOptions,
    meanwhile: impl FnOnce() + Send,
) -> Result<(), ExportError> {
    let mut meanwhile: Meanwhile<'_> = Some(Box::new(meanwhile));
    let exported = export(project, path, options, &mut meanwhile);
    if let Some(work) = meanwhile.take() {
        work();
    }
    exported
}

fn export(
    project: &Project,
    path: &Path,
    options: ExportOptions,
    meanwhile: &mut Meanwhile<'_>,
) -> Result<(), ExportError> {
    let io_error = |source| ExportError::Write {
        path: path.display().to_string(),
        source,
    };
    // Written straight to the file: a workbook is never held whole in memory.
    super::project_file::write_atomically_with(
        path,
        |file| {
            write_workbook(project, options, file, meanwhile).map_err(|error| match error {
                ExportError::Xlsx(XlsxError::IoError(source)) => io_error(source),
                other => other,
            })
        },
        io_error,
    )
}

fn page_setup(
    sheet: &mut Worksheet,
    project: &Project,
    header_row: u32,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, 1)?;
    let title = project.metadata.program_name.replace('&', "&&");
    sheet.set_header(format!("&L{title}&R&D"));
    sheet.set_footer(lang.t("&CPage &P of &N", "&CPágina &P de &N"));
    Ok(())
}

/// English, for `?` into a boxed error and for logs; what a person reads is made with
/// `message(lang)` in their language.
impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ExportError {}
