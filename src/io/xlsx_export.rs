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
use super::xlsx_analyses::{
    AnalysisFormats, header_row, words, write_audit, write_rounds, write_sensitivity,
    write_verification,
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
            plain: Format::new(),
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

/// Writes a formula with its cached result when asked.
fn formula(
    sheet: &mut Worksheet,
    options: ExportOptions,
    row: u32,
    col: u16,
    text: &str,
    result: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    let mut f = Formula::new(format!("={text}"));
    if options.cached_results {
        f = f.set_result(
            result
                .filter(|v| v.is_finite())
                .map(|v| v.to_string())
                .unwrap_or_default(),
        );
    }
    sheet.write_formula_with_format(row, col, f, format)?;
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

/// The title of the present-value column, with the horizon and rate it is computed at.
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

/// Builds the workbook in memory.
pub fn workbook_bytes(project: &Project, options: ExportOptions) -> Result<Vec<u8>, ExportError> {
    let outcome = compute(project);
    let errors: Vec<crate::model::Problem> = outcome.errors().cloned().collect();
    if !errors.is_empty() {
        return Err(ExportError::Problems(errors));
    }
    let lang = options.lang;
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let targets = workbook.add_worksheet();
    targets.set_name(words::TARGETS_SHEET.get(lang))?;
    write_targets(targets, project, &outcome, options, &formats)?;
    let values = workbook.add_worksheet();
    values.set_name(words::VALUES_SHEET.get(lang))?;
    write_values(values, project, &outcome, options, &formats)?;
    let analysis = AnalysisFormats {
        lang,
        title: &formats.title,
        label: &formats.label,
        header: &formats.header,
        percent: &formats.percent,
        money: &formats.money,
        plain: &formats.plain,
    };
    let sheet = workbook.add_worksheet();
    sheet.set_name(words::SENSITIVITY_SHEET.get(lang))?;
    write_sensitivity(sheet, project, &outcome, &analysis)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(words::VERIFICATION_SHEET.get(lang))?;
    write_verification(sheet, project, &outcome, &analysis)?;
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
    Ok(workbook.save_to_buffer()?)
}

/// Writes the workbook to `path` atomically.
pub fn export_xlsx(
    project: &Project,
    path: &Path,
    options: ExportOptions,
) -> Result<(), ExportError> {
    let bytes = workbook_bytes(project, options)?;
    super::project_file::write_atomically(path, &bytes).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })
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

fn write_targets(
    sheet: &mut Worksheet,
    project: &Project,
    outcome: &Outcome,
    options: ExportOptions,
    f: &Formats,
) -> Result<(), XlsxError> {
    let (lang, program) = (options.lang, &project.program);
    let m = &project.metadata;
    text(
        sheet,
        T_PROGRAM,
        0,
        title(ProgramInput::ProgramName, lang),
        &f.label,
    )?;
    text(sheet, T_PROGRAM, 1, &m.program_name, &f.title)?;
    text(
        sheet,
        T_COUNTRY,
        0,
        title(ProgramInput::Country, lang),
        &f.label,
    )?;
    text(sheet, T_COUNTRY, 1, &m.country, &f.plain)?;
    text(
        sheet,
        T_CURRENCY,
        0,
        title(ProgramInput::Currency, lang),
        &f.label,
    )?;
    text(
        sheet,
        T_CURRENCY,
        1,
        if m.currency.is_empty() {
            "US$"
        } else {
            &m.currency
        },
        &f.plain,
    )?;
    text(sheet, T_DATE, 0, lang.t("Date", "Fecha"), &f.label)?;
    text(sheet, T_DATE, 1, &today(), &f.plain)?;

    let inputs: [(u32, ProgramInput, f64, &Format); 6] = [
        (
            T_COST,
            ProgramInput::TotalCost,
            program.total_cost,
            &f.money,
        ),
        (
            T_YEARS,
            ProgramInput::ProgramYears,
            program.program_years,
            &f.plain,
        ),
        (
            T_CEILING,
            ProgramInput::Ceiling,
            program.ceiling,
            &f.percent_input,
        ),
        (
            T_FLOOR,
            ProgramInput::Floor,
            program.floor,
            &f.percent_input,
        ),
        (
            T_RATIO,
            ProgramInput::RequiredRatio,
            program.required_ratio,
            &f.plain,
        ),
        (
            T_A0,
            ProgramInput::DefaultAnnualChange,
            program.default_annual_change,
            &f.percent_input,
        ),
    ];
    for (row, input, value, format) in inputs {
        text(sheet, row, 0, title(input, lang), &f.label)?;
        sheet.write_number_with_format(row, 1, value, format)?;
    }

    let n = project.indicators.len() as u32;
    let last = T_FIRST + n.max(1) - 1;
    let col_range = |col: u16| {
        format!(
            "{}{}:{}{}",
            column_name(u32::from(col)),
            T_FIRST + 1,
            column_name(u32::from(col)),
            last + 1
        )
    };
    text(
        sheet,
        T_D,
        0,
        title(TargetsColumn::MinimumImpact, lang),
        &f.label,
    )?;
    formula(
        sheet,
        options,
        T_D,
        1,
        &format!(
            "{}*{}/SUMPRODUCT({},{},{})",
            b(T_RATIO),
            b(T_COST),
            col_range(8),
            col_range(5),
            col_range(4)
        ),
        outcome.minimum_impact,
        &f.impact,
    )?;
    text(
        sheet,
        T_BENEFIT,
        0,
        lang.t("Total benefit", "Beneficio total"),
        &f.label,
    )?;
    formula(
        sheet,
        options,
        T_BENEFIT,
        1,
        &format!("SUM({})", col_range(16)),
        outcome.total_benefit,
        &f.money,
    )?;
    text(
        sheet,
        T_BCR,
        0,
        lang.t("Benefit-cost ratio", "Relación beneficio-costo"),
        &f.label,
    )?;
    formula(
        sheet,
        options,
        T_BCR,
        1,
        &format!("{}/{}", b(T_BENEFIT), b(T_COST)),
        outcome.benefit_cost_ratio,
        &ratio_format(outcome.benefit_cost_ratio, program.required_ratio),
    )?;
    text(
        sheet,
        T_SURPLUS,
        0,
        lang.t("Surplus (+) / shortfall (-)", "Excedente (+) / déficit (-)"),
        &f.label,
    )?;
    formula(
        sheet,
        options,
        T_SURPLUS,
        1,
        &format!("{}-{}*{}", b(T_BENEFIT), b(T_RATIO), b(T_COST)),
        outcome.surplus,
        &f.money,
    )?;

    let value_header = value_header(program, lang);
    let headers: Vec<&str> = TARGETS_EXPORTED
        .iter()
        .map(|&c| match c {
            TargetsColumn::PresentValue => value_header.as_str(),
            other => title(other, lang),
        })
        .collect();
    header_row(sheet, T_HEADER, &headers, &f.header, SHEET_HEADER_HEIGHT)?;

    for (i, (indicator, row_outcome)) in project
        .indicators
        .iter()
        .zip(&outcome.indicators)
        .enumerate()
    {
        let r = T_FIRST + i as u32;
        let x = r + 1; // Excel row number
        let j = project
            .conditions
            .iter()
            .position(|c| c.name.trim() == indicator.condition.trim())
            .unwrap_or(0) as u32;
        let vr = V_FIRST + j + 1;
        let lower = indicator.direction == Direction::Lower;
        let value = row_outcome.value;
        let targets = row_outcome.targets;
        text(sheet, r, 0, &indicator.name, &f.name)?;
        let lines = indicator.name.chars().count().div_ceil(44).max(1);
        if lines > 1 {
            sheet.set_row_height(r, 15.0 * lines as f64)?;
        }
        text(sheet, r, 1, &indicator.condition, &f.plain)?;
        let better = match indicator.direction {
            Direction::Higher => lang.t("higher", "mayor"),
            Direction::Lower => lang.t("lower", "menor"),
        };
        text(sheet, r, 2, better, &f.plain)?;
        formula(
            sheet,
            options,
            r,
            3,
            &format!("'{}'!$F${vr}", words::VALUES_SHEET.get(lang)),
            value.map(|v| v.unit_value),
            &f.number,
        )?;
        formula(
            sheet,
            options,
            r,
            4,
            &format!("'{}'!$G${vr}", words::VALUES_SHEET.get(lang)),
            value.map(|v| v.present_value),
            &f.number,
        )?;
        sheet.write_number_with_format(r, 5, indicator.population, &f.money)?;
        sheet.write_number_with_format(r, 6, indicator.baseline, &f.percent_input)?;
        match indicator.annual_change {
            Some(change) => {
                sheet.write_number_with_format(r, 7, change, &f.percent_input)?;
            }
            None => {
                let sign = if lower { "-" } else { "" };
                formula(
                    sheet,
                    options,
                    r,
                    7,
                    &format!("{sign}{}", b(T_A0)),
                    Some(indicator.effective_annual_change(program)),
                    &f.percent,
                )?;
            }
        }
        sheet.write_number(r, 8, indicator.weight)?;
        formula(
            sheet,
            options,
            r,
            9,
            &format!("MIN(1,MAX(0,G{x}+{}*H{x}))", b(T_YEARS)),
            row_outcome.counterfactual,
            &f.percent,
        )?;
        let op = if lower { "-" } else { "+" };
        formula(
            sheet,
            options,
            r,
            10,
            &format!("J{x}{op}I{x}*{}", b(T_D)),
            targets.map(|t| t.model_target),
            &f.percent,
        )?;
        let bound = if lower {
            format!("MAX(K{x},{})", b(T_FLOOR))
        } else {
            format!("MIN(K{x},{})", b(T_CEILING))
        };
        formula(
            sheet,
            options,
            r,
            11,
            &bound,
            targets.map(|t| t.bounded_target),
            &f.percent,
        )?;
        if let Some(target) = indicator.negotiated_target {
            sheet.write_number_with_format(r, 12, target, &f.target_input)?;
        } else {
            sheet.write_blank(r, 12, &f.target_input)?;
        }
        text(
            sheet,
            r,
            13,
            if indicator.locked {
                lang.t("yes", "sí")
            } else {
                ""
            },
            &f.plain,
        )?;
        formula(
            sheet,
            options,
            r,
            14,
            &format!("IF(ISNUMBER(M{x}),M{x},L{x})"),
            targets.map(|t| t.final_target),
            &f.target,
        )?;
        let impact = if lower {
            format!("J{x}-O{x}")
        } else {
            format!("O{x}-J{x}")
        };
        formula(
            sheet,
            options,
            r,
            15,
            &impact,
            targets.map(|t| t.impact),
            &f.percent,
        )?;
        formula(
            sheet,
            options,
            r,
            16,
            &format!("P{x}*F{x}*E{x}"),
            targets.map(|t| t.benefit),
            &f.money,
        )?;
        formula(
            sheet,
            options,
            r,
            17,
            &format!("IF({}>0,Q{x}/{},0)", b(T_BENEFIT), b(T_BENEFIT)),
            Some(targets.and_then(|t| t.share_of_benefit).unwrap_or(0.0)),
            &f.percent,
        )?;
    }

    // The choices the model makes where the note is silent, and the sign-off block.
    let mut row = last + 2;
    let notes = [
        lang.t(
            "Method: IDB-TN-983 (2016). d = R x C / SUMPRODUCT(weight, N, V); model target = counterfactual +/- weight x d; benefit = impact x N x V.",
            "Método: IDB-TN-983 (2016). d = R x C / SUMAPRODUCTO(peso, N, V); meta del modelo = contrafactual +/- peso x d; beneficio = impacto x N x V.",
        ),
        lang.t(
            "Counterfactual = baseline + program length x annual change, held within 0%-100%.",
            "Contrafactual = línea de base + duración del programa x cambio anual, dentro de 0%-100%.",
        ),
        lang.t(
            "Model targets are held at the ceiling (higher is better) or the floor (lower is better); the final target is the negotiated one where set.",
            "Las metas del modelo se detienen en el techo (mayor es mejor) o en el piso (menor es mejor); la meta final es la negociada donde existe.",
        ),
        lang.t(
            "An annual change given as a formula of the default annual change uses the program default (negative for lower-is-better indicators).",
            "Un cambio anual dado como fórmula del cambio anual por defecto usa el valor del programa (negativo para indicadores en que menor es mejor).",
        ),
    ];
    for note in notes {
        text(sheet, row, 0, note, &f.note)?;
        row += 1;
    }
    row += 1;
    text(
        sheet,
        row,
        0,
        lang.t("Agreed targets: signatures", "Metas acordadas: firmas"),
        &f.title,
    )?;
    row += 1;
    text(
        sheet,
        row,
        0,
        lang.t("For the government", "Por el gobierno"),
        &f.label,
    )?;
    text(
        sheet,
        row,
        4,
        lang.t(
            "For the donor / initiative",
            "Por el donante / la iniciativa",
        ),
        &f.label,
    )?;
    for label in [
        lang.t("Name", "Nombre"),
        lang.t("Position", "Cargo"),
        lang.t("Signature", "Firma"),
        "Date",
    ] {
        row += 2;
        text(sheet, row, 0, label, &f.plain)?;
        for c in 1..3 {
            sheet.write_blank(row, c, &f.line)?;
        }
        text(sheet, row, 4, label, &f.plain)?;
        for c in 5..8 {
            sheet.write_blank(row, c, &f.line)?;
        }
    }

    let widths = [
        46.0, 24.0, 8.0, 11.0, 14.0, 12.0, 10.0, 10.0, 8.0, 13.0, 11.0, 11.0, 12.0, 8.0, 11.0, 9.0,
        13.0, 10.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    page_setup(sheet, project, T_HEADER, lang)?;
    Ok(())
}

/// A long text in columns B to G of the Values sheet, wrapped, with the row tall enough for it
/// (spreadsheets do not grow rows for wrapped text written by a program).
fn wrapped(sheet: &mut Worksheet, row: u32, value: &str, format: &Format) -> Result<(), XlsxError> {
    let lines = value.chars().count().div_ceil(95).max(1);
    sheet.merge_range(row, 1, row, 6, value, format)?;
    sheet.set_row_height(row, 15.0 * lines as f64)?;
    Ok(())
}

fn write_values(
    sheet: &mut Worksheet,
    project: &Project,
    outcome: &Outcome,
    options: ExportOptions,
    f: &Formats,
) -> Result<(), XlsxError> {
    let (lang, program) = (options.lang, &project.program);
    text(
        sheet,
        0,
        0,
        lang.t(
            "Value of one unit of improvement per person (DALYs valued at GNI per capita)",
            "Valor de una unidad de mejora por persona (AVAD valorados al INB per cápita)",
        ),
        &f.title,
    )?;
    text(
        sheet,
        V_GNI,
        0,
        title(ProgramInput::GniPerCapita, lang),
        &f.label,
    )?;
    sheet.write_number_with_format(V_GNI, 1, program.gni_per_capita, &f.money)?;
    text(
        sheet,
        V_K,
        0,
        title(ProgramInput::DalyMultiple, lang),
        &f.label,
    )?;
    sheet.write_number(V_K, 1, program.daly_multiple)?;
    text(
        sheet,
        V_RATE,
        0,
        title(ProgramInput::DiscountRate, lang),
        &f.label,
    )?;
    sheet.write_number_with_format(V_RATE, 1, program.discount_rate, &f.percent_input)?;
    text(
        sheet,
        V_HORIZON,
        0,
        title(ProgramInput::HorizonYears, lang),
        &f.label,
    )?;
    sheet.write_number(V_HORIZON, 1, f64::from(program.horizon_years))?;
    text(
        sheet,
        V_TIMING,
        0,
        title(ProgramInput::Timing, lang),
        &f.label,
    )?;
    let (timing, kind) = match program.timing {
        Timing::EndOfYear => (lang.t("end of each year", "al final de cada año"), 0),
        Timing::StartOfYear => (lang.t("start of each year", "al inicio de cada año"), 1),
    };
    text(sheet, V_TIMING, 1, timing, &f.plain)?;
    text(
        sheet,
        V_FACTOR,
        0,
        lang.t("Present value factor A", "Factor de valor presente A"),
        &f.label,
    )?;
    formula(
        sheet,
        options,
        V_FACTOR,
        1,
        &format!("PV({},{},-1,0,{kind})", b(V_RATE), b(V_HORIZON)),
        outcome.present_value_factor,
        &f.impact,
    )?;

    let value_header = value_header(program, lang);
    let headers: Vec<&str> = VALUES_EXPORTED
        .iter()
        .map(|&c| match c {
            ValuesColumn::PresentValue => value_header.as_str(),
            other => title(other, lang),
        })
        .collect();
    header_row(sheet, V_HEADER, &headers, &f.header, SHEET_HEADER_HEIGHT)?;
    for (j, (condition, values)) in project
        .conditions
        .iter()
        .zip(&outcome.conditions)
        .enumerate()
    {
        let r = V_FIRST + j as u32;
        let x = r + 1;
        text(sheet, r, 0, &condition.name, &f.plain)?;
        text(sheet, r, 1, &condition.group, &f.plain)?;
        sheet.write_number_with_format(r, 2, condition.dalys, &f.money)?;
        sheet.write_number_with_format(r, 3, condition.population, &f.money)?;
        formula(
            sheet,
            options,
            r,
            4,
            &format!("C{x}/D{x}"),
            values.map(|v| v.dalys_per_capita),
            &f.impact,
        )?;
        formula(
            sheet,
            options,
            r,
            5,
            &format!("{}*{}*E{x}", b(V_K), b(V_GNI)),
            values.map(|v| v.unit_value),
            &f.number,
        )?;
        formula(
            sheet,
            options,
            r,
            6,
            &format!("F{x}*{}", b(V_FACTOR)),
            values.map(|v| v.present_value),
            &f.number,
        )?;
    }
    let mut row = V_FIRST + project.conditions.len() as u32 + 1;
    let m = &project.metadata;
    if !m.notes.is_empty() {
        text(sheet, row, 0, lang.t("Notes", "Notas"), &f.label)?;
        wrapped(sheet, row, &m.notes, &f.wrap)?;
        row += 2;
    }
    if !m.sources.is_empty() {
        text(sheet, row, 0, lang.t("Sources", "Fuentes"), &f.label)?;
        for (k, source) in m.sources.iter().enumerate() {
            wrapped(sheet, row + k as u32, source, &f.wrap)?;
        }
    }
    for (c, w) in [40.0, 30.0, 12.0, 14.0, 14.0, 14.0, 16.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    page_setup(sheet, project, V_HEADER, lang)?;
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
