//! Workbooks this program did not write: made by `tests/data/workbooks/make_workbooks.py` with
//! openpyxl, and by LibreOffice opening, recalculating and saving them as .xlsx, .xls and .ods.
//! Each comes with the figures the script computed by hand from the inputs it wrote
//! (`NAME.expected.json`); LibreOffice's own d is recorded there too. The import must give every
//! input back, d and each model target within 1e-9, and the right direction on every row.

use rbf_targets::present::problem::reason;
use std::path::{Path, PathBuf};

use rbf_targets::i18n::Lang;
use rbf_targets::io::import::report::{SkipReason, TableKind};
use rbf_targets::io::{Choices, import_workbook, import_xlsx};
use rbf_targets::model::{Direction, compute};
use serde_json::Value;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/workbooks")
}

/// Every workbook with its expected figures.
fn workbooks() -> Vec<(PathBuf, Value)> {
    let mut found: Vec<(PathBuf, Value)> = std::fs::read_dir(folder())
        .expect("tests/data/workbooks")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            let expected: Value = serde_json::from_str(&text).expect("json");
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let workbook = folder().join(name.trim_end_matches(".expected.json"));
            (workbook, expected)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn check(path: &Path, expected: &Value) {
    let name = path.display();
    let imported = import_xlsx(path).unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::En)));
    let project = &imported.project;
    let program = &expected["program"];
    let inputs = [
        ("total_cost", project.program.total_cost),
        ("program_years", project.program.program_years),
        ("gni_per_capita", project.program.gni_per_capita),
        ("discount_rate", project.program.discount_rate),
        ("horizon_years", f64::from(project.program.horizon_years)),
    ];
    for (key, got) in inputs {
        match number(&program[key]) {
            Some(want) => assert!(close(got, want), "{name}: {key} {got} ≠ {want}"),
            None => assert!(got.is_nan(), "{name}: {key} should be missing, got {got}"),
        }
    }
    let conditions = expected["conditions"].as_array().expect("conditions");
    assert_eq!(project.conditions.len(), conditions.len(), "{name}");
    for (c, want) in project.conditions.iter().zip(conditions) {
        assert_eq!(c.name, want["name"].as_str().unwrap_or_default(), "{name}");
        assert!(
            close(c.dalys, number(&want["dalys"]).unwrap_or(f64::NAN)),
            "{name}: {c:?}"
        );
        assert!(
            close(
                c.population,
                number(&want["population"]).unwrap_or(f64::NAN)
            ),
            "{name}"
        );
    }
    let indicators = expected["indicators"].as_array().expect("indicators");
    assert_eq!(project.indicators.len(), indicators.len(), "{name}");
    let outcome = compute(project);
    for (i, (row, want)) in project.indicators.iter().zip(indicators).enumerate() {
        let what = format!("{name}, row {}", i + 1);
        assert_eq!(
            row.name,
            want["name"].as_str().unwrap_or_default(),
            "{what}"
        );
        assert_eq!(
            row.condition,
            want["condition"].as_str().unwrap_or_default(),
            "{what}"
        );
        let direction = match want["direction"].as_str() {
            Some("lower") => Direction::Lower,
            _ => Direction::Higher,
        };
        assert_eq!(row.direction, direction, "{what}");
        assert!(
            close(
                row.population,
                number(&want["population"]).unwrap_or(f64::NAN)
            ),
            "{what}"
        );
        assert!(
            close(row.baseline, number(&want["baseline"]).unwrap_or(f64::NAN)),
            "{what}: {}",
            row.baseline
        );
        let change = row.annual_change.unwrap_or(f64::NAN);
        assert!(
            close(change, number(&want["annual_change"]).unwrap_or(f64::NAN)),
            "{what}: {change}"
        );
        if let Some(target) = number(&want["model_target"]).filter(|_| expected["d"].is_number()) {
            let got = outcome.indicators[i]
                .targets
                .map_or(f64::NAN, |t| t.model_target);
            assert!(close(got, target), "{what}: model target {got} ≠ {target}");
        }
    }
    match number(&expected["d"]) {
        Some(d) => {
            let got = outcome.minimum_impact.unwrap_or(f64::NAN);
            assert!(close(got, d), "{name}: d {got} ≠ {d}");
            if let Some(libreoffice) = number(&expected["libreoffice_d"]) {
                assert!(
                    close(got, libreoffice),
                    "{name}: d {got}, LibreOffice {libreoffice}"
                );
            }
        }
        None => assert!(
            outcome.minimum_impact.is_none(),
            "{name}: d should not be computed"
        ),
    }
    // What is missing is said, and marked for the user to type in.
    let missing: Vec<&str> = imported
        .report
        .missing_inputs()
        .map(|i| {
            use rbf_targets::schema::Column;
            i.key()
        })
        .collect();
    let want_missing: Vec<&str> = expected["missing"]
        .as_array()
        .map(|m| m.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(missing, want_missing, "{name}");
    // Rows that are not indicators are skipped, each with its reason.
    let skipped: Vec<SkipReason> = imported
        .report
        .table(TableKind::Targets)
        .map(|t| t.skipped.iter().map(|s| s.why).collect())
        .unwrap_or_default();
    let want_skipped: Vec<String> = expected["skipped_rows"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let skipped: Vec<String> = skipped
        .iter()
        .map(|s| {
            serde_json::to_value(s)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(skipped, want_skipped, "{name}");
}

#[test]
fn workbooks_made_elsewhere_open_with_every_figure() {
    let all = workbooks();
    assert!(all.len() >= 19, "only {} workbooks", all.len());
    for (path, expected) in &all {
        check(path, expected);
    }
    // The three formats are all there.
    for extension in ["xlsx", "xls", "ods"] {
        assert!(
            all.iter()
                .any(|(p, _)| p.extension().is_some_and(|e| e == extension)),
            "no .{extension} workbook"
        );
    }
}

#[test]
fn appendix_wording_is_recognised_by_words_in_both_languages() {
    for (file, headers) in [
        (
            "appendix2_en.xlsx",
            [
                "Number of individuals in the catchment area",
                "Total cost of the program",
                "Annual change",
                "Estimated target",
            ],
        ),
        (
            "appendix2_es.xlsx",
            [
                "Número de individuos en el área de influencia",
                "Costo total del programa",
                "Cambio anual",
                "Meta estimada",
            ],
        ),
    ] {
        let imported = import_xlsx(&folder().join(file)).expect("import");
        let table = imported.report.table(TableKind::Targets).expect("targets");
        for header in headers {
            let column = table
                .columns
                .iter()
                .find(|c| c.header == header)
                .expect(header);
            assert!(column.column.is_some(), "{file}: {header} not used");
            assert!(column.how.is_some(), "{file}: {header}");
        }
        // The cost and trend come from the table, not the defaults.
        assert!(
            imported
                .report
                .lines(Lang::En)
                .iter()
                .all(|(_, l)| !l.contains("No annual-change column"))
        );
    }
}

#[test]
fn the_incomplete_workbook_opens_with_the_cost_marked() {
    let imported = import_xlsx(&folder().join("missing_cost.xlsx")).expect("opens");
    let outcome = compute(&imported.project);
    let problem = outcome
        .problem_at(
            rbf_targets::model::Location::Program,
            rbf_targets::model::Field::TotalCost,
        )
        .expect("the cost is marked");
    assert!(problem.is_error());
    assert!(
        reason(problem, Lang::En).contains("enter the total program cost"),
        "{}",
        reason(problem, Lang::En)
    );
    // Everything that does not depend on the cost is computed.
    assert!(
        outcome
            .indicators
            .iter()
            .all(|o| o.counterfactual.is_some() && o.value.is_some())
    );
    assert!(outcome.minimum_impact.is_none());
    let text = imported.report.to_text(Lang::En);
    assert!(
        text.contains("Total program cost: not found in the workbook"),
        "{text}"
    );
}

#[test]
fn hostile_formulas_are_refused_by_name_and_within_bounds() {
    let cases = [
        (
            "hostile_circular.xlsx",
            "Values!B3: it is part of a circular reference: Values!B3, Values!D3",
        ),
        ("hostile_deep_nesting.xlsx", "Values!B3: its formula is"),
        ("hostile_unary_chain.xlsx", "Values!B3: its formula is"),
    ];
    for (file, message) in cases {
        let imported = import_xlsx(&folder().join(file)).expect("opens");
        let text = imported.report.to_text(Lang::En);
        assert!(text.contains(message), "{file}: {text}");
        assert!(
            imported.project.program.gni_per_capita.is_nan(),
            "{file}: GNI is never a number"
        );
        assert!(
            text.contains("GNI per capita: Values!B3 (labelled"),
            "{file}: the input is marked: {text}"
        );
    }
    // A chain that references each cell twice is evaluated once per cell.
    let chain = import_xlsx(&folder().join("hostile_exponential_chain.xlsx")).expect("opens");
    assert_eq!(chain.project.program.gni_per_capita, 3370.0);
}

#[test]
fn a_column_chosen_by_hand_is_used() {
    // The trend column ignored by hand: every row falls back on the default, and the mapping
    // says it was chosen.
    let mut choices = Choices::default();
    choices.choose("Annual change", None);
    let path = folder().join("appendix2_en.xlsx");
    let imported = import_workbook(&path, &choices).expect("import");
    assert!(
        imported
            .project
            .indicators
            .iter()
            .all(|i| i.annual_change.is_none())
    );
    // Baseline read from the annual-change column instead, by hand.
    let mut choices = Choices::default();
    choices.choose("Baseline level", None);
    choices.choose("Annual change", Some("baseline"));
    let imported = import_workbook(&path, &choices).expect("import");
    assert_eq!(imported.project.indicators[0].baseline, 0.01);
    let table = imported.report.table(TableKind::Targets).expect("targets");
    let column = table
        .columns
        .iter()
        .find(|c| c.header == "Annual change")
        .expect("column");
    assert_eq!(
        column.how,
        Some(rbf_targets::io::import::report::Evidence::Chosen)
    );
}
