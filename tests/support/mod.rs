//! Workbooks laid out like the IDB target-setting tool, written by the tests themselves in
//! several variants (English or Spanish, shifted, with or without cached results, percent
//! text, values only).

#![allow(dead_code)]

use std::path::Path;

use rbf_targets::io::el_salvador_sample;
use rbf_targets::io::import::formula::column_name;
use rbf_targets::model::{Direction, Project, compute};
use rust_xlsxwriter::{Formula, Workbook, Worksheet};

/// How the test workbook differs from the plain English one.
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    pub spanish: bool,
    /// Rows and columns of offset (title and blank rows above, blank columns to the left).
    pub row0: u32,
    pub col0: u16,
    /// Write the results of formulas, as Excel does; off, as many libraries do.
    pub cached: bool,
    /// Baselines as text such as "42%" and "0,42" instead of numbers.
    pub percent_text: bool,
    /// Computed cells written as plain numbers (a "paste values" copy): no formulas at all.
    pub values_only: bool,
    /// Add a Census data sheet.
    pub census: bool,
    /// Sheet names that say nothing ("Hoja1", "Hoja2"): tables must be found by header.
    pub anonymous_sheets: bool,
}

/// The El Salvador sample as the IDB tool would hold it: model targets, no negotiation.
pub fn tool_project() -> Project {
    let mut project = el_salvador_sample().expect("sample");
    for indicator in &mut project.indicators {
        indicator.negotiated_target = None;
        indicator.annual_change = Some(indicator.effective_annual_change(&project.program));
    }
    project
}

fn cell(row: u32, col: u16) -> String {
    format!("{}{}", column_name(u32::from(col)), row + 1)
}

fn abs(row: u32, col: u16) -> String {
    format!("${}${}", column_name(u32::from(col)), row + 1)
}

fn put_formula(
    sheet: &mut Worksheet,
    layout: Layout,
    row: u32,
    col: u16,
    formula: &str,
    value: f64,
) {
    if layout.values_only {
        sheet.write_number(row, col, value).expect("write");
        return;
    }
    let mut f = Formula::new(format!("={formula}"));
    if layout.cached {
        f = f.set_result(value.to_string());
    }
    sheet.write_formula(row, col, f).expect("write");
}

/// Writes the test workbook and returns the project it holds.
pub fn write_idb_workbook(path: &Path, layout: Layout) -> Project {
    let project = tool_project();
    let outcome = compute(&project);
    let program = &project.program;
    let mut workbook = Workbook::new();
    let (r0, c0) = (layout.row0, layout.col0);
    let sp = layout.spanish;

    // Values sheet.
    let values_name = match (layout.anonymous_sheets, sp) {
        (true, _) => "Hoja2",
        (false, true) => "Valores",
        (false, false) => "Values",
    };
    let values_first = r0 + 5;
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(values_name).expect("name");
        sheet
            .write_string(
                r0,
                c0,
                if sp {
                    "Valor de una mejora"
                } else {
                    "Value of one improvement"
                },
            )
            .expect("write");
        sheet
            .write_string(
                r0 + 2,
                c0,
                if sp {
                    "INB per cápita"
                } else {
                    "GNI per capita"
                },
            )
            .expect("write");
        sheet
            .write_number(r0 + 2, c0 + 1, program.gni_per_capita)
            .expect("write");
        let gni = abs(r0 + 2, c0 + 1);
        let headers: [&str; 6] = if sp {
            [
                "Condición",
                "Grupo de edad y sexo",
                "AVAD",
                "Población",
                "AVAD per cápita",
                "Valor unitario (vi)",
            ]
        } else {
            [
                "Condition",
                "Age-sex group",
                "DALYs",
                "Population",
                "DALYs per capita",
                "Unit Value (vi)",
            ]
        };
        for (k, header) in headers.iter().enumerate() {
            sheet
                .write_string(r0 + 4, c0 + k as u16, *header)
                .expect("write");
        }
        for (j, (condition, values)) in project
            .conditions
            .iter()
            .zip(&outcome.conditions)
            .enumerate()
        {
            let r = values_first + j as u32;
            let v = values.expect("values");
            sheet.write_string(r, c0, &condition.name).expect("write");
            sheet
                .write_string(r, c0 + 1, &condition.group)
                .expect("write");
            sheet
                .write_number(r, c0 + 2, condition.dalys)
                .expect("write");
            sheet
                .write_number(r, c0 + 3, condition.population)
                .expect("write");
            put_formula(
                sheet,
                layout,
                r,
                c0 + 4,
                &format!("{}/{}", cell(r, c0 + 2), cell(r, c0 + 3)),
                v.dalys_per_capita,
            );
            put_formula(
                sheet,
                layout,
                r,
                c0 + 5,
                &format!("{}*{gni}", cell(r, c0 + 4)),
                v.unit_value,
            );
        }
    }

    // Targets sheet, columns as in the tool: A indicator, B unit value, C value, D N, E years,
    // F cost, G d, H baseline, I annual change, J target.
    {
        let sheet = workbook.add_worksheet();
        let name = match (layout.anonymous_sheets, sp) {
            (true, _) => "Hoja1",
            (false, true) => "Metas",
            (false, false) => "Targets",
        };
        sheet.set_name(name).expect("name");
        sheet
            .write_string(
                r0,
                c0,
                if sp {
                    "Metas del programa"
                } else {
                    "Program targets"
                },
            )
            .expect("write");
        let headers: [&str; 10] = if sp {
            [
                "Indicador",
                "Valor unitario (vi)",
                "Valor (20 años, tasa de descuento 12%)",
                "Población (N)",
                "Años",
                "Costo",
                "d",
                "Línea de base",
                "Cambio anual",
                "Meta",
            ]
        } else {
            [
                "Indicator",
                "Unit Value (vi)",
                "Value (20 yrs, 12% discount rate)",
                "Population (N)",
                "Years",
                "Cost",
                "d",
                "Baseline",
                "Annual change",
                "Target",
            ]
        };
        let header_row = r0 + 2;
        for (k, header) in headers.iter().enumerate() {
            sheet
                .write_string(header_row, c0 + k as u16, *header)
                .expect("write");
        }
        let first = header_row + 1;
        let last = first + project.indicators.len() as u32 - 1;
        let col = |k: u16| c0 + k;
        let range = |k: u16| format!("{}:{}", abs(first, col(k)), abs(last, col(k)));
        let d = outcome.minimum_impact.expect("d");
        for (i, (indicator, row)) in project
            .indicators
            .iter()
            .zip(&outcome.indicators)
            .enumerate()
        {
            let r = first + i as u32;
            let j = project
                .conditions
                .iter()
                .position(|c| c.name == indicator.condition)
                .expect("linked") as u32;
            let value = row.value.expect("value");
            let targets = row.targets.expect("targets");
            sheet
                .write_string(r, col(0), &indicator.name)
                .expect("write");
            let values_ref = format!("'{values_name}'!{}", abs(values_first + j, c0 + 5));
            put_formula(sheet, layout, r, col(1), &values_ref, value.unit_value);
            put_formula(
                sheet,
                layout,
                r,
                col(2),
                &format!("PV(0.12,20,-{})", cell(r, col(1))),
                value.present_value,
            );
            sheet
                .write_number(r, col(3), indicator.population)
                .expect("write");
            sheet
                .write_number(r, col(4), program.program_years)
                .expect("write");
            sheet
                .write_number(r, col(5), program.total_cost)
                .expect("write");
            put_formula(
                sheet,
                layout,
                r,
                col(6),
                &format!(
                    "{}/SUMPRODUCT({},{})",
                    abs(first, col(5)),
                    range(2),
                    range(3)
                ),
                d,
            );
            if layout.percent_text {
                let text = if i % 2 == 0 {
                    format!("{:.2}%", indicator.baseline * 100.0)
                } else {
                    format!("{}", indicator.baseline).replace('.', ",")
                };
                sheet.write_string(r, col(7), text).expect("write");
            } else {
                sheet
                    .write_number(r, col(7), indicator.baseline)
                    .expect("write");
            }
            sheet
                .write_number(r, col(8), indicator.annual_change.expect("trend"))
                .expect("write");
            let op = if indicator.direction == Direction::Lower {
                "-"
            } else {
                "+"
            };
            let target = format!(
                "{}{op}{}+{}*{}",
                cell(r, col(7)),
                cell(r, col(6)),
                cell(r, col(8)),
                cell(r, col(4))
            );
            put_formula(sheet, layout, r, col(9), &target, targets.model_target);
        }
    }

    if layout.census {
        let sheet = workbook.add_worksheet();
        sheet
            .set_name(if sp { "Datos censales" } else { "Census data" })
            .expect("name");
        let rows: [(&str, f64, f64); 3] = [
            ("0-4", 13_500.0, 13_308.0),
            ("15-49 women", 59_819.0, 0.0),
            ("50-59", 8_200.0, 7_900.0),
        ];
        sheet
            .write_string(0, 0, if sp { "Grupo de edad" } else { "Age group" })
            .expect("write");
        sheet
            .write_string(0, 1, if sp { "Mujeres" } else { "Women" })
            .expect("write");
        sheet
            .write_string(0, 2, if sp { "Hombres" } else { "Men" })
            .expect("write");
        for (k, (group, women, men)) in rows.iter().enumerate() {
            let r = k as u32 + 1;
            sheet.write_string(r, 0, *group).expect("write");
            sheet.write_number(r, 1, *women).expect("write");
            sheet.write_number(r, 2, *men).expect("write");
        }
    }
    workbook.save(path).expect("save");
    project
}
