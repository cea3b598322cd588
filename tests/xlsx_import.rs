//! Importing workbooks laid out like the IDB tool, written here in several layouts.

mod support;

use rbf_targets::i18n::Lang;
use rbf_targets::io::import::{ImportError, LineKind};
use rbf_targets::io::import_xlsx;
use rbf_targets::model::{Direction, Project, Timing, compute};
use support::{Layout, write_idb_workbook};

fn import(layout: Layout) -> (Project, rbf_targets::io::Import) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("tool.xlsx");
    let written = write_idb_workbook(&path, layout);
    let imported =
        import_xlsx(&path).unwrap_or_else(|e| panic!("{layout:?}: {}", e.message(Lang::En)));
    (written, imported)
}

/// Every input the IDB tool holds comes back.
fn assert_same_inputs(written: &Project, imported: &Project, layout: Layout) {
    let (w, i) = (&written.program, &imported.program);
    assert_eq!(i.total_cost, w.total_cost, "{layout:?}");
    assert_eq!(i.program_years, w.program_years, "{layout:?}");
    assert_eq!(i.gni_per_capita, w.gni_per_capita, "{layout:?}");
    assert_eq!(i.discount_rate, 0.12, "{layout:?}");
    assert_eq!(i.horizon_years, 20, "{layout:?}");
    assert_eq!(i.timing, Timing::EndOfYear);
    assert_eq!(imported.conditions.len(), written.conditions.len());
    for (a, b) in imported.conditions.iter().zip(&written.conditions) {
        assert_eq!(
            (a.name.as_str(), a.dalys, a.population),
            (b.name.as_str(), b.dalys, b.population),
            "{layout:?}"
        );
    }
    assert_eq!(imported.indicators.len(), written.indicators.len());
    for (a, b) in imported.indicators.iter().zip(&written.indicators) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.condition, b.condition, "{}: {layout:?}", a.name);
        assert_eq!(a.direction, b.direction, "{}: {layout:?}", a.name);
        assert_eq!(a.population, b.population);
        assert!(
            (a.baseline - b.baseline).abs() < 1e-15,
            "{}: {} vs {}",
            a.name,
            a.baseline,
            b.baseline
        );
        assert_eq!(a.annual_change, b.annual_change, "{}", a.name);
        assert_eq!(a.negotiated_target, None);
    }
    let d = compute(imported).minimum_impact.unwrap_or(f64::NAN);
    assert!((d - 0.079).abs() < 0.0005, "d = {d}");
}

#[test]
fn english_tool_with_cached_results() {
    let layout = Layout {
        cached: true,
        ..Layout::default()
    };
    let (written, imported) = import(layout);
    assert_same_inputs(&written, &imported.project, layout);
    // Every cached result (d, model targets, unit and present values) agrees with ours.
    let differences = imported
        .report
        .differences
        .clone()
        .expect("cached results were compared");
    assert!(differences.is_empty(), "{differences:?}");
    assert!(
        imported.report.compared >= 40,
        "compared {}",
        imported.report.compared
    );
    // Anemia is lower-is-better from the sign of d in its target formula, and says so.
    assert_eq!(imported.project.indicators[4].direction, Direction::Lower);
    let text = imported.report.to_text(Lang::En);
    assert!(
        text.contains(
            "Row 5: lower is better, from the sign of d in the target formula of column J"
        ),
        "{text}"
    );
    assert!(
        text.contains("Rows 1–10: condition from the unit-value formula in column B"),
        "{text}"
    );
    assert!(
        text.contains("Discount rate = 12.00% from the PV() formula in Targets!C4"),
        "{text}"
    );
}

#[test]
fn workbook_without_cached_results_imports_the_same() {
    let layout = Layout::default();
    let (written, imported) = import(layout);
    assert_same_inputs(&written, &imported.project, layout);
    assert_eq!(imported.report.differences, None);
    assert!(
        imported
            .report
            .to_text(Lang::En)
            .contains("held no computed results")
    );
}

#[test]
fn spanish_shifted_with_percent_text_and_census() {
    let layout = Layout {
        spanish: true,
        row0: 6,
        col0: 2,
        percent_text: true,
        census: true,
        cached: true,
        ..Layout::default()
    };
    let (written, imported) = import(layout);
    assert_same_inputs(&written, &imported.project, layout);
    let census = imported.project.census.as_ref().expect("census kept");
    assert_eq!(census.sheet_name, "Datos censales");
    assert_eq!(census.rows.len(), 4);
    let differences = imported.report.differences.clone().expect("compared");
    assert!(differences.is_empty(), "{differences:?}");
}

#[test]
fn tables_are_found_by_header_in_sheets_with_other_names() {
    let layout = Layout {
        anonymous_sheets: true,
        row0: 3,
        ..Layout::default()
    };
    let (written, imported) = import(layout);
    assert_same_inputs(&written, &imported.project, layout);
}

#[test]
fn a_values_only_copy_links_by_value_and_infers_direction_from_targets() {
    let layout = Layout {
        values_only: true,
        cached: true,
        ..Layout::default()
    };
    let (written, imported) = import(layout);
    assert_same_inputs(&written, &imported.project, layout);
    let text = imported.report.to_text(Lang::En);
    assert!(
        text.contains("because its unit value equals the condition's"),
        "{text}"
    );
    assert!(
        text.contains(
            "Row 5: lower is better, since the workbook's target lies below the counterfactual"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Horizon (years) = 20 from the header \"Value (20 yrs, 12% discount rate)\" \
            in Targets!C3"
        ),
        "{text}"
    );
}

fn workbook_with(build: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    build(&mut workbook);
    workbook.save(folder.path().join("bad.xlsx")).expect("save");
    folder
}

#[test]
fn a_missing_values_sheet_is_named() {
    let folder = workbook_with(|wb| {
        let sheet = wb.add_worksheet();
        sheet.set_name("Targets").expect("name");
        sheet.write_string(0, 0, "Indicator").expect("write");
    });
    // No table anywhere is the one thing refused, naming the sheets looked in.
    let error = import_xlsx(&folder.path().join("bad.xlsx")).expect_err("no table");
    assert!(matches!(error, ImportError::NoTable { .. }), "{error}");
    assert!(
        error
            .message(Lang::En)
            .contains("no Targets or Values table was found in its sheets (\"Targets\")"),
        "{error}"
    );
}

#[test]
fn text_where_a_number_belongs_names_sheet_and_cell() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("tool.xlsx");
    write_idb_workbook(&path, Layout::default());
    // Rewrite one DALYs cell as text by building the workbook again with a change.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let values = workbook.add_worksheet();
    values.set_name("Values").expect("name");
    for (c, h) in ["Condition", "DALYs", "Population"].iter().enumerate() {
        values.write_string(0, c as u16, *h).expect("write");
    }
    values
        .write_string(1, 0, "Maternal conditions")
        .expect("write");
    values
        .write_string(1, 1, "about 30 thousand")
        .expect("write");
    values.write_number(1, 2, 1_850_000.0).expect("write");
    let targets = workbook.add_worksheet();
    targets.set_name("Targets").expect("name");
    for (c, h) in ["Indicator", "Population", "Baseline", "Cost"]
        .iter()
        .enumerate()
    {
        targets.write_string(0, c as u16, *h).expect("write");
    }
    targets.write_string(1, 0, "mcpr").expect("write");
    targets.write_number(1, 1, 59_819.0).expect("write");
    targets.write_string(1, 2, "n/a").expect("write");
    targets.write_number(1, 3, 9_750_000.0).expect("write");
    workbook.save(&path).expect("save");
    // The workbook opens; each bad cell is named in the report and left for the user to type.
    let imported = import_xlsx(&path).expect("opens with its gaps marked");
    let text = imported.report.to_text(Lang::En);
    assert!(
        text.contains("Values!B2: \"about 30 thousand\" is not a number (DALYs)"),
        "{text}"
    );
    assert!(
        text.contains("Targets!C2: \"n/a\" is not a number (Baseline)"),
        "{text}"
    );
    assert!(imported.project.conditions[0].dalys.is_nan());
    assert!(imported.project.indicators[0].baseline.is_nan());
    let outcome = rbf_targets::model::compute(&imported.project);
    assert!(outcome.minimum_impact.is_none());
}

#[test]
fn corrupt_and_non_workbook_files_give_a_message() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("corrupt.xlsx");
    std::fs::write(&path, b"PK\x03\x04 this is not really a zip archive").expect("write");
    let text = import_xlsx(&path).expect_err("corrupt").to_string();
    assert!(
        text.contains("is not a workbook this program can read"),
        "{text}"
    );

    let empty = folder.path().join("empty.xlsx");
    std::fs::write(&empty, b"").expect("write");
    assert!(import_xlsx(&empty).is_err());

    let missing = folder.path().join("missing.xlsx");
    assert!(
        import_xlsx(&missing)
            .expect_err("missing")
            .message(Lang::En)
            .starts_with("cannot read")
    );
}

#[test]
fn every_inference_is_reported() {
    let (_, imported) = import(Layout {
        cached: true,
        ..Layout::default()
    });
    let kinds: Vec<LineKind> = imported
        .report
        .lines(Lang::En)
        .iter()
        .map(|(kind, _)| *kind)
        .collect();
    assert!(kinds.contains(&LineKind::Read) && kinds.contains(&LineKind::Inferred));
    // Nothing was assumed silently: the only warnings would name a row or an input.
    for warning in imported.report.warnings(Lang::En) {
        assert!(
            warning.contains("Row") || warning.contains("not found"),
            "{warning}"
        );
    }
}
