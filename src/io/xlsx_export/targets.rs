//! The Targets sheet of the export: the program inputs, d, the totals and the ratio as
//! formulas, one row per indicator with its targets as formulas, and the signature block.

use rust_xlsxwriter::{Worksheet, XlsxError};

// The sheet shares the export's layout, formats and helpers.
use super::*;

pub(super) fn write_targets(
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

    // What every row's formulas share, made once.
    let links = crate::model::Links::of(project);
    let values_sheet = words::VALUES_SHEET.get(lang);
    let (years, d, floor, ceiling) = (b(T_YEARS), b(T_D), b(T_FLOOR), b(T_CEILING));
    let (a0, benefit) = (b(T_A0), b(T_BENEFIT));
    let (higher, lower_word) = (lang.t("higher", "mayor"), lang.t("lower", "menor"));
    let yes = lang.t("yes", "sí");
    // The indicator rows' cells take their column's format where it has no fill: one format
    // lookup per column instead of one per cell (rust_xlsxwriter hashes a cell's whole Format
    // to find its style), with the same style on every cell.
    for (col, format) in [
        (0, &f.name),
        (3, &f.number),
        (4, &f.number),
        (5, &f.money),
        (9, &f.percent),
        (10, &f.percent),
        (11, &f.percent),
        (14, &f.target),
        (15, &f.percent),
        (16, &f.money),
        (17, &f.percent),
    ] {
        sheet.set_column_format(col, format)?;
    }
    // Each formula's text is written into one buffer, not a new string for each of them.
    let mut formula_text = FormulaText::default();
    for (i, (indicator, row_outcome)) in project
        .indicators
        .iter()
        .zip(&outcome.indicators)
        .enumerate()
    {
        let r = T_FIRST + i as u32;
        let x = r + 1; // Excel row number
        let j = links.condition_of(i).unwrap_or(0) as u32;
        let vr = V_FIRST + j + 1;
        let lower = indicator.direction == Direction::Lower;
        let value = row_outcome.value;
        let targets = row_outcome.targets;
        sheet.write_string(r, 0, &indicator.name)?;
        let lines = indicator.name.chars().count().div_ceil(44).max(1);
        if lines > 1 {
            sheet.set_row_height(r, 15.0 * lines as f64)?;
        }
        sheet.write_string(r, 1, &indicator.condition)?;
        let better = if lower { lower_word } else { higher };
        sheet.write_string(r, 2, better)?;
        formula(
            sheet,
            options,
            r,
            3,
            formula_text.of(format_args!("'{values_sheet}'!$F${vr}")),
            value.map(|v| v.unit_value),
            None,
        )?;
        formula(
            sheet,
            options,
            r,
            4,
            formula_text.of(format_args!("'{values_sheet}'!$G${vr}")),
            value.map(|v| v.present_value),
            None,
        )?;
        sheet.write_number(r, 5, indicator.population)?;
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
                    formula_text.of(format_args!("{sign}{a0}")),
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
            formula_text.of(format_args!("MIN(1,MAX(0,G{x}+{years}*H{x}))")),
            row_outcome.counterfactual,
            None,
        )?;
        let op = if lower { "-" } else { "+" };
        formula(
            sheet,
            options,
            r,
            10,
            formula_text.of(format_args!("J{x}{op}I{x}*{d}")),
            targets.map(|t| t.model_target),
            None,
        )?;
        let bound = if lower {
            format_args!("MAX(K{x},{floor})")
        } else {
            format_args!("MIN(K{x},{ceiling})")
        };
        formula(
            sheet,
            options,
            r,
            11,
            formula_text.of(bound),
            targets.map(|t| t.bounded_target),
            None,
        )?;
        if let Some(target) = indicator.negotiated_target {
            sheet.write_number_with_format(r, 12, target, &f.target_input)?;
        } else {
            sheet.write_blank(r, 12, &f.target_input)?;
        }
        if indicator.locked {
            sheet.write_string(r, 13, yes)?;
        }
        formula(
            sheet,
            options,
            r,
            14,
            formula_text.of(format_args!("IF(ISNUMBER(M{x}),M{x},L{x})")),
            targets.map(|t| t.final_target),
            None,
        )?;
        let impact = if lower {
            format_args!("J{x}-O{x}")
        } else {
            format_args!("O{x}-J{x}")
        };
        formula(
            sheet,
            options,
            r,
            15,
            formula_text.of(impact),
            targets.map(|t| t.impact),
            None,
        )?;
        formula(
            sheet,
            options,
            r,
            16,
            formula_text.of(format_args!("P{x}*F{x}*E{x}")),
            targets.map(|t| t.benefit),
            None,
        )?;
        formula(
            sheet,
            options,
            r,
            17,
            formula_text.of(format_args!("IF({benefit}>0,Q{x}/{benefit},0)")),
            Some(targets.and_then(|t| t.share_of_benefit).unwrap_or(0.0)),
            None,
        )?;
    }

    // The choices the model makes where the note is silent, and the sign-off block.
    let mut row = last + 2;
    let notes = [
        lang.t(
            "Method: IDB-TN-983 (2016). d = R x C / SUMPRODUCT(weight, N, V); model target = \
                counterfactual +/- weight x d; benefit = impact x N x V.",
            "Método: IDB-TN-983 (2016). d = R x C / SUMAPRODUCTO(peso, N, V); meta del modelo = \
                contrafactual +/- peso x d; beneficio = impacto x N x V.",
        ),
        lang.t(
            "Counterfactual = baseline + program length x annual change, held within 0%-100%.",
            "Contrafactual = línea de base + duración del programa x cambio anual, dentro de \
                0%-100%.",
        ),
        lang.t(
            "Model targets are held at the ceiling (higher is better) or the floor (lower is \
                better); the final target is the negotiated one where set.",
            "Las metas del modelo se detienen en el techo (mayor es mejor) o en el piso (menor es \
                mejor); la meta final es la negociada donde existe.",
        ),
        lang.t(
            "An annual change given as a formula of the default annual change uses the program \
                default (negative for lower-is-better indicators).",
            "Un cambio anual dado como fórmula del cambio anual por defecto usa el valor del \
                programa (negativo para indicadores en que menor es mejor).",
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
        lang.t("Date", "Fecha"),
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

/// A formula's text, written into a buffer kept for the whole sheet (10 formulas a row; 100,000
/// allocations at 10,000 rows otherwise).
#[derive(Default)]
struct FormulaText(String);

impl FormulaText {
    fn of(&mut self, text: std::fmt::Arguments<'_>) -> &str {
        use std::fmt::Write;
        self.0.clear();
        // Writing into a String cannot fail.
        let _ = self.0.write_fmt(text);
        &self.0
    }
}
