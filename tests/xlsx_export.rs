//! Exported workbooks: every input comes back on import, text stays text, and LibreOffice
//! recomputes the live formulas to our numbers.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use rbf_targets::i18n::Lang;
use rbf_targets::io::{ExportOptions, el_salvador_sample, export_xlsx, import_xlsx};
use rbf_targets::model::{CensusTable, Project, TableCell, Timing, compute};

/// The sample with every kind of input in use: weights, locks, a start-of-year stream, no
/// trend on some rows, a census sheet, and names that look like formulas.
fn rich_project() -> Project {
    let mut project = el_salvador_sample().expect("sample");
    project.program.timing = Timing::StartOfYear;
    project.program.required_ratio = 1.2;
    project.program.daly_multiple = 1.5;
    project.indicators[0].weight = 2.0;
    project.indicators[0].locked = true;
    project.indicators[3].negotiated_target = None;
    project.indicators[6].name = "=HYPERLINK(\"http://example.com\")".to_owned();
    project.indicators[7].name = "+1 visit, -2 days @ clinic".to_owned();
    project.metadata.notes = "-note that starts with a minus".to_owned();
    project.census = Some(CensusTable {
        sheet_name: "Census data".to_owned(),
        rows: vec![
            vec![
                TableCell::Text("Age group".into()),
                TableCell::Text("Women".into()),
                TableCell::Text("Men".into()),
            ],
            vec![
                TableCell::Text("0-4".into()),
                TableCell::Number(13_500.0),
                TableCell::Empty,
            ],
            vec![
                TableCell::Text("=not a formula".into()),
                TableCell::Number(1.5),
                TableCell::Number(2.0),
            ],
        ],
    });
    project
}

fn export(project: &Project, options: ExportOptions) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("targets.xlsx");
    export_xlsx(project, &path, options).expect("export");
    (folder, path)
}

#[test]
fn export_then_import_gives_back_every_input() {
    for project in [el_salvador_sample().expect("sample"), rich_project()] {
        let (_folder, path) = export(&project, ExportOptions::default());
        let imported = import_xlsx(&path).expect("import").project;
        assert_eq!(imported, project);
    }
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).expect("open").sheet_names()
}

#[test]
fn a_spanish_export_is_named_like_the_spanish_workbook_and_imports_the_same() {
    let project = rich_project();
    let spanish = ExportOptions {
        lang: Lang::Es,
        ..ExportOptions::default()
    };
    let (_folder, path) = export(&project, spanish);
    assert_eq!(
        sheet_names(&path),
        [
            "Metas",
            "Valores",
            "Sensibilidad",
            "Verificación",
            "Datos censales"
        ]
    );
    let mut workbook = open_workbook_auto(&path).expect("open");
    let targets = workbook.worksheet_range("Metas").expect("Metas");
    let texts: Vec<String> = targets
        .used_cells()
        .filter_map(|(_, _, cell)| match cell {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for expected in [
        "Costo total del programa",
        "Línea de base",
        "Meta final",
        "Relación beneficio-costo",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "no \"{expected}\" in {texts:?}"
        );
    }
    // Read back in English, the workbook gives the same project; the census sheet now has
    // the Spanish name.
    let imported = import_xlsx(&path).expect("import").project;
    let mut expected = project;
    if let Some(census) = &mut expected.census {
        census.sheet_name = "Datos censales".to_owned();
    }
    assert_eq!(imported, expected);
}

#[test]
fn analysis_inputs_survive_the_round_trip() {
    let path = format!(
        "{}/samples/chiapas_smi_followup.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut project = rbf_targets::io::load(Path::new(&path)).expect("Chiapas sample");
    project.program.survey_budget = Some(5_000.0);
    project.program.sensitivity.discount_rate = (0.05, 0.1);
    project.program.tranche = rbf_targets::model::TrancheRule::Steps(vec![(0.5, 0.5), (0.8, 1.0)]);
    project.indicators[0].survey.cluster_size = 12.0;
    project.indicators[0].survey.icc = 0.05;
    project.indicators[1].survey.deff = Some(1.8);
    project.indicators[1].survey.test = rbf_targets::model::TestKind::OneSample;
    project.indicators[2].survey.counterfactual_se = Some(0.02);
    project.indicators[3].payment_weight = 2.0;
    project.indicators[4].measurements[0] = Some(rbf_targets::model::Measurement {
        estimate: 0.9,
        spread: rbf_targets::model::Spread::StandardError(0.03),
    });
    project.indicators[5].measurements[1] = Some(rbf_targets::model::Measurement {
        estimate: 0.97,
        spread: rbf_targets::model::Spread::Interval {
            low: 0.93,
            high: 0.99,
        },
    });
    // Written in either language, read back the same (reading has no language).
    for written in Lang::ALL {
        let options = ExportOptions {
            lang: written,
            ..ExportOptions::default()
        };
        let (_folder, path) = export(&project, options);
        let imported = import_xlsx(&path).expect("import").project;
        assert_eq!(imported, project, "written in {written:?}");
    }
}

#[test]
fn export_without_cached_results_imports_the_same() {
    let project = rich_project();
    let (_folder, path) = export(
        &project,
        ExportOptions {
            cached_results: false,
            ..ExportOptions::default()
        },
    );
    let imported = import_xlsx(&path).expect("import");
    assert_eq!(imported.project, project);
    assert_eq!(imported.report.differences, None);
}

#[test]
fn text_that_looks_like_a_formula_is_written_as_text() {
    let (_folder, path) = export(&rich_project(), ExportOptions::default());
    let mut workbook = open_workbook_auto(&path).expect("open");
    let formulas = workbook.worksheet_formula("Targets").expect("formulas");
    let values = workbook.worksheet_range("Targets").expect("values");
    // Row 24 (0-based 23) holds the seventh indicator.
    assert_eq!(
        values.get_value((23, 0)),
        Some(&Data::String("=HYPERLINK(\"http://example.com\")".into()))
    );
    assert!(formulas.get_value((23, 0)).is_none_or(String::is_empty));
    let census = workbook.worksheet_formula("Census data").expect("census");
    assert!(census.get_value((2, 0)).is_none_or(String::is_empty));
}

#[test]
fn export_refuses_a_project_with_problems_and_writes_nothing() {
    let mut project = rich_project();
    project.indicators[2].baseline = 1.4;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("bad.xlsx");
    let error = rbf_targets::io::export_xlsx(&project, &path, ExportOptions::default())
        .expect_err("problems");
    let error = error.message(Lang::En);
    assert!(error.contains("Targets row 3"), "{error}");
    assert!(!path.exists());
    // Over a workbook already there: it keeps its bytes, and no temporary file is left.
    std::fs::write(&path, b"the workbook signed yesterday").expect("write");
    rbf_targets::io::export_xlsx(&project, &path, ExportOptions::default()).expect_err("problems");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"the workbook signed yesterday"
    );
    let files: Vec<_> = std::fs::read_dir(folder.path())
        .expect("folder")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(files, [std::ffi::OsString::from("bad.xlsx")]);
}

/// The work given to run while a workbook is written runs once, before the export returns,
/// whether the workbook is written, refused for its problems or cannot be written at all; the
/// workbook is the one a plain export writes.
#[test]
fn work_run_meanwhile_runs_once_whatever_the_export_does() {
    let folder = tempfile::tempdir().expect("temp dir");
    let written = folder.path().join("meanwhile.xlsx");
    let mut bad = rich_project();
    bad.indicators[2].baseline = 1.4;
    let cases = [
        (rich_project(), written.clone(), true),
        (bad, folder.path().join("bad.xlsx"), false),
        (
            rich_project(),
            folder.path().join("no folder/x.xlsx"),
            false,
        ),
    ];
    for (project, path, writes) in cases {
        let mut runs = 0;
        let exported = rbf_targets::io::export_xlsx_meanwhile(
            &project,
            &path,
            ExportOptions::default(),
            || runs += 1,
        );
        assert_eq!(runs, 1, "{}", path.display());
        assert_eq!(exported.is_ok(), writes, "{}", path.display());
        assert_eq!(path.exists(), writes, "{}", path.display());
    }
    let imported = import_xlsx(&written).expect("import").project;
    assert_eq!(imported, rich_project());
}

/// LibreOffice's `soffice`, if installed. `.ci/run` installs it; set RBF_REQUIRE_LIBREOFFICE=1
/// to make its absence a failure rather than a skipped check.
fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("soffice"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("RBF_REQUIRE_LIBREOFFICE").is_none(),
            "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui"
        );
        eprintln!("LibreOffice not installed: the recomputation check did not run");
    }
    found
}

/// Converts `input` with LibreOffice set to recompute every formula on load; returns the copy.
fn recompute_with_libreoffice(soffice: &Path, input: &Path, folder: &Path) -> PathBuf {
    let profile = folder.join("profile");
    std::fs::create_dir_all(profile.join("user")).expect("profile");
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            "\n",
            r#"<oor:items xmlns:oor="http://openoffice.org/2001/registry" "#,
            r#"xmlns:xs="http://www.w3.org/2001/XMLSchema" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "\n",
            r#"<item oor:path="/org.openoffice.Office.Calc/Formula/Load">"#,
            r#"<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>"#,
            "\n</oor:items>\n",
        ),
    )
    .expect("write profile");
    let out = folder.join("recomputed");
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .arg(input)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    out.join(input.file_name().expect("name"))
}

#[test]
fn libreoffice_recomputes_every_target_and_d_to_ours() {
    let Some(soffice) = soffice() else { return };
    let cases = [
        (Lang::En, el_salvador_sample().expect("sample")),
        (Lang::En, rich_project()),
        // The Spanish workbook's formulas point at 'Valores' instead of 'Values'.
        (Lang::Es, rich_project()),
    ];
    for (lang, project) in cases {
        let outcome = compute(&project);
        // No cached results: every number below was computed by LibreOffice.
        let (folder, path) = export(
            &project,
            ExportOptions {
                lang,
                cached_results: false,
            },
        );
        let recomputed = recompute_with_libreoffice(&soffice, &path, folder.path());
        let mut workbook = open_workbook_auto(&recomputed).expect("open LibreOffice's copy");
        let (targets, values) = match lang {
            Lang::En => ("Targets", "Values"),
            Lang::Es => ("Metas", "Valores"),
        };
        let targets = workbook.worksheet_range(targets).expect("Targets");
        let values = workbook.worksheet_range(values).expect("Values");
        let number =
            |range: &calamine::Range<Data>, row: u32, col: u32| match range.get_value((row, col)) {
                Some(Data::Float(f)) => *f,
                Some(Data::Int(i)) => *i as f64,
                other => panic!("no number at ({row}, {col}): {other:?}"),
            };
        let close = |what: &str, theirs: f64, ours: f64, relative: bool| {
            let scale = if relative { ours.abs().max(1.0) } else { 1.0 };
            assert!(
                (theirs - ours).abs() <= 1e-9 * scale,
                "{what}: LibreOffice {theirs}, ours {ours}"
            );
        };
        close(
            "d",
            number(&targets, 11, 1),
            outcome.minimum_impact.expect("d"),
            false,
        );
        close(
            "total benefit",
            number(&targets, 12, 1),
            outcome.total_benefit.expect("B"),
            true,
        );
        close(
            "benefit-cost ratio",
            number(&targets, 13, 1),
            outcome.benefit_cost_ratio.expect("BCR"),
            false,
        );
        close(
            "present value factor",
            number(&values, 7, 1),
            outcome.present_value_factor.expect("A"),
            false,
        );
        for (i, row) in outcome.indicators.iter().enumerate() {
            let r = 17 + i as u32;
            let t = row.targets.expect("targets");
            close(
                &format!("counterfactual {i}"),
                number(&targets, r, 9),
                row.counterfactual.expect("c"),
                false,
            );
            close(
                &format!("model target {i}"),
                number(&targets, r, 10),
                t.model_target,
                false,
            );
            close(
                &format!("bounded target {i}"),
                number(&targets, r, 11),
                t.bounded_target,
                false,
            );
            close(
                &format!("final target {i}"),
                number(&targets, r, 14),
                t.final_target,
                false,
            );
            close(
                &format!("benefit {i}"),
                number(&targets, r, 16),
                t.benefit,
                true,
            );
        }
        for (j, condition) in outcome.conditions.iter().enumerate() {
            let v = condition.expect("values");
            close(
                &format!("value V {j}"),
                number(&values, 10 + j as u32, 6),
                v.present_value,
                true,
            );
        }
    }
}
