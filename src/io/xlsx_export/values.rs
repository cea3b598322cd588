//! The Values sheet of the export: GNI per capita, the value of a DALY, discounting, and one
//! row per condition with its unit value and present value as formulas.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

// The sheet shares the export's layout, formats and helpers.
use super::*;

/// A long text in columns B to G of the Values sheet, wrapped, with the row tall enough for it
/// (spreadsheets do not grow rows for wrapped text written by a program).
fn wrapped(sheet: &mut Worksheet, row: u32, value: &str, format: &Format) -> Result<(), XlsxError> {
    let lines = value.chars().count().div_ceil(95).max(1);
    sheet.merge_range(row, 1, row, 6, value, format)?;
    sheet.set_row_height(row, 15.0 * lines as f64)?;
    Ok(())
}

pub(super) fn write_values(
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
        text(sheet, row, 0, title(ProgramInput::Notes, lang), &f.label)?;
        wrapped(sheet, row, &m.notes, &f.wrap)?;
        row += 2;
    }
    if !m.sources.is_empty() {
        text(sheet, row, 0, title(ProgramInput::Sources, lang), &f.label)?;
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
